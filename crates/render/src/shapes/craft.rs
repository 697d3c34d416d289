//! What craft operations make of a part: a piece cut out in a shape (a
//! heart out of felt), a folded sheet, bent, coiled, twisted or looped
//! wire, a stuffed soft good and the stuffing peeking out of it.
//!
//! Outlines are 2D polygons, counter-clockwise, extruded across the part's
//! thinnest side (a prism) and triangulated by ear clipping, so any outline
//! (a heart's cleft, a star's points) gives flat, convex faces. A folded
//! sheet is two layers hinged at the crease: the lower one flat, the upper
//! one sheared open by [`FOLD_LIFT`] so the fold reads from any side. A
//! stuffed soft good is a pillow: its outline shrunk ring by ring towards
//! the middle while it rises, each band between two rings a planar
//! trapezoid.

use std::f64::consts::{FRAC_PI_2, PI, TAU};

use plan::layout::Aabb;
use plan::model::{BendShape, CutShape, PartKind};
use plan::state::PartState;

use super::lathe::{ellipsoid, lathe, pt, sweep, Axis, Ends, Revolve};
use super::prim::{facing, Style};
use super::strands::{run_path, Run, SPIRAL_IN};
use super::{darken, Frame, Job};
use crate::geom::{add, scale, sub, Vec3};
use crate::mesh::Face;

/// A point of an outline: along the part's width (`a`) and depth or height
/// (`b`), in cm from the middle of its footprint.
type P2 = [f64; 2];

/// How far the upper layer of a folded sheet opens: its rise per cm from
/// the crease (about 11 degrees).
pub(crate) const FOLD_LIFT: f64 = 0.2;

/// Where a stuffed soft good's seam runs, as a fraction of its height, and
/// how much of it bulges above and below.
const PILLOW_SEAM: f64 = 0.4;
/// Where its bulge starts inside the flat flange round the seam (a
/// fraction of its outline).
const PILLOW_FLANGE: f64 = 0.93;
/// Rings from a pillow's seam to its top (and to its bottom).
const PILLOW_RINGS: usize = 6;

/// Kinds that are sheets: folded flat, looped into bands, never swept as
/// wire.
fn is_sheet(kind: PartKind) -> bool {
    matches!(kind, PartKind::Sheet | PartKind::Paper | PartKind::Fabric)
}

/// Kinds that become a pillow when stuffed.
fn is_soft(kind: PartKind) -> bool {
    matches!(
        kind,
        PartKind::Fabric
            | PartKind::Cushion
            | PartKind::Generic
            | PartKind::Sheet
            | PartKind::Paper
    )
}

/// The faces of a part a craft operation changed, or `None` when none did
/// (or the kind draws its own way).
pub(crate) fn faces(job: &Job) -> Option<Vec<Face>> {
    let part = job.part;
    if part.stuffing {
        return Some(tuft(job));
    }
    if part.stuffed && is_soft(part.kind) {
        return Some(pillow(job));
    }
    if let Some(shape) = part.bend {
        if let Some(faces) = bent(job, shape) {
            return Some(faces);
        }
    }
    if part.folds > 0 {
        if let Some(faces) = folded(job) {
            return Some(faces);
        }
    }
    part.cut_shape.map(|shape| {
        let sheet = SheetFrame::of(&job.b);
        let outline = fit_outline(shape, sheet.wa, sheet.wb);
        prism(&sheet, &outline, 0.0, sheet.wt, None, job.body)
    })
}

// ---------------------------------------------------------------------------
// Outlines
// ---------------------------------------------------------------------------

/// The outline of `shape` in the square -1..=1 (counter-clockwise, `b`
/// up: a heart's lobes and a star's top point are at +1), and its natural
/// proportion (width over height) if it has one; shapes without one fill
/// whatever footprint they are cut from.
fn unit_outline(shape: CutShape) -> (Vec<P2>, Option<f64>) {
    let ring = |n: usize, f: &dyn Fn(f64) -> P2| -> Vec<P2> {
        (0..n).map(|i| f(TAU * i as f64 / n as f64)).collect()
    };
    let (points, aspect) = match shape {
        CutShape::Circle => (ring(32, &|a| [a.cos(), a.sin()]), Some(1.0)),
        CutShape::Square => (square(), Some(1.0)),
        CutShape::Rectangle | CutShape::Strip => (square(), None),
        CutShape::Triangle => (vec![[-1.0, -1.0], [1.0, -1.0], [0.0, 1.0]], None),
        CutShape::Diamond => (vec![[0.0, -1.0], [1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]], None),
        CutShape::Heart => (
            ring(40, &|t| {
                let (s, c) = (t.sin(), t.cos());
                [
                    16.0 * s * s * s,
                    13.0 * c - 5.0 * (2.0 * t).cos() - 2.0 * (3.0 * t).cos() - (4.0 * t).cos(),
                ]
            }),
            Some(1.0),
        ),
        CutShape::Star => (
            ring(10, &|a| {
                let r = if ((a / (TAU / 10.0)).round() as i64) % 2 == 0 {
                    1.0
                } else {
                    0.42
                };
                let a = a + FRAC_PI_2;
                [r * a.cos(), r * a.sin()]
            }),
            Some(1.0),
        ),
        CutShape::Leaf => (
            // Pointed at both ends.
            ring(32, &|a| [a.cos() * (1.0 - a.sin().abs()).sqrt(), a.sin()]),
            Some(0.5),
        ),
        CutShape::Petal => (
            // Round at the tip, pointed at the base.
            ring(32, &|a| {
                let narrow = if a.sin() < 0.0 {
                    (1.0 + a.sin()).powf(0.8)
                } else {
                    1.0
                };
                [a.cos() * narrow, a.sin()]
            }),
            Some(0.6),
        ),
    };
    (normalized(&points), aspect)
}

fn square() -> Vec<P2> {
    vec![[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]
}

/// `points` stretched to the square -1..=1, counter-clockwise, with
/// repeated points left out.
fn normalized(points: &[P2]) -> Vec<P2> {
    let (lo, hi) = bounds(points);
    let mut out: Vec<P2> = Vec::with_capacity(points.len());
    for p in points {
        let q = [0, 1].map(|k| {
            let span = hi[k] - lo[k];
            if span > 0.0 {
                2.0 * (p[k] - lo[k]) / span - 1.0
            } else {
                0.0
            }
        });
        if out.last().is_none_or(|l| dist(*l, q) > 1e-6) {
            out.push(q);
        }
    }
    while out.len() > 1 && dist(out[0], out[out.len() - 1]) <= 1e-6 {
        out.pop();
    }
    if signed_area(&out) < 0.0 {
        out.reverse();
    }
    out
}

fn bounds(points: &[P2]) -> (P2, P2) {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in points {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    (lo, hi)
}

fn dist(a: P2, b: P2) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// Twice the signed area: positive when counter-clockwise.
fn signed_area(points: &[P2]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (p, q) = (points[i], points[(i + 1) % n]);
            p[0] * q[1] - q[0] * p[1]
        })
        .sum()
}

/// The outline of `shape` in a `wa` by `wb` footprint (cm, centred): shapes
/// with a natural proportion as large as fits, their long side along the
/// footprint's; the others filling it.
pub(crate) fn fit_outline(shape: CutShape, wa: f64, wb: f64) -> Vec<P2> {
    let (unit, aspect) = unit_outline(shape);
    let (wa, wb) = (wa.max(1e-9), wb.max(1e-9));
    let Some(aspect) = aspect else {
        return unit
            .iter()
            .map(|p| [p[0] * wa / 2.0, p[1] * wb / 2.0])
            .collect();
    };
    // Lay a long shape along the footprint's long side.
    let turn = (aspect < 1.0) == (wa > wb) && (aspect - 1.0).abs() > 1e-9;
    let natural: Vec<P2> = unit
        .iter()
        .map(|p| {
            let q = [p[0] * aspect, p[1]];
            if turn {
                [-q[1], q[0]]
            } else {
                q
            }
        })
        .collect();
    let (lo, hi) = bounds(&natural);
    let k = (wa / (hi[0] - lo[0]).max(1e-12)).min(wb / (hi[1] - lo[1]).max(1e-12));
    natural.iter().map(|p| [p[0] * k, p[1] * k]).collect()
}

/// The part of `poly` with `a <= limit` (Sutherland–Hodgman).
fn clip_below(poly: &[P2], limit: f64) -> Vec<P2> {
    let n = poly.len();
    let mut out = Vec::with_capacity(n + 2);
    for i in 0..n {
        let (p, q) = (poly[i], poly[(i + 1) % n]);
        let (pin, qin) = (p[0] <= limit, q[0] <= limit);
        if pin {
            out.push(p);
        }
        if pin != qin {
            let t = (limit - p[0]) / (q[0] - p[0]);
            out.push([limit, p[1] + t * (q[1] - p[1])]);
        }
    }
    out.dedup_by(|a, b| dist(*a, *b) <= 1e-9);
    while out.len() > 1 && dist(out[0], out[out.len() - 1]) <= 1e-9 {
        out.pop();
    }
    out
}

/// `poly` without repeated points and corners on a straight line, which
/// would leave a side of a prism with no matching edge on its top.
fn simplified(poly: &[P2]) -> Vec<P2> {
    let (lo, hi) = bounds(poly);
    let size = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-12);
    let eps = 1e-9 * size;
    let mut out = poly.to_vec();
    loop {
        let n = out.len();
        if n < 3 {
            return out;
        }
        let drop = (0..n).find(|&i| {
            let (a, b, c) = (out[(i + n - 1) % n], out[i], out[(i + 1) % n]);
            let cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
            dist(a, b) <= eps || cross.abs() <= eps * size
        });
        match drop {
            Some(i) => {
                out.remove(i);
            }
            None => return out,
        }
    }
}

/// Triangles (indices into `poly`, counter-clockwise) covering a simple
/// polygon, by ear clipping. Degenerate (collinear) corners are skipped.
fn triangulate(poly: &[P2]) -> Vec<[usize; 3]> {
    let n = poly.len();
    if n < 3 {
        return Vec::new();
    }
    let mut left: Vec<usize> = (0..n).collect();
    if signed_area(poly) < 0.0 {
        left.reverse();
    }
    let turn = |a: P2, b: P2, c: P2| (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    let scale = {
        let (lo, hi) = bounds(poly);
        (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-12)
    };
    let eps = 1e-12 * scale * scale;
    // The smallest angle of a triangle, as its sine: ears are cut best
    // first, so that no sliver is left to draw.
    let quality = |a: P2, b: P2, c: P2| {
        let area = turn(a, b, c).abs();
        let (ab, bc, ca) = (dist(a, b), dist(b, c), dist(c, a));
        let longest = ab.max(bc).max(ca);
        if longest <= 0.0 {
            0.0
        } else {
            area / (longest * longest)
        }
    };
    let mut tris = Vec::with_capacity(n - 2);
    while left.len() > 3 {
        let m = left.len();
        let ear = (0..m)
            .filter(|&i| {
                let (a, b, c) = (left[(i + m - 1) % m], left[i], left[(i + 1) % m]);
                let (pa, pb, pc) = (poly[a], poly[b], poly[c]);
                if turn(pa, pb, pc) <= eps {
                    return false;
                }
                !left.iter().any(|&j| {
                    j != a
                        && j != b
                        && j != c
                        && turn(pa, pb, poly[j]) >= 0.0
                        && turn(pb, pc, poly[j]) >= 0.0
                        && turn(pc, pa, poly[j]) >= 0.0
                })
            })
            .map(|i| {
                let (a, b, c) = (left[(i + m - 1) % m], left[i], left[(i + 1) % m]);
                (i, quality(poly[a], poly[b], poly[c]))
            })
            .fold(None, |best: Option<(usize, f64)>, (i, q)| match best {
                Some((_, bq)) if bq >= q => best,
                _ => Some((i, q)),
            })
            .map(|(i, _)| i);
        let Some(i) = ear else {
            // Only collinear corners left: drop one and go on.
            let i = (0..m)
                .find(|&i| {
                    let (a, b, c) = (left[(i + m - 1) % m], left[i], left[(i + 1) % m]);
                    turn(poly[a], poly[b], poly[c]).abs() <= eps
                })
                .unwrap_or(0);
            left.remove(i);
            continue;
        };
        let m = left.len();
        tris.push([left[(i + m - 1) % m], left[i], left[(i + 1) % m]]);
        left.remove(i);
    }
    if left.len() == 3 && turn(poly[left[0]], poly[left[1]], poly[left[2]]) > eps {
        tris.push([left[0], left[1], left[2]]);
    }
    tris
}

/// Convex pieces (indices into `poly`, counter-clockwise) covering a simple
/// polygon: its triangles merged across shared edges while the union stays
/// convex (Hertel–Mehlhorn). Few big faces draw cleaner than many slivers,
/// whose antialiased edges show as faint lines.
fn convex_pieces(poly: &[P2]) -> Vec<Vec<usize>> {
    let mut pieces: Vec<Vec<usize>> = triangulate(poly).into_iter().map(Vec::from).collect();
    let convex = |piece: &[usize]| {
        let m = piece.len();
        (0..m).all(|i| {
            let (a, b, c) = (
                poly[piece[(i + m - 1) % m]],
                poly[piece[i]],
                poly[piece[(i + 1) % m]],
            );
            (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 0.0
        })
    };
    let mut merged = true;
    while merged {
        merged = false;
        'search: for x in 0..pieces.len() {
            for y in x + 1..pieces.len() {
                let (a, b) = (&pieces[x], &pieces[y]);
                // An edge i -> j of `a` that `b` runs j -> i.
                let shared = (0..a.len()).find_map(|k| {
                    let (i, j) = (a[k], a[(k + 1) % a.len()]);
                    (0..b.len())
                        .find(|&l| b[l] == j && b[(l + 1) % b.len()] == i)
                        .map(|l| (k, l))
                });
                let Some((k, l)) = shared else {
                    continue;
                };
                // `a` from j round to i, then `b` from after i to before j.
                let mut union: Vec<usize> = (1..=a.len()).map(|t| a[(k + t) % a.len()]).collect();
                union.extend((2..b.len()).map(|t| b[(l + t) % b.len()]));
                if convex(&union) {
                    pieces[x] = union;
                    pieces.swap_remove(y);
                    merged = true;
                    break 'search;
                }
            }
        }
    }
    pieces
}

// ---------------------------------------------------------------------------
// Sheets: cut-out shapes and folds
// ---------------------------------------------------------------------------

/// A part's box seen as a sheet: `a` along its width (the side a fold
/// halves), `b` along its other broad side (an outline's "up": away from
/// the viewer when the sheet lies flat) and `t` across its thickness.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SheetFrame {
    /// The middle of the footprint on the side `t` starts from.
    origin: Vec3,
    ea: Vec3,
    eb: Vec3,
    et: Vec3,
    pub wa: f64,
    pub wb: f64,
    pub wt: f64,
}

impl SheetFrame {
    pub fn of(b: &Frame) -> SheetFrame {
        let size = b.size();
        let thin = if size[1] <= size[0] && size[1] <= size[2] {
            1
        } else if size[2] <= size[0] && size[2] <= size[1] {
            2
        } else {
            0
        };
        // The width as the state folds it: x, unless the part is thinnest
        // across x.
        let along = match thin {
            0 if size[1] >= size[2] => 1,
            0 => 2,
            _ => 0,
        };
        let other = 3 - thin - along;
        let unit = |axis: usize, sign: f64| {
            let mut v = [0.0; 3];
            v[axis] = sign;
            v
        };
        // Up is up; on the floor, "up" in the outline points away.
        let eb = unit(other, if other == 2 { -1.0 } else { 1.0 });
        let mut origin = b.center();
        origin[thin] = b.min[thin];
        SheetFrame {
            origin,
            ea: unit(along, 1.0),
            eb,
            et: unit(thin, 1.0),
            wa: size[along],
            wb: size[other],
            wt: size[thin],
        }
    }

    fn at(&self, p: P2, t: f64) -> Vec3 {
        add(
            self.origin,
            add(
                add(scale(self.ea, p[0]), scale(self.eb, p[1])),
                scale(self.et, t),
            ),
        )
    }
}

/// The outline extruded from `t0` to `t1` across the sheet; with a hinge
/// `(a, k)`, sheared open: each point rises `k` per cm it lies before `a`.
fn prism(
    sheet: &SheetFrame,
    outline: &[P2],
    t0: f64,
    t1: f64,
    hinge: Option<(f64, f64)>,
    style: Style,
) -> Vec<Face> {
    let mut poly = simplified(outline);
    if signed_area(&poly) < 0.0 {
        poly.reverse();
    }
    let n = poly.len();
    if n < 3 {
        return Vec::new();
    }
    let lift = |p: P2| hinge.map_or(0.0, |(a, k)| (a - p[0]).max(0.0) * k);
    let low: Vec<Vec3> = poly.iter().map(|p| sheet.at(*p, t0 + lift(*p))).collect();
    let high: Vec<Vec3> = poly.iter().map(|p| sheet.at(*p, t1 + lift(*p))).collect();
    let mut faces = Vec::with_capacity(2 * n + 2 * (n - 2));
    for piece in convex_pieces(&poly) {
        let top = piece.iter().map(|&i| high[i]).collect();
        let bottom = piece.iter().map(|&i| low[i]).collect();
        faces.push(style.face(facing(top, sheet.et)));
        faces.push(style.face(facing(bottom, scale(sheet.et, -1.0))));
    }
    for i in 0..n {
        let j = (i + 1) % n;
        let (p, q) = (poly[i], poly[j]);
        // Counter-clockwise: the outside is to the right of each edge.
        let out = add(scale(sheet.ea, q[1] - p[1]), scale(sheet.eb, p[0] - q[0]));
        faces.push(style.face(facing(vec![low[i], low[j], high[j], high[i]], out)));
    }
    faces
}

/// The outline a folded part shows (cm, centred in its folded footprint):
/// the part of its unfolded outline on the kept side of the folds.
fn folded_outline(part: &PartState, sheet: &SheetFrame) -> Vec<P2> {
    let k = f64::from(1u32 << part.folds.min(8));
    let whole = sheet.wa * k;
    let unfolded = match part.cut_shape {
        Some(shape) => fit_outline(shape, whole, sheet.wb),
        None => fit_outline(CutShape::Rectangle, whole, sheet.wb),
    };
    let limit = -whole / 2.0 + sheet.wa;
    let shift = whole / 2.0 - sheet.wa / 2.0;
    let kept: Vec<P2> = clip_below(&unfolded, limit + 1e-9 * whole)
        .into_iter()
        .map(|p| [(p[0] + shift).min(sheet.wa / 2.0), p[1]])
        .collect();
    if kept.len() >= 3 && signed_area(&kept).abs() > 1e-9 * sheet.wa * sheet.wb {
        kept
    } else {
        fit_outline(CutShape::Rectangle, sheet.wa, sheet.wb)
    }
}

/// Whether a part is thin enough to draw folded: its thinnest side well
/// under its other two.
fn is_flat(sheet: &SheetFrame) -> bool {
    sheet.wt <= 0.35 * sheet.wa.min(sheet.wb)
}

/// A folded sheet: the lower layer flat, the upper one hinged at the
/// crease (the +a edge) and open by [`FOLD_LIFT`], so the doubled edge
/// and the crease both show. It rises above its box at the open edge.
fn folded(job: &Job) -> Option<Vec<Face>> {
    let sheet = SheetFrame::of(&job.b);
    if !is_flat(&sheet) || job.part.kind == PartKind::Fill {
        return None;
    }
    let outline = folded_outline(job.part, &sheet);
    let style = job.body;
    let inner = style.with_color(darken(style.color, 0.85));
    let half = sheet.wt / 2.0;
    let hinge = (sheet.wa / 2.0, FOLD_LIFT);
    let mut faces = prism(&sheet, &outline, 0.0, half, None, inner);
    faces.extend(prism(&sheet, &outline, half, sheet.wt, Some(hinge), style));
    Some(faces)
}

// ---------------------------------------------------------------------------
// Bent wire
// ---------------------------------------------------------------------------

/// Wire (or a hanger, a pipe cleaner, a pipe) bent into `shape` in its
/// box; sheets looped or coiled into a band. `None` for sheets bent or
/// twisted, which keep their own shape.
fn bent(job: &Job, shape: BendShape) -> Option<Vec<Face>> {
    let b = &job.b;
    let [w, h, d] = b.size();
    let style = job.body.opaque();
    if is_sheet(job.part.kind) {
        return match shape {
            BendShape::Loop | BendShape::Coil => {
                let rev = Revolve::in_box(b, Axis::Y, job.n);
                let both = style.two_sided();
                Some(lathe(
                    &rev,
                    &[pt(1.0, b.min[1], both), pt(1.0, b.max[1], both)],
                    Ends::default(),
                ))
            }
            BendShape::Bend | BendShape::Twist => None,
        };
    }
    // Enough sides that neighbouring ones meet below the crease angle:
    // a bent wire is outlined along its silhouette, not along every side.
    let sides = 10;
    // Thin wire is drawn a little thicker than it is, so that its shape
    // reads at the guide's scale; it rests on the bottom of its box.
    let r = (h / 2.0)
        .max(0.012 * w.max(d))
        .min(0.25 * w.min(d))
        .max(0.0);
    let rest = |path: &mut Vec<Vec3>| {
        for p in path.iter_mut() {
            p[1] = b.min[1] + r;
        }
    };
    let faces = match shape {
        BendShape::Bend => {
            // A hook: a straight shank along the front, bent round at the
            // end through a half circle, with a short tail back.
            let y = b.center()[1];
            let [x0, _, z0] = b.min;
            let [x1, _, z1] = b.max;
            let front = z1 - r;
            let bend = ((d - 2.0 * r) / 2.0).max(0.0);
            let xc = (x1 - r - bend).max(x0 + r);
            let mut path = vec![[x0 + r, y, front]];
            for i in 0..=12 {
                let phi = PI * f64::from(i) / 12.0;
                path.push([xc + bend * phi.sin(), y, front - bend + bend * phi.cos()]);
            }
            path.push([(xc - 0.3 * w).max(x0 + r), y, z0 + r]);
            path.dedup_by(|p, q| (0..3).all(|k| (p[k] - q[k]).abs() < 1e-12));
            rest(&mut path);
            sweep(&path, false, r, sides, style)
        }
        BendShape::Coil => {
            // Two or three turns with gaps wider than the wire.
            let r = r.max(0.035 * w.min(d)).min(0.1 * w.min(d));
            let room = SPIRAL_IN * (w.min(d) / 2.0 - r);
            let turns = if r > 0.0 {
                ((room / (3.0 * r)).floor() as usize).clamp(2, 3)
            } else {
                2
            };
            let (mut path, closed) = run_path(b, Run::Spiral { turns }, r, job.n.max(24));
            for p in path.iter_mut() {
                p[1] = b.min[1] + r;
            }
            sweep(&path, closed, r, sides, style)
        }
        BendShape::Loop => {
            let (mut path, closed) = run_path(b, Run::Ring { square: false }, r, job.n.max(24));
            rest(&mut path);
            sweep(&path, closed, r, sides, style)
        }
        BendShape::Twist => twisted_pair(b, style, job.n),
    };
    Some(faces)
}

/// Two strands twisted round each other along the box's long horizontal
/// side.
fn twisted_pair(b: &Frame, style: Style, n: usize) -> Vec<Face> {
    let [w, h, d] = b.size();
    let along_x = w >= d;
    let (length, across) = if along_x { (w, d) } else { (d, w) };
    let thick = h.min(across);
    let r = thick / 4.0;
    if r <= 0.0 || length <= 4.0 * r {
        return Vec::new();
    }
    let turns = (length / (20.0 * r)).round().clamp(2.0, 5.0);
    let per_turn = (n / 4).clamp(6, 8) as f64;
    let samples = (turns * per_turn) as usize;
    let c = b.center();
    let start = if along_x { b.min[0] } else { b.min[2] } + r;
    let span = length - 2.0 * r;
    let dark = style.with_color(darken(style.color, 0.88));
    let mut faces = Vec::new();
    for (k, paint) in [(0.0, style), (PI, dark)] {
        let path: Vec<Vec3> = (0..=samples)
            .map(|i| {
                let s = i as f64 / samples as f64;
                let a = TAU * turns * s + k;
                let along = start + span * s;
                let (u, v) = (r * a.cos(), r * a.sin());
                if along_x {
                    [along, c[1] + u, c[2] + v]
                } else {
                    [c[0] + v, c[1] + u, along]
                }
            })
            .collect();
        faces.extend(sweep(&path, false, r, 10, paint));
    }
    faces
}

// ---------------------------------------------------------------------------
// Stuffing
// ---------------------------------------------------------------------------

/// The footprint outline of a stuffed soft good (cm from its middle, in
/// x and z): its cut shape, else a softened rectangle.
fn pillow_outline(part: &PartState, b: &Frame) -> Vec<P2> {
    let [w, _, d] = b.size();
    match part.cut_shape {
        Some(shape) => fit_outline(shape, w, d),
        None => (0..36)
            .map(|i| {
                let a = TAU * i as f64 / 36.0;
                let (c, s) = (a.cos(), a.sin());
                // A superellipse of power 6: square with round corners.
                let f = |v: f64| v.signum() * v.abs().powf(1.0 / 3.0);
                [f(c) * w / 2.0, -f(s) * d / 2.0]
            })
            .collect(),
    }
}

/// Height of the seam of a stuffed soft good in box `b`.
fn pillow_seam(b: &Frame) -> f64 {
    b.y(PILLOW_SEAM)
}

/// A stuffed soft good: a pillow, its outline shrinking ring by ring to
/// the middle while it bulges up (and, less, down) from the seam.
fn pillow(job: &Job) -> Vec<Face> {
    let b = &job.b;
    let c = b.center();
    let seam = pillow_seam(b);
    let (up, down) = (b.max[1] - seam, seam - b.min[1]);
    let mut outline = pillow_outline(job.part, b);
    // x and z: counter-clockwise seen from above is clockwise in (x, -z).
    if signed_area(&outline) < 0.0 {
        outline.reverse();
    }
    let n = outline.len();
    if n < 3 {
        return Vec::new();
    }
    let ring = |k: usize, height: f64, sign: f64| -> Vec<Vec3> {
        let theta = FRAC_PI_2 * k as f64 / PILLOW_RINGS as f64;
        let (s, y) = (
            PILLOW_FLANGE * theta.cos(),
            seam + sign * height * theta.sin(),
        );
        outline
            .iter()
            .map(|p| [c[0] + s * p[0], y, c[2] - s * p[1]])
            .collect()
    };
    let middle = [c[0], seam, c[2]];
    // The flat flange round the seam, where the two halves are sewn.
    let rim: Vec<Vec3> = outline
        .iter()
        .map(|p| [c[0] + p[0], seam, c[2] - p[1]])
        .collect();
    let inner = ring(0, 0.0, 1.0);
    let flange = job.body.two_sided();
    let mut faces = Vec::new();
    for i in 0..n {
        let j = (i + 1) % n;
        let quad = vec![rim[i], rim[j], inner[j], inner[i]];
        faces.push(flange.face(facing(quad, [0.0, 1.0, 0.0])));
    }
    for (height, sign) in [(up, 1.0), (down, -1.0)] {
        let rings: Vec<Vec<Vec3>> = (0..PILLOW_RINGS)
            .map(|k| {
                if k == 0 {
                    // The seam ring is shared by both halves.
                    ring(0, 0.0, 1.0)
                } else {
                    ring(k, height, sign)
                }
            })
            .collect();
        let apex = [c[0], seam + sign * height, c[2]];
        for k in 0..PILLOW_RINGS {
            for i in 0..n {
                let j = (i + 1) % n;
                let quad = if k + 1 < PILLOW_RINGS {
                    vec![rings[k][i], rings[k][j], rings[k + 1][j], rings[k + 1][i]]
                } else {
                    vec![rings[k][i], rings[k][j], apex]
                };
                let mid = quad.iter().fold([0.0; 3], |acc, p| {
                    add(acc, scale(*p, 1.0 / quad.len() as f64))
                });
                faces.push(job.body.face(facing(quad, sub(mid, middle))));
            }
        }
    }
    faces
}

/// Stuffing: a cloud of soft puffs filling its box.
fn tuft(job: &Job) -> Vec<Face> {
    // Centre and half size of each puff, as fractions of the box.
    const PUFFS: [[f64; 6]; 5] = [
        [0.5, 0.42, 0.5, 0.4, 0.42, 0.45],
        [0.24, 0.34, 0.42, 0.22, 0.32, 0.3],
        [0.76, 0.34, 0.58, 0.22, 0.32, 0.3],
        [0.4, 0.66, 0.42, 0.24, 0.32, 0.24],
        [0.62, 0.62, 0.6, 0.22, 0.3, 0.24],
    ];
    let size = job.b.size();
    let n = job.n.min(12);
    let style = job.body.opaque();
    PUFFS
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let center = job.b.at([p[0], p[1], p[2]]);
            let half = [p[3] * size[0], p[4] * size[1], p[5] * size[2]];
            let shade = if i % 2 == 0 {
                style
            } else {
                style.with_color(darken(style.color, 0.93))
            };
            ellipsoid(center, half, n, shade)
        })
        .collect()
}

/// Where the stuffing of an open soft good in box `host` peeks out: a
/// tuft at the middle of its back edge, standing a little above it.
pub(crate) fn tuft_box(host: &Aabb) -> Aabb {
    let b = Frame::new(host);
    let [w, h, d] = b.size();
    let c = b.center();
    let across = 0.22 * w.min(2.0 * d);
    Aabb {
        min: [c[0] - across, b.min[1] + 0.45 * h, b.min[2] + 0.02 * d],
        max: [
            c[0] + across,
            b.max[1] + 0.25 * h,
            b.min[2] + 0.02 * d + 0.3 * d,
        ],
    }
}

// ---------------------------------------------------------------------------
// Lines on parts: seams and cut outlines
// ---------------------------------------------------------------------------

/// A closed line on a part, with the outward direction at each point (a
/// point shows when its direction faces the viewer).
pub(crate) struct Loop {
    pub points: Vec<Vec3>,
    pub normals: Vec<Vec3>,
}

/// Where a seam closing a part on itself runs: round a stuffed soft good
/// at its seam; round the top of anything else, just inside its edge.
pub(crate) fn closing_seam(part: &PartState, b: &Aabb) -> Loop {
    let frame = Frame::new(b);
    if part.stuffed && is_soft(part.kind) {
        let c = frame.center();
        let k = (1.0 + PILLOW_FLANGE) / 2.0;
        let y = pillow_seam(&frame) + 0.002 * frame.size()[0].max(frame.size()[2]);
        let points: Vec<Vec3> = pillow_outline(part, &frame)
            .iter()
            .map(|p| [c[0] + k * p[0], y, c[2] - k * p[1]])
            .collect();
        let normals = points
            .iter()
            .map(|p| [p[0] - c[0], 0.0, p[2] - c[2]])
            .collect();
        return Loop { points, normals };
    }
    top_outline(part, b, 0.88)
}

/// The outline of the top of a part, scaled by `k` about its middle (a
/// seam sewing it on just inside its edge, or a cut line just outside).
pub(crate) fn top_outline(part: &PartState, b: &Aabb, k: f64) -> Loop {
    let frame = Frame::new(b);
    let sheet = SheetFrame::of(&frame);
    let flat = is_flat(&sheet);
    let (outline, hinge) = if part.folds > 0 && flat && part.kind != PartKind::Fill {
        (
            folded_outline(part, &sheet),
            Some((sheet.wa / 2.0, FOLD_LIFT)),
        )
    } else if let Some(shape) = part.cut_shape {
        (fit_outline(shape, sheet.wa, sheet.wb), None)
    } else if super::is_round(part.kind) {
        (fit_outline(CutShape::Circle, sheet.wa, sheet.wb), None)
    } else {
        (fit_outline(CutShape::Rectangle, sheet.wa, sheet.wb), None)
    };
    // A cut line's outline is the part's; seams keep off the very edge.
    let mut outline = outline;
    if signed_area(&outline) < 0.0 {
        outline.reverse();
    }
    let (lo, hi) = bounds(&outline);
    let mid = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let lift = 0.002 * sheet.wa.max(sheet.wb);
    let points = outline
        .iter()
        .map(|p| {
            let q = [mid[0] + k * (p[0] - mid[0]), mid[1] + k * (p[1] - mid[1])];
            let rise = hinge.map_or(0.0, |(a, s)| (a - q[0]).max(0.0) * s);
            sheet.at(q, sheet.wt + rise + lift)
        })
        .collect::<Vec<_>>();
    let normals = vec![sheet.et; points.len()];
    Loop { points, normals }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outline_triangulates_into_its_own_area() {
        for shape in CutShape::ALL {
            let outline = fit_outline(shape, 30.0, 20.0);
            assert!(
                signed_area(&outline) > 0.0,
                "{shape:?} is counter-clockwise"
            );
            let tris = triangulate(&outline);
            assert_eq!(tris.len(), outline.len() - 2, "{shape:?}");
            let pieces = convex_pieces(&outline);
            let pieces_area: f64 = pieces
                .iter()
                .map(|p| signed_area(&p.iter().map(|&i| outline[i]).collect::<Vec<_>>()))
                .sum();
            assert!(
                (pieces_area - signed_area(&outline)).abs() < 1e-6 * signed_area(&outline),
                "{shape:?}"
            );
            assert!(pieces.len() <= tris.len(), "{shape:?}");
            let covered: f64 = tris
                .iter()
                .map(|t| signed_area(&[outline[t[0]], outline[t[1]], outline[t[2]]]))
                .sum();
            assert!(
                (covered - signed_area(&outline)).abs() < 1e-6 * signed_area(&outline),
                "{shape:?}: {covered} vs {}",
                signed_area(&outline)
            );
            let (lo, hi) = bounds(&outline);
            assert!(lo[0] >= -15.0 - 1e-9 && hi[0] <= 15.0 + 1e-9, "{shape:?}");
            assert!(lo[1] >= -10.0 - 1e-9 && hi[1] <= 10.0 + 1e-9, "{shape:?}");
        }
    }

    #[test]
    fn shapes_with_a_proportion_keep_it() {
        let (lo, hi) = bounds(&fit_outline(CutShape::Circle, 30.0, 20.0));
        assert!(((hi[0] - lo[0]) - 20.0).abs() < 1e-9);
        // A leaf lies along the long side.
        let (lo, hi) = bounds(&fit_outline(CutShape::Leaf, 30.0, 20.0));
        assert!((hi[0] - lo[0]) > 2.0 * (hi[1] - lo[1]) - 1e-9);
        let (lo, hi) = bounds(&fit_outline(CutShape::Leaf, 10.0, 20.0));
        assert!((hi[1] - lo[1]) > (hi[0] - lo[0]));
        // A triangle fills whatever it is cut from.
        let (lo, hi) = bounds(&fit_outline(CutShape::Triangle, 30.0, 20.0));
        assert!(((hi[0] - lo[0]) - 30.0).abs() < 1e-9 && ((hi[1] - lo[1]) - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_heart_folded_in_half_is_half_a_heart() {
        let outline = fit_outline(CutShape::Heart, 20.0, 20.0);
        let half = clip_below(&outline, 0.0);
        let (lo, hi) = bounds(&half);
        assert!((hi[0] - 0.0).abs() < 1e-9 && (lo[0] + 10.0).abs() < 1e-9);
        assert!(triangulate(&half).len() == half.len() - 2);
    }
}
