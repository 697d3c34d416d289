//! Shared set-up for the integration tests: a real store in a temporary
//! directory.

#![allow(dead_code)]

use store::{Created, Guide, NewGuide, SqliteStore, StateStore};

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

pub async fn create(store: &SqliteStore, id: &str, total_steps: u32, now: f64) -> Guide {
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
