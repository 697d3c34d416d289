//! Turning rows back into records, and records' fields into column values.
//!
//! Anything that does not decode is reported as [`StoreError::Corrupt`] rather
//! than panicking: the database file may have been edited by hand.

use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::error::StoreError;
use crate::model::{Event, Guide, GuideStatus, Step, StepStatus, StoredPlan};

/// A column's value, or `Corrupt` naming the column.
pub(super) fn column<'r, T>(row: &'r SqliteRow, name: &str) -> Result<T, StoreError>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(name)
        .map_err(|e| StoreError::Corrupt(format!("column {name}: {e}")))
}

/// An INTEGER column that must fit a `u32` (counts, step numbers).
pub(super) fn u32_column(row: &SqliteRow, name: &str) -> Result<u32, StoreError> {
    let value: i64 = column(row, name)?;
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("column {name}: {value}")))
}

/// A TEXT column holding JSON.
fn json_column(row: &SqliteRow, name: &str) -> Result<serde_json::Value, StoreError> {
    let text: String = column(row, name)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("column {name}: {e}")))
}

/// A nullable TEXT column holding JSON of a known shape.
fn optional_json_column<T: serde::de::DeserializeOwned>(
    row: &SqliteRow,
    name: &str,
) -> Result<Option<T>, StoreError> {
    let text: Option<String> = column(row, name)?;
    text.map(|text| {
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("column {name}: {e}")))
    })
    .transpose()
}

pub(super) fn guide_status(name: &str) -> Result<GuideStatus, StoreError> {
    GuideStatus::parse(name).ok_or_else(|| StoreError::Corrupt(format!("guide status {name:?}")))
}

pub(super) fn step_status(name: &str) -> Result<StepStatus, StoreError> {
    StepStatus::parse(name).ok_or_else(|| StoreError::Corrupt(format!("step status {name:?}")))
}

pub(super) fn guide_from_row(row: &SqliteRow) -> Result<Guide, StoreError> {
    Ok(Guide {
        id: column(row, "id")?,
        request: json_column(row, "request")?,
        request_hash: column(row, "request_hash")?,
        status: guide_status(&column::<String>(row, "status")?)?,
        total_steps: u32_column(row, "total_steps")?,
        created_at: column(row, "created_at")?,
        started_at: column(row, "started_at")?,
        completed_at: column(row, "completed_at")?,
        error: column(row, "error")?,
        expires_at: column(row, "expires_at")?,
    })
}

pub(super) fn step_from_row(row: &SqliteRow) -> Result<Step, StoreError> {
    Ok(Step {
        guide_id: column(row, "guide_id")?,
        number: u32_column(row, "number")?,
        status: step_status(&column::<String>(row, "status")?)?,
        image_id: column(row, "image_id")?,
        generated_at: column(row, "generated_at")?,
        error: column(row, "error")?,
        attempts: u32_column(row, "attempts")?,
        prompt_used: column(row, "prompt_used")?,
        preview_id: column(row, "preview_id")?,
        references: optional_json_column(row, "refs")?.unwrap_or_default(),
        usage: optional_json_column(row, "usage")?,
        check: optional_json_column(row, "check_result")?,
    })
}

pub(super) fn event_from_row(row: &SqliteRow) -> Result<Event, StoreError> {
    Ok(Event {
        seq: column(row, "seq")?,
        guide_id: column(row, "guide_id")?,
        kind: column(row, "kind")?,
        data: json_column(row, "data")?,
        at: column(row, "at")?,
    })
}

/// JSON text for a TEXT column.
pub(super) fn json_text(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(format!("encoding JSON: {e}")))
}

/// A row of `plans`.
pub(super) fn plan_from_row(row: &SqliteRow) -> Result<StoredPlan, StoreError> {
    Ok(StoredPlan {
        guide_id: column(row, "guide_id")?,
        version: u32_column(row, "version")?,
        plan: json_column(row, "plan")?,
        source: column(row, "source")?,
        repairs: u32_column(row, "repairs")?,
        created_at: column(row, "created_at")?,
    })
}
