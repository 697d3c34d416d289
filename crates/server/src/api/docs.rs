//! Machine-readable descriptions: the plan's JSON Schema.

use axum::Json;
use serde_json::Value;

/// `GET /plan.schema.json`: the assembly model a request's `plan` follows.
#[utoipa::path(get, path = "/plan.schema.json", tag = "docs",
    responses((status = 200, description = "JSON Schema of the plan", content_type = "application/json")))]
pub async fn plan_schema() -> Json<Value> {
    Json(plan::model::Plan::json_schema())
}

/// The OpenAPI description of this API.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "stepcast",
        description = "Illustrated step-by-step build guides: one image per step, generated in the background and streamed as each finishes. The seed's endpoints keep their shapes."
    ),
    paths(
        super::guides::create,
        super::guides::create_with_id,
        super::guides::progress,
        super::guides::step,
        super::guides::regenerate,
        super::guides::cancel,
        super::events::stream,
        super::export::export,
        super::export::guide_page,
        super::export::request,
        super::export::timelapse,
        super::images::image,
        plan_schema,
        super::health::healthz,
        super::health::readyz,
        super::health::metrics,
    ),
    components(schemas(
        crate::progress::ProgressJson,
        crate::progress::StepImageJson,
        crate::progress::UnderstandingJson,
        crate::progress::AcceptedJson,
        crate::error::ErrorBody,
    ))
)]
pub struct ApiDoc;

/// `GET /openapi.json`, with the request's own JSON Schema (from the plan
/// crate) added as `GuideRequest`.
pub async fn openapi() -> Json<Value> {
    use utoipa::OpenApi;
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let request =
        serde_json::to_value(schemars::schema_for!(plan::GuideRequest)).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.insert("GuideRequest".into(), request);
    }
    Json(doc)
}

/// `GET /`: what this server is and where its API is described, until the
/// web UI is served here.
pub async fn index() -> axum::response::Html<&'static str> {
    axum::response::Html(INDEX)
}

const INDEX: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>stepcast</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1em .3em;border-radius:3px}</style>
</head><body>
<h1>stepcast</h1>
<p>Illustrated step-by-step build guides: one image per step, generated in the background.</p>
<ul>
<li><code>POST /step-images</code> with a guide request creates a guide (202); follow it with <code>GET /step-images/{id}</code> or the events at <code>GET /step-images/{id}/events</code>.</li>
<li>The API: <a href="/openapi.json">/openapi.json</a>. The plan format: <a href="/plan.schema.json">/plan.schema.json</a>.</li>
<li>Operations: <a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a>.</li>
</ul>
</body></html>
"#;

/// `GET /capabilities`: what this server can draw, so a front end shows
/// only choices that work (photo styles need a cloud engine), with the
/// model each engine calls and the Gemini model table (sizes, tokens and
/// list prices), so a front end can estimate a guide's cost.
pub async fn capabilities(
    axum::extract::State(app): axum::extract::State<crate::app::SharedApp>,
) -> Json<Value> {
    let mut engines: Vec<&str> = app.engines.keys().map(|e| e.as_str()).collect();
    engines.sort_unstable();
    let engine_models: serde_json::Map<String, Value> = app
        .engines
        .iter()
        .map(|(name, engine)| (name.as_str().to_string(), engine.model().into()))
        .collect();
    let cloud = engines.iter().any(|e| *e != "schematic");
    let mut checked_engines: Vec<&str> = app.checkers.keys().copied().collect();
    checked_engines.sort_unstable();
    let mut styles = vec!["diagram", "sketch", "blueprint"];
    if cloud {
        styles.push("photo");
    }
    Json(serde_json::json!({
        "engines": engines,
        "styles": styles,
        "formats": ["webp", "png", "jpeg", "svg"],
        // svg is a drawing: cloud engines make photos.
        "photo_formats": ["webp", "png", "jpeg"],
        "strategies": ["guided", "anchored", "chained", "independent"],
        "default_strategy": "guided",
        "default_style": "diagram",
        "max_side": 2048,
        "min_side": 256,
        "engine_models": engine_models,
        "models": {"gemini": gemini_models(), "openai": openai_models()},
        // Who may write plans here: `auto` picks the first model, else
        // the offline extractor.
        "verify": {
            "available": !app.checkers.is_empty(),
            "default": app.config.verify_default,
            "engines": checked_engines,
        },
        "planners": {
            "available": app.planners.available(),
            "models": app.planners.models(),
        },
    }))
}

/// The Gemini model table as JSON: each model's id, whether it is the
/// default, its input image limit and its sizes with tokens and prices.
fn gemini_models() -> Value {
    use engines::gemini::{models::MODELS, DEFAULT_MODEL};
    MODELS
        .iter()
        .map(|model| {
            serde_json::json!({
                "id": model.id,
                "default": model.id == DEFAULT_MODEL,
                "max_reference_images": model.max_reference_images,
                "sizes": model.sizes,
            })
        })
        .collect()
}

/// The OpenAI image model table as JSON: each model's id, whether it is
/// the default, its sizes, whether it takes high input fidelity, its input
/// image limit and its token prices (US dollars per million).
fn openai_models() -> Value {
    use engines::openai::models::{Sizes, MODELS};
    use engines::openai::DEFAULT_MODEL;
    MODELS
        .iter()
        .map(|model| {
            let sizes = match model.sizes {
                Sizes::Fixed(sizes) => serde_json::json!(sizes
                    .iter()
                    .map(|(w, h)| format!("{w}x{h}"))
                    .collect::<Vec<_>>()),
                Sizes::Flexible {
                    max_side,
                    min_pixels,
                    max_pixels,
                    max_ratio,
                    step,
                } => serde_json::json!({
                    "max_side": max_side,
                    "min_pixels": min_pixels,
                    "max_pixels": max_pixels,
                    "max_ratio": max_ratio,
                    "multiple_of": step,
                }),
            };
            serde_json::json!({
                "id": model.id,
                "default": model.id == DEFAULT_MODEL,
                "sizes": sizes,
                "input_fidelity_high": model.input_fidelity,
                "max_reference_images": model.max_references,
                "usd_per_million_tokens": model.prices,
            })
        })
        .collect()
}
