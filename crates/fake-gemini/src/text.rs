//! Text models: `generateContent` answered with text, as stepcast's
//! planner calls it (JSON mode with a response schema).
//!
//! By default the answer is the plan that stepcast's offline extractor
//! writes for the request embedded in the prompt (see
//! `plan::prompt::embed_request`), so a planner pointed at the fake gets a
//! valid plan of the right request. Tests script other answers through
//! [`ScriptedAnswer`]s (`FakeGemini::script_answers` or `POST
//! /_fake/answers`): text that is not JSON, a plan that fails validation, a
//! refusal, an HTTP error. Each scripted answer is used once, oldest first.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::ApiError;

/// A text model the fake answers for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextModel {
    pub name: &'static str,
}

/// The text models the fake knows (Gemini API models page, 2026-12-06).
pub const TEXT_MODELS: [TextModel; 4] = [
    TextModel {
        name: "gemini-3.8-flash",
    },
    TextModel {
        name: "gemini-3.7-flash",
    },
    TextModel {
        name: "gemini-3.5-flash-lite",
    },
    TextModel {
        name: "gemini-3.1-pro-preview",
    },
];

/// The text model with this name, if the fake knows it.
pub fn text_model(name: &str) -> Option<TextModel> {
    TEXT_MODELS.iter().copied().find(|m| m.name == name)
}

/// One scripted answer of a text model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScriptedAnswer {
    /// This text as the answer (invalid JSON, a plan that fails the
    /// checks, a verdict...).
    Text { text: String },
    /// The answer withheld by the safety filters (`finishReason: SAFETY`).
    Refusal,
    /// An HTTP error with Google's error body.
    Error { status: u16, message: String },
}

/// The JSON-mode fields of a request's `generationConfig`.
struct JsonMode {
    mime_type: Option<String>,
    has_schema: bool,
}

fn json_mode(body: &Value) -> JsonMode {
    let config = &body["generationConfig"];
    JsonMode {
        mime_type: config["responseMimeType"].as_str().map(str::to_string),
        has_schema: config.get("responseJsonSchema").is_some()
            || config.get("responseSchema").is_some(),
    }
}

/// The answer to a text model's request: the scripted answer if one is
/// queued, else the extractor's plan for the embedded request.
pub(crate) fn answer(
    model: TextModel,
    body: &[u8],
    texts: &[String],
    system: Option<&str>,
    scripted: Option<ScriptedAnswer>,
) -> Result<Value, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid_argument(format!("Invalid JSON payload received. {e}")))?;
    let mode = json_mode(&value);
    if mode.has_schema && mode.mime_type.as_deref() != Some("application/json") {
        return Err(ApiError::invalid_argument(
            "* GenerateContentRequest.generation_config.response_mime_type: a response schema \
             is only supported with response_mime_type \"application/json\"\n",
        ));
    }
    let prompt_tokens = tokens(texts.iter().map(String::as_str).chain(system));
    let text = match scripted {
        Some(ScriptedAnswer::Text { text }) => text,
        Some(ScriptedAnswer::Refusal) => {
            return Ok(json!({
                "candidates": [{"finishReason": "SAFETY", "index": 0}],
                "usageMetadata": {"promptTokenCount": prompt_tokens, "totalTokenCount": prompt_tokens},
                "modelVersion": model.name,
            }))
        }
        Some(ScriptedAnswer::Error { status, message }) => {
            let code = axum::http::StatusCode::from_u16(status)
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            return Err(ApiError::new(code, message));
        }
        None => default_text(texts, mode.mime_type.as_deref() == Some("application/json")),
    };
    let answer_tokens = tokens(std::iter::once(text.as_str()));
    Ok(json!({
        "candidates": [{
            "content": {"role": "model", "parts": [{"text": text}]},
            "finishReason": "STOP",
            "index": 0,
        }],
        "usageMetadata": {
            "promptTokenCount": prompt_tokens,
            "candidatesTokenCount": answer_tokens,
            "totalTokenCount": prompt_tokens + answer_tokens,
        },
        "modelVersion": model.name,
    }))
}

/// A photo check's all-is-well verdict for a check prompt; else the
/// extractor's plan for the last request embedded in the texts; `{}` in
/// JSON mode without one, and a plain sentence otherwise.
fn default_text(texts: &[String], json: bool) -> String {
    let joined = texts.join("\n");
    if let Some((in_view, _)) = plan::prompt::embedded_check_lists(&joined) {
        return plan::prompt::all_well_answer(&in_view);
    }
    match plan::prompt::embedded_request(&joined) {
        Some(request) => {
            serde_json::to_string(&extract::plan_for(&request)).unwrap_or_else(|_| "{}".to_string())
        }
        None if json => "{}".to_string(),
        None => "This is the fake Gemini's text answer.".to_string(),
    }
}

/// About four characters a token, as Gemini counts English.
fn tokens<'a>(texts: impl Iterator<Item = &'a str>) -> u64 {
    let chars: usize = texts.map(|t| t.chars().count()).sum();
    chars.div_ceil(4) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_without_json_mode_is_refused() {
        let body = br#"{"contents":[{"parts":[{"text":"x"}]}],
                        "generationConfig":{"responseJsonSchema":{"type":"object"}}}"#;
        let model = text_model("gemini-3.8-flash").expect("known");
        assert!(answer(model, body, &["x".into()], None, None).is_err());
    }

    #[test]
    fn scripted_answers_replace_the_plan() {
        let body = br#"{"contents":[{"parts":[{"text":"x"}]}],
                        "generationConfig":{"responseMimeType":"application/json"}}"#;
        let model = text_model("gemini-3.8-flash").expect("known");
        let scripted = Some(ScriptedAnswer::Text {
            text: "nope".into(),
        });
        let value = answer(model, body, &["x".into()], None, scripted).expect("answer");
        assert_eq!(
            value["candidates"][0]["content"]["parts"][0]["text"],
            "nope"
        );
        let value = answer(
            model,
            body,
            &["x".into()],
            None,
            Some(ScriptedAnswer::Refusal),
        )
        .expect("answer");
        assert_eq!(value["candidates"][0]["finishReason"], "SAFETY");
        let value = answer(model, body, &["x".into()], None, None).expect("answer");
        assert_eq!(value["candidates"][0]["content"]["parts"][0]["text"], "{}");
    }
}
