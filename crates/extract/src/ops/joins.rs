//! Joining parts: gluing, screwing or tying one to another, a part named
//! after "with" that holds on, paper that wraps a round body, rope wound
//! around, things hung from a part.

use super::*;

/// Whether a part stuck onto another covers it: paper, fabric or a
/// sheet of one piece on a round body (a roll, a bottle, a jar, a can).
pub(super) fn covers(registry: &PartRegistry, part: &str, target: &str) -> bool {
    let flexible = matches!(
        registry.kind(part),
        Some(PartKind::Paper | PartKind::Fabric)
    );
    let round = matches!(
        registry.kind(target),
        Some(
            PartKind::Tube
                | PartKind::Pipe
                | PartKind::Bottle
                | PartKind::Jar
                | PartKind::Can
                | PartKind::Cylinder
        )
    );
    flexible && round && registry.part(part).is_some_and(|p| p.count == 1)
}

/// "Fasten the fabric with paperclips", "decorate the bottle with a rope":
/// a part named after "with" is what holds on, and it is fixed to the
/// object. `None` when "with" names no part (glue, a tool, nothing).
pub(super) fn fastener(
    registry: &mut PartRegistry,
    clause: &Clause,
    parts: &[PartId],
    method: AttachMethod,
    out: &mut StepOps,
) -> Option<PartId> {
    // "The cover is attached to the can by four zip ties": hardware after
    // "by" holds on as it does after "with".
    let phrase = clause
        .prep(Prep::With)
        .or_else(|| hardware_by(registry, clause, Prep::Near))?;
    if !matches!(registry.classify(phrase), Head::Thing(_)) || is_fill(registry, phrase) {
        return None;
    }
    let object = parts.first()?.clone();
    let held = registry.resolve(phrase, true).into_iter().next()?;
    if held == object {
        return None;
    }
    registry.place(&held, Relation::AttachedTo, Some(&object));
    out.push(
        registry,
        Operation::Attach {
            part: held.clone(),
            to: object.clone(),
            method,
        },
    );
    // "Secure the button with a hitch pin": a part fixed with nothing else
    // named is fixed to the build.
    let unplaced = registry
        .part(&object)
        .is_some_and(|p| p.placement.target.is_none());
    if let Some(hub) = registry
        .hub(|p| p.id != object && p.id != held)
        .filter(|_| unplaced)
    {
        registry.place(&object, Relation::AttachedTo, Some(&hub));
        out.push(
            registry,
            Operation::Attach {
                part: object,
                to: hub,
                method,
            },
        );
    }
    Some(held)
}

/// "Glue the pipe cleaner in the cleft": a place with no owner named is on
/// the build, not on the part being glued, even when that part was the last
/// one worked on.
pub(crate) fn elsewhere(
    registry: &mut PartRegistry,
    clause: &Clause,
    parts: &[PartId],
    target: (Relation, PartId, bool),
) -> (Relation, PartId, bool) {
    let (relation, to, each) = &target;
    if let Some(other) = described_apart(registry, clause, parts, to) {
        return (*relation, other, *each);
    }
    // "to the middle top of the heart" with no heart in view is as
    // ownerless as "in the cleft".
    let ownerless = |phrase: &Phrase| {
        registry.is_ownerless(phrase)
            || matches!(registry.classify(phrase),
                Head::Feature { owner: Some(o) } if registry.is_ownerless(&o))
    };
    let ownerless = PLACING.iter().any(|p| {
        clause
            .preps
            .iter()
            .any(|(q, phrase)| q == p && ownerless(phrase))
    });
    if !ownerless || !parts.contains(to) {
        return target;
    }
    let other = registry
        .present
        .iter()
        .rev()
        .find(|id| !parts.contains(id))
        .map(|id| registry.root(id));
    match other {
        Some(other) if !parts.contains(&other) => (*relation, other, *each),
        _ => target,
    }
}

/// "Pin the patterned fabric on top of the absorbent fabric": the place
/// names a thing of the same noun as the part placed, told apart by what
/// describes it; it is another part.
fn described_apart(
    registry: &mut PartRegistry,
    clause: &Clause,
    parts: &[PartId],
    to: &PartId,
) -> Option<PartId> {
    if !parts.contains(to) {
        return None;
    }
    let place =
        PLACING
            .iter()
            .find_map(|p| clause.prep(*p))
            .map(|p| match registry.classify(p) {
                Head::Feature { owner: Some(owner) } => owner,
                _ => p.clone(),
            })?;
    let modifiers = |p: &Phrase| p.words[..p.words.len().saturating_sub(1)].to_vec();
    let described = modifiers(&place);
    let same_noun = clause
        .objects
        .iter()
        .any(|o| o.words.last() == place.words.last() && modifiers(o) != described);
    if described.is_empty() || !same_noun {
        return None;
    }
    let fresh = Phrase {
        fresh: true,
        ..place
    };
    registry
        .resolve(&fresh, true)
        .into_iter()
        .next()
        .filter(|id| !parts.contains(id))
}

pub(super) fn attach(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    method: AttachMethod,
) -> Vec<PartId> {
    if clause.prep(Prep::Around).is_some() || clause.prep(Prep::Over).is_some() {
        return wrap(registry, out, clause, false);
    }
    let parts = match qualified_list(registry, clause) {
        Some(parts) => parts,
        None => subjects(registry, clause, true),
    };
    if parts.is_empty() {
        return parts;
    }
    let together = clause.has_word("together");
    let target = if together {
        None
    } else {
        target(registry, clause, true).map(|t| elsewhere(registry, clause, &parts, t))
    };
    if target.is_none() && !together {
        if let Some(fastener) = fastener(registry, clause, &parts, method, out) {
            return vec![fastener];
        }
    }
    for id in &parts {
        match &target {
            Some((_, to, _)) if to != id && covers(registry, id, to) => {
                // "Stick the tissue paper on to the roll": paper glued to a
                // round body wraps it.
                registry.place(id, Relation::Around, Some(to));
                out.push(
                    registry,
                    Operation::Wrap {
                        part: id.clone(),
                        around: to.clone(),
                    },
                );
            }
            Some((relation, to, each)) if to != id => {
                match_count(registry, id, to, *each);
                // "Lay the ballast on the base ... connect the ballast to
                // the socket": it stays where it was laid; the join is
                // the operation's.
                if !registry.settled(id, to) {
                    registry.place(id, *relation, Some(to));
                }
                out.push(
                    registry,
                    Operation::Attach {
                        part: id.clone(),
                        to: to.clone(),
                        method,
                    },
                );
            }
            Some((_, to, _)) if to == id => {
                // "tie each front strip to the back strip": the part's own
                // pieces are joined.
                out.push(
                    registry,
                    Operation::Attach {
                        part: id.clone(),
                        to: id.clone(),
                        method,
                    },
                );
            }
            _ => {
                // "glue the corks together": joined to each other; with
                // nothing named, fixed to the part in focus.
                let focus = registry.focus.as_ref().map(|f| registry.root(f));
                // "Secure the bow" when the bow is what was in hand: to the
                // build it was made for.
                let hub = || registry.hub(|part| part.id != *id);
                let to = match (together, parts.len(), focus) {
                    (true, 1, _) => id.clone(),
                    (true, _, _) => parts[0].clone(),
                    (false, 1, Some(f)) if f != *id => f,
                    (false, 1, _) if hub().is_some() => hub().unwrap_or_default(),
                    (false, 1, _) => {
                        out.push(registry, Operation::Add { part: id.clone() });
                        continue;
                    }
                    _ => parts[0].clone(),
                };
                out.push(
                    registry,
                    Operation::Attach {
                        part: id.clone(),
                        to,
                        method,
                    },
                );
            }
        }
    }
    // "The cover is attached to the can by four zip ties", "screw the
    // shelf to the wall with two brackets": the hardware shows, fixed
    // where the part is fixed.
    if let Some((_, to, _)) = &target {
        let hardware = hardware_by(registry, clause, Prep::With)
            .or_else(|| hardware_by(registry, clause, Prep::Near))
            .cloned();
        if let Some(held) = hardware.and_then(|p| registry.resolve(&p, true).into_iter().next()) {
            if !parts.contains(&held) && held != *to {
                registry.place(&held, Relation::AttachedTo, Some(to));
                out.push(
                    registry,
                    Operation::Attach {
                        part: held,
                        to: to.clone(),
                        method,
                    },
                );
            }
        }
    }
    parts
}

/// The visible hardware a clause names after `prep` ("with two hinges",
/// "by four zip ties").
fn hardware_by<'c>(registry: &PartRegistry, clause: &'c Clause, prep: Prep) -> Option<&'c Phrase> {
    clause.prep(prep).filter(|p| {
        matches!(registry.classify(p), Head::Thing(n)
            if matches!(n.role, Role::Part(d) if d.kind == PartKind::Hardware))
    })
}

/// Wraps or covers: `cover` reads "cover X with Y" (Y goes around X).
pub(super) fn wrap(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    cover: bool,
) -> Vec<PartId> {
    let (wrapping, around) = if cover {
        let with = clause
            .prep(Prep::With)
            .map(|p| registry.resolve(p, true))
            .unwrap_or_default();
        (with, subjects(registry, clause, true))
    } else {
        let wrapping = subjects(registry, clause, true);
        let around = [
            Prep::Around,
            Prep::Over,
            Prep::On,
            Prep::Onto,
            Prep::To,
            Prep::Through,
        ]
        .into_iter()
        .filter_map(|p| clause.prep(p))
        .find_map(|phrase| {
            if registry.is_ownerless(phrase) {
                registry.focus.as_ref().map(|f| registry.root(f))
            } else {
                registry.resolve(phrase, true).into_iter().next()
            }
        });
        (
            wrapping,
            around
                .or_else(|| registry.focus.clone())
                .into_iter()
                .collect(),
        )
    };
    let Some(around) = around.first().cloned() else {
        return wrapping;
    };
    // Loose fill pressed "around the roots" stays a fill.
    let wrapping: Vec<PartId> = wrapping
        .into_iter()
        .filter(|id| registry.kind(id) != Some(PartKind::Fill))
        .collect();
    // "Roll the newspaper around the can to create a cylinder": a thing
    // brought in only to be wrapped around while something is made is a
    // former, taken out again unless a later step names it.
    if !cover
        && registry.forming
        && clause.prep(Prep::Around).is_some()
        && registry.born_now(&around)
        && wrapping.iter().any(|id| *id != around)
        && !registry.formers.iter().any(|(id, _)| *id == around)
    {
        registry.formers.push((around.clone(), registry.step));
    }
    for id in wrapping.iter().filter(|id| **id != around) {
        registry.place(id, Relation::Around, Some(&around));
        out.push(
            registry,
            Operation::Wrap {
                part: id.clone(),
                around: around.clone(),
            },
        );
    }
    wrapping
}

/// The thing a finished build is hung from or stood on, when the clause
/// names the build itself ("hang the planter from a hook on the fence").
pub(super) fn hung_from(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    let names_build = clause
        .objects
        .iter()
        .any(|p| matches!(registry.classify(p), Head::Whole | Head::Focus));
    let Some(root) = registry.focus.as_ref().map(|f| registry.root(f)) else {
        return Vec::new();
    };
    if !names_build {
        return Vec::new();
    }
    let holder = clause
        .preps
        .iter()
        .filter(|(p, _)| matches!(p, Prep::From | Prep::On | Prep::Onto | Prep::To))
        .find(|(_, p)| matches!(registry.classify(p), Head::Thing(_)))
        .map(|(_, p)| p.clone());
    let Some(holder) = holder else {
        return Vec::new();
    };
    let ids = registry.resolve(&holder, true);
    for id in ids.iter().filter(|id| **id != root) {
        registry.place(id, Relation::On, Some(&root));
        out.push(registry, Operation::Add { part: id.clone() });
    }
    ids
}

/// "the hour, minute and second hands": when every earlier item of a
/// list names nothing on its own, the items qualify the last one, and the
/// list is one part with a copy per item.
pub(super) fn qualified_list(registry: &mut PartRegistry, clause: &Clause) -> Option<Vec<PartId>> {
    let (last, rest) = clause.objects.split_last()?;
    let qualifiers = !rest.is_empty()
        && rest
            .iter()
            .all(|p| p.words.len() == 1 && matches!(registry.classify(p), Head::Nothing))
        && matches!(registry.classify(last), Head::Thing(_));
    if !qualifiers {
        return None;
    }
    let all: Vec<&Phrase> = clause.objects.iter().collect();
    Some(merge_list(registry, &all, &[last]))
}
