//! The two generators behind every round part.
//!
//! A *lathe* turns a profile of `(radius, axial position)` points around an
//! axis: one description gives a bottle, a can, a tire or a sphere, and its
//! side quads are planar by symmetry (isosceles trapezoids), so the faces
//! stay flat for the renderer. The radius is a fraction of the box's half
//! extents across the axis, which makes every lathed part elliptical when
//! its box is not square: the footprint is the ellipse inscribed in the box.
//!
//! A *sweep* runs a small circle along a path (rope, wire, a light string).
//! Its rings are twisted relative to each other, so its quads are split into
//! triangles, which are always planar.
//!
//! Winding rule for lathes: walk the profile with the solid on the left (in
//! the plane of radius to the right and axis up). Then every side quad, and
//! the start cap (facing down the axis) and end cap (facing up it), wind
//! counter-clockwise seen from outside.

use std::f64::consts::TAU;

use super::prim::{facing, Style};
use super::Frame;
use crate::geom::{add, cross, dot, length, normalize, scale, sub, Vec3};
use crate::mesh::Face;

/// The axis a lathe turns around.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Axis {
    X,
    Y,
    Z,
}

impl Axis {
    fn index(self) -> usize {
        match self {
            Axis::X => 0,
            Axis::Y => 1,
            Axis::Z => 2,
        }
    }
}

/// Where and how big a lathe is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Revolve {
    center: Vec3,
    axis: Axis,
    /// Half extents across the axis: `ra` along the local cosine direction,
    /// `rc` along the local sine direction.
    ra: f64,
    rc: f64,
    n: usize,
}

/// One profile point: radius as a fraction of the half extents, position
/// along the axis (absolute, cm), and the style of the band from this point
/// to the next.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pt {
    pub r: f64,
    pub t: f64,
    pub style: Style,
}

pub(crate) fn pt(r: f64, t: f64, style: Style) -> Pt {
    Pt { r, t, style }
}

/// How the profile's ends are closed.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Ends {
    /// The last point joins the first (a torus, a tube wall).
    pub closed: bool,
    /// A flat n-gon on the first ring, facing down the axis.
    pub start: Option<Style>,
    /// A flat n-gon on the last ring, facing up the axis.
    pub end: Option<Style>,
}

impl Revolve {
    /// Around `axis` through the box's centre, filling the box across it.
    pub fn in_box(b: &Frame, axis: Axis, n: usize) -> Revolve {
        let h = b.half();
        let (ra, rc) = match axis {
            Axis::Y => (h[0], h[2]),
            Axis::X => (h[2], h[1]),
            Axis::Z => (h[1], h[0]),
        };
        Revolve::at(b.center(), axis, ra, rc, n)
    }

    /// Around `axis` through `center` with the given half extents.
    pub fn at(center: Vec3, axis: Axis, ra: f64, rc: f64, n: usize) -> Revolve {
        Revolve {
            center,
            axis,
            ra,
            rc,
            n: n.max(3),
        }
    }

    /// The box's extent along the axis: where profiles start and end.
    pub fn span(b: &Frame, axis: Axis) -> (f64, f64) {
        (b.min[axis.index()], b.max[axis.index()])
    }

    /// The ring of `n` points at radius fraction `r` and axial position `t`
    /// (all the same point when `r` is zero).
    fn ring(&self, r: f64, t: f64) -> Vec<Vec3> {
        let [cx, cy, cz] = self.center;
        (0..self.n)
            .map(|i| {
                let th = TAU * i as f64 / self.n as f64;
                let (a, c) = if r == 0.0 {
                    (0.0, 0.0)
                } else {
                    (r * th.cos() * self.ra, r * th.sin() * self.rc)
                };
                // Cyclic permutations of (a, t, c) keep handedness, so one
                // winding rule serves every axis.
                match self.axis {
                    Axis::Y => [cx + a, t, cz + c],
                    Axis::X => [t, cy + c, cz + a],
                    Axis::Z => [cx + c, cy + a, t],
                }
            })
            .collect()
    }
}

/// The surface of revolution of `profile` (see the module doc for the
/// winding rule and [`Ends`] for closing it).
pub(crate) fn lathe(rev: &Revolve, profile: &[Pt], ends: Ends) -> Vec<Face> {
    let n = rev.n;
    let rings: Vec<Vec<Vec3>> = profile.iter().map(|p| rev.ring(p.r, p.t)).collect();
    let mut faces = Vec::new();
    let bands = if ends.closed {
        profile.len()
    } else {
        profile.len().saturating_sub(1)
    };
    for k in 0..bands {
        let k1 = (k + 1) % profile.len();
        let (p, q) = (profile[k], profile[k1]);
        if p.r == q.r && p.t == q.t || p.r == 0.0 && q.r == 0.0 {
            continue;
        }
        let (lo, hi) = (&rings[k], &rings[k1]);
        for i in 0..n {
            let j = (i + 1) % n;
            let verts = if p.r == 0.0 {
                vec![lo[i], hi[i], hi[j]]
            } else if q.r == 0.0 {
                vec![lo[i], hi[i], lo[j]]
            } else {
                vec![lo[i], hi[i], hi[j], lo[j]]
            };
            faces.push(p.style.face(verts));
        }
    }
    if let (Some(style), Some(first), Some(p)) = (ends.start, rings.first(), profile.first()) {
        if p.r != 0.0 {
            faces.push(style.face(first.clone()));
        }
    }
    if let (Some(style), Some(last), Some(p)) = (ends.end, rings.last(), profile.last()) {
        if p.r != 0.0 {
            faces.push(style.face(last.iter().rev().copied().collect()));
        }
    }
    faces
}

/// A closed ellipsoid filling the half extents around `center` (a UV sphere
/// with `n` segments and about `n / 2` rings, an even number, at least 4).
pub(crate) fn ellipsoid(center: Vec3, half: Vec3, n: usize, style: Style) -> Vec<Face> {
    let rev = Revolve::at(center, Axis::Y, half[0], half[2], n);
    // An even number of rings puts one on the equator: the full width.
    let rings = 2 * (n / 4).max(2);
    let profile: Vec<Pt> = (0..=rings)
        .map(|k| {
            let phi = std::f64::consts::PI * k as f64 / rings as f64;
            let r = if k == 0 || k == rings { 0.0 } else { phi.sin() };
            pt(r, center[1] - half[1] * phi.cos(), style)
        })
        .collect();
    lathe(&rev, &profile, Ends::default())
}

/// A tube of `radius` with `sides` sides swept along `path`; `closed` joins
/// the last point to the first, otherwise both ends get flat caps.
pub(crate) fn sweep(
    path: &[Vec3],
    closed: bool,
    radius: f64,
    sides: usize,
    style: Style,
) -> Vec<Face> {
    let m = path.len();
    if m < 2 {
        return Vec::new();
    }
    let sides = sides.max(3);
    let tangent = |i: usize| {
        let (a, b) = if closed {
            (path[(i + m - 1) % m], path[(i + 1) % m])
        } else {
            (path[i.saturating_sub(1)], path[(i + 1).min(m - 1)])
        };
        normalize(sub(b, a))
    };
    // Frames carried along the path by projection (no sudden flips).
    let mut rings: Vec<Vec<Vec3>> = Vec::with_capacity(m);
    let t0 = tangent(0);
    let seed = if t0[1].abs() < 0.9 {
        [0.0, 1.0, 0.0]
    } else {
        [1.0, 0.0, 0.0]
    };
    let mut normal = normalize(sub(seed, scale(t0, dot(seed, t0))));
    for (i, p) in path.iter().enumerate() {
        let t = tangent(i);
        let projected = sub(normal, scale(t, dot(normal, t)));
        if length(projected) > 1e-9 {
            normal = normalize(projected);
        }
        let binormal = cross(t, normal);
        rings.push(
            (0..sides)
                .map(|s| {
                    let a = TAU * s as f64 / sides as f64;
                    let off = add(scale(normal, a.cos()), scale(binormal, a.sin()));
                    add(*p, scale(off, radius))
                })
                .collect(),
        );
    }
    // Each ring runs counter-clockwise around the tangent (normal ×
    // binormal = tangent), so this order faces outwards.
    let mut faces = Vec::new();
    let segments = if closed { m } else { m - 1 };
    for k in 0..segments {
        let (a, b) = (&rings[k], &rings[(k + 1) % m]);
        for s in 0..sides {
            let s1 = (s + 1) % sides;
            faces.push(style.face(vec![a[s], a[s1], b[s1]]));
            faces.push(style.face(vec![a[s], b[s1], b[s]]));
        }
    }
    if !closed {
        if let (Some(first), Some(last)) = (rings.first(), rings.last()) {
            faces.push(style.face(facing(first.clone(), scale(tangent(0), -1.0))));
            faces.push(style.face(facing(last.clone(), tangent(m - 1))));
        }
    }
    faces
}
