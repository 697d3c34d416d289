//! The photo self-check: after a cloud photo arrives, a text model of the
//! same provider is shown the photo with the parts that must be in view and
//! those that must not appear yet. A part missing or shown too early gets
//! the step exactly one redraw, with the finding added to the prompt; the
//! photo kept is the redraw's, and the step records its check (verdict,
//! findings, redraws, model, cost), which the step's cost includes.
//!
//! A check that cannot be made (the checker is down) does not fail the
//! step: the photo is kept and the check says it was not made.

use std::sync::Arc;

use engines::check::{expected_parts, CheckOutcome, CheckRequest};
use engines::{EngineImage, EngineRequest, ImageEngine};
use plan::request::RenderOptions;
use serde_json::{json, Value};
use store::Task;

use super::task::{call_engine, Outcome};
use service::app::App;

/// Whether this step's photo is checked: the request asks (or leaves it to
/// the server's default, which asks) and the engine's provider has a
/// checker here.
pub fn wanted(app: &App, engine: &Arc<dyn ImageEngine>, options: &RenderOptions) -> bool {
    options.verify.unwrap_or(app.config.verify_default) && app.checkers.contains_key(engine.name())
}

/// Checks `image` and, when the check finds a problem, draws the step once
/// more with the finding in the prompt and checks that photo too.
pub async fn check_and_redraw(
    app: &App,
    worker: &str,
    task: &Task,
    engine: &Arc<dyn ImageEngine>,
    request: EngineRequest,
    image: EngineImage,
) -> (Outcome, Option<Value>) {
    let Some(checker) = app.checkers.get(engine.name()).cloned() else {
        return (Outcome::Image(image), None);
    };
    let (in_view, not_yet) = expected_parts(&request.plan, request.step_index);
    let title = request
        .plan
        .steps
        .get(request.step_index)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    let check_of = |photo: &EngineImage| CheckRequest {
        photo: photo.bytes.clone(),
        content_type: photo.content_type.to_string(),
        step_number: task.step,
        step_title: title.clone(),
        in_view: in_view.clone(),
        not_yet: not_yet.clone(),
    };
    let first = match checker.check(&check_of(&image)).await {
        Ok(first) => first,
        Err(e) => {
            app.metrics.photo_checked("error");
            tracing::warn!(guide = %task.guide_id, step = task.step, error = %e, "the photo check could not be made");
            let record = json!({"verdict": "unchecked", "error": e.to_string(), "redraws": 0, "model": checker.model()});
            return (Outcome::Image(image), Some(record));
        }
    };
    app.metrics.photo_checked(verdict(&first));
    if first.findings.passed() {
        let record = record(&first, 0, None, first.cost_usd);
        return (
            Outcome::Image(with_check_cost(image, None, first.cost_usd)),
            Some(record),
        );
    }
    tracing::info!(guide = %task.guide_id, step = task.step, findings = %first.findings.describe(), "redrawing after the photo check");
    let mut again = request;
    again.prompt = format!("{}\n\n{}", again.prompt, first.findings.correction());
    match call_engine(app, worker, task, Arc::clone(engine), again).await {
        Outcome::Image(second) => match checker.check(&check_of(&second)).await {
            Ok(second_check) => {
                app.metrics.photo_checked(verdict(&second_check));
                let cost = first.cost_usd + second_check.cost_usd;
                let record = record(&second_check, 1, Some(&first), cost);
                (
                    Outcome::Image(with_check_cost(second, Some(&image), cost)),
                    Some(record),
                )
            }
            Err(e) => {
                app.metrics.photo_checked("error");
                let mut record = record(&first, 1, Some(&first), first.cost_usd);
                record["verdict"] = json!("unchecked");
                record["error"] = json!(e.to_string());
                (
                    Outcome::Image(with_check_cost(second, Some(&image), first.cost_usd)),
                    Some(record),
                )
            }
        },
        // The redraw failed: the first photo stays, with its finding.
        _ => {
            let record = record(&first, 1, Some(&first), first.cost_usd);
            (
                Outcome::Image(with_check_cost(image, None, first.cost_usd)),
                Some(record),
            )
        }
    }
}

fn verdict(check: &CheckOutcome) -> &'static str {
    if check.findings.passed() {
        "pass"
    } else {
        "fail"
    }
}

/// The step's check record.
fn record(check: &CheckOutcome, redraws: u32, first: Option<&CheckOutcome>, cost: f64) -> Value {
    let mut record = json!({
        "verdict": verdict(check),
        "seen": check.findings.seen,
        "missing": check.findings.missing,
        "unexpected": check.findings.unexpected,
        "redraws": redraws,
        "model": check.model,
        "cost_usd": (cost * 1e6).round() / 1e6,
    });
    if let Some(first) = first {
        record["first_findings"] = json!(first.findings.describe());
    }
    record
}

/// The image kept, its usage grown by what the discarded photo (if any) and
/// the checks cost, so the step's cost is everything spent on it.
fn with_check_cost(
    mut kept: EngineImage,
    discarded: Option<&EngineImage>,
    checks: f64,
) -> EngineImage {
    if let Some(usage) = kept.usage.as_mut() {
        if let Some(earlier) = discarded.and_then(|d| d.usage.as_ref()) {
            usage.input_tokens += earlier.input_tokens;
            usage.output_tokens += earlier.output_tokens;
            usage.total_tokens += earlier.total_tokens;
            usage.cost_usd += earlier.cost_usd;
        }
        usage.cost_usd = ((usage.cost_usd + checks) * 1e6).round() / 1e6;
    }
    kept
}
