//! Parsing requests from JSON and YAML text.

use serde_json::{Map, Value};

use super::limits::MAX_REPORTED_ERRORS;
use super::raw::{RawRequest, STEP_FIELDS, TOP_FIELDS};
use super::validate::validate;
use super::{FieldError, GuideRequest, RequestError};

/// Parses, normalises and validates a request written in JSON.
pub fn parse_json(text: &str) -> Result<GuideRequest, RequestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| RequestError::Syntax {
        line: e.line().max(1),
        column: e.column().max(1),
        message: strip_location(&e.to_string(), e.line(), e.column()),
    })?;
    from_value(value)
}

/// Parses, normalises and validates a request written in YAML.
pub fn parse_yaml(text: &str) -> Result<GuideRequest, RequestError> {
    let value: Value = serde_norway::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |at| (at.line(), at.column()));
        RequestError::Syntax {
            line: line.max(1),
            column: column.max(1),
            message: strip_location(&e.to_string(), line, column),
        }
    })?;
    from_value(value)
}

/// See [`GuideRequest::from_value`].
pub(super) fn from_value(value: Value) -> Result<GuideRequest, RequestError> {
    let Value::Object(map) = &value else {
        return Err(RequestError::field(
            "request",
            format!("expected an object, found {}", kind(&value)),
        ));
    };
    let mut errors = unknown_fields(map);

    let raw: RawRequest = match serde_path_to_error::deserialize(value) {
        Ok(raw) => raw,
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { "request".into() } else { path };
            errors.push(FieldError::new(path, e.into_inner().to_string()));
            return Err(RequestError::Invalid(errors));
        }
    };
    let normalised = raw.normalise();
    errors.extend(normalised.errors);
    errors.extend(validate(&normalised.request, &normalised.paths));
    if errors.is_empty() {
        return Ok(normalised.request);
    }
    if errors.len() > MAX_REPORTED_ERRORS {
        let more = errors.len() - MAX_REPORTED_ERRORS;
        errors.truncate(MAX_REPORTED_ERRORS);
        errors.push(FieldError::new(
            "request",
            format!("{more} more errors not shown"),
        ));
    }
    Err(RequestError::Invalid(errors))
}

/// Unknown fields at the top level and in entries of `steps`.
fn unknown_fields(map: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |object: &Map<String, Value>, known: &[&str], prefix: &str| {
        for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
            errors.push(FieldError::new(format!("{prefix}{key}"), "unknown field"));
        }
    };
    check(map, TOP_FIELDS, "");
    if let Some(Value::Array(steps)) = map.get("steps") {
        for (i, step) in steps.iter().enumerate() {
            if let Value::Object(step) = step {
                check(step, STEP_FIELDS, &format!("steps[{i}]."));
            }
        }
    }
    errors
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Drops the " at line N column M" that names the reported position (it is
/// reported separately); other positions in the message stay.
fn strip_location(message: &str, line: usize, column: usize) -> String {
    message.replacen(&format!(" at line {line} column {column}"), "", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(result: Result<GuideRequest, RequestError>) -> (usize, usize, String) {
        match result {
            Err(RequestError::Syntax {
                line,
                column,
                message,
            }) => (line, column, message),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    fn fields(result: Result<GuideRequest, RequestError>) -> Vec<String> {
        match result {
            Err(RequestError::Invalid(errors)) => errors.iter().map(|e| e.to_string()).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn strips_only_a_trailing_location() {
        assert_eq!(
            strip_location("expected value at line 3 column 7", 3, 7),
            "expected value"
        );
        assert_eq!(
            strip_location(
                "found x at line 3 column 7, while parsing a block at line 1 column 1",
                3,
                7
            ),
            "found x, while parsing a block at line 1 column 1"
        );
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let text = "{\n  \"title\": \"Lamp\",\n  \"steps\": [,]\n}";
        assert_eq!(
            syntax(parse_json(text)),
            (3, 13, "expected value".to_string())
        );
    }

    #[test]
    fn empty_json_is_a_syntax_error() {
        let (line, column, message) = syntax(parse_json(""));
        assert_eq!((line, column), (1, 1));
        assert_eq!(message, "EOF while parsing a value");
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let text = "title: Lamp\nsteps:\n  - title: a: b\n";
        assert_eq!(
            syntax(parse_yaml(text)),
            (
                3,
                13,
                "mapping values are not allowed in this context".to_string()
            )
        );
    }

    #[test]
    fn the_request_must_be_an_object() {
        assert_eq!(
            fields(parse_json("[1, 2]")),
            ["request: expected an object, found an array"]
        );
        assert_eq!(
            fields(parse_yaml("just text")),
            ["request: expected an object, found a string"]
        );
    }

    #[test]
    fn unknown_fields_are_all_named() {
        let text =
            r#"{"title": "T", "foo": 1, "steps": [{"title": "A", "colour": "red"}], "bar": 2}"#;
        assert_eq!(
            fields(parse_json(text)),
            [
                "bar: unknown field",
                "foo: unknown field",
                "steps[0].colour: unknown field"
            ]
        );
    }

    #[test]
    fn seed_objects_may_carry_extra_fields() {
        let text = r#"{"project_overview": {"title": "T", "estimated_time": "1h"},
            "construction_steps": [{"step_number": 1, "title": "A", "image_hint": "x"}],
            "ingredients": [{"name": "jar", "source": "kitchen"}]}"#;
        assert!(parse_json(text).is_ok());
    }

    #[test]
    fn type_errors_carry_the_path() {
        assert_eq!(
            fields(parse_json(
                r#"{"title": "T", "steps": [{"title": "A", "tips": ["x", 3]}]}"#
            )),
            ["steps[0].tips[1]: invalid type: integer `3`, expected a string"]
        );
        assert_eq!(
            fields(parse_json(r#"{"title": 5, "steps": []}"#)),
            ["title: invalid type: integer `5`, expected a string"]
        );
        assert_eq!(
            fields(parse_json(
                r#"{"title": "T", "width": -1, "steps": [{"title": "A"}]}"#
            )),
            ["width: invalid value: integer `-1`, expected u32"]
        );
    }

    #[test]
    fn unknown_fields_and_a_type_error_are_reported_together() {
        assert_eq!(
            fields(parse_json(r#"{"foo": 1, "title": ["T"]}"#)),
            [
                "foo: unknown field",
                "title: invalid type: sequence, expected a string"
            ]
        );
    }

    #[test]
    fn at_most_100_errors_are_listed() {
        let steps: Vec<Value> = (0..60)
            .map(|_| serde_json::json!({"title": "", "tips": ["x".repeat(501)]}))
            .collect();
        let value = serde_json::json!({"title": "T", "steps": steps});
        let found = fields(GuideRequest::from_value(value));
        assert_eq!(found.len(), MAX_REPORTED_ERRORS + 1);
        assert_eq!(
            found[MAX_REPORTED_ERRORS],
            "request: 21 more errors not shown"
        );
    }
}
