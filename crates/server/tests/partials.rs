//! Partial images of a streaming engine: each stored, published as a
//! "partial" event before its step's final event, served, and kept by the
//! sweeper while the guide exists.

mod common;

use std::time::Duration;

use common::{config, guide_body, read_events, start, test_engine};
use engines::TestEngineScript;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partial_images_are_stored_and_published_before_the_step_is_done() {
    let dir = tempfile::tempdir().expect("dir");
    let engine = test_engine(TestEngineScript {
        partial_images: 2,
        ..TestEngineScript::default()
    });
    let s = start(config(dir.path()), Some(engine)).await;
    let id = s.post_guide(&guide_body("Forming", 2)).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");

    let events = read_events(s.get(&format!("/step-images/{id}/events")).await).await;
    for step in 1..=2u64 {
        let partials: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(_, (_, kind, data))| kind == "partial" && data["step_number"] == step)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(partials.len(), 2, "step {step}: {events:?}");
        let completed = events
            .iter()
            .position(|(_, kind, data)| {
                kind == "step" && data["step_number"] == step && data["status"] == "completed"
            })
            .expect("the step completes");
        assert!(
            partials.iter().all(|i| *i < completed),
            "partials come first"
        );
        for i in &partials {
            let data = &events[*i].2;
            let url = data["image_url"].as_str().expect("a url");
            let res = s.get(url).await;
            assert_eq!(res.status(), 200, "{url}");
            assert_eq!(res.headers()["content-type"], "image/png");
        }
        let indices: Vec<u64> = partials
            .iter()
            .filter_map(|i| events[*i].2["index"].as_u64())
            .collect();
        assert_eq!(indices, vec![0, 1]);
    }
    // Two sweeps in a row find every partial image still referenced.
    let app = &s.running.app;
    let suspects = runner::sweeper::sweep(app, &Default::default())
        .await
        .expect("sweep");
    runner::sweeper::sweep(app, &suspects).await.expect("sweep");
    let first = events
        .iter()
        .find(|(_, kind, _)| kind == "partial")
        .map(|(_, _, data)| data["image_url"].as_str().unwrap_or("").to_string())
        .unwrap_or_default();
    assert_eq!(s.get(&first).await.status(), 200);
    s.running.shutdown(Duration::from_secs(5)).await;
}
