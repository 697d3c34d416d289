//! Round parts, each one lathe profile: cylinders, cans, tubes, bottles,
//! jars, lids, cones, spheres, tori, tires and discs.
//!
//! Profiles are written as `(radius fraction, height fraction)` pairs from
//! the bottom up with the solid on the left (see [`super::lathe`]), which
//! keeps each shape a short, readable table. Open containers get an explicit
//! wall: the profile runs up the outside, across the rim and down the inside
//! to an inner floor, so the opening shows a real wall thickness.

use plan::model::CutKeep;

use super::lathe::{ellipsoid, lathe, pt, Axis, Ends, Pt, Revolve};
use super::prim::Style;
use super::{darken, lighten, Job};
use crate::mesh::Face;

/// Radial wall thickness of open containers (fraction of the radius).
const WALL: f64 = 0.04;

/// An upright lathe of the job's box from `(r, height fraction, style)`.
fn upright(job: &Job, profile: &[(f64, f64, Style)], ends: Ends) -> Vec<Face> {
    let rev = Revolve::in_box(&job.b, Axis::Y, job.n);
    let pts: Vec<Pt> = profile
        .iter()
        .map(|&(r, f, s)| pt(r, job.b.y(f), s))
        .collect();
    lathe(&rev, &pts, ends)
}

fn closed_ends(bottom: Style, top: Style) -> Ends {
    Ends {
        closed: false,
        start: Some(bottom),
        end: Some(top),
    }
}

/// The inside of an open container: a little darker than the outside.
fn inside(style: Style) -> Style {
    style.with_color(darken(style.color, 0.8))
}

/// `outer` (bottom to rim) plus a wall of thickness [`WALL`] down to an
/// inner floor at height fraction `floor`, for open containers.
fn open_vessel(job: &Job, outer: &[(f64, f64)], floor: f64) -> Vec<Face> {
    let s = job.body;
    let mut profile: Vec<(f64, f64, Style)> = outer.iter().map(|&(r, f)| (r, f, s)).collect();
    let rim = outer.last().map_or(1.0, |p| p.0);
    let inner = (rim - WALL).max(0.05);
    profile.push((inner, 1.0, inside(s)));
    profile.push((inner, floor, inside(s)));
    upright(job, &profile, closed_ends(s, inside(s)))
}

/// A closed upright cylinder filling the box (also round fills).
pub(crate) fn plain_cylinder(job: &Job) -> Vec<Face> {
    let s = job.body;
    upright(job, &[(1.0, 0.0, s), (1.0, 1.0, s)], closed_ends(s, s))
}

pub(crate) fn cylinder(job: &Job) -> Vec<Face> {
    if job.open_top {
        open_vessel(job, &[(1.0, 0.0), (1.0, 1.0)], 0.03)
    } else {
        plain_cylinder(job)
    }
}

/// A can: rolled bottom edge, straight body, a lighter rim ring standing a
/// little proud of a recessed lid.
pub(crate) fn can(job: &Job) -> Vec<Face> {
    let s = job.body;
    let rim = s.with_color(lighten(s.color, 0.3));
    if job.open_top {
        return open_vessel(job, &[(0.9, 0.0), (1.0, 0.04), (1.0, 1.0)], 0.04);
    }
    let profile = [
        (0.9, 0.0, s),
        (1.0, 0.04, s),
        (1.0, 0.92, rim),
        (0.94, 0.97, rim),
        (0.94, 1.0, rim),
        (0.87, 1.0, rim),
        (0.87, 0.985, rim),
    ];
    upright(job, &profile, closed_ends(s, rim))
}

/// A hollow tube: outer wall, inner wall facing inwards, two annular rims.
/// Lies along its longest horizontal axis when wider than tall.
pub(crate) fn tube(job: &Job) -> Vec<Face> {
    let size = job.b.size();
    let axis = if !job.b.is_wide() {
        Axis::Y
    } else if size[0] >= size[2] {
        Axis::X
    } else {
        Axis::Z
    };
    let bore = if job.part.kind == plan::model::PartKind::Pipe {
        0.8
    } else {
        0.88
    };
    let rev = Revolve::in_box(&job.b, axis, job.n);
    let (t0, t1) = Revolve::span(&job.b, axis);
    let s = job.body;
    let profile = [
        pt(1.0, t0, s),
        pt(1.0, t1, s),
        pt(bore, t1, inside(s)),
        pt(bore, t0, s),
    ];
    lathe(
        &rev,
        &profile,
        Ends {
            closed: true,
            ..Ends::default()
        },
    )
}

/// A bottle: rounded base, straight body, curved shoulder, neck, cap. Cut
/// bottles lose the neck (bottom kept: an open cup) or the base (top kept:
/// a funnel, open at the bottom).
pub(crate) fn bottle(job: &Job) -> Vec<Face> {
    let s = job.body;
    let keep = job.part.cut.map(|(keep, _)| keep);
    if matches!(keep, Some(CutKeep::Bottom)) || job.open_top && keep.is_some() {
        return open_vessel(job, &[(0.9, 0.0), (1.0, 0.04), (1.0, 1.0)], 0.04);
    }
    let shoulder = |lo: f64, hi: f64| {
        (1..=4).map(move |k| {
            let phi = std::f64::consts::FRAC_PI_2 * f64::from(k) / 4.0;
            (0.34 + 0.66 * phi.cos(), lo + (hi - lo) * phi.sin())
        })
    };
    let mut outer: Vec<(f64, f64, Style)> = Vec::new();
    let funnel = matches!(keep, Some(CutKeep::Top));
    if funnel {
        outer.push((1.0, 0.0, s));
        outer.push((1.0, 0.25, s));
        outer.extend(shoulder(0.25, 0.6).map(|(r, f)| (r, f, s)));
    } else {
        outer.push((0.9, 0.0, s));
        outer.push((1.0, 0.035, s));
        outer.push((1.0, 0.55, s));
        outer.extend(shoulder(0.55, 0.75).map(|(r, f)| (r, f, s)));
    }
    outer.push((0.3, 0.82, s));
    let mut ends = Ends {
        closed: false,
        start: (!funnel).then_some(s),
        end: None,
    };
    if funnel {
        // Open at the cut: see the (darker) inside through it.
        ends.start = None;
        for p in outer.iter_mut() {
            p.2 = p.2.two_sided();
        }
    }
    if job.open_top {
        let mouth = s.with_color(darken(s.color, 0.35));
        outer.push((0.3, 0.92, s));
        outer.push((0.36, 0.93, s));
        outer.push((0.36, 1.0, s));
        outer.push((0.26, 1.0, mouth));
        outer.push((0.26, 0.9, mouth));
        ends.end = Some(mouth.opaque());
    } else {
        let cap = s.with_color(darken(s.color, 0.55)).opaque();
        outer.push((0.3, 0.88, cap));
        outer.push((0.36, 0.88, cap));
        outer.push((0.36, 1.0, cap));
        ends.end = Some(cap);
    }
    upright(job, &outer, ends)
}

/// A jar: straight body, rounded shoulder, short neck with a thread ring.
pub(crate) fn jar(job: &Job) -> Vec<Face> {
    let s = job.body;
    let mut profile = vec![(0.93, 0.0, s), (1.0, 0.04, s), (1.0, 0.72, s)];
    profile.extend((1..=3).map(|k| {
        let phi = std::f64::consts::FRAC_PI_2 * f64::from(k) / 3.0;
        (0.8 + 0.2 * phi.cos(), 0.72 + 0.14 * phi.sin(), s)
    }));
    profile.extend([
        (0.8, 0.87, s),
        (0.85, 0.88, s),
        (0.85, 0.94, s),
        (0.8, 0.95, s),
        (0.8, 1.0, s),
    ]);
    if job.open_top {
        profile.push((0.75, 1.0, inside(s)));
        profile.push((0.75, 0.05, inside(s)));
        return upright(job, &profile, closed_ends(s, inside(s)));
    }
    upright(job, &profile, closed_ends(s, s))
}

/// A lid: a short disc with a raised rim around a recessed top panel.
pub(crate) fn lid(job: &Job) -> Vec<Face> {
    let s = job.body;
    let panel = s.with_color(lighten(s.color, 0.12));
    let profile = [(1.0, 0.0, s), (1.0, 1.0, s), (0.9, 1.0, s), (0.9, 0.75, s)];
    upright(job, &profile, closed_ends(s, panel))
}

pub(crate) fn cone(job: &Job) -> Vec<Face> {
    let s = job.body;
    upright(job, &[(1.0, 0.0, s), (0.0, 1.0, s)], closed_ends(s, s))
}

pub(crate) fn sphere(job: &Job) -> Vec<Face> {
    ellipsoid(job.b.center(), job.b.half(), job.n, job.body)
}

/// Lying flat when wider than tall, else upright with its axis along z.
fn ring_axis(job: &Job) -> Axis {
    if job.b.is_wide() {
        Axis::Y
    } else {
        Axis::Z
    }
}

/// A ring: the lathe of a closed loop profile that misses the axis.
fn ring_lathe(job: &Job, loop_pts: impl Iterator<Item = (f64, f64)>) -> Vec<Face> {
    let axis = ring_axis(job);
    let rev = Revolve::in_box(&job.b, axis, job.n);
    let (t0, t1) = Revolve::span(&job.b, axis);
    let s = job.body;
    let profile: Vec<Pt> = loop_pts
        .map(|(r, f)| pt(r, t0 + f * (t1 - t0), s))
        .collect();
    lathe(
        &rev,
        &profile,
        Ends {
            closed: true,
            ..Ends::default()
        },
    )
}

/// A torus: a round tube (elliptical where the box is squashed) of radius
/// 0.3 around a centre line at 0.7 of the footprint.
pub(crate) fn torus(job: &Job) -> Vec<Face> {
    // A multiple of 4 points around the tube reaches its top and bottom.
    let m = 4 * (job.n / 8).max(2);
    ring_lathe(
        job,
        (0..m).map(|k| {
            let phi = std::f64::consts::TAU * k as f64 / m as f64;
            (0.7 + 0.3 * phi.cos(), 0.5 + 0.5 * phi.sin())
        }),
    )
}

/// A tire: a rounded rectangle turned around the axis, with a flat tread
/// and a hole for the rim.
pub(crate) fn tire(job: &Job) -> Vec<Face> {
    let (inner, cr, ct) = (0.55, 0.12, 0.3);
    // Corner centres, counter-clockwise from the outer top, with the angle
    // each quarter arc starts at.
    let corners = [
        (1.0 - cr, 1.0 - ct, 0.0),
        (inner + cr, 1.0 - ct, 1.0),
        (inner + cr, ct, 2.0),
        (1.0 - cr, ct, 3.0),
    ];
    ring_lathe(
        job,
        corners.into_iter().flat_map(move |(r, f, q)| {
            (0..=2).map(move |k| {
                let a = std::f64::consts::FRAC_PI_2 * (q + f64::from(k) / 2.0);
                (r + cr * a.cos(), f + ct * a.sin())
            })
        }),
    )
}

/// A disc: a thin cylinder with its axis along the box's thinnest side.
pub(crate) fn disc(job: &Job) -> Vec<Face> {
    let size = job.b.size();
    let axis = if size[1] <= size[0] && size[1] <= size[2] {
        Axis::Y
    } else if size[2] <= size[0] {
        Axis::Z
    } else {
        Axis::X
    };
    let rev = Revolve::in_box(&job.b, axis, job.n);
    let (t0, t1) = Revolve::span(&job.b, axis);
    let s = job.body;
    lathe(&rev, &[pt(1.0, t0, s), pt(1.0, t1, s)], closed_ends(s, s))
}
