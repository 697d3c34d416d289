//! Cumulative state: what is in view after each step.
//!
//! The state after step k is the fold of the operations of steps 1..=k over
//! the empty state, so it depends on nothing later. [`apply_step`] is that
//! fold's step function; [`state_after`] and [`states`] are the folds.

use serde::Serialize;

use crate::model::{
    AttachMethod, Color, CutKeep, FinishKind, Material, Operation, Part, PartId, PartKind,
    Placement, Plan, PlanStep, Relation, Tool,
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
        let Some(state) = parts.iter_mut().find(|p| p.id == *op.part()) else {
            continue;
        };
        if apply_op(state, op) {
            state.changed_in = n;
            if state.added_in != n && !changed.contains(&state.id) {
                changed.push(state.id.clone());
            }
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
    }
}

/// Applies `op` to its subject; returns whether the subject visibly changed.
fn apply_op(state: &mut PartState, op: &Operation) -> bool {
    match op {
        Operation::Add { .. } | Operation::Remove { .. } => false,
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
    }
}
