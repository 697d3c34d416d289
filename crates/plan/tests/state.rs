//! The cumulative state: properties over random valid plans, and examples.

use std::collections::BTreeSet;

use plan::model::{
    AttachMethod, BendShape, Color, CutKeep, CutShape, FinishKind, Material, Operation, Part,
    PartKind, Placement, Plan, PlanStep, Relation, Tool,
};
use plan::state::{apply_step, state_after, states, StepState};
use proptest::prelude::*;

const KINDS: [PartKind; 32] = PartKind::ALL;

const MATERIALS: [Material; 19] = Material::ALL;

const RELATIONS: [Relation; 10] = Relation::ALL;

const KEEPS: [CutKeep; 6] = [
    CutKeep::Bottom,
    CutKeep::Top,
    CutKeep::Left,
    CutKeep::Right,
    CutKeep::Pieces,
    CutKeep::Shape,
];

const METHODS: [AttachMethod; 8] = [
    AttachMethod::Glue,
    AttachMethod::Screw,
    AttachMethod::Nail,
    AttachMethod::Tie,
    AttachMethod::Tape,
    AttachMethod::Clamp,
    AttachMethod::Press,
    AttachMethod::Sew,
];

const FINISHES: [FinishKind; 6] = [
    FinishKind::Sand,
    FinishKind::Seal,
    FinishKind::Varnish,
    FinishKind::Wax,
    FinishKind::Polish,
    FinishKind::Clean,
];

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn color() -> impl Strategy<Value = Color> {
    any::<[u8; 3]>().prop_map(|[r, g, b]| Color(format!("#{r:02x}{g:02x}{b:02x}")))
}

/// A part with id `id`, placed (sometimes) relative to one of `others`.
fn part(id: String, others: Vec<String>) -> impl Strategy<Value = Part> {
    let target = if others.is_empty() {
        Just(None).boxed()
    } else {
        prop::option::of(prop::sample::select(others)).boxed()
    };
    (
        prop::sample::select(KINDS.to_vec()),
        1u32..5,
        [0.5f64..200.0, 0.5f64..200.0, 0.5f64..200.0],
        color(),
        prop::sample::select(MATERIALS.to_vec()),
        prop::sample::select(RELATIONS.to_vec()),
        target,
    )
        .prop_map(
            move |(kind, count, size, color, material, relation, target)| Part {
                name: id.replace('-', " "),
                id: id.clone(),
                kind,
                count,
                size,
                color,
                material,
                placement: Placement { relation, target },
            },
        )
}

/// Every part, each placed relative to one of the other parts or the ground.
fn parts(ids: Vec<String>) -> impl Strategy<Value = Vec<Part>> {
    ids.iter()
        .map(|id| {
            let others: Vec<String> = ids.iter().filter(|o| *o != id).cloned().collect();
            part(id.clone(), others)
        })
        .collect::<Vec<_>>()
}

/// Any operation, of any variant, on parts among `ids` (not empty).
fn operation(ids: Vec<String>) -> impl Strategy<Value = Operation> {
    let id = move || prop::sample::select(ids.clone());
    prop_oneof![
        id().prop_map(|part| Operation::Add { part }),
        id().prop_map(|part| Operation::Remove { part }),
        (
            id(),
            prop::sample::select(KEEPS.to_vec()),
            0.0f64..1.2,
            prop::option::weighted(0.3, prop::sample::select(CutShape::ALL.to_vec()))
        )
            .prop_map(|(part, keep, fraction, shape)| Operation::Cut {
                part,
                keep,
                fraction,
                shape
            }),
        (id(), color()).prop_map(|(part, color)| Operation::Paint { part, color }),
        (id(), color()).prop_map(|(part, color)| Operation::Stain { part, color }),
        (id(), id(), -0.2f64..1.2).prop_map(|(part, container, level)| Operation::Fill {
            part,
            container,
            level
        }),
        (id(), id(), prop::sample::select(METHODS.to_vec()))
            .prop_map(|(part, to, method)| Operation::Attach { part, to, method }),
        (id(), 0u32..6).prop_map(|(part, holes)| Operation::Drill { part, holes }),
        (id(), id()).prop_map(|(part, around)| Operation::Wrap { part, around }),
        (id(), prop::sample::select(FINISHES.to_vec()))
            .prop_map(|(part, finish)| Operation::Finish { part, finish }),
        (id(), 0u32..10).prop_map(|(part, folds)| Operation::Fold { part, folds }),
        (id(), prop::sample::select(BendShape::ALL.to_vec()))
            .prop_map(|(part, shape)| Operation::Bend { part, shape }),
        (id(), id()).prop_map(|(part, to)| Operation::Sew { part, to }),
        (id(), id()).prop_map(|(part, into)| Operation::Stuff { part, into }),
    ]
}

/// `len` steps (numbered from `first`) of 0..4 operations on parts in `ids`.
fn steps(
    ids: Vec<String>,
    len: std::ops::Range<usize>,
    first: u32,
) -> BoxedStrategy<Vec<PlanStep>> {
    let step = (
        prop::collection::vec(operation(ids), 0..4),
        prop::collection::vec(prop::sample::select(Tool::ALL.to_vec()), 0..3),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.1),
    );
    prop::collection::vec(step, len)
        .prop_map(move |steps| {
            steps
                .into_iter()
                .enumerate()
                .map(|(i, (ops, tools, materials_only, complete))| PlanStep {
                    number: first + i as u32,
                    title: format!("Step {}", first + i as u32),
                    ops,
                    tools,
                    materials_only,
                    complete,
                })
                .collect()
        })
        .boxed()
}

/// 1..8 unique part ids, in random order; none starts with `x`, the prefix
/// of the parts [`plan_with_other_future`] inserts.
fn ids() -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set("[a-w][a-z0-9-]{0,6}", 1..8)
        .prop_map(|set| set.into_iter().collect::<Vec<_>>())
        .prop_shuffle()
}

/// A valid plan: unique ids, placements among other parts, every operation
/// mentioning only parts of the plan.
fn plan() -> impl Strategy<Value = Plan> {
    ids().prop_flat_map(|ids| {
        (parts(ids.clone()), steps(ids, 1..10, 1)).prop_map(|(parts, steps)| Plan {
            title: "Random build".to_string(),
            parts,
            steps,
            unresolved: Vec::new(),
            framing: None,
        })
    })
}

/// A plan, a step index `k` in 0..=n, and a version of the plan that keeps
/// steps 1..=k but has different (more, fewer or other) steps after k, which
/// may use extra parts that are inserted anywhere in the part list.
fn plan_with_other_future() -> impl Strategy<Value = (Plan, usize, Plan)> {
    plan().prop_flat_map(|plan| {
        let n = plan.steps.len();
        (Just(plan), 0..=n).prop_flat_map(|(plan, k)| {
            let extra_ids = prop::collection::btree_set("x-[a-z0-9]{1,4}", 0..4)
                .prop_map(|set| set.into_iter().collect::<Vec<_>>());
            (Just(plan), Just(k), extra_ids).prop_flat_map(|(plan, k, extra_ids)| {
                let mut all: Vec<String> = plan.parts.iter().map(|p| p.id.clone()).collect();
                all.extend(extra_ids.iter().cloned());
                let extra_parts = extra_ids
                    .iter()
                    .map(|id| {
                        let others: Vec<String> =
                            all.iter().filter(|o| *o != id).cloned().collect();
                        part(id.clone(), others)
                    })
                    .collect::<Vec<_>>();
                let positions =
                    prop::collection::vec(any::<prop::sample::Index>(), extra_ids.len());
                (
                    Just(plan),
                    Just(k),
                    extra_parts,
                    positions,
                    steps(all, 0..6, k as u32 + 1),
                    any::<bool>(),
                )
                    .prop_map(
                        |(plan, k, extra_parts, positions, tail, edit_kept)| {
                            let mut other = plan.clone();
                            for (part, at) in extra_parts.into_iter().zip(positions) {
                                let i = at.index(other.parts.len() + 1);
                                other.parts.insert(i, part);
                            }
                            other.steps.truncate(k);
                            other.steps.extend(tail);
                            // The title, the unresolved notes and the framing
                            // are not state either.
                            if edit_kept {
                                other.title = "Another title".to_string();
                                other.framing = Some(plan::model::Framing {
                                    min: [-5.0, 0.0, -5.0],
                                    max: [50.0, 40.0, 5.0],
                                });
                            }
                            (plan, k, other)
                        },
                    )
            })
        })
    })
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn ids_of(state: &StepState) -> BTreeSet<String> {
    state.parts.iter().map(|p| p.id.clone()).collect()
}

/// The 1-based step in which each part is first mentioned by an operation
/// other than `remove`.
fn first_mention(plan: &Plan, id: &str) -> Option<usize> {
    plan.steps
        .iter()
        .position(|s| {
            s.ops.iter().any(|op| {
                !matches!(op, Operation::Remove { .. }) && op.parts().contains(&&id.to_string())
            })
        })
        .map(|i| i + 1)
}

/// Reference model of visibility: a part is in view after step k when the
/// last mention of it in steps 1..=k (in operation order, subject first) is
/// by an operation other than `remove`.
fn visible_by_model(plan: &Plan, k: usize, id: &str) -> bool {
    let mut visible = false;
    for step in plan.steps.iter().take(k) {
        for op in &step.ops {
            for mentioned in op.parts() {
                if mentioned == id {
                    visible = !matches!(op, Operation::Remove { .. });
                }
            }
        }
    }
    visible
}

fn has_duplicates(ids: &[String]) -> bool {
    ids.iter().collect::<BTreeSet<_>>().len() != ids.len()
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// (a) The state after k depends only on steps 1..=k.
    #[test]
    fn state_after_k_ignores_later_steps((plan, k, other) in plan_with_other_future()) {
        for j in 0..=k {
            prop_assert_eq!(state_after(&plan, j), state_after(&other, j), "step {}", j);
        }
    }

    /// (a) Appending steps never changes an earlier state.
    #[test]
    fn appending_a_step_keeps_every_earlier_state(
        (plan, extra) in plan().prop_flat_map(|plan| {
            let ids: Vec<String> = plan.parts.iter().map(|p| p.id.clone()).collect();
            let first = plan.steps.len() as u32 + 1;
            (Just(plan), steps(ids, 1..4, first))
        })
    ) {
        let before = states(&plan);
        let mut longer = plan.clone();
        longer.steps.extend(extra);
        let after = states(&longer);
        prop_assert_eq!(&after[..before.len()], &before[..]);
    }

    /// (b) Nothing appears before it is first used, and everything in view
    /// was used by some step so far.
    #[test]
    fn parts_appear_only_once_used(plan in plan()) {
        for k in 0..=plan.steps.len() {
            let state = state_after(&plan, k);
            for part in &plan.parts {
                let first = first_mention(&plan, &part.id);
                if first.is_none_or(|f| f > k) {
                    prop_assert!(!state.is_visible(&part.id), "{} in view after {}", part.id, k);
                }
            }
            for part in &state.parts {
                let first = first_mention(&plan, &part.id);
                prop_assert!(first.is_some_and(|f| f <= k), "{} unused by step {}", part.id, k);
            }
        }
    }

    /// Visibility matches a simple reference model, and the parts in view
    /// are unique and in the plan's part order.
    #[test]
    fn visibility_follows_the_last_mention(plan in plan()) {
        for k in 0..=plan.steps.len() {
            let state = state_after(&plan, k);
            for part in &plan.parts {
                prop_assert_eq!(
                    state.is_visible(&part.id),
                    visible_by_model(&plan, k, &part.id),
                    "{} after step {}", part.id, k
                );
            }
            let order: Vec<usize> = state
                .parts
                .iter()
                .map(|p| plan.parts.iter().position(|q| q.id == p.id).expect("a plan part"))
                .collect();
            prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "order {:?}", order);
        }
    }

    /// (c) `apply_step` is the fold's step function and `states` the fold.
    #[test]
    fn apply_step_and_states_agree_with_state_after(plan in plan()) {
        let all = states(&plan);
        prop_assert_eq!(all.len(), plan.steps.len());
        prop_assert_eq!(state_after(&plan, 0), StepState::default());
        for k in 1..=plan.steps.len() {
            let expected = state_after(&plan, k);
            let stepped = apply_step(&plan, &state_after(&plan, k - 1), &plan.steps[k - 1]);
            prop_assert_eq!(&stepped, &expected, "apply_step at {}", k);
            prop_assert_eq!(&all[k - 1], &expected, "states()[{}]", k - 1);
            prop_assert_eq!(expected.step, plan.steps[k - 1].number);
            prop_assert_eq!(&expected.tools, &plan.steps[k - 1].tools);
            prop_assert_eq!(expected.materials_only, plan.steps[k - 1].materials_only);
            prop_assert_eq!(expected.complete, plan.steps[k - 1].complete);
        }
        let n = plan.steps.len();
        prop_assert_eq!(state_after(&plan, n + 1), state_after(&plan, n));
        prop_assert_eq!(state_after(&plan, usize::MAX), state_after(&plan, n));
    }

    /// (d) `new`, `removed` and `changed` describe the difference between
    /// the states before and after the step.
    #[test]
    fn new_removed_and_changed_match_the_difference(plan in plan()) {
        for k in 1..=plan.steps.len() {
            let before = state_after(&plan, k - 1);
            let after = state_after(&plan, k);
            let (was, is) = (ids_of(&before), ids_of(&after));

            let new: BTreeSet<String> = after.new.iter().cloned().collect();
            prop_assert!(!has_duplicates(&after.new), "new {:?}", after.new);
            prop_assert_eq!(&new, &is.difference(&was).cloned().collect(), "new at {}", k);

            let removed_ids: Vec<String> = after.removed.iter().map(|p| p.id.clone()).collect();
            let removed: BTreeSet<String> = removed_ids.iter().cloned().collect();
            prop_assert!(!has_duplicates(&removed_ids), "removed {:?}", removed_ids);
            prop_assert_eq!(&removed, &was.difference(&is).cloned().collect(), "removed at {}", k);

            prop_assert!(!has_duplicates(&after.changed), "changed {:?}", after.changed);
            for id in &after.changed {
                prop_assert!(was.contains(id) && is.contains(id), "{} changed at {}", id, k);
            }

            for part in &after.parts {
                prop_assert!(part.added_in <= part.changed_in);
                prop_assert!(part.changed_in <= after.step);
                if new.contains(&part.id) {
                    prop_assert_eq!(part.added_in, after.step);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------

fn fixed_part(id: &str, kind: PartKind, size: [f64; 3], color: &str) -> Part {
    Part {
        id: id.to_string(),
        name: id.replace('-', " "),
        kind,
        count: 1,
        size,
        color: Color(color.to_string()),
        material: Material::Plastic,
        placement: Placement::default(),
    }
}

fn step(number: u32, ops: Vec<Operation>) -> PlanStep {
    PlanStep {
        number,
        title: format!("Step {number}"),
        ops,
        tools: Vec::new(),
        materials_only: false,
        complete: false,
    }
}

fn add(id: &str) -> Operation {
    Operation::Add {
        part: id.to_string(),
    }
}

fn remove(id: &str) -> Operation {
    Operation::Remove {
        part: id.to_string(),
    }
}

fn example(steps: Vec<PlanStep>) -> Plan {
    Plan {
        title: "Bottle planter".to_string(),
        parts: vec![
            fixed_part("bottle", PartKind::Bottle, [10.0, 30.0, 10.0], "#88ccff"),
            fixed_part("soil", PartKind::Fill, [10.0, 10.0, 10.0], "#553311"),
            fixed_part("seed", PartKind::Fill, [1.0, 1.0, 1.0], "#ddcc88"),
        ],
        steps,
        unresolved: Vec::new(),
        framing: None,
    }
}

#[test]
fn cut_halves_the_height_and_records_keep() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(
            2,
            vec![Operation::Cut {
                part: "bottle".to_string(),
                keep: CutKeep::Bottom,
                fraction: 0.5,
                shape: None,
            }],
        ),
    ]);
    let state = state_after(&plan, 2);
    let bottle = state.part("bottle").expect("bottle in view");
    assert_eq!(bottle.size, [10.0, 15.0, 10.0]);
    assert_eq!(bottle.cut, Some((CutKeep::Bottom, 0.5)));
    assert_eq!(bottle.added_in, 1);
    assert_eq!(bottle.changed_in, 2);
    assert_eq!(state.changed, vec!["bottle".to_string()]);
    assert!(state.new.is_empty());
    // The state before the cut is untouched.
    let before = state_after(&plan, 1);
    assert_eq!(
        before.part("bottle").map(|p| p.size),
        Some([10.0, 30.0, 10.0])
    );
    assert_eq!(before.part("bottle").and_then(|p| p.cut), None);
}

#[test]
fn paint_changes_colour_and_marks_changed() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(
            2,
            vec![Operation::Paint {
                part: "bottle".to_string(),
                color: Color("#ff0000".to_string()),
            }],
        ),
    ]);
    let state = state_after(&plan, 2);
    assert_eq!(
        state.part("bottle").map(|p| p.color.clone()),
        Some(Color("#ff0000".to_string()))
    );
    assert_eq!(state.changed, vec!["bottle".to_string()]);
    assert_eq!(
        state_after(&plan, 1)
            .part("bottle")
            .map(|p| p.color.clone()),
        Some(Color("#88ccff".to_string()))
    );
}

#[test]
fn painting_a_new_part_makes_it_new_not_changed() {
    let plan = example(vec![step(
        1,
        vec![Operation::Paint {
            part: "bottle".to_string(),
            color: Color("#00ff00".to_string()),
        }],
    )]);
    let state = state_after(&plan, 1);
    assert_eq!(state.new, vec!["bottle".to_string()]);
    assert!(state.changed.is_empty());
    assert_eq!(
        state.part("bottle").map(|p| p.color.clone()),
        Some(Color("#00ff00".to_string()))
    );
}

#[test]
fn fill_sets_level_and_places_in_container() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(
            2,
            vec![Operation::Fill {
                part: "soil".to_string(),
                container: "bottle".to_string(),
                level: 0.6,
            }],
        ),
    ]);
    let state = state_after(&plan, 2);
    let soil = state.part("soil").expect("soil in view");
    assert_eq!(soil.fill_level, Some(0.6));
    assert_eq!(
        soil.placement,
        Placement {
            relation: Relation::In,
            target: Some("bottle".to_string()),
        }
    );
    assert_eq!(state.new, vec!["soil".to_string()]);
    assert!(state.changed.is_empty());
    assert!(!state_after(&plan, 1).is_visible("soil"));
}

#[test]
fn fill_brings_an_unseen_container_into_view() {
    let plan = example(vec![step(
        1,
        vec![Operation::Fill {
            part: "soil".to_string(),
            container: "bottle".to_string(),
            level: 2.0,
        }],
    )]);
    let state = state_after(&plan, 1);
    assert_eq!(state.new, vec!["soil".to_string(), "bottle".to_string()]);
    let ids: Vec<&str> = state.parts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["bottle", "soil"], "plan order, not mention order");
    assert_eq!(state.part("soil").and_then(|p| p.fill_level), Some(1.0));
}

#[test]
fn remove_then_add_again() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(
            2,
            vec![Operation::Paint {
                part: "bottle".to_string(),
                color: Color("#ff0000".to_string()),
            }],
        ),
        step(3, vec![remove("bottle")]),
        step(4, vec![add("bottle")]),
    ]);
    let s3 = state_after(&plan, 3);
    assert!(!s3.is_visible("bottle"));
    assert_eq!(s3.removed.len(), 1);
    assert_eq!(s3.removed[0].id, "bottle");
    assert_eq!(s3.removed[0].color, Color("#ff0000".to_string()));
    assert!(s3.new.is_empty() && s3.changed.is_empty());

    let s4 = state_after(&plan, 4);
    let bottle = s4.part("bottle").expect("bottle back in view");
    assert_eq!(s4.new, vec!["bottle".to_string()]);
    assert!(s4.removed.is_empty());
    assert_eq!(bottle.added_in, 4);
    // It comes back as the plan describes it, not as it was taken away.
    assert_eq!(bottle.color, Color("#88ccff".to_string()));
}

#[test]
fn removing_a_part_never_added_is_a_no_op() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(2, vec![remove("soil"), remove("not-a-part")]),
    ]);
    let s1 = state_after(&plan, 1);
    let s2 = state_after(&plan, 2);
    assert_eq!(s2.parts, s1.parts);
    assert!(s2.new.is_empty() && s2.changed.is_empty() && s2.removed.is_empty());
    assert_eq!(s2.step, 2);
}

#[test]
fn state_after_zero_is_empty() {
    let plan = example(vec![step(1, vec![add("bottle"), add("soil")])]);
    let state = state_after(&plan, 0);
    assert_eq!(state, StepState::default());
    assert_eq!(state.step, 0);
    assert!(state.parts.is_empty());
}

#[test]
fn state_after_the_end_is_the_last_state() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(2, vec![add("soil")]),
    ]);
    let last = state_after(&plan, 2);
    assert_eq!(state_after(&plan, 3), last);
    assert_eq!(state_after(&plan, 100), last);
    assert_eq!(states(&plan).last(), Some(&last));
}

#[test]
fn materials_only_steps_keep_their_flag_and_tools() {
    let mut first = step(1, Vec::new());
    first.materials_only = true;
    first.tools = vec![Tool::Scissors, Tool::Glue];
    let plan = example(vec![first, step(2, vec![add("bottle")])]);
    let s1 = state_after(&plan, 1);
    assert!(s1.materials_only);
    assert_eq!(s1.tools, [Tool::Scissors, Tool::Glue]);
    assert!(s1.parts.is_empty());
    assert!(!state_after(&plan, 2).materials_only);
}

#[test]
fn added_and_removed_in_one_step_is_neither_new_nor_removed() {
    let plan = example(vec![step(1, vec![add("bottle"), remove("bottle")])]);
    let state = state_after(&plan, 1);
    assert!(state.parts.is_empty());
    assert!(state.new.is_empty());
    assert!(state.removed.is_empty());
    assert!(state.changed.is_empty());
}

#[test]
fn removed_and_added_back_in_one_step_is_changed() {
    let plan = example(vec![
        step(1, vec![add("bottle")]),
        step(2, vec![remove("bottle"), add("bottle")]),
    ]);
    let state = state_after(&plan, 2);
    assert!(state.is_visible("bottle"));
    assert!(state.new.is_empty());
    assert!(state.removed.is_empty());
    assert_eq!(state.changed, vec!["bottle".to_string()]);
}

// ---------------------------------------------------------------------------
// Craft operations: fold, bend, sew, stuff, cut shapes, complete steps
// ---------------------------------------------------------------------------

fn craft(steps: Vec<PlanStep>) -> Plan {
    let mut fibre = fixed_part("fibre", PartKind::Fill, [10.0, 10.0, 10.0], "#f4f1ea");
    fibre.material = Material::Fibre;
    Plan {
        title: "Felt pillow".to_string(),
        parts: vec![
            fixed_part("felt", PartKind::Fabric, [30.0, 0.2, 20.0], "#d8433c"),
            fixed_part("wire", PartKind::Wire, [0.2, 0.2, 40.0], "#8c8f94"),
            fixed_part("pillow", PartKind::Cushion, [40.0, 10.0, 40.0], "#4a7fb5"),
            fibre,
        ],
        steps,
        unresolved: Vec::new(),
        framing: None,
    }
}

fn close(a: [f64; 3], b: [f64; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
}

#[test]
fn fold_halves_the_width_and_doubles_the_thickness_per_fold() {
    let plan = craft(vec![
        step(1, vec![add("felt")]),
        step(
            2,
            vec![Operation::Fold {
                part: "felt".to_string(),
                folds: 1,
            }],
        ),
        step(
            3,
            vec![Operation::Fold {
                part: "felt".to_string(),
                folds: 2,
            }],
        ),
    ]);
    let once = state_after(&plan, 2);
    let felt = once.part("felt").expect("felt");
    assert!(close(felt.size, [15.0, 0.4, 20.0]), "{:?}", felt.size);
    assert_eq!(felt.folds, 1);
    assert_eq!(once.changed, ["felt"]);
    let thrice = state_after(&plan, 3);
    let felt = thrice.part("felt").expect("felt");
    assert!(close(felt.size, [3.75, 1.6, 20.0]), "{:?}", felt.size);
    assert_eq!(felt.folds, 3);
}

#[test]
fn folding_a_part_not_in_view_brings_it_in() {
    let plan = craft(vec![step(
        1,
        vec![Operation::Fold {
            part: "felt".to_string(),
            folds: 1,
        }],
    )]);
    let state = state_after(&plan, 1);
    assert_eq!(state.new, ["felt"]);
    assert_eq!(state.part("felt").map(|p| p.folds), Some(1));
}

#[test]
fn bends_make_wire_compact_and_record_the_shape() {
    let bend = |shape| {
        let plan = craft(vec![step(
            1,
            vec![Operation::Bend {
                part: "wire".to_string(),
                shape,
            }],
        )]);
        let state = state_after(&plan, 1);
        let wire = state.part("wire").expect("wire").clone();
        assert_eq!(state.new, ["wire"]);
        assert_eq!(wire.bend, Some(shape));
        wire.size
    };
    // A coil is a compact flat spiral: a fifth of the length across.
    assert!(close(bend(BendShape::Coil), [8.0, 0.2, 8.0]));
    // A loop is a ring whose circumference is the length.
    let ring = bend(BendShape::Loop);
    assert!((ring[0] - 40.0 / std::f64::consts::PI).abs() < 1e-9 && ring[0] == ring[2]);
    // A twist halves the length and doubles the thickness.
    assert!(close(bend(BendShape::Twist), [20.0, 0.4, 0.4]));
    let bent = bend(BendShape::Bend);
    assert!(bent[0] < 40.0 && bent[2] > 0.2, "{bent:?}");
}

#[test]
fn rebending_starts_from_the_straight_length() {
    let bend = |shape| Operation::Bend {
        part: "wire".to_string(),
        shape,
    };
    let plan = craft(vec![
        step(1, vec![bend(BendShape::Coil)]),
        step(2, vec![bend(BendShape::Loop)]),
        step(3, vec![bend(BendShape::Loop)]),
    ]);
    let looped = state_after(&plan, 2).part("wire").expect("wire").size;
    assert!(
        (looped[0] - 40.0 / std::f64::consts::PI).abs() < 1e-9,
        "{looped:?}"
    );
    // The same bend again changes nothing more.
    assert_eq!(
        state_after(&plan, 3).part("wire").expect("wire").size,
        looped
    );
}

#[test]
fn sewing_attaches_and_records_the_seam() {
    let plan = craft(vec![
        step(1, vec![add("pillow")]),
        step(
            2,
            vec![Operation::Sew {
                part: "felt".to_string(),
                to: "pillow".to_string(),
            }],
        ),
        step(
            3,
            vec![Operation::Sew {
                part: "pillow".to_string(),
                to: "pillow".to_string(),
            }],
        ),
    ]);
    let sewn = state_after(&plan, 2);
    assert_eq!(sewn.new, ["felt"]);
    let felt = sewn.part("felt").expect("felt");
    assert_eq!(felt.seams, ["pillow"]);
    assert_eq!(
        felt.attached_to,
        [("pillow".to_string(), AttachMethod::Sew)]
    );
    assert!(!felt.is_sewn_shut());
    let closed = state_after(&plan, 3);
    let pillow = closed.part("pillow").expect("pillow");
    assert!(pillow.is_sewn_shut());
    assert!(
        pillow.attached_to.is_empty(),
        "a seam on itself joins nothing"
    );
    assert_eq!(closed.changed, ["pillow"]);
}

#[test]
fn stuffing_goes_inside_and_makes_the_soft_good_plumper() {
    let stuff = Operation::Stuff {
        part: "fibre".to_string(),
        into: "pillow".to_string(),
    };
    let plan = craft(vec![
        step(1, vec![add("pillow")]),
        step(2, vec![stuff.clone()]),
        step(3, vec![stuff]),
    ]);
    let stuffed = state_after(&plan, 2);
    assert_eq!(stuffed.new, ["fibre"]);
    assert_eq!(stuffed.changed, ["pillow"]);
    let pillow = stuffed.part("pillow").expect("pillow");
    assert!(pillow.stuffed);
    assert!(close(pillow.size, [40.0, 13.0, 52.0]), "{:?}", pillow.size);
    assert_eq!(pillow.changed_in, 2);
    let fibre = stuffed.part("fibre").expect("fibre");
    assert!(fibre.stuffing);
    assert_eq!(
        fibre.placement,
        Placement {
            relation: Relation::In,
            target: Some("pillow".to_string())
        }
    );
    // Stuffing again does not grow it again.
    let again = state_after(&plan, 3);
    assert_eq!(again.part("pillow").map(|p| p.size), Some(pillow.size));
}

#[test]
fn stuffing_a_flat_cover_makes_it_thick() {
    let plan = craft(vec![step(
        1,
        vec![Operation::Stuff {
            part: "fibre".to_string(),
            into: "felt".to_string(),
        }],
    )]);
    let state = state_after(&plan, 1);
    assert_eq!(state.new, ["fibre", "felt"]);
    let felt = state.part("felt").expect("felt");
    // 30 x 0.2 x 20 → taller and deeper by 1.3, at least a quarter of the
    // narrower side (26 cm) thick.
    assert!(close(felt.size, [30.0, 6.5, 26.0]), "{:?}", felt.size);
}

#[test]
fn cutting_a_shape_keeps_the_footprint_and_records_the_outline() {
    let cut = |shape| Operation::Cut {
        part: "felt".to_string(),
        keep: CutKeep::Bottom,
        fraction: 0.5,
        shape: Some(shape),
    };
    let size_after = |shape| {
        let plan = craft(vec![step(1, vec![cut(shape)])]);
        let state = state_after(&plan, 1);
        let felt = state.part("felt").expect("felt").clone();
        assert_eq!(felt.cut_shape, Some(shape));
        assert_eq!(felt.cut, None, "keep and fraction are unused with a shape");
        felt.size
    };
    assert!(close(size_after(CutShape::Heart), [30.0, 0.2, 20.0]));
    assert!(close(size_after(CutShape::Circle), [30.0, 0.2, 20.0]));
    assert!(close(size_after(CutShape::Strip), [30.0, 0.2, 5.0]));
    assert!(close(size_after(CutShape::Leaf), [30.0, 0.2, 20.0]));
}

#[test]
fn complete_steps_keep_their_flag() {
    let mut last = step(2, vec![add("wire")]);
    last.complete = true;
    let plan = craft(vec![step(1, vec![add("felt")]), last]);
    let all = states(&plan);
    assert!(!all[0].complete);
    assert!(all[1].complete);
    let json = serde_json::to_value(&all[0]).expect("serializes");
    assert!(json.get("complete").is_none(), "{json}");
    assert_eq!(
        serde_json::to_value(&all[1]).expect("serializes")["complete"],
        true
    );
}
