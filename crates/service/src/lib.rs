//! What stepcast does with a guide, below its two front doors: the HTTP
//! API (`server`) and the job runner (`runner`).
//!
//! Both share one [`App`]: the stores (state, queue, images), the engines,
//! the live event hub and the planners. The operations here are plain
//! functions over it (submit, plan, regenerate, cancel, progress), so an
//! API process, a worker process and a process that is both behave the
//! same over the same stores.

pub mod app;
pub mod config;
pub mod error;
pub mod finished;
mod live;
pub mod metrics;
pub mod operations;
pub mod plan_edits;
pub mod plans;
pub mod previews;
pub mod progress;
pub mod readings;

use std::collections::HashMap;
use std::sync::Arc;

use engines::{ImageEngine, SchematicEngine};
use plan::request::Engine;
use store::{
    ObjectBlobStore, RedisSettings, RedisStore, S3Settings, SqliteStore, StateStore, TaskQueue,
};
use tokio::sync::{broadcast, Notify};

pub use app::{now, App, Checkers, SharedApp};
pub use config::ServerConfig;
pub use plans::Planners;

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
