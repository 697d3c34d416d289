//! Bringing parts into view and taking them away: placing one on or in
//! another, filling a container, planting, and removing.

use super::*;

pub(super) fn is_fill(registry: &PartRegistry, phrase: &Phrase) -> bool {
    match registry.classify(phrase) {
        Head::Thing(noun) => matches!(noun.role, Role::Fill(..)),
        Head::Piece { of: Some(of), .. } => is_fill(registry, &of),
        _ => false,
    }
}

/// Fills a container. `fill_phrase` is given when the caller already knows
/// which phrase is the fill ("add potting soil").
pub(super) fn fill(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    fill_phrase: Option<&Phrase>,
) -> Vec<PartId> {
    // "Mix in your cement and pour it into the can": "it" is the fill.
    let focus_fill = registry
        .focus
        .clone()
        .filter(|f| registry.kind(f) == Some(PartKind::Fill));
    if let (Some(fill), [only], None) = (focus_fill, clause.objects.as_slice(), fill_phrase) {
        let into = [Prep::Into, Prep::In, Prep::Inside]
            .into_iter()
            .find_map(|p| clause.prep(p));
        if let (true, Some(into)) = (only.pronoun && only.words.is_empty(), into) {
            let container = registry.resolve(into, true).into_iter().next();
            if let Some(container) = container.filter(|c| *c != fill) {
                let level = fill_level(registry, clause, only, &container);
                return fill_into(registry, out, fill, container, level);
            }
        }
    }
    // "by pouring in enough wax": after the verb, "in" is a particle and
    // the fill follows it.
    let poured_in = clause
        .preps
        .first()
        .filter(|(p, phrase)| {
            *p == Prep::In && clause.objects.is_empty() && is_fill(registry, phrase)
        })
        .map(|(_, phrase)| phrase);
    let fill_phrase = fill_phrase
        .or_else(|| clause.objects.iter().find(|p| is_fill(registry, p)))
        .or(poured_in)
        .or_else(|| clause.prep(Prep::With).filter(|p| is_fill(registry, p)))
        .or_else(|| clause.prep(Prep::Of).filter(|p| is_fill(registry, p)));
    let container_phrase = clause
        .objects
        .iter()
        .find(|p| !is_fill(registry, p))
        .or_else(|| clause.prep(Prep::Into))
        .or_else(|| clause.prep(Prep::In).filter(|_| poured_in.is_none()))
        .or_else(|| clause.prep(Prep::Inside))
        // "add coarse dirt to the can".
        .or_else(|| {
            clause
                .prep(Prep::To)
                .filter(|p| matches!(registry.classify(p), Head::Thing(_)) && !is_fill(registry, p))
        });
    let poured_over = [Prep::Over, Prep::On, Prep::Onto, Prep::Around]
        .iter()
        .any(|p| clause.prep(*p).is_some());
    let container = match container_phrase {
        Some(p) => registry.resolve(p, true).into_iter().next(),
        // "pour boiling water over the score line" fills nothing.
        None if poured_over => return Vec::new(),
        None => default_container(registry),
    };
    let Some(container) = container else {
        return Vec::new();
    };
    let unknown = clause
        .prep(Prep::With)
        .filter(|_| fill_phrase.is_none())
        .and_then(|p| registry.unknown_fill(p).map(|id| (p, id)));
    if let Some((phrase, fill)) = unknown.filter(|(_, id)| *id != container) {
        let level = fill_level(registry, clause, phrase, &container);
        return fill_into(registry, out, fill, container, level);
    }
    let Some(fill_phrase) = fill_phrase else {
        // "fill the jar with wine corks": solid parts go in loose.
        let loose = clause
            .prep(Prep::With)
            .filter(|p| matches!(registry.classify(p), Head::Thing(_)))
            .map(|p| registry.resolve(p, true))
            .unwrap_or_default();
        // "reheat the wax and fill the tin": filled with the fill in view.
        let in_view = registry
            .present
            .iter()
            .rev()
            .find(|id| **id != container && registry.kind(id) == Some(PartKind::Fill))
            .cloned();
        if let (true, Some(fill)) = (
            loose.is_empty() && clause.prep(Prep::With).is_none(),
            in_view,
        ) {
            let level = fill_level(registry, clause, &Phrase::default(), &container);
            return fill_into(registry, out, fill, container, level);
        }
        out.push(
            registry,
            Operation::Add {
                part: container.clone(),
            },
        );
        for id in loose.iter().filter(|id| **id != container) {
            registry.place(id, Relation::In, Some(&container));
            out.push(registry, Operation::Add { part: id.clone() });
        }
        return std::iter::once(container).chain(loose).collect();
    };
    let Some(fill) = registry.resolve(fill_phrase, true).into_iter().next() else {
        return vec![container];
    };
    if fill == container {
        return vec![container];
    }
    let level = fill_level(registry, clause, fill_phrase, &container);
    match_count(registry, &fill, &container, true);
    fill_into(registry, out, fill, container, level)
}

/// Puts a fill into its container, up to `level`.
fn fill_into(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    fill: PartId,
    container: PartId,
    level: f64,
) -> Vec<PartId> {
    registry.place(&fill, Relation::In, Some(&container));
    out.push(
        registry,
        Operation::Fill {
            part: fill.clone(),
            container: container.clone(),
            level,
        },
    );
    vec![container, fill]
}

/// The container a fill with no named container goes into: the one that
/// already holds a fill, else the part in focus if it holds things, else
/// the last container in view.
pub(super) fn default_container(registry: &PartRegistry) -> Option<PartId> {
    let holding = registry.present.iter().rev().find_map(|id| {
        let part = registry.part(id)?;
        (part.kind == PartKind::Fill)
            .then(|| part.placement.target.clone())
            .flatten()
    });
    holding
        .or_else(|| {
            registry
                .focus
                .clone()
                .filter(|f| registry.kind(f).is_some_and(lexicon::is_container))
        })
        .or_else(|| {
            registry
                .present
                .iter()
                .rev()
                .find(|id| registry.kind(id).is_some_and(lexicon::is_container))
                .cloned()
        })
}

pub(super) fn fill_level(
    registry: &PartRegistry,
    clause: &Clause,
    fill: &Phrase,
    container: &str,
) -> f64 {
    let below: f64 = registry
        .parts
        .iter()
        .filter(|p| {
            p.kind == PartKind::Fill
                && p.placement.target.as_deref() == Some(container)
                && registry.present.contains(&p.id)
                && !p.name.is_empty()
        })
        .count() as f64;
    let words = |w: &[&str]| clause.has_words(w);
    // "fill the pit 2/3 full": a fraction of the clause is the level.
    let written = clause
        .words
        .iter()
        .filter_map(|w| w.parse::<f64>().ok())
        .find(|n| *n > 0.0 && *n < 1.0);
    let level = if let Some(n) = written {
        n
    } else if words(&["two", "thirds"]) {
        0.67
    } else if words(&["three", "quarters"]) {
        0.75
    } else if words(&["a", "third"]) || words(&["one", "third"]) {
        0.33
    } else if words(&["a", "quarter"]) {
        0.25
    } else if clause.has_word("half") || clause.has_word("halfway") {
        0.5
    } else if let Some(cm) = fill.measure_cm {
        let height = registry.part(container).map_or(10.0, |p| p.size[1]);
        (cm / height.max(1.0)).clamp(0.05, 1.0)
    } else if words(&["to", "the", "top"])
        || words(&["to", "the", "brim"])
        || clause.has_word("full")
    {
        0.95
    } else if clause.has_word("up") {
        0.7
    } else if below > 0.0 {
        0.85
    } else {
        0.8
    };
    (level * 100.0).round() / 100.0
}

/// A verb that does nothing drawn ("draw a line across each cereal box",
/// "hold the bottle over the sink") still brings the things it handles into
/// view: the step is about them.
pub(super) fn handle(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    // "leave some gap for the circuit board": what it is for comes later,
    // if at all; "repeat for the other 5 shells" names parts there are.
    let for_later: Vec<bool> = clause
        .preps
        .iter()
        .map(|(p, phrase)| *p == Prep::For && !phrase.others && registry.look_up(phrase).is_empty())
        .collect();
    let phrases: Vec<&Phrase> = clause
        .objects
        .iter()
        .chain(
            clause
                .preps
                .iter()
                .zip(&for_later)
                .filter(|((p, _), later)| !matches!(p, Prep::With | Prep::Using) && !**later)
                .map(|((_, p), _)| p),
        )
        .filter(|p| {
            matches!(
                registry.classify(p),
                Head::Thing(_) | Head::Piece { of: Some(_), .. }
            )
        })
        .collect();
    // "Mix in your cement": a fill being prepared is what "it" means next,
    // though it is not in the build yet.
    let (fills, phrases): (Vec<&Phrase>, Vec<&Phrase>) =
        phrases.into_iter().partition(|p| is_fill(registry, p));
    if let Some(fill) = fills.first() {
        if matches!(
            clause.verb_word.as_deref(),
            Some("mix" | "stir" | "melt" | "heat" | "prepare" | "blend")
        ) {
            registry.focus = registry.resolve(fill, true).into_iter().next();
        }
    }
    // "you can see the pictures", "notice the white stuff": looked at,
    // wanted or hoped for, a thing is no part of the build.
    let create = !clause
        .verb_word
        .as_deref()
        .is_some_and(crate::verbs::perceives);
    let mut parts = Vec::new();
    for phrase in phrases {
        for id in registry.resolve(phrase, create) {
            if !parts.contains(&id) {
                out.push(registry, Operation::Add { part: id.clone() });
                parts.push(id);
            }
        }
    }
    parts
}

/// "Make a bow with satin ribbon", "make a stem from a green pipe
/// cleaner": the material comes into view, as the thing made of it; with
/// no material named, what the clause handles does.
pub(super) fn made_from(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    // "we make 48 PVC strips by using PVC pipe": several pieces made of
    // the stock named, as parts of their own.
    let several_pieces = clause.objects.iter().any(|o| {
        o.count.is_some_and(|n| n > 1) && matches!(registry.classify(o), Head::Piece { .. })
    });
    if several_pieces {
        let sources = [Prep::From, Prep::Using, Prep::With];
        if let Some(made) = super::surface::pieces_made_of(registry, out, clause, &sources) {
            return made;
        }
    }
    let mut made = make_or_build(registry, out, clause);
    if made.is_empty() {
        made = knitted_piece(registry, out, clause);
    }
    crafted_not_grown(registry, &made);
    joined_to_the_build(registry, clause, &made);
    made
}

/// "Create the puppet's arms and legs": what is made for the build itself
/// is fixed to it, on the part the build rests on.
fn joined_to_the_build(registry: &mut PartRegistry, clause: &Clause, made: &[PartId]) {
    let for_the_build = clause.objects.iter().any(|o| {
        o.possessor.as_deref().is_some_and(|p| {
            matches!(registry.classify(p), Head::Whole)
                || p.words
                    .last()
                    .is_some_and(|w| Some(w) == registry.title_head.as_ref())
        })
    });
    if !for_the_build {
        return;
    }
    for id in made {
        if !registry.born_now(id)
            || registry
                .part(id)
                .is_some_and(|p| p.placement.target.is_some())
        {
            continue;
        }
        if let Some(hub) = registry.hub(|part| part.id != *id) {
            registry.place(id, Relation::AttachedTo, Some(&hub));
        }
    }
}

/// "Start by casting on 18 stitches", "knit 80 rows": stitches and rows
/// are no parts, but the piece they make is: the thing the title makes,
/// a soft knitted fabric, in view from the first stitch.
fn knitted_piece(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let knits = clause.verb_word.as_deref().is_some_and(|v| {
        ["knit", "crochet", "purl", "cast"]
            .iter()
            .any(|k| v.starts_with(k))
    });
    let Some(head) = registry.title_head.clone().filter(|_| knits) else {
        return Vec::new();
    };
    let phrase = Phrase {
        words: vec![head.clone()],
        written: vec![head],
        definite: true,
        ..Phrase::default()
    };
    let known = registry.parts.len();
    let made = registry.resolve(&phrase, true);
    for id in &made {
        if registry.parts.len() > known {
            if let Some(part) = registry.part_mut(id) {
                part.kind = PartKind::Fabric;
                part.material = plan::model::Material::Fabric;
            }
        }
        if !registry.present.contains(id) {
            out.push(registry, Operation::Add { part: id.clone() });
        }
    }
    made
}

/// "I used a flower plunger to make flowers", "make leaves from the
/// clay": a plant a step makes is a crafted one, a small flat shape of
/// its colour, not a living plant standing beside the build.
fn crafted_not_grown(registry: &mut PartRegistry, made: &[PartId]) {
    for id in made {
        if !registry.born_now(id) {
            continue;
        }
        if let Some(part) = registry.part_mut(id).filter(|p| p.kind == PartKind::Plant) {
            let [w, _, d] = part.size;
            part.kind = PartKind::Disc;
            part.size = [w.min(5.0), 0.6, d.min(5.0)];
            if part.material == plan::model::Material::Plant {
                part.material = plan::model::Material::Other;
            }
        }
    }
}

fn make_or_build(registry: &mut PartRegistry, out: &mut StepOps, clause: &Clause) -> Vec<PartId> {
    let material = [Prep::With, Prep::From, Prep::Using]
        .into_iter()
        .filter_map(|p| clause.prep(p))
        .find(|p| {
            matches!(
                registry.classify(p),
                Head::Thing(_) | Head::Piece { of: Some(_), .. }
            ) && !is_fill(registry, p)
        })
        .cloned();
    // "Build your exterior walls": what is built is part of the build,
    // even a word that elsewhere names the room ("hang it on the wall").
    let built: Vec<PartId> = if clause.verb_word.as_deref().is_some_and(|v| {
        matches!(
            v,
            "build" | "built" | "building" | "construct" | "constructing"
        )
    }) {
        clause
            .objects
            .iter()
            .filter(|o| {
                lexicon::lookup_tail(&o.words)
                    .is_some_and(|(n, _)| matches!(n.role, Role::Environment))
            })
            .cloned()
            .collect::<Vec<_>>()
            .iter()
            .filter_map(|o| registry.resolve_built_in(o))
            .collect()
    } else {
        Vec::new()
    };
    for id in &built {
        out.push(registry, Operation::Add { part: id.clone() });
    }
    if !built.is_empty() {
        return built;
    }
    let Some(material) = material else {
        // "I created the outer case by wrapping a strip around a tube":
        // the thing made, not what it was made around; "Creating an image
        // pattern on a paper" names a thing only after "on".
        let made = Clause {
            preps: Vec::new(),
            ..clause.clone()
        };
        let shown = handle(registry, out, &made);
        if !shown.is_empty() {
            return shown;
        }
        // "I made the signs on my computer": the maker's own things are
        // where it was made, not what.
        let on_a_part = Clause {
            preps: clause
                .preps
                .iter()
                .filter(|(_, p)| !p.personal)
                .cloned()
                .collect(),
            ..clause.clone()
        };
        return handle(registry, out, &on_a_part);
    };
    let ids = registry.resolve(&material, true);
    for id in &ids {
        out.push(registry, Operation::Add { part: id.clone() });
    }
    ids
}

pub(super) fn place(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    // "Add potting soil": a fill.
    if let Some(fill_phrase) = clause.objects.iter().find(|p| is_fill(registry, p)) {
        let fill_phrase = fill_phrase.clone();
        return fill(registry, out, clause, Some(&fill_phrase));
    }
    if let Some(parts) = qualified_list(registry, clause) {
        return place_parts(registry, out, clause, parts);
    }
    if let Some(filled) = layer_of(registry, out, clause) {
        return filled;
    }
    // "Put white chalk paint into the jar": a pot to work from, no part
    // ("put 2 screws in each board" still shows the board).
    let poured_out = |registry: &PartRegistry, p: &Phrase| {
        matches!(
            registry.classify(p),
            Head::Consumable(
                Consumable::Paint
                    | Consumable::Stain
                    | Consumable::Varnish
                    | Consumable::Sealant
                    | Consumable::Glue,
                _
            )
        )
    };
    if !clause.objects.is_empty() && clause.objects.iter().all(|p| poured_out(registry, p)) {
        return Vec::new();
    }
    // "Place two pencils over the mouth of the jar": tools laid onto the
    // build in numbers are part of it, not used on it.
    let targeted = PLACING.iter().any(|q| clause.prep(*q).is_some());
    let built_in = |registry: &PartRegistry, p: &Phrase| {
        targeted
            && (p.plural || p.count.is_some_and(|n| n > 1))
            && matches!(registry.classify(p), Head::Tool(_))
    };
    let objects: Vec<&Phrase> = clause
        .objects
        .iter()
        .filter(|p| {
            matches!(
                registry.classify(p),
                Head::Thing(_)
                    | Head::Unknown
                    | Head::Piece { .. }
                    | Head::Feature { owner: Some(_) }
                    | Head::Focus
            ) || built_in(registry, p)
                || PartRegistry::names_everything(p)
        })
        .collect();
    let parts = if objects.is_empty() {
        // "put in a battery": the phrase after the particle is the object
        // (not where no thing was named: "put your hand in the sock").
        let particle = clause
            .preps
            .iter()
            .take(usize::from(clause.objects.is_empty()))
            .filter(|(p, _)| matches!(p, Prep::In | Prep::On))
            .find_map(|(_, phrase)| match registry.classify(phrase) {
                Head::Thing(_) => Some(phrase),
                _ => None,
            });
        match particle {
            Some(phrase) => {
                let ids = registry.resolve(phrase, true);
                let to = registry.focus.as_ref().map(|f| registry.root(f));
                for id in &ids {
                    if let Some(to) = to.as_deref().filter(|t| *t != id) {
                        registry.place(id, Relation::In, Some(to));
                    }
                    out.push(registry, Operation::Add { part: id.clone() });
                }
                return ids;
            }
            // "Slip the top over the bottle": a place word alone, moved,
            // is the thing being made; "insert the wick into a holder and
            // place in the centre of the can": so is what the clause
            // before handled, when no object is said.
            None if (clause.objects.is_empty()
                || clause.objects.iter().any(|p| registry.is_ownerless(p)))
                && PLACING.iter().any(|q| clause.prep(*q).is_some()) =>
            {
                registry
                    .focus
                    .as_ref()
                    .map(|f| registry.root(f))
                    .into_iter()
                    .collect()
            }
            // "hang the planter from a hook": the hook joins the build.
            None => hung_from(registry, out, clause),
        }
    } else if objects.len() > 1 && objects.iter().all(|p| is_new_plant(registry, p)) {
        merge_list(registry, &objects, &objects)
    } else {
        let mut ids = Vec::new();
        registry.moving = true;
        for phrase in objects {
            let resolved = if built_in(registry, phrase) {
                registry.resolve_built_in(phrase).into_iter().collect()
            } else if registry.is_ownerless(phrase)
                && matches!(registry.classify(phrase), Head::Piece { .. })
            {
                // "Combine the pieces together": pieces of the part in
                // hand, or of the sheets the list names.
                piece_owner(registry)
                    .or_else(|| owner_in_clause(registry, clause, true))
                    .into_iter()
                    .collect()
            } else {
                registry.resolve(phrase, true)
            };
            for id in resolved {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        registry.moving = false;
        ids
    };

    place_parts(registry, out, clause, parts)
}

/// "Add another 1\" layer of rocks or moss": a layer of a thing added to
/// the container in view is a fill of it, whatever the thing is alone.
fn layer_of(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Option<Vec<PartId>> {
    let layer = clause.objects.iter().find(|p| {
        p.of.is_some()
            && p.words
                .last()
                .is_some_and(|w| w == "layer" || w == "layers")
    })?;
    let of = layer.of.as_deref()?.clone();
    if !matches!(registry.classify(&of), Head::Thing(_)) {
        return None;
    }
    let named = [Prep::Into, Prep::In, Prep::To, Prep::Inside]
        .into_iter()
        .filter_map(|p| clause.prep(p))
        .find(|p| matches!(registry.classify(p), Head::Thing(_)))
        .cloned();
    let container = match named {
        Some(phrase) => registry.resolve(&phrase, true).into_iter().next(),
        None => default_container(registry),
    }?;
    let fill = registry.resolve(&of, true).into_iter().next()?;
    if fill == container {
        return None;
    }
    if registry.born_now(&fill) {
        if let Some(part) = registry.part_mut(&fill) {
            part.kind = PartKind::Fill;
            part.count = 1;
        }
    }
    let level = fill_level(registry, clause, layer, &container);
    Some(fill_into(registry, out, fill, container, level))
}

pub(super) fn place_parts(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    mut parts: Vec<PartId>,
) -> Vec<PartId> {
    if parts.len() > 1 {
        registry.group = parts.clone();
    }
    let target = target(registry, clause, true).map(|t| elsewhere(registry, clause, &parts, t));
    // "Position the stick into the can": the can is in the picture too.
    if let Some((_, to, _)) = &target {
        if !registry.present.contains(to) && !parts.contains(to) {
            out.push(registry, Operation::Add { part: to.clone() });
        }
    } else if !parts.is_empty() {
        // "Hang your piece of art with fishing line": what it hangs by is
        // tied on.
        fastener(registry, clause, &parts, AttachMethod::Tie, out);
    }
    for id in &parts {
        let mut placed = false;
        if let Some((relation, to, each)) = &target {
            // "Slip the top over the hot water bottle": a soft cover pulled
            // over a thing holds it.
            let pulled_over = clause.prep(Prep::Over).is_some()
                && matches!(registry.kind(id), Some(PartKind::Fabric))
                && !matches!(registry.kind(to), Some(PartKind::Fabric) | None);
            if to != id && pulled_over {
                registry.place(to, Relation::In, Some(id));
                placed = true;
            } else if to != id {
                match_count(registry, id, to, *each);
                registry.place(id, *relation, Some(to));
                placed = true;
            }
        }
        // "Replace the lid", "put the cap back on": a lid with nowhere
        // named closes the container in view.
        let unplaced = registry
            .part(id)
            .is_some_and(|p| p.placement.target.is_none());
        if !placed && unplaced && registry.kind(id) == Some(PartKind::Lid) {
            let closes = registry
                .present
                .iter()
                .rev()
                .find(|p| *p != id && registry.kind(p).is_some_and(lexicon::is_container))
                .cloned();
            if let Some(container) = closes {
                registry.place(id, Relation::On, Some(&container));
                placed = true;
            }
        }
        if !placed && registry.kind(id) == Some(PartKind::Plant) {
            // A plant with nowhere named goes into the fill in view.
            let bed = registry
                .present
                .iter()
                .rev()
                .find(|p| registry.kind(p) == Some(PartKind::Fill))
                .cloned()
                .or_else(|| default_container(registry));
            if let Some(bed) = bed {
                let each = registry.part(id).is_some_and(|p| p.count > 1);
                match_count(registry, id, &bed, each);
                registry.place(id, Relation::In, Some(&bed));
            }
        }
        out.push(registry, Operation::Add { part: id.clone() });
    }
    parts.dedup();
    parts
}

/// Whether a phrase names something that is part of a larger thing (a
/// label, a cap, a sleeve): taking it off changes that thing.
pub(super) fn names_a_component(registry: &PartRegistry, phrase: &Phrase) -> bool {
    match registry.classify(phrase) {
        Head::Thing(noun) => lexicon::is_component(noun.canonical),
        _ => false,
    }
}

pub(super) fn is_new_plant(registry: &PartRegistry, phrase: &Phrase) -> bool {
    match registry.classify(phrase) {
        Head::Thing(noun) => {
            matches!(noun.role, Role::Part(d) if d.kind == PartKind::Plant)
                && !registry.nouns.iter().any(|n| n == noun.canonical)
        }
        _ => false,
    }
}

/// "plant basil, parsley and mint seedlings": one part, one copy per item
/// of `names`, created from the last of `things`.
pub(super) fn merge_list(
    registry: &mut PartRegistry,
    names: &[&Phrase],
    things: &[&Phrase],
) -> Vec<PartId> {
    let objects = things;
    let names: Vec<String> = names.iter().map(|p| p.name()).collect();
    let count = names.len();
    let name = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    let Some(last) = objects.last() else {
        return Vec::new();
    };
    let mut phrase = (*last).clone();
    phrase.count = Some(u32::try_from(count).unwrap_or(1));
    let ids = registry.resolve(&phrase, true);
    if let Some(id) = ids.first() {
        if let Some(part) = registry.part_mut(id) {
            part.name = name;
        }
    }
    ids
}

pub(super) fn remove(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    // "peel off the tape": the phrase after "off" is what goes; "peel the
    // label off the bottle": the bottle is what it comes off.
    let (things, sources): (Vec<Phrase>, Vec<Phrase>) = if clause.objects.is_empty() {
        let thing = clause.prep(Prep::Off).or(clause.prep(Prep::From));
        (thing.into_iter().cloned().collect(), Vec::new())
    } else {
        let sources = [Prep::Off, Prep::From]
            .iter()
            .filter_map(|p| clause.prep(*p))
            .cloned()
            .collect();
        (clause.objects.clone(), sources)
    };
    // "peel it off the razor", "take it out of the mould": taken off a
    // tool, the thing stays in the build.
    if sources
        .iter()
        .any(|s| matches!(registry.classify(s), Head::Tool(_)))
    {
        return Vec::new();
    }
    // What something is taken off is being worked on: it comes into view.
    for source in &sources {
        if registry.is_ownerless(source) {
            continue;
        }
        for id in registry.resolve(source, true) {
            if !registry.present.contains(&id) {
                out.push(registry, Operation::Add { part: id });
            }
        }
    }
    let mut removed = Vec::new();
    for phrase in &things {
        if discards(clause) {
            // "remove the sleeves from the top": a feature taken off is a
            // shape cut out of the part it belonged to.
            if let Some(host) = feature_owner(registry, phrase, &sources) {
                out.push(
                    registry,
                    Operation::Cut {
                        part: host,
                        keep: CutKeep::Shape,
                        fraction: 1.0,
                        shape: None,
                    },
                );
                continue;
            }
        }
        if registry.is_ownerless(phrase) {
            continue;
        }
        let ids = registry.resolve(phrase, false);
        if ids.is_empty() && phrase.definite {
            // "remove the sticks holding the wick" after two pencils were
            // laid across: the thing in view of that shape.
            if let Some(id) = same_shape_in_view(registry, phrase) {
                out.push(registry, Operation::Remove { part: id.clone() });
                removed.push(id);
                continue;
            }
        }
        if ids.is_empty() && discards(clause) && !names_a_component(registry, phrase) {
            // "remove the sleeves from the top", "the casing must be
            // removed from the cable": a thing never named before that comes
            // off a part in view was part of it, and is shown coming off.
            if let Some(host) = source_in_view(registry, &sources) {
                let title_thing = phrase.words.last() == registry.title_head.as_ref();
                for id in registry.resolve(phrase, true) {
                    if id == host || title_thing {
                        continue;
                    }
                    registry.place(&id, Relation::AttachedTo, Some(&host));
                    out.push(registry, Operation::Add { part: id.clone() });
                    out.push(registry, Operation::Remove { part: id.clone() });
                    removed.push(id);
                }
                continue;
            }
        }
        if ids.is_empty() && sources.is_empty() && !names_a_component(registry, phrase) {
            // "take out the glass": it comes into view as it is taken out;
            // "remove the motor and fan blade" of a fan opened: it was in
            // there, and goes.
            let discarded = !clause.objects.is_empty() && discards(clause);
            for id in registry.resolve(phrase, true) {
                out.push(registry, Operation::Add { part: id.clone() });
                if discarded {
                    out.push(registry, Operation::Remove { part: id.clone() });
                    removed.push(id);
                }
            }
            continue;
        }
        for id in ids {
            if !registry.present.contains(&id) {
                out.push(registry, Operation::Add { part: id });
            } else if registry.names(&id, phrase) {
                out.push(registry, Operation::Remove { part: id.clone() });
                removed.push(id);
            } else {
                // "peel off the label" of a bottle: the bottle changes.
                out.push(
                    registry,
                    Operation::Finish {
                        part: id,
                        finish: FinishKind::Clean,
                    },
                );
            }
        }
    }
    // Focus moves to what is left, not to what was taken away.
    registry.focus = registry.focus.clone().filter(|f| !removed.contains(f));
    Vec::new()
}

/// Whether the clause's verb takes a thing away for good, rather than out
/// of a mould or off a tool to keep it ("take the candle out").
fn discards(clause: &Clause) -> bool {
    matches!(
        clause.verb_word.as_deref(),
        Some("remove" | "removed" | "removing" | "discard" | "detach" | "unscrew")
    )
}

/// The part in view that something comes off: what a source phrase names,
/// or, for a place whose owner is not in view ("from the top", "from the
/// child's top"), the part being worked on.
fn source_in_view(registry: &mut PartRegistry, sources: &[Phrase]) -> Option<PartId> {
    for source in sources {
        let ids = registry.resolve(source, false);
        if let Some(id) = ids.into_iter().find(|id| registry.present.contains(id)) {
            return Some(id);
        }
        if matches!(registry.classify(source), Head::Feature { .. }) {
            let worked = registry.focus.clone().or_else(|| registry.hub(|_| true));
            if worked.is_some() {
                return worked;
            }
        }
    }
    None
}

/// The part in view a feature phrase ("the sleeves", "the lid's handle")
/// belongs to: its named owner, else what it comes off.
fn feature_owner(
    registry: &mut PartRegistry,
    phrase: &Phrase,
    sources: &[Phrase],
) -> Option<PartId> {
    let Head::Feature { owner } = registry.classify(phrase) else {
        return None;
    };
    match owner {
        Some(owner) => registry
            .resolve(&owner, false)
            .into_iter()
            .find(|id| registry.present.contains(id)),
        None => source_in_view(registry, sources),
    }
}

/// A part in view shaped like the thing a phrase names, for a definite
/// reference under another name. Only sticks, rods and slats stand in for
/// each other: the one family where makers use any word for the thing.
fn same_shape_in_view(registry: &PartRegistry, phrase: &Phrase) -> Option<PartId> {
    let stick = |k: PartKind| matches!(k, PartKind::Slat | PartKind::Cylinder | PartKind::Leg);
    let Head::Thing(noun) = registry.classify(phrase) else {
        return None;
    };
    let Role::Part(d) = noun.role else {
        return None;
    };
    if !stick(d.kind) {
        return None;
    }
    registry
        .present
        .iter()
        .rev()
        .find(|id| registry.kind(id).is_some_and(stick))
        .cloned()
}
