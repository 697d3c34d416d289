//! An OpenAI model as a [`PhotoChecker`]: the Responses API with the photo
//! as an `input_image` data URL and the findings' schema as a strict
//! JSON-schema text format.

use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::check::{
    check_prompt, findings_schema, read_findings, text_cost, CheckOutcome, CheckRequest,
    PhotoChecker,
};
use crate::engine::EngineError;

/// Checks photos with an OpenAI model.
pub struct OpenAiChecker {
    http: reqwest::Client,
    endpoint: String,
    api_key: String,
    model: String,
}

impl OpenAiChecker {
    /// A checker for `model` at `base_url` (without `/v1`).
    pub fn new(
        base_url: &str,
        api_key: &str,
        model: &str,
        timeout: Duration,
    ) -> Result<OpenAiChecker, String> {
        let base = base_url.trim_end_matches('/');
        let http = crate::check::http_client(timeout)?;
        Ok(OpenAiChecker {
            http,
            endpoint: format!("{base}/v1/responses"),
            api_key: api_key.to_string(),
            model: model.to_string(),
        })
    }
}

#[async_trait]
impl PhotoChecker for OpenAiChecker {
    fn model(&self) -> &str {
        &self.model
    }

    async fn check(&self, request: &CheckRequest) -> Result<CheckOutcome, EngineError> {
        let photo = base64::engine::general_purpose::STANDARD.encode(&request.photo);
        let body = json!({
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
        });
        let response = self
            .http
            .post(&self.endpoint)
            .bearer_auth(&self.api_key)
            .json(&body)
            .send()
            .await
            .map_err(|e| crate::check::network_error("OpenAI", e))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| crate::check::network_error("OpenAI", e))?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status != 200 {
            return Err(crate::check::status_error(status, &value, &self.model));
        }
        let mut text = String::new();
        for item in value["output"].as_array().into_iter().flatten() {
            for part in item["content"].as_array().into_iter().flatten() {
                match part["type"].as_str() {
                    Some("output_text") => text.push_str(part["text"].as_str().unwrap_or("")),
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
        let findings = read_findings(&text, request)?;
        let input = value["usage"]["input_tokens"].as_u64().unwrap_or(0);
        let output = value["usage"]["output_tokens"].as_u64().unwrap_or(0);
        Ok(CheckOutcome {
            findings,
            model: self.model.clone(),
            input_tokens: input,
            output_tokens: output,
            cost_usd: text_cost(&self.model, input, output).unwrap_or(0.0),
        })
    }
}
