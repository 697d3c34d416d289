//! Live events from a shared store: every process hears every commit.
//!
//! With Redis, a step drawn by a worker in one process must reach the SSE
//! clients of every API process. The store publishes each event as it
//! commits; this task forwards them into the process's own live hub. Pub/sub
//! is at most once, so when the subscription drops and comes back the
//! subscribers are told to catch up from the store's record.

use std::time::Duration;

use futures::StreamExt;
use store::{Event, RedisStore};
use tokio::sync::broadcast;

use crate::app::RESYNC;

/// Forwards the store's live events into `hub` for as long as the process
/// runs, reconnecting (with a growing pause, at most 5 s) when Redis goes
/// away.
pub async fn forward(redis: RedisStore, hub: broadcast::Sender<Event>) {
    let mut pause = Duration::from_millis(100);
    loop {
        match redis.live_events().await {
            Ok(events) => {
                // Anything published while we were not subscribed is in
                // the store: let every subscriber catch up.
                let _ = hub.send(resync());
                pause = Duration::from_millis(100);
                let mut events = std::pin::pin!(events);
                while let Some(event) = events.next().await {
                    match event {
                        Ok(event) => {
                            let _ = hub.send(event);
                        }
                        Err(e) => tracing::warn!(error = %e, "an unreadable live event"),
                    }
                }
                tracing::warn!("the live event feed from Redis ended; reconnecting");
            }
            Err(e) => tracing::warn!(error = %e, "cannot subscribe to live events"),
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(5));
    }
}

/// The marker that tells subscribers to catch up from the store.
pub fn resync() -> Event {
    Event {
        seq: 0,
        guide_id: String::new(),
        kind: RESYNC.to_string(),
        data: serde_json::Value::Null,
        at: 0.0,
    }
}

/// This server's name among many sharing a store: host, pid and a few
/// random hex digits (two servers in one process stay apart).
pub fn process_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "stepcast".to_string());
    let tag = uuid::Uuid::new_v4().simple().to_string();
    format!("{host}-{}-{}", std::process::id(), &tag[..6])
}
