//! The `/_fake/*` control endpoints, through which other processes (the
//! `fake-openai` binary's clients, the SDK check) read the request log and
//! stats and manage fault rules and scripted answers as tests do through
//! [`FakeOpenAi`](crate::FakeOpenAi); and the model listing `GET
//! /v1/models`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::catalog::{IMAGE_MODELS, TEXT_MODELS};
use crate::error::ApiError;
use crate::faults::FaultRule;
use crate::log::{LoggedRequest, Stats};
use crate::server::Shared;
use crate::text::ScriptedAnswer;

pub(crate) async fn list_requests(State(shared): State<Arc<Shared>>) -> Json<Vec<LoggedRequest>> {
    Json(shared.book().entries())
}

pub(crate) async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.book().clear();
    StatusCode::NO_CONTENT
}

pub(crate) async fn stats(State(shared): State<Arc<Shared>>) -> Json<Stats> {
    Json(shared.book().stats())
}

pub(crate) async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Vec<FaultRule>> {
    Json(shared.rules().list())
}

/// Takes one rule (`{"fault": "rate_limited", "times": 1, "endpoint":
/// "images.edits", "when_prompt_contains": "..."}`).
pub(crate) async fn add_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<FaultRule>(&body) {
        Ok(rule) => {
            shared.rules().add(rule.clone());
            (StatusCode::CREATED, Json(rule)).into_response()
        }
        Err(e) => ApiError::invalid_request(format!("not a fault rule: {e}")).into_response(),
    }
}

pub(crate) async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.rules().clear();
    StatusCode::NO_CONTENT
}

pub(crate) async fn list_answers(State(shared): State<Arc<Shared>>) -> Json<Vec<ScriptedAnswer>> {
    Json(shared.queued_answers())
}

/// Takes one scripted answer or a list of them.
pub(crate) async fn add_answers(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<ScriptedAnswer>),
        One(ScriptedAnswer),
    }
    match serde_json::from_slice::<OneOrMany>(&body) {
        Ok(parsed) => {
            let answers = match parsed {
                OneOrMany::Many(answers) => answers,
                OneOrMany::One(answer) => vec![answer],
            };
            shared.push_answers(answers.clone());
            (StatusCode::CREATED, Json(answers)).into_response()
        }
        Err(e) => ApiError::invalid_request(format!(
            "not a scripted answer ({{\"kind\": \"text\", \"text\": ...}}, \
             {{\"kind\": \"refusal\"}} or {{\"kind\": \"error\", \"status\": 503, \"message\": ...}}): {e}"
        ))
        .into_response(),
    }
}

pub(crate) async fn clear_answers(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.clear_answers();
    StatusCode::NO_CONTENT
}

/// Every model the fake serves, as a `Model` object.
fn models() -> impl Iterator<Item = Value> {
    IMAGE_MODELS.iter().map(|m| m.name).chain(TEXT_MODELS).map(
        |id| json!({"id": id, "object": "model", "created": 1_767_225_600, "owned_by": "system"}),
    )
}

/// `GET /v1/models`.
pub(crate) async fn list_models(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if let Err(error) = shared.check_key(&headers) {
        return error.into_response();
    }
    Json(json!({"object": "list", "data": models().collect::<Vec<_>>()})).into_response()
}

/// `GET /v1/models/{model}`.
pub(crate) async fn get_model(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(model): Path<String>,
) -> Response {
    if let Err(error) = shared.check_key(&headers) {
        return error.into_response();
    }
    match models().find(|m| m["id"] == model.as_str()) {
        Some(found) => Json(found).into_response(),
        None => ApiError::image_model_not_found(&model)
            .param("model")
            .into_response(),
    }
}
