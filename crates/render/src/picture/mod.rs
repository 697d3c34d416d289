//! One step's picture as SVG: the scene (every part in view as 3D faces,
//! ordered by the BSP), the ground shadow and the instruction overlays.

mod items;
mod overlay;
mod parts_list;
mod seams;
mod surfaces;
mod xray;

use std::fmt::Write;

use plan::request::Style;

use crate::bsp::{painter_order, Poly};
use crate::error::RenderError;
use crate::guide::Guide;
use crate::style::{hex, palette, Role};
use crate::svg::{edges_path, num, polygon_path};

pub use items::{Item, ItemKind};

/// What step `index`'s picture holds: its parts with their roles, and the
/// ghosts of what the step removed or cut off.
pub fn step_items(guide: &Guide, index: usize) -> Vec<Item> {
    items::collect(guide, index)
}
use surfaces::{add_faces, Look, Paint};

/// What to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// The instruction picture in a style.
    Picture(Style),
    /// Each part of the plan in its own flat colour ([`part_id_color`]),
    /// no antialiasing, no outlines, shadows or overlays; with
    /// `see_through`, glass is left out so what is behind it shows.
    PartIds { see_through: bool },
}

/// The id colour of the plan's part at `index`; the background is white,
/// which no id colour is (blue is always 0x80).
pub fn part_id_color(index: usize) -> [u8; 3] {
    let id = index + 1;
    [((id >> 8) & 0xff) as u8, (id & 0xff) as u8, 0x80]
}

/// The plan part index an id colour stands for, if it is one.
pub fn part_index_of(rgb: [u8; 3]) -> Option<usize> {
    (rgb[2] == 0x80).then(|| ((usize::from(rgb[0]) << 8) | usize::from(rgb[1])).checked_sub(1))?
}

/// The SVG document of step `index` (0-based).
pub fn step_svg(guide: &Guide, index: usize, mode: Mode) -> Result<String, RenderError> {
    let state = guide.states.get(index).ok_or(RenderError::NoSuchStep {
        index,
        count: guide.states.len(),
    })?;
    let (w, h) = (guide.width, guide.height);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}""#
    );
    match mode {
        Mode::PartIds { .. } => {
            out.push_str(r#" shape-rendering="crispEdges">"#);
            let _ = write!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
        }
        Mode::Picture(style) => {
            let _ = write!(
                out,
                r#" font-family="DejaVu Sans"><title>Step {}</title>"#,
                state.step
            );
            background(&mut out, guide, style);
        }
    }
    if state.materials_only {
        parts_list::draw(&mut out, guide, index, mode);
    } else {
        let items = items::collect(guide, index);
        if let Mode::Picture(style) = mode {
            overlay::shadow(&mut out, guide, &items, style);
        }
        scene(&mut out, guide, &items, mode);
        if let Mode::Picture(style) = mode {
            seams::draw(&mut out, guide, index, &items, style);
            // A finished build carries no instructions: no arrows, cut
            // lines or x-rays.
            if !state.complete {
                for hidden in xray::hidden_action_parts(guide, index, &items) {
                    if let Some(item) = items.iter().find(|i| i.plan_index == hidden) {
                        xray::draw(&mut out, guide, item, style);
                    }
                }
                overlay::instructions(&mut out, guide, index, &items, style);
            }
        }
    }
    if let Mode::Picture(style) = mode {
        overlay::badge(&mut out, guide, state.step, style);
        overlay::tools(&mut out, guide, &overlay::shown_tools(guide, index), style);
    }
    out.push_str("</svg>");
    Ok(out)
}

fn background(out: &mut String, guide: &Guide, style: Style) {
    let pal = palette(style);
    let (w, h) = (guide.width, guide.height);
    let _ = write!(
        out,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        hex(pal.background)
    );
    if let Some(grid) = pal.grid {
        let step = 32.0 * guide.unit();
        let mut d = String::new();
        let mut x = step;
        while x < f64::from(w) {
            let _ = write!(d, "M{} 0V{h}", num(x));
            x += step;
        }
        let mut y = step;
        while y < f64::from(h) {
            let _ = write!(d, "M0 {}H{w}", num(y));
            y += step;
        }
        let _ = write!(
            out,
            r#"<path d="{d}" stroke="{}" stroke-width="{}" fill="none"/>"#,
            hex(grid),
            num(guide.unit())
        );
    }
}

/// The parts, visibility-ordered, as SVG paths.
fn scene(out: &mut String, guide: &Guide, items: &[Item], mode: Mode) {
    let polys = scene_polys(guide, items, mode, &guide.camera);
    let seams = matches!(mode, Mode::Picture(_));
    write_polys(out, &polys.0, &polys.1, seams);
}

/// Visibility-ordered polygons and their paints for `items` seen by
/// `camera`.
pub(crate) fn scene_polys(
    guide: &Guide,
    items: &[Item],
    mode: Mode,
    camera: &crate::camera::Camera,
) -> (Vec<Poly>, Vec<Paint>) {
    let mut polys = Vec::new();
    let mut paints = Vec::new();
    for item in items {
        let look = match mode {
            Mode::Picture(style) => Look::Styled {
                style,
                role: item.role,
                unit: guide.unit(),
            },
            Mode::PartIds { see_through } => {
                if item.role == Role::Ghost {
                    continue;
                }
                Look::Id {
                    color: part_id_color(item.plan_index),
                    see_through,
                }
            }
        };
        for faces in item.copies() {
            add_faces(&faces, camera, look, &mut polys, &mut paints);
        }
    }
    (painter_order(polys), paints)
}

pub(crate) fn write_polys(out: &mut String, polys: &[Poly], paints: &[Paint], seams: bool) {
    for poly in polys {
        let Some(paint) = paints.get(poly.paint as usize) else {
            continue;
        };
        if paint.opacity <= 0.0 && paint.width <= 0.0 {
            continue;
        }
        let fill = hex(paint.fill);
        // Faces outlined all round need no seam: the outline covers it.
        let seams = seams && (paint.width <= 0.0 || poly.edges.iter().any(|e| !e));
        if paint.opacity >= 1.0 && seams {
            // A hairline of the fill colour closes the antialiasing seams
            // between neighbouring faces of one surface.
            let _ = write!(
                out,
                r#"<path d="{}" fill="{fill}" stroke="{fill}" stroke-width="0.6" stroke-linejoin="round"/>"#,
                polygon_path(&poly.pts)
            );
        } else if paint.opacity >= 1.0 {
            let _ = write!(
                out,
                r#"<path d="{}" fill="{fill}"/>"#,
                polygon_path(&poly.pts)
            );
        } else if paint.opacity > 0.0 {
            let _ = write!(
                out,
                r#"<path d="{}" fill="{fill}" fill-opacity="{}"/>"#,
                polygon_path(&poly.pts),
                num(paint.opacity)
            );
        }
        if paint.width > 0.0 && poly.edges.iter().any(|e| *e) {
            let dash = if paint.dashed {
                format!(
                    r#" stroke-dasharray="{} {}""#,
                    num(paint.width * 3.0),
                    num(paint.width * 2.5)
                )
            } else {
                String::new()
            };
            let _ = write!(
                out,
                r#"<path d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linecap="round"{dash}/>"#,
                edges_path(&poly.pts, &poly.edges),
                hex(paint.line),
                num(paint.width)
            );
        }
    }
}
