//! The photo checker: one client for either provider's text model. Only
//! what differs is provider-specific: the request body (Gemini's
//! `generateContent` in JSON mode with the photo inline; OpenAI's Responses
//! API with the photo as an `input_image` data URL and a strict schema),
//! the header the key travels in, and where the answer's text and token
//! counts sit. Sending, status errors, findings and cost are shared.

use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::check::{
    check_prompt, findings_schema, read_findings, text_cost, CheckOutcome, CheckRequest,
    PhotoChecker,
};
use crate::engine::EngineError;

/// Whose text model checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Provider {
    Gemini,
    OpenAi,
}

impl Provider {
    fn name(self) -> &'static str {
        match self {
            Provider::Gemini => "Gemini",
            Provider::OpenAi => "OpenAI",
        }
    }
}

/// Checks photos with a provider's text model.
pub struct ModelChecker {
    provider: Provider,
    http: reqwest::Client,
    endpoint: String,
    api_key: String,
    model: String,
}

impl ModelChecker {
    /// A Gemini text model at `base_url` (without `/v1beta`).
    pub fn gemini(
        base_url: &str,
        api_key: &str,
        model: &str,
        timeout: Duration,
    ) -> Result<ModelChecker, String> {
        let endpoint = format!(
            "{}/v1beta/models/{model}:generateContent",
            base_url.trim_end_matches('/')
        );
        ModelChecker::new(Provider::Gemini, endpoint, api_key, model, timeout)
    }

    /// An OpenAI model at `base_url` (without `/v1`).
    pub fn openai(
        base_url: &str,
        api_key: &str,
        model: &str,
        timeout: Duration,
    ) -> Result<ModelChecker, String> {
        let endpoint = format!("{}/v1/responses", base_url.trim_end_matches('/'));
        ModelChecker::new(Provider::OpenAi, endpoint, api_key, model, timeout)
    }

    fn new(
        provider: Provider,
        endpoint: String,
        api_key: &str,
        model: &str,
        timeout: Duration,
    ) -> Result<ModelChecker, String> {
        Ok(ModelChecker {
            provider,
            http: http_client(timeout)?,
            endpoint,
            api_key: api_key.to_string(),
            model: model.to_string(),
        })
    }

    fn body(&self, request: &CheckRequest) -> Value {
        let photo = base64::engine::general_purpose::STANDARD.encode(&request.photo);
        match self.provider {
            Provider::Gemini => json!({
                "contents": [{"role": "user", "parts": [
                    {"inlineData": {"mimeType": request.content_type, "data": photo}},
                    {"text": check_prompt(request)},
                ]}],
                "generationConfig": {
                    "responseMimeType": "application/json",
                    "responseJsonSchema": findings_schema(),
                },
            }),
            Provider::OpenAi => json!({
                "model": self.model,
                "input": [{"role": "user", "content": [
                    {"type": "input_image", "image_url": format!("data:{};base64,{photo}", request.content_type)},
                    {"type": "input_text", "text": check_prompt(request)},
                ]}],
                "text": {"format": {
                    "type": "json_schema",
                    "name": "photo_check",
                    "schema": findings_schema(),
                    "strict": true,
                }},
                "store": false,
            }),
        }
    }

    /// The answer's text and its (input, output) tokens.
    fn read(&self, value: &Value) -> Result<(String, u64, u64), EngineError> {
        match self.provider {
            Provider::Gemini => {
                let text = value["candidates"][0]["content"]["parts"]
                    .as_array()
                    .map(|parts| {
                        parts
                            .iter()
                            .filter(|p| p["thought"] != Value::Bool(true))
                            .filter_map(|p| p["text"].as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                let usage = &value["usageMetadata"];
                let output = usage["candidatesTokenCount"].as_u64().unwrap_or(0)
                    + usage["thoughtsTokenCount"].as_u64().unwrap_or(0);
                Ok((
                    text,
                    usage["promptTokenCount"].as_u64().unwrap_or(0),
                    output,
                ))
            }
            Provider::OpenAi => {
                let mut text = String::new();
                for item in value["output"].as_array().into_iter().flatten() {
                    for part in item["content"].as_array().into_iter().flatten() {
                        match part["type"].as_str() {
                            Some("output_text") => {
                                text.push_str(part["text"].as_str().unwrap_or(""))
                            }
                            Some("refusal") => {
                                return Err(EngineError::permanent(format!(
                                    "the photo check was refused: {}",
                                    part["refusal"].as_str().unwrap_or("no reason given")
                                )))
                            }
                            _ => {}
                        }
                    }
                }
                let usage = &value["usage"];
                Ok((
                    text,
                    usage["input_tokens"].as_u64().unwrap_or(0),
                    usage["output_tokens"].as_u64().unwrap_or(0),
                ))
            }
        }
    }
}

#[async_trait]
impl PhotoChecker for ModelChecker {
    fn model(&self) -> &str {
        &self.model
    }

    async fn check(&self, request: &CheckRequest) -> Result<CheckOutcome, EngineError> {
        let post = self.http.post(&self.endpoint).json(&self.body(request));
        let post = match self.provider {
            Provider::Gemini => post.header("x-goog-api-key", &self.api_key),
            Provider::OpenAi => post.bearer_auth(&self.api_key),
        };
        let network = |e| network_error(self.provider.name(), e);
        let response = post.send().await.map_err(network)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(network)?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status != 200 {
            return Err(status_error(status, &value, &self.model));
        }
        let (text, input, output) = self.read(&value)?;
        Ok(CheckOutcome {
            findings: read_findings(&text, request)?,
            model: self.model.clone(),
            input_tokens: input,
            output_tokens: output,
            cost_usd: text_cost(&self.model, input, output).unwrap_or(0.0),
        })
    }
}

/// The HTTP client a checker calls its provider with.
fn http_client(timeout: std::time::Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(std::time::Duration::from_secs(10))
        .user_agent(concat!("stepcast/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())
}

/// The error of a check answered with `status` and error body `value`
/// (both providers put the message at `error.message`): worth another try
/// for a rate limit or a server error, final otherwise.
fn status_error(status: u16, value: &Value, model: &str) -> EngineError {
    let message = value["error"]["message"].as_str().unwrap_or("no message");
    let error = format!("the photo check ({model}) answered {status}: {message}");
    if status == 429 || status >= 500 {
        EngineError::transient(error)
    } else {
        EngineError::permanent(error)
    }
}

/// A failure to reach the provider or to read its whole answer.
fn network_error(provider: &str, error: reqwest::Error) -> EngineError {
    EngineError::transient(format!(
        "the photo check could not reach {provider}: {}",
        error.without_url()
    ))
}
