//! Relation recall, change recall and count accuracy (labels format 2).
//!
//! Operations are compared by their JSON names (`op.name()`), so a kind of
//! operation the model grows later ("fold", "sew", "bend", "stuff") counts
//! as soon as the extractor writes it, without a change here.

use plan::model::{Operation, Part, Plan, Relation};
use plan::state::StepState;

use super::{
    ChangeKind, ExpectedChange, ExpectedCount, ExpectedNoun, ExpectedRelation, Miss, ProjectScore,
    RelationKind,
};

fn matching<'p>(plan: &'p Plan, noun: &ExpectedNoun) -> Vec<&'p Part> {
    plan.parts.iter().filter(|p| noun.matches(p)).collect()
}

/// The part an operation acts on and the other part it names, if any.
fn op_pair(op: &Operation) -> (&str, Option<&str>) {
    let parts = op.parts();
    (
        parts.first().map_or("", |p| p.as_str()),
        parts.get(1).map(|p| p.as_str()),
    )
}

/// Whether an operation of the steps so far relates `part` to `target`.
fn op_relates(op: &Operation, part: &str, target: &str, relation: RelationKind) -> bool {
    let (a, Some(b)) = op_pair(op) else {
        return false;
    };
    if a == b {
        return false;
    }
    let forward = a == part && b == target;
    let either = forward || (a == target && b == part);
    match relation {
        // Filled or stuffed into the target.
        RelationKind::In => forward && matches!(op.name(), "fill" | "stuff"),
        // Glued or sewn onto it.
        RelationKind::On => either && matches!(op.name(), "attach" | "sew"),
        RelationKind::Attached => {
            either && matches!(op.name(), "attach" | "wrap" | "fill" | "sew" | "stuff")
        }
    }
}

/// Whether placements in `state` relate `part` to `target`.
fn placed(state: &StepState, part: &str, target: &str, relation: RelationKind) -> bool {
    let placement = |id: &str| state.part(id).map(|p| &p.placement);
    let points = |from: &str, to: &str, rel: Option<Relation>| {
        placement(from).is_some_and(|pl| {
            pl.target.as_deref() == Some(to) && rel.is_none_or(|r| pl.relation == r)
        })
    };
    match relation {
        RelationKind::On => {
            points(part, target, Some(Relation::On)) || points(target, part, Some(Relation::Under))
        }
        RelationKind::In => points(part, target, Some(Relation::In)),
        RelationKind::Attached => points(part, target, None) || points(target, part, None),
    }
}

pub(super) fn score_relations(
    plan: &Plan,
    states: &[StepState],
    relations: &[&ExpectedRelation],
    score: &mut ProjectScore,
) {
    let empty = StepState::default();
    for r in relations {
        let state = states.get(r.step.wrapping_sub(1)).unwrap_or(&empty);
        let ops: Vec<&Operation> = plan
            .steps
            .iter()
            .take(r.step)
            .flat_map(|s| s.ops.iter())
            .collect();
        let parts = matching(plan, &r.part);
        let targets = matching(plan, &r.target);
        let hit = parts.iter().any(|p| {
            targets.iter().any(|t| {
                p.id != t.id
                    && (placed(state, &p.id, &t.id, r.relation)
                        || ops
                            .iter()
                            .any(|op| op_relates(op, &p.id, &t.id, r.relation)))
            })
        });
        score.relations.count(hit);
        if !hit {
            score.misses.push(Miss::Relation {
                step: r.step,
                part: r.part.label(),
                relation: r.relation,
                target: r.target.label(),
            });
        }
    }
}

/// Whether `op` is a change of that kind to a part matching `noun`.
fn op_changes(plan: &Plan, op: &Operation, change: ChangeKind, noun: &ExpectedNoun) -> bool {
    let is = |id: &str| plan.part(id).is_some_and(|p| noun.matches(p));
    let (subject, other) = op_pair(op);
    let name = op.name();
    match change {
        ChangeKind::Cut => name == "cut" && is(subject),
        ChangeKind::Paint => matches!(name, "paint" | "stain") && is(subject),
        ChangeKind::Drill => name == "drill" && is(subject),
        ChangeKind::Finish => name == "finish" && is(subject),
        ChangeKind::Fold => name == "fold" && is(subject),
        ChangeKind::Bend => name == "bend" && is(subject),
        ChangeKind::Remove => name == "remove" && is(subject),
        // Wrapping and sewing change both parts: either may be named.
        ChangeKind::Wrap => name == "wrap" && (is(subject) || other.is_some_and(is)),
        ChangeKind::Sew => name == "sew" && (is(subject) || other.is_some_and(is)),
        // The container being filled (or the soft good being stuffed).
        ChangeKind::Fill => matches!(name, "fill" | "stuff") && other.is_some_and(is),
    }
}

pub(super) fn score_changes(plan: &Plan, changes: &[&ExpectedChange], score: &mut ProjectScore) {
    for c in changes {
        let hit = plan.steps.get(c.step.wrapping_sub(1)).is_some_and(|s| {
            s.ops
                .iter()
                .any(|op| op_changes(plan, op, c.change, &c.part))
        });
        score.changes.count(hit);
        if !hit {
            score.misses.push(Miss::Change {
                step: c.step,
                part: c.part.label(),
                change: c.change,
            });
        }
    }
}

pub(super) fn score_counts(plan: &Plan, counts: &[ExpectedCount], score: &mut ProjectScore) {
    for c in counts {
        let found: Vec<u32> = matching(plan, &c.part).iter().map(|p| p.count).collect();
        let hit = found.contains(&c.count);
        score.counts.count(hit);
        if !hit {
            score.misses.push(Miss::Count {
                part: c.part.label(),
                expected: c.count,
                found,
            });
        }
    }
}
