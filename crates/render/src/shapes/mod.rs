//! Part geometry: one builder per part kind, turning a part's state and the
//! box the layout gave one of its copies into flat faces.
//!
//! Every builder fills the copy's box (touches its extents) and stays inside
//! it, so what the layout solved is what is drawn. The builders are grouped by
//! how their shapes are made:
//!
//! - [`prim`]: shared primitives (cuboids, chamfered and tapered blocks,
//!   n-gons, face orientation) and the [`prim::Style`] faces are painted with;
//! - [`lathe`]: surfaces of revolution and tubes swept along paths, the two
//!   generators behind every round part;
//! - [`solid`]: boxes, crates, boards, pallets, sheets, cushions, legs,
//!   hardware and generic blocks (flat-sided solids);
//! - [`round`]: cylinders, cans, tubes, bottles, jars, lids, cones, spheres,
//!   tori, tires and discs (lathed solids);
//! - [`organic`]: fabric and plants (soft, irregular shapes);
//! - [`strands`]: rope, string and wire; [`lights`]: light sources;
//! - [`holes`]: drilled-hole decals;
//! - [`craft`]: what craft operations make of a part, whatever its kind:
//!   shapes cut out of sheets, folds, bent wire, stuffed soft goods and
//!   their stuffing.
//!
//! The output is deterministic (no randomness, no hash-map order) and
//! degenerate input (non-finite or inverted boxes, absurd segment counts)
//! never panics.

pub(crate) mod craft;
mod holes;
mod lathe;
mod lights;
mod organic;
mod prim;
mod round;
mod solid;
mod strands;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_craft;
#[cfg(test)]
mod tests_input;
#[cfg(test)]
mod tests_kinds;

use plan::layout::Aabb;
use plan::model::{Material, PartKind, Relation};
use plan::state::PartState;

use crate::geom::Vec3;
use crate::mesh::{Face, Rgb};

use prim::Style;

/// What a builder needs to know about a part's surroundings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapeContext {
    /// Something sits inside this part (a fill, a plant, a candle): draw it
    /// open at the top so the content shows.
    pub open_top: bool,
    /// The kind of the part this one is placed relative to (its container
    /// for `In`, the wrapped part for `Around`), if any.
    pub host: Option<PartKind>,
    /// The relation to that host (the part's own placement relation).
    pub relation: Relation,
    /// Segments for a full circle (24 normally; fewer for parts with many
    /// small copies). Clamped to 6..=64.
    pub segments: u32,
}

/// The faces of one copy of `part`, filling `instance` (the copy's box
/// from the layout, in cm, y up).
pub fn part_faces(part: &PartState, instance: &Aabb, ctx: &ShapeContext) -> Vec<Face> {
    let job = Job::new(part, instance, ctx);
    let mut faces = craft::faces(&job).unwrap_or_else(|| kind_faces(&job));
    faces.extend(holes::hole_decals(&job));
    faces.retain(|f| f.verts.len() >= 3 && f.verts.iter().all(|v| v.iter().all(|c| c.is_finite())));
    faces
}

/// The faces of a part's kind, as first added.
fn kind_faces(job: &Job) -> Vec<Face> {
    let part = job.part;
    match part.kind {
        PartKind::Box => solid::box_faces(job),
        PartKind::Crate => solid::crate_faces(job),
        PartKind::Board | PartKind::Plank | PartKind::Slat => solid::board(job),
        PartKind::Pallet => solid::pallet(job),
        PartKind::Sheet | PartKind::Paper => solid::sheet(job),
        PartKind::Cushion => solid::cushion(job),
        PartKind::Leg => solid::leg(job),
        PartKind::Hardware => solid::hardware(job),
        PartKind::Generic => solid::generic(job),
        PartKind::Cylinder => round::cylinder(job),
        PartKind::Can => round::can(job),
        PartKind::Tube | PartKind::Pipe => round::tube(job),
        PartKind::Bottle => round::bottle(job),
        PartKind::Jar => round::jar(job),
        PartKind::Lid => round::lid(job),
        PartKind::Cone => round::cone(job),
        PartKind::Sphere => round::sphere(job),
        PartKind::Torus => round::torus(job),
        PartKind::Tire => round::tire(job),
        PartKind::Disc => round::disc(job),
        PartKind::Fill => fill(job),
        PartKind::Fabric => organic::fabric(job),
        PartKind::Plant => organic::plant(job),
        PartKind::Rope | PartKind::String | PartKind::Wire => strands::strand(job),
        PartKind::Chain => strands::chain(job),
        PartKind::Lights => lights::lights(job),
    }
}

/// Loose material takes its container's shape: round in round containers,
/// a block otherwise.
fn fill(job: &Job) -> Vec<Face> {
    if job.host.is_some_and(is_round) {
        round::plain_cylinder(job)
    } else {
        prim::cuboid(job.b.min, job.b.max, job.body)
    }
}

/// Kinds whose cross-section is round: what fills or wraps them is round.
pub(crate) fn is_round(kind: PartKind) -> bool {
    matches!(
        kind,
        PartKind::Can
            | PartKind::Jar
            | PartKind::Bottle
            | PartKind::Cylinder
            | PartKind::Tube
            | PartKind::Pipe
            | PartKind::Cone
            | PartKind::Tire
            | PartKind::Lid
            | PartKind::Disc
            | PartKind::Sphere
            | PartKind::Torus
    )
}

/// Largest coordinate magnitude kept (1000 km): beyond it boxes are clamped
/// so that squares and products stay finite.
const LIMIT: f64 = 1e8;

/// An instance box made safe: finite, clamped, `min <= max` on every axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Frame {
    pub min: Vec3,
    pub max: Vec3,
}

impl Frame {
    pub fn new(b: &Aabb) -> Frame {
        let mut min = [0.0; 3];
        let mut max = [0.0; 3];
        for axis in 0..3 {
            let (lo, hi) = (b.min[axis], b.max[axis]);
            let lo = if lo.is_finite() { lo } else { hi };
            let hi = if hi.is_finite() { hi } else { lo };
            let lo = if lo.is_finite() {
                lo.clamp(-LIMIT, LIMIT)
            } else {
                0.0
            };
            let hi = if hi.is_finite() {
                hi.clamp(-LIMIT, LIMIT)
            } else {
                0.0
            };
            min[axis] = lo.min(hi);
            max[axis] = lo.max(hi);
        }
        Frame { min, max }
    }

    /// `[width, height, depth]`.
    pub fn size(&self) -> Vec3 {
        [
            self.max[0] - self.min[0],
            self.max[1] - self.min[1],
            self.max[2] - self.min[2],
        ]
    }

    pub fn center(&self) -> Vec3 {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
            (self.min[2] + self.max[2]) / 2.0,
        ]
    }

    /// Half of `size`.
    pub fn half(&self) -> Vec3 {
        let s = self.size();
        [s[0] / 2.0, s[1] / 2.0, s[2] / 2.0]
    }

    /// The height `f` of the way up (0 = bottom, 1 = top).
    pub fn y(&self, f: f64) -> f64 {
        self.min[1] + f * (self.max[1] - self.min[1])
    }

    /// The point at fractions `f` of the box along each axis.
    pub fn at(&self, f: Vec3) -> Vec3 {
        let s = self.size();
        [
            self.min[0] + f[0] * s[0],
            self.min[1] + f[1] * s[1],
            self.min[2] + f[2] * s[2],
        ]
    }

    /// Wider (either horizontal size) than tall.
    pub fn is_wide(&self) -> bool {
        let s = self.size();
        s[0].max(s[2]) > s[1]
    }
}

/// Everything a builder reads, sanitised once.
pub(crate) struct Job<'a> {
    pub part: &'a PartState,
    pub b: Frame,
    pub open_top: bool,
    pub host: Option<PartKind>,
    pub relation: Relation,
    /// Segments for a full circle, 6..=64.
    pub n: usize,
    /// The part's own colour and material.
    pub body: Style,
}

impl<'a> Job<'a> {
    pub fn new(part: &'a PartState, instance: &Aabb, ctx: &ShapeContext) -> Job<'a> {
        Job {
            part,
            b: Frame::new(instance),
            open_top: ctx.open_top,
            host: ctx.host,
            relation: ctx.relation,
            n: ctx.segments.clamp(6, 64) as usize,
            body: Style::of(part.color.rgb(), part.material == Material::Glass),
        }
    }

    /// Wrapped around its host (rope around a tire, lights around a jar).
    pub fn around(&self) -> bool {
        self.relation == Relation::Around
    }

    /// Whether whatever this part wraps is round.
    pub fn host_is_round(&self) -> bool {
        self.host.is_none_or(is_round)
    }

    pub fn color(&self) -> Rgb {
        self.body.color
    }
}

/// `c` scaled towards black: `k` = 1 keeps it, 0 is black.
pub(crate) fn darken(c: Rgb, k: f64) -> Rgb {
    let k = k.clamp(0.0, 1.0);
    c.map(|v| (f64::from(v) * k).round().clamp(0.0, 255.0) as u8)
}

/// `c` moved a fraction `k` of the way towards white.
pub(crate) fn lighten(c: Rgb, k: f64) -> Rgb {
    let k = k.clamp(0.0, 1.0);
    c.map(|v| {
        (f64::from(v) + (255.0 - f64::from(v)) * k)
            .round()
            .clamp(0.0, 255.0) as u8
    })
}
