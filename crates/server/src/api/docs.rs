//! Machine-readable descriptions: the plan's JSON Schema.

use axum::Json;
use serde_json::Value;

/// `GET /plan.schema.json`: the assembly model a request's `plan` follows.
pub async fn plan_schema() -> Json<Value> {
    Json(plan::model::Plan::json_schema())
}
