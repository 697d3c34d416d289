//! Turns one clause into operations on parts.

use super::clause::{Clause, Phrase};
use super::color::ColorMatch;
use super::lexicon::{self, Consumable, Role};
use super::resolve::{Head, PartRegistry};
use super::verbs::Verb;
use super::words::Prep;
use plan::model::{
    AttachMethod, Color, CutKeep, FinishKind, Operation, PartId, PartKind, Relation, Tool,
};

/// Why an unknown verb did nothing, or only showed its object.
pub(crate) const UNKNOWN_VERB: &str = "unknown verb, nothing done";
pub(crate) const UNKNOWN_VERB_SHOWN: &str = "unknown verb: what it acts on is shown, unchanged";

/// Operations and tools gathered for one step.
#[derive(Default)]
pub struct StepOps {
    pub ops: Vec<Operation>,
    pub tools: Vec<Tool>,
    /// Tools named in the text, as opposed to implied by a verb.
    pub named_tools: bool,
    /// What was understood of the step, clause by clause.
    pub(crate) notes: super::reading::StepNotes,
    /// For every operation a clause asked for, the index of the step's
    /// operation that holds it (an operation asked for twice is kept once).
    pub(crate) asked: Vec<usize>,
}

const DEFAULT_PAINT: &str = "#e4572e";
const DEFAULT_STAIN: &str = "#8b5a2b";

/// Prepositions that say where a part goes, in order of preference.
const PLACING: [Prep; 14] = [
    Prep::Into,
    Prep::Inside,
    Prep::In,
    Prep::Onto,
    Prep::On,
    Prep::To,
    Prep::Under,
    Prep::Below,
    Prep::Through,
    Prep::At,
    Prep::Around,
    Prep::Over,
    Prep::Beside,
    Prep::Behind,
];

impl StepOps {
    pub(crate) fn push(&mut self, registry: &mut PartRegistry, op: Operation) {
        if let Operation::Remove { part } = &op {
            registry.present.retain(|p| p != part);
        } else {
            for id in op.parts() {
                if !registry.present.contains(id) {
                    registry.present.push(id.clone());
                }
            }
        }
        match self.ops.iter().position(|o| *o == op) {
            Some(i) => self.asked.push(i),
            None => {
                self.asked.push(self.ops.len());
                self.ops.push(op);
            }
        }
    }

    fn tool(&mut self, tool: Tool) {
        if !self.tools.contains(&tool) {
            self.tools.push(tool);
        }
    }
}

/// Reads one clause; `sentence` is every word of its sentence, for phrases
/// that span clauses ("... so you keep the bottom part").
pub fn apply_clause(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    sentence: &[String],
) {
    collect_tools(registry, out, clause);
    if clause.subordinate || clause.statement {
        // A purpose ("to make a handle") says why, not what to do; a
        // statement ("This gives the texture") says how things are.
        return;
    }
    let first_ask = out.asked.len();
    let focus_before = registry.focus.clone();
    let verb = read_clause(registry, out, clause, sentence);
    if registry.focus == focus_before {
        // "I took out the spring and glued it": what the clause brought
        // into view is what "it" means next.
        let shown = out
            .asked
            .get(first_ask..)
            .unwrap_or_default()
            .iter()
            .find_map(|&i| match out.ops.get(i) {
                Some(Operation::Add { part }) => Some(part.clone()),
                _ => None,
            });
        if shown.is_some() {
            registry.focus = shown;
        }
    }
    let mut notes = std::mem::take(&mut out.notes);
    notes.judge_clause(registry, out, clause, verb, first_ask);
    out.notes = notes;
}

/// Emits the clause's operations; answers the verb as it was acted on
/// (`None` when the clause has no verb the extractor knows).
fn read_clause(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    sentence: &[String],
) -> Option<Verb> {
    if clause.unknown_verb && !clause.statement {
        // "Crumple the tissue": what is done is not known, but what it is
        // done to is, and it is in the picture from now on. Only a thing
        // named as known ("the tissue", "your bottle"): "try: molded
        // mouthpiece for blowgun" points elsewhere.
        let definite = Clause {
            objects: clause
                .objects
                .iter()
                .filter(|o| o.definite)
                .cloned()
                .collect(),
            preps: Vec::new(),
            ..Clause::default()
        };
        let shown = handle(registry, out, &definite);
        if let Some(first) = shown.first() {
            registry.focus = Some(first.clone());
        }
        if let Some(word) = &clause.verb_word {
            let note = if shown.is_empty() {
                UNKNOWN_VERB
            } else {
                UNKNOWN_VERB_SHOWN
            };
            registry.note(word.clone(), note);
        }
        note_unknown_objects(registry, clause);
        return None;
    }
    let Some(verb) = clause.verb.filter(|_| !clause.unknown_verb) else {
        if !clause.statement {
            note_unknown_objects(registry, clause);
        }
        return None;
    };
    // "make five small holes": a hole made is a hole drilled.
    let makes_holes = matches!(verb, Verb::Other | Verb::Place | Verb::Cut)
        && clause.verb_word.as_deref() != Some("cut")
        && clause
            .objects
            .first()
            .and_then(|o| o.words.last())
            .is_some_and(|w| w == "hole");
    let verb = if makes_holes {
        Verb::Drill { punch: true }
    } else {
        verb
    };
    // "cut accordingly", "sand well", "fold twice": a change with nothing
    // named is done to the part in focus.
    if registry.focus.is_none() {
        registry.focus = registry.present.last().cloned();
    }
    let implied;
    let clause = if clause.objects.is_empty()
        && registry.focus.is_some()
        && matches!(
            verb,
            Verb::Cut
                | Verb::Paint { .. }
                | Verb::Stain
                | Verb::Drill { .. }
                | Verb::Finish(_)
                | Verb::Fold
                | Verb::Bend(_)
                | Verb::Cover
                | Verb::Wrap
        ) {
        implied = Clause {
            objects: vec![Phrase {
                pronoun: true,
                ..Phrase::default()
            }],
            ..clause.clone()
        };
        &implied
    } else {
        clause
    };
    let subjects = match verb {
        Verb::Cut => cut(registry, out, clause, sentence),
        // "decorate the bottle with a rope": trimmed with a part, not paint.
        Verb::Paint { .. }
            if clause
                .prep(Prep::With)
                .is_some_and(|p| matches!(registry.classify(p), Head::Thing(_))) =>
        {
            attach(registry, out, clause, AttachMethod::Glue)
        }
        Verb::Paint { .. } | Verb::Stain => paint(registry, out, clause, verb == Verb::Stain),
        Verb::Apply => apply(registry, out, clause),
        Verb::Fill => fill(registry, out, clause, None),
        Verb::Attach(method) => attach(registry, out, clause, method),
        Verb::Drill { .. } => drill(registry, out, clause),
        Verb::Finish(kind) => finish(registry, out, clause, kind),
        Verb::Wrap => wrap(registry, out, clause, false),
        Verb::Cover => wrap(registry, out, clause, true),
        Verb::Place => place(registry, out, clause),
        Verb::Remove => remove(registry, out, clause),
        Verb::Other => handle(registry, out, clause),
        Verb::Need => Vec::new(),
        Verb::Fold => super::crafts::fold(registry, out, clause),
        Verb::Bend(shape) => {
            if clause.prep(Prep::Around).is_some() {
                // "coil the rope around the tire" wraps.
                wrap(registry, out, clause, false)
            } else {
                super::crafts::bend(registry, out, clause, shape)
            }
        }
        Verb::Sew => {
            if clause.prep(Prep::Around).is_some() {
                wrap(registry, out, clause, false)
            } else {
                super::crafts::sew(registry, out, clause)
            }
        }
        Verb::Stuff => super::crafts::stuff(registry, out, clause),
    };
    if let Some(first) = subjects.first() {
        registry.focus = Some(first.clone());
    }
    if !out.named_tools {
        if let Some(tool) = verb.default_tool() {
            out.tool(tool);
        }
    }
    Some(verb)
}

/// Nothing is done to the clause's objects, but unknown nouns among them
/// are still listed.
fn note_unknown_objects(registry: &mut PartRegistry, clause: &Clause) {
    for phrase in &clause.objects {
        if matches!(registry.classify(phrase), Head::Unknown) {
            registry.note(phrase.name(), "unknown noun, not drawn");
        }
    }
}

fn collect_tools(registry: &PartRegistry, out: &mut StepOps, clause: &Clause) {
    let phrases = clause
        .objects
        .iter()
        .chain(clause.preps.iter().map(|(_, p)| p));
    for phrase in phrases {
        match registry.classify(phrase) {
            Head::Tool(tool) => {
                out.tool(tool);
                out.named_tools = true;
            }
            Head::Consumable(c, _) => {
                if let Some(tool) = c.tool() {
                    out.tool(tool);
                }
            }
            _ => {}
        }
    }
}

/// The parts a clause's objects name; ownerless features ("the top",
/// "the edges") belong to a part named elsewhere in the clause, else to the
/// part in focus.
pub(crate) fn subjects(registry: &mut PartRegistry, clause: &Clause, create: bool) -> Vec<PartId> {
    let mut out = Vec::new();
    for phrase in &clause.objects {
        let ids = if registry.is_ownerless(phrase) {
            owner_in_clause(registry, clause, create)
                .into_iter()
                .collect()
        } else {
            registry.resolve(phrase, create)
        };
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// The first part a clause's prepositional phrases name; else the part in
/// focus, taken at the bottom of its placement chain.
fn owner_in_clause(registry: &mut PartRegistry, clause: &Clause, create: bool) -> Option<PartId> {
    for (p, phrase) in &clause.preps {
        if matches!(p, Prep::With | Prep::Using) || registry.is_ownerless(phrase) {
            continue;
        }
        if let Head::Thing(_) | Head::Feature { owner: Some(_) } | Head::Piece { of: Some(_), .. } =
            registry.classify(phrase)
        {
            if let Some(id) = registry.resolve(phrase, create).into_iter().next() {
                return Some(id);
            }
        }
    }
    if registry.focus.is_none() && create {
        // "Cut a circle" with nothing in view: out of the sheet material
        // the list names (fabric, felt, paper, card).
        return listed_sheet(registry);
    }
    registry.focus.clone()
}

/// The first listed material that comes in sheets, made a part.
fn listed_sheet(registry: &mut PartRegistry) -> Option<PartId> {
    let words = registry.materials.iter().find_map(|m| {
        lexicon::lookup_tail(&m.words)
            .filter(|(n, _)| {
                matches!(
                    n.role,
                    Role::Part(d) if matches!(d.kind, PartKind::Sheet | PartKind::Fabric | PartKind::Paper)
                )
            })
            .map(|_| m.words.clone())
    })?;
    let phrase = Phrase {
        words: words.clone(),
        written: words,
        ..Phrase::default()
    };
    registry.resolve(&phrase, true).into_iter().next()
}

/// Where a clause puts its subjects: the relation and the target part.
pub(crate) fn target(
    registry: &mut PartRegistry,
    clause: &Clause,
    create: bool,
) -> Option<(Relation, PartId, bool)> {
    for p in PLACING {
        for (q, phrase) in clause.preps.iter().filter(|(q, _)| *q == p) {
            let feature = feature_word(registry, phrase);
            let id = if registry.is_ownerless(phrase) {
                registry.focus.as_ref().map(|f| registry.root(f))
            } else {
                registry.resolve(phrase, create).into_iter().next()
            };
            if let Some(id) = id {
                let relation = relation(registry, *q, feature.as_deref(), &id);
                return Some((relation, id, phrase.each));
            }
        }
    }
    // "push the spoons through", "put in a battery": a particle names a
    // place on the part in focus.
    let particle = clause.particles.iter().find(|p| PLACING.contains(p))?;
    let id = registry.focus.clone()?;
    Some((relation(registry, *particle, None, &id), id, false))
}

fn feature_word(registry: &PartRegistry, phrase: &Phrase) -> Option<String> {
    match registry.classify(phrase) {
        Head::Feature { .. } => phrase.words.last().cloned(),
        _ => None,
    }
}

fn relation(registry: &PartRegistry, prep: Prep, feature: Option<&str>, target: &str) -> Relation {
    let container = registry.kind(target).is_some_and(lexicon::is_container)
        || registry.kind(target) == Some(PartKind::Fill);
    match (prep, feature) {
        (_, Some("bottom" | "base" | "underside")) if !(container && prep != Prep::To) => {
            Relation::Under
        }
        (_, Some("bottom" | "base")) => Relation::In,
        (_, Some("top" | "lid" | "seat")) => Relation::On,
        (_, Some("back" | "side" | "front" | "end" | "edge")) => Relation::AttachedTo,
        (Prep::Into | Prep::Inside | Prep::In | Prep::At, _) if container => Relation::In,
        (Prep::Into | Prep::Inside | Prep::In, _) => Relation::In,
        (Prep::Onto | Prep::On | Prep::Over, _) => Relation::On,
        (Prep::Under | Prep::Below, _) => Relation::Under,
        (Prep::Around, _) => Relation::Around,
        (Prep::Beside, _) => Relation::Beside,
        (Prep::Behind, _) => Relation::Behind,
        _ => Relation::AttachedTo,
    }
}

/// Gives a part one copy per copy of its target ("a jar into each clamp").
fn match_count(registry: &mut PartRegistry, id: &str, target: &str, each: bool) {
    let target_count = registry.part(target).map_or(1, |p| p.count);
    if let Some(part) = registry.part_mut(id) {
        if each || (part.count == 1 && part.kind == PartKind::Fill) {
            part.count = target_count;
        }
    }
}

fn cut(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    sentence: &[String],
) -> Vec<PartId> {
    let mut parts = subjects(registry, clause, true);
    if parts.is_empty() {
        if let Some(phrase) = clause.prep(Prep::Off).or(clause.prep(Prep::From)) {
            parts = registry.resolve(phrase, true);
        }
    }
    if parts.is_empty() {
        parts = registry.focus.iter().cloned().collect();
    }
    let object = clause.objects.first().or(clause.prep(Prep::Off));
    let object_word = object.and_then(|o| o.words.last()).map(String::as_str);
    let object_head = object.map(|o| registry.classify(o));
    let off = clause.particles.contains(&Prep::Off) || clause.prep(Prep::Off).is_some();
    let says = |words: &[&str]| {
        sentence
            .windows(words.len())
            .any(|w| w.iter().zip(words).all(|(a, b)| a == b))
    };
    let kept_side = ["bottom", "top", "lower", "upper", "left", "right"]
        .into_iter()
        .find(|side| {
            sentence.windows(4).any(|w| {
                w[0].starts_with("keep") && (w[1] == *side || w[2] == *side || w[3] == *side)
            })
        });
    let strip_word = |w: &String| {
        matches!(
            w.as_str(),
            "strip" | "strips" | "slit" | "slits" | "notch" | "notches" | "fringe"
        )
    };
    let piece_word = |w: &String| {
        strip_word(w)
            || matches!(
                w.as_str(),
                "piece"
                    | "pieces"
                    | "half"
                    | "halves"
                    | "section"
                    | "sections"
                    | "length"
                    | "lengths"
            )
    };
    let strips_into_part = clause
        .prep(Prep::Into)
        .is_some_and(|into| !into.words.iter().any(piece_word))
        && sentence.iter().any(strip_word);
    let keep = match (kept_side, object_word, &object_head) {
        (Some("bottom" | "lower"), ..) => CutKeep::Bottom,
        (Some("top" | "upper"), ..) => CutKeep::Top,
        (Some("left"), ..) => CutKeep::Left,
        (Some("right"), ..) => CutKeep::Right,
        (_, Some("top"), _) if off => CutKeep::Bottom,
        (_, Some("bottom"), _) if off => CutKeep::Top,
        (_, _, Some(Head::Feature { .. })) => CutKeep::Shape,
        (
            _,
            _,
            Some(Head::Piece {
                of: Some(_),
                kind: Some(_),
            }),
        ) => CutKeep::Shape,
        // Strips cut *into* a part (a fringe along a hem) shape it; the
        // part is not divided.
        _ if strips_into_part => CutKeep::Shape,
        (_, Some("strip" | "piece" | "length" | "half" | "section"), _) => CutKeep::Pieces,
        _ if says(&["in", "half"]) || clause.prep(Prep::Into).is_some() => CutKeep::Pieces,
        _ if clause.has_word("to") || says(&["different", "heights"]) => CutKeep::Pieces,
        // A cut that names no side, half or height shapes the part.
        _ => CutKeep::Shape,
    };
    for id in &parts {
        let size = registry.part(id).map_or([1.0; 3], |p| p.size);
        let fraction = cut_fraction(clause, sentence, keep, size);
        if keep == CutKeep::Pieces && clause.has_words(&["in", "half"]) {
            if let Some(part) = registry.part_mut(id) {
                part.count = (part.count * 2).min(100);
            }
        }
        out.push(
            registry,
            Operation::Cut {
                part: id.clone(),
                keep,
                fraction,
                shape: None,
            },
        );
        if out.named_tools {
            continue;
        }
        let material = registry.part(id).map(|p| p.material);
        out.tool(match material {
            Some(plan::model::Material::Wood | plan::model::Material::Metal) => Tool::Saw,
            Some(
                plan::model::Material::Fabric
                | plan::model::Material::Paper
                | plan::model::Material::Cardboard
                | plan::model::Material::Fibre,
            ) => Tool::Scissors,
            _ => Tool::Knife,
        });
    }
    parts
}

fn cut_fraction(clause: &Clause, sentence: &[String], keep: CutKeep, size: [f64; 3]) -> f64 {
    if keep == CutKeep::Shape {
        return 1.0;
    }
    // "so it is 10 cm high", "into 15 cm pieces".
    for w in sentence.windows(3) {
        let (Ok(n), Some(factor)) = (w[0].parse::<f64>(), super::words::unit_cm(&w[1])) else {
            continue;
        };
        if factor <= 0.0 {
            continue;
        }
        let dim = match w[2].as_str() {
            "high" | "tall" | "deep" => size[1],
            "wide" => size[0],
            "long" | "piece" | "pieces" | "lengths" | "sections" => {
                size[0].max(size[1]).max(size[2])
            }
            _ => continue,
        };
        if dim > 0.0 {
            return (n * factor / dim).clamp(0.05, 1.0);
        }
    }
    if clause.has_words(&["two", "thirds"]) {
        0.67
    } else if clause.has_word("third") || clause.has_word("thirds") {
        0.33
    } else if clause.has_word("quarter") {
        0.25
    } else {
        0.5
    }
}

fn paint_color(registry: &PartRegistry, clause: &Clause, stain: bool) -> Color {
    let from_phrases = || {
        clause
            .objects
            .iter()
            .chain(clause.preps.iter().map(|(_, p)| p))
            .find_map(|p| registry.consumable(p).and_then(|(_, c)| c.first().cloned()))
    };
    let from_materials = || {
        let wanted = if stain { "stain" } else { "paint" };
        registry
            .materials
            .iter()
            .find(|m| m.canonical == wanted && m.color.is_some())
            .and_then(|m| m.color.clone())
    };
    clause
        .colors
        .first()
        .cloned()
        .or_else(from_phrases)
        .map(|c: ColorMatch| c.color)
        .or_else(from_materials)
        .unwrap_or_else(|| Color(if stain { DEFAULT_STAIN } else { DEFAULT_PAINT }.into()))
}

/// Parts in view that a whole-build finish or colour applies to.
fn all_solids(registry: &PartRegistry) -> Vec<PartId> {
    registry
        .present
        .iter()
        .filter(|id| {
            !matches!(
                registry.kind(id),
                Some(PartKind::Fill | PartKind::Plant | PartKind::Lights) | None
            )
        })
        .cloned()
        .collect()
}

/// Subjects of a clause that colours or finishes things: "all surfaces" or
/// no object at all means everything in view.
fn surface_subjects(registry: &mut PartRegistry, clause: &Clause) -> Vec<PartId> {
    let things: Vec<&Phrase> = clause
        .objects
        .iter()
        .filter(|p| registry.consumable(p).is_none())
        .collect();
    let everything = things.is_empty()
        || things
            .iter()
            .all(|p| registry.is_ownerless(p) && (p.plural || clause.has_word("all")));
    if everything {
        let owner = clause
            .preps
            .iter()
            .filter(|(p, _)| matches!(p, Prep::To | Prep::On | Prep::Onto | Prep::Of))
            .find_map(|(_, p)| registry.resolve(p, true).into_iter().next());
        return owner.map_or_else(|| all_solids(registry), |id| vec![id]);
    }
    let mut out = Vec::new();
    for phrase in things {
        let ids = if registry.is_ownerless(phrase) || is_fill(registry, phrase) {
            // "brush the dirt off the pallet": the surface is the pallet's.
            owner_in_clause(registry, clause, true)
                .into_iter()
                .collect()
        } else {
            registry.resolve(phrase, true)
        };
        out.extend(
            ids.into_iter()
                .filter(|id| !out.contains(id))
                .collect::<Vec<_>>(),
        );
    }
    if out.is_empty() {
        // "spray the gap": whatever is being worked on.
        out.extend(registry.focus.as_ref().map(|f| registry.root(f)));
    }
    out
}

fn paint(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    stain: bool,
) -> Vec<PartId> {
    let parts = surface_subjects(registry, clause);
    let stain = stain
        || clause
            .objects
            .iter()
            .chain(clause.preps.iter().map(|(_, p)| p))
            .any(|p| matches!(registry.consumable(p), Some((Consumable::Stain, _))));
    let color = paint_color(registry, clause, stain);
    for id in &parts {
        let op = if stain {
            Operation::Stain {
                part: id.clone(),
                color: color.clone(),
            }
        } else {
            Operation::Paint {
                part: id.clone(),
                color: color.clone(),
            }
        };
        out.push(registry, op);
    }
    parts
}

/// "Apply a dark walnut stain", "give it a coat of clear varnish".
fn apply(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let consumable = clause
        .objects
        .iter()
        .chain(clause.preps.iter().map(|(_, p)| p))
        .find_map(|p| registry.consumable(p).map(|(c, _)| c));
    match consumable {
        Some(Consumable::Paint) => paint(registry, out, clause, false),
        Some(Consumable::Stain) => paint(registry, out, clause, true),
        Some(Consumable::Varnish) => finish(registry, out, clause, FinishKind::Varnish),
        Some(Consumable::Sealant) => finish(registry, out, clause, FinishKind::Seal),
        Some(Consumable::Wax) => finish(registry, out, clause, FinishKind::Wax),
        _ if matches!(clause.verb_word.as_deref(), Some("brush" | "rub" | "wipe")) => {
            finish(registry, out, clause, FinishKind::Clean)
        }
        _ => {
            // "Add potting soil" reads as a fill; anything else as placing.
            place(registry, out, clause)
        }
    }
}

fn is_fill(registry: &PartRegistry, phrase: &Phrase) -> bool {
    match registry.classify(phrase) {
        Head::Thing(noun) => matches!(noun.role, Role::Fill(..)),
        Head::Piece { of: Some(of), .. } => is_fill(registry, &of),
        _ => false,
    }
}

/// Fills a container. `fill_phrase` is given when the caller already knows
/// which phrase is the fill ("add potting soil").
fn fill(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    fill_phrase: Option<&Phrase>,
) -> Vec<PartId> {
    let fill_phrase = fill_phrase
        .or_else(|| clause.objects.iter().find(|p| is_fill(registry, p)))
        .or_else(|| clause.prep(Prep::With).filter(|p| is_fill(registry, p)))
        .or_else(|| clause.prep(Prep::Of).filter(|p| is_fill(registry, p)));
    let container_phrase = clause
        .objects
        .iter()
        .find(|p| !is_fill(registry, p))
        .or_else(|| clause.prep(Prep::Into))
        .or_else(|| clause.prep(Prep::In))
        .or_else(|| clause.prep(Prep::Inside));
    let poured_over = [Prep::Over, Prep::On, Prep::Onto, Prep::Around]
        .iter()
        .any(|p| clause.prep(*p).is_some());
    let container = match container_phrase {
        Some(p) => registry.resolve(p, true).into_iter().next(),
        // "pour boiling water over the score line" fills nothing.
        None if poured_over => return Vec::new(),
        None => default_container(registry),
    };
    let Some(container) = container else {
        return Vec::new();
    };
    let Some(fill_phrase) = fill_phrase else {
        // "fill the jar with wine corks": solid parts go in loose.
        let loose = clause
            .prep(Prep::With)
            .filter(|p| matches!(registry.classify(p), Head::Thing(_)))
            .map(|p| registry.resolve(p, true))
            .unwrap_or_default();
        out.push(
            registry,
            Operation::Add {
                part: container.clone(),
            },
        );
        for id in loose.iter().filter(|id| **id != container) {
            registry.place(id, Relation::In, Some(&container));
            out.push(registry, Operation::Add { part: id.clone() });
        }
        return std::iter::once(container).chain(loose).collect();
    };
    let Some(fill) = registry.resolve(fill_phrase, true).into_iter().next() else {
        return vec![container];
    };
    if fill == container {
        return vec![container];
    }
    let level = fill_level(registry, clause, fill_phrase, &container);
    match_count(registry, &fill, &container, true);
    registry.place(&fill, Relation::In, Some(&container));
    out.push(
        registry,
        Operation::Fill {
            part: fill.clone(),
            container: container.clone(),
            level,
        },
    );
    vec![container, fill]
}

/// The container a fill with no named container goes into: the one that
/// already holds a fill, else the part in focus if it holds things, else
/// the last container in view.
fn default_container(registry: &PartRegistry) -> Option<PartId> {
    let holding = registry.present.iter().rev().find_map(|id| {
        let part = registry.part(id)?;
        (part.kind == PartKind::Fill)
            .then(|| part.placement.target.clone())
            .flatten()
    });
    holding
        .or_else(|| {
            registry
                .focus
                .clone()
                .filter(|f| registry.kind(f).is_some_and(lexicon::is_container))
        })
        .or_else(|| {
            registry
                .present
                .iter()
                .rev()
                .find(|id| registry.kind(id).is_some_and(lexicon::is_container))
                .cloned()
        })
}

fn fill_level(registry: &PartRegistry, clause: &Clause, fill: &Phrase, container: &str) -> f64 {
    let below: f64 = registry
        .parts
        .iter()
        .filter(|p| {
            p.kind == PartKind::Fill
                && p.placement.target.as_deref() == Some(container)
                && registry.present.contains(&p.id)
                && !p.name.is_empty()
        })
        .count() as f64;
    let words = |w: &[&str]| clause.has_words(w);
    let level = if words(&["two", "thirds"]) {
        0.67
    } else if words(&["three", "quarters"]) {
        0.75
    } else if words(&["a", "third"]) || words(&["one", "third"]) {
        0.33
    } else if words(&["a", "quarter"]) {
        0.25
    } else if clause.has_word("half") || clause.has_word("halfway") {
        0.5
    } else if let Some(cm) = fill.measure_cm {
        let height = registry.part(container).map_or(10.0, |p| p.size[1]);
        (cm / height.max(1.0)).clamp(0.05, 1.0)
    } else if words(&["to", "the", "top"])
        || words(&["to", "the", "brim"])
        || clause.has_word("full")
    {
        0.95
    } else if clause.has_word("up") {
        0.7
    } else if below > 0.0 {
        0.85
    } else {
        0.8
    };
    (level * 100.0).round() / 100.0
}

/// Whether a part stuck onto another covers it: paper, fabric or a
/// sheet of one piece on a round body (a roll, a bottle, a jar, a can).
fn covers(registry: &PartRegistry, part: &str, target: &str) -> bool {
    let flexible = matches!(
        registry.kind(part),
        Some(PartKind::Paper | PartKind::Fabric)
    );
    let round = matches!(
        registry.kind(target),
        Some(
            PartKind::Tube
                | PartKind::Pipe
                | PartKind::Bottle
                | PartKind::Jar
                | PartKind::Can
                | PartKind::Cylinder
        )
    );
    flexible && round && registry.part(part).is_some_and(|p| p.count == 1)
}

/// "Fasten the fabric with paperclips", "decorate the bottle with a rope":
/// a part named after "with" is what holds on, and it is fixed to the
/// object. `None` when "with" names no part (glue, a tool, nothing).
fn fastener(
    registry: &mut PartRegistry,
    clause: &Clause,
    parts: &[PartId],
    method: AttachMethod,
    out: &mut StepOps,
) -> Option<PartId> {
    let phrase = clause.prep(Prep::With)?;
    if !matches!(registry.classify(phrase), Head::Thing(_)) || is_fill(registry, phrase) {
        return None;
    }
    let object = parts.first()?.clone();
    let held = registry.resolve(phrase, true).into_iter().next()?;
    if held == object {
        return None;
    }
    registry.place(&held, Relation::AttachedTo, Some(&object));
    out.push(
        registry,
        Operation::Attach {
            part: held.clone(),
            to: object,
            method,
        },
    );
    Some(held)
}

fn attach(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    method: AttachMethod,
) -> Vec<PartId> {
    if clause.prep(Prep::Around).is_some() || clause.prep(Prep::Over).is_some() {
        return wrap(registry, out, clause, false);
    }
    let parts = match qualified_list(registry, clause) {
        Some(parts) => parts,
        None => subjects(registry, clause, true),
    };
    if parts.is_empty() {
        return parts;
    }
    let together = clause.has_word("together");
    let target = if together {
        None
    } else {
        target(registry, clause, true)
    };
    if target.is_none() && !together {
        if let Some(fastener) = fastener(registry, clause, &parts, method, out) {
            return vec![fastener];
        }
    }
    for id in &parts {
        match &target {
            Some((_, to, _)) if to != id && covers(registry, id, to) => {
                // "Stick the tissue paper on to the roll": paper glued to a
                // round body wraps it.
                registry.place(id, Relation::Around, Some(to));
                out.push(
                    registry,
                    Operation::Wrap {
                        part: id.clone(),
                        around: to.clone(),
                    },
                );
            }
            Some((relation, to, each)) if to != id => {
                match_count(registry, id, to, *each);
                registry.place(id, *relation, Some(to));
                out.push(
                    registry,
                    Operation::Attach {
                        part: id.clone(),
                        to: to.clone(),
                        method,
                    },
                );
            }
            Some((_, to, _)) if to == id => {
                // "tie each front strip to the back strip": the part's own
                // pieces are joined.
                out.push(
                    registry,
                    Operation::Attach {
                        part: id.clone(),
                        to: id.clone(),
                        method,
                    },
                );
            }
            _ => {
                // "glue the corks together": joined to each other; with
                // nothing named, fixed to the part in focus.
                let focus = registry.focus.as_ref().map(|f| registry.root(f));
                let to = match (together, parts.len(), focus) {
                    (true, 1, _) => id.clone(),
                    (true, _, _) => parts[0].clone(),
                    (false, 1, Some(f)) if f != *id => f,
                    (false, 1, _) => {
                        out.push(registry, Operation::Add { part: id.clone() });
                        continue;
                    }
                    _ => parts[0].clone(),
                };
                out.push(
                    registry,
                    Operation::Attach {
                        part: id.clone(),
                        to,
                        method,
                    },
                );
            }
        }
    }
    parts
}

fn drill(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let hole_phrase = clause
        .objects
        .iter()
        .find(|p| matches!(registry.classify(p), Head::Feature { .. }));
    let holes = hole_phrase.map_or(1, |p| p.count.unwrap_or(if p.plural { 12 } else { 1 }));
    let owned: Vec<&Phrase> = clause
        .objects
        .iter()
        .filter(|p| !registry.is_ownerless(p))
        .collect();
    let mut parts: Vec<PartId> = owned
        .into_iter()
        .flat_map(|p| registry.resolve(p, true))
        .collect();
    if parts.is_empty() {
        parts = owner_in_clause(registry, clause, true)
            .into_iter()
            .collect();
    }
    for id in &parts {
        out.push(
            registry,
            Operation::Drill {
                part: id.clone(),
                holes,
            },
        );
    }
    parts
}

fn finish(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    kind: FinishKind,
) -> Vec<PartId> {
    let parts = surface_subjects(registry, clause);
    for id in &parts {
        out.push(
            registry,
            Operation::Finish {
                part: id.clone(),
                finish: kind,
            },
        );
    }
    parts
}

/// A verb that does nothing drawn ("draw a line across each cereal box",
/// "hold the bottle over the sink") still brings the things it handles into
/// view: the step is about them.
fn handle(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let phrases: Vec<&Phrase> = clause
        .objects
        .iter()
        .chain(
            clause
                .preps
                .iter()
                .filter(|(p, _)| !matches!(p, Prep::With | Prep::Using))
                .map(|(_, p)| p),
        )
        .filter(|p| {
            matches!(
                registry.classify(p),
                Head::Thing(_) | Head::Piece { of: Some(_), .. }
            )
        })
        .filter(|p| !is_fill(registry, p))
        .collect();
    let mut parts = Vec::new();
    for phrase in phrases {
        for id in registry.resolve(phrase, true) {
            if !parts.contains(&id) {
                out.push(registry, Operation::Add { part: id.clone() });
                parts.push(id);
            }
        }
    }
    parts
}

/// Wraps or covers: `cover` reads "cover X with Y" (Y goes around X).
fn wrap(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    cover: bool,
) -> Vec<PartId> {
    let (wrapping, around) = if cover {
        let with = clause
            .prep(Prep::With)
            .map(|p| registry.resolve(p, true))
            .unwrap_or_default();
        (with, subjects(registry, clause, true))
    } else {
        let wrapping = subjects(registry, clause, true);
        let around = [
            Prep::Around,
            Prep::Over,
            Prep::On,
            Prep::Onto,
            Prep::To,
            Prep::Through,
        ]
        .into_iter()
        .filter_map(|p| clause.prep(p))
        .find_map(|phrase| {
            if registry.is_ownerless(phrase) {
                registry.focus.as_ref().map(|f| registry.root(f))
            } else {
                registry.resolve(phrase, true).into_iter().next()
            }
        });
        (
            wrapping,
            around
                .or_else(|| registry.focus.clone())
                .into_iter()
                .collect(),
        )
    };
    let Some(around) = around.first().cloned() else {
        return wrapping;
    };
    // Loose fill pressed "around the roots" stays a fill.
    let wrapping: Vec<PartId> = wrapping
        .into_iter()
        .filter(|id| registry.kind(id) != Some(PartKind::Fill))
        .collect();
    for id in wrapping.iter().filter(|id| **id != around) {
        registry.place(id, Relation::Around, Some(&around));
        out.push(
            registry,
            Operation::Wrap {
                part: id.clone(),
                around: around.clone(),
            },
        );
    }
    wrapping
}

fn place(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    // "Add potting soil": a fill.
    if let Some(fill_phrase) = clause.objects.iter().find(|p| is_fill(registry, p)) {
        let fill_phrase = fill_phrase.clone();
        return fill(registry, out, clause, Some(&fill_phrase));
    }
    if let Some(parts) = qualified_list(registry, clause) {
        return place_parts(registry, out, clause, parts);
    }
    let objects: Vec<&Phrase> = clause
        .objects
        .iter()
        .filter(|p| {
            matches!(
                registry.classify(p),
                Head::Thing(_)
                    | Head::Unknown
                    | Head::Piece { .. }
                    | Head::Feature { owner: Some(_) }
                    | Head::Focus
            )
        })
        .collect();
    let parts = if objects.is_empty() {
        // "put in a battery": the phrase after the particle is the object.
        let particle = clause
            .preps
            .iter()
            .take(1)
            .filter(|(p, _)| matches!(p, Prep::In | Prep::On))
            .find_map(|(_, phrase)| match registry.classify(phrase) {
                Head::Thing(_) => Some(phrase),
                _ => None,
            });
        match particle {
            Some(phrase) => {
                let ids = registry.resolve(phrase, true);
                let to = registry.focus.as_ref().map(|f| registry.root(f));
                for id in &ids {
                    if let Some(to) = to.as_deref().filter(|t| *t != id) {
                        registry.place(id, Relation::In, Some(to));
                    }
                    out.push(registry, Operation::Add { part: id.clone() });
                }
                return ids;
            }
            // "hang the planter from a hook": the hook joins the build.
            None => hung_from(registry, out, clause),
        }
    } else if objects.len() > 1 && objects.iter().all(|p| is_new_plant(registry, p)) {
        merge_list(registry, &objects, &objects)
    } else {
        let mut ids = Vec::new();
        for phrase in objects {
            for id in registry.resolve(phrase, true) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    };
    place_parts(registry, out, clause, parts)
}

fn place_parts(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    mut parts: Vec<PartId>,
) -> Vec<PartId> {
    let target = target(registry, clause, true);
    for id in &parts {
        let mut placed = false;
        if let Some((relation, to, each)) = &target {
            if to != id {
                match_count(registry, id, to, *each);
                registry.place(id, *relation, Some(to));
                placed = true;
            }
        }
        if !placed && registry.kind(id) == Some(PartKind::Plant) {
            // A plant with nowhere named goes into the fill in view.
            let bed = registry
                .present
                .iter()
                .rev()
                .find(|p| registry.kind(p) == Some(PartKind::Fill))
                .cloned()
                .or_else(|| default_container(registry));
            if let Some(bed) = bed {
                let each = registry.part(id).is_some_and(|p| p.count > 1);
                match_count(registry, id, &bed, each);
                registry.place(id, Relation::In, Some(&bed));
            }
        }
        out.push(registry, Operation::Add { part: id.clone() });
    }
    parts.dedup();
    parts
}

/// "the hour, minute and second hands": when every earlier item of a
/// list names nothing on its own, the items qualify the last one, and the
/// list is one part with a copy per item.
fn qualified_list(registry: &mut PartRegistry, clause: &Clause) -> Option<Vec<PartId>> {
    let (last, rest) = clause.objects.split_last()?;
    let qualifiers = !rest.is_empty()
        && rest
            .iter()
            .all(|p| p.words.len() == 1 && matches!(registry.classify(p), Head::Nothing))
        && matches!(registry.classify(last), Head::Thing(_));
    if !qualifiers {
        return None;
    }
    let all: Vec<&Phrase> = clause.objects.iter().collect();
    Some(merge_list(registry, &all, &[last]))
}

/// The thing a finished build is hung from or stood on, when the clause
/// names the build itself ("hang the planter from a hook on the fence").
fn hung_from(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let names_build = clause
        .objects
        .iter()
        .any(|p| matches!(registry.classify(p), Head::Whole | Head::Focus));
    let Some(root) = registry.focus.as_ref().map(|f| registry.root(f)) else {
        return Vec::new();
    };
    if !names_build {
        return Vec::new();
    }
    let holder = clause
        .preps
        .iter()
        .filter(|(p, _)| matches!(p, Prep::From | Prep::On | Prep::Onto | Prep::To))
        .find(|(_, p)| matches!(registry.classify(p), Head::Thing(_)))
        .map(|(_, p)| p.clone());
    let Some(holder) = holder else {
        return Vec::new();
    };
    let ids = registry.resolve(&holder, true);
    for id in ids.iter().filter(|id| **id != root) {
        registry.place(id, Relation::On, Some(&root));
        out.push(registry, Operation::Add { part: id.clone() });
    }
    ids
}

/// Whether a phrase names something that is part of a larger thing (a
/// label, a cap, a sleeve): taking it off changes that thing.
fn names_a_component(registry: &PartRegistry, phrase: &Phrase) -> bool {
    match registry.classify(phrase) {
        Head::Thing(noun) => lexicon::is_component(noun.canonical),
        _ => false,
    }
}

fn is_new_plant(registry: &PartRegistry, phrase: &Phrase) -> bool {
    match registry.classify(phrase) {
        Head::Thing(noun) => {
            matches!(noun.role, Role::Part(d) if d.kind == PartKind::Plant)
                && !registry.nouns.iter().any(|n| n == noun.canonical)
        }
        _ => false,
    }
}

/// "plant basil, parsley and mint seedlings": one part, one copy per item
/// of `names`, created from the last of `things`.
fn merge_list(registry: &mut PartRegistry, names: &[&Phrase], things: &[&Phrase]) -> Vec<PartId> {
    let objects = things;
    let names: Vec<String> = names.iter().map(|p| p.name()).collect();
    let count = names.len();
    let name = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    let Some(last) = objects.last() else {
        return Vec::new();
    };
    let mut phrase = (*last).clone();
    phrase.count = Some(u32::try_from(count).unwrap_or(1));
    let ids = registry.resolve(&phrase, true);
    if let Some(id) = ids.first() {
        if let Some(part) = registry.part_mut(id) {
            part.name = name;
        }
    }
    ids
}

fn remove(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    // "peel off the tape": the phrase after "off" is what goes; "peel the
    // label off the bottle": the bottle is what it comes off.
    let (things, sources): (Vec<Phrase>, Vec<Phrase>) = if clause.objects.is_empty() {
        let thing = clause.prep(Prep::Off).or(clause.prep(Prep::From));
        (thing.into_iter().cloned().collect(), Vec::new())
    } else {
        let sources = [Prep::Off, Prep::From]
            .iter()
            .filter_map(|p| clause.prep(*p))
            .cloned()
            .collect();
        (clause.objects.clone(), sources)
    };
    // "peel it off the razor", "take it out of the mould": taken off a
    // tool, the thing stays in the build.
    if sources
        .iter()
        .any(|s| matches!(registry.classify(s), Head::Tool(_)))
    {
        return Vec::new();
    }
    // What something is taken off is being worked on: it comes into view.
    for source in &sources {
        if registry.is_ownerless(source) {
            continue;
        }
        for id in registry.resolve(source, true) {
            if !registry.present.contains(&id) {
                out.push(registry, Operation::Add { part: id });
            }
        }
    }
    let mut removed = Vec::new();
    for phrase in &things {
        if registry.is_ownerless(phrase) {
            continue;
        }
        let ids = registry.resolve(phrase, false);
        if ids.is_empty() && sources.is_empty() && !names_a_component(registry, phrase) {
            // "take out the glass": it comes into view as it is taken out.
            for id in registry.resolve(phrase, true) {
                out.push(registry, Operation::Add { part: id });
            }
            continue;
        }
        for id in ids {
            if !registry.present.contains(&id) {
                out.push(registry, Operation::Add { part: id });
            } else if registry.names(&id, phrase) {
                out.push(registry, Operation::Remove { part: id.clone() });
                removed.push(id);
            } else {
                // "peel off the label" of a bottle: the bottle changes.
                out.push(
                    registry,
                    Operation::Finish {
                        part: id,
                        finish: FinishKind::Clean,
                    },
                );
            }
        }
    }
    // Focus moves to what is left, not to what was taken away.
    registry.focus = registry.focus.clone().filter(|f| !removed.contains(f));
    Vec::new()
}
