//! Gemini's REST JSON for `models/{model}:generateContent`, as far as image
//! generation uses it.
//!
//! Field names are the API's camelCase. Answers are read leniently (every
//! field optional, unknown fields ignored) because Google adds fields
//! often and a missing one must become a clear error, not a parse failure.

use serde::{Deserialize, Serialize};

/// The request body.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateContentRequest {
    pub contents: Vec<Content>,
    pub generation_config: GenerationConfig,
}

/// One turn of the conversation; a generation request has one, the user's.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// Text or inline bytes; the API's `Part` is a union, so both are optional.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_data: Option<Blob>,
    /// Set on a model's "thinking" parts, which are not the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thought: Option<bool>,
}

impl Part {
    pub fn text(text: impl Into<String>) -> Part {
        Part {
            text: Some(text.into()),
            ..Part::default()
        }
    }

    pub fn image(mime_type: &str, bytes: &[u8]) -> Part {
        use base64::Engine as _;
        Part {
            inline_data: Some(Blob {
                mime_type: mime_type.to_string(),
                data: base64::engine::general_purpose::STANDARD.encode(bytes),
            }),
            ..Part::default()
        }
    }
}

/// Inline bytes, base64 in JSON.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Blob {
    #[serde(default)]
    pub mime_type: String,
    #[serde(default)]
    pub data: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerationConfig {
    pub response_modalities: Vec<String>,
    pub image_config: ImageConfig,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageConfig {
    pub aspect_ratio: String,
    /// `512`, `1K`, `2K` or `4K`; left out for a model whose sizes are not
    /// known, which then renders its default (1K).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_size: Option<String>,
}

/// The answer to a successful (HTTP 200) call.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateContentResponse {
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    #[serde(default)]
    pub prompt_feedback: Option<PromptFeedback>,
    #[serde(default)]
    pub usage_metadata: Option<UsageMetadata>,
    #[serde(default)]
    pub model_version: Option<String>,
    #[serde(default)]
    pub response_id: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    #[serde(default)]
    pub content: Option<Content>,
    #[serde(default)]
    pub finish_reason: Option<String>,
    #[serde(default)]
    pub finish_message: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptFeedback {
    #[serde(default)]
    pub block_reason: Option<String>,
    #[serde(default)]
    pub block_reason_message: Option<String>,
}

/// Token counts; Gemini bills image output by token (per image, by model
/// and size: see [`super::models`]).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageMetadata {
    #[serde(default)]
    pub prompt_token_count: u64,
    #[serde(default)]
    pub candidates_token_count: u64,
    #[serde(default)]
    pub total_token_count: u64,
}

/// The body of an HTTP error: `{"error": {...}}` (google.rpc.Status).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub error: Option<Status>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Status {
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// `google.protobuf.Any` values; kept as JSON and read by `@type`.
    #[serde(default)]
    pub details: Vec<serde_json::Value>,
}

/// The `@type` of the detail that says when to retry.
pub const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
