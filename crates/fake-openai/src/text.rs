//! What `/v1/responses` answers with.
//!
//! By default the answer is the plan that stepcast's offline extractor
//! writes for the request embedded in the prompt (see
//! `plan::prompt::embed_request`), so a planner pointed at the fake gets a
//! valid plan of the right request. Tests script other answers through
//! [`ScriptedAnswer`]s (`FakeOpenAi::script_answers` or `POST
//! /_fake/answers`), the same type the fake Gemini uses: text that is not
//! JSON, a plan that fails validation, a refusal, an HTTP error. Each is
//! used once, oldest first.

pub use fake_gemini::ScriptedAnswer;

/// What a refusal says (as a `refusal` content part).
pub const REFUSAL_TEXT: &str = "I'm sorry, but I can't help with that request.";

/// The extractor's plan for the last request embedded in the texts; `{}`
/// in JSON mode without one, and a plain sentence otherwise.
pub(crate) fn default_text(texts: &[&str], json: bool) -> String {
    let joined = texts.join("\n");
    if let Some((in_view, _)) = plan::prompt::embedded_check_lists(&joined) {
        return plan::prompt::all_well_answer(&in_view);
    }
    match plan::prompt::embedded_request(&joined) {
        Some(request) => {
            serde_json::to_string(&extract::plan_for(&request)).unwrap_or_else(|_| "{}".to_string())
        }
        None if json => "{}".to_string(),
        None => "This is the fake OpenAI's text answer.".to_string(),
    }
}

/// About four characters a token, as OpenAI's tokenizers count English.
pub(crate) fn tokens(text: &str) -> u64 {
    text.chars().count().div_ceil(4) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_an_embedded_request_json_mode_gets_an_empty_object() {
        assert_eq!(default_text(&["hello"], true), "{}");
        assert!(!default_text(&["hello"], false).is_empty());
    }

    #[test]
    fn an_embedded_request_gets_the_extractors_plan() {
        let request = plan::GuideRequest {
            title: "Jar lantern".into(),
            description: "A lantern from a jar.".into(),
            materials: vec!["glass jar".into(), "wire".into()],
            steps: vec![plan::request::StepText::new(
                "Wrap",
                "Wrap the wire around the jar's neck.",
            )],
            ..plan::GuideRequest::default()
        };
        let prompt = format!("Rules...\n{}\n", plan::prompt::embed_request(&request));
        let text = default_text(&["system", &prompt], true);
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert!(value.is_object());
        assert_ne!(text, "{}");
    }
}
