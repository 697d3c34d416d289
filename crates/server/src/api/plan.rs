//! The plan endpoints: what stepcast understood, and the maker's fixes.
//!
//! The plan's version is its entity tag: `GET` answers it in `ETag`, and
//! a write must name the version it was made from in `If-Match`, so an
//! editor who saves after someone else gets a 412 instead of silently
//! undoing their fix.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::ToSchema;

use super::guides::{body_of, check_id};
use crate::app::SharedApp;
use crate::error::{ApiError, ErrorBody, FieldProblem};
use crate::plan_edits::{self, CurrentPlan, SavedPlan};

/// A guide's plan as it is drawn now.
#[derive(Serialize, ToSchema)]
pub struct PlanJson {
    pub guide_id: String,
    /// The stored version (also the `ETag`); 0 until a plan is stored (the
    /// extractor's reading of the request, or the request's own plan).
    pub version: u32,
    /// Who wrote it: `offline`, `request`, `gemini:MODEL`, `openai:MODEL`,
    /// `edited`, `revert to N`.
    pub source: String,
    pub repairs: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<f64>,
    /// The extractor's confidence in its reading of the text (0..=1), for
    /// an unedited offline plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// The assembly model (`/plan.schema.json`).
    #[schema(value_type = Object)]
    pub plan: Value,
}

/// What saving (or reverting) a plan did.
#[derive(Serialize, ToSchema)]
pub struct SavedPlanJson {
    pub guide_id: String,
    /// The new version (also the `ETag`).
    pub version: u32,
    /// Steps drawn again because their picture changes, 1-based.
    pub redrawn: Vec<u32>,
    /// Steps whose picture stays as it is.
    pub unchanged: Vec<u32>,
    pub redraw_count: usize,
    /// Whether the camera kept its framing (when the build no longer fits
    /// it, every step is redrawn).
    pub framing_kept: bool,
    /// The redraw's estimated price in US$, from what this guide's pictures
    /// cost so far (0 on the schematic engine).
    pub estimated_cost_usd: f64,
}

/// One stored version.
#[derive(Serialize, ToSchema)]
pub struct PlanVersionJson {
    pub version: u32,
    pub source: String,
    pub repairs: u32,
    pub created_at: f64,
}

/// Every stored version, oldest first.
#[derive(Serialize, ToSchema)]
pub struct PlanVersionsJson {
    pub guide_id: String,
    pub versions: Vec<PlanVersionJson>,
}

/// The body of a revert.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevertBody {
    /// The stored version to make the newest again (a whole number, `3` or
    /// `3.0`, as numbers are everywhere in the API).
    #[schema(value_type = u32, minimum = 0, maximum = 4294967295.0)]
    pub version: f64,
}

impl RevertBody {
    /// The version, when it is a whole number a version can be.
    fn version(&self) -> Result<u32, ApiError> {
        let v = self.version;
        if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
            Ok(v as u32)
        } else {
            Err(ApiError::Invalid(vec![FieldProblem {
                field: "version".into(),
                message: format!("{v} is not a plan version (1, 2, 3...)"),
            }]))
        }
    }
}

fn etag(version: u32) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The version `If-Match` names: `"3"` (or `3`); `*` matches whatever is
/// newest. A write without it is refused: it would overwrite blindly.
async fn if_match(app: &SharedApp, id: &str, headers: &HeaderMap) -> Result<u32, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Err(ApiError::VersionRequired(
            "If-Match: required, the plan version this edit was made from (the ETag of GET .../plan)"
                .into(),
        ));
    };
    let text = value.to_str().unwrap_or("").trim();
    if text == "*" {
        return Ok(plan_edits::current(app, id).await?.version);
    }
    let unquoted = text.trim_start_matches("W/").trim_matches('"');
    unquoted.parse::<u32>().map_err(|_| {
        ApiError::Invalid(vec![FieldProblem {
            field: "If-Match".into(),
            message: format!("{text:?} is not a plan version (\"3\")"),
        }])
    })
}

fn plan_json(id: &str, current: CurrentPlan) -> Result<Response, ApiError> {
    let version = current.version;
    let body = PlanJson {
        guide_id: id.to_string(),
        version,
        source: current.source,
        repairs: current.repairs,
        created_at: current.created_at,
        confidence: current.confidence,
        plan: serde_json::to_value(&current.plan).map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::ETAG, etag(version));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

fn saved_json(id: &str, saved: SavedPlan) -> Response {
    let version = saved.version;
    let mut response = Json(SavedPlanJson {
        guide_id: id.to_string(),
        version,
        redraw_count: saved.redrawn.len(),
        redrawn: saved.redrawn,
        unchanged: saved.unchanged,
        framing_kept: saved.framing_kept,
        estimated_cost_usd: saved.estimated_cost_usd,
    })
    .into_response();
    response.headers_mut().insert(header::ETAG, etag(version));
    response
}

/// `GET /step-images/{id}/plan`.
#[utoipa::path(get, path = "/step-images/{id}/plan", tag = "plans", operation_id = "get_plan",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "The plan as it is drawn now", body = PlanJson,
            headers(("ETag" = String, description = "The plan's version, quoted: send it back in If-Match"))),
        (status = 400, description = "Not a guide id", body = ErrorBody),
        (status = 404, description = "No such guide", body = ErrorBody),
        (status = 409, description = "A language model is still writing the plan (`plan_pending`)", body = ErrorBody)))]
pub async fn get_plan(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    plan_json(&id, plan_edits::current(&app, &id).await?)
}

/// `PUT /step-images/{id}/plan`: an edited plan, made from the version in
/// `If-Match`.
#[utoipa::path(put, path = "/step-images/{id}/plan", tag = "plans", operation_id = "put_plan",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"),
        ("If-Match" = String, Header, description = "The version the edit was made from, as GET's ETag (\"3\"), or * for whatever is newest",
            pattern = r#"^\s*(\*|(W/)?"?[0-9]{1,9}"?)\s*$"#)),
    request_body(content = super::docs::PlanEdit, description = "`{\"plan\": {...}}`: what GET answers, with the plan edited (other fields are ignored)", content_type = "application/json"),
    responses(
        (status = 200, description = "Stored as the next version; the steps whose picture changes are drawn again", body = SavedPlanJson,
            headers(("ETag" = String, description = "The new version, quoted"))),
        (status = 400, description = "Not a guide id, or the body is not JSON", body = ErrorBody),
        (status = 404, description = "No such guide", body = ErrorBody),
        (status = 409, description = "A language model is still writing the plan (`plan_pending`)", body = ErrorBody),
        (status = 412, description = "The plan was saved by someone else since that version (`version_conflict`): nothing was written", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit", body = ErrorBody),
        (status = 422, description = "A field of the plan is wrong (`plan.parts[2].kind`), or If-Match is not a version", body = ErrorBody),
        (status = 428, description = "If-Match is missing (`version_required`)", body = ErrorBody)))]
pub async fn put_plan(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let body = body_of(&app, body)?;
    let replaces = if_match(&app, &id, &headers).await?;
    let plan = plan_edits::parse_edit(&body)?;
    let saved = plan_edits::save(&app, &id, plan, replaces, plan_edits::EDITED).await?;
    Ok(saved_json(&id, saved))
}

/// `POST /step-images/{id}/plan/revert`: a stored version made the newest
/// again (as a new version, so nothing is lost).
#[utoipa::path(post, path = "/step-images/{id}/plan/revert", tag = "plans", operation_id = "revert_plan",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"),
        ("If-Match" = String, Header, description = "The newest version as the client knows it (\"3\"), or *",
            pattern = r#"^\s*(\*|(W/)?"?[0-9]{1,9}"?)\s*$"#)),
    request_body(content = RevertBody, content_type = "application/json"),
    responses(
        (status = 200, description = "Stored as the next version; the steps whose picture changes are drawn again", body = SavedPlanJson,
            headers(("ETag" = String, description = "The new version, quoted"))),
        (status = 400, description = "Not a guide id, or the body is not JSON", body = ErrorBody),
        (status = 404, description = "No such guide, or no such version of its plan", body = ErrorBody),
        (status = 409, description = "A language model is still writing the plan (`plan_pending`)", body = ErrorBody),
        (status = 412, description = "The plan was saved by someone else since that version: nothing was written", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit", body = ErrorBody),
        (status = 422, description = "`version` is not a version number, or If-Match is not a version", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody)))]
pub async fn revert(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let body = body_of(&app, body)?;
    let replaces = if_match(&app, &id, &headers).await?;
    let wanted: RevertBody = serde_json::from_slice(&body).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            ApiError::Syntax {
                line: e.line().max(1),
                column: e.column().max(1),
                message: e.to_string(),
            }
        } else {
            ApiError::Invalid(vec![FieldProblem {
                field: "version".into(),
                message: e.to_string(),
            }])
        }
    })?;
    let saved = plan_edits::revert(&app, &id, wanted.version()?, replaces).await?;
    Ok(saved_json(&id, saved))
}

/// `GET /step-images/{id}/plan/versions`.
#[utoipa::path(get, path = "/step-images/{id}/plan/versions", tag = "plans", operation_id = "plan_versions",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "Every stored version, oldest first (none until a plan is stored)", body = PlanVersionsJson),
        (status = 400, description = "Not a guide id", body = ErrorBody),
        (status = 404, description = "No such guide", body = ErrorBody)))]
pub async fn versions(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id(&id)?;
    let versions = plan_edits::versions(&app, &id)
        .await?
        .into_iter()
        .map(|p| PlanVersionJson {
            version: p.version,
            source: p.source,
            repairs: p.repairs,
            created_at: p.created_at,
        })
        .collect();
    Ok(Json(json!(PlanVersionsJson {
        guide_id: id,
        versions
    }))
    .into_response())
}
