//! The OpenAI engine end to end: a real server whose OpenAI engine talks
//! over HTTP to the fake OpenAI API (`fake_openai`), which checks each
//! request as OpenAI does and logs it. What each strategy sent is read from
//! that log; partial images from the stream; faults from its rules.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{config, guide_body, read_events, start_with, TestServer};
use engines::{ImageEngine, OpenAiConfig, OpenAiEngine};
use fake_openai::{Endpoint, FakeOpenAi, FakeOpenAiConfig, Fault, FaultRule};
use plan::request::Engine;
use serde_json::{json, Value};

struct Setup {
    fake: FakeOpenAi,
    server: TestServer,
    _dir: tempfile::TempDir,
}

async fn setup(tune: impl FnOnce(&mut OpenAiConfig)) -> Setup {
    let fake = FakeOpenAi::start(FakeOpenAiConfig {
        api_key: Some("sk-test".into()),
        retry_after: Duration::from_millis(20),
        stream_interval: Duration::from_millis(5),
        ..FakeOpenAiConfig::default()
    })
    .expect("fake starts");
    let dir = tempfile::tempdir().expect("dir");
    let mut server_config = config(dir.path());
    server_config.concurrency = 4;
    let mut openai = OpenAiConfig::new("sk-test");
    openai.base_url = fake.base_url();
    openai.timeout = Duration::from_secs(20);
    tune(&mut openai);
    let engine: Arc<dyn ImageEngine> = Arc::new(OpenAiEngine::new(openai).expect("engine"));
    let server = start_with(server_config, vec![(Engine::Openai, engine)]).await;
    Setup {
        fake,
        server,
        _dir: dir,
    }
}

fn openai_body(strategy: &str, steps: usize) -> Value {
    let mut body = guide_body("Jar planter", steps);
    body["engine"] = json!("openai");
    body["strategy"] = json!(strategy);
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guided_edits_with_the_schematic_and_the_anchor_and_streams_partials() {
    let s = setup(|_| {}).await;
    let id = s.server.post_guide(&openai_body("guided", 3)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");

    let log = s.fake.requests();
    let edits: Vec<_> = log
        .iter()
        .filter(|r| r.endpoint == Endpoint::Edits)
        .collect();
    assert_eq!(edits.len(), 3, "one edit per step");
    // The last step is the anchor: drawn first, from its schematic alone;
    // then every other step from its schematic and the anchor.
    let images: Vec<usize> = edits.iter().map(|e| e.images.len()).collect();
    assert_eq!(images, vec![1, 2, 2]);
    for edit in &edits {
        assert_eq!(edit.model.as_deref(), Some("gpt-image-1.5"));
        assert_eq!(edit.input_fidelity.as_deref(), Some("high"));
        assert!(edit.stream);
        assert_eq!(edit.partial_images, Some(2));
        assert_eq!(
            edit.size.as_deref(),
            Some("1536x1024"),
            "320x256 is nearest 3:2"
        );
        assert!(
            edit.prompt.starts_with("Image 1 is a schematic"),
            "{}",
            edit.prompt
        );
        assert_eq!(edit.outcome.as_ref().and_then(|o| o.status), Some(200));
    }

    // Each step: two partial images, stored and served, before it completed.
    let events = read_events(s.server.get(&format!("/step-images/{id}/events")).await).await;
    for step in 1..=3u64 {
        let partials: Vec<&Value> = events
            .iter()
            .filter(|(_, kind, data)| kind == "partial" && data["step_number"] == step)
            .map(|(_, _, data)| data)
            .collect();
        assert_eq!(partials.len(), 2, "step {step}");
        let url = partials[1]["image_url"].as_str().expect("url");
        assert_eq!(s.server.get(url).await.status(), 200);
    }

    // Usage from the answer's tokens at gpt-image-1.5's prices.
    let usage = &done["step_images"][0]["usage"];
    assert_eq!(usage["model"], "gpt-image-1.5");
    // Text input at $5, image input at $8, output at $32 a million.
    let (input, output) = (
        usage["input_tokens"].as_f64().unwrap_or(0.0),
        usage["output_tokens"].as_f64().unwrap_or(0.0),
    );
    let (least, most) = (
        (input * 5.0 + output * 32.0) / 1e6,
        (input * 8.0 + output * 32.0) / 1e6,
    );
    let cost = usage["cost_usd"].as_f64().expect("cost");
    assert!(
        cost >= least - 1e-6 && cost <= most + 1e-6,
        "{cost} not in {least}..{most}"
    );
    let capabilities: Value = s
        .server
        .get("/capabilities")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(capabilities["engine_models"]["openai"], "gpt-image-1.5");
    assert_eq!(capabilities["models"]["openai"][0]["id"], "gpt-image-1.5");
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn independent_generates_and_chained_edits_the_previous_photo() {
    let s = setup(|c| {
        c.partial_images = 0;
        c.model = "gpt-image-2".into();
    })
    .await;
    let id = s.server.post_guide(&openai_body("independent", 2)).await;
    assert_eq!(s.server.wait_final(&id).await["status"], "completed");
    let log = s.fake.requests();
    assert_eq!(log.len(), 2);
    assert!(log
        .iter()
        .all(|r| r.endpoint == Endpoint::Generations && !r.stream));
    assert!(
        log.iter().all(|r| r.size.as_deref() == Some("1024x816")),
        "{:?}",
        log[0].size
    );

    let id = s.server.post_guide(&openai_body("chained", 3)).await;
    assert_eq!(s.server.wait_final(&id).await["status"], "completed");
    let chained: Vec<_> = s.fake.requests().into_iter().skip(2).collect();
    assert_eq!(
        chained[0].endpoint,
        Endpoint::Generations,
        "step 1 has nothing to edit"
    );
    for edit in &chained[1..] {
        assert_eq!(edit.endpoint, Endpoint::Edits);
        assert_eq!(edit.images.len(), 1, "the previous photo");
        assert_eq!(edit.input_fidelity, None, "gpt-image-2 takes no fidelity");
    }
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_waited_out_and_a_moderation_block_fails_its_step_for_good() {
    let s = setup(|c| c.partial_images = 0).await;
    s.fake
        .add_fault(FaultRule::new(Fault::RateLimited).times(1));
    s.fake.add_fault(
        FaultRule::new(Fault::ModerationBlocked).when_prompt_contains("Plant the succulent"),
    );
    let id = s.server.post_guide(&openai_body("independent", 3)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed_with_errors", "{done}");
    assert_eq!(done["step_images"][0]["status"], "completed");
    let blocked = &done["step_images"][2];
    assert_eq!(blocked["status"], "failed");
    let results: Vec<String> = s
        .fake
        .requests()
        .iter()
        .filter_map(|r| r.outcome.as_ref().map(|o| o.result.clone()))
        .collect();
    let count = |what: &str| results.iter().filter(|r| r.as_str() == what).count();
    assert_eq!(count("moderation_blocked"), 1, "not retried: {results:?}");
    assert_eq!(count("rate_limited"), 1, "{results:?}");
    let error = blocked["error"].as_str().unwrap_or("");
    assert!(error.contains("safety system"), "{error}");
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_model_openai_does_not_serve_fails_each_step_once_naming_the_flag() {
    let s = setup(|c| {
        c.model = "gpt-image-1".into();
        c.partial_images = 0;
    })
    .await;
    let id = s.server.post_guide(&openai_body("independent", 2)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "failed", "{done}");
    for step in done["step_images"].as_array().expect("steps") {
        assert_eq!(step["attempts"], 1);
        let error = step["error"].as_str().unwrap_or("");
        assert!(
            error.contains("--openai-model") && error.contains("gpt-image-1\""),
            "{error}"
        );
    }
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_checked_by_an_openai_model_when_asked() {
    let fake = FakeOpenAi::start(FakeOpenAiConfig::default()).expect("fake starts");
    let dir = tempfile::tempdir().expect("dir");
    let mut openai = OpenAiConfig::new("sk-test");
    openai.base_url = fake.base_url();
    openai.partial_images = 0;
    let engine: Arc<dyn ImageEngine> = Arc::new(OpenAiEngine::new(openai).expect("engine"));
    let checker = engines::checker::ModelChecker::openai(
        &fake.base_url(),
        "sk-test",
        "gpt-5.5",
        Duration::from_secs(10),
    )
    .expect("checker");
    let mut checkers = server::Checkers::new();
    checkers.insert("openai", Arc::new(checker));
    let running = server::start_checked(
        config(dir.path()),
        vec![(Engine::Openai, engine)],
        server::Planners::default(),
        checkers,
    )
    .await
    .expect("server");
    let s = TestServer {
        base: format!("http://{}", running.addr),
        running,
        client: reqwest::Client::new(),
    };
    let mut body = openai_body("independent", 2);
    body["verify"] = json!(true);
    let id = s.post_guide(&body).await;
    let done = s.wait_final(&id).await;
    for step in done["step_images"].as_array().expect("steps") {
        assert_eq!(step["check"]["verdict"], "pass", "{step}");
        assert_eq!(step["check"]["model"], "gpt-5.5");
    }
    let checks: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.endpoint == Endpoint::Responses)
        .collect();
    assert_eq!(checks.len(), 2);
    assert!(checks
        .iter()
        .all(|r| r.images.len() == 1 && r.strict == Some(true)));
    s.running.shutdown(Duration::from_secs(5)).await;
}
