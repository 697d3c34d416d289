//! Turns one clause into operations on parts.

mod joins;
mod placing;
mod surface;

pub(crate) use joins::elsewhere;
use joins::*;
use placing::*;
use surface::*;

use super::clause::{Clause, Phrase};
use super::color::ColorMatch;
use super::lexicon::{self, Consumable, Role};
use super::resolve::{Head, PartRegistry, PieceSource};
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
const PLACING: [Prep; 15] = [
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
    Prep::Between,
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
    if clause.subordinate {
        shown_in_condition(registry, out, clause);
    }
    if let Some(replay) = repeated(registry, clause) {
        apply_clause(registry, out, &replay, sentence);
        return;
    }
    if clause.subordinate || clause.statement {
        // A purpose ("to make a handle") says why, not what to do; a
        // statement ("This gives the texture") says how things are. A
        // count it gives ("I wanted four blades") still counts a part
        // whose count was a guess.
        for phrase in &clause.objects {
            registry.hear_count(phrase, true);
        }
        return;
    }
    // "Mark the centre of 2 paper plates": a count heard for a thing not
    // built yet is its count when it is.
    let phrases = clause
        .objects
        .iter()
        .chain(clause.preps.iter().map(|(_, p)| p));
    for phrase in phrases {
        for p in std::iter::successors(Some(phrase), |p| p.of.as_deref()) {
            registry.hear_count(p, false);
        }
    }
    let first_ask = out.asked.len();
    let focus_before = registry.focus.clone();
    let verb = read_clause(registry, out, clause, sentence);
    if verb.is_some_and(Verb::expects_change)
        && !clause.objects.is_empty()
        && out.asked.len() > first_ask
    {
        registry.last_done = Some(clause.clone());
    }
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
    // "Set the luminary on a heat-safe surface and fill it with sand":
    // the whole build handled is what "it" means next.
    if clause
        .objects
        .iter()
        .any(|p| matches!(registry.classify(p), Head::Whole))
    {
        if let Some(hub) = registry.hub(|_| true) {
            registry.focus = Some(hub);
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
    // "hammer three drainage holes in the can": whatever the verb, holes
    // made in a part are drilled; a hole dug is in the ground.
    let holes_made = clause
        .objects
        .first()
        .and_then(|o| o.words.last())
        .is_some_and(|w| w == "hole")
        && !matches!(clause.verb_word.as_deref(), Some("dig" | "dug" | "digging"));
    if clause.unknown_verb && !clause.statement && !holes_made {
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
    let known = clause.verb.filter(|_| !clause.unknown_verb);
    let Some(verb) = known.or(holes_made.then_some(Verb::Other)) else {
        if !clause.statement {
            note_unknown_objects(registry, clause);
        }
        return None;
    };
    // "make five small holes": a hole made is a hole drilled.
    let makes_holes = holes_made
        && matches!(
            verb,
            Verb::Other | Verb::Make | Verb::Mix | Verb::Place | Verb::Cut
        )
        && (clause.verb_word.as_deref() != Some("cut")
            || clause.objects.first().is_some_and(|o| o.plural));
    // "make a small slit between the humps": a slit made is a cut.
    let makes_slits = matches!(verb, Verb::Other | Verb::Make | Verb::Mix | Verb::Place)
        && clause
            .objects
            .first()
            .and_then(|o| o.words.last())
            .is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "slit" | "notch" | "slot" | "groove" | "incision"
                )
            });
    let verb = if makes_holes {
        Verb::Drill { punch: true }
    } else if makes_slits {
        Verb::Cut
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
        // "spray little water over it": watering, not painting.
        Verb::Paint { spray: true }
            if clause
                .objects
                .iter()
                .any(|p| p.words.last().is_some_and(|w| w == "water")) =>
        {
            Vec::new()
        }
        Verb::Paint { .. } | Verb::Stain => paint(registry, out, clause, verb == Verb::Stain),
        Verb::Apply => apply(registry, out, clause),
        Verb::Fill => fill(registry, out, clause, None),
        Verb::Attach(method) => attach(registry, out, clause, method),
        // "poke the pipe cleaner through the holes": a thing pushed
        // through, not a hole punched in it.
        Verb::Drill { punch: true }
            if clause.prep(Prep::Through).is_some()
                && !clause.objects.is_empty()
                && clause
                    .objects
                    .iter()
                    .all(|p| matches!(registry.classify(p), Head::Thing(_) | Head::Focus)) =>
        {
            place(registry, out, clause)
        }
        Verb::Drill { .. } => drill(registry, out, clause),
        Verb::Finish(kind) => finish(registry, out, clause, kind),
        Verb::Wrap => wrap(registry, out, clause, false),
        // "Line up the stick with the corner of the frame": placed there,
        // not lining a box.
        Verb::Cover
            if clause.verb_word.as_deref() == Some("line")
                && clause.particles.contains(&Prep::Up) =>
        {
            let placed = Clause {
                preps: clause
                    .preps
                    .iter()
                    .map(|(p, phrase)| {
                        (if *p == Prep::With { Prep::On } else { *p }, phrase.clone())
                    })
                    .collect(),
                ..clause.clone()
            };
            place(registry, out, &placed)
        }
        Verb::Cover => wrap(registry, out, clause, true),
        Verb::Place | Verb::Remove if slipped_off_former(registry, out, clause) => Vec::new(),
        Verb::Make | Verb::Place if bent_into(registry, out, clause).is_some() => {
            let bent = registry.group.clone();
            // "form two hooks at the end of the cable": the hooks are
            // there to see as well.
            let named = clause
                .objects
                .first()
                .and_then(|o| o.words.last())
                .is_some_and(|w| matches!(w.as_str(), "hook" | "loop" | "ring" | "hoop"));
            if named && verb == Verb::Make {
                made_from(registry, out, clause);
            }
            bent
        }
        Verb::Place => place(registry, out, clause),
        Verb::Remove => remove(registry, out, clause),
        Verb::Mix if clause.prep(Prep::Into).is_some() => place(registry, out, clause),
        Verb::Make => made_from(registry, out, clause),
        // "Close the open seam": on a soft good, a seam closed is sewn.
        Verb::Other
            if clause.verb_word.as_deref() == Some("close")
                && clause.objects.iter().any(|o| {
                    o.words
                        .last()
                        .is_some_and(|w| matches!(w.as_str(), "seam" | "opening" | "gap" | "hole"))
                })
                && registry.focus.as_ref().is_some_and(|f| {
                    matches!(
                        registry.kind(&registry.root(f)),
                        Some(PartKind::Fabric | PartKind::Cushion)
                    )
                }) =>
        {
            super::crafts::sew(registry, out, clause)
        }
        // "Measure ribbon pieces on the pinboard": a thing handled on a
        // part is laid on it.
        Verb::Other | Verb::Mix
            if [Prep::On, Prep::Onto].iter().any(|p| {
                clause
                    .prep(*p)
                    .is_some_and(|t| matches!(registry.classify(t), Head::Thing(_)))
            }) && clause.objects.iter().any(|o| {
                matches!(
                    registry.classify(o),
                    Head::Thing(_) | Head::Piece { of: Some(_), .. }
                )
            }) =>
        {
            place(registry, out, clause)
        }
        // "I started with a helping hand I got from the store": what the
        // build starts with comes into view.
        Verb::Other
            if matches!(
                clause.verb_word.as_deref(),
                Some("start" | "started" | "starting" | "begin" | "began" | "begun")
            ) && clause.objects.is_empty()
                && clause.prep(Prep::With).is_some_and(|t| {
                    matches!(
                        registry.classify(t),
                        Head::Thing(_) | Head::Piece { of: Some(_), .. }
                    )
                }) =>
        {
            let started = Clause {
                objects: clause.prep(Prep::With).cloned().into_iter().collect(),
                preps: Vec::new(),
                ..clause.clone()
            };
            place(registry, out, &started)
        }
        Verb::Other | Verb::Mix => handle(registry, out, clause),
        // "Gather the lily bloom around the pipe cleaner" wraps.
        Verb::Need if clause.prep(Prep::Around).is_some() => wrap(registry, out, clause, false),
        // "collect it into another container": gathered into something,
        // it goes in.
        Verb::Need if clause.prep(Prep::Into).is_some() => place(registry, out, clause),
        // "Collecting unused plastic bottles, clean it": what is gathered
        // is what "it" means next; it shows once something is done to it.
        Verb::Need => {
            let gathered = clause
                .objects
                .iter()
                .find(|p| matches!(registry.classify(p), Head::Thing(_)))
                .cloned();
            match gathered {
                Some(phrase) => {
                    registry.focus = registry.resolve(&phrase, true).into_iter().next();
                    // "Find a suitable base", "Get a small paper bag": in
                    // a step that builds, the one thing fetched is the
                    // piece worked on.
                    let one_thing = clause.objects.len() == 1
                        && !phrase.plural
                        && phrase.count.is_none_or(|n| n == 1);
                    match registry.focus.clone() {
                        Some(id) if one_thing => {
                            out.push(registry, Operation::Add { part: id.clone() });
                            vec![id]
                        }
                        _ => Vec::new(),
                    }
                }
                None => Vec::new(),
            }
        }
        Verb::Fold => super::crafts::fold(registry, out, clause),
        Verb::Bend(shape) => {
            // "roll each section on the rod": rolled on a stick, it winds
            // around it.
            let on_a_stick = shape == plan::model::BendShape::Coil
                && [Prep::On, Prep::Onto]
                    .into_iter()
                    .filter_map(|p| clause.prep(p))
                    .any(|p| match registry.classify(p) {
                        Head::Thing(n) => matches!(
                            n.role,
                            Role::Part(d) if matches!(
                                d.kind,
                                PartKind::Slat | PartKind::Cylinder | PartKind::Leg | PartKind::Pipe | PartKind::Tube
                            )
                        ),
                        _ => false,
                    });
            if clause.prep(Prep::Around).is_some() || on_a_stick {
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
        // "Roll each section on the rod": pieces are of the part in hand;
        // a feature ("the edges of ...") may be of a part the clause names.
        let piece = matches!(registry.classify(phrase), Head::Piece { of: None, .. });
        let in_hand = piece
            .then(|| piece_owner(registry))
            .flatten()
            .filter(|_| registry.is_ownerless(phrase));
        let ids = if let Some(owner) = in_hand {
            vec![owner]
        } else if registry.is_ownerless(phrase) {
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

/// The part that "each section", "the strips" are pieces of: the last part
/// in view that was cut into pieces ("cut the rectangle into strips ...
/// tie your strips onto the hanger"); else the part in focus, unless it is
/// something that holds things (a tub, a jar), when it is the last
/// material in view that comes in pieces.
fn piece_owner(registry: &PartRegistry) -> Option<PartId> {
    if let Some(cut) = registry
        .cut_into_pieces
        .iter()
        .rev()
        .find(|id| registry.present.contains(id))
    {
        return Some(cut.clone());
    }
    let divisible = |id: &PartId| {
        registry.kind(id).is_some_and(|k| {
            !lexicon::is_container(k)
                && !matches!(
                    k,
                    PartKind::Fill | PartKind::Plant | PartKind::Lights | PartKind::Lid
                )
        })
    };
    registry
        .focus
        .iter()
        .chain(registry.present.iter().rev())
        .find(|id| divisible(id))
        .cloned()
}

/// The first part a clause's prepositional phrases name; else the part in
/// focus, taken at the bottom of its placement chain.
fn owner_in_clause(registry: &mut PartRegistry, clause: &Clause, create: bool) -> Option<PartId> {
    for (p, phrase) in &clause.preps {
        // "a hole large enough for the shank of the button": a purpose, a
        // likeness or a lack is not where the work is done.
        if matches!(p, Prep::With | Prep::Using | Prep::For | Prep::Other)
            || registry.is_ownerless(phrase)
        {
            continue;
        }
        if let Head::Thing(_) | Head::Feature { owner: Some(_) } | Head::Piece { of: Some(_), .. } =
            registry.classify(phrase)
        {
            if let Some(id) = registry.resolve(phrase, create).into_iter().next() {
                return Some(id);
            }
        }
        // "in each part C": a part an unknown name made earlier.
        if let Head::Unknown = registry.classify(phrase) {
            let lettered = phrase
                .words
                .last()
                .is_some_and(|w| crate::words::is_lettered_piece(w));
            if let Some(id) = registry
                .resolve(phrase, create && lettered)
                .into_iter()
                .next()
            {
                return Some(id);
            }
        }
    }
    if registry.focus.is_none() && create {
        // "Cut a circle" with nothing in view: out of the sheet material
        // the list names (fabric, felt, paper, card).
        return listed_sheet(registry);
    }
    registry.focus.as_ref().map(|f| registry.root(f))
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
            if shape_made(registry, *q, phrase) || says_how(phrase) {
                continue;
            }
            let feature = feature_word(registry, phrase);
            let id = if registry.is_ownerless(phrase) {
                registry.focus.as_ref().map(|f| registry.root(f))
            } else {
                registry.resolve(phrase, create).into_iter().next()
            };
            if let Some(id) = id {
                let mut relation = relation(registry, *q, feature.as_deref(), &id);
                // "Insert the light through the top hole of the globe":
                // put in through an opening, it is inside.
                let put_in = matches!(
                    clause.verb_word.as_deref(),
                    Some(
                        "insert"
                            | "inserting"
                            | "push"
                            | "put"
                            | "place"
                            | "drop"
                            | "slide"
                            | "pop"
                    )
                );
                let opening = matches!(
                    feature.as_deref(),
                    Some("hole" | "opening" | "mouth" | "neck" | "slot")
                );
                if *q == Prep::Through && put_in && opening {
                    relation = Relation::In;
                }
                // "through each hole" counts holes, not the part they are in.
                let each = phrase.each && feature.is_none();
                return Some((relation, id, each));
            }
        }
    }
    // "push the spoons through", "put in a battery": a particle names a
    // place on the part in focus.
    let particle = clause.particles.iter().find(|p| PLACING.contains(p))?;
    let id = registry.focus.clone()?;
    Some((relation(registry, *particle, None, &id), id, false))
}

/// "put rope on it in a spiral", "arrange them in a row": how things are
/// laid, not a thing they go in.
fn says_how(phrase: &Phrase) -> bool {
    !phrase.definite
        && phrase.of.is_none()
        && phrase.words.last().is_some_and(|w| {
            matches!(
                w.as_str(),
                "spiral" | "zigzag" | "pattern" | "row" | "line" | "circle" | "criss-cross"
            )
        })
}

/// "put a 90 degree bend in the strips", "form two hooks at the end of the
/// cable", "make a loop with the wire": a bend, hook, loop or coil made in
/// a part in view is that part bent, not a new part.
fn bent_into(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Option<()> {
    let shape_word = clause.objects.first()?.words.last()?.clone();
    let shape = match shape_word.as_str() {
        "bend" | "hook" | "kink" | "angle" => plan::model::BendShape::Bend,
        "loop" | "ring" | "hoop" => plan::model::BendShape::Loop,
        "coil" | "spiral" | "curl" => plan::model::BendShape::Coil,
        "twist" => plan::model::BendShape::Twist,
        _ => return None,
    };
    let object = clause.objects.first()?;
    let places = object.of.as_deref().into_iter().chain(
        clause
            .preps
            .iter()
            .filter(|(p, _)| matches!(p, Prep::In | Prep::At | Prep::On | Prep::With | Prep::Into))
            .map(|(_, p)| p),
    );
    let mut bent = Vec::new();
    for phrase in places {
        let ids = match registry.classify(phrase) {
            Head::Thing(_) | Head::Piece { .. } => registry.resolve(phrase, false),
            Head::Feature { owner: Some(owner) } => registry.resolve(&owner, false),
            Head::Focus => registry.focus.clone().into_iter().collect(),
            _ => Vec::new(),
        };
        bent.extend(ids.into_iter().filter(|id| registry.present.contains(id)));
        if !bent.is_empty() {
            break;
        }
    }
    if bent.is_empty() {
        return None;
    }
    for id in &bent {
        out.push(
            registry,
            Operation::Bend {
                part: id.clone(),
                shape,
            },
        );
    }
    registry.group = bent;
    Some(())
}

/// "Do the same with the other two coat hangers", "Repeat this step for
/// all 4 cardboard rectangles": the last thing done to a part, done to
/// the parts named now.
fn repeated(registry: &PartRegistry, clause: &Clause) -> Option<Clause> {
    let word = clause.verb_word.as_deref()?;
    if !matches!(word, "do" | "did" | "repeat" | "repeated" | "repeating") {
        return None;
    }
    let vague = clause.objects.iter().all(|o| {
        o.pronoun
            || o.words.last().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "same" | "this" | "process" | "step" | "operation" | "procedure" | "thing"
                )
            })
    });
    if !vague {
        return None;
    }
    // "with the other two hangers" names the parts; "do this with
    // tweezers" names the tool.
    let another = |p: &Phrase| {
        p.others
            || p.fresh
            || ["other", "remaining", "rest", "second", "next"]
                .iter()
                .any(|w| clause.has_word(w))
    };
    let target = [Prep::With, Prep::For, Prep::On, Prep::To]
        .into_iter()
        .filter_map(|p| clause.prep(p).map(|phrase| (p, phrase)))
        .find(|(p, phrase)| {
            matches!(registry.classify(phrase), Head::Thing(_))
                && (*p != Prep::With || another(phrase))
        })
        .map(|(_, phrase)| phrase)?;
    let mut replay = registry.last_done.clone()?;
    replay.objects = vec![target.clone()];
    replay.subordinate = false;
    replay.statement = false;
    Some(replay)
}

/// "Fold the edge until it touches the edge of a CD", "so that the CD
/// rests within your fold": a thing a condition says the work touches is
/// there in the picture. A purpose ("to make a bow") shows nothing: what
/// it names does not exist yet.
fn shown_in_condition(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) {
    let opener: Vec<&str> = clause.words.iter().take(2).map(String::as_str).collect();
    let condition = matches!(
        opener.as_slice(),
        ["until" | "till" | "where", ..] | ["so", "that"]
    );
    // "so that the casing became a tube", "until you get a slab": what
    // something turns into is its shape, not another thing.
    let becomes = clause.words.iter().any(|w| {
        matches!(
            w.as_str(),
            "become"
                | "becomes"
                | "became"
                | "becoming"
                | "turns"
                | "turned"
                | "get"
                | "gets"
                | "got"
                | "have"
                | "has"
        )
    });
    if !condition || becomes {
        return;
    }
    let phrases = clause
        .objects
        .iter()
        .chain(clause.preps.iter().map(|(_, p)| p));
    for phrase in phrases {
        let thing = match registry.classify(phrase) {
            Head::Thing(noun) => matches!(noun.role, Role::Part(_)).then_some(phrase.clone()),
            Head::Feature { owner: Some(owner) } => match registry.classify(&owner) {
                Head::Thing(noun) if matches!(noun.role, Role::Part(_)) => Some(owner),
                _ => None,
            },
            _ => None,
        };
        let Some(thing) = thing else {
            continue;
        };
        // The piece being worked: what the work touches lies on it, and
        // "rests within your fold" is in it.
        let work = registry
            .focus
            .as_ref()
            .map(|f| registry.root(f))
            .filter(|w| {
                registry.kind(w).is_some_and(|k| {
                    matches!(k, PartKind::Paper | PartKind::Fabric | PartKind::Sheet)
                })
            });
        let within = clause
            .prep(Prep::In)
            .is_some_and(|p| matches!(registry.classify(p), Head::Feature { .. } | Head::Focus));
        // A part already in view is only mentioned, not worked on.
        let known: Vec<PartId> = registry
            .look_up(&thing)
            .into_iter()
            .filter(|id| registry.present.contains(id))
            .collect();
        if !known.is_empty() {
            if let (Some(work), true) = (&work, within) {
                for id in known.iter().filter(|id| *id != work) {
                    registry.place(id, Relation::In, Some(work));
                }
            }
            continue;
        }
        for id in registry.resolve(&thing, true) {
            if !registry.present.contains(&id) {
                if let Some(work) = work.as_ref().filter(|w| **w != id) {
                    registry.place(&id, Relation::On, Some(work));
                }
                out.push(registry, Operation::Add { part: id });
            }
        }
    }
}

/// "Slip the pot off of the can": the thing comes off the former it was
/// shaped on, and the former leaves the picture.
fn slipped_off_former(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> bool {
    let named: Vec<PartId> = clause
        .preps
        .iter()
        .filter(|(p, _)| matches!(p, Prep::Off | Prep::From))
        .flat_map(|(_, phrase)| registry.resolve(phrase, false))
        .collect();
    // A former: one the text shaped something on, or one something in
    // view is still wrapped or rolled around ("roll each section on the
    // rod ... slide each roll off the rod").
    let wrapped_on = |id: &PartId| {
        registry.parts.iter().any(|p| {
            p.placement.relation == Relation::Around
                && p.placement.target.as_ref() == Some(id)
                && registry.present.contains(&p.id)
        })
    };
    let formers: Vec<PartId> = named
        .into_iter()
        .filter(|id| {
            (registry.formers.iter().any(|(f, _)| f == id) || wrapped_on(id))
                && registry.present.contains(id)
        })
        .collect();
    for id in &formers {
        out.push(registry, Operation::Remove { part: id.clone() });
    }
    !formers.is_empty()
}

/// "tie them in a double knot onto the headband", "twist it into a loop":
/// the shape the part is made into, not the place it goes.
fn shape_made(registry: &PartRegistry, prep: Prep, phrase: &Phrase) -> bool {
    matches!(prep, Prep::In | Prep::Into)
        && !phrase.definite
        && phrase.possessor.is_none()
        && phrase.of.is_none()
        && matches!(
            registry.classify(phrase),
            Head::Feature { owner: None } | Head::Piece { of: None, .. }
        )
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
