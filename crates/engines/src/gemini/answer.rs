//! Reading Gemini's answers: the image, or an [`EngineError`] that says why
//! there is none and whether trying again can help.
//!
//! Kept apart from the HTTP call so every answer shape can be tested from
//! JSON alone. The rules:
//!
//! - the image is the first part (of the first candidate that has one) with
//!   `inlineData` of an `image/*` type, wherever it sits among the parts;
//! - no image: a safety, prohibited-content or recitation `finishReason`, a
//!   `promptFeedback.blockReason`, or a text-only answer ending `STOP` (a
//!   refusal) are permanent, since the same request is refused again;
//!   `NO_IMAGE`, `OTHER` and other unexplained misses are transient;
//! - HTTP 429 and 5xx are transient (429 with `RetryInfo.retryDelay` or a
//!   `Retry-After` header as the wait); other 4xx are permanent and carry
//!   the API's message;
//! - HTTP 404 (`NOT_FOUND`) means the model: the URL names nothing else.
//!   Google answers it for a retired model (as `gemini-2.5-flash-image`
//!   since 2026-10-02), so the error says to choose another one.

use std::time::Duration;

use base64::Engine as _;

use super::wire::{ErrorBody, GenerateContentResponse, UsageMetadata, RETRY_INFO};
use crate::engine::EngineError;

/// The image found in an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerImage {
    pub bytes: Vec<u8>,
    pub mime_type: String,
    pub usage: UsageMetadata,
    pub model_version: Option<String>,
}

/// Finish reasons that mean the model will refuse this request every time.
const REFUSALS: [&str; 9] = [
    "SAFETY",
    "IMAGE_SAFETY",
    "PROHIBITED_CONTENT",
    "IMAGE_PROHIBITED_CONTENT",
    "BLOCKLIST",
    "SPII",
    "RECITATION",
    "IMAGE_RECITATION",
    "LANGUAGE",
];

/// The longest piece of model text quoted in an error.
const QUOTE_CHARS: usize = 300;

/// Reads the body of an HTTP 200 answer.
pub fn read_success(body: &[u8]) -> Result<AnswerImage, EngineError> {
    let answer: GenerateContentResponse = serde_json::from_slice(body).map_err(|e| {
        EngineError::transient(format!("Gemini's answer could not be read as JSON: {e}"))
    })?;
    let usage = answer.usage_metadata.clone().unwrap_or_default();
    for candidate in &answer.candidates {
        let parts = candidate.content.iter().flat_map(|c| c.parts.iter());
        for part in parts {
            let Some(blob) = &part.inline_data else {
                continue;
            };
            if !blob.mime_type.starts_with("image/") || part.thought == Some(true) {
                continue;
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(blob.data.trim())
                .map_err(|e| {
                    EngineError::transient(format!("Gemini's image was not valid base64: {e}"))
                })?;
            if bytes.is_empty() {
                continue;
            }
            return Ok(AnswerImage {
                bytes,
                mime_type: blob.mime_type.clone(),
                usage,
                model_version: answer.model_version.clone(),
            });
        }
    }
    Err(why_no_image(&answer))
}

fn why_no_image(answer: &GenerateContentResponse) -> EngineError {
    let Some(candidate) = answer.candidates.first() else {
        if let Some(reason) = answer
            .prompt_feedback
            .as_ref()
            .and_then(|f| f.block_reason.as_deref())
        {
            let detail = answer
                .prompt_feedback
                .as_ref()
                .and_then(|f| f.block_reason_message.as_deref())
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            return EngineError::permanent(format!("Gemini blocked the prompt ({reason}){detail}"));
        }
        return EngineError::transient("Gemini answered with no candidates and no reason");
    };
    let reason = candidate.finish_reason.as_deref().unwrap_or("unspecified");
    let text = model_text(candidate);
    let message = candidate
        .finish_message
        .as_deref()
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    if REFUSALS.contains(&reason) {
        return EngineError::permanent(format!(
            "Gemini made no image: finish reason {reason}{message}"
        ));
    }
    if reason == "STOP" && !text.is_empty() {
        return EngineError::permanent(format!(
            "Gemini answered with text instead of an image: \"{}\"",
            quote(&text)
        ));
    }
    let said = if text.is_empty() {
        String::new()
    } else {
        format!(" (it said: \"{}\")", quote(&text))
    };
    EngineError::transient(format!(
        "Gemini made no image: finish reason {reason}{message}{said}"
    ))
}

fn model_text(candidate: &super::wire::Candidate) -> String {
    candidate
        .content
        .iter()
        .flat_map(|c| c.parts.iter())
        .filter(|p| p.thought != Some(true))
        .filter_map(|p| p.text.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}

fn quote(text: &str) -> String {
    let mut out: String = text.chars().take(QUOTE_CHARS).collect();
    if text.chars().count() > QUOTE_CHARS {
        out.push('…');
    }
    out
}

/// Reads an HTTP error answer to a call to `model`. `retry_after_header`
/// is the `Retry-After` header's value, if any.
pub fn read_failure(
    status: u16,
    body: &[u8],
    retry_after_header: Option<&str>,
    model: &str,
) -> EngineError {
    let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    let error = parsed.error.unwrap_or_default();
    let code = error.status.as_deref().unwrap_or("");
    let message = error
        .message
        .clone()
        .unwrap_or_else(|| quote(String::from_utf8_lossy(body).trim()));
    let text = if code.is_empty() {
        format!("Gemini answered HTTP {status}: {message}")
    } else {
        format!("Gemini answered HTTP {status} {code}: {message}")
    };
    if status == 404 || code == "NOT_FOUND" {
        return model_not_found(model, &text);
    }
    match status {
        429 => {
            let retry_after = error
                .details
                .iter()
                .filter(|d| d.get("@type").and_then(|t| t.as_str()) == Some(RETRY_INFO))
                .find_map(|d| d.get("retryDelay").and_then(|v| v.as_str()))
                .and_then(parse_duration)
                .or_else(|| retry_after_header.and_then(parse_retry_after));
            EngineError::Transient {
                message: text,
                retry_after,
            }
        }
        408 | 500..=599 => EngineError::Transient {
            message: text,
            retry_after: retry_after_header.and_then(parse_retry_after),
        },
        _ => EngineError::permanent(text),
    }
}

/// The permanent error for a model the provider does not serve (retired,
/// misspelt or not open to this key): no retry brings it back, so it names
/// the models that work and the flag that picks one. `said` is what the
/// provider answered.
pub fn model_not_found(model: &str, said: &str) -> EngineError {
    EngineError::permanent(format!(
        "the Gemini model {model:?} is not available ({said}); choose another with \
         --gemini-model: {}",
        super::models::supported_ids()
    ))
}

/// A `google.protobuf.Duration` in JSON: seconds with an `s` suffix,
/// fractions allowed ("37s", "0.500s").
pub fn parse_duration(text: &str) -> Option<Duration> {
    let seconds: f64 = text.trim().strip_suffix('s')?.parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(3600.0)))
}

/// `Retry-After` in seconds (the HTTP-date form is not used by Google).
fn parse_retry_after(text: &str) -> Option<Duration> {
    let seconds: u64 = text.trim().parse().ok()?;
    Some(Duration::from_secs(seconds.min(3600)))
}

#[cfg(test)]
mod tests;
