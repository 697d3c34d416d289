//! The HTTP server: [`FakeGemini`], the handle tests hold, the thread that
//! serves it, the state its handlers share, and the routes.
//!
//! The server runs on its own thread with its own Tokio runtime, so a
//! fake can be started from synchronous tests and from any async runtime
//! alike, and its CPU work (decoding inputs, drawing and encoding PNGs)
//! never competes with the client under test for the caller's runtime.
//! The handlers live in [`crate::generate`] (the generateContent endpoint)
//! and [`crate::control`] (the `/_fake/*` control endpoints).

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use rand::rngs::StdRng;
use rand::{RngExt as _, SeedableRng as _};
use tokio::sync::watch;

use crate::config::FakeConfig;
use crate::control::{
    add_answers, add_fault, clear_answers, clear_faults, clear_requests, list_answers, list_faults,
    list_requests, stats, unknown_route,
};
use crate::error::FakeError;
use crate::faults::{Fault, FaultRule, FaultRules};
use crate::generate::generate;
use crate::log::{Book, LoggedRequest, Stats};
use crate::text::ScriptedAnswer;

/// How long a stopping fake waits for requests still being answered.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

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
    /// Queues answers for text models, used once each, oldest first,
    /// before the default answer (the extractor's plan) resumes.
    pub fn script_answers(&self, answers: Vec<ScriptedAnswer>) {
        self.shared.push_answers(answers);
    }

    /// Scripted answers not used yet.
    pub fn scripted_answers(&self) -> Vec<ScriptedAnswer> {
        self.shared.queued_answers()
    }

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
pub(crate) struct Shared {
    pub(crate) config: FakeConfig,
    started: Instant,
    book: Mutex<Book>,
    rules: Mutex<FaultRules>,
    /// Text models' scripted answers, oldest first.
    answers: Mutex<std::collections::VecDeque<ScriptedAnswer>>,
    pub(crate) latency_rng: Mutex<StdRng>,
    fail_rng: Mutex<StdRng>,
    stopped: watch::Receiver<bool>,
}

impl Shared {
    fn new(config: FakeConfig, stopped: watch::Receiver<bool>) -> Shared {
        Shared {
            started: Instant::now(),
            book: Mutex::new(Book::new(config.log_limit)),
            rules: Mutex::new(FaultRules::new(config.faults.clone())),
            answers: Mutex::new(std::collections::VecDeque::new()),
            latency_rng: Mutex::new(StdRng::seed_from_u64(config.seed)),
            fail_rng: Mutex::new(StdRng::seed_from_u64(config.seed ^ 0x5eed_fa11)),
            stopped,
            config,
        }
    }

    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The oldest scripted text answer, taken off the queue.
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

    pub(crate) fn book(&self) -> MutexGuard<'_, Book> {
        lock(&self.book)
    }

    pub(crate) fn rules(&self) -> MutexGuard<'_, FaultRules> {
        lock(&self.rules)
    }

    /// Resolves when the fake is stopping.
    pub(crate) async fn stopping(&self) {
        let mut stopped = self.stopped.clone();
        let _ = stopped.wait_for(|stop| *stop).await;
    }

    /// The injected fault for this prompt: the first matching rule, else
    /// a random failure at `fail_rate`.
    pub(crate) fn pick_fault(&self, prompt: &str) -> Option<Fault> {
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
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
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
        .route(
            "/_fake/answers",
            get(list_answers).post(add_answers).delete(clear_answers),
        )
        .fallback(unknown_route)
        // The generate handler enforces its own limit with Google's error.
        .layer(DefaultBodyLimit::disable())
        .with_state(shared)
}
