//! Colour names: prompts say "terracotta", not `#c96a3b`.
//!
//! Image models follow colour words far better than hex codes, so every
//! [`Color`] is named by the nearest entry of a small palette of everyday
//! names, measured in CIELAB (where equal distances look about equally
//! different).

use crate::model::Color;

/// The named palette: everyday colour words with a typical sRGB value each.
const PALETTE: &[(&str, [u8; 3])] = &[
    ("white", [0xf7, 0xf7, 0xf5]),
    ("cream", [0xf2, 0xe8, 0xcf]),
    ("light grey", [0xc8, 0xc8, 0xc8]),
    ("grey", [0x8c, 0x8c, 0x8c]),
    ("charcoal grey", [0x3d, 0x3d, 0x3d]),
    ("black", [0x14, 0x14, 0x14]),
    ("beige", [0xd9, 0xc6, 0xa5]),
    ("tan", [0xc1, 0x9a, 0x6b]),
    ("brown", [0x8b, 0x5a, 0x2b]),
    ("dark brown", [0x4a, 0x2f, 0x1b]),
    ("terracotta", [0xc9, 0x6a, 0x3b]),
    ("rust red", [0x9a, 0x3e, 0x25]),
    ("red", [0xc6, 0x28, 0x28]),
    ("dark red", [0x7b, 0x1e, 0x1e]),
    ("pink", [0xf2, 0xa5, 0xb5]),
    ("coral", [0xf0, 0x7a, 0x64]),
    ("orange", [0xf2, 0x8c, 0x28]),
    ("mustard yellow", [0xd4, 0xa7, 0x2c]),
    ("yellow", [0xf5, 0xd6, 0x3d]),
    ("olive green", [0x7a, 0x7a, 0x32]),
    ("green", [0x3c, 0x9a, 0x4a]),
    ("leaf green", [0x5a, 0x8c, 0x50]),
    ("dark green", [0x1f, 0x5e, 0x32]),
    ("sage green", [0x9c, 0xae, 0x88]),
    ("mint green", [0xa8, 0xe0, 0xc0]),
    ("teal", [0x1f, 0x8a, 0x8a]),
    ("turquoise", [0x3c, 0xc8, 0xc8]),
    ("light blue", [0xa6, 0xcf, 0xee]),
    ("blue", [0x2d, 0x6c, 0xc0]),
    ("bright blue", [0x20, 0x40, 0xe0]),
    ("navy blue", [0x1d, 0x2d, 0x55]),
    ("purple", [0x6f, 0x3c, 0x96]),
    ("lavender", [0xb9, 0xa6, 0xd9]),
];

/// The palette name nearest to `color` ("terracotta" for `#c96a3b`).
pub fn color_name(color: &Color) -> &'static str {
    let target = lab(color.rgb());
    let mut best = ("grey", f64::INFINITY);
    for &(name, rgb) in PALETTE {
        let d = distance2(target, lab(rgb));
        // Strictly less: ties go to the earlier entry, so names are stable.
        if d < best.1 {
            best = (name, d);
        }
    }
    best.0
}

fn distance2(a: [f64; 3], b: [f64; 3]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// sRGB (D65) to CIELAB.
fn lab(rgb: [u8; 3]) -> [f64; 3] {
    let lin = rgb.map(|c| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    });
    let [r, g, b] = lin;
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(hex: &str) -> &'static str {
        color_name(&Color::parse_hex(hex).expect("valid hex"))
    }

    #[test]
    fn palette_entries_name_themselves() {
        for &(expected, [r, g, b]) in PALETTE {
            let hex = format!("#{r:02x}{g:02x}{b:02x}");
            assert_eq!(name(&hex), expected, "{hex}");
        }
    }

    #[test]
    fn common_colours_get_everyday_names() {
        assert_eq!(name("#c96a3b"), "terracotta");
        assert_eq!(name("#ffffff"), "white");
        assert_eq!(name("#000000"), "black");
        assert_eq!(name("#ff0000"), "red");
        assert_eq!(name("#0000ff"), "bright blue");
        assert_eq!(name("#3366cc"), "blue");
        assert_eq!(name("#228b22"), "green");
        assert_eq!(name("#5c3a21"), "dark brown");
    }
}
