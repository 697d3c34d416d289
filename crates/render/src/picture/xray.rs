//! X-ray outlines for the step's own parts when nothing of them shows (a
//! hanger screwed to the back, a board slid inside a frame): the step's
//! action must be visible even when its part is not, so such parts are
//! drawn as dashed accent outlines over the picture.
//!
//! Which parts are hidden is read back from a small part-id render, the
//! same check the tests use at full size.

use std::fmt::Write;

use plan::request::Style;

use super::items::Item;
use super::surfaces::{add_faces, Look};
use super::{part_index_of, step_svg, Mode};
use crate::guide::Guide;
use crate::raster::rasterize;
use crate::style::{hex, palette, Role};
use crate::svg::{edges_path, num};

/// The id render's smaller side: enough to see any part a reader could.
const PROBE_SIDE: f64 = 192.0;

/// Plan indices of this step's new or changed parts that no pixel shows.
pub fn hidden_action_parts(guide: &Guide, index: usize, items: &[Item]) -> Vec<usize> {
    let wanted: Vec<usize> = items
        .iter()
        .filter(|i| i.role == Role::Action && matches!(i.kind, super::ItemKind::Part))
        .map(|i| i.plan_index)
        .collect();
    if wanted.is_empty() {
        return wanted;
    }
    let k = PROBE_SIDE / f64::from(guide.width.min(guide.height));
    let (w, h) = (
        (f64::from(guide.width) * k).round().max(1.0) as u32,
        (f64::from(guide.height) * k).round().max(1.0) as u32,
    );
    let mut seen = vec![false; guide.plan.parts.len()];
    // Glass shows itself, and what is behind it shows through it.
    for see_through in [false, true] {
        let Ok(svg) = step_svg(guide, index, Mode::PartIds { see_through }) else {
            return Vec::new();
        };
        let Ok(pixmap) = rasterize(&svg, w, h) else {
            return Vec::new();
        };
        for px in pixmap.data().chunks_exact(4) {
            if let Some(s) = part_index_of([px[0], px[1], px[2]]).and_then(|i| seen.get_mut(i)) {
                *s = true;
            }
        }
    }
    wanted
        .into_iter()
        .filter(|i| !seen.get(*i).copied().unwrap_or(true))
        .collect()
}

/// Dashed outlines of `item`, drawn over everything.
pub fn draw(out: &mut String, guide: &Guide, item: &Item, style: Style) {
    let pal = palette(style);
    let unit = guide.unit();
    let mut polys = Vec::new();
    let mut paints = Vec::new();
    let look = Look::Styled {
        style,
        role: Role::Ghost,
        unit,
    };
    for faces in item.copies() {
        add_faces(&faces, &guide.camera, look, &mut polys, &mut paints);
    }
    let mut d = String::new();
    for p in &polys {
        d.push_str(&edges_path(&p.pts, &p.edges));
    }
    if d.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<path data-xray="{}" d="{d}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{} {}" stroke-linecap="round"/>"#,
        crate::svg::escape(&item.part.id),
        hex(pal.accent),
        num(1.8 * unit),
        num(5.0 * unit),
        num(4.0 * unit)
    );
}
