//! The HTTP server: the generateContent endpoint, the `/_fake/*` control
//! endpoints, and [`FakeGemini`], the handle tests hold.
//!
//! The server runs on its own thread with its own Tokio runtime, so a
//! fake can be started from synchronous tests and from any async runtime
//! alike, and its CPU work (decoding inputs, drawing and encoding PNGs)
//! never competes with the client under test for the caller's runtime.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use rand::rngs::StdRng;
use rand::{RngExt as _, SeedableRng as _};
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::answer::{self, Envelope};
use crate::catalog;
use crate::config::FakeConfig;
use crate::error::{ApiError, FakeError, EXHAUSTED_MESSAGE, OVERLOADED_MESSAGE};
use crate::faults::{Fault, FaultRule, FaultRules};
use crate::log::{Book, LoggedImage, LoggedRequest, Outcome, Stats};
use crate::picture::{self, Seeds};
use crate::request::{self, Job, Parsed};

/// How long a stopping fake waits for requests still being answered.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// API versions whose generateContent the fake serves.
const API_VERSIONS: [&str; 3] = ["v1beta", "v1", "v1alpha"];

/// A running fake Gemini API. Stops when dropped or [`shut down`].
///
/// [`shut down`]: FakeGemini::shutdown
pub struct FakeGemini {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeGemini {
    /// Starts a fake on 127.0.0.1 with a free port.
    pub fn start(config: FakeConfig) -> Result<FakeGemini, FakeError> {
        FakeGemini::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), config)
    }

    /// Starts a fake listening on `addr` (port 0 picks a free port).
    pub fn start_on(addr: SocketAddr, config: FakeConfig) -> Result<FakeGemini, FakeError> {
        config.validate().map_err(FakeError::Config)?;
        let listener =
            std::net::TcpListener::bind(addr).map_err(|source| FakeError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .and_then(|local| listener.set_nonblocking(true).map(|()| local))
            .map_err(|source| FakeError::Bind { addr, source })?;
        let (stop, stopped) = watch::channel(false);
        let shared = Arc::new(Shared::new(config, stopped.clone()));
        let app = router(Arc::clone(&shared));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name(format!("fake-gemini-{}", local.port()))
            .spawn(move || run(listener, app, stopped, ready_tx))
            .map_err(FakeError::Start)?;
        match ready_rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(FakeError::Start(e)),
            Err(_) => {
                return Err(FakeError::Start(std::io::Error::other(
                    "the server thread ended before it started",
                )))
            }
        }
        tracing::info!(addr = %local, "fake Gemini listening");
        Ok(FakeGemini {
            addr: local,
            shared,
            stop,
            thread: Some(thread),
        })
    }

    /// The address the fake listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL clients use in place of
    /// `https://generativelanguage.googleapis.com`, e.g.
    /// `http://127.0.0.1:40123` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every logged request, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.book().entries()
    }

    /// Forgets the logged requests and restarts the total and peak counts.
    pub fn clear_log(&self) {
        self.shared.book().clear();
    }

    /// Adds a fault rule after the ones already active.
    pub fn add_fault(&self, rule: FaultRule) {
        self.shared.rules().add(rule);
    }

    /// The fault rules still active.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.shared.rules().list()
    }

    /// Removes every fault rule (random failures, if configured, go on).
    pub fn clear_faults(&self) {
        self.shared.rules().clear();
    }

    /// Request counts.
    pub fn stats(&self) -> Stats {
        self.shared.book().stats()
    }

    /// Stops the fake: requests being answered get a little time to
    /// finish, hanging ones are answered 503, then the port is closed.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        self.stop.send_replace(true);
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!("the fake Gemini server thread panicked");
            }
        }
    }
}

impl Drop for FakeGemini {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

impl std::fmt::Debug for FakeGemini {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeGemini")
            .field("addr", &self.addr)
            .finish()
    }
}

/// The server thread: a runtime, the listener, and axum until stopped.
fn run(
    listener: std::net::TcpListener,
    app: Router,
    stopped: watch::Receiver<bool>,
    ready: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("fake-gemini-worker")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(e) => {
                let _ = ready.send(Err(e));
                return;
            }
        };
        let _ = ready.send(Ok(()));
        let graceful = {
            let mut stopped = stopped.clone();
            async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            }
        };
        let serve = axum::serve(listener, app).with_graceful_shutdown(graceful);
        let deadline = {
            let mut stopped = stopped;
            async move {
                let _ = stopped.wait_for(|stop| *stop).await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            }
        };
        tokio::select! {
            result = serve => {
                if let Err(e) = result {
                    tracing::error!(error = %e, "the fake Gemini server failed");
                }
            }
            () = deadline => tracing::warn!("the fake Gemini stopped with requests unanswered"),
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
}

/// State shared by the handlers and the handle.
struct Shared {
    config: FakeConfig,
    started: Instant,
    book: Mutex<Book>,
    rules: Mutex<FaultRules>,
    latency_rng: Mutex<StdRng>,
    fail_rng: Mutex<StdRng>,
    stopped: watch::Receiver<bool>,
}

impl Shared {
    fn new(config: FakeConfig, stopped: watch::Receiver<bool>) -> Shared {
        Shared {
            started: Instant::now(),
            book: Mutex::new(Book::new(config.log_limit)),
            rules: Mutex::new(FaultRules::new(config.faults.clone())),
            latency_rng: Mutex::new(StdRng::seed_from_u64(config.seed)),
            fail_rng: Mutex::new(StdRng::seed_from_u64(config.seed ^ 0x5eed_fa11)),
            stopped,
            config,
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn book(&self) -> MutexGuard<'_, Book> {
        lock(&self.book)
    }

    fn rules(&self) -> MutexGuard<'_, FaultRules> {
        lock(&self.rules)
    }

    /// Resolves when the fake is stopping.
    async fn stopping(&self) {
        let mut stopped = self.stopped.clone();
        let _ = stopped.wait_for(|stop| *stop).await;
    }

    /// The injected fault for this prompt: the first matching rule, else
    /// a random failure at `fail_rate`.
    fn pick_fault(&self, prompt: &str) -> Option<Fault> {
        if let Some(fault) = self.rules().take(prompt) {
            return Some(fault);
        }
        let rate = self.config.fail_rate;
        (rate > 0.0 && lock(&self.fail_rng).random_bool(rate))
            .then(|| self.config.fail_with.clone())
    }
}

/// Locks a mutex, going on after a panic elsewhere (the data are counters
/// and logs, always left consistent).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/{version}/models/{*rest}", post(generate))
        .route("/_fake/requests", get(list_requests).delete(clear_requests))
        .route(
            "/_fake/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_fake/stats", get(stats))
        .fallback(unknown_route)
        // The generate handler enforces its own limit with Google's error.
        .layer(DefaultBodyLimit::disable())
        .with_state(shared)
}

async fn unknown_route() -> Response {
    ApiError::not_found("Method not found.").into_response()
}

async fn list_requests(State(shared): State<Arc<Shared>>) -> Json<Vec<LoggedRequest>> {
    Json(shared.book().entries())
}

async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.book().clear();
    StatusCode::NO_CONTENT
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Vec<FaultRule>> {
    Json(shared.rules().list())
}

async fn add_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<FaultRule>(&body) {
        Ok(rule) => {
            shared.rules().add(rule.clone());
            (StatusCode::CREATED, Json(rule)).into_response()
        }
        Err(e) => ApiError::invalid_argument(format!("not a fault rule: {e}")).into_response(),
    }
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.rules().clear();
    StatusCode::NO_CONTENT
}

async fn stats(State(shared): State<Arc<Shared>>) -> Json<Stats> {
    Json(shared.book().stats())
}

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
async fn generate(
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
