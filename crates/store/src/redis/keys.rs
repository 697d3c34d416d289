//! Where everything lives in Redis, under one prefix per deployment.
//!
//! stepcast's own keys are under `{prefix}stepcast:`; the seed's keys
//! (`{prefix}step_images:…`) are written in the seed's JSON shapes so its
//! endpoints, pointed at the same Redis with an empty prefix, read
//! stepcast's progress unchanged.

/// Key names for one deployment.
#[derive(Clone, Debug)]
pub struct Keys {
    prefix: String,
}

impl Keys {
    pub fn new(prefix: &str) -> Keys {
        Keys {
            prefix: prefix.to_string(),
        }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    fn own(&self, rest: &str) -> String {
        format!("{}stepcast:{rest}", self.prefix)
    }

    /// The store-wide event counter (events' `seq`).
    pub fn seq(&self) -> String {
        self.own("seq")
    }

    /// A guide's hash: `meta` (the guide's JSON), `rev` (bumped by every
    /// change), `plan` (its newest plan version) and `s:N` (step N's JSON).
    pub fn guide(&self, id: &str) -> String {
        self.own(&format!("guide:{id}"))
    }

    /// A guide's event log: a capped stream whose entry ids are `SEQ-0`.
    pub fn events(&self, id: &str) -> String {
        self.own(&format!("events:{id}"))
    }

    /// A guide's plans: a hash from version to the stored plan's JSON.
    pub fn plans(&self, id: &str) -> String {
        self.own(&format!("plans:{id}"))
    }

    /// The image ids that a guide's "partial" events name (a set).
    pub fn partials(&self, id: &str) -> String {
        self.own(&format!("partials:{id}"))
    }

    /// Every guide, scored by creation time (a sorted set).
    pub fn guides(&self) -> String {
        self.own("guides")
    }

    /// Guides not in a final status, scored by creation time.
    pub fn unfinished(&self) -> String {
        self.own("unfinished")
    }

    /// Guides that expire, scored by when.
    pub fn expiry(&self) -> String {
        self.own("expiry")
    }

    /// Guides by status: a hash from status name to count.
    pub fn guide_counts(&self) -> String {
        self.own("counts:guides")
    }

    /// Steps by status: a hash from status name to count.
    pub fn step_counts(&self) -> String {
        self.own("counts:steps")
    }

    /// The pub/sub channel every event is published on.
    pub fn live(&self) -> String {
        self.own("live")
    }

    /// The task id counter.
    pub fn task_ids(&self) -> String {
        self.own("tasks:ids")
    }

    /// The prefix of a task's hash (`…task:ID`), for the queue's scripts.
    pub fn task_prefix(&self) -> String {
        self.own("task:")
    }

    /// The prefix of a guide's set of task ids (`…tasks:guide:ID`).
    pub fn guide_tasks_prefix(&self) -> String {
        self.own("tasks:guide:")
    }

    /// Which task holds each (guide, step): field `STEP:GUIDE`.
    pub fn task_pairs(&self) -> String {
        self.own("tasks:pairs")
    }

    /// Tasks not yet due (or handed back), scored by when they are.
    pub fn waiting(&self) -> String {
        self.own("tasks:waiting")
    }

    /// The stream of due tasks that workers read through a consumer group.
    pub fn ready(&self) -> String {
        self.own("tasks:ready")
    }

    /// Leased tasks, scored by when their lease runs out.
    pub fn leases(&self) -> String {
        self.own("tasks:leases")
    }

    /// The seed's progress key.
    pub fn seed_progress(&self, id: &str) -> String {
        format!("{}step_images:progress:{id}", self.prefix)
    }

    /// The seed's per-step result key.
    pub fn seed_result(&self, id: &str, step: u32) -> String {
        format!("{}step_images:result:{id}:{step}", self.prefix)
    }

    /// The seed's final results key.
    pub fn seed_final(&self, id: &str) -> String {
        format!("{}step_images:final:{id}", self.prefix)
    }
}

/// The consumer group every worker reads the ready stream through.
pub const WORKERS_GROUP: &str = "workers";
