//! Soft and living parts: draped fabric, bands wrapped around things, and
//! plants.
//!
//! Cloth is a grid of triangles (a waved grid is not planar per quad, a
//! triangle always is). Plants are a stem and folded leaves: each leaf is
//! two triangles hinged on its midrib, so it reads as a leaf from any side.
//! The "variation" in both is a fixed function of grid and leaf indices, so
//! the output never changes between runs.

use std::f64::consts::TAU;

use super::lathe::{ellipsoid, lathe, pt, Axis, Ends, Revolve};
use super::prim::{cuboid, facing, Style};
use super::{darken, lighten, Job};
use crate::geom::Vec3;
use crate::mesh::{Face, Rgb};

/// Leaf green for plants whose colour is not green.
const LEAF_GREEN: Rgb = [0x4f, 0x9a, 0x3a];

/// A draped cloth, or a band when wrapped around something.
pub(crate) fn fabric(job: &Job) -> Vec<Face> {
    let style = job.body.two_sided();
    if job.around() {
        return band(job, style);
    }
    // The cloth spans the two larger sides; its folds move it along the
    // thinnest one.
    let size = job.b.size();
    let thin = if size[1] <= size[0] && size[1] <= size[2] {
        1
    } else if size[2] <= size[0] {
        2
    } else {
        0
    };
    let (u_axis, v_axis) = ((thin + 1) % 3, (thin + 2) % 3);
    let cells = (job.n / 3).clamp(4, 12);
    let wave = |i: usize, j: usize| {
        let (u, v) = (i as f64 / cells as f64, j as f64 / cells as f64);
        0.6 * (TAU * 1.25 * u + 0.7).sin()
            + 0.4 * (TAU * 0.75 * v + 1.3).sin()
            + 0.2 * (TAU * 1.5 * (u + v)).sin()
    };
    let values: Vec<f64> = (0..=cells)
        .flat_map(|i| (0..=cells).map(move |j| (i, j)))
        .map(|(i, j)| wave(i, j))
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let spread = if hi > lo { hi - lo } else { 1.0 };
    let grid: Vec<Vec<Vec3>> = (0..=cells)
        .map(|i| {
            (0..=cells)
                .map(|j| {
                    let mut f = [0.0; 3];
                    f[u_axis] = i as f64 / cells as f64;
                    f[v_axis] = j as f64 / cells as f64;
                    f[thin] = (values[i * (cells + 1) + j] - lo) / spread;
                    job.b.at(f)
                })
                .collect()
        })
        .collect();
    let mut normal = [0.0; 3];
    normal[thin] = 1.0;
    let mut faces = Vec::with_capacity(2 * cells * cells);
    for i in 0..cells {
        for j in 0..cells {
            let (a, b, c, d) = (
                grid[i][j],
                grid[i + 1][j],
                grid[i + 1][j + 1],
                grid[i][j + 1],
            );
            // Alternate the diagonal so the folds do not all lean one way.
            let tris = if (i + j) % 2 == 0 {
                [vec![a, b, c], vec![a, c, d]]
            } else {
                [vec![a, b, d], vec![b, c, d]]
            };
            for t in tris {
                faces.push(style.face(facing(t, normal)));
            }
        }
    }
    faces
}

/// A band hugging whatever it is wrapped around: an open cylinder around
/// round things, four walls around boxy ones. Drawn from both sides.
pub(crate) fn band(job: &Job, style: Style) -> Vec<Face> {
    let (y0, y1) = (job.b.min[1], job.b.max[1]);
    if job.host_is_round() {
        let rev = Revolve::in_box(&job.b, Axis::Y, job.n);
        return lathe(
            &rev,
            &[pt(1.0, y0, style), pt(1.0, y1, style)],
            Ends::default(),
        );
    }
    let [x0, _, z0] = job.b.min;
    let [x1, _, z1] = job.b.max;
    let corners = [[x0, z0], [x1, z0], [x1, z1], [x0, z1]];
    let c = job.b.center();
    (0..4)
        .map(|i| {
            let ([ax, az], [bx, bz]) = (corners[i], corners[(i + 1) % 4]);
            let quad = vec![[ax, y0, az], [bx, y0, bz], [bx, y1, bz], [ax, y1, az]];
            let out = [(ax + bx) / 2.0 - c[0], 0.0, (az + bz) / 2.0 - c[2]];
            style.face(facing(quad, out))
        })
        .collect()
}

/// Whether a colour reads as green (a leaf colour).
fn is_greenish(c: Rgb) -> bool {
    let [r, g, b] = c.map(i32::from);
    g > r + 10 && g > b + 10
}

/// A plant: a stem with levels of folded leaves. A bushy plant (or a
/// rosette) is widest at the bottom; a tall one (a flower, a cutting in a
/// vase) shows a bare stem and its foliage up top. A plant whose colour is
/// not green has green leaves and a blossom in its own colour.
///
/// Leaves are few and spread around the stem, so along some horizontal
/// directions a plant spans less than its whole box (about 80%, at least
/// 60%): it fills its box the way a real plant fills its bounding box.
pub(crate) fn plant(job: &Job) -> Vec<Face> {
    let flowering = !is_greenish(job.color());
    let green = if flowering { LEAF_GREEN } else { job.color() };
    let leaf = job.body.opaque().two_sided().with_color(green);
    let stem = job.body.opaque().with_color(darken(green, 0.6));
    let c = job.b.center();
    let [w, h, d] = job.b.size();
    let (hx, hz) = (w / 2.0, d / 2.0);
    let (y0, y1) = (job.b.min[1], job.b.max[1]);
    let at = |u: f64, v: f64, y: f64| [c[0] + u * hx, y, c[2] + v * hz];
    // Where the lowest and highest levels start, and how far they reach.
    let tall = h >= 1.5 * w.max(d);
    let (low, high, top_reach) = if tall {
        (0.45, 0.75, 0.55)
    } else {
        (0.08, 0.6, 0.4)
    };
    // A blossom crowns a flowering plant: the leaves stop below it.
    let (leaf_top, stem_top) = if flowering {
        (y1 - 0.14 * h, y1 - 0.1 * h)
    } else {
        (y1, y0 + (high + 0.05) * h)
    };
    let sw = 0.04;
    let mut faces = cuboid(at(-sw, -sw, y0), at(sw, sw, stem_top), stem);
    let levels = 4;
    for j in 0..levels {
        let s = f64::from(j) / f64::from(levels - 1);
        let base = y0 + h * (low + (high - low) * s);
        let tip_y = base + (leaf_top - base) * (0.3 + 0.7 * s);
        let reach = 1.0 - (1.0 - top_reach) * s;
        let count = 5 + j % 2;
        for k in 0..count {
            let theta = TAU * f64::from(k) / f64::from(count) + 0.55 * f64::from(j);
            let shade = match (j + k) % 3 {
                0 => green,
                1 => lighten(green, 0.15),
                _ => darken(green, 0.85),
            };
            let style = leaf.with_color(shade);
            let leaf_faces = folded_leaf(base, tip_y, theta, reach, 0.04 * h * (1.0 - s));
            for tri in leaf_faces {
                faces.push(style.face(tri.map(|[u, v, y]| at(u, v, y)).to_vec()));
            }
        }
    }
    if flowering {
        let blossom = job.body.opaque();
        let centre = [c[0], y1 - 0.09 * h, c[2]];
        let half = [0.4 * hx, 0.09 * h, 0.4 * hz];
        faces.extend(ellipsoid(centre, half, job.n.min(12), blossom));
    }
    faces
}

/// A leaf from the stem at height `base` out to radius `reach` (fraction of
/// the half footprint) at angle `theta`, its tip at `tip_y`: two triangles
/// hinged on the midrib, the edges raised by `lift` and a fifth of its
/// rise. Points are `[u, v, y]`: footprint fractions and height.
fn folded_leaf(base: f64, tip_y: f64, theta: f64, reach: f64, lift: f64) -> [[Vec3; 3]; 2] {
    let (cos, sin) = (theta.cos(), theta.sin());
    let root = [0.0, 0.0, base];
    let tip = [reach * cos, reach * sin, tip_y];
    let mid_y = ((base + tip_y) / 2.0 + 0.2 * (tip_y - base) + lift).min(tip_y.max(base));
    let half_w = 0.36 * reach;
    let side = |sgn: f64| {
        [
            0.5 * reach * cos - sgn * half_w * sin,
            0.5 * reach * sin + sgn * half_w * cos,
            mid_y,
        ]
    };
    // Seen from above, (root, side +, tip) turns counter-clockwise: the
    // leaf's front faces up.
    [[root, side(1.0), tip], [root, tip, side(-1.0)]]
}
