//! The OpenAI planner against the fake OpenAI's Responses API, over HTTP
//! in the real wire format: a strict JSON-schema plan the fake accepts,
//! repairs, refusals and errors falling back to the offline plan.

use std::time::Duration;

use fake_gemini::ScriptedAnswer;
use fake_openai::{FakeOpenAi, FakeOpenAiConfig, Fault, FaultRule};
use plan::request::StepText;
use plan::GuideRequest;
use planner::openai::{OpenAiPlanner, OpenAiPlannerConfig};
use planner::{plan_request, PlanSource};

fn start() -> (FakeOpenAi, OpenAiPlanner) {
    let fake = FakeOpenAi::start(FakeOpenAiConfig {
        api_key: Some("sk-test".into()),
        retry_after: Duration::from_millis(50),
        ..FakeOpenAiConfig::default()
    })
    .expect("fake starts");
    let planner = planner_for(&fake, "gpt-5.5");
    (fake, planner)
}

fn planner_for(fake: &FakeOpenAi, model: &str) -> OpenAiPlanner {
    let mut config = OpenAiPlannerConfig::new("sk-test");
    config.base_url = fake.base_url();
    config.model = model.into();
    config.timeout = Duration::from_secs(20);
    OpenAiPlanner::new(config).expect("planner")
}

fn request() -> GuideRequest {
    GuideRequest {
        title: "Cork board".into(),
        materials: vec!["wine corks".into(), "picture frame".into()],
        steps: vec![
            StepText::new("Cut", "Cut the wine corks in half lengthwise."),
            StepText::new("Glue", "Glue the corks inside the picture frame."),
        ],
        ..GuideRequest::default()
    }
}

#[tokio::test]
async fn the_model_writes_the_plan_under_a_strict_schema_the_api_accepts() {
    let (fake, planner) = start();
    let planned = plan_request(&request(), Some(&planner)).await;
    assert_eq!(planned.source.to_string(), "openai:gpt-5.5");
    assert_eq!((planned.repairs, planned.calls), (0, 1));
    assert_eq!(planned.plan, extract::plan_for(&request()));
    assert!(planned.usage.input_tokens > 0);
    let log = fake.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(
        log[0].strict,
        Some(true),
        "the fake checked the schema as strict"
    );
    assert_eq!(log[0].schema_name.as_deref(), Some("assembly_plan"));
    assert!(log[0]
        .instructions
        .as_deref()
        .unwrap_or("")
        .contains("assembly plan"));
    assert!(log[0]
        .prompt
        .contains("Glue the corks inside the picture frame."));
}

#[tokio::test]
async fn a_plan_with_nulls_for_fields_left_out_is_read_and_a_bad_one_repaired() {
    let (fake, planner) = start();
    let mut with_nulls = serde_json::to_value(extract::plan_for(&request())).expect("json");
    with_nulls["unresolved"] = serde_json::Value::Null;
    with_nulls["steps"][0]["tools"] = serde_json::Value::Null;
    fake.script_answers(vec![
        ScriptedAnswer::Text {
            text: "{\"title\": \"Cork board\", \"parts\": [], \"steps\": []}".into(),
        },
        ScriptedAnswer::Text {
            text: with_nulls.to_string(),
        },
    ]);
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(planned.source.is_model(), "{}", planned.source);
    assert_eq!(planned.repairs, 1);
    let log = fake.requests();
    assert!(log[1]
        .texts
        .iter()
        .any(|t| t.contains("That plan is not valid")));
}

#[tokio::test]
async fn refusals_missing_models_and_used_up_quotas_fall_back_and_rate_limits_wait() {
    let (fake, planner) = start();
    fake.script_answers(vec![ScriptedAnswer::Refusal]);
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(
        matches!(&planned.source, PlanSource::Fallback(r) if r.contains("refused")),
        "{}",
        planned.source
    );

    let unknown = planner_for(&fake, "gpt-3.0-nope");
    let planned = plan_request(&request(), Some(&unknown)).await;
    let source = planned.source.to_string();
    assert!(source.contains("--openai-text-model"), "{source}");

    fake.add_fault(FaultRule::new(Fault::InsufficientQuota).times(1));
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(
        planned.source.to_string().contains("quota"),
        "{}",
        planned.source
    );

    fake.add_fault(FaultRule::new(Fault::RateLimited).times(1));
    let before = fake.requests().len();
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(planned.source.is_model(), "{}", planned.source);
    assert_eq!(fake.requests().len() - before, 2, "one 429, then the plan");
}
