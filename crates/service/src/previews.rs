//! Schematic previews for cloud engines.
//!
//! A photo takes seconds; a schematic render takes milliseconds. So when a
//! guide goes to a cloud engine, every step's schematic is stored and
//! published first (`preview_id`), in step order, and the photo replaces it
//! when it arrives. A step whose photo fails for good keeps its preview.
//! The guided strategy sends the same stored preview as the step's
//! structure reference, so the provenance names the very image the user
//! saw.
//!
//! Each task also makes sure its own preview exists before calling the
//! engine, which covers a restart part-way through the pass.

use std::sync::Arc;

use engines::EngineRequest;
use plan::request::Engine;
use plan::{GuideRequest, Plan};
use store::StepUpdate;

use crate::app::{now, App, SharedApp};

/// Whether guides for this request's engine get previews.
pub fn wanted(app: &App, request: &GuideRequest) -> bool {
    app.engine(request.options.engine)
        .is_some_and(|e| e.shows_previews())
}

/// In the background: renders every step's preview of a newly submitted
/// guide, in step order, then queues its steps. Queueing after the
/// previews keeps the runner's schematic renders from competing with them
/// for the CPU, so the first preview is out in milliseconds; the photos
/// start a few renders later, which is nothing beside a provider's
/// seconds. A restart part-way queues the steps in recovery.
pub fn render_then_queue(app: &SharedApp, guide_id: &str, request: &GuideRequest) {
    let (app, id) = (app.clone(), guide_id.to_string());
    let request = Arc::new(request.clone());
    tokio::spawn(async move {
        let plan = Arc::new(extract::plan_for(&request));
        for index in 0..plan.steps.len() {
            if let Err(e) = ensure(&app, &id, index, &request, &plan).await {
                tracing::warn!(guide = %id, step = index + 1, error = %e, "preview failed");
            }
        }
        if let Err(e) = queue_steps(&app, &id).await {
            tracing::error!(guide = %id, error = %e, "queueing the steps failed");
        }
    });
}

/// Queues every step of the guide unless it was cancelled or deleted
/// meanwhile.
async fn queue_steps(app: &App, guide_id: &str) -> Result<(), store::StoreError> {
    let Some(guide) = app.state.guide(guide_id).await? else {
        return Ok(());
    };
    if guide.status.is_final() {
        return Ok(());
    }
    let t = now();
    for n in 1..=guide.total_steps {
        app.queue.enqueue(guide_id, n, t).await?;
    }
    app.work.notify_waiters();
    Ok(())
}

/// The id of the step's preview, rendering, storing and publishing it
/// first if the step has none. `Ok(None)` when the guide or step is gone
/// or the schematic cannot be drawn.
pub async fn ensure(
    app: &App,
    guide_id: &str,
    index: usize,
    request: &Arc<GuideRequest>,
    plan: &Arc<Plan>,
) -> Result<Option<String>, store::StoreError> {
    let number = index as u32 + 1;
    let Some(step) = app.state.step(guide_id, number).await? else {
        return Ok(None);
    };
    if step.preview_id.is_some() {
        return Ok(step.preview_id);
    }
    let Some(schematic) = app.engine(Engine::Schematic) else {
        return Ok(None);
    };
    let options = &request.options;
    let draw = EngineRequest {
        request: request.clone(),
        plan: plan.clone(),
        step_index: index,
        prompt: String::new(),
        references: Vec::new(),
        width: options.width,
        height: options.height,
        format: options.format,
        style: options.style,
        seed: engines::seed_for(guide_id, index),
        partials: None,
    };
    let image = match schematic.generate(draw).await {
        Ok(image) => image,
        Err(e) => {
            tracing::warn!(guide = %guide_id, step = number, error = %e, "no schematic preview");
            return Ok(None);
        }
    };
    let id = app.blobs.put(image.bytes, image.content_type).await?;
    let update = StepUpdate {
        preview_id: Some(Some(id.clone())),
        ..StepUpdate::default()
    };
    // The guide may have been deleted meanwhile; then there is no step.
    match app.state.update_step(guide_id, number, update, now()).await {
        Ok(event) => app.publish(event),
        Err(store::StoreError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    }
    Ok(Some(id))
}
