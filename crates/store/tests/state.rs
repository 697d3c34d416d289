//! StateStore on both backends: a real SQLite database in a temporary
//! directory and a real Redis under a prefix of its own.

// The tests are plain functions run by `on_both_backends!`, not `#[test]`s,
// so clippy does not see them as tests.
#![allow(clippy::unwrap_used)]

mod common;

use common::{create, new_guide, Backend};
use store::{Created, GuideStatus, StepReference, StepStatus, StepUpdate, StepUsage, StoreError};

async fn create_guide_new_then_existing_then_conflict(backend: Backend) {
    let (_guard, store) = backend.open().await;
    let new = new_guide("g1", 3, 100.0);
    let Created::New(guide) = store.create_guide(new.clone()).await.unwrap() else {
        panic!("first create must be new");
    };
    assert_eq!(guide.id, "g1");
    assert_eq!(guide.request, new.request);
    assert_eq!(guide.request_hash, "hash-g1");
    assert_eq!(guide.status, GuideStatus::NotStarted);
    assert_eq!(guide.total_steps, 3);
    assert_eq!(guide.created_at, 100.0);
    assert_eq!(guide.started_at, None);
    assert_eq!(guide.completed_at, None);
    assert_eq!(guide.error, None);
    assert_eq!(guide.expires_at, None);
    assert_eq!(store.guide("g1").await.unwrap(), Some(guide.clone()));

    // Same id, same hash: idempotent, nothing changes (not even created_at).
    let mut again = new.clone();
    again.now = 200.0;
    assert_eq!(
        store.create_guide(again).await.unwrap(),
        Created::Existing(guide.clone())
    );

    // Same id, different request.
    let mut other = new.clone();
    other.request_hash = "another".into();
    other.request = serde_json::json!({ "title": "other" });
    other.total_steps = 7;
    assert_eq!(
        store.create_guide(other).await.unwrap(),
        Created::Conflict(guide.clone())
    );
    assert_eq!(store.steps("g1").await.unwrap().len(), 3);

    // Exactly one "created" event whatever the number of calls.
    let events = store.events_after("g1", 0, 100).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, "created");
    assert_eq!(events[0].at, 100.0);
    assert_eq!(events[0].data["id"], "g1");
    assert_eq!(events[0].data["status"], "not_started");
    assert_eq!(events[0].data["total_steps"], 3);
}

async fn steps_are_created_pending_and_ordered(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "g1", 12, 1.0).await;
    let steps = store.steps("g1").await.unwrap();
    assert_eq!(steps.len(), 12);
    for (index, step) in steps.iter().enumerate() {
        assert_eq!(step.guide_id, "g1");
        assert_eq!(step.number as usize, index + 1);
        assert_eq!(step.status, StepStatus::Pending);
        assert_eq!(step.image_id, None);
        assert_eq!(step.generated_at, None);
        assert_eq!(step.error, None);
        assert_eq!(step.attempts, 0);
        assert_eq!(step.prompt_used, None);
    }
    assert_eq!(store.step("g1", 12).await.unwrap(), Some(steps[11].clone()));
    assert_eq!(store.step("g1", 0).await.unwrap(), None);
    assert_eq!(store.step("g1", 13).await.unwrap(), None);
    assert_eq!(store.step("nope", 1).await.unwrap(), None);
    assert!(store.steps("nope").await.unwrap().is_empty());
    assert_eq!(store.guide("nope").await.unwrap(), None);
}

async fn a_guide_may_have_no_steps(backend: Backend) {
    let (_guard, store) = backend.open().await;
    let guide = create(&*store, "empty", 0, 1.0).await;
    assert_eq!(guide.total_steps, 0);
    assert!(store.steps("empty").await.unwrap().is_empty());
}

async fn update_step_changes_only_given_fields_and_appends_events(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "g1", 2, 1.0).await;
    let created_seq = store.events_after("g1", 0, 10).await.unwrap()[0].seq;

    let first = store
        .update_step(
            "g1",
            1,
            StepUpdate {
                status: Some(StepStatus::Generating),
                attempts: Some(1),
                prompt_used: Some(Some("a drill".into())),
                ..StepUpdate::default()
            },
            10.0,
        )
        .await
        .unwrap();
    assert!(first.seq > created_seq);
    assert_eq!(first.kind, "step");
    assert_eq!(first.guide_id, "g1");
    assert_eq!(first.at, 10.0);
    assert_eq!(first.data["number"], 1);
    assert_eq!(first.data["status"], "generating");
    assert_eq!(first.data["attempts"], 1);
    assert_eq!(first.data["prompt_used"], "a drill");

    let image = format!("{}.png", "a".repeat(64));
    let second = store
        .update_step(
            "g1",
            1,
            StepUpdate {
                status: Some(StepStatus::Completed),
                image_id: Some(Some(image.clone())),
                generated_at: Some(Some(11.5)),
                ..StepUpdate::default()
            },
            11.5,
        )
        .await
        .unwrap();
    assert!(second.seq > first.seq);

    let step = store.step("g1", 1).await.unwrap().unwrap();
    assert_eq!(step.status, StepStatus::Completed);
    assert_eq!(step.image_id.as_deref(), Some(image.as_str()));
    assert_eq!(step.generated_at, Some(11.5));
    assert_eq!(step.attempts, 1, "untouched fields stay");
    assert_eq!(step.prompt_used.as_deref(), Some("a drill"));
    assert_eq!(step.error, None);
    // The event data is the step's JSON.
    assert_eq!(second.data, serde_json::to_value(&step).unwrap());

    // Some(None) clears a field.
    store
        .update_step(
            "g1",
            1,
            StepUpdate {
                status: Some(StepStatus::Failed),
                image_id: Some(None),
                error: Some(Some("engine down".into())),
                ..StepUpdate::default()
            },
            12.0,
        )
        .await
        .unwrap();
    let step = store.step("g1", 1).await.unwrap().unwrap();
    assert_eq!(step.image_id, None);
    assert_eq!(step.error.as_deref(), Some("engine down"));
    assert_eq!(
        store.step("g1", 2).await.unwrap().unwrap().status,
        StepStatus::Pending
    );

    let seqs: Vec<i64> = store
        .events_after("g1", 0, 100)
        .await
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(seqs.len(), 4);
    assert!(seqs.windows(2).all(|pair| pair[0] < pair[1]));
}

async fn update_step_of_missing_step_is_not_found(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "g1", 1, 1.0).await;
    for (guide, number) in [("g1", 2), ("g1", 0), ("missing", 1)] {
        let error = store
            .update_step(guide, number, StepUpdate::default(), 2.0)
            .await
            .unwrap_err();
        assert!(matches!(error, StoreError::NotFound(_)), "{error:?}");
        assert_eq!(error.code(), "not_found");
    }
    assert_eq!(store.events_after("g1", 0, 10).await.unwrap().len(), 1);
}

async fn seq_increases_across_guides(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "a", 1, 1.0).await;
    create(&*store, "b", 1, 1.0).await;
    let a1 = store
        .update_step("a", 1, StepUpdate::default(), 2.0)
        .await
        .unwrap();
    let b1 = store
        .update_step("b", 1, StepUpdate::default(), 2.0)
        .await
        .unwrap();
    let a2 = store
        .set_guide_status("a", GuideStatus::Generating, None, 3.0)
        .await
        .unwrap();
    assert!(a1.seq < b1.seq && b1.seq < a2.seq);
    let a_events = store.events_after("a", 0, 10).await.unwrap();
    assert_eq!(a_events.len(), 3);
    assert!(a_events.iter().all(|e| e.guide_id == "a"));
}

async fn set_guide_status_sets_timestamps_and_error(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "g1", 2, 1.0).await;

    let event = store
        .set_guide_status("g1", GuideStatus::Generating, None, 10.0)
        .await
        .unwrap();
    assert_eq!(event.kind, "guide");
    assert_eq!(event.at, 10.0);
    assert_eq!(
        event.data,
        serde_json::json!({
            "id": "g1",
            "status": "generating",
            "total_steps": 2,
            "started_at": 10.0,
            "completed_at": null,
            "error": null,
        })
    );

    // started_at is kept when it was already set.
    store
        .set_guide_status("g1", GuideStatus::Generating, None, 15.0)
        .await
        .unwrap();
    let guide = store.guide("g1").await.unwrap().unwrap();
    assert_eq!(guide.started_at, Some(10.0));
    assert_eq!(guide.completed_at, None);

    let event = store
        .set_guide_status(
            "g1",
            GuideStatus::CompletedWithErrors,
            Some("step 2 failed".into()),
            20.0,
        )
        .await
        .unwrap();
    assert_eq!(event.data["status"], "completed_with_errors");
    assert_eq!(event.data["completed_at"], 20.0);
    assert_eq!(event.data["error"], "step 2 failed");
    let guide = store.guide("g1").await.unwrap().unwrap();
    assert_eq!(guide.status, GuideStatus::CompletedWithErrors);
    assert_eq!(guide.started_at, Some(10.0));
    assert_eq!(guide.completed_at, Some(20.0));
    assert_eq!(guide.error.as_deref(), Some("step 2 failed"));

    // Final to final keeps the first completion time.
    store
        .set_guide_status("g1", GuideStatus::Cancelled, None, 25.0)
        .await
        .unwrap();
    let guide = store.guide("g1").await.unwrap().unwrap();
    assert_eq!(guide.completed_at, Some(20.0));
    assert_eq!(guide.error, None);

    // Back to work (a retry): completion is cleared, the start is kept.
    store
        .set_guide_status("g1", GuideStatus::Generating, None, 30.0)
        .await
        .unwrap();
    let guide = store.guide("g1").await.unwrap().unwrap();
    assert_eq!(guide.completed_at, None);
    assert_eq!(guide.started_at, Some(10.0));
    store
        .set_guide_status("g1", GuideStatus::Completed, None, 40.0)
        .await
        .unwrap();
    assert_eq!(
        store.guide("g1").await.unwrap().unwrap().completed_at,
        Some(40.0)
    );
}

async fn set_guide_status_failed_directly_sets_completed_at_only(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "g1", 1, 1.0).await;
    store
        .set_guide_status("g1", GuideStatus::Failed, Some("bad plan".into()), 5.0)
        .await
        .unwrap();
    let guide = store.guide("g1").await.unwrap().unwrap();
    assert_eq!(guide.started_at, None);
    assert_eq!(guide.completed_at, Some(5.0));
    assert_eq!(guide.error.as_deref(), Some("bad plan"));
}

async fn set_guide_status_of_missing_guide_is_not_found(backend: Backend) {
    let (_guard, store) = backend.open().await;
    let error = store
        .set_guide_status("missing", GuideStatus::Generating, None, 1.0)
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::NotFound(_)), "{error:?}");
}

async fn events_after_pages_in_order(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "g1", 1, 1.0).await;
    for i in 0..9 {
        store
            .update_step(
                "g1",
                1,
                StepUpdate {
                    attempts: Some(i),
                    ..StepUpdate::default()
                },
                f64::from(i),
            )
            .await
            .unwrap();
    }
    let all = store.events_after("g1", 0, 1000).await.unwrap();
    assert_eq!(all.len(), 10);

    let mut paged = Vec::new();
    let mut after = 0;
    loop {
        let page = store.events_after("g1", after, 3).await.unwrap();
        assert!(page.len() <= 3);
        let Some(last) = page.last() else { break };
        after = last.seq;
        paged.extend(page);
    }
    assert_eq!(paged, all);

    assert!(store.events_after("g1", 0, 0).await.unwrap().is_empty());
    let last_seq = all.last().unwrap().seq;
    assert!(store
        .events_after("g1", last_seq, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.events_after("g1", all[4].seq, 2).await.unwrap(),
        all[5..7].to_vec()
    );
    assert_eq!(
        store.events_after("g1", -5, 1).await.unwrap(),
        all[..1].to_vec()
    );
    assert!(store.events_after("other", 0, 10).await.unwrap().is_empty());
}

async fn delete_guide_removes_steps_events_and_tasks(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "doomed", 3, 1.0).await;
    create(&*store, "kept", 2, 1.0).await;
    store
        .update_step("doomed", 1, StepUpdate::default(), 2.0)
        .await
        .unwrap();
    store.enqueue("doomed", 1, 0.0).await.unwrap();
    store.enqueue("doomed", 2, 0.0).await.unwrap();
    store.enqueue("kept", 1, 0.0).await.unwrap();
    let last_seq = store.events_after("kept", 0, 10).await.unwrap()[0].seq;

    assert!(store.delete_guide("doomed").await.unwrap());
    assert_eq!(store.guide("doomed").await.unwrap(), None);
    assert!(store.steps("doomed").await.unwrap().is_empty());
    assert!(store
        .events_after("doomed", 0, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.depth().await.unwrap(), 1);
    assert_eq!(store.steps("kept").await.unwrap().len(), 2);

    assert!(!store.delete_guide("doomed").await.unwrap());
    assert!(!store.delete_guide("never").await.unwrap());

    // Sequence numbers are never reused, even after deleting the newest events.
    create(&*store, "doomed", 1, 3.0).await;
    let recreated = store.events_after("doomed", 0, 10).await.unwrap();
    assert!(recreated[0].seq > last_seq + 1);
}

async fn expired_guides_are_those_due(backend: Backend) {
    let (_guard, store) = backend.open().await;
    for (id, expires_at) in [("late", Some(300.0)), ("soon", Some(100.0)), ("keep", None)] {
        let mut new = new_guide(id, 1, 1.0);
        new.expires_at = expires_at;
        store.create_guide(new).await.unwrap();
    }
    assert!(store.expired_guides(99.0).await.unwrap().is_empty());
    assert_eq!(store.expired_guides(100.0).await.unwrap(), vec!["soon"]);
    assert_eq!(
        store.expired_guides(1e12).await.unwrap(),
        vec!["soon", "late"]
    );
    assert_eq!(
        store.guide("soon").await.unwrap().unwrap().expires_at,
        Some(100.0)
    );
}

async fn referenced_images_lists_each_image_once(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "a", 2, 1.0).await;
    create(&*store, "b", 2, 1.0).await;
    assert!(store.referenced_images().await.unwrap().is_empty());
    let shared = format!("{}.webp", "1".repeat(64));
    let own = format!("{}.svg", "2".repeat(64));
    for (guide, step, image) in [("a", 1, &shared), ("b", 2, &shared), ("a", 2, &own)] {
        store
            .update_step(
                guide,
                step,
                StepUpdate {
                    image_id: Some(Some(image.clone())),
                    ..StepUpdate::default()
                },
                2.0,
            )
            .await
            .unwrap();
    }
    let images = store.referenced_images().await.unwrap();
    assert_eq!(images.into_iter().collect::<Vec<_>>(), vec![shared, own]);
}

async fn previews_provenance_and_usage_are_kept_and_previews_count_as_referenced(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "a", 2, 1.0).await;
    let preview = format!("{}.webp", "3".repeat(64));
    let anchor = format!("{}.webp", "4".repeat(64));
    let usage = StepUsage {
        model: "gemini-3.1-flash-image".into(),
        latency_ms: 4012,
        input_tokens: 600,
        output_tokens: 1290,
        total_tokens: 1890,
        cost_usd: 0.039,
    };
    let references = vec![
        StepReference {
            kind: "schematic".into(),
            image_id: Some(preview.clone()),
        },
        StepReference {
            kind: "concept".into(),
            image_id: None,
        },
    ];
    let event = store
        .update_step(
            "a",
            1,
            StepUpdate {
                preview_id: Some(Some(preview.clone())),
                references: Some(references.clone()),
                usage: Some(Some(usage.clone())),
                ..StepUpdate::default()
            },
            2.0,
        )
        .await
        .unwrap();
    assert_eq!(event.data["preview_id"], preview.as_str());
    assert_eq!(event.data["usage"]["output_tokens"], 1290);
    let step = store.step("a", 1).await.unwrap().unwrap();
    assert_eq!(step.preview_id.as_deref(), Some(preview.as_str()));
    assert_eq!(step.references, references);
    assert_eq!(step.usage, Some(usage));
    // Untouched fields stay as they were; a later update leaves these alone.
    store
        .update_step(
            "a",
            1,
            StepUpdate {
                image_id: Some(Some(anchor.clone())),
                ..StepUpdate::default()
            },
            3.0,
        )
        .await
        .unwrap();
    let again = store.step("a", 1).await.unwrap().unwrap();
    assert_eq!(again.references, step.references);
    assert_eq!(again.usage, step.usage);
    let other = store.step("a", 2).await.unwrap().unwrap();
    assert_eq!(
        (other.preview_id, other.references, other.usage),
        (None, vec![], None)
    );
    let images = store.referenced_images().await.unwrap();
    assert_eq!(
        images.into_iter().collect::<Vec<_>>(),
        vec![preview, anchor]
    );
}

async fn counts_list_every_status(backend: Backend) {
    let (_guard, store) = backend.open().await;
    let empty = store.counts().await.unwrap();
    assert_eq!(empty.guides.len(), GuideStatus::ALL.len());
    assert!(empty.guides.iter().all(|(_, n)| *n == 0));
    assert_eq!(empty.steps.len(), StepStatus::ALL.len());
    assert!(empty.steps.iter().all(|(_, n)| *n == 0));

    create(&*store, "a", 3, 1.0).await;
    create(&*store, "b", 2, 1.0).await;
    create(&*store, "c", 1, 1.0).await;
    store
        .set_guide_status("a", GuideStatus::Generating, None, 2.0)
        .await
        .unwrap();
    store
        .set_guide_status("b", GuideStatus::Completed, None, 2.0)
        .await
        .unwrap();
    for (step, status) in [(1, StepStatus::Completed), (2, StepStatus::Generating)] {
        store
            .update_step(
                "a",
                step,
                StepUpdate {
                    status: Some(status),
                    ..StepUpdate::default()
                },
                2.0,
            )
            .await
            .unwrap();
    }
    let counts = store.counts().await.unwrap();
    assert_eq!(
        counts.guides,
        vec![
            (GuideStatus::NotStarted, 1),
            (GuideStatus::Generating, 1),
            (GuideStatus::Completed, 1),
            (GuideStatus::CompletedWithErrors, 0),
            (GuideStatus::Failed, 0),
            (GuideStatus::Cancelled, 0),
        ]
    );
    assert_eq!(
        counts.steps,
        vec![
            (StepStatus::Pending, 4),
            (StepStatus::Generating, 1),
            (StepStatus::Completed, 1),
            (StepStatus::Failed, 0),
        ]
    );
}

async fn unfinished_guides_are_the_non_final_ones_oldest_first(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "newest", 1, 30.0).await;
    create(&*store, "oldest", 1, 10.0).await;
    create(&*store, "middle", 1, 20.0).await;
    create(&*store, "done", 1, 5.0).await;
    create(&*store, "cancelled", 1, 6.0).await;
    store
        .set_guide_status("middle", GuideStatus::Generating, None, 40.0)
        .await
        .unwrap();
    store
        .set_guide_status("done", GuideStatus::Completed, None, 40.0)
        .await
        .unwrap();
    store
        .set_guide_status("cancelled", GuideStatus::Cancelled, None, 40.0)
        .await
        .unwrap();
    let ids: Vec<String> = store
        .unfinished_guides()
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.id)
        .collect();
    assert_eq!(ids, vec!["oldest", "middle", "newest"]);
}

#[tokio::test]
async fn status_names_round_trip() {
    for status in GuideStatus::ALL {
        assert_eq!(GuideStatus::parse(status.as_str()), Some(status));
        assert_eq!(
            serde_json::to_value(status).unwrap(),
            serde_json::Value::String(status.as_str().into())
        );
    }
    for status in StepStatus::ALL {
        assert_eq!(StepStatus::parse(status.as_str()), Some(status));
        assert_eq!(
            serde_json::to_value(status).unwrap(),
            serde_json::Value::String(status.as_str().into())
        );
    }
    let finals: Vec<_> = GuideStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .collect();
    assert_eq!(
        finals,
        vec![
            GuideStatus::Completed,
            GuideStatus::CompletedWithErrors,
            GuideStatus::Failed,
            GuideStatus::Cancelled
        ]
    );
    assert_eq!(GuideStatus::parse("nope"), None);
}

async fn concurrent_identical_creates_make_one_guide(backend: Backend) {
    let (_guard, store) = backend.open().await;
    let mut handles = Vec::new();
    for _ in 0..8 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            store.create_guide(new_guide("same", 4, 1.0)).await.unwrap()
        }));
    }
    let mut new = 0;
    for handle in handles {
        match handle.await.unwrap() {
            Created::New(_) => new += 1,
            Created::Existing(_) => {}
            Created::Conflict(guide) => panic!("unexpected conflict {guide:?}"),
        }
    }
    assert_eq!(new, 1);
    assert_eq!(store.steps("same").await.unwrap().len(), 4);
    assert_eq!(store.events_after("same", 0, 100).await.unwrap().len(), 1);
}

async fn concurrent_writers_all_commit_with_distinct_seqs(backend: Backend) {
    let (_guard, store) = backend.open().await;
    for guide in 0..4 {
        create(&*store, &format!("g{guide}"), 5, 1.0).await;
    }
    let mut handles = Vec::new();
    for writer in 0..8u32 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            let guide = format!("g{}", writer % 4);
            for round in 0..25 {
                store
                    .update_step(
                        &guide,
                        round % 5 + 1,
                        StepUpdate {
                            attempts: Some(round),
                            ..StepUpdate::default()
                        },
                        2.0,
                    )
                    .await
                    .unwrap();
                if round % 5 == 0 {
                    store
                        .set_guide_status(&guide, GuideStatus::Generating, None, 2.0)
                        .await
                        .unwrap();
                }
            }
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    let mut seqs = Vec::new();
    for guide in 0..4 {
        let events = store
            .events_after(&format!("g{guide}"), 0, 1000)
            .await
            .unwrap();
        // created + 2 writers x (25 step + 5 guide) events.
        assert_eq!(events.len(), 1 + 2 * 30);
        seqs.extend(events.iter().map(|e| e.seq));
    }
    let total = seqs.len();
    seqs.sort();
    seqs.dedup();
    assert_eq!(seqs.len(), total);
}

async fn plans_are_versioned_with_an_event_each_and_go_with_their_guide(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "planned", 2, 1.0).await;
    assert_eq!(store.plan("planned").await.unwrap(), None);

    let first = serde_json::json!({"title": "A", "parts": [], "steps": []});
    let (stored, event) = store
        .put_plan(
            "planned",
            first.clone(),
            "gemini:gemini-3.8-flash",
            1,
            None,
            2.0,
        )
        .await
        .unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(event.kind, "plan");
    assert_eq!(event.data["version"], 1);
    assert_eq!(event.data["plan_source"], "gemini:gemini-3.8-flash");
    assert_eq!(event.data["plan_repairs"], 1);
    assert!(event.data.get("plan").is_none(), "events stay small");

    let second = serde_json::json!({"title": "B", "parts": [], "steps": []});
    let (stored, _) = store
        .put_plan("planned", second.clone(), "offline", 0, None, 3.0)
        .await
        .unwrap();
    assert_eq!(stored.version, 2);
    let newest = store.plan("planned").await.unwrap().expect("a plan");
    assert_eq!((newest.version, newest.plan), (2, second));
    assert_eq!(newest.source, "offline");

    assert!(matches!(
        store
            .put_plan("absent", first, "offline", 0, None, 4.0)
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.delete_guide("planned").await.unwrap());
    assert_eq!(store.plan("planned").await.unwrap(), None);
}

async fn a_plan_edit_of_a_stale_version_writes_nothing_and_every_version_is_kept(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "edited", 2, 1.0).await;
    let plan = |title: &str| serde_json::json!({"title": title, "parts": [], "steps": []});
    // The first edit of a guide that had no stored plan replaces version 0.
    assert!(matches!(
        store
            .put_plan("edited", plan("A"), "edited", 0, Some(1), 2.0)
            .await,
        Err(StoreError::VersionConflict {
            expected: 1,
            current: 0
        })
    ));
    let (first, _) = store
        .put_plan("edited", plan("A"), "edited", 0, Some(0), 2.0)
        .await
        .unwrap();
    assert_eq!(first.version, 1);
    // Two editors read version 1; the second to save loses.
    let (second, _) = store
        .put_plan("edited", plan("B"), "edited", 0, Some(1), 3.0)
        .await
        .unwrap();
    assert_eq!(second.version, 2);
    let before = store.events_after("edited", 0, 100).await.unwrap().len();
    let stale = store
        .put_plan("edited", plan("C"), "edited", 0, Some(1), 4.0)
        .await;
    assert!(
        matches!(
            stale,
            Err(StoreError::VersionConflict {
                expected: 1,
                current: 2
            })
        ),
        "{stale:?}"
    );
    assert_eq!(
        store.events_after("edited", 0, 100).await.unwrap().len(),
        before,
        "a refused edit appends no event"
    );
    assert_eq!(store.plan("edited").await.unwrap().unwrap().plan, plan("B"));

    let one = store.plan_version("edited", 1).await.unwrap().unwrap();
    assert_eq!((one.version, one.plan), (1, plan("A")));
    assert_eq!(store.plan_version("edited", 3).await.unwrap(), None);
    assert_eq!(store.plan_version("absent", 1).await.unwrap(), None);
    let all = store.plan_versions("edited").await.unwrap();
    let versions: Vec<u32> = all.iter().map(|p| p.version).collect();
    assert_eq!(versions, [1, 2]);
    assert_eq!(all[1].created_at, 3.0);
    assert!(store.plan_versions("absent").await.unwrap().is_empty());
    assert!(store.delete_guide("edited").await.unwrap());
    assert!(store.plan_versions("edited").await.unwrap().is_empty());
}

async fn partial_images_named_by_events_are_referenced_until_their_guide_goes(backend: Backend) {
    let (_guard, store) = backend.open().await;
    create(&*store, "drawing", 1, 1.0).await;
    let event = store
        .record_event(
            "drawing",
            "partial",
            serde_json::json!({"step_number": 1, "index": 0, "image_id": "partial-a"}),
            2.0,
        )
        .await
        .unwrap();
    assert_eq!(event.kind, "partial");
    assert_eq!(
        store.events_after("drawing", 0, 10).await.unwrap().last(),
        Some(&event)
    );
    assert!(store
        .referenced_images()
        .await
        .unwrap()
        .contains("partial-a"));
    assert!(matches!(
        store
            .record_event("absent", "partial", serde_json::json!({}), 3.0)
            .await,
        Err(StoreError::NotFound(_))
    ));
    store.delete_guide("drawing").await.unwrap();
    assert!(!store
        .referenced_images()
        .await
        .unwrap()
        .contains("partial-a"));
}

on_both_backends!(
    #[tokio::test]
    create_guide_new_then_existing_then_conflict,
    #[tokio::test]
    steps_are_created_pending_and_ordered,
    #[tokio::test]
    a_guide_may_have_no_steps,
    #[tokio::test]
    update_step_changes_only_given_fields_and_appends_events,
    #[tokio::test]
    update_step_of_missing_step_is_not_found,
    #[tokio::test]
    seq_increases_across_guides,
    #[tokio::test]
    set_guide_status_sets_timestamps_and_error,
    #[tokio::test]
    set_guide_status_failed_directly_sets_completed_at_only,
    #[tokio::test]
    set_guide_status_of_missing_guide_is_not_found,
    #[tokio::test]
    events_after_pages_in_order,
    #[tokio::test]
    delete_guide_removes_steps_events_and_tasks,
    #[tokio::test]
    expired_guides_are_those_due,
    #[tokio::test]
    referenced_images_lists_each_image_once,
    #[tokio::test]
    previews_provenance_and_usage_are_kept_and_previews_count_as_referenced,
    #[tokio::test]
    counts_list_every_status,
    #[tokio::test]
    unfinished_guides_are_the_non_final_ones_oldest_first,
    #[tokio::test]
    concurrent_identical_creates_make_one_guide,
    #[tokio::test(flavor = "multi_thread", worker_threads = 8)]
    concurrent_writers_all_commit_with_distinct_seqs,
    #[tokio::test]
    plans_are_versioned_with_an_event_each_and_go_with_their_guide,
    #[tokio::test]
    a_plan_edit_of_a_stale_version_writes_nothing_and_every_version_is_kept,
    #[tokio::test]
    partial_images_named_by_events_are_referenced_until_their_guide_goes,
);
