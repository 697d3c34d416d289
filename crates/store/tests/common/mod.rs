//! Shared set-up for the integration tests: a real store of either kind,
//! SQLite in a temporary directory or Redis under a prefix of its own.
//!
//! The state and queue suites are written once against [`Store`] and run
//! on both backends by [`on_both_backends!`], so the two implementations
//! keep one contract.

#![allow(dead_code)]

use std::sync::Arc;

pub use store::testing::{redis_url, PrefixGuard};
use store::{
    Created, Guide, NewGuide, RedisSettings, RedisStore, SqliteStore, StateStore, TaskQueue,
};

/// Both traits, as the server uses them.
pub trait Store: StateStore + TaskQueue {}
impl<T: StateStore + TaskQueue> Store for T {}

/// Which backend a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Redis,
}

/// What must live as long as the store: the SQLite directory, or the
/// Redis prefix to clear afterwards.
pub enum Guard {
    Directory(tempfile::TempDir),
    RedisPrefix(PrefixGuard),
}

pub async fn open_redis(prefix: &str) -> RedisStore {
    RedisStore::open(&RedisSettings {
        url: redis_url(),
        prefix: prefix.to_string(),
        image_base: "http://stepcast.test".into(),
    })
    .await
    .expect("open Redis store (is Redis running? set STEPCAST_TEST_REDIS_URL)")
}

impl Backend {
    pub async fn open(self) -> (Guard, Arc<dyn Store>) {
        match self {
            Backend::Sqlite => {
                let (dir, store) = open_store().await;
                (Guard::Directory(dir), Arc::new(store))
            }
            Backend::Redis => {
                let prefix = PrefixGuard::new();
                let store = open_redis(&prefix.0).await;
                (Guard::RedisPrefix(prefix), Arc::new(store))
            }
        }
    }
}

/// Runs each named `async fn(Backend)` as a test on SQLite and on Redis.
#[macro_export]
macro_rules! on_both_backends {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {
        mod sqlite {
            $( $(#[$attr])* async fn $name() { super::$name(super::common::Backend::Sqlite).await } )*
        }
        mod redis {
            $( $(#[$attr])* async fn $name() { super::$name(super::common::Backend::Redis).await } )*
        }
    };
}

pub async fn open_store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = SqliteStore::open(dir.path()).await.expect("open store");
    (dir, store)
}

pub fn new_guide(id: &str, total_steps: u32, now: f64) -> NewGuide {
    NewGuide {
        id: id.to_string(),
        request: serde_json::json!({ "title": format!("Guide {id}"), "steps": total_steps }),
        request_hash: format!("hash-{id}"),
        total_steps,
        now,
        expires_at: None,
    }
}

pub async fn create(store: &dyn Store, id: &str, total_steps: u32, now: f64) -> Guide {
    match store
        .create_guide(new_guide(id, total_steps, now))
        .await
        .expect("create guide")
    {
        Created::New(guide) => guide,
        other => panic!("expected a new guide, got {other:?}"),
    }
}
pub mod s3;
