//! A guide prepared for drawing: the plan, every step's state and layout,
//! and the one camera they share.

use plan::layout::{layout, Aabb, Layout};
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
    /// shows (the finished build, and parts removed on the way).
    pub fn new(plan: &Plan, width: u32, height: u32) -> Result<Guide, RenderError> {
        for (field, value) in [("width", width), ("height", height)] {
            if !(MIN_SIDE..=MAX_SIDE).contains(&value) {
                return Err(RenderError::Size { field, value });
            }
        }
        let plan = &crate::drawable::drawable_plan(plan);
        let states = states(plan);
        let layouts: Vec<Layout> = states.iter().map(|s| layout(&s.parts)).collect();
        let bounds = layouts
            .iter()
            .filter(|l| !l.parts.is_empty())
            .map(|l| l.bounds)
            .reduce(|a, b| a.union(&b))
            .unwrap_or(Aabb {
                min: [0.0; 3],
                max: [10.0; 3],
            });
        let camera = Camera::fit(&bounds, build_frame(width, height));
        Ok(Guide {
            plan: plan.clone(),
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
