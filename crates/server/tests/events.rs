//! Server-Sent Events: one per state change, in order, with ids, resuming
//! from Last-Event-ID without loss or duplicates.

mod common;

use std::time::Duration;

use common::{config, guide_body, read_events, start, test_engine};
use engines::TestEngineScript;
use futures::StreamExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_arrive_in_order_and_resume_from_the_last_id() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(60),
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine)).await;
    let id = s.post_guide(&guide_body("Live", 4)).await;
    let res = s.get(&format!("/step-images/{id}/events")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    assert_eq!(res.headers()["x-accel-buffering"], "no");
    assert!(res.headers().get("content-encoding").is_none());
    let all = read_events(res).await;
    let ids: Vec<i64> = all.iter().map(|e| e.0).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "ordered, no duplicates: {ids:?}"
    );
    let (_, last_kind, last) = all.last().expect("events");
    assert_eq!(last_kind, "guide");
    assert_eq!(last["status"], "completed");
    let completed: Vec<u64> = all
        .iter()
        .filter(|e| e.1 == "step" && e.2["status"] == "completed")
        .map(|e| e.2["step_number"].as_u64().expect("n"))
        .collect();
    assert_eq!(completed, vec![1, 2, 3, 4]);
    assert!(all.iter().any(|e| e.1 == "step"
        && e.2["image_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http"))));

    // Reconnect from the middle: exactly the rest.
    let middle = all[all.len() / 2].0;
    let res = s
        .client
        .get(s.url(&format!("/step-images/{id}/events")))
        .header("last-event-id", middle.to_string())
        .send()
        .await
        .expect("sse");
    let rest = read_events(res).await;
    let expected: Vec<i64> = ids.iter().copied().filter(|i| *i > middle).collect();
    assert_eq!(rest.iter().map(|e| e.0).collect::<Vec<_>>(), expected);

    let res = s
        .get(&format!("/step-images/{id}/events?last_event_id={middle}"))
        .await;
    let by_query = read_events(res).await;
    assert_eq!(by_query.iter().map(|e| e.0).collect::<Vec<_>>(), expected);

    let res = s
        .client
        .get(s.url(&format!("/step-images/{id}/events")))
        .header("last-event-id", "soon")
        .send()
        .await
        .expect("sse");
    assert_eq!(res.status(), 400);
    let res = s.get("/step-images/nobody/events").await;
    assert_eq!(res.status(), 404);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(80),
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine)).await;
    let id = s.post_guide(&guide_body("Flaky network", 5)).await;
    // Read a few events live, then drop the connection mid-guide.
    let res = s.get(&format!("/step-images/{id}/events")).await;
    let mut stream = res.bytes_stream();
    let mut seen = String::new();
    while seen.matches("\n\n").count() < 3 {
        let chunk = stream.next().await.expect("more").expect("chunk");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    drop(stream);
    let last_id: i64 = seen
        .lines()
        .rev()
        .filter_map(|l| l.strip_prefix("id:"))
        .find_map(|v| v.trim().parse().ok())
        .expect("an id");
    let res = s
        .client
        .get(s.url(&format!("/step-images/{id}/events")))
        .header("last-event-id", last_id.to_string())
        .send()
        .await
        .expect("sse");
    let rest = read_events(res).await;
    assert!(rest.iter().all(|e| e.0 > last_id));
    let full = read_events(s.get(&format!("/step-images/{id}/events")).await).await;
    let tail: Vec<i64> = full.iter().map(|e| e.0).filter(|i| *i > last_id).collect();
    assert_eq!(rest.iter().map(|e| e.0).collect::<Vec<_>>(), tail);
    s.running.shutdown(Duration::from_secs(5)).await;
}
