//! What the writing endpoints do, as plain functions over the stores:
//! submit a guide, regenerate a step (or several: a plan edit), cancel a
//! guide.

use plan::request::{parse_json, Engine, ImageFormat};
use plan::GuideRequest;
use sha2::{Digest, Sha256};
use store::{Created, Guide, GuideStatus, NewGuide, StepStatus, StepUpdate};

use crate::app::{now, App, SharedApp};
use crate::error::{ApiError, FieldProblem};
use crate::previews;

/// Parses and validates a request body (stepcast's shape or the seed's).
pub fn parse_request(body: &[u8]) -> Result<GuideRequest, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| ApiError::Syntax {
        line: 1,
        column: e.valid_up_to() + 1,
        message: "the body is not UTF-8".into(),
    })?;
    Ok(parse_json(text)?)
}

/// The outcome of a submission.
pub enum Submitted {
    /// Newly created and queued.
    New(Guide),
    /// The same request under the same id again: nothing new done.
    Again(Guide),
}

/// Stores a guide under `id`, queues its steps and, for a cloud engine,
/// starts drawing the schematic previews.
pub async fn submit(
    app: &SharedApp,
    id: &str,
    request: &GuideRequest,
) -> Result<Submitted, ApiError> {
    let engine = request.options.engine;
    if engine != Engine::Schematic && request.options.format == ImageFormat::Svg {
        return Err(ApiError::Invalid(vec![FieldProblem {
            field: "format".into(),
            message: format!(
                "svg is drawn by the schematic engine only; {engine} makes photos (png, webp or jpeg)"
            ),
        }]));
    }
    if app.engine(engine).is_none() {
        let mut available: Vec<&str> = app.engines.keys().map(|e| e.as_str()).collect();
        available.sort_unstable();
        return Err(ApiError::Invalid(vec![FieldProblem {
            field: "engine".into(),
            message: format!(
                "{engine} is not configured on this server (available: {})",
                available.join(", ")
            ),
        }]));
    }
    let writer = crate::plans::writer_for(app, request)?;
    let value = serde_json::to_value(request).map_err(|e| ApiError::Internal(e.to_string()))?;
    let hash = hex::encode(Sha256::digest(value.to_string().as_bytes()));
    let total = request.steps.len() as u32;
    if let Some(existing) = app.state.guide(id).await? {
        return if existing.request_hash == hash {
            Ok(Submitted::Again(existing))
        } else {
            Err(ApiError::Conflict)
        };
    }
    let depth = app.queue.depth().await?;
    if depth + u64::from(total) > app.config.max_queued_tasks {
        return Err(ApiError::Busy {
            retry_after_secs: 5,
        });
    }
    let t = now();
    let retention = app.config.retention.as_secs_f64();
    let created = app
        .state
        .create_guide(NewGuide {
            id: id.to_string(),
            request: value,
            request_hash: hash,
            total_steps: total,
            now: t,
            expires_at: (retention > 0.0).then_some(t + retention),
        })
        .await?;
    let guide = match created {
        Created::New(guide) => guide,
        Created::Existing(guide) => return Ok(Submitted::Again(guide)),
        Created::Conflict(_) => return Err(ApiError::Conflict),
    };
    // A guide whose plan the maker checks first stays pending (planned,
    // if a model writes its plan) until `approve`.
    if request.options.review_plan {
        if writer.is_some() {
            crate::plans::queue_planning(app, id).await?;
        }
        let guide = app.state.guide(id).await?.unwrap_or(guide);
        return Ok(Submitted::New(guide));
    }
    // Generating before the first task is queued: a worker may finish every
    // step before this function returns, and its final status must win.
    let event = app
        .state
        .set_guide_status(id, GuideStatus::Generating, None, t)
        .await?;
    app.publish(event);
    match writer {
        Some(_) => crate::plans::queue_planning(app, id).await?,
        None => start_drawing(app, id, request).await?,
    }
    let guide = app.state.guide(id).await?.unwrap_or(guide);
    Ok(Submitted::New(guide))
}

/// Starts drawing a guide whose plan is known: for a cloud engine its
/// previews first (then its steps, in the background), else its steps at
/// once.
pub async fn start_drawing(
    app: &SharedApp,
    id: &str,
    request: &GuideRequest,
) -> Result<(), ApiError> {
    if previews::wanted(app, request) {
        previews::render_then_queue(app, id, request);
    } else {
        let t = now();
        for n in 1..=request.steps.len() as u32 {
            app.queue.enqueue(id, n, t).await?;
        }
        app.work.notify_waiters();
    }
    Ok(())
}

/// What `approve` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approved {
    /// Drawing started now.
    Started,
    /// It had started already (approving twice is harmless).
    AlreadyStarted,
}

/// The maker checked the plan of a guide that waited for review: drawing
/// starts from the plan as it is now.
pub async fn approve(app: &SharedApp, id: &str) -> Result<Approved, ApiError> {
    let guide = app
        .state
        .guide(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))?;
    let request = match crate::plans::to_draw(app, &guide).await {
        Ok(crate::plans::ToDraw::Ready(request)) => request,
        Ok(crate::plans::ToDraw::AwaitsPlan(..)) => return Err(ApiError::PlanPending(id.into())),
        Err(crate::plans::ToDrawError::Store(e)) => return Err(e.into()),
        Err(crate::plans::ToDrawError::Unreadable(e)) => return Err(ApiError::Internal(e)),
    };
    if !request.options.review_plan {
        return Err(ApiError::NotInReview(id.into()));
    }
    if !crate::plans::awaits_review(&request, &guide) {
        return Ok(Approved::AlreadyStarted);
    }
    let event = app
        .state
        .set_guide_status(id, GuideStatus::Generating, None, now())
        .await?;
    app.publish(event);
    start_drawing(app, id, &request).await?;
    Ok(Approved::Started)
}

/// Queues step `n` of guide `id` to be drawn again.
pub async fn regenerate(app: &App, id: &str, n: u32) -> Result<(), ApiError> {
    let guide = app
        .state
        .guide(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))?;
    if app.state.step(id, n).await?.is_none() {
        return Err(ApiError::NotFound(format!(
            "step {n} of guide {id} (it has {} steps)",
            guide.total_steps
        )));
    }
    let waits = serde_json::from_value::<GuideRequest>(guide.request.clone())
        .is_ok_and(|request| crate::plans::awaits_review(&request, &guide));
    if waits {
        return Err(ApiError::AwaitsReview(id.into()));
    }
    redraw(app, &guide, &[n], Previews::Keep).await
}

/// Whether a step drawn again keeps its schematic preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Previews {
    /// The plan is the same: the preview still shows the step.
    Keep,
    /// The plan changed: the preview is drawn again first.
    Discard,
}

/// Sets steps `numbers` of `guide` pending and queues them; a cancelled
/// guide resumes (its steps that never ran are queued too, so it can reach
/// a final status again) and the guide is generating.
pub async fn redraw(
    app: &App,
    guide: &Guide,
    numbers: &[u32],
    previews: Previews,
) -> Result<(), ApiError> {
    if numbers.is_empty() {
        return Ok(());
    }
    let id = &guide.id;
    let t = now();
    for &n in numbers {
        let update = StepUpdate {
            status: Some(StepStatus::Pending),
            error: Some(None),
            attempts: Some(0),
            preview_id: (previews == Previews::Discard).then_some(None),
            ..StepUpdate::default()
        };
        app.publish(app.state.update_step(id, n, update, t).await?);
    }
    if guide.status == GuideStatus::Cancelled {
        for step in app.state.steps(id).await? {
            let unfinished = matches!(step.status, StepStatus::Pending | StepStatus::Generating);
            if unfinished && !numbers.contains(&step.number) {
                app.queue.enqueue(id, step.number, t).await?;
            }
        }
    }
    if guide.status != GuideStatus::Generating {
        app.publish(
            app.state
                .set_guide_status(id, GuideStatus::Generating, None, t)
                .await?,
        );
    }
    for &n in numbers {
        app.queue.enqueue(id, n, t).await?;
    }
    app.work.notify_waiters();
    Ok(())
}

/// Stops a guide: queued steps are dropped, running ones are discarded
/// when they finish, finished images stay.
pub async fn cancel(app: &App, id: &str) -> Result<Guide, ApiError> {
    let guide = app
        .state
        .guide(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))?;
    if guide.status.is_final() {
        return Ok(guide);
    }
    app.queue.cancel_guide(id).await?;
    let event = app
        .state
        .set_guide_status(id, GuideStatus::Cancelled, None, now())
        .await?;
    app.publish(event);
    app.state
        .guide(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))
}
