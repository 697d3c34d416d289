//! From part faces to screen polygons: culling, lighting, outline edges and
//! paint.

use std::collections::HashMap;

use plan::request::Style;

use crate::bsp::Poly;
use crate::camera::Camera;
use crate::geom::{dot, normalize, polygon_normal, scale, Vec3};
use crate::mesh::{Face, Rgb};
use crate::style::{palette, surface, Role};

/// The one fixed light: from the upper left front, so tops are brightest,
/// fronts middling and right-hand sides darkest.
const LIGHT: Vec3 = [-0.3511, 0.8194, 0.4526];

/// Two faces meeting at more than this angle (cos) show their shared edge.
const CREASE_COS: f64 = 0.77;

/// How one polygon is painted.
#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    pub fill: Rgb,
    pub opacity: f64,
    /// Outline colour and width (px) for flagged edges; width 0 = none.
    pub line: Rgb,
    pub width: f64,
    pub dashed: bool,
}

/// How to paint a part's polygons.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Look {
    Styled {
        style: Style,
        role: Role,
        unit: f64,
    },
    /// Flat id colour, no outlines (part-id mode).
    Id {
        color: Rgb,
        see_through: bool,
    },
}

/// Appends the visible polygons of one copy's faces to `polys`, and their
/// paints to `paints`.
pub fn add_faces(
    faces: &[Face],
    camera: &Camera,
    look: Look,
    polys: &mut Vec<Poly>,
    paints: &mut Vec<Paint>,
) {
    let normals: Vec<Vec3> = faces
        .iter()
        .map(|f| normalize(polygon_normal(&f.verts)))
        .collect();
    let facing: Vec<bool> = normals.iter().map(|n| camera.faces_viewer(*n)).collect();
    let edges = feature_edges(faces, &normals, &facing);
    for (i, face) in faces.iter().enumerate() {
        let see_both = face.two_sided || face.translucent;
        if !facing[i] && !see_both {
            continue;
        }
        if face.translucent {
            if let Look::Id {
                see_through: true, ..
            } = look
            {
                continue;
            }
        }
        let (n, inside) = if facing[i] {
            (normals[i], false)
        } else {
            (scale(normals[i], -1.0), true)
        };
        let mut light = 0.45 + 0.6 * dot(n, LIGHT).max(0.0);
        if inside {
            light *= 0.72;
        }
        let paint = paint_for(face, look, light.min(1.0));
        let flags = if paint.width > 0.0 {
            edges[i].clone()
        } else {
            vec![false; face.verts.len()]
        };
        polys.push(Poly {
            pts: face.verts.iter().map(|v| camera.project(*v)).collect(),
            edges: flags,
            paint: paints.len() as u32,
        });
        paints.push(paint);
    }
}

fn paint_for(face: &Face, look: Look, light: f64) -> Paint {
    match look {
        Look::Id { color, .. } => Paint {
            fill: color,
            opacity: 1.0,
            line: color,
            width: 0.0,
            dashed: false,
        },
        Look::Styled { style, role, unit } => {
            let pal = palette(style);
            let (fill, mut opacity) = surface(style, role, face.color, light);
            if face.translucent {
                opacity *= match style {
                    Style::Diagram | Style::Photo => 0.42,
                    _ => 0.25,
                };
            }
            let (line, width) = match role {
                Role::Action => (pal.action_line, pal.action_width),
                Role::Listed => (pal.listed_line, pal.action_width),
                Role::Context => (pal.context_line, pal.context_width),
                Role::Ghost => (pal.ghost_line, pal.context_width),
            };
            Paint {
                fill,
                opacity,
                line,
                width: width * unit,
                dashed: role == Role::Ghost,
            }
        }
    }
}

type Key = [i64; 3];

fn key(p: Vec3) -> Key {
    p.map(|v| (v * 1e4).round() as i64)
}

/// Which edges of each face to outline: edges on the mesh's boundary,
/// silhouettes (the neighbour faces the other way) and creases.
fn feature_edges(faces: &[Face], normals: &[Vec3], facing: &[bool]) -> Vec<Vec<bool>> {
    let mut shared: HashMap<(Key, Key), Vec<usize>> = HashMap::new();
    let edge_key = |a: Vec3, b: Vec3| {
        let (ka, kb) = (key(a), key(b));
        if ka <= kb {
            (ka, kb)
        } else {
            (kb, ka)
        }
    };
    for (f, face) in faces.iter().enumerate() {
        let n = face.verts.len();
        for i in 0..n {
            let k = edge_key(face.verts[i], face.verts[(i + 1) % n]);
            shared.entry(k).or_default().push(f);
        }
    }
    faces
        .iter()
        .enumerate()
        .map(|(f, face)| {
            let n = face.verts.len();
            (0..n)
                .map(|i| {
                    let k = edge_key(face.verts[i], face.verts[(i + 1) % n]);
                    let others = shared.get(&k).map(|v| v.as_slice()).unwrap_or(&[]);
                    let mut neighbours = others.iter().filter(|&&g| g != f).peekable();
                    if neighbours.peek().is_none() {
                        return true;
                    }
                    neighbours.any(|&g| {
                        facing[g] != facing[f] || dot(normals[f], normals[g]) < CREASE_COS
                    })
                })
                .collect()
        })
        .collect()
}
