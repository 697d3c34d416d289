//! Seams: the stitched (dashed) line where a part is sewn, drawn over the
//! scene in every step from the one that sews it. A part sewn to another
//! shows a running stitch just inside its own edge (felt appliquéd onto a
//! pillow); a part sewn shut shows one round its seam (a stuffed pillow's
//! middle, or just inside the edge of anything flat). Only the stretches
//! facing the viewer are drawn, so a seam never shows through its part.
//!
//! The step that sews draws its stitches in the accent colour; later steps
//! in thread colour, faded with the part.

use std::fmt::Write;

use plan::model::Operation;
use plan::request::Style;

use super::items::{Item, ItemKind};
use crate::guide::Guide;
use crate::shapes::craft::{closing_seam, top_outline, Loop};
use crate::style::{hex, mix, palette, Role};
use crate::svg::num;

/// Thread: a dark neutral that reads on light and dark parts alike.
const THREAD: [u8; 3] = [52, 50, 56];

/// The stitches of every sewn part in view.
pub fn draw(out: &mut String, guide: &Guide, index: usize, items: &[Item], style: Style) {
    let pal = palette(style);
    let unit = guide.unit();
    let step = guide.plan.steps.get(index);
    let complete = guide.states.get(index).is_some_and(|s| s.complete);
    for item in items {
        if item.kind != ItemKind::Part || item.role == Role::Ghost || item.part.seams.is_empty() {
            continue;
        }
        let sewn_here = !complete
            && step.is_some_and(|s| {
                s.ops
                    .iter()
                    .any(|op| matches!(op, Operation::Sew { part, .. } if *part == item.part.id))
            });
        let closing = item.part.is_sewn_shut();
        let appliqued = item.part.seams.iter().any(|id| *id != item.part.id);
        let color = if sewn_here {
            pal.cut_line
        } else {
            match (style, item.role) {
                (Style::Blueprint, _) => pal.action_line,
                (_, Role::Context) => mix(THREAD, pal.background, 0.5),
                _ => THREAD,
            }
        };
        let mut d = String::new();
        for b in &item.boxes {
            let mut loops = Vec::new();
            if closing {
                loops.push(closing_seam(&item.part, b));
            }
            if appliqued && !(closing && item.part.stuffed) {
                loops.push(top_outline(&item.part, b, 0.84));
            }
            for seam in loops {
                visible_runs(guide, &seam, &mut d);
            }
        }
        if d.is_empty() {
            continue;
        }
        let width = if sewn_here { 2.6 } else { 1.8 } * unit;
        let _ = write!(
            out,
            r#"<path class="seam" data-part="{}" d="{d}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{} {}" stroke-linecap="round" stroke-linejoin="round"/>"#,
            crate::svg::escape(&item.part.id),
            hex(color),
            num(width),
            num(5.0 * unit),
            num(4.0 * unit)
        );
    }
}

/// Appends the stretches of a closed loop that face the viewer to `d`.
fn visible_runs(guide: &Guide, seam: &Loop, d: &mut String) {
    let n = seam.points.len();
    if n < 2 {
        return;
    }
    let cam = &guide.camera;
    let shows: Vec<bool> = seam
        .normals
        .iter()
        .map(|normal| cam.faces_viewer(*normal))
        .collect();
    // Start after a hidden point so that runs are not split at the seam's
    // first point; all visible: one closed path.
    let start = (0..n).find(|&i| !shows[i]);
    let Some(start) = start else {
        d.push_str(&crate::svg::polygon_path(
            &seam
                .points
                .iter()
                .map(|p| cam.project(*p))
                .collect::<Vec<_>>(),
        ));
        return;
    };
    let mut run: Vec<[f64; 3]> = Vec::new();
    for k in 1..=n {
        let i = (start + k) % n;
        if shows[i] {
            run.push(cam.project(seam.points[i]));
        }
        if !shows[i] || k == n {
            if run.len() >= 2 {
                for (j, p) in run.iter().enumerate() {
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if j == 0 { "M" } else { "L" },
                        num(p[0]),
                        num(p[1])
                    );
                }
            }
            run.clear();
        }
    }
}
