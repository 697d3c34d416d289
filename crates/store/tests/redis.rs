//! What only the Redis store does: the seed's keys, live events across
//! processes, key prefixes, event ids, and surviving a Redis restart with
//! append-only persistence. The shared contract is in `state.rs` and
//! `queue.rs`, run on both backends.

// The tests are plain functions run by `on_both_backends!`, not `#[test]`s,
// so clippy does not see them as tests.
#![allow(clippy::unwrap_used)]

mod common;

use common::{create, open_redis, redis_url};
use futures::StreamExt;
use redis::AsyncCommands;
use store::testing::{free_port, PrefixGuard as Prefix, RedisServer};
use store::{
    GuideStatus, RedisSettings, RedisStore, StateStore, StepStatus, StepUpdate, TaskQueue,
};

async fn raw() -> redis::aio::MultiplexedConnection {
    redis::Client::open(redis_url())
        .expect("Redis URL")
        .get_multiplexed_async_connection()
        .await
        .expect("connect to Redis")
}

async fn json_at(
    connection: &mut redis::aio::MultiplexedConnection,
    key: &str,
) -> serde_json::Value {
    let text: Option<String> = connection.get(key).await.expect("GET");
    serde_json::from_str(&text.unwrap_or_else(|| panic!("{key} is missing"))).expect("JSON")
}

fn completed(image: &str, at: f64) -> StepUpdate {
    StepUpdate {
        status: Some(StepStatus::Completed),
        image_id: Some(Some(image.into())),
        generated_at: Some(Some(at)),
        prompt_used: Some(Some("Step 1 of 2: glue".into())),
        ..StepUpdate::default()
    }
}

#[tokio::test]
async fn the_seeds_keys_follow_the_guide_in_the_seeds_shapes() {
    let prefix = Prefix::new();
    let store = open_redis(&prefix.0).await;
    let mut connection = raw().await;
    let p = &prefix.0;
    create(&store, "g1", 2, 10.0).await;

    let progress = json_at(&mut connection, &format!("{p}step_images:progress:g1")).await;
    assert_eq!(progress["status"], "not_started");
    assert_eq!(progress["total_steps"], 2);
    assert_eq!(progress["completed_steps"], 0);
    assert_eq!(progress["progress"], 0.0);
    let result: Option<String> = connection
        .get(format!("{p}step_images:result:g1:1"))
        .await
        .unwrap();
    assert_eq!(result, None, "a pending step has no result key");

    store
        .set_guide_status("g1", GuideStatus::Generating, None, 11.0)
        .await
        .unwrap();
    store
        .update_step("g1", 1, completed("abc.png", 12.0), 12.0)
        .await
        .unwrap();
    let step = json_at(&mut connection, &format!("{p}step_images:result:g1:1")).await;
    assert_eq!(
        step,
        serde_json::json!({
            "step_number": 1,
            "image_id": "abc.png",
            "image_url": "http://stepcast.test/images/abc.png",
            "status": "completed",
            "generated_at": 12.0,
            "prompt_used": "Step 1 of 2: glue",
        })
    );
    let progress = json_at(&mut connection, &format!("{p}step_images:progress:g1")).await;
    assert_eq!(progress["status"], "generating");
    assert_eq!(progress["completed_steps"], 1);
    assert_eq!(progress["failed_steps"], 0);
    assert_eq!(progress["progress"], 0.5);
    assert_eq!(progress["started_at"], 11.0);

    store
        .update_step(
            "g1",
            2,
            StepUpdate {
                status: Some(StepStatus::Failed),
                error: Some(Some("engine down".into())),
                ..StepUpdate::default()
            },
            13.0,
        )
        .await
        .unwrap();
    let finals: Option<String> = connection
        .get(format!("{p}step_images:final:g1"))
        .await
        .unwrap();
    assert_eq!(finals, None, "no final results before the guide is done");
    store
        .set_guide_status("g1", GuideStatus::CompletedWithErrors, None, 14.0)
        .await
        .unwrap();
    let finals = json_at(&mut connection, &format!("{p}step_images:final:g1")).await;
    assert_eq!(finals["status"], "completed_with_errors");
    assert_eq!(finals["generated_at"], 14.0);
    let images = finals["step_images"].as_array().unwrap();
    assert_eq!(images.len(), 2);
    assert_eq!(
        images[0]["image_url"],
        "http://stepcast.test/images/abc.png"
    );
    assert_eq!(images[1]["status"], "failed");
    let progress = json_at(&mut connection, &format!("{p}step_images:progress:g1")).await;
    assert_eq!(progress["progress"], 1.0);
    assert_eq!(progress["completed_at"], 14.0);

    // Deleting the guide deletes the seed's keys with it.
    assert!(store.delete_guide("g1").await.unwrap());
    let left: Vec<String> = connection.keys(format!("{p}*")).await.unwrap();
    let left: Vec<&String> = left.iter().filter(|k| k.contains("g1")).collect();
    assert!(left.is_empty(), "keys left after delete: {left:?}");
}

#[tokio::test]
async fn a_failed_guide_tells_the_seed_why() {
    let prefix = Prefix::new();
    let store = open_redis(&prefix.0).await;
    let mut connection = raw().await;
    create(&store, "g1", 1, 1.0).await;
    store
        .set_guide_status("g1", GuideStatus::Failed, Some("no engine".into()), 2.0)
        .await
        .unwrap();
    let progress = json_at(
        &mut connection,
        &format!("{}step_images:progress:g1", prefix.0),
    )
    .await;
    assert_eq!(progress["status"], "failed");
    assert_eq!(progress["error"], "no engine");
    assert_eq!(progress["failed_at"], 2.0);
}

#[tokio::test]
async fn seed_keys_expire_with_their_guide() {
    let prefix = Prefix::new();
    let store = open_redis(&prefix.0).await;
    let mut connection = raw().await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let mut new = common::new_guide("g1", 1, now);
    new.expires_at = Some(now + 3600.0);
    store.create_guide(new).await.unwrap();
    let ttl: i64 = connection
        .ttl(format!("{}step_images:progress:g1", prefix.0))
        .await
        .unwrap();
    assert!((3590..=3601).contains(&ttl), "ttl {ttl}");
}

#[tokio::test]
async fn every_event_is_published_live_with_its_seq() {
    let prefix = Prefix::new();
    let writer = open_redis(&prefix.0).await;
    // Another process's view: its own connection, same prefix.
    let reader = open_redis(&prefix.0).await;
    let mut live = Box::pin(reader.live_events().await.unwrap());
    create(&writer, "g1", 1, 1.0).await;
    writer
        .update_step("g1", 1, completed("a.png", 2.0), 2.0)
        .await
        .unwrap();
    writer
        .record_event(
            "g1",
            "partial",
            serde_json::json!({"image_id": "p.png"}),
            3.0,
        )
        .await
        .unwrap();
    let stored = writer.events_after("g1", 0, 10).await.unwrap();
    assert_eq!(stored.len(), 3);
    for expected in &stored {
        let got = live.next().await.expect("a live event").expect("decodes");
        assert_eq!(&got, expected);
    }

    // A store under another prefix hears none of it.
    let other = Prefix::new();
    let elsewhere = open_redis(&other.0).await;
    assert_eq!(elsewhere.guide("g1").await.unwrap(), None);
    assert_eq!(elsewhere.events_after("g1", 0, 10).await.unwrap(), vec![]);
}

#[tokio::test]
async fn a_guides_event_stream_ids_are_the_event_seqs() {
    let prefix = Prefix::new();
    let store = open_redis(&prefix.0).await;
    let mut connection = raw().await;
    create(&store, "g1", 2, 1.0).await;
    store
        .set_guide_status("g1", GuideStatus::Generating, None, 2.0)
        .await
        .unwrap();
    let events = store.events_after("g1", 0, 10).await.unwrap();
    let entries: Vec<(String, std::collections::HashMap<String, String>)> = redis::cmd("XRANGE")
        .arg(format!("{}stepcast:events:g1", prefix.0))
        .arg("-")
        .arg("+")
        .query_async(&mut connection)
        .await
        .unwrap();
    let ids: Vec<String> = entries.into_iter().map(|(id, _)| id).collect();
    let seqs: Vec<String> = events.iter().map(|e| format!("{}-0", e.seq)).collect();
    assert_eq!(ids, seqs);
    // Resuming after the first returns the rest.
    let rest = store.events_after("g1", events[0].seq, 10).await.unwrap();
    assert_eq!(rest, events[1..].to_vec());
}

/// The `workers` group's pending entries: (entry, consumer, idle ms, deliveries).
async fn pending_of(
    connection: &mut redis::aio::MultiplexedConnection,
    stream: &str,
) -> Vec<(String, String, i64, i64)> {
    redis::cmd("XPENDING")
        .arg(stream)
        .arg("workers")
        .arg("-")
        .arg("+")
        .arg(10)
        .query_async(connection)
        .await
        .unwrap()
}

#[tokio::test]
async fn leased_tasks_are_in_the_groups_pending_list_of_their_worker() {
    let prefix = Prefix::new();
    let store = open_redis(&prefix.0).await;
    let mut connection = raw().await;
    store.enqueue("g", 1, 0.0).await.unwrap();
    store.enqueue("g", 2, 0.0).await.unwrap();
    let task = store.lease("w1", 1.0, 30.0, &[]).await.unwrap().unwrap();
    let ready = format!("{}stepcast:tasks:ready", prefix.0);
    let pending = pending_of(&mut connection, &ready).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].1, "w1");
    // Its lease runs out: another worker takes it over, pending entry and all.
    let again = store.lease("w2", 100.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!((again.id, again.attempt), (task.id, 2));
    let pending = pending_of(&mut connection, &ready).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].1, "w2");
    store.complete(again.id).await.unwrap();
    let length: i64 = connection.xlen(&ready).await.unwrap();
    assert_eq!(
        length, 1,
        "the completed task's entry is gone; step 2's is left"
    );
}

#[tokio::test]
async fn everything_survives_a_redis_restart_with_append_only_persistence() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = RedisServer::start(dir.path(), port);
    let settings = RedisSettings {
        url: server.url(),
        prefix: "restart:".into(),
        image_base: String::new(),
    };
    let (guide, events, task) = {
        let store = RedisStore::open(&settings).await.unwrap();
        let guide = create(&store, "g1", 2, 1.0).await;
        store
            .update_step("g1", 1, completed("a.png", 2.0), 2.0)
            .await
            .unwrap();
        store.enqueue("g1", 2, 0.0).await.unwrap();
        let task = store.lease("w1", 3.0, 30.0, &[]).await.unwrap().unwrap();
        (guide, store.events_after("g1", 0, 10).await.unwrap(), task)
    };
    server.kill();

    let _server = RedisServer::start(dir.path(), port);
    let store = RedisStore::open(&settings).await.unwrap();
    assert_eq!(store.guide("g1").await.unwrap(), Some(guide));
    assert_eq!(store.events_after("g1", 0, 10).await.unwrap(), events);
    let steps = store.steps("g1").await.unwrap();
    assert_eq!(steps[0].image_id.as_deref(), Some("a.png"));
    // The lease is still held; once it runs out another worker takes it.
    assert_eq!(store.lease("w2", 4.0, 30.0, &[]).await.unwrap(), None);
    let again = store.lease("w2", 40.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!((again.id, again.step, again.attempt), (task.id, 2, 2));
    // New events keep counting up from where they were.
    let event = store
        .set_guide_status("g1", GuideStatus::Generating, None, 41.0)
        .await
        .unwrap();
    assert!(event.seq > events.last().unwrap().seq);
}
