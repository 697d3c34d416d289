//! The layout solver on hand-built states and on random part lists.

use plan::layout::{layout, may_overlap, Aabb, Layout};
use plan::model::{Color, Material, Part, PartKind, Placement, Relation};
use plan::state::PartState;
use proptest::prelude::*;

const KINDS: [PartKind; 32] = PartKind::ALL;

const RELATIONS: [Relation; 10] = Relation::ALL;

/// A part state with everything but the layout-relevant fields defaulted.
fn part(
    id: &str,
    kind: PartKind,
    size: [f64; 3],
    count: u32,
    relation: Relation,
    target: Option<&str>,
) -> PartState {
    let part = Part {
        id: id.to_string(),
        name: id.replace('-', " "),
        kind,
        count,
        size,
        color: Color("#a0a0a0".to_string()),
        material: Material::Other,
        placement: Placement {
            relation,
            target: target.map(str::to_string),
        },
    };
    PartState::from_part(&part, 1)
}

fn root(id: &str, kind: PartKind, size: [f64; 3]) -> PartState {
    part(id, kind, size, 1, Relation::On, None)
}

fn boxes(l: &Layout, id: &str) -> Vec<Aabb> {
    l.get(id).expect("part is laid out").instances.clone()
}

/// Positive-volume overlap, with a tolerance far below anything visible.
fn overlap(a: &Aabb, b: &Aabb) -> bool {
    (0..3).all(|k| a.max[k].min(b.max[k]) - a.min[k].max(b.min[k]) > 1e-5)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Every invariant the solver promises, for any input.
fn check_invariants(parts: &[PartState], l: &Layout) -> Result<(), TestCaseError> {
    prop_assert_eq!(l.parts.len(), parts.len());
    for (p, placed) in parts.iter().zip(&l.parts) {
        prop_assert_eq!(&p.id, &placed.id, "same order as the input");
        prop_assert_eq!(placed.instances.len(), p.count.max(1) as usize);
        for b in &placed.instances {
            for k in 0..3 {
                prop_assert!(b.min[k].is_finite() && b.max[k].is_finite(), "{:?}", b);
                prop_assert!(b.min[k] <= b.max[k], "{:?}", b);
                prop_assert!(l.bounds.min[k] <= b.min[k] && b.max[k] <= l.bounds.max[k]);
            }
            prop_assert!(b.min[1] >= 0.0, "{} below the ground: {:?}", p.id, b);
        }
    }
    for i in 0..parts.len() {
        for j in i..parts.len() {
            if may_overlap(&parts[i], &parts[j], parts) {
                continue;
            }
            for (m, a) in l.parts[i].instances.iter().enumerate() {
                for (n, b) in l.parts[j].instances.iter().enumerate() {
                    if i == j && m >= n {
                        continue;
                    }
                    prop_assert!(
                        !overlap(a, b),
                        "{}#{} {:?} overlaps {}#{} {:?}",
                        parts[i].id,
                        m,
                        a,
                        parts[j].id,
                        n,
                        b
                    );
                }
            }
        }
    }
    Ok(())
}

/// Sizes mostly in 0.1..100 cm, sometimes broken.
fn size_component() -> impl Strategy<Value = f64> {
    prop_oneof![
        40 => 0.1f64..100.0,
        1 => Just(0.0),
        1 => Just(-3.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

#[derive(Clone, Debug)]
enum TargetChoice {
    Ground,
    /// A part earlier in the list (index taken modulo how many there are).
    Earlier(usize),
    /// Any part, itself and later ones included: cycles are possible.
    Any(usize),
    /// An id no part has.
    Missing(u8),
}

fn target_choice() -> impl Strategy<Value = TargetChoice> {
    prop_oneof![
        2 => Just(TargetChoice::Ground),
        6 => any::<usize>().prop_map(TargetChoice::Earlier),
        3 => any::<usize>().prop_map(TargetChoice::Any),
        1 => any::<u8>().prop_map(TargetChoice::Missing),
    ]
}

fn random_parts() -> impl Strategy<Value = Vec<PartState>> {
    let one = (
        0..KINDS.len(),
        [size_component(), size_component(), size_component()],
        1u32..5,
        0..RELATIONS.len(),
        target_choice(),
        proptest::option::of(-0.2f64..1.2),
    );
    prop::collection::vec(one, 1..14).prop_map(|specs| {
        let n = specs.len();
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (kind, size, count, relation, target, level))| {
                let target = match target {
                    TargetChoice::Ground => None,
                    TargetChoice::Earlier(_) if i == 0 => None,
                    TargetChoice::Earlier(t) => Some(format!("p{}", t % i)),
                    TargetChoice::Any(t) => Some(format!("p{}", t % n)),
                    TargetChoice::Missing(t) => Some(format!("gone-{t}")),
                };
                let kind = KINDS[kind];
                let mut p = part(
                    &format!("p{i}"),
                    kind,
                    size,
                    count,
                    RELATIONS[relation],
                    target.as_deref(),
                );
                if kind == PartKind::Fill {
                    p.fill_level = level;
                }
                p
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn layout_of_random_parts_keeps_its_invariants(parts in random_parts()) {
        let first = layout(&parts);
        check_invariants(&parts, &first)?;
        let second = layout(&parts);
        prop_assert_eq!(&first, &second, "deterministic");
    }

    #[test]
    fn layout_of_a_prefix_is_unchanged_by_later_parts(
        parts in random_parts(),
        cut in any::<prop::sample::Index>(),
    ) {
        // A later step's state adds parts after the earlier ones. Unless an
        // earlier part is placed relative to a later one, or a later part
        // lifts an earlier one from under it, the earlier parts stay put.
        let k = cut.index(parts.len()) + 1;
        let (prefix, suffix) = parts.split_at(k);
        let later = |id: &str| suffix.iter().any(|p| p.id == id);
        let earlier = |id: &str| prefix.iter().any(|p| p.id == id);
        let points_later = prefix
            .iter()
            .any(|p| p.placement.target.as_deref().is_some_and(&later));
        let lifts = suffix.iter().any(|p| {
            let under = p.placement.relation == Relation::Under
                || (p.placement.relation == Relation::AttachedTo && p.kind == PartKind::Leg);
            under && p.placement.target.as_deref().is_some_and(&earlier)
        });
        if points_later || lifts {
            return Ok(());
        }
        let alone = layout(prefix);
        let full = layout(&parts);
        prop_assert_eq!(&alone.parts[..], &full.parts[..k]);
    }
}

#[test]
fn layout_of_a_planter_on_legs() {
    let parts = vec![
        root("crate", PartKind::Crate, [50.0, 30.0, 35.0]),
        part(
            "leg",
            PartKind::Leg,
            [5.0, 25.0, 5.0],
            4,
            Relation::Under,
            Some("crate"),
        ),
        part(
            "soil",
            PartKind::Fill,
            [1.0; 3],
            1,
            Relation::In,
            Some("crate"),
        ),
        part(
            "plant",
            PartKind::Plant,
            [10.0, 30.0, 10.0],
            3,
            Relation::In,
            Some("soil"),
        ),
        root("can", PartKind::Can, [10.0, 20.0, 10.0]),
    ];
    let l = layout(&parts);
    let crate_box = boxes(&l, "crate")[0];
    let soil = boxes(&l, "soil")[0];
    let plants = boxes(&l, "plant");
    assert!(close(crate_box.min[1], 25.0), "lifted by its legs");
    assert!(boxes(&l, "leg").iter().all(|b| close(b.min[1], 0.0)));
    assert!(soil.min[1] > crate_box.min[1] && close(soil.max[1], crate_box.max[1]));
    assert_eq!(plants.len(), 3);
    for p in &plants {
        assert!(
            p.min[1] < soil.max[1] && p.min[1] > soil.max[1] - 5.0,
            "{p:?} in the soil"
        );
        assert!(
            p.min[0] >= soil.min[0] && p.max[0] <= soil.max[0],
            "{p:?} over the soil"
        );
    }
    let can = boxes(&l, "can")[0];
    assert!(can.min[0] > crate_box.max[0] && close(can.min[1], 0.0));
    assert!(
        close(can.min[0], crate_box.max[0] + 10.0),
        "root gap: 20% of the wider"
    );
    check_invariants(&parts, &l).expect("invariants hold");
}

#[test]
fn layout_stays_put_when_a_later_step_adds_parts() {
    let step1 = vec![
        root("tire", PartKind::Tire, [60.0, 20.0, 60.0]),
        root("board", PartKind::Board, [80.0, 2.0, 20.0]),
    ];
    let mut step2 = step1.clone();
    step2.insert(
        1,
        part(
            "rope",
            PartKind::Rope,
            [300.0, 2.0, 1.0],
            1,
            Relation::Around,
            Some("tire"),
        ),
    );
    step2.push(part(
        "hook",
        PartKind::Hardware,
        [3.0, 3.0, 2.0],
        2,
        Relation::AttachedTo,
        Some("board"),
    ));
    let (a, b) = (layout(&step1), layout(&step2));
    assert_eq!(a.get("tire"), b.get("tire"));
    assert_eq!(a.get("board"), b.get("board"));
    let board = boxes(&b, "board")[0];
    let hooks = boxes(&b, "hook");
    assert!(
        hooks.iter().all(|h| close(h.max[2], board.min[2])),
        "on the back face"
    );
    assert!(hooks[0].max[0] < hooks[1].min[0]);
    assert!(
        close(hooks[0].center()[0] - board.min[0], 20.0),
        "spread evenly"
    );
    assert!(close(board.max[0] - hooks[1].center()[0], 20.0));
}
