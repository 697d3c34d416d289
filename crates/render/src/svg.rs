//! Writing SVG text with fixed number formatting, so the same picture is
//! always the same bytes.

use std::fmt::Write;

use crate::geom::Vec3;

/// A number with at most two decimals and no trailing zeros ("12.5",
/// "3", "-0.25"); never "-0" and never "NaN".
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let mut s = format!("{rounded:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// Escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// `M x y L x y ... Z` for a closed polygon (screen x, y of each point).
pub fn polygon_path(pts: &[Vec3]) -> String {
    let mut d = String::with_capacity(pts.len() * 14);
    for (i, p) in pts.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { "M" } else { "L" },
            num(p[0]),
            num(p[1])
        );
    }
    d.push('Z');
    d
}

/// `M a L b` segments for the flagged edges of a polygon, joined into runs.
pub fn edges_path(pts: &[Vec3], edges: &[bool]) -> String {
    let n = pts.len();
    let mut d = String::new();
    let mut pen: Option<usize> = None;
    for i in 0..n {
        if !edges.get(i).copied().unwrap_or(false) {
            pen = None;
            continue;
        }
        let j = (i + 1) % n;
        if pen != Some(i) {
            let _ = write!(d, "M{} {}", num(pts[i][0]), num(pts[i][1]));
        }
        let _ = write!(d, "L{} {}", num(pts[j][0]), num(pts[j][1]));
        pen = Some(j);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_fixed() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1.23456), "1.23");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn edge_runs_join() {
        let pts = [
            [0.0, 0.0, 0.0],
            [1.0, 0.0, 0.0],
            [1.0, 1.0, 0.0],
            [0.0, 1.0, 0.0],
        ];
        assert_eq!(
            edges_path(&pts, &[true, true, false, false]),
            "M0 0L1 0L1 1"
        );
        assert_eq!(
            edges_path(&pts, &[true, false, true, false]),
            "M0 0L1 0M1 1L0 1"
        );
    }
}
