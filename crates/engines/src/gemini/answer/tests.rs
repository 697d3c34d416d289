use serde_json::json;

use super::*;

const MODEL: &str = "gemini-3.1-flash-image";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn success(value: serde_json::Value) -> Result<AnswerImage, EngineError> {
    read_success(value.to_string().as_bytes())
}

fn permanent_message(result: Result<AnswerImage, EngineError>) -> String {
    match result {
        Err(EngineError::Permanent { message }) => message,
        other => panic!("expected a permanent error, got {other:?}"),
    }
}

fn transient_message(result: Result<AnswerImage, EngineError>) -> String {
    match result {
        Err(EngineError::Transient { message, .. }) => message,
        other => panic!("expected a transient error, got {other:?}"),
    }
}

#[test]
fn finds_the_image_after_a_text_part() {
    let answer = success(json!({
        "candidates": [{
            "content": {"role": "model", "parts": [
                {"text": "Here is the step."},
                {"inlineData": {"mimeType": "image/png", "data": b64(b"\x89PNGfake")}}
            ]},
            "finishReason": "STOP"
        }],
        "usageMetadata": {"promptTokenCount": 300, "candidatesTokenCount": 1120, "totalTokenCount": 1420},
        "modelVersion": "gemini-3.1-flash-image"
    }))
    .expect("an image");
    assert_eq!(answer.bytes, b"\x89PNGfake");
    assert_eq!(answer.mime_type, "image/png");
    assert_eq!(answer.usage.prompt_token_count, 300);
    assert_eq!(answer.usage.candidates_token_count, 1120);
    assert_eq!(answer.usage.total_token_count, 1420);
    assert_eq!(
        answer.model_version.as_deref(),
        Some("gemini-3.1-flash-image")
    );
}

#[test]
fn skips_thoughts_and_non_image_blobs() {
    let answer = success(json!({
        "candidates": [{"content": {"parts": [
            {"inlineData": {"mimeType": "image/png", "data": b64(b"draft")}, "thought": true},
            {"inlineData": {"mimeType": "application/pdf", "data": b64(b"pdf")}},
            {"inlineData": {"mimeType": "image/jpeg", "data": b64(b"final")}}
        ]}, "finishReason": "STOP"}]
    }))
    .expect("an image");
    assert_eq!(answer.bytes, b"final");
    assert_eq!(answer.mime_type, "image/jpeg");
    assert_eq!(answer.usage, UsageMetadata::default());
}

#[test]
fn safety_finish_reasons_are_permanent_and_named() {
    for reason in [
        "IMAGE_SAFETY",
        "PROHIBITED_CONTENT",
        "IMAGE_PROHIBITED_CONTENT",
        "SAFETY",
        "RECITATION",
    ] {
        let message = permanent_message(success(json!({
            "candidates": [{"finishReason": reason, "finishMessage": "Unable to show the generated image."}]
        })));
        assert!(message.contains(reason), "{message}");
        assert!(message.contains("Unable to show"), "{message}");
    }
}

#[test]
fn no_image_and_other_are_worth_another_try() {
    for reason in ["NO_IMAGE", "OTHER", "MAX_TOKENS"] {
        let message = transient_message(success(json!({
            "candidates": [{"content": {"parts": []}, "finishReason": reason}]
        })));
        assert!(message.contains(reason), "{message}");
    }
}

#[test]
fn a_blocked_prompt_names_the_block_reason() {
    let message = permanent_message(success(json!({
        "promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
        "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 12}
    })));
    assert_eq!(message, "Gemini blocked the prompt (PROHIBITED_CONTENT)");
}

#[test]
fn a_text_refusal_quotes_the_text() {
    let message = permanent_message(success(json!({
        "candidates": [{"content": {"parts": [{"text": "I can't create that image."}]}, "finishReason": "STOP"}]
    })));
    assert_eq!(
        message,
        "Gemini answered with text instead of an image: \"I can't create that image.\""
    );
}

#[test]
fn long_refusals_are_shortened() {
    let message = permanent_message(success(json!({
        "candidates": [{"content": {"parts": [{"text": "no ".repeat(500)}]}, "finishReason": "STOP"}]
    })));
    assert!(message.chars().count() < 400, "{}", message.len());
    assert!(message.ends_with("…\""));
}

#[test]
fn no_candidates_and_no_reason_is_transient() {
    transient_message(success(json!({})));
    transient_message(read_success(b"not json"));
    transient_message(success(json!({
        "candidates": [{"content": {"parts": [{"inlineData": {"mimeType": "image/png", "data": "%%%"}}]}}]
    })));
}

#[test]
fn rate_limits_wait_for_retry_info() {
    let body = json!({"error": {
        "code": 429,
        "message": "Resource has been exhausted (e.g. check quota).",
        "status": "RESOURCE_EXHAUSTED",
        "details": [
            {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
            {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s"}
        ]
    }});
    let error = read_failure(429, body.to_string().as_bytes(), None, MODEL);
    assert_eq!(
        error,
        EngineError::Transient {
            message: "Gemini answered HTTP 429 RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota).".into(),
            retry_after: Some(Duration::from_secs(37)),
        }
    );
}

#[test]
fn rate_limits_fall_back_to_the_retry_after_header() {
    let error = read_failure(429, b"{}", Some("3"), MODEL);
    assert!(matches!(
        error,
        EngineError::Transient { retry_after: Some(d), .. } if d == Duration::from_secs(3)
    ));
    let error = read_failure(429, b"{}", None, MODEL);
    assert!(matches!(
        error,
        EngineError::Transient {
            retry_after: None,
            ..
        }
    ));
}

#[test]
fn server_errors_are_transient() {
    for status in [500, 502, 503, 504, 408] {
        let body = json!({"error": {"code": status, "message": "The model is overloaded.", "status": "UNAVAILABLE"}});
        let error = read_failure(status, body.to_string().as_bytes(), None, MODEL);
        assert!(error.is_transient(), "{status}");
        assert!(error.to_string().contains("overloaded"));
    }
    // A body that is not Google's JSON (a proxy's HTML page) is quoted.
    let error = read_failure(502, b"<html>Bad Gateway</html>", None, MODEL);
    assert_eq!(
        error.to_string(),
        "Gemini answered HTTP 502: <html>Bad Gateway</html>"
    );
}

#[test]
fn client_errors_are_permanent_with_the_api_message() {
    let body = json!({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT"}});
    assert_eq!(
        read_failure(400, body.to_string().as_bytes(), None, MODEL),
        EngineError::permanent(
            "Gemini answered HTTP 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key."
        )
    );
    for status in [401, 403, 404] {
        assert!(
            !read_failure(status, b"{}", None, MODEL).is_transient(),
            "{status}"
        );
    }
}

#[test]
fn a_model_not_found_is_permanent_and_says_to_choose_another() {
    let body = json!({"error": {
        "code": 404,
        "message": "models/gemini-2.5-flash-image is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
        "status": "NOT_FOUND"
    }});
    let error = read_failure(
        404,
        body.to_string().as_bytes(),
        None,
        "gemini-2.5-flash-image",
    );
    assert!(!error.is_transient());
    let message = error.to_string();
    assert!(
        message.starts_with("the Gemini model \"gemini-2.5-flash-image\" is not available"),
        "{message}"
    );
    assert!(message.contains("HTTP 404 NOT_FOUND"), "{message}");
    assert!(
        message.ends_with(
            "choose another with --gemini-model: gemini-3.1-flash-image, gemini-3-pro-image"
        ),
        "{message}"
    );
    // A proxy's 404 page says the same (the URL names only the model).
    let error = read_failure(404, b"<html>Not Found</html>", None, MODEL);
    assert_eq!(
        error,
        model_not_found(MODEL, "Gemini answered HTTP 404: <html>Not Found</html>")
    );
    assert!(error.to_string().contains("--gemini-model"));
}

#[test]
fn durations_in_google_json() {
    assert_eq!(parse_duration("37s"), Some(Duration::from_secs(37)));
    assert_eq!(parse_duration("0.500s"), Some(Duration::from_millis(500)));
    assert_eq!(parse_duration("37"), None);
    assert_eq!(parse_duration("-1s"), None);
    assert_eq!(parse_duration("NaNs"), None);
    assert_eq!(parse_duration("99999s"), Some(Duration::from_secs(3600)));
}
