//! The `/_fake/*` control endpoints, through which other processes (see
//! `stepcast fake-gemini`) read the request log and stats and manage
//! fault rules as tests do through [`FakeGemini`](crate::FakeGemini), and
//! the answer to routes the fake does not serve.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::error::ApiError;
use crate::faults::FaultRule;
use crate::log::{LoggedRequest, Stats};
use crate::server::Shared;
use crate::text::ScriptedAnswer;

pub(crate) async fn unknown_route() -> Response {
    ApiError::not_found("Method not found.").into_response()
}

pub(crate) async fn list_requests(State(shared): State<Arc<Shared>>) -> Json<Vec<LoggedRequest>> {
    Json(shared.book().entries())
}

pub(crate) async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.book().clear();
    StatusCode::NO_CONTENT
}

pub(crate) async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Vec<FaultRule>> {
    Json(shared.rules().list())
}

pub(crate) async fn add_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<FaultRule>(&body) {
        Ok(rule) => {
            shared.rules().add(rule.clone());
            (StatusCode::CREATED, Json(rule)).into_response()
        }
        Err(e) => ApiError::invalid_argument(format!("not a fault rule: {e}")).into_response(),
    }
}

pub(crate) async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.rules().clear();
    StatusCode::NO_CONTENT
}

pub(crate) async fn stats(State(shared): State<Arc<Shared>>) -> Json<Stats> {
    Json(shared.book().stats())
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
        Err(e) => ApiError::invalid_argument(format!(
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
