//! Geometry checks for what craft operations make of a part: shapes cut
//! out of sheets, folded sheets, bent wire, stuffed soft goods and their
//! stuffing keep clean faces (finite, flat, convex), stay in their box
//! (a fold's open flap and thin wire's drawn thickness excepted, by a
//! known margin), and the solid ones are closed.

use plan::model::{BendShape, CutShape, Material, PartKind, Relation};
use plan::state::PartState;

use super::tests::{aabb, check_closed, check_faces, ctx, fill_fractions, part};
use super::{craft::FOLD_LIFT, part_faces};
use crate::mesh::Face;

fn faces(p: &PartState, size: [f64; 3]) -> (Vec<Face>, plan::layout::Aabb) {
    let b = aabb([2.0, 1.0, -3.0], size);
    (part_faces(p, &b, &ctx(false, None, Relation::On, 24)), b)
}

fn y_range(faces: &[Face]) -> (f64, f64) {
    let ys = faces.iter().flat_map(|f| f.verts.iter().map(|v| v[1]));
    ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    })
}

#[test]
fn cut_shapes_are_clean_closed_prisms_in_their_box() {
    for kind in [
        PartKind::Fabric,
        PartKind::Paper,
        PartKind::Sheet,
        PartKind::Board,
    ] {
        for shape in CutShape::ALL {
            let mut p = part(kind, Material::Paper);
            p.cut_shape = Some(shape);
            let what = format!("{kind:?} cut as a {shape:?}");
            let (f, b) = faces(&p, [30.0, 0.4, 20.0]);
            assert!(!f.is_empty(), "{what}");
            check_faces(&f, &b, &what);
            check_closed(&f, &b, &what);
            // As thick as the sheet, and as long as its footprint along
            // one side at least.
            let fill = fill_fractions(&f, &b);
            assert!(fill[1] > 0.99, "{what}: {fill:?}");
            assert!(fill[0].max(fill[2]) > 0.99, "{what}: {fill:?}");
        }
    }
}

#[test]
fn a_cut_shape_changes_the_outline_not_the_footprint() {
    let mut p = part(PartKind::Paper, Material::Paper);
    let (sheet, b) = faces(&p, [20.0, 0.2, 20.0]);
    p.cut_shape = Some(CutShape::Heart);
    let (heart, _) = faces(&p, [20.0, 0.2, 20.0]);
    // The same extent, but a different top: a heart's cleft and sides
    // leave corners of the square uncovered.
    assert_eq!(fill_fractions(&sheet, &b), fill_fractions(&heart, &b));
    let tops = |f: &[Face]| {
        f.iter()
            .filter(|f| f.verts.iter().all(|v| v[1] > 1.1))
            .count()
    };
    assert_ne!(tops(&sheet), tops(&heart));
}

#[test]
fn folded_sheets_are_two_closed_layers_open_at_one_edge() {
    for kind in [PartKind::Paper, PartKind::Fabric, PartKind::Sheet] {
        for folds in [1, 2, 3] {
            for shape in [None, Some(CutShape::Heart), Some(CutShape::Star)] {
                let mut p = part(kind, Material::Paper);
                p.folds = folds;
                p.cut_shape = shape;
                let size = [10.0, 0.4, 12.0];
                let what = format!("{kind:?} folded {folds}x, {shape:?}");
                let (f, b) = faces(&p, size);
                check_closed(&f, &b, &what);
                // The open flap rises above the box by FOLD_LIFT per cm
                // from the crease.
                let lift = FOLD_LIFT * size[0];
                let roomy = aabb([2.0, 1.0, -3.0], [10.0, 0.4 + lift, 12.0]);
                check_faces(&f, &roomy, &what);
                let (lo, hi) = y_range(&f);
                assert!((lo - 1.0).abs() < 1e-9, "{what}: rests on its box");
                assert!(hi > 1.4 + 0.5 * lift, "{what}: the flap is open ({hi})");
            }
        }
    }
}

#[test]
fn thick_parts_are_not_drawn_folded() {
    let mut p = part(PartKind::Box, Material::Cardboard);
    p.folds = 1;
    let (folded, b) = faces(&p, [10.0, 8.0, 10.0]);
    p.folds = 0;
    let (plain, _) = faces(&p, [10.0, 8.0, 10.0]);
    assert_eq!(folded, plain);
    check_faces(&folded, &b, "box");
}

#[test]
fn bent_wire_is_clean_and_each_shape_is_its_own() {
    let mut outlines = Vec::new();
    for kind in [
        PartKind::Wire,
        PartKind::String,
        PartKind::Pipe,
        PartKind::Generic,
    ] {
        for shape in BendShape::ALL {
            let mut p = part(kind, Material::Metal);
            p.bend = Some(shape);
            let size = plan::state::bent_size([0.5, 0.5, 40.0], shape);
            let what = format!("{kind:?} {shape:?}");
            let (f, b) = faces(&p, size);
            assert!(!f.is_empty(), "{what}");
            check_closed(&f, &b, &what);
            // Thin wire is drawn a little thicker, resting on its box.
            let [w, h, d] = size;
            let extra = (0.25 * w.min(d)).max(h);
            let roomy = aabb([2.0, 1.0, -3.0], [w, extra.max(h), d]);
            check_faces(&f, &roomy, &what);
            assert!(y_range(&f).0 >= 1.0 - 1e-9, "{what}");
            if kind == PartKind::Wire {
                outlines.push((shape, f.len(), fill_fractions(&f, &b)));
            }
        }
    }
    // Coils and loops span their round footprint; a bend its long side.
    for (shape, count, fill) in &outlines {
        assert!(*count > 0, "{shape:?}");
        match shape {
            BendShape::Coil | BendShape::Loop => {
                assert!(fill[0] > 0.85 && fill[2] > 0.85, "{shape:?}: {fill:?}")
            }
            BendShape::Bend | BendShape::Twist => assert!(fill[0] > 0.95, "{shape:?}: {fill:?}"),
        }
    }
}

#[test]
fn sheets_looped_are_bands_and_bent_sheets_keep_their_shape() {
    let mut p = part(PartKind::Paper, Material::Paper);
    p.bend = Some(BendShape::Loop);
    let (band, b) = faces(&p, [10.0, 2.0, 10.0]);
    check_faces(&band, &b, "paper ring");
    assert!(
        band.iter().all(|f| f.two_sided),
        "a band is seen from both sides"
    );
    p.bend = Some(BendShape::Twist);
    let (twisted, _) = faces(&p, [10.0, 2.0, 10.0]);
    p.bend = None;
    let (plain, _) = faces(&p, [10.0, 2.0, 10.0]);
    assert_eq!(twisted, plain);
}

#[test]
fn stuffed_soft_goods_are_pillows_filling_their_box() {
    for kind in [PartKind::Cushion, PartKind::Fabric, PartKind::Generic] {
        for shape in [None, Some(CutShape::Heart), Some(CutShape::Circle)] {
            let mut p = part(kind, Material::Fabric);
            p.stuffed = true;
            p.cut_shape = shape;
            let what = format!("stuffed {kind:?} {shape:?}");
            let (f, b) = faces(&p, [30.0, 10.0, 24.0]);
            check_faces(&f, &b, &what);
            let fill = fill_fractions(&f, &b);
            assert!(fill[1] > 0.99, "{what}: {fill:?}");
            assert!(fill[0].max(fill[2]) > 0.99, "{what}: {fill:?}");
            // Plumper than the same part unstuffed: the middle of its top
            // is its highest point.
            let top = f.iter().flat_map(|f| f.verts.iter()).fold(
                [0.0, f64::NEG_INFINITY, 0.0],
                |best, v| {
                    if v[1] > best[1] {
                        *v
                    } else {
                        best
                    }
                },
            );
            assert!(
                (top[0] - 17.0).abs() < 1e-6 && (top[2] - 9.0).abs() < 1e-6,
                "{what}: {top:?}"
            );
        }
    }
}

#[test]
fn stuffing_is_a_closed_cloud_in_its_box() {
    let mut p = part(PartKind::Fill, Material::Fibre);
    p.stuffing = true;
    let (f, b) = faces(&p, [8.0, 5.0, 6.0]);
    check_faces(&f, &b, "stuffing");
    check_closed(&f, &b, "stuffing");
    let fill = fill_fractions(&f, &b);
    assert!(fill.iter().all(|v| *v > 0.85), "{fill:?}");
}

#[test]
fn craft_shapes_are_deterministic() {
    let mut p = part(PartKind::Fabric, Material::Fabric);
    p.cut_shape = Some(CutShape::Star);
    p.folds = 1;
    assert_eq!(faces(&p, [10.0, 0.5, 10.0]), faces(&p, [10.0, 0.5, 10.0]));
    let mut w = part(PartKind::Wire, Material::Metal);
    w.bend = Some(BendShape::Twist);
    assert_eq!(faces(&w, [20.0, 1.0, 1.0]), faces(&w, [20.0, 1.0, 1.0]));
}
