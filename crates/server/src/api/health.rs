//! Liveness and readiness.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::app::SharedApp;

#[utoipa::path(get, path = "/healthz", tag = "ops", operation_id = "healthz",
    responses((status = 200, description = "Alive", body = super::docs::Health)))]
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Ready when the stores answer: the state store and queue, and the image
/// store (a directory or an S3 bucket). The body says which does not.
#[utoipa::path(get, path = "/readyz", tag = "ops", operation_id = "readyz",
    responses(
        (status = 200, description = "Ready", body = super::docs::Ready),
        (status = 503, description = "A store does not answer; `checks` says which", body = super::docs::Ready)))]
pub async fn readyz(State(app): State<SharedApp>) -> (StatusCode, Json<Value>) {
    let (queue, images) = tokio::join!(app.queue.depth(), app.blobs.ready());
    let state = match &queue {
        Ok(_) => json!("ok"),
        Err(e) => json!(e.to_string()),
    };
    let blobs = match &images {
        Ok(()) => json!("ok"),
        Err(e) => json!(e.to_string()),
    };
    let checks = json!({"state": state, "images": blobs});
    match (queue, images) {
        (Ok(depth), Ok(())) => (
            StatusCode::OK,
            Json(json!({"status": "ready", "queue_depth": depth, "checks": checks})),
        ),
        _ => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "checks": checks})),
        ),
    }
}

/// `GET /metrics`: Prometheus text format.
#[utoipa::path(get, path = "/metrics", tag = "ops", operation_id = "metrics",
    responses(
        (status = 200, description = "Prometheus metrics, in the OpenMetrics text format", body = String, content_type = "application/openmetrics-text"),
        (status = 500, description = "The state store did not answer", body = crate::error::ErrorBody)))]
pub async fn metrics(State(app): State<SharedApp>) -> axum::response::Response {
    use axum::response::IntoResponse;
    match crate::metrics::scrape(&app).await {
        Ok(text) => (
            [(
                axum::http::header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(e) => crate::error::ApiError::from(e).into_response(),
    }
}
