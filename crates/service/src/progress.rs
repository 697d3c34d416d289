//! The seed's JSON shapes, kept exactly (fields may be added, none removed
//! or renamed), built from stored guides and steps.

use extract::{PlanReading, StepReading};
use serde::Serialize;
use store::{Guide, GuideStatus, Step, StepStatus};
use utoipa::ToSchema;

use crate::plans::{Phase, PlanFacts};

/// One step, as the seed's `StepImageResponse`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct StepImageJson {
    pub step_number: u32,
    pub image_id: Option<String>,
    pub image_url: Option<String>,
    /// pending, generating, completed or failed.
    #[schema(value_type = String, example = "completed")]
    pub status: StepStatus,
    pub generated_at: Option<f64>,
    /// Why the step failed (or why its last try did).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_used: Option<String>,
    pub attempts: u32,
    /// The step's schematic render, shown while a cloud engine works and
    /// kept if it fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<String>,
    /// The reference images sent with the step's generation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<ReferenceJson>,
    /// What the provider charged for the image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<UsageJson>,
    /// What the planner understood of the step's text; absent when the
    /// request carried a hand-written plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub understanding: Option<UnderstandingJson>,
    /// The photo's self-check, when the guide asked for one (`verify`):
    /// `{verdict (pass, fail or unchecked), seen, missing, unexpected,
    /// redraws, first_findings?, model, cost_usd}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub check: Option<serde_json::Value>,
}

/// What the planner made of one step's text.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UnderstandingJson {
    /// 0..1: the share of the step's verbs and noun phrases that became
    /// the plan; 1 when there was nothing to read.
    pub confidence: f64,
    /// Words that became the plan and what they became.
    pub understood: Vec<UnderstoodJson>,
    /// Words that were not used, each with the reason.
    pub unresolved: Vec<UnresolvedJson>,
    /// The step only lists materials or tools; nothing is drawn for it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub materials_only: bool,
}

/// A word or phrase of the step text and what the plan took it for.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UnderstoodJson {
    #[schema(example = "glue")]
    pub text: String,
    #[schema(example = "glue the strip to the bottle")]
    pub meaning: String,
}

/// A word or phrase of the step text that the plan does not reflect.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UnresolvedJson {
    #[schema(example = "blade")]
    pub text: String,
    #[schema(example = "unknown noun, not drawn")]
    pub reason: String,
}

impl UnderstandingJson {
    fn of(reading: &StepReading) -> UnderstandingJson {
        UnderstandingJson {
            confidence: reading.confidence,
            understood: reading
                .understood
                .iter()
                .map(|u| UnderstoodJson {
                    text: u.text.clone(),
                    meaning: u.meaning.clone(),
                })
                .collect(),
            unresolved: reading
                .unresolved
                .iter()
                .map(|u| UnresolvedJson {
                    text: u.text.clone(),
                    reason: u.reason.clone(),
                })
                .collect(),
            materials_only: reading.materials_only,
        }
    }
}

/// One reference image a step was drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ReferenceJson {
    /// schematic, anchor, previous_step or concept.
    pub kind: String,
    pub image_id: Option<String>,
    pub image_url: Option<String>,
}

/// What a paid provider made and charged: one image for a step, or the
/// totals of a guide.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct UsageJson {
    /// For a step, the model that answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub images: u32,
    /// The provider's own time (summed over a guide's steps).
    pub latency_ms: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub total_tokens: u64,
    /// Estimated: the operator's price per image, else the provider's list
    /// price for the model and image size asked.
    pub cost_usd: f64,
}

impl UsageJson {
    fn of(usage: &store::StepUsage) -> UsageJson {
        UsageJson {
            model: Some(usage.model.clone()),
            images: 1,
            latency_ms: usage.latency_ms,
            input_tokens: usage.input_tokens,
            output_tokens: usage.output_tokens,
            total_tokens: usage.total_tokens,
            cost_usd: usage.cost_usd,
        }
    }

    /// The sum over `steps`, or `None` when no step was paid for.
    fn total(steps: &[Step]) -> Option<UsageJson> {
        let mut total = UsageJson::default();
        for usage in steps.iter().filter_map(|s| s.usage.as_ref()) {
            total.images += 1;
            total.latency_ms += usage.latency_ms;
            total.input_tokens += usage.input_tokens;
            total.output_tokens += usage.output_tokens;
            total.total_tokens += usage.total_tokens;
            total.cost_usd += usage.cost_usd;
        }
        // Sums of prices like 0.039 pick up float noise; cents to 6 places.
        total.cost_usd = (total.cost_usd * 1e6).round() / 1e6;
        (total.images > 0).then_some(total)
    }
}

/// A guide's progress, as the seed's `StepImagesProgressResponse`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProgressJson {
    /// not_started, generating, completed, completed_with_errors, failed or
    /// cancelled.
    #[schema(value_type = String, example = "generating")]
    pub status: GuideStatus,
    pub total_steps: u32,
    pub completed_steps: u32,
    pub failed_steps: u32,
    pub progress: f64,
    pub step_images: Vec<StepImageJson>,
    pub started_at: Option<f64>,
    pub completed_at: Option<f64>,
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The printable guide, once a step has a picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide_url: Option<String>,
    /// The animated time-lapse (WebP; `.gif` beside it), once the guide is
    /// finished with at least one picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timelapse_url: Option<String>,
    /// What a paid provider made and charged for the guide so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<UsageJson>,
    /// 0..1: how much of the project's text the planner understood (the
    /// mean over the steps that build something); absent for a
    /// hand-written plan. Each step's `understanding` says what and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_confidence: Option<f64>,
    /// While the guide is `generating`: `planning` (a language model is
    /// writing its plan; no step is drawn yet) or `drawing`. A guide
    /// submitted with `review_plan` is `planning`, then `review` (its plan
    /// waits for the maker: `POST /step-images/{id}/draw` starts drawing).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "drawing")]
    pub phase: Option<&'static str>,
    /// Who wrote the plan the pictures are drawn from: `offline` (the
    /// extractor), `offline (fallback: REASON)` (the extractor, after the
    /// model failed), `gemini:MODEL`, or `request` (the request carried
    /// it). Absent while a model writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "gemini:gemini-3.8-flash")]
    pub plan_source: Option<String>,
    /// How many times the validator's errors went back to the model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_repairs: Option<u32>,
    /// The stored plan's version (absent for a plan computed from the
    /// request).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_version: Option<u32>,
}

fn image_url(base_url: &str, id: &str) -> String {
    format!("{}/images/{id}", base_url.trim_end_matches('/'))
}

/// A step's JSON; `reading` is the guide's plan reading, if its text was
/// read.
pub fn step_json(step: &Step, base_url: &str, reading: Option<&PlanReading>) -> StepImageJson {
    StepImageJson {
        step_number: step.number,
        image_url: step.image_id.as_ref().map(|id| image_url(base_url, id)),
        image_id: step.image_id.clone(),
        status: step.status,
        generated_at: step.generated_at,
        error: step.error.clone(),
        prompt_used: step.prompt_used.clone(),
        attempts: step.attempts,
        preview_id: step.preview_id.clone(),
        preview_url: step.preview_id.as_ref().map(|id| image_url(base_url, id)),
        references: step
            .references
            .iter()
            .map(|r| ReferenceJson {
                kind: r.kind.clone(),
                image_id: r.image_id.clone(),
                image_url: r.image_id.as_ref().map(|id| image_url(base_url, id)),
            })
            .collect(),
        usage: step.usage.as_ref().map(UsageJson::of),
        understanding: reading
            .and_then(|r| r.steps.get(step.number.saturating_sub(1) as usize))
            .map(UnderstandingJson::of),
        check: step.check.clone(),
    }
}

pub fn progress_json(
    guide: &Guide,
    steps: &[Step],
    base_url: &str,
    plan: &PlanFacts,
) -> ProgressJson {
    let reading = plan.reading.as_deref();
    let completed = steps
        .iter()
        .filter(|s| s.status == StepStatus::Completed)
        .count() as u32;
    let failed = steps
        .iter()
        .filter(|s| s.status == StepStatus::Failed)
        .count() as u32;
    let total = guide.total_steps;
    ProgressJson {
        status: guide.status,
        total_steps: total,
        completed_steps: completed,
        failed_steps: failed,
        progress: if total == 0 {
            0.0
        } else {
            f64::from(completed + failed) / f64::from(total)
        },
        step_images: steps
            .iter()
            .map(|s| step_json(s, base_url, reading))
            .collect(),
        started_at: guide.started_at,
        completed_at: guide.completed_at,
        error: guide.error.clone(),
        id: Some(guide.id.clone()),
        guide_url: (completed > 0).then(|| {
            format!(
                "{}/step-images/{}/guide.html",
                base_url.trim_end_matches('/'),
                guide.id
            )
        }),
        timelapse_url: (completed > 0 && guide.status.is_final()).then(|| {
            format!(
                "{}/step-images/{}/timelapse.webp",
                base_url.trim_end_matches('/'),
                guide.id
            )
        }),
        usage: UsageJson::total(steps),
        plan_confidence: reading.map(|r| r.confidence),
        phase: (guide.status == GuideStatus::Generating || plan.phase != Phase::Drawing)
            .then(|| plan.phase.as_str()),
        plan_source: plan.source.clone(),
        plan_repairs: plan.source.as_ref().map(|_| plan.repairs),
        plan_version: plan.version,
    }
}

/// The seed's answer for an id it has never seen.
pub fn not_started() -> ProgressJson {
    ProgressJson {
        status: GuideStatus::NotStarted,
        total_steps: 0,
        completed_steps: 0,
        failed_steps: 0,
        progress: 0.0,
        step_images: Vec::new(),
        started_at: None,
        completed_at: None,
        error: None,
        id: None,
        guide_url: None,
        timelapse_url: None,
        usage: None,
        plan_confidence: None,
        phase: None,
        plan_source: None,
        plan_repairs: None,
        plan_version: None,
    }
}

/// The answer to creating a guide.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct AcceptedJson {
    pub id: String,
    #[schema(value_type = String, example = "generating")]
    pub status: GuideStatus,
    pub total_steps: u32,
    pub links: LinksJson,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct LinksJson {
    /// The progress URL.
    #[serde(rename = "self")]
    pub this: String,
    /// The Server-Sent Events URL.
    pub events: String,
}
