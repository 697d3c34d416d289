//! The API's errors: each maps to an HTTP status and a stable code, with a
//! JSON body that names the field when a field is at fault.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// One problem with one field of a request.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request body is not valid JSON: {message} (line {line}, column {column})")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the request has invalid fields")]
    Invalid(Vec<FieldProblem>),
    #[error("{0}")]
    BadId(String),
    #[error("{0}")]
    NotFound(String),
    #[error("the request body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the request body could not be read: {0}")]
    Body(String),
    #[error("a guide with this id exists with a different request")]
    Conflict,
    #[error("a bearer token is required")]
    Unauthorized,
    #[error("the queue is full; try again later")]
    Busy { retry_after_secs: u64 },
    /// An edit made from a version that is no longer the newest (someone
    /// saved meanwhile): nothing was written.
    #[error("the plan was changed since version {expected} (it is at version {current}); reload it and edit again")]
    StaleVersion { expected: u32, current: u32 },
    /// A write that must name the version it was made from did not.
    #[error("{0}")]
    VersionRequired(String),
    /// Starting to draw a guide that did not ask to have its plan checked
    /// first.
    #[error("guide {0} did not ask to check its plan first (review_plan): it is drawn already")]
    NotInReview(String),
    /// A guide that waits for the maker to check its plan draws nothing
    /// until drawing is started.
    #[error(
        "guide {0} waits for its plan to be checked: start drawing with POST /step-images/{0}/draw"
    )]
    AwaitsReview(String),
    /// The guide's plan is still being written by a language model.
    #[error("the plan of guide {0} is still being written; try again when its plan event arrives")]
    PlanPending(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Syntax { .. } => "syntax",
            ApiError::Invalid(_) => "invalid_field",
            ApiError::BadId(_) => "invalid_id",
            ApiError::NotFound(_) => "not_found",
            ApiError::TooLarge { .. } => "too_large",
            ApiError::Body(_) => "bad_body",
            ApiError::Conflict => "conflict",
            ApiError::Unauthorized => "unauthorized",
            ApiError::Busy { .. } => "busy",
            ApiError::StaleVersion { .. } => "version_conflict",
            ApiError::VersionRequired(_) => "version_required",
            ApiError::PlanPending(_) => "plan_pending",
            ApiError::NotInReview(_) => "not_in_review",
            ApiError::AwaitsReview(_) => "awaits_review",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Syntax { .. } | ApiError::BadId(_) | ApiError::Body(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict
            | ApiError::PlanPending(_)
            | ApiError::NotInReview(_)
            | ApiError::AwaitsReview(_) => StatusCode::CONFLICT,
            ApiError::StaleVersion { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::VersionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Every error's body.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody<'a> {
    pub error: ErrorDetail<'a>,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail<'a> {
    /// A stable code: syntax, invalid_field, invalid_id, not_found,
    /// too_large, conflict, unauthorized, busy, version_conflict,
    /// version_required, plan_pending, not_in_review, awaits_review,
    /// internal.
    pub code: &'a str,
    pub message: String,
    /// The first field at fault, as a JSON path (`steps[0].title`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub fields: &'a [FieldProblem],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(message) = &self {
            tracing::error!(%message, "internal error");
        }
        let fields: &[FieldProblem] = match &self {
            ApiError::Invalid(f) => f,
            _ => &[],
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: match fields.first() {
                    Some(first) => format!("{}: {}", first.field, first.message),
                    None => self.to_string(),
                },
                field: fields.first().map(|f| f.field.as_str()),
                fields,
            },
        };
        let mut response = (self.status(), Json(body)).into_response();
        if let ApiError::Busy { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        if let ApiError::Unauthorized = self {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<store::StoreError> for ApiError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::NotFound(what) => ApiError::NotFound(what),
            store::StoreError::InvalidImageId => {
                ApiError::BadId("image id: not a valid image id".into())
            }
            store::StoreError::VersionConflict { expected, current } => {
                ApiError::StaleVersion { expected, current }
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<plan::request::RequestError> for ApiError {
    fn from(e: plan::request::RequestError) -> Self {
        match e {
            plan::request::RequestError::Syntax {
                line,
                column,
                message,
            } => ApiError::Syntax {
                line,
                column,
                message,
            },
            plan::request::RequestError::Invalid(errors) => ApiError::Invalid(
                errors
                    .into_iter()
                    .map(|e| FieldProblem {
                        field: e.path,
                        message: e.message,
                    })
                    .collect(),
            ),
        }
    }
}
