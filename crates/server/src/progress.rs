//! The seed's JSON shapes, kept exactly (fields may be added, none removed
//! or renamed), built from stored guides and steps.

use serde::Serialize;
use store::{Guide, GuideStatus, Step, StepStatus};
use utoipa::ToSchema;

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
}

pub fn step_json(step: &Step, base_url: &str) -> StepImageJson {
    StepImageJson {
        step_number: step.number,
        image_url: step
            .image_id
            .as_ref()
            .map(|id| format!("{}/images/{id}", base_url.trim_end_matches('/'))),
        image_id: step.image_id.clone(),
        status: step.status,
        generated_at: step.generated_at,
        error: step.error.clone(),
        prompt_used: step.prompt_used.clone(),
        attempts: step.attempts,
    }
}

pub fn progress_json(guide: &Guide, steps: &[Step], base_url: &str) -> ProgressJson {
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
        step_images: steps.iter().map(|s| step_json(s, base_url)).collect(),
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
