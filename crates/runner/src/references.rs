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

use service::app::App;

/// References for `request.step_index`, given the guide's `steps` and
/// the step's schematic preview (see `previews::ensure`).
pub async fn gather(
    app: &App,
    engine: &Arc<dyn ImageEngine>,
    graph: &StepGraph,
    steps: &[Step],
    request: &EngineRequest,
    preview_id: Option<&str>,
) -> Result<Vec<Reference>, store::StoreError> {
    if !engine.needs_references() {
        return Ok(Vec::new());
    }
    let strategy = request.request.options.strategy;
    let index = request.step_index;
    let mut out = Vec::new();
    if strategy == Strategy::Guided {
        out.extend(stored(app, preview_id, ReferenceKind::Schematic).await?);
    }
    if strategy == Strategy::Chained {
        if let Some(from) = chained_source(&request.plan, steps, index) {
            out.extend(image_of(app, steps.get(from), ReferenceKind::PreviousStep).await?);
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

/// The step whose picture the `chained` strategy edits into step `index`
/// (0-based): the latest earlier step that was drawn, unless this step or
/// that one only lists materials (a flat lay is no picture to edit).
/// `None`: the step is drawn afresh (see `plan::prompt::chained_prompt`).
pub fn chained_source(plan: &plan::Plan, steps: &[Step], index: usize) -> Option<usize> {
    let materials_only = |i: usize| plan.steps.get(i).is_some_and(|s| s.materials_only);
    if materials_only(index) {
        return None;
    }
    let from = steps[..index.min(steps.len())]
        .iter()
        .rposition(|s| s.status == StepStatus::Completed && s.image_id.is_some())?;
    (!materials_only(from)).then_some(from)
}

/// A completed step's image as a reference.
async fn image_of(
    app: &App,
    step: Option<&Step>,
    kind: ReferenceKind,
) -> Result<Option<Reference>, store::StoreError> {
    let image_id = step
        .filter(|s| s.status == StepStatus::Completed)
        .and_then(|s| s.image_id.as_deref());
    stored(app, image_id, kind).await
}

/// A stored image as a reference, if it is there.
async fn stored(
    app: &App,
    image_id: Option<&str>,
    kind: ReferenceKind,
) -> Result<Option<Reference>, store::StoreError> {
    let Some(image_id) = image_id else {
        return Ok(None);
    };
    Ok(app.blobs.get(image_id).await?.map(|blob| Reference {
        kind,
        bytes: blob.bytes,
        content_type: blob.content_type.to_string(),
        image_id: Some(image_id.to_string()),
    }))
}
