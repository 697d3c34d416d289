//! Checks of what particular kinds look like: open containers show their
//! floor, glass is see-through, holes, fills, tubes and tires are oriented
//! and coloured as promised; and the face count of every kind.

use plan::model::{CutKeep, Material, PartKind, Relation};

use super::tests::{aabb, check_closed, check_faces, ctx, is_open_sheet, part};
use super::{darken, part_faces};
use crate::geom::{cross, normalize, polygon_normal, sub};
use crate::mesh::Face;

/// The height of the highest non-vertical face above the point `(x, z)`.
fn top_over(faces: &[Face], x: f64, z: f64) -> Option<f64> {
    let mut best: Option<f64> = None;
    for f in faces {
        let n = normalize(polygon_normal(&f.verts));
        if n[1].abs() < 0.1 {
            continue;
        }
        let m = f.verts.len();
        let sides: Vec<f64> = (0..m)
            .map(|i| {
                let (a, b) = (f.verts[i], f.verts[(i + 1) % m]);
                cross(sub(b, a), sub([x, a[1], z], a))[1]
            })
            .collect();
        let inside = sides.iter().all(|s| *s >= 0.0) || sides.iter().all(|s| *s <= 0.0);
        if inside {
            let v = f.verts[0];
            let y = v[1] - (n[0] * (x - v[0]) + n[2] * (z - v[2])) / n[1];
            best = Some(best.map_or(y, |b: f64| b.max(y)));
        }
    }
    best
}

#[test]
fn open_containers_show_their_floor_and_closed_ones_their_top() {
    let b = aabb([2.0, 1.0, 3.0], [10.0, 20.0, 8.0]);
    let (cx, cz) = (7.0, 7.0);
    for kind in [
        PartKind::Box,
        PartKind::Crate,
        PartKind::Can,
        PartKind::Jar,
        PartKind::Bottle,
        PartKind::Cylinder,
    ] {
        let mut p = part(kind, Material::Plastic);
        if kind == PartKind::Bottle {
            p.cut = Some((CutKeep::Bottom, 0.6));
        }
        let open = part_faces(&p, &b, &ctx(true, None, Relation::On, 24));
        let floor = top_over(&open, cx, cz).unwrap_or(f64::NAN);
        assert!(
            floor < 1.0 + 2.0,
            "{kind:?}: open top, but covered at {floor}"
        );
        if kind != PartKind::Crate && kind != PartKind::Bottle {
            let closed = part_faces(&p, &b, &ctx(false, None, Relation::On, 24));
            let top = top_over(&closed, cx, cz).unwrap_or(f64::NAN);
            assert!(top > 20.0, "{kind:?}: closed, but its top is at {top}");
        }
    }
}

#[test]
fn glass_is_see_through_and_caps_are_not() {
    let b = aabb([0.0; 3], [8.0, 25.0, 8.0]);
    let c = ctx(false, None, Relation::On, 24);
    for kind in [
        PartKind::Jar,
        PartKind::Cylinder,
        PartKind::Sphere,
        PartKind::Box,
    ] {
        let faces = part_faces(&part(kind, Material::Glass), &b, &c);
        assert!(faces.iter().all(|f| f.translucent), "{kind:?}");
        let metal = part_faces(&part(kind, Material::Metal), &b, &c);
        assert!(metal.iter().all(|f| !f.translucent), "{kind:?}");
    }
    let bottle = part_faces(&part(PartKind::Bottle, Material::Glass), &b, &c);
    assert!(bottle.iter().any(|f| f.translucent));
    assert!(bottle.iter().any(|f| !f.translucent), "the cap is opaque");
}

#[test]
fn holes_are_dark_decals_at_most_twelve() {
    for kind in PartKind::ALL {
        for (size, open) in [([10.0, 20.0, 10.0], false), ([30.0, 5.0, 20.0], false)] {
            let b = aabb([1.0, 0.0, 1.0], size);
            let c = ctx(open, None, Relation::On, 24);
            let plain = part(kind, Material::Wood);
            let base = part_faces(&plain, &b, &c).len();
            for holes in [1, 4, 7, 30] {
                let mut p = plain.clone();
                p.holes = holes;
                let faces = part_faces(&p, &b, &c);
                let k = holes.min(12) as usize;
                assert_eq!(faces.len(), base + k, "{kind:?} with {holes} holes");
                let dark = darken(p.color.rgb(), 0.3);
                assert!(faces[base..].iter().all(|f| f.color == dark), "{kind:?}");
                let what = format!("{kind:?} with {holes} holes");
                check_faces(&faces, &b, &what);
                if !is_open_sheet(kind, &c) {
                    // Decals share no edge with the solid and leave it whole.
                    check_closed(&faces, &b, &what);
                }
            }
        }
    }
}

#[test]
fn fills_take_their_containers_shape() {
    let b = aabb([0.0; 3], [9.0, 6.0, 9.0]);
    let p = part(PartKind::Fill, Material::Soil);
    let round = part_faces(&p, &b, &ctx(false, Some(PartKind::Jar), Relation::In, 24));
    assert!(round.iter().any(|f| f.verts.len() == 24), "a round top");
    let square = part_faces(&p, &b, &ctx(false, Some(PartKind::Box), Relation::In, 24));
    assert_eq!(square.len(), 6);
    assert!(square.iter().all(|f| f.color == p.color.rgb()));
}

#[test]
fn tubes_lie_along_their_long_side_and_tires_have_holes() {
    let c = ctx(false, None, Relation::On, 24);
    let lying = aabb([0.0; 3], [40.0, 6.0, 6.0]);
    let faces = part_faces(&part(PartKind::Pipe, Material::Plastic), &lying, &c);
    assert!(
        faces.iter().any(|f| f.verts.iter().all(|v| v[0] == 0.0)),
        "a rim at x = 0"
    );
    let upright = aabb([0.0; 3], [6.0, 40.0, 6.0]);
    let faces = part_faces(&part(PartKind::Tube, Material::Cardboard), &upright, &c);
    assert!(
        faces.iter().any(|f| f.verts.iter().all(|v| v[1] == 40.0)),
        "a rim on top"
    );
    // Nothing covers the middle of a tire lying flat: it has a hole.
    let flat = aabb([0.0; 3], [40.0, 15.0, 40.0]);
    let tire = part_faces(&part(PartKind::Tire, Material::Rubber), &flat, &c);
    assert_eq!(top_over(&tire, 20.0, 20.0), None);
}

#[test]
fn wrapped_fabric_is_a_band() {
    let b = aabb([0.0; 3], [12.0, 8.0, 12.0]);
    let p = part(PartKind::Fabric, Material::Fabric);
    let round = part_faces(
        &p,
        &b,
        &ctx(false, Some(PartKind::Jar), Relation::Around, 24),
    );
    assert_eq!(round.len(), 24);
    assert!(round.iter().all(|f| f.two_sided));
    let square = part_faces(
        &p,
        &b,
        &ctx(false, Some(PartKind::Box), Relation::Around, 24),
    );
    assert_eq!(square.len(), 4);
    let draped = part_faces(&p, &b, &ctx(false, None, Relation::On, 24));
    assert!(draped.len() > 8 && draped.iter().all(|f| f.two_sided));
    assert!(part_faces(
        &part(PartKind::Paper, Material::Paper),
        &b,
        &ctx(false, None, Relation::On, 24)
    )
    .iter()
    .all(|f| f.two_sided));
}

#[test]
fn plants_are_green_and_lights_warm_on_a_dark_wire() {
    let b = aabb([0.0; 3], [14.0, 18.0, 14.0]);
    let c = ctx(false, None, Relation::On, 24);
    let plant = part_faces(&part(PartKind::Plant, Material::Plant), &b, &c);
    let leaves: Vec<&Face> = plant.iter().filter(|f| f.two_sided).collect();
    assert!(leaves.len() >= 20, "leaves");
    assert!(leaves
        .iter()
        .all(|f| f.color[1] > f.color[0] && f.color[1] > f.color[2]));
    let brown = [0xa0, 0x5a, 0x2c];
    assert!(
        plant.iter().any(|f| f.color == brown),
        "a blossom in its colour"
    );
    let mut green = part(PartKind::Plant, Material::Plant);
    green.color = plan::model::Color("#3a8a3a".to_string());
    let plant = part_faces(&green, &b, &c);
    assert!(plant
        .iter()
        .filter(|f| f.two_sided)
        .all(|f| f.color[1] > f.color[0]));
    assert!(plant.len() < 60, "no blossom on a green plant");
    let string = aabb([0.0; 3], [80.0, 2.0, 10.0]);
    let lights = part_faces(&part(PartKind::Lights, Material::Plastic), &string, &c);
    assert!(lights.iter().any(|f| f.color == [0x33, 0x33, 0x33]));
    assert!(lights.iter().any(|f| f.color == [0xff, 0xe9, 0xa8]));
}

#[test]
fn face_counts_at_24_segments() {
    let b = aabb([0.0; 3], [10.0, 20.0, 10.0]);
    let c = ctx(false, None, Relation::On, 24);
    for kind in PartKind::ALL {
        let n = part_faces(&part(kind, Material::Plastic), &b, &c).len();
        println!("{kind:?}: {n}");
        assert!((4..=3000).contains(&n), "{kind:?}: {n} faces");
    }
}

#[test]
fn a_chain_is_links_each_turned_from_the_last() {
    let b = aabb([0.0; 3], [40.0, 1.0, 1.0]);
    let c = ctx(false, None, Relation::On, 24);
    let faces = part_faces(&part(PartKind::Chain, Material::Metal), &b, &c);
    // Each link is an oval of 8 samples swept with 4 sides, in triangles.
    let per_link = 8 * 4 * 2;
    assert_eq!(faces.len() % per_link, 0);
    let links: Vec<&[Face]> = faces.chunks(per_link).collect();
    assert!(links.len() >= 10, "{} links", links.len());
    let spread = |link: &[Face], axis: usize| {
        let vs = link.iter().flat_map(|f| f.verts.iter().map(|v| v[axis]));
        let (lo, hi) = vs.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
        hi - lo
    };
    for (k, link) in links.iter().enumerate() {
        let (along, up, across) = (spread(link, 0), spread(link, 1), spread(link, 2));
        assert!(along > up.min(across), "link {k} lies along the chain");
        // Alternate links stand up and lie flat.
        let flat = up < across;
        assert_eq!(flat, k % 2 == 0, "link {k}: up {up}, across {across}");
    }
    // Neighbours overlap along the chain, so each passes through the next.
    let end = |link: &[Face], max: bool| {
        let xs = link.iter().flat_map(|f| f.verts.iter().map(|v| v[0]));
        if max {
            xs.fold(f64::MIN, f64::max)
        } else {
            xs.fold(f64::MAX, f64::min)
        }
    };
    for pair in links.windows(2) {
        assert!(end(pair[0], true) > end(pair[1], false));
    }
}
