//! Injected faults: every fault's exact wire shape, the rules that pick
//! them (times, prompt substrings, random with a seed), hangs, and the
//! HTTP control endpoints.

mod common;

use std::time::Duration;

use common::*;
use fake_gemini::{FakeConfig, FakeGemini, Fault, FaultRule};
use serde_json::{json, Value};

fn fake() -> FakeGemini {
    FakeGemini::start(FakeConfig::default()).expect("starts")
}

/// Sends one text-only request with a fault rule for exactly it.
async fn with_fault(fault: &str) -> Answer {
    let fake = fake();
    fake.add_fault(FaultRule::new(fault.parse().expect("a fault")).times(1));
    let answer = generate(&fake.base_url(), FLASH, None, &text_only("x")).await;
    let outcome = fake.requests()[0].outcome.clone().expect("answered");
    assert_eq!(outcome.status, Some(answer.status));
    assert_eq!(outcome.result, fault);
    answer
}

#[tokio::test]
async fn http_faults_have_googles_exact_bodies() {
    let cases = [
        ("server_error", 500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"),
        ("unavailable", 503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
        ("bad_request", 400, "INVALID_ARGUMENT", "Request contains an invalid argument."),
        ("forbidden", 403, "PERMISSION_DENIED", "The caller does not have permission"),
        ("not_found", 404, "NOT_FOUND", "Requested entity was not found."),
    ];
    for (fault, code, status, message) in cases {
        let answer = with_fault(fault).await;
        assert_eq!(answer.status, code, "{fault}");
        assert_eq!(
            answer.body,
            json!({"error": {"code": code, "message": message, "status": status}}),
            "{fault}"
        );
    }
}

#[tokio::test]
async fn rate_limited_is_429_with_quota_failure_and_retry_info() {
    let fake = FakeGemini::start(FakeConfig {
        retry_delay: Duration::from_millis(1500),
        faults: vec![FaultRule::new(Fault::RateLimited)],
        ..FakeConfig::default()
    })
    .expect("starts");
    let answer = generate(&fake.base_url(), FLASH, None, &text_only("x")).await;
    assert_eq!(answer.status, 429);
    assert_eq!(
        answer.body,
        json!({"error": {
            "code": 429,
            "message": "Resource has been exhausted (e.g. check quota).",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [{
                        "quotaMetric": "generativelanguage.googleapis.com/generate_content_requests",
                        "quotaId": "GenerateRequestsPerMinutePerProjectPerModel",
                        "quotaDimensions": {"location": "global", "model": FLASH}
                    }]
                },
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1.500s"}
            ]
        }})
    );
}

fn usage_of_prompt_x() -> Value {
    json!({
        "promptTokenCount": 1,
        "totalTokenCount": 1,
        "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1}]
    })
}

#[tokio::test]
async fn image_safety_is_a_candidate_without_content() {
    let answer = with_fault("image_safety").await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        without_response_id(&answer.body),
        json!({
            "candidates": [{
                "finishReason": "IMAGE_SAFETY",
                "finishMessage": "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy. You can try rephrasing the prompt. If you think this was an error, send feedback.",
                "index": 0
            }],
            "usageMetadata": usage_of_prompt_x(),
            "modelVersion": FLASH
        })
    );
}

#[tokio::test]
async fn any_finish_reason_can_be_injected_by_name() {
    for reason in [
        "PROHIBITED_CONTENT",
        "IMAGE_PROHIBITED_CONTENT",
        "NO_IMAGE",
        "SAFETY",
        "RECITATION",
        "OTHER",
    ] {
        let answer = with_fault(reason).await;
        assert_eq!(answer.status, 200);
        let candidate = &answer.body["candidates"][0];
        assert_eq!(candidate["finishReason"], reason);
        assert!(candidate.get("content").is_none(), "{reason}: no parts");
    }
}

#[tokio::test]
async fn a_blocked_prompt_has_feedback_and_no_candidates() {
    for (fault, reason) in [
        ("prompt_blocked", "PROHIBITED_CONTENT"),
        ("prompt_blocked:SAFETY", "SAFETY"),
        ("prompt_blocked:OTHER", "OTHER"),
    ] {
        let answer = with_fault(fault).await;
        assert_eq!(answer.status, 200);
        assert_eq!(
            without_response_id(&answer.body),
            json!({
                "promptFeedback": {"blockReason": reason},
                "usageMetadata": usage_of_prompt_x(),
                "modelVersion": FLASH
            })
        );
    }
}

#[tokio::test]
async fn no_image_and_text_refusal_end_stop_with_text_only() {
    for fault in ["no_image", "text_refusal"] {
        let answer = with_fault(fault).await;
        assert_eq!(answer.status, 200);
        let candidate = &answer.body["candidates"][0];
        assert_eq!(candidate["finishReason"], "STOP", "{fault}");
        let parts = parts(&answer.body);
        assert_eq!(parts.len(), 1, "{fault}");
        assert!(parts[0]["text"].is_string(), "{fault}");
        assert!(parts[0].get("inlineData").is_none(), "{fault}");
        let usage = &answer.body["usageMetadata"];
        assert_eq!(usage["candidatesTokensDetails"][0]["modality"], "TEXT");
    }
    let refusal = with_fault("text_refusal").await;
    assert!(parts(&refusal.body)[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("I can't create that image"));
}

#[tokio::test]
async fn a_hang_never_answers_until_the_client_gives_up() {
    let fake = fake();
    fake.add_fault(FaultRule::new(Fault::Hang).times(1));
    let result = reqwest::Client::new()
        .post(format!(
            "{}/v1beta/models/{FLASH}:generateContent",
            fake.base_url()
        ))
        .timeout(Duration::from_millis(300))
        .body(text_only("x").to_string())
        .send()
        .await;
    assert!(result.is_err_and(|e| e.is_timeout()));
    let outcome = fake.requests()[0]
        .outcome
        .clone()
        .expect("the hang is logged");
    assert_eq!((outcome.status, outcome.result.as_str()), (None, "hang"));
    assert_eq!(fake.requests()[0].finished_ms, None);
    // It stays in flight until the fake sees the client leave.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while fake.stats().in_flight > 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(fake.stats().in_flight, 0);
    // The rule is used up: the next request is answered.
    let answer = generate(&fake.base_url(), FLASH, None, &text_only("x")).await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn counted_rules_are_used_up_in_order() {
    let fake = fake();
    fake.add_fault(FaultRule::new(Fault::Unavailable).times(2));
    fake.add_fault(FaultRule::new(Fault::ServerError).times(1));
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            generate(&fake.base_url(), FLASH, None, &text_only("x"))
                .await
                .status,
        );
    }
    assert_eq!(statuses, [503, 503, 500, 200]);
    assert!(fake.faults().is_empty());
}

#[tokio::test]
async fn prompt_rules_apply_only_to_matching_prompts() {
    let fake = fake();
    fake.add_fault(
        FaultRule::new(Fault::Finish("IMAGE_SAFETY".into())).when_prompt_contains("step 3"),
    );
    let base = fake.base_url();
    let refused = generate(&base, FLASH, None, &text_only("draw step 3 now")).await;
    assert_eq!(
        refused.body["candidates"][0]["finishReason"],
        "IMAGE_SAFETY"
    );
    let fine = generate(&base, FLASH, None, &text_only("draw step 2 now")).await;
    assert_eq!(fine.body["candidates"][0]["finishReason"], "STOP");
    let again = generate(&base, FLASH, None, &text_only("step 3 again")).await;
    assert_eq!(
        again.body["candidates"][0]["finishReason"], "IMAGE_SAFETY",
        "not counted"
    );
}

#[tokio::test]
async fn faults_are_managed_over_http() {
    let fake = fake();
    let client = reqwest::Client::new();
    let url = format!("{}/_fake/faults", fake.base_url());
    let rule = json!({"fault": "rate_limited", "times": 1, "when_prompt_contains": "busy"});
    let added = client
        .post(&url)
        .body(rule.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    assert_eq!(added.json::<Value>().await.unwrap(), rule);
    let listed: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed, json!([rule]));

    let answer = generate(&fake.base_url(), FLASH, None, &text_only("busy day")).await;
    assert_eq!(answer.status, 429);

    let bad = client
        .post(&url)
        .body(r#"{"fault":"on_fire"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let message = read(bad).await.body["error"]["message"].to_string();
    assert!(message.contains("on_fire"), "{message}");

    client
        .post(&url)
        .body(r#"{"fault":"hang"}"#)
        .send()
        .await
        .unwrap();
    let cleared = client.delete(&url).send().await.unwrap();
    assert_eq!(cleared.status(), 204);
    assert!(fake.faults().is_empty());
}

#[tokio::test]
async fn random_failures_are_repeatable_for_a_seed() {
    async fn pattern(seed: u64) -> Vec<u16> {
        let fake = FakeGemini::start(FakeConfig {
            seed,
            fail_rate: 0.5,
            fail_with: Fault::ServerError,
            ..FakeConfig::default()
        })
        .expect("starts");
        let mut statuses = Vec::new();
        for _ in 0..24 {
            statuses.push(
                generate(&fake.base_url(), FLASH, None, &text_only("x"))
                    .await
                    .status,
            );
        }
        statuses
    }
    let first = pattern(7).await;
    assert_eq!(first, pattern(7).await);
    assert!(first.contains(&500) && first.contains(&200), "{first:?}");
    assert_ne!(first, pattern(8).await);
}
