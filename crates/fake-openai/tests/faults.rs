//! The fake as a test instrument: keys, injected faults, hangs, latency,
//! the concurrency limit, and the control endpoints over HTTP.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fake_openai::{Endpoint, FakeOpenAiConfig, Fault, FaultRule, Latency};
use serde_json::{json, Value};

fn text_request(input: &str) -> Value {
    json!({"model": "gpt-6-luna", "input": input})
}

#[tokio::test]
async fn keys_are_checked_with_openais_401s() {
    let fake = fake();
    let base = fake.base_url();
    let answer = post(&base, "responses", None, &text_request("x")).await;
    assert_eq!(answer.status, 401);
    let error = answer.error();
    assert!(error["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("You didn't provide an API key.")));
    assert_eq!(error["type"], "invalid_request_error");
    assert!(error["code"].is_null() && error["param"].is_null());

    let answer = post(
        &base,
        "responses",
        Some("sk-proj-wrongwrongwrong1234"),
        &text_request("x"),
    )
    .await;
    assert_eq!(answer.status, 401);
    let error = answer.error();
    assert_eq!(error["code"], "invalid_api_key");
    assert_eq!(
        error["message"],
        format!(
            "Incorrect API key provided: sk-proj-{}1234. You can find your API key at \
             https://platform.openai.com/account/api-keys.",
            "*".repeat(15)
        )
    );
    assert_eq!(
        post(&base, "responses", Some(KEY), &text_request("x"))
            .await
            .status,
        200
    );
    let results: Vec<String> = fake
        .requests()
        .iter()
        .filter_map(|e| e.outcome.as_ref().map(|o| o.result.clone()))
        .collect();
    assert_eq!(results, ["no_key", "bad_key", "text"]);
    assert!(!fake.requests()[0].key_given && fake.requests()[1].key_given);
}

#[tokio::test]
async fn faults_answer_as_openai_does() {
    let fake = fake_with(FakeOpenAiConfig {
        retry_after: Duration::from_millis(1500),
        ..FakeOpenAiConfig::default()
    });
    let base = fake.base_url();
    let cases = [
        (
            Fault::RateLimited,
            429,
            "requests",
            Some("rate_limit_exceeded"),
        ),
        (
            Fault::InsufficientQuota,
            429,
            "insufficient_quota",
            Some("insufficient_quota"),
        ),
        (Fault::ServerError, 500, "server_error", None),
        (Fault::Unavailable, 503, "server_error", None),
        (
            Fault::ModerationBlocked,
            400,
            "image_generation_user_error",
            Some("moderation_blocked"),
        ),
    ];
    for (fault, status, kind, code) in cases {
        fake.add_fault(FaultRule::new(fault).times(1));
        let answer = post(
            &base,
            "images/generations",
            Some(KEY),
            &json!({"prompt": "x"}),
        )
        .await;
        assert_eq!(answer.status, status, "{fault}: {}", answer.text);
        let error = answer.error();
        assert_eq!(error["type"], kind, "{fault}");
        assert_eq!(error["code"].as_str(), code, "{fault}");
        if fault == Fault::RateLimited {
            assert_eq!(answer.header("retry-after").as_deref(), Some("2"));
            assert_eq!(answer.header("retry-after-ms").as_deref(), Some("1500"));
            assert!(error["message"]
                .as_str()
                .is_some_and(|m| m.contains("gpt-image-1.5")));
        }
        if fault == Fault::ModerationBlocked {
            let id = answer.header("x-request-id").expect("a request id");
            assert!(error["message"].as_str().is_some_and(|m| m.contains(&id)));
        }
    }
    assert!(fake.faults().is_empty(), "counted rules are used up");
    assert_eq!(
        post(
            &base,
            "images/generations",
            Some(KEY),
            &json!({"prompt": "x", "quality": "low"})
        )
        .await
        .status,
        200
    );
    let results: Vec<String> = fake
        .requests()
        .iter()
        .filter_map(|e| e.outcome.as_ref().map(|o| o.result.clone()))
        .collect();
    assert_eq!(
        results,
        [
            "rate_limited",
            "insufficient_quota",
            "server_error",
            "unavailable",
            "moderation_blocked",
            "image"
        ]
    );
}

#[tokio::test]
async fn rules_can_target_an_endpoint_and_a_prompt() {
    let fake = fake();
    let base = fake.base_url();
    fake.add_fault(FaultRule::new(Fault::ServerError).on(Endpoint::Responses));
    fake.add_fault(FaultRule::new(Fault::ModerationBlocked).when_prompt_contains("forbidden"));
    assert_eq!(
        post(&base, "responses", Some(KEY), &text_request("x"))
            .await
            .status,
        500
    );
    let ok = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "fine", "quality": "low"}),
    )
    .await;
    assert_eq!(ok.status, 200);
    let blocked = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "a forbidden thing"}),
    )
    .await;
    assert_eq!(blocked.error()["code"], "moderation_blocked");
    fake.clear_faults();
    assert_eq!(
        post(&base, "responses", Some(KEY), &text_request("x"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_hang_never_answers_and_is_logged_at_once() {
    let fake = fake();
    fake.add_fault(FaultRule::new(Fault::Hang).times(1));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(400))
        .build()
        .expect("a client");
    let result = client
        .post(format!("{}/v1/responses", fake.base_url()))
        .bearer_auth(KEY)
        .json(&text_request("x"))
        .send()
        .await;
    assert!(result.is_err_and(|e| e.is_timeout()));
    let entry = &fake.requests()[0];
    let outcome = entry.outcome.as_ref().expect("logged");
    assert_eq!((outcome.status, outcome.result.as_str()), (None, "hang"));
    // The client gave up; the fake counts it out of flight.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(fake.stats().in_flight, 0);
}

#[tokio::test]
async fn latency_delays_answers() {
    let fake = fake_with(FakeOpenAiConfig {
        latency: Latency::fixed(Duration::from_millis(300)),
        ..FakeOpenAiConfig::default()
    });
    let started = Instant::now();
    let answer = post(&fake.base_url(), "responses", Some(KEY), &text_request("x")).await;
    assert_eq!(answer.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    let entry = &fake.requests()[0];
    assert!(entry.finished_ms.unwrap_or(0) >= entry.arrived_ms + 300);
}

#[tokio::test]
async fn requests_over_the_concurrency_limit_get_429() {
    let fake = fake_with(FakeOpenAiConfig {
        latency: Latency::fixed(Duration::from_millis(500)),
        max_concurrent: Some(1),
        ..FakeOpenAiConfig::default()
    });
    let base = fake.base_url();
    let one = text_request("one");
    let (first, second) = tokio::join!(post(&base, "responses", Some(KEY), &one), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        post(&base, "responses", Some(KEY), &text_request("two")).await
    });
    assert_eq!(first.status, 200);
    assert_eq!(second.status, 429);
    assert_eq!(second.error()["code"], "rate_limit_exceeded");
    assert!(second.header("retry-after").is_some());
    assert_eq!(fake.stats().peak_in_flight, 2);
    let refused = &fake.requests()[1];
    assert_eq!(refused.in_flight_at_arrival, 1);
    assert_eq!(
        refused.outcome.as_ref().map(|o| o.result.as_str()),
        Some("concurrency_limit")
    );
}

#[tokio::test]
async fn the_control_endpoints_drive_the_fake_over_http() {
    let fake = fake();
    let base = fake.base_url();
    let client = reqwest::Client::new();
    let send = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut request = client.request(method, format!("{base}{path}"));
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move { read(request.send().await.expect("answers")).await }
    };
    let created = send(
        reqwest::Method::POST,
        "/_fake/faults",
        Some(json!({"fault": "unavailable", "times": 1, "endpoint": "responses"})),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(
        send(reqwest::Method::GET, "/_fake/faults", None)
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        send(
            reqwest::Method::POST,
            "/_fake/faults",
            Some(json!({"fault": "nope"}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        post(&base, "responses", Some(KEY), &text_request("x"))
            .await
            .status,
        503
    );

    let scripted = send(
        reqwest::Method::POST,
        "/_fake/answers",
        Some(json!([{"kind": "text", "text": "{\"ok\": true}"}, {"kind": "refusal"}])),
    )
    .await;
    assert_eq!(scripted.status, 201);
    assert_eq!(
        send(reqwest::Method::GET, "/_fake/answers", None)
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        send(reqwest::Method::DELETE, "/_fake/answers", None)
            .await
            .status,
        204
    );
    assert!(fake.scripted_answers().is_empty());

    let log = send(reqwest::Method::GET, "/_fake/requests", None)
        .await
        .json();
    assert_eq!(log[0]["endpoint"], "responses");
    assert_eq!(log[0]["outcome"]["result"], "unavailable");
    let stats = send(reqwest::Method::GET, "/_fake/stats", None)
        .await
        .json();
    assert_eq!(stats["total_requests"], 1);
    assert_eq!(
        send(reqwest::Method::DELETE, "/_fake/requests", None)
            .await
            .status,
        204
    );
    assert!(fake.requests().is_empty());
    assert_eq!(
        send(reqwest::Method::DELETE, "/_fake/faults", None)
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn other_routes_and_the_model_list() {
    let fake = fake();
    let base = fake.base_url();
    let client = reqwest::Client::new();
    let answer = read(
        client
            .get(format!("{base}/v1/nope"))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.error()["message"], "Invalid URL (GET /v1/nope)");
    let answer = read(
        client
            .get(format!("{base}/v1/responses"))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(answer.error()["message"], "Invalid URL (GET /v1/responses)");
    let answer = read(
        client
            .get(format!("{base}/v1/models"))
            .bearer_auth(KEY)
            .send()
            .await
            .expect("answers"),
    )
    .await;
    let models = answer.json();
    let ids: Vec<&str> = models["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"gpt-image-1.5")
            && ids.contains(&"gpt-image-2")
            && ids.contains(&"gpt-6-luna")
    );
    let answer = read(
        client
            .get(format!("{base}/v1/models"))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(answer.status, 401);
    assert!(fake.requests().is_empty(), "only API calls are logged");
}
