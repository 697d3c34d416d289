//! The running service: its stores, engines, live event hub and runner,
//! shared by every handler.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use engines::ImageEngine;
use plan::request::Engine;
use store::{BlobStore, Event, StateStore, TaskQueue};
use tokio::sync::{broadcast, Notify};

use crate::config::ServerConfig;

/// Everything a handler or worker needs.
pub struct App {
    pub config: ServerConfig,
    pub state: Arc<dyn StateStore>,
    pub queue: Arc<dyn TaskQueue>,
    pub blobs: Arc<dyn BlobStore>,
    pub engines: HashMap<Engine, Arc<dyn ImageEngine>>,
    /// Live events for SSE subscribers; replay comes from the state store.
    pub events: broadcast::Sender<Event>,
    /// Whether live events come from the state store itself (Redis
    /// publishes every commit to every process), rather than from this
    /// process's own [`App::publish`] calls.
    pub live_from_store: bool,
    /// Names this process's workers (`local` with the embedded store,
    /// whose process is alone; host and pid when processes share a store).
    pub worker_prefix: String,
    /// Wakes idle workers when tasks are queued.
    pub work: Notify,
    /// The base of absolute URLs.
    pub base_url: String,
    /// Held while deciding whether a guide is finished, so its final
    /// status is set once.
    pub finishing: tokio::sync::Mutex<()>,
    pub metrics: crate::metrics::Metrics,
    /// What the planner understood of recent guides' texts.
    pub readings: crate::readings::PlanReadings,
    /// The language models that may write plans.
    pub planners: crate::plans::Planners,
    /// Model plans by request and model.
    pub plan_cache: planner::cache::PlanCache,
    /// Photo checkers by the name of the engine whose photos they check.
    pub checkers: Checkers,
    /// Finished guides' progress, answered from memory.
    pub finished: Arc<crate::finished::FinishedProgress>,
}

/// Photo checkers by engine name (`gemini`, `openai`).
pub type Checkers = std::collections::HashMap<&'static str, Arc<dyn engines::check::PhotoChecker>>;

pub type SharedApp = Arc<App>;

impl App {
    /// Publishes a stored event to live subscribers (none listening is
    /// fine). With a shared store the store publishes every event, in
    /// commit order, to every process; publishing here too could let a
    /// later event overtake an earlier one from another process.
    pub fn publish(&self, event: Event) {
        // Forget the guide's kept progress now, not when the hub's event
        // reaches the cache's task: the client that caused the change must
        // see it on its next read.
        self.finished.changed(&event.guide_id);
        if !self.live_from_store {
            let _ = self.events.send(event);
        }
    }

    pub fn engine(&self, engine: Engine) -> Option<Arc<dyn ImageEngine>> {
        self.engines.get(&engine).cloned()
    }
}

/// The kind of the marker event sent to live subscribers when the live
/// feed may have missed events (the shared store's feed reconnected):
/// each subscriber catches up from the store.
pub const RESYNC: &str = "resync";

/// Seconds since the epoch, as the seed's timestamps.
pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}
