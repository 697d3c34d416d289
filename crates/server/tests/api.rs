//! The API end to end: a real server on port 0, SQLite in a temp dir, a
//! real HTTP client.

mod common;

use std::time::Duration;

use common::{config, guide_body, start, test_engine};
use engines::TestEngineScript;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guide_is_accepted_at_once_and_every_image_arrives_and_decodes() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let res = s
        .client
        .post(s.url("/step-images"))
        .json(&guide_body("Jar planter", 4))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 202);
    let location = res.headers()["location"].to_str().expect("loc").to_string();
    let body: Value = res.json().await.expect("json");
    let id = body["id"].as_str().expect("id");
    assert_eq!(location, format!("/step-images/{id}"));
    assert_eq!(
        body["links"]["events"],
        json!(s.url(&format!("/step-images/{id}/events")))
    );

    let done = s.wait_final(id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["total_steps"], 4);
    assert_eq!(done["completed_steps"], 4);
    assert_eq!(done["progress"], 1.0);
    assert!(done["started_at"].is_f64() && done["completed_at"].is_f64());
    for (i, step) in done["step_images"]
        .as_array()
        .expect("steps")
        .iter()
        .enumerate()
    {
        assert_eq!(step["step_number"], i + 1);
        assert_eq!(step["status"], "completed");
        let url = step["image_url"].as_str().expect("url");
        assert!(url.starts_with(&s.base), "absolute: {url}");
        let res = s.client.get(url).send().await.expect("image");
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/webp");
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let etag = res.headers()["etag"].to_str().expect("etag").to_string();
        let bytes = res.bytes().await.expect("bytes");
        let decoded = webp_size(&bytes);
        assert_eq!(decoded, (320, 256));
        let again = s
            .client
            .get(url)
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("conditional");
        assert_eq!(again.status(), 304);

        let one: Value = s
            .get(&format!("/step-images/{id}/step/{}", i + 1))
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(&one["image_id"], &step["image_id"]);
    }
    s.running.shutdown(Duration::from_secs(5)).await;
}

/// Width and height from a WebP's VP8 frame header.
fn webp_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..4], b"RIFF");
    assert_eq!(&bytes[8..16], b"WEBPVP8 ");
    let w = u32::from(u16::from_le_bytes([bytes[26], bytes[27]]) & 0x3fff);
    let h = u32::from(u16::from_le_bytes([bytes[28], bytes[29]]) & 0x3fff);
    (w, h)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_guide_is_not_started_as_in_the_seed() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let p = s.progress("never-seen").await;
    assert_eq!(p["status"], "not_started");
    assert_eq!(p["total_steps"], 0);
    assert_eq!(p["step_images"], json!([]));
    let res = s.get("/step-images/never-seen/step/1").await;
    assert_eq!(res.status(), 404);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_uses_the_callers_id_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let body = guide_body("Thread", 2);
    for _ in 0..2 {
        let res = s
            .client
            .put(s.url("/step-images/thread-42"))
            .json(&body)
            .send()
            .await
            .expect("put");
        assert_eq!(res.status(), 202);
        let v: Value = res.json().await.expect("json");
        assert_eq!(v["id"], "thread-42");
    }
    let res = s
        .client
        .put(s.url("/step-images/thread-42"))
        .json(&guide_body("Another", 2))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 409);
    let done = s.wait_final("thread-42").await;
    assert_eq!(done["completed_steps"], 2);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_clear_error_naming_what_is_wrong() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.body_limit = 64 * 1024;
    let s = start(cfg, None).await;
    let post = |body: String| {
        s.client
            .post(s.url("/step-images"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    // Not JSON.
    let res = post("{\"title\": ".into()).await.expect("post");
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.expect("json");
    assert_eq!(v["error"]["code"], "syntax");
    // A field wrong: 422 naming it.
    let res = post(json!({"title": "x", "steps": [{"title": ""}]}).to_string())
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.expect("json");
    assert_eq!(v["error"]["code"], "invalid_field");
    assert!(
        v["error"]["field"]
            .as_str()
            .expect("field")
            .starts_with("steps[0].title"),
        "{v}"
    );
    let res = post(json!({"title": "x", "steps": [{"title": "a"}], "style": "neon"}).to_string())
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.expect("json");
    assert_eq!(v["error"]["field"], "style", "{v}");
    let res =
        post(json!({"title": "x", "steps": [{"title": "a"}], "engine": "gemini"}).to_string())
            .await
            .expect("post");
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.expect("json");
    assert_eq!(v["error"]["field"], "engine", "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .expect("m")
        .contains("available: schematic"));
    // Too big.
    let res = post(format!("{{\"title\": \"{}\"}}", "x".repeat(100_000)))
        .await
        .expect("post");
    assert_eq!(res.status(), 413);
    let v: Value = res.json().await.expect("a JSON error");
    assert_eq!(v["error"]["code"], "too_large");
    // Ids and paths.
    let long_unknown = format!("/images/{}.webp", "a".repeat(64));
    for (method, path, status) in [
        ("GET", "/images/..%2F..%2Fstepcast.db", 400),
        ("GET", long_unknown.as_str(), 404),
        ("GET", "/step-images/bad%20id", 400),
        ("GET", "/step-images/x/step/zero", 400),
        ("POST", "/step-images/nope/step/1/regenerate", 404),
        ("DELETE", "/step-images/nope", 404),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let res = s
            .client
            .request(method, s.url(path))
            .send()
            .await
            .expect("send");
        assert_eq!(res.status(), status, "{path}");
        let body: Value = res.json().await.expect("a JSON error body");
        assert!(body["error"]["code"].is_string(), "{path}: {body}");
    }
    // Nothing stored was lost along the way.
    let id = s.post_guide(&guide_body("Still fine", 1)).await;
    assert_eq!(s.wait_final(&id).await["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_need_the_token_when_one_is_set() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.token = Some("s3cret".into());
    let s = start(cfg, None).await;
    let body = guide_body("Locked", 1);
    let mut accepted = None;
    for (token, status) in [(None, 401), (Some("wrong"), 401), (Some("s3cret"), 202)] {
        let mut post = s.client.post(s.url("/step-images")).json(&body);
        if let Some(token) = token {
            post = post.bearer_auth(token);
        }
        let res = post.send().await.expect("post");
        assert_eq!(res.status(), status, "token {token:?}");
        accepted = Some(res);
    }
    let res = accepted.expect("the last answer");
    // Reads stay open.
    let v: Value = res.json().await.expect("json");
    let id = v["id"].as_str().expect("id");
    assert_eq!(s.wait_final(id).await["status"], "completed");
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_503_with_retry_after() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.max_queued_tasks = 3;
    let engine = test_engine(TestEngineScript {
        delay: Duration::from_millis(300),
        ..TestEngineScript::default()
    });
    let s = start(cfg, Some(engine)).await;
    let _first = s.post_guide(&guide_body("Fills it", 3)).await;
    let res = s
        .client
        .post(s.url("/step-images"))
        .json(&guide_body("Too many", 2))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 503);
    assert!(res.headers().contains_key("retry-after"));
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_metrics_schema_health_and_cors() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.cors_origins = vec!["http://localhost:5173".into()];
    let s = start(cfg, None).await;
    let id = s.post_guide(&guide_body("Keep me", 3)).await;
    assert_eq!(s.wait_final(&id).await["status"], "completed");

    // The export: every image, the guide page and the plan.
    let res = s.get(&format!("/step-images/{id}/export.zip")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let bytes = res.bytes().await.expect("bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a name").to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "guide.html",
            "plan.json",
            "step-01.webp",
            "step-02.webp",
            "step-03.webp"
        ]
    );
    let mut page = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("guide.html").expect("page"), &mut page)
        .expect("read");
    assert!(page.contains("Keep me") && page.contains("data:image/webp;base64,"));
    let mut plan_text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("plan.json").expect("plan"), &mut plan_text)
        .expect("read");
    let plan: plan::Plan = serde_json::from_str(&plan_text).expect("a plan");
    assert_eq!(plan.steps.len(), 3);
    let res = s.get("/step-images/nobody/export.zip").await;
    assert_eq!(res.status(), 404);

    // The printable guide and the time-lapse, linked from the progress.
    let progress = s.progress(&id).await;
    let guide_url = progress["guide_url"].as_str().expect("guide_url");
    let page = s.client.get(guide_url).send().await.expect("page");
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert!(page.text().await.expect("text").contains("Keep me"));
    let lapse_url = progress["timelapse_url"].as_str().expect("timelapse_url");
    let lapse = s.client.get(lapse_url).send().await.expect("lapse");
    assert_eq!(lapse.headers()["content-type"], "image/webp");
    assert!(lapse
        .bytes()
        .await
        .expect("bytes")
        .windows(4)
        .any(|w| w == b"ANIM"));
    let gif = s
        .client
        .get(lapse_url.replace(".webp", ".gif"))
        .send()
        .await
        .expect("gif");
    assert_eq!(gif.headers()["content-type"], "image/gif");
    assert!(gif.bytes().await.expect("bytes").starts_with(b"GIF89a"));
    let request: Value = s
        .get(&format!("/step-images/{id}/request"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(request["title"], "Keep me");
    assert_eq!(request["steps"][2]["title"], "Step 3");
    let res = s.get(&format!("/step-images/{id}/nothing.txt")).await;
    assert_eq!(res.status(), 404);

    // Metrics.
    let text = s.get("/metrics").await.text().await.expect("text");
    assert!(
        text.contains("stepcast_guides{status=\"completed\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("stepcast_steps{status=\"completed\"} 3"),
        "{text}"
    );
    assert!(text.contains("stepcast_queue_depth 0"), "{text}");
    assert!(
        text.contains("stepcast_engine_seconds_count{engine=\"schematic\",outcome=\"ok\"} 3"),
        "{text}"
    );

    // The plan schema, health.
    let schema: Value = s.get("/plan.schema.json").await.json().await.expect("json");
    assert!(schema["properties"]["steps"].is_object());
    let health: Value = s.get("/healthz").await.json().await.expect("json");
    assert_eq!(health["status"], "ok");
    let ready = s.get("/readyz").await;
    assert_eq!(ready.status(), 200);

    // CORS for the configured front end only.
    let res = s
        .client
        .get(s.url(&format!("/step-images/{id}")))
        .header("origin", "http://localhost:5173")
        .send()
        .await
        .expect("cors");
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "http://localhost:5173"
    );
    let res = s
        .client
        .get(s.url(&format!("/step-images/{id}")))
        .header("origin", "http://evil.example")
        .send()
        .await
        .expect("cors");
    assert!(res.headers().get("access-control-allow-origin").is_none());
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_endpoint() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let doc: Value = s.get("/openapi.json").await.json().await.expect("json");
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");
    for path in [
        "/step-images",
        "/step-images/{id}",
        "/step-images/{id}/step/{n}",
        "/step-images/{id}/step/{n}/regenerate",
        "/step-images/{id}/events",
        "/step-images/{id}/export.zip",
        "/images/{image_id}",
        "/healthz",
        "/readyz",
        "/metrics",
        "/plan.schema.json",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    for method in ["get", "put", "delete"] {
        assert!(paths["/step-images/{id}"][method].is_object(), "{method}");
    }
    let schemas = &doc["components"]["schemas"];
    for name in [
        "ProgressJson",
        "StepImageJson",
        "AcceptedJson",
        "ErrorBody",
        "GuideRequest",
        "ReferenceJson",
        "UsageJson",
    ] {
        assert!(schemas[name].is_object(), "{name} missing");
    }
    assert!(schemas["GuideRequest"]["properties"]["steps"].is_object());
    assert!(schemas["GuideRequest"]["properties"]["concept_image"].is_object());
    for field in ["preview_url", "references", "usage", "prompt_used"] {
        assert!(
            schemas["StepImageJson"]["properties"][field].is_object(),
            "StepImageJson.{field}"
        );
    }
    let index = s.get("/").await.text().await.expect("text");
    assert!(index.contains("/openapi.json"));
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn image_urls_use_the_configured_public_url() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.public_url = Some("https://guides.example.com/api/".into());
    let s = start(cfg, None).await;
    let id = s.post_guide(&guide_body("Behind a proxy", 1)).await;
    let done = s.wait_final(&id).await;
    let url = done["step_images"][0]["image_url"].as_str().expect("url");
    let image_id = done["step_images"][0]["image_id"].as_str().expect("id");
    assert_eq!(
        url,
        format!("https://guides.example.com/api/images/{image_id}")
    );
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_ui_is_served_beside_the_api() {
    let dir = tempfile::tempdir().expect("dir");
    let web = tempfile::tempdir().expect("web");
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>ui</title>",
    )
    .expect("index");
    std::fs::create_dir(web.path().join("assets")).expect("assets");
    std::fs::write(web.path().join("assets/app.js"), "console.log(1)").expect("js");
    let mut cfg = config(dir.path());
    cfg.web_dir = Some(web.path().to_path_buf());
    let s = start(cfg, None).await;
    for path in ["/", "/guides/abc123"] {
        let res = s.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert!(
            res.text()
                .await
                .expect("text")
                .contains("<title>ui</title>"),
            "{path}"
        );
    }
    let js = s.get("/assets/app.js").await;
    assert_eq!(js.status(), 200);
    assert!(js.headers()["content-type"]
        .to_str()
        .expect("ct")
        .contains("javascript"));
    // The API still answers beside it.
    assert_eq!(s.progress("nobody").await["status"], "not_started");
    let caps: Value = s.get("/capabilities").await.json().await.expect("json");
    assert_eq!(caps["engines"], json!(["schematic"]));
    assert_eq!(caps["styles"], json!(["diagram", "sketch", "blueprint"]));
    assert_eq!(caps["engine_models"], json!({"schematic": null}));
    let gemini = caps["models"]["gemini"]
        .as_array()
        .expect("the model table");
    assert_eq!(gemini[0]["id"], "gemini-3.1-flash-image");
    assert_eq!(gemini[0]["default"], true);
    assert_eq!(gemini[0]["max_reference_images"], 14);
    assert_eq!(
        gemini[0]["sizes"][0],
        json!({"name": "512", "long_edge": 512, "output_tokens": 747, "price_usd": 0.045})
    );
    assert_eq!(gemini[1]["id"], "gemini-3-pro-image");
    assert_eq!(gemini[1]["default"], false);
    s.running.shutdown(Duration::from_secs(5)).await;
}
