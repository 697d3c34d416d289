//! Visibility by binary space partitioning.
//!
//! Parts touch, stack and nest (soil in a jar, a plant in the soil, a lid
//! on the jar), so sorting whole polygons by depth draws some of them in
//! the wrong order. A BSP tree splits polygons along each other's planes
//! until every pair can be ordered, then walks the tree far-to-near: the
//! result is a painter's order that is exact, which keeps the output a
//! plain list of vector polygons (so SVG output is exact too, and
//! translucent glass blends in the right order).
//!
//! Polygons are in screen space (x, y pixels and depth): an orthographic
//! projection is affine, so planes stay planes and the viewer sits at depth
//! −∞. The tree is built and walked without recursion so deep trees cannot
//! overflow the stack.

use crate::geom::{dot, lerp, Vec3};

/// A convex polygon to draw, with which of its edges are outlined and a
/// caller-defined paint index.
#[derive(Clone, Debug, PartialEq)]
pub struct Poly {
    pub pts: Vec<Vec3>,
    /// `edges[i]` outlines the edge from `pts[i]` to `pts[i + 1]`.
    pub edges: Vec<bool>,
    pub paint: u32,
}

#[derive(Clone, Copy)]
struct Plane {
    n: Vec3,
    d: f64,
}

impl Plane {
    fn of(poly: &Poly) -> Option<Plane> {
        let n = crate::geom::polygon_normal(&poly.pts);
        let len = crate::geom::length(n);
        if len < 1e-9 {
            return None;
        }
        let n = crate::geom::scale(n, 1.0 / len);
        Some(Plane {
            n,
            d: dot(n, poly.pts[0]),
        })
    }

    fn distance(&self, p: Vec3) -> f64 {
        dot(self.n, p) - self.d
    }
}

/// Points closer than this (in screen units) count as on the plane.
const EPS: f64 = 1e-4;

enum Side {
    Front,
    Back,
    On,
    Spanning,
}

fn classify(plane: &Plane, poly: &Poly) -> Side {
    let (mut front, mut back) = (false, false);
    for p in &poly.pts {
        let d = plane.distance(*p);
        front |= d > EPS;
        back |= d < -EPS;
    }
    match (front, back) {
        (true, true) => Side::Spanning,
        (true, false) => Side::Front,
        (false, true) => Side::Back,
        (false, false) => Side::On,
    }
}

/// Cuts `poly` into its parts in front of and behind `plane`. Pieces of
/// outlined edges stay outlined; the new edge along the cut does not.
fn split(plane: &Plane, poly: &Poly) -> (Poly, Poly) {
    let mut front = Poly {
        pts: Vec::new(),
        edges: Vec::new(),
        paint: poly.paint,
    };
    let mut back = front.clone();
    let n = poly.pts.len();
    for i in 0..n {
        let (a, b) = (poly.pts[i], poly.pts[(i + 1) % n]);
        let (da, db) = (plane.distance(a), plane.distance(b));
        let edge = poly.edges[i];
        let a_on = da.abs() <= EPS;
        let a_front = da > EPS;
        // Emit a (into the side(s) it belongs to), then the crossing.
        if a_on {
            front.pts.push(a);
            back.pts.push(a);
            front.edges.push(if db > EPS { edge } else { false });
            back.edges.push(if db < -EPS { edge } else { false });
            continue;
        }
        let side = if a_front { &mut front } else { &mut back };
        side.pts.push(a);
        side.edges.push(edge);
        let crosses = (da > EPS && db < -EPS) || (da < -EPS && db > EPS);
        if crosses {
            let t = da / (da - db);
            let m = lerp(a, b, t);
            let (from, to) = if a_front {
                (&mut front, &mut back)
            } else {
                (&mut back, &mut front)
            };
            // a→m stays on a's side (already flagged with `a`); from m that
            // side runs along the cut, the other side carries on to b.
            from.pts.push(m);
            from.edges.push(false);
            to.pts.push(m);
            to.edges.push(edge);
        }
    }
    (front, back)
}

struct Node {
    plane: Plane,
    on: Vec<Poly>,
    front: Option<usize>,
    back: Option<usize>,
}

/// A subtree still to build hangs off this node, on its front side or not.
type Parent = (usize, bool);

/// Candidate splitters tried per node: a few spread through the list keep
/// splits low without the cost of trying them all.
const CANDIDATES: usize = 6;

/// Orders `polys` back to front (farthest first), splitting where needed.
/// Degenerate polygons (fewer than 3 points or no area) are dropped.
pub fn painter_order(polys: Vec<Poly>) -> Vec<Poly> {
    let polys: Vec<Poly> = polys
        .into_iter()
        .filter(|p| p.pts.len() >= 3 && p.edges.len() == p.pts.len() && Plane::of(p).is_some())
        .collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut work: Vec<(Vec<Poly>, Option<Parent>)> = vec![(polys, None)];
    while let Some((mut list, parent)) = work.pop() {
        if list.is_empty() {
            continue;
        }
        let pick = choose_splitter(&list);
        let first = list.swap_remove(pick);
        let Some(plane) = Plane::of(&first) else {
            continue;
        };
        let mut node = Node {
            plane,
            on: vec![first],
            front: None,
            back: None,
        };
        let (mut fronts, mut backs) = (Vec::new(), Vec::new());
        for p in list {
            match classify(&plane, &p) {
                Side::Front => fronts.push(p),
                Side::Back => backs.push(p),
                Side::On => node.on.push(p),
                Side::Spanning => {
                    let (f, b) = split(&plane, &p);
                    if usable(&f) {
                        fronts.push(f);
                    }
                    if usable(&b) {
                        backs.push(b);
                    }
                }
            }
        }
        let index = nodes.len();
        nodes.push(node);
        if let Some((parent, is_front)) = parent {
            if is_front {
                nodes[parent].front = Some(index);
            } else {
                nodes[parent].back = Some(index);
            }
        }
        work.push((fronts, Some((index, true))));
        work.push((backs, Some((index, false))));
    }
    walk(nodes)
}

fn usable(p: &Poly) -> bool {
    p.pts.len() >= 3 && Plane::of(p).is_some()
}

fn choose_splitter(list: &[Poly]) -> usize {
    if list.len() <= 2 {
        return 0;
    }
    let step = (list.len() / CANDIDATES).max(1);
    let mut best = (usize::MAX, 0);
    for i in (0..list.len()).step_by(step).take(CANDIDATES) {
        let Some(plane) = Plane::of(&list[i]) else {
            continue;
        };
        let splits = list
            .iter()
            .filter(|p| matches!(classify(&plane, p), Side::Spanning))
            .count();
        if splits < best.0 {
            best = (splits, i);
        }
    }
    best.1
}

/// Far side first, then the node's own polygons, then the near side. The
/// viewer is at depth −∞, so the near side is the one a point with very
/// negative depth falls on.
fn walk(mut nodes: Vec<Node>) -> Vec<Poly> {
    enum Visit {
        Node(usize),
        Emit(usize),
    }
    let mut out = Vec::new();
    if nodes.is_empty() {
        return out;
    }
    let mut stack = vec![Visit::Node(0)];
    while let Some(v) = stack.pop() {
        match v {
            Visit::Node(i) => {
                let node = &nodes[i];
                // distance(p) grows like -n.z * depth as depth → -∞.
                let viewer_in_front = node.plane.n[2] < 0.0;
                let (near, far) = if viewer_in_front {
                    (node.front, node.back)
                } else {
                    (node.back, node.front)
                };
                // Stack: push in reverse of visiting order.
                if let Some(n) = near {
                    stack.push(Visit::Node(n));
                }
                stack.push(Visit::Emit(i));
                if let Some(f) = far {
                    stack.push(Visit::Node(f));
                }
            }
            Visit::Emit(i) => out.append(&mut nodes[i].on),
        }
    }
    out
}

#[cfg(test)]
mod tests;
