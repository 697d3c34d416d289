//! Reading the Images API's answers: the whole `ImagesResponse`, or a
//! stream of `*.partial_image` events ending with `*.completed`; and its
//! errors, sorted into worth-retrying or not with a message that says what
//! to do.

use std::time::Duration;

use base64::Engine as _;
use serde_json::Value;

use super::models::supported_ids;
use crate::engine::{EngineError, PartialImage, PartialSink};

/// Tokens the provider counted for one image.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageUsage {
    pub input_tokens: u64,
    pub text_input_tokens: u64,
    pub image_input_tokens: u64,
    pub output_tokens: u64,
    pub total_tokens: u64,
}

/// The image the model drew.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub bytes: bytes::Bytes,
    pub usage: ImageUsage,
}

fn usage_of(value: &Value) -> ImageUsage {
    let usage = &value["usage"];
    let details = &usage["input_tokens_details"];
    let input = usage["input_tokens"].as_u64().unwrap_or(0);
    let image_input = details["image_tokens"].as_u64().unwrap_or(0);
    ImageUsage {
        input_tokens: input,
        text_input_tokens: details["text_tokens"]
            .as_u64()
            .unwrap_or(input.saturating_sub(image_input)),
        image_input_tokens: image_input,
        output_tokens: usage["output_tokens"].as_u64().unwrap_or(0),
        total_tokens: usage["total_tokens"].as_u64().unwrap_or(0),
    }
}

fn decode(b64: Option<&str>, what: &str) -> Result<bytes::Bytes, EngineError> {
    let b64 = b64.ok_or_else(|| EngineError::transient(format!("OpenAI's {what} has no image")))?;
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map(bytes::Bytes::from)
        .map_err(|e| EngineError::transient(format!("OpenAI's {what} is not base64: {e}")))
}

/// A whole `ImagesResponse` (HTTP 200, not streamed).
pub fn read_success(body: &[u8]) -> Result<Drawn, EngineError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| EngineError::transient(format!("OpenAI's answer is not JSON: {e}")))?;
    let bytes = decode(value["data"][0]["b64_json"].as_str(), "answer")?;
    Ok(Drawn {
        bytes,
        usage: usage_of(&value),
    })
}

/// Why a stream gave no image.
pub enum StreamError {
    Network(reqwest::Error),
    Engine(EngineError),
}

/// A streamed answer: each partial image sent to `sink` as it comes, the
/// completed image returned.
pub async fn read_stream(
    mut response: reqwest::Response,
    sink: Option<&PartialSink>,
) -> Result<Drawn, StreamError> {
    let mut events = EventBuffer::default();
    loop {
        let chunk = response.chunk().await.map_err(StreamError::Network)?;
        let Some(chunk) = chunk else {
            return Err(StreamError::Engine(EngineError::transient(
                "OpenAI's stream ended before the image was complete",
            )));
        };
        events.push(&chunk);
        while let Some(data) = events.next_data() {
            if let Some(drawn) = read_event(&data, sink).map_err(StreamError::Engine)? {
                return Ok(drawn);
            }
        }
    }
}

/// One event's data: a partial image (sent on), the completed image, or
/// an error.
fn read_event(data: &str, sink: Option<&PartialSink>) -> Result<Option<Drawn>, EngineError> {
    let Ok(value) = serde_json::from_str::<Value>(data) else {
        // `[DONE]` or a keep-alive comment: nothing to read.
        return Ok(None);
    };
    let kind = value["type"].as_str().unwrap_or("");
    if kind.ends_with(".partial_image") {
        let bytes = decode(value["b64_json"].as_str(), "partial image")?;
        if let Some(sink) = sink {
            let index = value["partial_image_index"].as_u64().unwrap_or(0);
            let _ = sink.send(PartialImage {
                index: u32::try_from(index).unwrap_or(u32::MAX),
                bytes,
                content_type: content_type(value["output_format"].as_str()),
            });
        }
        return Ok(None);
    }
    if kind.ends_with(".completed") {
        let bytes = decode(value["b64_json"].as_str(), "completed image")?;
        return Ok(Some(Drawn {
            bytes,
            usage: usage_of(&value),
        }));
    }
    if kind == "error" {
        let error = if value["error"].is_object() {
            &value["error"]
        } else {
            &value
        };
        return Err(classify(500, error, None, ""));
    }
    Ok(None)
}

fn content_type(format: Option<&str>) -> &'static str {
    match format {
        Some("jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "image/png",
    }
}

/// Server-Sent Events, split at blank lines, their `data:` lines joined.
#[derive(Default)]
struct EventBuffer {
    text: String,
}

impl EventBuffer {
    fn push(&mut self, chunk: &[u8]) {
        self.text
            .push_str(&String::from_utf8_lossy(chunk).replace("\r\n", "\n"));
    }

    fn next_data(&mut self) -> Option<String> {
        let end = self.text.find("\n\n")?;
        let block: String = self.text.drain(..end + 2).collect();
        let data: Vec<&str> = block
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .map(str::trim_start)
            .collect();
        Some(data.join("\n"))
    }
}

/// The error of a call answered with `status`.
pub fn read_failure(
    status: u16,
    body: &[u8],
    retry_after: Option<&str>,
    model: &str,
) -> EngineError {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let error = &value["error"];
    if error.is_null() {
        let text = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
        return classify(
            status,
            &serde_json::json!({"message": text}),
            retry_after,
            model,
        );
    }
    classify(status, error, retry_after, model)
}

fn classify(status: u16, error: &Value, retry_after: Option<&str>, model: &str) -> EngineError {
    let message = error["message"].as_str().unwrap_or("no message");
    let code = error["code"].as_str().unwrap_or("");
    let param = error["param"].as_str();
    let retry_after = retry_after
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs >= 0.0)
        .map(Duration::from_secs_f64);
    match (status, code) {
        (_, "moderation_blocked") | (_, "content_policy_violation") => EngineError::permanent(
            format!("OpenAI's safety system blocked this image ({code}): {message}"),
        ),
        (404, _) | (_, "model_not_found") => EngineError::permanent(format!(
            "OpenAI has no image model {model:?} for this key; choose another with \
             --openai-model ({}): {message}",
            supported_ids().join(", ")
        )),
        (429, "insufficient_quota") => {
            EngineError::permanent(format!("OpenAI's quota is used up: {message}"))
        }
        (429, _) => EngineError::Transient {
            message: format!("OpenAI's rate limit: {message}"),
            retry_after,
        },
        (401 | 403, _) => EngineError::permanent(format!(
            "OpenAI refused the key ({status}; check OPENAI_API_KEY): {message}"
        )),
        (408 | 409, _) | (500..=599, _) => EngineError::Transient {
            message: format!("OpenAI answered {status}: {message}"),
            retry_after,
        },
        _ => EngineError::permanent(match param {
            Some(param) => format!("OpenAI refused the request ({status}, {param}): {message}"),
            None => format!("OpenAI refused the request ({status}): {message}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_B64: &str = "aW1n";

    #[test]
    fn a_whole_answer_gives_the_image_and_its_usage() {
        let body = format!(
            r#"{{"created":1,"data":[{{"b64_json":"{PNG_B64}"}}],"usage":{{"input_tokens":300,
                "input_tokens_details":{{"text_tokens":50,"image_tokens":250}},"output_tokens":1056,"total_tokens":1356}}}}"#
        );
        let drawn = read_success(body.as_bytes()).expect("drawn");
        assert_eq!(&drawn.bytes[..], b"img");
        assert_eq!(drawn.usage.image_input_tokens, 250);
        assert_eq!(drawn.usage.text_input_tokens, 50);
        assert_eq!(drawn.usage.output_tokens, 1056);
        assert!(read_success(br#"{"data":[]}"#).is_err());
    }

    #[test]
    fn stream_events_send_partials_and_end_with_the_image() {
        let (sink, mut partials) = tokio::sync::mpsc::unbounded_channel();
        let mut buffer = EventBuffer::default();
        buffer.push(
            format!(
                "event: image_edit.partial_image\ndata: {{\"type\":\"image_edit.partial_image\",\"b64_json\":\"{PNG_B64}\",\"partial_image_index\":0,\"output_format\":\"png\"}}\n\n\
                 event: image_edit.completed\r\ndata: {{\"type\":\"image_edit.completed\",\"b64_json\":\"{PNG_B64}\",\"usage\":{{\"input_tokens\":1,\"output_tokens\":2,\"total_tokens\":3}}}}\r\n\r\n"
            )
            .as_bytes(),
        );
        let first = buffer.next_data().expect("an event");
        assert!(read_event(&first, Some(&sink)).expect("ok").is_none());
        let partial = partials.try_recv().expect("a partial");
        assert_eq!((partial.index, partial.content_type), (0, "image/png"));
        let second = buffer.next_data().expect("an event");
        let drawn = read_event(&second, Some(&sink))
            .expect("ok")
            .expect("the image");
        assert_eq!(drawn.usage.total_tokens, 3);
        assert!(buffer.next_data().is_none());
    }

    #[test]
    fn errors_are_sorted_and_named() {
        let body = |code: &str| {
            format!(
                r#"{{"error":{{"message":"said","type":"invalid_request_error","param":"prompt","code":"{code}"}}}}"#
            )
        };
        let blocked = read_failure(
            400,
            body("moderation_blocked").as_bytes(),
            None,
            "gpt-image-1.5",
        );
        assert!(!blocked.is_transient() && blocked.to_string().contains("safety system"));
        let missing = read_failure(404, body("model_not_found").as_bytes(), None, "gpt-image-9");
        assert!(!missing.is_transient());
        assert!(
            missing.to_string().contains("--openai-model")
                && missing.to_string().contains("gpt-image-9")
        );
        let limited = read_failure(429, body("rate_limit_exceeded").as_bytes(), Some("3"), "m");
        assert_eq!(
            limited,
            EngineError::Transient {
                message: "OpenAI's rate limit: said".into(),
                retry_after: Some(Duration::from_secs(3))
            }
        );
        assert!(
            !read_failure(429, body("insufficient_quota").as_bytes(), None, "m").is_transient()
        );
        assert!(read_failure(503, b"<html>busy</html>", None, "m").is_transient());
        let bad = read_failure(400, body("invalid_value").as_bytes(), None, "m");
        assert!(!bad.is_transient() && bad.to_string().contains("prompt"));
    }
}
