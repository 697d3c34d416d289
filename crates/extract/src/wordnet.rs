//! A general English noun knowledge base, parts of speech and irregular
//! inflections, from Princeton WordNet 3.0.
//!
//! The extractor's hand lexicon ([`crate::lexicon`]) knows the common craft
//! nouns in detail; this module answers for the tens of thousands it does
//! not ("tank", "hanger", "burlap", "pinecone"...) with a part kind, a
//! material and a typical size, so an unknown noun need not become a
//! generic cube. It also tells which words can be verbs, adjectives or
//! adverbs (with SemCor frequencies as a prior for the tagger) and the
//! lemmas of irregular forms ("leaves" -> "leaf", "bent" -> "bend").
//!
//! # Data
//!
//! The tables in `crates/extract/data/` are generated from WordNet 3.0 (the
//! Debian package `wordnet-base`, `/usr/share/wordnet/`) by
//! `scripts/wordnet/generate.py`, which documents the mapping from synsets to
//! kinds, materials and sizes, and are committed: nothing is downloaded at
//! build or run time. To regenerate them:
//!
//! ```text
//! apt-get install -y wordnet-base
//! python3 scripts/wordnet/generate.py
//! ```
//!
//! - `nouns.tsv`: `lemma<TAB>kind<TAB>material<TAB>w,h,d`
//! - `pos.tsv`: `word<TAB>n=COUNT,v=COUNT,a=COUNT,r=COUNT`
//! - `exceptions.tsv`: `inflected<TAB>pos<TAB>lemma`
//! - `abstract.tsv`: `word`, one per line: nouns that name no physical thing
//! - `people.tsv`: `word`, one per line: nouns that name a person
//! - `other_nouns.tsv`: `word`, one per line: every other single-word noun,
//!   known only as a word (for the typo check)
//!
//! # Licence
//!
//! WordNet 3.0 Copyright 2006 by Princeton University, under the WordNet 3.0
//! licence, whose full text is in `crates/extract/data/LICENSE-WordNet` and
//! must travel with the tables.
//!
//! Each table is parsed once, on first use; malformed lines are skipped.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use plan::model::{Material, PartKind};

const NOUNS: &str = include_str!("../data/nouns.tsv");
const POS: &str = include_str!("../data/pos.tsv");
const EXCEPTIONS: &str = include_str!("../data/exceptions.tsv");
const ABSTRACT: &str = include_str!("../data/abstract.tsv");
const PEOPLE: &str = include_str!("../data/people.tsv");
const OTHER_NOUNS: &str = include_str!("../data/other_nouns.tsv");

/// What a WordNet noun most likely names, for a maker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NounSense {
    pub kind: PartKind,
    pub material: Material,
    /// `[width, height, depth]` of one item, in cm.
    pub size: [f64; 3],
}

/// The parts of speech WordNet lists a word as, and how often the word was
/// tagged as each in the SemCor corpus (0 when listed but never tagged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PosCounts {
    pub noun: u32,
    pub verb: u32,
    pub adj: u32,
    pub adv: u32,
    pub is_noun: bool,
    pub is_verb: bool,
    pub is_adj: bool,
    pub is_adv: bool,
}

/// The noun a lemma names: its kind, material and typical size.
///
/// `lemma` is lower case and singular; multi-word lemmas have single spaces
/// ("tissue paper"). `None` when WordNet does not know the noun or it names
/// no physical thing a maker builds with (people, animals, abstractions,
/// weapons, vehicles...).
pub fn noun(lemma: &str) -> Option<NounSense> {
    NOUN_TABLE.get(normal(lemma).as_ref()).copied()
}

/// Like [`noun`], with the table's own spelling of the lemma, which lives
/// as long as the program (for entries that borrow their names).
pub fn noun_entry(lemma: &str) -> Option<(&'static str, NounSense)> {
    NOUN_TABLE
        .get_key_value(normal(lemma).as_ref())
        .map(|(k, v)| (*k, *v))
}

/// The parts of speech of a single word. `None` when WordNet lists the word
/// only as a noun or not at all.
pub fn pos(word: &str) -> Option<PosCounts> {
    POS_TABLE.get(normal(word).as_ref()).copied()
}

/// Whether a singular noun names no physical thing in any sense a maker
/// could mean ("procedure", "pressure", "speed"): its most frequent
/// WordNet sense is an abstraction and no other sense is a usable thing.
pub fn is_abstract(word: &str) -> bool {
    ABSTRACT_TABLE.contains(normal(word).as_ref())
}

/// Whether a singular noun names a person and nothing a maker builds with
/// ("child", "daughter", "neighbour"): its most frequent WordNet sense is a
/// person and no sense is a usable thing ("planter" is not listed).
pub fn is_person(word: &str) -> bool {
    PEOPLE_TABLE.contains(normal(word).as_ref())
}

/// Whether WordNet lists a single word as a noun in any sense, drawn or
/// not ("junction", "propane", "friend").
pub fn is_noun(word: &str) -> bool {
    let word = normal(word);
    NOUN_TABLE.contains_key(word.as_ref())
        || POS_TABLE.get(word.as_ref()).is_some_and(|p| p.is_noun)
        || ABSTRACT_TABLE.contains(word.as_ref())
        || PEOPLE_TABLE.contains(word.as_ref())
        || OTHER_NOUN_TABLE.contains(word.as_ref())
}

/// Irregular lemma of an inflected noun ("leaves" -> "leaf", "mice" ->
/// "mouse"), from WordNet's exception list. `None` for regular forms.
pub fn noun_lemma(word: &str) -> Option<&'static str> {
    EXCEPTION_TABLE.noun.get(normal(word).as_ref()).copied()
}

/// Irregular lemma of an inflected verb ("bent" -> "bend", "sewn" -> "sew"),
/// from WordNet's exception list; a verb whose past is its base form ("cut",
/// "put", "spread") is its own lemma. `None` for regular forms and for
/// words that are no verb.
pub fn verb_lemma(word: &str) -> Option<&'static str> {
    let word = normal(word);
    if let Some(lemma) = EXCEPTION_TABLE.verb.get(word.as_ref()) {
        return Some(lemma);
    }
    UNCHANGED_PAST
        .iter()
        .find(|&&verb| verb == word.as_ref())
        .copied()
}

/// Irregular lemma of a comparative or superlative ("better" -> "good",
/// "biggest" -> "big"), from WordNet's exception list.
pub fn adj_lemma(word: &str) -> Option<&'static str> {
    EXCEPTION_TABLE.adj.get(normal(word).as_ref()).copied()
}

/// Verbs whose past tense and past participle are spelled like the base
/// form. WordNet's exception list leaves them out (it lists only forms that
/// differ from the lemma).
const UNCHANGED_PAST: &[&str] = &[
    "bet",
    "broadcast",
    "burst",
    "cast",
    "cost",
    "cut",
    "fit",
    "forecast",
    "hit",
    "hurt",
    "knit",
    "let",
    "offset",
    "put",
    "quit",
    "read",
    "recast",
    "reset",
    "rid",
    "set",
    "shed",
    "shut",
    "slit",
    "split",
    "spread",
    "sublet",
    "thrust",
    "undercut",
    "upset",
    "wed",
    "wet",
];

/// Trimmed and lower-cased, borrowing when it already is.
fn normal(word: &str) -> Cow<'_, str> {
    let word = word.trim();
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

static NOUN_TABLE: LazyLock<HashMap<&'static str, NounSense>> =
    LazyLock::new(|| NOUNS.lines().filter_map(parse_noun).collect());

static POS_TABLE: LazyLock<HashMap<&'static str, PosCounts>> =
    LazyLock::new(|| POS.lines().filter_map(parse_pos).collect());

static ABSTRACT_TABLE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(ABSTRACT));

/// Whether WordNet knows the word at least as often as an adjective as a
/// noun ("empty", "plain"): a describing word, not a thing.
pub fn mostly_adjective(word: &str) -> bool {
    pos(word).is_some_and(|p| p.is_adj && p.adj >= p.noun)
}

/// A table of one word a line, as a set.
fn word_set(table: &'static str) -> HashSet<&'static str> {
    table
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
}

static PEOPLE_TABLE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(PEOPLE));

static OTHER_NOUN_TABLE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(OTHER_NOUNS));

struct Exceptions {
    noun: HashMap<&'static str, &'static str>,
    verb: HashMap<&'static str, &'static str>,
    adj: HashMap<&'static str, &'static str>,
}

static EXCEPTION_TABLE: LazyLock<Exceptions> = LazyLock::new(|| {
    let mut table = Exceptions {
        noun: HashMap::new(),
        verb: HashMap::new(),
        adj: HashMap::new(),
    };
    for (inflected, pos, lemma) in EXCEPTIONS.lines().filter_map(parse_exception) {
        let map = match pos {
            'n' => &mut table.noun,
            'v' => &mut table.verb,
            _ => &mut table.adj,
        };
        // The exception list gives the likelier lemma first.
        map.entry(inflected).or_insert(lemma);
    }
    table
});

fn parse_noun(line: &'static str) -> Option<(&'static str, NounSense)> {
    let mut cols = line.split('\t');
    let lemma = cols.next().filter(|l| !l.is_empty())?;
    let kind = parse_name(cols.next()?)?;
    let material = parse_name(cols.next()?)?;
    let mut dims = cols.next()?.split(',').map(|d| {
        d.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x > 0.0)
    });
    let size = [dims.next()??, dims.next()??, dims.next()??];
    if dims.next().is_some() || cols.next().is_some() {
        return None;
    }
    Some((
        lemma,
        NounSense {
            kind,
            material,
            size,
        },
    ))
}

/// A `PartKind` or `Material` from its snake_case serde name.
fn parse_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn parse_pos(line: &'static str) -> Option<(&'static str, PosCounts)> {
    let (word, counts) = line.split_once('\t')?;
    if word.is_empty() {
        return None;
    }
    let mut pos = PosCounts::default();
    for col in counts.split(',') {
        let (tag, count) = col.split_once('=')?;
        let count = count.parse::<u32>().ok()?;
        match tag {
            "n" => (pos.noun, pos.is_noun) = (count, true),
            "v" => (pos.verb, pos.is_verb) = (count, true),
            "a" => (pos.adj, pos.is_adj) = (count, true),
            "r" => (pos.adv, pos.is_adv) = (count, true),
            _ => return None,
        }
    }
    (pos.is_verb || pos.is_adj || pos.is_adv).then_some((word, pos))
}

fn parse_exception(line: &'static str) -> Option<(&'static str, char, &'static str)> {
    let mut cols = line.split('\t');
    let inflected = cols.next().filter(|w| !w.is_empty())?;
    let pos = match cols.next()? {
        "n" => 'n',
        "v" => 'v',
        "a" => 'a',
        _ => return None,
    };
    let lemma = cols.next().filter(|w| !w.is_empty())?;
    cols.next().is_none().then_some((inflected, pos, lemma))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Material as M;
    use PartKind as K;

    /// (noun, acceptable kinds, acceptable materials, range of the largest
    /// dimension in cm).
    type Expected = (
        &'static str,
        &'static [PartKind],
        &'static [Material],
        (f64, f64),
    );

    const CRAFT_NOUNS: &[Expected] = &[
        (
            "tank",
            &[K::Box, K::Cylinder],
            &[M::Metal, M::Plastic, M::Glass],
            (30.0, 200.0),
        ),
        ("monitor", &[K::Box], &[M::Plastic], (20.0, 100.0)),
        ("hanger", &[K::Wire], &[M::Metal], (20.0, 150.0)),
        ("coat hanger", &[K::Wire], &[M::Metal], (20.0, 150.0)),
        ("felt", &[K::Fabric], &[M::Fabric], (10.0, 150.0)),
        ("dowel", &[K::Cylinder], &[M::Wood], (20.0, 120.0)),
        ("burlap", &[K::Fabric], &[M::Fabric], (10.0, 150.0)),
        ("twine", &[K::String, K::Rope], &[M::Fibre], (50.0, 500.0)),
        ("pinecone", &[K::Cone], &[M::Wood, M::Plant], (4.0, 15.0)),
        ("jar", &[K::Jar], &[M::Glass], (8.0, 30.0)),
        ("bucket", &[K::Jar], &[M::Metal, M::Plastic], (15.0, 50.0)),
        (
            "tray",
            &[K::Box],
            &[M::Wood, M::Plastic, M::Metal],
            (20.0, 60.0),
        ),
        (
            "cushion",
            &[K::Cushion],
            &[M::Fabric, M::Foam],
            (25.0, 80.0),
        ),
        (
            "lampshade",
            &[K::Cone],
            &[M::Fabric, M::Paper],
            (15.0, 50.0),
        ),
        ("spool", &[K::Cylinder], &[M::Wood, M::Plastic], (2.0, 15.0)),
        (
            "ribbon",
            &[K::String, K::Fabric],
            &[M::Fabric],
            (30.0, 300.0),
        ),
        ("yarn", &[K::String], &[M::Fibre, M::Fabric], (50.0, 500.0)),
        (
            "cardboard",
            &[K::Sheet, K::Box],
            &[M::Cardboard],
            (20.0, 100.0),
        ),
        ("plywood", &[K::Board, K::Sheet], &[M::Wood], (30.0, 250.0)),
        ("styrofoam", &[K::Sheet, K::Box], &[M::Foam], (10.0, 100.0)),
        (
            "bead",
            &[K::Sphere],
            &[M::Wood, M::Glass, M::Plastic],
            (0.3, 3.0),
        ),
        (
            "button",
            &[K::Disc],
            &[M::Plastic, M::Metal, M::Wood],
            (0.8, 4.0),
        ),
        ("pebble", &[K::Sphere], &[M::Stone], (1.0, 6.0)),
        ("sand", &[K::Fill], &[M::Stone, M::Soil], (5.0, 50.0)),
        ("moss", &[K::Plant], &[M::Plant], (5.0, 40.0)),
        ("twig", &[K::Cylinder], &[M::Wood], (10.0, 60.0)),
        ("shelf", &[K::Board, K::Plank], &[M::Wood], (40.0, 150.0)),
        ("drawer", &[K::Box], &[M::Wood], (25.0, 80.0)),
        ("crate", &[K::Crate], &[M::Wood], (25.0, 80.0)),
        ("pot", &[K::Jar], &[M::Ceramic], (8.0, 40.0)),
        ("flowerpot", &[K::Jar], &[M::Ceramic], (8.0, 40.0)),
        (
            "vase",
            &[K::Jar, K::Bottle],
            &[M::Glass, M::Ceramic],
            (10.0, 50.0),
        ),
        ("candle", &[K::Lights], &[M::Wax], (5.0, 30.0)),
        (
            "bottle",
            &[K::Bottle],
            &[M::Glass, M::Plastic],
            (15.0, 40.0),
        ),
        ("can", &[K::Can], &[M::Metal], (8.0, 20.0)),
        (
            "pipe",
            &[K::Pipe, K::Tube],
            &[M::Plastic, M::Metal],
            (30.0, 300.0),
        ),
        ("plank", &[K::Plank, K::Board], &[M::Wood], (50.0, 250.0)),
        ("slat", &[K::Slat], &[M::Wood], (30.0, 150.0)),
        ("pallet", &[K::Pallet], &[M::Wood], (60.0, 150.0)),
        ("rope", &[K::Rope], &[M::Fibre], (100.0, 1000.0)),
        ("wire", &[K::Wire], &[M::Metal], (10.0, 200.0)),
        ("tire", &[K::Tire], &[M::Rubber], (30.0, 100.0)),
        ("hoop", &[K::Torus], &[M::Wood, M::Metal], (10.0, 60.0)),
        ("soil", &[K::Fill], &[M::Soil], (5.0, 50.0)),
        ("gravel", &[K::Fill], &[M::Stone], (5.0, 50.0)),
        ("water", &[K::Fill], &[M::Water], (5.0, 50.0)),
        ("seed", &[K::Fill], &[M::Seed], (5.0, 50.0)),
        ("leaf", &[K::Plant], &[M::Plant], (2.0, 30.0)),
        ("pillow", &[K::Cushion], &[M::Fabric], (25.0, 80.0)),
        ("hinge", &[K::Hardware], &[M::Metal], (2.0, 15.0)),
        ("bracket", &[K::Hardware], &[M::Metal], (5.0, 30.0)),
        ("clamp", &[K::Hardware], &[M::Metal], (5.0, 40.0)),
        ("lid", &[K::Lid], &[M::Metal, M::Plastic], (2.0, 30.0)),
        ("funnel", &[K::Cone], &[M::Plastic, M::Metal], (5.0, 30.0)),
        ("brick", &[K::Box], &[M::Ceramic, M::Stone], (15.0, 30.0)),
        ("tile", &[K::Sheet, K::Board], &[M::Ceramic], (5.0, 40.0)),
        ("cork", &[K::Cylinder], &[M::Cork], (1.5, 6.0)),
        ("mirror", &[K::Disc, K::Sheet], &[M::Glass], (10.0, 100.0)),
        ("towel", &[K::Fabric], &[M::Fabric], (30.0, 150.0)),
        ("canvas", &[K::Fabric], &[M::Fabric], (10.0, 150.0)),
        ("chain", &[K::Chain], &[M::Metal], (20.0, 200.0)),
        ("tissue paper", &[K::Paper], &[M::Paper], (15.0, 100.0)),
        ("tin can", &[K::Can], &[M::Metal], (8.0, 20.0)),
        ("wine bottle", &[K::Bottle], &[M::Glass], (15.0, 40.0)),
    ];

    #[test]
    fn craft_nouns_land_on_sensible_kinds_materials_and_sizes() {
        let mut wrong = Vec::new();
        for &(word, kinds, materials, (lo, hi)) in CRAFT_NOUNS {
            let Some(sense) = noun(word) else {
                wrong.push(format!("{word}: not found"));
                continue;
            };
            let largest = sense.size.iter().copied().fold(0.0, f64::max);
            if !kinds.contains(&sense.kind)
                || !materials.contains(&sense.material)
                || !(lo..=hi).contains(&largest)
            {
                wrong.push(format!("{word}: {sense:?}"));
            }
        }
        assert!(wrong.is_empty(), "unexpected senses:\n{}", wrong.join("\n"));
    }

    #[test]
    fn lookups_ignore_case_and_surrounding_space() {
        assert_eq!(noun(" Tank "), noun("tank"));
        assert!(noun("Tissue Paper").is_some());
        assert_eq!(pos("Drill"), pos("drill"));
    }

    #[test]
    fn words_wordnet_does_not_know_or_that_are_no_things() {
        // Not in WordNet: the hand lexicon knows them.
        assert_eq!(noun("thermocol"), None);
        assert_eq!(noun("patti"), None);
        // People, animals, abstractions and vehicles are no parts.
        for word in ["carpenter", "dog", "idea", "point", "way", "truck", "rifle"] {
            assert_eq!(noun(word), None, "{word}");
        }
        assert_eq!(noun(""), None);
        // People are known as people, and a word that also names a thing
        // a maker uses is not.
        for word in ["child", "daughter", "friend", "carpenter"] {
            assert!(is_person(word) && is_noun(word), "{word}");
        }
        for word in ["planter", "pitcher", "bottle", "idea"] {
            assert!(!is_person(word), "{word}");
        }
    }

    #[test]
    fn every_table_line_parses() {
        assert_eq!(NOUN_TABLE.len(), NOUNS.lines().count());
        assert_eq!(POS_TABLE.len(), POS.lines().count());
        assert_eq!(
            EXCEPTIONS.lines().filter_map(parse_exception).count(),
            EXCEPTIONS.lines().count()
        );
        for sense in NOUN_TABLE.values() {
            assert!(
                sense.size.iter().all(|&d| d > 0.0 && d < 1000.0),
                "{sense:?}"
            );
        }
    }

    #[test]
    fn malformed_lines_are_skipped() {
        for line in [
            "",
            "tank",
            "tank\tbox\tmetal",
            "tank\tbox\tmetal\t60,40",
            "tank\tbox\tmetal\t60,40,30,1",
            "tank\tbox\tmetal\t60,x,30",
            "tank\tbox\tmetal\t60,-1,30",
            "tank\tboxy\tmetal\t60,40,30",
            "tank\tbox\tunobtainium\t60,40,30",
            "\tbox\tmetal\t60,40,30",
            "tank\tbox\tmetal\t60,40,30\textra",
        ] {
            assert_eq!(parse_noun(line), None, "{line:?}");
        }
        assert!(parse_noun("tank\tbox\tmetal\t60,40.5,30").is_some());
        for line in [
            "",
            "drill",
            "drill\tv=x",
            "drill\tq=3",
            "drill\tn=3",
            "\tv=3",
        ] {
            assert_eq!(parse_pos(line), None, "{line:?}");
        }
        for line in [
            "",
            "bent\tv",
            "bent\tx\tbend",
            "bent\tv\t",
            "bent\tv\tbend\tx",
        ] {
            assert_eq!(parse_exception(line), None, "{line:?}");
        }
    }

    #[test]
    fn parts_of_speech() {
        let drill = pos("drill").expect("drill");
        assert!(drill.is_verb && drill.is_noun);
        assert!(drill.verb > 0);
        let glue = pos("glue").expect("glue");
        assert!(glue.is_verb && glue.is_noun);
        // WordNet lists "to bottle", but it is far more often a noun.
        if let Some(bottle) = pos("bottle") {
            assert!(bottle.is_noun && bottle.noun > bottle.verb, "{bottle:?}");
        }
        let green = pos("green").expect("green");
        assert!(green.is_adj && green.is_noun && !green.is_adv);
        let quickly = pos("quickly").expect("quickly");
        assert!(quickly.is_adv && !quickly.is_noun && !quickly.is_verb);
        // More often a verb than a noun in SemCor.
        let used = pos("use").expect("use");
        assert!(used.verb > used.noun, "{used:?}");
        // Only a noun.
        assert_eq!(pos("pinecone"), None);
        assert_eq!(pos("thermocol"), None);
    }

    #[test]
    fn irregular_lemmas() {
        assert_eq!(noun_lemma("leaves"), Some("leaf"));
        assert_eq!(noun_lemma("mice"), Some("mouse"));
        assert_eq!(noun_lemma("knives"), Some("knife"));
        assert_eq!(noun_lemma("shelves"), Some("shelf"));
        assert_eq!(noun_lemma("boxes"), None);
        assert_eq!(verb_lemma("bent"), Some("bend"));
        assert_eq!(verb_lemma("sewn"), Some("sew"));
        assert_eq!(verb_lemma("cut"), Some("cut"));
        assert_eq!(verb_lemma("cutting"), Some("cut"));
        assert_eq!(verb_lemma("spread"), Some("spread"));
        assert_eq!(verb_lemma("glued"), None);
        assert_eq!(verb_lemma("garden"), None);
        assert_eq!(adj_lemma("better"), Some("good"));
    }
}
