//! Placing parts one by one: the wanted position from the part's relation,
//! then a push out of anything it may not overlap.

use crate::model::{PartKind, Relation};
use crate::state::PartState;

use super::geom::{sanitize_size, union_all, Aabb, EPS};
use super::graph::Graph;

/// More copies than this are laid out as this many.
pub(crate) const MAX_COPIES: usize = 256;
/// Wall and floor thickness of a container, as a fraction of its size.
const WALL: f64 = 0.03;
/// Gap left when a part is pushed sideways out of another.
const PUSH_GAP: f64 = 0.5;

/// A direction a part is pushed in until it is clear: axis and sign.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Dir(usize, f64);

const UP: Dir = Dir(1, 1.0);
const RIGHT: Dir = Dir(0, 1.0);
const LEFT: Dir = Dir(0, -1.0);
const BACK: Dir = Dir(2, -1.0);
const FRONT: Dir = Dir(2, 1.0);

/// The sides a part can be placed to, relative to its target.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    Right,
    Left,
    Behind,
    InFront,
}

/// A side of a floor board that a wall stands on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Rim {
    Left,
    Right,
    Back,
    Front,
}

pub(crate) struct Solver<'a> {
    parts: &'a [PartState],
    graph: Graph,
    sizes: Vec<[f64; 3]>,
    counts: Vec<usize>,
    boxes: Vec<Option<Vec<Aabb>>>,
    last_root: Option<usize>,
    /// The floor each part stands on as a wall, if it does.
    wall_of: Vec<Option<usize>>,
    /// The rims of floors that walls already stand on.
    rims_taken: Vec<(usize, Rim)>,
}

impl<'a> Solver<'a> {
    pub fn new(parts: &'a [PartState]) -> Solver<'a> {
        Solver {
            parts,
            graph: Graph::new(parts),
            sizes: parts.iter().map(|p| sanitize_size(p.size)).collect(),
            counts: parts
                .iter()
                .map(|p| (p.count as usize).clamp(1, MAX_COPIES))
                .collect(),
            boxes: vec![None; parts.len()],
            last_root: None,
            wall_of: vec![None; parts.len()],
            rims_taken: Vec::new(),
        }
    }

    /// Places every part; returns each part's instance boxes in input order.
    pub fn solve(mut self) -> Vec<Vec<Aabb>> {
        let order = self.graph.order.clone();
        for i in order {
            let boxes = self.place(i);
            self.boxes[i] = Some(boxes);
        }
        self.boxes
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    }

    fn placed(&self, i: usize) -> &[Aabb] {
        self.boxes[i].as_deref().unwrap_or(&[])
    }

    /// Instance boxes of earlier-placed children of `t` that `keep` accepts.
    fn sibling_boxes(&self, t: usize, i: usize, keep: impl Fn(usize) -> bool) -> Vec<Aabb> {
        self.graph.children[t]
            .iter()
            .filter(|&&c| c != i && keep(c))
            .flat_map(|&c| self.placed(c).iter().copied())
            .collect()
    }

    fn place(&mut self, i: usize) -> Vec<Aabb> {
        let blockers: Vec<Aabb> = (0..self.parts.len())
            .filter(|&j| j != i && !self.graph.may_overlap(i, j))
            .flat_map(|j| self.placed(j).iter().copied())
            .collect();

        let Some(t) = self.graph.target[i].filter(|&t| !self.placed(t).is_empty()) else {
            return self.place_root(i, &blockers);
        };
        let rel = self.graph.relation[i];
        let under = self.graph.is_under(i);
        if rel == Relation::AttachedTo && !under {
            if let Some(walls) = self
                .floor_of(i, t)
                .and_then(|f| self.walls(i, f, &blockers))
            {
                return walls;
            }
        }
        let target_boxes = self.placed(t).to_vec();
        let k = self.counts[i];
        let paired = target_boxes.len() > 1
            && target_boxes.len() == k
            && (under
                || matches!(
                    rel,
                    Relation::In | Relation::On | Relation::Around | Relation::AttachedTo
                ));
        let refs: Vec<Aabb> = if paired {
            target_boxes
        } else {
            union_all(&target_boxes).into_iter().collect()
        };
        let per_ref = if paired { 1 } else { k };

        let mut out: Vec<Aabb> = Vec::with_capacity(k);
        for r in &refs {
            let (mut unit, dir) = if under {
                (self.under(i, r, per_ref), RIGHT)
            } else {
                match rel {
                    Relation::On => (self.on(i, t, r, per_ref, &blockers), UP),
                    Relation::In if self.graph.kind[i] == PartKind::Fill => {
                        (self.fill(i, t, r, per_ref), UP)
                    }
                    Relation::In => (self.inside(i, t, r, per_ref, &blockers), UP),
                    Relation::Around => (self.around(i, r, per_ref), UP),
                    Relation::AttachedTo => (self.attached(i, t, r, per_ref, &blockers), RIGHT),
                    Relation::Beside | Relation::Right => {
                        (self.side(i, t, r, per_ref, Side::Right), RIGHT)
                    }
                    Relation::Left => (self.side(i, t, r, per_ref, Side::Left), LEFT),
                    Relation::Behind => (self.side(i, t, r, per_ref, Side::Behind), BACK),
                    Relation::InFront => (self.side(i, t, r, per_ref, Side::InFront), FRONT),
                    Relation::Under => (self.under(i, r, per_ref), RIGHT),
                }
            };
            lift_above_ground(&mut unit);
            let gap = if dir == UP { 0.0 } else { PUSH_GAP };
            let against: Vec<Aabb> = blockers.iter().chain(&out).copied().collect();
            push_clear(&mut unit, &against, dir, |_| gap);
            // Copies of one part must not overlap each other either.
            for inst in unit {
                let mut one = [inst];
                let against: Vec<Aabb> = blockers.iter().chain(&out).copied().collect();
                push_clear(&mut one, &against, dir, |_| gap);
                out.push(one[0]);
            }
        }
        out
    }

    /// Whether a part is a flat board or sheet lying down (its height the
    /// smallest of its sizes by far).
    fn is_flat_board(&self, i: usize) -> bool {
        let [w, h, d] = self.sizes[i];
        matches!(
            self.graph.kind[i],
            PartKind::Board | PartKind::Plank | PartKind::Slat
        ) && h <= 0.35 * w.min(d)
    }

    /// The floor a flat board attached to `t` stands on as a wall: `t`
    /// itself when it is a flat board lying down ("nail the sides to the
    /// floor"), or the floor `t` stands on when `t` is a wall ("nail the
    /// front to the sides").
    fn floor_of(&self, i: usize, t: usize) -> Option<usize> {
        if !self.is_flat_board(i) {
            return None;
        }
        match self.wall_of[t] {
            Some(floor) => Some(floor),
            None if self.is_flat_board(t) && self.placed(t).len() == 1 => Some(t),
            None => None,
        }
    }

    /// Copies of a board standing as walls on the free rims of a floor
    /// (left, right, back, front), as a box, planter or birdhouse is
    /// built: left and right walls run the floor's depth, back and front
    /// walls fit between them. `None` when the rims are taken.
    fn walls(&mut self, i: usize, floor: usize, blockers: &[Aabb]) -> Option<Vec<Aabb>> {
        let r = union_all(self.placed(floor))?;
        let [w, thick, d] = self.sizes[i];
        let rs = r.size();
        let height = w.min(d).max(thick);
        let free: Vec<Rim> = [Rim::Left, Rim::Right, Rim::Back, Rim::Front]
            .into_iter()
            .filter(|rim| !self.rims_taken.contains(&(floor, *rim)))
            .collect();
        let k = self.counts[i];
        if free.len() < k || rs[0] <= 2.0 * thick || rs[2] <= 2.0 * thick {
            return None;
        }
        let y = r.max[1];
        let boxes: Vec<Aabb> = free[..k]
            .iter()
            .map(|rim| match rim {
                Rim::Left => Aabb::from_min_size([r.min[0], y, r.min[2]], [thick, height, rs[2]]),
                Rim::Right => {
                    Aabb::from_min_size([r.max[0] - thick, y, r.min[2]], [thick, height, rs[2]])
                }
                Rim::Back => Aabb::from_min_size(
                    [r.min[0] + thick, y, r.min[2]],
                    [rs[0] - 2.0 * thick, height, thick],
                ),
                Rim::Front => Aabb::from_min_size(
                    [r.min[0] + thick, y, r.max[2] - thick],
                    [rs[0] - 2.0 * thick, height, thick],
                ),
            })
            .collect();
        // Something else already stands there: leave it to the usual rules.
        if boxes.iter().any(|b| blockers.iter().any(|o| b.overlaps(o))) {
            return None;
        }
        for rim in &free[..k] {
            self.rims_taken.push((floor, *rim));
        }
        self.wall_of[i] = Some(floor);
        Some(boxes)
    }

    /// Roots stand on the ground side by side along +x, centred on z = 0.
    fn place_root(&mut self, i: usize, blockers: &[Aabb]) -> Vec<Aabb> {
        let (unit, gsize) = row_group(self.sizes[i], self.counts[i]);
        let x = match self.last_root.and_then(|r| union_all(self.placed(r))) {
            Some(prev) => prev.max[0] + root_gap(prev.size()[0], gsize[0]),
            None => 0.0,
        };
        let mut unit = translate_all(&unit, [x, self.graph.lift[i], -gsize[2] / 2.0]);
        let w = gsize[0];
        push_clear(&mut unit, blockers, RIGHT, |b| root_gap(b.size()[0], w));
        self.last_root = Some(i);
        unit
    }

    /// On the target's top, sharing it with earlier siblings; stacked on
    /// them when there is no room.
    fn on(&self, i: usize, t: usize, r: &Aabb, k: usize, blockers: &[Aabb]) -> Vec<Aabb> {
        let (unit, gsize) = row_group(self.sizes[i], k);
        let base = r.max[1] + self.graph.lift[i];
        let c = r.center();
        let start = [c[0] - gsize[0] / 2.0, base, c[2] - gsize[2] / 2.0];
        let region = [[r.min[0], r.max[0]], [r.min[2], r.max[2]]];
        let siblings = self.sibling_boxes(t, i, |s| {
            self.graph.relation[s] == Relation::On && !self.graph.is_under(s)
        });
        self.pack_or_stack(&unit, gsize, start, [0, 2], region, &siblings, blockers, i)
    }

    /// Inside the target on its inner floor (or on the fill already in it),
    /// sharing the floor with earlier siblings.
    fn inside(&self, i: usize, t: usize, r: &Aabb, k: usize, blockers: &[Aabb]) -> Vec<Aabb> {
        let (unit, gsize) = row_group(self.sizes[i], k);
        let sink =
            |fill_top: f64, fill: &Aabb| fill_top - (0.1 * gsize[1]).min(0.5 * fill.size()[1]);
        let (region, base) = if self.graph.kind[t] == PartKind::Fill {
            let region = [[r.min[0], r.max[0]], [r.min[2], r.max[2]]];
            (region, sink(r.max[1], r))
        } else {
            let region = interior(r);
            let floor = r.min[1] + WALL * r.size()[1];
            let fills = self.sibling_boxes(t, i, |s| self.is_fill_in(s));
            let top = fills
                .iter()
                .filter(|f| over_region(f, region))
                .map(|f| sink(f.max[1], f))
                .fold(floor, f64::max);
            (region, top)
        };
        let base = base + self.graph.lift[i];
        let c = r.center();
        let mut z = c[2] - gsize[2] / 2.0;
        // In a holder fixed to a back face: flush with the holder's back so
        // the contents do not poke through the board.
        if gsize[2] > r.size()[2]
            && self.graph.relation[t] == Relation::AttachedTo
            && !self.graph.is_under(t)
            && self.graph.target[t].is_some()
        {
            z = r.max[2] - gsize[2];
        }
        let start = [c[0] - gsize[0] / 2.0, base, z];
        let siblings = self.sibling_boxes(t, i, |s| {
            self.graph.relation[s] == Relation::In && !self.is_fill_in(s)
        });
        self.pack_or_stack(&unit, gsize, start, [0, 2], region, &siblings, blockers, i)
    }

    fn is_fill_in(&self, s: usize) -> bool {
        self.graph.kind[s] == PartKind::Fill && self.graph.relation[s] == Relation::In
    }

    /// A fill takes the container's inner footprint from the floor (or the
    /// fill already there) up to its level; several copies split it along x.
    fn fill(&self, i: usize, t: usize, r: &Aabb, k: usize) -> Vec<Aabb> {
        let region = interior(r);
        let floor = r.min[1] + WALL * r.size()[1];
        let bottom = self
            .sibling_boxes(t, i, |s| self.is_fill_in(s))
            .iter()
            .filter(|f| over_region(f, region))
            .map(|f| f.max[1])
            .fold(floor, f64::max);
        let level = self.parts[i]
            .fill_level
            .filter(|l| l.is_finite())
            .unwrap_or(1.0)
            .clamp(0.0, 1.0);
        let top = (r.min[1] + level * r.size()[1]).max(bottom);
        let slice = (region[0][1] - region[0][0]) / k as f64;
        (0..k)
            .map(|n| Aabb {
                min: [region[0][0] + n as f64 * slice, bottom, region[1][0]],
                max: [region[0][0] + (n + 1) as f64 * slice, top, region[1][1]],
            })
            .collect()
    }

    /// A band slightly larger than the target's footprint around its middle;
    /// copies are stacked up it.
    fn around(&self, i: usize, r: &Aabb, k: usize) -> Vec<Aabb> {
        let rs = r.size();
        let margin = (0.03 * rs[0].max(rs[2])).max(0.3);
        let h = self.sizes[i][1].min(rs[1].max(1e-3));
        let gap = 0.25 * h;
        let total = k as f64 * h + (k - 1) as f64 * gap;
        let y0 = (r.center()[1] - total / 2.0).max(r.min[1]);
        (0..k)
            .map(|n| {
                let y = y0 + n as f64 * (h + gap);
                Aabb {
                    min: [r.min[0] - margin, y, r.min[2] - margin],
                    max: [r.max[0] + margin, y + h, r.max[2] + margin],
                }
            })
            .collect()
    }

    /// On the target's back face (-z), spread evenly along it, sharing the
    /// face with earlier siblings.
    fn attached(&self, i: usize, t: usize, r: &Aabb, k: usize, blockers: &[Aabb]) -> Vec<Aabb> {
        let [w, h, d] = self.sizes[i];
        let rs = r.size();
        let gap = (0.15 * w).clamp(0.2, 5.0);
        let spacing = (rs[0] / k as f64).max(w + gap);
        let unit: Vec<Aabb> = (0..k)
            .map(|n| Aabb::from_min_size([n as f64 * spacing, 0.0, 0.0], [w, h, d]))
            .collect();
        let gsize = [spacing * (k - 1) as f64 + w, h, d];
        let c = r.center();
        let start = [
            c[0] - gsize[0] / 2.0,
            (c[1] - h / 2.0).max(r.min[1]),
            r.min[2] - d,
        ];
        let region = [[r.min[0], r.max[0]], [r.min[1], r.max[1]]];
        let siblings = self.sibling_boxes(t, i, |s| {
            self.graph.relation[s] == Relation::AttachedTo && !self.graph.is_under(s)
        });
        let spec = Pack {
            start,
            axes: [0, 1],
            region,
            gap,
            siblings: &siblings,
            blockers,
        };
        let origin = spec.find(&unit, gsize).unwrap_or_else(|| {
            let right = siblings
                .iter()
                .map(|s| s.max[0] + gap)
                .fold(start[0], f64::max);
            [right, start[1], start[2]]
        });
        translate_all(&unit, origin)
    }

    /// Below the target, copies spread over its footprint (four legs at the
    /// corners); the target was lifted to make room.
    fn under(&self, i: usize, r: &Aabb, k: usize) -> Vec<Aabb> {
        let [w, h, d] = self.sizes[i];
        let cols = if k <= 3 { k } else { ceil_sqrt(k) };
        let rows = k.div_ceil(cols);
        let rs = r.size();
        let spread = |n: usize, of: usize, lo: f64, extent: f64, size: f64| {
            if of <= 1 || extent <= size {
                lo + (extent - size) / 2.0
            } else {
                lo + n as f64 * (extent - size) / (of - 1) as f64
            }
        };
        (0..k)
            .map(|n| {
                let x = spread(n % cols, cols, r.min[0], rs[0], w);
                let z = spread(n / cols, rows, r.min[2], rs[2], d);
                Aabb::from_min_size([x, r.min[1] - h, z], [w, h, d])
            })
            .collect()
    }

    /// To one side of the target with a small gap, past earlier siblings on
    /// that side, resting at the target's base height.
    fn side(&self, i: usize, t: usize, r: &Aabb, k: usize, side: Side) -> Vec<Aabb> {
        let (unit, gsize) = row_group(self.sizes[i], k);
        let siblings = self.sibling_boxes(t, i, |s| {
            !self.graph.is_under(s) && side_of(self.graph.relation[s]) == Some(side)
        });
        let all = union_all(siblings.iter().chain(std::iter::once(r))).unwrap_or(*r);
        let c = r.center();
        let y = r.min[1] + self.graph.lift[i];
        let gap_x = (0.1 * gsize[0].max(r.size()[0])).clamp(0.5, 5.0);
        let gap_z = (0.1 * gsize[2].max(r.size()[2])).clamp(0.5, 5.0);
        let cx = c[0] - gsize[0] / 2.0;
        let cz = c[2] - gsize[2] / 2.0;
        let origin = match side {
            Side::Right => [all.max[0] + gap_x, y, cz],
            Side::Left => [all.min[0] - gap_x - gsize[0], y, cz],
            Side::Behind => [cx, y, all.min[2] - gap_z - gsize[2]],
            Side::InFront => [cx, y, all.max[2] + gap_z],
        };
        translate_all(&unit, origin)
    }

    /// Finds room for the group beside earlier siblings within `region`, or
    /// stacks it on top of them.
    #[allow(clippy::too_many_arguments)]
    fn pack_or_stack(
        &self,
        unit: &[Aabb],
        gsize: [f64; 3],
        start: [f64; 3],
        axes: [usize; 2],
        region: [[f64; 2]; 2],
        siblings: &[Aabb],
        blockers: &[Aabb],
        i: usize,
    ) -> Vec<Aabb> {
        let gap = (0.05 * gsize[0].max(gsize[2])).clamp(0.2, 2.0);
        let spec = Pack {
            start,
            axes,
            region,
            gap,
            siblings,
            blockers,
        };
        let origin = spec.find(unit, gsize).unwrap_or_else(|| {
            let top = siblings
                .iter()
                .filter(|s| over_region(s, region))
                .map(|s| s.max[1] + self.graph.lift[i])
                .fold(start[1], f64::max);
            [start[0], top, start[2]]
        });
        translate_all(unit, origin)
    }
}

fn side_of(rel: Relation) -> Option<Side> {
    match rel {
        Relation::Beside | Relation::Right => Some(Side::Right),
        Relation::Left => Some(Side::Left),
        Relation::Behind => Some(Side::Behind),
        Relation::InFront => Some(Side::InFront),
        _ => None,
    }
}

/// Gap between two roots: 20% of the wider, at least 2 cm.
fn root_gap(a: f64, b: f64) -> f64 {
    (0.2 * a.max(b)).max(2.0)
}

fn ceil_sqrt(k: usize) -> usize {
    let mut c = 1;
    while c * c < k {
        c += 1;
    }
    c
}

/// A container's inner footprint (x and z ranges) inside its walls.
fn interior(r: &Aabb) -> [[f64; 2]; 2] {
    let s = r.size();
    let (wx, wz) = (WALL * s[0], WALL * s[2]);
    [
        [r.min[0] + wx, r.max[0] - wx],
        [r.min[2] + wz, r.max[2] - wz],
    ]
}

/// Whether `b`'s x/z footprint meets the region's.
fn over_region(b: &Aabb, region: [[f64; 2]; 2]) -> bool {
    b.min[0] < region[0][1] - EPS
        && b.max[0] > region[0][0] + EPS
        && b.min[2] < region[1][1] - EPS
        && b.max[2] > region[1][0] + EPS
}

/// `k` copies of a part in a row along x (a near-square grid over x and z
/// when k > 4) with small gaps, relative to the group's min corner; and the
/// group's size.
fn row_group(size: [f64; 3], k: usize) -> (Vec<Aabb>, [f64; 3]) {
    let [w, h, d] = size;
    let gx = (0.15 * w).clamp(0.2, 5.0);
    let gz = (0.15 * d).clamp(0.2, 5.0);
    let cols = if k <= 4 { k.max(1) } else { ceil_sqrt(k) };
    let rows = k.div_ceil(cols);
    let boxes = (0..k)
        .map(|n| {
            let (col, row) = ((n % cols) as f64, (n / cols) as f64);
            Aabb::from_min_size([col * (w + gx), 0.0, row * (d + gz)], size)
        })
        .collect();
    let gsize = [
        cols as f64 * w + (cols - 1) as f64 * gx,
        h,
        rows as f64 * d + (rows - 1) as f64 * gz,
    ];
    (boxes, gsize)
}

fn translate_all(boxes: &[Aabb], d: [f64; 3]) -> Vec<Aabb> {
    boxes.iter().map(|b| b.translated(d)).collect()
}

/// Moves the group up so nothing is below the ground.
fn lift_above_ground(unit: &mut [Aabb]) {
    let low = unit.iter().map(|b| b.min[1]).fold(0.0, f64::min);
    if low < 0.0 {
        for b in unit.iter_mut() {
            *b = b.translated([0.0, -low, 0.0]);
        }
    }
}

/// Moves the whole group along `dir` until none of its boxes overlaps any of
/// `blockers`; sideways pushes leave `gap(blocker)` free.
fn push_clear(unit: &mut [Aabb], blockers: &[Aabb], dir: Dir, gap: impl Fn(&Aabb) -> f64) {
    let Dir(axis, sign) = dir;
    // Each push clears at least one (box, blocker) pair for good, so this
    // many rounds always suffice; the cap only guards against rounding.
    let rounds = (unit.len() * blockers.len()).saturating_add(2).min(100_000);
    for _ in 0..rounds {
        let mut need = 0.0f64;
        for b in unit.iter() {
            for o in blockers.iter().filter(|o| b.overlaps(o)) {
                let step = if sign > 0.0 {
                    o.max[axis] + gap(o) - b.min[axis]
                } else {
                    b.max[axis] - (o.min[axis] - gap(o))
                };
                need = need.max(step);
            }
        }
        if need <= 0.0 {
            return;
        }
        let mut d = [0.0; 3];
        d[axis] = sign * need;
        for b in unit.iter_mut() {
            *b = b.translated(d);
        }
    }
    // Rounding kept it stuck: move past everything at once.
    let mut d = [0.0; 3];
    d[axis] = if sign > 0.0 {
        let far = blockers
            .iter()
            .map(|o| o.max[axis])
            .fold(f64::MIN, f64::max);
        let near = unit.iter().map(|b| b.min[axis]).fold(f64::MAX, f64::min);
        (far - near + PUSH_GAP).max(0.0)
    } else {
        let far = blockers
            .iter()
            .map(|o| o.min[axis])
            .fold(f64::MAX, f64::min);
        let near = unit.iter().map(|b| b.max[axis]).fold(f64::MIN, f64::max);
        (far - near - PUSH_GAP).min(0.0)
    };
    for b in unit.iter_mut() {
        *b = b.translated(d);
    }
}

/// A search for room for a group on a surface: the preferred spot first,
/// then beside each earlier sibling.
struct Pack<'s> {
    /// The group's preferred min corner (centred on the surface).
    start: [f64; 3],
    /// The two axes the group may move along.
    axes: [usize; 2],
    /// The surface's extent along those axes.
    region: [[f64; 2]; 2],
    gap: f64,
    siblings: &'s [Aabb],
    blockers: &'s [Aabb],
}

impl Pack<'_> {
    fn find(&self, unit: &[Aabb], gsize: [f64; 3]) -> Option<[f64; 3]> {
        if self.fits(unit, gsize, self.start) {
            return Some(self.start);
        }
        for s in self.siblings {
            let c = s.center();
            for q in 0..2 {
                let (ax, other) = (self.axes[q], self.axes[1 - q]);
                let ext = self.region[1 - q];
                let along = if gsize[other] <= ext[1] - ext[0] + EPS {
                    c[other] - gsize[other] / 2.0
                } else {
                    self.start[other]
                };
                for pos in [s.max[ax] + self.gap, s.min[ax] - self.gap - gsize[ax]] {
                    let mut o = self.start;
                    o[ax] = pos;
                    o[other] = along;
                    if self.fits(unit, gsize, o) {
                        return Some(o);
                    }
                }
            }
        }
        None
    }

    fn fits(&self, unit: &[Aabb], gsize: [f64; 3], origin: [f64; 3]) -> bool {
        let inside = (0..2).all(|q| {
            let ax = self.axes[q];
            let [lo, hi] = self.region[q];
            if gsize[ax] <= hi - lo + EPS {
                origin[ax] >= lo - EPS && origin[ax] + gsize[ax] <= hi + EPS
            } else {
                (origin[ax] - self.start[ax]).abs() <= EPS
            }
        });
        inside
            && origin[1] >= -EPS
            && unit.iter().all(|b| {
                let b = b.translated(origin);
                !self.blockers.iter().any(|o| b.overlaps(o))
            })
    }
}
