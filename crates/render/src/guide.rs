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
        let plan = &fit_contents(&coil_flexible_parts(plan));
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

/// Strings, ropes, wires and light strings are given by their length (a
/// 2 m twine), which laid out straight would dwarf the build and shrink
/// everything else in the picture. They are drawn coiled or looped instead:
/// no side longer than 1.2 times the largest rigid part (or their target).
fn coil_flexible_parts(plan: &Plan) -> Plan {
    use plan::model::PartKind;
    let flexible = |k: PartKind| {
        matches!(
            k,
            PartKind::String | PartKind::Rope | PartKind::Wire | PartKind::Lights
        )
    };
    let largest_rigid = plan
        .parts
        .iter()
        .filter(|p| !flexible(p.kind))
        .flat_map(|p| p.size)
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let mut plan = plan.clone();
    let sizes: Vec<(String, [f64; 3])> =
        plan.parts.iter().map(|p| (p.id.clone(), p.size)).collect();
    for part in plan.parts.iter_mut().filter(|p| flexible(p.kind)) {
        let target = part
            .placement
            .target
            .as_ref()
            .and_then(|t| sizes.iter().find(|(id, _)| id == t))
            .map(|(_, s)| s.iter().copied().fold(0.0f64, f64::max));
        let limit = 1.2 * target.unwrap_or(largest_rigid).max(1.0);
        if largest_rigid > 0.0 || target.is_some() {
            for v in &mut part.size {
                *v = v.min(limit);
            }
        }
    }
    plan
}

/// A part put `In` a container (a shelf board in a crate, a candle in a
/// jar) goes inside it, whatever its nominal size: its footprint is
/// narrowed to the container's inner footprint so it does not poke through
/// the walls. Fills are sized by the layout already.
fn fit_contents(plan: &Plan) -> Plan {
    use plan::model::{PartKind, Relation};
    let mut plan = plan.clone();
    let sizes: Vec<(String, [f64; 3])> =
        plan.parts.iter().map(|p| (p.id.clone(), p.size)).collect();
    for part in plan.parts.iter_mut() {
        if part.placement.relation != Relation::In || part.kind == PartKind::Fill {
            continue;
        }
        let Some((_, host)) = part
            .placement
            .target
            .as_ref()
            .and_then(|t| sizes.iter().find(|(id, _)| id == t))
        else {
            continue;
        };
        for axis in [0, 2] {
            let inner = 0.9 * host[axis];
            if inner > 0.0 && part.size[axis] > inner {
                part.size[axis] = inner;
            }
        }
    }
    plan
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
