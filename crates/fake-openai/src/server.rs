//! The HTTP server: [`FakeOpenAi`], the handle tests hold, the thread that
//! serves it, the state its handlers share, the routes, and [`Call`], what
//! every API request goes through (log entry, key, capacity, latency,
//! faults, outcome).
//!
//! The server runs on its own thread with its own Tokio runtime, so a fake
//! can be started from synchronous tests and from any async runtime alike,
//! and its CPU work (decoding inputs, drawing and encoding images) never
//! competes with the client under test for the caller's runtime.

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use rand::rngs::StdRng;
use rand::SeedableRng as _;
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::config::{self, FakeOpenAiConfig};
use crate::control;
use crate::error::{ApiError, FakeError};
use crate::faults::{Fault, FaultRule, FaultRules};
use crate::log::{Book, Endpoint, LoggedRequest, Outcome, Stats};
use crate::text::ScriptedAnswer;

/// How long a stopping fake waits for requests still being answered.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// A running fake OpenAI API. Stops when dropped or [`shut down`].
///
/// [`shut down`]: FakeOpenAi::shutdown
pub struct FakeOpenAi {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeOpenAi {
    /// Starts a fake on 127.0.0.1 with a free port.
    pub fn start(config: FakeOpenAiConfig) -> Result<FakeOpenAi, FakeError> {
        FakeOpenAi::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), config)
    }

    /// Starts a fake listening on `addr` (port 0 picks a free port).
    pub fn start_on(addr: SocketAddr, config: FakeOpenAiConfig) -> Result<FakeOpenAi, FakeError> {
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
            .name(format!("fake-openai-{}", local.port()))
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
        tracing::info!(addr = %local, "fake OpenAI listening");
        Ok(FakeOpenAi {
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

    /// The fake's root URL, e.g. `http://127.0.0.1:40123`, **without**
    /// `/v1` and without a trailing slash. The API lives under
    /// `{base_url}/v1` (what the official SDKs take as `base_url`, in place
    /// of `https://api.openai.com/v1`); the control endpoints under
    /// `{base_url}/_fake`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `{base_url}/v1`, ready for an SDK's `base_url`.
    pub fn api_url(&self) -> String {
        format!("{}/v1", self.base_url())
    }

    /// Every logged request, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.book().entries()
    }

    /// Forgets the logged requests and restarts the total and peak counts.
    pub fn clear_log(&self) {
        self.shared.book().clear();
    }

    /// Request counts.
    pub fn stats(&self) -> Stats {
        self.shared.book().stats()
    }

    /// Adds a fault rule after the ones already active.
    pub fn add_fault(&self, rule: FaultRule) {
        self.shared.rules().add(rule);
    }

    /// The fault rules still active.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.shared.rules().list()
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.rules().clear();
    }

    /// Queues answers for `/v1/responses`, used once each, oldest first,
    /// before the default answer (the extractor's plan) resumes.
    pub fn script_answers(&self, answers: Vec<ScriptedAnswer>) {
        self.shared.push_answers(answers);
    }

    /// Scripted answers not used yet.
    pub fn scripted_answers(&self) -> Vec<ScriptedAnswer> {
        self.shared.queued_answers()
    }

    /// Drops the scripted answers not used yet.
    pub fn clear_answers(&self) {
        self.shared.clear_answers();
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
                tracing::error!("the fake OpenAI server thread panicked");
            }
        }
    }
}

impl Drop for FakeOpenAi {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

impl std::fmt::Debug for FakeOpenAi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeOpenAi")
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
        .thread_name("fake-openai-worker")
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
                    tracing::error!(error = %e, "the fake OpenAI server failed");
                }
            }
            () = deadline => tracing::warn!("the fake OpenAI stopped with requests unanswered"),
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
}

/// State shared by the handlers and the handle.
pub(crate) struct Shared {
    pub(crate) config: FakeOpenAiConfig,
    started: Instant,
    book: Mutex<Book>,
    rules: Mutex<FaultRules>,
    /// Scripted `/v1/responses` answers, oldest first.
    answers: Mutex<VecDeque<ScriptedAnswer>>,
    latency_rng: Mutex<StdRng>,
    stopped: watch::Receiver<bool>,
}

impl Shared {
    fn new(config: FakeOpenAiConfig, stopped: watch::Receiver<bool>) -> Shared {
        Shared {
            started: Instant::now(),
            book: Mutex::new(Book::new(config.log_limit)),
            rules: Mutex::new(FaultRules::new(config.faults.clone())),
            answers: Mutex::new(VecDeque::new()),
            latency_rng: Mutex::new(StdRng::seed_from_u64(config.seed)),
            stopped,
            config,
        }
    }

    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    pub(crate) fn book(&self) -> MutexGuard<'_, Book> {
        lock(&self.book)
    }

    pub(crate) fn rules(&self) -> MutexGuard<'_, FaultRules> {
        lock(&self.rules)
    }

    /// The oldest scripted answer, taken off the queue.
    pub(crate) fn next_answer(&self) -> Option<ScriptedAnswer> {
        lock(&self.answers).pop_front()
    }

    pub(crate) fn push_answers(&self, answers: Vec<ScriptedAnswer>) {
        lock(&self.answers).extend(answers);
    }

    pub(crate) fn queued_answers(&self) -> Vec<ScriptedAnswer> {
        lock(&self.answers).iter().cloned().collect()
    }

    pub(crate) fn clear_answers(&self) {
        lock(&self.answers).clear();
    }

    /// Resolves when the fake is stopping.
    pub(crate) async fn stopping(&self) {
        let mut stopped = self.stopped.clone();
        let _ = stopped.wait_for(|stop| *stop).await;
    }

    /// The key check alone (for the model listing, which is not logged).
    pub(crate) fn check_key(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        check_key(self.config.api_key.as_deref(), bearer(headers).as_deref())
    }

    /// A hex id unique per request and repeatable for a seed.
    pub(crate) fn id(&self, seq: u64, kind: &str, hex_len: usize) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.config.seed.to_le_bytes());
        hasher.update(seq.to_le_bytes());
        hasher.update(kind.as_bytes());
        let mut hex = hex::encode(hasher.finalize());
        hex.truncate(hex_len);
        hex
    }
}

/// Locks a mutex, going on after a panic elsewhere (the data are counters
/// and logs, always left consistent).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The key of an `Authorization: Bearer KEY` header, if any.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, key) = value.trim().split_once(' ')?;
    let key = key.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !key.is_empty()).then(|| key.to_string())
}

fn check_key(expected: Option<&str>, given: Option<&str>) -> Result<(), ApiError> {
    match (expected, given) {
        (None, _) => Ok(()),
        (Some(_), None) => Err(ApiError::no_key()),
        (Some(expected), Some(given)) if given == expected => Ok(()),
        (Some(_), Some(given)) => Err(ApiError::bad_key(given)),
    }
}

/// How a request ended, for the answer and the log.
pub(crate) enum Reply {
    /// An answer, with the log's `result` (`image`, `text`, a fault's name,
    /// or why the request was refused).
    Answer { response: Response, result: String },
    /// A hang cut short by shutdown: answered, but logged as the hang.
    Abandoned(Response),
}

impl Reply {
    pub(crate) fn error(error: ApiError, result: &str) -> Reply {
        Reply::Answer {
            response: error.into_response(),
            result: result.to_string(),
        }
    }

    pub(crate) fn ok(response: Response, result: &str) -> Reply {
        Reply::Answer {
            response,
            result: result.to_string(),
        }
    }
}

/// One API request from arrival to answer. Counts as in flight until it is
/// dropped, which happens when it is answered or when the client goes away
/// (a client that gives up on a hanging request drops it).
pub(crate) struct Call {
    pub(crate) shared: Arc<Shared>,
    pub(crate) seq: u64,
    pub(crate) endpoint: Endpoint,
    pub(crate) request_id: String,
    in_flight_before: usize,
    key: Option<String>,
    started: Instant,
}

impl Call {
    /// Logs the arrival.
    pub(crate) fn begin(shared: &Arc<Shared>, endpoint: Endpoint, headers: &HeaderMap) -> Call {
        let key = bearer(headers);
        // The id derives from the sequence number `arrive` assigns, so it
        // is filled in just after.
        let (seq, in_flight_before) =
            shared
                .book()
                .arrive(endpoint, String::new(), key.is_some(), shared.now_ms());
        let request_id = format!("req_{}", shared.id(seq, "request", 32));
        shared
            .book()
            .update(seq, |entry| entry.request_id = request_id.clone());
        Call {
            shared: Arc::clone(shared),
            seq,
            endpoint,
            request_id,
            in_flight_before,
            key,
            started: Instant::now(),
        }
    }

    /// The checks before the body is looked at, in the real API's order:
    /// the key, then capacity. `Some` is the refusal to send.
    pub(crate) fn admit(&self) -> Option<Reply> {
        let config = &self.shared.config;
        if let Err(error) = check_key(config.api_key.as_deref(), self.key.as_deref()) {
            let result = if self.key.is_some() {
                "bad_key"
            } else {
                "no_key"
            };
            return Some(Reply::error(error, result));
        }
        if let Some(max) = config.max_concurrent {
            if self.in_flight_before >= max {
                let model = match self.endpoint {
                    Endpoint::Responses => "gpt-6-luna",
                    _ => crate::catalog::DEFAULT_IMAGE_MODEL,
                };
                return Some(Reply::error(
                    ApiError::rate_limited(model, max, config.retry_after),
                    "concurrency_limit",
                ));
            }
        }
        None
    }

    /// Changes this request's log entry.
    pub(crate) fn log(&self, change: impl FnOnce(&mut LoggedRequest)) {
        self.shared.book().update(self.seq, change);
    }

    /// Waits the sampled latency; a fake that stops meanwhile answers 503.
    pub(crate) async fn wait_latency(&self) -> Result<(), Reply> {
        let delay = config::sample(
            &self.shared.config.latency,
            &mut *lock(&self.shared.latency_rng),
        );
        if delay.is_zero() {
            return Ok(());
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => Ok(()),
            () = self.shared.stopping() => Err(Reply::error(ApiError::unavailable(), "shutting_down")),
        }
    }

    /// The injected fault for this request's prompt, as its answer, if a
    /// rule matches.
    pub(crate) async fn fault(&self, prompt: &str, model: &str) -> Option<Reply> {
        let fault = self.shared.rules().take(self.endpoint, prompt)?;
        let config = &self.shared.config;
        let error = match fault {
            Fault::RateLimited => ApiError::rate_limited(
                model,
                config.max_concurrent.unwrap_or(5),
                config.retry_after,
            ),
            Fault::InsufficientQuota => ApiError::insufficient_quota(),
            Fault::ServerError => ApiError::server_error(),
            Fault::Unavailable => ApiError::unavailable(),
            Fault::ModerationBlocked => ApiError::moderation_blocked(&self.request_id),
            Fault::Hang => return Some(self.hang().await),
        };
        Some(Reply::error(error, fault.name()))
    }

    /// Never answers; logs the hang at once, since the client will probably
    /// give up and drop the request before anything else could be logged.
    async fn hang(&self) -> Reply {
        self.log(|entry| {
            entry.outcome = Some(Outcome {
                status: None,
                result: Fault::Hang.name().to_string(),
            });
        });
        self.shared.stopping().await;
        Reply::Abandoned(ApiError::unavailable().into_response())
    }

    /// Logs the outcome and adds the headers every OpenAI answer carries.
    pub(crate) fn finish(self, reply: Reply) -> Response {
        let mut response = match reply {
            Reply::Answer { response, result } => {
                let status = response.status().as_u16();
                let finished = self.shared.now_ms();
                tracing::info!(
                    seq = self.seq,
                    endpoint = self.endpoint.name(),
                    status,
                    result = %result,
                    ms = self.started.elapsed().as_millis() as u64,
                    "request"
                );
                self.log(|entry| {
                    entry.finished_ms = Some(finished);
                    entry.outcome = Some(Outcome {
                        status: Some(status),
                        result,
                    });
                });
                response
            }
            Reply::Abandoned(response) => response,
        };
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&self.request_id) {
            headers.insert(HeaderName::from_static("x-request-id"), value);
        }
        let ms = self.started.elapsed().as_millis().to_string();
        if let Ok(value) = HeaderValue::from_str(&ms) {
            headers.insert(HeaderName::from_static("openai-processing-ms"), value);
        }
        headers.insert(
            HeaderName::from_static("openai-version"),
            HeaderValue::from_static("2020-10-01"),
        );
        response
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        self.shared.book().leave();
    }
}

/// The answer to routes the API does not serve.
async fn unknown_route(method: Method, uri: Uri) -> Response {
    ApiError::invalid_url(method.as_str(), uri.path()).into_response()
}

/// 413 for a body over the configured limit.
pub(crate) fn too_large(limit: usize) -> ApiError {
    let mut error = ApiError::invalid_request(format!(
        "Request too large: the body exceeds the fake's limit of {limit} bytes."
    ));
    error.status = StatusCode::PAYLOAD_TOO_LARGE;
    error
}

fn router(shared: Arc<Shared>) -> Router {
    let limit = shared.config.max_body_bytes;
    Router::new()
        .route("/v1/images/generations", post(crate::images::generations))
        .route("/v1/images/edits", post(crate::images::edits))
        .route("/v1/responses", post(crate::responses::create))
        .route("/v1/models", get(control::list_models))
        .route("/v1/models/{model}", get(control::get_model))
        .route(
            "/_fake/requests",
            get(control::list_requests).delete(control::clear_requests),
        )
        .route(
            "/_fake/faults",
            get(control::list_faults)
                .post(control::add_fault)
                .delete(control::clear_faults),
        )
        .route(
            "/_fake/answers",
            get(control::list_answers)
                .post(control::add_answers)
                .delete(control::clear_answers),
        )
        .route("/_fake/stats", get(control::stats))
        .fallback(unknown_route)
        .method_not_allowed_fallback(unknown_route)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_from_bearer_headers() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert("authorization", HeaderValue::from_static("Bearer sk-1"));
        assert_eq!(bearer(&headers).as_deref(), Some("sk-1"));
        headers.insert("authorization", HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
        headers.insert("authorization", HeaderValue::from_static("Bearer "));
        assert_eq!(bearer(&headers), None);
    }

    #[test]
    fn the_key_check_tells_missing_from_wrong() {
        assert!(check_key(None, None).is_ok());
        assert!(check_key(Some("k"), Some("k")).is_ok());
        assert_eq!(check_key(Some("k"), None).map_err(|e| e.code), Err(None));
        assert_eq!(
            check_key(Some("k"), Some("x")).map_err(|e| e.code),
            Err(Some("invalid_api_key".to_string()))
        );
    }
}
