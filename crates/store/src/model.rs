//! The records the stores keep: guides, their steps and the event log.
//!
//! These are plain data, shared by every backend; what a backend does with
//! them is described by the traits in [`crate::state`] and [`crate::queue`].

use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch, fractional, as the seed API uses.
///
/// Callers pass `now` in explicitly so that stores never read the clock, which
/// keeps them deterministic under test and lets a cluster share one notion of
/// time per request.
pub type Timestamp = f64;

/// Where a guide is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuideStatus {
    NotStarted,
    Generating,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
}

impl GuideStatus {
    /// Every status, in life-cycle order (the order `counts` reports them in).
    pub const ALL: [GuideStatus; 6] = [
        GuideStatus::NotStarted,
        GuideStatus::Generating,
        GuideStatus::Completed,
        GuideStatus::CompletedWithErrors,
        GuideStatus::Failed,
        GuideStatus::Cancelled,
    ];

    /// Whether no more work will happen on the guide.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            GuideStatus::Completed
                | GuideStatus::CompletedWithErrors
                | GuideStatus::Failed
                | GuideStatus::Cancelled
        )
    }

    /// The snake_case name, the same as its JSON form.
    pub fn as_str(self) -> &'static str {
        match self {
            GuideStatus::NotStarted => "not_started",
            GuideStatus::Generating => "generating",
            GuideStatus::Completed => "completed",
            GuideStatus::CompletedWithErrors => "completed_with_errors",
            GuideStatus::Failed => "failed",
            GuideStatus::Cancelled => "cancelled",
        }
    }

    /// The status named by [`GuideStatus::as_str`], if any.
    pub fn parse(name: &str) -> Option<GuideStatus> {
        GuideStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }
}

impl std::fmt::Display for GuideStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one step's image is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Pending,
    Generating,
    Completed,
    Failed,
}

impl StepStatus {
    /// Every status, in life-cycle order (the order `counts` reports them in).
    pub const ALL: [StepStatus; 4] = [
        StepStatus::Pending,
        StepStatus::Generating,
        StepStatus::Completed,
        StepStatus::Failed,
    ];

    /// The snake_case name, the same as its JSON form.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Pending => "pending",
            StepStatus::Generating => "generating",
            StepStatus::Completed => "completed",
            StepStatus::Failed => "failed",
        }
    }

    /// The status named by [`StepStatus::as_str`], if any.
    pub fn parse(name: &str) -> Option<StepStatus> {
        StepStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }
}

impl std::fmt::Display for StepStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One accepted request to illustrate a project, and how far it has got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    pub id: String,
    /// The request as accepted (normalised JSON).
    pub request: serde_json::Value,
    /// Hex sha256 of the canonical request, so a repeated PUT of the same
    /// request is recognised as the same guide.
    pub request_hash: String,
    pub status: GuideStatus,
    pub total_steps: u32,
    pub created_at: Timestamp,
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    pub error: Option<String>,
    /// When the sweeper may delete the guide; `None` keeps it.
    pub expires_at: Option<Timestamp>,
}

impl Guide {
    /// Moves the guide to `status` as every store does: `started_at` is set
    /// the first time it generates, `completed_at` when it becomes final
    /// (kept if it was final already) and cleared when it is not.
    pub fn apply_status(&mut self, status: GuideStatus, error: Option<String>, now: Timestamp) {
        if status == GuideStatus::Generating && self.started_at.is_none() {
            self.started_at = Some(now);
        }
        if !status.is_final() {
            self.completed_at = None;
        } else if !self.status.is_final() || self.completed_at.is_none() {
            self.completed_at = Some(now);
        }
        self.status = status;
        self.error = error;
    }

    /// The JSON carried by "guide" and "created" events: the fields that
    /// change over the guide's life, without the (possibly large) request.
    pub fn summary(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "status": self.status,
            "total_steps": self.total_steps,
            "started_at": self.started_at,
            "completed_at": self.completed_at,
            "error": self.error,
        })
    }
}

/// One version of a guide's plan, as written by a language model (or, when
/// the model failed, by the offline extractor in its place).
///
/// The plan is kept as JSON so that the store does not depend on the plan
/// model's crate; readers parse it with `plan::Plan`'s serde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    pub guide_id: String,
    /// 1 for the first plan of a guide, one more for each later one.
    pub version: u32,
    pub plan: serde_json::Value,
    /// Who wrote it: `gemini:MODEL`, `openai:MODEL`, `offline` or
    /// `offline (fallback: REASON)`.
    pub source: String,
    /// How many times the validator's errors were sent back for a repair.
    pub repairs: u32,
    pub created_at: Timestamp,
}

impl StoredPlan {
    /// The JSON carried by "plan" events: everything but the plan itself,
    /// which a client fetches when it wants it.
    pub fn summary(&self) -> serde_json::Value {
        serde_json::json!({
            "version": self.version,
            "plan_source": self.source,
            "plan_repairs": self.repairs,
            "created_at": self.created_at,
        })
    }
}

/// One step of a guide and its generated image.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub guide_id: String,
    /// 1-based position in the guide.
    pub number: u32,
    pub status: StepStatus,
    pub image_id: Option<String>,
    pub generated_at: Option<Timestamp>,
    pub error: Option<String>,
    pub attempts: u32,
    pub prompt_used: Option<String>,
    /// The schematic render shown while a cloud engine works, and kept if
    /// it fails.
    #[serde(default)]
    pub preview_id: Option<String>,
    /// The reference images the step's image was drawn from.
    #[serde(default)]
    pub references: Vec<StepReference>,
    /// What the provider charged for the image.
    #[serde(default)]
    pub usage: Option<StepUsage>,
    /// The photo's self-check (see the server's `verify`), kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<serde_json::Value>,
}

impl Step {
    /// A step as created with its guide: pending, never tried.
    pub fn pending(guide_id: &str, number: u32) -> Step {
        Step {
            guide_id: guide_id.to_string(),
            number,
            status: StepStatus::Pending,
            image_id: None,
            generated_at: None,
            error: None,
            attempts: 0,
            prompt_used: None,
            preview_id: None,
            references: Vec::new(),
            usage: None,
            check: None,
        }
    }
}

/// A reference image sent with a step's generation, for provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepReference {
    /// `schematic`, `anchor`, `previous_step` or `concept`.
    pub kind: String,
    /// The stored image, when it is one (the concept image is in the
    /// request instead).
    pub image_id: Option<String>,
}

/// What one paid provider call cost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StepUsage {
    pub model: String,
    /// The provider's own time, not the queueing before it.
    pub latency_ms: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub total_tokens: u64,
    pub cost_usd: f64,
}

/// One state change, for Server-Sent Events and replay.
///
/// `seq` increases strictly across the whole store (all guides), so it can be
/// an SSE `id:` and a client can resume after the last one it saw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub seq: i64,
    pub guide_id: String,
    /// "created", "step" or "guide".
    pub kind: String,
    pub data: serde_json::Value,
    pub at: Timestamp,
}

/// What `create_guide` needs to create a guide.
#[derive(Clone, Debug, PartialEq)]
pub struct NewGuide {
    pub id: String,
    pub request: serde_json::Value,
    pub request_hash: String,
    pub total_steps: u32,
    pub now: Timestamp,
    pub expires_at: Option<Timestamp>,
}

impl NewGuide {
    /// The guide as created: not started, nothing set yet.
    pub fn into_guide(self) -> Guide {
        Guide {
            id: self.id,
            request: self.request,
            request_hash: self.request_hash,
            status: GuideStatus::NotStarted,
            total_steps: self.total_steps,
            created_at: self.now,
            started_at: None,
            completed_at: None,
            error: None,
            expires_at: self.expires_at,
        }
    }
}

/// The outcome of `create_guide`, which is idempotent by id and request hash.
#[derive(Debug, PartialEq)]
pub enum Created {
    /// The guide did not exist and was created.
    New(Guide),
    /// A guide with the same id and the same request hash already existed;
    /// nothing changed.
    Existing(Guide),
    /// A guide with the same id but a different request already existed;
    /// nothing changed.
    Conflict(Guide),
}

/// What changes on a step; `None` fields are left as they are.
///
/// The doubled options let a field be cleared (`Some(None)`) as well as set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepUpdate {
    pub status: Option<StepStatus>,
    pub image_id: Option<Option<String>>,
    pub generated_at: Option<Option<Timestamp>>,
    pub error: Option<Option<String>>,
    pub attempts: Option<u32>,
    pub prompt_used: Option<Option<String>>,
    pub preview_id: Option<Option<String>>,
    pub references: Option<Vec<StepReference>>,
    pub usage: Option<Option<StepUsage>>,
    pub check: Option<Option<serde_json::Value>>,
}

impl StepUpdate {
    /// Applies the update to `step` in place.
    pub fn apply_to(self, step: &mut Step) {
        if let Some(status) = self.status {
            step.status = status;
        }
        if let Some(image_id) = self.image_id {
            step.image_id = image_id;
        }
        if let Some(generated_at) = self.generated_at {
            step.generated_at = generated_at;
        }
        if let Some(error) = self.error {
            step.error = error;
        }
        if let Some(attempts) = self.attempts {
            step.attempts = attempts;
        }
        if let Some(prompt_used) = self.prompt_used {
            step.prompt_used = prompt_used;
        }
        if let Some(preview_id) = self.preview_id {
            step.preview_id = preview_id;
        }
        if let Some(references) = self.references {
            step.references = references;
        }
        if let Some(usage) = self.usage {
            step.usage = usage;
        }
        if let Some(check) = self.check {
            step.check = check;
        }
    }
}

/// How many guides and steps are in each status, for `/metrics`.
///
/// Every status is listed, in the order of `ALL`, with 0 where there are none,
/// so that metric series do not appear and disappear.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub guides: Vec<(GuideStatus, u64)>,
    pub steps: Vec<(StepStatus, u64)>,
}

impl Counts {
    /// Every status with its count from maps keyed by status name (absent
    /// names count 0).
    pub fn from_named(
        guides: &std::collections::HashMap<String, u64>,
        steps: &std::collections::HashMap<String, u64>,
    ) -> Counts {
        let get = |counts: &std::collections::HashMap<String, u64>, name: &str| {
            counts.get(name).copied().unwrap_or(0)
        };
        Counts {
            guides: GuideStatus::ALL
                .into_iter()
                .map(|status| (status, get(guides, status.as_str())))
                .collect(),
            steps: StepStatus::ALL
                .into_iter()
                .map(|status| (status, get(steps, status.as_str())))
                .collect(),
        }
    }
}
