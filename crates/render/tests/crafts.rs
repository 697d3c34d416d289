//! The craft operations on a hand-written plan that uses each one: a shape
//! cut out of felt, a fold, a seam, stuffing, a seam closing the pillow,
//! wire coiled, twisted, looped and bent, and a last step that shows the
//! finished build. Each change shows in its step's picture: in the geometry
//! (pixels per part), in the overlays and in the finished step's look.

use plan::request::Style;
use plan::Plan;
use render::picture::{step_items, ItemKind};
use render::style::Role;
use render::visibility::step_visibility;
use render::{step_svg, Guide, Mode};

fn plan() -> Plan {
    serde_json::from_value(serde_json::json!({
        "title": "Felt pillow",
        "parts": [
            {"id": "pillow", "name": "pillow cover", "kind": "fabric", "size": [24, 0.5, 24],
             "color": "#f2e6d0", "material": "fabric"},
            {"id": "fibre", "name": "fibre fill", "kind": "fill", "size": [8, 8, 8],
             "color": "#ffffff", "material": "fibre", "placement": {"relation": "in", "target": "pillow"}},
            {"id": "heart", "name": "red felt", "kind": "fabric", "size": [10, 0.3, 10],
             "color": "#d8433c", "material": "fabric", "placement": {"relation": "on", "target": "pillow"}},
            {"id": "tag", "name": "felt tag", "kind": "fabric", "size": [12, 0.3, 8],
             "color": "#e8b730", "material": "fabric", "placement": {"relation": "right", "target": "pillow"}},
            {"id": "wire", "name": "wire", "kind": "wire", "size": [0.5, 0.5, 40],
             "color": "#8c8f94", "material": "metal", "placement": {"relation": "in_front", "target": "pillow"}}
        ],
        "steps": [
            {"number": 1, "title": "Felt", "ops": [{"op": "add", "part": "heart"}, {"op": "add", "part": "tag"}]},
            {"number": 2, "title": "Cut", "ops": [{"op": "cut", "part": "heart", "shape": "heart"}], "tools": ["scissors"]},
            {"number": 3, "title": "Fold", "ops": [{"op": "fold", "part": "tag"}]},
            {"number": 4, "title": "Sew on", "ops": [{"op": "sew", "part": "heart", "to": "pillow"}]},
            {"number": 5, "title": "Stuff", "ops": [{"op": "stuff", "part": "fibre", "into": "pillow"}]},
            {"number": 6, "title": "Close", "ops": [{"op": "sew", "part": "pillow", "to": "pillow"}]},
            {"number": 7, "title": "Wire", "ops": [{"op": "add", "part": "wire"}]},
            {"number": 8, "title": "Coil", "ops": [{"op": "bend", "part": "wire", "shape": "coil"}]},
            {"number": 9, "title": "Done", "ops": [{"op": "attach", "part": "wire", "to": "pillow", "method": "tie"}],
             "complete": true}
        ]
    }))
    .expect("a valid plan")
}

fn svg(guide: &Guide, index: usize) -> String {
    step_svg(guide, index, Mode::Picture(Style::Diagram)).expect("svg")
}

/// Pixels of part `id` in the part-id picture of step `index`.
fn pixels(guide: &Guide, index: usize, id: &str) -> u64 {
    step_visibility(guide, index)
        .expect("visibility")
        .pixels
        .iter()
        .find(|(p, _)| p == id)
        .map_or(0, |(_, n)| *n)
}

#[test]
fn each_craft_operation_shows_in_its_step() {
    let plan = plan();
    assert!(plan::request::validate_plan(&plan, "plan").is_empty());
    let guide = Guide::new(&plan, 640, 480).expect("guide");

    // 2: the heart is cut out of its square of felt: fewer pixels, the
    // square as a ghost, the heart's outline as a cut line.
    assert!(pixels(&guide, 1, "heart") < pixels(&guide, 0, "heart") * 9 / 10);
    let items = step_items(&guide, 1);
    assert!(items
        .iter()
        .any(|i| i.part.id == "heart" && matches!(i.kind, ItemKind::CutAway { .. })));
    assert!(svg(&guide, 1).contains(r#"class="cut-line""#));
    assert!(!svg(&guide, 2).contains(r#"class="cut-line""#));

    // 3: the tag folded in half: half the footprint (the open flap shows
    // a little more than half the pixels), and a curved arrow for the fold.
    let (flat, folded) = (pixels(&guide, 1, "tag"), pixels(&guide, 2, "tag"));
    assert!(
        folded < flat * 85 / 100 && folded > flat / 3,
        "{flat} -> {folded}"
    );
    let before = &guide.layouts[1].get("tag").expect("tag").instances[0];
    let after = &guide.layouts[2].get("tag").expect("tag").instances[0];
    assert!((after.size()[0] - before.size()[0] / 2.0).abs() < 1e-9);
    assert!(svg(&guide, 2).contains(r#"class="arrow curved""#));

    // 4: sewn on: a stitched line on the heart, in the cut-line red while it
    // is sewn, and a needle although the step names no tool.
    let s = svg(&guide, 3);
    assert!(s.contains(r#"class="seam" data-part="heart""#), "{s}");
    assert!(s.contains(r##"stroke="#d62828""##));
    assert!(s.contains(">needle and thread</text>"));
    // Later: still stitched, in thread colour.
    let later = svg(&guide, 6);
    assert!(later.contains(r#"class="seam" data-part="heart""#));
    assert!(!later.contains(r##"stroke="#d62828""##));

    // 5: stuffed: the pillow is taller and shows more, and the stuffing
    // peeks out of it.
    let flat = &guide.layouts[3].get("pillow").expect("pillow").instances[0];
    let plump = &guide.layouts[4].get("pillow").expect("pillow").instances[0];
    assert!(
        plump.size()[1] > 4.0 * flat.size()[1],
        "{flat:?} -> {plump:?}"
    );
    assert!(pixels(&guide, 4, "pillow") > pixels(&guide, 3, "pillow"));
    let items = step_items(&guide, 4);
    let fibre = items.iter().find(|i| i.part.id == "fibre").expect("fibre");
    assert!(fibre.boxes[0].max[1] > plump.max[1], "peeks out of the top");
    assert!(pixels(&guide, 4, "fibre") > 0);

    // 6: sewn shut: a seam round the pillow and the stuffing out of sight.
    let s = svg(&guide, 5);
    assert!(s.contains(r#"class="seam" data-part="pillow""#));
    assert!(step_items(&guide, 5).iter().all(|i| i.part.id != "fibre"));
    assert_eq!(pixels(&guide, 5, "fibre"), 0);

    // 8: coiled: the wire is far more compact than it was straight, and a
    // curved arrow and pliers show the bend.
    let straight = &guide.layouts[6].get("wire").expect("wire").instances[0];
    let coiled = &guide.layouts[7].get("wire").expect("wire").instances[0];
    assert!(
        coiled.size()[0].max(coiled.size()[2]) < 0.5 * straight.size()[0].max(straight.size()[2])
    );
    let s = svg(&guide, 7);
    assert!(s.contains(r#"class="arrow curved""#));
    assert!(s.contains(">pliers</text>"));
}

#[test]
fn the_complete_step_shows_everything_in_full_colour() {
    let guide = Guide::new(&plan(), 640, 480).expect("guide");
    let last = guide.step_count() - 1;
    assert!(guide.states[last].complete);
    let items = step_items(&guide, last);
    assert!(!items.is_empty());
    for item in &items {
        assert_eq!(item.kind, ItemKind::Part, "no ghosts: {}", item.part.id);
        assert_eq!(item.role, Role::Listed, "{} in full colour", item.part.id);
        assert!(!item.is_new && !item.see_through);
    }
    let s = svg(&guide, last);
    assert!(!s.contains(r#"class="arrow"#), "no arrows");
    assert!(!s.contains(r#"class="cut-line""#));
    assert!(!s.contains("data-xray"));
    // The seams are part of the build.
    assert!(s.contains(r#"class="seam""#));

    // The same step, not marked complete, highlights its change and fades
    // the rest.
    let mut plan = plan();
    plan.steps[last].complete = false;
    let guide = Guide::new(&plan, 640, 480).expect("guide");
    let items = step_items(&guide, last);
    assert!(items.iter().any(|i| i.role == Role::Context));
    assert!(items.iter().any(|i| i.role == Role::Action));
}

#[test]
fn every_craft_step_shows_its_parts_in_every_style() {
    let guide = Guide::new(&plan(), 512, 384).expect("guide");
    for index in 0..guide.step_count() {
        let vis = step_visibility(&guide, index).expect("visibility");
        assert_eq!(vis.stray_pixels, 0);
        assert!(vis.not_in_view.is_empty(), "step {}", index + 1);
        let state = &guide.states[index];
        for id in &vis.hidden {
            // Only the stuffing, once the pillow is sewn shut.
            assert_eq!(id, "fibre", "step {}: {id} hidden", index + 1);
            assert!(state.part("pillow").is_some_and(|p| p.is_sewn_shut()));
        }
        for style in [Style::Diagram, Style::Sketch, Style::Blueprint] {
            let s = step_svg(&guide, index, Mode::Picture(style)).expect("svg");
            assert!(s.ends_with("</svg>"));
        }
    }
}
