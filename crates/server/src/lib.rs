//! The stepcast service.
//!
//! A client hands over a guide and gets an answer at once (202); the job
//! runner draws each step in the background, and the client follows along
//! by polling (`GET /step-images/{id}`, the seed's shape) or by Server-Sent
//! Events. State, queue and images live behind the `store` traits, so the
//! embedded SQLite + local files setup and a distributed one are a
//! configuration choice.

pub mod api;
pub mod app;
pub mod config;
pub mod error;
pub mod metrics;
pub mod plans;
pub mod progress;
pub mod readings;
pub mod runner;
pub mod service;

use std::collections::HashMap;
use std::sync::Arc;

use engines::{ImageEngine, SchematicEngine};
use plan::request::Engine;
use store::{ObjectBlobStore, S3Settings, SqliteStore};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, Notify};

pub use app::{App, Checkers, SharedApp};
pub use config::ServerConfig;
pub use plans::Planners;
pub use runner::Runner;

/// Live events kept for slow SSE subscribers before they must catch up
/// from the store.
const EVENT_BUFFER: usize = 4096;

/// The embedded stores in `config.data_dir` and the given engines (the
/// schematic engine is always there).
pub async fn build_app(
    config: ServerConfig,
    base_url: String,
    extra_engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
    planners: Planners,
    checkers: app::Checkers,
) -> anyhow::Result<SharedApp> {
    std::fs::create_dir_all(&config.data_dir)?;
    let sqlite = Arc::new(SqliteStore::open(&config.data_dir).await?);
    let blobs = Arc::new(open_images(&config)?);
    let mut engines: HashMap<Engine, Arc<dyn ImageEngine>> = HashMap::new();
    engines.insert(Engine::Schematic, Arc::new(SchematicEngine::new()));
    for (kind, engine) in extra_engines {
        engines.insert(kind, engine);
    }
    let (events, _) = broadcast::channel(EVENT_BUFFER);
    Ok(Arc::new(App {
        config,
        state: sqlite.clone(),
        queue: sqlite,
        blobs,
        engines,
        events,
        work: Notify::new(),
        base_url,
        finishing: tokio::sync::Mutex::new(()),
        metrics: metrics::Metrics::new(),
        readings: readings::PlanReadings::default(),
        planners,
        plan_cache: planner::cache::PlanCache::default(),
        checkers,
    }))
}

/// The image store `config.images` names (`dir:PATH`, `s3://BUCKET/PREFIX`
/// with the standard AWS variables), or `<data_dir>/images`.
pub fn open_images(config: &ServerConfig) -> anyhow::Result<ObjectBlobStore> {
    let store = match config.images.as_deref() {
        None => ObjectBlobStore::open(&config.data_dir)?,
        Some(url) if url.starts_with("s3://") => ObjectBlobStore::s3(&S3Settings::from_url(url)?)?,
        Some(url) => match url.strip_prefix("dir:") {
            Some(path) if !path.is_empty() => ObjectBlobStore::at(std::path::Path::new(path))?,
            _ => anyhow::bail!("--images {url:?}: expected dir:PATH or s3://BUCKET/PREFIX"),
        },
    };
    Ok(store)
}

/// A server bound and running: its address, app and runner.
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub app: SharedApp,
    runner: Runner,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl Running {
    /// Stops at once, handing nothing back: what a killed process leaves.
    pub fn crash(self) {
        self.server.abort();
        self.runner.abandon();
    }

    /// Stops accepting requests, then stops the runner (finishing or
    /// handing back running steps within `grace`).
    pub async fn shutdown(self, grace: std::time::Duration) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(grace, self.server).await;
        self.runner.shutdown(grace).await;
    }
}

/// Binds `config.bind` (port 0 picks a free port), starts the runner and
/// serves the API; every plan is the offline extractor's.
pub async fn start(
    config: ServerConfig,
    extra_engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
) -> anyhow::Result<Running> {
    start_planned(config, extra_engines, Planners::default()).await
}

/// [`start`] with language models that may write plans.
pub async fn start_planned(
    config: ServerConfig,
    extra_engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
    planners: Planners,
) -> anyhow::Result<Running> {
    start_checked(config, extra_engines, planners, app::Checkers::new()).await
}

/// [`start_planned`] with text models that check the cloud engines'
/// photos.
pub async fn start_checked(
    config: ServerConfig,
    extra_engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
    planners: Planners,
    checkers: app::Checkers,
) -> anyhow::Result<Running> {
    let listener = TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let base_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let app = build_app(config, base_url, extra_engines, planners, checkers).await?;
    let runner = Runner::start(app.clone()).await?;
    let router = api::router(app.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running {
        addr,
        app,
        runner,
        server,
        stop,
    })
}
