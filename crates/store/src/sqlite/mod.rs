//! The embedded state store and task queue: one SQLite database file.
//!
//! SQLite in WAL mode lets readers (page loads, SSE replay) run while one
//! writer commits, which suits one server process well. Every multi-statement
//! change runs in a `BEGIN IMMEDIATE` transaction, which takes the write lock
//! up front: a deferred transaction that reads and then writes could fail with
//! `SQLITE_BUSY` at the upgrade instead of waiting out the busy timeout.
//!
//! Commits sync the WAL only at checkpoints (`synchronous = NORMAL`, the
//! setting SQLite recommends for WAL): a killed process loses nothing, a
//! power cut may lose the last commits but never corrupts the file, and a
//! burst of small writes (a hundred guides submitted at once) no longer
//! waits on one disk flush each while others queue on the write lock.

/// The columns `rows::guide_from_row` reads, for SELECT and RETURNING lists
/// (a macro so that `concat!` can build whole statements as literals).
macro_rules! guide_columns {
    () => {
        "id, request, request_hash, status, total_steps, created_at, started_at, \
         completed_at, error, expires_at"
    };
}

/// The columns `rows::step_from_row` reads.
macro_rules! step_columns {
    () => {
        "guide_id, number, status, image_id, generated_at, error, attempts, prompt_used, \
         preview_id, refs, usage, check_result"
    };
}

/// The columns `rows::event_from_row` reads.
macro_rules! event_columns {
    () => {
        "seq, guide_id, kind, data, at"
    };
}

mod queue;
mod rows;
mod state;

use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

use crate::error::StoreError;

/// The database file inside the data directory.
const DATABASE_FILE: &str = "stepcast.db";

/// How long a statement waits for another connection's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Enough for concurrent readers; writers are serialised by SQLite anyway.
const MAX_CONNECTIONS: u32 = 8;

/// Guide state and the task queue in `<dir>/stepcast.db`.
///
/// Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) `<dir>/stepcast.db` in WAL mode with foreign
    /// keys on and a 5 s busy timeout, and runs the migrations embedded from
    /// this crate's `migrations/` directory.
    pub async fn open(dir: &std::path::Path) -> Result<SqliteStore, StoreError> {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| StoreError::Database(format!("creating {}: {e}", dir.display())))?;
        let options = SqliteConnectOptions::new()
            .filename(dir.join(DATABASE_FILE))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await
            .map_err(database_error)?;
        sqlx::migrate!()
            .run(&pool)
            .await
            .map_err(|e| StoreError::Database(format!("migrating: {e}")))?;
        Ok(SqliteStore { pool })
    }

    /// Closes every connection, waiting for those in use to be returned.
    /// Later calls fail; dropping the store without closing is also fine.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Starts a transaction that holds the write lock from its first statement.
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(database_error)
    }
}

fn database_error(error: sqlx::Error) -> StoreError {
    StoreError::Database(error.to_string())
}
