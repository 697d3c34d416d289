//! A materials-only step: every material of the project laid out side by
//! side on cards with its name and count, nothing assembled.

use std::fmt::Write;

use plan::layout::Aabb;
use plan::state::PartState;

use super::items::{Item, ItemKind};
use super::{scene_polys, write_polys, Mode};
use crate::camera::Camera;
use crate::guide::{build_frame, Guide};
use crate::shapes::ShapeContext;
use crate::style::{hex, palette, Role};
use crate::svg::{escape, num};

/// Longest name shown on a card before it is shortened with "…".
const NAME_CHARS: usize = 22;

pub fn draw(out: &mut String, guide: &Guide, index: usize, mode: Mode) {
    let parts = &guide.plan.parts;
    if parts.is_empty() {
        return;
    }
    let step = guide.states[index].step;
    let unit = guide.unit();
    let frame = build_frame(guide.width, guide.height);
    let (fw, fh) = (frame[2] - frame[0], frame[3] - frame[1]);
    let n = parts.len();
    // The grid whose cards come closest to 4:3.
    let cols = (1..=n)
        .min_by(|&a, &b| {
            let score = |c: usize| {
                let rows = n.div_ceil(c);
                let aspect = (fw / c as f64) / (fh / rows as f64);
                (aspect / (4.0 / 3.0)).ln().abs()
            };
            score(a).total_cmp(&score(b))
        })
        .unwrap_or(1);
    let rows = n.div_ceil(cols);
    let gap = 12.0 * unit;
    let card_w = (fw - gap * (cols as f64 - 1.0)) / cols as f64;
    let card_h = (fh - gap * (rows as f64 - 1.0)) / rows as f64;
    let label_h = (34.0 * unit).min(card_h * 0.3);
    let font = (13.0 * unit).min(label_h * 0.45);
    for (i, part) in parts.iter().enumerate() {
        let (col, row) = (i % cols, i / cols);
        let x = frame[0] + col as f64 * (card_w + gap);
        let y = frame[1] + row as f64 * (card_h + gap);
        let state = PartState::from_part(part, step);
        let size = state.size.map(|v| {
            if v.is_finite() && v > 0.0 {
                v.min(1e4)
            } else {
                1.0
            }
        });
        let one = Aabb {
            min: [0.0; 3],
            max: size,
        };
        let pad = 10.0 * unit;
        let camera = Camera::fit(
            &one,
            [
                x + pad,
                y + pad,
                x + card_w - pad,
                y + card_h - label_h - pad,
            ],
        );
        let item = Item {
            part: state,
            plan_index: i,
            role: Role::Listed,
            kind: ItemKind::Part,
            boxes: vec![one],
            ctx: ShapeContext {
                open_top: false,
                host: None,
                relation: part.placement.relation,
                segments: 24,
            },
            is_new: true,
            see_through: false,
        };
        match mode {
            Mode::Picture(style) => {
                let pal = palette(style);
                let _ = write!(
                    out,
                    r#"<rect class="material" x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="{}"/>"#,
                    num(x),
                    num(y),
                    num(card_w),
                    num(card_h),
                    num(10.0 * unit),
                    hex(pal.card),
                    hex(pal.card_line),
                    num(1.2 * unit)
                );
                let (polys, paints) =
                    scene_polys(guide, std::slice::from_ref(&item), mode, &camera);
                write_polys(out, &polys, &paints, true);
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{}">{}</text>"#,
                    num(x + card_w / 2.0),
                    num(y + card_h - label_h / 2.0 + font * 0.35),
                    num(font),
                    hex(pal.text),
                    escape(&label(&part.name, part.count))
                );
            }
            Mode::PartIds { .. } => {
                let (polys, paints) =
                    scene_polys(guide, std::slice::from_ref(&item), mode, &camera);
                write_polys(out, &polys, &paints, false);
            }
        }
    }
}

/// "2 × wooden board", shortened to fit a card.
fn label(name: &str, count: u32) -> String {
    let mut short: String = name.chars().take(NAME_CHARS).collect();
    if name.chars().count() > NAME_CHARS {
        short.pop();
        short.push('…');
    }
    if count > 1 {
        format!("{count} × {short}")
    } else {
        short
    }
}
