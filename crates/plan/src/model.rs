//! The assembly model: what a guide builds, part by part and step by step.
//!
//! A [`Plan`] is the single source of truth for every image of a guide. Parts
//! say what exists (shape, size, colour, material and where it sits); steps
//! say what happens to them. The state after step k is the fold of the
//! operations of steps 1..=k (see [`crate::state`]), so "only what is built so
//! far" is exact rather than something a prompt asks an image model for.
//!
//! Units are centimetres; `size` is `[width, height, depth]` with height
//! pointing up. The model is published as a JSON Schema
//! (`docs/plan.schema.json`) so plans can be written and fixed by hand.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A compiled build plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The project's title, as in the request.
    pub title: String,
    /// Every part that appears in any step, in the order they first appear.
    pub parts: Vec<Part>,
    /// One entry per step of the request, in order.
    pub steps: Vec<PlanStep>,
    /// Words and phrases the extractor met but did not understand; empty for
    /// hand-written plans. Fix the plan by hand and render again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<Unresolved>,
    /// The box the guide's camera is fitted to. stepcast sets it when a plan
    /// is edited, so that the pictures of the steps an edit did not touch
    /// stay exactly as they were; leave it out to fit the camera to the
    /// build. The camera always takes in the whole build as well, so a
    /// framing smaller than the build never cuts it off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framing: Option<Framing>,
}

/// An axis-aligned box in centimetres, in the layout's coordinates (`y` up,
/// the ground at `y = 0`): `min` and `max` are opposite corners, `min`
/// below `max` on every axis, no side longer than 10000 cm.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framing {
    /// The corner with the smallest `[x, y, z]`.
    pub min: [f64; 3],
    /// The corner with the largest `[x, y, z]`.
    pub max: [f64; 3],
}

/// Identifies a part within one plan: lowercase letters, digits and `-`.
pub type PartId = String;

/// One physical thing in the build (or `count` identical copies of it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Unique within the plan: lowercase letters, digits and `-`.
    pub id: PartId,
    /// What a person calls it ("2-liter soda bottle").
    pub name: String,
    /// The shape family the renderer draws.
    pub kind: PartKind,
    /// How many identical copies; copies are laid out side by side, or one
    /// per copy of the target when the target has the same count.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
    /// `[width, height, depth]` in centimetres of one copy, as first added.
    pub size: [f64; 3],
    /// Colour as first added, `#rrggbb`.
    pub color: Color,
    pub material: Material,
    /// Where the part sits relative to another part (or the ground).
    #[serde(default)]
    pub placement: Placement,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// Shape families. Several names map to one shape in the renderer, but the
/// kind also carries meaning (a `tire` is a torus that is rubber and black).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// A closed or open-topped box (cardboard box, crate).
    Box,
    Crate,
    Board,
    Plank,
    Slat,
    /// Slats on stringers: a whole or cut-down wooden pallet.
    Pallet,
    Cylinder,
    Can,
    Tube,
    Pipe,
    Bottle,
    Jar,
    /// A lid or cap that closes a container.
    Lid,
    Cone,
    Sphere,
    Torus,
    Tire,
    /// A flat round piece: a CD, a plywood circle, a coaster.
    Disc,
    Sheet,
    Fabric,
    Paper,
    Rope,
    String,
    Wire,
    /// Links joined one into the next: a metal chain, a paper chain, a
    /// necklace chain. Drawn as links, so it is not mistaken for wire.
    Chain,
    /// Loose material that takes the shape of its container: soil, gravel,
    /// water, seed, sand.
    Fill,
    Plant,
    /// A light source: bulb, fairy lights, tea light, candle.
    Lights,
    Cushion,
    /// A leg, foot or post that holds something up.
    Leg,
    /// A bracket, clamp, hook or hinge: small hardware that is seen.
    Hardware,
    /// Anything else; drawn as a rounded block with its name.
    Generic,
}

impl PartKind {
    /// Every kind, in declaration order.
    pub const ALL: [PartKind; 32] = [
        PartKind::Box,
        PartKind::Crate,
        PartKind::Board,
        PartKind::Plank,
        PartKind::Slat,
        PartKind::Pallet,
        PartKind::Cylinder,
        PartKind::Can,
        PartKind::Tube,
        PartKind::Pipe,
        PartKind::Bottle,
        PartKind::Jar,
        PartKind::Lid,
        PartKind::Cone,
        PartKind::Sphere,
        PartKind::Torus,
        PartKind::Tire,
        PartKind::Disc,
        PartKind::Sheet,
        PartKind::Fabric,
        PartKind::Paper,
        PartKind::Rope,
        PartKind::String,
        PartKind::Wire,
        PartKind::Chain,
        PartKind::Fill,
        PartKind::Plant,
        PartKind::Lights,
        PartKind::Cushion,
        PartKind::Leg,
        PartKind::Hardware,
        PartKind::Generic,
    ];
}

/// A colour as `#rrggbb`.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct Color(#[schemars(regex(pattern = r"^#[0-9a-f]{6}$"))] pub String);

impl Color {
    /// Parses `#rgb` or `#rrggbb` (any case) into the canonical lowercase form.
    pub fn parse_hex(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let full = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect::<String>(),
            6 => hex.to_string(),
            _ => return None,
        };
        Some(Color(format!("#{}", full.to_ascii_lowercase())))
    }

    /// Red, green and blue channels.
    pub fn rgb(&self) -> [u8; 3] {
        let hex = self.0.trim_start_matches('#');
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or(0)
        };
        [channel(0), channel(2), channel(4)]
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    Plastic,
    Glass,
    Metal,
    Wood,
    Cardboard,
    Paper,
    Fabric,
    Rubber,
    Ceramic,
    Cork,
    Foam,
    Soil,
    Stone,
    Water,
    Seed,
    Plant,
    Wax,
    Fibre,
    Other,
}

impl Material {
    /// Every material, in declaration order.
    pub const ALL: [Material; 19] = [
        Material::Plastic,
        Material::Glass,
        Material::Metal,
        Material::Wood,
        Material::Cardboard,
        Material::Paper,
        Material::Fabric,
        Material::Rubber,
        Material::Ceramic,
        Material::Cork,
        Material::Foam,
        Material::Soil,
        Material::Stone,
        Material::Water,
        Material::Seed,
        Material::Plant,
        Material::Wax,
        Material::Fibre,
        Material::Other,
    ];
}

/// Where a part sits. `target: None` means on the ground (the work surface).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    #[serde(default)]
    pub relation: Relation,
    /// The part this one is placed relative to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<PartId>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// On the ground, or on top of the target.
    #[default]
    On,
    /// Inside the target (soil in a jar, a jar in a clamp).
    In,
    Under,
    Beside,
    Left,
    Right,
    Behind,
    InFront,
    /// Wrapped or fitted around the target (rope around a tire).
    Around,
    /// Fixed to the target's side or back (brackets, clamps on a board).
    AttachedTo,
}

impl Relation {
    /// Every relation, in declaration order.
    pub const ALL: [Relation; 10] = [
        Relation::On,
        Relation::In,
        Relation::Under,
        Relation::Beside,
        Relation::Left,
        Relation::Right,
        Relation::Behind,
        Relation::InFront,
        Relation::Around,
        Relation::AttachedTo,
    ];
}

/// One step of the guide as the model sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    /// 1-based step number.
    pub number: u32,
    pub title: String,
    /// What this step does, in order.
    #[serde(default)]
    pub ops: Vec<Operation>,
    /// Tools the step uses, drawn as icons beside the action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<Tool>,
    /// The step only lists materials and tools; nothing is built.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materials_only: bool,
    /// The step shows the finished build: everything in full colour,
    /// nothing faded or highlighted as new.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
}

/// What a step does to a part. Any operation but `remove` also brings its
/// parts into view if they are not there yet: a part appears in the step that
/// first uses it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Operation {
    Add {
        part: PartId,
    },
    Remove {
        part: PartId,
    },
    /// Cut the part; `keep` says which piece stays and `fraction` how much of
    /// the part's height (or length) it keeps. With `shape`, a shape is cut
    /// out of the part (a circle out of cardboard, leaves out of felt) and the
    /// piece kept has that outline; `keep` and `fraction` are then unused.
    Cut {
        part: PartId,
        #[serde(default)]
        keep: CutKeep,
        #[serde(default = "half")]
        fraction: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shape: Option<CutShape>,
    },
    Paint {
        part: PartId,
        color: Color,
    },
    Stain {
        part: PartId,
        color: Color,
    },
    /// Fill a container with a fill part up to `level` (0..=1 of its height).
    Fill {
        part: PartId,
        container: PartId,
        level: f64,
    },
    /// Fix `part` to `to`; `to` equal to `part` joins the part's copies or
    /// pieces to each other ("glue the corks together").
    Attach {
        part: PartId,
        to: PartId,
        #[serde(default)]
        method: AttachMethod,
    },
    /// Drill, punch or poke holes.
    Drill {
        part: PartId,
        #[serde(default = "one")]
        holes: u32,
    },
    /// Wrap `part` (rope, tape, paper, fabric) around `around`.
    Wrap {
        part: PartId,
        around: PartId,
    },
    Finish {
        part: PartId,
        finish: FinishKind,
    },
    /// Fold paper or fabric in half `folds` times (1 to 8): each fold halves
    /// its width and doubles its thickness.
    Fold {
        part: PartId,
        #[serde(default = "one")]
        folds: u32,
    },
    /// Bend wire, a hanger, a pipe cleaner or a strip into a shape.
    Bend {
        part: PartId,
        #[serde(default)]
        shape: BendShape,
    },
    /// Sew `part` to `to` with a seam; `to` equal to `part` closes the part
    /// on itself (sewing a pillow shut).
    Sew {
        part: PartId,
        to: PartId,
    },
    /// Stuff `into` (a soft good: a pillow, a toy) with `part` (fibre fill,
    /// cotton), which goes inside it.
    Stuff {
        part: PartId,
        into: PartId,
    },
}

fn half() -> f64 {
    0.5
}

impl Operation {
    /// The part the operation acts on.
    pub fn part(&self) -> &PartId {
        match self {
            Operation::Add { part }
            | Operation::Remove { part }
            | Operation::Cut { part, .. }
            | Operation::Paint { part, .. }
            | Operation::Stain { part, .. }
            | Operation::Fill { part, .. }
            | Operation::Attach { part, .. }
            | Operation::Drill { part, .. }
            | Operation::Wrap { part, .. }
            | Operation::Finish { part, .. }
            | Operation::Fold { part, .. }
            | Operation::Bend { part, .. }
            | Operation::Sew { part, .. }
            | Operation::Stuff { part, .. } => part,
        }
    }

    /// Every part the operation mentions: the subject first, then the other
    /// part (container, attachment or seam target, wrapped or stuffed part)
    /// if any.
    pub fn parts(&self) -> Vec<&PartId> {
        let other = match self {
            Operation::Fill { container, .. } => Some(container),
            Operation::Attach { to, .. } | Operation::Sew { to, .. } => Some(to),
            Operation::Wrap { around, .. } => Some(around),
            Operation::Stuff { into, .. } => Some(into),
            _ => None,
        };
        std::iter::once(self.part()).chain(other).collect()
    }

    /// The operation's name as it appears in JSON (`"cut"`, `"paint"`...).
    pub fn name(&self) -> &'static str {
        match self {
            Operation::Add { .. } => "add",
            Operation::Remove { .. } => "remove",
            Operation::Cut { .. } => "cut",
            Operation::Paint { .. } => "paint",
            Operation::Stain { .. } => "stain",
            Operation::Fill { .. } => "fill",
            Operation::Attach { .. } => "attach",
            Operation::Drill { .. } => "drill",
            Operation::Wrap { .. } => "wrap",
            Operation::Finish { .. } => "finish",
            Operation::Fold { .. } => "fold",
            Operation::Bend { .. } => "bend",
            Operation::Sew { .. } => "sew",
            Operation::Stuff { .. } => "stuff",
        }
    }
}

/// The outline of a piece cut out of a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CutShape {
    Circle,
    Square,
    Rectangle,
    Triangle,
    Heart,
    Star,
    Leaf,
    Diamond,
    /// A long narrow strip: the piece kept is a quarter as wide as the sheet.
    Strip,
    Petal,
}

impl CutShape {
    /// Every shape, in declaration order.
    pub const ALL: [CutShape; 10] = [
        CutShape::Circle,
        CutShape::Square,
        CutShape::Rectangle,
        CutShape::Triangle,
        CutShape::Heart,
        CutShape::Star,
        CutShape::Leaf,
        CutShape::Diamond,
        CutShape::Strip,
        CutShape::Petal,
    ];
}

/// What a bend makes of wire, a hanger, a pipe cleaner or a strip.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BendShape {
    /// Bent into an angle or a hook.
    #[default]
    Bend,
    /// Coiled into a flat spiral.
    Coil,
    /// Twisted (folded in two and twisted together, or twisted around
    /// itself).
    Twist,
    /// Bent round into a loop or ring.
    Loop,
}

impl BendShape {
    /// Every shape, in declaration order.
    pub const ALL: [BendShape; 4] = [
        BendShape::Bend,
        BendShape::Coil,
        BendShape::Twist,
        BendShape::Loop,
    ];
}

/// Which piece of a cut part stays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CutKeep {
    #[default]
    Bottom,
    Top,
    Left,
    Right,
    /// Cut into pieces that all stay (corks halved, pipes cut to length):
    /// the part keeps its place, shorter.
    Pieces,
    /// A shape cut out of the part (a neckline, slits): the part stays whole.
    Shape,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttachMethod {
    #[default]
    Glue,
    Screw,
    Nail,
    Tie,
    Tape,
    Clamp,
    Press,
    Sew,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FinishKind {
    Sand,
    Seal,
    Varnish,
    Wax,
    Polish,
    Clean,
}

/// Tools a step uses.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    Scissors,
    Knife,
    Saw,
    Drill,
    Sandpaper,
    Brush,
    SprayCan,
    GlueGun,
    Glue,
    Screwdriver,
    Hammer,
    Nail,
    Tape,
    Pliers,
    Needle,
    Ruler,
    Pencil,
    Clamp,
    Wrench,
    Stapler,
    WateringCan,
    Trowel,
}

impl Tool {
    /// Every tool, in declaration order.
    pub const ALL: [Tool; 22] = [
        Tool::Scissors,
        Tool::Knife,
        Tool::Saw,
        Tool::Drill,
        Tool::Sandpaper,
        Tool::Brush,
        Tool::SprayCan,
        Tool::GlueGun,
        Tool::Glue,
        Tool::Screwdriver,
        Tool::Hammer,
        Tool::Nail,
        Tool::Tape,
        Tool::Pliers,
        Tool::Needle,
        Tool::Ruler,
        Tool::Pencil,
        Tool::Clamp,
        Tool::Wrench,
        Tool::Stapler,
        Tool::WateringCan,
        Tool::Trowel,
    ];

    /// The tool as a person names it ("hot glue gun"), for prompts and
    /// the labels under tool icons.
    pub fn label(self) -> &'static str {
        match self {
            Tool::Scissors => "scissors",
            Tool::Knife => "craft knife",
            Tool::Saw => "hand saw",
            Tool::Drill => "drill",
            Tool::Sandpaper => "sandpaper",
            Tool::Brush => "paint brush",
            Tool::SprayCan => "spray can",
            Tool::GlueGun => "hot glue gun",
            Tool::Glue => "glue",
            Tool::Screwdriver => "screwdriver",
            Tool::Hammer => "hammer",
            Tool::Nail => "nails",
            Tool::Tape => "tape",
            Tool::Pliers => "pliers",
            Tool::Needle => "needle and thread",
            Tool::Ruler => "ruler",
            Tool::Pencil => "pencil",
            Tool::Clamp => "clamp",
            Tool::Wrench => "wrench",
            Tool::Stapler => "stapler",
            Tool::WateringCan => "watering can",
            Tool::Trowel => "trowel",
        }
    }
}

/// Something in the request text the extractor did not understand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unresolved {
    /// 1-based step number, or 0 for the title, description and materials.
    pub step: u32,
    /// The words as written.
    pub text: String,
    /// Why it was not used ("unknown noun, added as a generic part", ...).
    pub note: String,
}

impl Plan {
    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// The JSON Schema of the plan format, as published in
    /// `docs/plan.schema.json`.
    pub fn json_schema() -> serde_json::Value {
        let schema = schemars::schema_for!(Plan);
        serde_json::to_value(schema).unwrap_or_default()
    }
}
