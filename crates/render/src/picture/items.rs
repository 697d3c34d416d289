//! What a step's picture holds: every part in view with its role, plus
//! ghosts of what the step took away or cut off.

use plan::layout::Aabb;
use plan::model::{CutKeep, Operation, PartKind, Relation};
use plan::state::PartState;

use crate::guide::Guide;
use crate::mesh::Face;
use crate::shapes::{craft, part_faces, ShapeContext};
use crate::style::Role;

/// Why an item is in the picture.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// A part in view after the step.
    Part,
    /// A part the step removed, where it was.
    Removed,
    /// The piece a cut took off, beside what was kept; for a shape cut
    /// out of a sheet (`keep` is `Shape`), the sheet it came out of.
    CutAway { keep: CutKeep },
}

/// One part (or ghost) to draw, with the boxes of its copies.
#[derive(Clone, Debug)]
pub struct Item {
    pub part: PartState,
    pub plan_index: usize,
    pub role: Role,
    pub kind: ItemKind,
    pub boxes: Vec<Aabb>,
    pub ctx: ShapeContext,
    /// The step brought this part into view.
    pub is_new: bool,
    /// Drawn see-through this step: something going into it is the step's
    /// action, and an opaque wall would hide it (a cutaway).
    pub see_through: bool,
}

impl Item {
    /// The faces of every copy.
    pub fn copies(&self) -> impl Iterator<Item = Vec<Face>> + '_ {
        self.boxes.iter().map(|b| {
            let mut faces = part_faces(&self.part, b, &self.ctx);
            if self.see_through {
                for face in &mut faces {
                    face.translucent = true;
                }
            }
            faces
        })
    }
}

/// Kinds drawn round (for shadows, ghosts and fills).
pub fn is_round(kind: PartKind) -> bool {
    use PartKind::*;
    matches!(
        kind,
        Can | Jar | Bottle | Cylinder | Tube | Pipe | Cone | Tire | Lid | Disc | Sphere | Torus
    )
}

/// The items of step `index`, parts first in plan order, then ghosts.
pub fn collect(guide: &Guide, index: usize) -> Vec<Item> {
    let state = &guide.states[index];
    let layout = &guide.layouts[index];
    let plan_index = |id: &str| {
        guide
            .plan
            .parts
            .iter()
            .position(|p| p.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut items = Vec::new();
    for (part, placed) in state.parts.iter().zip(&layout.parts) {
        let action = state.new.contains(&part.id) || state.changed.contains(&part.id);
        let Some(boxes) = stuffing_boxes(part, &placed.instances, state, layout) else {
            continue;
        };
        items.push(Item {
            part: part.clone(),
            plan_index: plan_index(&part.id),
            // A finished build is all in full colour, nothing marked new.
            role: match (state.complete, action) {
                (true, _) => Role::Listed,
                (false, true) => Role::Action,
                (false, false) => Role::Context,
            },
            kind: ItemKind::Part,
            boxes,
            ctx: context(part, &state.parts),
            is_new: state.new.contains(&part.id) && !state.complete,
            see_through: false,
        });
    }
    if state.complete {
        // No cutaways and no ghosts of what was taken away: the build as
        // it is.
        return items;
    }
    open_up_containers(&mut items);
    if index == 0 {
        return items;
    }
    let before = &guide.states[index - 1];
    let before_layout = &guide.layouts[index - 1];
    for gone in &state.removed {
        let Some(placed) = before_layout.get(&gone.id) else {
            continue;
        };
        items.push(Item {
            part: gone.clone(),
            plan_index: plan_index(&gone.id),
            role: Role::Ghost,
            kind: ItemKind::Removed,
            boxes: placed.instances.clone(),
            ctx: context(gone, &before.parts),
            is_new: false,
            see_through: false,
        });
    }
    for part in &state.parts {
        if let Some(item) = cut_away(guide, index, part, before) {
            items.push(item);
        }
    }
    items
}

/// Where stuffing is drawn: peeking out of its soft good while that is
/// open, not at all once it is sewn shut (it is inside, out of sight); any
/// other part where the layout put it.
fn stuffing_boxes(
    part: &PartState,
    boxes: &[Aabb],
    state: &plan::StepState,
    layout: &plan::layout::Layout,
) -> Option<Vec<Aabb>> {
    if !part.stuffing || part.placement.relation != Relation::In {
        return Some(boxes.to_vec());
    }
    let Some(host_id) = part.placement.target.as_deref() else {
        return Some(boxes.to_vec());
    };
    let (Some(host), Some(placed)) = (state.part(host_id), layout.get(host_id)) else {
        return Some(boxes.to_vec());
    };
    if host.is_sewn_shut() {
        return None;
    }
    Some(placed.instances.iter().map(craft::tuft_box).collect())
}

fn context(part: &PartState, parts: &[PartState]) -> ShapeContext {
    let host = part
        .placement
        .target
        .as_ref()
        .and_then(|t| parts.iter().find(|p| &p.id == t))
        .map(|p| p.kind);
    let open_top = parts.iter().any(|p| {
        p.id != part.id
            && p.placement.relation == Relation::In
            && p.placement.target.as_deref() == Some(part.id.as_str())
    });
    ShapeContext {
        open_top,
        host,
        relation: part.placement.relation,
        segments: if part.count > 8 { 12 } else { 24 },
    }
}

/// The ghost of the piece a cut in this step took off `part`.
fn cut_away(
    guide: &Guide,
    index: usize,
    part: &PartState,
    before: &plan::StepState,
) -> Option<Item> {
    let state = &guide.states[index];
    if !state.changed.contains(&part.id) && !state.new.contains(&part.id) {
        return None;
    }
    if let Some(item) = shape_offcut(guide, index, part, before) {
        return Some(item);
    }
    let (keep, _) = part.cut?;
    let old = before.part(&part.id).map(|p| p.size).unwrap_or(part.size);
    let placed = guide.layouts[index].get(&part.id)?;
    let axis = match keep {
        CutKeep::Bottom | CutKeep::Top => 1,
        CutKeep::Left | CutKeep::Right => 0,
        CutKeep::Pieces | CutKeep::Shape => return None,
    };
    let removed = old[axis] - part.size[axis];
    if removed <= 1e-6 || part.changed_in != state.step {
        return None;
    }
    let boxes = placed
        .instances
        .iter()
        .map(|b| {
            let (mut min, mut max) = (b.min, b.max);
            match keep {
                // The kept piece stays put; the ghost sits where the rest was.
                CutKeep::Left => {
                    min[0] = b.max[0];
                    max[0] = b.max[0] + removed;
                }
                CutKeep::Right => {
                    max[0] = b.min[0];
                    min[0] = b.min[0] - removed;
                }
                _ => {
                    min[1] = b.max[1];
                    max[1] = b.max[1] + removed;
                }
            }
            Aabb { min, max }
        })
        .collect();
    let mut ghost = part.clone();
    ghost.kind = if is_round(part.kind) {
        PartKind::Cylinder
    } else {
        PartKind::Box
    };
    ghost.holes = 0;
    Some(Item {
        part: ghost,
        plan_index: guide
            .plan
            .parts
            .iter()
            .position(|p| p.id == part.id)
            .unwrap_or(usize::MAX),
        role: Role::Ghost,
        kind: ItemKind::CutAway { keep },
        boxes,
        ctx: ShapeContext {
            open_top: false,
            host: None,
            relation: Relation::On,
            segments: 24,
        },
        is_new: false,
        see_through: false,
    })
}

/// The ghost of the sheet a shape was cut out of in this step: the sheet
/// as it was, under the piece kept (a heart in its square of felt).
fn shape_offcut(
    guide: &Guide,
    index: usize,
    part: &PartState,
    before: &plan::StepState,
) -> Option<Item> {
    part.cut_shape?;
    let cut_here = guide.plan.steps.get(index).is_some_and(|step| {
        step.ops.iter().any(
            |op| matches!(op, Operation::Cut { part: id, shape: Some(_), .. } if *id == part.id),
        )
    });
    if !cut_here {
        return None;
    }
    let plan_index = guide.plan.parts.iter().position(|p| p.id == part.id)?;
    let was = match before.part(&part.id) {
        Some(p) => p.size,
        None => guide.plan.parts[plan_index].size,
    };
    let placed = guide.layouts[index].get(&part.id)?;
    let boxes = placed
        .instances
        .iter()
        .map(|b| {
            let c = [(b.min[0] + b.max[0]) / 2.0, (b.min[2] + b.max[2]) / 2.0];
            let (hx, hz) = (
                (was[0] / 2.0).max((b.max[0] - b.min[0]) / 2.0),
                (was[2] / 2.0).max((b.max[2] - b.min[2]) / 2.0),
            );
            // Thinner than the piece, so the piece's top shows above it.
            let h = 0.5 * (b.max[1] - b.min[1]);
            Aabb {
                min: [c[0] - hx, b.min[1], c[1] - hz],
                max: [c[0] + hx, b.min[1] + h, c[1] + hz],
            }
        })
        .collect();
    let mut ghost = part.clone();
    ghost.kind = if is_round(part.kind) {
        PartKind::Cylinder
    } else {
        PartKind::Box
    };
    ghost.cut_shape = None;
    ghost.folds = 0;
    ghost.holes = 0;
    Some(Item {
        part: ghost,
        plan_index,
        role: Role::Ghost,
        kind: ItemKind::CutAway {
            keep: CutKeep::Shape,
        },
        boxes,
        ctx: ShapeContext {
            open_top: false,
            host: None,
            relation: Relation::On,
            segments: 24,
        },
        is_new: false,
        see_through: false,
    })
}

/// Marks as see-through every container that holds, at any depth, a part
/// this step adds or changes.
fn open_up_containers(items: &mut [Item]) {
    let holder = |items: &[Item], i: usize| -> Option<usize> {
        let p = &items[i].part.placement;
        if p.relation != Relation::In {
            return None;
        }
        let target = p.target.as_ref()?;
        items.iter().position(|x| &x.part.id == target)
    };
    for i in 0..items.len() {
        if items[i].role != Role::Action {
            continue;
        }
        let mut at = i;
        for _ in 0..items.len() {
            let Some(h) = holder(items, at) else {
                break;
            };
            if h == i || items[h].role == Role::Action {
                break;
            }
            items[h].see_through = true;
            at = h;
        }
    }
}
