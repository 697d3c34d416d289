//! Clauses that fold, bend, sew and stuff: the operations soft crafts and
//! wirework need ("fold the felt in half", "coil the wire", "sew the
//! sides together", "stuff the pillow with fibre fill").

use super::clause::Clause;
use super::ops::{subjects, target, StepOps};
use super::resolve::PartRegistry;
use super::words::Prep;
use plan::model::{BendShape, Operation, PartId, Relation};

/// "fold in half", "fold it twice", "fold into quarters".
pub fn fold(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let parts = subjects_or_focus(registry, clause);
    let folds = if ["quarters", "twice", "thirds"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        2
    } else if clause.has_word("eighths") {
        3
    } else {
        1
    };
    for id in &parts {
        out.push(
            registry,
            Operation::Fold {
                part: id.clone(),
                folds,
            },
        );
    }
    parts
}

/// Bends, coils and twists; "bend it into a loop" or "into a ring" is a loop.
pub fn bend(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    shape: BendShape,
) -> Vec<PartId> {
    let shape = if ["loop", "ring", "circle", "hoop"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        BendShape::Loop
    } else if clause.has_word("spiral") || clause.has_word("coil") {
        BendShape::Coil
    } else {
        shape
    };
    let parts = subjects_or_focus(registry, clause);
    for id in &parts {
        out.push(
            registry,
            Operation::Bend {
                part: id.clone(),
                shape,
            },
        );
    }
    parts
}

/// A seam joins a part to the target the clause names; "sew the sides
/// together" joins the parts named to the first of them, and a seam with
/// nothing to join ("sew the opening closed") closes the part on itself.
pub fn sew(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let parts = subjects_or_focus(registry, clause);
    let Some(first) = parts.first().cloned() else {
        return parts;
    };
    let together = clause.has_word("together");
    let to = if together {
        None
    } else {
        target(registry, clause, true)
            .map(|t| super::ops::elsewhere(registry, clause, &parts, t))
            .map(|(_, to, _)| to)
    };
    for id in &parts {
        let to = match &to {
            Some(to) => to.clone(),
            None if together && parts.len() > 1 && *id != first => first.clone(),
            None => id.clone(),
        };
        if to != *id {
            registry.place(id, Relation::AttachedTo, Some(&to));
        }
        out.push(
            registry,
            Operation::Sew {
                part: id.clone(),
                to,
            },
        );
    }
    parts
}

/// "stuff the pillow with fibre fill" or "stuff fibre fill into the
/// pillow": the stuffing goes inside the soft good.
pub fn stuff(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let with = clause
        .prep(Prep::With)
        .map(|p| registry.resolve(p, true))
        .unwrap_or_default();
    let into = [Prep::Into, Prep::Inside, Prep::In]
        .into_iter()
        .filter_map(|p| clause.prep(p))
        .find_map(|p| registry.resolve(p, true).into_iter().next());
    let before = registry.present.clone();
    let objects = subjects_or_focus(registry, clause);
    // "stuff the quilting inside": a thing new to the build, stuffed with
    // a soft good in view, is the stuffing.
    let new_stuffing = objects
        .first()
        .filter(|id| !before.contains(id))
        .and_then(|id| {
            before
                .iter()
                .rev()
                .find(|s| {
                    *s != id
                        && matches!(
                            registry.kind(s),
                            Some(plan::model::PartKind::Fabric | plan::model::PartKind::Cushion)
                        )
                })
                .map(|soft| (id.clone(), soft.clone()))
        });
    let (stuffing, soft) = match (with.first(), into, new_stuffing) {
        (Some(w), _, _) => (Some(w.clone()), objects.first().cloned()),
        (None, Some(into), _) => (objects.first().cloned(), Some(into)),
        (None, None, Some((stuffing, soft))) => (Some(stuffing), Some(soft)),
        (None, None, None) => (None, objects.first().cloned()),
    };
    let Some(soft) = soft else {
        return Vec::new();
    };
    let stuffing = stuffing.or_else(|| default_stuffing(registry, &soft));
    match stuffing {
        Some(s) if s != soft => {
            registry.place(&s, Relation::In, Some(&soft));
            out.push(
                registry,
                Operation::Stuff {
                    part: s.clone(),
                    into: soft.clone(),
                },
            );
            vec![soft, s]
        }
        _ => {
            out.push(registry, Operation::Add { part: soft.clone() });
            vec![soft]
        }
    }
}

/// The stuffing a "stuff it" with no stuffing named uses: one named in the
/// materials list, else plain stuffing: the verb says something goes in.
fn default_stuffing(registry: &mut PartRegistry, soft: &str) -> Option<PartId> {
    let listed = registry
        .materials
        .iter()
        .find(|m| {
            matches!(
                m.canonical.as_str(),
                "stuffing" | "fiberfill" | "polyfill" | "batting" | "cotton" | "filling"
            )
        })
        .map_or_else(|| vec!["stuffing".to_string()], |m| m.words.clone());
    let phrase = super::clause::Phrase {
        written: listed.clone(),
        words: listed,
        ..Default::default()
    };
    registry
        .resolve(&phrase, true)
        .into_iter()
        .find(|id| id != soft)
}

fn subjects_or_focus(registry: &mut PartRegistry, clause: &Clause) -> Vec<PartId> {
    let parts = subjects(registry, clause, true);
    if parts.is_empty() {
        registry.focus.clone().into_iter().collect()
    } else {
        parts
    }
}
