//! Behaviour under load: the concurrency limit, latency, the counters and
//! shutting down with requests in flight. Timings are only checked as
//! loose lower bounds.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fake_gemini::{FakeConfig, FakeGemini, Fault, FaultRule, Latency};
use serde_json::{json, Value};

#[tokio::test]
async fn requests_over_the_concurrency_limit_get_429_with_retry_info() {
    let fake = FakeGemini::start(FakeConfig {
        max_concurrent: Some(3),
        latency: Latency::fixed(Duration::from_secs(1)),
        retry_delay: Duration::from_millis(500),
        ..FakeConfig::default()
    })
    .expect("starts");
    let base = fake.base_url();
    let calls: Vec<_> = (0..5)
        .map(|i| {
            let base = base.clone();
            tokio::spawn(
                async move { generate(&base, FLASH, None, &text_only(&format!("n{i}"))).await },
            )
        })
        .collect();
    let mut answers = Vec::new();
    for call in calls {
        answers.push(call.await.expect("joins"));
    }
    let refused: Vec<&Answer> = answers.iter().filter(|a| a.status == 429).collect();
    assert_eq!(refused.len(), 2, "exactly the two over the limit");
    assert_eq!(answers.iter().filter(|a| a.status == 200).count(), 3);
    for answer in refused {
        assert_eq!(answer.body["error"]["status"], "RESOURCE_EXHAUSTED");
        assert_eq!(
            answer.body["error"]["message"],
            "Resource has been exhausted (e.g. check quota)."
        );
        assert_eq!(
            answer.body["error"]["details"][1],
            json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "0.500s"})
        );
    }
    // A refused request may be answered before the last one arrives, so
    // the peak is the limit plus at least one.
    let stats = fake.stats();
    assert_eq!((stats.total_requests, stats.in_flight), (5, 0));
    assert!((4..=5).contains(&stats.peak_in_flight), "{stats:?}");
    let log = fake.requests();
    let limited = log
        .iter()
        .filter(|r| {
            r.outcome
                .as_ref()
                .is_some_and(|o| o.result == "concurrency_limit")
        })
        .count();
    assert_eq!(limited, 2);
    assert!(log
        .iter()
        .filter(|r| r
            .outcome
            .as_ref()
            .is_some_and(|o| o.result == "concurrency_limit"))
        .all(|r| r.in_flight_at_arrival >= 3));
}

#[tokio::test]
async fn latency_is_applied_to_every_answer() {
    let fake = FakeGemini::start(FakeConfig {
        latency: Latency::uniform(Duration::from_millis(120), Duration::from_millis(40)),
        seed: 3,
        ..FakeConfig::default()
    })
    .expect("starts");
    fake.add_fault(FaultRule::new(Fault::Unavailable).times(1));
    for expected in [503, 200] {
        let started = Instant::now();
        let answer = generate(&fake.base_url(), FLASH, None, &text_only("x")).await;
        assert_eq!(answer.status, expected);
        assert!(
            started.elapsed() >= Duration::from_millis(80),
            "{:?}",
            started.elapsed()
        );
    }
    for entry in fake.requests() {
        let took = entry.finished_ms.unwrap() - entry.arrived_ms;
        assert!(took >= 75, "{took} ms");
    }
}

#[tokio::test]
async fn stats_and_the_log_are_served_and_cleared_over_http() {
    let fake = FakeGemini::start(FakeConfig::default()).expect("starts");
    let base = fake.base_url();
    for text in ["one", "two"] {
        generate(&base, FLASH, None, &text_only(text)).await;
    }
    let client = reqwest::Client::new();
    let stats: Value = client
        .get(format!("{base}/_fake/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats,
        json!({"total_requests": 2, "peak_in_flight": 1, "in_flight": 0})
    );
    let log: Value = client
        .get(format!("{base}/_fake/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log[0]["prompt"], "one");
    assert_eq!(log[1]["seq"], 2);
    assert_eq!(log[1]["outcome"], json!({"status": 200, "result": "text"}));

    let cleared = client
        .delete(format!("{base}/_fake/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), 204);
    assert!(fake.requests().is_empty());
    assert_eq!(fake.stats().total_requests, 0);
    generate(&base, FLASH, None, &text_only("three")).await;
    assert_eq!(fake.requests()[0].seq, 3, "sequence numbers go on");
}

#[tokio::test]
async fn shutting_down_answers_hanging_requests_and_closes_the_port() {
    let fake = FakeGemini::start(FakeConfig {
        faults: vec![FaultRule::new(Fault::Hang)],
        ..FakeConfig::default()
    })
    .expect("starts");
    let base = fake.base_url();
    let hanging = tokio::spawn({
        let base = base.clone();
        async move {
            reqwest::Client::new()
                .post(format!("{base}/v1beta/models/{FLASH}:generateContent"))
                .body(text_only("x").to_string())
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    });
    while fake.stats().in_flight == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::task::spawn_blocking(move || fake.shutdown())
        .await
        .expect("stops");
    let status = hanging.await.expect("joins");
    assert!(matches!(status, Ok(503) | Err(_)), "{status:?}");
    let refused = reqwest::Client::new()
        .get(format!("{base}/_fake/stats"))
        .send()
        .await;
    assert!(refused.is_err(), "the port is closed");
}
