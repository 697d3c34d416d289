//! Refused requests, each with Google's exact error body: keys, models,
//! image limits, configuration values and malformed bodies.

mod common;

use common::*;
use fake_gemini::{FakeConfig, FakeGemini};
use serde_json::json;

fn fake() -> FakeGemini {
    FakeGemini::start(FakeConfig::default()).expect("starts")
}

fn keyed() -> FakeGemini {
    FakeGemini::start(FakeConfig {
        api_key: Some("test-key".into()),
        ..FakeConfig::default()
    })
    .expect("starts")
}

fn invalid_argument(answer: &Answer) -> String {
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(answer.body["error"]["code"], 400);
    assert_eq!(answer.body["error"]["status"], "INVALID_ARGUMENT");
    answer.body["error"]["message"]
        .as_str()
        .expect("a message")
        .to_string()
}

#[tokio::test]
async fn a_missing_key_is_403_permission_denied() {
    let fake = keyed();
    let answer = generate(&fake.base_url(), FLASH, None, &text_only("x")).await;
    assert_eq!(answer.status, 403);
    assert_eq!(
        answer.body,
        json!({"error": {
            "code": 403,
            "message": "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            "status": "PERMISSION_DENIED"
        }})
    );
    let entry = &fake.requests()[0];
    assert!(!entry.key_given);
    assert_eq!(entry.outcome.as_ref().unwrap().result, "no_key");
}

#[tokio::test]
async fn a_wrong_key_is_400_api_key_invalid() {
    let fake = keyed();
    let answer = generate(&fake.base_url(), FLASH, Some("nope"), &text_only("x")).await;
    assert_eq!(
        answer.body,
        json!({"error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [{
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": {"service": "generativelanguage.googleapis.com"}
            }]
        }})
    );
    let log = serde_json::to_string(&fake.requests()).unwrap();
    assert!(!log.contains("nope"), "the key is never logged");
}

#[tokio::test]
async fn an_unknown_model_is_404_with_googles_message() {
    let fake = fake();
    let answer = generate(&fake.base_url(), "gemini-9-ultra", None, &text_only("x")).await;
    assert_eq!(
        answer.body,
        json!({"error": {
            "code": 404,
            "message": "models/gemini-9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
            "status": "NOT_FOUND"
        }})
    );
    assert_eq!(fake.requests()[0].model, "gemini-9-ultra");
}

#[tokio::test]
async fn more_input_images_than_the_model_takes_are_refused_naming_the_limit() {
    let fake = fake();
    let input = png(8, 8, [0, 0, 0]);
    let images = vec![("image/png", input.as_slice()); 15];
    let answer = generate(
        &fake.base_url(),
        FLASH,
        None,
        &request(&["x"], &images, None, None),
    )
    .await;
    let message = invalid_argument(&answer);
    assert!(message.contains("at most 14"), "{message}");
    assert_eq!(fake.requests()[0].images.len(), 15, "logged all the same");
}

#[tokio::test]
async fn an_unsupported_aspect_ratio_is_named() {
    let fake = fake();
    let answer = generate(
        &fake.base_url(),
        FLASH,
        None,
        &request(&["x"], &[], Some("7:5"), None),
    )
    .await;
    let message = invalid_argument(&answer);
    assert!(
        message.contains("\"7:5\"") && message.contains("21:9"),
        "{message}"
    );
}

#[tokio::test]
async fn an_unsupported_image_size_is_named() {
    let fake = fake();
    let mut body = prompt("x");
    body["generationConfig"]["imageConfig"] = json!({"imageSize": "8K"});
    let message = invalid_argument(&generate(&fake.base_url(), PRO, None, &body).await);
    assert!(message.contains("\"8K\""), "{message}");
}

#[tokio::test]
async fn pro_refuses_the_512_size_by_field() {
    let fake = fake();
    let mut body = prompt("x");
    body["generationConfig"]["imageConfig"] = json!({"imageSize": "512"});
    let message = invalid_argument(&generate(&fake.base_url(), PRO, None, &body).await);
    assert!(
        message.contains("\"512\" in generationConfig.imageConfig.imageSize")
            && message.contains("1K, 2K, 4K"),
        "{message}"
    );
}

#[tokio::test]
async fn a_retired_model_is_not_found() {
    let fake = fake();
    let answer = generate(
        &fake.base_url(),
        "gemini-2.5-flash-image",
        None,
        &prompt("x"),
    )
    .await;
    assert_eq!(answer.status, 404, "{}", answer.body);
    assert_eq!(answer.body["error"]["status"], "NOT_FOUND");
    assert!(answer.body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("models/gemini-2.5-flash-image is not found"));
}

#[tokio::test]
async fn an_unknown_modality_is_named() {
    let fake = fake();
    let body = request(&["x"], &[], None, Some(&["PICTURE"]));
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
    assert!(message.contains("\"PICTURE\""), "{message}");
}

#[tokio::test]
async fn malformed_json_is_invalid_argument() {
    let fake = fake();
    let answer = generate_raw(&fake.base_url(), FLASH, b"{\"contents\": [".to_vec()).await;
    let message = invalid_argument(&answer);
    assert!(
        message.starts_with("Invalid JSON payload received."),
        "{message}"
    );
    let outcome = fake.requests()[0].outcome.clone().unwrap();
    assert_eq!(outcome.result, "invalid_argument");
}

#[tokio::test]
async fn missing_or_empty_contents_are_named() {
    let fake = fake();
    for body in [json!({}), json!({"contents": []})] {
        let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
        assert!(message.contains("contents is not specified"), "{message}");
    }
    let body = json!({"contents": [{"parts": []}]});
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
    assert!(message.contains("contents[0].parts"), "{message}");
}

#[tokio::test]
async fn a_bad_role_is_refused() {
    let fake = fake();
    let body = json!({"contents": [{"role": "assistant", "parts": [{"text": "x"}]}]});
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
    assert_eq!(message, "Please use a valid role: user, model.");
}

#[tokio::test]
async fn bad_base64_is_refused_naming_the_field() {
    let fake = fake();
    let body = json!({"contents": [{"parts": [
        {"text": "x"},
        {"inlineData": {"mimeType": "image/png", "data": "not base64!"}}
    ]}]});
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
    assert!(
        message.contains("contents[0].parts[1].inline_data.data"),
        "{message}"
    );
}

#[tokio::test]
async fn undecodable_and_unsupported_images_are_refused() {
    let fake = fake();
    let garbage = request(&["x"], &[("image/png", b"not an image")], None, None);
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &garbage).await);
    assert!(
        message.starts_with("Unable to process input image."),
        "{message}"
    );

    let gif = request(&["x"], &[("image/gif", b"GIF89a")], None, None);
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &gif).await);
    assert_eq!(message, "Unsupported MIME type: image/gif");
}

#[tokio::test]
async fn multiple_candidates_are_refused() {
    let fake = fake();
    let mut body = prompt("x");
    body["generationConfig"]["candidateCount"] = json!(2);
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
    assert!(message.contains("Multiple candidates"), "{message}");
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_the_limit() {
    let fake = FakeGemini::start(FakeConfig {
        max_body_bytes: 1000,
        ..FakeConfig::default()
    })
    .expect("starts");
    let body = text_only(&"x".repeat(2000));
    let message = invalid_argument(&generate(&fake.base_url(), FLASH, None, &body).await);
    assert_eq!(
        message,
        "Request payload size exceeds the limit: 1000 bytes."
    );
}

#[tokio::test]
async fn unknown_paths_and_methods_are_404_json() {
    let fake = fake();
    for path in [
        "/v1beta/models/gemini-3.1-flash-image:streamGenerateContent",
        "/v2/models/gemini-3.1-flash-image:generateContent",
        "/nothing/here",
    ] {
        let response = reqwest::Client::new()
            .post(format!("{}{path}", fake.base_url()))
            .body("{}")
            .send()
            .await
            .expect("answers");
        let answer = read(response).await;
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(answer.body["error"]["status"], "NOT_FOUND", "{path}");
    }
    assert!(fake.requests().is_empty(), "only generateContent is logged");
}
