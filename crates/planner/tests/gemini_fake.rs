//! The Gemini planner against the fake Gemini's text model, over HTTP in
//! the real wire format: a plan in JSON mode, repairs after scripted bad
//! answers, refusals and errors falling back to the offline plan.

use std::time::Duration;

use fake_gemini::{FakeConfig, FakeGemini, ScriptedAnswer};
use plan::request::StepText;
use plan::GuideRequest;
use planner::gemini::{GeminiPlanner, GeminiPlannerConfig};
use planner::{plan_request, PlanSource};

fn start() -> (FakeGemini, GeminiPlanner) {
    let fake = FakeGemini::start(FakeConfig {
        api_key: Some("test-key".into()),
        ..FakeConfig::default()
    })
    .expect("fake starts");
    let mut config = GeminiPlannerConfig::new("test-key");
    config.base_url = fake.base_url();
    config.timeout = Duration::from_secs(20);
    let planner = GeminiPlanner::new(config).expect("planner");
    (fake, planner)
}

fn request() -> GuideRequest {
    GuideRequest {
        title: "Cork board".into(),
        materials: vec![
            "wine corks".into(),
            "picture frame".into(),
            "wood glue".into(),
        ],
        steps: vec![
            StepText::new("Cut", "Cut the wine corks in half lengthwise."),
            StepText::new("Glue", "Glue the corks inside the picture frame."),
        ],
        ..GuideRequest::default()
    }
}

#[tokio::test]
async fn the_model_writes_the_plan_in_json_mode() {
    let (fake, planner) = start();
    let planned = plan_request(&request(), Some(&planner)).await;
    assert_eq!(planned.source.to_string(), "gemini:gemini-3.8-flash");
    assert_eq!((planned.repairs, planned.calls), (0, 1));
    assert_eq!(planned.plan.steps.len(), 2);
    assert!(planned.usage.input_tokens > 0 && planned.usage.output_tokens > 0);

    let log = fake.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].model, "gemini-3.8-flash");
    assert!(log[0]
        .prompt
        .contains("Glue the corks inside the picture frame."));
    let system = log[0].system_instruction.as_deref().unwrap_or("");
    assert!(system.contains("assembly plan"), "{system}");
}

#[tokio::test]
async fn a_bad_answer_is_repaired_from_the_validators_errors() {
    let (fake, planner) = start();
    let mut wrong_steps = extract::plan_for(&request());
    wrong_steps.steps.truncate(1);
    fake.script_answers(vec![
        ScriptedAnswer::Text {
            text: "this is not JSON".into(),
        },
        ScriptedAnswer::Text {
            text: serde_json::to_string(&wrong_steps).unwrap(),
        },
    ]);
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(planned.source.is_model(), "{}", planned.source);
    assert_eq!((planned.repairs, planned.calls), (2, 3));
    let log = fake.requests();
    assert!(
        log[1].prompt.contains("this is not JSON"),
        "the bad answer goes back"
    );
    assert!(log[1].prompt.contains("That plan is not valid"));
    assert!(log[2].prompt.contains("steps: "), "{}", log[2].prompt);
}

#[tokio::test]
async fn a_refusal_a_missing_model_or_a_third_bad_answer_falls_back() {
    let (fake, planner) = start();
    fake.script_answers(vec![ScriptedAnswer::Refusal]);
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(matches!(&planned.source, PlanSource::Fallback(r) if r.contains("refused")));
    assert_eq!(planned.plan, extract::plan_for(&request()));

    let bad = || ScriptedAnswer::Text { text: "[]".into() };
    fake.script_answers(vec![bad(), bad(), bad()]);
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(matches!(&planned.source, PlanSource::Fallback(r) if r.contains("after 2 repairs")));

    let mut config = GeminiPlannerConfig::new("test-key");
    config.base_url = fake.base_url();
    config.model = "gemini-2.0-flash".into();
    let retired = GeminiPlanner::new(config).expect("planner");
    let planned = plan_request(&request(), Some(&retired)).await;
    let source = planned.source.to_string();
    assert!(source.contains("--gemini-text-model"), "{source}");
}

#[tokio::test]
async fn server_errors_are_tried_again_before_falling_back() {
    let (fake, planner) = start();
    fake.script_answers(vec![ScriptedAnswer::Error {
        status: 503,
        message: "The model is overloaded. Please try again later.".into(),
    }]);
    let planned = plan_request(&request(), Some(&planner)).await;
    assert!(planned.source.is_model(), "{}", planned.source);
    assert_eq!(fake.requests().len(), 2);

    let wrong_key = {
        let mut config = GeminiPlannerConfig::new("another-key");
        config.base_url = fake.base_url();
        GeminiPlanner::new(config).expect("planner")
    };
    let planned = plan_request(&request(), Some(&wrong_key)).await;
    assert!(
        matches!(&planned.source, PlanSource::Fallback(r) if r.contains("400") || r.contains("403")),
        "{}",
        planned.source
    );
}
