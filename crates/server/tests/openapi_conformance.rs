//! The OpenAPI document against the server's real answers, without
//! schemathesis (`scripts/schemathesis-check` runs that): every `$ref`
//! resolves, every answer's status and content type is one its operation
//! declares, the request body's documented limits are the ones the server
//! enforces, and the bearer scheme is documented exactly when a token is set.

mod common;

use std::time::Duration;

use common::*;
use engines::TestEngineScript;
use plan::request::limits::{
    MAX_IMAGE_SIZE, MAX_MATERIALS, MAX_STEPS, MAX_TITLE_CHARS, MIN_IMAGE_SIZE, MIN_STEPS,
};
use reqwest::Method;
use serde_json::{json, Value};

const GUIDE_ID: &str = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$";
const IMAGE_ID: &str = r"^[0-9a-f]{64}\.(webp|png|jpg|svg|gif)$";

/// A server whose engine answers at once, so guides finish quickly.
async fn quick(cfg: server::ServerConfig) -> TestServer {
    start(cfg, Some(test_engine(TestEngineScript::default()))).await
}

async fn document(s: &TestServer) -> Value {
    let res = s.get("/openapi.json").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

/// Every `$ref` in `value`.
fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r);
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, methods) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in methods.as_object().expect("methods") {
            out.push((path.clone(), method.clone(), operation));
        }
    }
    out
}

/// Sends a request and checks that its status, and the media type of its
/// body, are among those `template`'s operation declares. Returns the
/// response's status and body.
async fn declared(
    s: &TestServer,
    doc: &Value,
    method: Method,
    template: &str,
    path: &str,
    request: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
) -> (u16, Vec<u8>) {
    let res = request(s.client.request(method.clone(), s.url(path)))
        .send()
        .await
        .expect("send");
    let status = res.status().as_u16();
    let media = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_string());
    let body = res.bytes().await.expect("body").to_vec();
    let operation = &doc["paths"][template][method.as_str().to_lowercase()];
    assert!(
        operation.is_object(),
        "{method} {template} is not documented"
    );
    let response = &operation["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "{method} {path}: {status} is not declared ({})",
        String::from_utf8_lossy(&body)
    );
    if let (Some(content), Some(media), false) =
        (response["content"].as_object(), media, body.is_empty())
    {
        assert!(
            content.contains_key(&media),
            "{method} {path}: {status} answered {media}, declared {:?}",
            content.keys().collect::<Vec<_>>()
        );
        if media == "application/json" && status >= 400 {
            let error: Value = serde_json::from_slice(&body).expect("json error");
            assert!(error["error"]["code"].is_string(), "{error}");
            assert!(error["error"]["message"].is_string(), "{error}");
        }
    }
    (status, body)
}

/// A server and its document, for checking one call at a time.
struct Api<'a> {
    s: &'a TestServer,
    doc: &'a Value,
}

impl Api<'_> {
    /// [`declared`], and the status must be `status`.
    async fn answers(
        &self,
        method: Method,
        template: &str,
        path: &str,
        request: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
        status: u16,
    ) -> Vec<u8> {
        let (got, body) = declared(self.s, self.doc, method.clone(), template, path, request).await;
        assert_eq!(
            got,
            status,
            "{method} {path}: {}",
            String::from_utf8_lossy(&body)
        );
        body
    }
}

fn same(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_whole_and_declares_ids_errors_and_limits() {
    let dir = tempfile::tempdir().expect("dir");
    let s = quick(config(dir.path())).await;
    let doc = document(&s).await;

    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let pointer = r.strip_prefix('#').expect("local ref");
        assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
    }

    for (path, method, operation) in operations(&doc) {
        let responses = operation["responses"].as_object().expect("responses");
        for param in operation["parameters"].as_array().into_iter().flatten() {
            let name = param["name"].as_str().unwrap_or("");
            let schema = &param["schema"];
            match name {
                "id" => {
                    assert_eq!(schema["pattern"], GUIDE_ID, "{method} {path}");
                    assert_eq!(schema["maxLength"], 128, "{method} {path}");
                }
                "image_id" => assert_eq!(schema["pattern"], IMAGE_ID),
                "n" => assert_eq!(schema["minimum"], 1, "{method} {path}"),
                _ => {}
            }
            if param["in"] == "path" {
                assert!(responses.contains_key("400"), "{method} {path}: no 400");
            }
        }
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                let expected = if path == "/readyz" {
                    "#/components/schemas/Ready"
                } else {
                    "#/components/schemas/ErrorBody"
                };
                assert_eq!(schema, expected, "{method} {path} {status}");
            }
        }
    }
    for (path, method) in [("/step-images", "post"), ("/step-images/{id}", "put")] {
        let responses = &doc["paths"][path][method]["responses"];
        for status in ["202", "400", "413", "422", "503"] {
            assert!(responses[status].is_object(), "{method} {path} {status}");
        }
        assert!(responses["401"].is_null(), "no token, no 401");
        assert!(responses["202"]["links"]["GetProgress"].is_object());
        let body = &doc["paths"][path][method]["requestBody"]["content"]["application/json"];
        assert_eq!(body["schema"]["$ref"], "#/components/schemas/NewGuide");
    }
    assert!(doc["paths"]["/step-images/{id}"]["put"]["responses"]["409"].is_object());
    assert!(doc["components"]["securitySchemes"].is_null());

    let schemas = &doc["components"]["schemas"];
    let new_guide = &schemas["NewGuide"];
    assert_eq!(new_guide["additionalProperties"], false);
    let properties = &new_guide["properties"];
    assert_eq!(properties["width"]["minimum"], MIN_IMAGE_SIZE);
    assert_eq!(properties["width"]["maximum"], MAX_IMAGE_SIZE);
    assert_eq!(properties["height"]["maximum"], MAX_IMAGE_SIZE);
    assert_eq!(
        properties["materials"]["anyOf"][0]["maxContains"],
        MAX_MATERIALS
    );
    assert_eq!(
        properties["engine"]["enum"],
        json!(["schematic", null]),
        "only the engines configured here"
    );
    for steps in ["NewGuideSteps", "SeedSteps"] {
        assert_eq!(schemas[steps]["minItems"], MIN_STEPS);
        assert_eq!(schemas[steps]["maxItems"], MAX_STEPS);
        assert_eq!(
            schemas[steps]["prefixItems"].as_array().map(Vec::len),
            Some(MAX_STEPS)
        );
    }
    // The normalised request, as `GET .../request` answers it.
    assert!(schemas["GuideRequest"]["properties"]["steps"].is_object());
    assert!(schemas["Plan"].is_object());
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_is_declared() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.body_limit = 64 * 1024;
    let s = quick(cfg).await;
    let doc = document(&s).await;
    let guide = guide_body("Declared", 2);
    let json_body = |body: Value| move |r: reqwest::RequestBuilder| r.json(&body);

    // Wrong ids, unknown guides and images, bad bodies.
    let unknown = "no-such-guide";
    let image = format!("{}.png", "0".repeat(64));
    let cases: Vec<(Method, &str, String, u16)> = vec![
        (
            Method::GET,
            "/step-images/{id}",
            "/step-images/.hidden".into(),
            400,
        ),
        (
            Method::GET,
            "/step-images/{id}",
            format!("/step-images/{unknown}"),
            200,
        ),
        (
            Method::GET,
            "/step-images/{id}/step/{n}",
            format!("/step-images/{unknown}/step/0"),
            400,
        ),
        (
            Method::GET,
            "/step-images/{id}/step/{n}",
            format!("/step-images/{unknown}/step/1"),
            404,
        ),
        (
            Method::POST,
            "/step-images/{id}/step/{n}/regenerate",
            format!("/step-images/{unknown}/step/1/regenerate"),
            404,
        ),
        (
            Method::DELETE,
            "/step-images/{id}",
            format!("/step-images/{unknown}"),
            404,
        ),
        (
            Method::DELETE,
            "/step-images/{id}",
            "/step-images/.x".into(),
            400,
        ),
        (
            Method::GET,
            "/step-images/{id}/events",
            format!("/step-images/{unknown}/events"),
            404,
        ),
        (
            Method::GET,
            "/step-images/{id}/events",
            format!("/step-images/{unknown}/events?last_event_id=x"),
            400,
        ),
        (
            Method::GET,
            "/step-images/{id}/events",
            format!("/step-images/{unknown}/events?last_event_id=1&last_event_id=2"),
            400,
        ),
        (
            Method::GET,
            "/step-images/{id}/export.zip",
            format!("/step-images/{unknown}/export.zip"),
            404,
        ),
        (
            Method::GET,
            "/step-images/{id}/guide.html",
            format!("/step-images/{unknown}/guide.html"),
            404,
        ),
        (
            Method::GET,
            "/step-images/{id}/request",
            format!("/step-images/{unknown}/request"),
            404,
        ),
        (
            Method::GET,
            "/step-images/{id}/request",
            "/step-images/.x/request".into(),
            400,
        ),
        (
            Method::GET,
            "/step-images/{id}/timelapse.{format}",
            format!("/step-images/{unknown}/timelapse.webp"),
            404,
        ),
        (
            Method::GET,
            "/images/{image_id}",
            "/images/not-an-image".into(),
            400,
        ),
        (
            Method::GET,
            "/images/{image_id}",
            format!("/images/{image}"),
            404,
        ),
    ];
    for (method, template, path, status) in cases {
        let (got, _) = declared(&s, &doc, method.clone(), template, &path, same).await;
        assert_eq!(got, status, "{method} {path}");
    }

    let post = |body: &'static str| move |r: reqwest::RequestBuilder| r.body(body);
    let api = Api { s: &s, doc: &doc };
    api.answers(Method::POST, "/step-images", "/step-images", post("{"), 400)
        .await;
    api.answers(
        Method::POST,
        "/step-images",
        "/step-images",
        post("{}"),
        422,
    )
    .await;
    let huge = json!({"title": "x".repeat(100 * 1024), "steps": [{"title": "A"}]});
    api.answers(
        Method::POST,
        "/step-images",
        "/step-images",
        json_body(huge),
        413,
    )
    .await;
    let put = "/step-images/{id}";
    api.answers(
        Method::PUT,
        put,
        "/step-images/.x",
        json_body(guide.clone()),
        400,
    )
    .await;

    // A guide, followed to the end through every reading endpoint.
    let guide_path = "/step-images/declared-1";
    api.answers(Method::PUT, put, guide_path, json_body(guide.clone()), 202)
        .await;
    let other = guide_body("Another", 1);
    api.answers(Method::PUT, put, guide_path, json_body(other), 409)
        .await;
    let done = s.wait_final("declared-1").await;
    assert_eq!(done["status"], "completed", "{done}");
    let id = "declared-1";
    for (template, path, status) in [
        ("/step-images/{id}", format!("/step-images/{id}"), 200),
        (
            "/step-images/{id}/step/{n}",
            format!("/step-images/{id}/step/2"),
            200,
        ),
        (
            "/step-images/{id}/step/{n}",
            format!("/step-images/{id}/step/3"),
            404,
        ),
        (
            "/step-images/{id}/export.zip",
            format!("/step-images/{id}/export.zip"),
            200,
        ),
        (
            "/step-images/{id}/guide.html",
            format!("/step-images/{id}/guide.html"),
            200,
        ),
        (
            "/step-images/{id}/request",
            format!("/step-images/{id}/request"),
            200,
        ),
        (
            "/step-images/{id}/timelapse.{format}",
            format!("/step-images/{id}/timelapse.webp"),
            200,
        ),
        (
            "/step-images/{id}/timelapse.{format}",
            format!("/step-images/{id}/timelapse.gif"),
            200,
        ),
        (
            "/step-images/{id}/timelapse.{format}",
            format!("/step-images/{id}/timelapse.png"),
            404,
        ),
        (
            "/step-images/{id}/events",
            format!("/step-images/{id}/events"),
            200,
        ),
        ("/healthz", "/healthz".into(), 200),
        ("/readyz", "/readyz".into(), 200),
        ("/metrics", "/metrics".into(), 200),
        ("/capabilities", "/capabilities".into(), 200),
        ("/plan.schema.json", "/plan.schema.json".into(), 200),
        ("/openapi.json", "/openapi.json".into(), 200),
    ] {
        let (got, _) = declared(&s, &doc, Method::GET, template, &path, same).await;
        assert_eq!(got, status, "GET {path}");
    }

    // An image and its revalidation.
    let image_url = done["step_images"][0]["image_url"].as_str().expect("url");
    let image_id = image_url.rsplit('/').next().expect("id").to_string();
    let path = format!("/images/{image_id}");
    let image = "/images/{image_id}";
    api.answers(Method::GET, image, &path, same, 200).await;
    let etag = format!("\"{image_id}\"");
    api.answers(
        Method::GET,
        image,
        &path,
        |r| r.header("if-none-match", etag),
        304,
    )
    .await;

    // A finished guide's stream, resumed after its last event, has nothing
    // more to send: 204, not a stream left open.
    let events = read_events(s.get(&format!("/step-images/{id}/events")).await).await;
    let last = events.last().expect("events").0;
    let stream = "/step-images/{id}/events";
    let path = format!("/step-images/{id}/events");
    let resume = |r: reqwest::RequestBuilder| r.header("last-event-id", last.to_string());
    api.answers(Method::GET, stream, &path, resume, 204).await;
    let path = format!("/step-images/{id}/events?last_event_id={last}");
    api.answers(Method::GET, stream, &path, same, 204).await;

    // The plan: read, saved unchanged, a stale or unnamed version refused.
    let plan_path = format!("/step-images/{id}/plan");
    let plan_route = "/step-images/{id}/plan";
    let body = api
        .answers(Method::GET, plan_route, &plan_path, same, 200)
        .await;
    let read: Value = serde_json::from_slice(&body).expect("plan json");
    let edit = |tag: &'static str| {
        let read = read.clone();
        move |r: reqwest::RequestBuilder| r.header("if-match", tag).json(&read)
    };
    api.answers(Method::PUT, plan_route, &plan_path, edit("\"0\""), 200)
        .await;
    api.answers(Method::PUT, plan_route, &plan_path, edit("\"0\""), 412)
        .await;
    api.answers(
        Method::PUT,
        plan_route,
        &plan_path,
        json_body(read.clone()),
        428,
    )
    .await;
    api.answers(Method::PUT, plan_route, &plan_path, edit("x"), 422)
        .await;
    let revert_path = format!("/step-images/{id}/plan/revert");
    let revert = |version: u64| {
        move |r: reqwest::RequestBuilder| {
            r.header("if-match", "*").json(&json!({"version": version}))
        }
    };
    let revert_route = "/step-images/{id}/plan/revert";
    api.answers(Method::POST, revert_route, &revert_path, revert(9), 404)
        .await;
    api.answers(Method::POST, revert_route, &revert_path, revert(1), 200)
        .await;
    let versions = "/step-images/{id}/plan/versions";
    api.answers(
        Method::GET,
        versions,
        &format!("{plan_path}/versions"),
        same,
        200,
    )
    .await;
    api.answers(
        Method::GET,
        versions,
        "/step-images/nope/plan/versions",
        same,
        404,
    )
    .await;
    api.answers(Method::GET, plan_route, "/step-images/nope/plan", same, 404)
        .await;

    let path = format!("/step-images/{id}/step/1/regenerate");
    let regenerate = "/step-images/{id}/step/{n}/regenerate";
    api.answers(Method::POST, regenerate, &path, same, 202)
        .await;
    let path = format!("/step-images/{id}");
    api.answers(Method::DELETE, put, &path, same, 200).await;
    api.answers(
        Method::POST,
        "/step-images",
        "/step-images",
        json_body(guide),
        202,
    )
    .await;
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_and_a_missing_token_are_declared() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.max_queued_tasks = 0;
    cfg.token = Some("s3cret".into());
    let s = quick(cfg).await;
    let doc = document(&s).await;
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let guide = guide_body("Busy", 1);
    for (method, template, path) in [
        (Method::POST, "/step-images", "/step-images"),
        (Method::PUT, "/step-images/{id}", "/step-images/busy-1"),
    ] {
        let operation = &doc["paths"][template][method.as_str().to_lowercase()];
        assert_eq!(operation["security"], json!([{"bearer": []}]));
        let body = guide.clone();
        let (got, _) = declared(&s, &doc, method.clone(), template, path, |r| r.json(&body)).await;
        assert_eq!(got, 401, "{method} {path}");
        let body = guide.clone();
        let (got, _) = declared(&s, &doc, method.clone(), template, path, |r| {
            r.bearer_auth("s3cret").json(&body)
        })
        .await;
        assert_eq!(got, 503, "{method} {path}");
    }
    for (method, template, path) in [
        (Method::DELETE, "/step-images/{id}", "/step-images/x"),
        (
            Method::POST,
            "/step-images/{id}/step/{n}/regenerate",
            "/step-images/x/step/1/regenerate",
        ),
    ] {
        let (got, _) = declared(&s, &doc, method.clone(), template, path, same).await;
        assert_eq!(got, 401, "{method} {path}");
    }
    // Reading needs no token.
    assert!(doc["paths"]["/step-images/{id}"]["get"]["security"].is_null());
    s.running.shutdown(Duration::from_secs(5)).await;
}

/// POSTs a body; the status.
async fn submit(s: &TestServer, body: &Value) -> (u16, Value) {
    let res = s
        .client
        .post(s.url("/step-images"))
        .json(body)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_request_rules_are_the_enforced_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let s = quick(config(dir.path())).await;
    let doc = document(&s).await;
    let step = json!({"title": "Fold", "description": "Fold the paper in half."});

    // Every documented field is one the server knows: a value wrong for
    // all of them is an error naming the field, not an unknown field.
    let properties = doc["components"]["schemas"]["NewGuide"]["properties"]
        .as_object()
        .expect("properties");
    for name in properties.keys() {
        let (status, error) = submit(&s, &json!({ name.as_str(): 12.5 })).await;
        assert_eq!(status, 422, "{name}");
        let fields: Vec<(&str, &str)> = error["error"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap_or(""),
                    f["message"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert!(
            fields
                .iter()
                .any(|(f, m)| f.starts_with(name.as_str()) && *m != "unknown field"),
            "{name}: {fields:?}"
        );
    }
    let (status, _) = submit(&s, &json!({"title": "T", "steps": [step], "colour": "red"})).await;
    assert_eq!(status, 422);

    // Lengths count once trimmed.
    let title = format!("  {}\n", "t".repeat(MAX_TITLE_CHARS));
    let (status, body) = submit(&s, &json!({"title": title, "steps": [step]})).await;
    assert_eq!(status, 202, "{body}");
    let title = "t".repeat(MAX_TITLE_CHARS + 1);
    let (status, _) = submit(&s, &json!({"title": title, "steps": [step]})).await;
    assert_eq!(status, 422);
    let (status, _) = submit(&s, &json!({"title": " \u{3000} ", "steps": [step]})).await;
    assert_eq!(status, 422, "blank once trimmed");

    // Materials count once blank ones and nulls are dropped.
    let mut materials: Vec<Value> = (0..MAX_MATERIALS).map(|i| json!(format!("m{i}"))).collect();
    materials.extend([json!(""), json!("  "), Value::Null]);
    let (status, body) = submit(
        &s,
        &json!({"title": "T", "materials": materials, "steps": [step]}),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    materials.push(json!("one too many"));
    let (status, _) = submit(
        &s,
        &json!({"title": "T", "materials": materials, "steps": [step]}),
    )
    .await;
    assert_eq!(status, 422);

    // Steps: 1 to MAX_STEPS; a step number, when given, is its place.
    let (status, _) = submit(&s, &json!({"title": "T", "steps": []})).await;
    assert_eq!(status, 422);
    let numbered = json!([
        {"step_number": 1, "title": "A"},
        {"step_number": null, "title": "B"},
        {"step_number": 3, "description": "C"},
    ]);
    let (status, body) = submit(&s, &json!({"title": "T", "steps": numbered})).await;
    assert_eq!(status, 202, "{body}");
    let (status, _) = submit(
        &s,
        &json!({"title": "T", "steps": [{"step_number": 2, "title": "A"}]}),
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = submit(&s, &json!({"title": "T", "steps": [{"tools": ["saw"]}]})).await;
    assert_eq!(status, 422, "a title or a description");

    // The two shapes, field by field; one of each pair only.
    let seed = json!({
        "project_overview": {"title": "Lamp", "difficulty": "easy"},
        "construction_steps": [{"step_number": 1, "title": "Wire", "time": "5 min"}],
        "ingredients": [{"name": "jar", "quantity": 1}, {"name": " "}],
    });
    let (status, body) = submit(&s, &seed).await;
    assert_eq!(status, 202, "{body}");
    let mixed = json!({"title": "Lamp", "construction_steps": [{"title": "Wire"}], "ingredients": [{"name": "jar"}]});
    let (status, body) = submit(&s, &mixed).await;
    assert_eq!(status, 202, "{body}");
    for clash in [
        json!({"title": "T", "project_overview": {"title": "T"}, "steps": [step]}),
        json!({"title": "T", "steps": [step], "construction_steps": [step]}),
        json!({"title": "T", "steps": [step], "materials": ["a"], "ingredients": [{"name": "b"}]}),
    ] {
        let (status, _) = submit(&s, &clash).await;
        assert_eq!(status, 422, "{clash}");
    }

    // Sizes, and the engines configured here.
    for (size, status) in [
        (MIN_IMAGE_SIZE, 202),
        (MAX_IMAGE_SIZE, 202),
        (MIN_IMAGE_SIZE - 1, 422),
        (MAX_IMAGE_SIZE + 1, 422),
    ] {
        let (got, _) = submit(&s, &json!({"title": "T", "steps": [step], "width": size})).await;
        assert_eq!(got, status, "width {size}");
    }
    let (status, _) = submit(
        &s,
        &json!({"title": "T", "steps": [step], "engine": "gemini"}),
    )
    .await;
    assert_eq!(status, 422, "not configured, so not documented");

    // The concept image: a data: URL whose bytes are the type it names.
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
    let (status, body) = submit(
        &s,
        &json!({"title": "T", "steps": [step], "concept_image": png}),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    let not_png = "data:image/png;base64,/9j/4AAQSkZJRg==";
    let (status, _) = submit(
        &s,
        &json!({"title": "T", "steps": [step], "concept_image": not_png}),
    )
    .await;
    assert_eq!(status, 422);
    s.running.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guide_drawn_in_jpeg_has_no_time_lapse_and_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let doc = document(&s).await;
    let mut body = guide_body("In JPEG", 1);
    body["format"] = json!("jpeg");
    let id = s.post_guide(&body).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    // The pictures cannot be animated yet: a declared 404, not a 500.
    let path = format!("/step-images/{id}/timelapse.webp");
    let template = "/step-images/{id}/timelapse.{format}";
    let (status, body) = declared(&s, &doc, Method::GET, template, &path, same).await;
    assert_eq!(status, 404, "{}", String::from_utf8_lossy(&body));
    s.running.shutdown(Duration::from_secs(5)).await;
}
