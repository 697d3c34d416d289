//! The test engine misbehaves exactly as scripted, and counts what it did.

mod common;

use std::sync::Arc;
use std::time::Duration;

use engines::{EngineError, EngineRequest, ImageEngine, TestEngine, TestEngineScript};
use plan::request::{ImageFormat, Style};
use tokio::time::Instant;

use common::{engine_request, example};

fn request(step_index: usize) -> EngineRequest {
    let (request, plan) = example("bottle-planter.json");
    engine_request(
        &request,
        &plan,
        step_index,
        (256, 256),
        ImageFormat::Png,
        Style::Diagram,
    )
}

fn engine(script: TestEngineScript) -> Arc<TestEngine> {
    Arc::new(TestEngine::new(script))
}

#[tokio::test(start_paused = true)]
async fn succeeds_with_a_tiny_png_after_the_delay() {
    let engine = engine(TestEngineScript {
        delay: Duration::from_secs(5),
        ..TestEngineScript::default()
    });
    assert_eq!(engine.name(), "test");
    let start = Instant::now();
    let image = engine.generate(request(3)).await.unwrap();
    assert_eq!(start.elapsed(), Duration::from_secs(5));
    assert_eq!(image.content_type, "image/png");
    assert!(image.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(image.bytes.len() < 200, "{} bytes", image.bytes.len());
    assert_eq!((engine.calls(3), engine.total_calls()), (1, 1));
}

#[tokio::test]
async fn each_step_has_its_own_image() {
    let engine = engine(TestEngineScript::default());
    let a = engine.generate(request(0)).await.unwrap();
    let b = engine.generate(request(1)).await.unwrap();
    let a_again = engine.generate(request(0)).await.unwrap();
    assert_ne!(a, b);
    assert_eq!(a, a_again);
    assert_eq!(TestEngine::color_for(258), [0, 1, 2]);
}

#[tokio::test(start_paused = true)]
async fn the_delay_holds_a_timeout_back() {
    let engine = engine(TestEngineScript {
        delay: Duration::from_secs(10),
        ..TestEngineScript::default()
    });
    let early = tokio::time::timeout(Duration::from_secs(9), engine.generate(request(0))).await;
    assert!(early.is_err(), "finished before its delay");
    let late = tokio::time::timeout(Duration::from_secs(11), engine.generate(request(0))).await;
    assert!(late.unwrap().is_ok());
}

#[tokio::test]
async fn transient_failures_then_success() {
    let engine = engine(TestEngineScript {
        transient_failures: vec![(1, 2)],
        retry_after: Some(Duration::from_millis(1500)),
        ..TestEngineScript::default()
    });
    for call in 1..=2 {
        let error = engine.generate(request(1)).await.unwrap_err();
        assert!(error.is_transient());
        match error {
            EngineError::Transient {
                message,
                retry_after,
            } => {
                assert!(message.contains(&format!("call {call}")), "{message}");
                assert_eq!(retry_after, Some(Duration::from_millis(1500)));
            }
            other => panic!("expected a transient error, got {other:?}"),
        }
    }
    assert!(engine.generate(request(1)).await.is_ok());
    assert!(engine.generate(request(1)).await.is_ok());
    // Other steps are not affected.
    assert!(engine.generate(request(0)).await.is_ok());
    assert_eq!(engine.calls(1), 4);
    assert_eq!(engine.calls(0), 1);
    assert_eq!(engine.calls(2), 0);
    assert_eq!(engine.total_calls(), 5);
}

#[tokio::test]
async fn transient_errors_without_a_hint() {
    let engine = engine(TestEngineScript {
        transient_failures: vec![(0, 1)],
        ..TestEngineScript::default()
    });
    let error = engine.generate(request(0)).await.unwrap_err();
    assert!(matches!(
        error,
        EngineError::Transient {
            retry_after: None,
            ..
        }
    ));
}

#[tokio::test]
async fn permanent_failures_always_fail() {
    let engine = engine(TestEngineScript {
        permanent_failures: vec![2],
        ..TestEngineScript::default()
    });
    for _ in 0..3 {
        let error = engine.generate(request(2)).await.unwrap_err();
        assert!(matches!(error, EngineError::Permanent { .. }), "{error:?}");
    }
    assert!(engine.generate(request(1)).await.is_ok());
    assert_eq!(engine.calls(2), 3);
}

#[tokio::test]
async fn panics_are_real() {
    let engine = engine(TestEngineScript {
        panics: vec![1],
        ..TestEngineScript::default()
    });
    for _ in 0..2 {
        let e = Arc::clone(&engine);
        let join = tokio::spawn(async move { e.generate(request(1)).await }).await;
        let error = join.unwrap_err();
        assert!(error.is_panic());
        let payload = error.into_panic();
        let message = payload.downcast_ref::<String>().unwrap();
        assert!(message.contains("step 1 panics on purpose"), "{message}");
    }
    let e = Arc::clone(&engine);
    let fine = tokio::spawn(async move { e.generate(request(0)).await }).await;
    assert!(fine.unwrap().is_ok());
    assert_eq!(engine.calls(1), 2);
    assert_eq!(engine.in_flight(), 0, "panicked calls left the flight");
}

#[tokio::test(start_paused = true)]
async fn hangs_until_a_timeout_fires() {
    let engine = engine(TestEngineScript {
        hangs: vec![0],
        ..TestEngineScript::default()
    });
    let start = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(30), engine.generate(request(0))).await;
    assert!(result.is_err(), "a hanging step finished");
    assert_eq!(start.elapsed(), Duration::from_secs(30));

    // Still hanging after a (virtual) day.
    let result =
        tokio::time::timeout(Duration::from_secs(86_400), engine.generate(request(0))).await;
    assert!(result.is_err());
    assert!(engine.generate(request(1)).await.is_ok());
    assert_eq!(engine.calls(0), 2);
    // The calls dropped by the timeouts are no longer in flight.
    assert_eq!(engine.in_flight(), 0);
    assert_eq!(engine.max_in_flight(), 1);

    // A hanging task can be aborted, and then leaves the flight too.
    let e = Arc::clone(&engine);
    let task = tokio::spawn(async move { e.generate(request(0)).await });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(engine.in_flight(), 1);
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    assert_eq!(engine.in_flight(), 0);
}

#[tokio::test(start_paused = true)]
async fn counts_calls_in_flight() {
    let engine = engine(TestEngineScript {
        delay: Duration::from_secs(1),
        ..TestEngineScript::default()
    });
    assert_eq!(engine.max_in_flight(), 0);
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let e = Arc::clone(&engine);
            tokio::spawn(async move { e.generate(request(i % 3)).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(engine.max_in_flight(), 6);
    assert_eq!(engine.in_flight(), 0);
    assert_eq!(engine.total_calls(), 6);
    assert_eq!(
        (engine.calls(0), engine.calls(1), engine.calls(2)),
        (2, 2, 2)
    );

    // Limited by a semaphore, as the job runner will do.
    let engine2 = self::engine(TestEngineScript {
        delay: Duration::from_secs(1),
        ..TestEngineScript::default()
    });
    let limit = Arc::new(tokio::sync::Semaphore::new(2));
    let start = Instant::now();
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let e = Arc::clone(&engine2);
            let limit = Arc::clone(&limit);
            tokio::spawn(async move {
                let _permit = limit.acquire_owned().await.unwrap();
                e.generate(request(i)).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(engine2.max_in_flight(), 2);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
}

#[tokio::test]
async fn scripts_are_by_step_index_only() {
    // Steps need not exist in the plan: the test engine never looks.
    let engine = engine(TestEngineScript {
        permanent_failures: vec![1000],
        ..TestEngineScript::default()
    });
    assert!(engine.generate(request(999)).await.is_ok());
    assert!(engine.generate(request(1000)).await.is_err());
}
