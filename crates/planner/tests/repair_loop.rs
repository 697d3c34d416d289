//! The check-and-repair loop with a writer that answers from a script:
//! which answers are accepted, how errors go back, when the offline
//! extractor takes over, and what the cache keeps.

use std::sync::Mutex;

use async_trait::async_trait;
use plan::request::StepText;
use plan::GuideRequest;
use planner::cache::PlanCache;
use planner::{plan_request, Answer, PlanSource, PlanWriter, TokenUsage, Turn, WriterError};

/// Answers each call with the next scripted answer and records the turns.
struct ScriptedWriter {
    answers: Mutex<Vec<Result<String, WriterError>>>,
    seen: Mutex<Vec<Vec<Turn>>>,
}

impl ScriptedWriter {
    fn new(answers: Vec<Result<String, WriterError>>) -> ScriptedWriter {
        ScriptedWriter {
            answers: Mutex::new(answers.into_iter().rev().collect()),
            seen: Mutex::new(Vec::new()),
        }
    }

    fn calls(&self) -> Vec<Vec<Turn>> {
        self.seen.lock().expect("lock").clone()
    }
}

#[async_trait]
impl PlanWriter for ScriptedWriter {
    fn provider(&self) -> &'static str {
        "gemini"
    }

    fn model(&self) -> &str {
        "scripted-model"
    }

    async fn answer(&self, _system: &str, turns: &[Turn]) -> Result<Answer, WriterError> {
        self.seen.lock().expect("lock").push(turns.to_vec());
        let next = self.answers.lock().expect("lock").pop();
        next.unwrap_or_else(|| Err(WriterError::Failed("script ran out".into())))
            .map(|text| Answer {
                text,
                usage: TokenUsage {
                    input_tokens: 100,
                    output_tokens: 10,
                },
            })
    }
}

fn request() -> GuideRequest {
    GuideRequest {
        title: "Jar vase".into(),
        materials: vec!["glass jar".into(), "twine".into()],
        steps: vec![
            StepText::new("Wrap", "Wrap the twine around the glass jar."),
            StepText::new("Fill", "Fill the jar with water."),
        ],
        ..GuideRequest::default()
    }
}

/// A valid plan that differs from the extractor's: the twine is painted.
fn model_plan() -> String {
    let mut plan = extract::plan_for(&request());
    plan.steps[1].ops.push(plan::Operation::Paint {
        part: plan.parts[0].id.clone(),
        color: plan::model::Color("#aa0000".into()),
    });
    serde_json::to_string(&plan).expect("json")
}

#[tokio::test]
async fn a_valid_answer_is_the_plan() {
    let writer = ScriptedWriter::new(vec![Ok(model_plan())]);
    let planned = plan_request(&request(), Some(&writer)).await;
    assert_eq!(planned.source.to_string(), "gemini:scripted-model");
    assert_eq!((planned.repairs, planned.calls), (0, 1));
    assert_eq!(serde_json::to_string(&planned.plan).unwrap(), model_plan());
    assert_eq!(planned.usage.input_tokens, 100);
    let first = &writer.calls()[0];
    let Turn::User(text) = &first[0] else {
        panic!("a user turn")
    };
    assert!(text.contains("Wrap the twine around the glass jar."));
}

#[tokio::test]
async fn errors_go_back_and_a_repaired_answer_is_taken() {
    let writer = ScriptedWriter::new(vec![Ok("{\"title\": \"x\"}".into()), Ok(model_plan())]);
    let planned = plan_request(&request(), Some(&writer)).await;
    assert!(planned.source.is_model());
    assert_eq!((planned.repairs, planned.calls), (1, 2));
    let second = &writer.calls()[1];
    assert_eq!(second.len(), 3, "request, the bad answer, the errors");
    assert_eq!(second[1], Turn::Model("{\"title\": \"x\"}".into()));
    let Turn::User(errors) = &second[2] else {
        panic!("a user turn")
    };
    assert!(errors.contains("missing field"), "{errors}");
}

#[tokio::test]
async fn after_two_failed_repairs_the_offline_plan_is_used() {
    let bad = || Ok("[]".to_string());
    let writer = ScriptedWriter::new(vec![bad(), bad(), bad(), Ok(model_plan())]);
    let planned = plan_request(&request(), Some(&writer)).await;
    assert_eq!((planned.repairs, planned.calls), (2, 3));
    let source = planned.source.to_string();
    assert!(
        source.starts_with(
            "offline (fallback: scripted-model's plan was still invalid after 2 repairs"
        ),
        "{source}"
    );
    assert_eq!(planned.plan, extract::plan_for(&request()));
}

#[tokio::test]
async fn a_refusal_or_an_unreachable_model_falls_back_at_once() {
    let writer = ScriptedWriter::new(vec![Err(WriterError::Refused("SAFETY".into()))]);
    let planned = plan_request(&request(), Some(&writer)).await;
    assert_eq!(planned.calls, 1);
    assert_eq!(
        planned.source,
        PlanSource::Fallback("scripted-model: the model refused: SAFETY".into())
    );
}

#[tokio::test]
async fn no_writer_or_a_hand_written_plan_asks_nobody() {
    let planned = plan_request(&request(), None).await;
    assert_eq!(planned.source, PlanSource::Offline);
    let writer = ScriptedWriter::new(vec![Ok(model_plan())]);
    let mut given = request();
    given.plan = Some(extract::plan_for(&request()));
    let planned = plan_request(&given, Some(&writer)).await;
    assert_eq!(planned.source, PlanSource::Offline);
    assert!(writer.calls().is_empty());
}

#[tokio::test]
async fn the_cache_keeps_model_plans_by_request_and_model_only() {
    let cache = PlanCache::new(2);
    let writer = ScriptedWriter::new(vec![
        Ok(model_plan()),
        Err(WriterError::Failed("down".into())),
    ]);
    let key = PlanCache::key(&request(), &writer);
    let planned = plan_request(&request(), Some(&writer)).await;
    cache.put(key.clone(), &planned);
    let again = cache.get(&key).expect("cached");
    assert_eq!(again.plan, planned.plan);
    assert_eq!((again.calls, again.usage), (0, TokenUsage::default()));

    let mut other = request();
    other.steps[1].description = "Fill the jar with sand.".into();
    let other_key = PlanCache::key(&other, &writer);
    assert_ne!(other_key, key);
    let fallback = plan_request(&other, Some(&writer)).await;
    cache.put(other_key.clone(), &fallback);
    assert!(cache.get(&other_key).is_none(), "fallbacks are not kept");
    assert_eq!(cache.len(), 1);
}
