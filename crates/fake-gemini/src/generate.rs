//! The generateContent endpoint: checks a request in the real API's
//! order, logs it, waits the sampled latency, then answers with an
//! injected fault or a freshly drawn image.
//!
//! Decoding inputs and drawing and encoding the PNG run on the blocking
//! pool, so a slow image never stalls the server's other requests.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::answer::{self, Envelope};
use crate::catalog;
use crate::control::unknown_route;
use crate::error::{ApiError, EXHAUSTED_MESSAGE, OVERLOADED_MESSAGE};
use crate::faults::Fault;
use crate::log::{LoggedImage, Outcome};
use crate::picture::{self, Seeds};
use crate::request::{self, Job, Parsed};
use crate::server::{lock, Shared};

/// API versions whose generateContent the fake serves.
const API_VERSIONS: [&str; 3] = ["v1beta", "v1", "v1alpha"];

/// Counts a request as in flight until it is answered or dropped (a
/// client that gives up on a hanging request drops it).
struct InFlight(Arc<Shared>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.book().leave();
    }
}

/// How a request ended, for the answer and the log.
enum Reply {
    Answer {
        response: Response,
        result: String,
        output: Option<LoggedImage>,
    },
    /// A hang cut short by shutdown: answered, but logged as the hang.
    Abandoned(Response),
}

impl Reply {
    fn error(error: ApiError, result: &str) -> Reply {
        Reply::Answer {
            response: error.into_response(),
            result: result.to_string(),
            output: None,
        }
    }
}

/// `POST /{version}/models/{model}:generateContent`.
pub(crate) async fn generate(
    State(shared): State<Arc<Shared>>,
    Path((version, rest)): Path<(String, String)>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (model_name, method) = rest.rsplit_once(':').unwrap_or((rest.as_str(), ""));
    if method != "generateContent" || !API_VERSIONS.contains(&version.as_str()) {
        return unknown_route().await;
    }
    let key = headers
        .get("x-goog-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| query.ok().and_then(|Query(q)| q.get("key").cloned()))
        .filter(|key| !key.is_empty());
    let (seq, in_flight_before) =
        shared
            .book()
            .arrive(model_name, &version, key.is_some(), shared.now_ms());
    let _in_flight = InFlight(Arc::clone(&shared));
    let started = Instant::now();
    let reply = answer(
        &shared,
        seq,
        &version,
        model_name,
        key,
        in_flight_before,
        body,
    )
    .await;
    let (response, outcome, output) = match reply {
        Reply::Answer {
            response,
            result,
            output,
        } => {
            let outcome = Outcome {
                status: Some(response.status().as_u16()),
                result,
            };
            (response, Some(outcome), output)
        }
        Reply::Abandoned(response) => (response, None, None),
    };
    let finished = shared.now_ms();
    if let Some(outcome) = outcome {
        tracing::info!(
            seq,
            model = model_name,
            status = outcome.status.unwrap_or_default(),
            result = %outcome.result,
            ms = started.elapsed().as_millis() as u64,
            "generateContent"
        );
        shared.book().update(seq, |entry| {
            entry.finished_ms = Some(finished);
            entry.outcome = Some(outcome);
            entry.output_image = output;
        });
    }
    response
}

/// Everything between arrival and answer, in the real API's order:
/// key, capacity, model, request; then the latency, then a fault or the
/// image.
async fn answer(
    shared: &Arc<Shared>,
    seq: u64,
    version: &str,
    model_name: &str,
    key: Option<String>,
    in_flight_before: usize,
    body: Body,
) -> Reply {
    let config = &shared.config;
    let body = match axum::body::to_bytes(body, config.max_body_bytes).await {
        Ok(body) => body,
        Err(_) => {
            let error = ApiError::invalid_argument(format!(
                "Request payload size exceeds the limit: {} bytes.",
                config.max_body_bytes
            ));
            return Reply::error(error, "invalid_argument");
        }
    };
    if let Some(expected) = &config.api_key {
        match key {
            None => return Reply::error(ApiError::no_key(), "no_key"),
            Some(key) if key != *expected => return Reply::error(ApiError::bad_key(), "bad_key"),
            Some(_) => {}
        }
    }
    if config
        .max_concurrent
        .is_some_and(|max| in_flight_before >= max)
    {
        let error = ApiError::exhausted(
            model_name,
            "GenerateContentConcurrentRequestsPerProjectPerModel",
            config.retry_delay,
        );
        debug_assert_eq!(error.message, EXHAUSTED_MESSAGE);
        return Reply::error(error, "concurrency_limit");
    }
    if let Some(text_model) = crate::text::text_model(model_name) {
        return answer_text(shared, seq, text_model, &body).await;
    }
    let Some(model) = catalog::model(model_name) else {
        return Reply::error(
            ApiError::unknown_model(model_name, version),
            "unknown_model",
        );
    };
    let parsed = match request::read(&body) {
        Ok(parsed) => parsed,
        Err(error) => return Reply::error(error, "invalid_argument"),
    };
    drop(body);
    log_request(shared, seq, &parsed);
    let job = match request::check(&parsed, model) {
        Ok(job) => job,
        Err(error) => return Reply::error(error, "invalid_argument"),
    };
    let parsed = match decode(parsed).await {
        Ok(parsed) => {
            let images: Vec<LoggedImage> = parsed.images.iter().map(|i| i.logged()).collect();
            shared.book().update(seq, |entry| entry.images = images);
            parsed
        }
        Err(error) => return Reply::error(error, "invalid_argument"),
    };

    let delay = config.latency.sample(&mut *lock(&shared.latency_rng));
    if !delay.is_zero() {
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = shared.stopping() => {
                return Reply::error(
                    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, OVERLOADED_MESSAGE),
                    "shutting_down",
                );
            }
        }
    }

    let envelope = Envelope {
        model,
        response_id: response_id(config.seed, seq),
    };
    if let Some(fault) = shared.pick_fault(&parsed.prompt()) {
        let result = fault.to_string();
        return match answer::fault(&fault, envelope, &parsed, config.retry_delay) {
            Some(Ok(answer)) => Reply::Answer {
                response: json_response(&answer),
                result,
                output: None,
            },
            Some(Err(error)) => Reply::error(error, &result),
            None => hang(shared, seq).await,
        };
    }
    make_image(envelope, parsed, job).await
}

/// A text model's answer (see [`crate::text`]), after the sampled latency.
async fn answer_text(
    shared: &Arc<Shared>,
    seq: u64,
    model: crate::text::TextModel,
    body: &[u8],
) -> Reply {
    let parsed = match request::read(body) {
        Ok(parsed) => parsed,
        Err(error) => return Reply::error(error, "invalid_argument"),
    };
    log_request(shared, seq, &parsed);
    let delay = shared
        .config
        .latency
        .sample(&mut *lock(&shared.latency_rng));
    if !delay.is_zero() {
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = shared.stopping() => {
                return Reply::error(
                    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, OVERLOADED_MESSAGE),
                    "shutting_down",
                );
            }
        }
    }
    let scripted = shared.next_answer();
    let result = match &scripted {
        Some(crate::text::ScriptedAnswer::Text { .. }) => "scripted_text",
        Some(crate::text::ScriptedAnswer::Refusal) => "scripted_refusal",
        Some(crate::text::ScriptedAnswer::Error { .. }) => "scripted_error",
        None => "text",
    };
    let system = parsed.system_instruction.as_deref();
    match crate::text::answer(model, body, &parsed.texts, system, scripted) {
        Ok(answer) => Reply::Answer {
            response: json_response(&answer),
            result: result.to_string(),
            output: None,
        },
        Err(error) => Reply::error(error, result),
    }
}

/// Copies what the request asked for into its log entry.
fn log_request(shared: &Shared, seq: u64, parsed: &Parsed) {
    let images: Vec<LoggedImage> = parsed.images.iter().map(|i| i.logged()).collect();
    shared.book().update(seq, |entry| {
        entry.texts = parsed.texts.clone();
        entry.prompt = parsed.prompt();
        entry.system_instruction = parsed.system_instruction.clone();
        entry.images = images;
        entry.aspect_ratio = parsed.aspect_ratio.clone();
        entry.image_size = parsed.image_size.clone();
        entry.response_modalities = parsed.modalities.clone();
    });
}

/// Decodes the input images on the blocking pool.
async fn decode(parsed: Parsed) -> Result<Parsed, ApiError> {
    tokio::task::spawn_blocking(move || {
        let mut parsed = parsed;
        request::decode_images(&mut parsed.images).map(|()| parsed)
    })
    .await
    .unwrap_or_else(|e| Err(internal(&e)))
}

/// Never answers; logs the hang at once, since the client will probably
/// give up and drop the request before anything else could be logged.
async fn hang(shared: &Shared, seq: u64) -> Reply {
    shared.book().update(seq, |entry| {
        entry.outcome = Some(Outcome {
            status: None,
            result: Fault::Hang.to_string(),
        });
    });
    shared.stopping().await;
    Reply::Abandoned(
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, OVERLOADED_MESSAGE).into_response(),
    )
}

/// Draws, encodes and wraps the image on the blocking pool.
async fn make_image(envelope: Envelope<'static>, parsed: Parsed, job: Job) -> Reply {
    let work = tokio::task::spawn_blocking(move || -> Result<Reply, ApiError> {
        if !job.wants_image {
            let answer = answer::success(envelope, &parsed, &job, None);
            return Ok(Reply::Answer {
                response: json_response(&answer),
                result: "text".to_string(),
                output: None,
            });
        }
        let seeds = Seeds::of(
            parsed.texts.iter().map(String::as_str),
            parsed.images.iter().map(|i| i.bytes.as_slice()),
        );
        let inputs: Vec<_> = parsed
            .images
            .iter()
            .filter_map(|i| i.decoded.clone())
            .collect();
        let canvas = picture::render(job.width, job.height, &seeds, &inputs);
        drop(inputs);
        let png = picture::encode_png(&canvas).map_err(|e| internal(&e))?;
        let output = LoggedImage {
            mime_type: "image/png".to_string(),
            bytes: png.len(),
            sha256: hex::encode(Sha256::digest(&png)),
            width: Some(job.width),
            height: Some(job.height),
        };
        let answer = answer::success(envelope, &parsed, &job, Some(&png));
        Ok(Reply::Answer {
            response: json_response(&answer),
            result: "image".to_string(),
            output: Some(output),
        })
    });
    match work.await {
        Ok(Ok(reply)) => reply,
        Ok(Err(error)) => Reply::error(error, "internal"),
        Err(e) => Reply::error(internal(&e), "internal"),
    }
}

/// A 500 for a failure of the fake itself, logged with its cause.
fn internal(cause: &dyn std::fmt::Display) -> ApiError {
    tracing::error!(%cause, "the fake Gemini failed");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        crate::error::INTERNAL_MESSAGE,
    )
}

/// Serialises an answer as Google does (`application/json; charset=UTF-8`).
fn json_response(answer: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(answer) {
        Ok(body) => {
            let mut response = Response::new(Body::from(body));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=UTF-8"),
            );
            response
        }
        Err(e) => internal(&e).into_response(),
    }
}

/// A response id like Google's (23 URL-safe characters), unique per
/// request and repeatable for a seed.
fn response_id(seed: u64, seq: u64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(seed.to_le_bytes());
    hasher.update(seq.to_le_bytes());
    let digest = hasher.finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..17])
}
