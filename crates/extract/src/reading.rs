//! What the extractor understood of each step, and what it could not use.
//!
//! A picture is exactly as true as the plan, and no reader of free text is
//! always right; so every step says which of its words became the plan
//! (and as what) and which did not (and why). A maker then knows which
//! pictures to check before trusting them, and what to fix.
//!
//! The judgement is made clause by clause while the step is read, from what
//! the clause actually produced: a verb counts as understood only when it
//! became an operation, a noun phrase only when it names a part that an
//! operation of the clause acts on, a tool, a consumable or the build
//! itself. A step's confidence is the share of its judged words that were
//! understood; the guide's is the mean over the steps that build something.

use serde::Serialize;

use super::clause::{Clause, Phrase};
use super::ops::{StepOps, UNKNOWN_VERB, UNKNOWN_VERB_SHOWN};
use super::resolve::{Head, PartRegistry};
use super::verbs::Verb;
use plan::model::{PartKind, Plan};
use plan::prompt::{step_actions, PromptInput};
use plan::GuideRequest;

/// What the extractor made of one step.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StepReading {
    /// 0..=1: understood words over all words judged; 1 when there was
    /// nothing to judge.
    pub confidence: f64,
    /// Words that became the plan, and what they became.
    pub understood: Vec<Understood>,
    /// Words that were not used, each with the reason.
    pub unresolved: Vec<Unclear>,
    /// The step only lists materials or tools; nothing is drawn for it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub materials_only: bool,
}

/// A word or phrase as written and what the plan took it for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Understood {
    pub text: String,
    /// "glue the strip to the bottle", "the part “plastic bottle”", "a tool".
    pub meaning: String,
}

/// A word or phrase as written that the plan does not reflect.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unclear {
    pub text: String,
    pub reason: String,
}

/// What the extractor made of a whole request.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlanReading {
    /// 0..=1: the mean confidence of the steps that build something.
    pub confidence: f64,
    /// One per step of the request, in order.
    pub steps: Vec<StepReading>,
}

/// A plan and, when it was read from text, what was understood of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    pub plan: Plan,
    /// `None` for a hand-written plan: nothing was read.
    pub reading: Option<PlanReading>,
}

/// One judgement, gathered while a step is read.
#[derive(Clone, Debug)]
enum Note {
    /// A verb that became the step's operation with this index.
    Verb {
        text: String,
        op: usize,
    },
    Phrase {
        text: String,
        meaning: String,
    },
    Unclear {
        text: String,
        reason: String,
    },
}

/// The judgements of one step, in reading order.
#[derive(Clone, Debug, Default)]
pub(crate) struct StepNotes {
    notes: Vec<Note>,
}

impl StepNotes {
    fn understood(&mut self, text: String, meaning: String) {
        if !text.is_empty() {
            self.notes.push(Note::Phrase { text, meaning });
        }
    }

    fn unclear(&mut self, text: String, reason: &str) {
        if !text.is_empty() {
            self.notes.push(Note::Unclear {
                text,
                reason: reason.to_string(),
            });
        }
    }

    /// Judges one clause from what it produced: the operations asked for
    /// from `first_ask` on (see [`StepOps::asked`]) are the clause's own.
    pub(crate) fn judge_clause(
        &mut self,
        registry: &mut PartRegistry,
        out: &StepOps,
        clause: &Clause,
        verb: Option<Verb>,
        first_ask: usize,
    ) {
        let asked_ops: Vec<usize> = out.asked.get(first_ask..).unwrap_or_default().to_vec();
        let new_ops: Vec<&plan::model::Operation> =
            asked_ops.iter().filter_map(|&i| out.ops.get(i)).collect();
        if clause.statement && new_ops.is_empty() {
            // "This gives the texture": says something, asks for nothing.
            return;
        }
        let phrases: Vec<&Phrase> = clause
            .objects
            .iter()
            .chain(clause.preps.iter().map(|(_, p)| p))
            .filter(|p| !p.words.is_empty() || p.pronoun)
            .collect();
        // A verb acts on something drawn: a part, a pronoun, a noun it may
        // not know. "Set the time", "hang it on the wall": nothing to draw.
        let acts_on_thing = phrases.iter().any(|p| {
            !matches!(
                registry.classify(p),
                Head::Nothing | Head::Tool(_) | Head::Consumable(..) | Head::Whole
            )
        });
        // Whether the clause asked for a change: its known phrases count
        // for or against it only then.
        let mut asked = !new_ops.is_empty();
        if let Some(word) = clause.verb_word.clone() {
            match verb {
                // "This jar looks great" describes; it asks for nothing.
                _ if clause.unknown_verb && clause.statement => {}
                _ if clause.unknown_verb && new_ops.is_empty() => self.unclear(word, UNKNOWN_VERB),
                _ if clause.unknown_verb => self.unclear(word, UNKNOWN_VERB_SHOWN),
                Some(_) if !new_ops.is_empty() => self.notes.push(Note::Verb {
                    text: word,
                    op: asked_ops.first().copied().unwrap_or_default(),
                }),
                // "use", "take", "you need": no change to draw is expected.
                Some(v) if !v.expects_change() => {}
                None => {}
                Some(_) if !acts_on_thing => {}
                Some(_) => {
                    asked = true;
                    self.unclear(word, "found nothing in view to do this to");
                }
            }
        }
        // The parts the clause changed, and where they were put.
        let mut touched: Vec<String> = new_ops.iter().flat_map(|op| op.parts()).cloned().collect();
        let targets: Vec<String> = touched
            .iter()
            .filter_map(|id| registry.part(id))
            .filter_map(|p| p.placement.target.clone())
            .collect();
        touched.extend(targets);
        for phrase in phrases {
            if !phrase.words.is_empty() {
                self.judge_phrase(registry, phrase, &touched, asked);
            }
        }
    }

    fn judge_phrase(
        &mut self,
        registry: &mut PartRegistry,
        phrase: &Phrase,
        touched: &[String],
        asked: bool,
    ) {
        let text = phrase.name();
        if registry.consumable(phrase).is_some() {
            // "a coat of clear varnish", "a bead of glue".
            self.understood(text, "a material used up, not drawn as a part".into());
            return;
        }
        match registry.classify(phrase) {
            Head::Focus | Head::Nothing | Head::Consumable(..) => {}
            Head::Tool(tool) => self.understood(text, format!("a tool ({})", tool.label())),
            Head::Whole => self.understood(text, "the whole build".into()),
            // "part A": a part of its own, made from a name no table knows.
            Head::Unknown
                if phrase
                    .words
                    .last()
                    .is_some_and(|w| crate::words::is_lettered_piece(w)) =>
            {
                let ids = registry.look_up(phrase);
                match ids
                    .iter()
                    .find(|id| touched.contains(id))
                    .and_then(|id| registry.part(id))
                {
                    Some(part) => self.understood(text, format!("the part “{}”", part.name)),
                    None if !asked => {}
                    None => self.unclear(text, "named, but no change to it was understood"),
                }
            }
            Head::Unknown => {
                let generic = phrase
                    .words
                    .last()
                    .and_then(|w| registry.nouns.iter().position(|n| n == w))
                    .and_then(|i| registry.parts.get(i))
                    .filter(|p| p.kind == PartKind::Generic);
                let reason = if generic.is_some() {
                    "unknown noun, drawn as a plain box"
                } else {
                    "unknown noun, not drawn"
                };
                self.unclear(text, reason);
            }
            head @ (Head::Thing(_) | Head::Feature { .. } | Head::Piece { .. }) => {
                let mut ids = registry.look_up(phrase);
                if let (true, Head::Thing(noun)) = (ids.is_empty(), head) {
                    // "a spare slat" is new each time it is named: the last
                    // part made of that noun.
                    let last = registry.nouns.iter().rposition(|n| n == noun.canonical);
                    ids.extend(
                        last.and_then(|i| registry.parts.get(i))
                            .map(|p| p.id.clone()),
                    );
                }
                let used = ids.iter().find(|id| touched.contains(id));
                match used.and_then(|id| registry.part(id)) {
                    Some(part) => {
                        self.understood(text, format!("the part “{}”", part.name));
                    }
                    // A known noun in a sentence that asks for no change
                    // ("This vase looks great") is not a miss.
                    None if !asked => {}
                    None => self.unclear(text, "named, but no change to it was understood"),
                }
            }
        }
    }

    /// Notes the registry made in this step that no clause judged (an
    /// unknown tool of the step's tool list).
    pub(crate) fn add_registry_notes(&mut self, registry: &PartRegistry) {
        for u in registry
            .unresolved
            .iter()
            .filter(|u| u.step == registry.step)
        {
            let known = self.notes.iter().any(|n| match n {
                Note::Unclear { text, .. } => *text == u.text,
                _ => false,
            });
            if !known {
                self.unclear(u.text.clone(), &u.note);
            }
        }
    }

    /// The reading of the step, with verbs described by the plain words of
    /// the operations they became.
    fn finish(self, actions: &[String], materials_only: bool) -> StepReading {
        if materials_only {
            return StepReading {
                confidence: 1.0,
                materials_only: true,
                ..StepReading::default()
            };
        }
        let mut understood: Vec<Understood> = Vec::new();
        let mut unresolved: Vec<Unclear> = Vec::new();
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        for note in self.notes {
            match note {
                Note::Verb { text, op } => {
                    let meaning = actions.get(op).cloned().unwrap_or_else(|| text.clone());
                    if !understood.iter().any(|u| same(&u.text, &text)) {
                        understood.push(Understood { text, meaning });
                    }
                }
                Note::Phrase { text, meaning } => {
                    if !understood.iter().any(|u| same(&u.text, &text)) {
                        understood.push(Understood { text, meaning });
                    }
                }
                Note::Unclear { text, reason } => {
                    if !unresolved.iter().any(|u| same(&u.text, &text)) {
                        unresolved.push(Unclear { text, reason });
                    }
                }
            }
        }
        // A word used somewhere in the step is not also shown as missed.
        unresolved.retain(|u| !understood.iter().any(|k| same(&k.text, &u.text)));
        let judged = understood.len() + unresolved.len();
        let confidence = if judged == 0 {
            1.0
        } else {
            round2(understood.len() as f64 / judged as f64)
        };
        StepReading {
            confidence,
            understood,
            unresolved,
            materials_only: false,
        }
    }
}

/// Puts a request's steps' notes and its plan together into a reading.
pub(crate) fn reading(request: &GuideRequest, plan: &Plan, notes: Vec<StepNotes>) -> PlanReading {
    let steps: Vec<StepReading> = notes
        .into_iter()
        .enumerate()
        .map(|(i, notes)| {
            let actions = step_actions(&PromptInput {
                request,
                plan,
                step_index: i,
            });
            let materials_only = plan.steps.get(i).is_some_and(|s| s.materials_only);
            notes.finish(&actions, materials_only)
        })
        .collect();
    let building: Vec<f64> = steps
        .iter()
        .filter(|s| !s.materials_only)
        .map(|s| s.confidence)
        .collect();
    let confidence = if building.is_empty() {
        1.0
    } else {
        round2(building.iter().sum::<f64>() / building.len() as f64)
    };
    PlanReading { confidence, steps }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
