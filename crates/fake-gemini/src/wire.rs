//! Gemini's REST JSON for `models/{model}:generateContent`, as the fake
//! reads requests and writes answers.
//!
//! Requests are read leniently, like Google's own proto-JSON parser:
//! camelCase or the proto's snake_case names, unknown fields ignored (the
//! official SDKs send fields the fake has no use for). Answers are written
//! exactly in the camelCase shape the real service uses, with empty fields
//! left out, so a client that reads the fake reads Gemini.

use serde::{Deserialize, Serialize};

/// The request body.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateContentRequest {
    #[serde(default)]
    pub contents: Option<Vec<Content>>,
    #[serde(default, alias = "system_instruction")]
    pub system_instruction: Option<Content>,
    #[serde(default, alias = "generation_config")]
    pub generation_config: Option<GenerationConfig>,
}

/// One turn of the conversation.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Content {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub parts: Option<Vec<Part>>,
}

/// Text or inline bytes (the API's `Part` is a union; other members, such
/// as function calls, are accepted and ignored).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default, alias = "inline_data")]
    pub inline_data: Option<Blob>,
    /// Every other member (`fileData`, `thought`, `thoughtSignature`, ...),
    /// kept only to tell an empty part from one the fake does not use.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// Inline bytes: a MIME type and base64 data (standard or URL-safe
/// alphabet; the Python SDK sends URL-safe).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Blob {
    #[serde(default, alias = "mime_type")]
    pub mime_type: Option<String>,
    #[serde(default)]
    pub data: Option<String>,
}

/// The part of `generationConfig` image generation uses.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerationConfig {
    #[serde(default, alias = "response_modalities")]
    pub response_modalities: Option<Vec<String>>,
    #[serde(default, alias = "image_config")]
    pub image_config: Option<ImageConfig>,
    #[serde(default, alias = "candidate_count")]
    pub candidate_count: Option<i64>,
}

/// `generationConfig.imageConfig`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageConfig {
    #[serde(default, alias = "aspect_ratio")]
    pub aspect_ratio: Option<String>,
    #[serde(default, alias = "image_size")]
    pub image_size: Option<String>,
}

/// The answer to a request that was accepted (HTTP 200), including the
/// ones that carry no image: blocked prompts and refused candidates.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateContentResponse {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_feedback: Option<PromptFeedback>,
    pub usage_metadata: UsageMetadata,
    pub model_version: String,
    pub response_id: String,
}

/// One candidate answer.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<OutContent>,
    pub finish_reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_message: Option<String>,
    pub index: u32,
}

/// The model's turn.
#[derive(Clone, Debug, Serialize)]
pub struct OutContent {
    pub role: &'static str,
    pub parts: Vec<OutPart>,
}

/// A part of the model's turn: text or an inline image.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum OutPart {
    Text {
        text: String,
    },
    Inline {
        #[serde(rename = "inlineData")]
        inline_data: OutBlob,
    },
}

/// An inline image in an answer (standard base64, as Google sends).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutBlob {
    pub mime_type: &'static str,
    pub data: String,
}

/// Why a prompt was refused before any candidate was made.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptFeedback {
    pub block_reason: String,
}

/// Token accounting, with the per-modality breakdown image models report.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageMetadata {
    pub prompt_token_count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates_token_count: Option<u32>,
    pub total_token_count: u32,
    pub prompt_tokens_details: Vec<ModalityTokenCount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates_tokens_details: Vec<ModalityTokenCount>,
}

/// Tokens of one modality.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModalityTokenCount {
    pub modality: &'static str,
    pub token_count: u32,
}

/// Google's error body: `{"error": {"code", "message", "status", "details"}}`.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorBody {
    pub error: ErrorStatus,
}

/// The `error` object of [`ErrorBody`] (a `google.rpc.Status`).
#[derive(Clone, Debug, Serialize)]
pub struct ErrorStatus {
    pub code: u16,
    pub message: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<serde_json::Value>,
}

/// Writes a duration the way protobuf's JSON mapping writes
/// `google.protobuf.Duration`: seconds with an `s` suffix and 0, 3, 6 or 9
/// fractional digits ("2s", "0.500s").
pub fn duration_json(duration: std::time::Duration) -> String {
    let secs = duration.as_secs();
    let nanos = duration.subsec_nanos();
    if nanos == 0 {
        format!("{secs}s")
    } else if nanos % 1_000_000 == 0 {
        format!("{secs}.{:03}s", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        format!("{secs}.{:06}s", nanos / 1_000)
    } else {
        format!("{secs}.{nanos:09}s")
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn durations_use_protobuf_json_form() {
        assert_eq!(duration_json(Duration::from_secs(2)), "2s");
        assert_eq!(duration_json(Duration::from_millis(500)), "0.500s");
        assert_eq!(duration_json(Duration::from_micros(1_500_001)), "1.500001s");
        assert_eq!(duration_json(Duration::from_nanos(7)), "0.000000007s");
    }

    #[test]
    fn requests_accept_snake_case_and_unknown_fields() {
        let request: GenerateContentRequest = serde_json::from_str(
            r#"{"contents":[{"parts":[{"inline_data":{"mime_type":"image/png","data":"AA=="}}]}],
                "generation_config":{"image_config":{"aspect_ratio":"4:3"},"temperature":1},
                "safetySettings":[],"labels":{}}"#,
        )
        .unwrap();
        let config = request.generation_config.unwrap();
        assert_eq!(
            config.image_config.unwrap().aspect_ratio.as_deref(),
            Some("4:3")
        );
        let contents = request.contents.unwrap();
        let parts = contents[0].parts.as_ref().unwrap();
        let blob = parts[0].inline_data.as_ref().unwrap();
        assert_eq!(blob.mime_type.as_deref(), Some("image/png"));
    }
}
