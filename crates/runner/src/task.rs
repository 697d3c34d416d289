//! Running one task: one step of one guide, from lease to stored image.
//!
//! The engine call runs in its own tokio task, which is the panic boundary
//! (a panicking engine fails that step only), under a timeout, with
//! heartbeats keeping the lease while it works. Transient errors are
//! retried with backoff up to the attempt limit; permanent ones fail the
//! step at once.

use std::sync::Arc;
use std::time::Duration;

use engines::{EngineError, EngineRequest, ImageEngine, Usage};
use plan::request::Strategy;
use plan::GuideRequest;
use store::{GuideStatus, StepReference, StepStatus, StepUpdate, StepUsage, Task};

use super::dependencies;
use super::policy::{backoff, final_status};
use super::rate::RateLimit;
use service::app::{now, App, SharedApp};

/// How a task's engine call ended.
pub(super) enum Outcome {
    Image(engines::EngineImage),
    Failed(EngineError),
    Panicked(String),
    TimedOut,
    LostLease,
    Cancelled,
}

impl Outcome {
    /// The `outcome` label of the latency metric.
    fn label(&self) -> &'static str {
        match self {
            Outcome::Image(_) => "ok",
            Outcome::Failed(e) if e.is_transient() => "transient",
            Outcome::Failed(_) => "permanent",
            Outcome::Panicked(_) => "panic",
            Outcome::TimedOut => "timeout",
            Outcome::LostLease => "lost_lease",
            Outcome::Cancelled => "cancelled",
        }
    }
}

pub async fn run(
    app: &SharedApp,
    limits: &std::collections::HashMap<&'static str, Arc<RateLimit>>,
    worker: &str,
    task: Task,
) {
    let ran = if task.step == service::plans::PLANNING_STEP {
        super::planning::run(app, worker, &task).await
    } else {
        run_inner(app, limits, worker, &task).await
    };
    if let Err(e) = ran {
        tracing::error!(guide = %task.guide_id, step = task.step, error = %e, "task failed to run");
        // Hand it back so it runs again rather than being lost. Our storage
        // failed, not the engine, so the try does not count against the
        // step's attempts (a bucket or Redis that is away for a while must
        // not fail the guide). If even this fails, the lease runs out.
        let _ = app.queue.defer(task.id, now() + 1.0).await;
    }
}

async fn run_inner(
    app: &App,
    limits: &std::collections::HashMap<&'static str, Arc<RateLimit>>,
    worker: &str,
    task: &Task,
) -> Result<(), store::StoreError> {
    let id = task.guide_id.as_str();
    let Some(guide) = app.state.guide(id).await? else {
        app.queue.complete(task.id).await?;
        return Ok(());
    };
    if guide.status == GuideStatus::Cancelled {
        app.queue.complete(task.id).await?;
        return Ok(());
    }
    // The version drawn from: a plan saved meanwhile is newer at the end,
    // and the step is drawn again (never kept from an older plan).
    let read = service::plans::to_draw_versioned(app, &guide).await;
    let drawn_plan = read.as_ref().ok().and_then(|(_, version)| *version);
    let request: GuideRequest = match read.map(|(to_draw, _)| to_draw) {
        // Not to be drawn before the maker has checked the plan; drawing
        // queues it again.
        Ok(service::plans::ToDraw::Ready(request))
            if service::plans::awaits_review(&request, &guide) =>
        {
            app.queue.complete(task.id).await?;
            return Ok(());
        }
        Ok(service::plans::ToDraw::Ready(request)) => request,
        // Queued before its plan was stored (a restart part-way): the
        // plan's own job queues the steps again when it is done.
        Ok(service::plans::ToDraw::AwaitsPlan(..)) => {
            app.queue.complete(task.id).await?;
            return Ok(());
        }
        Err(service::plans::ToDrawError::Store(e)) => return Err(e),
        Err(e) => return fail(app, task, e.to_string()).await,
    };
    let index = task.step.saturating_sub(1) as usize;
    let plan = extract::plan_for(&request);
    let Some(engine) = app.engine(request.options.engine) else {
        let name = request.options.engine;
        return fail(
            app,
            task,
            format!("engine {name} is not configured on this server"),
        )
        .await;
    };
    // Steps wait for the steps they depend on (chained, anchored).
    let graph = engines::step_graph(
        request.options.strategy,
        plan.steps.len(),
        engine.needs_references(),
        request.concept_image.is_some(),
    );
    let steps = app.state.steps(id).await?;
    if dependencies::waiting_on(&graph, index, &steps) {
        // Put back unrun; the step it waits for wakes it when it is done.
        app.queue
            .defer(task.id, now() + dependencies::DEPENDENCY_POLL_SECS)
            .await?;
        // That step may have finished between the read above and the defer
        // (its wake then found this task leased): look once more.
        if !dependencies::waiting_on(&graph, index, &app.state.steps(id).await?) {
            app.queue.wake(id, &[task.step], now()).await?;
            app.work.notify_waiters();
        }
        return Ok(());
    }

    let options = &request.options;
    let mut engine_request = EngineRequest {
        request: Arc::new(request.clone()),
        plan: Arc::new(plan),
        step_index: index,
        prompt: String::new(),
        references: Vec::new(),
        width: options.width,
        height: options.height,
        format: options.format,
        style: options.style,
        seed: engines::seed_for(id, index),
        partials: None,
    };
    // Cloud engines show it while they work; guided sends it.
    let guided = engine.needs_references() && options.strategy == Strategy::Guided;
    let preview_id = match steps.get(index).and_then(|s| s.preview_id.clone()) {
        Some(known) => Some(known),
        None if engine.shows_previews() || guided => {
            let (request, plan) = (&engine_request.request, &engine_request.plan);
            service::previews::ensure(app, id, index, request, plan).await?
        }
        None => None,
    };
    engine_request.references = super::references::gather(
        app,
        &engine,
        &graph,
        &steps,
        &engine_request,
        preview_id.as_deref(),
    )
    .await?;
    engine_request.prompt =
        super::prompts::prompt_for_step(&engine, &graph, &steps, &engine_request);
    let update = StepUpdate {
        status: Some(StepStatus::Generating),
        attempts: Some(task.attempt),
        // The schematic engine draws from the plan; a prompt it never
        // used would be false provenance.
        prompt_used: Some((engine.name() != "schematic").then(|| engine_request.prompt.clone())),
        references: Some(
            engine_request
                .references
                .iter()
                .map(|r| StepReference {
                    kind: r.kind.as_str().to_string(),
                    image_id: r.image_id.clone(),
                })
                .collect(),
        ),
        ..StepUpdate::default()
    };
    app.publish(app.state.update_step(id, task.step, update, now()).await?);

    if let Some(limit) = limits.get(engine.name()) {
        limit.acquire().await;
    }
    let started = std::time::Instant::now();
    let engine_name = engine.name();
    // A streaming engine's partial images are stored and published as they
    // come; all of them before the step's final event.
    let (sink, partials) = if engine.streams_partials() {
        let (sink, partials) = tokio::sync::mpsc::unbounded_channel();
        (Some(sink), Some(partials))
    } else {
        (None, None)
    };
    // Kept for a redraw the photo check may ask for (without the partial
    // images' sender, whose last drop ends their publishing).
    let checked = super::verify::wanted(app, &engine, options).then(|| engine_request.clone());
    engine_request.partials = sink;
    let (outcome, ()) = tokio::join!(
        call_engine(app, worker, task, engine.clone(), engine_request),
        publish_partials(app, task, partials),
    );
    app.metrics
        .engine_call(engine_name, outcome.label(), started.elapsed());
    let (outcome, check) = match (outcome, checked) {
        (Outcome::Image(image), Some(request)) => {
            super::verify::check_and_redraw(app, worker, task, &engine, request, image).await
        }
        (outcome, _) => (outcome, None),
    };

    // A guide cancelled while we worked keeps nothing of this step, which
    // goes back to pending (not drawn), so a resumed guide runs it again.
    match app.state.guide(id).await? {
        None => {
            app.queue.complete(task.id).await?;
            return Ok(());
        }
        Some(g) if g.status == GuideStatus::Cancelled => {
            let update = StepUpdate {
                status: Some(StepStatus::Pending),
                ..StepUpdate::default()
            };
            app.publish(app.state.update_step(id, task.step, update, now()).await?);
            app.queue.complete(task.id).await?;
            return Ok(());
        }
        Some(_) => {}
    }
    // The maker saved a new plan while we drew from the old one: the
    // picture is out of date before it is shown. The step goes back to
    // pending and runs again now (the save could not queue it while this
    // task held it), without counting an attempt.
    if plan_version(app, id).await? != drawn_plan {
        let update = StepUpdate {
            status: Some(StepStatus::Pending),
            ..StepUpdate::default()
        };
        app.publish(app.state.update_step(id, task.step, update, now()).await?);
        app.queue.defer(task.id, now()).await?;
        app.work.notify_waiters();
        return Ok(());
    }
    let settled = settle(app, task, engine_name, outcome, check).await;
    dependencies::wake_dependents(app, task, &graph).await?;
    settled
}

/// The stored plan's version (none while the request's own or the
/// extractor's plan is drawn).
async fn plan_version(app: &App, id: &str) -> Result<Option<u32>, store::StoreError> {
    Ok(app.state.plan(id).await?.map(|p| p.version))
}

/// Stores each partial image as it arrives and publishes a "partial" event
/// (`{step_number, index, image_id}`) for it, until the engine call ends
/// and drops its sender. A partial image that cannot be stored is logged
/// and skipped: it is a preview of the real one, not worth failing for.
async fn publish_partials(
    app: &App,
    task: &Task,
    partials: Option<tokio::sync::mpsc::UnboundedReceiver<engines::PartialImage>>,
) {
    let Some(mut partials) = partials else {
        return;
    };
    while let Some(partial) = partials.recv().await {
        let stored = async {
            let image_id = app.blobs.put(partial.bytes, partial.content_type).await?;
            let data = serde_json::json!({
                "step_number": task.step,
                "index": partial.index,
                "image_id": image_id,
            });
            app.state
                .record_event(&task.guide_id, "partial", data, now())
                .await
        };
        match stored.await {
            Ok(event) => app.publish(event),
            Err(e) => {
                tracing::warn!(guide = %task.guide_id, step = task.step, error = %e, "a partial image was not kept")
            }
        }
    }
}

/// Stores what the engine call came to.
async fn settle(
    app: &App,
    task: &Task,
    engine_name: &str,
    outcome: Outcome,
    check: Option<serde_json::Value>,
) -> Result<(), store::StoreError> {
    let id = task.guide_id.as_str();
    match outcome {
        Outcome::Image(image) => {
            if let Some(usage) = &image.usage {
                app.metrics.provider_usage(engine_name, usage);
            }
            let image_id = app.blobs.put(image.bytes, image.content_type).await?;
            let t = now();
            let update = StepUpdate {
                status: Some(StepStatus::Completed),
                image_id: Some(Some(image_id)),
                generated_at: Some(Some(t)),
                error: Some(None),
                usage: Some(image.usage.map(stored_usage)),
                check: Some(check),
                ..StepUpdate::default()
            };
            app.publish(app.state.update_step(id, task.step, update, t).await?);
            app.queue.complete(task.id).await?;
            finish_guide(app, id).await
        }
        Outcome::Failed(EngineError::Transient {
            message,
            retry_after,
        }) => retry_or_fail(app, task, message, retry_after).await,
        Outcome::TimedOut => {
            let secs = app.config.task_timeout.as_secs_f64();
            retry_or_fail(
                app,
                task,
                format!("the engine took longer than {secs} s"),
                None,
            )
            .await
        }
        Outcome::Failed(EngineError::Permanent { message }) => fail(app, task, message).await,
        Outcome::Panicked(message) => {
            fail(app, task, format!("the engine crashed: {message}")).await
        }
        Outcome::LostLease | Outcome::Cancelled => Ok(()),
    }
}

pub(super) async fn call_engine(
    app: &App,
    worker: &str,
    task: &Task,
    engine: Arc<dyn ImageEngine>,
    request: EngineRequest,
) -> Outcome {
    // Listen for this guide being cancelled, to stop drawing at once.
    let mut events = app.events.subscribe();
    let mut listening = true;
    let mut handle = tokio::spawn(async move { engine.generate(request).await });
    let deadline = tokio::time::sleep(app.config.task_timeout);
    tokio::pin!(deadline);
    let lease_lost = hold_lease(app, worker, task);
    tokio::pin!(lease_lost);
    loop {
        tokio::select! {
            joined = &mut handle => {
                return match joined {
                    Ok(Ok(image)) => Outcome::Image(image),
                    Ok(Err(e)) => Outcome::Failed(e),
                    Err(e) if e.is_panic() => Outcome::Panicked(panic_message(e.into_panic())),
                    Err(e) => Outcome::Panicked(e.to_string()),
                };
            }
            _ = &mut deadline => {
                handle.abort();
                return Outcome::TimedOut;
            }
            event = events.recv(), if listening => {
                if matches!(event, Err(tokio::sync::broadcast::error::RecvError::Closed)) {
                    listening = false;
                }
                let cancelled = event.is_ok_and(|e| {
                    e.guide_id == task.guide_id
                        && e.kind == "guide"
                        && e.data.get("status").and_then(|s| s.as_str()) == Some("cancelled")
                });
                if cancelled {
                    handle.abort();
                    return Outcome::Cancelled;
                }
            }
            _ = &mut lease_lost => {
                handle.abort();
                return Outcome::LostLease;
            }
        }
    }
}

/// Heartbeats the task's lease (three times per lease) while the caller
/// works; returns once it is lost (another worker has the task, or it was
/// cancelled).
pub(super) async fn hold_lease(app: &App, worker: &str, task: &Task) {
    let lease = app.config.lease;
    let mut beat = tokio::time::interval(lease / 3);
    beat.tick().await;
    loop {
        beat.tick().await;
        let kept = app
            .queue
            .heartbeat(task.id, worker, now(), lease.as_secs_f64())
            .await
            .unwrap_or(false);
        if !kept {
            return;
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

async fn retry_or_fail(
    app: &App,
    task: &Task,
    message: String,
    retry_after: Option<Duration>,
) -> Result<(), store::StoreError> {
    if task.attempt >= app.config.max_attempts {
        let tries = task.attempt;
        return fail(
            app,
            task,
            format!("{message} (gave up after {tries} tries)"),
        )
        .await;
    }
    let wait = backoff(app.config.retry_base, task.attempt, task.id, retry_after);
    let t = now();
    let update = StepUpdate {
        status: Some(StepStatus::Pending),
        error: Some(Some(message)),
        ..StepUpdate::default()
    };
    app.publish(
        app.state
            .update_step(&task.guide_id, task.step, update, t)
            .await?,
    );
    app.queue.release(task.id, t + wait.as_secs_f64()).await?;
    Ok(())
}

async fn fail(app: &App, task: &Task, message: String) -> Result<(), store::StoreError> {
    tracing::warn!(guide = %task.guide_id, step = task.step, %message, "step failed");
    let update = StepUpdate {
        status: Some(StepStatus::Failed),
        error: Some(Some(message)),
        ..StepUpdate::default()
    };
    app.publish(
        app.state
            .update_step(&task.guide_id, task.step, update, now())
            .await?,
    );
    app.queue.complete(task.id).await?;
    finish_guide(app, &task.guide_id).await
}

/// Sets the guide's final status once its last step is done (once: the
/// check and the change happen under the app's lock).
async fn finish_guide(app: &App, id: &str) -> Result<(), store::StoreError> {
    let _one_at_a_time = app.finishing.lock().await;
    let Some(guide) = app.state.guide(id).await? else {
        return Ok(());
    };
    let steps = app.state.steps(id).await?;
    if let Some(status) = final_status(&steps) {
        if guide.status != status && guide.status != GuideStatus::Cancelled {
            app.publish(app.state.set_guide_status(id, status, None, now()).await?);
        }
    }
    Ok(())
}

/// The engine's usage as the store keeps it.
fn stored_usage(usage: Usage) -> StepUsage {
    StepUsage {
        model: usage.model,
        latency_ms: usage.latency_ms,
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        total_tokens: usage.total_tokens,
        cost_usd: usage.cost_usd,
    }
}
