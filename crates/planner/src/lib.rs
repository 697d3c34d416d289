//! Plans written by a language model.
//!
//! Every picture is drawn from the plan, and on the text people really
//! write the offline extractor misses parts and relations that a language
//! model reads at once. So when a key is at hand, a text model writes the
//! plan instead:
//!
//! - [`prompt`]: the rules of the plan format, two worked examples and the
//!   request's texts; the plan's JSON Schema as the response schema;
//! - [`check`]: the answer parsed and checked by the same validator as a
//!   hand-written plan, its errors worded for the model;
//! - [`plan_request`]: the loop: ask, check, send the errors back for at
//!   most [`MAX_REPAIRS`] repairs, and fall back to the offline extractor
//!   when the model cannot be reached, refuses, or still writes an invalid
//!   plan;
//! - [`gemini`]: the Gemini client ([`PlanWriter`] over `generateContent`
//!   in JSON mode);
//! - [`openai`]: the OpenAI client (the Responses API with a strict JSON
//!   schema);
//! - [`cache`]: plans by request and model, so the same request twice
//!   costs one call.
//!
//! A model plan is never trusted more than a hand-written one: it passes
//! the same checks, and the picture of a step is as true as that plan.

pub mod cache;
pub mod check;
pub mod gemini;
mod http;
pub mod openai;
pub mod prompt;

use std::fmt;

use async_trait::async_trait;
use plan::{GuideRequest, Plan};

/// How many times the validator's errors go back to the model before the
/// offline extractor takes over.
pub const MAX_REPAIRS: u32 = 2;

/// Who wrote a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanSource {
    /// The offline extractor, because no model was asked.
    Offline,
    /// The offline extractor, because the model failed; the reason says how.
    Fallback(String),
    /// A language model.
    Model { provider: String, model: String },
}

impl PlanSource {
    /// Whether a language model wrote the plan.
    pub fn is_model(&self) -> bool {
        matches!(self, PlanSource::Model { .. })
    }
}

impl fmt::Display for PlanSource {
    /// `offline`, `offline (fallback: REASON)` or `PROVIDER:MODEL`, the
    /// `plan_source` the API shows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanSource::Offline => f.write_str("offline"),
            PlanSource::Fallback(reason) => write!(f, "offline (fallback: {reason})"),
            PlanSource::Model { provider, model } => write!(f, "{provider}:{model}"),
        }
    }
}

/// Tokens a planner's calls used, summed over repairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenUsage {
    pub input_tokens: u64,
    pub output_tokens: u64,
}

impl TokenUsage {
    fn add(&mut self, other: TokenUsage) {
        self.input_tokens += other.input_tokens;
        self.output_tokens += other.output_tokens;
    }
}

/// A plan with who wrote it and what it took.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedGuide {
    pub plan: Plan,
    pub source: PlanSource,
    /// How many times errors went back to the model.
    pub repairs: u32,
    /// Model calls made (0 for an offline plan or a cached one).
    pub calls: u32,
    pub usage: TokenUsage,
}

/// One turn of a planning conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Turn {
    /// What stepcast says: the request, then the validator's errors.
    User(String),
    /// What the model answered before.
    Model(String),
}

/// A model's answer: its text and what it cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    pub usage: TokenUsage,
}

/// Why a model gave no answer to check.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriterError {
    /// The provider declined (safety filters); asking again will not help.
    #[error("the model refused: {0}")]
    Refused(String),
    /// The provider could not be reached or answered an error.
    #[error("{0}")]
    Failed(String),
}

/// A language model that writes plans.
#[async_trait]
pub trait PlanWriter: Send + Sync {
    /// `gemini` or `openai`: the first half of `plan_source`.
    fn provider(&self) -> &'static str;

    /// The model's id.
    fn model(&self) -> &str;

    /// The model's next answer to the conversation, under the system text.
    async fn answer(&self, system: &str, turns: &[Turn]) -> Result<Answer, WriterError>;
}

/// The plan for `request`: a hand-written plan as it is; with no writer, the
/// offline extractor's; otherwise the writer's, checked and repaired, with
/// the extractor's as the fallback.
pub async fn plan_request(request: &GuideRequest, writer: Option<&dyn PlanWriter>) -> PlannedGuide {
    let (Some(writer), None) = (writer, &request.plan) else {
        return offline(request, PlanSource::Offline, 0, 0, TokenUsage::default());
    };
    let mut turns = vec![Turn::User(prompt::request_message(request))];
    let mut usage = TokenUsage::default();
    let mut calls = 0;
    let mut repairs = 0;
    loop {
        calls += 1;
        let answer = match writer.answer(prompt::SYSTEM, &turns).await {
            Ok(answer) => answer,
            Err(error) => {
                tracing::warn!(model = writer.model(), %error, "the model wrote no plan");
                let reason = PlanSource::Fallback(format!("{}: {error}", writer.model()));
                return offline(request, reason, repairs, calls, usage);
            }
        };
        usage.add(answer.usage);
        match check::check_answer(request, &answer.text) {
            Ok(plan) => {
                return PlannedGuide {
                    plan,
                    source: PlanSource::Model {
                        provider: writer.provider().to_string(),
                        model: writer.model().to_string(),
                    },
                    repairs,
                    calls,
                    usage,
                }
            }
            Err(errors) if repairs == MAX_REPAIRS => {
                let first = errors.first().cloned().unwrap_or_default();
                tracing::warn!(model = writer.model(), %first, "the model's plan stayed invalid");
                let reason = format!(
                    "{}'s plan was still invalid after {MAX_REPAIRS} repairs: {first}",
                    writer.model()
                );
                return offline(request, PlanSource::Fallback(reason), repairs, calls, usage);
            }
            Err(errors) => {
                turns.push(Turn::Model(answer.text));
                turns.push(Turn::User(prompt::repair_message(&errors)));
                repairs += 1;
            }
        }
    }
}

fn offline(
    request: &GuideRequest,
    source: PlanSource,
    repairs: u32,
    calls: u32,
    usage: TokenUsage,
) -> PlannedGuide {
    PlannedGuide {
        plan: extract::plan_for(request),
        source,
        repairs,
        calls,
        usage,
    }
}
