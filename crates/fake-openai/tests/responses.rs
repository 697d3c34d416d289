//! The Responses API over HTTP: the default plan answer, strict schemas,
//! image inputs, scripted answers and errors.

mod common;

use common::*;
use fake_openai::{Endpoint, ScriptedAnswer};
use serde_json::{json, Value};

const MODEL: &str = "gpt-6-luna";

/// A strict schema like a planner's.
fn schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["parts", "steps"],
        "properties": {
            "parts": {"type": "array", "items": {"type": "string"}},
            "steps": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["adds", "note"],
                    "properties": {
                        "adds": {"type": "array", "items": {"type": "string"}},
                        "note": {"type": ["string", "null"]}
                    }
                }
            }
        }
    })
}

fn json_format(schema: Value, strict: bool) -> Value {
    json!({"format": {"type": "json_schema", "name": "plan", "schema": schema, "strict": strict}})
}

fn embedded_request() -> String {
    let request = plan::GuideRequest {
        title: "Bottle planter".into(),
        description: "A hanging planter from a soda bottle.".into(),
        materials: vec!["plastic bottle".into(), "string".into(), "soil".into()],
        steps: vec![
            plan::request::StepText::new("Cut", "Cut the plastic bottle in half."),
            plan::request::StepText::new("Hang", "Tie the string through two holes."),
        ],
        ..plan::GuideRequest::default()
    };
    format!(
        "Write the plan of this request.\n{}\n",
        plan::prompt::embed_request(&request)
    )
}

/// The text of the one output message.
fn output_text(body: &Value) -> String {
    let content = &body["output"][0]["content"][0];
    assert_eq!(content["type"], "output_text", "{body}");
    content["text"].as_str().expect("text").to_string()
}

#[tokio::test]
async fn the_default_answer_is_the_extractors_plan_in_a_completed_response() {
    let fake = fake();
    let answer = post(
        &fake.base_url(),
        "responses",
        Some(KEY),
        &json!({
            "model": MODEL,
            "instructions": "You write build plans.",
            "input": [{"role": "user", "content": [{"type": "input_text", "text": embedded_request()}]}],
            "text": json_format(schema(), true),
        }),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert!(body["id"]
        .as_str()
        .is_some_and(|id| id.starts_with("resp_")));
    assert_eq!(body["object"], "response");
    assert_eq!(body["status"], "completed");
    assert_eq!(body["model"], MODEL);
    assert_eq!(body["instructions"], "You write build plans.");
    assert_eq!(body["text"]["format"]["name"], "plan");
    let message = &body["output"][0];
    assert_eq!(message["type"], "message");
    assert_eq!(message["role"], "assistant");
    assert_eq!(message["status"], "completed");
    assert!(message["id"]
        .as_str()
        .is_some_and(|id| id.starts_with("msg_")));
    assert_eq!(message["content"][0]["annotations"], json!([]));
    let text = output_text(&body);
    let plan: Value = serde_json::from_str(&text).expect("the answer is JSON");
    assert!(plan.is_object() && plan != json!({}), "{plan}");
    let usage = &body["usage"];
    let (input, output) = (
        usage["input_tokens"].as_u64().expect("input"),
        usage["output_tokens"].as_u64().expect("output"),
    );
    assert!(input > 0 && output > 0);
    assert_eq!(usage["total_tokens"], input + output);
    assert_eq!(usage["input_tokens_details"]["cached_tokens"], 0);
    assert_eq!(usage["output_tokens_details"]["reasoning_tokens"], 0);

    let entry = &fake.requests()[0];
    assert_eq!(entry.endpoint, Endpoint::Responses);
    assert_eq!(entry.model.as_deref(), Some(MODEL));
    assert_eq!(
        entry.instructions.as_deref(),
        Some("You write build plans.")
    );
    assert_eq!(entry.texts.len(), 1);
    assert_eq!(entry.text_format.as_deref(), Some("json_schema"));
    assert_eq!(entry.schema_name.as_deref(), Some("plan"));
    assert_eq!(entry.strict, Some(true));
    assert_eq!(entry.output_text.as_deref(), Some(text.as_str()));
}

#[tokio::test]
async fn json_modes_without_an_embedded_request_answer_an_empty_object() {
    let fake = fake();
    let base = fake.base_url();
    let body = post(
        &base,
        "responses",
        Some(KEY),
        &json!({"model": MODEL, "input": "hello", "text": json_format(schema(), true)}),
    )
    .await
    .json();
    assert_eq!(output_text(&body), "{}");
    let body = post(
        &base,
        "responses",
        Some(KEY),
        &json!({"model": MODEL, "input": "Answer in JSON.", "text": {"format": {"type": "json_object"}}}),
    )
    .await
    .json();
    assert_eq!(output_text(&body), "{}");
    let answer = post(
        &base,
        "responses",
        Some(KEY),
        &json!({"model": MODEL, "input": "no keyword here", "text": {"format": {"type": "json_object"}}}),
    )
    .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.error()["param"], "input");
    let body = post(
        &base,
        "responses",
        Some(KEY),
        &json!({"model": MODEL, "input": "hi"}),
    )
    .await
    .json();
    assert!(!output_text(&body).is_empty());
    assert_eq!(body["text"]["format"]["type"], "text");
}

#[tokio::test]
async fn strict_schemas_that_break_the_rules_are_refused() {
    let fake = fake();
    let base = fake.base_url();
    let mut loose = schema();
    loose["properties"]["steps"]["items"]
        .as_object_mut()
        .expect("object")
        .remove("additionalProperties");
    let mut optional = schema();
    optional["properties"]["steps"]["items"]["required"] = json!(["adds"]);
    let cases = [
        (
            loose.clone(),
            "Invalid schema for response_format 'plan': In context=('properties', 'steps', 'items'), \
             'additionalProperties' is required to be supplied and to be false.",
        ),
        (
            optional,
            "Invalid schema for response_format 'plan': In context=('properties', 'steps', 'items'), \
             'required' is required to be supplied and to be an array including every key in \
             properties. Missing 'note'.",
        ),
    ];
    for (schema, message) in cases {
        let answer = post(
            &base,
            "responses",
            Some(KEY),
            &json!({"model": MODEL, "input": "x", "text": json_format(schema, true)}),
        )
        .await;
        assert_eq!(answer.status, 400, "{}", answer.text);
        let error = answer.error();
        assert_eq!(error["message"], message);
        assert_eq!(error["type"], "invalid_request_error");
        assert_eq!(error["param"], "text.format.schema");
        assert_eq!(error["code"], "invalid_json_schema");
    }
    // Without strict the same schema is taken as it is.
    let answer = post(
        &base,
        "responses",
        Some(KEY),
        &json!({"model": MODEL, "input": "x", "text": json_format(loose, false)}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
}

#[tokio::test]
async fn input_images_are_taken_as_data_urls() {
    let fake = fake();
    let base = fake.base_url();
    let photo = png(320, 240, [200, 100, 50]);
    let body = json!({
        "model": "gpt-6.1-terra",
        "input": [{
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Does the photo show step 2?"},
                {"type": "input_image", "image_url": data_url("image/png", &photo), "detail": "high"},
                {"type": "input_image", "image_url": data_url("image/jpeg", &image_bytes(64, 48, [1, 2, 3], image::ImageFormat::Jpeg))}
            ]
        }]
    });
    let answer = post(&base, "responses", Some(KEY), &body).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let usage = &answer.json()["usage"];
    assert!(
        usage["input_tokens"].as_u64().unwrap_or(0) > 170,
        "images count as tokens: {usage}"
    );
    let entry = &fake.requests()[0];
    assert_eq!(entry.images.len(), 2);
    assert_eq!(
        (entry.images[0].width, entry.images[0].height),
        (Some(320), Some(240))
    );
    assert_eq!(entry.images[1].mime_type, "image/jpeg");

    let bad = [
        (
            json!({"type": "input_image", "image_url": "https://example.com/a.png"}),
            "invalid_image_url",
        ),
        (
            json!({"type": "input_image", "image_url": data_url("image/png", b"nope")}),
            "invalid_image_format",
        ),
        (
            json!({"type": "input_image", "image_url": data_url("image/png", &photo), "detail": "huge"}),
            "invalid_value",
        ),
    ];
    for (part, code) in bad {
        let answer = post(
            &base,
            "responses",
            Some(KEY),
            &json!({"model": MODEL, "input": [{"role": "user", "content": [part]}]}),
        )
        .await;
        assert_eq!(answer.status, 400, "{}", answer.text);
        let error = answer.error();
        assert_eq!(error["code"], code, "{error}");
        assert!(
            error["param"]
                .as_str()
                .is_some_and(|p| p.starts_with("input[0].content[0].")),
            "{error}"
        );
    }
}

#[tokio::test]
async fn scripted_answers_are_used_once_each_in_order() {
    let fake = fake();
    let base = fake.base_url();
    fake.script_answers(vec![
        ScriptedAnswer::Text {
            text: "not json".into(),
        },
        ScriptedAnswer::Refusal,
        ScriptedAnswer::Error {
            status: 503,
            message: "busy".into(),
        },
    ]);
    let request = json!({"model": MODEL, "input": "x", "text": json_format(schema(), true)});
    let body = post(&base, "responses", Some(KEY), &request).await.json();
    assert_eq!(output_text(&body), "not json");
    let body = post(&base, "responses", Some(KEY), &request).await.json();
    let content = &body["output"][0]["content"][0];
    assert_eq!(content["type"], "refusal");
    assert!(content["refusal"].as_str().is_some_and(|r| !r.is_empty()));
    let answer = post(&base, "responses", Some(KEY), &request).await;
    assert_eq!(answer.status, 503);
    assert_eq!(answer.error()["message"], "busy");
    assert_eq!(answer.error()["type"], "server_error");
    let body = post(&base, "responses", Some(KEY), &request).await.json();
    assert_eq!(output_text(&body), "{}", "the default resumes");
    let results: Vec<String> = fake
        .requests()
        .iter()
        .filter_map(|e| e.outcome.as_ref().map(|o| o.result.clone()))
        .collect();
    assert_eq!(
        results,
        [
            "scripted_text",
            "scripted_refusal",
            "scripted_error",
            "text"
        ]
    );
}

#[tokio::test]
async fn bad_requests_name_the_parameter() {
    let fake = fake();
    let base = fake.base_url();
    let cases = [
        (json!({"input": "x"}), "model", "missing_required_parameter"),
        (
            json!({"model": "gpt-4-1106-preview", "input": "x"}),
            "model",
            "model_not_found",
        ),
        (json!({"model": MODEL, "input": 5}), "input", "invalid_type"),
        (
            json!({"model": MODEL, "input": [{"role": "robot", "content": "x"}]}),
            "input[0].role",
            "invalid_value",
        ),
        (
            json!({"model": MODEL, "input": [{"role": "user", "content": [{"type": "input_text"}]}]}),
            "input[0].content[0].text",
            "missing_required_parameter",
        ),
        (
            json!({"model": MODEL, "input": "x", "text": {"format": {"type": "json_schema", "schema": {}}}}),
            "text.format.name",
            "missing_required_parameter",
        ),
        (
            json!({"model": MODEL, "input": "x", "text": {"format": {"type": "xml"}}}),
            "text.format.type",
            "invalid_value",
        ),
        (
            json!({"model": MODEL, "input": "x", "stream": true}),
            "stream",
            "unsupported_value",
        ),
    ];
    for (body, param, code) in cases {
        let answer = post(&base, "responses", Some(KEY), &body).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.text);
        let error = answer.error();
        assert_eq!(
            (error["param"].as_str(), error["code"].as_str()),
            (Some(param), Some(code)),
            "{body}"
        );
    }
    let answer = post(
        &base,
        "responses",
        Some(KEY),
        &json!({"model": "gpt-4-1106-preview", "input": "x"}),
    )
    .await;
    assert_eq!(
        answer.error()["message"],
        "The requested model 'gpt-4-1106-preview' does not exist."
    );
}
