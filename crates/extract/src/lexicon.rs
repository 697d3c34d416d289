//! The nouns the extractor knows: what each one is (a part with a shape, a
//! fill, a tool, a consumable, a feature of another part, a shape word...)
//! and the defaults a part gets from it (kind, material, size, colour).
//!
//! Entries are singular and may span several words ("mason jar"); the
//! longest entry ending at a phrase's last noun wins, so "jar lid" is a lid
//! and "2-liter soda bottle" a bottle.

use plan::model::{Material, PartKind, Tool};

/// What a noun stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Role {
    /// A solid part that is drawn.
    Part(PartDefaults),
    /// Loose material that fills a container.
    Fill(Material, &'static str),
    /// A tool: drawn as an icon, never as a part.
    Tool(Tool),
    /// Used up by an operation (paint, glue, screws); never drawn as a part.
    Consumable(Consumable),
    /// A region or feature of another part (edge, rim, hole, neck).
    Feature,
    /// A piece of something ("circles of plywood", "pipe pieces"); the
    /// optional kind is the shape such pieces have.
    Shape(Option<PartKind>),
    /// Around the build but not part of it (wall, table).
    Environment,
    /// Not a thing at all (time, pattern, size).
    Abstract,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartDefaults {
    pub kind: PartKind,
    pub material: Material,
    /// `[width, height, depth]` in cm.
    pub size: [f64; 3],
    pub color: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consumable {
    Paint,
    Stain,
    Varnish,
    Sealant,
    Wax,
    Glue,
    HotGlue,
    Screw,
    Nail,
    Cleaner,
    Water,
    Other,
}

impl Consumable {
    /// The tool using this consumable shows: a glue gun for hot glue.
    pub fn tool(self) -> Option<Tool> {
        match self {
            Consumable::HotGlue => Some(Tool::GlueGun),
            Consumable::Glue => Some(Tool::Glue),
            Consumable::Nail => Some(Tool::Nail),
            _ => None,
        }
    }
}

/// A lexicon entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Noun {
    /// Singular words, space separated.
    pub phrase: &'static str,
    /// The noun that names the thing; parts are matched on it.
    pub canonical: &'static str,
    pub role: Role,
}

const fn part(kind: PartKind, material: Material, size: [f64; 3], color: &'static str) -> Role {
    Role::Part(PartDefaults {
        kind,
        material,
        size,
        color,
    })
}

use Material as M;
use PartKind as K;

/// `(phrase, canonical, role)`; when `canonical` is empty the phrase's last
/// word is the canonical noun.
/// Where each phrase is in [`ENTRIES`]: the first entry wins, as a scan
/// would find it. Every word of every sentence is looked up, several times.
static INDEX: std::sync::LazyLock<std::collections::HashMap<&'static str, usize>> =
    std::sync::LazyLock::new(|| {
        let mut index = std::collections::HashMap::with_capacity(ENTRIES.len());
        for (i, (phrase, _, _)) in ENTRIES.iter().enumerate() {
            index.entry(*phrase).or_insert(i);
        }
        index
    });

const ENTRIES: &[(&str, &str, Role)] = &[
    // Containers
    (
        "bottle",
        "",
        part(K::Bottle, M::Plastic, [9.0, 30.0, 9.0], "#cfe6df"),
    ),
    (
        "soda bottle",
        "bottle",
        part(K::Bottle, M::Plastic, [10.0, 32.0, 10.0], "#cfe6df"),
    ),
    (
        "pet bottle",
        "bottle",
        part(K::Bottle, M::Plastic, [10.0, 32.0, 10.0], "#cfe6df"),
    ),
    (
        "plastic bottle",
        "bottle",
        part(K::Bottle, M::Plastic, [10.0, 32.0, 10.0], "#cfe6df"),
    ),
    (
        "wine bottle",
        "bottle",
        part(K::Bottle, M::Glass, [7.5, 30.0, 7.5], "#3f6b4a"),
    ),
    (
        "glass bottle",
        "bottle",
        part(K::Bottle, M::Glass, [7.5, 28.0, 7.5], "#a9c9b8"),
    ),
    (
        "beer bottle",
        "bottle",
        part(K::Bottle, M::Glass, [6.5, 23.0, 6.5], "#7a4a22"),
    ),
    (
        "milk jug",
        "jug",
        part(K::Bottle, M::Plastic, [15.0, 26.0, 15.0], "#f2f2ee"),
    ),
    (
        "jug",
        "",
        part(K::Bottle, M::Plastic, [15.0, 26.0, 15.0], "#f2f2ee"),
    ),
    (
        "jar",
        "",
        part(K::Jar, M::Glass, [9.0, 14.0, 9.0], "#d3e4e6"),
    ),
    (
        "mason jar",
        "jar",
        part(K::Jar, M::Glass, [9.0, 14.0, 9.0], "#d3e4e6"),
    ),
    (
        "jam jar",
        "jar",
        part(K::Jar, M::Glass, [8.0, 10.0, 8.0], "#d3e4e6"),
    ),
    (
        "glass jar",
        "jar",
        part(K::Jar, M::Glass, [9.0, 14.0, 9.0], "#d3e4e6"),
    ),
    (
        "can",
        "",
        part(K::Can, M::Metal, [8.0, 11.0, 8.0], "#b9bcc2"),
    ),
    (
        "tin can",
        "can",
        part(K::Can, M::Metal, [8.0, 11.0, 8.0], "#b9bcc2"),
    ),
    (
        "food can",
        "can",
        part(K::Can, M::Metal, [8.0, 11.0, 8.0], "#b9bcc2"),
    ),
    (
        "coffee can",
        "can",
        part(K::Can, M::Metal, [10.0, 14.0, 10.0], "#b9bcc2"),
    ),
    (
        "soup can",
        "can",
        part(K::Can, M::Metal, [7.5, 10.0, 7.5], "#b9bcc2"),
    ),
    (
        "tin",
        "can",
        part(K::Can, M::Metal, [8.0, 11.0, 8.0], "#b9bcc2"),
    ),
    (
        "carton",
        "",
        part(K::Box, M::Cardboard, [9.5, 24.0, 9.5], "#f0eee6"),
    ),
    (
        "milk carton",
        "carton",
        part(K::Box, M::Cardboard, [9.5, 24.0, 9.5], "#f0eee6"),
    ),
    (
        "egg carton",
        "carton",
        part(K::Box, M::Cardboard, [30.0, 7.0, 10.0], "#c9b79a"),
    ),
    (
        "box",
        "",
        part(K::Box, M::Cardboard, [30.0, 20.0, 22.0], "#c8a67a"),
    ),
    (
        "cardboard box",
        "box",
        part(K::Box, M::Cardboard, [30.0, 20.0, 22.0], "#c8a67a"),
    ),
    (
        "shipping box",
        "box",
        part(K::Box, M::Cardboard, [30.0, 20.0, 22.0], "#c8a67a"),
    ),
    (
        "shoe box",
        "box",
        part(K::Box, M::Cardboard, [32.0, 12.0, 20.0], "#c8a67a"),
    ),
    (
        "shoebox",
        "box",
        part(K::Box, M::Cardboard, [32.0, 12.0, 20.0], "#c8a67a"),
    ),
    (
        "crate",
        "",
        part(K::Crate, M::Wood, [40.0, 30.0, 30.0], "#c9a26b"),
    ),
    (
        "fruit crate",
        "crate",
        part(K::Crate, M::Wood, [40.0, 30.0, 30.0], "#c9a26b"),
    ),
    (
        "wine crate",
        "crate",
        part(K::Crate, M::Wood, [45.0, 18.0, 30.0], "#c9a26b"),
    ),
    (
        "drawer",
        "",
        part(K::Box, M::Wood, [40.0, 12.0, 35.0], "#b58b5a"),
    ),
    (
        "pot",
        "",
        part(K::Jar, M::Ceramic, [14.0, 13.0, 14.0], "#c9653b"),
    ),
    (
        "flower pot",
        "pot",
        part(K::Jar, M::Ceramic, [14.0, 13.0, 14.0], "#c9653b"),
    ),
    (
        "bucket",
        "",
        part(K::Jar, M::Metal, [28.0, 26.0, 28.0], "#a8adb4"),
    ),
    (
        "bowl",
        "",
        part(K::Jar, M::Ceramic, [16.0, 7.0, 16.0], "#ece8df"),
    ),
    (
        "cup",
        "",
        part(K::Jar, M::Ceramic, [8.0, 9.0, 8.0], "#ece8df"),
    ),
    (
        "mug",
        "",
        part(K::Jar, M::Ceramic, [8.5, 9.5, 8.5], "#ece8df"),
    ),
    (
        "teacup",
        "",
        part(K::Jar, M::Ceramic, [9.0, 6.0, 9.0], "#ece8df"),
    ),
    (
        "basket",
        "",
        part(K::Box, M::Fibre, [35.0, 22.0, 25.0], "#b8925a"),
    ),
    (
        "tray",
        "",
        part(K::Box, M::Wood, [40.0, 4.0, 28.0], "#b58b5a"),
    ),
    (
        "bag",
        "",
        part(K::Fabric, M::Fabric, [36.0, 40.0, 2.0], "#d9cdb4"),
    ),
    // Wood
    (
        "pallet",
        "",
        part(K::Pallet, M::Wood, [100.0, 14.0, 80.0], "#c9a26b"),
    ),
    (
        "wooden pallet",
        "pallet",
        part(K::Pallet, M::Wood, [100.0, 14.0, 80.0], "#c9a26b"),
    ),
    (
        "board",
        "",
        part(K::Board, M::Wood, [60.0, 2.0, 20.0], "#c9a26b"),
    ),
    (
        "shelf board",
        "board",
        part(K::Board, M::Wood, [60.0, 2.0, 20.0], "#c9a26b"),
    ),
    (
        "plywood",
        "",
        part(K::Board, M::Wood, [60.0, 1.5, 40.0], "#d9b98a"),
    ),
    (
        "plywood board",
        "plywood",
        part(K::Board, M::Wood, [60.0, 1.5, 40.0], "#d9b98a"),
    ),
    (
        "plywood sheet",
        "plywood",
        part(K::Board, M::Wood, [60.0, 1.5, 40.0], "#d9b98a"),
    ),
    (
        "mdf",
        "",
        part(K::Board, M::Wood, [60.0, 1.8, 40.0], "#b9a07a"),
    ),
    (
        "plank",
        "",
        part(K::Plank, M::Wood, [80.0, 2.5, 15.0], "#c9a26b"),
    ),
    // Dimension lumber by its nominal inches ("a 2x4", "cut the 2x4s"):
    // actual sizes, a length cut for a small build.
    (
        "2x4",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 8.9], "#d8b98a"),
    ),
    (
        "2x2",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 3.8], "#d8b98a"),
    ),
    (
        "2x3",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 6.4], "#d8b98a"),
    ),
    (
        "2x6",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 14.0], "#d8b98a"),
    ),
    (
        "2x8",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 18.4], "#d8b98a"),
    ),
    (
        "2x10",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 23.5], "#d8b98a"),
    ),
    (
        "2x12",
        "",
        part(K::Plank, M::Wood, [90.0, 3.8, 28.6], "#d8b98a"),
    ),
    (
        "1x2",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 3.8], "#d8b98a"),
    ),
    (
        "1x3",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 6.4], "#d8b98a"),
    ),
    (
        "1x4",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 8.9], "#d8b98a"),
    ),
    (
        "1x6",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 14.0], "#d8b98a"),
    ),
    (
        "1x8",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 18.4], "#d8b98a"),
    ),
    (
        "1x10",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 23.5], "#d8b98a"),
    ),
    (
        "1x12",
        "",
        part(K::Plank, M::Wood, [90.0, 1.9, 28.6], "#d8b98a"),
    ),
    (
        "4x4",
        "",
        part(K::Plank, M::Wood, [90.0, 8.9, 8.9], "#d8b98a"),
    ),
    (
        "slat",
        "",
        part(K::Slat, M::Wood, [80.0, 2.0, 9.0], "#c9a26b"),
    ),
    // Indian English: a strip of wood.
    (
        "patti",
        "",
        part(K::Slat, M::Wood, [60.0, 1.5, 4.0], "#c9a26b"),
    ),
    // Indian English: expanded polystyrene sheet.
    (
        "thermocol",
        "",
        part(K::Sheet, M::Foam, [40.0, 2.0, 30.0], "#f7f7f4"),
    ),
    (
        "thermocol sheet",
        "thermocol",
        part(K::Sheet, M::Foam, [40.0, 2.0, 30.0], "#f7f7f4"),
    ),
    (
        "stringer",
        "",
        part(K::Slat, M::Wood, [80.0, 9.0, 5.0], "#b58b5a"),
    ),
    (
        "beam",
        "",
        part(K::Plank, M::Wood, [80.0, 9.0, 9.0], "#b58b5a"),
    ),
    (
        "dowel",
        "",
        part(K::Cylinder, M::Wood, [1.5, 60.0, 1.5], "#d9b98a"),
    ),
    // The tubes of a wind chime.
    (
        "chime",
        "",
        part(K::Tube, M::Metal, [1.6, 25.0, 1.6], "#c4c8cc"),
    ),
    (
        "stick",
        "",
        part(K::Slat, M::Wood, [15.0, 0.3, 1.5], "#e0c59a"),
    ),
    (
        "popsicle stick",
        "stick",
        part(K::Slat, M::Wood, [11.0, 0.2, 1.0], "#e0c59a"),
    ),
    (
        "branch",
        "",
        part(K::Cylinder, M::Wood, [3.0, 60.0, 3.0], "#7a5a3a"),
    ),
    (
        "log",
        "",
        part(K::Cylinder, M::Wood, [25.0, 40.0, 25.0], "#8a6a45"),
    ),
    (
        "spoon",
        "",
        part(K::Generic, M::Wood, [4.0, 1.5, 25.0], "#d9b98a"),
    ),
    (
        "wooden spoon",
        "spoon",
        part(K::Generic, M::Wood, [4.0, 1.5, 25.0], "#d9b98a"),
    ),
    (
        "leg",
        "",
        part(K::Leg, M::Wood, [4.0, 12.0, 4.0], "#8a6a45"),
    ),
    // A limb of a puppet, doll or figure: a stick like a leg.
    (
        "arm",
        "",
        part(K::Leg, M::Wood, [2.0, 10.0, 2.0], "#8a6a45"),
    ),
    (
        "furniture leg",
        "leg",
        part(K::Leg, M::Wood, [4.0, 12.0, 4.0], "#8a6a45"),
    ),
    (
        "foot",
        "leg",
        part(K::Leg, M::Wood, [4.0, 5.0, 4.0], "#8a6a45"),
    ),
    (
        "caster",
        "leg",
        part(K::Leg, M::Metal, [5.0, 6.0, 5.0], "#5a5c60"),
    ),
    (
        "door",
        "",
        part(K::Board, M::Wood, [80.0, 200.0, 4.0], "#c9a26b"),
    ),
    (
        "ladder",
        "",
        part(K::Generic, M::Wood, [45.0, 180.0, 8.0], "#c9a26b"),
    ),
    (
        "frame",
        "",
        part(K::Generic, M::Wood, [30.0, 40.0, 2.0], "#8a6a45"),
    ),
    (
        "picture frame",
        "frame",
        part(K::Generic, M::Wood, [30.0, 40.0, 2.0], "#8a6a45"),
    ),
    (
        "cork",
        "",
        part(K::Cylinder, M::Cork, [2.4, 4.5, 2.4], "#c49a6c"),
    ),
    (
        "wine cork",
        "cork",
        part(K::Cylinder, M::Cork, [2.4, 4.5, 2.4], "#c49a6c"),
    ),
    // Tubes, pipes, cylinders
    (
        "tube",
        "",
        part(K::Tube, M::Cardboard, [4.5, 10.0, 4.5], "#c8a67a"),
    ),
    (
        "cardboard tube",
        "tube",
        part(K::Tube, M::Cardboard, [4.5, 10.0, 4.5], "#c8a67a"),
    ),
    (
        "toilet paper tube",
        "tube",
        part(K::Tube, M::Cardboard, [4.5, 10.0, 4.5], "#c8a67a"),
    ),
    (
        "paper towel tube",
        "tube",
        part(K::Tube, M::Cardboard, [4.5, 26.0, 4.5], "#c8a67a"),
    ),
    (
        "toilet roll",
        "tube",
        part(K::Tube, M::Cardboard, [4.5, 10.0, 4.5], "#c8a67a"),
    ),
    (
        "pipe",
        "",
        part(K::Pipe, M::Plastic, [5.0, 60.0, 5.0], "#e8e8e4"),
    ),
    (
        "pvc pipe",
        "pipe",
        part(K::Pipe, M::Plastic, [5.0, 60.0, 5.0], "#e8e8e4"),
    ),
    (
        "copper pipe",
        "pipe",
        part(K::Pipe, M::Metal, [2.2, 60.0, 2.2], "#b8693d"),
    ),
    (
        "hose",
        "",
        part(K::Pipe, M::Rubber, [2.0, 80.0, 2.0], "#3f7a44"),
    ),
    (
        "straw",
        "",
        part(K::Tube, M::Plastic, [0.7, 20.0, 0.7], "#e8e8e4"),
    ),
    (
        "candle",
        "",
        part(K::Lights, M::Wax, [6.0, 10.0, 6.0], "#f3eddc"),
    ),
    (
        "tea light",
        "",
        part(K::Lights, M::Wax, [3.8, 1.6, 3.8], "#f3eddc"),
    ),
    (
        "tealight",
        "tea light",
        part(K::Lights, M::Wax, [3.8, 1.6, 3.8], "#f3eddc"),
    ),
    (
        "light bulb",
        "bulb",
        part(K::Lights, M::Glass, [6.0, 10.0, 6.0], "#fff4c8"),
    ),
    (
        "bulb",
        "",
        part(K::Lights, M::Glass, [6.0, 10.0, 6.0], "#fff4c8"),
    ),
    (
        "fairy light",
        "lights",
        part(K::Lights, M::Plastic, [30.0, 2.0, 30.0], "#ffe27a"),
    ),
    (
        "string light",
        "lights",
        part(K::Lights, M::Plastic, [30.0, 2.0, 30.0], "#ffe27a"),
    ),
    (
        "led strip",
        "lights",
        part(K::Lights, M::Plastic, [50.0, 1.0, 1.0], "#ffe27a"),
    ),
    (
        "lights",
        "",
        part(K::Lights, M::Plastic, [30.0, 2.0, 30.0], "#ffe27a"),
    ),
    (
        "socket",
        "",
        part(K::Hardware, M::Metal, [4.0, 6.0, 4.0], "#c9a23a"),
    ),
    // A band alone is a ring around something (a jar's lid band); rubber
    // and elastic bands come from WordNet's compounds.
    (
        "band",
        "",
        part(K::Torus, M::Metal, [8.6, 1.2, 8.6], "#b8bcc2"),
    ),
    // Pins that stay in the build and are seen, unlike a sewing pin.
    (
        "hitch pin",
        "",
        part(K::Hardware, M::Metal, [0.4, 0.4, 5.0], "#b8bcc2"),
    ),
    (
        "cotter pin",
        "hitch pin",
        part(K::Hardware, M::Metal, [0.3, 0.3, 4.0], "#b8bcc2"),
    ),
    (
        "split pin",
        "hitch pin",
        part(K::Hardware, M::Metal, [0.3, 0.3, 4.0], "#b8bcc2"),
    ),
    (
        "clevis pin",
        "hitch pin",
        part(K::Hardware, M::Metal, [0.6, 0.6, 5.0], "#b8bcc2"),
    ),
    (
        "lamp socket",
        "socket",
        part(K::Hardware, M::Metal, [4.0, 6.0, 4.0], "#c9a23a"),
    ),
    (
        "cord",
        "",
        part(K::Wire, M::Plastic, [0.6, 0.6, 150.0], "#26262a"),
    ),
    (
        "lamp kit",
        "socket",
        part(K::Hardware, M::Metal, [4.0, 6.0, 4.0], "#c9a23a"),
    ),
    (
        "battery",
        "",
        part(K::Hardware, M::Metal, [1.4, 5.0, 1.4], "#3a3b3f"),
    ),
    (
        "clock movement",
        "movement",
        part(K::Hardware, M::Plastic, [5.6, 5.6, 2.0], "#26262a"),
    ),
    (
        "movement",
        "",
        part(K::Hardware, M::Plastic, [5.6, 5.6, 2.0], "#26262a"),
    ),
    (
        "clock mechanism",
        "movement",
        part(K::Hardware, M::Plastic, [5.6, 5.6, 2.0], "#26262a"),
    ),
    (
        "clock hand",
        "hand",
        part(K::Generic, M::Metal, [0.8, 0.1, 7.0], "#26262a"),
    ),
    (
        "hand",
        "",
        part(K::Generic, M::Metal, [0.8, 0.1, 7.0], "#26262a"),
    ),
    // Round and flat things
    (
        "cd",
        "",
        part(K::Disc, M::Plastic, [12.0, 0.12, 12.0], "#d5d9e0"),
    ),
    (
        "dvd",
        "cd",
        part(K::Disc, M::Plastic, [12.0, 0.12, 12.0], "#d5d9e0"),
    ),
    (
        "disc",
        "",
        part(K::Disc, M::Plastic, [12.0, 0.12, 12.0], "#d5d9e0"),
    ),
    (
        "record",
        "",
        part(K::Disc, M::Plastic, [30.0, 0.2, 30.0], "#26262a"),
    ),
    (
        "vinyl record",
        "record",
        part(K::Disc, M::Plastic, [30.0, 0.2, 30.0], "#26262a"),
    ),
    (
        "plate",
        "",
        part(K::Disc, M::Ceramic, [25.0, 2.0, 25.0], "#f2f0ea"),
    ),
    (
        "coaster",
        "",
        part(K::Disc, M::Cork, [10.0, 0.6, 10.0], "#c49a6c"),
    ),
    (
        "lid",
        "",
        part(K::Lid, M::Metal, [8.6, 1.5, 8.6], "#c9a23a"),
    ),
    (
        "jar lid",
        "lid",
        part(K::Lid, M::Metal, [8.6, 1.5, 8.6], "#c9a23a"),
    ),
    (
        "cap",
        "lid",
        part(K::Lid, M::Plastic, [3.0, 1.5, 3.0], "#3a6fc4"),
    ),
    (
        "bottle cap",
        "lid",
        part(K::Lid, M::Plastic, [3.0, 1.5, 3.0], "#3a6fc4"),
    ),
    (
        "tire",
        "",
        part(K::Tire, M::Rubber, [60.0, 20.0, 60.0], "#2f2f33"),
    ),
    (
        "tyre",
        "tire",
        part(K::Tire, M::Rubber, [60.0, 20.0, 60.0], "#2f2f33"),
    ),
    (
        "car tire",
        "tire",
        part(K::Tire, M::Rubber, [60.0, 20.0, 60.0], "#2f2f33"),
    ),
    (
        "bike tire",
        "tire",
        part(K::Tire, M::Rubber, [62.0, 4.0, 62.0], "#2f2f33"),
    ),
    (
        "wheel",
        "",
        part(K::Tire, M::Rubber, [40.0, 8.0, 40.0], "#2f2f33"),
    ),
    (
        "ring",
        "",
        part(K::Torus, M::Metal, [4.0, 0.6, 4.0], "#c9a23a"),
    ),
    (
        "embroidery hoop",
        "hoop",
        part(K::Torus, M::Wood, [25.0, 1.0, 25.0], "#d9b98a"),
    ),
    (
        "hoop",
        "",
        part(K::Torus, M::Wood, [25.0, 1.0, 25.0], "#d9b98a"),
    ),
    (
        "ball",
        "",
        part(K::Sphere, M::Plastic, [7.0, 7.0, 7.0], "#e8842c"),
    ),
    (
        "bead",
        "",
        part(K::Sphere, M::Wood, [1.2, 1.2, 1.2], "#c9653b"),
    ),
    (
        "pine cone",
        "cone",
        part(K::Cone, M::Wood, [6.0, 9.0, 6.0], "#7a5233"),
    ),
    (
        "cone",
        "",
        part(K::Cone, M::Cardboard, [10.0, 15.0, 10.0], "#c8a67a"),
    ),
    (
        "funnel",
        "",
        part(K::Cone, M::Plastic, [12.0, 12.0, 12.0], "#e8e8e4"),
    ),
    (
        "lampshade",
        "shade",
        part(K::Cone, M::Fabric, [25.0, 20.0, 25.0], "#f1e6c8"),
    ),
    (
        "shade",
        "",
        part(K::Cone, M::Fabric, [25.0, 20.0, 25.0], "#f1e6c8"),
    ),
    (
        "stone",
        "",
        part(K::Sphere, M::Stone, [5.0, 3.0, 4.0], "#9a9a96"),
    ),
    (
        "pebble",
        "",
        part(K::Sphere, M::Stone, [2.5, 1.5, 2.0], "#9a9a96"),
    ),
    (
        "rock",
        "",
        part(K::Sphere, M::Stone, [8.0, 6.0, 7.0], "#8c8f94"),
    ),
    (
        "shell",
        "",
        part(K::Sphere, M::Stone, [4.0, 2.0, 3.0], "#f1e6c8"),
    ),
    (
        "mirror",
        "",
        part(K::Disc, M::Glass, [30.0, 0.4, 30.0], "#dfe8ea"),
    ),
    (
        "magnet",
        "",
        part(K::Disc, M::Metal, [2.0, 0.5, 2.0], "#3a3b3f"),
    ),
    // Fabric, paper, sheets
    (
        "t-shirt",
        "shirt",
        part(K::Fabric, M::Fabric, [50.0, 70.0, 1.0], "#3a6fc4"),
    ),
    (
        "tshirt",
        "shirt",
        part(K::Fabric, M::Fabric, [50.0, 70.0, 1.0], "#3a6fc4"),
    ),
    (
        "tee",
        "shirt",
        part(K::Fabric, M::Fabric, [50.0, 70.0, 1.0], "#3a6fc4"),
    ),
    (
        "shirt",
        "",
        part(K::Fabric, M::Fabric, [50.0, 70.0, 1.0], "#3a6fc4"),
    ),
    (
        "sweater",
        "",
        part(K::Fabric, M::Fabric, [55.0, 65.0, 1.5], "#8a3b2c"),
    ),
    (
        "jeans",
        "",
        part(K::Fabric, M::Fabric, [45.0, 100.0, 1.0], "#3557b7"),
    ),
    (
        "sock",
        "",
        part(K::Fabric, M::Fabric, [9.0, 25.0, 1.0], "#8c8f94"),
    ),
    (
        "feather",
        "",
        part(K::Sheet, M::Fibre, [3.0, 0.1, 12.0], "#f2efe6"),
    ),
    // Shells that hold a device's insides.
    (
        "case",
        "",
        part(K::Box, M::Plastic, [10.0, 6.0, 10.0], "#d9dde2"),
    ),
    (
        "casing",
        "case",
        part(K::Box, M::Plastic, [10.0, 6.0, 10.0], "#d9dde2"),
    ),
    (
        "housing",
        "case",
        part(K::Box, M::Plastic, [10.0, 6.0, 10.0], "#d9dde2"),
    ),
    (
        "enclosure",
        "case",
        part(K::Box, M::Plastic, [12.0, 8.0, 12.0], "#d9dde2"),
    ),
    // A lamp's ballast is a box of electrics, not gravel.
    (
        "ballast",
        "",
        part(K::Hardware, M::Metal, [8.0, 3.0, 4.0], "#6f7378"),
    ),
    // Parts of machines and frames that WordNet files under acts.
    (
        "guard",
        "",
        part(K::Sheet, M::Metal, [12.0, 0.2, 12.0], "#a7abb0"),
    ),
    (
        "shield",
        "guard",
        part(K::Sheet, M::Metal, [12.0, 0.2, 12.0], "#a7abb0"),
    ),
    (
        "support",
        "",
        part(K::Slat, M::Wood, [4.0, 30.0, 2.0], "#c19a6b"),
    ),
    (
        "scarf",
        "",
        part(K::Fabric, M::Fabric, [20.0, 150.0, 0.5], "#c8372d"),
    ),
    // A hole dug in the ground that holds a fire or a plant.
    (
        "pit",
        "",
        part(K::Box, M::Soil, [60.0, 25.0, 60.0], "#6b4f3a"),
    ),
    (
        "fabric",
        "",
        part(K::Fabric, M::Fabric, [50.0, 0.3, 50.0], "#c96a5a"),
    ),
    (
        "cloth",
        "fabric",
        part(K::Fabric, M::Fabric, [50.0, 0.3, 50.0], "#c96a5a"),
    ),
    // "scrap material": fabric offcuts, drawn as a small piece ("a scrap
    // of wood" stays a piece of wood: "scrap" alone is a shape word).
    (
        "scrap material",
        "scrap",
        part(K::Fabric, M::Fabric, [15.0, 0.3, 15.0], "#b07a9a"),
    ),
    (
        "burlap",
        "",
        part(K::Fabric, M::Fabric, [50.0, 0.3, 50.0], "#b8925a"),
    ),
    (
        "felt",
        "",
        part(K::Fabric, M::Fabric, [30.0, 0.3, 30.0], "#4f9a4a"),
    ),
    (
        "canvas",
        "",
        part(K::Fabric, M::Fabric, [50.0, 0.3, 50.0], "#e6dcc4"),
    ),
    (
        "towel",
        "",
        part(K::Fabric, M::Fabric, [50.0, 1.0, 90.0], "#f1ede4"),
    ),
    (
        "blanket",
        "",
        part(K::Fabric, M::Fabric, [120.0, 1.0, 150.0], "#9caf88"),
    ),
    (
        "ribbon",
        "",
        part(K::String, M::Fabric, [1.5, 0.1, 100.0], "#c8372d"),
    ),
    (
        // Lace in a craft is the openwork fabric (a doily, a trim); the
        // cord that ties a shoe is a shoelace.
        "lace",
        "",
        part(K::Fabric, M::Fabric, [30.0, 0.1, 30.0], "#f3eddc"),
    ),
    (
        "shoelace",
        "",
        part(K::String, M::Fabric, [0.5, 0.3, 100.0], "#3b3b3b"),
    ),
    (
        "paper",
        "",
        part(K::Paper, M::Paper, [21.0, 0.1, 29.7], "#f4f2ee"),
    ),
    (
        "wrapping paper",
        "paper",
        part(K::Paper, M::Paper, [50.0, 0.1, 70.0], "#e892b0"),
    ),
    (
        "newspaper",
        "paper",
        part(K::Paper, M::Paper, [40.0, 0.1, 55.0], "#e6e2d8"),
    ),
    (
        "tissue paper",
        "paper",
        part(K::Paper, M::Paper, [50.0, 0.1, 70.0], "#f3eddc"),
    ),
    (
        "card",
        "",
        part(K::Paper, M::Paper, [15.0, 0.1, 10.0], "#f4f2ee"),
    ),
    (
        "cardstock",
        "card",
        part(K::Paper, M::Paper, [21.0, 0.1, 29.7], "#f4f2ee"),
    ),
    (
        "label",
        "",
        part(K::Paper, M::Paper, [10.0, 6.0, 0.1], "#f4f2ee"),
    ),
    (
        "sticker",
        "label",
        part(K::Paper, M::Paper, [5.0, 5.0, 0.1], "#f0c93a"),
    ),
    // A sign made for the build: printed or painted on a sheet.
    (
        "sign",
        "",
        part(K::Paper, M::Paper, [20.0, 15.0, 0.1], "#f4f2ee"),
    ),
    (
        "tape",
        "",
        part(K::Sheet, M::Paper, [2.5, 0.1, 30.0], "#e9d9a6"),
    ),
    (
        "painter's tape",
        "tape",
        part(K::Sheet, M::Paper, [2.5, 0.1, 30.0], "#7fb8e6"),
    ),
    (
        "masking tape",
        "tape",
        part(K::Sheet, M::Paper, [2.5, 0.1, 30.0], "#e9d9a6"),
    ),
    (
        "washi tape",
        "tape",
        part(K::Sheet, M::Paper, [1.5, 0.1, 30.0], "#e892b0"),
    ),
    (
        "duct tape",
        "tape",
        part(K::Sheet, M::Plastic, [5.0, 0.1, 30.0], "#8c8f94"),
    ),
    (
        "sheet",
        "",
        part(K::Sheet, M::Plastic, [40.0, 0.2, 30.0], "#e6eef0"),
    ),
    (
        "foil",
        "",
        part(K::Sheet, M::Metal, [30.0, 0.05, 30.0], "#c9ccd1"),
    ),
    (
        "plastic bag",
        "bag",
        part(K::Sheet, M::Plastic, [30.0, 40.0, 0.1], "#e6eef0"),
    ),
    (
        "cushion",
        "",
        part(K::Cushion, M::Foam, [50.0, 8.0, 50.0], "#c96a5a"),
    ),
    (
        "pillow",
        "cushion",
        part(K::Cushion, M::Fabric, [45.0, 12.0, 45.0], "#c96a5a"),
    ),
    (
        "pad",
        "cushion",
        part(K::Cushion, M::Foam, [50.0, 5.0, 50.0], "#f1e6c8"),
    ),
    (
        "foam pad",
        "cushion",
        part(K::Cushion, M::Foam, [50.0, 5.0, 50.0], "#f1e6c8"),
    ),
    (
        "foam",
        "",
        part(K::Cushion, M::Foam, [50.0, 5.0, 50.0], "#f1e6c8"),
    ),
    (
        "sponge",
        "",
        part(K::Box, M::Foam, [10.0, 3.0, 7.0], "#f0c93a"),
    ),
    (
        "mat",
        "",
        part(K::Sheet, M::Fabric, [60.0, 1.0, 40.0], "#9caf88"),
    ),
    // Cords
    (
        "rope",
        "",
        part(K::Rope, M::Fibre, [1.0, 1.0, 300.0], "#c9a86b"),
    ),
    (
        "twine",
        "",
        part(K::String, M::Fibre, [0.3, 0.3, 200.0], "#c9a86b"),
    ),
    (
        "fishing line",
        "",
        part(K::String, M::Plastic, [0.05, 0.05, 200.0], "#e8eef2"),
    ),
    (
        "jute",
        "twine",
        part(K::String, M::Fibre, [0.3, 0.3, 200.0], "#c9a86b"),
    ),
    (
        "string",
        "",
        part(K::String, M::Fibre, [0.2, 0.2, 100.0], "#e6dcc4"),
    ),
    (
        "yarn",
        "",
        part(K::String, M::Fibre, [0.4, 0.4, 200.0], "#c8372d"),
    ),
    (
        "thread",
        "",
        part(K::String, M::Fibre, [0.1, 0.1, 100.0], "#26262a"),
    ),
    (
        "wire",
        "",
        part(K::Wire, M::Metal, [0.2, 0.2, 40.0], "#8c8f94"),
    ),
    // Fuzzy wire for crafts: bent like wire, soft like yarn.
    (
        "pipe cleaner",
        "",
        part(K::Wire, M::Fibre, [0.6, 0.6, 30.0], "#e3c04a"),
    ),
    (
        "chenille stem",
        "pipe cleaner",
        part(K::Wire, M::Fibre, [0.6, 0.6, 30.0], "#e3c04a"),
    ),
    (
        "chain",
        "",
        part(K::Chain, M::Metal, [0.8, 0.8, 60.0], "#8c8f94"),
    ),
    (
        "cable",
        "",
        part(K::Wire, M::Plastic, [0.6, 0.6, 150.0], "#26262a"),
    ),
    (
        "zip tie",
        "tie",
        part(K::Hardware, M::Plastic, [0.4, 0.2, 15.0], "#26262a"),
    ),
    (
        "cable tie",
        "tie",
        part(K::Hardware, M::Plastic, [0.4, 0.2, 15.0], "#26262a"),
    ),
    // Hardware that is seen
    (
        "bracket",
        "",
        part(K::Hardware, M::Metal, [3.0, 12.0, 12.0], "#5a5c60"),
    ),
    (
        "wall bracket",
        "bracket",
        part(K::Hardware, M::Metal, [3.0, 12.0, 12.0], "#5a5c60"),
    ),
    (
        "shelf bracket",
        "bracket",
        part(K::Hardware, M::Metal, [3.0, 12.0, 12.0], "#5a5c60"),
    ),
    (
        "clamp",
        "",
        part(K::Hardware, M::Metal, [9.5, 1.2, 9.5], "#b9bcc2"),
    ),
    (
        "hose clamp",
        "clamp",
        part(K::Hardware, M::Metal, [9.5, 1.2, 9.5], "#b9bcc2"),
    ),
    (
        "hook",
        "",
        part(K::Hardware, M::Metal, [2.0, 5.0, 3.0], "#5a5c60"),
    ),
    (
        "hinge",
        "",
        part(K::Hardware, M::Metal, [4.0, 6.0, 0.5], "#8c8f94"),
    ),
    (
        "handle",
        "",
        part(K::Hardware, M::Metal, [12.0, 3.0, 3.0], "#5a5c60"),
    ),
    (
        "knob",
        "",
        part(K::Hardware, M::Metal, [3.0, 3.0, 3.0], "#c9a23a"),
    ),
    (
        "button",
        "",
        part(K::Disc, M::Plastic, [1.5, 0.3, 1.5], "#c8372d"),
    ),
    // The face a puppet, toy or caterpillar is given ("make the eyes for
    // the puppet", "give it a nose"); the maker's own are no parts.
    (
        "eye",
        "",
        part(K::Disc, M::Plastic, [1.5, 0.4, 1.5], "#f4f2ee"),
    ),
    (
        "googly eye",
        "eye",
        part(K::Disc, M::Plastic, [1.5, 0.4, 1.5], "#f4f2ee"),
    ),
    (
        "nose",
        "",
        part(K::Sphere, M::Fabric, [2.0, 2.0, 2.0], "#c8372d"),
    ),
    (
        "grommet",
        "",
        part(K::Torus, M::Metal, [1.5, 0.3, 1.5], "#b9bcc2"),
    ),
    (
        "clothespin",
        "",
        part(K::Generic, M::Wood, [1.0, 1.5, 7.5], "#e0c59a"),
    ),
    (
        "clothes peg",
        "clothespin",
        part(K::Generic, M::Wood, [1.0, 1.5, 7.5], "#e0c59a"),
    ),
    (
        "bell",
        "",
        part(K::Cone, M::Metal, [3.0, 3.0, 3.0], "#c9a23a"),
    ),
    // Plants
    (
        "plant",
        "",
        part(K::Plant, M::Plant, [12.0, 18.0, 12.0], "#4f9a4a"),
    ),
    (
        "succulent",
        "",
        part(K::Plant, M::Plant, [8.0, 7.0, 8.0], "#6fae7a"),
    ),
    (
        "cactus",
        "",
        part(K::Plant, M::Plant, [6.0, 12.0, 6.0], "#4f8a4a"),
    ),
    (
        "seedling",
        "",
        part(K::Plant, M::Plant, [6.0, 12.0, 6.0], "#5fae4a"),
    ),
    (
        "sapling",
        "",
        part(K::Plant, M::Plant, [12.0, 40.0, 12.0], "#4f9a4a"),
    ),
    (
        "herb",
        "",
        part(K::Plant, M::Plant, [8.0, 15.0, 8.0], "#4f9a4a"),
    ),
    (
        "basil",
        "",
        part(K::Plant, M::Plant, [8.0, 15.0, 8.0], "#4f9a4a"),
    ),
    (
        "parsley",
        "",
        part(K::Plant, M::Plant, [8.0, 15.0, 8.0], "#3f8a3a"),
    ),
    (
        "mint",
        "",
        part(K::Plant, M::Plant, [8.0, 15.0, 8.0], "#5fae5a"),
    ),
    (
        "thyme",
        "",
        part(K::Plant, M::Plant, [8.0, 12.0, 8.0], "#6b7a3a"),
    ),
    (
        "rosemary",
        "",
        part(K::Plant, M::Plant, [8.0, 18.0, 8.0], "#5a7a4a"),
    ),
    (
        "chive",
        "",
        part(K::Plant, M::Plant, [6.0, 18.0, 6.0], "#4f9a4a"),
    ),
    (
        "flower",
        "",
        part(K::Plant, M::Plant, [8.0, 20.0, 8.0], "#e892b0"),
    ),
    (
        "fern",
        "",
        part(K::Plant, M::Plant, [20.0, 20.0, 20.0], "#4f9a4a"),
    ),
    (
        "ivy",
        "",
        part(K::Plant, M::Plant, [15.0, 25.0, 15.0], "#3f7a3a"),
    ),
    (
        "moss",
        "",
        part(K::Plant, M::Plant, [15.0, 2.0, 15.0], "#6b8a3a"),
    ),
    (
        "air plant",
        "plant",
        part(K::Plant, M::Plant, [6.0, 6.0, 6.0], "#8ab89a"),
    ),
    (
        "bulb plant",
        "plant",
        part(K::Plant, M::Plant, [8.0, 15.0, 8.0], "#4f9a4a"),
    ),
    (
        "strawberry",
        "",
        part(K::Plant, M::Plant, [15.0, 12.0, 15.0], "#4f9a4a"),
    ),
    (
        "tomato",
        "",
        part(K::Plant, M::Plant, [15.0, 30.0, 15.0], "#4f9a4a"),
    ),
    (
        "lettuce",
        "",
        part(K::Plant, M::Plant, [12.0, 10.0, 12.0], "#8cc63f"),
    ),
    (
        "cutting",
        "plant",
        part(K::Plant, M::Plant, [6.0, 14.0, 6.0], "#4f9a4a"),
    ),
    // Fills
    ("soil", "", Role::Fill(M::Soil, "#5a3f2b")),
    ("potting soil", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("potting mix", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("compost", "soil", Role::Fill(M::Soil, "#4a3322")),
    ("earth", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("topsoil", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("perlite", "soil", Role::Fill(M::Soil, "#e8e4da")),
    ("vermiculite", "soil", Role::Fill(M::Soil, "#b89a6a")),
    ("peat", "soil", Role::Fill(M::Soil, "#4a3322")),
    ("peat moss", "soil", Role::Fill(M::Soil, "#5c4630")),
    ("mulch", "soil", Role::Fill(M::Soil, "#6b4a2b")),
    // "add coarse dirt to the can": dirt put in a pot is soil ("wipe off
    // the dirt" is no part: see `dirt`).
    ("coarse dirt", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("potting dirt", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("garden dirt", "soil", Role::Fill(M::Soil, "#5a3f2b")),
    ("gravel", "", Role::Fill(M::Stone, "#9a948a")),
    ("sand", "", Role::Fill(M::Stone, "#e2cfa0")),
    ("pebbles", "gravel", Role::Fill(M::Stone, "#9a948a")),
    ("charcoal", "", Role::Fill(M::Stone, "#3a3b3f")),
    ("water", "", Role::Fill(M::Water, "#8ec5e6")),
    ("seed", "", Role::Fill(M::Seed, "#c9a86b")),
    ("birdseed", "seed", Role::Fill(M::Seed, "#c9a86b")),
    ("bird seed", "seed", Role::Fill(M::Seed, "#c9a86b")),
    ("rice", "", Role::Fill(M::Seed, "#f1ede4")),
    // Powders and grains poured or stirred in.
    ("salt", "", Role::Fill(M::Stone, "#f4f4f2")),
    ("sugar", "", Role::Fill(M::Seed, "#f7f5ee")),
    ("flour", "", Role::Fill(M::Seed, "#f3efe6")),
    ("glitter", "", Role::Fill(M::Other, "#d9c36a")),
    ("cinnamon", "", Role::Fill(M::Seed, "#9a5a2e")),
    ("spice", "", Role::Fill(M::Seed, "#a8643a")),
    ("coffee", "", Role::Fill(M::Seed, "#4a3426")),
    ("coffee grounds", "coffee", Role::Fill(M::Seed, "#4a3426")),
    ("lentil", "", Role::Fill(M::Seed, "#c9813f")),
    ("confetti", "", Role::Fill(M::Paper, "#e9a2c0")),
    ("bean", "", Role::Fill(M::Seed, "#8a3b2c")),
    ("stuffing", "", Role::Fill(M::Fibre, "#f4f2ee")),
    ("fiberfill", "stuffing", Role::Fill(M::Fibre, "#f4f2ee")),
    ("fibrefill", "stuffing", Role::Fill(M::Fibre, "#f4f2ee")),
    ("fiber fill", "stuffing", Role::Fill(M::Fibre, "#f4f2ee")),
    ("polyfill", "stuffing", Role::Fill(M::Fibre, "#f4f2ee")),
    ("poly-fil", "stuffing", Role::Fill(M::Fibre, "#f4f2ee")),
    (
        "polyester stuffing",
        "stuffing",
        Role::Fill(M::Fibre, "#f4f2ee"),
    ),
    ("filling", "stuffing", Role::Fill(M::Fibre, "#f4f2ee")),
    ("resin", "", Role::Fill(M::Plastic, "#e6eef0")),
    ("cement", "concrete", Role::Fill(M::Stone, "#a8a8a4")),
    ("rubber cement", "glue", Role::Consumable(Consumable::Glue)),
    ("pvc cement", "glue", Role::Consumable(Consumable::Glue)),
    ("contact cement", "glue", Role::Consumable(Consumable::Glue)),
    // "wheat paste", "wallpaper paste": an adhesive, not WordNet's glass.
    ("paste", "glue", Role::Consumable(Consumable::Glue)),
    ("wheat paste", "glue", Role::Consumable(Consumable::Glue)),
    ("mortar", "concrete", Role::Fill(M::Stone, "#a8a8a4")),
    ("grout", "concrete", Role::Fill(M::Stone, "#d6d3cc")),
    ("concrete", "", Role::Fill(M::Stone, "#a8a8a4")),
    ("plaster", "", Role::Fill(M::Stone, "#f1ede4")),
    // Tools
    ("scissors", "", Role::Tool(Tool::Scissors)),
    ("knife", "", Role::Tool(Tool::Knife)),
    ("craft knife", "knife", Role::Tool(Tool::Knife)),
    ("utility knife", "knife", Role::Tool(Tool::Knife)),
    ("box cutter", "knife", Role::Tool(Tool::Knife)),
    ("cutter", "knife", Role::Tool(Tool::Knife)),
    ("saw", "", Role::Tool(Tool::Saw)),
    ("hacksaw", "saw", Role::Tool(Tool::Saw)),
    ("chainsaw", "saw", Role::Tool(Tool::Saw)),
    ("chain saw", "saw", Role::Tool(Tool::Saw)),
    ("jigsaw", "saw", Role::Tool(Tool::Saw)),
    // Power tools that shape wood are saws to the picture.
    ("router", "saw", Role::Tool(Tool::Saw)),
    ("miter saw", "saw", Role::Tool(Tool::Saw)),
    ("mitre saw", "saw", Role::Tool(Tool::Saw)),
    ("planer", "saw", Role::Tool(Tool::Saw)),
    ("drill", "", Role::Tool(Tool::Drill)),
    ("drill bit", "drill", Role::Tool(Tool::Drill)),
    ("sandpaper", "", Role::Tool(Tool::Sandpaper)),
    ("sanding block", "sandpaper", Role::Tool(Tool::Sandpaper)),
    ("file", "sandpaper", Role::Tool(Tool::Sandpaper)),
    ("brush", "", Role::Tool(Tool::Brush)),
    ("paintbrush", "brush", Role::Tool(Tool::Brush)),
    ("paint brush", "brush", Role::Tool(Tool::Brush)),
    ("sponge brush", "brush", Role::Tool(Tool::Brush)),
    ("spray can", "", Role::Tool(Tool::SprayCan)),
    ("sprayer", "spray can", Role::Tool(Tool::SprayCan)),
    ("spray gun", "spray can", Role::Tool(Tool::SprayCan)),
    ("airbrush", "spray can", Role::Tool(Tool::SprayCan)),
    ("glue gun", "", Role::Tool(Tool::GlueGun)),
    ("hot glue gun", "glue gun", Role::Tool(Tool::GlueGun)),
    ("screwdriver", "", Role::Tool(Tool::Screwdriver)),
    ("hammer", "", Role::Tool(Tool::Hammer)),
    ("mallet", "hammer", Role::Tool(Tool::Hammer)),
    // Prying is done with a bar swung like a hammer; a chisel cuts.
    ("crowbar", "hammer", Role::Tool(Tool::Hammer)),
    ("pry bar", "hammer", Role::Tool(Tool::Hammer)),
    ("chisel", "knife", Role::Tool(Tool::Knife)),
    ("speed square", "ruler", Role::Tool(Tool::Ruler)),
    ("try square", "ruler", Role::Tool(Tool::Ruler)),
    ("spirit level", "ruler", Role::Tool(Tool::Ruler)),
    ("pliers", "", Role::Tool(Tool::Pliers)),
    ("needle", "", Role::Tool(Tool::Needle)),
    ("sewing machine", "needle", Role::Tool(Tool::Needle)),
    ("ruler", "", Role::Tool(Tool::Ruler)),
    ("tape measure", "ruler", Role::Tool(Tool::Ruler)),
    ("measuring tape", "ruler", Role::Tool(Tool::Ruler)),
    ("pencil", "", Role::Tool(Tool::Pencil)),
    ("pen", "pencil", Role::Tool(Tool::Pencil)),
    ("marker", "pencil", Role::Tool(Tool::Pencil)),
    ("wrench", "", Role::Tool(Tool::Wrench)),
    ("spanner", "wrench", Role::Tool(Tool::Wrench)),
    ("stapler", "", Role::Tool(Tool::Stapler)),
    ("staple gun", "stapler", Role::Tool(Tool::Stapler)),
    ("watering can", "", Role::Tool(Tool::WateringCan)),
    ("trowel", "", Role::Tool(Tool::Trowel)),
    ("razor", "knife", Role::Tool(Tool::Knife)),
    ("razor blade", "knife", Role::Tool(Tool::Knife)),
    ("scalpel", "knife", Role::Tool(Tool::Knife)),
    ("scissor", "scissors", Role::Tool(Tool::Scissors)),
    ("shears", "scissors", Role::Tool(Tool::Scissors)),
    ("plier", "pliers", Role::Tool(Tool::Pliers)),
    ("nose plier", "pliers", Role::Tool(Tool::Pliers)),
    ("wire cutter", "pliers", Role::Tool(Tool::Pliers)),
    ("tweezers", "pliers", Role::Tool(Tool::Pliers)),
    ("scale", "ruler", Role::Tool(Tool::Ruler)),
    ("measuring scale", "ruler", Role::Tool(Tool::Ruler)),
    ("protractor", "ruler", Role::Tool(Tool::Ruler)),
    ("compass", "pencil", Role::Tool(Tool::Pencil)),
    ("sharpie", "pencil", Role::Tool(Tool::Pencil)),
    ("crayon", "pencil", Role::Tool(Tool::Pencil)),
    ("chalk", "pencil", Role::Tool(Tool::Pencil)),
    ("drill machine", "drill", Role::Tool(Tool::Drill)),
    ("drilling machine", "drill", Role::Tool(Tool::Drill)),
    ("power drill", "drill", Role::Tool(Tool::Drill)),
    ("hand drill", "drill", Role::Tool(Tool::Drill)),
    ("sander", "sandpaper", Role::Tool(Tool::Sandpaper)),
    ("grinder", "sandpaper", Role::Tool(Tool::Sandpaper)),
    ("rasp", "sandpaper", Role::Tool(Tool::Sandpaper)),
    ("emery paper", "sandpaper", Role::Tool(Tool::Sandpaper)),
    ("hack saw", "saw", Role::Tool(Tool::Saw)),
    ("coping saw", "saw", Role::Tool(Tool::Saw)),
    ("miter saw", "saw", Role::Tool(Tool::Saw)),
    ("circular saw", "saw", Role::Tool(Tool::Saw)),
    ("crochet hook", "needle", Role::Tool(Tool::Needle)),
    ("knitting needle", "needle", Role::Tool(Tool::Needle)),
    ("clay tool", "knife", Role::Tool(Tool::Knife)),
    (
        "screwdriver set",
        "screwdriver",
        Role::Tool(Tool::Screwdriver),
    ),
    ("nail", "", Role::Consumable(Consumable::Nail)),
    ("awl", "nail", Role::Tool(Tool::Nail)),
    // Consumables
    ("paint", "", Role::Consumable(Consumable::Paint)),
    ("spray paint", "paint", Role::Consumable(Consumable::Paint)),
    ("spray", "paint", Role::Consumable(Consumable::Paint)),
    // Paints named by their medium: "acrylic colour", "poster colours".
    ("acrylic", "paint", Role::Consumable(Consumable::Paint)),
    (
        "acrylic colour",
        "paint",
        Role::Consumable(Consumable::Paint),
    ),
    (
        "acrylic color",
        "paint",
        Role::Consumable(Consumable::Paint),
    ),
    (
        "poster colour",
        "paint",
        Role::Consumable(Consumable::Paint),
    ),
    ("poster color", "paint", Role::Consumable(Consumable::Paint)),
    ("water colour", "paint", Role::Consumable(Consumable::Paint)),
    ("watercolour", "paint", Role::Consumable(Consumable::Paint)),
    ("watercolor", "paint", Role::Consumable(Consumable::Paint)),
    ("fabric paint", "paint", Role::Consumable(Consumable::Paint)),
    ("enamel", "paint", Role::Consumable(Consumable::Paint)),
    (
        "toilet paper roll",
        "tube",
        part(K::Tube, M::Cardboard, [4.5, 10.0, 4.5], "#c8a67a"),
    ),
    (
        "paper towel roll",
        "tube",
        part(K::Tube, M::Cardboard, [4.5, 26.0, 4.5], "#c8a67a"),
    ),
    (
        "mounting plate",
        "bracket",
        part(K::Hardware, M::Metal, [8.0, 0.5, 8.0], "#8c8f94"),
    ),
    (
        "acrylic paint",
        "paint",
        Role::Consumable(Consumable::Paint),
    ),
    ("chalk paint", "paint", Role::Consumable(Consumable::Paint)),
    ("primer", "paint", Role::Consumable(Consumable::Paint)),
    ("dye", "paint", Role::Consumable(Consumable::Paint)),
    ("stain", "", Role::Consumable(Consumable::Stain)),
    ("wood stain", "stain", Role::Consumable(Consumable::Stain)),
    ("varnish", "", Role::Consumable(Consumable::Varnish)),
    ("lacquer", "varnish", Role::Consumable(Consumable::Varnish)),
    (
        "polyurethane",
        "varnish",
        Role::Consumable(Consumable::Varnish),
    ),
    (
        "mod podge",
        "sealant",
        Role::Consumable(Consumable::Sealant),
    ),
    ("sealant", "", Role::Consumable(Consumable::Sealant)),
    ("sealer", "sealant", Role::Consumable(Consumable::Sealant)),
    ("oil", "finishing wax", Role::Consumable(Consumable::Wax)),
    ("glue", "", Role::Consumable(Consumable::Glue)),
    ("wood glue", "glue", Role::Consumable(Consumable::Glue)),
    ("super glue", "glue", Role::Consumable(Consumable::Glue)),
    ("superglue", "glue", Role::Consumable(Consumable::Glue)),
    ("epoxy", "glue", Role::Consumable(Consumable::Glue)),
    ("adhesive", "glue", Role::Consumable(Consumable::Glue)),
    ("hot glue", "glue", Role::Consumable(Consumable::HotGlue)),
    ("glue stick", "glue", Role::Consumable(Consumable::HotGlue)),
    ("screw", "", Role::Consumable(Consumable::Screw)),
    ("wood screw", "screw", Role::Consumable(Consumable::Screw)),
    ("bolt", "screw", Role::Consumable(Consumable::Screw)),
    ("nut", "screw", Role::Consumable(Consumable::Screw)),
    ("washer", "screw", Role::Consumable(Consumable::Screw)),
    ("staple", "screw", Role::Consumable(Consumable::Screw)),
    ("pin", "nail", Role::Consumable(Consumable::Nail)),
    ("tack", "nail", Role::Consumable(Consumable::Nail)),
    ("soap", "", Role::Consumable(Consumable::Cleaner)),
    ("detergent", "soap", Role::Consumable(Consumable::Cleaner)),
    ("vinegar", "soap", Role::Consumable(Consumable::Cleaner)),
    ("alcohol", "soap", Role::Consumable(Consumable::Cleaner)),
    (
        "rubbing alcohol",
        "soap",
        Role::Consumable(Consumable::Cleaner),
    ),
    ("warm water", "water", Role::Consumable(Consumable::Water)),
    ("soapy water", "water", Role::Consumable(Consumable::Water)),
    ("kit", "", Role::Shape(None)),
    ("pack", "", Role::Shape(None)),
    // "soy wax flakes", "clay pellets": the material, in that form.
    ("flake", "", Role::Shape(None)),
    ("pellet", "", Role::Shape(None)),
    ("granule", "", Role::Shape(None)),
    // Wax is poured into candles and stays: a fill. Rubbed onto a part it
    // is a finish (see `ops::apply`).
    ("wax", "", Role::Fill(M::Wax, "#efe4c8")),
    ("beeswax", "wax", Role::Fill(M::Wax, "#efe4c8")),
    ("paraffin", "wax", Role::Fill(M::Wax, "#efe4c8")),
    ("finishing wax", "", Role::Consumable(Consumable::Wax)),
    (
        "furniture wax",
        "finishing wax",
        Role::Consumable(Consumable::Wax),
    ),
    (
        "paste wax",
        "finishing wax",
        Role::Consumable(Consumable::Wax),
    ),
    ("glitter", "", Role::Consumable(Consumable::Other)),
    // Features of a part
    ("side", "", Role::Feature),
    ("top", "", Role::Feature),
    ("bottom", "", Role::Feature),
    ("base", "", Role::Feature),
    ("edge", "", Role::Feature),
    ("rim", "", Role::Feature),
    ("lip", "", Role::Feature),
    ("neck", "", Role::Feature),
    ("neckline", "", Role::Feature),
    ("collar", "", Role::Feature),
    ("sleeve", "", Role::Feature),
    // A terminal is always something's: a battery's, a motor's, an LED's.
    ("terminal", "", Role::Feature),
    ("hem", "", Role::Feature),
    ("seam", "", Role::Feature),
    // A cut made in a part is a place on it.
    ("miter cut", "", Role::Feature),
    ("mitre cut", "miter cut", Role::Feature),
    // Stitches and knitted rows are how a piece is made, not parts of it.
    ("stitch", "", Role::Feature),
    ("stockinette stitch", "stitch", Role::Feature),
    ("garter stitch", "stitch", Role::Feature),
    ("shoulder", "", Role::Feature),
    ("hole", "", Role::Feature),
    ("marking", "", Role::Feature),
    ("spot", "", Role::Feature),
    ("slit", "", Role::Feature),
    ("slot", "", Role::Feature),
    ("notch", "", Role::Feature),
    ("groove", "", Role::Feature),
    ("opening", "", Role::Feature),
    ("mouth", "", Role::Feature),
    ("center", "", Role::Feature),
    ("centre", "", Role::Feature),
    ("middle", "", Role::Feature),
    ("inside", "", Role::Feature),
    ("outside", "", Role::Feature),
    ("interior", "", Role::Feature),
    ("exterior", "", Role::Feature),
    ("surface", "", Role::Feature),
    ("face", "", Role::Feature),
    ("front", "", Role::Feature),
    ("end grain", "", Role::Feature),
    ("wood grain", "", Role::Feature),
    ("back", "", Role::Feature),
    ("end", "", Role::Feature),
    ("corner", "", Role::Feature),
    ("tip", "", Role::Feature),
    ("shaft", "", Role::Feature),
    ("spindle", "", Role::Feature),
    ("flap", "", Role::Feature),
    ("tread", "", Role::Feature),
    ("sidewall", "", Role::Feature),
    ("wall", "", Role::Environment),
    ("mark", "", Role::Feature),
    ("line", "", Role::Feature),
    ("fringe", "", Role::Feature),
    ("knot", "", Role::Feature),
    ("loop", "", Role::Feature),
    ("splinter", "", Role::Feature),
    ("residue", "", Role::Feature),
    ("seat", "", Role::Feature),
    // Places on a part's shape: "in the cleft between the two humps".
    ("cleft", "", Role::Feature),
    ("perimeter", "", Role::Feature),
    ("tail", "", Role::Feature),
    ("circumference", "", Role::Feature),
    ("outline", "", Role::Feature),
    ("gap", "", Role::Feature),
    ("crease", "", Role::Feature),
    ("hump", "", Role::Feature),
    ("dent", "", Role::Feature),
    ("recess", "", Role::Feature),
    ("hollow", "", Role::Feature),
    ("cavity", "", Role::Feature),
    ("incision", "", Role::Feature),
    ("root", "", Role::Feature),
    ("head", "", Role::Feature),
    ("tug", "", Role::Abstract),
    ("stem", "", Role::Feature),
    // A leaf in a craft is a thing of its own: a real leaf, a clay or
    // paper one; WordNet draws it as a plant part.
    ("lining", "", Role::Feature),
    // Pieces
    ("piece", "", Role::Shape(None)),
    ("section", "", Role::Shape(None)),
    ("part", "", Role::Shape(None)),
    ("half", "", Role::Shape(None)),
    ("quarter", "", Role::Shape(None)),
    ("third", "", Role::Shape(None)),
    ("length", "", Role::Shape(None)),
    ("offcut", "", Role::Shape(None)),
    ("scrap", "", Role::Shape(None)),
    ("bit", "", Role::Shape(None)),
    ("strip", "", Role::Shape(None)),
    ("stripe", "", Role::Shape(None)),
    ("row", "", Role::Shape(None)),
    ("layer", "", Role::Shape(None)),
    ("coat", "", Role::Shape(None)),
    // "a cardboard roll", "the toilet paper roll": a tube of the material.
    ("roll", "", Role::Shape(Some(K::Tube))),
    ("handful", "", Role::Shape(None)),
    ("pair", "", Role::Shape(None)),
    ("set", "", Role::Shape(None)),
    ("circle", "", Role::Shape(Some(K::Disc))),
    ("heart", "", Role::Shape(None)),
    ("star", "", Role::Shape(None)),
    ("round", "", Role::Shape(Some(K::Disc))),
    ("square", "", Role::Shape(Some(K::Board))),
    ("rectangle", "", Role::Shape(Some(K::Board))),
    ("triangle", "", Role::Shape(Some(K::Board))),
    ("panel", "", Role::Shape(Some(K::Board))),
    ("scoop", "", Role::Feature),
    // Around the build
    ("table", "", Role::Environment),
    ("floor", "", Role::Environment),
    ("ground", "", Role::Environment),
    ("workbench", "", Role::Environment),
    // Appliances that work on the build but are never part of it.
    ("iron", "", Role::Environment),
    ("microwave", "", Role::Environment),
    ("stove", "", Role::Environment),
    ("bench", "", Role::Environment),
    ("work surface", "", Role::Environment),
    ("work station", "", Role::Environment),
    ("ironing board", "", Role::Environment),
    ("workstation", "", Role::Environment),
    ("work area", "", Role::Environment),
    ("workspace", "", Role::Environment),
    ("serger", "needle", Role::Tool(Tool::Needle)),
    ("window", "", Role::Environment),
    ("windowsill", "", Role::Environment),
    ("sink", "", Role::Environment),
    ("freezer", "", Role::Environment),
    ("oven", "", Role::Environment),
    ("sun", "", Role::Environment),
    ("kitchen", "", Role::Environment),
    ("garden", "", Role::Environment),
    ("balcony", "", Role::Environment),
    ("fence", "", Role::Environment),
    ("tree", "", Role::Environment),
    ("ceiling", "", Role::Environment),
    ("room", "", Role::Environment),
    ("newspaper sheet", "", Role::Environment),
    ("outlet", "", Role::Environment),
    ("stud", "", Role::Environment),
    // Not things
    ("time", "", Role::Abstract),
    ("hour", "", Role::Abstract),
    ("minute", "", Role::Abstract),
    ("day", "", Role::Abstract),
    ("night", "", Role::Abstract),
    ("pattern", "", Role::Abstract),
    ("design", "", Role::Abstract),
    ("shape", "", Role::Abstract),
    ("size", "", Role::Abstract),
    ("height", "", Role::Abstract),
    ("width", "", Role::Abstract),
    ("angle", "", Role::Abstract),
    ("way", "", Role::Abstract),
    ("place", "", Role::Abstract),
    ("position", "", Role::Abstract),
    ("decoration", "", Role::Abstract),
    ("finish", "", Role::Abstract),
    ("look", "", Role::Abstract),
    ("color", "", Role::Abstract),
    ("colour", "", Role::Abstract),
    ("star", "", Role::Abstract),
    ("honeycomb", "", Role::Abstract),
    ("drainage", "", Role::Abstract),
    ("direction", "", Role::Abstract),
    ("distance", "", Role::Abstract),
    ("gap", "", Role::Abstract),
    ("space", "", Role::Abstract),
    ("amount", "", Role::Abstract),
    ("mess", "", Role::Abstract),
    ("dust", "", Role::Abstract),
    ("dirt", "", Role::Abstract),
    ("grime", "", Role::Abstract),
    ("overhang", "", Role::Feature),
    ("excess", "", Role::Feature),
    ("oval", "", Role::Shape(Some(K::Disc))),
    ("cluster", "", Role::Abstract),
    ("bunch", "", Role::Shape(None)),
    ("bow", "", Role::Feature),
    // A blade in a build is a fan's or a propeller's; a blade that cuts is
    // named with its tool.
    (
        "blade",
        "",
        part(K::Sheet, M::Metal, [4.0, 0.2, 10.0], "#b8bcc2"),
    ),
    ("razor blade", "knife", Role::Tool(Tool::Knife)),
    ("saw blade", "saw", Role::Tool(Tool::Saw)),
    ("knife blade", "knife", Role::Tool(Tool::Knife)),
    ("cutting blade", "knife", Role::Tool(Tool::Knife)),
    ("utility blade", "knife", Role::Tool(Tool::Knife)),
    ("craft blade", "knife", Role::Tool(Tool::Knife)),
    ("centimeter", "", Role::Abstract),
    ("centimetre", "", Role::Abstract),
    ("inch", "", Role::Abstract),
    ("bubble", "", Role::Abstract),
    ("wrinkle", "", Role::Abstract),
    ("crack", "", Role::Abstract),
    ("instructions", "", Role::Abstract),
    ("glove", "", Role::Abstract),
    ("safety glasses", "", Role::Abstract),
    ("goggles", "", Role::Abstract),
    ("mask", "", Role::Abstract),
    ("project", "", Role::Abstract),
    ("thing", "", Role::Abstract),
    ("everything", "", Role::Abstract),
    ("material", "", Role::Abstract),
    ("supply", "", Role::Abstract),
    ("tool", "", Role::Abstract),
    ("item", "", Role::Abstract),
    ("step", "", Role::Abstract),
    ("instruction", "", Role::Abstract),
    ("measurement", "", Role::Abstract),
];

/// Parts that other parts are made of: a mention of a component while its
/// whole is in view names the whole ("the second row of slats" of a pallet).
const COMPONENTS: &[(&str, &[&str])] = &[
    (
        "pallet",
        &["slat", "board", "plank", "stringer", "block", "deck"],
    ),
    ("crate", &["slat", "board", "plank", "panel"]),
    ("box", &["flap", "panel", "lid"]),
    ("carton", &["flap", "spout", "cap"]),
    ("bottle", &["cap", "label", "neck"]),
    ("can", &["label", "lid"]),
    ("jar", &["label"]),
    ("shirt", &["sleeve", "strip", "hem"]),
    ("tire", &["rim", "wheel"]),
    ("movement", &["shaft", "nut"]),
    ("socket", &["nut", "switch"]),
];

/// Looks up the longest lexicon entry that ends at the last word of
/// `words` (singular, lower-case). Returns the entry and how many of the
/// trailing words it used.
///
/// Nouns the hand lexicon does not know are looked up in WordNet (see
/// [`crate::wordnet`]): a physical thing there becomes a part (or a fill)
/// with WordNet's kind, material and size, so "tank", "hanger" or "felt"
/// are drawn as what they are rather than as generic blocks.
pub fn lookup_tail(words: &[String]) -> Option<(Noun, usize)> {
    let max = words.len().min(4);
    let tail = |n: usize| {
        let phrase = words[words.len() - n..].join(" ");
        lookup(&phrase).map(|noun| (noun, n))
    };
    // "sand paper", "card board", "tooth pick": a closed compound written
    // as two words.
    let joined = || {
        let [.., a, b] = words else {
            return None;
        };
        lookup(&format!("{a}{b}")).map(|noun| (noun, 2))
    };
    (2..=max)
        .rev()
        .find_map(tail)
        .or_else(joined)
        .or_else(|| (max >= 1).then(|| tail(1)).flatten())
        .or_else(|| {
            (1..=max.min(3)).rev().find_map(|n| {
                let phrase = words[words.len() - n..].join(" ");
                wordnet_noun(&phrase).map(|noun| (noun, n))
            })
        })
        .or_else(|| compound(words.last()?).map(|noun| (noun, 1)))
}

/// "pinboard", "corkboard", "armhole": a closed compound that no table
/// knows, named by a part or feature noun it ends in (at least four letters, after a
/// first word of at least three).
fn compound(word: &str) -> Option<Noun> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    // A word WordNet or the verb table knows ("centering") is no compound.
    if chars.len() < 7
        || !word.chars().all(|c| c.is_ascii_alphabetic())
        || crate::wordnet::pos(word).is_some()
        || crate::verbs::verb(word).is_some()
    {
        return None;
    }
    (3..=chars.len() - 4).find_map(|i| {
        // "template" is no "tem" + "plate": the first part must be a word.
        let head = &word[..chars[i].0];
        let known = |w: &str| {
            lookup(w).is_some()
                || crate::wordnet::noun(w).is_some()
                || crate::wordnet::pos(w).is_some()
                || crate::wordnet::is_abstract(w)
        };
        if !known(head) {
            return None;
        }
        let tail = &word[chars[i].0..];
        lookup(tail).filter(|n| matches!(n.role, Role::Part(_) | Role::Fill(..) | Role::Feature))
    })
}

/// A tool or surroundings word as the physical thing it is, for when the
/// text builds it in ("balance the wick between two pencils", "build the
/// walls").
pub fn built_in_part(words: &[String]) -> Option<Noun> {
    let last = words.last()?;
    let noun = lookup(last)?;
    // Most hand tools that get built in are sticks of some kind (pencils,
    // skewers, chopsticks); WordNet's shape wins where it has one.
    let stick = Role::Part(PartDefaults {
        kind: PartKind::Cylinder,
        material: Material::Wood,
        size: [0.8, 18.0, 0.8],
        color: "#e8b04a",
    });
    Some(Noun {
        role: wordnet_noun(last)
            .filter(|n| matches!(n.role, Role::Part(_)))
            .map_or(stick, |n| n.role),
        ..noun
    })
}

/// A WordNet noun as a lexicon entry.
fn wordnet_noun(phrase: &str) -> Option<Noun> {
    let (lemma, sense) = crate::wordnet::noun_entry(phrase)?;
    let role = match sense.kind {
        PartKind::Fill => Role::Fill(sense.material, material_color(sense.material)),
        kind => Role::Part(PartDefaults {
            kind,
            material: sense.material,
            size: sense.size,
            color: material_color(sense.material),
        }),
    };
    Some(Noun {
        phrase: lemma,
        canonical: lemma.rsplit(' ').next().unwrap_or(lemma),
        role,
    })
}

/// A colour that reads as the material, for parts whose text names none.
pub fn material_color(material: Material) -> &'static str {
    match material {
        Material::Plastic => "#d9dde2",
        Material::Glass => "#cfe3e6",
        Material::Metal => "#a7abb0",
        Material::Wood => "#c19a6b",
        Material::Cardboard => "#c8a67a",
        Material::Paper => "#f2efe6",
        Material::Fabric => "#b7a99a",
        Material::Rubber => "#3b3b3b",
        Material::Ceramic => "#c8775a",
        Material::Cork => "#b98c5a",
        Material::Foam => "#f4f4f0",
        Material::Soil => "#5b4030",
        Material::Stone => "#9a9a94",
        Material::Water => "#9cc7e0",
        Material::Seed => "#c9a86b",
        Material::Plant => "#5f8f4e",
        Material::Wax => "#efe4c8",
        Material::Fibre => "#efeae0",
        Material::Other => "#b9a58a",
    }
}

/// Looks up one phrase exactly.
pub fn lookup(phrase: &str) -> Option<Noun> {
    INDEX
        .get(phrase)
        .and_then(|&i| ENTRIES.get(i))
        .map(|&(phrase, canonical, role)| Noun {
            phrase,
            canonical: if canonical.is_empty() {
                phrase.rsplit(' ').next().unwrap_or(phrase)
            } else {
                canonical
            },
            role,
        })
}

/// Nouns that, before "of", give the form a material comes in ("a sheet
/// of foam", "a ball of yarn") rather than a part of their own.
pub fn is_form(noun: &str) -> bool {
    matches!(noun, "sheet" | "ball" | "pad" | "block" | "slab")
}

/// Whether `component` is known to be a part of a `whole`.
pub fn is_component_of(component: &str, whole: &str) -> bool {
    COMPONENTS
        .iter()
        .any(|(w, parts)| *w == whole && parts.contains(&component))
}

/// Whether a noun is known to be a component of some larger part.
pub fn is_component(component: &str) -> bool {
    COMPONENTS
        .iter()
        .any(|(_, parts)| parts.contains(&component))
}

/// Parts that hold a fill.
pub fn is_container(kind: PartKind) -> bool {
    matches!(
        kind,
        PartKind::Box
            | PartKind::Crate
            | PartKind::Can
            | PartKind::Bottle
            | PartKind::Jar
            | PartKind::Tube
            | PartKind::Pipe
            | PartKind::Tire
            | PartKind::Cylinder
    )
}

/// Kinds that one word may loosely stand for ("the board" after "a plank").
/// Catch-all kinds (hardware, generic) never stand for each other.
pub fn same_family(a: PartKind, b: PartKind) -> bool {
    use PartKind::*;
    let family = |k: PartKind| match k {
        Board | Plank | Slat => 1,
        Tube | Pipe => 2,
        _ => 0,
    };
    family(a) != 0 && family(a) == family(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn longest_tail_wins() {
        let (noun, used) = lookup_tail(&words("2-liter soda bottle")).unwrap();
        assert_eq!((noun.canonical, used), ("bottle", 2));
        let (noun, _) = lookup_tail(&words("glass jar lid")).unwrap();
        assert_eq!(noun.canonical, "lid");
        let (noun, _) = lookup_tail(&words("old car tire")).unwrap();
        assert_eq!(noun.canonical, "tire");
    }

    #[test]
    fn roles_distinguish_parts_from_tools_and_features() {
        assert!(matches!(
            lookup("craft knife").unwrap().role,
            Role::Tool(Tool::Knife)
        ));
        assert!(matches!(lookup("edge").unwrap().role, Role::Feature));
        assert!(matches!(
            lookup("potting soil").unwrap().role,
            Role::Fill(Material::Soil, _)
        ));
        assert!(matches!(
            lookup("circle").unwrap().role,
            Role::Shape(Some(PartKind::Disc))
        ));
    }

    #[test]
    fn entries_are_unique_for_parts() {
        let mut seen = std::collections::BTreeSet::new();
        for (phrase, _, role) in ENTRIES {
            if matches!(role, Role::Part(_) | Role::Fill(..)) {
                assert!(seen.insert(*phrase), "duplicate entry {phrase}");
            }
        }
    }

    #[test]
    fn components_belong_to_wholes() {
        assert!(is_component_of("slat", "pallet"));
        assert!(!is_component_of("slat", "bottle"));
    }
}
