//! The offline text-to-plan extractor: reads a request's title, materials
//! and step texts and compiles them into an assembly [`Plan`].
//!
//! It works from a lexicon of objects, materials, tools and verbs (see
//! [`lexicon`] and [`verbs`]) and a shallow reading of imperative sentences
//! ([`clause`]). A part is created in the step that first uses it, never
//! before; a step that only lists materials builds nothing; nouns it does
//! not know become generic parts or notes in `unresolved`, so nothing is
//! dropped silently and a person can fix the plan by hand.

pub mod clause;
pub mod color;
mod crafts;
pub mod lexicon;
mod ops;
pub mod reading;
mod resolve;
pub mod score;
mod spelling;
mod tag;
pub mod verbs;
pub mod wordnet;
pub mod words;

use lexicon::Role;
use plan::model::{Plan, PlanStep, Tool};
use plan::request::{GuideRequest, StepText};
pub use reading::{Extraction, PlanReading, StepReading};
use resolve::{Head, MaterialInfo, PartRegistry};

/// Compiles a request into a plan. A hand-written `plan` in the request is
/// returned as it is.
pub fn plan_for(request: &GuideRequest) -> Plan {
    match &request.plan {
        Some(plan) => plan.clone(),
        None => extract(request),
    }
}

/// The request's plan with what was understood of its text: a hand-written
/// plan as it is and no reading, else the extracted plan and its reading.
pub fn read(request: &GuideRequest) -> Extraction {
    match &request.plan {
        Some(plan) => Extraction {
            plan: plan.clone(),
            reading: None,
        },
        None => {
            let (plan, notes) = extract_with_notes(request);
            let reading = reading::reading(request, &plan, notes);
            Extraction {
                plan,
                reading: Some(reading),
            }
        }
    }
}

/// Compiles a request's text into a plan, ignoring any hand-written plan.
pub fn extract(request: &GuideRequest) -> Plan {
    extract_with_notes(request).0
}

fn extract_with_notes(request: &GuideRequest) -> (Plan, Vec<reading::StepNotes>) {
    let mut registry = PartRegistry {
        materials: request
            .materials
            .iter()
            .map(String::as_str)
            .chain(title_material(&request.title))
            .flat_map(material_info)
            .collect(),
        whole_words: whole_words(&request.title),
        title_head: title_head(&request.title),
        ..PartRegistry::default()
    };
    // "Wind Chimes" whose materials list "Chimes (I used 5)": the chimes
    // are parts of the build, not the build itself.
    let listed: Vec<String> = request
        .materials
        .iter()
        .flat_map(|m| clause::noun_phrases(m))
        .filter_map(|p| p.words.last().cloned())
        .collect();
    registry.whole_words.retain(|w| !listed.contains(w));
    if registry
        .title_head
        .as_ref()
        .is_some_and(|h| listed.contains(h))
    {
        registry.title_head = None;
    }
    let mut steps = Vec::with_capacity(request.steps.len());
    let mut notes = Vec::with_capacity(request.steps.len());
    for (i, text) in request.steps.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        registry.step = number;
        let is_last = i + 1 == request.steps.len();
        let (step, step_notes) = extract_step(&mut registry, number, text, is_last);
        steps.push(step);
        notes.push(step_notes);
    }
    take_out_formers(&registry, &mut steps);
    let plan = Plan {
        title: request.title.clone(),
        parts: registry.parts,
        steps,
        unresolved: registry.unresolved,
        framing: None,
    };
    (plan, notes)
}

fn extract_step(
    registry: &mut PartRegistry,
    number: u32,
    text: &StepText,
    is_last: bool,
) -> (PlanStep, reading::StepNotes) {
    let mut step = PlanStep {
        number,
        title: text.title.clone(),
        ops: Vec::new(),
        tools: Vec::new(),
        materials_only: is_materials_only(text),
        complete: false,
    };
    let mut out = ops::StepOps::default();
    for tool in &text.tools {
        match tool_named(tool) {
            Some(t) => {
                out.named_tools = true;
                if !out.tools.contains(&t) {
                    out.tools.push(t);
                }
            }
            None => registry.note(tool.clone(), "unknown tool, not drawn"),
        }
    }
    if step.materials_only {
        // "Have ten or more sheets of tissue paper": what a listing step
        // names is listed, as if in the request's materials.
        for info in material_info(&text.description) {
            if !registry.materials.iter().any(|m| m.words == info.words) {
                registry.materials.push(info);
            }
        }
        step.tools = out.tools;
        return (step, out.notes);
    }
    let before = registry.present.clone();
    read_text(registry, &mut out, &text.description);
    if !changes_view(&out.ops, &before) {
        // A step whose description changes nothing may say it in its title
        // ("Add soil", "Plant", "Score the bottle").
        read_text(registry, &mut out, &text.title);
    }
    // "Attach Blades", "Preparing Motor Guard": a title names what the step
    // makes; a thing it names that the text never brought in is shown.
    show_title_things(registry, &mut out, &text.title);
    out.notes.add_registry_notes(registry);
    step.ops = out.ops;
    step.tools = out.tools;
    // "Enjoy!", "Your paper holder is ready": the finished build, in full.
    step.complete = !changes_view(&step.ops, &before)
        && (says_finished(&text.title) || says_finished(&text.description) || is_last);
    (step, out.notes)
}

/// Whether operations change what is in view: anything but adding a part
/// already there.
fn changes_view(ops: &[plan::model::Operation], present: &[String]) -> bool {
    ops.iter().any(|op| match op {
        plan::model::Operation::Add { part } => !present.contains(part),
        _ => true,
    })
}

fn show_title_things(registry: &mut PartRegistry, out: &mut ops::StepOps, title: &str) {
    let phrases: Vec<clause::Phrase> = clause::parse(title)
        .into_iter()
        .flatten()
        .filter(|c| !c.subordinate)
        .flat_map(|c| {
            let preps = c.preps.into_iter().map(|(_, p)| p);
            c.objects.into_iter().chain(preps).collect::<Vec<_>>()
        })
        .collect();
    for phrase in phrases {
        // Only a thing never shown: one the text worked on stays as it is.
        let known = registry.resolve(&phrase, false);
        let shown_before = known
            .iter()
            .any(|id| registry.present.contains(id) || registry.born_earlier(id));
        if !matches!(registry.classify(&phrase), Head::Thing(_)) || shown_before {
            continue;
        }
        for id in registry.resolve(&phrase, true) {
            out.push(registry, plan::model::Operation::Add { part: id });
        }
    }
}

fn read_text(registry: &mut PartRegistry, out: &mut ops::StepOps, text: &str) {
    for sentence in clause::sentences(before_questions_answered(text)) {
        let written: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        if points_ahead(&written) || never_done(&written) {
            continue;
        }
        let words: Vec<String> = sentence
            .clauses
            .iter()
            .flat_map(|c| c.words.iter().cloned())
            .collect();
        registry.forming = says_forming(&words);
        for c in &sentence.clauses {
            ops::apply_clause(registry, out, c, &words);
        }
    }
    registry.forming = false;
}

/// The text before a question the author asks and answers as a heading
/// ("Which way should the motor rotate?: With a cheap motor ..."): from
/// there on the step explains or tests, and the things that explanation
/// touches are not the build.
fn before_questions_answered(text: &str) -> &str {
    let Some(mark) = text.find("?:") else {
        return text;
    };
    let start = text[..mark]
        .rfind(['.', '!', '?', ':', '\n'])
        .map_or(0, |i| i + 1);
    &text[..start]
}

/// Whether a sentence tells of work a later step does ("this is where
/// you'll later attach a wire", "you will attach the legs in the next
/// step"): nothing of it is built now.
fn points_ahead(words: &[&str]) -> bool {
    let future = words.contains(&"will");
    let later = words.contains(&"later");
    let step_ahead = words.windows(2).any(|w| {
        matches!(w[0], "next" | "following" | "later" | "future" | "coming")
            && matches!(w[1], "step" | "steps")
    });
    (future && later) || step_ahead
}

/// Whether a sentence tells of what could have been done but was not ("I
/// also could have put some triangle braces between the legs", "you could
/// have used a table saw"), or of what is not needed.
fn never_done(words: &[&str]) -> bool {
    let counterfactual = words.windows(2).any(|w| {
        matches!(w[0], "could" | "would" | "should" | "might") && matches!(w[1], "have" | "of")
    });
    // "you don't need a current limiting resistor": what is not needed is
    // not used.
    let not_needed = words.windows(3).any(|w| {
        matches!(w[0], "don't" | "dont" | "doesn't" | "not" | "no")
            && matches!(w[1], "need" | "needs")
            || matches!(w[1], "don't" | "dont" | "doesn't" | "not" | "no")
                && matches!(w[2], "need" | "needs")
    });
    counterfactual || not_needed
}

/// Whether a sentence says something is being made: "to create a
/// cylinder", "I created the case by wrapping", "shape it into a shade",
/// "use it as the form".
fn says_forming(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "create"
                | "creates"
                | "created"
                | "creating"
                | "form"
                | "forms"
                | "formed"
                | "forming"
                | "former"
                | "mould"
                | "mold"
                | "mandrel"
                | "shape"
                | "shaped"
                | "shaping"
        )
    })
}

/// Formers a later step never names again are taken out at the end of the
/// step that used them: the lipstick tube a casing was rolled on is not
/// part of the pump.
fn take_out_formers(registry: &PartRegistry, steps: &mut [PlanStep]) {
    for (id, step) in &registry.formers {
        if registry.named_in.get(id).is_some_and(|last| last > step) {
            continue;
        }
        let Some(plan_step) = steps.get_mut((*step as usize).saturating_sub(1)) else {
            continue;
        };
        let removed = plan_step
            .ops
            .iter()
            .any(|op| matches!(op, plan::model::Operation::Remove { part } if part == id));
        if !removed {
            plan_step
                .ops
                .push(plan::model::Operation::Remove { part: id.clone() });
        }
    }
}

/// Steps that only list what you need: found by what they contain, not by
/// an exact title. A listing title ("Material and Tools", "Requirements",
/// "Things you need") whose text gives no instruction on a named part, a
/// text that opens with "you need" and does nothing else, or a bare list
/// of nouns (tools and materials with no verb acting on them).
fn is_materials_only(text: &StepText) -> bool {
    let title = text.title.to_lowercase();
    let description = text.description.to_lowercase();
    if listing_title(&title) && (!instructs(&description) || lists_by_line(&description)) {
        return true;
    }
    if opens_gathering(&description) || announces_list(&description) && !instructs(&description) {
        return true;
    }
    let opens_with_need = [
        "you need",
        "you will need",
        "you'll need",
        "you would need",
        "things you need",
        "things needed",
        "what you need",
        "what you'll need",
        "materials needed",
        "materials required",
        "materials:",
        "material:",
        "requirements",
        "supplies:",
        "tools:",
        "gather ",
        "collect ",
    ];
    if opens_with_need
        .iter()
        .any(|p| description.trim_start().starts_with(p))
        && clause::parse(&description).iter().flatten().all(|c| {
            c.verb.is_none_or(|v| !v.expects_change())
                // "Gather the bloom around the pipe cleaner" builds.
                && !c.preps.iter().any(|(p, _)| {
                    matches!(p, words::Prep::Around | words::Prep::Into | words::Prep::Onto)
                })
        })
    {
        return true;
    }
    is_bare_list(&description)
        && (title.is_empty() || is_bare_list(&title) || listing_title(&title))
}

/// Whether a title announces a list of materials or tools.
fn listing_title(title: &str) -> bool {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let listing_word = words.iter().any(|w| {
        matches!(
            *w,
            "material"
                | "materials"
                | "supplies"
                | "supply"
                | "tools"
                | "requirement"
                | "requirements"
                | "ingredients"
                | "components"
                | "equipment"
                | "needed"
                | "required"
        )
    });
    let you_need = has("need") && (has("you") || has("things") || has("what"));
    let shopping = has("shopping") || (has("parts") && has("list"));
    // "Materials" alone or with a few words; a long title that merely
    // mentions tools ("Using the tools to cut the frame") is a step.
    (listing_word || you_need || shopping) && words.len() <= 6
}

/// Whether a text instructs something done to a named thing ("Cut the
/// bottle", "glue it"): a known operation verb with a definite or pronoun
/// object.
fn instructs(text: &str) -> bool {
    clause::parse(text).iter().flatten().any(|c| {
        // "Lay out the crate, four legs and the board": set out, not built.
        let laid_out = c.verb == Some(verbs::Verb::Place)
            && c.particles.contains(&words::Prep::Off)
            && c.preps.is_empty();
        c.verb
            .is_some_and(|v| v.expects_change() && !c.unknown_verb)
            && !laid_out
            && c.objects.iter().any(|o| o.definite || o.pronoun)
    })
}

/// A text of three or more lines, most of them short and none but a few
/// an instruction: a list written one item per line ("Baking parchment",
/// "Sewing machine", "Iron + ironing board"), whatever an aside in one
/// line says.
fn lists_by_line(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < 3 {
        return false;
    }
    let short = lines
        .iter()
        .filter(|l| l.split_whitespace().count() <= 6)
        .count();
    let instructing = lines.iter().filter(|l| instructs(l)).count();
    2 * short >= lines.len() && 3 * instructing < lines.len()
}

/// "Aside from a clean plastic bottle, here are the tools needed: pliers,
/// awl, ...": the words before the first colon announce a list of what is
/// needed.
fn announces_list(description: &str) -> bool {
    let Some((lead, _)) = description.split_once(':') else {
        return false;
    };
    lead.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            matches!(
                w,
                "materials"
                    | "supplies"
                    | "tools"
                    | "items"
                    | "ingredients"
                    | "need"
                    | "needed"
                    | "required"
            )
        })
}

/// "Collect materials: I had most of these ...", "Gather all your
/// supplies.": a text that opens by gathering the materials is the list,
/// whatever chatter follows.
fn opens_gathering(description: &str) -> bool {
    let words: Vec<&str> = description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let gathers = matches!(
        *first,
        "collect" | "gather" | "get" | "assemble" | "prepare" | "find" | "buy"
    ) || (*first == "lay" && rest.first() == Some(&"out"));
    let list = |w: &str| {
        matches!(
            w,
            "materials" | "supplies" | "tools" | "items" | "things" | "stuff" | "ingredients"
        )
    };
    let lead = |w: &str| {
        matches!(
            w,
            "the" | "your" | "all" | "some" | "of" | "together" | "up" | "out"
        )
    };
    gathers && rest.iter().take_while(|w| !list(w)).all(|w| lead(w)) && rest.iter().any(|w| list(w))
}

/// A text that is only a list of things: no determiner, pronoun or
/// sentence verb anywhere, and at least two tools or materials named
/// ("Drilling machine Screwdriver Flat File Scale").
fn is_bare_list(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 2 {
        return false;
    }
    let glue = |w: &str| {
        words::is_determiner(w) && !matches!(w, "of" | "some" | "any" | "few" | "several" | "more")
            || words::is_pronoun(w)
            || matches!(
                w,
                "i" | "we" | "you" | "is" | "are" | "was" | "will" | "should"
            )
    };
    if words.iter().any(|w| glue(w)) {
        return false;
    }
    // A text that opens with an operation verb is an instruction ("Glue
    // cardboard pieces together"); an "-ing" word opens a noun ("drilling
    // machine").
    let first = words[0].as_str();
    if verbs::verb(first).is_some() && !first.ends_with("ing") && lexicon::lookup(first).is_none() {
        return false;
    }
    let singular: Vec<String> = words.iter().map(|w| words::singular(w)).collect();
    let named = (0..singular.len())
        .filter(|&end| {
            lexicon::lookup_tail(&singular[..=end]).is_some_and(|(n, _)| {
                matches!(
                    n.role,
                    Role::Tool(_) | Role::Consumable(_) | Role::Part(_) | Role::Fill(..)
                )
            })
        })
        .count();
    named >= 2
}

/// Words that say the build is finished and only shown or used.
fn says_finished(text: &str) -> bool {
    let text = text.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    has("enjoy")
        || has("voila")
        || has("done")
        || has("finished")
        || has("ready")
        || has("complete")
        || has("completed")
        || has("admire")
        || has("showcase")
        || text.contains("that's it")
        || text.contains("final product")
        || text.contains("final result")
        || text.contains("end result")
}

/// Reads one materials-list entry ("24 wine corks", "mason jar with lid").
fn material_info(text: &str) -> Vec<MaterialInfo> {
    let registry = PartRegistry::default();
    // A listed item is a noun phrase, never an instruction: "paper" is
    // the paper, not "to paper"; "rolls" are rolls.
    let phrases = clause::noun_phrases(text);
    let mut out = Vec::new();
    for phrase in &phrases {
        let listed = phrase.words.clone();
        let form = phrase
            .of
            .as_ref()
            .and_then(|_| lexicon::lookup_tail(&phrase.words))
            .map(|(n, _)| n.canonical)
            .filter(|c| lexicon::is_form(c))
            .map(str::to_string);
        let noun = match registry.classify(phrase) {
            Head::Thing(noun) => Some((noun, phrase.clone())),
            Head::Piece { of: Some(of), .. } => match registry.classify(&of) {
                Head::Thing(noun) => Some((noun, of)),
                _ => None,
            },
            Head::Consumable(..) => {
                lexicon::lookup_tail(&phrase.words).map(|(n, _)| (n, phrase.clone()))
            }
            _ => None,
        };
        let Some((noun, phrase)) = noun else {
            continue;
        };
        let written = &phrase.written;
        let keep = written
            .len()
            .saturating_sub(trailing_piece_words(&phrase.words));
        out.push(MaterialInfo {
            canonical: noun.canonical.to_string(),
            words: phrase.words.clone(),
            name: written[..keep].join(" "),
            listed,
            count: phrase.count,
            color: phrase.colors.first().map(|c| c.color.clone()),
            form: form.clone(),
        });
    }
    out
}

/// How many words at the end of a phrase are piece words ("offcuts", "kit").
fn trailing_piece_words(words: &[String]) -> usize {
    words
        .iter()
        .rev()
        .take_while(|w| matches!(lexicon::lookup(w).map(|n| n.role), Some(Role::Shape(_))))
        .count()
}

/// Title words that name the whole build rather than a part of it.
fn whole_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| words::singular(&w.to_lowercase()))
        .filter(|w| {
            !w.is_empty()
                && !words::is_adjective(w)
                && !words::is_determiner(w)
                && !matches!(
                    lexicon::lookup(w).map(|n| n.role),
                    Some(Role::Part(_) | Role::Fill(..) | Role::Tool(_))
                )
        })
        .collect()
}

/// "Fold a CD Cover from a Sheet of Copy Paper": what a title says the
/// thing is made from is a material, listed after any the request lists.
fn title_material(title: &str) -> Option<&str> {
    let lower = title.to_lowercase();
    [" from ", " out of ", " using "]
        .iter()
        .filter_map(|sep| lower.find(sep).map(|i| i + sep.len()))
        .min()
        .and_then(|i| title.get(i..))
}

/// The noun a title's thing is named by: the last word before any
/// "from", "with", "for"... ("Paper Holder From Plastic Bottles": holder).
fn title_head(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.as_slice() {
        ["how", "to", rest @ ..] => rest,
        all => all,
    };
    let end = words
        .iter()
        .skip(1)
        .position(|w| {
            matches!(
                *w,
                "from" | "with" | "for" | "using" | "out" | "into" | "in" | "on" | "by" | "without"
            )
        })
        .map_or(words.len(), |i| i + 1);
    let head = words.get(..end)?.last()?;
    (!words::is_adjective(head) && head.chars().all(char::is_alphabetic))
        .then(|| words::singular(head))
}

fn tool_named(text: &str) -> Option<Tool> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(words::singular)
        .collect();
    (0..words.len()).rev().find_map(|end| {
        match lexicon::lookup_tail(&words[..=end]).map(|(n, _)| n.role) {
            Some(Role::Tool(t)) => Some(t),
            Some(Role::Consumable(c)) => c.tool(),
            Some(Role::Part(_)) if words[end] == "tape" => Some(Tool::Tape),
            _ => None,
        }
    })
}
