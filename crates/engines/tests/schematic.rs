//! The schematic engine draws every step of an example, deterministically,
//! caching one layout per guide and size.

mod common;

use std::sync::Arc;

use engines::{EngineError, ImageEngine, SchematicEngine};
use plan::request::{ImageFormat, Style};

use common::{bottle, engine_request, example};

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

#[tokio::test]
async fn draws_every_step_as_webp_and_png() {
    let engine = SchematicEngine::new();
    assert_eq!(engine.name(), "schematic");
    let steps = bottle(0, ImageFormat::Webp).plan.steps.len();
    assert!(steps >= 3, "the example has {steps} steps");
    for step in 0..steps {
        let webp = engine
            .generate(bottle(step, ImageFormat::Webp))
            .await
            .unwrap();
        assert_eq!(webp.content_type, "image/webp");
        assert!(is_webp(&webp.bytes), "step {step} is not a WebP");

        let png = engine
            .generate(bottle(step, ImageFormat::Png))
            .await
            .unwrap();
        assert_eq!(png.content_type, "image/png");
        assert!(png.bytes.starts_with(PNG_MAGIC), "step {step} is not a PNG");
    }
    // One guide, one size: laid out once for all steps and both formats.
    assert_eq!(engine.layouts(), 1);
    assert_eq!(engine.cached_guides(), 1);
}

#[tokio::test]
async fn svg_and_jpeg_too() {
    let engine = SchematicEngine::new();
    let svg = engine.generate(bottle(1, ImageFormat::Svg)).await.unwrap();
    assert_eq!(svg.content_type, "image/svg+xml");
    assert!(std::str::from_utf8(&svg.bytes).unwrap().contains("<svg"));
    let jpeg = engine.generate(bottle(1, ImageFormat::Jpeg)).await.unwrap();
    assert_eq!(jpeg.content_type, "image/jpeg");
    assert!(jpeg.bytes.starts_with(&[0xff, 0xd8, 0xff]));
}

#[tokio::test]
async fn same_request_same_bytes() {
    let first = SchematicEngine::new()
        .generate(bottle(2, ImageFormat::Webp))
        .await
        .unwrap();
    let engine = SchematicEngine::new();
    let second = engine.generate(bottle(2, ImageFormat::Webp)).await.unwrap();
    let cached = engine.generate(bottle(2, ImageFormat::Webp)).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(second, cached);
    assert_ne!(
        first.bytes,
        engine
            .generate(bottle(3, ImageFormat::Webp))
            .await
            .unwrap()
            .bytes
    );
}

#[tokio::test]
async fn photo_is_drawn_as_a_diagram() {
    let (request, plan) = example("bottle-planter.json");
    let engine = SchematicEngine::new();
    let mut images = Vec::new();
    for style in [Style::Photo, Style::Diagram, Style::Blueprint] {
        let r = engine_request(&request, &plan, 1, (512, 384), ImageFormat::Png, style);
        images.push(engine.generate(r).await.unwrap());
    }
    assert_eq!(images[0], images[1]);
    assert_ne!(images[1], images[2]);
}

#[tokio::test]
async fn out_of_range_steps_are_permanent_errors() {
    let engine = SchematicEngine::new();
    let steps = bottle(0, ImageFormat::Png).plan.steps.len();
    for step in [steps, steps + 1, usize::MAX] {
        let error = engine
            .generate(bottle(step, ImageFormat::Png))
            .await
            .unwrap_err();
        assert!(matches!(error, EngineError::Permanent { .. }), "{error:?}");
        assert!(!error.is_transient());
    }
    assert_eq!(engine.layouts(), 0, "nothing is laid out for a bad index");
}

#[tokio::test]
async fn bad_sizes_are_permanent_errors_and_not_cached() {
    let (request, plan) = example("bottle-planter.json");
    let engine = SchematicEngine::new();
    for size in [(100, 768), (1024, 4096), (0, 0)] {
        let r = engine_request(&request, &plan, 0, size, ImageFormat::Png, Style::Diagram);
        let error = engine.generate(r).await.unwrap_err();
        assert!(matches!(error, EngineError::Permanent { .. }), "{error:?}");
    }
    assert_eq!(engine.cached_guides(), 0);
}

#[tokio::test]
async fn empty_plans_have_no_steps_to_draw() {
    let (request, plan) = example("bottle-planter.json");
    let mut empty = (*plan).clone();
    empty.steps.clear();
    let r = engine_request(
        &request,
        &Arc::new(empty),
        0,
        (512, 384),
        ImageFormat::Png,
        Style::Diagram,
    );
    let error = SchematicEngine::new().generate(r).await.unwrap_err();
    assert!(matches!(error, EngineError::Permanent { .. }));
}

#[tokio::test]
async fn the_cache_is_keyed_by_plan_and_size() {
    let (request, plan) = example("bottle-planter.json");
    let (other_request, other_plan) = example("tin-can-lantern.json");
    let engine = SchematicEngine::new();
    let png = |r, p, i, size| engine_request(r, p, i, size, ImageFormat::Png, Style::Diagram);

    engine
        .generate(png(&request, &plan, 0, (512, 384)))
        .await
        .unwrap();
    engine
        .generate(png(&request, &plan, 1, (512, 384)))
        .await
        .unwrap();
    assert_eq!((engine.layouts(), engine.cached_guides()), (1, 1));

    engine
        .generate(png(&request, &plan, 1, (384, 512)))
        .await
        .unwrap();
    assert_eq!((engine.layouts(), engine.cached_guides()), (2, 2));

    engine
        .generate(png(&other_request, &other_plan, 0, (512, 384)))
        .await
        .unwrap();
    assert_eq!((engine.layouts(), engine.cached_guides()), (3, 3));

    // A plan edited by hand is a different guide, even under the same request.
    let mut edited = (*plan).clone();
    edited.title.push_str(" (edited)");
    engine
        .generate(png(&request, &Arc::new(edited), 0, (512, 384)))
        .await
        .unwrap();
    assert_eq!((engine.layouts(), engine.cached_guides()), (4, 4));
}

#[tokio::test]
async fn the_cache_is_bounded() {
    let (request, plan) = example("bottle-planter.json");
    let engine = SchematicEngine::new();
    // Seventeen sizes: one more than the engine keeps.
    for width in 256..273 {
        let r = engine_request(
            &request,
            &plan,
            0,
            (width, 256),
            ImageFormat::Svg,
            Style::Diagram,
        );
        engine.generate(r).await.unwrap();
    }
    assert_eq!(engine.layouts(), 17);
    assert_eq!(engine.cached_guides(), 16);

    // 256 was the least recently used, so it is gone; 272 is still there.
    let size = |w| {
        engine_request(
            &request,
            &plan,
            1,
            (w, 256),
            ImageFormat::Svg,
            Style::Diagram,
        )
    };
    engine.generate(size(272)).await.unwrap();
    assert_eq!(engine.layouts(), 17);
    engine.generate(size(256)).await.unwrap();
    assert_eq!(engine.layouts(), 18);
    assert_eq!(engine.cached_guides(), 16);
}

#[tokio::test]
async fn a_smaller_cache_evicts_sooner() {
    let (request, plan) = example("bottle-planter.json");
    let engine = SchematicEngine::with_cache_capacity(2);
    let size = |w| {
        engine_request(
            &request,
            &plan,
            0,
            (w, 256),
            ImageFormat::Svg,
            Style::Diagram,
        )
    };
    for width in [256, 257, 258, 256] {
        engine.generate(size(width)).await.unwrap();
    }
    assert_eq!((engine.layouts(), engine.cached_guides()), (4, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_concurrent_calls_all_succeed() {
    let engine = Arc::new(SchematicEngine::new());
    let steps = bottle(0, ImageFormat::Png).plan.steps.len();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let engine = Arc::clone(&engine);
            let format = if i % 2 == 0 {
                ImageFormat::Webp
            } else {
                ImageFormat::Png
            };
            tokio::spawn(async move { engine.generate(bottle(i % steps, format)).await })
        })
        .collect();
    for (i, task) in tasks.into_iter().enumerate() {
        let image = task.await.unwrap().unwrap();
        let expected = if i % 2 == 0 {
            "image/webp"
        } else {
            "image/png"
        };
        assert_eq!(image.content_type, expected);
    }
    // Concurrent first calls wait for one layout instead of each doing it.
    assert_eq!(engine.layouts(), 1);
    assert_eq!(engine.cached_guides(), 1);
}

#[tokio::test]
async fn works_behind_a_trait_object() {
    let engine: Arc<dyn ImageEngine> = Arc::new(SchematicEngine::default());
    let image = engine.generate(bottle(0, ImageFormat::Png)).await.unwrap();
    assert_eq!(image.content_type, "image/png");
}
