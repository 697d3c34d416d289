//! Reopening the same data directory keeps everything: the server restarts
//! without losing guides, events, queued work or images.

mod common;

use bytes::Bytes;
use common::create;
use store::{
    BlobStore, GuideStatus, LocalBlobStore, SqliteStore, StateStore, StepStatus, StepUpdate,
    TaskQueue,
};

#[tokio::test]
async fn reopening_the_directory_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();

    let (guide, steps, events, task_id, image) = {
        let store = SqliteStore::open(dir.path()).await.unwrap();
        let blobs = LocalBlobStore::open(dir.path()).unwrap();
        create(&store, "g1", 2, 1.0).await;
        let image = blobs
            .put(Bytes::from_static(b"img"), "image/png")
            .await
            .unwrap();
        store
            .update_step(
                "g1",
                1,
                StepUpdate {
                    status: Some(StepStatus::Completed),
                    image_id: Some(Some(image.clone())),
                    ..StepUpdate::default()
                },
                2.0,
            )
            .await
            .unwrap();
        store
            .set_guide_status("g1", GuideStatus::Generating, None, 3.0)
            .await
            .unwrap();
        store.enqueue("g1", 2, 0.0).await.unwrap();
        let task = store
            .lease("old-worker", 4.0, 30.0, &[])
            .await
            .unwrap()
            .unwrap();
        let guide = store.guide("g1").await.unwrap().unwrap();
        let steps = store.steps("g1").await.unwrap();
        let events = store.events_after("g1", 0, 100).await.unwrap();
        store.close().await;
        (guide, steps, events, task.id, image)
    };

    let store = SqliteStore::open(dir.path()).await.unwrap();
    let blobs = LocalBlobStore::open(dir.path()).unwrap();
    assert_eq!(store.guide("g1").await.unwrap(), Some(guide.clone()));
    assert_eq!(store.steps("g1").await.unwrap(), steps);
    assert_eq!(store.events_after("g1", 0, 100).await.unwrap(), events);
    assert_eq!(store.unfinished_guides().await.unwrap(), vec![guide]);
    assert_eq!(store.depth().await.unwrap(), 1);
    assert_eq!(
        store
            .referenced_images()
            .await
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        vec![image.clone()]
    );
    assert_eq!(blobs.list().await.unwrap(), vec![image.clone()]);
    assert_eq!(&blobs.get(&image).await.unwrap().unwrap().bytes[..], b"img");

    // The old process's lease is taken over once it runs out.
    let task = store
        .lease("new-worker", 35.0, 30.0, &[])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(task.id, task_id);
    assert_eq!(task.attempt, 2);

    // New events continue after the old ones.
    let event = store
        .update_step("g1", 2, StepUpdate::default(), 5.0)
        .await
        .unwrap();
    assert!(event.seq > events.last().unwrap().seq);
}

#[tokio::test]
async fn open_creates_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a").join("b");
    SqliteStore::open(&nested).await.unwrap();
    LocalBlobStore::open(&nested).unwrap();
    assert!(nested.join("stepcast.db").is_file());
    assert!(nested.join("images").is_dir());
}
