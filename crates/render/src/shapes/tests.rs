//! Geometry checks for every part kind: faces are finite, flat, convex and
//! inside the copy's box; they fill the box; closed solids are watertight
//! and wind outwards; output is deterministic; bad input never panics.

use std::collections::BTreeMap;

use plan::layout::Aabb;
use plan::model::{Color, CutKeep, Material, Part, PartKind, Placement, Relation};
use plan::state::PartState;

use super::{part_faces, ShapeContext};
use crate::geom::{cross, dot, length, normalize, polygon_normal, sub, Vec3};
use crate::mesh::Face;

pub(super) fn part(kind: PartKind, material: Material) -> PartState {
    let p = Part {
        id: "p".to_string(),
        name: "p".to_string(),
        kind,
        count: 1,
        size: [10.0, 20.0, 10.0],
        color: Color("#a05a2c".to_string()),
        material,
        placement: Placement::default(),
    };
    PartState::from_part(&p, 1)
}

pub(super) fn ctx(
    open_top: bool,
    host: Option<PartKind>,
    relation: Relation,
    segments: u32,
) -> ShapeContext {
    ShapeContext {
        open_top,
        host,
        relation,
        segments,
    }
}

pub(super) fn aabb(min: Vec3, size: Vec3) -> Aabb {
    Aabb::from_min_size(min, size)
}

/// Tall, wide, tiny, huge, long and thin, flat; off the origin.
pub(super) fn boxes() -> Vec<Aabb> {
    vec![
        aabb([3.0, 1.0, -7.0], [10.0, 40.0, 12.0]),
        aabb([-20.0, 0.0, 4.0], [40.0, 10.0, 30.0]),
        aabb([0.5, 0.25, 0.5], [0.02, 0.03, 0.015]),
        aabb([100.0, 0.0, -2000.0], [5000.0, 3000.0, 4000.0]),
        aabb([0.0, 2.0, 0.0], [120.0, 1.0, 1.5]),
        aabb([1.0, 0.0, 1.0], [30.0, 2.0, 25.0]),
    ]
}

pub(super) fn largest(b: &Aabb) -> f64 {
    let s = b.size();
    s[0].max(s[1]).max(s[2])
}

/// Every face: at least 3 distinct consecutive vertices, finite, inside the
/// box, planar, convex, with non-zero area.
pub(super) fn check_faces(faces: &[Face], b: &Aabb, what: &str) {
    let l = largest(b);
    let tol = 0.01 * l + 0.06;
    for (fi, f) in faces.iter().enumerate() {
        assert!(f.verts.len() >= 3, "{what}: face {fi} has < 3 vertices");
        for v in &f.verts {
            assert!(v.iter().all(|c| c.is_finite()), "{what}: non-finite {v:?}");
            for a in 0..3 {
                assert!(
                    v[a] >= b.min[a] - tol && v[a] <= b.max[a] + tol,
                    "{what}: face {fi} vertex {v:?} outside {b:?}"
                );
            }
        }
        let raw = polygon_normal(&f.verts);
        let area = length(raw) / 2.0;
        assert!(area > 1e-12 * l * l, "{what}: face {fi} has no area");
        let n = normalize(raw);
        let v0 = f.verts[0];
        let m = f.verts.len();
        for (i, v) in f.verts.iter().enumerate() {
            let off = dot(sub(*v, v0), n).abs();
            assert!(off <= 1e-6 * l, "{what}: face {fi} not planar ({off})");
            let (a, b2) = (f.verts[(i + 1) % m], f.verts[(i + 2) % m]);
            assert!(*v != a, "{what}: face {fi} repeats a vertex");
            let turn = dot(cross(sub(a, *v), sub(b2, a)), n);
            assert!(turn >= -1e-9 * l * l, "{what}: face {fi} not convex");
        }
    }
}

/// The faces' extent along each axis, as a fraction of the box's.
pub(super) fn fill_fractions(faces: &[Face], b: &Aabb) -> [f64; 3] {
    let s = b.size();
    [0, 1, 2].map(|a| {
        let lo = faces
            .iter()
            .flat_map(|f| f.verts.iter().map(move |v| v[a]))
            .fold(f64::INFINITY, f64::min);
        let hi = faces
            .iter()
            .flat_map(|f| f.verts.iter().map(move |v| v[a]))
            .fold(f64::NEG_INFINITY, f64::max);
        if s[a] > 0.0 {
            (hi.min(b.max[a]) - lo.max(b.min[a])) / s[a]
        } else {
            1.0
        }
    })
}

type Key = [u64; 3];

fn key(v: &Vec3) -> Key {
    v.map(f64::to_bits)
}

/// Closed solids: every edge of a face is matched by the reverse edge of
/// another face (decals, which share no edge, excepted), and every
/// edge-connected piece has positive divergence-theorem volume.
pub(super) fn check_closed(faces: &[Face], b: &Aabb, what: &str) {
    let mut edges: BTreeMap<(Key, Key), Vec<usize>> = BTreeMap::new();
    for (i, f) in faces.iter().enumerate() {
        let m = f.verts.len();
        for k in 0..m {
            let e = (key(&f.verts[k]), key(&f.verts[(k + 1) % m]));
            edges.entry(e).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..faces.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut decal = vec![false; faces.len()];
    for (i, f) in faces.iter().enumerate() {
        let m = f.verts.len();
        let matched: Vec<Option<&Vec<usize>>> = (0..m)
            .map(|k| edges.get(&(key(&f.verts[(k + 1) % m]), key(&f.verts[k]))))
            .collect();
        if matched.iter().all(Option::is_none) {
            decal[i] = true;
            continue;
        }
        assert!(
            matched.iter().all(Option::is_some),
            "{what}: face {i} has an open edge"
        );
        for other in matched.into_iter().flatten().flatten() {
            let (a, c) = (root(&mut parent, i), root(&mut parent, *other));
            parent[a] = c;
        }
    }
    let c = [
        (b.min[0] + b.max[0]) / 2.0,
        (b.min[1] + b.max[1]) / 2.0,
        (b.min[2] + b.max[2]) / 2.0,
    ];
    let mut volume: BTreeMap<usize, f64> = BTreeMap::new();
    for (i, f) in faces.iter().enumerate().filter(|(i, _)| !decal[*i]) {
        let r = root(&mut parent, i);
        let p: Vec<Vec3> = f.verts.iter().map(|v| sub(*v, c)).collect();
        let mut vol = 0.0;
        for k in 1..p.len() - 1 {
            vol += dot(p[0], cross(p[k], p[k + 1])) / 6.0;
        }
        *volume.entry(r).or_default() += vol;
    }
    let l = largest(b);
    for (r, v) in volume {
        assert!(v > 1e-12 * l * l * l, "{what}: piece {r} has volume {v}");
    }
}

/// Kinds (in this context) whose faces are open sheets, not solids.
pub(super) fn is_open_sheet(kind: PartKind, c: &ShapeContext) -> bool {
    matches!(kind, PartKind::Fabric | PartKind::Plant)
        || matches!(kind, PartKind::Sheet | PartKind::Paper) && c.relation == Relation::Around
}

/// How much of its box a kind must span along each axis.
fn min_fill(kind: PartKind) -> f64 {
    match kind {
        // Few leaves around a stem; a string of bulbs on a thin wire.
        PartKind::Plant | PartKind::Lights => 0.6,
        _ => 0.85,
    }
}

pub(super) fn contexts() -> Vec<ShapeContext> {
    let mut out = Vec::new();
    for open in [false, true] {
        for (host, relation) in [
            (None, Relation::On),
            (Some(PartKind::Jar), Relation::In),
            (Some(PartKind::Box), Relation::In),
            (Some(PartKind::Jar), Relation::Around),
            (Some(PartKind::Box), Relation::Around),
        ] {
            out.push(ctx(open, host, relation, 24));
        }
    }
    out
}

#[test]
fn every_kind_fills_its_box_with_clean_outward_faces() {
    for kind in PartKind::ALL {
        for b in boxes() {
            for c in contexts() {
                let p = part(kind, Material::Plastic);
                let faces = part_faces(&p, &b, &c);
                let what = format!("{kind:?} in {:?} with {c:?}", b.size());
                assert!(faces.len() >= 4, "{what}: only {} faces", faces.len());
                check_faces(&faces, &b, &what);
                let fill = fill_fractions(&faces, &b);
                for (a, f) in fill.iter().enumerate() {
                    assert!(*f >= min_fill(kind), "{what}: spans {f} along axis {a}");
                }
                if !is_open_sheet(kind, &c) {
                    check_closed(&faces, &b, &what);
                }
            }
        }
    }
}

#[test]
fn low_and_high_segment_counts_stay_clean() {
    for kind in PartKind::ALL {
        for segments in [0, 1, 6, 7, 13, 64, 1000] {
            for b in boxes() {
                let c = ctx(false, Some(PartKind::Can), Relation::On, segments);
                let faces = part_faces(&part(kind, Material::Wood), &b, &c);
                let what = format!("{kind:?} at {segments} segments in {:?}", b.size());
                check_faces(&faces, &b, &what);
                if !is_open_sheet(kind, &c) {
                    check_closed(&faces, &b, &what);
                }
            }
        }
    }
}

#[test]
fn materials_cuts_and_holes_keep_faces_clean() {
    let cuts = [
        None,
        Some((CutKeep::Bottom, 0.5)),
        Some((CutKeep::Top, 0.4)),
        Some((CutKeep::Pieces, 0.5)),
        Some((CutKeep::Shape, 1.0)),
    ];
    for kind in PartKind::ALL {
        for material in [Material::Glass, Material::Metal, Material::Cardboard] {
            for cut in cuts {
                for holes in [0, 1, 5, 40] {
                    let mut p = part(kind, material);
                    p.cut = cut;
                    p.holes = holes;
                    for b in boxes() {
                        for c in contexts() {
                            let faces = part_faces(&p, &b, &c);
                            let what = format!("{kind:?} {material:?} {cut:?} {holes} holes");
                            check_faces(&faces, &b, &what);
                        }
                    }
                }
            }
        }
    }
}
