//! Waking idle workers when another process queues work.
//!
//! Within one process, whatever queues a task also notifies `App::work`.
//! With a shared store the task may come from an API process elsewhere; its
//! event reaches this process through the store's live feed, so idle
//! workers lease at once instead of at their next poll.

use store::Event;
use tokio::sync::{broadcast, watch};

use service::app::RESYNC;
use service::SharedApp;

/// Whether `event` may have made a task due: a new guide, a plan (its steps
/// are queued), a step set to pending (a regenerate) or one that ended (its
/// dependants may now run).
pub fn may_queue_work(event: &Event) -> bool {
    match event.kind.as_str() {
        "created" | "plan" | RESYNC => true,
        "step" => matches!(
            event.data["status"].as_str(),
            Some("pending" | "completed" | "failed")
        ),
        _ => false,
    }
}

/// Notifies idle workers of every live event that may have queued work,
/// until `stopped`.
pub async fn on_shared_events(app: SharedApp, mut stopped: watch::Receiver<bool>) {
    let mut events = app.events.subscribe();
    loop {
        tokio::select! {
            received = events.recv() => match received {
                Ok(event) if may_queue_work(&event) => app.work.notify_waiters(),
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(_)) => app.work.notify_waiters(),
                Err(broadcast::error::RecvError::Closed) => return,
            },
            _ = stopped.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, data: serde_json::Value) -> Event {
        Event {
            seq: 1,
            guide_id: "g".into(),
            kind: kind.into(),
            data,
            at: 0.0,
        }
    }

    #[test]
    fn queued_and_ended_steps_wake_workers_and_progress_does_not() {
        let step = |status: &str| event("step", serde_json::json!({"status": status}));
        assert!(may_queue_work(&event("created", serde_json::json!({}))));
        assert!(may_queue_work(&event("plan", serde_json::json!({}))));
        assert!(may_queue_work(&step("pending")));
        assert!(may_queue_work(&step("completed")));
        assert!(may_queue_work(&step("failed")));
        assert!(!may_queue_work(&step("generating")));
        assert!(!may_queue_work(&event("partial", serde_json::json!({}))));
        assert!(!may_queue_work(&event(
            "guide",
            serde_json::json!({"status": "completed"})
        )));
    }
}
