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
        super::images::image,
        plan_schema,
        super::health::healthz,
        super::health::readyz,
        super::health::metrics,
    ),
    components(schemas(
        crate::progress::ProgressJson,
        crate::progress::StepImageJson,
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
