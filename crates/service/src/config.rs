//! How a server runs: where it listens and keeps data, its public URL, and
//! the limits of the job runner.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything `stepcast serve` can set (flags and `STEPCAST_*` variables).
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// The base of absolute `image_url`s (the seed's API_BASE_URL); the
    /// bound address when not set.
    pub public_url: Option<String>,
    /// Images generated at once across all guides (the seed's 2).
    pub concurrency: usize,
    /// Engine calls per minute; 0 = unlimited.
    pub rate_per_minute: u32,
    /// Tasks queued or running before new guides get 503.
    pub max_queued_tasks: u64,
    /// How long a guide is kept after it is created; zero keeps it.
    pub retention: Duration,
    /// The longest one engine call may take before it counts as failed.
    pub task_timeout: Duration,
    /// Tries per step for transient errors.
    pub max_attempts: u32,
    /// First retry delay; doubled each time, with jitter.
    pub retry_base: Duration,
    /// How long a worker's claim on a task lasts without a heartbeat.
    pub lease: Duration,
    /// Bearer token required by the writing endpoints, if set.
    pub token: Option<String>,
    /// Origins allowed by CORS ("*" for any); none = same origin only.
    pub cors_origins: Vec<String>,
    /// Largest request body accepted.
    pub body_limit: usize,
    /// How often expired guides and unreferenced images are swept.
    pub sweep_every: Duration,
    /// The built web UI (`web/dist`), served at `/` with the API beside it.
    pub web_dir: Option<PathBuf>,
    /// Where images are kept: `dir:PATH` or `s3://BUCKET/PREFIX`; `None`
    /// keeps them in `<data_dir>/images`.
    pub images: Option<String>,
    /// Where guide state and the task queue live: `sqlite:DIR` (the directory of `stepcast.db`) or
    /// `redis://…`; `None` keeps them in `<data_dir>/stepcast.db`.
    pub store: Option<String>,
    /// Put before every Redis key, so deployments can share one Redis.
    pub redis_prefix: String,
    /// Whether this process runs workers beside the API (`false`: the API
    /// alone, for a deployment whose workers are `stepcast worker`s).
    pub run_workers: bool,
    /// Whether cloud photos are checked (and redrawn once on a finding)
    /// when a request does not say.
    pub verify_default: bool,
    /// Previews (`POST /preview`) drawn at once; more are answered 429.
    /// Zero refuses every preview.
    pub preview_concurrency: usize,
}

impl ServerConfig {
    /// Defaults for a data directory (port 8080 on localhost).
    pub fn new(data_dir: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: data_dir.into(),
            public_url: None,
            concurrency: 2,
            rate_per_minute: 0,
            max_queued_tasks: 10_000,
            retention: Duration::from_secs(7200),
            task_timeout: Duration::from_secs(120),
            max_attempts: 5,
            retry_base: Duration::from_millis(500),
            lease: Duration::from_secs(30),
            token: None,
            cors_origins: Vec::new(),
            body_limit: 8 * 1024 * 1024,
            sweep_every: Duration::from_secs(60),
            web_dir: None,
            images: None,
            store: None,
            redis_prefix: String::new(),
            run_workers: true,
            verify_default: false,
            preview_concurrency: 2 * std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}
