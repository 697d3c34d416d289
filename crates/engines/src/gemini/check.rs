//! A Gemini text model as a [`PhotoChecker`]: the photo inline, the check
//! prompt, JSON mode with the findings' schema.

use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::check::{
    check_prompt, findings_schema, read_findings, text_cost, CheckOutcome, CheckRequest,
    PhotoChecker,
};
use crate::engine::EngineError;

/// Checks photos with a Gemini text model.
pub struct GeminiChecker {
    http: reqwest::Client,
    endpoint: String,
    api_key: String,
    model: String,
}

impl GeminiChecker {
    /// A checker for `model` at `base_url` (without `/v1beta`).
    pub fn new(
        base_url: &str,
        api_key: &str,
        model: &str,
        timeout: Duration,
    ) -> Result<GeminiChecker, String> {
        let base = base_url.trim_end_matches('/');
        let http = crate::check::http_client(timeout)?;
        Ok(GeminiChecker {
            http,
            endpoint: format!("{base}/v1beta/models/{model}:generateContent"),
            api_key: api_key.to_string(),
            model: model.to_string(),
        })
    }
}

#[async_trait]
impl PhotoChecker for GeminiChecker {
    fn model(&self) -> &str {
        &self.model
    }

    async fn check(&self, request: &CheckRequest) -> Result<CheckOutcome, EngineError> {
        let photo = base64::engine::general_purpose::STANDARD.encode(&request.photo);
        let body = json!({
            "contents": [{"role": "user", "parts": [
                {"inlineData": {"mimeType": request.content_type, "data": photo}},
                {"text": check_prompt(request)},
            ]}],
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseJsonSchema": findings_schema(),
            },
        });
        let response = self
            .http
            .post(&self.endpoint)
            .header("x-goog-api-key", &self.api_key)
            .json(&body)
            .send()
            .await
            .map_err(|e| crate::check::network_error("Gemini", e))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| crate::check::network_error("Gemini", e))?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status != 200 {
            return Err(crate::check::status_error(status, &value, &self.model));
        }
        let text: String = value["candidates"][0]["content"]["parts"]
            .as_array()
            .map(|parts| {
                parts
                    .iter()
                    .filter(|p| p["thought"] != Value::Bool(true))
                    .filter_map(|p| p["text"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        let findings = read_findings(&text, request)?;
        let usage = &value["usageMetadata"];
        let input = usage["promptTokenCount"].as_u64().unwrap_or(0);
        let output = usage["candidatesTokenCount"].as_u64().unwrap_or(0)
            + usage["thoughtsTokenCount"].as_u64().unwrap_or(0);
        Ok(CheckOutcome {
            findings,
            model: self.model.clone(),
            input_tokens: input,
            output_tokens: output,
            cost_usd: text_cost(&self.model, input, output).unwrap_or(0.0),
        })
    }
}
