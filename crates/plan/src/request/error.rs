//! Errors a request can have.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One problem with one field of a request.
///
/// `path` names the field as written in the request, JSON-style with
/// 0-based indices: `steps[3].title`, `construction_steps[2].step_number`,
/// `plan.parts[1].placement.target`. `request` names the request itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for FieldError {}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The text is not well-formed JSON or YAML. `line` and `column` are
    /// 1-based.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The request is well-formed but some fields are wrong; every problem
    /// found is listed.
    #[error("{}", join(.0))]
    Invalid(Vec<FieldError>),
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(FieldError::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl RequestError {
    /// A stable machine-readable code for the kind of error: `"syntax"` or
    /// `"invalid_field"`.
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::Syntax { .. } => "syntax",
            RequestError::Invalid(_) => "invalid_field",
        }
    }

    /// The field errors; empty for a syntax error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            RequestError::Syntax { .. } => &[],
            RequestError::Invalid(errors) => errors,
        }
    }

    /// A request error made of one field error.
    pub fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        RequestError::Invalid(vec![FieldError::new(path, message)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_codes() {
        let err = RequestError::Invalid(vec![
            FieldError::new("steps[3].title", "must not be empty"),
            FieldError::new("width", "must be between 256 and 2048, found 10"),
        ]);
        assert_eq!(
            err.to_string(),
            "steps[3].title: must not be empty; width: must be between 256 and 2048, found 10"
        );
        assert_eq!(err.code(), "invalid_field");
        assert_eq!(err.field_errors().len(), 2);

        let syntax = RequestError::Syntax {
            line: 2,
            column: 5,
            message: "expected value".into(),
        };
        assert_eq!(syntax.to_string(), "line 2, column 5: expected value");
        assert_eq!(syntax.code(), "syntax");
        assert!(syntax.field_errors().is_empty());
    }

    #[test]
    fn field_error_serializes_as_path_and_message() -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(FieldError::new("title", "must not be empty"))?;
        assert_eq!(
            value,
            serde_json::json!({"path": "title", "message": "must not be empty"})
        );
        Ok(())
    }
}
