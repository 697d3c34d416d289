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
pub mod finished;
mod live;
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
use store::{
    ObjectBlobStore, RedisSettings, RedisStore, S3Settings, SqliteStore, StateStore, TaskQueue,
};
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
    let (state, queue, redis) = open_state(&config, &base_url).await?;
    let blobs = Arc::new(open_images(&config)?);
    let mut engines: HashMap<Engine, Arc<dyn ImageEngine>> = HashMap::new();
    engines.insert(Engine::Schematic, Arc::new(SchematicEngine::new()));
    for (kind, engine) in extra_engines {
        engines.insert(kind, engine);
    }
    let (events, _) = broadcast::channel(EVENT_BUFFER);
    if let Some(redis) = &redis {
        tokio::spawn(live::forward(redis.clone(), events.clone()));
    }
    let finished = Arc::new(finished::FinishedProgress::default());
    tokio::spawn(finished::follow(finished.clone(), events.subscribe()));
    let worker_prefix = match &redis {
        None => "local".to_string(),
        Some(_) => live::process_name(),
    };
    Ok(Arc::new(App {
        config,
        state,
        queue,
        blobs,
        engines,
        events,
        live_from_store: redis.is_some(),
        worker_prefix,
        work: Notify::new(),
        base_url,
        finishing: tokio::sync::Mutex::new(()),
        metrics: metrics::Metrics::new(),
        readings: readings::PlanReadings::default(),
        planners,
        plan_cache: planner::cache::PlanCache::default(),
        checkers,
        finished,
    }))
}

type StateAndQueue = (Arc<dyn StateStore>, Arc<dyn TaskQueue>, Option<RedisStore>);

/// The state store and queue `config.store` names (`sqlite:DIR`,
/// `redis://…`, `rediss://…`), or SQLite in the data directory.
pub async fn open_state(config: &ServerConfig, base_url: &str) -> anyhow::Result<StateAndQueue> {
    let sqlite_dir = match config.store.as_deref() {
        None => config.data_dir.clone(),
        Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") => {
            let redis = RedisStore::open(&RedisSettings {
                url: url.to_string(),
                prefix: config.redis_prefix.clone(),
                image_base: base_url.to_string(),
            })
            .await
            .map_err(|e| anyhow::anyhow!("--store {}: {e}", redact(url)))?;
            return Ok((
                Arc::new(redis.clone()),
                Arc::new(redis.clone()),
                Some(redis),
            ));
        }
        Some(url) => match url.strip_prefix("sqlite:") {
            Some(path) if !path.is_empty() => std::path::PathBuf::from(path),
            _ => anyhow::bail!("--store {url:?}: expected sqlite:DIR or redis://HOST:PORT"),
        },
    };
    std::fs::create_dir_all(&sqlite_dir)?;
    let sqlite = Arc::new(SqliteStore::open(&sqlite_dir).await?);
    Ok((sqlite.clone(), sqlite, None))
}

/// A store URL fit for logs and errors: without its password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
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

/// A server bound and running: its address, app and runner (none when
/// `config.run_workers` is off).
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub app: SharedApp,
    runner: Option<Runner>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl Running {
    /// Stops at once, handing nothing back: what a killed process leaves.
    pub fn crash(self) {
        self.server.abort();
        if let Some(runner) = self.runner {
            runner.abandon();
        }
    }

    /// Stops accepting requests, then stops the runner (finishing or
    /// handing back running steps within `grace`).
    pub async fn shutdown(self, grace: std::time::Duration) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(grace, self.server).await;
        if let Some(runner) = self.runner {
            runner.shutdown(grace).await;
        }
    }
}

/// Workers with no HTTP server (`stepcast worker`): they take tasks from
/// the shared queue that API processes fill.
pub struct Working {
    pub app: SharedApp,
    runner: Runner,
}

impl Working {
    /// Stops at once, handing nothing back: what a killed process leaves.
    pub fn crash(self) {
        self.runner.abandon();
    }

    /// Stops taking tasks, finishing or handing back running steps within
    /// `grace`.
    pub async fn shutdown(self, grace: std::time::Duration) {
        self.runner.shutdown(grace).await;
    }
}

/// Starts workers alone, over the stores `config` names.
pub async fn start_workers(
    config: ServerConfig,
    extra_engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
    planners: Planners,
    checkers: app::Checkers,
) -> anyhow::Result<Working> {
    let base_url = config.public_url.clone().unwrap_or_default();
    let app = build_app(config, base_url, extra_engines, planners, checkers).await?;
    let runner = Runner::start(app.clone()).await?;
    Ok(Working { app, runner })
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
    let runner = if app.config.run_workers {
        Some(Runner::start(app.clone()).await?)
    } else {
        None
    };
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
