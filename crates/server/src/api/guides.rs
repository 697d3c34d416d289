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
use crate::error::{ApiError, ErrorBody};
use crate::progress::{
    not_started, progress_json, step_json, AcceptedJson, LinksJson, ProgressJson, StepImageJson,
};
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
#[utoipa::path(post, path = "/step-images", tag = "guides",
    request_body(content = Object, description = "A guide request in stepcast's shape or the seed's (see components.schemas.GuideRequest)", content_type = "application/json"),
    responses(
        (status = 202, description = "Accepted; generation runs in the background", body = AcceptedJson),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field is wrong", body = ErrorBody),
        (status = 503, description = "Queue full; see Retry-After", body = ErrorBody)))]
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
#[utoipa::path(put, path = "/step-images/{id}", tag = "guides",
    params(("id" = String, Path, description = "The caller's id, e.g. a workflow thread id")),
    request_body(content = Object, content_type = "application/json"),
    responses(
        (status = 202, body = AcceptedJson),
        (status = 409, description = "The id is taken by another request", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
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
    let body = AcceptedJson {
        links: LinksJson {
            this: format!("{base}{this}"),
            events: format!("{base}{this}/events"),
        },
        id: guide.id,
        status: guide.status,
        total_steps: guide.total_steps,
    };
    let mut response = (StatusCode::ACCEPTED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&this) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// `GET /step-images/{id}`: progress in the seed's shape; an unknown id is
/// `not_started`, as in the seed.
#[utoipa::path(get, path = "/step-images/{id}", tag = "guides",
    params(("id" = String, Path)),
    responses((status = 200, body = ProgressJson), (status = 400, body = ErrorBody)))]
pub async fn progress(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    // A finished guide's progress is answered from memory until its next
    // event (see `crate::finished`).
    let ticket = match app.finished.get(&id, crate::app::now()) {
        Ok(body) => return Ok(json_bytes(body)),
        Err(ticket) => ticket,
    };
    let Some(guide) = app.state.guide(&id).await? else {
        return Ok(Json(not_started()).into_response());
    };
    let steps = app.state.steps(&id).await?;
    let plan = crate::plans::facts(&app, &guide).await?;
    let progress = progress_json(&guide, &steps, &app.base_url, &plan);
    if !guide.status.is_final() {
        return Ok(Json(progress).into_response());
    }
    let body = bytes::Bytes::from(
        serde_json::to_vec(&progress).map_err(|e| ApiError::Internal(e.to_string()))?,
    );
    app.finished
        .fill(&id, ticket, body.clone(), guide.expires_at);
    Ok(json_bytes(body))
}

/// A JSON body already serialised.
fn json_bytes(body: bytes::Bytes) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// `GET /step-images/{id}/step/{n}`.
#[utoipa::path(get, path = "/step-images/{id}/step/{n}", tag = "guides",
    params(("id" = String, Path), ("n" = u32, Path, description = "1-based step number")),
    responses((status = 200, body = StepImageJson), (status = 404, body = ErrorBody)))]
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
    let reading = match app.state.guide(&id).await? {
        Some(guide) => crate::plans::facts(&app, &guide).await?.reading,
        None => None,
    };
    Ok(Json(step_json(&step, &app.base_url, reading.as_deref())).into_response())
}

/// `POST /step-images/{id}/step/{n}/regenerate`.
#[utoipa::path(post, path = "/step-images/{id}/step/{n}/regenerate", tag = "guides",
    params(("id" = String, Path), ("n" = u32, Path)),
    responses((status = 202, description = "Queued again"), (status = 404, body = ErrorBody)))]
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
#[utoipa::path(delete, path = "/step-images/{id}", tag = "guides",
    params(("id" = String, Path)),
    responses((status = 200, description = "Cancelled (or already final)"), (status = 404, body = ErrorBody)))]
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
