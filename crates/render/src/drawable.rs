//! The plan as it is drawn. Sizes in a plan are what a maker would
//! measure (a 2 m twine, a sheet of A4 paper, a board longer than the crate
//! it goes in); drawn literally they would dwarf or swallow the build. These
//! adjustments change only the picture, never the plan a user sees.

use plan::model::{PartKind, Relation};
use plan::Plan;

/// The plan with every adjustment below applied.
pub fn drawable_plan(plan: &Plan) -> Plan {
    let plan = lay_sheets_flat(&tie_strings(plan));
    wrap_sheets(&fit_contents(&coil_flexible_parts(&plan)))
}

fn size_of(plan: &Plan, id: Option<&String>) -> Option<[f64; 3]> {
    let id = id?;
    plan.parts.iter().find(|p| &p.id == id).map(|p| p.size)
}

/// Strings, ropes, wires and light strings are given by their length (a
/// 2 m twine), which laid out straight would dwarf the build and shrink
/// everything else in the picture. They are drawn coiled or looped instead:
/// no side longer than 1.2 times the largest rigid part (or their target).
fn coil_flexible_parts(plan: &Plan) -> Plan {
    let flexible = |k: PartKind| {
        matches!(
            k,
            PartKind::String | PartKind::Rope | PartKind::Wire | PartKind::Chain | PartKind::Lights
        )
    };
    let largest_rigid = plan
        .parts
        .iter()
        .filter(|p| !flexible(p.kind))
        .flat_map(|p| p.size)
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let mut plan = plan.clone();
    let sizes: Vec<(String, [f64; 3])> =
        plan.parts.iter().map(|p| (p.id.clone(), p.size)).collect();
    for part in plan.parts.iter_mut().filter(|p| flexible(p.kind)) {
        let target = part
            .placement
            .target
            .as_ref()
            .and_then(|t| sizes.iter().find(|(id, _)| id == t))
            .map(|(_, s)| s.iter().copied().fold(0.0f64, f64::max));
        let limit = 1.2 * target.unwrap_or(largest_rigid).max(1.0);
        if largest_rigid > 0.0 || target.is_some() {
            for v in &mut part.size {
                *v = v.min(limit);
            }
        }
    }
    plan
}

/// A part put `In` a container (a shelf board in a crate, a candle in a
/// jar) goes inside it, whatever its nominal size: its footprint is
/// narrowed to the container's inner footprint so it does not poke through
/// the walls. Fills are sized by the layout already.
fn fit_contents(plan: &Plan) -> Plan {
    let mut out = plan.clone();
    for part in out.parts.iter_mut() {
        if part.placement.relation != Relation::In || part.kind == PartKind::Fill {
            continue;
        }
        let Some(host) = container_size(plan, part.placement.target.as_ref()) else {
            continue;
        };
        for axis in [0, 2] {
            let inner = 0.9 * host[axis];
            if inner > 0.0 && part.size[axis] > inner {
                part.size[axis] = inner;
            }
        }
    }
    out
}

/// The size of what really holds a part put in `target`: a fill (soil,
/// water) takes its shape from its own container, so look through it.
fn container_size(plan: &Plan, target: Option<&String>) -> Option<[f64; 3]> {
    let mut id = target?;
    for _ in 0..plan.parts.len() {
        let host = plan.parts.iter().find(|p| &p.id == id)?;
        if host.kind != PartKind::Fill {
            return Some(host.size);
        }
        id = host.placement.target.as_ref()?;
    }
    None
}

/// Paper, sheets and fabric wrapped `Around` something cover its sides:
/// the band is as tall as the part it wraps (up to the sheet's own
/// length), not as tall as the sheet is thick.
fn wrap_sheets(plan: &Plan) -> Plan {
    let mut out = plan.clone();
    for part in out.parts.iter_mut() {
        let sheet = matches!(
            part.kind,
            PartKind::Paper | PartKind::Sheet | PartKind::Fabric
        );
        if !sheet || part.placement.relation != Relation::Around {
            continue;
        }
        let Some(host) = size_of(plan, part.placement.target.as_ref()) else {
            continue;
        };
        let longest = part.size[0].max(part.size[2]);
        part.size[1] = part.size[1].max(host[1].min(longest));
    }
    out
}

/// A string, rope or wire "attached to" something is tied around it (a
/// hanger round a bottle's neck); drawn as a straight length stuck to the
/// back it would read as a stick.
fn tie_strings(plan: &Plan) -> Plan {
    let mut out = plan.clone();
    for part in out.parts.iter_mut() {
        let strand = matches!(
            part.kind,
            PartKind::String | PartKind::Rope | PartKind::Wire | PartKind::Chain
        );
        if strand && part.placement.relation == Relation::AttachedTo {
            part.placement.relation = Relation::Around;
        }
    }
    out
}

/// Cloth, paper and sheets are sized as they hang (a t-shirt 70 cm tall
/// and 1 cm deep); on their own, or on something, they lie flat as on a
/// work table, so a plate traced on a shirt sits on it.
fn lay_sheets_flat(plan: &Plan) -> Plan {
    let mut out = plan.clone();
    for part in out.parts.iter_mut() {
        let sheet = matches!(
            part.kind,
            PartKind::Paper | PartKind::Sheet | PartKind::Fabric
        );
        let lying = part.placement.target.is_none() || part.placement.relation == Relation::On;
        let [_, h, d] = part.size;
        if sheet && lying && h > 3.0 * d {
            part.size.swap(1, 2);
        }
    }
    out
}
