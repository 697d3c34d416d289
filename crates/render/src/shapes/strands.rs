//! Rope, string and wire: a tube swept along a path; a chain: links
//! along the same paths.
//!
//! Three paths cover the ways a strand is seen: wound around something
//! (a helix hugging the host: elliptical around round hosts, squarish
//! around boxy ones), lying loose in a long box (a gentle S-curve that
//! arches up and returns, with level ends so the end caps stay inside the
//! box), or coiled in a compact box (a helix of touching turns). Light
//! strings use the same paths (see [`super::lights`]).

use std::f64::consts::TAU;

use plan::model::PartKind;

use super::lathe::sweep;
use super::{Frame, Job};
use crate::geom::{add, cross, length, normalize, scale, sub, Vec3};
use crate::mesh::Face;

/// How a strand runs through its box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Run {
    /// One flat closed loop around the host at mid-height.
    Ring { square: bool },
    /// A helix of `wraps` turns up the box: wound around the host (squarish
    /// around boxy hosts when `square`) or a coil standing in its box.
    Helix { wraps: usize, square: bool },
    /// A flat spiral of `turns` turns winding inwards (a coil lying flat).
    Spiral { turns: usize },
    /// Lying loose along its box's long horizontal side.
    Loose,
}

impl Run {
    /// Wound `wraps` times with a tube of radius `r` up a band of height
    /// `h`: a flat ring when one turn fills the band, else a helix.
    pub fn wound(wraps: usize, r: f64, h: f64, square: bool) -> Run {
        if wraps <= 1 && 2.0 * r >= 0.9 * h {
            Run::Ring { square }
        } else {
            Run::Helix {
                wraps: wraps.max(1),
                square,
            }
        }
    }
}

/// Most turns drawn for a wound or coiled strand.
const MAX_WRAPS: usize = 6;

/// How far in (fraction of the half extents) a flat spiral winds.
pub(crate) const SPIRAL_IN: f64 = 0.55;

/// Long and thin: a strand lying loose rather than coiled.
pub(crate) fn is_long(b: &Frame) -> bool {
    let [w, h, d] = b.size();
    let (long, short) = (w.max(d), w.min(d));
    long >= 3.0 * short && long >= 3.0 * h
}

/// A point on the run at `s` in 0..=1, for a tube (or bulb) of radius `r`
/// kept inside the box.
pub(crate) fn run_point(b: &Frame, run: Run, r: f64, s: f64) -> Vec3 {
    let c = b.center();
    let h = b.half();
    let (y0, y1) = (b.min[1] + r, b.max[1] - r);
    let (turns, square, y) = match run {
        Run::Ring { square } => (1, square, c[1]),
        Run::Helix { wraps, square } => (wraps, square, y0 + (y1 - y0) * s),
        Run::Spiral { turns } => {
            let a = TAU * turns as f64 * s;
            let k = 1.0 - SPIRAL_IN * s;
            return [
                c[0] + k * a.cos() * (h[0] - r).max(0.0),
                c[1],
                c[2] + k * a.sin() * (h[2] - r).max(0.0),
            ];
        }
        Run::Loose => {
            // Along x or z, swaying across and arching up in the middle;
            // level at both ends so the end caps stay inside the box.
            let along_x = h[0] >= h[2];
            let (axis, across) = if along_x { (0, 2) } else { (2, 0) };
            let sway = (3.0 * std::f64::consts::PI * s).cos();
            let arch = (1.0 - (TAU * s).cos()) / 2.0;
            let mut p = [0.0; 3];
            p[axis] = b.min[axis] + s * 2.0 * h[axis];
            p[across] = c[across] + sway * (h[across] - r).max(0.0);
            p[1] = y0 + arch * (y1 - y0).max(0.0);
            return p;
        }
    };
    let a = TAU * turns as f64 * s;
    // A superellipse of power 5 is a rounded square.
    let shape = |v: f64| {
        if square {
            v.signum() * v.abs().powf(0.4)
        } else {
            v
        }
    };
    [
        c[0] + shape(a.cos()) * (h[0] - r).max(0.0),
        y,
        c[2] + shape(a.sin()) * (h[2] - r).max(0.0),
    ]
}

/// Samples of a run, `per_turn` a turn; a ring is closed and leaves out
/// its repeated end point.
pub(crate) fn run_path(b: &Frame, run: Run, r: f64, per_turn: usize) -> (Vec<Vec3>, bool) {
    let per_turn = per_turn.max(6);
    // Many turns read as a coil with fewer samples each.
    let coarse = (per_turn / 2).max(8);
    let (samples, closed) = match run {
        Run::Ring { .. } => (per_turn, true),
        Run::Helix { wraps, .. } => (coarse * wraps.max(1), false),
        Run::Spiral { turns } => (coarse * turns.max(1), false),
        Run::Loose => (per_turn.max(8), false),
    };
    let end = if closed { samples - 1 } else { samples };
    let path = (0..=end)
        .map(|i| run_point(b, run, r, i as f64 / samples as f64))
        .collect();
    (path, closed)
}

/// How many turns of `pitch` fit up a band of height `h` (1..=`max`).
pub(crate) fn turns(h: f64, pitch: f64, max: usize) -> usize {
    if pitch > 0.0 && (h / pitch).is_finite() {
        ((h / pitch).floor() as usize).clamp(1, max)
    } else {
        1
    }
}

/// Rope, string or wire.
pub(crate) fn strand(job: &Job) -> Vec<Face> {
    let [w, h, d] = job.b.size();
    let thin = job.part.kind != PartKind::Rope;
    let sides = if thin { 5 } else { 6 };
    let (run, r) = if job.around() {
        let r0 = (if thin { 0.015 } else { 0.04 }) * w.min(d);
        let r0 = r0.min(h / 2.0);
        // Rope turns touch; string and wire turns are spaced out.
        let wraps = turns(h, 2.0 * r0 * if thin { 3.0 } else { 1.0 }, MAX_WRAPS);
        let r = if thin { r0 } else { h / (2.0 * wraps as f64) };
        let r = r.min(0.25 * w.min(d));
        (Run::wound(wraps, r, h, !job.host_is_round()), r)
    } else if is_long(&job.b) {
        (Run::Loose, h.min(w.min(d)) / 2.0)
    } else {
        // Coiled: turns stacked up the box, or a flat spiral when only one
        // turn fits the height.
        let r0 = (if thin { 0.03 } else { 0.07 }) * w.min(d);
        let wraps = turns(h, 2.0 * r0.min(h / 2.0), MAX_WRAPS);
        let r = (h / (2.0 * wraps as f64)).min(0.25 * w.min(d));
        if wraps > 1 {
            (
                Run::Helix {
                    wraps,
                    square: false,
                },
                r,
            )
        } else {
            let room = SPIRAL_IN * (w.min(d) / 2.0 - r);
            (
                Run::Spiral {
                    turns: turns(room, 2.2 * r, 4),
                },
                r,
            )
        }
    };
    let (path, closed) = run_path(&job.b, run, r, job.n);
    sweep(&path, closed, r, sides, job.body)
}

/// Most links drawn: past this the links grow instead of multiplying.
const MAX_LINKS: usize = 40;

/// A chain: oval links along the strand's run, each turned a quarter turn
/// from the one before, as real links hang. A chain drawn as a smooth
/// strand would read as wire.
pub(crate) fn chain(job: &Job) -> Vec<Face> {
    let [w, h, d] = job.b.size();
    let (run, r) = if job.around() {
        let r = (0.03 * w.min(d)).min(h / 2.0);
        let wraps = turns(h, 6.0 * r, MAX_WRAPS);
        (Run::wound(wraps, r, h, !job.host_is_round()), r)
    } else if is_long(&job.b) {
        (Run::Loose, h.min(w.min(d)) / 2.0)
    } else {
        let r = (0.06 * w.min(d)).min(h / 2.0);
        let wraps = turns(h, 2.0 * r, MAX_WRAPS);
        let r = (h / (2.0 * wraps as f64)).min(0.25 * w.min(d));
        (
            Run::Helix {
                wraps,
                square: false,
            },
            r,
        )
    };
    if !(r > 0.0 && r.is_finite()) {
        return Vec::new();
    }
    let (path, closed) = run_path(&job.b, run, r, job.n.max(24));
    let mut along: Vec<f64> = vec![0.0];
    for pair in path.windows(2) {
        along.push(along[along.len() - 1] + length(sub(pair[1], pair[0])));
    }
    let total = along[along.len() - 1];
    if !(total > 0.0 && total.is_finite()) {
        return Vec::new();
    }
    // A link is about three of its widths long; links overlap by a quarter
    // so each passes through the next.
    let spacing0 = 0.75 * 3.0 * r;
    let links = ((total / spacing0).round() as usize).clamp(2, MAX_LINKS);
    let spacing = total / links as f64;
    let half_len = spacing / 1.5;
    let half_wide = r * 0.9;
    let wire = 0.22 * half_wide;
    let samples = (job.n / 3).clamp(8, 12);
    let mut faces = Vec::new();
    for k in 0..links {
        let at = (k as f64 + 0.5) * spacing;
        let (c, t) = point_on(&path, &along, at, closed);
        let up = if t[1].abs() < 0.9 {
            [0.0, 1.0, 0.0]
        } else {
            [1.0, 0.0, 0.0]
        };
        let side = normalize(cross(t, up));
        let across = if k % 2 == 0 {
            side
        } else {
            normalize(cross(t, side))
        };
        let oval: Vec<Vec3> = (0..samples)
            .map(|i| {
                let a = TAU * i as f64 / samples as f64;
                add(
                    c,
                    add(
                        scale(t, (half_len - wire) * a.cos()),
                        scale(across, (half_wide - wire) * a.sin()),
                    ),
                )
            })
            .collect();
        faces.extend(sweep(&oval, true, wire, 4, job.body));
    }
    fit_into(&mut faces, &job.b);
    faces
}

/// Moves and, where needed, shrinks faces along each axis so that they lie
/// inside `b`: links at a run's ends and corners reach past the path the
/// run keeps inside its box.
fn fit_into(faces: &mut [Face], b: &Frame) {
    let mut lo = [f64::INFINITY; 3];
    let mut hi = [f64::NEG_INFINITY; 3];
    for v in faces.iter().flat_map(|f| f.verts.iter()) {
        for axis in 0..3 {
            lo[axis] = lo[axis].min(v[axis]);
            hi[axis] = hi[axis].max(v[axis]);
        }
    }
    for axis in 0..3 {
        let (span, room) = (hi[axis] - lo[axis], b.max[axis] - b.min[axis]);
        if !(span.is_finite() && room.is_finite()) {
            continue;
        }
        let k = if span > room && span > 0.0 {
            room / span
        } else {
            1.0
        };
        // Centred where it was, then pushed back inside.
        let mid = (lo[axis] + hi[axis]) / 2.0;
        let half = span * k / 2.0;
        let shift = (mid.max(b.min[axis] + half).min(b.max[axis] - half)) - mid;
        for v in faces.iter_mut().flat_map(|f| f.verts.iter_mut()) {
            v[axis] = mid + (v[axis] - mid) * k + shift;
        }
    }
}

/// The point `at` along a sampled path (by arc length) and the path's
/// direction there.
fn point_on(path: &[Vec3], along: &[f64], at: f64, closed: bool) -> (Vec3, Vec3) {
    let i = along.partition_point(|&l| l <= at).clamp(1, path.len() - 1);
    let (a, b) = (path[i - 1], path[i]);
    let span = along[i] - along[i - 1];
    let f = if span > 0.0 {
        (at - along[i - 1]) / span
    } else {
        0.0
    };
    let p = add(a, scale(sub(b, a), f));
    let mut t = normalize(sub(b, a));
    if length(t) == 0.0 && closed {
        t = normalize(sub(path[0], b));
    }
    (p, t)
}
