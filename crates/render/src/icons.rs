//! Tool icons: small instruction-manual pictograms, one per [`Tool`].
//!
//! Every icon is drawn on a 48×48 grid with `$i` (ink) outlines 2.5 units
//! wide, round caps and joins, and `$p` (paper) or ink fills, then scaled to
//! the size asked for. Only basic shapes are used, so every SVG renderer
//! draws them the same way, and the output is a pure function of the input.

use plan::model::Tool;

/// Formats a number with at most three decimals and no trailing zeros.
fn num(v: f64) -> String {
    let text = format!("{v:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Makes a colour safe to place inside a double-quoted attribute.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An SVG fragment drawing `tool` in the `size`×`size` square whose top-left
/// corner is (`x`, `y`): `ink` for outlines and dark fills, `paper` for light
/// fills.
pub fn tool_icon(tool: Tool, x: f64, y: f64, size: f64, ink: &str, paper: &str) -> String {
    let (ink, paper) = (attr(ink), attr(paper));
    let body = body(tool).replace("$i", &ink).replace("$p", &paper);
    format!(
        "<g transform=\"translate({} {}) scale({})\" fill=\"{paper}\" stroke=\"{ink}\" \
         stroke-width=\"2.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{body}</g>",
        num(x),
        num(y),
        num(size / 48.0),
    )
}

/// The icon's shapes on the 48×48 grid; `$i` is ink and `$p` paper.
fn body(tool: Tool) -> &'static str {
    match tool {
        Tool::Scissors => concat!(
            r#"<path d="M31.7 30 L26.2 19.7 L13.8 4 L21.8 22.3 L28.3 32 Z"/>"#,
            r#"<path d="M16.3 30 L21.8 19.7 L34.2 4 L26.2 22.3 L19.7 32 Z"/>"#,
            r#"<circle cx="13" cy="38" r="6" stroke-width="3.5"/>"#,
            r#"<circle cx="35" cy="38" r="6" stroke-width="3.5"/>"#,
            r#"<circle cx="24" cy="21" r="1.6" fill="$i" stroke="none"/>"#,
        ),
        Tool::Knife => concat!(
            r#"<g transform="rotate(-35 24 24)">"#,
            r#"<path d="M30 21.5 H39 L45 28.5 H30 Z"/>"#,
            r#"<path d="M34 21.5 L40 28.5 M38 21.5 L39.5 23.3" stroke-width="1.2"/>"#,
            r#"<path d="M4 20 H31 V30 H8 Q4 30 4 26 Z"/>"#,
            r#"<rect x="14" y="16.5" width="8" height="4" rx="1.5" fill="$i"/>"#,
            r#"<path d="M9 25 H25" stroke-width="1.5"/>"#,
            "</g>",
        ),
        Tool::Saw => concat!(
            r#"<g transform="rotate(-15 24 24)">"#,
            r#"<path d="M16 12 L45 20 V24 l-1.8 2.6 l-1.8 -1.35 l-1.8 2.6 l-1.8 -1.35"#,
            r#" l-1.8 2.6 l-1.8 -1.35 l-1.8 2.6 l-1.8 -1.35 l-1.8 2.6 l-1.8 -1.35"#,
            r#" l-1.8 2.6 l-1.8 -1.35 l-1.8 2.6 l-1.8 -1.35 l-1.8 2.6 l-1.8 -1.35 L16 34 Z"/>"#,
            r#"<path d="M4 14 Q4 10 8 10 H17 V36 H8 Q4 36 4 32 Z"/>"#,
            r#"<rect x="8" y="15" width="5" height="14" rx="2.5"/>"#,
            "</g>",
        ),
        Tool::Drill => concat!(
            r#"<path d="M40 16 H46" stroke-width="3"/>"#,
            r#"<path d="M33 11 H38 L40 13 V19 L38 21 H33 Z"/>"#,
            r#"<path d="M13 24 H25 L23 37 H15 Z"/>"#,
            r#"<rect x="25" y="25" width="3" height="5" rx="1" fill="$i" stroke-width="1.5"/>"#,
            r#"<path d="M6 12 Q6 8 10 8 H30 Q33 8 33 11 V21 Q33 24 30 24 H10 Q6 24 6 20 Z"/>"#,
            r#"<path d="M11 12 V20 M15 12 V20" stroke-width="1.5"/>"#,
            r#"<rect x="9" y="37" width="20" height="7" rx="2" fill="$i"/>"#,
        ),
        Tool::Sandpaper => concat!(
            r#"<g transform="rotate(-12 24 24)">"#,
            r#"<path d="M7 9 H41 V31 L33 39 H7 Z"/>"#,
            r#"<path d="M41 31 H33 V39"/>"#,
            r#"<g fill="$i" stroke="none">"#,
            r#"<circle cx="12" cy="14" r="1.2"/><circle cx="19" cy="14" r="1.2"/>"#,
            r#"<circle cx="26" cy="14" r="1.2"/><circle cx="33" cy="14" r="1.2"/>"#,
            r#"<circle cx="15.5" cy="20" r="1.2"/><circle cx="22.5" cy="20" r="1.2"/>"#,
            r#"<circle cx="29.5" cy="20" r="1.2"/><circle cx="36.5" cy="20" r="1.2"/>"#,
            r#"<circle cx="12" cy="26" r="1.2"/><circle cx="19" cy="26" r="1.2"/>"#,
            r#"<circle cx="26" cy="26" r="1.2"/><circle cx="33" cy="26" r="1.2"/>"#,
            r#"<circle cx="15.5" cy="32" r="1.2"/><circle cx="22.5" cy="32" r="1.2"/>"#,
            r#"<circle cx="12" cy="36" r="1.2"/><circle cx="27.5" cy="35" r="1.2"/>"#,
            "</g></g>",
        ),
        Tool::Brush => concat!(
            r#"<g transform="rotate(40 24 24)">"#,
            r#"<path d="M21.5 27 L20.5 40 Q24 46 27.5 40 L26.5 27 Z"/>"#,
            r#"<circle cx="24" cy="40" r="1" stroke-width="1.5"/>"#,
            r#"<path d="M18.5 18 L17.5 8 Q17.5 5 20 5 H28 Q30.5 5 30.5 8 L29.5 18 Z"/>"#,
            r#"<path d="M17.8 11 L17.5 8 Q17.5 5 20 5 H28 Q30.5 5 30.5 8 L30.2 11 Z" fill="$i"/>"#,
            r#"<path d="M22 12 V18 M26 12 V18" stroke-width="1.2"/>"#,
            r#"<rect x="18" y="18" width="12" height="9" rx="1"/>"#,
            r#"<path d="M18 22.5 H30" stroke-width="1.5"/>"#,
            "</g>",
        ),
        Tool::SprayCan => concat!(
            r#"<path d="M13 42 V19 Q13 13 22 13 Q31 13 31 19 V42 Q31 44 29 44 H15 Q13 44 13 42 Z"/>"#,
            r#"<path d="M13 24 H31 M13 36 H31"/>"#,
            r#"<rect x="19" y="6" width="6" height="7" rx="1" fill="$i"/>"#,
            r#"<g fill="$i" stroke="none">"#,
            r#"<circle cx="30" cy="8" r="1.3"/><circle cx="34" cy="5" r="1.3"/>"#,
            r#"<circle cx="34.5" cy="10.5" r="1.3"/><circle cx="38.5" cy="7.5" r="1.3"/>"#,
            r#"<circle cx="38.5" cy="3" r="1.3"/><circle cx="42.5" cy="5.5" r="1.3"/>"#,
            r#"<circle cx="42" cy="11" r="1.3"/><circle cx="38.5" cy="13.5" r="1.3"/>"#,
            "</g>",
        ),
        Tool::GlueGun => concat!(
            r#"<rect x="2.5" y="13.5" width="8" height="6" rx="1"/>"#,
            r#"<path d="M38 14.5 H41 L45 16.5 L41 18.5 H38 Z"/>"#,
            r#"<path d="M45 19.5 Q46.5 22 45 23 Q43.5 22 45 19.5 Z" fill="$i" stroke-width="1.5"/>"#,
            r#"<rect x="23.5" y="23" width="4" height="8" rx="2" fill="$i" stroke-width="1.5"/>"#,
            r#"<path d="M13 23 L10 40 Q10 43 13 43 H17 Q20 43 20.5 40 L22 23 Z"/>"#,
            r#"<path d="M10 10 H31 L38 13 V20 L31 23 H10 Q7 23 7 20 V13 Q7 10 10 10 Z"/>"#,
            r#"<path d="M13 13.5 V19.5 M16.5 13.5 V19.5" stroke-width="1.5"/>"#,
        ),
        Tool::Glue => concat!(
            r#"<path d="M21 13 L23.3 4 H24.7 L27 13 Z"/>"#,
            r#"<rect x="18.5" y="12" width="11" height="6" rx="1" fill="$i"/>"#,
            r#"<path d="M14 22 Q14 18 18 18 H30 Q34 18 34 22 V42 Q34 44 32 44 H16 Q14 44 14 42 Z"/>"#,
            r#"<rect x="17.5" y="25" width="13" height="14" rx="1" stroke-width="1.5"/>"#,
            r#"<path d="M24 27.5 Q28 32 27.2 34 A3.3 3.3 0 0 1 20.8 34 Q20 32 24 27.5 Z""#,
            r#" fill="$i" stroke="none"/>"#,
        ),
        Tool::Screwdriver => concat!(
            r#"<g transform="rotate(45 24 24)">"#,
            r#"<path d="M22.5 23 V8 L23 4 H25 L25.5 8 V23 Z"/>"#,
            r#"<rect x="20" y="22" width="8" height="4" rx="1"/>"#,
            r#"<path d="M18 28 Q18 26 20 26 H28 Q30 26 30 28 V42 Q30 45 27 45 H21 Q18 45 18 42 Z""#,
            r#" fill="$i"/>"#,
            r#"<path d="M22 30 V41 M26 30 V41" stroke="$p" stroke-width="1.5"/>"#,
            "</g>",
        ),
        Tool::Hammer => concat!(
            r#"<g transform="rotate(-25 24 24)">"#,
            r#"<path d="M21.5 17 H26.5 L27.5 40 Q24 45 20.5 40 Z"/>"#,
            r#"<path d="M21 31 H27" stroke-width="1.5"/>"#,
            r#"<path d="M30 9 Q38 8.5 41 17 Q36 13 30 17 Z"/>"#,
            r#"<rect x="15" y="9" width="16" height="8"/>"#,
            r#"<rect x="10" y="7.5" width="6" height="11" rx="1" fill="$i"/>"#,
            "</g>",
        ),
        Tool::Nail => concat!(
            r#"<g transform="rotate(25 24 24)">"#,
            r#"<path d="M21 11 H27 V35 L24 44 L21 35 Z"/>"#,
            r#"<path d="M21 15 H27 M21 18.5 H27" stroke-width="1.2"/>"#,
            r#"<rect x="13" y="6.5" width="22" height="4.5" rx="1.5" fill="$i"/>"#,
            "</g>",
        ),
        Tool::Tape => concat!(
            r#"<path d="M33 20 H39.5 V40 L38 42 L36.3 40.5 L34.7 42 L33 40 Z"/>"#,
            r#"<circle cx="22.5" cy="22" r="17"/>"#,
            r#"<circle cx="22.5" cy="22" r="9"/>"#,
            r#"<circle cx="22.5" cy="22" r="6" stroke-width="1.5"/>"#,
        ),
        Tool::Pliers => concat!(
            r#"<path d="M20 22 Q19 12 23 4 H25 Q29 12 28 22 Z"/>"#,
            r#"<path d="M24 5 V19 M21 12 H23 M25 12 H27 M21 16 H23 M25 16 H27" stroke-width="1.2"/>"#,
            r#"<path d="M21.5 26 L16 32 M26.5 26 L32 32" stroke-width="4"/>"#,
            r#"<path d="M16 32 L11 43 M32 32 L37 43" stroke-width="6.5"/>"#,
            r#"<circle cx="24" cy="24" r="4.5"/>"#,
            r#"<circle cx="24" cy="24" r="1.2" fill="$i" stroke="none"/>"#,
        ),
        Tool::Needle => concat!(
            r#"<path d="M33.6 12.5 Q30 9 33 5" fill="none" stroke-width="1.8"/>"#,
            r#"<g transform="rotate(40 24 24)">"#,
            r#"<path d="M22 10 Q22 4 24 4 Q26 4 26 10 V35 L24 45 L22 35 Z"/>"#,
            r#"<ellipse cx="24" cy="9" rx="0.6" ry="2.8" stroke-width="1"/>"#,
            "</g>",
            r#"<path d="M33.6 12.5 C40 6 46 14 41 20 C36 26 30 30 35 36 C39 41 35 45 28 43""#,
            r#" fill="none" stroke-width="1.8"/>"#,
        ),
        Tool::Ruler => concat!(
            r#"<g transform="rotate(-35 24 24)">"#,
            r#"<rect x="4" y="18" width="40" height="12" rx="1"/>"#,
            r#"<path d="M8 18 V25 M12 18 V21.5 M16 18 V23 M20 18 V21.5 M24 18 V25"#,
            r#" M28 18 V21.5 M32 18 V23 M36 18 V21.5 M40 18 V25" stroke-width="1.4"/>"#,
            "</g>",
        ),
        Tool::Pencil => concat!(
            r#"<g transform="rotate(40 24 24)">"#,
            r#"<path d="M19 6 V4 Q19 2 21 2 H27 Q29 2 29 4 V6 Z" fill="$i"/>"#,
            r#"<rect x="19" y="6" width="10" height="4"/>"#,
            r#"<path d="M19 10 H29 V34 L24 45 L19 34 Z"/>"#,
            r#"<path d="M22.3 10 V34 M25.7 10 V34" stroke-width="1.2"/>"#,
            r#"<path d="M19 34 Q21.5 36 24 34 Q26.5 36 29 34" fill="none" stroke-width="1.2"/>"#,
            r#"<path d="M22.2 41 L24 45 L25.8 41 Z" fill="$i"/>"#,
            "</g>",
        ),
        Tool::Clamp => concat!(
            r#"<path d="M34 9 H13 Q8 9 8 14 V32 Q8 37 13 37 H34" fill="none" stroke-width="5"/>"#,
            r#"<rect x="27" y="8" width="10" height="4" rx="1" fill="$i"/>"#,
            r#"<path d="M32 18 V44" stroke-width="3"/>"#,
            r#"<rect x="27" y="15" width="10" height="4" rx="1"/>"#,
            r#"<rect x="28" y="33" width="8" height="8" rx="1.5"/>"#,
            r#"<path d="M25 44 H39" stroke-width="3.5"/>"#,
        ),
        Tool::Wrench => concat!(
            r#"<g transform="rotate(-40 24 24)">"#,
            r#"<path d="M16 21.5 H27.88 A8.5 8.5 0 0 1 43.75 20.5 H33 V27.5 H43.75"#,
            r#" A8.5 8.5 0 0 1 27.88 26.5 H16 A6.5 6.5 0 1 1 16 21.5 Z"/>"#,
            r#"<polygon points="13,24 11.5,26.6 8.5,26.6 7,24 8.5,21.4 11.5,21.4""#,
            r#" stroke-width="1.8"/>"#,
            "</g>",
        ),
        Tool::Stapler => concat!(
            r#"<rect x="4" y="37" width="40" height="6" rx="2"/>"#,
            r#"<rect x="36" y="35" width="6" height="2" fill="$i" stroke-width="1"/>"#,
            r#"<path d="M6 30 Q6 24 12 23 L42 18.5 Q45 18.5 45 21.5 V25 L10 31 Z"/>"#,
            r#"<path d="M14 29.5 L40 25.5" stroke-width="1.5"/>"#,
            r#"<circle cx="10" cy="32" r="4.5"/>"#,
            r#"<circle cx="10" cy="32" r="1.2" fill="$i" stroke="none"/>"#,
            r#"<path d="M27 34.5 V31.5 H33 V34.5" fill="none" stroke-width="1.8"/>"#,
        ),
        Tool::WateringCan => concat!(
            r#"<path d="M30 33 L41 16 L44 18 L32 37 Z"/>"#,
            r#"<path d="M38 13 L46 18 L44.5 21 L37 16 Z" fill="$i" stroke-width="1.8"/>"#,
            r#"<path d="M10 24 C2 24 2 8 12 8 H21 Q28 8 28.5 18" fill="none" stroke-width="3.5"/>"#,
            r#"<path d="M9 18 H31 L33 42 Q33 44 31 44 H9 Q7 44 7 42 Z"/>"#,
            r#"<path d="M8.5 26 H31.5" stroke-width="1.5"/>"#,
        ),
        Tool::Trowel => concat!(
            r#"<g transform="rotate(40 24 24)">"#,
            r#"<path d="M24 29 V34" stroke-width="3"/>"#,
            r#"<path d="M24 2.5 L32.5 13 Q35 26 28 29 H20 Q13 26 15.5 13 Z"/>"#,
            r#"<path d="M24 9 V27" stroke-width="1.5"/>"#,
            r#"<rect x="20.5" y="33" width="7" height="12" rx="2.5" fill="$i"/>"#,
            "</g>",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::tiny_skia::Pixmap;
    use resvg::usvg;

    /// Where the icon sits in the 96×96 test picture.
    const AT: u32 = 12;
    const SIZE: u32 = 72;

    fn render(svg: &str, width: u32, height: u32) -> Pixmap {
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default())
            .unwrap_or_else(|e| panic!("icon SVG does not parse: {e}\n{svg}"));
        let mut pixmap = Pixmap::new(width, height).unwrap();
        resvg::render(&tree, usvg::Transform::default(), &mut pixmap.as_mut());
        pixmap
    }

    fn picture(tool: Tool) -> Pixmap {
        let icon = tool_icon(
            tool,
            AT as f64,
            AT as f64,
            SIZE as f64,
            "#000000",
            "#ffffff",
        );
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\">{icon}</svg>"
        );
        render(&svg, 96, 96)
    }

    /// Opaque dark pixels: the ink.
    fn is_ink(p: &resvg::tiny_skia::PremultipliedColorU8) -> bool {
        p.alpha() > 128 && (p.red() as u32 + p.green() as u32 + p.blue() as u32) < 3 * 128
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(2.0 / 3.0), "0.667");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.0 / 48.0), "0.25");
    }

    #[test]
    fn fragment_is_a_scaled_group_and_deterministic() {
        let a = tool_icon(Tool::Hammer, 10.0, 20.5, 24.0, "#222222", "#ffffff");
        assert!(
            a.starts_with("<g transform=\"translate(10 20.5) scale(0.5)\""),
            "{a}"
        );
        assert!(a.ends_with("</g>"));
        assert!(!a.contains("$i") && !a.contains("$p"));
        assert_eq!(
            a,
            tool_icon(Tool::Hammer, 10.0, 20.5, 24.0, "#222222", "#ffffff")
        );
        for tool in Tool::ALL {
            let svg = tool_icon(tool, 0.0, 0.0, 48.0, "#222222", "#ffffff");
            for banned in [
                "<text",
                "Gradient",
                "filter",
                "href",
                "currentColor",
                "url(",
            ] {
                assert!(!svg.contains(banned), "{tool:?} uses {banned}");
            }
        }
    }

    #[test]
    fn labels_are_distinct() {
        let mut labels: Vec<_> = Tool::ALL.iter().map(|t| t.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), Tool::ALL.len());
        assert_eq!(Tool::GlueGun.label(), "hot glue gun");
        assert_eq!(Tool::SprayCan.label(), "spray can");
    }

    #[test]
    fn every_icon_is_inked_inside_its_square() {
        let square = (SIZE * SIZE) as f64;
        let mut problems = Vec::new();
        for tool in Tool::ALL {
            let pixmap = picture(tool);
            let mut inked = 0u32;
            let mut outside = 0u32;
            for (i, p) in pixmap.pixels().iter().enumerate() {
                let (px, py) = (i as u32 % 96, i as u32 / 96);
                let inside = (AT..AT + SIZE).contains(&px) && (AT..AT + SIZE).contains(&py);
                if !inside && p.alpha() > 0 {
                    outside += 1;
                }
                if is_ink(p) {
                    inked += 1;
                }
            }
            let share = inked as f64 / square;
            if outside > 0 {
                problems.push(format!(
                    "{tool:?} paints {outside} pixels outside its square"
                ));
            }
            if !(0.03..=0.60).contains(&share) {
                problems.push(format!("{tool:?} inks {share:.3} of its square"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_icon_looks_different() {
        let pictures: Vec<_> = Tool::ALL.iter().map(|t| picture(*t)).collect();
        for (i, a) in pictures.iter().enumerate() {
            for (j, b) in pictures.iter().enumerate().skip(i + 1) {
                let differing = a
                    .pixels()
                    .iter()
                    .zip(b.pixels())
                    .filter(|(p, q)| is_ink(p) != is_ink(q))
                    .count();
                assert!(
                    differing > (SIZE * SIZE / 50) as usize,
                    "{:?} and {:?} look alike ({differing} pixels differ)",
                    Tool::ALL[i],
                    Tool::ALL[j]
                );
            }
        }
    }

    /// All icons in rows of six, each `icon` pixels in a `cell`-pixel cell.
    fn sheet(cell: u32, icon: u32) -> Pixmap {
        let per_row = 6u32;
        let rows = (Tool::ALL.len() as u32).div_ceil(per_row);
        let (width, height) = (cell * per_row, cell * rows);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">\
             <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
        );
        let pad = (cell - icon) / 2;
        for (n, tool) in Tool::ALL.iter().enumerate() {
            let (col, row) = (n as u32 % per_row, n as u32 / per_row);
            let (x, y) = (col * cell + pad, row * cell + pad);
            svg.push_str(&tool_icon(
                *tool,
                x as f64,
                y as f64,
                icon as f64,
                "#222222",
                "#ffffff",
            ));
        }
        svg.push_str("</svg>");
        render(&svg, width, height)
    }

    /// Writes every icon to `target/icons-sheet.png` (96-pixel cells) and
    /// `target/icons-sheet-48.png` (48-pixel icons) for a person to look at.
    #[test]
    #[ignore]
    fn contact_sheet() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target");
        sheet(96, 72)
            .save_png(format!("{dir}/icons-sheet.png"))
            .unwrap();
        sheet(56, 48)
            .save_png(format!("{dir}/icons-sheet-48.png"))
            .unwrap();
    }
}
