//! The Responses API: `POST /v1/responses`, as stepcast's planner and
//! photo checks call it: `input` as a string or a list of messages (text
//! and `input_image` parts with data URLs), `instructions`, and
//! `text.format` (`text`, `json_object`, or `json_schema`, checked for
//! strict mode when `strict: true`, see [`crate::schema`]).
//!
//! The answer is a completed `Response` whose one `message` output item
//! holds an `output_text` part (so the SDKs' `response.output_text` and
//! `responses.parse` work) or, for a scripted refusal, a `refusal` part.
//! Streaming (`stream: true`) is not served: the fake answers 400.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::catalog;
use crate::error::ApiError;
use crate::images::{data_url_image, unix_now};
use crate::log::{Endpoint, LoggedImage};
use crate::media::{self, InputImage, IMAGE_TYPES};
use crate::schema;
use crate::server::{too_large, Call, Reply, Shared};
use crate::text::{self, ScriptedAnswer, REFUSAL_TEXT};

/// Roles a message may have.
const ROLES: [&str; 4] = ["assistant", "system", "developer", "user"];
/// Content part types of input messages.
const PART_TYPES: [&str; 5] = [
    "input_text",
    "input_image",
    "input_file",
    "output_text",
    "refusal",
];
/// `detail` values of an `input_image`.
const DETAILS: [&str; 4] = ["low", "high", "auto", "original"];

/// The response format asked for in `text.format`.
#[derive(Clone, Debug, PartialEq)]
enum Format {
    Text,
    JsonObject,
    JsonSchema {
        name: String,
        schema: Value,
        strict: bool,
    },
}

impl Format {
    fn kind(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::JsonObject => "json_object",
            Format::JsonSchema { .. } => "json_schema",
        }
    }

    fn is_json(&self) -> bool {
        !matches!(self, Format::Text)
    }
}

/// A read request.
#[derive(Clone, Debug)]
struct Request {
    model: String,
    instructions: Option<String>,
    /// Every text of the input, in order.
    texts: Vec<String>,
    images: Vec<InputImage>,
    format: Format,
    /// `text` as sent, echoed in the answer.
    text_config: Value,
    /// Echoed request fields.
    echo: Map<String, Value>,
}

impl Request {
    /// Instructions and texts joined with newlines (what fault rules and
    /// the embedded-request search look at).
    fn prompt(&self) -> String {
        self.instructions
            .iter()
            .chain(self.texts.iter())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `POST /v1/responses`.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let call = Call::begin(&shared, Endpoint::Responses, &headers);
    let reply = match call.admit() {
        Some(refusal) => refusal,
        None => match body {
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Reply::error(too_large(shared.config.max_body_bytes), "invalid_request")
            }
            Err(rejection) => Reply::error(
                ApiError::invalid_request(format!("Could not read the request body: {rejection}")),
                "invalid_request",
            ),
            Ok(body) => serve(&call, &body).await,
        },
    };
    call.finish(reply)
}

async fn serve(call: &Call, body: &[u8]) -> Reply {
    let request = match read(body, call) {
        Ok(request) => request,
        Err(error) => return Reply::error(error, "invalid_request"),
    };
    let request = match decode(request).await {
        Ok(request) => request,
        Err(error) => return Reply::error(error, "invalid_image"),
    };
    let images: Vec<LoggedImage> = request.images.iter().map(InputImage::logged).collect();
    call.log(|entry| entry.images = images);
    if let Err(error) = check_format(&request) {
        return Reply::error(error, "invalid_request");
    }
    if let Err(reply) = call.wait_latency().await {
        return reply;
    }
    let prompt = request.prompt();
    if let Some(reply) = call.fault(&prompt, &request.model).await {
        return reply;
    }
    let scripted = call.shared.next_answer();
    let (content, result, logged) = match scripted {
        Some(ScriptedAnswer::Error { status, message }) => {
            return Reply::error(ApiError::from_status(status, message), "scripted_error")
        }
        Some(ScriptedAnswer::Refusal) => (
            json!({"type": "refusal", "refusal": REFUSAL_TEXT}),
            "scripted_refusal",
            REFUSAL_TEXT.to_string(),
        ),
        Some(ScriptedAnswer::Text { text }) => (output_text(&text), "scripted_text", text),
        None => {
            let texts: Vec<&str> = request
                .instructions
                .iter()
                .chain(request.texts.iter())
                .map(String::as_str)
                .collect();
            let text = text::default_text(&texts, request.format.is_json());
            (output_text(&text), "text", text)
        }
    };
    let response = build(call, &request, content, &logged);
    call.log(|entry| entry.output_text = Some(logged));
    Reply::ok(axum::Json(response).into_response(), result)
}

fn output_text(text: &str) -> Value {
    json!({"type": "output_text", "text": text, "annotations": [], "logprobs": []})
}

/// The `Response` object.
fn build(call: &Call, request: &Request, content: Value, answer: &str) -> Value {
    let image_tokens: u64 = request
        .images
        .iter()
        .filter_map(InputImage::dimensions)
        .map(|(w, h)| media::image_tokens(w, h))
        .sum();
    let input_tokens = text::tokens(&request.prompt()) + image_tokens;
    let output_tokens = text::tokens(answer);
    let now = unix_now();
    let mut response = json!({
        "id": format!("resp_{}", call.shared.id(call.seq, "response", 48)),
        "object": "response",
        "created_at": now,
        "status": "completed",
        "background": false,
        "completed_at": now,
        "error": null,
        "incomplete_details": null,
        "instructions": request.instructions,
        "max_output_tokens": null,
        "max_tool_calls": null,
        "model": request.model,
        "output": [{
            "id": format!("msg_{}", call.shared.id(call.seq, "message", 48)),
            "type": "message",
            "status": "completed",
            "content": [content],
            "role": "assistant",
        }],
        "parallel_tool_calls": true,
        "previous_response_id": null,
        "prompt_cache_key": null,
        "reasoning": {"effort": null, "summary": null},
        "safety_identifier": null,
        "service_tier": "default",
        "store": true,
        "temperature": 1.0,
        "text": request.text_config,
        "tool_choice": "auto",
        "tools": [],
        "top_logprobs": 0,
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": {
            "input_tokens": input_tokens,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": input_tokens + output_tokens,
        },
        "user": null,
        "metadata": {},
    });
    if let Some(object) = response.as_object_mut() {
        for (key, value) in &request.echo {
            object.insert(key.clone(), value.clone());
        }
    }
    response
}

/// Reads the body, logging what it can as it goes.
fn read(body: &[u8], call: &Call) -> Result<Request, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::invalid_json())?;
    let Value::Object(object) = value else {
        return Err(ApiError::invalid_type("body", "an object", &value));
    };
    let model = match object.get("model") {
        None | Some(Value::Null) => return Err(ApiError::missing("model")),
        Some(Value::String(model)) => model.clone(),
        Some(other) => return Err(ApiError::invalid_type("model", "a string", other)),
    };
    call.log(|entry| entry.model = Some(model.clone()));
    if !catalog::is_text_model(&model) {
        return Err(ApiError::text_model_not_found(&model));
    }
    let instructions = match object.get("instructions") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(other) => return Err(ApiError::invalid_type("instructions", "a string", other)),
    };
    let mut texts = Vec::new();
    let mut images = Vec::new();
    match object.get("input") {
        None | Some(Value::Null) => {}
        Some(Value::String(text)) => texts.push(text.clone()),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                read_item(item, &format!("input[{i}]"), &mut texts, &mut images)?;
            }
        }
        Some(other) => {
            return Err(ApiError::invalid_type(
                "input",
                "one of a string or array of input items",
                other,
            ))
        }
    }
    let text_config = object.get("text").cloned().unwrap_or(Value::Null);
    let format = read_format(&text_config)?;
    if object.get("stream").and_then(Value::as_bool) == Some(true) {
        return Err(ApiError::invalid_request(
            "The fake OpenAI API does not stream responses; leave 'stream' out or false.",
        )
        .param("stream")
        .code("unsupported_value"));
    }
    let mut echo = Map::new();
    for key in [
        "metadata",
        "max_output_tokens",
        "previous_response_id",
        "reasoning",
        "store",
        "temperature",
        "top_p",
        "service_tier",
        "safety_identifier",
        "prompt_cache_key",
        "truncation",
    ] {
        if let Some(value) = object.get(key).filter(|v| !v.is_null()) {
            echo.insert(key.to_string(), value.clone());
        }
    }
    let text_config = match (&format, text_config) {
        (_, Value::Object(config)) => Value::Object(config),
        _ => json!({"format": {"type": "text"}, "verbosity": "medium"}),
    };
    let request = Request {
        model,
        instructions,
        texts,
        images,
        format,
        text_config,
        echo,
    };
    let images: Vec<LoggedImage> = request.images.iter().map(InputImage::logged).collect();
    call.log(|entry| {
        entry.prompt = request.prompt();
        entry.instructions = request.instructions.clone();
        entry.texts = request.texts.clone();
        entry.images = images;
        entry.text_format = Some(request.format.kind().to_string());
        if let Format::JsonSchema { name, strict, .. } = &request.format {
            entry.schema_name = Some(name.clone());
            entry.strict = Some(*strict);
        }
    });
    Ok(request)
}

/// One input item: a message (`{"role", "content"}`, with or without
/// `"type": "message"`); other item types (tool calls and outputs,
/// reasoning, references) are accepted and skipped.
fn read_item(
    item: &Value,
    at: &str,
    texts: &mut Vec<String>,
    images: &mut Vec<InputImage>,
) -> Result<(), ApiError> {
    let Some(object) = item.as_object() else {
        return Err(ApiError::invalid_type(at, "an object", item));
    };
    let kind = object.get("type").and_then(Value::as_str);
    if kind.is_some_and(|k| k != "message") {
        return Ok(());
    }
    let role = match object.get("role") {
        Some(Value::String(role)) => role.as_str(),
        None | Some(Value::Null) => return Err(ApiError::missing(&format!("{at}.role"))),
        Some(other) => {
            return Err(ApiError::invalid_type(
                &format!("{at}.role"),
                "a string",
                other,
            ))
        }
    };
    if !ROLES.contains(&role) {
        return Err(ApiError::invalid_value(&format!("{at}.role"), role, &ROLES));
    }
    match object.get("content") {
        Some(Value::String(text)) => texts.push(text.clone()),
        Some(Value::Array(parts)) => {
            for (j, part) in parts.iter().enumerate() {
                read_part(part, &format!("{at}.content[{j}]"), texts, images)?;
            }
        }
        None | Some(Value::Null) => return Err(ApiError::missing(&format!("{at}.content"))),
        Some(other) => {
            return Err(ApiError::invalid_type(
                &format!("{at}.content"),
                "one of a string or array of input content",
                other,
            ))
        }
    }
    Ok(())
}

fn read_part(
    part: &Value,
    at: &str,
    texts: &mut Vec<String>,
    images: &mut Vec<InputImage>,
) -> Result<(), ApiError> {
    let Some(object) = part.as_object() else {
        return Err(ApiError::invalid_type(at, "an object", part));
    };
    let kind = match object.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        _ => return Err(ApiError::missing(&format!("{at}.type"))),
    };
    let field = |name: &str| -> Result<String, ApiError> {
        let param = format!("{at}.{name}");
        match object.get(name) {
            Some(Value::String(text)) => Ok(text.clone()),
            None | Some(Value::Null) => Err(ApiError::missing(&param)),
            Some(other) => Err(ApiError::invalid_type(&param, "a string", other)),
        }
    };
    match kind {
        "input_text" | "output_text" => texts.push(field("text")?),
        "refusal" => texts.push(field("refusal")?),
        "input_file" => {}
        "input_image" => {
            if let Some(detail) = object.get("detail").and_then(Value::as_str) {
                if !DETAILS.contains(&detail) {
                    return Err(ApiError::invalid_value(
                        &format!("{at}.detail"),
                        detail,
                        &DETAILS,
                    ));
                }
            }
            if object.get("file_id").is_some_and(|v| !v.is_null()) {
                return Err(ApiError::invalid_request(
                    "The fake OpenAI API has no Files API: send images as data URLs.",
                )
                .param(format!("{at}.file_id"))
                .code("invalid_value"));
            }
            let param = format!("{at}.image_url");
            let url = field("image_url")?;
            let image = data_url_image(&param, &url)?;
            if !IMAGE_TYPES.contains(&image.mime_type.as_str()) && image.mime_type != "image/gif" {
                return Err(unsupported_image(&param));
            }
            images.push(image);
        }
        other => {
            return Err(ApiError::invalid_value(
                &format!("{at}.type"),
                other,
                &PART_TYPES,
            ))
        }
    }
    Ok(())
}

fn unsupported_image(param: &str) -> ApiError {
    ApiError::invalid_request(
        "You uploaded an unsupported image. Please make sure your image has of one the following \
         formats: ['png', 'jpeg', 'gif', 'webp'].",
    )
    .param(param)
    .code("invalid_image_format")
}

/// `text.format`.
fn read_format(text: &Value) -> Result<Format, ApiError> {
    let format = match text {
        Value::Null => return Ok(Format::Text),
        Value::Object(text) => match text.get("format") {
            None | Some(Value::Null) => return Ok(Format::Text),
            Some(Value::Object(format)) => format,
            Some(other) => return Err(ApiError::invalid_type("text.format", "an object", other)),
        },
        other => return Err(ApiError::invalid_type("text", "an object", other)),
    };
    let kind = match format.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        _ => return Err(ApiError::missing("text.format.type")),
    };
    match kind {
        "text" => Ok(Format::Text),
        "json_object" => Ok(Format::JsonObject),
        "json_schema" => {
            let name = match format.get("name") {
                Some(Value::String(name)) => name.clone(),
                None | Some(Value::Null) => return Err(ApiError::missing("text.format.name")),
                Some(other) => {
                    return Err(ApiError::invalid_type(
                        "text.format.name",
                        "a string",
                        other,
                    ))
                }
            };
            let valid_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if name.chars().count() > 64 {
                return Err(ApiError::too_long(
                    "text.format.name",
                    64,
                    name.chars().count(),
                ));
            }
            if !valid_name {
                return Err(ApiError::invalid_request(
                    "Invalid 'text.format.name': string does not match pattern. Expected a string \
                     that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                )
                .param("text.format.name")
                .code("invalid_value"));
            }
            let schema = match format.get("schema") {
                None | Some(Value::Null) => return Err(ApiError::missing("text.format.schema")),
                Some(schema) => schema.clone(),
            };
            let strict = match format.get("strict") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(strict)) => *strict,
                Some(other) => {
                    return Err(ApiError::invalid_type(
                        "text.format.strict",
                        "a boolean",
                        other,
                    ))
                }
            };
            Ok(Format::JsonSchema {
                name,
                schema,
                strict,
            })
        }
        other => Err(ApiError::invalid_value(
            "text.format.type",
            other,
            &["text", "json_schema", "json_object"],
        )),
    }
}

/// The checks of the format against the request: a strict schema must
/// follow strict mode's rules; JSON mode needs the word "json" in the
/// input.
fn check_format(request: &Request) -> Result<(), ApiError> {
    match &request.format {
        Format::JsonSchema {
            name,
            schema,
            strict: true,
        } => schema::check_strict(name, schema),
        Format::JsonSchema { schema, .. } if !schema.is_object() => Err(ApiError::invalid_type(
            "text.format.schema",
            "an object",
            schema,
        )),
        Format::JsonObject if !request.prompt().to_ascii_lowercase().contains("json") => {
            Err(ApiError::invalid_request(
                "Response input messages must contain the word 'json' in some form to use \
                 'text.format' of type 'json_object'.",
            )
            .param("input"))
        }
        _ => Ok(()),
    }
}

/// Decodes the input images on the blocking pool (for their sizes, and to
/// refuse bytes that are not an image).
async fn decode(request: Request) -> Result<Request, ApiError> {
    if request.images.is_empty() {
        return Ok(request);
    }
    let work = tokio::task::spawn_blocking(move || {
        let mut request = request;
        for image in &mut request.images {
            if image.decode(false).is_err() {
                return Err(unsupported_image(&image.param));
            }
        }
        Ok(request)
    });
    work.await.unwrap_or_else(|e| Err(ApiError::internal(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_read() {
        assert_eq!(read_format(&Value::Null), Ok(Format::Text));
        assert_eq!(
            read_format(&json!({"format": {"type": "json_object"}})),
            Ok(Format::JsonObject)
        );
        let format = read_format(&json!({"format": {
            "type": "json_schema", "name": "plan", "schema": {"type": "object"}, "strict": true
        }}))
        .expect("read");
        assert!(matches!(format, Format::JsonSchema { strict: true, .. }));
        let e = read_format(&json!({"format": {"type": "json_schema", "schema": {}}}))
            .expect_err("no name");
        assert_eq!(e.param.as_deref(), Some("text.format.name"));
        let e =
            read_format(&json!({"format": {"type": "json_schema", "name": "a b", "schema": {}}}))
                .expect_err("bad name");
        assert_eq!(e.param.as_deref(), Some("text.format.name"));
        let e = read_format(&json!({"format": {"type": "yaml"}})).expect_err("bad type");
        assert_eq!(e.param.as_deref(), Some("text.format.type"));
    }

    #[test]
    fn items_are_read_with_their_texts() {
        let mut texts = Vec::new();
        let mut images = Vec::new();
        read_item(
            &json!({"role": "user", "content": [
                {"type": "input_text", "text": "one"},
                {"type": "input_image", "image_url": "data:image/png;base64,AAAA", "detail": "low"}
            ]}),
            "input[0]",
            &mut texts,
            &mut images,
        )
        .expect("read");
        assert_eq!(texts, ["one"]);
        assert_eq!(images.len(), 1);
        let e = read_item(
            &json!({"role": "bot", "content": "x"}),
            "input[1]",
            &mut texts,
            &mut images,
        )
        .expect_err("bad role");
        assert_eq!(e.param.as_deref(), Some("input[1].role"));
        let e = read_item(
            &json!({"role": "user", "content": [{"type": "input_video"}]}),
            "input[2]",
            &mut texts,
            &mut images,
        )
        .expect_err("bad part");
        assert_eq!(e.param.as_deref(), Some("input[2].content[0].type"));
        read_item(
            &json!({"type": "function_call_output", "call_id": "c", "output": "x"}),
            "input[3]",
            &mut texts,
            &mut images,
        )
        .expect("skipped");
    }
}
