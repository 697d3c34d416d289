//! The guide endpoints.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::valid_guide_id;
use crate::app::SharedApp;
use crate::error::ApiError;
use crate::progress::{not_started, progress_json, step_json};
use crate::service::{self, Submitted};

fn check_id(id: &str) -> Result<(), ApiError> {
    if valid_guide_id(id) {
        Ok(())
    } else {
        Err(ApiError::BadId(format!(
            "id: {id:?} is not a guide id (1 to 128 letters, digits, '-', '_' or '.')"
        )))
    }
}

/// The body, or a JSON error: 413 naming the limit when it is too large.
fn body_of(app: &SharedApp, body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge {
                limit: app.config.body_limit,
            }
        } else {
            ApiError::Body(rejection.body_text())
        }
    })
}

/// `POST /step-images`: a new guide under a server-chosen id.
pub async fn create(
    State(app): State<SharedApp>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request = service::parse_request(&body_of(&app, body)?)?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    accepted(&app, service::submit(&app, &id, &request).await?)
}

/// `PUT /step-images/{id}`: a new guide under the caller's id; the same
/// body again changes nothing.
pub async fn create_with_id(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let request = service::parse_request(&body_of(&app, body)?)?;
    accepted(&app, service::submit(&app, &id, &request).await?)
}

fn accepted(app: &SharedApp, submitted: Submitted) -> Result<Response, ApiError> {
    let guide = match submitted {
        Submitted::New(g) | Submitted::Again(g) => g,
    };
    let base = app.base_url.trim_end_matches('/');
    let this = format!("/step-images/{}", guide.id);
    let body = json!({
        "id": guide.id,
        "status": guide.status,
        "total_steps": guide.total_steps,
        "links": {
            "self": format!("{base}{this}"),
            "events": format!("{base}{this}/events"),
        },
    });
    let mut response = (StatusCode::ACCEPTED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&this) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// `GET /step-images/{id}`: progress in the seed's shape; an unknown id is
/// `not_started`, as in the seed.
pub async fn progress(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let Some(guide) = app.state.guide(&id).await? else {
        return Ok(Json(not_started()).into_response());
    };
    let steps = app.state.steps(&id).await?;
    Ok(Json(progress_json(&guide, &steps, &app.base_url)).into_response())
}

/// `GET /step-images/{id}/step/{n}`.
pub async fn step(
    State(app): State<SharedApp>,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let n = step_number(&n)?;
    let step = app
        .state
        .step(&id, n)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("step {n} of guide {id}")))?;
    Ok(Json(step_json(&step, &app.base_url)).into_response())
}

/// `POST /step-images/{id}/step/{n}/regenerate`.
pub async fn regenerate(
    State(app): State<SharedApp>,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let n = step_number(&n)?;
    service::regenerate(&app, &id, n).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"id": id, "step_number": n, "status": "pending"})),
    )
        .into_response())
}

/// `DELETE /step-images/{id}`: cancel.
pub async fn cancel(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let guide = service::cancel(&app, &id).await?;
    Ok(Json(json!({"id": guide.id, "status": guide.status})).into_response())
}

fn step_number(text: &str) -> Result<u32, ApiError> {
    match text.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(ApiError::BadId(format!(
            "n: {text:?} is not a step number (1, 2, 3...)"
        ))),
    }
}
