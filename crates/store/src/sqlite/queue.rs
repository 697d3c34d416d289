//! [`TaskQueue`] on SQLite.
//!
//! Leasing is one `UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING …`
//! statement. A writing statement takes SQLite's write lock before it reads, so
//! concurrent leasers are serialised and never pick the same row; they wait for
//! each other through the busy timeout instead of failing.
//!
//! A task that is not leased has `worker` and `lease_until` NULL.

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;

use super::rows::{column, json_text, u32_column};
use super::{database_error, SqliteStore};
use crate::error::StoreError;
use crate::model::Timestamp;
use crate::queue::{lease_end, Task, TaskQueue};

fn task_from_row(row: &SqliteRow) -> Result<Task, StoreError> {
    Ok(Task {
        id: column(row, "id")?,
        guide_id: column(row, "guide_id")?,
        step: u32_column(row, "step")?,
        attempt: u32_column(row, "attempt")?,
        worker: column(row, "worker")?,
        lease_until: column(row, "lease_until")?,
    })
}

#[async_trait]
impl TaskQueue for SqliteStore {
    async fn enqueue(
        &self,
        guide_id: &str,
        step: u32,
        available_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO tasks (guide_id, step, available_at) VALUES (?, ?, ?) \
             ON CONFLICT (guide_id, step) DO NOTHING",
        )
        .bind(guide_id)
        .bind(i64::from(step))
        .bind(available_at)
        .execute(&self.pool)
        .await
        .map_err(database_error)?
        .rows_affected();
        Ok(inserted > 0)
    }

    async fn lease(
        &self,
        worker: &str,
        now: Timestamp,
        lease_secs: f64,
        skip_guides: &[String],
    ) -> Result<Option<Task>, StoreError> {
        let row = sqlx::query(
            "UPDATE tasks SET worker = ?, lease_until = ?, attempt = attempt + 1 \
             WHERE id = ( \
                 SELECT id FROM tasks \
                 WHERE available_at <= ? \
                   AND (lease_until IS NULL OR lease_until < ?) \
                   AND guide_id NOT IN (SELECT value FROM json_each(?)) \
                 ORDER BY available_at, id LIMIT 1) \
             RETURNING id, guide_id, step, attempt, worker, lease_until",
        )
        .bind(worker)
        .bind(lease_end(now, lease_secs))
        .bind(now)
        .bind(now)
        .bind(json_text(&skip_guides)?)
        .fetch_optional(&self.pool)
        .await
        .map_err(database_error)?;
        row.as_ref().map(task_from_row).transpose()
    }

    async fn heartbeat(
        &self,
        task_id: i64,
        worker: &str,
        now: Timestamp,
        lease_secs: f64,
    ) -> Result<bool, StoreError> {
        let extended = sqlx::query("UPDATE tasks SET lease_until = ? WHERE id = ? AND worker = ?")
            .bind(lease_end(now, lease_secs))
            .bind(task_id)
            .bind(worker)
            .execute(&self.pool)
            .await
            .map_err(database_error)?
            .rows_affected();
        Ok(extended > 0)
    }

    async fn complete(&self, task_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM tasks WHERE id = ?")
            .bind(task_id)
            .execute(&self.pool)
            .await
            .map_err(database_error)?;
        Ok(())
    }

    async fn release(&self, task_id: i64, available_at: Timestamp) -> Result<(), StoreError> {
        self.hand_back(task_id, available_at, true).await
    }

    async fn defer(&self, task_id: i64, available_at: Timestamp) -> Result<(), StoreError> {
        self.hand_back(task_id, available_at, false).await
    }

    async fn wake(&self, guide_id: &str, steps: &[u32], now: Timestamp) -> Result<u64, StoreError> {
        let mut woken = 0;
        for step in steps {
            woken += sqlx::query(
                "UPDATE tasks SET available_at = ? \
                 WHERE guide_id = ? AND step = ? AND worker IS NULL AND available_at > ?",
            )
            .bind(now)
            .bind(guide_id)
            .bind(i64::from(*step))
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(database_error)?
            .rows_affected();
        }
        Ok(woken)
    }

    async fn cancel_guide(&self, guide_id: &str) -> Result<u64, StoreError> {
        let removed = sqlx::query("DELETE FROM tasks WHERE guide_id = ?")
            .bind(guide_id)
            .execute(&self.pool)
            .await
            .map_err(database_error)?
            .rows_affected();
        Ok(removed)
    }

    async fn depth(&self) -> Result<u64, StoreError> {
        let depth: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tasks")
            .fetch_one(&self.pool)
            .await
            .map_err(database_error)?;
        u64::try_from(depth).map_err(|_| StoreError::Corrupt(format!("task count {depth}")))
    }

    async fn release_worker(&self, worker: &str) -> Result<u64, StoreError> {
        let released =
            sqlx::query("UPDATE tasks SET worker = NULL, lease_until = NULL WHERE worker = ?")
                .bind(worker)
                .execute(&self.pool)
                .await
                .map_err(database_error)?
                .rows_affected();
        Ok(released)
    }
}

impl SqliteStore {
    /// Unleases a task to run again from `available_at`; `counted` says
    /// whether the lease that ends was an attempt (leasing adds one).
    async fn hand_back(
        &self,
        task_id: i64,
        available_at: Timestamp,
        counted: bool,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE tasks SET worker = NULL, lease_until = NULL, available_at = ?, \
             attempt = MAX(attempt - ?, 0) WHERE id = ?",
        )
        .bind(available_at)
        .bind(i64::from(!counted))
        .bind(task_id)
        .execute(&self.pool)
        .await
        .map_err(database_error)?;
        Ok(())
    }
}
