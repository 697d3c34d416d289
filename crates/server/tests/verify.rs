//! The photo self-check end to end: the Gemini engine and its checker talk
//! to the fake Gemini, whose text model answers checks with "all seen"
//! unless a verdict is scripted. A finding triggers exactly one redraw.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{config, guide_body, TestServer};
use engines::checker::ModelChecker;
use engines::{GeminiConfig, GeminiEngine, ImageEngine};
use fake_gemini::{FakeConfig, FakeGemini, ScriptedAnswer};
use plan::request::Engine;
use serde_json::{json, Value};

struct Setup {
    fake: FakeGemini,
    server: TestServer,
    _dir: tempfile::TempDir,
}

async fn setup(verify_default: bool) -> Setup {
    let fake = FakeGemini::start(FakeConfig::default()).expect("fake starts");
    let dir = tempfile::tempdir().expect("dir");
    let mut server_config = config(dir.path());
    server_config.concurrency = 1;
    server_config.verify_default = verify_default;
    let mut gemini = GeminiConfig::new("test-key");
    gemini.base_url = fake.base_url();
    let engine: Arc<dyn ImageEngine> = Arc::new(GeminiEngine::new(gemini).expect("engine"));
    let checker = ModelChecker::gemini(
        &fake.base_url(),
        "test-key",
        "gemini-3.8-flash",
        Duration::from_secs(10),
    )
    .expect("checker");
    let mut checkers = server::Checkers::new();
    checkers.insert("gemini", Arc::new(checker));
    let running = server::start_checked(
        server_config,
        vec![(Engine::Gemini, engine)],
        server::Planners::default(),
        checkers,
    )
    .await
    .expect("server starts");
    let server = TestServer {
        base: format!("http://{}", running.addr),
        running,
        client: reqwest::Client::new(),
    };
    Setup {
        fake,
        server,
        _dir: dir,
    }
}

fn body(verify: Option<bool>) -> Value {
    let mut body = guide_body("Checked jar", 2);
    body["engine"] = json!("gemini");
    body["strategy"] = json!("independent");
    if let Some(verify) = verify {
        body["verify"] = json!(verify);
    }
    body
}

/// Image calls of the fake, in order, by whether their prompt is step n's.
fn image_calls(fake: &FakeGemini) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.model == "gemini-3.1-flash-image")
        .count()
}

fn check_calls(fake: &FakeGemini) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.model == "gemini-3.8-flash")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finding_triggers_exactly_one_redraw_and_the_step_records_its_check() {
    let s = setup(false).await;
    // The first check (step 1's photo) sees nothing: every part is missing.
    s.fake.script_answers(vec![ScriptedAnswer::Text {
        text: r#"{"seen": [], "missing": [], "unexpected": []}"#.into(),
    }]);
    let id = s.server.post_guide(&body(Some(true))).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(image_calls(&s.fake), 3, "step 1 twice, step 2 once");
    assert_eq!(check_calls(&s.fake), 3, "step 1's two photos, step 2's one");

    let first = &done["step_images"][0]["check"];
    assert_eq!(first["verdict"], "pass", "{first}");
    assert_eq!(first["redraws"], 1);
    assert!(
        first["first_findings"]
            .as_str()
            .unwrap_or("")
            .starts_with("missing: "),
        "{first}"
    );
    assert_eq!(first["model"], "gemini-3.8-flash");
    let second = &done["step_images"][1]["check"];
    assert_eq!(
        (second["verdict"].clone(), second["redraws"].clone()),
        (json!("pass"), json!(0))
    );
    assert!(
        second["seen"].as_array().is_some_and(|a| !a.is_empty()),
        "{second}"
    );

    // The redraw's prompt carries the finding.
    let redraw = s
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.model == "gemini-3.1-flash-image")
        .nth(1)
        .expect("the redraw");
    assert!(
        redraw
            .prompt
            .contains("A check of the previous attempt found problems"),
        "{}",
        redraw.prompt
    );

    // Both photos of step 1 are in its cost.
    let usage = &done["step_images"][0]["usage"];
    let single = done["step_images"][1]["usage"]["cost_usd"]
        .as_f64()
        .expect("cost");
    assert!(
        usage["cost_usd"].as_f64().expect("cost") >= 2.0 * single - 1e-9,
        "{usage}"
    );

    let metrics = s.server.get_text("/metrics").await;
    assert!(
        metrics.contains("stepcast_photo_checks_total{verdict=\"pass\"} 2"),
        "{metrics}"
    );
    assert!(
        metrics.contains("stepcast_photo_checks_total{verdict=\"fail\"} 1"),
        "{metrics}"
    );
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_or_the_server_default_turns_checks_on_and_a_failed_check_keeps_the_photo() {
    let s = setup(true).await;
    let id = s.server.post_guide(&body(Some(false))).await;
    let done = s.server.wait_final(&id).await;
    assert!(
        done["step_images"][0].get("check").is_none(),
        "verify: false"
    );
    assert_eq!(check_calls(&s.fake), 0);
    let capabilities: Value = s
        .server
        .get("/capabilities")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        capabilities["verify"],
        json!({"available": true, "default": true, "engines": ["gemini"]})
    );

    s.fake.script_answers(vec![ScriptedAnswer::Error {
        status: 400,
        message: "Request contains an invalid argument.".into(),
    }]);
    let id = s.server.post_guide(&body(None)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    let check = &done["step_images"][0]["check"];
    assert_eq!(check["verdict"], "unchecked", "{check}");
    assert!(check["error"].as_str().unwrap_or("").contains("400"));
    assert_eq!(done["step_images"][1]["check"]["verdict"], "pass");
    s.server.running.shutdown(Duration::from_secs(5)).await;
}
