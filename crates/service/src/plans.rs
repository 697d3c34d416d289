//! Plans written by a language model, as the background job makes them.
//!
//! A guide planned offline needs nothing stored: its plan is a pure
//! function of its request, computed where it is needed. A guide whose
//! request asks for a model plan (`planner`: `gemini`, or `auto` on a
//! server with a key) is answered 202 at once and planned in the
//! background (`phase: planning`): the model writes the plan, it is checked
//! and repaired (see the `planner` crate), stored as the guide's plan
//! version 1 with its source, published as a "plan" event, and only then
//! are the steps drawn from it (`phase: drawing`).

use std::sync::Arc;

use extract::PlanReading;
use plan::request::Planner;
use plan::GuideRequest;
use planner::cache::PlanCache;
use planner::PlanWriter;
use store::{Guide, GuideStatus, StoredPlan};

use crate::app::{now, App, SharedApp};
use crate::error::{ApiError, FieldProblem};

/// The language models this server may ask for plans.
#[derive(Clone, Default)]
pub struct Planners {
    pub gemini: Option<Arc<dyn PlanWriter>>,
    pub openai: Option<Arc<dyn PlanWriter>>,
}

impl Planners {
    /// The planner names a request may use here, for error messages and
    /// `/capabilities`.
    pub fn available(&self) -> Vec<&'static str> {
        let mut names = vec!["auto", "offline"];
        if self.gemini.is_some() {
            names.push("gemini");
        }
        if self.openai.is_some() {
            names.push("openai");
        }
        names
    }

    /// The model `auto` uses: Gemini's when both are configured (the
    /// seed's users hold a Gemini key), else OpenAI's.
    pub fn preferred(&self) -> Option<Arc<dyn PlanWriter>> {
        self.gemini.clone().or_else(|| self.openai.clone())
    }

    /// `provider:model` of each configured model.
    pub fn models(&self) -> Vec<String> {
        self.gemini
            .iter()
            .chain(self.openai.iter())
            .map(|w| format!("{}:{}", w.provider(), w.model()))
            .collect()
    }
}

/// The model that writes this request's plan here, or `None` when the
/// offline extractor does (or the request carries its own plan). An
/// explicit choice of a model this server has no key for is the caller's
/// error, named by field.
pub fn writer_for(
    app: &App,
    request: &GuideRequest,
) -> Result<Option<Arc<dyn PlanWriter>>, ApiError> {
    if request.plan.is_some() {
        return Ok(None);
    }
    let not_configured = |name: &str, how: &str| {
        ApiError::Invalid(vec![FieldProblem {
            field: "planner".into(),
            message: format!(
                "{name} is not configured on this server ({how}; available: {})",
                app.planners.available().join(", ")
            ),
        }])
    };
    match request.options.planner {
        Planner::Offline => Ok(None),
        Planner::Auto => Ok(app.planners.preferred()),
        Planner::Gemini => app
            .planners
            .gemini
            .clone()
            .map(Some)
            .ok_or_else(|| not_configured("gemini", "start the server with GEMINI_API_KEY set")),
        Planner::Openai => app
            .planners
            .openai
            .clone()
            .map(Some)
            .ok_or_else(|| not_configured("openai", "start the server with OPENAI_API_KEY set")),
    }
}

/// Where a guide is: its plan being written, waiting for the maker to
/// check it (`review_plan`), or its steps being drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Planning,
    Review,
    Drawing,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Planning => "planning",
            Phase::Review => "review",
            Phase::Drawing => "drawing",
        }
    }
}

/// What the API shows of a guide's plan: its phase, who wrote it, and what
/// the extractor understood of the text when the extractor's plan is the
/// one drawn.
pub struct PlanFacts {
    pub phase: Phase,
    /// `offline`, `offline (fallback: ...)`, `gemini:MODEL` or `request`
    /// (a plan the request carried); `None` while a model writes it.
    pub source: Option<String>,
    pub repairs: u32,
    /// The stored plan's version; `None` for a plan computed from the
    /// request.
    pub version: Option<u32>,
    pub reading: Option<Arc<PlanReading>>,
}

/// Whether the guide waits for the maker to check its plan and start
/// drawing: it asked to (`review_plan`) and nothing started it yet (a
/// started guide is generating or final, never not-started again).
pub fn awaits_review(request: &GuideRequest, guide: &Guide) -> bool {
    request.options.review_plan && guide.status == GuideStatus::NotStarted
}

/// The plan facts of a stored guide.
pub async fn facts(app: &App, guide: &Guide) -> Result<PlanFacts, store::StoreError> {
    let stored = app.state.plan(&guide.id).await?;
    Ok(facts_with(app, guide, stored.as_ref()))
}

/// [`facts`] with the stored plan already read.
pub fn facts_with(app: &App, guide: &Guide, stored: Option<&StoredPlan>) -> PlanFacts {
    let request = serde_json::from_value::<GuideRequest>(guide.request.clone()).ok();
    let drawing = match &request {
        Some(request) if awaits_review(request, guide) => Phase::Review,
        _ => Phase::Drawing,
    };
    if let Some(stored) = stored {
        // The extractor's reading explains the extractor's plan only.
        let reading = stored
            .source
            .starts_with("offline")
            .then(|| app.readings.of(guide))
            .flatten();
        return PlanFacts {
            phase: drawing,
            source: Some(stored.source.clone()),
            repairs: stored.repairs,
            version: Some(stored.version),
            reading,
        };
    }
    let carries_plan = request.as_ref().is_some_and(|r| r.plan.is_some());
    let model_planned = request
        .as_ref()
        .and_then(|r| writer_for(app, r).ok().flatten())
        .is_some();
    if model_planned {
        return PlanFacts {
            phase: if guide.status.is_final() {
                drawing
            } else {
                Phase::Planning
            },
            source: None,
            repairs: 0,
            version: None,
            reading: None,
        };
    }
    PlanFacts {
        phase: drawing,
        source: Some(if carries_plan { "request" } else { "offline" }.to_string()),
        repairs: 0,
        version: None,
        reading: app.readings.of(guide),
    }
}

/// What a guide's steps are drawn from, read once: the stored request
/// (with its stored plan in place of the extractor's when one was written),
/// or the request still waiting for the model that plans it.
pub enum ToDraw {
    Ready(GuideRequest),
    /// No plan is stored yet and a model writes it: nothing may be drawn.
    AwaitsPlan(GuideRequest, Arc<dyn PlanWriter>),
}

impl ToDraw {
    /// The request, whether its plan is written yet or not.
    pub fn into_request(self) -> GuideRequest {
        match self {
            ToDraw::Ready(request) | ToDraw::AwaitsPlan(request, _) => request,
        }
    }
}

/// Why [`to_draw`] could not say.
#[derive(Debug, thiserror::Error)]
pub enum ToDrawError {
    /// The store did not answer (worth another try).
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// What is stored cannot be read (no retry will help).
    #[error("{0}")]
    Unreadable(String),
}

/// The guide's request and plan as its steps are drawn, from one read of
/// each.
pub async fn to_draw(app: &App, guide: &Guide) -> Result<ToDraw, ToDrawError> {
    Ok(to_draw_versioned(app, guide).await?.0)
}

/// [`to_draw`] with the version of the stored plan it read (none when the
/// request's own or the extractor's plan is drawn).
pub async fn to_draw_versioned(
    app: &App,
    guide: &Guide,
) -> Result<(ToDraw, Option<u32>), ToDrawError> {
    let mut request: GuideRequest = serde_json::from_value(guide.request.clone())
        .map_err(|e| ToDrawError::Unreadable(format!("the stored request cannot be read: {e}")))?;
    if let Some(stored) = app.state.plan(&guide.id).await? {
        let plan = serde_json::from_value(stored.plan)
            .map_err(|e| ToDrawError::Unreadable(format!("the stored plan cannot be read: {e}")))?;
        request.plan = Some(plan);
        return Ok((ToDraw::Ready(request), Some(stored.version)));
    }
    match writer_for(app, &request) {
        Ok(Some(writer)) => Ok((ToDraw::AwaitsPlan(request, writer), None)),
        _ => Ok((ToDraw::Ready(request), None)),
    }
}

/// The step number of a guide's planning task: the queue holds it beside
/// the drawing tasks (steps 1 and up), so exactly one worker writes a
/// guide's plan however many processes share the queue, and a worker that
/// dies while the model writes leaves it to another when its lease runs
/// out.
pub const PLANNING_STEP: u32 = 0;

/// Queues the writing of the guide's plan; a worker has the model write
/// it, stores it and starts drawing.
pub async fn queue_planning(app: &App, guide_id: &str) -> Result<(), store::StoreError> {
    app.queue.enqueue(guide_id, PLANNING_STEP, now()).await?;
    app.work.notify_waiters();
    Ok(())
}

/// Has `writer` plan the guide (or takes the plan from the cache), stores
/// and publishes it, then starts drawing from it.
pub async fn plan_and_store(
    app: &SharedApp,
    id: &str,
    mut request: GuideRequest,
    writer: Arc<dyn PlanWriter>,
) -> Result<(), ApiError> {
    let key = PlanCache::key(&request, writer.as_ref());
    let (planned, outcome) = match app.plan_cache.get(&key) {
        Some(planned) => (planned, "cached"),
        None => {
            let planned = planner::plan_request(&request, Some(writer.as_ref())).await;
            app.plan_cache.put(key, &planned);
            let outcome = if planned.source.is_model() {
                "model"
            } else {
                "fallback"
            };
            (planned, outcome)
        }
    };
    app.metrics.plan_made(
        writer.model(),
        outcome,
        planned.usage.input_tokens,
        planned.usage.output_tokens,
    );
    let Some(guide) = app.state.guide(id).await? else {
        return Ok(());
    };
    let json =
        serde_json::to_value(&planned.plan).map_err(|e| ApiError::Internal(e.to_string()))?;
    let source = planned.source.to_string();
    let (_, event) = app
        .state
        .put_plan(id, json, &source, planned.repairs, None, now())
        .await?;
    app.publish(event);
    tracing::info!(guide = %id, %source, repairs = planned.repairs, "plan stored");
    // A guide that waits for review is drawn when the maker says so.
    if guide.status.is_final() || awaits_review(&request, &guide) {
        return Ok(());
    }
    request.plan = Some(planned.plan);
    crate::operations::start_drawing(app, id, &request).await
}
