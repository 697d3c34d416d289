//! What the API benchmarks share: post a guide and follow its events to
//! the end, timing each from the POST, as a client would see them.

use std::time::{Duration, Instant};

use futures::StreamExt;

/// One Server-Sent Event and when it arrived.
pub struct TimedEvent {
    pub after: Duration,
    /// `created`, `step` or `guide`.
    pub kind: String,
    pub data: serde_json::Value,
}

/// POSTs `body` to `{base}/step-images` and reads the guide's event stream
/// until the server ends it (after the final status). Returns the guide's
/// id, its events and the time from the POST to the end of the stream.
pub async fn follow_guide(
    client: &reqwest::Client,
    base: &str,
    body: &serde_json::Value,
) -> (String, Vec<TimedEvent>, Duration) {
    let start = Instant::now();
    let res = client
        .post(format!("{base}/step-images"))
        .json(body)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 202);
    let accepted: serde_json::Value = res.json().await.expect("json");
    let id = accepted["id"].as_str().expect("id").to_string();
    let stream = client
        .get(format!("{base}/step-images/{id}/events"))
        .send()
        .await
        .expect("events");
    let mut chunks = stream.bytes_stream();
    let (mut buffer, mut events) = (String::new(), Vec::new());
    while let Some(chunk) = chunks.next().await {
        buffer.push_str(&String::from_utf8_lossy(&chunk.expect("chunk")));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().to_string())
            };
            let data = field("data:").and_then(|d| serde_json::from_str(&d).ok());
            if let (Some(kind), Some(data)) = (field("event:"), data) {
                events.push(TimedEvent {
                    after: start.elapsed(),
                    kind,
                    data,
                });
            }
        }
    }
    (id, events, start.elapsed())
}

/// When the first `step` event matching `wanted` arrived.
pub fn first_step(
    events: &[TimedEvent],
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> Option<Duration> {
    events
        .iter()
        .find(|e| e.kind == "step" && wanted(&e.data))
        .map(|e| e.after)
}
