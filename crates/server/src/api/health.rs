//! Liveness and readiness.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::app::SharedApp;

pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Ready when the stores answer.
pub async fn readyz(State(app): State<SharedApp>) -> (StatusCode, Json<Value>) {
    match app.queue.depth().await {
        Ok(depth) => (
            StatusCode::OK,
            Json(json!({"status": "ready", "queue_depth": depth})),
        ),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "error": e.to_string()})),
        ),
    }
}
