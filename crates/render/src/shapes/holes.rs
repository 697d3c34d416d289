//! Drilled holes as decals: small dark n-gons just proud of the surface.
//!
//! Cutting real holes into the meshes would multiply faces and break their
//! convexity; an instruction manual only needs to show where the holes are.
//! Holes go on the top (or, for parts taller than wide and open containers,
//! the front, +z), in a row or a grid, at most [`MAX_HOLES`] per copy. On
//! round parts they follow the curved wall (or a lying tube's crest) so
//! they sit on it instead of floating in front of it.

use plan::model::PartKind;

use super::prim::{ngon, Style};
use super::{darken, is_round, Job};
use crate::geom::{add, cross, normalize, scale, Vec3};
use crate::mesh::Face;

/// Holes drawn per copy at most.
const MAX_HOLES: u32 = 12;
/// How far (cm) decals stand off the surface, so they are not coplanar.
const OFFSET: f64 = 0.05;
/// Half the angle (radians) a row of holes spans around a round wall.
const ARC: f64 = 0.6;

/// Where one hole sits: centre on the surface and the outward normal.
struct Spot {
    at: Vec3,
    normal: Vec3,
}

/// The surface the holes are spread over; `s` (across) and `t` (up or
/// along) run over -1..=1.
enum Surface {
    Top {
        half: [f64; 2],
    },
    Front {
        half: [f64; 2],
    },
    /// Around an upright round wall, between two height fractions.
    Wall {
        from: f64,
        to: f64,
        cone: bool,
    },
    /// Along the crest of a tube lying along x (`true`) or z.
    Crest {
        along_x: bool,
    },
}

pub(crate) fn hole_decals(job: &Job) -> Vec<Face> {
    let k = job.part.holes.min(MAX_HOLES) as usize;
    if k == 0 {
        return Vec::new();
    }
    let [w, h, d] = job.b.size();
    let kind = job.part.kind;
    let lying = matches!(kind, PartKind::Tube | PartKind::Pipe) && job.b.is_wide();
    let round = (is_round(kind) && kind != PartKind::Disc)
        || kind == PartKind::Fill && job.host.is_some_and(is_round);
    let front = h > w || job.open_top;
    let surface = if lying {
        Surface::Crest { along_x: w >= d }
    } else if round && matches!(kind, PartKind::Sphere | PartKind::Torus | PartKind::Tire) {
        Surface::Wall {
            from: 0.45,
            to: 0.55,
            cone: false,
        }
    } else if round && (front || kind == PartKind::Cone) {
        let (from, to) = match kind {
            PartKind::Bottle => (0.15, 0.5),
            PartKind::Jar => (0.15, 0.65),
            PartKind::Cone => (0.1, 0.4),
            _ => (0.2, 0.8),
        };
        Surface::Wall {
            from,
            to,
            cone: kind == PartKind::Cone,
        }
    } else if front {
        Surface::Front { half: [0.6, 0.3] }
    } else if round {
        let f = if kind == PartKind::Bottle { 0.2 } else { 0.45 };
        Surface::Top { half: [f, f] }
    } else {
        Surface::Top { half: [0.6, 0.6] }
    };
    let cols = if k <= 4 { k } else { ceil_sqrt(k) };
    let rows = k.div_ceil(cols);
    let spread = |i: usize, n: usize| {
        if n <= 1 {
            0.0
        } else {
            -1.0 + 2.0 * i as f64 / (n - 1) as f64
        }
    };
    let radius = decal_radius(job, &surface, cols, rows);
    let style = Style::of(darken(job.color(), 0.3), false);
    (0..k)
        .map(|i| {
            let spot = place(
                job,
                &surface,
                spread(i % cols, cols),
                spread(i / cols, rows),
            );
            let (u, v) = tangents(spot.normal);
            let centre = add(spot.at, scale(spot.normal, OFFSET));
            style.face(ngon(centre, u, v, radius, radius, job.n.min(12)))
        })
        .collect()
}

fn ceil_sqrt(k: usize) -> usize {
    let mut c = 1;
    while c * c < k {
        c += 1;
    }
    c
}

/// Two unit tangents `u`, `v` with `u × v = n`.
fn tangents(n: Vec3) -> (Vec3, Vec3) {
    let helper = if n[1].abs() < 0.9 {
        [0.0, 1.0, 0.0]
    } else {
        [1.0, 0.0, 0.0]
    };
    let u = normalize(cross(helper, n));
    (u, cross(n, u))
}

/// A third of the spacing between holes, and small next to the part.
fn decal_radius(job: &Job, surface: &Surface, cols: usize, rows: usize) -> f64 {
    let [hx, hy, hz] = job.b.half();
    // Spacing between holes across and up the surface, and the smaller
    // half-side of the face they sit on.
    let (across, up, face) = match surface {
        Surface::Top { half } => (2.0 * half[0] * hx, 2.0 * half[1] * hz, hx.min(hz)),
        Surface::Front { half } => (2.0 * half[0] * hx, 4.0 * half[1] * hy, hx.min(hy)),
        Surface::Wall { from, to, .. } => (
            2.0 * ARC * hx.min(hz),
            (to - from) * 2.0 * hy,
            hx.min(hz).min(hy),
        ),
        Surface::Crest { along_x } => {
            let long = if *along_x { hx } else { hz };
            (1.4 * long, 0.8 * hy, hy.min(long))
        }
    };
    let spacing = (across / cols as f64).min(up / rows as f64);
    (0.3 * spacing).min(0.2 * face).max(0.0)
}

fn place(job: &Job, surface: &Surface, s: f64, t: f64) -> Spot {
    let c = job.b.center();
    let [hx, hy, hz] = job.b.half();
    match *surface {
        Surface::Top { half } => Spot {
            at: [
                c[0] + s * half[0] * hx,
                job.b.max[1],
                c[2] + t * half[1] * hz,
            ],
            normal: [0.0, 1.0, 0.0],
        },
        Surface::Front { half } => Spot {
            at: [
                c[0] + s * half[0] * hx,
                c[1] + t * half[1] * 2.0 * hy,
                job.b.max[2],
            ],
            normal: [0.0, 0.0, 1.0],
        },
        Surface::Wall { from, to, cone } => {
            let f = from + (to - from) * (t + 1.0) / 2.0;
            let k = if cone { 1.0 - f } else { 1.0 };
            let a = s * ARC;
            let (sa, ca) = (a.sin(), a.cos());
            Spot {
                at: [c[0] + k * hx * sa, job.b.y(f), c[2] + k * hz * ca],
                normal: normalize([sa * hz, 0.0, ca * hx]),
            }
        }
        Surface::Crest { along_x } => {
            let b = t * 0.4;
            let (sb, cb) = (b.sin(), b.cos());
            if along_x {
                Spot {
                    at: [c[0] + s * 0.7 * hx, c[1] + hy * cb, c[2] + hz * sb],
                    normal: normalize([0.0, cb * hz, sb * hy]),
                }
            } else {
                Spot {
                    at: [c[0] + hx * sb, c[1] + hy * cb, c[2] + s * 0.7 * hz],
                    normal: normalize([sb * hy, cb * hx, 0.0]),
                }
            }
        }
    }
}
