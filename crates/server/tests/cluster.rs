//! Several servers sharing one Redis (state, queue, events) and one image
//! directory, as API replicas behind a load balancer would: a guide
//! submitted on one is followed on another, and a server that dies
//! mid-guide leaves its steps to the others.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use common::{config, guide_body, read_events, start, test_engine};
use engines::{ImageEngine, TestEngineScript};
use plan::request::Engine;
use server::{Checkers, Planners, ServerConfig};
use store::testing::{redis_url, PrefixGuard as Prefix};

/// A server of the cluster: its own data directory, the shared Redis
/// prefix and image directory.
fn member(dir: &Path, name: &str, prefix: &Prefix, images: &Path) -> ServerConfig {
    let mut cfg = config(&dir.join(name));
    cfg.store = Some(redis_url());
    cfg.redis_prefix = prefix.0.clone();
    cfg.images = Some(format!("dir:{}", images.display()));
    // Behind one load balancer, as replicas are.
    cfg.public_url = Some("http://stepcast.example".into());
    cfg
}

/// Two API processes with no workers and three worker processes: a guide
/// posted on A is followed on B by SSE and by polling.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_guide_posted_on_one_server_is_followed_on_another() {
    let dir = tempfile::tempdir().expect("dir");
    let prefix = Prefix::new();
    let images = dir.path().join("images");
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(40),
        ..TestEngineScript::default()
    });
    let api = |name: &str| {
        let mut cfg = member(dir.path(), name, &prefix, &images);
        cfg.run_workers = false;
        cfg
    };
    let a = start(api("a"), Some(engine.clone())).await;
    let b = start(api("b"), Some(engine.clone())).await;
    let mut workers = Vec::new();
    for n in 0..3 {
        let cfg = member(dir.path(), &format!("worker-{n}"), &prefix, &images);
        let drawn: Vec<(Engine, Arc<dyn ImageEngine>)> = vec![(Engine::Schematic, engine.clone())];
        let working = runner::start_workers(cfg, drawn, Planners::default(), Checkers::new())
            .await
            .expect("workers start");
        workers.push(working);
    }

    let id = a.post_guide(&guide_body("Shared", 5)).await;
    let res = b.get(&format!("/step-images/{id}/events")).await;
    assert_eq!(res.status(), 200);
    let live_on_b = tokio::spawn(read_events(res));
    let final_on_b = b.wait_final(&id).await;
    let seen_on_b = live_on_b.await.expect("SSE on b");
    assert_eq!(final_on_b["status"], "completed");

    // What b streamed live is exactly the record, as a replay on a shows.
    let replay_on_a = read_events(a.get(&format!("/step-images/{id}/events")).await).await;
    let ids = |events: &[(i64, String, serde_json::Value)]| -> Vec<(i64, String)> {
        events.iter().map(|(i, k, _)| (*i, k.clone())).collect()
    };
    assert_eq!(ids(&seen_on_b), ids(&replay_on_a));
    assert!(
        seen_on_b.windows(2).all(|w| w[0].0 < w[1].0),
        "in order, none twice"
    );
    let completed: Vec<u64> = seen_on_b
        .iter()
        .filter(|e| e.1 == "step" && e.2["status"] == "completed")
        .map(|e| e.2["step_number"].as_u64().expect("n"))
        .collect();
    let mut sorted = completed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, vec![1, 2, 3, 4, 5]);

    // Both servers answer the same final state, and serve its images.
    let final_on_a = a.progress(&id).await;
    assert_eq!(final_on_a, b.progress(&id).await);
    for step in final_on_a["step_images"].as_array().expect("steps") {
        let path = step["image_url"].as_str().expect("url");
        let path = &path[path.find("/images/").expect("image path")..];
        assert_eq!(a.get(path).await.status(), 200);
        assert_eq!(b.get(path).await.status(), 200);
    }
    // Each step was drawn once, by whichever worker took it.
    assert_eq!(engine.total_calls(), 5);

    a.running.shutdown(Duration::from_secs(5)).await;
    b.running.shutdown(Duration::from_secs(5)).await;
    for working in workers {
        working.shutdown(Duration::from_secs(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_that_dies_mid_guide_leaves_its_steps_to_the_others() {
    let dir = tempfile::tempdir().expect("dir");
    let prefix = Prefix::new();
    let images = dir.path().join("images");
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(300),
        ..TestEngineScript::default()
    });
    let mut cfg_a = member(dir.path(), "a", &prefix, &images);
    cfg_a.concurrency = 2;
    let a = start(cfg_a, Some(engine.clone())).await;
    let id = a.post_guide(&guide_body("Orphaned", 6)).await;
    // Wait until a's workers are drawing, then kill a outright.
    common::eventually(|| engine.in_flight() > 0).await;
    let drawn_before = a.progress(&id).await;
    a.running.crash();

    let b = start(
        member(dir.path(), "b", &prefix, &images),
        Some(engine.clone()),
    )
    .await;
    let done = b.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    // Steps a completed were not drawn again; the ones it held were, once
    // their leases ran out.
    for step in drawn_before["step_images"].as_array().expect("steps") {
        if step["status"] == "completed" {
            let n = step["step_number"].as_u64().expect("n") as usize;
            assert_eq!(engine.calls(n - 1), 1, "step {n} was drawn again");
        }
    }
    let events = read_events(b.get(&format!("/step-images/{id}/events")).await).await;
    for n in 1..=6u64 {
        let completions = events
            .iter()
            .filter(|e| e.1 == "step" && e.2["step_number"] == n && e.2["status"] == "completed")
            .count();
        assert_eq!(completions, 1, "step {n} completed {completions} times");
    }
    b.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_guide_finishes_across_a_redis_restart_with_nothing_lost() {
    let dir = tempfile::tempdir().expect("dir");
    let redis_dir = dir.path().join("redis");
    std::fs::create_dir_all(&redis_dir).expect("redis dir");
    let redis = store::testing::RedisServer::start_anywhere(&redis_dir);
    let port = redis.port;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(150),
        ..TestEngineScript::default()
    });
    let mut cfg = config(&dir.path().join("data"));
    cfg.store = Some(redis.url());
    cfg.concurrency = 2;
    let s = start(cfg, Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Restarted", 8)).await;
    common::eventually(|| engine.total_calls() >= 3).await;
    redis.kill();
    // Redis is away: the API says so rather than failing silently.
    let away = s.get("/readyz").await;
    assert_eq!(away.status(), 503);
    let _redis = store::testing::RedisServer::start(&redis_dir, port);

    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["completed_steps"], 8);
    // The record is whole: ids strictly increase, one "created" event,
    // every step completed exactly once, and the final status last.
    let events = read_events(s.get(&format!("/step-images/{id}/events")).await).await;
    assert!(events.windows(2).all(|w| w[0].0 < w[1].0), "{events:?}");
    assert_eq!(events.iter().filter(|e| e.1 == "created").count(), 1);
    for n in 1..=8u64 {
        let completions = events
            .iter()
            .filter(|e| e.1 == "step" && e.2["step_number"] == n && e.2["status"] == "completed")
            .count();
        assert_eq!(completions, 1, "step {n}");
    }
    assert_eq!(events.last().expect("events").2["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}
