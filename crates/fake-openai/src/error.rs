//! The two kinds of error: [`FakeError`], the fake itself failing (for its
//! Rust callers), and [`ApiError`], an error answer the fake sends to its
//! HTTP clients in OpenAI's exact shape:
//!
//! ```json
//! {"error": {"message": "...", "type": "invalid_request_error", "param": "size", "code": "invalid_value"}}
//! ```
//!
//! All four keys are always present (`param` and `code` may be `null`), as
//! OpenAI sends them; the official SDKs read `code`, `param` and `type`
//! into their exceptions (`openai.BadRequestError.code`, ...).

use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

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

/// The message OpenAI sends with 401 when no key is given.
pub const NO_KEY_MESSAGE: &str = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
/// The message OpenAI sends with 500.
pub const SERVER_ERROR_MESSAGE: &str =
    "The server had an error while processing your request. Sorry about that!";
/// The message OpenAI sends with 503 when the model is overloaded.
pub const OVERLOADED_MESSAGE: &str = "The engine is currently overloaded, please try again later";
/// The message OpenAI sends with 429 `insufficient_quota`.
pub const QUOTA_MESSAGE: &str = "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.";
/// The message OpenAI sends for a body that is not JSON.
pub const INVALID_JSON_MESSAGE: &str = "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

/// An error answer: an HTTP status and OpenAI's four error fields, plus the
/// wait a 429 asks for (sent as `retry-after` and `retry-after-ms`, which
/// the official SDKs honour when they retry).
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The `type` field: `invalid_request_error`, `server_error`,
    /// `requests`, `insufficient_quota`, `image_generation_user_error`.
    pub kind: String,
    pub param: Option<String>,
    pub code: Option<String>,
    pub retry_after: Option<Duration>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            kind: kind.to_string(),
            param: None,
            code: None,
            retry_after: None,
        }
    }

    /// Names the request parameter at fault.
    pub fn param(mut self, param: impl Into<String>) -> ApiError {
        self.param = Some(param.into());
        self
    }

    /// Sets the machine-readable code.
    pub fn code(mut self, code: impl Into<String>) -> ApiError {
        self.code = Some(code.into());
        self
    }

    /// 400 `invalid_request_error`.
    pub fn invalid_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request_error", message)
    }

    /// 400: a required parameter is absent.
    pub fn missing(param: &str) -> ApiError {
        ApiError::invalid_request(format!("Missing required parameter: '{param}'."))
            .param(param)
            .code("missing_required_parameter")
    }

    /// 400: a value outside the parameter's allowed set, listing the set as
    /// OpenAI does (`Supported values are: 'a', 'b', and 'c'.`).
    pub fn invalid_value(param: &str, value: &str, supported: &[&str]) -> ApiError {
        ApiError::invalid_request(format!(
            "Invalid value: '{value}'. Supported values are: {}.",
            quoted_list(supported)
        ))
        .param(param)
        .code("invalid_value")
    }

    /// 400: a value of the wrong JSON type.
    pub fn invalid_type(param: &str, expected: &str, got: &Value) -> ApiError {
        ApiError::invalid_request(format!(
            "Invalid type for '{param}': expected {expected}, but got {} instead.",
            json_kind(got)
        ))
        .param(param)
        .code("invalid_type")
    }

    /// 400: an integer above its maximum.
    pub fn above_max(param: &str, max: i64, got: i64) -> ApiError {
        ApiError::invalid_request(format!(
            "Invalid '{param}': integer above maximum value. Expected a value <= {max}, but got {got} instead."
        ))
        .param(param)
        .code("integer_above_max_value")
    }

    /// 400: an integer below its minimum.
    pub fn below_min(param: &str, min: i64, got: i64) -> ApiError {
        ApiError::invalid_request(format!(
            "Invalid '{param}': integer below minimum value. Expected a value >= {min}, but got {got} instead."
        ))
        .param(param)
        .code("integer_below_min_value")
    }

    /// 400: a string longer than allowed.
    pub fn too_long(param: &str, max: usize, got: usize) -> ApiError {
        ApiError::invalid_request(format!(
            "Invalid '{param}': string too long. Expected a string with maximum length {max}, but got a string with length {got} instead."
        ))
        .param(param)
        .code("string_above_max_length")
    }

    /// 400: a parameter the endpoint does not know.
    pub fn unknown_parameter(param: &str) -> ApiError {
        ApiError::invalid_request(format!("Unknown parameter: '{param}'."))
            .param(param)
            .code("unknown_parameter")
    }

    /// 400: a parameter the model does not take.
    pub fn unsupported_parameter(param: &str) -> ApiError {
        ApiError::invalid_request(format!(
            "Unsupported parameter: '{param}' is not supported with this model."
        ))
        .param(param)
        .code("unsupported_parameter")
    }

    /// 400: the body is not JSON.
    pub fn invalid_json() -> ApiError {
        ApiError::invalid_request(INVALID_JSON_MESSAGE)
    }

    /// 404 for an Images API model that does not exist.
    pub fn image_model_not_found(model: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("The model `{model}` does not exist or you do not have access to it."),
        )
        .code("model_not_found")
    }

    /// 404 for a model that was shut down (`gpt-image-1`, DALL·E).
    pub fn retired_model(model: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!(
                "The model `{model}` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations"
            ),
        )
        .code("model_not_found")
    }

    /// 400 for a Responses API model that does not exist (the Responses
    /// API answers 400 naming `model`, where older endpoints answer 404).
    pub fn text_model_not_found(model: &str) -> ApiError {
        ApiError::invalid_request(format!("The requested model '{model}' does not exist."))
            .param("model")
            .code("model_not_found")
    }

    /// 401 without a key.
    pub fn no_key() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            NO_KEY_MESSAGE,
        )
    }

    /// 401 for a wrong key, which is shown masked as OpenAI does.
    pub fn bad_key(key: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            format!(
                "Incorrect API key provided: {}. You can find your API key at https://platform.openai.com/account/api-keys.",
                mask_key(key)
            ),
        )
        .code("invalid_api_key")
    }

    /// 429 `rate_limit_exceeded` for a model's requests-per-minute limit.
    pub fn rate_limited(model: &str, limit: usize, retry_after: Duration) -> ApiError {
        let wait = retry_after.as_secs_f64();
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "requests",
            format!(
                "Rate limit reached for {model} in organization org-fake on requests per min (RPM): \
                 Limit {limit}, Used {limit}, Requested 1. Please try again in {wait}s. Visit \
                 https://platform.openai.com/account/rate-limits to learn more."
            ),
        )
        .code("rate_limit_exceeded");
        error.retry_after = Some(retry_after);
        error
    }

    /// 429 `insufficient_quota` (not worth retrying).
    pub fn insufficient_quota() -> ApiError {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "insufficient_quota",
            QUOTA_MESSAGE,
        )
        .code("insufficient_quota")
    }

    /// 500.
    pub fn server_error() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            SERVER_ERROR_MESSAGE,
        )
    }

    /// 503.
    pub fn unavailable() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "server_error",
            OVERLOADED_MESSAGE,
        )
    }

    /// 400 `moderation_blocked`: the safety system refused the request, in
    /// the shape the Images API sends (`type: image_generation_user_error`).
    pub fn moderation_blocked(request_id: &str) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "image_generation_user_error",
            format!(
                "Your request was rejected by the safety system. If you believe this is an error, \
                 contact us at help.openai.com and include the request ID {request_id}. \
                 safety_violations=[violence]."
            ),
        )
        .code("moderation_blocked")
    }

    /// 404 for a route the API does not serve.
    pub fn invalid_url(method: &str, path: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("Invalid URL ({method} {path})"),
        )
    }

    /// An error with a scripted status, its `type` chosen as OpenAI pairs
    /// them.
    pub fn from_status(status: u16, message: impl Into<String>) -> ApiError {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let (kind, code) = match status.as_u16() {
            401 => ("invalid_request_error", Some("invalid_api_key")),
            429 => ("requests", Some("rate_limit_exceeded")),
            s if s >= 500 => ("server_error", None),
            _ => ("invalid_request_error", None),
        };
        let mut error = ApiError::new(status, kind, message);
        error.code = code.map(str::to_string);
        error
    }

    /// A 500 for a failure of the fake itself, logged with its cause.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "the fake OpenAI failed");
        ApiError::server_error()
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        json!({
            "error": {
                "message": self.message,
                "type": self.kind,
                "param": self.param,
                "code": self.code,
            }
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(wait) = self.retry_after {
            let headers = response.headers_mut();
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let pairs = [
                (header::RETRY_AFTER, secs.to_string()),
                (
                    HeaderName::from_static("retry-after-ms"),
                    wait.as_millis().to_string(),
                ),
                (
                    HeaderName::from_static("x-ratelimit-remaining-requests"),
                    "0".to_string(),
                ),
                (
                    HeaderName::from_static("x-ratelimit-reset-requests"),
                    format!("{}ms", wait.as_millis()),
                ),
            ];
            for (name, value) in pairs {
                if let Ok(value) = HeaderValue::from_str(&value) {
                    headers.insert(name, value);
                }
            }
        }
        response
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: how OpenAI lists values.
pub(crate) fn quoted_list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// The JSON type's name as OpenAI's messages say it.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a decimal",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `sk-proj-****************MxYA`: the first 8 and last 4 characters of
/// a key, the rest starred (short keys show less).
fn mask_key(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let (head, tail) = if chars.len() > 12 {
        (8, 4)
    } else {
        (chars.len().min(3), if chars.len() > 6 { 2 } else { 0 })
    };
    let stars = chars.len() - head - tail;
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('*', stars));
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_listed_as_openai_lists_them() {
        assert_eq!(quoted_list(&["a"]), "'a'");
        assert_eq!(quoted_list(&["a", "b"]), "'a' and 'b'");
        assert_eq!(quoted_list(&["a", "b", "c"]), "'a', 'b', and 'c'");
    }

    #[test]
    fn keys_are_masked() {
        assert_eq!(
            mask_key("sk-proj-abcdefghijklmnopMxYA"),
            "sk-proj-****************MxYA"
        );
        assert_eq!(mask_key("wrong"), "wro**");
        assert_eq!(mask_key(""), "");
        assert_eq!(mask_key("ab"), "ab");
    }

    #[test]
    fn the_body_always_has_the_four_fields() {
        let body = ApiError::server_error().body();
        let error = body["error"].as_object().expect("object");
        for key in ["message", "type", "param", "code"] {
            assert!(error.contains_key(key), "{key}");
        }
        assert!(error["param"].is_null() && error["code"].is_null());
    }
}
