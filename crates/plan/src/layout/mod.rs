//! The layout solver: turns placements (relations between parts) into 3D
//! boxes, one per copy of each part.
//!
//! Units are centimetres, y is up and the ground is y = 0. Parts are placed
//! one at a time, each after the part it is placed relative to and otherwise
//! in the given (plan) order, so a part's position depends only on itself, its
//! chain of targets and the siblings placed before it at the same target
//! (and on whatever it would collide with). That keeps positions stable from
//! one step's state to the next. The solver is deterministic and never
//! panics; placement cycles are broken by treating the parts on a cycle as
//! roots.
//!
//! Where each relation puts a part (per copy size `[w, h, d]`):
//!
//! - no target (or one not in the list, or on a cycle): on the ground, roots
//!   side by side along +x from x = 0 with a gap of 20% of the wider (at
//!   least 2 cm), centred on z = 0;
//! - `On`: on the target's top, centred; later siblings go beside earlier
//!   ones while they fit on the top, else they stack on them;
//! - `In`: on the target's inner floor (walls and floor 3% of its size), or
//!   on the fill already in it, sunk a little; a `Fill` part fills the inner
//!   footprint from the floor (or the earlier fill) up to `fill_level` of the
//!   target's height; a part in a fill stands on the fill's top, sunk in;
//! - `Under` (and a `Leg` `AttachedTo` its target): below the target, copies
//!   spread over its footprint (four legs at the corners); the target and all
//!   on it are lifted by the tallest stack under it;
//! - `Beside` / `Right`, `Left`, `Behind`, `InFront`: +x, -x, -z, +z of the
//!   target (past earlier siblings on that side) with a small gap, resting at
//!   the target's base height;
//! - `Around`: a band a little larger than the target's footprint, centred
//!   on its middle (no taller than the target); copies stack up it;
//! - `AttachedTo`: on the target's back face (-z), copies spread evenly
//!   along it; later siblings go beside or above earlier ones. A flat
//!   board attached to a flat board lying down (or to a wall standing on
//!   one) stands on that floor as a wall instead, on its first free rim:
//!   left and right running the floor's depth, then back and front between
//!   them, as height the smaller of its own length and width; so "nail the
//!   sides to the floor, the front and back to the sides" builds a box.
//!
//! A part with the same count N > 1 as its target goes one copy per target
//! copy (3 jars in 3 clamps) for `In`, `On`, `Around`, `AttachedTo` and
//! `Under`; otherwise copies are laid out in a row (a near-square grid when
//! N > 4) with small gaps and placed as one group relative to all of the
//! target's copies. Counts are clamped to 1..=256 copies and sizes that are
//! not finite or not positive count as 1 cm.
//!
//! After its wanted position is found, every group (and then every copy) is
//! pushed until it overlaps nothing placed before that it may not overlap
//! (see [`may_overlap`]): up for `On`, `In` and `Around`, -x for `Left`, -z
//! for `Behind`, +z for `InFront` and +x for everything else. Touching faces
//! are not overlap.

mod geom;
mod graph;
mod place;

use serde::Serialize;

use crate::model::PartId;
use crate::state::PartState;

pub use geom::Aabb;

/// One part's boxes: one per copy (`count`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlacedPart {
    pub id: PartId,
    pub instances: Vec<Aabb>,
}

/// Where every part of a state sits.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Layout {
    /// Same order as the input.
    pub parts: Vec<PlacedPart>,
    /// Holds every instance; a zero box at the origin when there are none.
    pub bounds: Aabb,
}

impl Layout {
    /// The first placed part with this id.
    pub fn get(&self, id: &str) -> Option<&PlacedPart> {
        self.parts.iter().find(|p| p.id == id)
    }
}

/// Lays out `parts` (a state's parts, in plan order).
pub fn layout(parts: &[PartState]) -> Layout {
    let boxes = place::Solver::new(parts).solve();
    let parts: Vec<PlacedPart> = parts
        .iter()
        .zip(boxes)
        .map(|(p, instances)| PlacedPart {
            id: p.id.clone(),
            instances,
        })
        .collect();
    let bounds = geom::union_all(parts.iter().flat_map(|p| &p.instances)).unwrap_or(Aabb {
        min: [0.0; 3],
        max: [0.0; 3],
    });
    Layout { parts, bounds }
}

/// Whether the solver lets `a` and `b` share volume: one is (transitively)
/// `In` / `Around` the other; or either is a `Fill` in a container that
/// holds the other (soil and the pot standing in it); or either is `Around`
/// something that holds the other (tape around a jar and the plant in it).
/// Targets resolve as in [`layout`] (cycles and missing targets make roots);
/// a part is found in `parts` by identity, else by id. A part never may
/// overlap itself, so copies of one part never overlap.
pub fn may_overlap(a: &PartState, b: &PartState, parts: &[PartState]) -> bool {
    if std::ptr::eq(a, b) {
        return false;
    }
    let find = |x: &PartState| {
        parts
            .iter()
            .position(|p| std::ptr::eq(p, x))
            .or_else(|| parts.iter().position(|p| p.id == x.id))
    };
    match (find(a), find(b)) {
        (Some(i), Some(j)) => graph::Graph::new(parts).may_overlap(i, j),
        (ia, ib) => {
            // Judge parts missing from the list as if they were appended.
            let mut all = parts.to_vec();
            let i = ia.unwrap_or_else(|| {
                all.push(a.clone());
                all.len() - 1
            });
            let j = match ib {
                Some(j) => j,
                None if b.id == a.id && ia.is_none() => return false,
                None => {
                    all.push(b.clone());
                    all.len() - 1
                }
            };
            graph::Graph::new(&all).may_overlap(i, j)
        }
    }
}

#[cfg(test)]
mod tests;
