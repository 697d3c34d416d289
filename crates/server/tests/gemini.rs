//! The Gemini engine end to end: a real server on port 0 whose Gemini
//! engine talks over HTTP to the fake Gemini API (`fake_gemini`), which
//! logs every request. What each strategy sent is read from that log, and
//! compared with the step's provenance and the stored images by hash
//! (image ids are `<sha256>.<ext>`).

mod common;

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use common::{config, guide_body, start_with, TestServer};
use engines::{GeminiConfig, GeminiEngine, ImageEngine};
use fake_gemini::{FakeConfig, FakeGemini, Fault, FaultRule, Latency, LoggedRequest};
use plan::request::Engine;
use serde_json::{json, Value};
use server::ServerConfig;

struct Setup {
    fake: FakeGemini,
    server: TestServer,
    _dir: tempfile::TempDir,
}

/// A fake Gemini and a server whose Gemini engine points at it.
async fn setup(fake: FakeConfig, tune: impl FnOnce(&mut ServerConfig, &mut GeminiConfig)) -> Setup {
    let fake = FakeGemini::start(FakeConfig {
        api_key: Some("test-key".into()),
        ..fake
    })
    .expect("fake starts");
    let dir = tempfile::tempdir().expect("dir");
    let mut server_config = config(dir.path());
    server_config.concurrency = 4;
    let mut gemini = GeminiConfig::new("test-key");
    gemini.base_url = fake.base_url();
    gemini.timeout = Duration::from_secs(10);
    tune(&mut server_config, &mut gemini);
    let engine: Arc<dyn ImageEngine> = Arc::new(GeminiEngine::new(gemini).expect("engine"));
    let server = start_with(server_config, vec![(Engine::Gemini, engine)]).await;
    Setup {
        fake,
        server,
        _dir: dir,
    }
}

fn gemini_body(strategy: &str, steps: usize) -> Value {
    let mut body = guide_body("Jar planter", steps);
    body["engine"] = json!("gemini");
    body["strategy"] = json!(strategy);
    body
}

/// The sha256 part of an image id.
fn sha(image_id: &Value) -> String {
    let id = image_id
        .as_str()
        .unwrap_or_else(|| panic!("no id: {image_id}"));
    id.split('.').next().unwrap_or("").to_string()
}

/// The answered requests whose prompt contains `needle`.
fn requests_for<'a>(log: &'a [LoggedRequest], needle: &str) -> Vec<&'a LoggedRequest> {
    log.iter().filter(|r| r.prompt.contains(needle)).collect()
}

fn image_shas(request: &LoggedRequest) -> Vec<String> {
    request.images.iter().map(|i| i.sha256.clone()).collect()
}

fn step(progress: &Value, number: usize) -> &Value {
    &progress["step_images"][number - 1]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guided_sends_each_steps_schematic_and_the_anchor_and_reports_provenance() {
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    let id = s.server.post_guide(&gemini_body("guided", 4)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    let log = s.fake.requests();
    assert_eq!(log.len(), 4, "one request per step");
    assert!(log
        .iter()
        .all(|r| r.key_given && r.model == "gemini-3.1-flash-image"));
    assert!(log.iter().all(|r| r.aspect_ratio.as_deref() == Some("5:4")));
    // 320×256 is drawn at the smallest size that covers it.
    assert!(log.iter().all(|r| r.image_size.as_deref() == Some("512")));
    assert!(log.iter().all(|r| r.response_modalities == ["IMAGE"]));

    // The anchor (the finished build, step 4) goes first, with its own
    // schematic only.
    let anchor = &log[0];
    assert!(anchor.prompt.contains("finished do-it-yourself project"));
    assert_eq!(image_shas(anchor), [sha(&step(&done, 4)["preview_id"])]);
    let anchor_photo = sha(&step(&done, 4)["image_id"]);
    for n in 1..=3 {
        let sent = requests_for(&log, &format!("step {n} of 4"));
        assert_eq!(sent.len(), 1, "step {n}");
        let own_preview = sha(&step(&done, n)["preview_id"]);
        assert_eq!(
            image_shas(sent[0]),
            [own_preview, anchor_photo.clone()],
            "step {n}"
        );
        assert!(sent[0].texts[0].starts_with("Image 1 is a schematic"));
        assert!(sent[0].texts[1].starts_with("Image 2 shows the finished project"));
    }

    // Each step's JSON names its prompt and its references, which are the
    // stored images that were sent.
    for n in 1..=4 {
        let json = step(&done, n);
        let sent = log
            .iter()
            .find(|r| {
                r.prompt
                    .ends_with(json["prompt_used"].as_str().expect("prompt"))
            })
            .unwrap_or_else(|| panic!("step {n}'s prompt was sent"));
        let refs = json["references"].as_array().expect("references");
        let kinds: Vec<&str> = refs.iter().filter_map(|r| r["kind"].as_str()).collect();
        assert_eq!(
            kinds,
            if n == 4 {
                vec!["schematic"]
            } else {
                vec!["schematic", "anchor"]
            }
        );
        let ref_shas: Vec<String> = refs.iter().map(|r| sha(&r["image_id"])).collect();
        assert_eq!(ref_shas, image_shas(sent), "step {n}");
        for r in refs {
            let url = r["image_url"].as_str().expect("url");
            let res = s.server.get(url).await;
            assert_eq!(res.status(), 200);
        }
        // The photo is fitted to the guide's size and format.
        let photo = s
            .server
            .get(json["image_url"].as_str().expect("image"))
            .await;
        assert_eq!(photo.headers()["content-type"], "image/webp");
        assert_ne!(json["image_id"], json["preview_id"]);
    }
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chained_edits_the_previous_photo_and_skips_a_step_that_failed() {
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    s.fake.add_fault(
        FaultRule::new(Fault::Finish("IMAGE_SAFETY".into()))
            .when_prompt_contains("Now show step 2:"),
    );
    let id = s.server.post_guide(&gemini_body("chained", 4)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed_with_errors", "{done}");
    let log = s.fake.requests();
    // In order, one at a time.
    for pair in log.windows(2) {
        assert!(pair[1].arrived_ms >= pair[0].finished_ms.expect("finished"));
    }
    assert!(log[0].images.is_empty(), "step 1 starts from text");
    let step1 = sha(&step(&done, 1)["image_id"]);
    let step3 = sha(&step(&done, 3)["image_id"]);
    assert_eq!(
        image_shas(requests_for(&log, "Now show step 2:")[0]),
        std::slice::from_ref(&step1)
    );
    // Step 2 failed: step 3 edits step 1's photo, the latest that worked,
    // and its prompt does step 2's work too.
    let step3_request = requests_for(&log, "Now show steps 2 to 3:")[0];
    assert_eq!(image_shas(step3_request), [step1]);
    assert!(step3_request.prompt.contains("after step 1 of 4"));
    assert_eq!(
        image_shas(requests_for(&log, "Now show step 4:")[0]),
        [step3]
    );
    // Waiting for the previous step is not a try.
    for n in [1, 3, 4] {
        assert_eq!(step(&done, n)["attempts"], 1, "step {n}");
    }
    // Safety refusals are not retried; the step keeps its preview.
    assert_eq!(requests_for(&log, "Now show step 2:").len(), 1);
    let failed = step(&done, 2);
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["image_url"], Value::Null);
    assert!(
        failed["error"]
            .as_str()
            .unwrap_or("")
            .contains("IMAGE_SAFETY"),
        "{failed}"
    );
    let preview = s
        .server
        .get(failed["preview_url"].as_str().expect("preview kept"))
        .await;
    assert_eq!(preview.status(), 200);
    // The printable guide shows the preview where the photo failed.
    let page = s
        .server
        .get_text(&format!("/step-images/{id}/guide.html"))
        .await;
    assert_eq!(page.matches("data:image/webp;base64,").count(), 4);
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guided_without_its_anchor_follows_the_schematic_alone() {
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    s.fake.add_fault(
        FaultRule::new(Fault::Finish("IMAGE_SAFETY".into()))
            .when_prompt_contains("finished do-it-yourself project"),
    );
    let id = s.server.post_guide(&gemini_body("guided", 3)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed_with_errors", "{done}");
    assert_eq!(step(&done, 3)["status"], "failed");
    let log = s.fake.requests();
    for n in 1..=2 {
        let sent = requests_for(&log, &format!("step {n} of 3"));
        assert_eq!(image_shas(sent[0]), [sha(&step(&done, n)["preview_id"])]);
        assert!(sent[0]
            .prompt
            .contains("One image is attached: a schematic"));
        assert!(!sent[0].prompt.contains("style reference"));
        assert_eq!(step(&done, n)["status"], "completed");
    }
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chained_after_a_failed_first_step_draws_afresh() {
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    s.fake
        .add_fault(FaultRule::new(Fault::TextRefusal).when_prompt_contains("at step 1 of 3"));
    let id = s.server.post_guide(&gemini_body("chained", 3)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed_with_errors", "{done}");
    let log = s.fake.requests();
    // No picture to edit: step 2 is drawn from text, step 3 edits step 2.
    let step2 = requests_for(&log, "at step 2 of 3");
    assert_eq!(step2.len(), 1);
    assert!(step2[0].images.is_empty());
    assert!(!step2[0].prompt.contains("Edit the attached image"));
    assert!(step(&done, 2).get("references").is_none(), "{done}");
    let step3 = requests_for(&log, "Now show step 3:");
    assert_eq!(image_shas(step3[0]), [sha(&step(&done, 2)["image_id"])]);
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anchored_conditions_every_step_on_the_anchor_or_the_concept_image() {
    // Without a concept image: the finished build first, from text.
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    let id = s.server.post_guide(&gemini_body("anchored", 3)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    let log = s.fake.requests();
    assert!(log[0].images.is_empty());
    assert!(log[0].prompt.contains("finished do-it-yourself project"));
    let anchor = sha(&step(&done, 3)["image_id"]);
    for r in &log[1..] {
        assert_eq!(image_shas(r), std::slice::from_ref(&anchor));
        assert!(r.arrived_ms >= log[0].finished_ms.expect("anchor finished"));
    }
    s.server.running.shutdown(Duration::from_secs(5)).await;

    // With one: every step from it, no anchor generated, all at once.
    let s = setup(
        FakeConfig {
            latency: Latency::fixed(Duration::from_millis(300)),
            ..FakeConfig::default()
        },
        |_, _| {},
    )
    .await;
    let concept = render_png();
    let mut body = gemini_body("anchored", 3);
    body["concept_image"] = json!(format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&concept)
    ));
    let id = s.server.post_guide(&body).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    let log = s.fake.requests();
    assert_eq!(log.len(), 3);
    let concept_sha = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(&concept))
    };
    assert!(log.iter().all(|r| image_shas(r) == [concept_sha.clone()]));
    assert!(
        log.iter().any(|r| r.in_flight_at_arrival > 0),
        "in parallel"
    );
    assert_eq!(
        step(&done, 1)["references"],
        json!([{"kind": "concept", "image_id": null, "image_url": null}])
    );
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

/// A small real PNG (the concept image).
fn render_png() -> Vec<u8> {
    let mut image = image::RgbImage::new(64, 48);
    for (x, _, px) in image.enumerate_pixels_mut() {
        *px = image::Rgb([200, (x * 4) as u8, 90]);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn independent_sends_text_only_and_the_fake_never_sees_more_than_the_limit() {
    let s = setup(
        FakeConfig {
            latency: Latency::uniform(Duration::from_millis(150), Duration::from_millis(50)),
            max_concurrent: Some(2),
            ..FakeConfig::default()
        },
        |server, gemini| {
            server.concurrency = 6;
            gemini.max_concurrent = 2;
        },
    )
    .await;
    let id = s.server.post_guide(&gemini_body("independent", 8)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    let log = s.fake.requests();
    assert_eq!(log.len(), 8, "no request was refused and retried");
    assert!(log.iter().all(|r| r.images.is_empty()));
    assert!(log
        .iter()
        .all(|r| r.outcome.as_ref().and_then(|o| o.status) == Some(200)));
    assert_eq!(s.fake.stats().peak_in_flight, 2);
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_answer_is_retried_or_failed_as_it_should_be() {
    let s = setup(
        FakeConfig {
            retry_delay: Duration::from_millis(400),
            ..FakeConfig::default()
        },
        |server, gemini| {
            server.max_attempts = 3;
            server.concurrency = 4;
            gemini.timeout = Duration::from_secs(1);
        },
    )
    .await;
    let rule = |fault: Fault, n: usize| {
        FaultRule::new(fault).when_prompt_contains(format!("step {n} of 10"))
    };
    s.fake.add_fault(rule(Fault::RateLimited, 1).times(1));
    s.fake.add_fault(rule(Fault::Unavailable, 2).times(2));
    s.fake.add_fault(rule(Fault::ServerError, 3).times(1));
    s.fake
        .add_fault(rule(Fault::Finish("NO_IMAGE".into()), 4).times(1));
    s.fake.add_fault(rule(Fault::TextRefusal, 5));
    s.fake
        .add_fault(rule(Fault::PromptBlocked("PROHIBITED_CONTENT".into()), 6));
    s.fake.add_fault(rule(Fault::BadRequest, 7));
    s.fake.add_fault(rule(Fault::Hang, 8));
    s.fake
        .add_fault(rule(Fault::Finish("IMAGE_SAFETY".into()), 9));
    let id = s.server.post_guide(&gemini_body("independent", 10)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed_with_errors", "{done}");
    let log = s.fake.requests();
    let tries = |n: usize| requests_for(&log, &format!("step {n} of 10")).len();

    // Transient: retried, then drawn.
    for (n, expected_tries) in [(1, 2), (2, 3), (3, 2), (4, 2), (10, 1)] {
        assert_eq!(
            step(&done, n)["status"],
            "completed",
            "step {n}: {}",
            step(&done, n)
        );
        assert_eq!(tries(n), expected_tries, "step {n}");
        assert_eq!(step(&done, n)["attempts"], expected_tries, "step {n}");
    }
    // The retry after a 429 waited for RetryInfo's delay.
    let limited = requests_for(&log, "step 1 of 10");
    let waited = limited[1].arrived_ms - limited[0].finished_ms.expect("answered");
    assert!(waited >= 400, "retried after {waited} ms");

    // Permanent: one try, and the reason says why.
    for (n, says) in [
        (5, "answered with text instead of an image"),
        (6, "blocked the prompt (PROHIBITED_CONTENT)"),
        (7, "HTTP 400 INVALID_ARGUMENT"),
        (9, "finish reason IMAGE_SAFETY"),
    ] {
        let json = step(&done, n);
        assert_eq!(json["status"], "failed", "step {n}");
        assert_eq!(tries(n), 1, "step {n}");
        let error = json["error"].as_str().unwrap_or("");
        assert!(error.contains(says), "step {n}: {error}");
        assert!(
            json["preview_url"].is_string(),
            "step {n} keeps its preview"
        );
    }
    // A hang times out, is retried to the limit, then fails.
    assert_eq!(step(&done, 8)["status"], "failed");
    assert_eq!(tries(8), 3);
    let error = step(&done, 8)["error"].as_str().unwrap_or("");
    assert!(
        error.contains("did not answer within 1 s") && error.contains("gave up after 3 tries"),
        "{error}"
    );
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_is_reported_per_step_per_guide_and_in_metrics() {
    let s = setup(FakeConfig::default(), |_, gemini| {
        gemini.price_per_image_usd = Some(0.05);
    })
    .await;
    let id = s.server.post_guide(&gemini_body("guided", 3)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    let mut input = 0;
    for n in 1..=3 {
        let usage = &step(&done, n)["usage"];
        assert_eq!(usage["model"], "gemini-3.1-flash-image");
        assert_eq!(usage["images"], 1);
        assert_eq!(usage["output_tokens"], 747);
        assert!(usage["input_tokens"].as_u64().unwrap_or(0) > 258, "{usage}");
        assert_eq!(
            usage["total_tokens"].as_u64(),
            Some(usage["input_tokens"].as_u64().unwrap_or(0) + 747)
        );
        assert_eq!(usage["cost_usd"], 0.05);
        input += usage["input_tokens"].as_u64().unwrap_or(0);
    }
    let total = &done["usage"];
    assert_eq!(total["images"], 3);
    assert_eq!(total["output_tokens"], 3 * 747);
    assert_eq!(total["input_tokens"], input);
    assert_eq!(total["cost_usd"], 0.15);
    assert!(total.get("model").is_none());

    let metrics = s.server.get_text("/metrics").await;
    let labels = r#"engine="gemini",model="gemini-3.1-flash-image""#;
    assert!(
        metrics.contains(&format!("stepcast_provider_images_total{{{labels}}} 3")),
        "{metrics}"
    );
    assert!(metrics.contains(&format!(
        "stepcast_provider_tokens_total{{{labels},direction=\"output\"}} 2241"
    )));
    assert!(metrics.contains(&format!(
        "stepcast_provider_cost_usd_total{{{labels}}} 0.15"
    )));
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

/// Each step's `cost_usd` and output tokens, and the guide's cost.
fn costs(done: &Value, steps: usize) -> (Vec<f64>, Vec<u64>, f64) {
    let usage = |n: usize| &step(done, n)["usage"];
    (
        (1..=steps)
            .map(|n| usage(n)["cost_usd"].as_f64().unwrap_or(-1.0))
            .collect(),
        (1..=steps)
            .map(|n| usage(n)["output_tokens"].as_u64().unwrap_or(0))
            .collect(),
        done["usage"]["cost_usd"].as_f64().unwrap_or(-1.0),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_price_the_cost_follows_the_model_table_for_the_asked_size() {
    // The default model at 320×256: 512, $0.045 and 747 tokens an image.
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    let caps: Value = s
        .server
        .get("/capabilities")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(caps["engine_models"]["gemini"], "gemini-3.1-flash-image");
    let id = s.server.post_guide(&gemini_body("independent", 2)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert!(s
        .fake
        .requests()
        .iter()
        .all(|r| r.image_size.as_deref() == Some("512")));
    assert_eq!(costs(&done, 2), (vec![0.045; 2], vec![747; 2], 0.09));
    s.server.running.shutdown(Duration::from_secs(5)).await;

    // Pro has no 512: the same guide is drawn at 1K, at Pro's price.
    let s = setup(FakeConfig::default(), |_, gemini| {
        gemini.model = "gemini-3-pro-image".into();
    })
    .await;
    let id = s.server.post_guide(&gemini_body("independent", 2)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert!(s
        .fake
        .requests()
        .iter()
        .all(|r| r.model == "gemini-3-pro-image" && r.image_size.as_deref() == Some("1K")));
    assert_eq!(costs(&done, 2), (vec![0.134; 2], vec![1120; 2], 0.268));
    assert_eq!(step(&done, 1)["usage"]["model"], "gemini-3-pro-image");
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retired_model_fails_each_step_once_saying_to_choose_another() {
    let s = setup(FakeConfig::default(), |_, gemini| {
        gemini.model = "gemini-2.5-flash-image".into();
    })
    .await;
    let id = s.server.post_guide(&gemini_body("independent", 2)).await;
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "failed", "{done}");
    let log = s.fake.requests();
    assert_eq!(log.len(), 2, "a 404 is not retried");
    for n in 1..=2 {
        let error = step(&done, n)["error"].as_str().unwrap_or("");
        assert!(
            error.contains("\"gemini-2.5-flash-image\" is not available")
                && error.contains("--gemini-model: gemini-3.1-flash-image, gemini-3-pro-image"),
            "step {n}: {error}"
        );
        assert_eq!(step(&done, n)["attempts"], 1);
    }
    // No picture, no usage.
    assert!(done["usage"].is_null(), "{done}");
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn previews_are_published_before_any_photo() {
    let s = setup(
        FakeConfig {
            latency: Latency::fixed(Duration::from_millis(800)),
            ..FakeConfig::default()
        },
        |_, _| {},
    )
    .await;
    let id = s.server.post_guide(&gemini_body("guided", 3)).await;
    // Every step shows its schematic while the photos are still coming.
    let mut progress = s.server.progress(&id).await;
    for _ in 0..200 {
        let previews = progress["step_images"]
            .as_array()
            .map(|steps| {
                steps
                    .iter()
                    .filter(|s| s["preview_url"].is_string())
                    .count()
            })
            .unwrap_or(0);
        if previews == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        progress = s.server.progress(&id).await;
    }
    assert_eq!(progress["status"], "generating");
    for n in 1..=3 {
        assert!(step(&progress, n)["preview_url"].is_string(), "{progress}");
        assert_eq!(step(&progress, n)["image_url"], Value::Null);
    }
    // The event log has each step's preview before any step's photo.
    let done = s.server.wait_final(&id).await;
    assert_eq!(done["status"], "completed");
    let events = s
        .server
        .running
        .app
        .state
        .events_after(&id, 0, 1000)
        .await
        .expect("events");
    let first_photo = events
        .iter()
        .position(|e| e.kind == "step" && e.data["image_id"].is_string())
        .expect("a photo");
    let previews_before = events[..first_photo]
        .iter()
        .filter(|e| e.kind == "step" && e.data["preview_id"].is_string())
        .map(|e| e.data["number"].as_u64())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(previews_before.len(), 3, "{events:?}");
    s.server.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_cloud_requests_are_refused_by_name() {
    let s = setup(FakeConfig::default(), |_, _| {}).await;
    let mut svg = gemini_body("guided", 2);
    svg["format"] = json!("svg");
    let mut bad_concept = gemini_body("anchored", 2);
    bad_concept["concept_image"] = json!("data:image/gif;base64,R0lGODlh");
    for (body, field) in [(svg, "format"), (bad_concept, "concept_image")] {
        let res = s
            .server
            .client
            .post(s.server.url("/step-images"))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let error: Value = res.json().await.expect("json");
        assert_eq!(error["error"]["fields"][0]["field"], field, "{error}");
    }
    assert!(s.fake.requests().is_empty());
    s.server.running.shutdown(Duration::from_secs(5)).await;
}
