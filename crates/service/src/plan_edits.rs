//! The maker's view of a guide's plan, and their edits to it.
//!
//! Every picture is exactly as true as the plan, and no reader of text is
//! always right, so the maker may fix the plan. An edit is a new stored
//! version (every version is kept; a revert stores an old one again), made
//! from the version the editor read, so two editors never overwrite each
//! other. Saving redraws only the steps whose picture the edit changes:
//! the schematic of each step before and after is compared (the camera's
//! framing is kept where the build still fits it, so untouched steps stay
//! byte for byte the same), and for a cloud engine the steps whose photo
//! was made from a redrawn one (the strategy's dependencies) follow.

use plan::{GuideRequest, Plan};
use store::{Guide, StoredPlan};

use crate::app::{now, App, SharedApp};
use crate::error::{ApiError, FieldProblem};
use crate::operations::Previews;
use crate::plans::{self, ToDraw};

/// The source of a plan a maker saved.
pub const EDITED: &str = "edited";

/// A guide's plan as it is drawn now.
#[derive(Clone, Debug)]
pub struct CurrentPlan {
    /// The stored version; 0 when none is stored yet (the plan is the
    /// extractor's reading of the request, or the request's own plan).
    pub version: u32,
    /// `offline`, `request`, `gemini:MODEL`, `edited`, `revert of N`, ...
    pub source: String,
    pub repairs: u32,
    /// When this version was stored (none for version 0).
    pub created_at: Option<f64>,
    pub plan: Plan,
    /// The extractor's confidence in its reading (0..=1), when the plan is
    /// the extractor's and unedited.
    pub confidence: Option<f64>,
}

/// What saving a plan did.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedPlan {
    pub version: u32,
    /// Steps (1-based) drawn again because their picture changes.
    pub redrawn: Vec<u32>,
    /// Steps whose picture stays as it is.
    pub unchanged: Vec<u32>,
    /// Whether the camera kept its framing; when it did not, every step
    /// is redrawn.
    pub framing_kept: bool,
    /// What the redraw costs, estimated from what this guide's pictures
    /// cost so far (0 for the schematic engine).
    pub estimated_cost_usd: f64,
}

/// The guide's plan as it is drawn now.
pub async fn current(app: &App, id: &str) -> Result<CurrentPlan, ApiError> {
    let guide = guide(app, id).await?;
    current_of(app, &guide).await.map(|(current, _)| current)
}

async fn guide(app: &App, id: &str) -> Result<Guide, ApiError> {
    app.state
        .guide(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))
}

/// The current plan and the request it belongs to (without its plan).
async fn current_of(app: &App, guide: &Guide) -> Result<(CurrentPlan, GuideRequest), ApiError> {
    let stored = app.state.plan(&guide.id).await?;
    let mut request: GuideRequest = serde_json::from_value(guide.request.clone())
        .map_err(|e| ApiError::Internal(format!("the stored request cannot be read: {e}")))?;
    let carried = request.plan.take();
    if let Some(stored) = stored {
        let plan = serde_json::from_value(stored.plan.clone())
            .map_err(|e| ApiError::Internal(format!("the stored plan cannot be read: {e}")))?;
        let facts = plans::facts_with(app, guide, Some(&stored));
        let current = CurrentPlan {
            version: stored.version,
            source: stored.source,
            repairs: stored.repairs,
            created_at: Some(stored.created_at),
            plan,
            confidence: facts.reading.map(|r| r.confidence),
        };
        return Ok((current, request));
    }
    if let Some(plan) = carried {
        let current = CurrentPlan {
            version: 0,
            source: "request".into(),
            repairs: 0,
            created_at: None,
            plan,
            confidence: None,
        };
        return Ok((current, request));
    }
    match plans::to_draw(app, guide).await {
        Ok(ToDraw::AwaitsPlan(..)) => return Err(ApiError::PlanPending(guide.id.clone())),
        Ok(ToDraw::Ready(_)) => {}
        Err(plans::ToDrawError::Store(e)) => return Err(e.into()),
        Err(plans::ToDrawError::Unreadable(e)) => return Err(ApiError::Internal(e)),
    }
    let extraction = extract::read(&request);
    let current = CurrentPlan {
        version: 0,
        source: "offline".into(),
        repairs: 0,
        created_at: None,
        plan: extraction.plan,
        confidence: extraction.reading.map(|r| r.confidence),
    };
    Ok((current, request))
}

/// Every stored version of the guide's plan, oldest first.
pub async fn versions(app: &App, id: &str) -> Result<Vec<StoredPlan>, ApiError> {
    guide(app, id).await?;
    Ok(app.state.plan_versions(id).await?)
}

/// Reads an edited plan from its JSON (`{"plan": {...}}`, as
/// `GET .../plan` answers; other fields are ignored), naming the field at
/// fault as a request's plan errors do (`plan.parts[2].kind`).
pub fn parse_edit(body: &[u8]) -> Result<Plan, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| ApiError::Syntax {
        line: e.line().max(1),
        column: e.column().max(1),
        message: e.to_string(),
    })?;
    let invalid = |field: &str, message: String| {
        ApiError::Invalid(vec![FieldProblem {
            field: field.into(),
            message,
        }])
    };
    let Some(plan) = value.as_object().and_then(|o| o.get("plan")) else {
        return Err(invalid("plan", "required: the edited plan".into()));
    };
    plan_from_json(plan.clone()).map_err(|problem| ApiError::Invalid(vec![problem]))
}

/// Reads a plan given as the JSON field `plan`, naming the field at fault
/// when it is not one (`plan.parts[2].kind: unknown variant ...`).
pub fn plan_from_json(plan: serde_json::Value) -> Result<Plan, FieldProblem> {
    serde_path_to_error::deserialize(plan).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "plan".to_string()
        } else {
            format!("plan.{path}")
        };
        FieldProblem {
            field,
            message: e.into_inner().to_string(),
        }
    })
}

/// Saves `plan` as the guide's next version, made from version `replaces`
/// (what the editor read), and redraws the steps whose picture changes.
pub async fn save(
    app: &SharedApp,
    id: &str,
    plan: Plan,
    replaces: u32,
    source: &str,
) -> Result<SavedPlan, ApiError> {
    let guide = guide(app, id).await?;
    let (current, request) = current_of(app, &guide).await?;
    if current.version != replaces {
        return Err(ApiError::StaleVersion {
            expected: replaces,
            current: current.version,
        });
    }
    let mut checked = request.clone();
    checked.plan = Some(plan);
    checked.validate()?;
    let mut plan = checked.plan.take().unwrap_or_else(|| current.plan.clone());
    let (old, options) = (current.plan, request.options.clone());
    let (plan, changed, framing_kept) = tokio::task::spawn_blocking(move || {
        render::revision::keep_framing(&old, &mut plan);
        let kept = plan.framing.is_some();
        let style = engines::schematic_style(options.style);
        render::revision::changed_steps(&old, &plan, options.width, options.height, style)
            .map(|changed| (plan, changed, kept))
    })
    .await
    .map_err(|e| ApiError::Internal(format!("comparing the plans: {e}")))?
    .map_err(|e| ApiError::Internal(format!("comparing the plans: {e}")))?;
    let json = serde_json::to_value(&plan).map_err(|e| ApiError::Internal(e.to_string()))?;
    let (stored, event) = app
        .state
        .put_plan(id, json, source, 0, Some(replaces), now())
        .await?;
    app.publish(event);

    // Nothing was drawn yet while the maker checks the plan.
    let redrawn = if plans::awaits_review(&request, &guide) {
        Vec::new()
    } else {
        with_dependants(app, &request, changed)
    };
    let steps = app.state.steps(id).await?;
    let estimated_cost_usd = redraw_cost(&steps, redrawn.len());
    let numbers: Vec<u32> = redrawn.iter().map(|&i| i as u32 + 1).collect();
    crate::operations::redraw(app, &guide, &numbers, Previews::Discard).await?;
    tracing::info!(guide = %id, version = stored.version, redrawn = numbers.len(), "plan saved");
    Ok(SavedPlan {
        version: stored.version,
        unchanged: (1..=request.steps.len() as u32)
            .filter(|n| !numbers.contains(n))
            .collect(),
        redrawn: numbers,
        framing_kept,
        estimated_cost_usd,
    })
}

/// Stores version `to` again as the newest, made from version `replaces`.
pub async fn revert(
    app: &SharedApp,
    id: &str,
    to: u32,
    replaces: u32,
) -> Result<SavedPlan, ApiError> {
    guide(app, id).await?;
    let stored = app
        .state
        .plan_version(id, to)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("plan version {to} of guide {id}")))?;
    let plan: Plan = serde_json::from_value(stored.plan)
        .map_err(|e| ApiError::Internal(format!("plan version {to} cannot be read: {e}")))?;
    save(app, id, plan, replaces, &format!("revert to {to}")).await
}

/// `changed` and every step whose picture is made from one of them (a
/// chained step edits the previous photo; anchored and guided steps take
/// the anchor's style), in step order.
fn with_dependants(app: &App, request: &GuideRequest, changed: Vec<usize>) -> Vec<usize> {
    let options = &request.options;
    let needs_references = app
        .engine(options.engine)
        .is_some_and(|e| e.needs_references());
    let graph = engines::step_graph(
        options.strategy,
        request.steps.len(),
        needs_references,
        request.concept_image.is_some(),
    );
    let mut redraw = vec![false; request.steps.len()];
    for i in changed {
        if let Some(r) = redraw.get_mut(i) {
            *r = true;
        }
    }
    // Dependencies point backwards or to the anchor, so a few passes
    // settle; each pass only adds.
    loop {
        let mut grew = false;
        for (i, deps) in graph.deps.iter().enumerate() {
            if !redraw[i]
                && deps
                    .iter()
                    .any(|&d| redraw.get(d).copied().unwrap_or(false))
            {
                redraw[i] = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (0..redraw.len()).filter(|&i| redraw[i]).collect()
}

/// `count` pictures at what this guide's pictures cost on average so far.
fn redraw_cost(steps: &[store::Step], count: usize) -> f64 {
    let costs: Vec<f64> = steps
        .iter()
        .filter_map(|s| s.usage.as_ref().map(|u| u.cost_usd))
        .collect();
    if costs.is_empty() {
        return 0.0;
    }
    costs.iter().sum::<f64>() / costs.len() as f64 * count as f64
}
