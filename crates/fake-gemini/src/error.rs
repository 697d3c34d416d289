//! The two kinds of error: [`FakeError`], the fake itself failing (for
//! its Rust callers), and [`ApiError`], an error answer the fake sends to
//! its HTTP clients in Google's exact shape.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::wire::{duration_json, ErrorBody, ErrorStatus};

/// The fake could not start or be configured.
#[derive(Debug, thiserror::Error)]
pub enum FakeError {
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("could not start the fake's server thread: {0}")]
    Start(std::io::Error),
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// The message Google sends with 500 INTERNAL.
pub const INTERNAL_MESSAGE: &str = "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
/// The message Google sends with 503 UNAVAILABLE when a model is busy.
pub const OVERLOADED_MESSAGE: &str = "The model is overloaded. Please try again later.";
/// The message Google sends with 429 RESOURCE_EXHAUSTED.
pub const EXHAUSTED_MESSAGE: &str = "Resource has been exhausted (e.g. check quota).";
/// The message Google sends with 403 when no key is given.
pub const NO_KEY_MESSAGE: &str = "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
/// The message Google sends with 400 for a wrong key.
pub const BAD_KEY_MESSAGE: &str = "API key not valid. Please pass a valid API key.";
/// The message Google sends when an input image cannot be decoded.
pub const BAD_IMAGE_MESSAGE: &str = "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";

/// An error answer: an HTTP status, its `google.rpc.Code` name, a message
/// and optional typed details, sent as `{"error": {...}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub http: StatusCode,
    pub message: String,
    pub details: Vec<serde_json::Value>,
}

impl ApiError {
    pub fn new(http: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            http,
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// 400 INVALID_ARGUMENT.
    pub fn invalid_argument(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404 NOT_FOUND.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 404 for a model the API does not serve, with Google's wording.
    pub fn unknown_model(model: &str, version: &str) -> ApiError {
        ApiError::not_found(format!(
            "models/{model} is not found for API version {version}, or is not supported for \
             generateContent. Call ListModels to see the list of available models and their \
             supported methods."
        ))
    }

    /// 403 PERMISSION_DENIED for a request without a key.
    pub fn no_key() -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, NO_KEY_MESSAGE)
    }

    /// 400 INVALID_ARGUMENT for a wrong key, with the `ErrorInfo` detail
    /// clients use to tell it from other bad requests.
    pub fn bad_key() -> ApiError {
        let mut error = ApiError::invalid_argument(BAD_KEY_MESSAGE);
        error.details.push(json!({
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "API_KEY_INVALID",
            "domain": "googleapis.com",
            "metadata": {"service": "generativelanguage.googleapis.com"}
        }));
        error
    }

    /// 429 RESOURCE_EXHAUSTED with a `QuotaFailure` naming the quota and a
    /// `RetryInfo` saying how long to wait.
    pub fn exhausted(model: &str, quota_id: &str, retry_delay: Duration) -> ApiError {
        let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, EXHAUSTED_MESSAGE);
        error.details.push(json!({
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            "violations": [{
                "quotaMetric": "generativelanguage.googleapis.com/generate_content_requests",
                "quotaId": quota_id,
                "quotaDimensions": {"location": "global", "model": model}
            }]
        }));
        error.details.push(json!({
            "@type": "type.googleapis.com/google.rpc.RetryInfo",
            "retryDelay": duration_json(retry_delay)
        }));
        error
    }

    /// The `google.rpc.Code` name Google pairs with the HTTP status.
    pub fn status_name(&self) -> &'static str {
        status_name(self.http)
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorStatus {
                code: self.http.as_u16(),
                message: self.message.clone(),
                status: self.status_name(),
                details: self.details.clone(),
            },
        }
    }
}

/// Maps an HTTP status to the `google.rpc.Code` name Google sends with it.
pub fn status_name(http: StatusCode) -> &'static str {
    match http.as_u16() {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        413 => "INVALID_ARGUMENT",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.http, axum::Json(self.body())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exhausted_carries_quota_failure_and_retry_info() {
        let body =
            serde_json::to_value(ApiError::exhausted("m", "q", Duration::from_millis(1500)).body())
                .unwrap();
        assert_eq!(body["error"]["code"], 429);
        assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
        assert_eq!(body["error"]["details"][1]["retryDelay"], "1.500s");
        assert_eq!(body["error"]["details"][0]["violations"][0]["quotaId"], "q");
    }

    #[test]
    fn errors_without_details_leave_the_field_out() {
        let body = serde_json::to_value(ApiError::not_found("x").body()).unwrap();
        assert!(body["error"].get("details").is_none());
    }
}
