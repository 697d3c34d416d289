//! `POST /preview` against a real server: one step of a plan drawn at once
//! as SVG or PNG, the same bytes a guide of that plan gets, nothing stored,
//! errors naming the field, 429 when every place is taken, the bearer token,
//! and every answer declared in the OpenAPI document.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use plan::Plan;
use serde_json::{json, Value};

/// The extractor's plan for [`guide_body`]'s request with `n` steps.
fn plan_of(n: usize) -> Plan {
    let text = guide_body("Jar planter", n).to_string();
    let request = plan::request::parse_json(&text).expect("a valid request");
    extract::plan_for(&request)
}

fn plan_json(n: usize) -> Value {
    serde_json::to_value(plan_of(n)).expect("plan json")
}

async fn preview(s: &TestServer, body: &Value) -> reqwest::Response {
    s.client
        .post(s.url("/preview"))
        .json(body)
        .send()
        .await
        .expect("post")
}

/// A 422's `(field, message)` pairs.
async fn fields(res: reqwest::Response) -> Vec<(String, String)> {
    assert_eq!(res.status(), 422);
    let error: Value = res.json().await.expect("json");
    assert_eq!(error["error"]["code"], "invalid_field", "{error}");
    error["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every file under `dir`, recursively (none when it does not exist).
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn svg_and_png_are_the_pictures_a_guide_of_the_plan_gets() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let plan = plan_json(3);

    let res = preview(
        &s,
        &json!({"plan": plan, "step_number": 2, "width": 320, "height": 256}),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let svg = res.bytes().await.expect("body");
    assert!(
        svg.starts_with(b"<svg"),
        "{:?}",
        String::from_utf8_lossy(&svg[..80.min(svg.len())])
    );

    // Whole-number floats are sizes too, as in a guide request.
    let res = preview(
        &s,
        &json!({"plan": plan, "step_number": 2.0, "width": 400.0, "height": 300, "format": "png", "style": "blueprint"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let png = res.bytes().await.expect("body");
    let decoded = image::load_from_memory(&png).expect("a png");
    assert_eq!((decoded.width(), decoded.height()), (400, 300));

    // A guide with the same plan, size and style draws the same bytes.
    for (format, preview_bytes, width, height, style) in [
        ("svg", svg.to_vec(), 320, 256, "diagram"),
        ("png", png.to_vec(), 400, 300, "blueprint"),
    ] {
        let mut body = guide_body("Jar planter", 3);
        body["plan"] = plan.clone();
        body["format"] = json!(format);
        body["style"] = json!(style);
        body["width"] = json!(width);
        body["height"] = json!(height);
        let id = s.post_guide(&body).await;
        let done = s.wait_final(&id).await;
        assert_eq!(done["status"], "completed", "{done}");
        let url = done["step_images"][1]["image_url"].as_str().expect("url");
        let drawn = s.get(url).await.bytes().await.expect("image");
        assert!(
            drawn.as_ref() == preview_bytes.as_slice(),
            "{format}: the guide's step 2 differs"
        );
    }
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_stores_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let images = files(&dir.path().join("images"));
    for format in ["svg", "png"] {
        let body = json!({"plan": plan_json(3), "step_number": 3, "width": 256, "height": 256, "format": format});
        assert_eq!(preview(&s, &body).await.status(), 200);
    }
    assert_eq!(files(&dir.path().join("images")), images, "no image kept");
    let counts = s.running.app.state.counts().await.expect("counts");
    assert!(
        counts.guides.iter().all(|(_, n)| *n == 0),
        "no guide: {:?}",
        counts.guides
    );
    assert!(counts.steps.iter().all(|(_, n)| *n == 0), "no step");
    assert_eq!(s.running.app.queue.depth().await.expect("depth"), 0);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_problem_names_its_field() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let plan = plan_json(3);
    let named = |found: &[(String, String)], field: &str| {
        assert!(
            found.iter().any(|(f, _)| f == field),
            "{field} not named: {found:?}"
        );
    };

    let found = fields(preview(&s, &json!({"plan": plan, "step_number": 0})).await).await;
    assert_eq!(
        found,
        [(
            "step_number".to_string(),
            "must be at least 1, found 0".to_string()
        )]
    );
    let found = fields(preview(&s, &json!({"plan": plan, "step_number": 4})).await).await;
    assert_eq!(
        found,
        [(
            "step_number".to_string(),
            "must be at most 3 (the plan's steps), found 4".to_string()
        )]
    );
    let found = fields(preview(&s, &json!({"plan": plan})).await).await;
    named(&found, "step_number");
    let found = fields(preview(&s, &json!({"plan": plan, "step_number": 1.5})).await).await;
    named(&found, "step_number");

    let found =
        fields(preview(&s, &json!({"plan": plan, "step_number": 1, "width": 4096})).await).await;
    assert_eq!(
        found,
        [(
            "width".to_string(),
            "must be between 256 and 2048, found 4096".to_string()
        )]
    );
    let found = fields(
        preview(
            &s,
            &json!({"plan": plan, "step_number": 1, "height": 255.5}),
        )
        .await,
    )
    .await;
    named(&found, "height");

    let mut bad_kind = plan.clone();
    bad_kind["parts"][0]["kind"] = json!("spaceship");
    let found = fields(preview(&s, &json!({"plan": bad_kind, "step_number": 1})).await).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "plan.parts[0].kind");
    assert!(found[0].1.contains("spaceship"), "{found:?}");

    // The validator's own rules, named as in a request's plan.
    let mut unknown_part = plan.clone();
    unknown_part["parts"][0]["placement"] = json!({"relation": "on", "target": "nothing"});
    let found = fields(preview(&s, &json!({"plan": unknown_part, "step_number": 1})).await).await;
    named(&found, "plan.parts[0].placement.target");
    let mut renumbered = plan.clone();
    renumbered["steps"][1]["number"] = json!(5);
    let found = fields(preview(&s, &json!({"plan": renumbered, "step_number": 1})).await).await;
    named(&found, "plan.steps[1].number");
    let mut no_steps = plan.clone();
    no_steps["steps"] = json!([]);
    let found = fields(preview(&s, &json!({"plan": no_steps, "step_number": 1})).await).await;
    named(&found, "plan.steps");

    let found = fields(preview(&s, &json!({"step_number": 1})).await).await;
    named(&found, "plan");
    let found = fields(
        preview(&s, &json!({"plan": plan, "step_number": 1, "format": "webp", "style": "neon", "colour": 1})).await,
    )
    .await;
    named(&found, "format");
    named(&found, "style");
    named(&found, "colour");
    let found = fields(preview(&s, &json!([1, 2])).await).await;
    named(&found, "request");

    // Not JSON: 400, as the guide endpoints answer.
    let res = s
        .client
        .post(s.url("/preview"))
        .body("{\"plan\": ")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 400);
    let error: Value = res.json().await.expect("json");
    assert_eq!(error["error"]["code"], "syntax", "{error}");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_every_place_taken_a_preview_is_429() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.preview_concurrency = 0;
    let s = start(cfg, None).await;
    let res = preview(&s, &json!({"plan": plan_json(2), "step_number": 1})).await;
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["retry-after"], "1");
    let error: Value = res.json().await.expect("json");
    assert_eq!(error["error"]["code"], "busy", "{error}");
    s.running.shutdown(Duration::from_secs(5)).await;
}

/// Checks that `res`'s status and media type are declared for
/// `POST /preview` in `doc`; returns the status.
async fn declared(doc: &Value, res: reqwest::Response) -> u16 {
    let status = res.status().as_u16();
    let media = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_string())
        .expect("a content type");
    let response = &doc["paths"]["/preview"]["post"]["responses"][status.to_string()];
    assert!(response.is_object(), "{status} is not declared");
    assert!(
        response["content"][&media].is_object(),
        "{status} answered {media}, declared {}",
        response["content"]
    );
    for (name, _) in response["headers"].as_object().into_iter().flatten() {
        assert!(
            res.headers().contains_key(name.as_str()),
            "{status}: no {name}"
        );
    }
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_is_declared_and_the_token_covers_previews() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.token = Some("s3cret".into());
    cfg.body_limit = 64 * 1024;
    let s = start(cfg, None).await;
    let doc: Value = s.get("/openapi.json").await.json().await.expect("doc");
    let operation = &doc["paths"]["/preview"]["post"];
    assert_eq!(operation["security"], json!([{"bearer": []}]));
    assert_eq!(
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/PreviewRequest"
    );
    let schema = &doc["components"]["schemas"]["PreviewRequest"];
    assert_eq!(
        schema["properties"]["plan"]["$ref"],
        "#/components/schemas/Plan"
    );
    assert_eq!(
        schema["properties"]["width"]["maximum"],
        render::guide::MAX_SIDE
    );
    for status in ["200", "400", "401", "413", "422", "429"] {
        assert!(operation["responses"][status].is_object(), "{status}");
    }

    let plan = plan_json(2);
    let post = |body: reqwest::Body, token: bool| {
        let request = s.client.post(s.url("/preview")).body(body);
        let request = request.header("content-type", "application/json");
        if token {
            request.bearer_auth("s3cret")
        } else {
            request
        }
    };
    let body = |value: Value| reqwest::Body::from(value.to_string());
    let valid = json!({"plan": plan, "step_number": 2, "width": 256, "height": 256});
    let send = |r: reqwest::RequestBuilder| async move { r.send().await.expect("send") };

    assert_eq!(
        declared(&doc, send(post(body(valid.clone()), false)).await).await,
        401
    );
    assert_eq!(
        declared(&doc, send(post(body(valid.clone()), true)).await).await,
        200
    );
    let mut png = valid.clone();
    png["format"] = json!("png");
    assert_eq!(declared(&doc, send(post(body(png), true)).await).await, 200);
    assert_eq!(
        declared(&doc, send(post("{".into(), true)).await).await,
        400
    );
    let huge = json!({"plan": plan, "step_number": 1, "x": "x".repeat(100 * 1024)});
    assert_eq!(
        declared(&doc, send(post(body(huge), true)).await).await,
        413
    );
    let wrong = json!({"plan": plan, "step_number": 9});
    assert_eq!(
        declared(&doc, send(post(body(wrong), true)).await).await,
        422
    );
    s.running.shutdown(Duration::from_secs(5)).await;

    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.preview_concurrency = 0;
    let s = start(cfg, None).await;
    let res = preview(&s, &valid).await;
    assert_eq!(declared(&doc, res).await, 429);
    s.running.shutdown(Duration::from_secs(5)).await;
}

/// The time one preview takes through the API: step 10 of a 10-step plan
/// at 768×576, as SVG and as PNG. Run with
/// `cargo test --release -p stepcast-server --test preview -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement, not a check"]
async fn time_a_preview() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let plan = plan_json(10);
    for format in ["svg", "png"] {
        let body =
            json!({"plan": plan, "step_number": 10, "width": 768, "height": 576, "format": format});
        let mut times = Vec::new();
        for _ in 0..41 {
            let started = Instant::now();
            let res = preview(&s, &body).await;
            assert_eq!(res.status(), 200);
            let bytes = res.bytes().await.expect("body");
            times.push(started.elapsed());
            assert!(!bytes.is_empty());
        }
        times.sort();
        eprintln!(
            "{format}: median {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0,
            times.len()
        );
    }
    s.running.shutdown(Duration::from_secs(5)).await;
}
