//! Cumulative state: what is in view after each step.
//!
//! The state after step k is the fold of the operations of steps 1..=k over
//! the empty state, so it depends on nothing later. [`apply_step`] is that
//! fold's step function; [`state_after`] and [`states`] are the folds.

use serde::Serialize;

use crate::model::{
    AttachMethod, BendShape, Color, CutKeep, CutShape, FinishKind, Material, Operation, Part,
    PartId, PartKind, Placement, Plan, PlanStep, Relation, Tool,
};

/// A part as it looks after some step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartState {
    pub id: PartId,
    pub name: String,
    pub kind: PartKind,
    pub count: u32,
    /// Current `[width, height, depth]` in cm (cuts shorten it).
    pub size: [f64; 3],
    pub color: Color,
    pub material: Material,
    pub placement: Placement,
    /// Set for fill parts: the level (0..=1) of the container's height.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_level: Option<f64>,
    /// The last cut: which piece stayed and the fraction kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut: Option<(CutKeep, f64)>,
    #[serde(skip_serializing_if = "is_zero")]
    pub holes: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub finishes: Vec<FinishKind>,
    /// Parts this one is fixed to, with how.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attached_to: Vec<(PartId, AttachMethod)>,
    /// How many times the part was folded in half.
    #[serde(skip_serializing_if = "is_zero")]
    pub folds: u32,
    /// The last bend: what the part was bent, coiled or twisted into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bend: Option<BendShape>,
    /// The outline of the piece kept when a shape was cut out of the part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut_shape: Option<CutShape>,
    /// Parts this one is sewn to, in order; its own id when it was sewn
    /// shut (a pillow closed with a seam).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seams: Vec<PartId>,
    /// A soft good stuffed plump (with the part that stuffs it inside).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stuffed: bool,
    /// This part is stuffing, inside the soft good it is placed in.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stuffing: bool,
    /// Step that first brought the part into view.
    pub added_in: u32,
    /// Last step that changed the part (equal to `added_in` if none did).
    pub changed_in: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl PartState {
    /// A part as it looks when it first comes into view in `step`.
    pub fn from_part(part: &Part, step: u32) -> PartState {
        PartState {
            id: part.id.clone(),
            name: part.name.clone(),
            kind: part.kind,
            count: part.count,
            size: part.size,
            color: part.color.clone(),
            material: part.material,
            placement: part.placement.clone(),
            fill_level: (part.kind == PartKind::Fill).then_some(1.0),
            cut: None,
            holes: 0,
            finishes: Vec::new(),
            attached_to: Vec::new(),
            folds: 0,
            bend: None,
            cut_shape: None,
            seams: Vec::new(),
            stuffed: false,
            stuffing: false,
            added_in: step,
            changed_in: step,
        }
    }
}

/// Everything in view after a step, and what that step did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StepState {
    /// The step this is the state after; 0 is the empty state before step 1.
    pub step: u32,
    /// Parts in view, in the plan's part order.
    pub parts: Vec<PartState>,
    /// Parts that came into view in this step.
    pub new: Vec<PartId>,
    /// Parts already in view that this step changed (cut, painted, ...).
    pub changed: Vec<PartId>,
    /// Parts this step took away, as they looked just before.
    pub removed: Vec<PartState>,
    /// Tools this step uses.
    pub tools: Vec<Tool>,
    /// The step only lists materials.
    pub materials_only: bool,
    /// The step shows the finished build: everything in full colour,
    /// nothing faded or highlighted as new.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
}

impl PartState {
    /// Whether the part was sewn shut on itself.
    pub fn is_sewn_shut(&self) -> bool {
        self.seams.contains(&self.id)
    }
}

impl StepState {
    pub fn part(&self, id: &str) -> Option<&PartState> {
        self.parts.iter().find(|p| p.id == id)
    }

    pub fn is_visible(&self, id: &str) -> bool {
        self.part(id).is_some()
    }
}

/// The state after step `k` (0 = nothing yet). Steps past the end are
/// clamped to the last one.
pub fn state_after(plan: &Plan, k: usize) -> StepState {
    plan.steps
        .iter()
        .take(k)
        .fold(StepState::default(), |state, step| {
            apply_step(plan, &state, step)
        })
}

/// The states after every step, 1..=n, computed in one pass.
pub fn states(plan: &Plan) -> Vec<StepState> {
    let mut out: Vec<StepState> = Vec::with_capacity(plan.steps.len());
    for step in &plan.steps {
        let next = apply_step(plan, out.last().unwrap_or(&StepState::default()), step);
        out.push(next);
    }
    out
}

/// Applies one step's operations to the state before it.
pub fn apply_step(plan: &Plan, before: &StepState, step: &PlanStep) -> StepState {
    let n = step.number;
    let mut parts = before.parts.clone();
    let mut new = Vec::new();
    let mut changed = Vec::new();
    let mut removed = Vec::new();

    for op in &step.ops {
        if let Operation::Remove { part } = op {
            if let Some(i) = parts.iter().position(|p| &p.id == part) {
                removed.push(parts.remove(i));
                new.retain(|id| id != part);
                changed.retain(|id| id != part);
            }
            continue;
        }
        for id in op.parts() {
            if parts.iter().all(|p| &p.id != id) {
                if let Some(part) = plan.part(id) {
                    parts.push(PartState::from_part(part, n));
                    new.push(id.clone());
                }
            }
        }
        // What the operation does to its other part (the soft good a
        // stuffing goes into).
        if let Some(other) = other_part(op) {
            if let Some(state) = parts.iter_mut().find(|p| p.id == *other) {
                if apply_to_other(state, op) {
                    mark_changed(state, n, &mut changed);
                }
            }
        }
        let Some(state) = parts.iter_mut().find(|p| p.id == *op.part()) else {
            continue;
        };
        if apply_op(state, op) {
            mark_changed(state, n, &mut changed);
        }
    }

    // Report the step's net effect against the state before it: a part
    // taken away and brought back is changed, not new; one brought in and
    // taken away again was never in view, so it is not removed.
    for id in new.iter().filter(|id| before.is_visible(id)) {
        if !changed.contains(id) {
            changed.push(id.clone());
        }
    }
    new.retain(|id| !before.is_visible(id));
    let mut seen = Vec::new();
    removed.retain(|p: &PartState| {
        let first = !seen.contains(&p.id);
        seen.push(p.id.clone());
        first && before.is_visible(&p.id) && parts.iter().all(|q| q.id != p.id)
    });

    // Keep the plan's part order so the state does not depend on the order
    // in which operations happened to mention parts.
    parts.sort_by_key(|p| plan.parts.iter().position(|q| q.id == p.id));
    StepState {
        step: n,
        parts,
        new,
        changed,
        removed,
        tools: step.tools.clone(),
        materials_only: step.materials_only,
        complete: step.complete,
    }
}

fn mark_changed(state: &mut PartState, step: u32, changed: &mut Vec<PartId>) {
    state.changed_in = step;
    if state.added_in != step && !changed.contains(&state.id) {
        changed.push(state.id.clone());
    }
}

/// The part other than the subject that an operation changes, if any.
fn other_part(op: &Operation) -> Option<&PartId> {
    match op {
        Operation::Stuff { part, into } if part != into => Some(into),
        _ => None,
    }
}

/// Applies `op` to its other part ([`other_part`]); returns whether that
/// part visibly changed.
fn apply_to_other(state: &mut PartState, op: &Operation) -> bool {
    match op {
        Operation::Stuff { .. } => {
            if !state.stuffed {
                // Plumper: taller and deeper, and a flat cover (a pillow
                // case, a felt shape) at least a quarter as thick as it is
                // wide.
                state.size[1] *= STUFFED_GROWTH;
                state.size[2] *= STUFFED_GROWTH;
                let thin = thinnest_axis(state.size);
                let others = (0..3)
                    .filter(|a| *a != thin)
                    .map(|a| state.size[a])
                    .fold(f64::INFINITY, f64::min);
                if others.is_finite() {
                    state.size[thin] = state.size[thin].max(0.25 * others);
                }
            }
            state.stuffed = true;
            true
        }
        _ => false,
    }
}

/// How much taller and deeper stuffing makes a soft good.
pub const STUFFED_GROWTH: f64 = 1.3;

/// The axis along which a part is thinnest (the first of equals).
fn thinnest_axis(size: [f64; 3]) -> usize {
    let mut thin = 0;
    for axis in 1..3 {
        if size[axis] < size[thin] {
            thin = axis;
        }
    }
    thin
}

/// The longest, middle and thinnest sides of a part.
fn sorted_sides(size: [f64; 3]) -> [f64; 3] {
    let mut s = size;
    s.sort_by(|a, b| b.total_cmp(a));
    s
}

/// The size of a part of `size` after a bend into `shape`, lying on the
/// work surface with its long side along x: a bend folds the length into
/// an angle or hook, a coil winds it into a compact flat spiral (a fifth
/// of its length across), a twist
/// halves the length and doubles the thickness, a loop makes a ring.
/// `middle` is the width of a strip (a wire's is its thickness).
pub fn bent_size(size: [f64; 3], shape: BendShape) -> [f64; 3] {
    let [long, middle, thin] = sorted_sides(size);
    match shape {
        BendShape::Bend => [0.7 * long, middle, (0.35 * long).max(thin)],
        BendShape::Coil => {
            // Two or three turns of a flat spiral.
            let across = (long / 5.0).max(4.0 * thin);
            [across, middle, across]
        }
        BendShape::Twist => [0.5 * long, 2.0 * middle, 2.0 * middle],
        BendShape::Loop => {
            let across = (long / std::f64::consts::PI).max(2.0 * thin);
            [across, middle, across]
        }
    }
}

/// The size of a sheet of `size` after a shape is cut out of it: the piece
/// keeps the sheet's footprint (the outline is drawn inside it), except
/// that a strip is a quarter as wide as the sheet's narrower side.
pub fn shaped_size(size: [f64; 3], shape: CutShape) -> [f64; 3] {
    if shape != CutShape::Strip {
        return size;
    }
    let thin = thinnest_axis(size);
    let (a, b) = ((thin + 1) % 3, (thin + 2) % 3);
    let mut out = size;
    let side = if size[a] <= size[b] { a } else { b };
    out[side] *= 0.25;
    out
}

/// Most folds counted (more are no longer folds but a wad).
pub const MAX_FOLDS: u32 = 8;

/// Applies `op` to its subject; returns whether the subject visibly changed.
fn apply_op(state: &mut PartState, op: &Operation) -> bool {
    match op {
        Operation::Add { .. } | Operation::Remove { .. } => false,
        Operation::Cut {
            shape: Some(shape), ..
        } => {
            state.size = shaped_size(state.size, *shape);
            state.cut_shape = Some(*shape);
            true
        }
        Operation::Cut { keep, fraction, .. } => {
            let fraction = fraction.clamp(0.05, 1.0);
            match keep {
                CutKeep::Bottom | CutKeep::Top => state.size[1] *= fraction,
                CutKeep::Left | CutKeep::Right => state.size[0] *= fraction,
                CutKeep::Pieces => {
                    let long = if state.size[0] >= state.size[1] { 0 } else { 1 };
                    state.size[long] *= fraction;
                }
                CutKeep::Shape => {}
            }
            state.cut = Some((*keep, fraction));
            true
        }
        Operation::Paint { color, .. } | Operation::Stain { color, .. } => {
            state.color = color.clone();
            true
        }
        Operation::Fill {
            container, level, ..
        } => {
            state.fill_level = Some(level.clamp(0.0, 1.0));
            state.placement = Placement {
                relation: Relation::In,
                target: Some(container.clone()),
            };
            true
        }
        Operation::Attach { to, method, .. } => {
            if !state.attached_to.iter().any(|(id, _)| id == to) {
                state.attached_to.push((to.clone(), *method));
            }
            true
        }
        Operation::Drill { holes, .. } => {
            state.holes += holes;
            true
        }
        Operation::Wrap { around, .. } => {
            state.placement = Placement {
                relation: Relation::Around,
                target: Some(around.clone()),
            };
            true
        }
        Operation::Finish { finish, .. } => {
            if !state.finishes.contains(finish) {
                state.finishes.push(*finish);
            }
            true
        }
        Operation::Fold { folds, .. } => {
            let folds = (*folds).clamp(1, MAX_FOLDS);
            let total = (state.folds + folds).min(MAX_FOLDS);
            let done = total - state.folds;
            if done > 0 {
                // Each fold halves the width (the longer flat side when the
                // part is thinnest across its width) and doubles the
                // thickness.
                let thin = thinnest_axis(state.size);
                let along = if thin == 0 {
                    if state.size[1] >= state.size[2] {
                        1
                    } else {
                        2
                    }
                } else {
                    0
                };
                let k = f64::from(1u32 << done);
                state.size[along] /= k;
                state.size[thin] *= k;
            }
            state.folds = total;
            true
        }
        Operation::Bend { shape, .. } => {
            if state.bend.is_none() {
                state.size = bent_size(state.size, *shape);
            } else if state.bend != Some(*shape) {
                // Re-bent: from the length it had before the first bend.
                let straight = unbent_size(state.size, state.bend.unwrap_or_default());
                state.size = bent_size(straight, *shape);
            }
            state.bend = Some(*shape);
            true
        }
        Operation::Sew { part, to } => {
            if !state.seams.contains(to) {
                state.seams.push(to.clone());
            }
            if to != part && !state.attached_to.iter().any(|(id, _)| id == to) {
                state.attached_to.push((to.clone(), AttachMethod::Sew));
            }
            true
        }
        Operation::Stuff { part, into } => {
            if part != into {
                state.placement = Placement {
                    relation: Relation::In,
                    target: Some(into.clone()),
                };
                state.stuffing = true;
            }
            true
        }
    }
}

/// Roughly the straight size a part of `size` bent into `shape` (by
/// [`bent_size`]) had: its length back along x.
fn unbent_size(size: [f64; 3], shape: BendShape) -> [f64; 3] {
    let (across, middle) = (size[0], size[1]);
    let (length, middle) = match shape {
        BendShape::Bend => (across / 0.7, middle),
        BendShape::Coil => (across * 5.0, middle),
        BendShape::Twist => (across * 2.0, middle / 2.0),
        BendShape::Loop => (across * std::f64::consts::PI, middle),
    };
    [length, middle, middle]
}
