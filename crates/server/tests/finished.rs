//! A finished guide's progress is answered from memory, and never outlives
//! a change: the client that regenerates a step sees it on its next read,
//! and so does every other API process sharing the store.

mod common;

use std::time::Duration;

use common::{config, guide_body, start, test_engine};
use engines::TestEngineScript;
use store::testing::{redis_url, PrefixGuard};

async fn regenerate(s: &common::TestServer, id: &str, n: u32) {
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/step/{n}/regenerate")))
        .send()
        .await
        .expect("regenerate");
    assert!(res.status().is_success(), "{}", res.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_to_a_finished_guide_shows_on_the_next_read() {
    let dir = tempfile::tempdir().expect("dir");
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(200),
        ..TestEngineScript::default()
    });
    let s = start(config(dir.path()), Some(engine)).await;
    let id = s.post_guide(&guide_body("Kept", 2)).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    let again = s.get(&format!("/step-images/{id}")).await;
    assert_eq!(again.headers()["content-type"], "application/json");
    assert_eq!(again.json::<serde_json::Value>().await.expect("json"), done);

    regenerate(&s, &id, 1).await;
    let now = s.progress(&id).await;
    assert_eq!(now["status"], "generating", "{now}");
    assert_ne!(now["step_images"][0]["status"], "completed", "{now}");
    let redone = s.wait_final(&id).await;
    assert_eq!(redone["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn another_processs_change_reaches_this_ones_kept_progress() {
    let dir = tempfile::tempdir().expect("dir");
    let prefix = PrefixGuard::new();
    let member = |name: &str| {
        let mut cfg = config(&dir.path().join(name));
        cfg.store = Some(redis_url());
        cfg.redis_prefix = prefix.0.clone();
        cfg.images = Some(format!("dir:{}", dir.path().join("images").display()));
        cfg.public_url = Some("http://stepcast.example".into());
        cfg
    };
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(200),
        ..TestEngineScript::default()
    });
    let a = start(member("a"), Some(engine.clone())).await;
    let b = start(member("b"), Some(engine)).await;
    let id = a.post_guide(&guide_body("Shared", 2)).await;
    let done = b.wait_final(&id).await;
    assert_eq!(b.progress(&id).await, done, "b keeps it");

    regenerate(&a, &id, 2).await;
    let mut seen = serde_json::Value::Null;
    for _ in 0..500 {
        seen = b.progress(&id).await;
        if seen["status"] != "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(seen["status"], "generating", "b saw a's change: {seen}");
    let redone = b.wait_final(&id).await;
    assert_eq!(redone["status"], "completed");
    a.running.shutdown(Duration::from_secs(5)).await;
    b.running.shutdown(Duration::from_secs(5)).await;
}
