//! The task queue: one task per step to generate, leased to one worker at a
//! time.
//!
//! Leases (rather than "take and delete") make work survive crashes: a worker
//! that dies stops heartbeating, its lease runs out and another worker takes
//! the task with `attempt` one higher. A trait so that the embedded queue can
//! later be replaced by a shared one (Redis) without touching the runner.

use async_trait::async_trait;

use crate::error::StoreError;
use crate::model::Timestamp;

/// When a lease taken at `now` runs out, in every backend. A negative or
/// NaN duration counts as zero, so a bad argument cannot store a NaN
/// (which SQLite reads as NULL, "not leased").
pub(crate) fn lease_end(now: Timestamp, lease_secs: f64) -> Timestamp {
    now + lease_secs.max(0.0)
}

/// A task as leased to a worker.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    pub id: i64,
    pub guide_id: String,
    /// The 1-based step number to generate.
    pub step: u32,
    /// How many times the task has been leased, this lease included.
    pub attempt: u32,
    pub worker: String,
    pub lease_until: Timestamp,
}

/// A queue of step-generation tasks with leases.
#[async_trait]
pub trait TaskQueue: Send + Sync + 'static {
    /// Adds a task for (guide, step) available from `available_at`; if one for
    /// that pair is already queued or leased, does nothing and returns false.
    async fn enqueue(
        &self,
        guide_id: &str,
        step: u32,
        available_at: Timestamp,
    ) -> Result<bool, StoreError>;

    /// Atomically takes the oldest task (by `available_at`, then id) that is
    /// available (`available_at <= now`) and not leased, or whose lease expired
    /// (`lease_until < now`: a crashed worker), leasing it to `worker` until
    /// `now + lease_secs`. Tasks whose guide is in `skip_guides` are not taken
    /// (the runner passes guides whose steps' dependencies are not done yet).
    /// `attempt` counts leases.
    async fn lease(
        &self,
        worker: &str,
        now: Timestamp,
        lease_secs: f64,
        skip_guides: &[String],
    ) -> Result<Option<Task>, StoreError>;

    /// Extends the lease to `now + lease_secs` if still held by `worker`;
    /// false if lost (released, completed, or leased to another worker).
    async fn heartbeat(
        &self,
        task_id: i64,
        worker: &str,
        now: Timestamp,
        lease_secs: f64,
    ) -> Result<bool, StoreError>;

    /// Removes a finished task. Removing an absent task is not an error.
    async fn complete(&self, task_id: i64) -> Result<(), StoreError>;

    /// Releases the task to run again from `available_at` (a retry with
    /// backoff). Releasing an absent task is not an error.
    async fn release(&self, task_id: i64, available_at: Timestamp) -> Result<(), StoreError>;

    /// Hands the task back unrun, to be leased again from `available_at`:
    /// unlike [`TaskQueue::release`] the lease does not count as an attempt
    /// (a step waiting for the steps it depends on).
    async fn defer(&self, task_id: i64, available_at: Timestamp) -> Result<(), StoreError>;

    /// Makes the unleased tasks of these steps of a guide available now
    /// (the steps they waited for are done); returns how many.
    async fn wake(&self, guide_id: &str, steps: &[u32], now: Timestamp) -> Result<u64, StoreError>;

    /// Removes every task of a guide (cancel); returns how many.
    async fn cancel_guide(&self, guide_id: &str) -> Result<u64, StoreError>;

    /// Tasks queued or leased (for limits and `/metrics`).
    async fn depth(&self) -> Result<u64, StoreError>;

    /// Releases every lease `worker` holds, so they can be leased again at once
    /// (graceful shutdown hands work back); returns how many.
    async fn release_worker(&self, worker: &str) -> Result<u64, StoreError>;
}
