//! Checking a photo against the step's state: a text model that sees
//! images is given the photo, the parts that must be in view and the parts
//! that must not appear yet, and answers in JSON which parts it sees.
//!
//! A cloud model draws from words and reference images and can add a part
//! from a later step or leave one out; the plan says exactly what belongs
//! in each picture, so the picture can be checked against it. The checker
//! for Gemini and OpenAI is [`crate::checker`]; what to do with a
//! finding (one redraw) is the job runner's business.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::engine::EngineError;

/// One photo to check.
#[derive(Clone, Debug)]
pub struct CheckRequest {
    pub photo: bytes::Bytes,
    pub content_type: String,
    pub step_number: u32,
    pub step_title: String,
    /// Names of the parts that must be in view.
    pub in_view: Vec<String>,
    /// Names of the parts that come in later steps.
    pub not_yet: Vec<String>,
}

/// What the model saw, reconciled with the lists it was given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckFindings {
    /// Parts in view that the model saw.
    pub seen: Vec<String>,
    /// Parts that must be in view but were not seen.
    pub missing: Vec<String>,
    /// Parts of later steps that appeared.
    pub unexpected: Vec<String>,
}

impl CheckFindings {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty()
    }

    /// The finding in words, for the redraw's prompt and the step's
    /// record; empty when the photo passed.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!("missing: {}", self.missing.join(", ")));
        }
        if !self.unexpected.is_empty() {
            parts.push(format!("shown too early: {}", self.unexpected.join(", ")));
        }
        parts.join("; ")
    }

    /// The sentence added to the prompt of the redraw.
    pub fn correction(&self) -> String {
        let mut text = String::from("A check of the previous attempt found problems. ");
        if !self.missing.is_empty() {
            text.push_str(&format!(
                "These parts must be clearly visible: {}. ",
                self.missing.join(", ")
            ));
        }
        if !self.unexpected.is_empty() {
            text.push_str(&format!(
                "These parts must not appear at all in this step: {}.",
                self.unexpected.join(", ")
            ));
        }
        text.trim_end().to_string()
    }
}

/// A check's findings with what it cost.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckOutcome {
    pub findings: CheckFindings,
    pub model: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
}

/// A text model that checks photos.
#[async_trait]
pub trait PhotoChecker: Send + Sync {
    /// The model's id.
    fn model(&self) -> &str;

    async fn check(&self, request: &CheckRequest) -> Result<CheckOutcome, EngineError>;
}

/// What the model is asked (see `plan::prompt::check_prompt`).
pub fn check_prompt(request: &CheckRequest) -> String {
    plan::prompt::check_prompt(
        request.step_number,
        &request.step_title,
        &request.in_view,
        &request.not_yet,
    )
}

/// The JSON Schema of the answer (closed and fully required, so it is
/// valid as a strict schema too).
pub fn findings_schema() -> Value {
    let list = json!({"type": "array", "items": {"type": "string"}});
    json!({
        "type": "object",
        "properties": {"seen": list, "missing": list, "unexpected": list},
        "required": ["seen", "missing", "unexpected"],
        "additionalProperties": false,
    })
}

/// The findings in a model's answer, reconciled with the lists: a part in
/// view counts as missing unless the model says it saw it, and only parts
/// of later steps can be unexpected. Names are compared ignoring case.
pub fn read_findings(text: &str, request: &CheckRequest) -> Result<CheckFindings, EngineError> {
    let value: Value = serde_json::from_str(text.trim())
        .map_err(|e| EngineError::transient(format!("the check's answer is not JSON: {e}")))?;
    let said = |key: &str| -> Vec<String> {
        value[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(|s| s.trim().to_lowercase()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (seen_said, missing_said, unexpected_said) =
        (said("seen"), said("missing"), said("unexpected"));
    let mut findings = CheckFindings::default();
    for part in &request.in_view {
        let name = part.to_lowercase();
        if seen_said.contains(&name) && !missing_said.contains(&name) {
            findings.seen.push(part.clone());
        } else {
            findings.missing.push(part.clone());
        }
    }
    for part in &request.not_yet {
        if unexpected_said.contains(&part.to_lowercase()) {
            findings.unexpected.push(part.clone());
        }
    }
    Ok(findings)
}

/// US dollars per million input and output tokens of the text models a
/// check may use, where their price was found (checked 2026-12-06: Google's
/// pricing page as quoted for Gemini 3 Flash and 3.5 Flash; OpenAI's for
/// GPT-5.5). A model not listed is counted at no cost, and the note says so.
const TEXT_PRICES: [(&str, f64, f64); 3] = [
    ("gemini-3-flash-preview", 0.50, 3.00),
    ("gemini-3.5-flash", 1.50, 9.00),
    ("gpt-5.5", 5.00, 30.00),
];

/// What `input` and `output` tokens of `model` cost, if its price is known.
pub fn text_cost(model: &str, input: u64, output: u64) -> Option<f64> {
    TEXT_PRICES
        .iter()
        .find(|(id, _, _)| *id == model)
        .map(|(_, i, o)| ((input as f64 * i + output as f64 * o) / 1e6 * 1e6).round() / 1e6)
}

/// The parts a step's photo must show and must not show yet, by name:
/// those in the state after the step, and those that first appear later.
pub fn expected_parts(plan: &plan::Plan, step_index: usize) -> (Vec<String>, Vec<String>) {
    let states = plan::states(plan);
    let Some(state) = states.get(step_index) else {
        return (Vec::new(), Vec::new());
    };
    let in_view: Vec<String> = state.parts.iter().map(|p| p.name.clone()).collect();
    let earlier: std::collections::HashSet<&str> = states[..=step_index]
        .iter()
        .flat_map(|s| s.parts.iter().map(|p| p.id.as_str()))
        .collect();
    let mut not_yet: Vec<String> = Vec::new();
    for later in &states[step_index + 1..] {
        for part in &later.parts {
            if !earlier.contains(part.id.as_str()) && !not_yet.contains(&part.name) {
                not_yet.push(part.name.clone());
            }
        }
    }
    (in_view, not_yet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> CheckRequest {
        CheckRequest {
            photo: bytes::Bytes::from_static(b"img"),
            content_type: "image/png".into(),
            step_number: 2,
            step_title: "Fill".into(),
            in_view: vec!["glass jar".into(), "potting soil".into()],
            not_yet: vec!["succulent".into()],
        }
    }

    #[test]
    fn findings_are_reconciled_with_the_lists() {
        let all = read_findings(
            r#"{"seen": ["Glass jar", "potting soil"], "missing": [], "unexpected": []}"#,
            &request(),
        )
        .expect("read");
        assert!(all.passed());
        let bad = read_findings(
            r#"{"seen": ["glass jar"], "missing": [], "unexpected": ["succulent", "a dragon"]}"#,
            &request(),
        )
        .expect("read");
        assert_eq!(bad.missing, vec!["potting soil"]);
        assert_eq!(bad.unexpected, vec!["succulent"]);
        assert_eq!(
            bad.describe(),
            "missing: potting soil; shown too early: succulent"
        );
        assert!(bad
            .correction()
            .contains("must not appear at all in this step: succulent"));
        assert!(read_findings("nope", &request()).is_err());
    }

    #[test]
    fn the_prompt_carries_the_lists_for_a_fake_to_find() {
        let prompt = check_prompt(&request());
        let (in_view, not_yet) = plan::prompt::embedded_check_lists(&prompt).expect("lists");
        assert_eq!(in_view, request().in_view);
        assert_eq!(not_yet, request().not_yet);
    }

    #[test]
    fn expected_parts_are_the_state_and_the_parts_still_to_come() {
        let request = plan::request::parse_json(
            r#"{"title": "Jar", "materials": ["glass jar", "potting soil", "succulent"],
                "steps": [{"title": "Fill", "description": "Fill the glass jar with potting soil."},
                          {"title": "Plant", "description": "Plant the succulent in the soil."}]}"#,
        )
        .expect("request");
        let plan = extract::plan_for(&request);
        let (in_view, not_yet) = expected_parts(&plan, 0);
        assert!(in_view.iter().any(|n| n.contains("jar")), "{in_view:?}");
        assert!(
            not_yet.iter().any(|n| n.contains("succulent")),
            "{not_yet:?}"
        );
        let (in_view, not_yet) = expected_parts(&plan, 1);
        assert!(in_view.iter().any(|n| n.contains("succulent")));
        assert!(not_yet.is_empty());
    }
}
