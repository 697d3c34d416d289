//! Tokens and word classes: the small grammar the extractor needs to read
//! imperative build steps ("Cut the bottle in half and keep the bottom").

/// One token of step text.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A lower-cased word; hyphenated compounds ("t-shirt", "2-liter") and
    /// possessives ("painter's") stay one word.
    Word(String),
    Number(f64),
    /// `,` or `:` — separates list items and clauses.
    Comma,
    /// `.`, `!`, `?`, `;` or a line break — ends a sentence.
    Stop,
}

/// Splits text into tokens. Decimal numbers ("2.5") and `#hex` colours stay
/// whole; other punctuation is dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    // Which words were written with a capital, for run-on text.
    let mut capitals: Vec<bool> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // "<3" is a heart, not three of anything.
        if c == '<'
            && chars.get(i + 1) == Some(&'3')
            && !chars.get(i + 2).is_some_and(|d| d.is_alphanumeric())
        {
            i += 2;
            continue;
        }
        // "http://www.techshop.ws/": an address, no words of the step.
        let opens_address = |prefix: &str| {
            prefix.chars().enumerate().all(|(k, p)| {
                chars
                    .get(i + k)
                    .is_some_and(|d| d.to_ascii_lowercase() == p)
            })
        };
        if (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(')
            && ["http://", "https://", "www."]
                .into_iter()
                .any(opens_address)
        {
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ')' {
                i += 1;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '#' {
            let start = i;
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let joins = (d == '-' || d == '\'' || d == '’' || d == '.' || d == '/')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphanumeric()
                    && (d != '.'
                        || (chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit()));
                if d.is_alphanumeric() || joins {
                    i += 1;
                } else {
                    break;
                }
            }
            let mut word: String = chars[start..i]
                .iter()
                .map(|&ch| if ch == '’' { '\'' } else { ch })
                .collect::<String>()
                .to_lowercase();
            // "Peel off the tape w/ tweezers": "with".
            if word == "w" && chars.get(i) == Some(&'/') {
                word = "with".into();
                i += 1;
            }
            match word.parse::<f64>().ok().or_else(|| fraction(&word)) {
                Some(n) if n.is_finite() => {
                    out.push(Token::Number(n));
                    // "35”", "2\"", "8’": inch and foot marks after a number.
                    let unit = match chars.get(i) {
                        Some('”' | '″' | '"') => Some("inch"),
                        Some('’' | '′' | '\'') => Some("foot"),
                        _ => None,
                    };
                    if let Some(unit) = unit {
                        capitals.resize(out.len(), false);
                        capitals.push(false);
                        out.push(Token::Word(unit.into()));
                        i += 1;
                    }
                }
                _ => {
                    capitals.resize(out.len(), false);
                    // "2-outer fabric pieces": a count run into the first
                    // word; "you'll later attach": a subject and its
                    // auxiliary.
                    let split = counted_word(&word)
                        .map(|(n, rest)| (Token::Number(n), rest, false))
                        .or_else(|| {
                            subject_contraction(&word).map(|(subject, aux)| {
                                (Token::Word(subject.to_string()), aux, c.is_uppercase())
                            })
                        });
                    if let Some((first, second, capital)) = split {
                        let second = Token::Word(second.to_string());
                        capitals.extend([capital, false]);
                        out.extend([first, second]);
                        continue;
                    }
                    capitals.push(c.is_uppercase());
                    let word = chat_word(&word)
                        .map(str::to_string)
                        .or_else(|| crate::spelling::corrected(&word))
                        .unwrap_or(word);
                    // "pictureon" read as "picture on": one token a word.
                    let mut parts = word.split(' ');
                    out.push(Token::Word(parts.next().unwrap_or_default().to_string()));
                    for part in parts {
                        capitals.push(false);
                        out.push(Token::Word(part.to_string()));
                    }
                }
            }
            continue;
        }
        // "-Remove the label and clean the bottle -poke drainage holes":
        // a dash opening an item of a list written in one line ends the
        // instruction before it; "2 - 3 cm" is a range.
        if c == '-' && (i == 0 || chars[i - 1].is_whitespace()) {
            let next_word = chars[i + 1..]
                .iter()
                .find(|d| !d.is_whitespace())
                .is_some_and(|d| d.is_alphabetic());
            if next_word {
                out.push(Token::Stop);
                i += 1;
                continue;
            }
        }
        // "the doll 's head": a possessive split off by a tokenizer.
        if (c == '\'' || c == '’')
            && chars.get(i + 1).is_some_and(|&d| d == 's' || d == 'S')
            && !chars.get(i + 2).is_some_and(|d| d.is_alphanumeric())
            && i > 0
            && chars[i - 1].is_whitespace()
        {
            if let Some(Token::Word(last)) = out.last_mut() {
                last.push_str("'s");
                i += 2;
                continue;
            }
        }
        // "[source: PBS]", "[6]": a citation, no words of the step.
        if c == '[' {
            if let Some(len) = chars[i + 1..].iter().take(80).position(|&d| d == ']') {
                i += len + 2;
                continue;
            }
        }
        if c == '(' {
            // "a 4-ounce (120-milliliter) jar": a conversion in brackets
            // restates a size and must not cut the noun phrase in two.
            if let Some(len) = chars[i + 1..].iter().take(40).position(|&d| d == ')') {
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                // "ribbon(s)", "box(es)": one or more, read as the plural.
                if let (true, Some(Token::Word(last))) = (
                    matches!(inner.as_str(), "s" | "es") && i > 0 && chars[i - 1].is_alphabetic(),
                    out.last_mut(),
                ) {
                    last.push_str(&inner);
                    i += len + 2;
                    continue;
                }
                if is_measure_aside(&inner) || points_at_picture(&inner) {
                    i += len + 2;
                    continue;
                }
                // "(2) rubber tires" in a list: a count before the thing,
                // where nothing came before it to count.
                let first = !matches!(out.last(), Some(Token::Word(_)));
                if let (true, Ok(n)) = (first, inner.trim().parse::<u32>()) {
                    out.push(Token::Number(f64::from(n)));
                    i += len + 2;
                    continue;
                }
            }
        }
        match c {
            ',' | ':' | '(' | ')' => out.push(Token::Comma),
            '.' | '!' | '?' | ';' | '\n' => out.push(Token::Stop),
            // "Color it & do some small hole": "and", but "46 & 1/8 inch"
            // is one number, joined below.
            '&' if !matches!(out.last(), Some(Token::Number(_))) => {
                capitals.resize(out.len(), false);
                capitals.push(false);
                out.push(Token::Word("and".into()));
            }
            _ => {}
        }
        i += 1;
    }
    capitals.resize(out.len(), false);
    whole_for_hole(&mut out);
    let (out, capitals) = split_step_headings(out, capitals);
    let (out, capitals) = name_lettered_pieces(out, capitals);
    read_by_dimensions(join_split_prepositions(split_run_ons(out, &capitals)))
}

/// "make a whole where you have marked", "glue in the whole": "whole"
/// with nothing after it that it could describe is a hole.
fn whole_for_hole(tokens: &mut [Token]) {
    for i in 1..tokens.len() {
        let after_article = matches!(&tokens[i - 1], Token::Word(a) if a == "a" || a == "the");
        let nothing_after = match tokens.get(i + 1) {
            None | Some(Token::Stop | Token::Comma) => true,
            Some(Token::Word(w)) => prep(w).is_some() || is_subordinator(w) || w == "and",
            Some(Token::Number(_)) => false,
        };
        if after_article && nothing_after && matches!(&tokens[i], Token::Word(w) if w == "whole") {
            tokens[i] = Token::Word("hole".into());
        }
    }
}

/// "u", "ur", "cozz", "thru": the short forms of chat, as the words
/// they stand for.
fn chat_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "u" => "you",
        "ur" => "your",
        "coz" | "cozz" | "cuz" | "bcoz" | "bcz" | "becuase" | "becasue" => "because",
        "thru" => "through",
        "tho" => "though",
        "pls" | "plz" => "please",
        // "drilled wholes": nothing else is plural.
        "wholes" => "holes",
        _ => return None,
    })
}

/// "4 by 4's", "a 2 by 6": lumber by its nominal inches, one word as
/// "4x4" is; "36 by 40 inch": a size, written with a times sign.
fn read_by_dimensions(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        // "46 & 1/8 inch", "1 1/2 inches": a whole number and a fraction.
        if let (Some(Token::Number(whole)), Some(Token::Number(part))) =
            (tokens.get(i), tokens.get(i + 1))
        {
            if whole.fract() == 0.0 && *part > 0.0 && *part < 1.0 {
                out.push(Token::Number(whole + part));
                i += 2;
                continue;
            }
        }
        // "4x4 in squares", "2x8 inch strips": a size with its unit, not
        // lumber.
        if let (Some(Token::Word(w)), Some(Token::Word(u))) = (tokens.get(i), tokens.get(i + 1)) {
            let sides = w
                .split_once('x')
                .and_then(|(a, b)| Some((a.parse::<f64>().ok()?, b.parse::<f64>().ok()?)));
            if let (Some((a, b)), true) = (sides, unit_cm(u).is_some_and(|f| f > 0.0)) {
                out.extend([Token::Number(a), Token::Word("x".into()), Token::Number(b)]);
                i += 1;
                continue;
            }
        }
        let (Some(Token::Number(a)), Some(Token::Word(by))) = (tokens.get(i), tokens.get(i + 1))
        else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        let b = match tokens.get(i + 2) {
            Some(Token::Number(b)) => Some(*b),
            // "4's", "4s": the second side, plural.
            Some(Token::Word(w)) => w
                .trim_end_matches('s')
                .trim_end_matches('\'')
                .parse::<f64>()
                .ok(),
            _ => None,
        };
        let (true, Some(b)) = (by == "by", b) else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        let unit_after = matches!(tokens.get(i + 3), Some(Token::Word(u)) if unit_cm(u).is_some());
        let nominal = |n: f64| n.fract() == 0.0 && (1.0..=12.0).contains(&n);
        if !unit_after && nominal(*a) && nominal(b) {
            out.push(Token::Word(format!("{a}x{b}")));
        } else {
            out.extend([Token::Number(*a), Token::Word("x".into()), Token::Number(b)]);
        }
        i += 3;
    }
    out
}

/// "2-outer", "4-pack": a small count joined by a hyphen to a word that is
/// no unit ("2-liter" is a size).
fn counted_word(word: &str) -> Option<(f64, &str)> {
    let (count, rest) = word.split_once('-')?;
    let n: u32 = count.parse().ok()?;
    let alphabetic = rest.len() >= 3 && rest.chars().all(|c| c.is_ascii_alphabetic());
    (alphabetic
        && (1..=50).contains(&n)
        && unit_cm(rest).is_none()
        && !matches!(rest, "way" | "ply"))
    .then_some((f64::from(n), rest))
}

/// A subject pronoun run together with its auxiliary ("you'll", "we've",
/// "i'm"), as the two words.
fn subject_contraction(word: &str) -> Option<(&str, &'static str)> {
    let (subject, rest) = word.split_once('\'')?;
    if !matches!(subject, "i" | "you" | "we" | "they" | "he" | "she") {
        return None;
    }
    let aux = match rest {
        "ll" => "will",
        "re" => "are",
        "ve" => "have",
        "d" => "would",
        "m" => "am",
        _ => return None,
    };
    Some((subject, aux))
}

/// "Cut the Top of the Bottle Step 2: Creating an Image": a heading of the
/// next step run into the text ends a sentence.
fn split_step_headings(tokens: Vec<Token>, capitals: Vec<bool>) -> (Vec<Token>, Vec<bool>) {
    let mut out = Vec::with_capacity(tokens.len());
    let mut caps = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let heading = matches!(&tokens[i], Token::Word(w) if w == "step")
            && capitals.get(i) == Some(&true)
            && matches!(tokens.get(i + 1), Some(Token::Number(_)));
        if heading {
            out.push(Token::Stop);
            caps.push(false);
            i += 2;
            continue;
        }
        out.push(tokens[i].clone());
        caps.push(capitals.get(i).copied().unwrap_or(false));
        i += 1;
    }
    (out, caps)
}

/// Words a plan names its pieces by with a capital letter after them.
const LETTERED: &[&str] = &["part", "piece", "panel", "board", "plank", "side", "leg"];

/// "part A", "parts B, C and D", "piece C": pieces a woodworking plan names
/// by capital letters are parts of their own, one word each ("part-a",
/// "part-bs" for the plural), so that "part A" and "part B" are not the
/// same part and "a" is not read as an article.
fn name_lettered_pieces(tokens: Vec<Token>, capitals: Vec<bool>) -> (Vec<Token>, Vec<bool>) {
    let letter = |k: usize| match tokens.get(k) {
        Some(Token::Word(w))
            if w.len() == 1
                && w.bytes().all(|b| b.is_ascii_alphabetic())
                && capitals.get(k) == Some(&true) =>
        {
            Some(w.clone())
        }
        _ => None,
    };
    let mut out = Vec::with_capacity(tokens.len());
    let mut caps = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let head = match &tokens[i] {
            Token::Word(w) if LETTERED.contains(&singular(w).as_str()) => {
                Some((singular(w), is_plural(w)))
            }
            _ => None,
        };
        let (Some((head, plural)), Some(first)) = (head, letter(i + 1)) else {
            out.push(tokens[i].clone());
            caps.push(capitals.get(i).copied().unwrap_or(false));
            i += 1;
            continue;
        };
        let name = |l: &str| Token::Word(format!("{head}-{l}{}", if plural { "s" } else { "" }));
        out.push(name(&first));
        caps.push(false);
        i += 2;
        // "parts B, C and D": the letters listed after it name pieces too.
        loop {
            let mut j = i;
            while matches!(tokens.get(j), Some(Token::Comma))
                || matches!(tokens.get(j), Some(Token::Word(w)) if is_coordinator(w))
            {
                j += 1;
            }
            let Some(next) = letter(j).filter(|_| j > i) else {
                break;
            };
            for token in &tokens[i..j] {
                out.push(token.clone());
                caps.push(false);
            }
            out.push(name(&next));
            caps.push(false);
            i = j + 1;
        }
    }
    (out, caps)
}

/// A piece named by a letter ("part-a", "part-bs").
pub fn is_lettered_piece(word: &str) -> bool {
    word.split_once('-').is_some_and(|(head, letter)| {
        LETTERED.contains(&head)
            && matches!(letter.len(), 1 | 2)
            && letter.as_bytes()[0].is_ascii_alphabetic()
            && (letter.len() == 1 || letter.ends_with('s'))
    })
}

/// "2/3", "3/4": a fraction written with a slash.
fn fraction(word: &str) -> Option<f64> {
    let (a, b) = word.split_once('/')?;
    let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
    (b > 0.0).then(|| a / b)
}

/// "(colored blue in the picture below)", "(see photo)", "(as shown)":
/// an aside about the author's pictures, which instructs nothing.
fn points_at_picture(inner: &str) -> bool {
    inner.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "picture"
                | "pictures"
                | "photo"
                | "photos"
                | "image"
                | "images"
                | "pic"
                | "pics"
                | "shown"
                | "video"
                | "diagram"
        )
    })
}

/// Whether bracketed text only restates a measure ("0.64 cm", "about 2
/// in", "120-milliliter"): numbers and units, nothing that names a part.
fn is_measure_aside(inner: &str) -> bool {
    let mut has_unit = false;
    let all = inner.split_whitespace().all(|piece| {
        let piece = piece.trim_matches(|c: char| matches!(c, ',' | '.' | '~' | '≈'));
        let lower = piece.to_lowercase();
        if number_with_unit(&lower).is_some() || unit_cm(&lower).is_some() {
            has_unit = true;
            return true;
        }
        // "23,5''", "11,5''x11,5''", "3\"": inch and foot marks after
        // numbers, with a decimal comma.
        let marks = ['\'', '"', '”', '″', '’', '′'];
        if lower.ends_with(marks)
            && lower
                .chars()
                .all(|c| c.is_numeric() || matches!(c, ',' | '.' | 'x' | '/') || marks.contains(&c))
        {
            has_unit = true;
            return true;
        }
        lower.parse::<f64>().is_ok()
            || lower
                .chars()
                .all(|c| c.is_numeric() || matches!(c, '/' | '⁄' | '-' | '.' | 'x'))
            || matches!(
                lower.as_str(),
                "about" | "approx" | "approximately" | "or" | "by" | "to"
            )
    });
    all && has_unit
}

/// "Label the clock Paste all the things Make it stand": text written with
/// no stops, where a capitalised verb followed by what it acts on starts a
/// new sentence. "a Hot Glue Gun" stays one phrase: no object follows.
fn split_run_ons(tokens: Vec<Token>, capitals: &[bool]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let starts = capitals.get(i) == Some(&true)
            && i > 0
            && matches!(tokens.get(i - 1), Some(Token::Word(_)))
            && matches!(token, Token::Word(w) if crate::verbs::verb(w).is_some())
            && matches!(tokens.get(i + 1), Some(Token::Word(n)) if is_determiner(n) || is_pronoun(n));
        if starts {
            out.push(Token::Stop);
        }
        out.push(token.clone());
    }
    out
}

/// "on to the roll", "in to a strip": two words written for one
/// preposition, when a noun phrase follows ("go on to paint" keeps both).
fn join_split_prepositions(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let word = |k: usize| match tokens.get(k) {
            Some(Token::Word(w)) => Some(w.as_str()),
            _ => None,
        };
        let nominal_next = match tokens.get(i + 2) {
            Some(Token::Number(_)) => true,
            Some(Token::Word(w)) => is_determiner(w) || is_pronoun(w),
            _ => false,
        };
        match (word(i), word(i + 1)) {
            (Some(first @ ("on" | "in")), Some("to")) if nominal_next => {
                out.push(Token::Word(format!("{first}to")));
                i += 2;
            }
            // "cut a circle out of a sheet": where it comes from.
            (Some("out"), Some("of")) if nominal_next => {
                out.push(Token::Word("from".into()));
                i += 2;
            }
            // "next to the jar": beside it; "Next, glue the lid" is an
            // adverb.
            (Some("next"), Some("to")) => {
                out.push(Token::Word("beside".into()));
                i += 2;
            }
            // "slip the pot off of the can": off it.
            (Some("off"), Some("of")) if nominal_next => {
                out.push(Token::Word("off".into()));
                i += 2;
            }
            _ => {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// Singular form of an English noun, good enough for a build lexicon.
pub fn singular(word: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("leaves", "leaf"),
        ("knives", "knife"),
        ("shelves", "shelf"),
        ("halves", "half"),
        ("loaves", "loaf"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("mice", "mouse"),
        ("men", "man"),
        ("children", "child"),
        ("geese", "goose"),
        ("cacti", "cactus"),
        ("fungi", "fungus"),
        ("dice", "die"),
        ("pennies", "penny"),
        ("scissors", "scissors"),
        ("pliers", "pliers"),
        ("tongs", "tongs"),
        ("jeans", "jeans"),
        ("clothes", "clothes"),
        ("lights", "lights"),
        ("supplies", "supply"),
        ("series", "series"),
        ("species", "species"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == word) {
        return (*s).to_string();
    }
    let keep = [
        "glass", "grass", "moss", "brass", "canvas", "gauze", "cactus", "bus", "gas",
    ];
    if keep.contains(&word) || word.len() <= 3 || word.ends_with("ss") || word.ends_with("us") {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        // "ties", "hair-ties", "pies": a one-letter stem keeps its "ie".
        let last = stem.rsplit(['-', ' ']).next().unwrap_or(stem);
        if last.len() == 1 {
            return word[..word.len() - 1].to_string();
        }
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "xes", "sses", "zes"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    if word.ends_with("oes") && !word.ends_with("shoes") {
        return word[..word.len() - 2].to_string();
    }
    if let Some(stem) = word.strip_suffix('s') {
        if !stem.ends_with('s') && !stem.ends_with('\'') {
            return stem.to_string();
        }
    }
    word.to_string()
}

/// Whether a noun as written is plural.
pub fn is_plural(word: &str) -> bool {
    singular(word) != word || word == "lights"
}

/// Words that open or glue noun phrases but name nothing.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "each"
            | "every"
            | "all"
            | "some"
            | "any"
            | "its"
            | "their"
            | "your"
            | "his"
            | "her"
            | "our"
            | "my"
            | "this"
            | "that"
            | "these"
            | "those"
            | "both"
            | "either"
            | "another"
            | "other"
            | "few"
            | "several"
            | "many"
            | "more"
            | "most"
            | "enough"
            | "remaining"
            | "rest"
            | "least"
            | "of"
    )
}

/// Pronouns that point back at the part in focus.
pub fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "it" | "them" | "they" | "itself" | "themselves" | "one" | "ones" | "mine" | "yours"
    )
}

/// Prepositions the extractor distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prep {
    In,
    Into,
    On,
    Onto,
    To,
    Under,
    Around,
    Through,
    With,
    Of,
    Off,
    Over,
    Beside,
    Behind,
    Along,
    At,
    From,
    Near,
    Between,
    Inside,
    Across,
    Below,
    Above,
    Up,
    Using,
    /// "for the legs": what a thing is for.
    For,
    Other,
}

impl Prep {
    /// Whether the preposition says where a thing goes ("in", "on",
    /// "inside", "under").
    pub fn places(self) -> bool {
        matches!(
            self,
            Prep::In
                | Prep::Into
                | Prep::On
                | Prep::Onto
                | Prep::Inside
                | Prep::Under
                | Prep::Over
                | Prep::Above
                | Prep::Below
        )
    }
}

pub fn prep(word: &str) -> Option<Prep> {
    Some(match word {
        "in" | "within" => Prep::In,
        "into" => Prep::Into,
        "on" | "upon" | "atop" => Prep::On,
        "onto" => Prep::Onto,
        "to" | "against" => Prep::To,
        "under" | "underneath" | "beneath" => Prep::Under,
        "around" | "round" => Prep::Around,
        "through" | "thru" => Prep::Through,
        "with" => Prep::With,
        "of" => Prep::Of,
        "off" | "out" => Prep::Off,
        "over" => Prep::Over,
        "beside" | "alongside" => Prep::Beside,
        "behind" => Prep::Behind,
        "along" => Prep::Along,
        "at" => Prep::At,
        "from" => Prep::From,
        "near" | "by" => Prep::Near,
        "between" | "among" => Prep::Between,
        "inside" => Prep::Inside,
        "across" => Prep::Across,
        "below" => Prep::Below,
        "above" => Prep::Above,
        "up" => Prep::Up,
        "using" => Prep::Using,
        "for" => Prep::For,
        "per" | "like" | "without" | "including" | "except" | "until" | "before" | "after"
        | "about" | "toward" | "towards" | "down" | "apart" | "away" | "together" => Prep::Other,
        _ => return None,
    })
}

/// Words that start a subordinate clause whose nouns describe a purpose or
/// a condition rather than something to build ("so it is 10 cm high",
/// "until smooth", "to form a handle").
pub fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "so" | "until"
            | "while"
            | "when"
            | "because"
            | "if"
            | "unless"
            | "which"
            | "where"
            | "once"
            | "as"
            | "whether"
            | "however"
            | "whenever"
            | "wherever"
    )
}

/// Coordinators that may start a new clause when a verb follows.
pub fn is_coordinator(word: &str) -> bool {
    matches!(word, "and" | "or" | "then" | "but" | "&")
}

/// Adverbs and other words that carry no part and no action.
pub fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "just"
            | "afterwards"
            | "beforehand"
            | "gently"
            | "carefully"
            | "lightly"
            | "firmly"
            | "evenly"
            | "slowly"
            | "well"
            | "also"
            | "again"
            | "now"
            | "fully"
            | "completely"
            | "thoroughly"
            | "roughly"
            | "about"
            | "approximately"
            | "around"
            | "only"
            | "not"
            | "too"
            | "very"
            | "really"
            | "overnight"
            | "upright"
            | "lengthwise"
            | "crosswise"
            | "tightly"
            | "loosely"
            | "securely"
            | "neatly"
            | "straight"
            | "flat"
            | "down"
            | "side"
            | "there"
            | "here"
            | "each"
            | "you"
            | "it's"
            | "is"
            | "are"
            | "be"
            | "will"
            | "should"
            | "must"
            | "may"
            | "need"
            | "needs"
            | "don't"
            | "do"
            | "has"
            | "have"
            | "then"
            | "first"
            | "next"
            | "finally"
            | "last"
            | "optionally"
            | "please"
            | "always"
            | "never"
            | "upside"
            | "outward"
            | "outwards"
            | "inward"
            | "inwards"
            | "sideways"
            | "halfway"
            | "partway"
            | "partially"
            | "almost"
            | "nearly"
            | "enough"
            | "instead"
    ) || is_ly_adverb(word)
}

/// "gently", "carefully": a word in "-ly" is an adverb, unless WordNet
/// knows it and not as one ("apply", "supply", "family", "jelly").
pub(crate) fn is_ly_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && crate::wordnet::pos(word).is_none_or(|p| p.is_adv)
        && !matches!(
            word,
            "jelly" | "belly" | "family" | "lily" | "holly" | "assembly" | "supply" | "doily"
        )
}

/// "is", "are", "was", "were": the forms of "be" after a subject that a
/// passive or a statement turns on.
pub(crate) fn is_be(word: &str) -> bool {
    matches!(word, "is" | "are" | "was" | "were")
}

/// Number words: cardinals and a few collective quantities.
pub fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "one" | "single" => 1.0,
        "two" | "pair" | "couple" | "both" | "twice" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        _ => return None,
    })
}

/// A unit after a number turns it into a measurement, not a count.
pub fn unit_cm(word: &str) -> Option<f64> {
    Some(match word {
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" => 0.1,
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" => 1.0,
        "m" | "meter" | "meters" | "metre" | "metres" => 100.0,
        "in" | "inch" | "inches" | "\"" => 2.54,
        "ft" | "foot" | "feet" => 30.48,
        "l" | "liter" | "liters" | "litre" | "litres" | "ml" | "milliliter" | "milliliters"
        | "millilitre" | "millilitres" | "cc" | "oz" | "ounce" | "ounces" | "teaspoon"
        | "teaspoons" | "tsp" | "tablespoon" | "tablespoons" | "tbsp" | "g" | "gram" | "grams"
        | "kg" | "kilogram" | "kilograms" | "lb" | "lbs" | "pound" | "pounds" | "pint"
        | "pints" | "quart" | "quarts" | "gallon" | "gallons" | "percent" | "%" | "degree"
        | "degrees" | "minute" | "minutes" | "hour" | "hours" | "coat" | "coats" | "layer"
        | "layers" | "time" | "times" | "day" | "days" => 0.0,
        // "a 4 dollar valve housing": a price, not how many.
        "dollar" | "dollars" | "buck" | "bucks" | "cent" | "cents" | "euro" | "euros" | "rupee"
        | "rupees" | "rs" => 0.0,
        _ => return None,
    })
}

/// Splits "2-liter", "10cm" or "3-inch" into a number and a unit.
pub fn number_with_unit(word: &str) -> Option<(f64, String)> {
    let split = word.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    if split == 0 {
        return None;
    }
    let number: f64 = word[..split].parse().ok()?;
    let unit = word[split..].trim_start_matches('-');
    unit_cm(unit).map(|_| (number, unit.to_string()))
}

/// Adjectives that describe a part without naming it.
pub fn is_adjective(word: &str) -> bool {
    matches!(
        word,
        "shut"
            | "closed"
            | "open"
            | "secure"
            | "level"
            | "dry-brushed"
            | "old"
            | "empty"
            | "clean"
            | "small"
            | "large"
            | "big"
            | "little"
            | "wide"
            | "narrow"
            | "thin"
            | "thick"
            | "long"
            | "short"
            | "tall"
            | "fine"
            | "coarse"
            | "new"
            | "spare"
            | "reclaimed"
            | "recycled"
            | "upcycled"
            | "leftover"
            | "used"
            | "different"
            | "uneven"
            | "sharp"
            | "bright"
            | "shiny"
            | "warm"
            | "cold"
            | "hot"
            | "dry"
            | "wet"
            | "soft"
            | "hard"
            | "heavy"
            | "rustic"
            | "decorative"
            | "extra"
            | "whole"
            | "entire"
            | "equal"
            | "opposite"
            | "same"
            | "quartz"
            | "acrylic"
            | "frosted"
            | "round"
            | "square"
            | "rectangular"
            | "smooth"
            | "rough"
            | "tiny"
            | "huge"
            | "simple"
            | "sturdy"
            | "strong"
            | "even"
            | "loose"
            | "tight"
            | "front"
            | "rear"
            | "upper"
            | "lower"
            | "inner"
            | "outer"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "last"
            | "final"
            | "top"
            | "bottom"
            | "left"
            | "right"
            | "middle"
            | "central"
            | "cut"
            | "clear"
            | "dark"
            | "light"
            | "pale"
            | "double"
            | "single"
            | "matching"
            | "nice"
            | "pretty"
            | "favourite"
            | "favorite"
            | "own"
            | "ready"
            | "free"
            | "full"
            | "half"
            | "quarter"
            | "outdoor"
            | "indoor"
            | "wooden"
            | "plastic"
            | "metal"
            | "metallic"
            | "glass"
            | "paper"
            | "fabric"
            | "cotton"
            | "woolen"
            | "woollen"
            | "ceramic"
            | "rubber"
            | "steel"
            | "tin"
            | "aluminium"
            | "aluminum"
            | "copper"
            | "brass"
            | "cardboard"
            | "plywood"
            | "pine"
            | "oak"
            | "bamboo"
            | "jute"
            | "sisal"
            | "cork"
            | "foam"
            | "vintage"
            | "antique"
            | "broken"
            | "unused"
            | "discarded"
            | "damaged"
            | "sticky"
            | "waterproof"
            | "washable"
            | "narrower"
            | "wider"
            | "shorter"
            | "longer"
            | "several"
            | "various"
            | "assorted"
            | "remaining"
            | "other"
            | "such"
            | "own-made"
            | "wall-mounted"
            | "hanging"
            | "standing"
            | "no-sew"
            | "diy"
            | "homemade"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| match t {
                Token::Word(w) => w,
                Token::Number(n) => format!("#{n}"),
                Token::Comma => ",".into(),
                Token::Stop => ".".into(),
            })
            .collect()
    }

    #[test]
    fn tokenizer_keeps_compounds_numbers_and_possessives() {
        assert_eq!(
            words("Cut the 2-liter T-shirt, painter's tape. 2.5 cm; #AABBCC!"),
            [
                "cut",
                "the",
                "2-liter",
                "t-shirt",
                ",",
                "painter's",
                "tape",
                ".",
                "#2.5",
                "cm",
                ".",
                "#aabbcc",
                "."
            ]
        );
    }

    #[test]
    fn a_subject_and_its_auxiliary_are_two_words() {
        assert_eq!(
            words("you'll later attach"),
            ["you", "will", "later", "attach"]
        );
        assert_eq!(words("We’ve made it"), ["we", "have", "made", "it"]);
        assert_eq!(words("the painter's tape"), ["the", "painter's", "tape"]);
    }

    #[test]
    fn an_aside_about_the_pictures_is_dropped() {
        assert_eq!(
            words("the loop (colored blue in the picture below) that"),
            ["the", "loop", "that"]
        );
    }

    #[test]
    fn a_count_run_into_a_word_is_a_count() {
        assert_eq!(
            words("2-outer fabric pieces"),
            ["#2", "outer", "fabric", "pieces"]
        );
        assert_eq!(words("a 2-liter bottle"), ["a", "2-liter", "bottle"]);
    }

    #[test]
    fn citations_in_brackets_are_dropped() {
        assert_eq!(
            words("Fill it [source: PBS]. Glue[6] it"),
            ["fill", "it", ".", "glue", "it"]
        );
    }

    #[test]
    fn a_whole_number_and_a_fraction_are_one_number() {
        assert_eq!(words("46 & 1/8 inch"), ["#46.125", "inch"]);
    }

    #[test]
    fn lumber_and_sizes_written_with_by() {
        assert_eq!(words("the 14 inch 4 by 4's"), ["the", "#14", "inch", "4x4"]);
        assert_eq!(
            words("carpet 36 by 40 inch"),
            ["carpet", "#36", "x", "#40", "inch"]
        );
    }

    #[test]
    fn a_size_in_inch_marks_in_brackets_is_an_aside() {
        assert_eq!(
            words("Cardboard tube 60 cm (23,5'')"),
            ["cardboard", "tube", "#60", "cm"]
        );
    }

    #[test]
    fn a_heart_is_no_number() {
        assert_eq!(words("a quirky ring <3"), ["a", "quirky", "ring"]);
        assert_eq!(words("x<30 cm"), ["x", "#30", "cm"]);
    }

    #[test]
    fn sentence_final_dot_after_number_is_a_stop() {
        assert_eq!(words("cut 3."), ["cut", "#3", "."]);
    }

    #[test]
    fn singular_handles_common_plurals() {
        for (plural, one) in [
            ("bottles", "bottle"),
            ("boxes", "box"),
            ("batteries", "battery"),
            ("knives", "knife"),
            ("halves", "half"),
            ("glass", "glass"),
            ("ties", "tie"),
            ("hair-ties", "hair-tie"),
            ("daisies", "daisy"),
            ("brushes", "brush"),
            ("benches", "bench"),
            ("tomatoes", "tomato"),
            ("corks", "cork"),
            ("lights", "lights"),
            ("cactus", "cactus"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }

    #[test]
    fn numbers_with_units_split() {
        assert_eq!(number_with_unit("2-liter"), Some((2.0, "liter".into())));
        assert_eq!(number_with_unit("10cm"), Some((10.0, "cm".into())));
        assert_eq!(number_with_unit("t-shirt"), None);
    }
}
