//! Plans written by a language model, end to end: the server's Gemini
//! planner talks over HTTP to the fake Gemini's text model. The POST answers
//! at once; the guide plans (`phase: planning`), stores and publishes its
//! plan, then draws from it.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{config, eventually, guide_body, read_events, start_planned, TestServer};
use fake_gemini::{FakeConfig, FakeGemini, Latency, ScriptedAnswer};
use planner::gemini::{GeminiPlanner, GeminiPlannerConfig};
use serde_json::Value;

struct Setup {
    server: TestServer,
    fake: FakeGemini,
    _dir: tempfile::TempDir,
}

async fn setup(latency: Duration) -> Setup {
    let fake = FakeGemini::start(FakeConfig {
        latency: Latency {
            mean: latency,
            jitter: Duration::ZERO,
        },
        ..FakeConfig::default()
    })
    .expect("fake starts");
    let mut planner = GeminiPlannerConfig::new("test-key");
    planner.base_url = fake.base_url();
    let planners = server::Planners {
        gemini: Some(Arc::new(GeminiPlanner::new(planner).expect("planner"))),
        ..server::Planners::default()
    };
    let dir = tempfile::tempdir().expect("dir");
    let server = start_planned(config(dir.path()), Vec::new(), planners).await;
    Setup {
        server,
        fake,
        _dir: dir,
    }
}

fn text_calls(fake: &FakeGemini) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.model == "gemini-3.8-flash")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_model_plans_in_the_background_then_the_steps_are_drawn() {
    let s = setup(Duration::from_millis(300)).await;
    let res = s
        .server
        .client
        .post(s.server.url("/step-images"))
        .json(&guide_body("Jar garden", 3))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 202);
    let id = res.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let planning = s.server.progress(&id).await;
    assert_eq!(planning["status"], "generating");
    assert_eq!(planning["phase"], "planning", "{planning}");
    assert!(planning.get("plan_source").is_none());
    assert_eq!(planning["completed_steps"], 0);

    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["plan_source"], "gemini:gemini-3.8-flash");
    assert_eq!(done["plan_repairs"], 0);
    assert_eq!(done["plan_version"], 1);
    assert!(done.get("phase").is_none(), "no phase once finished");
    assert!(
        done["step_images"][0].get("understanding").is_none(),
        "the extractor's reading does not explain a model's plan"
    );
    assert_eq!(text_calls(&s.fake), 1);

    let events = read_events(s.server.get(&format!("/step-images/{id}/events")).await).await;
    let kinds: Vec<&str> = events.iter().map(|(_, k, _)| k.as_str()).collect();
    let plan_at = kinds
        .iter()
        .position(|k| *k == "plan")
        .expect("a plan event");
    let first_step = kinds
        .iter()
        .position(|k| *k == "step")
        .expect("step events");
    assert!(plan_at < first_step, "{kinds:?}");
    assert_eq!(events[plan_at].2["plan_source"], "gemini:gemini-3.8-flash");

    // The same request again costs no call: the plan is cached.
    let again = s.server.post_guide(&guide_body("Jar garden", 3)).await;
    let done = s.server.wait_final(&again).await;
    assert_eq!(done["plan_source"], "gemini:gemini-3.8-flash");
    assert_eq!(text_calls(&s.fake), 1);
    let metrics = s.server.get_text("/metrics").await;
    assert!(
        metrics.contains("stepcast_plans_total{model=\"gemini-3.8-flash\",outcome=\"cached\"} 1"),
        "{metrics}"
    );
    assert!(metrics
        .contains("stepcast_planner_tokens_total{model=\"gemini-3.8-flash\",direction=\"input\"}"));
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repairs_and_fallbacks_are_shown_and_drawn_from() {
    let s = setup(Duration::ZERO).await;
    s.fake.script_answers(vec![ScriptedAnswer::Text {
        text: "{\"title\": \"no parts\"}".into(),
    }]);
    let id = s.server.post_guide(&guide_body("Repaired", 2)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["plan_source"], "gemini:gemini-3.8-flash");
    assert_eq!(done["plan_repairs"], 1);

    s.fake.script_answers(vec![ScriptedAnswer::Refusal]);
    let id = s.server.post_guide(&guide_body("Refused", 2)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    let source = done["plan_source"].as_str().unwrap_or("");
    assert!(
        source.starts_with("offline (fallback: gemini-3.8-flash: the model refused"),
        "{source}"
    );
    assert!(
        done["step_images"][0].get("understanding").is_some(),
        "the extractor's plan comes with its reading"
    );
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_chooses_the_planner_and_unknown_choices_are_named() {
    let s = setup(Duration::ZERO).await;
    let capabilities: Value = s
        .server
        .get("/capabilities")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        capabilities["planners"],
        serde_json::json!({"available": ["auto", "offline", "gemini"], "models": ["gemini:gemini-3.8-flash"]})
    );
    let mut body = guide_body("Offline on purpose", 2);
    body["planner"] = "offline".into();
    let id = s.server.post_guide(&body).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["plan_source"], "offline");
    assert!(done.get("plan_version").is_none());
    assert_eq!(text_calls(&s.fake), 0);

    for (planner, expected) in [
        (
            "openai",
            "openai is not configured on this server (start the server with OPENAI_API_KEY",
        ),
        ("claude", "unknown value"),
    ] {
        let mut body = guide_body("Bad planner", 2);
        body["planner"] = planner.into();
        let res = s
            .server
            .client
            .post(s.server.url("/step-images"))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let error: Value = res.json().await.expect("json");
        assert_eq!(error["error"]["field"], "planner", "{error}");
        let message = error["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(expected), "{message}");
    }
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_a_model_plans_offline_and_refuses_gemini_plans() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start_planned(config(dir.path()), Vec::new(), server::Planners::default()).await;
    let capabilities: Value = s.get("/capabilities").await.json().await.expect("json");
    assert_eq!(
        capabilities["planners"]["available"],
        serde_json::json!(["auto", "offline"])
    );
    let id = s.post_guide(&guide_body("Auto is offline", 2)).await;
    assert_eq!(s.wait_final(&id).await["plan_source"], "offline");
    let mut body = guide_body("Gemini asked", 2);
    body["planner"] = "gemini".into();
    let res = s
        .client
        .post(s.url("/step-images"))
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let text = res.text().await.expect("text");
    assert!(text.contains("GEMINI_API_KEY"), "{text}");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guide_stopped_while_planning_is_planned_again_on_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let fake = FakeGemini::start(FakeConfig {
        latency: Latency {
            mean: Duration::from_secs(30),
            jitter: Duration::ZERO,
        },
        ..FakeConfig::default()
    })
    .expect("fake starts");
    let planners = |url: String| {
        let mut planner = GeminiPlannerConfig::new("test-key");
        planner.base_url = url;
        server::Planners {
            gemini: Some(Arc::new(GeminiPlanner::new(planner).expect("planner"))),
            ..server::Planners::default()
        }
    };
    let s = start_planned(config(dir.path()), Vec::new(), planners(fake.base_url())).await;
    let id = s.post_guide(&guide_body("Interrupted", 2)).await;
    eventually(|| !fake.requests().is_empty()).await;
    s.running.crash();

    let quick = FakeGemini::start(FakeConfig::default()).expect("fake starts");
    let s = start_planned(config(dir.path()), Vec::new(), planners(quick.base_url())).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["plan_source"], "gemini:gemini-3.8-flash");
    assert_eq!(done["plan_version"], 1);
    assert_eq!(quick.requests().len(), 1);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_openai_model_plans_when_asked_or_when_it_is_the_only_one() {
    use planner::openai::{OpenAiPlanner, OpenAiPlannerConfig};
    let fake = fake_openai::FakeOpenAi::start(fake_openai::FakeOpenAiConfig::default())
        .expect("fake starts");
    let mut openai = OpenAiPlannerConfig::new("sk-test");
    openai.base_url = fake.base_url();
    let planners = server::Planners {
        openai: Some(Arc::new(OpenAiPlanner::new(openai).expect("planner"))),
        ..server::Planners::default()
    };
    let dir = tempfile::tempdir().expect("dir");
    let s = start_planned(config(dir.path()), Vec::new(), planners).await;
    let id = s.post_guide(&guide_body("Auto picks OpenAI", 2)).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["plan_source"], "openai:gpt-5.5", "{done}");
    let mut body = guide_body("OpenAI asked", 2);
    body["planner"] = "openai".into();
    let id = s.post_guide(&body).await;
    assert_eq!(s.wait_final(&id).await["plan_source"], "openai:gpt-5.5");
    assert_eq!(fake.requests().len(), 2);
    let mut body = guide_body("Gemini asked", 2);
    body["planner"] = "gemini".into();
    let res = s
        .client
        .post(s.url("/step-images"))
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    s.running.shutdown(Duration::from_secs(5)).await;
}
