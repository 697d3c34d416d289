//! Verbs and the operations they stand for.

use plan::model::{AttachMethod, BendShape, FinishKind, Tool};

/// What a verb does to the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Cut,
    Paint {
        spray: bool,
    },
    Stain,
    Fill,
    Attach(AttachMethod),
    Drill {
        punch: bool,
    },
    Finish(FinishKind),
    Wrap,
    /// Wrap with what follows "with" ("cover the pad with fabric").
    Cover,
    Place,
    Remove,
    /// "apply a coat of varnish": what happens depends on what is applied.
    Apply,
    /// Acts on nothing that is drawn (let, wait, measure, hang, enjoy...).
    Other,
    /// "you need", "gather": lists materials.
    Need,
    /// Fold paper or fabric ("fold in half", "crease").
    Fold,
    /// Bend, coil or twist wire and strips.
    Bend(BendShape),
    /// A seam: "sew the felt to the pillow", "stitch the opening closed".
    Sew,
    /// "stuff the pillow with fibre fill".
    Stuff,
    /// "make a bow with satin ribbon", "build your walls": what is made
    /// comes into view, as the material it is made of.
    Make,
    /// "stir the cinnamon into the wax": what is mixed in stays in.
    Mix,
}

impl Verb {
    /// Verbs whose colour words after the object are the new colour.
    pub fn colours(self) -> bool {
        matches!(self, Verb::Paint { .. } | Verb::Stain | Verb::Apply)
    }

    /// Whether the verb asks for a change to be drawn: "use", "let",
    /// "you need" or "make" by themselves do not, so a clause with one of
    /// them that changes nothing is not a misreading.
    pub fn expects_change(self) -> bool {
        !matches!(self, Verb::Need | Verb::Other | Verb::Make | Verb::Mix)
    }

    /// Whether the verb builds: its unknown objects become generic parts.
    pub fn builds(self) -> bool {
        matches!(
            self,
            Verb::Place | Verb::Attach(_) | Verb::Wrap | Verb::Cover | Verb::Fill
        )
    }

    /// First words of two-word verbs ("spray paint", "hot glue").
    pub fn pairs(word: &str) -> bool {
        matches!(
            word,
            "spray" | "hot" | "hot-glue" | "screw" | "super" | "pop" | "zip"
        )
    }

    /// The tool a verb implies when the text names none.
    pub fn default_tool(self) -> Option<Tool> {
        match self {
            Verb::Paint { spray: true } => Some(Tool::SprayCan),
            Verb::Paint { spray: false } | Verb::Stain => Some(Tool::Brush),
            Verb::Attach(AttachMethod::Glue) => Some(Tool::Glue),
            Verb::Attach(AttachMethod::Screw) => Some(Tool::Screwdriver),
            Verb::Attach(AttachMethod::Nail) => Some(Tool::Hammer),
            Verb::Attach(AttachMethod::Sew) | Verb::Sew => Some(Tool::Needle),
            Verb::Attach(AttachMethod::Tape) => Some(Tool::Tape),
            Verb::Attach(AttachMethod::Clamp) => Some(Tool::Clamp),
            Verb::Drill { punch: false } => Some(Tool::Drill),
            Verb::Drill { punch: true } => Some(Tool::Hammer),
            Verb::Finish(FinishKind::Sand) => Some(Tool::Sandpaper),
            Verb::Finish(FinishKind::Varnish | FinishKind::Seal) => Some(Tool::Brush),
            _ => None,
        }
    }
}

/// Seeing, wanting and advising, in the base form: said about the build,
/// done to nothing in it ("you can see the pictures", "I recommend a PL
/// bulb").
fn perceiving(base: &str) -> bool {
    matches!(
        base,
        "see"
            | "notice"
            | "note"
            | "watch"
            | "look"
            | "show"
            | "hope"
            | "want"
            | "wish"
            | "know"
            | "learn"
            | "recommend"
            | "suggest"
            | "admire"
    )
}

/// Whether a verb in any form ("saw", "noticed", "hoping") sees, wants
/// or advises: what it names is no part of the build.
pub fn perceives(word: &str) -> bool {
    let base = crate::wordnet::verb_lemma(word).unwrap_or(word);
    perceiving(base)
        || ["ing", "ed", "s"]
            .iter()
            .any(|s| base.strip_suffix(s).is_some_and(perceiving))
}

/// The verb a word is, in any of its usual forms ("cut", "cutting", "glued").
pub fn verb(word: &str) -> Option<Verb> {
    // "took", "stuck", "hung", "laid": irregular forms, from WordNet.
    let irregular = || crate::wordnet::verb_lemma(word).and_then(base_verb);
    // "rebuild", "reattach", "repaint": done again is done; "pre-drill",
    // "re-glue": done first, or again, is done.
    let again = || {
        ["re-", "pre-", "re"]
            .iter()
            .filter_map(|p| word.strip_prefix(p))
            .filter(|rest| rest.len() >= 3)
            .find_map(|rest| base_verb(rest).or_else(|| verb_forms(rest)))
    };
    base_verb(word)
        .or_else(irregular)
        .or_else(|| verb_forms(word))
        .or_else(again)
}

/// "cutting", "glued", "ties": a regular form of a base verb.
fn verb_forms(word: &str) -> Option<Verb> {
    let stem = word
        .strip_suffix("ing")
        .or_else(|| word.strip_suffix("ed"))
        .or_else(|| word.strip_suffix('s'))?;
    base_verb(stem)
        .or_else(|| base_verb(&format!("{stem}e")))
        .or_else(|| {
            // "cutting" -> "cut", "gluing" handled above.
            let bytes = stem.as_bytes();
            let n = bytes.len();
            (n >= 2 && bytes[n - 1] == bytes[n - 2])
                .then(|| base_verb(&stem[..n - 1]))
                .flatten()
        })
}

fn base_verb(word: &str) -> Option<Verb> {
    use AttachMethod as A;
    use FinishKind as F;
    Some(match word {
        "cut" | "trim" | "saw" | "snip" | "slice" | "chop" | "carve" | "score" | "shorten"
        | "break" | "divide" | "split" | "whittle" | "round" => Verb::Cut,
        "paint" | "colour" | "color" | "dye" | "decorate" | "prime" | "stencil" | "adorn"
        | "embellish" | "ornament" => Verb::Paint { spray: false },
        "spray" | "spray-paint" => Verb::Paint { spray: true },
        "stain" => Verb::Stain,
        "fill" | "pour" | "scoop" | "refill" | "top" => Verb::Fill,
        "glue" | "stick" | "attach" | "join" | "connect" | "secure" | "hot-glue" | "affix"
        | "adhere" | "bond" | "superglue" | "solder" | "weld" | "fuse" | "paste" => {
            Verb::Attach(A::Glue)
        }
        "screw" | "fix" | "fasten" | "bolt" | "mount" | "rivet" => Verb::Attach(A::Screw),
        "nail" | "staple" | "tack" => Verb::Attach(A::Nail),
        "tie" | "knot" | "lace" | "string" | "wire" => Verb::Attach(A::Tie),
        "sew" | "stitch" | "hem" | "seam" | "topstitch" | "baste" | "whipstitch" | "backstitch"
        | "quilt" => Verb::Sew,
        "fold" | "crease" | "pleat" => Verb::Fold,
        "bend" | "curve" | "crimp" => Verb::Bend(BendShape::Bend),
        "coil" | "curl" | "spiral" | "roll" => Verb::Bend(BendShape::Coil),
        "twist" | "twirl" => Verb::Bend(BendShape::Twist),
        "stuff" | "pad" => Verb::Stuff,
        "tape" => Verb::Attach(A::Tape),
        "clamp" | "clip" => Verb::Attach(A::Clamp),
        "press" | "snap" | "clip-on" => Verb::Attach(A::Press),
        "drill" | "bore" => Verb::Drill { punch: false },
        "punch" | "poke" | "pierce" | "perforate" | "prick" => Verb::Drill { punch: true },
        "sand" | "smooth" | "file" | "sandpaper" | "deburr" => Verb::Finish(F::Sand),
        "seal" | "waterproof" => Verb::Finish(F::Seal),
        "varnish" | "lacquer" => Verb::Finish(F::Varnish),
        "wax" | "oil" => Verb::Finish(F::Wax),
        "polish" | "buff" => Verb::Finish(F::Polish),
        "clean" | "wash" | "rinse" | "wipe" | "scrub" | "soak" | "degrease" => {
            Verb::Finish(F::Clean)
        }
        "wrap" | "wind" | "weave" | "braid" | "loop" => Verb::Wrap,
        "cover" | "upholster" | "line" | "overlap" | "overlay" => Verb::Cover,
        "place" | "put" | "insert" | "plant" | "add" | "set" | "stand" | "lay" | "arrange"
        | "stack" | "slide" | "push" | "thread" | "fit" | "position" | "drop" | "nestle"
        | "sit" | "rest" | "center" | "centre" | "install" | "pop" | "tuck" | "feed" | "hook"
        | "hang" | "assemble" | "pin" | "slip" | "combine" | "layer" | "bury" | "pass" => {
            Verb::Place
        }
        "remove" | "peel" | "take" | "pull" | "discard" | "detach" | "unscrew" | "strip"
        | "empty" | "deflate" => Verb::Remove,
        "apply" | "give" | "brush" | "coat" | "rub" => Verb::Apply,
        "need" | "gather" | "collect" | "get" | "buy" | "find" | "prepare" => Verb::Need,
        "make" | "create" | "build" | "construct" | "form" => Verb::Make,
        // Knitting and crochet make the piece as they go.
        "knit" | "crochet" | "purl" | "cast" => Verb::Make,
        "mix" | "stir" => Verb::Mix,
        // Thinking about the build changes nothing in view.
        "decide" | "determine" | "plan" | "think" | "consider" | "imagine" | "figure"
        | "visualize" | "visualise" => Verb::Need,
        "look" | "run" | "go" | "pick" | "select" | "print" | "let" | "leave" | "wait" | "dry"
        | "freeze" | "heat" | "melt" | "mark" | "measure" | "draw" | "trace" | "flip" | "turn"
        | "repeat" | "enjoy" | "use" | "tighten" | "start" | "begin" | "continue" | "keep"
        | "choose" | "water" | "display" | "check" | "allow" | "open" | "close" | "shake"
        | "hold" | "load" | "plug" | "switch" | "light" | "fluff" | "finish" | "flatten"
        | "iron" | "soften" | "loosen" | "wear" | "store" | "move" | "show" | "be" | "done"
        | "ready" | "blow" | "inflate" | "dig" => Verb::Other,
        // "Admire your work" stays unknown, so that what it names is
        // listed as not understood.
        w if perceiving(w) && w != "admire" => Verb::Other,
        "ensure" | "remember" | "follow" | "test" | "try" | "straighten" | "squeeze" | "adjust" => {
            Verb::Other
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_map_to_one_operation() {
        assert_eq!(verb("cutting"), Some(Verb::Cut));
        assert_eq!(verb("glued"), Some(Verb::Attach(AttachMethod::Glue)));
        assert_eq!(verb("gluing"), Some(Verb::Attach(AttachMethod::Glue)));
        assert_eq!(verb("starting"), Some(Verb::Other));
        assert_eq!(verb("screws"), Some(Verb::Attach(AttachMethod::Screw)));
        assert_eq!(verb("bottle"), None);
    }

    #[test]
    fn verbs_imply_tools() {
        assert_eq!(
            Verb::Paint { spray: true }.default_tool(),
            Some(Tool::SprayCan)
        );
        assert_eq!(
            verb("sand").and_then(Verb::default_tool),
            Some(Tool::Sandpaper)
        );
    }
}
