//! [`StateStore`] on SQLite: guides, steps and the event log in one database,
//! so a state change and its event commit together.

use std::collections::{BTreeSet, HashMap};

use async_trait::async_trait;
use sqlx::sqlite::SqliteConnection;

use super::rows::{
    column, event_from_row, guide_from_row, json_text, plan_from_row, step_from_row,
};
use super::{database_error, SqliteStore};
use crate::error::StoreError;
use crate::model::{
    Counts, Created, Event, Guide, GuideStatus, NewGuide, Step, StepStatus, StepUpdate, StoredPlan,
    Timestamp,
};
use crate::state::StateStore;

/// Appends an event in the caller's transaction and returns it with its seq.
async fn append_event(
    connection: &mut SqliteConnection,
    guide_id: &str,
    kind: &str,
    data: serde_json::Value,
    at: Timestamp,
) -> Result<Event, StoreError> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO events (guide_id, kind, data, at) VALUES (?, ?, ?, ?) RETURNING seq",
    )
    .bind(guide_id)
    .bind(kind)
    .bind(json_text(&data)?)
    .bind(at)
    .fetch_one(&mut *connection)
    .await
    .map_err(database_error)?;
    Ok(Event {
        seq,
        guide_id: guide_id.to_string(),
        kind: kind.to_string(),
        data,
        at,
    })
}

/// The guide with this id, read in the caller's connection or transaction.
async fn find_guide(
    connection: &mut SqliteConnection,
    id: &str,
) -> Result<Option<Guide>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        guide_columns!(),
        " FROM guides WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *connection)
    .await
    .map_err(database_error)?;
    row.as_ref().map(guide_from_row).transpose()
}

/// The statuses of guides still being worked on, as a JSON array for
/// `json_each`, so `GuideStatus::is_final` stays the one definition.
fn unfinished_statuses() -> Result<String, StoreError> {
    let names: Vec<&str> = GuideStatus::ALL
        .into_iter()
        .filter(|status| !status.is_final())
        .map(GuideStatus::as_str)
        .collect();
    json_text(&names)
}

#[async_trait]
impl StateStore for SqliteStore {
    async fn create_guide(&self, new: NewGuide) -> Result<Created, StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(existing) = find_guide(&mut tx, &new.id).await? {
            return Ok(if existing.request_hash == new.request_hash {
                Created::Existing(existing)
            } else {
                Created::Conflict(existing)
            });
        }
        let guide = new.into_guide();
        sqlx::query(concat!(
            "INSERT INTO guides (",
            guide_columns!(),
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ))
        .bind(guide.id.as_str())
        .bind(json_text(&guide.request)?)
        .bind(guide.request_hash.as_str())
        .bind(guide.status.as_str())
        .bind(i64::from(guide.total_steps))
        .bind(guide.created_at)
        .bind(guide.started_at)
        .bind(guide.completed_at)
        .bind(guide.error.as_deref())
        .bind(guide.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(database_error)?;
        // All steps in one statement, however many there are.
        sqlx::query(
            "INSERT INTO steps (guide_id, number, status) \
             WITH RECURSIVE numbers (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < ?) \
             SELECT ?, n, ? FROM numbers WHERE n <= ?",
        )
        .bind(i64::from(guide.total_steps))
        .bind(guide.id.as_str())
        .bind(StepStatus::Pending.as_str())
        .bind(i64::from(guide.total_steps))
        .execute(&mut *tx)
        .await
        .map_err(database_error)?;
        append_event(
            &mut tx,
            &guide.id,
            "created",
            guide.summary(),
            guide.created_at,
        )
        .await?;
        tx.commit().await.map_err(database_error)?;
        Ok(Created::New(guide))
    }

    async fn guide(&self, id: &str) -> Result<Option<Guide>, StoreError> {
        let mut connection = self.pool.acquire().await.map_err(database_error)?;
        find_guide(&mut connection, id).await
    }

    async fn steps(&self, id: &str) -> Result<Vec<Step>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            step_columns!(),
            " FROM steps WHERE guide_id = ? ORDER BY number"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(database_error)?;
        rows.iter().map(step_from_row).collect()
    }

    async fn step(&self, id: &str, number: u32) -> Result<Option<Step>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            step_columns!(),
            " FROM steps WHERE guide_id = ? AND number = ?"
        ))
        .bind(id)
        .bind(i64::from(number))
        .fetch_optional(&self.pool)
        .await
        .map_err(database_error)?;
        row.as_ref().map(step_from_row).transpose()
    }

    async fn update_step(
        &self,
        id: &str,
        number: u32,
        update: StepUpdate,
        now: Timestamp,
    ) -> Result<Event, StoreError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            "SELECT ",
            step_columns!(),
            " FROM steps WHERE guide_id = ? AND number = ?"
        ))
        .bind(id)
        .bind(i64::from(number))
        .fetch_optional(&mut *tx)
        .await
        .map_err(database_error)?;
        let Some(row) = row else {
            return Err(StoreError::NotFound(format!("step {number} of guide {id}")));
        };
        let mut step = step_from_row(&row)?;
        update.apply_to(&mut step);
        sqlx::query(
            "UPDATE steps SET status = ?, image_id = ?, generated_at = ?, error = ?, \
             attempts = ?, prompt_used = ?, preview_id = ?, refs = ?, usage = ?, \
             check_result = ? WHERE guide_id = ? AND number = ?",
        )
        .bind(step.status.as_str())
        .bind(step.image_id.as_deref())
        .bind(step.generated_at)
        .bind(step.error.as_deref())
        .bind(i64::from(step.attempts))
        .bind(step.prompt_used.as_deref())
        .bind(step.preview_id.as_deref())
        .bind(json_text(&step.references)?)
        .bind(step.usage.as_ref().map(json_text).transpose()?)
        .bind(step.check.as_ref().map(json_text).transpose()?)
        .bind(id)
        .bind(i64::from(number))
        .execute(&mut *tx)
        .await
        .map_err(database_error)?;
        let data = serde_json::to_value(&step)
            .map_err(|e| StoreError::Database(format!("encoding step: {e}")))?;
        let event = append_event(&mut tx, id, "step", data, now).await?;
        tx.commit().await.map_err(database_error)?;
        Ok(event)
    }

    async fn set_guide_status(
        &self,
        id: &str,
        status: GuideStatus,
        error: Option<String>,
        now: Timestamp,
    ) -> Result<Event, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(mut guide) = find_guide(&mut tx, id).await? else {
            return Err(StoreError::NotFound(format!("guide {id}")));
        };
        guide.apply_status(status, error, now);
        sqlx::query(
            "UPDATE guides SET status = ?, started_at = ?, completed_at = ?, error = ? \
             WHERE id = ?",
        )
        .bind(guide.status.as_str())
        .bind(guide.started_at)
        .bind(guide.completed_at)
        .bind(guide.error.as_deref())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(database_error)?;
        let event = append_event(&mut tx, id, "guide", guide.summary(), now).await?;
        tx.commit().await.map_err(database_error)?;
        Ok(event)
    }

    async fn events_after(
        &self,
        id: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<Event>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            event_columns!(),
            " FROM events WHERE guide_id = ? AND seq > ? ORDER BY seq LIMIT ?"
        ))
        .bind(id)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database_error)?;
        rows.iter().map(event_from_row).collect()
    }

    async fn delete_guide(&self, id: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        // Children first and explicitly, so the outcome does not depend on the
        // foreign-key cascade (tasks have no foreign key at all).
        for statement in [
            "DELETE FROM tasks WHERE guide_id = ?",
            "DELETE FROM events WHERE guide_id = ?",
            "DELETE FROM plans WHERE guide_id = ?",
            "DELETE FROM steps WHERE guide_id = ?",
        ] {
            sqlx::query(statement)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(database_error)?;
        }
        let deleted = sqlx::query("DELETE FROM guides WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(database_error)?
            .rows_affected();
        tx.commit().await.map_err(database_error)?;
        Ok(deleted > 0)
    }

    async fn expired_guides(&self, now: Timestamp) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar("SELECT id FROM guides WHERE expires_at <= ? ORDER BY expires_at, id")
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .map_err(database_error)
    }

    async fn referenced_images(&self) -> Result<BTreeSet<String>, StoreError> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT image_id FROM steps WHERE image_id IS NOT NULL \
                 UNION SELECT preview_id FROM steps WHERE preview_id IS NOT NULL \
                 UNION SELECT json_extract(data, '$.image_id') FROM events \
                       WHERE kind = 'partial' AND json_extract(data, '$.image_id') IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(database_error)?;
        Ok(ids.into_iter().collect())
    }

    async fn counts(&self) -> Result<Counts, StoreError> {
        let guides = count_by_status(&self.pool, "guides").await?;
        let steps = count_by_status(&self.pool, "steps").await?;
        Ok(Counts::from_named(&guides, &steps))
    }

    async fn unfinished_guides(&self) -> Result<Vec<Guide>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            guide_columns!(),
            " FROM guides WHERE status IN (SELECT value FROM json_each(?)) \
             ORDER BY created_at, rowid"
        ))
        .bind(unfinished_statuses()?)
        .fetch_all(&self.pool)
        .await
        .map_err(database_error)?;
        rows.iter().map(guide_from_row).collect()
    }

    async fn put_plan(
        &self,
        id: &str,
        plan: serde_json::Value,
        source: &str,
        repairs: u32,
        replaces: Option<u32>,
        now: Timestamp,
    ) -> Result<(StoredPlan, Event), StoreError> {
        let mut tx = self.begin_write().await?;
        if find_guide(&mut tx, id).await?.is_none() {
            return Err(StoreError::NotFound(format!("guide {id}")));
        }
        let newest: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM plans WHERE guide_id = ?")
                .bind(id)
                .fetch_one(&mut *tx)
                .await
                .map_err(database_error)?;
        let newest = u32::try_from(newest.unwrap_or(0))
            .map_err(|_| StoreError::Corrupt(format!("plan versions of guide {id}")))?;
        if let Some(expected) = replaces.filter(|&v| v != newest) {
            return Err(StoreError::VersionConflict {
                expected,
                current: newest,
            });
        }
        let version = newest + 1;
        sqlx::query(
            "INSERT INTO plans (guide_id, version, plan, source, repairs, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(json_text(&plan)?)
        .bind(source)
        .bind(i64::from(repairs))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(database_error)?;
        let stored = StoredPlan {
            guide_id: id.to_string(),
            version,
            plan,
            source: source.to_string(),
            repairs,
            created_at: now,
        };
        let event = append_event(&mut tx, id, "plan", stored.summary(), now).await?;
        tx.commit().await.map_err(database_error)?;
        Ok((stored, event))
    }

    async fn record_event(
        &self,
        id: &str,
        kind: &str,
        data: serde_json::Value,
        now: Timestamp,
    ) -> Result<Event, StoreError> {
        let mut tx = self.begin_write().await?;
        if find_guide(&mut tx, id).await?.is_none() {
            return Err(StoreError::NotFound(format!("guide {id}")));
        }
        let event = append_event(&mut tx, id, kind, data, now).await?;
        tx.commit().await.map_err(database_error)?;
        Ok(event)
    }

    async fn plan(&self, id: &str) -> Result<Option<StoredPlan>, StoreError> {
        let row = sqlx::query(
            "SELECT guide_id, version, plan, source, repairs, created_at FROM plans \
             WHERE guide_id = ? ORDER BY version DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(database_error)?;
        row.as_ref().map(plan_from_row).transpose()
    }

    async fn plan_version(&self, id: &str, version: u32) -> Result<Option<StoredPlan>, StoreError> {
        let row = sqlx::query(
            "SELECT guide_id, version, plan, source, repairs, created_at FROM plans \
             WHERE guide_id = ? AND version = ?",
        )
        .bind(id)
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await
        .map_err(database_error)?;
        row.as_ref().map(plan_from_row).transpose()
    }

    async fn plan_versions(&self, id: &str) -> Result<Vec<StoredPlan>, StoreError> {
        let rows = sqlx::query(
            "SELECT guide_id, version, plan, source, repairs, created_at FROM plans \
             WHERE guide_id = ? ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(database_error)?;
        rows.iter().map(plan_from_row).collect()
    }
}

/// Rows per status in `table` (`guides` or `steps`; never user input).
async fn count_by_status(
    pool: &sqlx::SqlitePool,
    table: &'static str,
) -> Result<HashMap<String, u64>, StoreError> {
    let sql = match table {
        "guides" => "SELECT status, COUNT(*) AS n FROM guides GROUP BY status",
        _ => "SELECT status, COUNT(*) AS n FROM steps GROUP BY status",
    };
    let rows = sqlx::query(sql)
        .fetch_all(pool)
        .await
        .map_err(database_error)?;
    let mut counts = HashMap::new();
    for row in &rows {
        let n = column::<i64>(row, "n")?;
        counts.insert(
            column::<String>(row, "status")?,
            u64::try_from(n).unwrap_or(0),
        );
    }
    Ok(counts)
}
