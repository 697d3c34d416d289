//! One-letter typos in real writing ("inclucing", "finallly", "clcok",
//! "drilll"): a word no table knows, with exactly one well-known word one
//! edit away (a letter dropped, doubled, swapped or changed), is read as
//! that word; failing that, two words run together ("pictureon") are split
//! where exactly one split gives two common words. Short words, words with digits or capitals and words with
//! several near neighbours are left as written: a guess there would
//! change meaning more often than it fixes it.

use crate::{lexicon, verbs, words};

/// The shortest word worth correcting: shorter ones have too many
/// neighbours ("revet" is one letter from "rivet", "reset" and "revert").
const MIN_LEN: usize = 6;

/// The word the writer meant, when `word` is unknown and exactly one
/// known word is one edit away.
pub fn corrected(word: &str) -> Option<String> {
    // A plural of a word no table knows ("pompoms") is some noun's
    // plural, not a typo.
    if word.len() < MIN_LEN
        || !word.bytes().all(|b| b.is_ascii_lowercase())
        || words::singular(word) != word
        || known(word)
    {
        return None;
    }
    let mut found: Option<String> = None;
    for candidate in one_edit_away(word) {
        if candidate.len() < MIN_LEN - 1 || !common(&candidate) {
            continue;
        }
        match &found {
            Some(f) if *f == candidate => {}
            Some(_) => return None,
            None => found = Some(candidate),
        }
    }
    found.or_else(|| split_in_two(word))
}

/// "pictureon", "gluethe": two words run together, when exactly one split
/// gives two common words (the first of at least three letters).
fn split_in_two(word: &str) -> Option<String> {
    let mut found = None;
    for i in 3..word.len().saturating_sub(1) {
        if !word.is_char_boundary(i) {
            continue;
        }
        let (a, b) = word.split_at(i);
        if common(a) && (common(b) || closed(b)) {
            if found.is_some() {
                return None;
            }
            found = Some(format!("{a} {b}"));
        }
    }
    found
}

/// Whether any table knows the word as written.
fn known(word: &str) -> bool {
    common(word)
        || crate::wordnet::pos(word).is_some()
        || crate::wordnet::is_noun(&words::singular(word))
        || crate::wordnet::is_noun(word)
        || crate::wordnet::noun_lemma(word).is_some()
        || crate::wordnet::verb_lemma(word).is_some()
        || crate::wordnet::adj_lemma(word).is_some()
        || regular_form_of_verb(word, false)
        || compared(word)
        || compound(word)
}

/// "pinboard", "tealight": two known words written as one; "dedust",
/// "reglue": a known word after a prefix.
fn compound(word: &str) -> bool {
    let prefixed = ["re", "un", "de", "pre", "dis", "over", "under", "out"]
        .iter()
        .filter_map(|p| word.strip_prefix(p))
        .any(|rest| rest.len() >= 3 && (common(rest) || crate::wordnet::is_noun(rest)));
    if prefixed {
        return true;
    }
    (3..word.len().saturating_sub(2)).any(|i| {
        word.is_char_boundary(i) && {
            let (a, b) = word.split_at(i);
            common(a) && common(b)
        }
    })
}

/// Words a correction may land on: ones the craft tables know, or that
/// ordinary text uses (tagged at least once in WordNet's corpus), or
/// regular forms of such verbs ("including", "glued").
fn common(word: &str) -> bool {
    let one = words::singular(word);
    lexicon::lookup(word).is_some()
        || lexicon::lookup(&one).is_some()
        || verbs::verb(word).is_some()
        || crate::wordnet::pos(word).is_some_and(|p| p.noun + p.verb + p.adj + p.adv > 0)
        || regular_form_of_verb(word, true)
        || closed(word)
}

fn closed(word: &str) -> bool {
    words::is_determiner(word)
        || words::is_pronoun(word)
        || words::prep(word).is_some()
        || words::is_subordinator(word)
        || words::is_coordinator(word)
}

/// "shorter", "thickest", "bigger": a regular comparison of an adjective.
fn compared(word: &str) -> bool {
    ["er", "est"]
        .iter()
        .filter_map(|end| word.strip_suffix(end))
        .flat_map(|stem| {
            [
                Some(stem.to_string()),
                Some(format!("{stem}e")),
                undoubled(stem),
            ]
        })
        .flatten()
        .any(|stem| crate::wordnet::pos(&stem).is_some_and(|p| p.is_adj))
}

/// "including", "glued", "drills": a regular form of a verb ordinary text
/// uses.
fn regular_form_of_verb(word: &str, common_only: bool) -> bool {
    let stems: Vec<String> = ["ing", "ed", "es", "s"]
        .iter()
        .filter_map(|end| word.strip_suffix(end))
        .flat_map(|stem| {
            [
                Some(stem.to_string()),
                Some(format!("{stem}e")),
                undoubled(stem),
            ]
        })
        .flatten()
        .collect();
    stems.iter().any(|stem| {
        crate::wordnet::pos(stem).is_some_and(|p| p.is_verb && (p.verb > 0 || !common_only))
            || verbs::verb(stem).is_some()
    })
}

/// "bigg" -> "big", "inputt" -> "input": a stem whose last consonant was
/// doubled before an ending.
fn undoubled(stem: &str) -> Option<String> {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    (n > 2 && bytes[n - 1] == bytes[n - 2]).then(|| stem[..n - 1].to_string())
}

/// Every string one deletion, transposition, substitution or insertion
/// away from `word` (lower-case ASCII letters).
fn one_edit_away(word: &str) -> Vec<String> {
    let chars: Vec<u8> = word.bytes().collect();
    let n = chars.len();
    let mut out = Vec::with_capacity(54 * n + 25);
    let text = |v: Vec<u8>| String::from_utf8(v).unwrap_or_default();
    for i in 0..n {
        let mut v = chars.clone();
        v.remove(i);
        out.push(text(v));
    }
    for i in 0..n.saturating_sub(1) {
        let mut v = chars.clone();
        v.swap(i, i + 1);
        out.push(text(v));
    }
    for i in 0..n {
        for c in b'a'..=b'z' {
            if c != chars[i] {
                let mut v = chars.clone();
                v[i] = c;
                out.push(text(v));
            }
        }
    }
    for i in 0..=n {
        for c in b'a'..=b'z' {
            let mut v = chars.clone();
            v.insert(i, c);
            out.push(text(v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::corrected;

    #[test]
    fn two_words_run_together_are_split() {
        assert_eq!(corrected("pictureon").as_deref(), Some("picture on"));
    }

    #[test]
    fn one_letter_typos_are_read_as_the_word_meant() {
        assert_eq!(corrected("inclucing").as_deref(), Some("including"));
        assert_eq!(corrected("finallly").as_deref(), Some("finally"));
        assert_eq!(corrected("assemebling").as_deref(), Some("assembling"));
    }

    #[test]
    fn known_short_and_ambiguous_words_are_left_alone() {
        for word in [
            "including",
            "bottle",
            "revet",
            "thermocol",
            "patti",
            "pinboard",
        ] {
            assert_eq!(corrected(word), None, "{word}");
        }
    }
}
