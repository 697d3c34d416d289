//! An OpenAI model as a [`PlanWriter`]: the Responses API (`POST
//! /v1/responses`) with a strict JSON-schema text format, so the answer is
//! JSON of the plan's shape (see [`crate::prompt::strict_plan_schema`]:
//! every field present, optional ones `null`).
//!
//! Retries follow [`crate::http::with_retries`]; a used-up quota, a
//! missing model, a bad key, a refusal or a cut-off answer are final.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{json, Value};

use crate::{Answer, PlanWriter, TokenUsage, Turn, WriterError};

/// OpenAI's public endpoint (without `/v1`).
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com";
/// GPT-5.5, the model OpenAI's "latest model" guide recommends for
/// product-spec-to-plan work (checked 2026-12-06).
pub const DEFAULT_TEXT_MODEL: &str = "gpt-5.5";
/// The name the schema is sent under (letters, digits, `_` and `-`).
const SCHEMA_NAME: &str = "assembly_plan";

/// How to reach an OpenAI text model.
#[derive(Clone)]
pub struct OpenAiPlannerConfig {
    /// Scheme, host and port, without `/v1` (a proxy's or a fake's).
    pub base_url: String,
    /// Sent as `Authorization: Bearer`; never logged (see the `Debug` impl).
    pub api_key: String,
    pub model: String,
    /// The longest one call may take.
    pub timeout: Duration,
}

impl OpenAiPlannerConfig {
    /// Defaults with this key.
    pub fn new(api_key: impl Into<String>) -> OpenAiPlannerConfig {
        OpenAiPlannerConfig {
            base_url: DEFAULT_BASE_URL.to_string(),
            api_key: api_key.into(),
            model: DEFAULT_TEXT_MODEL.to_string(),
            timeout: Duration::from_secs(180),
        }
    }
}

impl std::fmt::Debug for OpenAiPlannerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiPlannerConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Why the planner could not be built.
#[derive(Debug, thiserror::Error)]
pub enum OpenAiPlannerError {
    #[error("the OpenAI base URL {0:?} is not an http(s) URL")]
    BaseUrl(String),
    #[error("the OpenAI API key is empty (set OPENAI_API_KEY)")]
    NoKey,
    #[error("the OpenAI text model name {0:?} is not valid (see --openai-text-model)")]
    Model(String),
    #[error("the HTTP client cannot be built: {0}")]
    Client(String),
}

/// Writes plans with an OpenAI model.
pub struct OpenAiPlanner {
    config: OpenAiPlannerConfig,
    http: reqwest::Client,
    endpoint: String,
}

impl OpenAiPlanner {
    pub fn new(config: OpenAiPlannerConfig) -> Result<OpenAiPlanner, OpenAiPlannerError> {
        let base = config.base_url.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(OpenAiPlannerError::BaseUrl(config.base_url.clone()));
        }
        if config.api_key.trim().is_empty() {
            return Err(OpenAiPlannerError::NoKey);
        }
        let model_ok = !config.model.is_empty()
            && config
                .model
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ':'));
        if !model_ok {
            return Err(OpenAiPlannerError::Model(config.model.clone()));
        }
        let http = crate::http::client(config.timeout).map_err(OpenAiPlannerError::Client)?;
        let endpoint = format!("{base}/v1/responses");
        Ok(OpenAiPlanner {
            config,
            http,
            endpoint,
        })
    }

    /// The request body for a conversation with `model`.
    pub fn body(model: &str, system: &str, turns: &[Turn]) -> Value {
        let input: Vec<Value> = turns
            .iter()
            .map(|turn| match turn {
                Turn::User(text) => json!({"role": "user", "content": text}),
                Turn::Model(text) => json!({"role": "assistant", "content": text}),
            })
            .collect();
        json!({
            "model": model,
            "instructions": system,
            "input": input,
            "text": {
                "format": {
                    "type": "json_schema",
                    "name": SCHEMA_NAME,
                    "schema": crate::prompt::strict_plan_schema(),
                    "strict": true,
                },
            },
            // Plans are stored by stepcast; nothing to keep at OpenAI.
            "store": false,
        })
    }

    async fn call(&self, body: &Value) -> Result<Answer, crate::http::CallError> {
        let response = self
            .http
            .post(&self.endpoint)
            .bearer_auth(&self.config.api_key)
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
        let (message, code) = error_of(&bytes);
        let model = &self.config.model;
        Err(match status {
            // Responses answers an unknown model 400 `model_not_found`.
            _ if code.as_deref() == Some("model_not_found") || status == 404 => (
                WriterError::Failed(format!(
                    "OpenAI has no model {model:?} for this key (choose another with \
                     --openai-text-model): {message}"
                )),
                None,
            ),
            429 if code.as_deref() == Some("insufficient_quota") => (
                WriterError::Failed(format!("OpenAI's quota is used up: {message}")),
                None,
            ),
            429 => (
                WriterError::Failed(format!("OpenAI's rate limit: {message}")),
                Some(retry_after.unwrap_or(Duration::from_secs(2))),
            ),
            500..=599 => (
                WriterError::Failed(format!("OpenAI answered {status}: {message}")),
                Some(retry_after.unwrap_or(Duration::from_secs(1))),
            ),
            _ => (
                WriterError::Failed(format!("OpenAI answered {status}: {message}")),
                None,
            ),
        })
    }

    fn network_error(&self, error: reqwest::Error) -> WriterError {
        if error.is_timeout() {
            WriterError::Failed(format!(
                "OpenAI did not answer within {} s",
                self.config.timeout.as_secs_f64()
            ))
        } else {
            WriterError::Failed(format!(
                "could not reach OpenAI at {}: {}",
                self.config.base_url,
                error.without_url()
            ))
        }
    }
}

#[async_trait]
impl PlanWriter for OpenAiPlanner {
    fn provider(&self) -> &'static str {
        "openai"
    }

    fn model(&self) -> &str {
        &self.config.model
    }

    async fn answer(&self, system: &str, turns: &[Turn]) -> Result<Answer, WriterError> {
        let body = OpenAiPlanner::body(&self.config.model, system, turns);
        crate::http::with_retries(&self.config.model, || self.call(&body)).await
    }
}

/// The answer's text (the `output_text` parts of its messages), or why
/// there is none.
fn read_answer(bytes: &[u8]) -> Result<Answer, WriterError> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| WriterError::Failed(format!("OpenAI's answer is not JSON: {e}")))?;
    let mut text = String::new();
    for item in value["output"].as_array().into_iter().flatten() {
        if item["type"] != "message" {
            continue;
        }
        for part in item["content"].as_array().into_iter().flatten() {
            match part["type"].as_str() {
                Some("output_text") => text.push_str(part["text"].as_str().unwrap_or("")),
                Some("refusal") => {
                    let said = part["refusal"].as_str().unwrap_or("no reason given");
                    return Err(WriterError::Refused(said.to_string()));
                }
                _ => {}
            }
        }
    }
    let status = value["status"].as_str().unwrap_or("completed");
    if status == "incomplete" {
        let reason = value["incomplete_details"]["reason"]
            .as_str()
            .unwrap_or("unknown");
        return Err(if reason == "content_filter" {
            WriterError::Refused("the answer was withheld (content_filter)".into())
        } else {
            WriterError::Failed(format!("the answer is incomplete ({reason})"))
        });
    }
    if status == "failed" {
        let message = value["error"]["message"]
            .as_str()
            .unwrap_or("no reason given");
        return Err(WriterError::Failed(format!(
            "the response failed: {message}"
        )));
    }
    if text.trim().is_empty() {
        return Err(WriterError::Failed(format!(
            "OpenAI's answer has no text (status {status})"
        )));
    }
    let usage = &value["usage"];
    Ok(Answer {
        text,
        usage: TokenUsage {
            input_tokens: usage["input_tokens"].as_u64().unwrap_or(0),
            output_tokens: usage["output_tokens"].as_u64().unwrap_or(0),
        },
    })
}

/// `error.message` and `error.code` of OpenAI's error body.
fn error_of(bytes: &[u8]) -> (String, Option<String>) {
    let value = serde_json::from_slice::<Value>(bytes).unwrap_or(Value::Null);
    let message = value["error"]["message"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned());
    let code = value["error"]["code"].as_str().map(str::to_string);
    (message, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        let config = OpenAiPlannerConfig::new("sk-secret-123");
        assert!(!format!("{config:?}").contains("sk-secret-123"));
    }

    #[test]
    fn setup_errors_are_named() {
        assert!(matches!(
            OpenAiPlanner::new(OpenAiPlannerConfig::new("")),
            Err(OpenAiPlannerError::NoKey)
        ));
        let mut config = OpenAiPlannerConfig::new("k");
        config.base_url = "api.openai.com".into();
        assert!(matches!(
            OpenAiPlanner::new(config),
            Err(OpenAiPlannerError::BaseUrl(_))
        ));
    }

    #[test]
    fn the_body_asks_for_strict_json_and_keeps_the_turns() {
        let body = OpenAiPlanner::body(
            "gpt-5.5",
            "rules",
            &[
                Turn::User("a".into()),
                Turn::Model("b".into()),
                Turn::User("c".into()),
            ],
        );
        assert_eq!(body["instructions"], "rules");
        assert_eq!(body["input"][1]["role"], "assistant");
        assert_eq!(body["input"][2]["content"], "c");
        let format = &body["text"]["format"];
        assert_eq!(format["type"], "json_schema");
        assert_eq!(format["strict"], true);
        assert_eq!(format["schema"]["additionalProperties"], false);
    }

    #[test]
    fn answers_refusals_and_cut_offs_are_read() {
        let ok = br#"{"status":"completed","output":[{"type":"reasoning","summary":[]},
            {"type":"message","role":"assistant","content":[{"type":"output_text","text":"{}","annotations":[]}]}],
            "usage":{"input_tokens":12,"output_tokens":3,"total_tokens":15}}"#;
        let answer = read_answer(ok).expect("answer");
        assert_eq!(
            (answer.text.as_str(), answer.usage.input_tokens),
            ("{}", 12)
        );
        let refused = br#"{"status":"completed","output":[{"type":"message","content":[{"type":"refusal","refusal":"I can't help with that."}]}]}"#;
        assert_eq!(
            read_answer(refused),
            Err(WriterError::Refused("I can't help with that.".into()))
        );
        let cut = br#"{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}"#;
        assert!(
            matches!(read_answer(cut), Err(WriterError::Failed(m)) if m.contains("max_output_tokens"))
        );
    }
}
