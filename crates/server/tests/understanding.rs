//! What the planner understood of a guide's text, in the progress JSON, the
//! step JSON and the step events.

mod common;

use std::time::Duration;

use common::{config, read_events, start};
use serde_json::{json, Value};

fn body() -> Value {
    json!({
        "title": "Painted jar",
        "materials": ["glass jar", "cork"],
        "steps": [
            {"title": "What you need", "description": "You will need a glass jar, a cork, scissors and glue."},
            {"title": "Paint", "description": "Paint the jar blue with a zorblat."},
            {"title": "Cork", "description": "Glue the cork to the jar."}
        ]
    })
}

/// Every `step` event's data until the stream ends (after the final status).
async fn step_events(res: reqwest::Response) -> Vec<Value> {
    read_events(res)
        .await
        .into_iter()
        .filter(|(_, kind, _)| kind == "step")
        .map(|(_, _, data)| data)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_step_says_what_was_understood_and_the_guide_how_much() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let id = s.post_guide(&body()).await;
    // The stream ends after the guide's final status.
    let events = step_events(s.get(&format!("/step-images/{id}/events")).await).await;
    let progress = s.progress(&id).await;
    assert_eq!(progress["status"], "completed", "{progress}");

    let confidence = progress["plan_confidence"]
        .as_f64()
        .expect("plan_confidence");
    assert!(
        confidence > 0.0 && confidence < 1.0,
        "one unknown word of a few: {confidence}"
    );
    let steps = progress["step_images"].as_array().expect("steps");
    assert_eq!(steps[0]["understanding"]["materials_only"], true);
    let paint = &steps[1]["understanding"];
    assert!(paint["confidence"].as_f64().expect("confidence") < 1.0);
    assert_eq!(
        paint["unresolved"],
        json!([{"text": "zorblat", "reason": "unknown noun, not drawn"}])
    );
    let understood = paint["understood"].as_array().expect("understood");
    assert!(
        understood
            .iter()
            .any(|u| u["text"] == "paint" && u["meaning"] == "paint the glass jar blue"),
        "{paint}"
    );
    let glue = &steps[2]["understanding"];
    assert_eq!(glue["confidence"], 1.0, "{glue}");
    assert!(glue["unresolved"].as_array().expect("list").is_empty());

    let one: Value = s
        .get(&format!("/step-images/{id}/step/2"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(one["understanding"], *paint);

    assert!(!events.is_empty());
    for event in &events {
        let n = event["step_number"].as_u64().expect("number") as usize;
        assert_eq!(
            event["understanding"],
            steps[n - 1]["understanding"],
            "step events carry the same understanding"
        );
    }
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_written_plan_claims_no_reading() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let id = s
        .post_guide(&json!({
            "title": "Jar",
            "steps": [{"title": "Add the jar"}],
            "plan": {
                "title": "Jar",
                "parts": [{"id": "jar", "name": "jar", "kind": "jar", "size": [8, 12, 8],
                           "color": "#aaccee", "material": "glass"}],
                "steps": [{"number": 1, "title": "Add the jar", "ops": [{"op": "add", "part": "jar"}]}]
            }
        }))
        .await;
    let progress = s.wait_final(&id).await;
    assert!(progress.get("plan_confidence").is_none(), "{progress}");
    assert!(progress["step_images"][0].get("understanding").is_none());
    s.running.shutdown(Duration::from_secs(5)).await;
}
