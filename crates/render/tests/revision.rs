//! Editing a plan redraws only the steps whose picture the edit changed:
//! `keep_framing` keeps the camera still across an edit when the new build
//! fits the old framing, and `changed_steps` names exactly the steps whose
//! picture differs.

use plan::model::{Color, Framing, Operation, Relation};
use plan::request::Style;
use plan::Plan;
use render::camera::Camera;
use render::guide::build_frame;
use render::revision::{changed_steps, framing_box, keep_framing};
use render::Guide;
use serde_json::json;

const W: u32 = 640;
const H: u32 = 480;

/// A board on the ground, a tall bottle beside it, a can on the board, a
/// jar on the ground at the end of the row; the can is painted and the
/// board sanded in a finished last step.
fn shelf() -> Plan {
    serde_json::from_value(json!({
        "title": "Bottle shelf",
        "parts": [
            {"id": "board", "name": "pine board", "kind": "board", "size": [40, 2, 30],
             "color": "#c8a26b", "material": "wood"},
            {"id": "bottle", "name": "wine bottle", "kind": "bottle", "size": [8, 30, 8],
             "color": "#3d7a4a", "material": "glass"},
            {"id": "can", "name": "tin can", "kind": "can", "size": [7, 10, 7],
             "color": "#9aa0a6", "material": "metal",
             "placement": {"relation": "on", "target": "board"}},
            {"id": "jar", "name": "mason jar", "kind": "jar", "size": [8, 12, 8],
             "color": "#cfe3ea", "material": "glass"}
        ],
        "steps": [
            {"number": 1, "title": "Board", "ops": [{"op": "add", "part": "board"}]},
            {"number": 2, "title": "Bottle", "ops": [{"op": "add", "part": "bottle"}]},
            {"number": 3, "title": "Can", "ops": [{"op": "add", "part": "can"}]},
            {"number": 4, "title": "Jar", "ops": [{"op": "add", "part": "jar"}]},
            {"number": 5, "title": "Paint", "ops": [{"op": "paint", "part": "can", "color": "#2255cc"}],
             "tools": ["brush"]},
            {"number": 6, "title": "Sand", "ops": [{"op": "finish", "part": "board", "finish": "sand"}],
             "tools": ["sandpaper"], "complete": true}
        ]
    }))
    .expect("a valid plan")
}

/// The same build with a first step that only lists the materials.
fn shelf_with_materials_step() -> Plan {
    let mut plan = shelf();
    plan.steps.insert(
        0,
        serde_json::from_value(json!({
            "number": 1, "title": "Gather", "materials_only": true, "tools": ["brush"]
        }))
        .expect("a valid step"),
    );
    for (i, step) in plan.steps.iter_mut().enumerate() {
        step.number = i as u32 + 1;
    }
    plan
}

fn valid(plan: &Plan) {
    let errors = plan::request::validate_plan(plan, "plan");
    assert!(errors.is_empty(), "{errors:?}");
}

fn changed(old: &Plan, new: &Plan) -> Vec<usize> {
    changed_steps(old, new, W, H, Style::Diagram).expect("both plans draw")
}

/// `new` after `keep_framing(old, new)`, checked to be idempotent and to
/// leave a valid plan.
fn edited(old: &Plan, mut new: Plan) -> Plan {
    keep_framing(old, &mut new);
    let once = new.clone();
    keep_framing(old, &mut new);
    assert_eq!(new, once, "keep_framing is idempotent");
    valid(&new);
    new
}

fn part_mut<'a>(plan: &'a mut Plan, id: &str) -> &'a mut plan::Part {
    plan.parts
        .iter_mut()
        .find(|p| p.id == id)
        .expect("a part of the plan")
}

#[test]
fn the_test_plans_are_valid() {
    valid(&shelf());
    valid(&shelf_with_materials_step());
}

#[test]
fn renaming_a_part_changes_no_built_step() {
    let old = shelf();
    let mut new = old.clone();
    part_mut(&mut new, "can").name = "soup can".into();
    let new = edited(&old, new);
    assert_eq!(new.framing, Some(as_framing(framing_box(&old))));
    assert_eq!(changed(&old, &new), Vec::<usize>::new());
}

#[test]
fn renaming_a_part_changes_only_the_materials_list() {
    let old = shelf_with_materials_step();
    let mut new = old.clone();
    part_mut(&mut new, "can").name = "soup can".into();
    let new = edited(&old, new);
    assert!(new.framing.is_some());
    assert_eq!(changed(&old, &new), [0]);

    // A change past what a card shows (21 characters and "…") shows
    // nowhere.
    let mut long = old.clone();
    part_mut(&mut long, "jar").name = "wide-mouth mason jar with a lid".into();
    let mut longer = long.clone();
    part_mut(&mut longer, "jar").name = "wide-mouth mason jar with no lid".into();
    let longer = edited(&long, longer);
    assert_eq!(changed(&long, &longer), Vec::<usize>::new());
}

#[test]
fn a_new_relation_changes_its_step_and_the_steps_after() {
    let old = shelf();
    let mut new = old.clone();
    // The jar, added in step 4, goes on the board instead of the ground.
    part_mut(&mut new, "jar").placement.relation = Relation::On;
    part_mut(&mut new, "jar").placement.target = Some("board".into());
    let new = edited(&old, new);
    assert_eq!(
        new.framing,
        Some(as_framing(framing_box(&old))),
        "the build shrank a little: the framing is kept"
    );
    assert_eq!(changed(&old, &new), [3, 4, 5]);
    // Without the kept framing the camera refits to the narrower build and
    // every step moves.
    let mut refit = new.clone();
    refit.framing = None;
    assert_eq!(changed(&old, &refit), [0, 1, 2, 3, 4, 5]);

    // The same edit with the materials list first: its cards do not show
    // placements, so they stay too.
    let old = shelf_with_materials_step();
    let mut new = old.clone();
    part_mut(&mut new, "jar").placement.relation = Relation::On;
    part_mut(&mut new, "jar").placement.target = Some("board".into());
    let new = edited(&old, new);
    assert!(new.framing.is_some());
    assert_eq!(changed(&old, &new), [4, 5, 6]);
}

#[test]
fn a_new_paint_colour_changes_the_steps_from_the_paint_step_on() {
    let old = shelf();
    let mut new = old.clone();
    new.steps[4].ops[0] = Operation::Paint {
        part: "can".into(),
        color: Color("#cc3322".into()),
    };
    let new = edited(&old, new);
    assert!(new.framing.is_some());
    assert_eq!(changed(&old, &new), [4, 5]);
}

#[test]
fn a_part_ten_times_bigger_refits_the_camera_and_redraws_every_step() {
    let old = shelf();
    let mut new = old.clone();
    part_mut(&mut new, "bottle").size = [80.0, 300.0, 80.0];
    let new = edited(&old, new);
    assert_eq!(
        new.framing, None,
        "the build no longer fits the old framing"
    );
    assert_eq!(changed(&old, &new), [0, 1, 2, 3, 4, 5]);
}

#[test]
fn a_build_much_smaller_than_the_framing_refits_the_camera() {
    let old = shelf();
    let mut new = old.clone();
    for part in &mut new.parts {
        part.size = part.size.map(|v| v / 4.0);
    }
    let new = edited(&old, new);
    assert_eq!(new.framing, None, "the build would be drawn a quarter size");
    assert_eq!(changed(&old, &new), [0, 1, 2, 3, 4, 5]);
}

#[test]
fn an_unchanged_plan_changes_no_step() {
    for old in [shelf(), shelf_with_materials_step()] {
        let new = edited(&old, old.clone());
        assert_eq!(new.framing, Some(as_framing(framing_box(&old))));
        assert_eq!(changed(&old, &new), Vec::<usize>::new());
        assert_eq!(changed(&old, &old), Vec::<usize>::new());
        // Editing again from the edited plan keeps the same framing.
        assert_eq!(edited(&new, new.clone()), new);
    }
}

#[test]
fn a_framing_equal_to_the_builds_bounds_draws_the_same() {
    let plan = shelf();
    let mut framed = plan.clone();
    framed.framing = Some(as_framing(framing_box(&plan)));
    valid(&framed);
    assert_eq!(framing_box(&framed), framing_box(&plan));
    assert_eq!(changed(&plan, &framed), Vec::<usize>::new());

    // A framing inside the build never cuts it off: the camera still
    // takes in the whole build.
    framed.framing = Some(Framing {
        min: [1.0, 1.0, -1.0],
        max: [2.0, 2.0, 1.0],
    });
    assert_eq!(framing_box(&framed), framing_box(&plan));
    assert_eq!(changed(&plan, &framed), Vec::<usize>::new());

    // A larger one moves the camera: every step is drawn smaller.
    let b = framing_box(&plan);
    framed.framing = Some(Framing {
        min: b.min,
        max: [b.max[0] + 20.0, b.max[1], b.max[2]],
    });
    assert_eq!(changed(&plan, &framed), [0, 1, 2, 3, 4, 5]);
}

#[test]
fn framing_box_is_what_the_guide_fits_its_camera_to() {
    let plan = shelf();
    let guide = Guide::new(&plan, W, H).expect("guide");
    assert_eq!(
        guide.camera,
        Camera::fit(&framing_box(&plan), build_frame(W, H))
    );
    let mut framed = plan.clone();
    let b = framing_box(&plan);
    framed.framing = Some(Framing {
        min: [b.min[0] - 10.0, b.min[1], b.min[2]],
        max: [b.max[0], b.max[1] + 5.0, b.max[2]],
    });
    let guide = Guide::new(&framed, W, H).expect("guide");
    assert_eq!(
        guide.camera,
        Camera::fit(&framing_box(&framed), build_frame(W, H))
    );
    assert_eq!(framing_box(&framed).min[0], b.min[0] - 10.0);
    assert_eq!(framing_box(&framed).max[1], b.max[1] + 5.0);
}

#[test]
fn a_kept_framing_survives_a_json_round_trip() {
    let old = shelf();
    let mut new = old.clone();
    part_mut(&mut new, "jar").placement.relation = Relation::On;
    part_mut(&mut new, "jar").placement.target = Some("board".into());
    let new = edited(&old, new);
    let text = serde_json::to_string(&new).expect("serializes");
    let back: Plan = serde_json::from_str(&text).expect("parses back");
    assert_eq!(back, new);
    assert_eq!(changed(&old, &back), [3, 4, 5]);
}

#[test]
fn a_different_number_of_steps_changes_every_step() {
    let old = shelf();
    let mut new = old.clone();
    new.steps.pop();
    assert_eq!(changed(&old, &new), [0, 1, 2, 3, 4]);
    assert_eq!(changed(&new, &old), [0, 1, 2, 3, 4, 5]);
}

#[test]
fn sizes_out_of_range_are_errors() {
    let plan = shelf();
    let err = changed_steps(&plan, &plan, 100, H, Style::Diagram).expect_err("too narrow");
    assert!(matches!(
        err,
        render::RenderError::Size {
            field: "width",
            value: 100
        }
    ));
}

fn as_framing(b: plan::layout::Aabb) -> Framing {
    Framing {
        min: b.min,
        max: b.max,
    }
}
