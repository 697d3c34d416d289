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
use crate::operations::{self, Submitted};
use crate::progress::{
    not_started, progress_json, step_json, AcceptedJson, LinksJson, ProgressJson, StepImageJson,
};

pub(super) fn check_id(id: &str) -> Result<(), ApiError> {
    if valid_guide_id(id) {
        Ok(())
    } else {
        Err(ApiError::BadId(format!(
            "id: {id:?} is not a guide id (1 to 128 letters, digits, '-', '_' or '.')"
        )))
    }
}

/// The body, or a JSON error: 413 naming the limit when it is too large.
pub(super) fn body_of(
    app: &SharedApp,
    body: Result<Bytes, BytesRejection>,
) -> Result<Bytes, ApiError> {
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
#[utoipa::path(post, path = "/step-images", tag = "guides", operation_id = "create_guide",
    request_body(content = super::docs::NewGuide, description = "A guide request in stepcast's shape or the seed's (see components.schemas.NewGuide)", content_type = "application/json"),
    responses(
        (status = 202, description = "Accepted; generation runs in the background", body = AcceptedJson,
            headers(("Location" = String, description = "The guide's progress, `/step-images/{id}`"))),
        (status = 400, description = "The body is not JSON (or not UTF-8)", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit (`--body-limit`, 8 MiB by default)", body = ErrorBody),
        (status = 422, description = "A field is wrong; `error.fields` names each", body = ErrorBody),
        (status = 503, description = "Queue full; see Retry-After", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn create(
    State(app): State<SharedApp>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request = operations::parse_request(&body_of(&app, body)?)?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    accepted(&app, operations::submit(&app, &id, &request).await?)
}

/// `PUT /step-images/{id}`: a new guide under the caller's id; the same
/// body again changes nothing.
#[utoipa::path(put, path = "/step-images/{id}", tag = "guides", operation_id = "create_guide_with_id",
    params(("id" = String, Path, description = "The caller's id, e.g. a workflow thread id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    request_body(content = super::docs::NewGuide, description = "A guide request in stepcast's shape or the seed's (see components.schemas.NewGuide)", content_type = "application/json"),
    responses(
        (status = 202, description = "Accepted (or the same request again under this id: nothing new is done)", body = AcceptedJson,
            headers(("Location" = String, description = "The guide's progress, `/step-images/{id}`"))),
        (status = 400, description = "Not a guide id, or the body is not JSON (or not UTF-8)", body = ErrorBody),
        (status = 409, description = "The id is taken by another request", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit (`--body-limit`, 8 MiB by default)", body = ErrorBody),
        (status = 422, description = "A field is wrong; `error.fields` names each", body = ErrorBody),
        (status = 503, description = "Queue full; see Retry-After", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn create_with_id(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let request = operations::parse_request(&body_of(&app, body)?)?;
    accepted(&app, operations::submit(&app, &id, &request).await?)
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
#[utoipa::path(get, path = "/step-images/{id}", tag = "guides", operation_id = "get_progress",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "The guide's progress (`not_started` for an unknown id, as in the seed)", body = ProgressJson),
        (status = 400, description = "Not a guide id", body = ErrorBody)))]
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
#[utoipa::path(get, path = "/step-images/{id}/step/{n}", tag = "guides", operation_id = "get_step",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"), ("n" = i64, Path, description = "1-based step number", minimum = 1, maximum = 4294967295.0)),
    responses(
        (status = 200, description = "The step", body = StepImageJson),
        (status = 400, description = "Not a guide id or not a step number", body = ErrorBody),
        (status = 404, description = "No such guide or step", body = ErrorBody)))]
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
#[utoipa::path(post, path = "/step-images/{id}/step/{n}/regenerate", tag = "guides", operation_id = "regenerate_step",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"), ("n" = i64, Path, description = "1-based step number", minimum = 1, maximum = 4294967295.0)),
    responses(
        (status = 202, description = "Queued again", body = super::docs::Regenerated),
        (status = 400, description = "Not a guide id or not a step number", body = ErrorBody),
        (status = 404, description = "No such guide or step", body = ErrorBody),
        (status = 409, description = "The guide waits for its plan to be checked (`awaits_review`): start drawing with POST /step-images/{id}/draw", body = ErrorBody)))]
pub async fn regenerate(
    State(app): State<SharedApp>,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let n = step_number(&n)?;
    operations::regenerate(&app, &id, n).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"id": id, "step_number": n, "status": "pending"})),
    )
        .into_response())
}

/// `POST /step-images/{id}/draw`: the maker checked the plan of a guide
/// submitted with `review_plan`; its steps are drawn from the plan as it
/// is now.
#[utoipa::path(post, path = "/step-images/{id}/draw", tag = "plans", operation_id = "start_drawing",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 202, description = "Drawing started", body = super::docs::DrawStarted),
        (status = 200, description = "Drawing had started already; nothing changed", body = super::docs::DrawStarted),
        (status = 400, description = "Not a guide id", body = ErrorBody),
        (status = 404, description = "No such guide", body = ErrorBody),
        (status = 409, description = "The guide did not ask to check its plan first (`not_in_review`), or its plan is still being written (`plan_pending`)", body = ErrorBody)))]
pub async fn draw(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let status = match operations::approve(&app, &id).await? {
        operations::Approved::Started => StatusCode::ACCEPTED,
        operations::Approved::AlreadyStarted => StatusCode::OK,
    };
    let guide = app
        .state
        .guide(&id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))?;
    Ok((status, Json(json!({"id": id, "status": guide.status}))).into_response())
}

/// `DELETE /step-images/{id}`: cancel.
#[utoipa::path(delete, path = "/step-images/{id}", tag = "guides", operation_id = "cancel_guide",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "Cancelled (or already final: its status is unchanged)", body = super::docs::Cancelled),
        (status = 400, description = "Not a guide id", body = ErrorBody),
        (status = 404, description = "No such guide", body = ErrorBody)))]
pub async fn cancel(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let guide = operations::cancel(&app, &id).await?;
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
