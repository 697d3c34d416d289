//! Output depends on nothing but the input, and no input makes a builder
//! panic or produce non-finite points.

use plan::layout::Aabb;
use plan::model::{Color, CutKeep, Material, PartKind, Relation};

use super::tests::{boxes, contexts, ctx, part};
use super::{part_faces, ShapeContext};

#[test]
fn output_is_deterministic() {
    for kind in PartKind::ALL {
        let mut p = part(kind, Material::Glass);
        p.holes = 3;
        for b in boxes() {
            for c in contexts() {
                assert_eq!(part_faces(&p, &b, &c), part_faces(&p, &b, &c), "{kind:?}");
            }
        }
    }
}

#[test]
fn degenerate_input_does_not_panic() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let bad = [
        Aabb {
            min: [0.0; 3],
            max: [0.0; 3],
        },
        Aabb {
            min: [nan; 3],
            max: [nan; 3],
        },
        Aabb {
            min: [nan, 0.0, inf],
            max: [1.0, nan, -inf],
        },
        Aabb {
            min: [5.0, 5.0, 5.0],
            max: [1.0, 2.0, 3.0],
        },
        Aabb {
            min: [-1e300; 3],
            max: [1e300; 3],
        },
        Aabb {
            min: [0.0; 3],
            max: [1e-300, 1.0, 1e-300],
        },
        Aabb {
            min: [0.0; 3],
            max: [1000.0, 1e-9, 1000.0],
        },
    ];
    for kind in PartKind::ALL {
        let mut p = part(kind, Material::Glass);
        p.holes = u32::MAX;
        p.size = [nan, -1.0, inf];
        p.fill_level = Some(nan);
        p.cut = Some((CutKeep::Top, nan));
        p.color = Color("not a colour".to_string());
        for b in &bad {
            for segments in [0, 3, 1000, u32::MAX] {
                for c in contexts() {
                    let c = ShapeContext { segments, ..c };
                    let faces = part_faces(&p, b, &c);
                    for f in &faces {
                        assert!(f.verts.iter().flatten().all(|x| x.is_finite()), "{kind:?}");
                    }
                }
            }
        }
        // An inverted box is drawn in its normalised form.
        let inverted = Aabb {
            min: [10.0, 20.0, 10.0],
            max: [0.0; 3],
        };
        let normal = Aabb {
            min: [0.0; 3],
            max: [10.0, 20.0, 10.0],
        };
        let c = ctx(false, None, Relation::On, 24);
        let q = part(kind, Material::Wood);
        assert_eq!(part_faces(&q, &inverted, &c), part_faces(&q, &normal, &c));
    }
}
