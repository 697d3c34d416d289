//! TaskQueue on both backends: a real SQLite database in a temporary
//! directory and a real Redis under a prefix of its own.

// The tests are plain functions run by `on_both_backends!`, not `#[test]`s,
// so clippy does not see them as tests.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;

use common::Backend;

async fn enqueue_dedupes_queued_and_leased_pairs(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    assert!(queue.enqueue("g", 1, 0.0).await.unwrap());
    assert!(!queue.enqueue("g", 1, 5.0).await.unwrap());
    assert!(queue.enqueue("g", 2, 0.0).await.unwrap());
    assert!(queue.enqueue("h", 1, 0.0).await.unwrap());
    assert_eq!(queue.depth().await.unwrap(), 3);

    let task = queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!((task.guide_id.as_str(), task.step), ("g", 1));
    assert!(
        !queue.enqueue("g", 1, 0.0).await.unwrap(),
        "leased counts too"
    );

    // Once completed, the pair can be queued again.
    queue.complete(task.id).await.unwrap();
    assert!(queue.enqueue("g", 1, 0.0).await.unwrap());
}

async fn lease_takes_oldest_available_first(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 3, 20.0).await.unwrap();
    queue.enqueue("g", 1, 10.0).await.unwrap();
    queue.enqueue("g", 2, 10.0).await.unwrap();
    queue.enqueue("g", 4, 100.0).await.unwrap();

    assert_eq!(
        queue.lease("w", 5.0, 30.0, &[]).await.unwrap(),
        None,
        "nothing due yet"
    );

    let first = queue.lease("w", 50.0, 300.0, &[]).await.unwrap().unwrap();
    assert_eq!(first.step, 1, "same available_at: lower id first");
    assert_eq!(first.worker, "w");
    assert_eq!(first.attempt, 1);
    assert_eq!(first.lease_until, 350.0);
    let second = queue.lease("w", 50.0, 300.0, &[]).await.unwrap().unwrap();
    assert_eq!(second.step, 2);
    let third = queue.lease("w", 50.0, 300.0, &[]).await.unwrap().unwrap();
    assert_eq!(third.step, 3);
    assert_eq!(queue.lease("w", 50.0, 300.0, &[]).await.unwrap(), None);
    let fourth = queue.lease("w", 100.0, 300.0, &[]).await.unwrap().unwrap();
    assert_eq!(fourth.step, 4, "available exactly at available_at");
    assert!(first.id != second.id && second.id != third.id);
}

async fn lease_skips_given_guides(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("blocked", 1, 0.0).await.unwrap();
    queue.enqueue("free", 1, 1.0).await.unwrap();
    let skip = vec!["blocked".to_string(), "also-absent".to_string()];
    let task = queue.lease("w", 10.0, 30.0, &skip).await.unwrap().unwrap();
    assert_eq!(task.guide_id, "free");
    assert_eq!(queue.lease("w", 10.0, 30.0, &skip).await.unwrap(), None);
    let task = queue.lease("w", 10.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!(task.guide_id, "blocked");
    // Odd guide ids are data, not SQL or JSON syntax.
    queue.enqueue("a\"'], [x", 1, 0.0).await.unwrap();
    let skip = vec!["a\"'], [x".to_string()];
    assert_eq!(queue.lease("w", 10.0, 30.0, &skip).await.unwrap(), None);
}

async fn expired_lease_goes_to_another_worker_with_next_attempt(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 1, 0.0).await.unwrap();
    let first = queue
        .lease("crashed", 10.0, 30.0, &[])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.attempt, 1);
    assert_eq!(queue.lease("other", 39.0, 30.0, &[]).await.unwrap(), None);
    assert_eq!(
        queue.lease("other", 40.0, 30.0, &[]).await.unwrap(),
        None,
        "a lease is held until lease_until inclusive"
    );
    let second = queue
        .lease("other", 40.5, 30.0, &[])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.id, first.id);
    assert_eq!(second.worker, "other");
    assert_eq!(second.attempt, 2);
    assert_eq!(second.lease_until, 70.5);
    assert!(!queue
        .heartbeat(first.id, "crashed", 41.0, 30.0)
        .await
        .unwrap());
    assert_eq!(queue.depth().await.unwrap(), 1);
}

async fn heartbeat_extends_a_held_lease_only(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 1, 0.0).await.unwrap();
    let task = queue.lease("w1", 10.0, 30.0, &[]).await.unwrap().unwrap();

    assert!(queue.heartbeat(task.id, "w1", 35.0, 30.0).await.unwrap());
    // Extended to 65: not expired at 50, where it would have been without it.
    assert_eq!(queue.lease("w2", 50.0, 30.0, &[]).await.unwrap(), None);

    assert!(
        !queue.heartbeat(task.id, "w2", 50.0, 30.0).await.unwrap(),
        "not the holder"
    );
    assert!(
        !queue
            .heartbeat(task.id + 100, "w1", 50.0, 30.0)
            .await
            .unwrap(),
        "no such task"
    );

    let stolen = queue.lease("w2", 66.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!(stolen.id, task.id);
    assert!(
        !queue.heartbeat(task.id, "w1", 67.0, 30.0).await.unwrap(),
        "lost"
    );
    assert!(queue.heartbeat(task.id, "w2", 67.0, 30.0).await.unwrap());

    queue.complete(task.id).await.unwrap();
    assert!(
        !queue.heartbeat(task.id, "w2", 68.0, 30.0).await.unwrap(),
        "completed"
    );
}

async fn bad_lease_durations_do_not_unlease(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 1, 0.0).await.unwrap();
    let task = queue
        .lease("w", 10.0, f64::NAN, &[])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(task.lease_until, 10.0);
    assert_eq!(queue.lease("w2", 10.0, 30.0, &[]).await.unwrap(), None);
    assert!(queue.heartbeat(task.id, "w", 10.0, -5.0).await.unwrap());
    assert_eq!(queue.lease("w2", 10.0, 30.0, &[]).await.unwrap(), None);
    assert!(queue.lease("w2", 10.5, 30.0, &[]).await.unwrap().is_some());
}

async fn complete_removes_the_task(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 1, 0.0).await.unwrap();
    let task = queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
    queue.complete(task.id).await.unwrap();
    assert_eq!(queue.depth().await.unwrap(), 0);
    assert_eq!(queue.lease("w", 1000.0, 30.0, &[]).await.unwrap(), None);
    queue.complete(task.id).await.unwrap();
}

async fn release_delays_the_next_lease(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 1, 0.0).await.unwrap();
    let task = queue.lease("w", 10.0, 30.0, &[]).await.unwrap().unwrap();
    queue.release(task.id, 25.0).await.unwrap();
    assert!(
        !queue.heartbeat(task.id, "w", 11.0, 30.0).await.unwrap(),
        "released"
    );
    assert_eq!(
        queue.lease("w", 24.9, 30.0, &[]).await.unwrap(),
        None,
        "backing off"
    );
    let retry = queue.lease("w2", 25.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!(retry.id, task.id);
    assert_eq!(retry.attempt, 2);
    assert_eq!(queue.depth().await.unwrap(), 1);
}

async fn defer_hands_back_without_counting_an_attempt(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    queue.enqueue("g", 1, 0.0).await.unwrap();
    for _ in 0..5 {
        let task = queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
        assert_eq!(task.attempt, 1, "waiting is not trying");
        queue.defer(task.id, 1.0).await.unwrap();
    }
    let task = queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
    queue.defer(task.id, 50.0).await.unwrap();
    assert!(queue.lease("w", 10.0, 30.0, &[]).await.unwrap().is_none());
    assert_eq!(
        queue
            .lease("w", 50.0, 30.0, &[])
            .await
            .unwrap()
            .unwrap()
            .attempt,
        1
    );
}

async fn wake_makes_waiting_steps_available_now(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    for step in 1..=3 {
        queue.enqueue("g", step, 100.0).await.unwrap();
    }
    queue.enqueue("h", 2, 100.0).await.unwrap();
    assert_eq!(queue.wake("g", &[2, 3, 9], 5.0).await.unwrap(), 2);
    let first = queue.lease("w", 5.0, 30.0, &[]).await.unwrap().unwrap();
    let second = queue.lease("w", 5.0, 30.0, &[]).await.unwrap().unwrap();
    let mut woken = [first.step, second.step];
    woken.sort_unstable();
    assert_eq!(woken, [2, 3]);
    assert!(first.guide_id == "g" && second.guide_id == "g");
    assert!(queue.lease("w", 5.0, 30.0, &[]).await.unwrap().is_none());
    // A leased task is not touched; one already available stays so.
    assert_eq!(queue.wake("g", &[2], 5.0).await.unwrap(), 0);
}

async fn cancel_guide_removes_its_tasks_only(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    for step in 1..=3 {
        queue.enqueue("cancelled", step, 0.0).await.unwrap();
    }
    queue.enqueue("other", 1, 0.0).await.unwrap();
    queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!(queue.cancel_guide("cancelled").await.unwrap(), 3);
    assert_eq!(queue.cancel_guide("cancelled").await.unwrap(), 0);
    assert_eq!(queue.depth().await.unwrap(), 1);
    let task = queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!(task.guide_id, "other");
}

async fn depth_counts_queued_and_leased(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    assert_eq!(queue.depth().await.unwrap(), 0);
    queue.enqueue("g", 1, 0.0).await.unwrap();
    queue.enqueue("g", 2, 1e9).await.unwrap();
    queue.lease("w", 1.0, 30.0, &[]).await.unwrap().unwrap();
    assert_eq!(queue.depth().await.unwrap(), 2);
}

async fn release_worker_hands_back_its_leases_only(backend: Backend) {
    let (_guard, queue) = backend.open().await;
    for step in 1..=3 {
        queue.enqueue("g", step, 0.0).await.unwrap();
    }
    let a1 = queue.lease("a", 1.0, 300.0, &[]).await.unwrap().unwrap();
    let a2 = queue.lease("a", 1.0, 300.0, &[]).await.unwrap().unwrap();
    let b = queue.lease("b", 1.0, 300.0, &[]).await.unwrap().unwrap();
    assert_eq!(queue.release_worker("a").await.unwrap(), 2);
    assert_eq!(queue.release_worker("a").await.unwrap(), 0);
    assert!(!queue.heartbeat(a1.id, "a", 2.0, 300.0).await.unwrap());
    assert!(queue.heartbeat(b.id, "b", 2.0, 300.0).await.unwrap());

    // Immediately leasable again, long before the 300 s lease would end.
    let again = queue.lease("c", 2.0, 30.0, &[]).await.unwrap().unwrap();
    let again2 = queue.lease("c", 2.0, 30.0, &[]).await.unwrap().unwrap();
    let mut ids = vec![again.id, again2.id];
    ids.sort();
    let mut expected = vec![a1.id, a2.id];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(again.attempt, 2);
    assert_eq!(queue.lease("c", 2.0, 30.0, &[]).await.unwrap(), None);
}

async fn concurrent_leasers_take_each_task_exactly_once(backend: Backend) {
    const TASKS: u32 = 200;
    const LEASERS: usize = 8;
    let (_guard, queue) = backend.open().await;
    for step in 1..=TASKS {
        assert!(queue
            .enqueue(&format!("g{}", step % 7), step, 0.0)
            .await
            .unwrap());
    }

    let mut handles = Vec::new();
    for leaser in 0..LEASERS {
        let queue = queue.clone();
        handles.push(tokio::spawn(async move {
            let worker = format!("worker-{leaser}");
            let mut taken = Vec::new();
            while let Some(task) = queue.lease(&worker, 1.0, 600.0, &[]).await.unwrap() {
                assert_eq!(task.worker, worker);
                assert_eq!(task.attempt, 1);
                taken.push((task.guide_id, task.step));
                tokio::task::yield_now().await;
            }
            taken
        }));
    }

    let mut times_taken: HashMap<(String, u32), u32> = HashMap::new();
    let mut leasers_with_work = 0;
    for handle in handles {
        let taken = handle.await.unwrap();
        if !taken.is_empty() {
            leasers_with_work += 1;
        }
        for pair in taken {
            *times_taken.entry(pair).or_default() += 1;
        }
    }
    assert_eq!(times_taken.len(), TASKS as usize);
    assert!(
        times_taken.values().all(|n| *n == 1),
        "a task was leased twice"
    );
    assert!(leasers_with_work > 1, "leasing was not concurrent at all");
    assert_eq!(queue.depth().await.unwrap(), u64::from(TASKS));
}

on_both_backends!(
    #[tokio::test(flavor = "multi_thread", worker_threads = 8)]
    concurrent_leasers_take_each_task_exactly_once,
    #[tokio::test]
    enqueue_dedupes_queued_and_leased_pairs,
    #[tokio::test]
    lease_takes_oldest_available_first,
    #[tokio::test]
    lease_skips_given_guides,
    #[tokio::test]
    expired_lease_goes_to_another_worker_with_next_attempt,
    #[tokio::test]
    heartbeat_extends_a_held_lease_only,
    #[tokio::test]
    bad_lease_durations_do_not_unlease,
    #[tokio::test]
    complete_removes_the_task,
    #[tokio::test]
    release_delays_the_next_lease,
    #[tokio::test]
    defer_hands_back_without_counting_an_attempt,
    #[tokio::test]
    wake_makes_waiting_steps_available_now,
    #[tokio::test]
    cancel_guide_removes_its_tasks_only,
    #[tokio::test]
    depth_counts_queued_and_leased,
    #[tokio::test]
    release_worker_hands_back_its_leases_only,
);
