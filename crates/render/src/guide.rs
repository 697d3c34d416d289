//! A guide prepared for drawing: the plan, every step's state and layout,
//! and the one camera they share.

use plan::layout::{layout, Aabb, Layout};
use plan::model::Framing;
use plan::state::{states, StepState};
use plan::Plan;

use crate::camera::{Camera, Rect};
use crate::error::RenderError;

pub const MIN_SIDE: u32 = 256;
pub const MAX_SIDE: u32 = 2048;

/// Everything needed to draw any step of one guide at one size.
#[derive(Clone, Debug)]
pub struct Guide {
    pub plan: Plan,
    pub states: Vec<StepState>,
    pub layouts: Vec<Layout>,
    pub camera: Camera,
    pub width: u32,
    pub height: u32,
}

impl Guide {
    /// Lays out every step and fits the camera to everything any step
    /// shows (the finished build, and parts removed on the way), grown to
    /// the plan's `framing` when it has one (see
    /// [`crate::revision::framing_box`]).
    pub fn new(plan: &Plan, width: u32, height: u32) -> Result<Guide, RenderError> {
        for (field, value) in [("width", width), ("height", height)] {
            if !(MIN_SIDE..=MAX_SIDE).contains(&value) {
                return Err(RenderError::Size { field, value });
            }
        }
        let (plan, states, layouts) = laid_out(plan);
        let framed = framed_box(build_bounds(&layouts), plan.framing.as_ref());
        let camera = Camera::fit(&framed, build_frame(width, height));
        Ok(Guide {
            plan,
            states,
            layouts,
            camera,
            width,
            height,
        })
    }

    pub fn step_count(&self) -> usize {
        self.states.len()
    }

    /// Line widths, fonts and icons scale with the picture's smaller side
    /// (768 px is 1.0).
    pub fn unit(&self) -> f64 {
        f64::from(self.width.min(self.height)) / 768.0
    }
}

/// The plan as drawn ([`crate::drawable::drawable_plan`]), the state after
/// each of its steps and each state's layout: what [`Guide::new`] and
/// [`crate::revision`] work from.
pub(crate) fn laid_out(plan: &Plan) -> (Plan, Vec<StepState>, Vec<Layout>) {
    let plan = crate::drawable::drawable_plan(plan);
    let states = states(&plan);
    let layouts = states.iter().map(|s| layout(&s.parts)).collect();
    (plan, states, layouts)
}

/// The build's own bounds: the union of the bounds of every step that shows
/// a part, or a 10 cm cube at the origin when none does.
pub(crate) fn build_bounds(layouts: &[Layout]) -> Aabb {
    layouts
        .iter()
        .filter(|l| !l.parts.is_empty())
        .map(|l| l.bounds)
        .reduce(|a, b| a.union(&b))
        .unwrap_or(Aabb {
            min: [0.0; 3],
            max: [10.0; 3],
        })
}

/// The box the camera is fitted to: the build's `bounds`, grown to hold
/// `framing` when it is a usable box (finite, `min` not above `max`). The
/// build is always inside it, so a framing smaller than the build never
/// cuts the build off; an unusable framing (which the plan validator
/// refuses) is ignored.
pub(crate) fn framed_box(bounds: Aabb, framing: Option<&Framing>) -> Aabb {
    let usable = |f: &&Framing| {
        (0..3).all(|k| f.min[k].is_finite() && f.max[k].is_finite() && f.min[k] <= f.max[k])
    };
    match framing.filter(usable) {
        Some(f) => bounds.union(&Aabb {
            min: f.min,
            max: f.max,
        }),
        None => bounds,
    }
}

/// Where the build is drawn: the picture less room for the step badge (top
/// left) and the tool column (right). Fixed for the guide, whatever a
/// step's tools, so the camera never moves.
pub fn build_frame(width: u32, height: u32) -> Rect {
    let (w, h) = (f64::from(width), f64::from(height));
    let unit = w.min(h) / 768.0;
    let tools = 118.0 * unit;
    [
        0.05 * w + 40.0 * unit,
        0.06 * h + 56.0 * unit,
        w - tools - 0.04 * w,
        h - 0.07 * h,
    ]
}
