//! The guide state store: guides, steps and their event log.
//!
//! A trait so that the server does not care whether state lives in the
//! embedded SQLite database or, later, in a shared store for several
//! instances. Every change that a client may watch appends an [`Event`] in the
//! same atomic operation, so the event log never disagrees with the state.

use std::collections::BTreeSet;

use async_trait::async_trait;

use crate::error::StoreError;
use crate::model::{
    Counts, Created, Event, Guide, GuideStatus, NewGuide, Step, StepUpdate, StoredPlan, Timestamp,
};

/// Persistent guide and step state with an ordered event log.
#[async_trait]
pub trait StateStore: Send + Sync + 'static {
    /// Creates the guide, its `total_steps` steps (all Pending) and a `created`
    /// event (data: the guide's summary JSON), in one transaction. Idempotent by
    /// id and hash (see [`Created`]).
    async fn create_guide(&self, guide: NewGuide) -> Result<Created, StoreError>;

    /// The guide with this id, if any.
    async fn guide(&self, id: &str) -> Result<Option<Guide>, StoreError>;

    /// The guide's steps ordered by number; empty if the guide is unknown.
    async fn steps(&self, id: &str) -> Result<Vec<Step>, StoreError>;

    /// One step of a guide, if both exist.
    async fn step(&self, id: &str, number: u32) -> Result<Option<Step>, StoreError>;

    /// Applies the update and appends an event of kind "step" whose data is the
    /// step's new JSON (serde of [`Step`]), atomically; returns the event.
    /// `Err(NotFound)` if there is no such step.
    async fn update_step(
        &self,
        id: &str,
        number: u32,
        update: StepUpdate,
        now: Timestamp,
    ) -> Result<Event, StoreError>;

    /// Sets the status and error; sets `started_at` when the status becomes
    /// Generating and it was unset, and `completed_at` when the status becomes
    /// final (it is cleared when a guide goes back to a status that is not
    /// final). Appends an event of kind "guide" whose data is the guide's summary
    /// JSON `{id, status, total_steps, started_at, completed_at, error}` and
    /// returns it. `Err(NotFound)` if there is no such guide.
    async fn set_guide_status(
        &self,
        id: &str,
        status: GuideStatus,
        error: Option<String>,
        now: Timestamp,
    ) -> Result<Event, StoreError>;

    /// Events of one guide with `seq > after`, ascending, at most `limit`.
    async fn events_after(
        &self,
        id: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<Event>, StoreError>;

    /// Deletes a guide with its steps, events and tasks. `Ok(false)` if absent.
    async fn delete_guide(&self, id: &str) -> Result<bool, StoreError>;

    /// Ids of guides whose `expires_at <= now`, soonest expired first.
    async fn expired_guides(&self, now: Timestamp) -> Result<Vec<String>, StoreError>;

    /// Every image id any step references (image and preview) or a
    /// "partial" event names, so the sweeper can delete the rest.
    async fn referenced_images(&self) -> Result<BTreeSet<String>, StoreError>;

    /// Counts of guides by status and of steps by status (for `/metrics`).
    async fn counts(&self) -> Result<Counts, StoreError>;

    /// Guides that are not final (for restart recovery), oldest first.
    async fn unfinished_guides(&self) -> Result<Vec<Guide>, StoreError>;

    /// Stores a new version of the guide's plan (one more than the newest,
    /// or 1) and appends a "plan" event whose data is
    /// [`StoredPlan::summary`], atomically; returns both. With `replaces`
    /// (the newest version the writer read, 0 for none) nothing is written
    /// unless that is still the newest: `Err(VersionConflict)` names the
    /// newest. `Err(NotFound)` if there is no such guide.
    async fn put_plan(
        &self,
        id: &str,
        plan: serde_json::Value,
        source: &str,
        repairs: u32,
        replaces: Option<u32>,
        now: Timestamp,
    ) -> Result<(StoredPlan, Event), StoreError>;

    /// Appends an event that changes no state (a partial image of a step
    /// being drawn: kind "partial", data with the image's `image_id`) and
    /// returns it. Images named by `image_id` in "partial" events count as
    /// referenced (see [`StateStore::referenced_images`]) as long as their
    /// guide exists. `Err(NotFound)` if there is no such guide.
    async fn record_event(
        &self,
        id: &str,
        kind: &str,
        data: serde_json::Value,
        now: Timestamp,
    ) -> Result<Event, StoreError>;

    /// The newest version of the guide's plan, if one was stored.
    async fn plan(&self, id: &str) -> Result<Option<StoredPlan>, StoreError>;

    /// One stored version of the guide's plan.
    async fn plan_version(&self, id: &str, version: u32) -> Result<Option<StoredPlan>, StoreError>;

    /// Every stored version of the guide's plan, oldest first.
    async fn plan_versions(&self, id: &str) -> Result<Vec<StoredPlan>, StoreError>;
}
