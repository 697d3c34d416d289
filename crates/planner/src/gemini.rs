//! A Gemini text model as a [`PlanWriter`]: `models/{model}:generateContent`
//! with `responseMimeType: application/json` and the plan's JSON Schema as
//! `responseJsonSchema`, so the answer is JSON of the plan's shape.
//! Retries follow [`crate::http::with_retries`].

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{json, Value};

use crate::{Answer, PlanWriter, TokenUsage, Turn, WriterError};

/// Google's public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com";
/// Gemini 3.8 Flash, the current stable Flash text model (Gemini API models
/// page, checked 2026-12-06).
pub const DEFAULT_TEXT_MODEL: &str = "gemini-3.8-flash";

/// How to reach a Gemini text model.
#[derive(Clone)]
pub struct GeminiPlannerConfig {
    /// Scheme, host and port, without `/v1beta`.
    pub base_url: String,
    /// Sent as `x-goog-api-key`; never logged (see the `Debug` impl).
    pub api_key: String,
    pub model: String,
    /// The longest one call may take.
    pub timeout: Duration,
}

impl GeminiPlannerConfig {
    /// Defaults with this key.
    pub fn new(api_key: impl Into<String>) -> GeminiPlannerConfig {
        GeminiPlannerConfig {
            base_url: DEFAULT_BASE_URL.to_string(),
            api_key: api_key.into(),
            model: DEFAULT_TEXT_MODEL.to_string(),
            timeout: Duration::from_secs(120),
        }
    }
}

impl std::fmt::Debug for GeminiPlannerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeminiPlannerConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Why the planner could not be built.
#[derive(Debug, thiserror::Error)]
pub enum GeminiPlannerError {
    #[error("the Gemini base URL {0:?} is not an http(s) URL")]
    BaseUrl(String),
    #[error("the Gemini API key is empty (set GEMINI_API_KEY)")]
    NoKey,
    #[error("the Gemini text model name {0:?} is not valid (see --gemini-text-model)")]
    Model(String),
    #[error("the HTTP client cannot be built: {0}")]
    Client(String),
}

/// Writes plans with a Gemini text model.
pub struct GeminiPlanner {
    config: GeminiPlannerConfig,
    http: reqwest::Client,
    endpoint: String,
}

impl GeminiPlanner {
    pub fn new(config: GeminiPlannerConfig) -> Result<GeminiPlanner, GeminiPlannerError> {
        let base = config.base_url.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(GeminiPlannerError::BaseUrl(config.base_url.clone()));
        }
        if config.api_key.trim().is_empty() {
            return Err(GeminiPlannerError::NoKey);
        }
        let model_ok = !config.model.is_empty()
            && config
                .model
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !model_ok {
            return Err(GeminiPlannerError::Model(config.model.clone()));
        }
        let http = crate::http::client(config.timeout).map_err(GeminiPlannerError::Client)?;
        let endpoint = format!("{base}/v1beta/models/{}:generateContent", config.model);
        Ok(GeminiPlanner {
            config,
            http,
            endpoint,
        })
    }

    /// The request body for a conversation.
    pub fn body(system: &str, turns: &[Turn]) -> Value {
        let contents: Vec<Value> = turns
            .iter()
            .map(|turn| match turn {
                Turn::User(text) => json!({"role": "user", "parts": [{"text": text}]}),
                Turn::Model(text) => json!({"role": "model", "parts": [{"text": text}]}),
            })
            .collect();
        json!({
            "systemInstruction": {"parts": [{"text": system}]},
            "contents": contents,
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseJsonSchema": crate::prompt::plan_schema(),
            },
        })
    }

    /// One call: `Ok` with the answer, or an error and, when worth another
    /// try, how long to wait first.
    async fn call(&self, body: &Value) -> Result<Answer, crate::http::CallError> {
        let response = self
            .http
            .post(&self.endpoint)
            .header("x-goog-api-key", &self.config.api_key)
            .json(body)
            .send()
            .await
            .map_err(|e| (self.network_error(e), Some(Duration::from_secs(1))))?;
        let status = response.status().as_u16();
        let retry_after = crate::http::retry_after(response.headers());
        let bytes = response
            .bytes()
            .await
            .map_err(|e| (self.network_error(e), Some(Duration::from_secs(1))))?;
        if status == 200 {
            return read_answer(&bytes).map_err(|e| (e, None));
        }
        let message = error_message(&bytes);
        let model = &self.config.model;
        Err(match status {
            404 => (
                WriterError::Failed(format!(
                    "Gemini has no model {model:?} (choose another with --gemini-text-model): {message}"
                )),
                None,
            ),
            429 => (
                WriterError::Failed(format!("Gemini's rate limit: {message}")),
                Some(retry_after.unwrap_or(Duration::from_secs(2))),
            ),
            500..=599 => (
                WriterError::Failed(format!("Gemini answered {status}: {message}")),
                Some(retry_after.unwrap_or(Duration::from_secs(1))),
            ),
            _ => (
                WriterError::Failed(format!("Gemini answered {status}: {message}")),
                None,
            ),
        })
    }

    fn network_error(&self, error: reqwest::Error) -> WriterError {
        if error.is_timeout() {
            WriterError::Failed(format!(
                "Gemini did not answer within {} s",
                self.config.timeout.as_secs_f64()
            ))
        } else {
            WriterError::Failed(format!(
                "could not reach Gemini at {}: {}",
                self.config.base_url,
                error.without_url()
            ))
        }
    }
}

#[async_trait]
impl PlanWriter for GeminiPlanner {
    fn provider(&self) -> &'static str {
        "gemini"
    }

    fn model(&self) -> &str {
        &self.config.model
    }

    async fn answer(&self, system: &str, turns: &[Turn]) -> Result<Answer, WriterError> {
        let body = GeminiPlanner::body(system, turns);
        crate::http::with_retries(&self.config.model, || self.call(&body)).await
    }
}

/// The answer's text (its parts that are not thoughts), or why there is
/// none.
fn read_answer(bytes: &[u8]) -> Result<Answer, WriterError> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| WriterError::Failed(format!("Gemini's answer is not JSON: {e}")))?;
    if let Some(reason) = value["promptFeedback"]["blockReason"].as_str() {
        return Err(WriterError::Refused(format!(
            "the prompt was blocked ({reason})"
        )));
    }
    let candidate = &value["candidates"][0];
    let finish = candidate["finishReason"].as_str().unwrap_or("STOP");
    let text: String = candidate["content"]["parts"]
        .as_array()
        .map(|parts| {
            parts
                .iter()
                .filter(|part| part["thought"] != Value::Bool(true))
                .filter_map(|part| part["text"].as_str())
                .collect()
        })
        .unwrap_or_default();
    match finish {
        "SAFETY" | "PROHIBITED_CONTENT" | "BLOCKLIST" | "SPII" | "RECITATION" => {
            return Err(WriterError::Refused(format!(
                "the answer was withheld ({finish})"
            )))
        }
        "MAX_TOKENS" => {
            return Err(WriterError::Failed(
                "the answer was cut off at the model's output limit".into(),
            ))
        }
        _ => {}
    }
    if text.trim().is_empty() {
        return Err(WriterError::Failed(format!(
            "Gemini's answer has no text (finish reason {finish})"
        )));
    }
    let usage = &value["usageMetadata"];
    Ok(Answer {
        text,
        usage: TokenUsage {
            input_tokens: usage["promptTokenCount"].as_u64().unwrap_or(0),
            output_tokens: usage["candidatesTokenCount"].as_u64().unwrap_or(0)
                + usage["thoughtsTokenCount"].as_u64().unwrap_or(0),
        },
    })
}

/// `error.message` of a google.rpc.Status body, or the body's start.
fn error_message(bytes: &[u8]) -> String {
    serde_json::from_slice::<Value>(bytes)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        let config = GeminiPlannerConfig::new("secret-key-123");
        assert!(!format!("{config:?}").contains("secret-key-123"));
    }

    #[test]
    fn setup_errors_are_named() {
        assert!(matches!(
            GeminiPlanner::new(GeminiPlannerConfig::new(" ")),
            Err(GeminiPlannerError::NoKey)
        ));
        let mut config = GeminiPlannerConfig::new("k");
        config.model = "a/b".into();
        assert!(matches!(
            GeminiPlanner::new(config),
            Err(GeminiPlannerError::Model(_))
        ));
    }

    #[test]
    fn the_body_is_json_mode_with_the_schema_and_the_turns_in_order() {
        let body = GeminiPlanner::body(
            "rules",
            &[
                Turn::User("a".into()),
                Turn::Model("b".into()),
                Turn::User("c".into()),
            ],
        );
        assert_eq!(body["systemInstruction"]["parts"][0]["text"], "rules");
        assert_eq!(body["contents"][1]["role"], "model");
        assert_eq!(body["contents"][2]["parts"][0]["text"], "c");
        let config = &body["generationConfig"];
        assert_eq!(config["responseMimeType"], "application/json");
        assert!(config["responseJsonSchema"]["properties"]["steps"].is_object());
    }

    #[test]
    fn answers_are_read_and_refusals_named() {
        let ok = br#"{"candidates":[{"content":{"parts":[{"text":"plan thoughts","thought":true},{"text":"{}"}]},"finishReason":"STOP"}],
                     "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"thoughtsTokenCount":2}}"#;
        let answer = read_answer(ok).expect("an answer");
        assert_eq!(answer.text, "{}");
        assert_eq!(answer.usage.output_tokens, 7);
        let blocked = br#"{"promptFeedback":{"blockReason":"SAFETY"}}"#;
        assert!(matches!(read_answer(blocked), Err(WriterError::Refused(_))));
        let withheld = br#"{"candidates":[{"finishReason":"SAFETY"}]}"#;
        assert!(matches!(
            read_answer(withheld),
            Err(WriterError::Refused(_))
        ));
        let cut =
            br#"{"candidates":[{"content":{"parts":[{"text":"{"}]},"finishReason":"MAX_TOKENS"}]}"#;
        assert!(matches!(read_answer(cut), Err(WriterError::Failed(_))));
    }
}
