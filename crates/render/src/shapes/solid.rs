//! Flat-sided parts built from cuboids and convex blocks: boxes, crates,
//! boards, pallets, sheets, cushions, legs, hardware and generic blocks.
//!
//! Parts made of several pieces (crate slats, pallet boards, bracket
//! plates) are separate closed cuboids that touch: the gaps between them and
//! their own outlines are what make a crate or a pallet readable in a line
//! drawing.

use plan::model::{Material, PartKind};

use super::lathe::{lathe, pt, Axis, Ends, Revolve};
use super::prim::{
    centroid, chamfered_box, cuboid, decal_quad, facing, ngon, outward, tapered_block,
};
use super::{darken, lighten, organic, Job};
use crate::geom::{scale, sub, Vec3};
use crate::mesh::Face;

/// Wall and floor thickness of open boxes, as a fraction of the box (the
/// layout solver's inner footprint uses the same 3%).
const WALL: f64 = 0.03;

/// A box: closed (cardboard ones taped shut) or open with real walls.
pub(crate) fn box_faces(job: &Job) -> Vec<Face> {
    if job.open_top {
        return open_box(job);
    }
    let mut faces = cuboid(job.b.min, job.b.max, job.body);
    if job.part.material == Material::Cardboard {
        // A strip of tape along the top, just proud of the lid.
        let [w, _, d] = job.b.size();
        let lift = (0.002 * w.max(d)).min(0.02);
        let c = [job.b.center()[0], job.b.max[1] + lift, job.b.center()[2]];
        let tape = job.body.with_color(lighten(job.color(), 0.35)).opaque();
        let quad = decal_quad(c, [0.0, 0.0, 1.0], [1.0, 0.0, 0.0], d / 2.0, w * 0.08);
        faces.push(tape.face(quad));
    }
    faces
}

/// An open-topped box with walls and a floor of [`WALL`] thickness: outer
/// bottom and sides, a rim, inner walls facing in and the inner floor.
fn open_box(job: &Job) -> Vec<Face> {
    let b = &job.b;
    let s = job.body;
    let inner = s.with_color(darken(s.color, 0.8));
    let size = b.size();
    let (tx, ty, tz) = (WALL * size[0], WALL * size[1], WALL * size[2]);
    let [x0, y0, z0] = b.min;
    let [x1, y1, z1] = b.max;
    let around = |xa: f64, xb: f64, za: f64, zb: f64, y: f64| {
        [[xa, y, za], [xb, y, za], [xb, y, zb], [xa, y, zb]]
    };
    let bottom = around(x0, x1, z0, z1, y0);
    let top = around(x0, x1, z0, z1, y1);
    let lip = around(x0 + tx, x1 - tx, z0 + tz, z1 - tz, y1);
    let floor = around(x0 + tx, x1 - tx, z0 + tz, z1 - tz, y0 + ty);
    let c = b.center();
    let up = [0.0, 1.0, 0.0];
    let mut faces = vec![
        s.face(facing(bottom.to_vec(), [0.0, -1.0, 0.0])),
        inner.face(facing(floor.to_vec(), up)),
    ];
    for i in 0..4 {
        let j = (i + 1) % 4;
        let side = vec![bottom[i], bottom[j], top[j], top[i]];
        faces.push(s.face(outward(side, c)));
        faces.push(s.face(facing(vec![top[i], top[j], lip[j], lip[i]], up)));
        let wall = vec![lip[i], lip[j], floor[j], floor[i]];
        let towards_centre = sub(c, centroid(&wall));
        faces.push(inner.face(facing(wall, [towards_centre[0], 0.0, towards_centre[2]])));
    }
    faces
}

/// A crate: four corner posts, three slats a side with gaps, a floor; open.
pub(crate) fn crate_faces(job: &Job) -> Vec<Face> {
    let s = job.body;
    let post_style = s.with_color(darken(s.color, 0.85));
    let [w, h, d] = job.b.size();
    let [x0, y0, z0] = job.b.min;
    let [x1, y1, z1] = job.b.max;
    let t = 0.08 * w.min(d);
    let mut faces = Vec::new();
    for (xa, xb) in [(x0, x0 + t), (x1 - t, x1)] {
        for (za, zb) in [(z0, z0 + t), (z1 - t, z1)] {
            faces.extend(cuboid([xa, y0, za], [xb, y1, zb], post_style));
        }
    }
    let slats = 3;
    let gap = 0.12 * h;
    let slat_h = (h - gap * f64::from(slats - 1)) / f64::from(slats);
    for k in 0..slats {
        let ya = y0 + f64::from(k) * (slat_h + gap);
        let yb = if k == slats - 1 { y1 } else { ya + slat_h };
        faces.extend(cuboid([x0 + t, ya, z0], [x1 - t, yb, z0 + t], s));
        faces.extend(cuboid([x0 + t, ya, z1 - t], [x1 - t, yb, z1], s));
        faces.extend(cuboid([x0, ya, z0 + t], [x0 + t, yb, z1 - t], s));
        faces.extend(cuboid([x1 - t, ya, z0 + t], [x1, yb, z1 - t], s));
    }
    let floor = [x1 - t, y0 + WALL * h, z1 - t];
    faces.extend(cuboid([x0 + t, y0, z0 + t], floor, post_style));
    faces
}

pub(crate) fn board(job: &Job) -> Vec<Face> {
    cuboid(job.b.min, job.b.max, job.body)
}

/// A pallet: deck boards across three stringers, three bottom boards. The
/// stringers run along the longer horizontal side.
pub(crate) fn pallet(job: &Job) -> Vec<Face> {
    let s = job.body;
    let stringer_style = s.with_color(darken(s.color, 0.85));
    let [w, h, d] = job.b.size();
    let along_x = w >= d;
    // Build in (long, y, across) and map back: cuboids are orientation-free.
    let (long, across) = if along_x { (w, d) } else { (d, w) };
    let map = |lo: Vec3, hi: Vec3| -> (Vec3, Vec3) {
        let m = |p: Vec3| {
            if along_x {
                [
                    job.b.min[0] + p[0],
                    job.b.min[1] + p[1],
                    job.b.min[2] + p[2],
                ]
            } else {
                [
                    job.b.min[0] + p[2],
                    job.b.min[1] + p[1],
                    job.b.min[2] + p[0],
                ]
            }
        };
        let (a, b) = (m(lo), m(hi));
        (
            [0, 1, 2].map(|i| a[i].min(b[i])),
            [0, 1, 2].map(|i| a[i].max(b[i])),
        )
    };
    let deck = 0.2 * h;
    let mut pieces: Vec<(Vec3, Vec3, bool)> = Vec::new();
    // Top deck boards across the stringers, with gaps half a board wide.
    let boards = 7;
    let bw = long / (f64::from(boards) + 0.5 * f64::from(boards - 1));
    for k in 0..boards {
        let a = f64::from(k) * 1.5 * bw;
        let b = if k == boards - 1 { long } else { a + bw };
        pieces.push(([a, h - deck, 0.0], [b, h, across], false));
    }
    // Three bottom boards at the ends and the middle.
    for a in [0.0, (long - bw) / 2.0, long - bw] {
        pieces.push(([a, 0.0, 0.0], [a + bw, deck, across], false));
    }
    // Three stringers between the decks.
    let sw = 0.1 * across;
    for a in [0.0, (across - sw) / 2.0, across - sw] {
        pieces.push(([0.0, deck, a], [long, h - deck, a + sw], true));
    }
    let mut faces = Vec::new();
    for (lo, hi, is_stringer) in pieces {
        let (lo, hi) = map(lo, hi);
        faces.extend(cuboid(lo, hi, if is_stringer { stringer_style } else { s }));
    }
    faces
}

/// A sheet or paper: a thin block (paper drawn from both sides); wrapped
/// around something, a band hugging it.
pub(crate) fn sheet(job: &Job) -> Vec<Face> {
    if job.around() {
        return organic::band(job, job.body.two_sided());
    }
    let style = if job.part.kind == PartKind::Paper {
        job.body.two_sided()
    } else {
        job.body
    };
    cuboid(job.b.min, job.b.max, style)
}

/// A cushion: a well-rounded (chamfered) block with a tufted button on top.
pub(crate) fn cushion(job: &Job) -> Vec<Face> {
    let [w, h, d] = job.b.size();
    let bevel = [
        (0.35 * h).min(0.2 * w),
        0.35 * h.min(w).min(d) * if h < w.min(d) { 1.0 } else { 0.6 },
        (0.35 * h).min(0.2 * d),
    ];
    let mut faces = chamfered_box(job.b.min, job.b.max, bevel, job.body);
    let c = job.b.center();
    let lift = (0.002 * w.max(d)).min(0.02);
    let button = ngon(
        [c[0], job.b.max[1] + lift, c[2]],
        [0.0, 0.0, 1.0],
        [1.0, 0.0, 0.0],
        0.06 * d,
        0.06 * w,
        8,
    );
    faces.push(job.body.with_color(darken(job.color(), 0.7)).face(button));
    faces
}

/// A leg: a tapered square post (wood and others) or a round one with a
/// darker foot (metal, plastic).
pub(crate) fn leg(job: &Job) -> Vec<Face> {
    let s = job.body;
    if matches!(job.part.material, Material::Metal | Material::Plastic) {
        let foot = s.with_color(darken(s.color, 0.5)).opaque();
        let rev = Revolve::in_box(&job.b, Axis::Y, job.n);
        let y = |f: f64| job.b.y(f);
        let profile = [
            pt(0.75, y(0.0), foot),
            pt(0.75, y(0.05), foot),
            pt(0.68, y(0.05), s),
            pt(1.0, y(1.0), s),
        ];
        let ends = Ends {
            closed: false,
            start: Some(foot),
            end: Some(s),
        };
        return lathe(&rev, &profile, ends);
    }
    tapered_block(job.b.min, job.b.max, 0.7, s)
}

/// Hardware: a screw (pointed threaded shank, round slotted head) when
/// slender, else an L-bracket with screw holes. "Slender" rather than "not
/// wider than tall": a bracket standing on its end (3 x 12 x 12) is still a
/// bracket; its L is drawn in the y-z plane whatever the proportions.
pub(crate) fn hardware(job: &Job) -> Vec<Face> {
    let s = job.body;
    let dark = s.with_color(darken(s.color, 0.3)).opaque();
    let [w, h, d] = job.b.size();
    let [x0, y0, z0] = job.b.min;
    let [x1, y1, z1] = job.b.max;
    let lift = (0.002 * w.max(h).max(d)).min(0.02);
    if h <= 1.5 * w.max(d) {
        // The upright plate sits at +z, against whatever the bracket holds.
        let t = 0.15 * h.min(d);
        let mut faces = cuboid([x0, y0, z0], [x1, y0 + t, z1], s);
        faces.extend(cuboid([x0, y0 + t, z1 - t], [x1, y1, z1], s));
        let r = 0.12 * w.min(d - t).min(h - t).max(0.0);
        for fx in [0.25, 0.75] {
            let x = x0 + fx * w;
            let flat = [x, y0 + t + lift, z0 + 0.45 * (d - t)];
            faces.push(dark.face(ngon(flat, [0.0, 0.0, 1.0], [1.0, 0.0, 0.0], r, r, 8)));
            let upright = [x, y0 + t + 0.55 * (h - t), z1 - t - lift];
            let n = ngon(upright, [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], r, r, 8);
            faces.push(dark.face(n));
        }
        return faces;
    }
    let rev = Revolve::in_box(&job.b, Axis::Y, job.n.min(16));
    let y = |f: f64| job.b.y(f);
    let mut profile = vec![pt(0.0, y(0.0), s), pt(0.3, y(0.1), s)];
    let threads = 5;
    for k in 0..threads {
        let f = 0.1 + 0.65 * f64::from(k) / f64::from(threads);
        let step = 0.65 / f64::from(threads);
        profile.push(pt(0.42, y(f + step * 0.5), s));
        profile.push(pt(0.3, y(f + step), s));
    }
    profile.extend([
        pt(0.3, y(0.8), s),
        pt(1.0, y(0.8), s),
        pt(1.0, y(0.92), s),
        pt(0.85, y(1.0), s),
    ]);
    let ends = Ends {
        closed: false,
        start: None,
        end: Some(s),
    };
    let mut faces = lathe(&rev, &profile, ends);
    let c = job.b.center();
    let slot = decal_quad(
        [c[0], y1 + lift, c[2]],
        [0.0, 0.0, 1.0],
        [1.0, 0.0, 0.0],
        0.1 * d / 2.0,
        0.7 * w / 2.0,
    );
    faces.push(dark.face(slot));
    faces
}

/// Anything else: a block with softened edges.
pub(crate) fn generic(job: &Job) -> Vec<Face> {
    let size = job.b.size();
    let m = size[0].min(size[1]).min(size[2]);
    chamfered_box(job.b.min, job.b.max, scale([1.0; 3], 0.12 * m), job.body)
}
