//! The part-id checks, on every step of every example and dev-set project:
//! each part in view has pixels or is hidden inside (or wrapped in)
//! another, directly or through what it is fixed to, and this step's own parts are drawn (as an x-ray if hidden), no pixel
//! belongs to a part that arrives later, and one camera frames every step.

mod common;

use plan::model::Relation;
use plan::request::Style;
use plan::Plan;
use render::camera::corners;
use render::guide::build_frame;
use render::visibility::step_visibility;
use render::{step_svg, Guide, Mode};

fn check(name: &str, plan: &Plan) {
    let guide = Guide::new(plan, 512, 384).expect("guide");
    let frame = build_frame(guide.width, guide.height);
    for index in 0..guide.step_count() {
        let state = &guide.states[index];
        let vis = step_visibility(&guide, index).expect("visibility");
        let at = format!("{name} step {}", state.step);
        assert_eq!(vis.stray_pixels, 0, "{at}: pixels of no part");
        if vis.materials_only {
            for part in &plan.parts {
                assert!(
                    vis.not_in_view.contains(&part.id) || state.is_visible(&part.id),
                    "{at}: material {} missing from the parts list",
                    part.id
                );
            }
            continue;
        }
        assert!(
            vis.not_in_view.is_empty(),
            "{at}: future parts drawn: {:?}",
            vis.not_in_view
        );
        // A hidden part is either inside something in view, or one of this
        // step's own parts, which the picture then draws as an x-ray.
        let picture = step_svg(&guide, index, Mode::Picture(Style::Diagram)).expect("svg");
        for id in &vis.hidden {
            let part = state.part(id).expect("hidden part is in view");
            // Inside something in view, directly or through what it is
            // fixed to (a cord fixed to a socket set in a lid).
            let mut inside = false;
            let mut link = Some(part);
            for _ in 0..state.parts.len() {
                let Some(p) = link else { break };
                let target = p.placement.target.as_ref();
                if p.placement.relation == Relation::In
                    && target.is_some_and(|t| state.is_visible(t))
                {
                    inside = true;
                    break;
                }
                link = target.and_then(|t| state.part(t));
            }
            let wrapped = state.parts.iter().any(|p| {
                p.placement.relation == Relation::Around && p.placement.target.as_ref() == Some(id)
            });
            let xrayed = picture.contains(&format!(r#"data-xray="{id}""#));
            let action = state.new.contains(id) || state.changed.contains(id);
            assert!(
                inside || wrapped || xrayed,
                "{at}: {id} has no pixels, is not inside or wrapped in anything and is not x-rayed"
            );
            assert!(
                !action || xrayed,
                "{at}: {id} is this step's part but hidden"
            );
        }
        // One camera for the guide, and every step's parts inside the frame
        // it was fitted to.
        for placed in &guide.layouts[index].parts {
            for b in &placed.instances {
                for c in corners(b) {
                    let p = guide.camera.project(c);
                    assert!(
                        p[0] >= frame[0] - 0.5
                            && p[0] <= frame[2] + 0.5
                            && p[1] >= frame[1] - 0.5
                            && p[1] <= frame[3] + 0.5,
                        "{at}: {} leaves the frame",
                        placed.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_example_step_shows_its_parts_and_nothing_from_later() {
    for (name, plan) in common::example_plans() {
        check(&name, &plan);
    }
}

#[test]
fn every_dev_set_step_shows_its_parts_and_nothing_from_later() {
    for (name, plan) in common::dev_set_plans() {
        check(&name, &plan);
    }
}

#[test]
fn the_camera_is_fitted_to_the_finished_build_not_to_each_step() {
    let (_, plan) = common::example_plans()
        .into_iter()
        .next()
        .expect("an example");
    let whole = Guide::new(&plan, 640, 480).expect("guide");
    let mut first = plan.clone();
    first.steps.truncate(1);
    let first_only = Guide::new(&first, 640, 480).expect("guide");
    // A guide of only step 1 frames less, so its camera differs; the full
    // guide's camera is the one every step is drawn with.
    assert_ne!(whole.camera, first_only.camera);
    assert_eq!(
        whole.camera,
        Guide::new(&plan, 640, 480).expect("guide").camera
    );
}
