//! Reads imperative step text into clauses: a verb, its objects, and the
//! prepositional phrases that say where and with what.
//!
//! This is a shallow reading made for build steps ("Glue the tubes upright
//! inside the box", "Fill the bottle two thirds full with potting soil"), not
//! a general parser: clauses start at a verb, noun phrases run until a
//! preposition, a conjunction or punctuation.

use super::color::{match_color, ColorMatch};
use super::tag::{is_subject, tag_tokens, Tag};
use super::verbs::{verb, Verb};
use super::words::{
    is_adjective, is_be, is_coordinator, is_determiner, is_filler, is_pronoun, is_subordinator,
    number_with_unit, number_word, prep, singular, tokenize, unit_cm, Prep, Token,
};

/// A noun phrase as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Phrase {
    /// Content words, singular and lower-case, modifiers first.
    pub words: Vec<String>,
    /// Content words as written (for names).
    pub written: Vec<String>,
    /// An explicit quantity ("four planks", "3 jars").
    pub count: Option<u32>,
    /// The last content word was plural.
    pub plural: bool,
    /// Colours among the modifiers.
    pub colors: Vec<ColorMatch>,
    /// "the", "this", "its": a thing already known.
    pub definite: bool,
    /// "each"/"every": one per copy of the thing named.
    pub each: bool,
    /// "spare", "another", "extra", "new": a new part, not one in view.
    pub fresh: bool,
    /// "the other 5 shells": the count is of those still to make, one or
    /// more having been made already.
    pub others: bool,
    /// "it", "them": the part in focus.
    pub pronoun: bool,
    /// A measurement in cm before the noun ("3 cm of gravel", "15 cm pieces").
    pub measure_cm: Option<f64>,
    /// "X of Y": the Y.
    pub of: Option<Box<Phrase>>,
    /// "X's Y": the X.
    pub possessor: Option<Box<Phrase>>,
    /// "your hand", "my lap": the reader's or author's own.
    pub personal: bool,
}

impl Phrase {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && !self.pronoun
    }

    /// The phrase's name as a person would write it, without determiners.
    pub fn name(&self) -> String {
        self.written.join(" ")
    }
}

/// One clause: at most one verb and what it acts on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clause {
    pub verb: Option<Verb>,
    /// The verb as written ("spray", "hot-glue").
    pub verb_word: Option<String>,
    /// Direct objects; several when coordinated ("basil, parsley and mint").
    pub objects: Vec<Phrase>,
    pub preps: Vec<(Prep, Phrase)>,
    /// Prepositions with no noun after them ("cut off", "put in").
    pub particles: Vec<Prep>,
    /// Colours not inside a noun phrase ("paint the crates white").
    pub colors: Vec<ColorMatch>,
    /// A purpose or condition ("so it is 10 cm high", "to form a handle").
    pub subordinate: bool,
    /// The verb is not one the extractor knows.
    pub unknown_verb: bool,
    /// The verb follows a subject ("This jar looks great", "the paint
    /// dries"): a statement about the build rather than an instruction.
    pub statement: bool,
    /// Every word of the clause, lower-case, for phrase scans.
    pub words: Vec<String>,
    /// Numbers of the clause with the word after each ("10 cm").
    pub measures: Vec<(f64, String)>,
}

impl Clause {
    pub fn has_word(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    /// Whether the words appear in a row.
    pub fn has_words(&self, phrase: &[&str]) -> bool {
        self.words
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
    }

    /// The first phrase after `p`.
    pub fn prep(&self, p: Prep) -> Option<&Phrase> {
        self.preps.iter().find(|(q, _)| *q == p).map(|(_, ph)| ph)
    }
}

/// Where the next noun phrase goes.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Object,
    Prep(Prep),
    Of,
}

/// Splits text into sentences, then clauses.
pub fn parse(text: &str) -> Vec<Vec<Clause>> {
    sentences(text).into_iter().map(|s| s.clauses).collect()
}

/// One sentence: every word as written (auxiliaries and adverbs too, which
/// clauses leave out) and its clauses.
pub struct Sentence {
    pub words: Vec<String>,
    pub clauses: Vec<Clause>,
}

/// Splits text into sentences, each with its words and its clauses.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let tokens = without_reminders(tokenize(text));
    tokens
        .split(|t| *t == Token::Stop)
        .filter(|s| !s.is_empty())
        .map(|s| Sentence {
            words: s
                .iter()
                .filter_map(|t| match t {
                    Token::Word(w) => Some(w.clone()),
                    _ => None,
                })
                .collect(),
            clauses: parse_sentence(&without_task_frame(s)),
        })
        .collect()
}

/// "all you have to do is attach the ends", "what you need to do now is
/// glue it": the words that announce the task frame the instruction
/// after them, from the sentence's start or its last comma.
fn without_task_frame(tokens: &[Token]) -> Vec<Token> {
    let is = |k: usize, w: &str| matches!(tokens.get(k), Some(Token::Word(x)) if x == w);
    // "have to" is gone by now ("all you do is attach").
    let Some(at) = (1..tokens.len()).find(|&k| {
        is(k, "do")
            && (is(k + 1, "is") || is(k + 1, "now") && is(k + 2, "is"))
            && (k.saturating_sub(4)..k).any(|j| is(j, "you") || is(j, "we"))
    }) else {
        return tokens.to_vec();
    };
    let end = if is(at + 1, "is") { at + 2 } else { at + 3 };
    let start = tokens[..end]
        .iter()
        .rposition(|t| *t == Token::Comma)
        .map_or(0, |c| c + 1);
    let mut out = tokens[..start].to_vec();
    out.extend_from_slice(&tokens[end..]);
    out
}

/// Reads a listed item ("4 toilet paper rolls", "small piece of plywood,
/// masonite") as noun phrases only: a list names things, it never
/// instructs, so no word in it is read as a verb.
pub fn noun_phrases(text: &str) -> Vec<Phrase> {
    let tokens = without_offered_alternative(tokenize(text));
    let mut reader = ClauseReader::default();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Comma | Token::Stop => {
                reader.end_phrase();
                reader.slot = None;
            }
            Token::Number(n) if counts_bracketed(&tokens, i) && reader.count_last(*n) => {}
            Token::Number(n) => reader.number(*n, word_at(&tokens, i + 1)),
            Token::Word(w) if is_coordinator(w) => {
                reader.end_phrase();
                reader.slot = None;
            }
            Token::Word(w) => reader.word(w, word_at(&tokens, i + 1)),
        }
    }
    let clause = reader.finish();
    let preps = clause.preps.into_iter().map(|(_, p)| p);
    clause.objects.into_iter().chain(preps).collect()
}

/// Whether `w`, after a phrase whose last word names a thing and at the end
/// of the phrase, is an adjective saying how the work leaves it ("the log
/// perpendicular", "the box flat"): a word WordNet knows at least as often
/// as an adjective as a noun.
fn says_how_it_ends(words: &[String], w: &str, next: Option<&str>) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let noun_before = crate::lexicon::lookup(&singular(last)).is_some()
        || crate::wordnet::noun(&singular(last)).is_some();
    let at_end = next.is_none_or(|n| {
        prep(n).is_some() || is_coordinator(n) || is_subordinator(n) || n.parse::<f64>().is_ok()
    });
    let adjective = !w.ends_with("ing")
        && crate::wordnet::pos(w).is_some_and(|p| p.is_adj && p.adj >= p.noun)
        && crate::lexicon::lookup(w).is_none()
        && match_color(&[w]).is_none();
    noun_before && at_end && adjective
}

/// Whether the comma at `i` stands between adjectives of one noun phrase:
/// a determiner, adjectives (the last may read as a noun: "old"), the
/// comma, then an adjective before a noun or another adjective.
fn lists_adjectives(tags: &[Tag], i: usize) -> bool {
    // "an old, clean tin can"; "a small, plain, paper bag", where the
    // last comma comes before the noun itself.
    let before_noun = i >= 2
        && tags[i - 1] == Tag::Adj
        && tags[i - 2] == Tag::Punct
        && tags.get(i + 1) == Some(&Tag::Noun);
    if i == 0
        || !before_noun
            && (tags.get(i + 1) != Some(&Tag::Adj)
                || !matches!(tags.get(i + 2), Some(Tag::Adj | Tag::Noun))
                || !matches!(tags[i - 1], Tag::Adj | Tag::Noun))
    {
        return false;
    }
    tags[..i - 1]
        .iter()
        .rev()
        .find(|t| **t != Tag::Adj)
        .is_some_and(|t| *t == Tag::Det)
}

/// "Make sure you cut the log", "be sure to sand the edges", "remember to
/// glue the lid", "don't forget to paint it": the words that remind frame
/// the instruction, whose verb is the one after them.
fn without_reminders(tokens: Vec<Token>) -> Vec<Token> {
    fn word(t: Option<&Token>) -> &str {
        match t {
            Some(Token::Word(w)) => w.as_str(),
            _ => "",
        }
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let (a, b) = (word(tokens.get(i)), word(tokens.get(i + 1)));
        let frame = match (a, b) {
            // "We once again built a frame": "again", no "once" that
            // opens a clause.
            ("once", "again" | "more") => 1,
            ("make" | "be" | "making", "sure") => 2,
            ("remember", "to") => 2,
            // "begin to bend the rope", "continue to glue".
            ("begin" | "start" | "continue" | "proceed", "to") => 2,
            // "You need to cut the bottom off", "you have to sand it".
            ("need" | "needs" | "have" | "has", "to")
                if matches!(
                    word(tokens.get(i.wrapping_sub(1))),
                    "you" | "we" | "i" | "will"
                ) =>
            {
                2
            }
            ("don't", "forget") | ("dont", "forget") => 2,
            // "After I finished cutting the door out", "keep wrapping":
            // the gerund after a verb of starting or going on is the verb.
            (
                "finish" | "finished" | "start" | "started" | "begin" | "began" | "keep" | "kept"
                | "continue" | "continued" | "try" | "tried",
                gerund,
            ) if gerund.ends_with("ing") && verb(gerund).is_some() => 1,
            ("do", "not") if word(tokens.get(i + 2)) == "forget" => 3,
            _ => 0,
        };
        if frame == 0 {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        // "After I finished cutting": "after cutting".
        if frame == 1 && b.ends_with("ing") {
            if let Some(Token::Word(w)) = out.last() {
                if matches!(w.as_str(), "i" | "we" | "you") {
                    out.pop();
                }
            }
        }
        i += frame;
        if matches!(word(tokens.get(i)), "to" | "that") {
            i += 1;
        }
    }
    out
}

/// "a jam jar, you can also use tin cans": the words that offer the
/// alternative ("you can also use") are no part of its name.
fn without_offered_alternative(tokens: Vec<Token>) -> Vec<Token> {
    let is = |t: Option<&Token>, f: fn(&str) -> bool| matches!(t, Some(Token::Word(w)) if f(w));
    let subject = |w: &str| matches!(w, "you" | "we" | "i" | "one");
    let modal = |w: &str| matches!(w, "can" | "could" | "may" | "might" | "should");
    let Some(start) =
        (0..tokens.len()).find(|&i| is(tokens.get(i), subject) && is(tokens.get(i + 1), modal))
    else {
        return tokens;
    };
    // Past the modal, any adverbs ("also", "even") and the verb ("use").
    let mut end = start + 2;
    while is(tokens.get(end), |w| {
        matches!(w, "also" | "even" | "just" | "instead")
    }) {
        end += 1;
    }
    if is(tokens.get(end), |w| {
        verb(w).is_some() || matches!(w, "use" | "try" | "substitute")
    }) {
        end += 1;
    }
    let mut out = tokens;
    out.splice(start..end, [Token::Comma]);
    out
}

/// "hex nut (4)": a count in brackets after the thing it counts.
fn counts_bracketed(tokens: &[Token], i: usize) -> bool {
    i >= 2
        && tokens.get(i - 1) == Some(&Token::Comma)
        && matches!(tokens.get(i - 2), Some(Token::Word(_)))
        && matches!(tokens.get(i + 1), None | Some(Token::Comma | Token::Stop))
}

fn word_at(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some(Token::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn parse_sentence(tokens: &[Token]) -> Vec<Clause> {
    let tags = tag_tokens(tokens);
    let mut clauses = Vec::new();
    let mut reader = ClauseReader::default();
    let mut i = 0;
    let mut at_start = true;
    // Clauses whose verb stands alone before "and" another verb.
    let mut shares_next = Vec::new();
    while i < tokens.len() {
        if at_start {
            at_start = false;
            // "until I had two legs": a subject and its auxiliary before no
            // verb the tagger found are no words of the phrase after them.
            if verb_at(tokens, &tags, i).is_none()
                && tags.get(i) == Some(&Tag::Pron)
                && word_at(tokens, i).is_some_and(is_subject)
            {
                let mut j = i + 1;
                while matches!(tags.get(j), Some(Tag::Aux | Tag::Adv)) {
                    j += 1;
                }
                if j > i + 1 {
                    // "I'm the only DIY'er ...", "we were happy with it":
                    // a subject and a form of "be" describe, build nothing.
                    if (i + 1..j).any(|k| word_at(tokens, k).is_some_and(|w| is_be(w) || w == "am"))
                    {
                        reader.clause.statement = true;
                    }
                    i = j;
                    continue;
                }
            }
            if let Some(j) = verb_at(tokens, &tags, i) {
                // "Now gently peel", "I used", "we have make": the words
                // before the verb carry nothing to build.
                i = j;
                let w = word_at(tokens, i).unwrap_or_default();
                let paired = || {
                    Verb::pairs(w)
                        .then(|| word_at(tokens, i + 1).and_then(verb))
                        .flatten()
                };
                match verb(w).or_else(paired) {
                    Some(v) => {
                        // "spray paint", "hot glue" as a verb pair: the
                        // second word says what happens.
                        let (v, used) = match word_at(tokens, i + 1).and_then(verb) {
                            Some(second) if Verb::pairs(w) => (second, 2),
                            _ => (v, 1),
                        };
                        // "smooth it out", "smooth out the fabric":
                        // flattening, not sanding.
                        let v = match w {
                            "smooth" if sentence_has(tokens, "out") => Verb::Other,
                            // "press them flat with an iron": pressing, not
                            // a press fit.
                            "press" if sentence_has(tokens, "flat") => Verb::Other,
                            // "Take any cardboard", "pull the yarn to the
                            // side": handled, not taken away ("take off the
                            // lid", "pull out the nail").
                            "take" | "took" | "taking" | "pull" | "pulling" | "pulled"
                                if !["off", "out", "away", "from", "apart"]
                                    .iter()
                                    .any(|p| clause_has(tokens, i, p)) =>
                            {
                                Verb::Other
                            }
                            // "snap off the top": a cut, not a press fit.
                            "snap" if sentence_has(tokens, "off") => Verb::Cut,
                            _ => v,
                        };
                        reader.clause.verb = Some(v);
                        reader.clause.verb_word = Some(w.to_string());
                        for k in i..i + used {
                            if let Some(w) = word_at(tokens, k) {
                                reader.clause.words.push(w.to_string());
                            }
                        }
                        i += used;
                    }
                    None => {
                        // "Crumple the tissue": an imperative we do not know.
                        reader.clause.verb = Some(Verb::Other);
                        reader.clause.verb_word = Some(w.to_string());
                        reader.clause.unknown_verb = true;
                        reader.clause.words.push(w.to_string());
                        i += 1;
                    }
                }
                continue;
            }
        }
        let token = &tokens[i];
        // "I figured I would post this": a subject with its auxiliary and
        // verb inside a clause opens a clause of its own.
        if i > 0
            && tags.get(i) == Some(&Tag::Pron)
            && word_at(tokens, i).is_some_and(is_subject)
            && matches!(tags.get(i + 1), Some(Tag::Aux))
            && verb_at(tokens, &tags, i).is_some()
            && reader.clause.verb.is_some()
        {
            clauses.push(reader.finish());
            at_start = true;
            continue;
        }
        // "Once that was done we attached the door": a subject and its
        // verb after a subordinate clause begin the main one.
        // "Inside the barrel I put the lights": after a place said first,
        // too.
        let fronted_place = reader.clause.verb.is_none()
            && reader.clause.objects.is_empty()
            && matches!(reader.slot, Some(Slot::Prep(_)));
        if i > 0
            && (reader.clause.subordinate || fronted_place)
            // "until you get a slab" is still the subordinate clause.
            && (reader.clause.verb.is_some()
                || reader.phrase_open()
                || !reader.clause.objects.is_empty())
            && tags.get(i) == Some(&Tag::Pron)
            && word_at(tokens, i).is_some_and(|w| matches!(w, "i" | "we" | "you" | "they"))
            && tags.get(i + 1) == Some(&Tag::Verb)
            && verb_at(tokens, &tags, i).is_some()
        {
            clauses.push(reader.finish());
            at_start = true;
            continue;
        }
        // "a helping hand I got from the discount store": a subject and a
        // past verb after a noun say where the thing came from; what
        // follows is a clause of its own.
        if i > 0
            && tags.get(i) == Some(&Tag::Pron)
            && word_at(tokens, i).is_some_and(is_subject)
            && tags.get(i - 1) == Some(&Tag::Noun)
            && reader.clause.verb.is_some()
            && word_at(tokens, i + 1).is_some_and(|v| {
                let past = v.ends_with("ed")
                    || crate::wordnet::verb_lemma(v).is_some_and(|l| l != v && !v.ends_with('s'));
                // "the bead you placed on the elastic" still says where
                // the bead is.
                past && !verb(v).is_some_and(Verb::builds)
            })
        {
            clauses.push(reader.finish());
            reader.clause.subordinate = true;
            i += 1;
            at_start = true;
            continue;
        }
        match token {
            // "an old, clean tin can": the tagger found adjectives listed in
            // one noun phrase, which the comma does not end.
            Token::Comma if lists_adjectives(&tags, i) => {}
            Token::Comma => {
                reader.end_phrase();
                // ", then glue", ", and tie": a verb after a comma starts a clause.
                let mut j = i + 1;
                while word_at(tokens, j).is_some_and(is_coordinator) {
                    j += 1;
                }
                // "the bowl, plate or stand": a noun listed before "or" is
                // no verb.
                let listed = word_at(tokens, j + 1).is_some_and(is_coordinator)
                    && word_at(tokens, j).is_some_and(|w| {
                        crate::lexicon::lookup(&singular(w)).is_some()
                            || crate::wordnet::noun(&singular(w)).is_some()
                    })
                    || ends_a_list(&reader.clause, tokens, j)
                        && word_at(tokens, j).is_some_and(|w| verb(w).is_none());
                if verb_at(tokens, &tags, j).is_some() && !listed {
                    clauses.push(reader.finish());
                    i = j;
                    at_start = true;
                    continue;
                }
            }
            Token::Number(n) if counts_bracketed(tokens, i) && reader.count_last(*n) => {}
            Token::Number(n) => reader.number(*n, word_at(tokens, i + 1)),
            Token::Word(w) => {
                let w = w.as_str();
                if let Some(participle) = passive_at(&reader, tokens, i) {
                    // "the casing must be removed from the cable": the
                    // subject is what the verb acts on.
                    reader.end_phrase();
                    reader.clause.verb = verb(participle);
                    reader.clause.verb_word = Some(participle.to_string());
                    reader.clause.words.push(w.to_string());
                    reader.clause.words.push(participle.to_string());
                    i += 2;
                    continue;
                }
                if is_be(w)
                    && reader.clause.verb.is_none()
                    && !reader.clause.subordinate
                    && word_at(tokens, i + 1).is_none_or(|n| verb(n).is_none())
                    && (reader.phrase_open() || !reader.clause.objects.is_empty())
                {
                    // "this step is very simple": the words before "is"
                    // are a subject, and the clause says how it is.
                    reader.end_phrase();
                    reader.clause.statement = true;
                    reader.clause.words.push(w.to_string());
                    i += 1;
                    continue;
                }
                if is_coordinator(w) {
                    reader.end_phrase();
                    reader.alternative = w == "or" && reader.last_phrase_slot().is_some();
                    if reader.slot == Some(Slot::Of) {
                        // "pieces of tissue paper and scrap material": the
                        // next thing is listed beside the pieces, not
                        // inside the tissue paper.
                        reader.slot = reader.of_owner.map(|(slot, _)| slot);
                        reader.of_owner = None;
                    }
                    if verb_at(tokens, &tags, i + 1).is_some()
                        && !ends_a_list(&reader.clause, tokens, i + 1)
                    {
                        let clause = reader.finish();
                        if clause.verb.is_some()
                            && clause.objects.is_empty()
                            && clause.preps.is_empty()
                            && clause.particles.is_empty()
                            && !clause.subordinate
                        {
                            // "Trim and singe the ribbon": both verbs act
                            // on what follows the second.
                            shares_next.push(clauses.len());
                        }
                        clauses.push(clause);
                        at_start = true;
                    }
                } else if w == "so"
                    && clauses.is_empty()
                    && reader.clause.words.is_empty()
                    && verb_at(tokens, &tags, i + 1) == Some(i + 1)
                {
                    // "So cut the hole in a side panel": "so" opening a
                    // sentence before a verb means "then".
                    at_start = true;
                } else if is_subordinator(w)
                    || relative_clause(tokens, &tags, i)
                    || w == "to" && starts_purpose(tokens, &tags, i + 1)
                    || w == "to" && after_use(&reader, tokens, i + 1)
                {
                    // "Use masking tape to stick the paper to the spoon":
                    // after "use", the purpose is the instruction itself.
                    let used = w == "to" && after_use(&reader, tokens, i + 1);
                    clauses.push(reader.finish());
                    reader.clause.subordinate = !used;
                    reader.clause.words.push(w.to_string());
                    if used {
                        let purpose = word_at(tokens, i + 1).unwrap_or_default();
                        if let Some(use_clause) = clauses.last_mut() {
                            use_as_instrument(use_clause, &mut reader.clause, purpose);
                        }
                        reader.set_verb(purpose);
                        i += 2;
                        continue;
                    }
                    at_start = true;
                } else if matches!(w, "before" | "after" | "by")
                    && word_at(tokens, i + 1).is_some_and(|g| {
                        // "by using a jacket": how, not a step of its own.
                        g.ends_with("ing") && verb(g).is_some() && g != "using"
                    })
                {
                    // "before sticking it to the roll", "after drilling the
                    // holes": an action of its own, in sequence.
                    clauses.push(reader.finish());
                    reader.set_verb(word_at(tokens, i + 1).unwrap_or_default());
                    i += 2;
                    continue;
                } else if (tags.get(i) == Some(&Tag::Verb)
                    // A present-tense or past verb; a base form after a
                    // fragment ("Step 3 bend the strips") is left alone.
                    && (w.ends_with('s') && !w.ends_with("ss") || w.ends_with("ed"))
                    || passive_participle(tokens, i))
                    && reader.clause.verb.is_none()
                    && !reader.clause.subordinate
                    && !reader.clause.statement
                    && verb_at(tokens, &tags, i) == Some(i)
                {
                    // "This jar looks great": the words before the verb
                    // are its subject, not something it acts on.
                    // "The jar holds water" states; "the bottle filled
                    // with water" is the narrative of a change, read as one,
                    // and "the hot plate is wired into the switch" too: the
                    // thing it happened to is what the verb acts on.
                    reader.end_phrase();
                    let narrated = w.ends_with("ed") || passive_participle(tokens, i);
                    // Only a plain subject: "the lid of the jar was glued"
                    // keeps nothing rather than half a phrase.
                    let plain = reader.clause.preps.is_empty();
                    let subject: Vec<Phrase> = if narrated && plain {
                        std::mem::take(&mut reader.clause.objects)
                            .into_iter()
                            .filter(|p| !p.pronoun)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    reader = ClauseReader::default();
                    reader.clause.statement = !narrated;
                    reader.clause.objects = subject;
                    at_start = true;
                    continue;
                } else if reader.phrase_open()
                    && w != "using"
                    && w.ends_with("ing")
                    && (verb(w).is_some() || crate::wordnet::verb_lemma(w).is_some())
                    && crate::lexicon::lookup(w).is_none()
                    && word_at(tokens, i + 1).is_some_and(|n| is_determiner(n) || is_pronoun(n))
                {
                    // "remove the sticks holding the wick": a participle
                    // after a noun says what the thing does; what follows
                    // is not acted on.
                    clauses.push(reader.finish());
                    reader.clause.subordinate = true;
                    reader.set_verb(w);
                } else if reader.phrase_open()
                    // "so the shoulders become the handles": a subject.
                    && !reader.clause.subordinate
                    && tags.get(i) == Some(&Tag::Verb)
                    && starts_run_on(tokens, i)
                {
                    // "take any cardboard mark circles on it": run-on text
                    // where a verb inside a noun phrase starts the next
                    // instruction.
                    clauses.push(reader.finish());
                    at_start = true;
                    continue;
                } else if matches!(
                    reader.clause.verb_word.as_deref(),
                    Some("start" | "begin" | "continue" | "keep" | "try" | "finish")
                ) && reader.clause.objects.is_empty()
                    && !reader.phrase_open()
                    && w.ends_with("ing")
                    && verb(w).is_some()
                {
                    // "Start wrapping the yarn": the gerund is what to do.
                    reader.clause = Clause::default();
                    reader.set_verb(w);
                } else if matches!(
                    reader.clause.verb_word.as_deref(),
                    Some("have" | "let" | "get" | "ask" | "help")
                ) && reader.phrase_open()
                    && reader.clause.objects.is_empty()
                    && reader.phrase_names_a_person()
                    && verb(w).is_some()
                {
                    // "Have your kids paint the can", "let a friend hold
                    // it": the person does the next verb, which is the
                    // instruction.
                    reader = ClauseReader::default();
                    reader.set_verb(w);
                } else if reader.clause.verb_word.as_deref() == Some("let")
                    && verb(w).is_some()
                    && (reader.phrase_open() || !reader.clause.objects.is_empty())
                {
                    // "let it deflate": the verb after "let" is what
                    // happens to the thing let.
                    let let_clause = reader.finish();
                    reader.set_verb(w);
                    reader.clause.objects = let_clause.objects.clone();
                    clauses.push(let_clause);
                } else if w == "using" {
                    clauses.push(reader.finish());
                    reader.slot = Some(Slot::Prep(Prep::Using));
                    reader.clause.words.push(w.to_string());
                } else if matches!(w, "out" | "off" | "up" | "down" | "apart")
                    && reader.clause.verb.is_some()
                    && reader.clause.objects.is_empty()
                    && reader.clause.preps.is_empty()
                    && !reader.phrase_open()
                    && matches!(tokens.get(i + 1), Some(Token::Number(_)))
                {
                    // "cut out 4 x 4 inch squares": a particle before a
                    // counted object leaves the object an object.
                    if let Some(p) = prep(w) {
                        reader.clause.particles.push(p);
                    }
                    reader.clause.words.push(w.to_string());
                } else {
                    reader.word(w, word_at(tokens, i + 1));
                }
            }
            Token::Stop => {}
        }
        i += 1;
    }
    clauses.push(reader.finish());
    // "Using the sticks, create a square": the phrase is the next
    // clause's material.
    // "make 48 strips by using PVC pipe": after a clause, the phrase is
    // that clause's material.
    for k in 0..clauses.len() {
        let using_only = clauses[k].verb.is_none()
            && clauses[k].objects.is_empty()
            && clauses[k].preps.iter().all(|(p, _)| *p == Prep::Using)
            && !clauses[k].preps.is_empty();
        if !using_only {
            continue;
        }
        let to = match k.checked_sub(1) {
            Some(before) if clauses[before].verb.is_some() => before,
            _ => k + 1,
        };
        if to < clauses.len() {
            let preps = std::mem::take(&mut clauses[k].preps);
            clauses[to].preps.extend(preps);
        }
    }
    // "In the jar, place the candle", "Inside the barrel I put the
    // lights": a place said first is where the next clause's verb puts
    // things.
    for k in 0..clauses.len() {
        let fronted = k == 0
            && clauses[k].verb.is_none()
            && clauses[k].objects.is_empty()
            && !clauses[k].subordinate
            && !clauses[k].statement
            && clauses[k].preps.iter().any(|(p, _)| p.places());
        // Only a verb that puts things somewhere: "In a pan, melt the
        // wax" melts it there, and the pan is no part of the build.
        let next_acts = clauses.get(k + 1).is_some_and(|c| {
            c.verb.is_some_and(|v| v.builds() || v == Verb::Apply) && !c.subordinate && !c.statement
        });
        if fronted && next_acts {
            let preps = std::mem::take(&mut clauses[k].preps);
            let next = &mut clauses[k + 1];
            for (p, phrase) in preps {
                if p.places() && next.prep(p).is_none() {
                    next.preps.push((p, phrase));
                }
            }
        }
    }
    for &k in &shares_next {
        if let Some(next) = clauses.get(k + 1).filter(|c| !c.subordinate).cloned() {
            if let Some(clause) = clauses.get_mut(k) {
                clause.objects = next.objects;
                clause.preps = next.preps;
                clause.particles = next.particles;
                clause.colors = next.colors;
            }
        }
    }
    for clause in &mut clauses {
        share_the_head(&mut clause.objects);
    }
    clauses.retain(|c| !c.words.is_empty());
    clauses
}

/// "must be removed", "is glued", "were drilled" after a subject and
/// before any verb of the clause: a passive, whose participle (a verb the
/// extractor knows) is the clause's verb.
fn passive_at<'t>(reader: &ClauseReader, tokens: &'t [Token], i: usize) -> Option<&'t str> {
    let w = word_at(tokens, i)?;
    if !matches!(w, "be" | "been" | "is" | "are" | "was" | "were")
        || reader.clause.verb.is_some()
        || reader.clause.subordinate
    {
        return None;
    }
    // A subject that names a known thing ("the casing", "it"), not talk
    // of "things" in general.
    let subject = if reader.phrase_open() {
        Some(&reader.phrase)
    } else {
        reader.clause.objects.last()
    };
    // "Soil was added": a bare noun opening the sentence names it too.
    let bare = reader.phrase_open() && reader.clause.words.len() == reader.phrase.words.len();
    let named = subject.is_some_and(|p| {
        (p.definite || p.pronoun || bare)
            && !p
                .words
                .last()
                .is_some_and(|w| matches!(w.as_str(), "thing" | "everything" | "all"))
    });
    if !named {
        return None;
    }
    let participle = word_at(tokens, i + 1)?;
    // "was cut", "is set": after "be", a verb is its participle whatever
    // its ending.
    verb(participle)
        .is_some_and(|v| v != Verb::Need)
        .then_some(participle)
}

/// "x", "×" or "x8": the sign between a count or dimensions.
fn is_times(w: &str) -> bool {
    let rest = w.strip_prefix('x').or_else(|| w.strip_prefix('×'));
    rest.is_some_and(|r| r.is_empty() || r.parse::<f64>().is_ok())
}

/// "can" (or "will", "must") after a noun and before "be", "not", an
/// adverb or a verb: an auxiliary.
fn modal_after_noun(w: &str, next: Option<&str>) -> bool {
    if !matches!(
        w,
        "can" | "cannot" | "will" | "must" | "should" | "could" | "may"
    ) {
        return false;
    }
    let Some(next) = next else {
        return false;
    };
    matches!(
        next,
        "be" | "not" | "also" | "easily" | "now" | "then" | "still" | "only"
    ) || (verb(next).is_some() && crate::lexicon::lookup(next).is_none())
        || crate::wordnet::pos(next).is_some_and(|p| p.is_verb && !p.is_noun)
}

/// "take any cardboard mark circles on it": in run-on text, a base-form
/// verb inside a noun phrase, followed by what it acts on, starts the next
/// instruction. "made", "glued" after a noun describe it instead.
fn starts_run_on(tokens: &[Token], i: usize) -> bool {
    let Some(w) = word_at(tokens, i) else {
        return false;
    };
    let next = word_at(tokens, i + 1);
    let verb_dominant = || crate::wordnet::pos(w).is_some_and(|p| p.is_verb && p.verb >= p.noun);
    let acts = match verb(w) {
        Some(v) => v != Verb::Need,
        // A verb we have no operation for, before a determiner.
        None => next.is_some_and(is_determiner) && verb_dominant(),
    };
    let base_form =
        !w.ends_with("ed") && crate::wordnet::verb_lemma(w).is_none_or(|lemma| lemma == w);
    let object_follows = next.is_some_and(|n| {
        is_determiner(n)
            || prep(n).is_none()
                && !is_coordinator(n)
                && crate::lexicon::lookup_tail(&[singular(n)]).is_some()
    });
    acts && base_form && crate::lexicon::lookup(w).is_none() && object_follows
}

/// "I used a flower plunger to make flowers": what shapes is the
/// instrument, so the "use" clause builds nothing and the thing used moves
/// to the purpose as a phrase that places nothing (a tool named there is
/// still the step's tool). "use floral wire to secure the papers": what
/// holds is in the build, and the "use" clause shows it.
fn use_as_instrument(use_clause: &mut Clause, purpose_clause: &mut Clause, purpose: &str) {
    let shapes = matches!(
        verb(purpose),
        Some(Verb::Cut | Verb::Drill { .. } | Verb::Finish(_) | Verb::Paint { .. } | Verb::Make)
    ) || matches!(purpose, "shape" | "mark" | "measure" | "draw" | "trace");
    if shapes {
        use_clause.verb = Some(Verb::Need);
        for object in std::mem::take(&mut use_clause.objects) {
            purpose_clause.preps.push((Prep::Other, object));
        }
    }
}

/// "use the tape to stick ...": a verb after "use X to" (even one that
/// could be a noun) is what the tool is used for.
fn after_use(reader: &ClauseReader, tokens: &[Token], i: usize) -> bool {
    let clause = &reader.clause;
    !clause.subordinate
        && (!clause.objects.is_empty() || reader.phrase_open())
        && clause
            .verb_word
            .as_deref()
            .is_some_and(|v| matches!(v, "use" | "used" | "using"))
        && word_at(tokens, i).is_some_and(|w| verb(w).is_some())
}

/// "the ribbon and strings.": after a listed thing, a plural noun that
/// ends the sentence is the list's last item, not a verb.
fn ends_a_list(clause: &Clause, tokens: &[Token], i: usize) -> bool {
    let Some(w) = word_at(tokens, i) else {
        return false;
    };
    use crate::lexicon::Role;
    let one = singular(w);
    let known = crate::lexicon::lookup(&one);
    // "each box and roll, wrap it": a thing the lexicon knows as a part or
    // a piece also ends the list in the singular; glue and paint do not.
    // "Wash and dry the jar lid and toy.": a thing WordNet knows ends the
    // list too, where nothing follows it.
    let thing = known
        .is_some_and(|n| matches!(n.role, Role::Part(_) | Role::Fill(..) | Role::Shape(_)))
        || known.is_none() && crate::wordnet::noun(&one).is_some() && verb(w).is_none();
    let plural_noun = w.ends_with('s')
        && !w.ends_with("ss")
        && (known.is_some() || crate::wordnet::noun(&one).is_some());
    // "the front, back and side panels", "the front and back to the
    // sides": a position word we do not know as an instruction is listed.
    let position = known.is_some_and(|n| matches!(n.role, Role::Feature)) && verb(w).is_none();
    !clause.objects.is_empty()
        && (position
            || matches!(tokens.get(i + 1), None | Some(Token::Stop | Token::Comma))
                && (thing || plural_noun))
}

/// "the front, back, sides, floor and roof panels": position words listed
/// before one head noun each name a piece of that kind ("front panel",
/// "side panels"). Only words that are no thing on their own share the
/// head: in "the jar, lid and box covers" the jar stays a jar.
fn share_the_head(objects: &mut [Phrase]) {
    use crate::lexicon::{lookup, Role};
    let Some((last, listed)) = objects.split_last_mut() else {
        return;
    };
    let (Some(head), Some(head_written)) = (last.words.last(), last.written.last()) else {
        return;
    };
    let thing = |w: &str| {
        lookup(w).is_some_and(|n| matches!(n.role, Role::Part(_) | Role::Fill(..) | Role::Shape(_)))
    };
    let position =
        |w: &str| !thing(w) && crate::wordnet::noun(w).is_none_or(|_| lookup(w).is_some());
    let fits = !listed.is_empty()
        && last.words.len() >= 2
        && thing(head)
        && last.words[..last.words.len() - 1]
            .iter()
            .all(|w| position(w))
        && listed.iter().all(|p| {
            p.words.len() == 1
                && p.of.is_none()
                && p.possessor.is_none()
                && !p.pronoun
                && position(&p.words[0])
        });
    if !fits {
        return;
    }
    let (head, head_written) = (head.clone(), head_written.clone());
    for phrase in listed {
        // "sides" + "panels": the side panels; "front": the front panel.
        phrase.written = phrase.written.iter().map(|w| singular(w)).collect();
        phrase.written.push(if phrase.plural {
            head_written.clone()
        } else {
            head.clone()
        });
        phrase.words.push(head.clone());
    }
}

/// A clause-initial word we know nothing of, followed by a determiner or
/// pronoun, reads as an imperative verb.
fn is_unknown_verb(word: &str, next: Option<&str>) -> bool {
    verb(word).is_none()
        && crate::lexicon::lookup(&singular(word)).is_none()
        && !is_determiner(word)
        && !is_pronoun(word)
        && !is_filler(word)
        && !is_adjective(word)
        && prep(word).is_none()
        && number_word(word).is_none()
        && !is_coordinator(word)
        && !is_subordinator(word)
        && match_color(&[word]).is_none()
        && next.is_some_and(|n| {
            matches!(
                n,
                "the"
                    | "a"
                    | "an"
                    | "your"
                    | "it"
                    | "them"
                    | "each"
                    | "all"
                    | "both"
                    | "off"
                    | "out"
                    | "up"
                    | "down"
                    | "away"
            )
        })
}

/// "a garbage can that was laying around", "the paint which is left": a
/// relative pronoun before an auxiliary says what the thing is, and its
/// words build nothing.
fn relative_clause(tokens: &[Token], tags: &[Tag], i: usize) -> bool {
    i > 0
        && word_at(tokens, i).is_some_and(|w| matches!(w, "that" | "which" | "who"))
        && (matches!(tags.get(i - 1), Some(Tag::Noun)) || word_at(tokens, i - 1) == Some("can"))
        && (matches!(tags.get(i + 1), Some(Tag::Aux))
            // "the only DIY'er that needs such a big trash can".
            || tags.get(i + 1) == Some(&Tag::Verb)
                && word_at(tokens, i + 1)
                    .is_some_and(|v| v.ends_with('s') && !v.ends_with("ss") || v.ends_with("ed")))
}

/// "the bottle was cut in half", "the wick is set in the wax": a verb
/// right after a form of "be" is its participle, whatever its ending.
fn passive_participle(tokens: &[Token], i: usize) -> bool {
    i > 0
        && word_at(tokens, i - 1).is_some_and(is_be)
        // "pill bottles are made of HDPE" says what things are.
        && word_at(tokens, i).is_some_and(|w| verb(w).is_some_and(|v| v != Verb::Need && v != Verb::Make))
}

/// "to knock off splinters", "to form a handle": "to" before a verb, or
/// before a word that is nothing but could be one, starts a purpose.
fn starts_purpose(tokens: &[Token], tags: &[Tag], i: usize) -> bool {
    verb_at(tokens, tags, i) == Some(i)
        || word_at(tokens, i).is_some_and(|w| is_unknown_verb(w, word_at(tokens, i + 1)))
}

/// Whether `word` comes after `i` before the clause can end: "take a
/// wire and straighten it out" takes nothing out.
fn clause_has(tokens: &[Token], i: usize, word: &str) -> bool {
    tokens[i + 1..]
        .iter()
        .take_while(|t| match t {
            Token::Stop | Token::Comma => false,
            Token::Word(w) => !is_coordinator(w),
            Token::Number(_) => true,
        })
        .any(|t| matches!(t, Token::Word(w) if w == word))
}

fn sentence_has(tokens: &[Token], word: &str) -> bool {
    tokens
        .iter()
        .any(|t| matches!(t, Token::Word(w) if w == word))
}

/// Where the verb of a clause starting at `i` is: at `i`, or after the
/// adverbs, subject and auxiliaries that may come first ("Now gently peel",
/// "I used", "we have made"). `None` when the clause has no verb there,
/// or the verb is a noun in this position ("and paint brushes").
fn verb_at(tokens: &[Token], tags: &[Tag], i: usize) -> Option<usize> {
    let mut j = i;
    while matches!(tags.get(j), Some(Tag::Adv | Tag::Aux))
        || (tags.get(j) == Some(&Tag::Pron)
            && word_at(tokens, j).is_some_and(|w| matches!(w, "i" | "we" | "you" | "they")))
    {
        j += 1;
    }
    let w = word_at(tokens, j)?;
    // "super glue it", "hot glue the lid": a verb pair opens the clause.
    let pair = Verb::pairs(w) && word_at(tokens, j + 1).is_some_and(|n| verb(n).is_some());
    // "Round the edges of the boomerang": "round" opening an instruction
    // before its object is the verb, not "around".
    let rounds = j == i && w == "round" && word_at(tokens, j + 1).is_some_and(is_determiner);
    let tagged = tags.get(j) == Some(&Tag::Verb) || pair || rounds;
    let unknown_imperative = j == i && is_unknown_verb(w, word_at(tokens, j + 1));
    if !(tagged || unknown_imperative) {
        return None;
    }
    // "super glue it" instructs; "super glue" alone is the glue.
    let pair_acts =
        pair && word_at(tokens, j + 2).is_some_and(|n| is_pronoun(n) || is_determiner(n));
    match tokens.get(j + 1) {
        Some(Token::Word(next))
            if !pair_acts
                && crate::lexicon::lookup(&format!("{w} {}", singular(next))).is_some() =>
        {
            None
        }
        _ => Some(j),
    }
}

/// Hangs an "of" phrase at the end of a chain ("the centre of the lid of the jar").
fn attach_of(owner: &mut Phrase, phrase: Phrase) {
    match owner.of {
        Some(ref mut inner) => attach_of(inner, phrase),
        None => owner.of = Some(Box::new(phrase)),
    }
}

#[derive(Default)]
struct ClauseReader {
    clause: Clause,
    phrase: Phrase,
    slot: Option<Slot>,
    /// Where the last phrase went, for a count written after it.
    last: Option<Slot>,
    /// The phrase that an "of" phrase belongs to.
    of_owner: Option<(Slot, usize)>,
    pending_count: Option<u32>,
    /// A number before "x": a count ("2 x wine bottles") or the first side
    /// of a dimension ("29 x 33"), told by what follows the "x".
    before_times: Option<u32>,
    pending_measure: Option<f64>,
    /// The word after a number was its unit.
    skip_unit: bool,
    /// "the cardigan or sweater": the phrase after "or" is another name
    /// for the one before, not a second thing.
    alternative: bool,
    /// Where such alternatives went, to be dropped with their "of"
    /// phrases when the clause ends.
    alternatives: Vec<(Slot, usize)>,
}

impl ClauseReader {
    /// Opens the clause with a verb known to be one here, whatever the
    /// tagger thought ("to stick", "before drilling").
    fn set_verb(&mut self, word: &str) {
        self.clause.verb = verb(word);
        self.clause.verb_word = Some(word.to_string());
        self.clause.words.push(word.to_string());
    }

    fn phrase_open(&self) -> bool {
        !self.phrase.words.is_empty()
    }

    /// Gives the phrase just ended a count written after it; false when
    /// there is none to count or it has a count already.
    fn count_last(&mut self, n: f64) -> bool {
        if !(1.0..=1000.0).contains(&n) || n.fract() != 0.0 {
            return false;
        }
        let last = match self.last {
            Some(Slot::Object) => self.clause.objects.last_mut(),
            Some(Slot::Prep(_)) => self.clause.preps.last_mut().map(|(_, p)| p),
            _ => None,
        };
        match last {
            Some(phrase) if phrase.count.is_none() && !phrase.words.is_empty() => {
                phrase.count = Some(n as u32);
                self.clause.words.push(n.to_string());
                true
            }
            _ => false,
        }
    }

    fn number(&mut self, n: f64, next: Option<&str>) {
        // "29 x 33": the second side of a dimension counts nothing either.
        let after_times = self.clause.words.last().is_some_and(|w| is_times(w));
        self.clause.words.push(n.to_string());
        // "2 sided tape", "2 part epoxy", "3 way switch": a kind, not
        // how many.
        if after_times || next.is_some_and(|w| matches!(w, "sided" | "part" | "way")) {
            // "4 x 4 inch squares": the unit of the size names nothing.
            if after_times && next.and_then(unit_cm).is_some() {
                self.skip_unit = true;
            }
            return;
        }
        match next.and_then(|w| unit_cm(w).map(|f| (w, f))) {
            Some((w, factor)) => {
                self.clause.measures.push((n, w.to_string()));
                if factor > 0.0 {
                    self.pending_measure = Some(n * factor);
                }
                self.skip_unit = true;
            }
            // "80 grit sand paper": the grade, not how many.
            None if next.is_some_and(|w| w == "grit" || w.ends_with("-grit")) => {}
            None if next.is_some_and(is_times) => {
                self.before_times =
                    (n >= 1.0 && n.fract() == 0.0 && n <= 1000.0).then_some(n as u32);
            }
            None => {
                if n >= 1.0 && n.fract() == 0.0 && n <= 1000.0 {
                    self.pending_count = Some(n as u32);
                }
            }
        }
    }

    /// Whether the phrase being read names a person ("your kids", "a
    /// friend", "an adult").
    fn phrase_names_a_person(&self) -> bool {
        self.phrase.words.last().is_some_and(|w| {
            matches!(
                w.as_str(),
                "kid"
                    | "child"
                    | "children"
                    | "friend"
                    | "helper"
                    | "assistant"
                    | "partner"
                    | "adult"
                    | "someone"
                    | "somebody"
                    | "student"
                    | "family"
                    | "parent"
                    | "grown-up"
            )
        })
    }

    fn word(&mut self, w: &str, next: Option<&str>) {
        let after_number = self
            .clause
            .words
            .last()
            .is_some_and(|p| p.parse::<f64>().is_ok() || is_times(p) || unit_cm(p).is_some());
        self.clause.words.push(w.to_string());
        // "2 x wine bottles", "2”x8”x8’ board": a times sign or the
        // rest of a dimension after a number, never a word of the name.
        if after_number && is_times(w) {
            let count = self.before_times.take();
            // "2 x wine bottles": how many; "29 x 33", "2x8": a dimension.
            let dimension = w.len() > 1 || next.is_none_or(|n| n.parse::<f64>().is_ok());
            if !dimension {
                self.pending_count = count;
            }
            return;
        }
        if self.skip_unit {
            self.skip_unit = false;
            return;
        }
        // "a few feet in length", "several inches": a length, no thing.
        let before = self
            .clause
            .words
            .len()
            .checked_sub(2)
            .map(|i| self.clause.words[i].as_str());
        if unit_cm(w).is_some() && matches!(before, Some("few" | "several" | "couple" | "many")) {
            return;
        }
        // "made", "bent", "left": irregular participles, from WordNet.
        let irregular = || crate::wordnet::verb_lemma(w).is_some_and(|lemma| lemma != w);
        if !self.phrase.words.is_empty()
            && (w.ends_with("ed") || irregular())
            && verb(w).is_some()
            && crate::lexicon::lookup(w).is_none()
        {
            // "cut bags stacked on top of it": a participle after the noun
            // says how it is, and ends its name.
            self.end_phrase();
            return;
        }
        if !self.phrase.words.is_empty() && says_how_it_ends(&self.phrase.words, w, next) {
            // "cut the log perpendicular", "pull it tight": an adjective
            // after the noun says how the work leaves it.
            self.end_phrase();
            return;
        }
        if !self.phrase.words.is_empty() && matches!(w, "i" | "we" | "you" | "they" | "he" | "she")
        {
            // "a scavenged zipper I had": the subject of what follows.
            self.end_phrase();
            return;
        }
        if !self.phrase.words.is_empty() && w.ends_with("n't") {
            // "treated wood doesn't stain": the noun was the subject.
            self.end_phrase();
            return;
        }
        if !self.phrase.words.is_empty() && modal_after_noun(w, next) {
            // "The linear force can be induced": a modal after a noun, not
            // a tin can; the noun was the subject and its phrase ends.
            self.end_phrase();
            return;
        }
        if let Some((n, unit)) = number_with_unit(w) {
            // "2-liter bottle": a size, part of the name.
            self.clause.measures.push((n, unit));
            self.phrase.written.push(w.to_string());
            return;
        }
        if matches!(w, "down" | "up" | "away" | "back" | "out" | "apart")
            && self.clause.verb.is_some()
            && self.clause.objects.is_empty()
            && self.clause.preps.is_empty()
            && !self.phrase_open()
            && next.is_some_and(|n| {
                is_determiner(n) || number_word(n).is_some() || matches!(n, "your" | "my" | "some")
            })
        {
            // "Lay down your diffuser material": a particle before the
            // object leaves the object an object.
            if let Some(p) = prep(w) {
                self.clause.particles.push(p);
            }
            return;
        }
        if let Some(p) = prep(w) {
            // "on top", "in half": a feature word straight after still names
            // a place; "cut off" with nothing after is a particle.
            self.end_phrase();
            if p == Prep::Of {
                if self.of_owner.is_none() {
                    self.of_owner = self.last_phrase_slot();
                }
            } else {
                self.of_owner = None;
            }
            self.slot = Some(if p == Prep::Of {
                Slot::Of
            } else {
                Slot::Prep(p)
            });
            return;
        }
        // "one of the long edges": the edges are what is meant; "one more
        // strip": another strip.
        if w == "one" && matches!(next, Some("of" | "more")) && !self.phrase_open() {
            return;
        }
        // "one end of the tube": a number before a noun; "the bigger one",
        // "one to the bottom": a pronoun.
        let counts_a_noun = w == "one"
            && next.is_some_and(|n| {
                prep(n).is_none() && !is_coordinator(n) && !is_determiner(n) && !is_pronoun(n)
            });
        if is_pronoun(w) && !self.phrase_open() && !counts_a_noun {
            self.phrase.pronoun = true;
            // "paste them together": the things just handled, all of them.
            self.phrase.plural = matches!(w, "them" | "they" | "these" | "those");
            self.end_phrase();
            return;
        }
        if is_determiner(w) {
            if self.phrase_open() {
                self.end_phrase();
            }
            if matches!(
                w,
                "the" | "this" | "that" | "these" | "those" | "its" | "their" | "your"
            ) {
                self.phrase.definite = true;
            }
            if matches!(w, "each" | "every") {
                self.phrase.each = true;
            }
            if matches!(w, "your" | "my" | "our") {
                self.phrase.personal = true;
            }
            if w == "another" || w == "more" {
                self.phrase.fresh = true;
            }
            // A number token is no word: `next` is then `None`.
            if w == "other" && next.is_none_or(|n| number_word(n).is_some()) {
                self.phrase.others = true;
            }
            if w == "both" {
                self.pending_count = Some(2);
            }
            return;
        }
        if let Some(n) = number_word(w) {
            if !(w == "one" && next.is_none_or(|n| prep(n).is_some() || is_coordinator(n))) {
                if next.and_then(unit_cm).is_some() {
                    self.pending_measure = next.and_then(unit_cm).map(|f| n * f);
                    self.clause
                        .measures
                        .push((n, next.unwrap_or_default().to_string()));
                    self.skip_unit = true;
                } else {
                    self.pending_count = Some(n as u32);
                }
                return;
            }
            // "one to the bottom": a pronoun.
            self.phrase.pronoun = true;
            self.end_phrase();
            return;
        }
        if let Some(m) = next
            .and_then(|n| match_color(&[w, n]))
            .filter(|m| m.words == 2)
        {
            // "dark walnut", "navy blue": one colour in two words.
            self.end_phrase();
            self.clause.colors.push(m.clone());
            self.phrase.colors.push(m);
            self.skip_unit = true;
            return;
        }
        if let Some(m) = match_color(&[w]) {
            // After a noun in a painting clause a colour is the paint's
            // ("paint the crates white"); before one it describes the noun.
            let paints = self.clause.verb.is_some_and(Verb::colours);
            let trailing = self.phrase_open() || self.last_phrase_slot().is_some();
            if paints && trailing && !self.phrase_followed_by_noun(next) {
                self.end_phrase();
                self.clause.colors.push(m);
                return;
            }
            self.phrase.colors.push(m);
        }
        if is_filler(w) && crate::lexicon::lookup(w).is_none() && !is_adjective(w) {
            return;
        }
        if matches!(w, "spare" | "extra" | "new" | "additional" | "second") && !self.phrase_open() {
            // "your new cushion cover": the one just made, not another.
            self.phrase.fresh = w != "second" && !(w == "new" && self.phrase.personal);
        }
        if let Some(owner) = w.strip_suffix("'s").filter(|o| !o.is_empty()) {
            // "the movement's shaft": the possessor is a phrase of its own.
            if w != "painter's" {
                self.phrase.words.push(singular(owner));
                self.phrase.written.push(owner.to_string());
                let possessor = std::mem::take(&mut self.phrase);
                self.phrase.possessor = Some(Box::new(possessor));
                return;
            }
        }
        if is_adjective(w) && crate::lexicon::lookup(w).is_none() {
            // ... but "tea light" is one name.
            // "the empty glass jars": after a describing word, no noun.
            let after_noun = self.phrase.words.last().is_some_and(|last| {
                !crate::wordnet::mostly_adjective(last)
                    && crate::lexicon::lookup_tail(std::slice::from_ref(last)).is_some()
                    && crate::lexicon::lookup(&format!("{last} {w}")).is_none()
                    && crate::wordnet::noun(&format!("{last} {w}")).is_none()
            });
            if after_noun {
                // "the jar lid big enough": the noun phrase has ended.
                self.end_phrase();
                return;
            }
        }
        self.phrase.plural = super::words::is_plural(w);
        self.phrase.words.push(singular(w));
        self.phrase.written.push(w.to_string());
    }

    fn phrase_followed_by_noun(&self, next: Option<&str>) -> bool {
        next.is_some_and(|n| {
            crate::lexicon::lookup(&singular(n)).is_some() && match_color(&[n]).is_none()
        })
    }

    fn last_phrase_slot(&self) -> Option<(Slot, usize)> {
        match self.slot {
            Some(Slot::Object) | None if !self.clause.objects.is_empty() => {
                Some((Slot::Object, self.clause.objects.len() - 1))
            }
            Some(Slot::Prep(p)) if !self.clause.preps.is_empty() => {
                Some((Slot::Prep(p), self.clause.preps.len() - 1))
            }
            Some(Slot::Of) => self.of_owner,
            _ => None,
        }
    }

    fn end_phrase(&mut self) {
        let mut phrase = std::mem::take(&mut self.phrase);
        if phrase.is_empty() && phrase.possessor.is_none() {
            // Keep determiners' flags for the phrase still to come.
            self.phrase.each = phrase.each;
            self.phrase.fresh = phrase.fresh;
            self.phrase.others = phrase.others;
            self.phrase.definite = phrase.definite;
            return;
        }
        // "big enough", "upright", "white": describes, names nothing; but
        // a material alone ("the cardboard", "any fabric") is a piece of it.
        let names_nothing = |w: &String| {
            let describes = is_adjective(w) || is_filler(w) || crate::wordnet::mostly_adjective(w);
            let names = crate::lexicon::lookup(w).is_some();
            match_color(&[w.as_str()]).is_some() && !names
                || describes && !names && crate::wordnet::noun(w).is_none()
        };
        if !phrase.pronoun && phrase.possessor.is_none() && phrase.words.iter().all(names_nothing) {
            // "big enough", "upright": describes, names nothing.
            self.pending_count = None;
            self.pending_measure = None;
            return;
        }
        if phrase.words.is_empty() {
            if let Some(possessor) = phrase.possessor.take() {
                phrase = *possessor;
            }
        }
        phrase.count = self.pending_count.take();
        phrase.measure_cm = self.pending_measure.take();
        let slot = self.slot.unwrap_or(Slot::Object);
        if std::mem::take(&mut self.alternative) {
            match slot {
                Slot::Object => self.alternatives.push((slot, self.clause.objects.len())),
                Slot::Prep(_) => self.alternatives.push((slot, self.clause.preps.len())),
                Slot::Of => {}
            }
        }
        self.last = Some(slot);
        match slot {
            Slot::Object => self.clause.objects.push(phrase),
            Slot::Prep(p) => self.clause.preps.push((p, phrase)),
            Slot::Of => {
                let owner = match self.of_owner {
                    Some((Slot::Object, i)) => self.clause.objects.get_mut(i),
                    Some((Slot::Prep(_), i)) => self.clause.preps.get_mut(i).map(|(_, p)| p),
                    _ => None,
                };
                match owner {
                    Some(owner) => attach_of(owner, phrase),
                    None => self.clause.objects.push(phrase),
                }
            }
        }
    }

    fn finish(&mut self) -> Clause {
        self.end_phrase();
        if let Some(Slot::Prep(p)) = self.slot {
            let has_phrase = self.clause.preps.last().is_some_and(|(q, _)| *q == p);
            if !has_phrase {
                self.clause.particles.push(p);
            }
        }
        let mut clause = std::mem::take(&mut self.clause);
        for (slot, i) in self.alternatives.drain(..).rev() {
            let removed = match slot {
                Slot::Object if i < clause.objects.len() => Some(clause.objects.remove(i)),
                Slot::Prep(_) if i < clause.preps.len() => Some(clause.preps.remove(i).1),
                _ => None,
            };
            // "around the top or the torch": a part of a thing or the
            // thing is the thing's part, as if "of" were written.
            let before = match slot {
                Slot::Object => i.checked_sub(1).and_then(|k| clause.objects.get_mut(k)),
                Slot::Prep(_) => i
                    .checked_sub(1)
                    .and_then(|k| clause.preps.get_mut(k))
                    .map(|(_, p)| p),
                Slot::Of => None,
            };
            if let (Some(thing), Some(feature)) = (removed, before) {
                let names_feature = feature.of.is_none()
                    && feature.words.len() == 1
                    && crate::lexicon::lookup(&feature.words[0])
                        .is_some_and(|n| n.role == crate::lexicon::Role::Feature);
                let names_thing = crate::lexicon::lookup_tail(&thing.words)
                    .is_some_and(|(n, _)| matches!(n.role, crate::lexicon::Role::Part(_)));
                // "a clay or plastic pot", "a terracotta, clay, or plastic
                // planting pot": materials offered for the one thing
                // named last, which is the phrase.
                let bare_material = feature.of.is_none()
                    && feature.words.len() == 1
                    && crate::resolve::material_word(&feature.words[0]).is_some();
                let thing_of_material = thing.words.len() >= 2
                    && thing
                        .words
                        .first()
                        .is_some_and(|w| crate::resolve::material_word(w).is_some())
                    && names_thing;
                if names_feature && names_thing {
                    feature.of = Some(Box::new(thing));
                } else if bare_material && thing_of_material {
                    let (definite, count) = (feature.definite, feature.count);
                    *feature = thing;
                    feature.definite |= definite;
                    feature.count = feature.count.or(count);
                }
            }
        }
        *self = ClauseReader::default();
        clause
    }
}
