//! Finished guides' progress, kept in memory as the JSON it is served as.
//!
//! Clients poll `GET /step-images/{id}` and keep polling, or reload, long
//! after a guide is done; a finished guide's progress only changes when
//! something happens to it (a step drawn again, a new plan), and every such
//! change is an event. So the JSON of a finished guide is kept until an
//! event for the guide arrives (from this process or, with a shared store,
//! any other), and answered without touching the store.
//!
//! A reader takes a [`Ticket`] before it reads the store and may fill the
//! slot only if no event for the guide arrived since: a reader that read
//! the old state can never put it back after the change.

use std::collections::HashMap;
use std::sync::RwLock;

use bytes::Bytes;
use store::Event;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::app::RESYNC;

/// Finished guides kept at most; when full, everything is dropped (it is
/// refilled by the next reads).
const MAX_GUIDES: usize = 10_000;

/// The cache; see the module's doc.
#[derive(Default)]
pub struct FinishedProgress {
    inner: RwLock<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Bumped whenever everything is dropped, so older tickets are void.
    epoch: u64,
    slots: HashMap<String, Slot>,
}

enum Slot {
    /// The progress JSON, and when the guide expires (after that the
    /// sweeper may delete it, which sends no event).
    Ready(Bytes, Option<f64>),
    /// How many events arrived for the guide since it was last filled.
    Changed(u64),
}

/// What a reader saw before reading the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket {
    epoch: u64,
    changes: u64,
}

impl FinishedProgress {
    /// The guide's progress JSON if it is kept and not expired at `now`;
    /// otherwise a ticket for [`FinishedProgress::fill`].
    pub fn get(&self, id: &str, now: f64) -> Result<Bytes, Ticket> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let changes = match inner.slots.get(id) {
            Some(Slot::Ready(body, expires)) if expires.is_none_or(|t| now < t) => {
                return Ok(body.clone())
            }
            Some(Slot::Changed(n)) => *n,
            _ => 0,
        };
        Err(Ticket {
            epoch: inner.epoch,
            changes,
        })
    }

    /// Keeps a finished guide's progress, unless an event for it arrived
    /// since `ticket` was taken.
    pub fn fill(&self, id: &str, ticket: Ticket, body: Bytes, expires_at: Option<f64>) {
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let current = match inner.slots.get(id) {
            Some(Slot::Changed(n)) => *n,
            _ => 0,
        };
        if inner.epoch != ticket.epoch || current != ticket.changes {
            return;
        }
        if inner.slots.len() >= MAX_GUIDES {
            inner.slots.clear();
            inner.epoch += 1;
            return;
        }
        inner
            .slots
            .insert(id.to_string(), Slot::Ready(body, expires_at));
    }

    /// Something happened to the guide: forget its progress.
    pub fn changed(&self, id: &str) {
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let next = match inner.slots.get(id) {
            Some(Slot::Changed(n)) => n + 1,
            _ => 1,
        };
        if inner.slots.len() >= MAX_GUIDES {
            inner.slots.clear();
            inner.epoch += 1;
        }
        inner.slots.insert(id.to_string(), Slot::Changed(next));
    }

    /// Events may have been missed: forget everything.
    pub fn forget_all(&self) {
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        inner.slots.clear();
        inner.epoch += 1;
    }
}

/// Forgets each guide's progress as its events arrive, for as long as the
/// hub lives.
pub async fn follow(
    cache: std::sync::Arc<FinishedProgress>,
    mut events: broadcast::Receiver<Event>,
) {
    loop {
        match events.recv().await {
            Ok(event) if event.kind == RESYNC => cache.forget_all(),
            Ok(event) => cache.changed(&event.guide_id),
            Err(RecvError::Lagged(_)) => cache.forget_all(),
            Err(RecvError::Closed) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &'static str) -> Bytes {
        Bytes::from_static(text.as_bytes())
    }

    #[test]
    fn a_filled_guide_is_served_until_its_next_event() {
        let cache = FinishedProgress::default();
        let ticket = cache.get("g", 0.0).expect_err("empty");
        cache.fill("g", ticket, body("done"), None);
        assert_eq!(cache.get("g", 0.0), Ok(body("done")));
        cache.changed("g");
        let ticket = cache.get("g", 0.0).expect_err("changed");
        cache.fill("g", ticket, body("again"), None);
        assert_eq!(cache.get("g", 0.0), Ok(body("again")));
    }

    #[test]
    fn a_reader_that_read_before_a_change_cannot_fill() {
        let cache = FinishedProgress::default();
        let stale = cache.get("g", 0.0).expect_err("empty");
        cache.changed("g");
        cache.fill("g", stale, body("old"), None);
        assert!(cache.get("g", 0.0).is_err(), "the old state was not kept");
        let stale = cache.get("g", 0.0).expect_err("empty");
        cache.forget_all();
        cache.fill("g", stale, body("old"), None);
        assert!(cache.get("g", 0.0).is_err(), "nor across a resync");
    }

    #[test]
    fn an_expired_guide_is_read_again() {
        let cache = FinishedProgress::default();
        let ticket = cache.get("g", 0.0).expect_err("empty");
        cache.fill("g", ticket, body("done"), Some(100.0));
        assert!(cache.get("g", 99.0).is_ok());
        assert!(cache.get("g", 100.0).is_err());
    }
}
