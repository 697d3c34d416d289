//! Light sources. "Lights" covers fairy-light strings, bulbs, tea lights
//! and candles, so the box's shape picks which one is drawn:
//!
//! - wrapped around something, or in a long thin box: a string of small
//!   warm bulbs on a dark wire, on the same paths as rope (see
//!   [`super::strands`]);
//! - flat and wide: a tea light (metal cup, wax, flame);
//! - wax, or tall and slim: a candle (wax body, wick, flame);
//! - glass, or otherwise: a light bulb (screw base, glass globe).
//!
//! A light string's bulbs sit on its wire, away from the wire's ends, and
//! the wire is thin, so a string spans less of its box across its run than
//! a solid would (at least 60%, usually far more).

use plan::model::Material;

use super::lathe::{ellipsoid, lathe, pt, sweep, Axis, Ends, Revolve};
use super::prim::{cuboid, Style};
use super::strands::{is_long, run_path, run_point, turns, Run};
use super::{darken, Job};
use crate::mesh::{Face, Rgb};

const BULB_WARM: Rgb = [0xff, 0xe9, 0xa8];
const WIRE_DARK: Rgb = [0x33, 0x33, 0x33];
const FLAME: Rgb = [0xff, 0xb8, 0x3c];
const METAL: Rgb = [0xc8, 0xc8, 0xcc];

pub(crate) fn lights(job: &Job) -> Vec<Face> {
    let [w, h, d] = job.b.size();
    if job.around() || is_long(&job.b) {
        return light_string(job);
    }
    let flat = h <= 0.6 * w.min(d);
    match job.part.material {
        Material::Wax if flat => tea_light(job),
        Material::Wax => candle(job),
        Material::Glass => bulb(job),
        _ if flat => tea_light(job),
        _ if h >= 2.0 * w.max(d) => candle(job),
        _ => bulb(job),
    }
}

/// A flame: a small teardrop from height fraction `from` to the top.
fn flame(job: &Job, from: f64, width: f64) -> Vec<Face> {
    let style = Style::of(FLAME, false);
    let h = job.b.half();
    let rev = Revolve::at(
        job.b.center(),
        Axis::Y,
        width * h[0],
        width * h[2],
        job.n.min(12),
    );
    let y = |f: f64| job.b.y(f);
    let span = 1.0 - from;
    let profile = [
        pt(0.0, y(from), style),
        pt(0.8, y(from + 0.25 * span), style),
        pt(0.6, y(from + 0.6 * span), style),
        pt(0.0, y(1.0), style),
    ];
    lathe(&rev, &profile, Ends::default())
}

fn tea_light(job: &Job) -> Vec<Face> {
    let cup = job.body.opaque().with_color(METAL);
    let wax = job.body.opaque();
    let rev = Revolve::in_box(&job.b, Axis::Y, job.n);
    let y = |f: f64| job.b.y(f);
    let profile = [
        pt(1.0, y(0.0), cup),
        pt(1.0, y(0.6), cup),
        pt(0.93, y(0.6), cup),
        pt(0.93, y(0.52), wax),
    ];
    let ends = Ends {
        closed: false,
        start: Some(cup),
        end: Some(wax),
    };
    let mut faces = lathe(&rev, &profile, ends);
    faces.extend(flame(job, 0.6, 0.14));
    faces
}

fn candle(job: &Job) -> Vec<Face> {
    let wax = job.body.opaque();
    let rev = Revolve::in_box(&job.b, Axis::Y, job.n);
    let y = |f: f64| job.b.y(f);
    let profile = [
        pt(1.0, y(0.0), wax),
        pt(1.0, y(0.78), wax),
        pt(0.9, y(0.8), wax),
    ];
    let ends = Ends {
        closed: false,
        start: Some(wax),
        end: Some(wax),
    };
    let mut faces = lathe(&rev, &profile, ends);
    let c = job.b.center();
    let [hx, _, hz] = job.b.half();
    let wick = Style::of(WIRE_DARK, false);
    faces.extend(cuboid(
        [c[0] - 0.05 * hx, y(0.8), c[2] - 0.05 * hz],
        [c[0] + 0.05 * hx, y(0.84), c[2] + 0.05 * hz],
        wick,
    ));
    faces.extend(flame(job, 0.84, 0.35));
    faces
}

/// A light bulb: screw base, neck, round glass globe.
fn bulb(job: &Job) -> Vec<Face> {
    let glass = job.body.with_color(BULB_WARM);
    let base = Style::of(METAL, false);
    let rev = Revolve::in_box(&job.b, Axis::Y, job.n);
    let y = |f: f64| job.b.y(f);
    let mut profile = vec![
        pt(0.2, y(0.0), base),
        pt(0.34, y(0.04), base),
        pt(0.34, y(0.1), base),
        pt(0.38, y(0.14), base),
        pt(0.34, y(0.18), base),
        pt(0.38, y(0.22), base),
        pt(0.34, y(0.27), base),
        pt(0.42, y(0.3), glass),
    ];
    let rings = 6;
    for k in 0..=rings {
        let phi = -std::f64::consts::FRAC_PI_3
            + (std::f64::consts::FRAC_PI_2 + std::f64::consts::FRAC_PI_3) * f64::from(k)
                / f64::from(rings);
        let r = if k == rings { 0.0 } else { phi.cos() };
        profile.push(pt(r, y(0.66 + 0.34 * phi.sin()), glass));
    }
    let ends = Ends {
        closed: false,
        start: Some(base.with_color(darken(METAL, 0.4))),
        end: None,
    };
    lathe(&rev, &profile, ends)
}

/// Fairy lights: a dark wire with warm bulbs spaced along it.
fn light_string(job: &Job) -> Vec<Face> {
    let [w, h, d] = job.b.size();
    let (run, rb) = if job.around() {
        let rb = (0.05 * w.min(d)).min(h / 2.0);
        let wraps = turns(h, 4.0 * rb, 6);
        (Run::wound(wraps, rb, h, !job.host_is_round()), rb)
    } else {
        (Run::Loose, h.min(w.min(d)) / 2.0)
    };
    let bulbs = match run {
        Run::Ring { .. } => (job.n / 2).clamp(6, 16),
        Run::Helix { wraps, .. } | Run::Spiral { turns: wraps } => {
            ((job.n / 3).clamp(6, 12) * wraps).min(32)
        }
        Run::Loose => {
            // About four bulb widths apart.
            let long = w.max(d);
            let count = if rb > 0.0 { long / (4.0 * rb) } else { 3.0 };
            count.clamp(3.0, 40.0) as usize
        }
    };
    let (path, closed) = run_path(&job.b, run, rb, job.n);
    let wire = Style::of(WIRE_DARK, false);
    let mut faces = sweep(&path, closed, 0.15 * rb, 5, wire);
    let bulb = job.body.with_color(BULB_WARM);
    for k in 0..bulbs {
        let s = (k as f64 + 0.5) / bulbs as f64;
        let c = run_point(&job.b, run, rb, s);
        faces.extend(ellipsoid(c, [rb, rb, rb], 6, bulb));
    }
    faces
}
