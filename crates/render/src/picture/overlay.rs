//! The instruction marks drawn over (or under) the scene: the ground
//! shadow, arrows showing where added parts go and that removed parts come
//! off, cut lines, the step badge and the tool column.

use std::fmt::Write;

use plan::model::{BendShape, CutKeep, Operation, PartKind, Relation, Tool};
use plan::request::Style;

use super::items::{is_round, Item, ItemKind};
use crate::camera::{Camera, Rect};
use crate::geom::{dot, Vec3};
use crate::guide::{build_frame, Guide};
use crate::icons::tool_icon;
use crate::style::{hex, palette, Role};
use crate::svg::{escape, num};

/// Most arrows drawn in one picture: more is clutter.
const MAX_ARROWS: usize = 4;
/// Most tool cards in the column.
const MAX_TOOLS: usize = 5;

/// A soft shadow under everything standing on the ground: one ellipse
/// with a radial fade per footprint. (A Gaussian blur filter looks the
/// same and costs half the drawing time.)
pub fn shadow(out: &mut String, guide: &Guide, items: &[Item], style: Style) {
    let pal = palette(style);
    let mut shapes = String::new();
    for item in items.iter().filter(|i| i.role != Role::Ghost) {
        for b in item.boxes.iter().filter(|b| b.min[1] < 0.5) {
            let foot = plan::layout::Aabb {
                min: [b.min[0], 0.0, b.min[2]],
                max: [b.max[0], 0.0, b.max[2]],
            };
            let r = guide.camera.screen_rect(&foot);
            let (cx, cy) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
            // The ellipse inscribed in the footprint's screen box meets the
            // footprint's corners, so the shadow hugs the base.
            let u = guide.unit();
            let (rx, ry) = (
                (r[2] - r[0]) / 2.0 * 1.08 + 3.0 * u,
                (r[3] - r[1]) / 2.0 * 1.1 + 2.0 * u,
            );
            let _ = write!(
                shapes,
                r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}"/>"#,
                num(cx),
                num(cy),
                num(rx),
                num(ry)
            );
        }
    }
    if shapes.is_empty() {
        return;
    }
    let c = hex(pal.shadow.0);
    let o = pal.shadow.1;
    let _ = write!(
        out,
        r#"<defs><radialGradient id="shade"><stop offset="0" stop-color="{c}" stop-opacity="{}"/><stop offset="0.7" stop-color="{c}" stop-opacity="{}"/><stop offset="1" stop-color="{c}" stop-opacity="0"/></radialGradient></defs><g fill="url(#shade)">{shapes}</g>"#,
        num(o),
        num(o * 0.75)
    );
}

/// Arrows, removal marks and cut lines for step `index`.
pub fn instructions(out: &mut String, guide: &Guide, index: usize, items: &[Item], style: Style) {
    let pal = palette(style);
    let unit = guide.unit();
    let cam = &guide.camera;
    let anything_before = index > 0 && !guide.states[index - 1].parts.is_empty();
    // Arrows as (start, end); one that would run into an earlier one is
    // left out, as two arrows in one place read as one.
    let mut arrows: Vec<([f64; 2], [f64; 2])> = Vec::new();
    let crowded = |arrows: &[([f64; 2], [f64; 2])], a: [f64; 2], b: [f64; 2]| {
        arrows.iter().any(|(c, d)| {
            segment_distance(a, b, *c, *d) < 28.0 * unit || in_line(a, b, *c, *d, 28.0 * unit)
        })
    };
    // Later parts sit on or in earlier ones, so their arrows come first and
    // an in-line arrow into what lies beneath is the one left out.
    for item in items.iter().rev() {
        if arrows.len() >= MAX_ARROWS {
            break;
        }
        let rect = union_rect(cam, item);
        // A part first seen folded or bent gets the curved arrow instead.
        let curved = guide.plan.steps.get(index).is_some_and(|step| {
            step.ops.iter().any(|op| {
                matches!(op, Operation::Fold { part, .. } | Operation::Bend { part, .. } if *part == item.part.id)
            })
        });
        match item.kind {
            ItemKind::Part if item.is_new && !curved => {
                let state = &guide.states[index];
                let placed_on_something = item
                    .part
                    .placement
                    .target
                    .as_ref()
                    .is_some_and(|t| t != &item.part.id && state.is_visible(t));
                if !placed_on_something && !anything_before {
                    continue;
                }
                let dir = screen_dir(
                    cam,
                    approach(item.part.placement.relation, placed_on_something),
                );
                let end = edge_point(rect, dir, 6.0 * unit);
                let start = [end[0] + dir[0] * 72.0 * unit, end[1] + dir[1] * 72.0 * unit];
                if crowded(&arrows, start, end) {
                    continue;
                }
                arrow(out, start, end, pal.accent, pal.background, unit);
                arrows.push((start, end));
            }
            ItemKind::Removed => {
                let dir = screen_dir(cam, [0.0, 1.0, 0.0]);
                let start = edge_point(rect, dir, 6.0 * unit);
                let end = [
                    start[0] + dir[0] * 64.0 * unit,
                    start[1] + dir[1] * 64.0 * unit,
                ];
                if crowded(&arrows, start, end) {
                    continue;
                }
                arrow(out, start, end, pal.accent, pal.background, unit);
                arrows.push((start, end));
            }
            ItemKind::CutAway { .. } | ItemKind::Part => {}
        }
    }
    // Cut lines, for every cut this step made (whatever the arrows did).
    let ops: &[Operation] = guide
        .plan
        .steps
        .get(index)
        .map_or(&[], |step| step.ops.as_slice());
    for item in items {
        match item.kind {
            // The sheet a shape came out of: the shape's own outline is
            // the cut line.
            ItemKind::CutAway {
                keep: CutKeep::Shape,
            } => {}
            ItemKind::CutAway { keep } => cut_line(out, cam, item, keep, pal.cut_line, unit),
            ItemKind::Part => {
                let cut_here = |shaped: bool| {
                    ops.iter().any(|op| match op {
                        Operation::Cut {
                            part, keep, shape, ..
                        } if *part == item.part.id => {
                            if shaped {
                                shape.is_some()
                            } else {
                                shape.is_none() && *keep == CutKeep::Shape
                            }
                        }
                        _ => false,
                    })
                };
                if cut_here(false) {
                    cut_line(out, cam, item, CutKeep::Shape, pal.cut_line, unit);
                }
                if cut_here(true) && item.part.cut_shape.is_some() {
                    outline_cut_line(out, cam, item, pal.cut_line, unit);
                }
            }
            ItemKind::Removed => {}
        }
    }
    // Folds and bends: a curved arrow showing the motion.
    for op in ops {
        if arrows.len() >= MAX_ARROWS {
            break;
        }
        let Some(item) = items
            .iter()
            .find(|i| i.kind == ItemKind::Part && i.part.id == *op.part())
        else {
            continue;
        };
        let curve = match op {
            Operation::Fold { .. } => fold_arrow(cam, item, unit),
            Operation::Bend { shape, .. } if !bend_keeps_shape(&item.part, *shape) => {
                Some(bend_arrow(cam, item, unit))
            }
            _ => None,
        };
        if let Some((from, ctrl, to)) = curve {
            curved_arrow(out, [from, ctrl, to], pal.accent, pal.background, unit);
            arrows.push((from, to));
        }
    }
}

/// A sheet bent or twisted keeps its shape in the picture: no motion to
/// show.
fn bend_keeps_shape(part: &plan::state::PartState, shape: BendShape) -> bool {
    matches!(
        part.kind,
        PartKind::Sheet | PartKind::Paper | PartKind::Fabric
    ) && matches!(shape, BendShape::Bend | BendShape::Twist)
}

/// Tools drawn beside a step: its own, plus the needle a seam needs and
/// the pliers that bend wire when the step names none of them.
pub fn shown_tools(guide: &Guide, index: usize) -> Vec<Tool> {
    let Some(state) = guide.states.get(index) else {
        return Vec::new();
    };
    let mut tools = state.tools.clone();
    if state.complete || state.materials_only {
        return tools;
    }
    let ops = guide
        .plan
        .steps
        .get(index)
        .map_or(&[][..], |s| s.ops.as_slice());
    for op in ops {
        let implied = match op {
            Operation::Sew { .. } => Some(Tool::Needle),
            Operation::Bend { part, .. } => guide
                .plan
                .part(part)
                .filter(|p| !matches!(p.kind, PartKind::Sheet | PartKind::Paper | PartKind::Fabric))
                .map(|_| Tool::Pliers),
            _ => None,
        };
        if let Some(tool) = implied {
            if !tools.contains(&tool) {
                tools.push(tool);
            }
        }
    }
    tools
}

/// A fold's arrow: from beside the part, where the folded-over half was,
/// up over it and down onto it.
fn fold_arrow(cam: &Camera, item: &Item, unit: f64) -> Option<([f64; 2], [f64; 2], [f64; 2])> {
    item.boxes.first()?;
    let r = union_rect(cam, item);
    let (w, h) = (
        (r[2] - r[0]).max(70.0 * unit),
        (r[3] - r[1]).max(30.0 * unit),
    );
    let c = [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
    let from = [c[0] + 0.5 * w + 20.0 * unit, c[1]];
    let to = [c[0] - 0.1 * w, c[1] - 0.15 * h];
    let ctrl = [c[0] + 0.35 * w, r[1] - 0.9 * h - 30.0 * unit];
    Some(at_least(from, ctrl, to, 90.0 * unit))
}

/// A bend's arrow: an arc over the top of the part, turning clockwise.
fn bend_arrow(cam: &Camera, item: &Item, unit: f64) -> ([f64; 2], [f64; 2], [f64; 2]) {
    let r = union_rect(cam, item);
    let c = [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
    let radius = ((r[2] - r[0]).max(r[3] - r[1]) / 2.0 + 16.0 * unit).max(36.0 * unit);
    let at = |deg: f64| {
        let a = deg.to_radians();
        [c[0] + radius * a.cos(), c[1] - radius * a.sin()]
    };
    // The control point of a quadratic through the arc's middle.
    let (from, to) = (at(155.0), at(25.0));
    let mid = at(90.0);
    let ctrl = [
        2.0 * mid[0] - (from[0] + to[0]) / 2.0,
        2.0 * mid[1] - (from[1] + to[1]) / 2.0,
    ];
    (from, ctrl, to)
}

/// The curve scaled about its middle so its ends are at least `min` apart.
fn at_least(
    from: [f64; 2],
    ctrl: [f64; 2],
    to: [f64; 2],
    min: f64,
) -> ([f64; 2], [f64; 2], [f64; 2]) {
    let span = (to[0] - from[0]).hypot(to[1] - from[1]);
    if span >= min || span < 1e-9 {
        return (from, ctrl, to);
    }
    let k = min / span;
    let m = [(from[0] + to[0]) / 2.0, (from[1] + to[1]) / 2.0];
    let grow = |p: [f64; 2]| [m[0] + k * (p[0] - m[0]), m[1] + k * (p[1] - m[1])];
    (grow(from), grow(ctrl), grow(to))
}

/// A curved arrow along a quadratic Bézier `[from, ctrl, to]`.
fn curved_arrow(out: &mut String, curve: [[f64; 2]; 3], color: [u8; 3], halo: [u8; 3], unit: f64) {
    let [from, ctrl, to] = curve;
    let (base, tip) = arrow_head(ctrl, to, unit);
    // The shaft ends under the head, pulled back along the curve's end.
    let shaft = format!(
        "M{} {}Q{} {} {} {}",
        num(from[0]),
        num(from[1]),
        num(ctrl[0]),
        num(ctrl[1]),
        num(base[0]),
        num(base[1])
    );
    write_arrow(out, "arrow curved", &shaft, &tip, color, halo, unit);
}

/// The dashed path that marks where a cut goes.
fn write_cut_line(out: &mut String, d: &str, color: [u8; 3], unit: f64) {
    let _ = write!(
        out,
        r#"<path class="cut-line" d="{d}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{} {}" stroke-linejoin="round"/>"#,
        hex(color),
        num(2.4 * unit),
        num(9.0 * unit),
        num(6.0 * unit)
    );
}

/// A dashed line round the outline of a shape cut out of a part.
fn outline_cut_line(out: &mut String, cam: &Camera, item: &Item, color: [u8; 3], unit: f64) {
    let mut d = String::new();
    for b in &item.boxes {
        let outline = crate::shapes::craft::top_outline(&item.part, b, 1.08);
        let screen: Vec<Vec3> = outline.points.iter().map(|p| cam.project(*p)).collect();
        d.push_str(&crate::svg::polygon_path(&screen));
    }
    write_cut_line(out, &d, color, unit);
}

/// The world direction an added part comes from.
fn approach(relation: Relation, has_target: bool) -> Vec3 {
    if !has_target {
        return [0.0, 1.0, 0.0];
    }
    match relation {
        Relation::On | Relation::In | Relation::Around => [0.0, 1.0, 0.0],
        Relation::Under => [0.0, -1.0, 0.0],
        Relation::Left => [-1.0, 0.0, 0.0],
        Relation::Right | Relation::Beside => [1.0, 0.0, 0.0],
        Relation::Behind | Relation::AttachedTo => [0.0, 0.0, -1.0],
        Relation::InFront => [0.0, 0.0, 1.0],
    }
}

fn screen_dir(cam: &Camera, d: Vec3) -> [f64; 2] {
    let (x, y) = (dot(d, cam.right), -dot(d, cam.up));
    let len = (x * x + y * y).sqrt();
    if len < 1e-9 {
        [0.0, -1.0]
    } else {
        [x / len, y / len]
    }
}

fn union_rect(cam: &Camera, item: &Item) -> Rect {
    let mut r = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for b in &item.boxes {
        let s = cam.screen_rect(b);
        r = [
            r[0].min(s[0]),
            r[1].min(s[1]),
            r[2].max(s[2]),
            r[3].max(s[3]),
        ];
    }
    r
}

/// Where a ray from the rectangle's centre along `dir` leaves it, plus a
/// gap.
fn edge_point(r: Rect, dir: [f64; 2], gap: f64) -> [f64; 2] {
    let c = [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
    let half = [(r[2] - r[0]) / 2.0, (r[3] - r[1]) / 2.0];
    let tx = if dir[0].abs() > 1e-9 {
        half[0] / dir[0].abs()
    } else {
        f64::MAX
    };
    let ty = if dir[1].abs() > 1e-9 {
        half[1] / dir[1].abs()
    } else {
        f64::MAX
    };
    let t = tx.min(ty).min(1e5) + gap;
    [c[0] + dir[0] * t, c[1] + dir[1] * t]
}

fn arrow(out: &mut String, from: [f64; 2], to: [f64; 2], color: [u8; 3], halo: [u8; 3], unit: f64) {
    let (base, tip) = arrow_head(from, to, unit);
    let shaft = format!(
        "M{} {}L{} {}",
        num(from[0]),
        num(from[1]),
        num(base[0]),
        num(base[1])
    );
    write_arrow(out, "arrow", &shaft, &tip, color, halo, unit);
}

/// The head of an arrow pointing at `to` from the direction of `from`: the
/// point where the shaft ends, and the head's path.
fn arrow_head(from: [f64; 2], to: [f64; 2], unit: f64) -> ([f64; 2], String) {
    let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let head = 18.0 * unit;
    let half = 9.0 * unit;
    let base = [to[0] - ux * head, to[1] - uy * head];
    let tip = format!(
        "M{} {}L{} {}L{} {}Z",
        num(to[0]),
        num(to[1]),
        num(base[0] - uy * half),
        num(base[1] + ux * half),
        num(base[0] + uy * half),
        num(base[1] - ux * half)
    );
    (base, tip)
}

/// An arrow's shaft and head, drawn over a halo so it reads on any part.
fn write_arrow(
    out: &mut String,
    class: &str,
    shaft: &str,
    tip: &str,
    color: [u8; 3],
    halo: [u8; 3],
    unit: f64,
) {
    let _ = write!(
        out,
        r#"<g class="{class}"><path d="{shaft}" stroke="{h}" stroke-width="{hw}" stroke-linecap="round" fill="none"/><path d="{tip}" fill="{h}" stroke="{h}" stroke-width="{hs}" stroke-linejoin="round"/><path d="{shaft}" stroke="{c}" stroke-width="{w}" stroke-linecap="round" fill="none"/><path d="{tip}" fill="{c}"/></g>"#,
        h = hex(halo),
        c = hex(color),
        hw = num(11.0 * unit),
        hs = num(5.0 * unit),
        w = num(5.0 * unit),
    );
}

/// A dashed loop where a cut goes through the part.
fn cut_line(out: &mut String, cam: &Camera, item: &Item, keep: CutKeep, color: [u8; 3], unit: f64) {
    let mut d = String::new();
    for b in &item.boxes {
        let loop_pts: Vec<Vec3> = match keep {
            CutKeep::Left | CutKeep::Right => {
                let x = if keep == CutKeep::Left {
                    b.min[0]
                } else {
                    b.max[0]
                };
                vec![
                    [x, b.min[1], b.min[2]],
                    [x, b.min[1], b.max[2]],
                    [x, b.max[1], b.max[2]],
                    [x, b.max[1], b.min[2]],
                ]
            }
            _ => {
                let y = if keep == CutKeep::Shape {
                    (b.min[1] + b.max[1]) / 2.0
                } else {
                    b.min[1]
                };
                let grow = if keep == CutKeep::Shape { 0.06 } else { 0.0 };
                ring(b, y, is_round(item.part.kind), grow)
            }
        };
        let screen: Vec<Vec3> = loop_pts.iter().map(|p| cam.project(*p)).collect();
        d.push_str(&crate::svg::polygon_path(&screen));
    }
    write_cut_line(out, &d, color, unit);
}

/// A horizontal loop around a box at height `y` (an ellipse for round
/// parts), grown by `grow` of its size.
fn ring(b: &plan::layout::Aabb, y: f64, round: bool, grow: f64) -> Vec<Vec3> {
    let (cx, cz) = ((b.min[0] + b.max[0]) / 2.0, (b.min[2] + b.max[2]) / 2.0);
    let (rx, rz) = (
        (b.max[0] - b.min[0]) / 2.0 * (1.0 + grow),
        (b.max[2] - b.min[2]) / 2.0 * (1.0 + grow),
    );
    if round {
        (0..32)
            .map(|i| {
                let a = f64::from(i) / 32.0 * std::f64::consts::TAU;
                [cx + rx * a.cos(), y, cz + rz * a.sin()]
            })
            .collect()
    } else {
        vec![
            [cx - rx, y, cz - rz],
            [cx + rx, y, cz - rz],
            [cx + rx, y, cz + rz],
            [cx - rx, y, cz + rz],
        ]
    }
}

/// The step number in a disc, top left.
pub fn badge(out: &mut String, guide: &Guide, step: u32, style: Style) {
    let pal = palette(style);
    let u = guide.unit();
    let (cx, cy, r) = (24.0 * u + 28.0 * u, 24.0 * u + 28.0 * u, 28.0 * u);
    let _ = write!(
        out,
        r#"<circle class="badge" cx="{}" cy="{}" r="{}" fill="{}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle" fill="{}">{step}</text>"#,
        num(cx),
        num(cy),
        num(r),
        hex(pal.accent),
        num(cx),
        num(cy + 10.0 * u),
        num(28.0 * u),
        hex(pal.badge_text)
    );
}

/// The step's tools as labelled icon cards in the right-hand column,
/// level with the build.
pub fn tools(out: &mut String, guide: &Guide, tools: &[Tool], style: Style) {
    if tools.is_empty() {
        return;
    }
    let pal = palette(style);
    let u = guide.unit();
    let shown = &tools[..tools.len().min(MAX_TOOLS)];
    let (w, h) = (f64::from(guide.width), f64::from(guide.height));
    let card_w = 92.0 * u;
    let card_h = 104.0 * u;
    let gap = 12.0 * u;
    let total = shown.len() as f64 * card_h + (shown.len() as f64 - 1.0) * gap;
    let frame = build_frame(guide.width, guide.height);
    let x = w - 0.03 * w - card_w;
    let mut y = ((frame[1] + frame[3]) / 2.0 - total / 2.0)
        .clamp(8.0 * u, (h - total - 8.0 * u).max(8.0 * u));
    for tool in shown {
        let icon = 64.0 * u;
        let _ = write!(
            out,
            r#"<rect class="tool" x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="{}"/>"#,
            num(x),
            num(y),
            num(card_w),
            num(card_h),
            num(10.0 * u),
            hex(pal.card),
            hex(pal.card_line),
            num(1.2 * u)
        );
        out.push_str(&tool_icon(
            *tool,
            x + (card_w - icon) / 2.0,
            y + 8.0 * u,
            icon,
            &hex(pal.text),
            &hex(pal.card),
        ));
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{}">{}</text>"#,
            num(x + card_w / 2.0),
            num(y + card_h - 12.0 * u),
            num(12.5 * u),
            hex(pal.text),
            escape(tool.label())
        );
        y += card_h + gap;
    }
}

/// The shortest distance between segments ab and cd.
fn segment_distance(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> f64 {
    let cross = |o: [f64; 2], p: [f64; 2], q: [f64; 2]| {
        (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])
    };
    let (d1, d2) = (cross(a, b, c), cross(a, b, d));
    let (d3, d4) = (cross(c, d, a), cross(c, d, b));
    if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
        return 0.0;
    }
    let to_segment = |p: [f64; 2], s: [f64; 2], e: [f64; 2]| {
        let (dx, dy) = (e[0] - s[0], e[1] - s[1]);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((p[0] - s[0]) * dx + (p[1] - s[1]) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (p[0] - s[0] - t * dx).hypot(p[1] - s[1] - t * dy)
    };
    to_segment(a, c, d)
        .min(to_segment(b, c, d))
        .min(to_segment(c, a, b))
        .min(to_segment(d, a, b))
}

/// Whether two arrows point the same way along (nearly) the same line, so
/// that one would seem to continue the other.
fn in_line(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2], tolerance: f64) -> bool {
    let (u, v) = ([b[0] - a[0], b[1] - a[1]], [d[0] - c[0], d[1] - c[1]]);
    let (lu, lv) = (u[0].hypot(u[1]), v[0].hypot(v[1]));
    if lu < 1e-9 || lv < 1e-9 {
        return false;
    }
    let parallel = (u[0] * v[0] + u[1] * v[1]) / (lu * lv) > 0.95;
    let offset = ((c[0] - a[0]) * u[1] - (c[1] - a[1]) * u[0]).abs() / lu;
    parallel && offset < tolerance
}
