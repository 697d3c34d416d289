//! The reference images a step is drawn from, by strategy: the previous
//! step's picture (chained; after a failed step, the latest earlier one
//! that succeeded), the anchor's (anchored and guided) and the step's own
//! schematic render (guided). Engines that draw from the plan alone get
//! none.

use std::sync::Arc;

use engines::{EngineRequest, ImageEngine, Reference, ReferenceKind, StepGraph};
use plan::request::{Engine, ImageFormat, Strategy};
use store::{Step, StepStatus};

use crate::app::App;

/// References for step `index` of a guide whose steps are `steps`.
pub async fn gather(
    app: &App,
    engine: &Arc<dyn ImageEngine>,
    strategy: Strategy,
    graph: &StepGraph,
    steps: &[Step],
    request: &EngineRequest,
) -> Result<Vec<Reference>, store::StoreError> {
    if !engine.needs_references() {
        return Ok(Vec::new());
    }
    let index = request.step_index;
    let mut out = Vec::new();
    if strategy == Strategy::Chained {
        let earlier = steps[..index.min(steps.len())]
            .iter()
            .rev()
            .find(|s| s.status == StepStatus::Completed);
        if let Some(reference) = image_of(app, earlier, ReferenceKind::PreviousStep).await? {
            out.push(reference);
        }
    }
    if let Some(anchor) = graph.anchor.filter(|a| *a != index) {
        if let Some(reference) = image_of(app, steps.get(anchor), ReferenceKind::Anchor).await? {
            out.push(reference);
        }
    }
    if strategy == Strategy::Guided {
        if let Some(schematic) = app.engine(Engine::Schematic) {
            let mut own = request.clone();
            own.references = Vec::new();
            own.format = ImageFormat::Png;
            if let Ok(image) = schematic.generate(own).await {
                out.push(Reference {
                    kind: ReferenceKind::Schematic,
                    bytes: image.bytes,
                    content_type: image.content_type.to_string(),
                });
            }
        }
    }
    Ok(out)
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
    }))
}
