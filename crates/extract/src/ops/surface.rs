//! Changes to a part itself: cutting it (and how much is kept), painting
//! or staining it, applying a coat, drilling holes, sanding and sealing.

use super::*;

pub(super) fn cut(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    sentence: &[String],
) -> Vec<PartId> {
    if let Some(pieces) = pieces_from_source(registry, out, clause) {
        return pieces;
    }
    if let Some(piece) = piece_of_material(registry, out, clause) {
        return piece;
    }
    let mut parts = subjects(registry, clause, true);
    if parts.is_empty() {
        // "Snip off the rounded ends off of each craft stick": the part
        // they come off, not the ends.
        let source = clause
            .preps
            .iter()
            .filter(|(p, _)| matches!(p, Prep::Off | Prep::From))
            .map(|(_, phrase)| phrase)
            .find(|phrase| !registry.is_ownerless(phrase));
        if let Some(phrase) = source {
            parts = registry.resolve(phrase, true);
        }
    }
    if parts.is_empty() {
        parts = registry.focus.iter().cloned().collect();
    }
    let object = clause.objects.first().or(clause.prep(Prep::Off));
    let object_word = object.and_then(|o| o.words.last()).map(String::as_str);
    let object_head = object.map(|o| registry.classify(o));
    let off = clause.particles.contains(&Prep::Off) || clause.prep(Prep::Off).is_some();
    let says = |words: &[&str]| {
        sentence
            .windows(words.len())
            .any(|w| w.iter().zip(words).all(|(a, b)| a == b))
    };
    let kept_side = ["bottom", "top", "lower", "upper", "left", "right"]
        .into_iter()
        .find(|side| {
            sentence.windows(4).any(|w| {
                w[0].starts_with("keep") && (w[1] == *side || w[2] == *side || w[3] == *side)
            })
        });
    let strip_word = |w: &String| {
        matches!(
            w.as_str(),
            "strip" | "strips" | "slit" | "slits" | "notch" | "notches" | "fringe"
        )
    };
    let piece_word = |w: &String| {
        strip_word(w)
            || matches!(
                w.as_str(),
                "piece"
                    | "pieces"
                    | "half"
                    | "halves"
                    | "section"
                    | "sections"
                    | "length"
                    | "lengths"
            )
    };
    let strips_into_part = clause
        .prep(Prep::Into)
        .is_some_and(|into| !into.words.iter().any(piece_word))
        && sentence.iter().any(strip_word);
    // "Cut off the old grip": what is old comes off whole, for good.
    let old_off = off
        && matches!(object_head, Some(Head::Thing(_)))
        && object.is_some_and(|o| o.words.iter().any(|w| w == "old"));
    if old_off {
        for id in &parts {
            out.push(registry, Operation::Remove { part: id.clone() });
        }
        registry.focus = None;
        return Vec::new();
    }
    let keep = match (kept_side, object_word, &object_head) {
        (Some("bottom" | "lower"), ..) => CutKeep::Bottom,
        (Some("top" | "upper"), ..) => CutKeep::Top,
        (Some("left"), ..) => CutKeep::Left,
        (Some("right"), ..) => CutKeep::Right,
        (_, Some("top"), _) if off => CutKeep::Bottom,
        (_, Some("bottom"), _) if off => CutKeep::Top,
        (_, _, Some(Head::Feature { .. })) => CutKeep::Shape,
        (
            _,
            _,
            Some(Head::Piece {
                of: Some(_),
                kind: Some(_),
            }),
        ) => CutKeep::Shape,
        // Strips cut *into* a part (a fringe along a hem) shape it; the
        // part is not divided.
        _ if strips_into_part => CutKeep::Shape,
        (_, Some("strip" | "piece" | "length" | "half" | "section"), _) => CutKeep::Pieces,
        _ if says(&["in", "half"]) || clause.prep(Prep::Into).is_some() => CutKeep::Pieces,
        _ if clause.has_word("to") || says(&["different", "heights"]) => CutKeep::Pieces,
        // A cut that names no side, half or height shapes the part.
        _ => CutKeep::Shape,
    };
    // "cut it into 12 strips", "divide the thread into 8 equal parts": the
    // part is now that many pieces.
    let pieces = clause
        .objects
        .iter()
        .chain(clause.prep(Prep::Into))
        .filter(|p| p.words.last().is_some_and(|w| piece_word(w) || w == "part"))
        .find_map(|p| p.count)
        .filter(|&n| n > 1);
    for id in &parts {
        let size = registry.part(id).map_or([1.0; 3], |p| p.size);
        let fraction = cut_fraction(clause, sentence, keep, size);
        if keep == CutKeep::Pieces && clause.has_words(&["in", "half"]) {
            if let Some(part) = registry.part_mut(id) {
                part.count = (part.count * 2).min(100);
            }
        }
        if let (Some(n), Some(part)) = (pieces, registry.part_mut(id)) {
            if part.count == 1 {
                part.count = n.min(100);
            }
        }
        out.push(
            registry,
            Operation::Cut {
                part: id.clone(),
                keep,
                fraction,
                shape: None,
            },
        );
        // "cut the rectangle into strips": the strips named later are its.
        let into_pieces = clause
            .prep(Prep::Into)
            .and_then(|p| p.words.last())
            .is_some_and(&piece_word);
        if keep == CutKeep::Pieces && into_pieces {
            registry.cut_into_pieces.retain(|p| p != id);
            registry.cut_into_pieces.push(id.clone());
        }
        if out.named_tools {
            continue;
        }
        let material = registry.part(id).map(|p| p.material);
        out.tool(match material {
            Some(plan::model::Material::Wood | plan::model::Material::Metal) => Tool::Saw,
            Some(
                plan::model::Material::Fabric
                | plan::model::Material::Paper
                | plan::model::Material::Cardboard
                | plan::model::Material::Fibre,
            ) => Tool::Scissors,
            _ => Tool::Knife,
        });
    }
    parts
}

pub(super) fn cut_fraction(
    clause: &Clause,
    sentence: &[String],
    keep: CutKeep,
    size: [f64; 3],
) -> f64 {
    if keep == CutKeep::Shape {
        return 1.0;
    }
    // "so it is 10 cm high", "into 15 cm pieces".
    for w in sentence.windows(3) {
        let (Ok(n), Some(factor)) = (w[0].parse::<f64>(), crate::words::unit_cm(&w[1])) else {
            continue;
        };
        if factor <= 0.0 {
            continue;
        }
        let dim = match w[2].as_str() {
            "high" | "tall" | "deep" => size[1],
            "wide" => size[0],
            "long" | "piece" | "pieces" | "lengths" | "sections" => {
                size[0].max(size[1]).max(size[2])
            }
            _ => continue,
        };
        if dim > 0.0 {
            return (n * factor / dim).clamp(0.05, 1.0);
        }
    }
    if clause.has_words(&["two", "thirds"]) {
        0.67
    } else if clause.has_word("third") || clause.has_word("thirds") {
        0.33
    } else if clause.has_word("quarter") {
        0.25
    } else {
        0.5
    }
}

pub(super) fn paint_color(registry: &PartRegistry, clause: &Clause, stain: bool) -> Color {
    let from_phrases = || {
        clause
            .objects
            .iter()
            .chain(clause.preps.iter().map(|(_, p)| p))
            .find_map(|p| registry.consumable(p).and_then(|(_, c)| c.first().cloned()))
    };
    let from_materials = || {
        let wanted = if stain { "stain" } else { "paint" };
        registry
            .materials
            .iter()
            .find(|m| m.canonical == wanted && m.color.is_some())
            .and_then(|m| m.color.clone())
    };
    clause
        .colors
        .first()
        .cloned()
        .or_else(from_phrases)
        .map(|c: ColorMatch| c.color)
        .or_else(from_materials)
        .unwrap_or_else(|| Color(if stain { DEFAULT_STAIN } else { DEFAULT_PAINT }.into()))
}

/// Parts in view that a whole-build finish or colour applies to.
pub(super) fn all_solids(registry: &PartRegistry) -> Vec<PartId> {
    registry
        .present
        .iter()
        .filter(|id| {
            !matches!(
                registry.kind(id),
                Some(PartKind::Fill | PartKind::Plant | PartKind::Lights) | None
            )
        })
        .cloned()
        .collect()
}

/// Subjects of a clause that colours or finishes things: "all surfaces" or
/// no object at all means everything in view.
pub(super) fn surface_subjects(registry: &mut PartRegistry, clause: &Clause) -> Vec<PartId> {
    let things: Vec<&Phrase> = clause
        .objects
        .iter()
        .filter(|p| registry.consumable(p).is_none())
        .collect();
    let everything = things.is_empty()
        || things
            .iter()
            .all(|p| registry.is_ownerless(p) && (p.plural || clause.has_word("all")));
    if everything {
        let owner = clause
            .preps
            .iter()
            .filter(|(p, _)| matches!(p, Prep::To | Prep::On | Prep::Onto | Prep::Of))
            .find_map(|(_, p)| registry.resolve(p, true).into_iter().next());
        return owner.map_or_else(|| all_solids(registry), |id| vec![id]);
    }
    let mut out = Vec::new();
    for phrase in things {
        let ids = if registry.is_ownerless(phrase) || is_fill(registry, phrase) {
            // "brush the dirt off the pallet": the surface is the pallet's.
            owner_in_clause(registry, clause, true)
                .into_iter()
                .collect()
        } else {
            registry.resolve(phrase, true)
        };
        out.extend(
            ids.into_iter()
                .filter(|id| !out.contains(id))
                .collect::<Vec<_>>(),
        );
    }
    if out.is_empty() {
        // "spray the gap": whatever is being worked on.
        out.extend(registry.focus.as_ref().map(|f| registry.root(f)));
    }
    out
}

pub(super) fn paint(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    stain: bool,
) -> Vec<PartId> {
    let mut parts = surface_subjects(registry, clause);
    // "paint it" of tissue stuck around a roll: the covered roll is what
    // is painted, its cover with it.
    let said_it = clause
        .objects
        .iter()
        .any(|o| o.pronoun && o.words.is_empty());
    if let (true, [only]) = (said_it, parts.as_slice()) {
        let covered = registry
            .part(only)
            .filter(|p| p.placement.relation == Relation::Around)
            .and_then(|p| p.placement.target.clone());
        parts.extend(covered);
    }
    let stain = stain
        || clause
            .objects
            .iter()
            .chain(clause.preps.iter().map(|(_, p)| p))
            .any(|p| matches!(registry.consumable(p), Some((Consumable::Stain, _))));
    let color = paint_color(registry, clause, stain);
    for id in &parts {
        let op = if stain {
            Operation::Stain {
                part: id.clone(),
                color: color.clone(),
            }
        } else {
            Operation::Paint {
                part: id.clone(),
                color: color.clone(),
            }
        };
        out.push(registry, op);
    }
    parts
}

/// "Apply a dark walnut stain", "give it a coat of clear varnish".
pub(super) fn apply(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    let consumable = clause
        .objects
        .iter()
        .chain(clause.preps.iter().map(|(_, p)| p))
        .find_map(|p| registry.consumable(p).map(|(c, _)| c));
    // "rub wax onto the shelf": wax that coats a part is its finish.
    let waxes = || {
        clause
            .objects
            .iter()
            .any(|p| matches!(registry.classify(p), Head::Thing(n) if n.canonical == "wax"))
    };
    match consumable {
        None if waxes() => finish(registry, out, clause, FinishKind::Wax),
        Some(Consumable::Paint) => paint(registry, out, clause, false),
        Some(Consumable::Stain) => paint(registry, out, clause, true),
        Some(Consumable::Varnish) => finish(registry, out, clause, FinishKind::Varnish),
        Some(Consumable::Sealant) => finish(registry, out, clause, FinishKind::Seal),
        Some(Consumable::Wax) => finish(registry, out, clause, FinishKind::Wax),
        _ if matches!(clause.verb_word.as_deref(), Some("brush" | "rub" | "wipe")) => {
            finish(registry, out, clause, FinishKind::Clean)
        }
        _ => match given_to(clause).filter(|join| {
            join.objects
                .iter()
                .all(|p| matches!(registry.classify(p), Head::Thing(_) | Head::Unknown))
        }) {
            // "Give the caterpillar a face": the second thing is fixed to
            // the first.
            Some(join) => joins::attach(registry, out, &join, AttachMethod::Glue),
            // "Add potting soil" reads as a fill; anything else as placing.
            None => place(registry, out, clause),
        },
    }
}

/// "Give the caterpillar a face", "give it some pipe cleaner legs": a
/// verb of giving with two objects, the first a thing already named, reads
/// as fixing the second to the first.
fn given_to(clause: &Clause) -> Option<Clause> {
    let [receiver, given] = &clause.objects[..] else {
        return None;
    };
    let gives = clause
        .verb_word
        .as_deref()
        .is_some_and(|w| matches!(w, "give" | "gave" | "giving" | "gives"));
    if !gives || !(receiver.definite || receiver.pronoun) || given.definite || given.pronoun {
        return None;
    }
    let mut join = clause.clone();
    join.objects = vec![given.clone()];
    join.preps.insert(0, (Prep::To, receiver.clone()));
    Some(join)
}

pub(super) fn drill(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Vec<PartId> {
    let hole_phrase = clause
        .objects
        .iter()
        .find(|p| matches!(registry.classify(p), Head::Feature { .. }));
    let holes = hole_phrase.map_or(1, |p| p.count.unwrap_or(if p.plural { 12 } else { 1 }));
    let owned: Vec<&Phrase> = clause
        .objects
        .iter()
        .filter(|p| !registry.is_ownerless(p))
        .collect();
    let mut parts: Vec<PartId> = owned
        .into_iter()
        .flat_map(|p| registry.resolve(p, true))
        .collect();
    if parts.is_empty() {
        parts = owner_in_clause(registry, clause, true)
            .into_iter()
            .collect();
    }
    for id in &parts {
        out.push(
            registry,
            Operation::Drill {
                part: id.clone(),
                holes,
            },
        );
    }
    parts
}

pub(super) fn finish(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    kind: FinishKind,
) -> Vec<PartId> {
    let parts = surface_subjects(registry, clause);
    for id in &parts {
        out.push(
            registry,
            Operation::Finish {
                part: id.clone(),
                finish: kind,
            },
        );
    }
    parts
}

/// "Cut the front, back, sides, floor and roof panels from the pine
/// board", "cut two legs out of the 2x4": new things cut from a source
/// come into view as parts of their own, of the source's material and
/// colour; the source is what they are cut from, not a part shown.
fn pieces_from_source(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Option<Vec<PartId>> {
    pieces_for(registry, out, clause)
        .or_else(|| pieces_made_of(registry, out, clause, &[Prep::From]))
}

/// "I cut 4 more 2x4 at 18 inches for the legs": stock cut for a purpose
/// that names a thing not yet made gives that many of it, of the stock.
fn pieces_for(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Option<Vec<PartId>> {
    let purpose = clause.prep(Prep::For)?;
    let [stock] = clause.objects.as_slice() else {
        return None;
    };
    // Boards, planks and slats, or pieces of them ("4 more pieces of 2x4").
    let stock_like = |registry: &PartRegistry, p: &Phrase| {
        let noun = match registry.classify(p) {
            Head::Thing(noun) => Some(noun),
            Head::Piece { of: Some(of), .. } => match registry.classify(&of) {
                Head::Thing(noun) => Some(noun),
                _ => None,
            },
            _ => None,
        };
        noun.is_some_and(|n| {
            matches!(n.role, Role::Part(d)
                if matches!(d.kind, PartKind::Board | PartKind::Plank | PartKind::Slat))
        })
    };
    let names_a_thing = matches!(
        registry.classify(purpose),
        Head::Thing(_) | Head::Piece { .. }
    ) && registry.look_up(purpose).is_empty();
    if !stock_like(registry, stock) || !names_a_thing {
        return None;
    }
    let mut piece = purpose.clone();
    piece.count = stock.count.or(piece.count);
    let source = stock
        .of
        .as_deref()
        .cloned()
        .unwrap_or_else(|| stock.clone());
    let reading = Clause {
        objects: vec![piece],
        preps: vec![(Prep::From, source)],
        ..clause.clone()
    };
    pieces_made_of(registry, out, &reading, &[Prep::From])
}

/// The material, colour and size of the stock a phrase names: the part
/// it found, else what the lexicon says of the noun.
fn stock(registry: &PartRegistry, found: Option<&str>, phrase: &Phrase) -> Option<PieceSource> {
    match (found, registry.classify(phrase)) {
        (Some(id), _) => registry.part(id).map(|p| PieceSource {
            material: p.material,
            color: p.color.clone(),
            size: Some(p.size),
        }),
        (None, Head::Thing(noun)) => match noun.role {
            Role::Part(d) => Some(PieceSource {
                material: d.material,
                color: registry
                    .listed_color(&noun)
                    .unwrap_or_else(|| Color(d.color.to_string())),
                size: Some(d.size),
            }),
            _ => None,
        },
        _ => None,
    }
}

/// "Cut a strip of paper about six inches long" after the paper was folded
/// into a lantern: a piece of a material named without "the", while that
/// material is in view as a part being made, is a new part of it.
fn piece_of_material(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
) -> Option<Vec<PartId>> {
    let [object] = clause.objects.as_slice() else {
        return None;
    };
    let of = object.of.as_deref()?;
    if object.definite || object.pronoun || of.definite || of.pronoun || of.possessor.is_some() {
        return None;
    }
    let Head::Piece { of: Some(_), kind } = registry.classify(object) else {
        return None;
    };
    // Only where the material is in view already, as a part being made:
    // otherwise the pieces are the material's part ("two strips of duct
    // tape" are the tape).
    let found = registry
        .look_up(of)
        .into_iter()
        .next()
        .filter(|id| registry.present.contains(id))?;
    let made_of = stock(registry, Some(&found), of)?;
    // A strip is as the stock is: paper, cloth or board.
    let kind = kind.unwrap_or(match made_of.material {
        plan::model::Material::Paper | plan::model::Material::Cardboard => PartKind::Paper,
        plan::model::Material::Fabric => PartKind::Fabric,
        _ => PartKind::Board,
    });
    // Named with its material: "paper strip", "plywood circles".
    let mut piece = object.clone();
    piece.of = None;
    piece.words = of.words.iter().chain(&object.words).cloned().collect();
    piece.written = of.written.iter().chain(&object.written).cloned().collect();
    let id = registry.create_piece(&piece, kind, &made_of);
    out.push(registry, Operation::Add { part: id.clone() });
    // Shown as cut to its shape.
    out.push(
        registry,
        Operation::Cut {
            part: id.clone(),
            keep: CutKeep::Shape,
            fraction: 1.0,
            shape: None,
        },
    );
    registry.focus = Some(id.clone());
    Some(vec![id])
}

/// Pieces made from the stock a clause names after one of `sources`
/// ("cut ... from the board", "make 48 strips using PVC pipe").
pub(super) fn pieces_made_of(
    registry: &mut PartRegistry,
    out: &mut StepOps,
    clause: &Clause,
    sources: &[Prep],
) -> Option<Vec<PartId>> {
    let source = sources.iter().find_map(|p| clause.prep(*p))?;
    if clause.objects.is_empty() {
        return None;
    }
    let source_part = registry.look_up(source).into_iter().next();
    // "Cut a circle out of the cardboard" in view: the cardboard is cut
    // to that shape, as below; only stock not yet shown, or several
    // pieces at once, gives parts of their own.
    let in_view = source_part
        .as_ref()
        .is_some_and(|id| registry.present.contains(id));
    if in_view && clause.objects.len() < 2 {
        return None;
    }
    let made_of = stock(registry, source_part.as_deref(), source)?;
    // Every object must be a new piece: a shape word ("panels", "strips")
    // or a thing not yet in view ("two legs").
    let mut plan: Vec<(&Phrase, Option<PartKind>)> = Vec::new();
    for phrase in &clause.objects {
        if !registry.cut_pieces_named(phrase).is_empty() {
            return None;
        }
        match registry.classify(phrase) {
            Head::Piece { of: None, kind } if phrase.words.len() > 1 || kind.is_some() => {
                plan.push((phrase, Some(kind.unwrap_or(PartKind::Board))));
            }
            // "48 PVC strips": pieces named with their material.
            Head::Piece {
                of: Some(_),
                kind: Some(kind),
            } if phrase.of.is_none() => plan.push((phrase, Some(kind))),
            Head::Thing(_) if registry.look_up(phrase).is_empty() => plan.push((phrase, None)),
            _ => return None,
        }
    }
    let mut ids = Vec::new();
    for (phrase, kind) in plan {
        let made: Vec<PartId> = match kind {
            Some(kind) => vec![registry.create_piece(phrase, kind, &made_of)],
            None => {
                let made = registry.resolve(phrase, true);
                for id in &made {
                    if let Some(part) = registry.part_mut(id) {
                        part.material = made_of.material;
                        part.color = made_of.color.clone();
                    }
                }
                made
            }
        };
        for id in made {
            out.push(registry, Operation::Add { part: id.clone() });
            ids.push(id);
        }
    }
    registry.group = ids.clone();
    registry.focus = ids.last().cloned();
    Some(ids)
}
