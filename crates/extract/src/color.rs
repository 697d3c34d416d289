//! Colour words: names, shades and `#hex` codes found in step text.

use plan::model::Color;

/// Named colours a maker is likely to write, multiword names first so the
/// longest name wins ("navy blue" before "blue").
const NAMED: &[(&str, &str)] = &[
    ("dark walnut", "#4a3222"),
    ("navy blue", "#1f2f5c"),
    ("sky blue", "#7fb8e6"),
    ("baby blue", "#a9cdeb"),
    ("royal blue", "#3557b7"),
    ("mint green", "#98d8b4"),
    ("forest green", "#2e5e3a"),
    ("olive green", "#6b7a3a"),
    ("lime green", "#8cc63f"),
    ("sage green", "#9caf88"),
    ("off white", "#f1ede4"),
    ("frosted glass", "#dfe8ea"),
    ("hot pink", "#e8408f"),
    ("light oak", "#c9a26b"),
    ("rose gold", "#c99a8b"),
    ("terracotta", "#c9653b"),
    ("walnut", "#5d4030"),
    ("mahogany", "#6b2f24"),
    ("oak", "#b08550"),
    ("pine", "#d8b27a"),
    ("cherry", "#8a3b2c"),
    ("ebony", "#2b2420"),
    ("white", "#f4f2ee"),
    ("black", "#26262a"),
    ("grey", "#8c8f94"),
    ("gray", "#8c8f94"),
    ("silver", "#b9bcc2"),
    ("gold", "#c9a23a"),
    ("golden", "#c9a23a"),
    ("copper", "#b8693d"),
    ("bronze", "#9a6b3a"),
    ("brass", "#b59a4a"),
    ("red", "#c8372d"),
    ("crimson", "#a3202f"),
    ("maroon", "#6e1f2a"),
    ("pink", "#e892b0"),
    ("coral", "#ef7f67"),
    ("orange", "#e8842c"),
    ("peach", "#f2b38d"),
    ("yellow", "#f0c93a"),
    ("mustard", "#c9a227"),
    ("cream", "#f1e6c8"),
    ("ivory", "#f3eddc"),
    ("beige", "#d9c7a5"),
    ("tan", "#c29a6b"),
    ("brown", "#7a5233"),
    ("chocolate", "#5a3a25"),
    ("green", "#4f9a4a"),
    ("olive", "#6b7a3a"),
    ("teal", "#2a8a8a"),
    ("turquoise", "#3cbcb4"),
    ("aqua", "#5ccfd0"),
    ("cyan", "#3cc0d8"),
    ("blue", "#3a6fc4"),
    ("navy", "#1f2f5c"),
    ("indigo", "#41408f"),
    ("purple", "#7a4a9a"),
    ("violet", "#8a5ab8"),
    ("lavender", "#b6a4d8"),
    ("lilac", "#c4a8d8"),
    ("magenta", "#c8398a"),
    ("frosted", "#dfe8ea"),
    ("clear", "#e6eef0"),
    ("transparent", "#e6eef0"),
    ("natural", "#caa472"),
    ("rust", "#a5532e"),
    ("charcoal", "#3a3b3f"),
];

/// A colour found in text and how many words it took.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorMatch {
    pub color: Color,
    pub name: String,
    pub words: usize,
}

/// Matches a colour at the start of `words` (already lower-cased):
/// `#hex`, a named colour, or a shade word ("dark", "light", "pale",
/// "bright") followed by a named colour.
pub fn match_color(words: &[&str]) -> Option<ColorMatch> {
    let first = *words.first()?;
    if let Some(color) = Color::parse_hex(first) {
        return Some(ColorMatch {
            color,
            name: first.to_string(),
            words: 1,
        });
    }
    if let Some(named) = match_named(words).filter(|m| m.words > 1) {
        return Some(named);
    }
    if let Some(shade) = shade_factor(first) {
        if let Some(base) = match_named(&words[1..]) {
            return Some(ColorMatch {
                color: shade_color(&base.color, shade),
                name: format!("{first} {}", base.name),
                words: base.words + 1,
            });
        }
    }
    match_named(words)
}

fn match_named(words: &[&str]) -> Option<ColorMatch> {
    NAMED.iter().find_map(|(name, hex)| {
        let parts: Vec<&str> = name.split(' ').collect();
        let matches = words.len() >= parts.len() && parts.iter().zip(words).all(|(a, b)| a == b);
        matches.then(|| ColorMatch {
            color: Color((*hex).to_string()),
            name: (*name).to_string(),
            words: parts.len(),
        })
    })
}

/// Negative darkens, positive mixes with white.
fn shade_factor(word: &str) -> Option<f64> {
    match word {
        "dark" | "deep" => Some(-0.35),
        "light" | "pale" | "pastel" | "soft" => Some(0.45),
        "bright" | "vivid" => Some(0.0),
        _ => None,
    }
}

fn shade_color(color: &Color, factor: f64) -> Color {
    let [r, g, b] = color.rgb();
    let shade = |c: u8| -> u8 {
        let c = f64::from(c);
        let v = if factor < 0.0 {
            c * (1.0 + factor)
        } else {
            c + (255.0 - c) * factor
        };
        v.round().clamp(0.0, 255.0) as u8
    };
    Color(format!("#{:02x}{:02x}{:02x}", shade(r), shade(g), shade(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiword_names_win_over_single_words() {
        let m = match_color(&["navy", "blue", "paint"]).unwrap();
        assert_eq!((m.name.as_str(), m.words), ("navy blue", 2));
        assert_eq!(m.color.0, "#1f2f5c");
    }

    #[test]
    fn hex_codes_are_normalised() {
        let m = match_color(&["#AABBCC"]).unwrap();
        assert_eq!(m.color.0, "#aabbcc");
        assert_eq!(match_color(&["#abc"]).unwrap().color.0, "#aabbcc");
        assert!(match_color(&["#abcd"]).is_none());
    }

    #[test]
    fn shades_darken_and_lighten() {
        let dark = match_color(&["dark", "green"]).unwrap();
        let light = match_color(&["light", "green"]).unwrap();
        let base = match_color(&["green"]).unwrap();
        let sum = |c: &Color| c.rgb().iter().map(|&v| u32::from(v)).sum::<u32>();
        assert!(sum(&dark.color) < sum(&base.color));
        assert!(sum(&light.color) > sum(&base.color));
        assert_eq!(dark.words, 2);
    }

    #[test]
    fn shade_word_alone_is_not_a_colour() {
        assert!(match_color(&["dark", "corner"]).is_none());
        assert!(match_color(&["mint", "seedlings"]).is_none());
    }
}
