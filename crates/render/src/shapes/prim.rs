//! Shared primitives for flat-sided solids: cuboids, chamfered and tapered
//! blocks, n-gons, and the orientation helpers that make every face wind
//! counter-clockwise seen from outside.
//!
//! Each solid computes its corner points once and builds every face from
//! those same values, so faces that meet share bit-identical vertices (the
//! renderer finds outlines from shared edges).

use crate::geom::{add, cross, dot, polygon_normal, scale, sub, Vec3};
use crate::mesh::{Face, Rgb};

/// How a face is painted: colour and the renderer's flags.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Style {
    pub color: Rgb,
    pub two_sided: bool,
    pub translucent: bool,
}

impl Style {
    pub fn of(color: Rgb, translucent: bool) -> Style {
        Style {
            color,
            two_sided: false,
            translucent,
        }
    }

    /// Same flags, another colour.
    pub fn with_color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }

    /// Drawn from both sides (open walls, cloth, leaves).
    pub fn two_sided(self) -> Style {
        Style {
            two_sided: true,
            ..self
        }
    }

    /// Never see-through (metal caps, wires, flames).
    pub fn opaque(self) -> Style {
        Style {
            translucent: false,
            ..self
        }
    }

    pub fn face(&self, verts: Vec<Vec3>) -> Face {
        Face {
            verts,
            color: self.color,
            two_sided: self.two_sided,
            translucent: self.translucent,
        }
    }
}

/// The average of the points.
pub(crate) fn centroid(verts: &[Vec3]) -> Vec3 {
    let mut c = [0.0; 3];
    for v in verts {
        c = add(c, *v);
    }
    scale(c, 1.0 / verts.len().max(1) as f64)
}

/// `verts` wound so that its normal has a positive component along `dir`.
pub(crate) fn facing(mut verts: Vec<Vec3>, dir: Vec3) -> Vec<Vec3> {
    if dot(polygon_normal(&verts), dir) < 0.0 {
        verts.reverse();
    }
    verts
}

/// `verts` wound so that its normal points away from `inside`.
pub(crate) fn outward(verts: Vec<Vec3>, inside: Vec3) -> Vec<Vec3> {
    let dir = sub(centroid(&verts), inside);
    facing(verts, dir)
}

/// An axis-aligned box from `lo` to `hi`: six quads.
pub(crate) fn cuboid(lo: Vec3, hi: Vec3, style: Style) -> Vec<Face> {
    let [x0, y0, z0] = lo;
    let [x1, y1, z1] = hi;
    let quads = [
        [[x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1]],
        [[x1, y0, z0], [x0, y0, z0], [x0, y1, z0], [x1, y1, z0]],
        [[x1, y0, z1], [x1, y0, z0], [x1, y1, z0], [x1, y1, z1]],
        [[x0, y0, z0], [x0, y0, z1], [x0, y1, z1], [x0, y1, z0]],
        [[x0, y1, z1], [x1, y1, z1], [x1, y1, z0], [x0, y1, z0]],
        [[x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1]],
    ];
    quads.iter().map(|q| style.face(q.to_vec())).collect()
}

/// A box from `lo` to `hi` with its twelve edges cut off by `bevel` (per
/// axis): 6 faces, 12 edge strips and 8 corner triangles, all convex.
pub(crate) fn chamfered_box(lo: Vec3, hi: Vec3, bevel: Vec3, style: Style) -> Vec<Face> {
    let c = scale(add(lo, hi), 0.5);
    let h = scale(sub(hi, lo), 0.5);
    let b: Vec3 = [0, 1, 2].map(|a| bevel[a].clamp(0.0, 0.49 * h[a]));
    // The corner (sx, sy, sz)'s point on the face normal to `axis`.
    let point = |s: [f64; 3], axis: usize| -> Vec3 {
        [0, 1, 2].map(|a| {
            let inset = if a == axis { 0.0 } else { b[a] };
            c[a] + s[a] * (h[a] - inset)
        })
    };
    let signs = |i: usize| [0, 1, 2].map(|a| if i >> a & 1 == 1 { 1.0 } else { -1.0 });
    let mut faces = Vec::with_capacity(26);
    for axis in 0..3 {
        for side in [-1.0, 1.0] {
            // The big face: the four corners on this side, around the axis.
            let (u, v) = ((axis + 1) % 3, (axis + 2) % 3);
            let quad = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]].map(|[su, sv]| {
                let mut s = [0.0; 3];
                s[axis] = side;
                s[u] = su;
                s[v] = sv;
                point(s, axis)
            });
            faces.push(style.face(outward(quad.to_vec(), c)));
        }
    }
    for axis in 0..3 {
        // Edge strips along `axis`, between the faces normal to u and v.
        let (u, v) = ((axis + 1) % 3, (axis + 2) % 3);
        for (su, sv) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
            let corner = |sa: f64| {
                let mut s = [0.0; 3];
                s[axis] = sa;
                s[u] = su;
                s[v] = sv;
                s
            };
            let quad = vec![
                point(corner(-1.0), u),
                point(corner(1.0), u),
                point(corner(1.0), v),
                point(corner(-1.0), v),
            ];
            faces.push(style.face(outward(quad, c)));
        }
    }
    for i in 0..8 {
        let s = signs(i);
        let tri = vec![point(s, 0), point(s, 1), point(s, 2)];
        faces.push(style.face(outward(tri, c)));
    }
    faces
}

/// A square-sectioned block whose bottom is its top scaled by `foot` about
/// the vertical axis (a tapered leg): a convex frustum of 6 faces.
pub(crate) fn tapered_block(lo: Vec3, hi: Vec3, foot: f64, style: Style) -> Vec<Face> {
    let c = scale(add(lo, hi), 0.5);
    let h = scale(sub(hi, lo), 0.5);
    let k = foot.clamp(0.0, 1.0);
    let ring = |y: f64, k: f64| {
        [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]
            .map(|[sx, sz]| [c[0] + sx * k * h[0], y, c[2] + sz * k * h[2]])
    };
    let top = ring(hi[1], 1.0);
    let bottom = ring(lo[1], k);
    let mut faces = vec![
        style.face(outward(top.to_vec(), c)),
        style.face(outward(bottom.to_vec(), c)),
    ];
    for i in 0..4 {
        let j = (i + 1) % 4;
        let quad = vec![bottom[i], bottom[j], top[j], top[i]];
        faces.push(style.face(outward(quad, c)));
    }
    faces
}

/// A regular n-gon around `center` in the plane of unit vectors `u` and `v`
/// with radii `ru` and `rv`; counter-clockwise seen from `u × v`.
pub(crate) fn ngon(center: Vec3, u: Vec3, v: Vec3, ru: f64, rv: f64, n: usize) -> Vec<Vec3> {
    let n = n.max(3);
    (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            add(center, add(scale(u, ru * a.cos()), scale(v, rv * a.sin())))
        })
        .collect()
}

/// A flat decal quad (a slot, a tape strip) centred at `center` in the
/// plane of `u` and `v`, facing `u × v`.
pub(crate) fn decal_quad(center: Vec3, u: Vec3, v: Vec3, hu: f64, hv: f64) -> Vec<Vec3> {
    let at = |su: f64, sv: f64| add(center, add(scale(u, su * hu), scale(v, sv * hv)));
    let quad = vec![at(-1.0, -1.0), at(1.0, -1.0), at(1.0, 1.0), at(-1.0, 1.0)];
    facing(quad, cross(u, v))
}
