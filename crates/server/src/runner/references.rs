//! The reference images a step is drawn from, by strategy:
//!
//! - `chained`: the previous step's picture (after a failed step, the
//!   latest earlier one that succeeded), except where the prompt starts
//!   afresh (a materials-only step, or one after a materials-only step);
//! - `anchored`: the anchor, which is the user's concept image if the
//!   request has one, else the finished build generated first;
//! - `guided`: the step's own schematic preview (structure) and the anchor
//!   (style).
//!
//! Engines that draw from the plan alone get none. The list is cut to the
//! engine's input image limit, most important first, so what is recorded
//! as the step's provenance is exactly what was sent.

use std::sync::Arc;

use engines::{EngineRequest, ImageEngine, Reference, ReferenceKind, StepGraph};
use plan::request::Strategy;
use store::{Step, StepStatus};

use crate::app::App;

/// References for `request.step_index`, given the guide's `steps`.
pub async fn gather(
    app: &App,
    engine: &Arc<dyn ImageEngine>,
    graph: &StepGraph,
    steps: &[Step],
    request: &EngineRequest,
) -> Result<Vec<Reference>, store::StoreError> {
    if !engine.needs_references() {
        return Ok(Vec::new());
    }
    let strategy = request.request.options.strategy;
    let index = request.step_index;
    let mut out = Vec::new();
    if strategy == Strategy::Guided {
        let guide_id = steps.first().map(|s| s.guide_id.as_str()).unwrap_or("");
        if let Some(preview) =
            super::previews::ensure(app, guide_id, index, &request.request, &request.plan).await?
        {
            out.push(preview);
        }
    }
    if strategy == Strategy::Chained && !starts_afresh(request, index) {
        let earlier = steps[..index.min(steps.len())]
            .iter()
            .rev()
            .find(|s| s.status == StepStatus::Completed);
        let earlier_is_materials = earlier
            .and_then(|s| request.plan.steps.get(s.number as usize - 1))
            .is_some_and(|s| s.materials_only);
        if !earlier_is_materials {
            out.extend(image_of(app, earlier, ReferenceKind::PreviousStep).await?);
        }
    }
    if matches!(strategy, Strategy::Anchored | Strategy::Guided) {
        if let Some(concept) = request.request.concept_image() {
            out.push(Reference {
                kind: ReferenceKind::Concept,
                bytes: bytes::Bytes::from(concept.bytes),
                content_type: concept.mime_type.to_string(),
                image_id: None,
            });
        } else if let Some(anchor) = graph.anchor.filter(|a| *a != index) {
            out.extend(image_of(app, steps.get(anchor), ReferenceKind::Anchor).await?);
        }
    }
    Ok(engines::engine::most_important(
        out,
        engine.max_references(),
    ))
}

/// Whether the chained prompt for step `index` draws from scratch rather
/// than editing the previous picture (see `plan::prompt`).
fn starts_afresh(request: &EngineRequest, index: usize) -> bool {
    let steps = &request.plan.steps;
    index == 0
        || steps.get(index).is_some_and(|s| s.materials_only)
        || steps.get(index - 1).is_some_and(|s| s.materials_only)
}

async fn image_of(
    app: &App,
    step: Option<&Step>,
    kind: ReferenceKind,
) -> Result<Option<Reference>, store::StoreError> {
    let Some(image_id) = step
        .filter(|s| s.status == StepStatus::Completed)
        .and_then(|s| s.image_id.as_ref())
    else {
        return Ok(None);
    };
    Ok(app.blobs.get(image_id).await?.map(|blob| Reference {
        kind,
        bytes: blob.bytes,
        content_type: blob.content_type.to_string(),
        image_id: Some(image_id.clone()),
    }))
}
