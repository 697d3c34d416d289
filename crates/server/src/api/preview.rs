//! `POST /preview`: one step of a plan drawn by the schematic renderer and
//! answered at once, for live editing. Nothing is stored: no guide, no
//! task, no image.
//!
//! The plan is read and checked as a guide request's own `plan` is (the
//! same types, the same validator, errors naming `plan.parts[2].kind`),
//! alone: it needs 1 to `MAX_STEPS` steps instead of one per step of a
//! request. Drawing is CPU work, so reading, checking and drawing run on
//! tokio's blocking pool, at most `config.preview_concurrency` at once;
//! one more is answered 429 with `Retry-After: 1` rather than queued.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, MethodRouter};
use axum::{Extension, Json};
use plan::request::limits::{MAX_REPORTED_ERRORS, MAX_STEPS};
use plan::request::{validate_plan, ImageFormat, Style, DEFAULT_HEIGHT, DEFAULT_WIDTH};
use plan::Plan;
use render::guide::{MAX_SIDE, MIN_SIDE};
use serde_json::{json, Value};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::app::SharedApp;
use crate::error::{ApiError, ErrorBody, ErrorDetail, FieldProblem};

/// Every field of the body; any other is an error.
const FIELDS: [&str; 6] = ["plan", "step_number", "style", "width", "height", "format"];

/// What a busy server asks the client to wait, in seconds.
const RETRY_AFTER_SECS: u64 = 1;

/// The route, with its own limit on previews drawn at once.
pub fn route(app: &SharedApp) -> MethodRouter<SharedApp> {
    post(preview).layer(Extension(Limiter::new(app.config.preview_concurrency)))
}

/// At most so many previews drawn at once; no waiting line.
#[derive(Clone)]
pub struct Limiter(Arc<Semaphore>);

impl Limiter {
    pub fn new(permits: usize) -> Self {
        Limiter(Arc::new(Semaphore::new(permits)))
    }

    /// A permit, held until the drawing ends, or `None` when every one is
    /// taken.
    pub fn try_acquire(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.0).try_acquire_owned().ok()
    }
}

/// A preview request, read and checked.
#[derive(Debug)]
struct Preview {
    plan: Plan,
    /// 0-based.
    index: usize,
    style: Style,
    width: u32,
    height: u32,
    format: ImageFormat,
}

/// `POST /preview`.
#[utoipa::path(post, path = "/preview", tag = "preview", operation_id = "preview_step",
    request_body(content = super::docs::PreviewRequest, description = "A plan, the step to draw, and optionally the style, size and format (see components.schemas.PreviewRequest)", content_type = "application/json"),
    responses(
        (status = 200, description = "The step drawn by the schematic renderer, as a guide of this plan would draw it; nothing is stored", content(
                ("image/svg+xml"),
                ("image/png")),
            headers(("Cache-Control" = String, description = "`no-store`"))),
        (status = 400, description = "The body is not JSON (or not UTF-8)", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit (`--body-limit`, 8 MiB by default)", body = ErrorBody),
        (status = 422, description = "A field is wrong; `error.fields` names each (`plan.parts[2].kind`, `step_number`, `width`...)", body = ErrorBody),
        (status = 429, description = "As many previews as this server draws at once are being drawn; see Retry-After", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn preview(
    State(app): State<SharedApp>,
    Extension(limiter): Extension<Limiter>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge {
                limit: app.config.body_limit,
            }
        } else {
            ApiError::Body(rejection.body_text())
        }
    })?;
    let Some(permit) = limiter.try_acquire() else {
        return Ok(busy());
    };
    // The permit goes with the work: a client that hangs up does not
    // stop the drawing, so it does not free the place either.
    let drawn = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        draw(&parse(&body)?)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the preview was not drawn: {e}")))??;
    let mut response = (StatusCode::OK, drawn.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(drawn.content_type),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// 429 with `Retry-After` and the API's error body (code `busy`).
fn busy() -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: "busy",
            message: format!(
                "too many previews are being drawn; try again in {RETRY_AFTER_SECS} s"
            ),
            field: None,
            fields: &[],
        },
    };
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    response
}

/// The step drawn as the schematic engine draws it (`photo` as `diagram`).
fn draw(preview: &Preview) -> Result<render::Image, ApiError> {
    let guide = render::Guide::new(&preview.plan, preview.width, preview.height)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let output = render::Output {
        style: engines::schematic_style(preview.style),
        format: preview.format,
        quality: render::DEFAULT_QUALITY,
    };
    render::render_step(&guide, preview.index, &output)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// Reads the body; every problem found is reported at once.
fn parse(body: &[u8]) -> Result<Preview, ApiError> {
    let value = json_value(body)?;
    let Value::Object(mut fields) = value else {
        let found = kind(&value);
        return Err(invalid(vec![problem(
            "request",
            format!("expected an object, found {found}"),
        )]));
    };
    let mut problems: Vec<FieldProblem> = fields
        .keys()
        .filter(|k| !FIELDS.contains(&k.as_str()))
        .map(|k| problem(k, "unknown field"))
        .collect();
    // `null` is the same as absent, as in a guide request.
    let mut take = |name: &str| fields.remove(name).filter(|v| !v.is_null());

    let plan = match take("plan") {
        Some(value) => read_plan(value, &mut problems),
        None => {
            problems.push(problem(
                "plan",
                "must be given: the plan to draw (see /plan.schema.json)",
            ));
            None
        }
    };
    let step_number = match take("step_number") {
        Some(value) => match whole(&value) {
            // As written, for the message when it is past the plan's end.
            Some(n) if n >= 1 => Some((n, value.to_string())),
            Some(n) => {
                problems.push(problem(
                    "step_number",
                    format!("must be at least 1, found {n}"),
                ));
                None
            }
            None => {
                problems.push(problem(
                    "step_number",
                    format!("must be a whole number (1, 2, 3...), found {value}"),
                ));
                None
            }
        },
        None => {
            problems.push(problem(
                "step_number",
                "must be given: the 1-based number of the step to draw",
            ));
            None
        }
    };
    let style = match take("style") {
        Some(value) => name::<Style>("style", &value, &mut problems),
        None => Some(Style::default()),
    };
    let width = side("width", take("width"), DEFAULT_WIDTH, &mut problems);
    let height = side("height", take("height"), DEFAULT_HEIGHT, &mut problems);
    let format = match take("format") {
        Some(value) => match name::<ImageFormat>("format", &value, &mut problems) {
            Some(f @ (ImageFormat::Svg | ImageFormat::Png)) => Some(f),
            Some(other) => {
                problems.push(problem(
                    "format",
                    format!("must be svg or png, found {:?}", other.as_str()),
                ));
                None
            }
            None => None,
        },
        None => Some(ImageFormat::Svg),
    };

    let index = match (&plan, step_number) {
        (Some(plan), Some((n, written))) => {
            let count = plan.steps.len();
            match usize::try_from(n - 1) {
                Ok(index) if index < count => Some(index),
                _ => {
                    problems.push(problem(
                        "step_number",
                        format!("must be at most {count} (the plan's steps), found {written}"),
                    ));
                    None
                }
            }
        }
        _ => None,
    };
    match (plan, index, style, width, height, format) {
        (Some(plan), Some(index), Some(style), Some(width), Some(height), Some(format))
            if problems.is_empty() =>
        {
            Ok(Preview {
                plan,
                index,
                style,
                width,
                height,
                format,
            })
        }
        _ => Err(invalid(problems)),
    }
}

/// The plan, read and checked as a guide request's own `plan` is; `None`
/// (with the problems added) when it is not a valid plan.
fn read_plan(value: Value, problems: &mut Vec<FieldProblem>) -> Option<Plan> {
    let plan = match crate::plan_edits::plan_from_json(value) {
        Ok(plan) => plan,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let before = problems.len();
    let count = plan.steps.len();
    if !(1..=MAX_STEPS).contains(&count) {
        problems.push(problem(
            "plan.steps",
            format!("must have between 1 and {MAX_STEPS} steps, found {count}"),
        ));
    }
    problems.extend(
        validate_plan(&plan, "plan")
            .into_iter()
            .map(|e| problem(&e.path, e.message)),
    );
    (problems.len() == before).then_some(plan)
}

/// A side in pixels, `default` when absent; whole numbers written either
/// way (`768` or `768.0`), as in a guide request.
fn side(
    field: &str,
    value: Option<Value>,
    default: u32,
    problems: &mut Vec<FieldProblem>,
) -> Option<u32> {
    let Some(value) = value else {
        return Some(default);
    };
    let range = MIN_SIDE..=MAX_SIDE;
    match whole(&value) {
        Some(n) => match u32::try_from(n) {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                problems.push(problem(
                    field,
                    format!("must be between {MIN_SIDE} and {MAX_SIDE}, found {n}"),
                ));
                None
            }
        },
        None => {
            problems.push(problem(
                field,
                format!("must be a whole number between {MIN_SIDE} and {MAX_SIDE}, found {value}"),
            ));
            None
        }
    }
}

/// One of an enum's names (case and surrounding spaces do not matter).
fn name<T: std::str::FromStr<Err = plan::request::UnknownValue>>(
    field: &str,
    value: &Value,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    let Value::String(text) = value else {
        problems.push(problem(
            field,
            format!("invalid type: {}, expected a string", kind(value)),
        ));
        return None;
    };
    match text.parse() {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(problem(field, e.to_string()));
            None
        }
    }
}

/// A whole number, written `3` or `3.0`; numbers beyond `i64` saturate.
fn whole(value: &Value) -> Option<i64> {
    // Within ±2^53 a float spells its integer exactly.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let Value::Number(number) = value else {
        return None;
    };
    if let Some(n) = number.as_i64() {
        return Some(n);
    }
    if number.is_u64() {
        return Some(i64::MAX);
    }
    let f = number.as_f64()?;
    // The guard makes the cast exact.
    (f.fract() == 0.0 && f.abs() <= EXACT).then_some(f as i64)
}

/// The body as JSON, or 400 naming the line and column as the guide
/// endpoints do.
fn json_value(body: &[u8]) -> Result<Value, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| ApiError::Syntax {
        line: 1,
        column: e.valid_up_to() + 1,
        message: "the body is not UTF-8".into(),
    })?;
    serde_json::from_str(text).map_err(|e| {
        let at = format!(" at line {} column {}", e.line(), e.column());
        ApiError::Syntax {
            line: e.line().max(1),
            column: e.column().max(1),
            message: e.to_string().replacen(&at, "", 1),
        }
    })
}

/// At most `MAX_REPORTED_ERRORS` problems, the rest counted, as in a guide
/// request.
fn invalid(mut problems: Vec<FieldProblem>) -> ApiError {
    if problems.len() > MAX_REPORTED_ERRORS {
        let more = problems.len() - MAX_REPORTED_ERRORS;
        problems.truncate(MAX_REPORTED_ERRORS);
        problems.push(problem("request", format!("{more} more errors not shown")));
    }
    ApiError::Invalid(problems)
}

fn problem(field: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.to_string(),
        message: message.into(),
    }
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

/// `components.schemas.PreviewRequest`, filled in by the document.
pub fn request_schema() -> Value {
    let mut styles: Vec<Value> = Style::NAMES.iter().map(|s| json!(s)).collect();
    styles.push(Value::Null);
    json!({
        "type": "object",
        "description": format!(
            "One step of a plan to draw at once. The plan is checked as a request's `plan` is, alone: 1 to {MAX_STEPS} steps. `style` `photo` is drawn as `diagram` (a schematic is not a photograph). Unknown fields are errors."
        ),
        "required": ["plan", "step_number"],
        "properties": {
            "plan": {
                "$ref": "#/components/schemas/Plan",
                "description": "An assembly model (see /plan.schema.json). Beyond its schema, its part ids must be unique and every reference known, placements must not form a cycle, and it has 1 to 50 steps: these are 422s naming the field.",
            },
            "step_number": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_STEPS,
                "description": "The step to draw, 1-based; at most the plan's number of steps",
            },
            "style": {"enum": styles, "description": "diagram by default"},
            "width": {"type": ["integer", "null"], "minimum": MIN_SIDE, "maximum": MAX_SIDE, "description": format!("{DEFAULT_WIDTH} by default")},
            "height": {"type": ["integer", "null"], "minimum": MIN_SIDE, "maximum": MAX_SIDE, "description": format!("{DEFAULT_HEIGHT} by default")},
            "format": {"enum": ["svg", "png", null], "description": "svg by default"},
        },
        "additionalProperties": false,
        "example": {
            "plan": {
                "title": "Jar vase",
                "parts": [{"id": "jar", "name": "glass jar", "kind": "jar", "size": [9.0, 14.0, 9.0], "color": "#cfe6df", "material": "glass"}],
                "steps": [{"number": 1, "title": "Paint", "ops": [{"op": "paint", "part": "jar", "color": "#3b6fc9"}], "tools": ["brush"]}],
            },
            "step_number": 1,
            "width": 512,
            "height": 384,
            "format": "svg",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limiter_refuses_once_every_permit_is_taken() {
        let limiter = Limiter::new(1);
        let held = limiter.try_acquire();
        assert!(held.is_some());
        assert!(limiter.try_acquire().is_none());
        drop(held);
        assert!(limiter.try_acquire().is_some());
        assert!(Limiter::new(0).try_acquire().is_none());
    }

    #[test]
    fn busy_is_429_with_retry_after() {
        let response = busy();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            response.headers().get(header::RETRY_AFTER),
            Some(&HeaderValue::from_static("1"))
        );
    }

    #[test]
    fn whole_numbers_either_way() {
        assert_eq!(whole(&json!(768)), Some(768));
        assert_eq!(whole(&json!(768.0)), Some(768));
        assert_eq!(whole(&json!(-3)), Some(-3));
        assert_eq!(whole(&json!(768.5)), None);
        assert_eq!(whole(&json!("768")), None);
        assert_eq!(whole(&json!(u64::MAX)), Some(i64::MAX));
    }

    #[test]
    fn the_example_is_a_valid_preview() {
        let example = request_schema()["example"].clone();
        let body = serde_json::to_vec(&example).unwrap_or_default();
        let preview = parse(&body);
        assert!(preview.is_ok(), "{preview:?}");
    }
}
