//! Small phrase builders: numbers, fractions, fill levels, part names and
//! the words for operations, tools, finishes and placements.
//!
//! Every phrase is lowercase at its start so that a prompt never opens a
//! line with a capitalised verb ("Paint ...") that a step title could also
//! be; prompts stay free of future step titles by construction.

use crate::model::{AttachMethod, BendShape, CutKeep, CutShape, FinishKind, Material, Relation};

/// "one" to "twelve", then digits.
pub fn number(n: u32) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// A naive English plural of a part name: the head noun (the last word, or
/// the word before " of ") gets an `s`, `es` or `ies`; names that already
/// end in `s` are taken as plural.
pub fn plural(name: &str) -> String {
    let (head, tail) = match name.find(" of ") {
        Some(i) => name.split_at(i),
        None => (name, ""),
    };
    let lower = head.to_ascii_lowercase();
    let head = if lower.ends_with('s') || head.is_empty() {
        head.to_string()
    } else if ["ch", "sh", "x", "z"].iter().any(|e| lower.ends_with(e)) {
        format!("{head}es")
    } else if lower.ends_with('y')
        && !lower
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c))
    {
        format!("{}ies", &head[..head.len() - 1])
    } else {
        format!("{head}s")
    };
    format!("{head}{tail}")
}

/// A part's name with its count: "potting soil", "four glass jars".
pub fn counted(name: &str, count: u32) -> String {
    if count <= 1 {
        name.to_string()
    } else {
        format!("{} {}", number(count), plural(name))
    }
}

const FRACTIONS: [(f64, &str); 5] = [
    (0.25, "quarter"),
    (1.0 / 3.0, "third"),
    (0.5, "half"),
    (2.0 / 3.0, "two thirds"),
    (0.75, "three quarters"),
];

/// A fraction as words when it is close to a common one ("two thirds"),
/// else as a percentage ("40%").
pub fn fraction(f: f64) -> String {
    FRACTIONS
        .iter()
        .find(|(v, _)| (f - v).abs() < 0.03)
        .map_or_else(
            || format!("{:.0}%", (f * 100.0).round()),
            |(_, w)| (*w).to_string(),
        )
}

/// How full a container is: "a third full", "two thirds full", "full to the
/// top", snapped to the nearest common fraction; `None` for a thin layer at
/// the bottom (below about a sixth), which callers phrase themselves.
pub fn level(level: f64) -> Option<&'static str> {
    const LEVELS: [(f64, &str); 6] = [
        (0.25, "a quarter full"),
        (1.0 / 3.0, "a third full"),
        (0.5, "half full"),
        (2.0 / 3.0, "two thirds full"),
        (0.75, "three quarters full"),
        (1.0, "full to the top"),
    ];
    if level < 0.175 {
        return None;
    }
    let mut best = LEVELS[0];
    for entry in LEVELS {
        if (level - entry.0).abs() < (level - best.0).abs() {
            best = entry;
        }
    }
    Some(best.1)
}

/// A length in centimetres: whole numbers from 10 cm up, one decimal below.
pub fn cm(value: f64) -> String {
    if value >= 10.0 {
        format!("{value:.0}")
    } else {
        let s = format!("{value:.1}");
        s.strip_suffix(".0").map_or(s.clone(), str::to_string)
    }
}

/// "about 10 cm wide and 16 cm tall".
pub fn size(size: [f64; 3]) -> String {
    format!("about {} cm wide and {} cm tall", cm(size[0]), cm(size[1]))
}

/// The material as a word; `None` for [`Material::Other`].
pub fn material(m: Material) -> Option<&'static str> {
    Some(match m {
        Material::Plastic => "plastic",
        Material::Glass => "glass",
        Material::Metal => "metal",
        Material::Wood => "wood",
        Material::Cardboard => "cardboard",
        Material::Paper => "paper",
        Material::Fabric => "fabric",
        Material::Rubber => "rubber",
        Material::Ceramic => "ceramic",
        Material::Cork => "cork",
        Material::Foam => "foam",
        Material::Soil => "soil",
        Material::Stone => "stone",
        Material::Water => "water",
        Material::Seed => "seed",
        Material::Plant => "living plant",
        Material::Wax => "wax",
        Material::Fibre => "natural fibre",
        Material::Other => return None,
    })
}

/// What a cut left: "cut in half, bottom half kept".
pub fn cut_state(keep: CutKeep, f: f64) -> String {
    let side = keep_word(keep);
    let part = fraction(f);
    match keep {
        CutKeep::Pieces if part == "half" => "cut in half, both halves kept".to_string(),
        CutKeep::Pieces => format!("cut into pieces, each {part} of the original length"),
        CutKeep::Shape => "with a shape cut out of it".to_string(),
        _ if part == "half" => format!("cut in half, {side} half kept"),
        _ => format!("cut down, only the {side} {part} kept"),
    }
}

/// The imperative of a cut: "cut the bottle in half and keep the bottom half".
pub fn cut_action(target: &str, keep: CutKeep, f: f64) -> String {
    let side = keep_word(keep);
    let part = fraction(f);
    match keep {
        CutKeep::Pieces if part == "half" => format!("cut {target} in half and keep both halves"),
        CutKeep::Pieces => {
            format!("cut {target} into pieces, each {part} of the original length")
        }
        CutKeep::Shape => format!("cut a shape out of {target}; it stays in one piece"),
        _ if part == "half" => format!("cut {target} in half and keep the {side} half"),
        _ => format!("cut {target} down and keep only the {side} {part}"),
    }
}

/// The shape as a noun: "heart", "strip".
pub fn shape_noun(shape: CutShape) -> &'static str {
    match shape {
        CutShape::Circle => "circle",
        CutShape::Square => "square",
        CutShape::Rectangle => "rectangle",
        CutShape::Triangle => "triangle",
        CutShape::Heart => "heart",
        CutShape::Star => "star",
        CutShape::Leaf => "leaf",
        CutShape::Diamond => "diamond",
        CutShape::Strip => "strip",
        CutShape::Petal => "petal",
    }
}

/// The imperative of cutting a shape out: "cut a heart out of the card".
pub fn cut_shape_action(target: &str, shape: CutShape) -> String {
    format!("cut a {} out of {target}", shape_noun(shape))
}

/// What cutting a shape out left: "cut out in the shape of a heart".
pub fn cut_shape_state(shape: CutShape) -> String {
    match shape {
        CutShape::Strip => "cut into a long narrow strip".to_string(),
        shape => format!("cut out in the shape of a {}", shape_noun(shape)),
    }
}

/// "in half", "in half twice", "in half three times".
fn folds_words(folds: u32) -> String {
    match folds {
        0 | 1 => "in half".to_string(),
        2 => "in half twice".to_string(),
        n => format!("in half {} times", number(n)),
    }
}

/// The imperative of a fold: "fold the felt in half".
pub fn fold_action(target: &str, folds: u32) -> String {
    format!("fold {target} {}", folds_words(folds))
}

/// What folds left: "folded in half", "folded in half twice, into quarters".
pub fn folded_state(folds: u32) -> String {
    let parts = match folds {
        2 => Some("quarters"),
        3 => Some("eighths"),
        _ => None,
    };
    match parts {
        Some(parts) => format!("folded {}, into {parts}", folds_words(folds)),
        None => format!("folded {}", folds_words(folds)),
    }
}

/// The imperative of a bend: "coil the wire into a spiral".
pub fn bend_action(target: &str, shape: BendShape) -> String {
    match shape {
        BendShape::Bend => format!("bend {target} into shape"),
        BendShape::Coil => format!("coil {target} into a spiral"),
        BendShape::Twist => format!("twist {target} tightly around itself"),
        BendShape::Loop => format!("bend {target} round into a loop"),
    }
}

/// What a bend left: "coiled into a flat spiral".
pub fn bent_state(shape: BendShape) -> &'static str {
    match shape {
        BendShape::Bend => "bent into shape, no longer straight",
        BendShape::Coil => "coiled into a flat spiral",
        BendShape::Twist => "twisted tightly around itself",
        BendShape::Loop => "bent round into a closed loop",
    }
}

/// How a part looks before a later bend: "still straight, not coiled yet".
pub fn not_bent(shape: BendShape) -> &'static str {
    match shape {
        BendShape::Bend => "still straight, not bent yet",
        BendShape::Coil => "still straight, not coiled yet",
        BendShape::Twist => "still straight, not twisted yet",
        BendShape::Loop => "still straight, not bent into a loop yet",
    }
}

fn keep_word(keep: CutKeep) -> &'static str {
    match keep {
        CutKeep::Bottom => "bottom",
        CutKeep::Top => "top",
        CutKeep::Left => "left",
        CutKeep::Right => "right",
        CutKeep::Pieces | CutKeep::Shape => "",
    }
}

/// "glue {part} to {to}"
pub fn attach_action(part: &str, to: &str, method: AttachMethod) -> String {
    match method {
        AttachMethod::Glue => format!("glue {part} to {to}"),
        AttachMethod::Screw => format!("screw {part} to {to}"),
        AttachMethod::Nail => format!("nail {part} to {to}"),
        AttachMethod::Tie => format!("tie {part} to {to}"),
        AttachMethod::Tape => format!("tape {part} to {to}"),
        AttachMethod::Clamp => format!("clamp {part} to {to}"),
        AttachMethod::Press => format!("press {part} firmly onto {to}"),
        AttachMethod::Sew => format!("sew {part} to {to}"),
    }
}

/// "glued to {to}"
pub fn attached_state(to: &str, method: AttachMethod) -> String {
    let verb = match method {
        AttachMethod::Glue => "glued",
        AttachMethod::Screw => "screwed",
        AttachMethod::Nail => "nailed",
        AttachMethod::Tie => "tied",
        AttachMethod::Tape => "taped",
        AttachMethod::Clamp => "clamped",
        AttachMethod::Press => "pressed onto",
        AttachMethod::Sew => "sewn",
    };
    if method == AttachMethod::Press {
        format!("{verb} {to}")
    } else {
        format!("{verb} to {to}")
    }
}

/// "sand {target} smooth"
pub fn finish_action(target: &str, finish: FinishKind) -> String {
    match finish {
        FinishKind::Sand => format!("sand {target} smooth"),
        FinishKind::Seal => format!("seal {target} with a clear sealant"),
        FinishKind::Varnish => format!("varnish {target}"),
        FinishKind::Wax => format!("wax {target}"),
        FinishKind::Polish => format!("polish {target}"),
        FinishKind::Clean => format!("clean {target}"),
    }
}

/// "sanded smooth", "varnished with a soft sheen"
pub fn finished(finish: FinishKind) -> &'static str {
    match finish {
        FinishKind::Sand => "sanded smooth",
        FinishKind::Seal => "sealed with a clear sealant",
        FinishKind::Varnish => "varnished with a soft sheen",
        FinishKind::Wax => "waxed",
        FinishKind::Polish => "polished",
        FinishKind::Clean => "cleaned",
    }
}

/// "not sanded yet"
pub fn not_finished(finish: FinishKind) -> &'static str {
    match finish {
        FinishKind::Sand => "edges still rough, not sanded yet",
        FinishKind::Seal => "not sealed yet",
        FinishKind::Varnish => "not varnished yet, no sheen",
        FinishKind::Wax => "not waxed yet",
        FinishKind::Polish => "not polished yet",
        FinishKind::Clean => "not cleaned yet",
    }
}

/// Where a part sits relative to `target` ("inside the bottle").
pub fn placement(relation: Relation, target: &str) -> String {
    match relation {
        Relation::On => format!("on {target}"),
        Relation::In => format!("inside {target}"),
        Relation::Under => format!("under {target}"),
        Relation::Beside => format!("beside {target}"),
        Relation::Left => format!("to the left of {target}"),
        Relation::Right => format!("to the right of {target}"),
        Relation::Behind => format!("behind {target}"),
        Relation::InFront => format!("in front of {target}"),
        Relation::Around => format!("wrapped around {target}"),
        Relation::AttachedTo => format!("fixed to {target}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_part_names() {
        assert_eq!(plural("glass jar"), "glass jars");
        assert_eq!(plural("wine box"), "wine boxes");
        assert_eq!(plural("battery"), "batteries");
        assert_eq!(plural("wooden tray"), "wooden trays");
        assert_eq!(plural("roll of tape"), "rolls of tape");
        assert_eq!(plural("fairy lights"), "fairy lights");
        assert_eq!(counted("cork", 4), "four corks");
        assert_eq!(counted("cork", 40), "40 corks");
    }

    #[test]
    fn fractions_and_levels_read_as_words() {
        assert_eq!(fraction(0.5), "half");
        assert_eq!(fraction(0.66), "two thirds");
        assert_eq!(fraction(0.4), "40%");
        assert_eq!(level(0.66), Some("two thirds full"));
        assert_eq!(level(0.3), Some("a third full"));
        assert_eq!(level(0.98), Some("full to the top"));
        assert_eq!(level(0.05), None);
        assert_eq!(cm(2.0), "2");
        assert_eq!(cm(2.5), "2.5");
        assert_eq!(cm(15.4), "15");
    }

    #[test]
    fn craft_operations_read_as_words() {
        assert_eq!(fold_action("the felt", 1), "fold the felt in half");
        assert_eq!(
            fold_action("the card", 3),
            "fold the card in half three times"
        );
        assert_eq!(folded_state(1), "folded in half");
        assert_eq!(folded_state(2), "folded in half twice, into quarters");
        assert_eq!(folded_state(5), "folded in half five times");
        assert_eq!(
            bend_action("the wire", BendShape::Coil),
            "coil the wire into a spiral"
        );
        assert_eq!(bent_state(BendShape::Coil), "coiled into a flat spiral");
        assert_eq!(
            cut_shape_action("the card", CutShape::Heart),
            "cut a heart out of the card"
        );
        assert_eq!(
            cut_shape_state(CutShape::Star),
            "cut out in the shape of a star"
        );
    }

    #[test]
    fn cuts_read_as_words() {
        assert_eq!(
            cut_state(CutKeep::Bottom, 0.5),
            "cut in half, bottom half kept"
        );
        assert_eq!(
            cut_state(CutKeep::Top, 2.0 / 3.0),
            "cut down, only the top two thirds kept"
        );
        assert_eq!(
            cut_action("the bottle", CutKeep::Bottom, 0.5),
            "cut the bottle in half and keep the bottom half"
        );
    }
}
