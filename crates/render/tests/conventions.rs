//! The instruction conventions on a hand-written plan that exercises each
//! one: the parts list, arrows for added parts, a cutaway while a fill
//! goes in, a ghost and an arrow for a removed part, a ghost and a cut line
//! for a cut, the new colour for a painted part, tools and the badge.

use plan::request::Style;
use plan::Plan;
use render::picture::{step_items, ItemKind};
use render::style::Role;
use render::visibility::step_visibility;
use render::{step_svg, Guide, Mode};

fn plan() -> Plan {
    serde_json::from_value(serde_json::json!({
        "title": "Jar planter",
        "parts": [
            {"id": "jar", "name": "jar", "kind": "jar", "size": [10, 14, 10], "color": "#9fc5c0", "material": "plastic"},
            {"id": "soil", "name": "soil", "kind": "fill", "size": [1, 1, 1], "color": "#5b3a29", "material": "soil",
             "placement": {"relation": "in", "target": "jar"}},
            {"id": "lid", "name": "lid", "kind": "lid", "size": [10, 1.5, 10], "color": "#b0b0b0", "material": "metal",
             "placement": {"relation": "on", "target": "jar"}}
        ],
        "steps": [
            {"number": 1, "title": "Gather", "materials_only": true, "tools": ["scissors"]},
            {"number": 2, "title": "Jar", "ops": [{"op": "add", "part": "jar"}]},
            {"number": 3, "title": "Soil", "ops": [{"op": "fill", "part": "soil", "container": "jar", "level": 0.6}], "tools": ["trowel"]},
            {"number": 4, "title": "Lid on", "ops": [{"op": "add", "part": "lid"}]},
            {"number": 5, "title": "Lid off", "ops": [{"op": "remove", "part": "lid"}]},
            {"number": 6, "title": "Cut", "ops": [{"op": "cut", "part": "jar", "keep": "bottom", "fraction": 0.8}], "tools": ["knife"]},
            {"number": 7, "title": "Paint", "ops": [{"op": "paint", "part": "jar", "color": "#d04040"}], "tools": ["brush"]}
        ]
    }))
    .expect("a valid plan")
}

fn svg(guide: &Guide, index: usize) -> String {
    step_svg(guide, index, Mode::Picture(Style::Diagram)).expect("svg")
}

#[test]
fn each_convention_shows_in_its_step() {
    let plan = plan();
    assert!(plan::request::validate_plan(&plan, "plan").is_empty());
    let guide = Guide::new(&plan, 640, 480).expect("guide");

    // 1: a parts list with every material on a card, and the step's tool.
    let s = svg(&guide, 0);
    assert_eq!(s.matches(r#"class="material""#).count(), 3);
    assert!(s.contains(">lid</text>") && s.contains(r#"class="tool""#));
    assert!(s.contains(r#"class="badge""#) && s.contains(">1</text>"));

    // 2: the first part, nothing to point at yet.
    assert!(!svg(&guide, 1).contains(r#"class="arrow""#));

    // 3: the soil goes in: an arrow, and the jar is drawn see-through.
    let items = step_items(&guide, 2);
    let jar = items.iter().find(|i| i.part.id == "jar").expect("jar");
    assert!(jar.see_through && jar.role == Role::Context);
    assert!(svg(&guide, 2).contains(r#"class="arrow""#));
    let vis = step_visibility(&guide, 2).expect("visibility");
    assert!(vis.hidden.is_empty(), "the soil shows through: {vis:?}");

    // 4: the lid arrives with an arrow; the jar is opaque again.
    let items = step_items(&guide, 3);
    assert!(items.iter().all(|i| !i.see_through));
    assert!(svg(&guide, 3).contains(r#"class="arrow""#));

    // 5: the lid comes off: a ghost where it was, and an arrow.
    let items = step_items(&guide, 4);
    let ghost = items
        .iter()
        .find(|i| i.kind == ItemKind::Removed)
        .expect("ghost");
    assert_eq!((ghost.part.id.as_str(), ghost.role), ("lid", Role::Ghost));
    assert!(svg(&guide, 4).contains(r#"class="arrow""#));
    let vis = step_visibility(&guide, 4).expect("visibility");
    assert!(
        !vis.pixels.iter().any(|(id, _)| id == "lid"),
        "ghosts are not parts"
    );

    // 6: the cut: the kept piece, a ghost of the piece cut off, a cut line.
    let items = step_items(&guide, 5);
    let jar = items
        .iter()
        .find(|i| i.part.id == "jar" && i.kind == ItemKind::Part)
        .expect("jar");
    let off = items
        .iter()
        .find(|i| matches!(i.kind, ItemKind::CutAway { .. }))
        .expect("cut-away ghost");
    assert!(
        (off.boxes[0].min[1] - jar.boxes[0].max[1]).abs() < 1e-9,
        "the ghost sits on the cut"
    );
    assert!(svg(&guide, 5).contains(r#"class="cut-line""#));

    // 7: painted in its new colour (lit, so some shade of that red).
    let s = svg(&guide, 6);
    assert!(step_items(&guide, 6)
        .iter()
        .any(|i| i.part.color.rgb() == [0xd0, 0x40, 0x40]));
    // Some surface is drawn in a lit shade of that red (green and blue under
    // a third of red; the orange accent is not); before the paint, none is.
    let reds = |svg: &str| {
        svg.split("fill=\"#")
            .skip(1)
            .filter_map(|rest| {
                let hex = rest.get(..6)?;
                let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some((c(0)?, c(2)?, c(4)?))
            })
            .filter(|&(r, g, b)| {
                r > 120 && u16::from(g) * 3 < u16::from(r) && u16::from(b) * 3 < u16::from(r)
            })
            .count()
    };
    assert!(reds(&s) > 0, "the painted jar is red");
    assert_eq!(reds(&svg(&guide, 5)), 0, "and was not before");
    assert!(
        !s.contains(r#"class="cut-line""#),
        "the cut line belongs to step 6 only"
    );
}

#[test]
fn styles_differ_and_part_ids_have_no_antialiasing() {
    let guide = Guide::new(&plan(), 400, 300).expect("guide");
    let a = step_svg(&guide, 3, Mode::Picture(Style::Diagram)).expect("svg");
    let b = step_svg(&guide, 3, Mode::Picture(Style::Sketch)).expect("svg");
    let c = step_svg(&guide, 3, Mode::Picture(Style::Blueprint)).expect("svg");
    assert!(a != b && b != c && a != c);
    let ids = render::step_pixels(&guide, 3, Mode::PartIds { see_through: false }).expect("ids");
    for px in ids.data().chunks_exact(4) {
        let rgb = [px[0], px[1], px[2]];
        assert!(
            rgb == [255, 255, 255] || render::picture::part_index_of(rgb).is_some(),
            "{rgb:?} is neither background nor a part"
        );
    }
}
