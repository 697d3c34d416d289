//! Which prompt a step gets, given the references it is sent with.

use std::sync::Arc;

use engines::{EngineRequest, ImageEngine, ReferenceKind, StepGraph};
use plan::request::Strategy;
use store::Step;

/// The step's prompt, written for the references it is sent with: the
/// anchor is the finished build; a chained edit starts from the picture
/// attached; a step whose anchor failed is told of no anchor.
pub fn prompt_for_step(
    engine: &Arc<dyn ImageEngine>,
    graph: &StepGraph,
    steps: &[Step],
    request: &EngineRequest,
) -> String {
    let (guide, plan, index) = (&*request.request, &*request.plan, request.step_index);
    if !engine.needs_references() {
        return engines::prompt_for(guide, plan, index);
    }
    let has = |kind: ReferenceKind| request.references.iter().any(|r| r.kind == kind);
    match guide.options.strategy {
        _ if graph.anchor == Some(index) => engines::anchor_prompt_for(guide, plan),
        Strategy::Chained => {
            let from = super::references::chained_source(plan, steps, index);
            engines::chained_prompt_for(guide, plan, index, from)
        }
        Strategy::Anchored | Strategy::Guided
            if !has(ReferenceKind::Anchor) && !has(ReferenceKind::Concept) =>
        {
            engines::unanchored_prompt_for(guide, plan, index)
        }
        _ => engines::prompt_for(guide, plan, index),
    }
}
