//! The job runner through the API, with an engine that is slow and fails
//! on purpose: retries, permanent failures, panics, timeouts, limits,
//! cancel, regenerate, restart recovery and many guides at once.

mod common;

use std::time::Duration;

use common::{config, guide_body, start, test_engine};
use engines::TestEngineScript;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transient_errors_are_retried_and_permanent_ones_are_not() {
    let dir = tempfile::tempdir().expect("dir");
    let engine = test_engine(TestEngineScript {
        transient_failures: vec![(0, 2)],
        permanent_failures: vec![2],
        ..TestEngineScript::default()
    });
    let s = start(config(dir.path()), Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Flaky", 3)).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed_with_errors", "{done}");
    let steps = done["step_images"].as_array().expect("steps");
    assert_eq!(steps[0]["status"], "completed");
    assert_eq!(
        steps[0]["attempts"], 3,
        "two transient failures, then success"
    );
    assert_eq!(steps[2]["status"], "failed");
    assert!(steps[2]["error"].as_str().expect("error").len() > 3);
    assert_eq!(engine.calls(0), 3);
    assert_eq!(engine.calls(2), 1, "a permanent error is not retried");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_stop_at_the_attempt_limit() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.max_attempts = 3;
    let engine = test_engine(TestEngineScript {
        transient_failures: vec![(0, 100)],
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Always busy", 2)).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["step_images"][0]["status"], "failed");
    assert!(done["step_images"][0]["error"]
        .as_str()
        .expect("e")
        .contains("gave up after 3 tries"));
    assert_eq!(engine.calls(0), 3);
    assert_eq!(done["step_images"][1]["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_or_hanging_step_fails_only_itself() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    // Long enough for a normal step on a loaded 2-core machine.
    cfg.task_timeout = Duration::from_millis(1000);
    cfg.max_attempts = 2;
    let engine = test_engine(TestEngineScript {
        panics: vec![1],
        hangs: vec![2],
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Unlucky", 4)).await;
    let done = s.wait_final(&id).await;
    let status = |i: usize| {
        done["step_images"][i]["status"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(status(0).as_deref(), Some("completed"));
    assert_eq!(status(1).as_deref(), Some("failed"));
    assert!(done["step_images"][1]["error"]
        .as_str()
        .expect("e")
        .contains("crashed"));
    assert_eq!(status(2).as_deref(), Some("failed"));
    assert!(done["step_images"][2]["error"]
        .as_str()
        .expect("e")
        .contains("longer than"));
    assert_eq!(
        engine.calls(2),
        2,
        "a timeout is transient: retried up to the limit"
    );
    assert_eq!(status(3).as_deref(), Some("completed"));
    // The server is still serving.
    let id = s.post_guide(&guide_body("After", 1)).await;
    assert_eq!(s.wait_final(&id).await["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_concurrency_limit_holds_across_guides() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 3;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(40),
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine.clone())).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(s.post_guide(&guide_body(&format!("G{i}"), 4)).await);
    }
    for id in &ids {
        assert_eq!(s.wait_final(id).await["status"], "completed");
    }
    assert_eq!(engine.total_calls(), 16);
    assert!(engine.max_in_flight() <= 3, "{}", engine.max_in_flight());
    assert!(engine.max_in_flight() >= 2, "work ran in parallel");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_stops_the_guide_and_keeps_what_was_drawn() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(150),
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Stop me", 6)).await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    let res = s
        .client
        .delete(s.url(&format!("/step-images/{id}")))
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), 200);
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "cancelled");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(engine.total_calls() < 6, "queued steps were dropped");
    assert_eq!(engine.in_flight(), 0, "the running step was stopped");
    let after = s.progress(&id).await;
    assert_eq!(after["status"], "cancelled");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regenerate_draws_one_step_again() {
    let dir = tempfile::tempdir().expect("dir");
    let engine = test_engine(TestEngineScript {
        permanent_failures: vec![],
        ..TestEngineScript::default()
    });
    let s = start(config(dir.path()), Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Again", 3)).await;
    assert_eq!(s.wait_final(&id).await["status"], "completed");
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/step/2/regenerate")))
        .send()
        .await
        .expect("regenerate");
    assert_eq!(res.status(), 202);
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/step/9/regenerate")))
        .send()
        .await
        .expect("regenerate");
    assert_eq!(res.status(), 404);
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(engine.calls(1), 2);
    assert_eq!(engine.calls(0), 1);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_finishes_the_guide_on_restart_without_redrawing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let slow = test_engine(TestEngineScript {
        delay: Duration::from_millis(200),
        ..TestEngineScript::default()
    });
    let s = start(cfg.clone(), Some(slow.clone())).await;
    let id = s.post_guide(&guide_body("Survives", 5)).await;
    // Wait for two steps, then kill it mid-way.
    for _ in 0..1000 {
        let p = s.progress(&id).await;
        if p["completed_steps"].as_u64().unwrap_or(0) >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before: Value = s.progress(&id).await;
    s.running.crash();
    let drawn: Vec<usize> = (0..5)
        .filter(|i| before["step_images"][i]["status"] == "completed")
        .collect();

    let fresh = test_engine(TestEngineScript::default());
    let s = start(cfg, Some(fresh.clone())).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    for i in drawn {
        assert_eq!(fresh.calls(i), 0, "step {} was drawn twice", i + 1);
        assert_eq!(
            done["step_images"][i]["image_id"],
            before["step_images"][i]["image_id"]
        );
    }
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_guides_at_once_all_complete() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 4;
    let engine = test_engine(TestEngineScript::default());
    let s = start(cfg, Some(engine.clone())).await;
    let posts = (0..100).map(|i| {
        let client = s.client.clone();
        let url = s.url("/step-images");
        let body = guide_body(&format!("Guide {i}"), 3);
        async move {
            let res = client.post(url).json(&body).send().await.expect("post");
            assert_eq!(res.status(), 202);
            res.json::<Value>().await.expect("json")["id"]
                .as_str()
                .expect("id")
                .to_string()
        }
    });
    let ids = futures::future::join_all(posts).await;
    for id in &ids {
        assert_eq!(s.wait_final(id).await["status"], "completed");
    }
    assert_eq!(engine.total_calls(), 300);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_guides_and_their_images_are_swept() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.retention = Duration::from_secs(1);
    cfg.sweep_every = Duration::from_millis(200);
    let s = start(cfg, None).await;
    let id = s.post_guide(&guide_body("Short-lived", 2)).await;
    let done = s.wait_final(&id).await;
    let url = done["step_images"][0]["image_url"]
        .as_str()
        .expect("url")
        .to_string();
    assert_eq!(
        s.client.get(&url).send().await.expect("image").status(),
        200
    );
    let mut gone = false;
    for _ in 0..60 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let p = s.progress(&id).await;
        let image = s.client.get(&url).send().await.expect("image").status();
        if p["status"] == "not_started" && image == 404 {
            gone = true;
            break;
        }
    }
    assert!(gone, "the guide and its images outlive their retention");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_zero_keeps_guides() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.retention = Duration::ZERO;
    cfg.sweep_every = Duration::from_millis(100);
    let s = start(cfg, None).await;
    let id = s.post_guide(&guide_body("Forever", 1)).await;
    s.wait_final(&id).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(s.progress(&id).await["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_hands_back_running_steps_and_the_next_start_runs_them() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let slow = test_engine(TestEngineScript {
        delay: Duration::from_secs(30),
        ..TestEngineScript::default()
    });
    let s = start(cfg.clone(), Some(slow.clone())).await;
    let id = s.post_guide(&guide_body("Interrupted", 2)).await;
    common::eventually(|| slow.in_flight() > 0).await;
    // Too short a grace for a 30 s image: the step is handed back.
    s.running.shutdown(Duration::from_millis(100)).await;
    let fresh = test_engine(TestEngineScript::default());
    let s = start(cfg, Some(fresh.clone())).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(
        fresh.calls(0),
        1,
        "the handed-back step ran on the next start"
    );
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_running_step_finish_within_the_grace() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(300),
        ..TestEngineScript::default()
    });
    let s = start(cfg.clone(), Some(engine.clone())).await;
    let id = s.post_guide(&guide_body("Almost", 1)).await;
    common::eventually(|| engine.in_flight() > 0).await;
    let app = s.running.app.clone();
    s.running.shutdown(Duration::from_secs(5)).await;
    let step = app.state.step(&id, 1).await.expect("store").expect("step");
    assert_eq!(step.status, store::StepStatus::Completed);
}

/// A guide drawn by an engine that needs references, under `strategy`.
async fn run_strategy(
    strategy: &str,
    steps: usize,
) -> (std::sync::Arc<engines::TestEngine>, Value) {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 3;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(20),
        needs_references: true,
        ..TestEngineScript::default()
    });
    // Registered as a cloud engine, so the real schematic engine draws the
    // guided strategy's schematic references.
    let s = common::start_as(cfg, Some(engine.clone()), plan::request::Engine::Gemini).await;
    let mut body = guide_body(strategy, steps);
    body["strategy"] = Value::from(strategy);
    body["engine"] = Value::from("gemini");
    let id = s.post_guide(&body).await;
    let done = s.wait_final(&id).await;
    s.running.shutdown(Duration::from_secs(5)).await;
    (engine, done)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_strategy_runs_its_step_graph_with_its_references() {
    use engines::ReferenceKind::{Anchor, PreviousStep, Schematic};

    // Chained: in order, each from the previous picture.
    let (engine, done) = run_strategy("chained", 4).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(engine.call_order(), vec![0, 1, 2, 3]);
    assert_eq!(
        engine.references_sent(0),
        vec![Vec::<engines::ReferenceKind>::new()]
    );
    for i in 1..4 {
        assert_eq!(
            engine.references_sent(i),
            vec![vec![PreviousStep]],
            "step {}",
            i + 1
        );
    }

    // Anchored: the last step first, then the rest from it.
    let (engine, done) = run_strategy("anchored", 4).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(engine.call_order()[0], 3);
    assert_eq!(
        engine.references_sent(3),
        vec![Vec::<engines::ReferenceKind>::new()]
    );
    for i in 0..3 {
        assert_eq!(
            engine.references_sent(i),
            vec![vec![Anchor]],
            "step {}",
            i + 1
        );
    }

    // Guided: the anchor first; every step gets its own schematic.
    let (engine, done) = run_strategy("guided", 3).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(engine.call_order()[0], 2);
    assert_eq!(engine.references_sent(2), vec![vec![Schematic]]);
    for i in 0..2 {
        assert_eq!(
            engine.references_sent(i),
            vec![vec![Schematic, Anchor]],
            "step {}",
            i + 1
        );
    }

    // Independent: no order, no references.
    let (engine, done) = run_strategy("independent", 3).await;
    assert_eq!(done["status"], "completed");
    for i in 0..3 {
        assert_eq!(
            engine.references_sent(i),
            vec![Vec::<engines::ReferenceKind>::new()]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regenerating_in_a_cancelled_guide_resumes_it_to_a_final_status() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(100),
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine)).await;
    let id = s.post_guide(&guide_body("Resume", 4)).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    s.client
        .delete(s.url(&format!("/step-images/{id}")))
        .send()
        .await
        .expect("cancel");
    assert_eq!(s.wait_final(&id).await["status"], "cancelled");
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/step/1/regenerate")))
        .send()
        .await
        .expect("regenerate");
    assert_eq!(res.status(), 202);
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    s.running.shutdown(Duration::from_secs(5)).await;
}
