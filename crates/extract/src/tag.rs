//! A part-of-speech tagger for build steps as people write them.
//!
//! No maintained Rust tagger works offline without downloading a model, so
//! this is stepcast's own: each word's possible tags come from closed-class
//! word lists, stepcast's verb and noun lexicons and WordNet (which lists
//! every open-class word with SemCor frequencies per part of speech); then
//! context rules pick one, left to right. The rules are the ones that matter
//! for imperative and first-person craft text:
//!
//! - a word that can be a verb is a verb where a clause can start: at the
//!   start of a sentence or after a comma, a coordinator, a leading adverb
//!   ("Now", "Gently"), a subject ("I", "we", "you") with its auxiliaries
//!   ("we have", "you should"), or an infinitive "to";
//! - after a determiner, a number, an adjective or a preposition it is a
//!   noun ("the roll", "a twist", "with screws");
//! - a participle in front of a noun is an adjective ("Fix drilled bottle on
//!   given markings");
//! - elsewhere the frequency prior decides.

use crate::words::{
    is_coordinator, is_determiner, is_pronoun, is_subordinator, number_word, prep, singular, Token,
};

/// What a word is in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Det,
    /// A pronoun: "it", "them", "I", "we".
    Pron,
    Prep,
    /// "and", "or", "then".
    Conj,
    /// "so", "until", "once": starts a subordinate clause.
    Sub,
    /// "is", "have", "will", "should".
    Aux,
    Num,
    Adj,
    Adv,
    Verb,
    Noun,
    /// Comma or other punctuation inside a sentence.
    Punct,
}

/// Subject pronouns: a verb follows them.
pub(crate) fn is_subject(word: &str) -> bool {
    matches!(word, "i" | "we" | "you" | "he" | "she" | "they")
}

/// Forms of "be" and modals: auxiliaries wherever they stand.
fn is_modal(word: &str) -> bool {
    matches!(
        word,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "am"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "must"
            | "may"
            | "might"
    )
}

/// Words that are auxiliaries after a subject ("we have made", "you need
/// to") but verbs of their own elsewhere ("have a jar ready").
fn is_subject_aux(word: &str) -> bool {
    matches!(
        word,
        "have"
            | "has"
            | "had"
            | "do"
            | "does"
            | "did"
            | "don't"
            | "didn't"
            | "need"
            | "needs"
            | "want"
    )
}

/// Adverbs that may open a clause before its verb.
fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "now"
            | "then"
            | "next"
            | "first"
            | "firstly"
            | "secondly"
            | "finally"
            | "lastly"
            | "again"
            | "also"
            | "just"
            | "simply"
            | "still"
            | "afterwards"
            | "later"
            | "here"
            | "there"
            | "please"
            | "always"
            | "never"
            | "not"
            | "very"
            | "too"
            | "well"
            | "together"
            | "instead"
            | "overnight"
    ) || crate::words::is_ly_adverb(word)
}

/// Which open-class tags a word may take, with a prior for verb over noun.
#[derive(Clone, Copy, Debug, Default)]
struct Open {
    noun: bool,
    verb: bool,
    adj: bool,
    /// The word is more often a verb than a noun.
    verb_first: bool,
    /// stepcast's own verb lexicon knows it.
    ours_verb: bool,
    /// A participle form of a known verb ("drilled", "cutting", "given").
    participle: bool,
    /// stepcast's own lexicon knows it as a thing.
    ours_noun: bool,
}

fn open_tags(word: &str) -> Open {
    let ours_verb = crate::verbs::verb(word).is_some();
    let ours_noun = crate::lexicon::lookup(&singular(word)).is_some();
    let ours_adj = crate::words::is_adjective(word) || crate::color::match_color(&[word]).is_some();
    let wn = crate::wordnet::pos(word);
    let wn_verb = wn.is_some_and(|p| p.is_verb) || crate::wordnet::verb_lemma(word).is_some();
    let stem = verb_stem(word).is_some();
    let participle =
        stem && (word.ends_with("ed") || word.ends_with("ing") || word.ends_with("en"));
    let verb = ours_verb || wn_verb || stem;
    let adj = ours_adj || wn.is_some_and(|p| p.is_adj);
    // A word WordNet does not list as anything but a noun, or does not know
    // at all ("thermocol", "patti"), is a noun.
    let noun = ours_noun || wn.is_none_or(|p| p.is_noun) || !(verb || adj);
    let verb_first = match wn {
        Some(p) => p.verb > p.noun.saturating_mul(2) || (ours_verb && !ours_noun),
        None => ours_verb && !ours_noun,
    };
    Open {
        noun,
        verb,
        adj,
        verb_first,
        ours_verb,
        participle,
        ours_noun,
    }
}

/// The verb a participle or third-person form comes from, when that verb
/// is known ("drilled" -> "drill", "given" -> "give").
fn verb_stem(word: &str) -> Option<String> {
    if let Some(lemma) = crate::wordnet::verb_lemma(word) {
        return Some(lemma.to_string());
    }
    for suffix in ["ed", "ing", "en"] {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        let doubled = stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
        let candidates = [
            stem.to_string(),
            format!("{stem}e"),
            if doubled {
                stem[..stem.len() - 1].to_string()
            } else {
                String::new()
            },
        ];
        for c in candidates.into_iter().filter(|c| !c.is_empty()) {
            if crate::verbs::verb(&c).is_some()
                || crate::wordnet::pos(&c).is_some_and(|p| p.is_verb)
            {
                return Some(c);
            }
        }
    }
    None
}

fn closed_tag(word: &str) -> Option<Tag> {
    if is_coordinator(word) {
        return Some(Tag::Conj);
    }
    if is_subordinator(word) {
        return Some(Tag::Sub);
    }
    if is_subject(word) || is_pronoun(word) {
        return Some(Tag::Pron);
    }
    if is_determiner(word) && word != "of" {
        return Some(Tag::Det);
    }
    if prep(word).is_some() || word == "of" {
        return Some(Tag::Prep);
    }
    if number_word(word).is_some() && !matches!(word, "one" | "both") {
        return Some(Tag::Num);
    }
    if is_modal(word) {
        return Some(Tag::Aux);
    }
    if is_adverb(word) {
        return Some(Tag::Adv);
    }
    None
}

/// What the lexicons say a token may be, before context picks one.
#[derive(Clone, Copy, Debug)]
enum Lexical {
    Closed(Tag),
    Open(Open),
    /// A number or punctuation.
    Other,
}

fn lexical(token: &Token) -> Lexical {
    match token {
        Token::Word(w) => {
            closed_tag(w).map_or_else(|| Lexical::Open(open_tags(w)), Lexical::Closed)
        }
        _ => Lexical::Other,
    }
}

/// Tags one sentence's tokens, one tag per token. Each word is looked up
/// once; the rules then read the lookups of it and its neighbours.
pub fn tag_tokens(tokens: &[Token]) -> Vec<Tag> {
    let lexicals: Vec<Lexical> = tokens.iter().map(lexical).collect();
    let mut tags: Vec<Tag> = Vec::with_capacity(tokens.len());
    // Whether the next word may be the verb of a new clause.
    let mut clause_open = true;
    // Whether the words since the clause opened are a noun phrase, which
    // may be the subject of a statement ("This jar looks great").
    let mut subject = false;
    // Whether the last word was "to" opening an infinitive.
    let mut infinitive = false;
    for (i, token) in tokens.iter().enumerate() {
        let next = lexicals.get(i + 1).copied().unwrap_or(Lexical::Other);
        let tag = match token {
            Token::Number(_) => Tag::Num,
            Token::Word(_) if infinitive => Tag::Verb,
            Token::Comma | Token::Stop => Tag::Punct,
            // "This jar looks great", "This gives the texture".
            Token::Word(w)
                if subject
                    && (tags.last() == Some(&Tag::Noun) || after_demonstrative(tokens, i))
                    && finite_verb(w, lexicals[i], next) =>
            {
                Tag::Verb
            }
            // "rest the stick on the tin": a quantity word ("the rest")
            // that is also a verb, opening a clause before a determiner.
            Token::Word(w)
                if clause_open
                    && matches!(lexicals[i], Lexical::Closed(Tag::Det))
                    && matches!(next, Lexical::Closed(Tag::Det | Tag::Pron))
                    && crate::verbs::verb(w).is_some() =>
            {
                Tag::Verb
            }
            // "Soil was added", "Paint is applied": a word before a form
            // of "be" is its subject, whatever else it could be.
            Token::Word(_)
                if clause_open
                    && matches!(lexicals[i], Lexical::Open(o) if o.noun)
                    && matches!(
                        tokens.get(i + 1),
                        Some(Token::Word(b)) if crate::words::is_be(b)
                    ) =>
            {
                Tag::Noun
            }
            // "a stick or pencil": an alternative to a noun is a noun.
            Token::Word(_) if alternative_noun(tokens, &tags, lexicals[i]) => Tag::Noun,
            // "an old, clean tin can": adjectives listed in a noun phrase.
            Token::Word(_) if listed_adjective(tokens, &tags, &lexicals, next) => Tag::Adj,
            Token::Word(w) => word_tag(w, lexicals[i], tags.last().copied(), next, clause_open),
        };
        subject = match tag {
            Tag::Det => clause_open || subject,
            Tag::Adj | Tag::Noun | Tag::Num => subject,
            _ => false,
        };
        clause_open = match tag {
            Tag::Punct | Tag::Conj | Tag::Sub => true,
            // "I used", "we have made", "you should glue", "now stick".
            Tag::Pron => matches!(token, Token::Word(w) if is_subject(w)),
            Tag::Aux | Tag::Adv => clause_open || tags.last() == Some(&Tag::Pron),
            // "to" before a word more often a verb than a noun opens an
            // infinitive ("to give shape", "to make").
            Tag::Prep => {
                matches!(token, Token::Word(w) if w == "to")
                    && opens_infinitive(next, lexicals.get(i + 2).copied())
            }
            _ => false,
        };
        infinitive = tag == Tag::Prep && clause_open;
        tags.push(tag);
    }
    tags
}

/// Whether "to" before `next` opens an infinitive: a word more often a
/// verb than a noun ("to give shape", "to make"), or one that can be a
/// verb, names no thing stepcast knows and comes before a determiner or an
/// adjective ("to pass extra water", "to hold the lid"), where a noun
/// after "to" would rarely stand.
fn opens_infinitive(next: Lexical, after: Option<Lexical>) -> bool {
    let Lexical::Open(o) = next else {
        return false;
    };
    if !o.verb {
        return false;
    }
    if o.verb_first || !o.noun {
        return true;
    }
    !o.ours_noun
        && match after {
            Some(Lexical::Closed(Tag::Det | Tag::Pron)) => true,
            Some(Lexical::Open(a)) => a.adj && !a.ours_noun && !a.verb,
            _ => false,
        }
}

/// Whether the word after "or" that follows a noun names an alternative to
/// that noun ("a stick or pencil"): a noun, unless stepcast knows it as a
/// verb ("glue it or tape it").
fn alternative_noun(tokens: &[Token], tags: &[Tag], lexical: Lexical) -> bool {
    let i = tags.len();
    i >= 2
        && matches!(&tokens[i - 1], Token::Word(w) if w == "or")
        && tags[i - 2] == Tag::Noun
        && matches!(lexical, Lexical::Open(o) if o.noun && !o.ours_verb)
}

/// Whether a word after a comma goes on listing the adjectives of a noun
/// phrase that a determiner opened ("an old, clean tin can", "a large,
/// sturdy box") rather than opening a clause: an adjective before a noun.
fn listed_adjective(tokens: &[Token], tags: &[Tag], lexicals: &[Lexical], next: Lexical) -> bool {
    let i = tags.len();
    let adjective = |k: usize| matches!(lexicals[k], Lexical::Open(o) if o.adj);
    // The word before the comma, read as an adjective or a noun ("old"
    // is both), right after the determiner or more adjectives.
    if i < 3 || tokens[i - 1] != Token::Comma || !adjective(i - 2) {
        return false;
    }
    if !matches!(tags[i - 2], Tag::Adj | Tag::Noun) {
        return false;
    }
    let opened = tags[..i - 2]
        .iter()
        .rev()
        .find(|t| !matches!(t, Tag::Adj | Tag::Punct))
        .is_some_and(|t| *t == Tag::Det);
    // A participle after a comma more often opens a clause ("the
    // following: Removed stickers").
    let participle = matches!(lexicals[i], Lexical::Open(o) if o.participle);
    // "a small, plain, paper bag": another comma may follow.
    let then = matches!(next, Lexical::Open(o) if o.noun || o.adj)
        || tokens.get(i + 1) == Some(&Token::Comma);
    opened && adjective(i) && !participle && then
}

/// Whether the word before `i` is "this" or "that" opening its sentence,
/// standing as a subject on its own.
fn after_demonstrative(tokens: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    matches!(tokens.get(prev), Some(Token::Word(w)) if w == "this" || w == "that")
        && prev
            .checked_sub(1)
            .is_none_or(|k| !matches!(tokens.get(k), Some(Token::Word(_))))
}

/// A third-person or past form of a verb that says something of the noun
/// before it: "looks great", "dries quickly", "held in place". Not one
/// followed by a noun ("glue sticks", "the jar lids"), which is a compound.
fn finite_verb(word: &str, lexical: Lexical, next: Lexical) -> bool {
    let Lexical::Open(open) = lexical else {
        return false;
    };
    let next_noun = matches!(next, Lexical::Open(o) if o.noun && !o.adj && !o.verb);
    if next_noun {
        return false;
    }
    // The lemmas the form may come from: "looks" -> "look", "dries" ->
    // "dry", "glued" -> "glue"/"glu".
    let lemmas: Vec<String> = if let Some(stem) = word.strip_suffix("ies") {
        vec![format!("{stem}y")]
    } else if let Some(stem) = word.strip_suffix("ed") {
        vec![stem.to_string(), format!("{stem}e")]
    } else if word.ends_with('s') && !word.ends_with("ss") {
        let stem = &word[..word.len() - 1];
        vec![stem.to_string(), stem.trim_end_matches('e').to_string()]
    } else {
        return false;
    };
    let verb_first = |lemma: &String| {
        crate::verbs::verb(lemma).is_some() && crate::lexicon::lookup(lemma).is_none()
            || crate::wordnet::pos(lemma).is_some_and(|p| p.is_verb && p.verb >= p.noun)
    };
    (open.verb || open.noun) && lemmas.iter().any(verb_first)
}

fn word_tag(
    word: &str,
    lexical: Lexical,
    prev: Option<Tag>,
    next: Lexical,
    clause_open: bool,
) -> Tag {
    let open = match lexical {
        Lexical::Closed(tag) => return tag,
        Lexical::Open(open) => open,
        Lexical::Other => return Tag::Noun,
    };
    // "need to", "have" after a subject are auxiliaries; "have" alone at
    // the start is a verb ("have a jar ready").
    if clause_open && prev == Some(Tag::Pron) && is_subject_aux(word) {
        return Tag::Aux;
    }
    let next_nominal = matches!(next, Lexical::Open(o) if o.noun || o.adj);
    // After "to" that opens an infinitive, a verb may follow.
    let after_nominal_opener = matches!(prev, Some(Tag::Det | Tag::Num | Tag::Adj))
        || (prev == Some(Tag::Prep) && !clause_open);
    if open.verb && clause_open && !after_nominal_opener {
        // Where a clause may open, a word that can be a verb is one, unless
        // only WordNet calls it a verb and a noun follows: "and mint
        // seedlings" lists plants, "Crumple the tissue" instructs.
        if open.ours_verb || !open.noun || !next_nominal {
            return Tag::Verb;
        }
    }
    // "drilled bottle", "given markings", "cut pieces": a participle that
    // modifies the noun after it.
    if open.participle && next_nominal && prev != Some(Tag::Pron) {
        return Tag::Adj;
    }
    if after_nominal_opener {
        if open.adj && next_nominal && !open.noun {
            return Tag::Adj;
        }
        if open.noun {
            return Tag::Noun;
        }
        if open.adj {
            return Tag::Adj;
        }
    }
    if prev == Some(Tag::Pron) && open.verb {
        // "it dries", "they curl".
        return Tag::Verb;
    }
    if open.adj && next_nominal && !open.noun {
        return Tag::Adj;
    }
    if open.noun && !(open.verb && open.verb_first && prev == Some(Tag::Noun)) {
        return Tag::Noun;
    }
    if open.verb {
        return Tag::Verb;
    }
    if open.adj {
        return Tag::Adj;
    }
    Tag::Noun
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::tokenize;

    fn tags(text: &str) -> Vec<(String, Tag)> {
        let tokens = tokenize(text);
        let tags = tag_tokens(&tokens);
        tokens
            .iter()
            .zip(tags)
            .filter_map(|(t, tag)| match t {
                Token::Word(w) => Some((w.clone(), tag)),
                Token::Number(n) => Some((n.to_string(), tag)),
                _ => None,
            })
            .collect()
    }

    fn tag_of(text: &str, word: &str) -> Tag {
        tags(text)
            .into_iter()
            .find(|(w, _)| w == word)
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("{word} not in {text}"))
    }

    #[test]
    fn participles_before_nouns_are_adjectives() {
        let text = "Fix drilled bottle on given markings of wooden Patti with screws";
        assert_eq!(tag_of(text, "fix"), Tag::Verb);
        assert_eq!(tag_of(text, "drilled"), Tag::Adj);
        assert_eq!(tag_of(text, "bottle"), Tag::Noun);
        assert_eq!(tag_of(text, "given"), Tag::Adj);
        assert_eq!(tag_of(text, "markings"), Tag::Noun);
        assert_eq!(tag_of(text, "patti"), Tag::Noun);
        assert_eq!(tag_of(text, "screws"), Tag::Noun);
    }

    #[test]
    fn words_that_are_both_take_their_place() {
        assert_eq!(tag_of("Roll the clay in to a strip.", "roll"), Tag::Verb);
        assert_eq!(tag_of("Stick the tissue to the roll.", "roll"), Tag::Noun);
        assert_eq!(tag_of("Stick the tissue to the roll.", "stick"), Tag::Verb);
        assert_eq!(tag_of("Twist and shape it.", "shape"), Tag::Verb);
        assert_eq!(tag_of("Cut it into diamond shape.", "shape"), Tag::Noun);
    }

    #[test]
    fn verbs_after_subjects_and_adverbs() {
        assert_eq!(tag_of("I used a razor to give shape.", "used"), Tag::Verb);
        assert_eq!(tag_of("I used a razor to give shape.", "give"), Tag::Verb);
        assert_eq!(tag_of("we have make 48 PVC strips", "make"), Tag::Verb);
        assert_eq!(tag_of("Now gently peel it off.", "peel"), Tag::Verb);
        assert_eq!(tag_of("Once dried, paint the flowers.", "paint"), Tag::Verb);
        assert_eq!(tag_of("Crumple the tissue.", "crumple"), Tag::Verb);
    }

    #[test]
    fn statements_have_their_verb_after_the_subject() {
        assert_eq!(tag_of("This jar looks great.", "looks"), Tag::Verb);
        assert_eq!(tag_of("The paint dries quickly.", "dries"), Tag::Verb);
        assert_eq!(tag_of("This gives the texture.", "gives"), Tag::Verb);
        assert_eq!(tag_of("Add the glue sticks.", "sticks"), Tag::Noun);
        assert_eq!(tag_of("Glue the jar lids together.", "lids"), Tag::Noun);
    }

    #[test]
    fn alternatives_and_listed_adjectives_stay_in_the_noun_phrase() {
        let text = "Wrap the wick around a stick or pencil and rest the stick on the tin.";
        assert_eq!(tag_of(text, "pencil"), Tag::Noun);
        assert_eq!(tag_of(text, "rest"), Tag::Verb);
        assert_eq!(tag_of("Glue it or tape it.", "tape"), Tag::Verb);
        let text = "Place it in an old, clean tin can.";
        assert_eq!(tag_of(text, "clean"), Tag::Adj);
        assert_eq!(tag_of("Let it dry, clean the brush.", "clean"), Tag::Verb);
    }

    #[test]
    fn nouns_listed_after_and_stay_nouns() {
        let text = "plant basil, parsley and mint seedlings";
        assert_eq!(tag_of(text, "mint"), Tag::Noun);
        assert_eq!(tag_of(text, "seedlings"), Tag::Noun);
    }
}
