//! [`TaskQueue`] on Redis: a stream of due tasks read through one consumer
//! group, so Redis itself records which worker holds what (the group's
//! pending entries list).
//!
//! Each task is a hash (guide, step, attempt, worker, lease deadline, its
//! stream entry). A task not yet due waits in a sorted set by due time;
//! leasing moves the due ones into the stream and reads the next one with
//! `XREADGROUP`; `XACK` (and `XDEL`) ends it. Lease deadlines live in
//! another sorted set in the callers' clock, like everything else in the
//! store: a task whose deadline passed is taken over with `XCLAIM`, which
//! moves its pending entry to the new worker. (`XAUTOCLAIM` would judge by
//! Redis's own idle clock instead, which heartbeats could only approximate
//! and tests could not drive.) Every operation is one Lua script, so
//! concurrent workers never take the same task.

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::{AsyncCommands, Script};

use super::{redis_error, RedisStore};
use crate::error::StoreError;
use crate::model::Timestamp;
use crate::queue::{lease_end, Task, TaskQueue};

macro_rules! queue_script {
    ($file:literal) => {
        LazyLock::new(|| {
            Script::new(concat!(
                include_str!("queue/common.lua"),
                "\n",
                include_str!(concat!("queue/", $file))
            ))
        })
    };
}

static ENQUEUE: LazyLock<Script> = queue_script!("enqueue.lua");
static LEASE: LazyLock<Script> = queue_script!("lease.lua");
static HEARTBEAT: LazyLock<Script> = queue_script!("heartbeat.lua");
static FINISH: LazyLock<Script> = queue_script!("finish.lua");
static WAKE: LazyLock<Script> = queue_script!("wake.lua");
static CANCEL: LazyLock<Script> = queue_script!("cancel.lua");
static RELEASE_WORKER: LazyLock<Script> = queue_script!("release_worker.lua");

/// A time as a script argument: Rust's shortest exact form, which Redis
/// reads back as the same double.
fn time_arg(t: Timestamp) -> Result<String, StoreError> {
    if t.is_finite() {
        Ok(t.to_string())
    } else {
        Err(StoreError::Database(format!("time {t} is not finite")))
    }
}

type LeaseReply = Option<(i64, String, u32, u32, String, String)>;

impl RedisStore {
    /// A queue script with its keys and common arguments, ready for its own.
    fn queue_call<'a>(&self, script: &'a Script) -> redis::ScriptInvocation<'a> {
        let mut invocation = script.prepare_invoke();
        invocation
            .key(self.keys.task_pairs())
            .key(self.keys.waiting())
            .key(self.keys.ready())
            .key(self.keys.leases())
            .key(self.keys.task_ids())
            .arg(self.keys.task_prefix())
            .arg(self.keys.guide_tasks_prefix());
        invocation
    }

    async fn finish(
        &self,
        mode: &str,
        task_id: i64,
        available_at: Timestamp,
    ) -> Result<(), StoreError> {
        let _: i64 = self
            .queue_call(&FINISH)
            .arg(mode)
            .arg(task_id)
            .arg(time_arg(available_at)?)
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(())
    }
}

#[async_trait]
impl TaskQueue for RedisStore {
    async fn enqueue(
        &self,
        guide_id: &str,
        step: u32,
        available_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let queued: i64 = self
            .queue_call(&ENQUEUE)
            .arg(guide_id)
            .arg(step)
            .arg(time_arg(available_at)?)
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(queued == 1)
    }

    async fn lease(
        &self,
        worker: &str,
        now: Timestamp,
        lease_secs: f64,
        skip_guides: &[String],
    ) -> Result<Option<Task>, StoreError> {
        let lease_until = lease_end(now, lease_secs);
        let mut invocation = self.queue_call(&LEASE);
        invocation
            .arg(worker)
            .arg(time_arg(now)?)
            .arg(time_arg(lease_until)?);
        for guide in skip_guides {
            invocation.arg(guide);
        }
        let reply: LeaseReply = invocation
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(reply.map(|(id, guide_id, step, attempt, worker, _)| Task {
            id,
            guide_id,
            step,
            attempt,
            worker,
            lease_until,
        }))
    }

    async fn heartbeat(
        &self,
        task_id: i64,
        worker: &str,
        now: Timestamp,
        lease_secs: f64,
    ) -> Result<bool, StoreError> {
        let extended: i64 = self
            .queue_call(&HEARTBEAT)
            .arg(task_id)
            .arg(worker)
            .arg(time_arg(lease_end(now, lease_secs))?)
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(extended == 1)
    }

    async fn complete(&self, task_id: i64) -> Result<(), StoreError> {
        self.finish("complete", task_id, 0.0).await
    }

    async fn release(&self, task_id: i64, available_at: Timestamp) -> Result<(), StoreError> {
        self.finish("release", task_id, available_at).await
    }

    async fn defer(&self, task_id: i64, available_at: Timestamp) -> Result<(), StoreError> {
        self.finish("defer", task_id, available_at).await
    }

    async fn wake(&self, guide_id: &str, steps: &[u32], now: Timestamp) -> Result<u64, StoreError> {
        if steps.is_empty() {
            return Ok(0);
        }
        let mut invocation = self.queue_call(&WAKE);
        invocation.arg(guide_id).arg(time_arg(now)?);
        for step in steps {
            invocation.arg(step);
        }
        let woken: u64 = invocation
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(woken)
    }

    async fn cancel_guide(&self, guide_id: &str) -> Result<u64, StoreError> {
        let removed: u64 = self
            .queue_call(&CANCEL)
            .arg(guide_id)
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(removed)
    }

    async fn depth(&self) -> Result<u64, StoreError> {
        self.connection()
            .hlen(self.keys.task_pairs())
            .await
            .map_err(redis_error)
    }

    async fn release_worker(&self, worker: &str) -> Result<u64, StoreError> {
        let released: u64 = self
            .queue_call(&RELEASE_WORKER)
            .arg(worker)
            .invoke_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        Ok(released)
    }
}
