//! `stepcast serve`: the HTTP API and the job runner over the embedded
//! stores in one data directory, until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use server::ServerConfig;

/// The serve flags; each has a `STEPCAST_*` environment variable.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "STEPCAST_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Where guides, the queue and images are kept.
    #[arg(long, env = "STEPCAST_DATA_DIR", default_value = "stepcast-data")]
    pub data_dir: PathBuf,
    /// Base of absolute image URLs (the seed's API_BASE_URL) [default: http://BIND].
    #[arg(long, env = "STEPCAST_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Images generated at once, across all guides.
    #[arg(long, env = "STEPCAST_CONCURRENCY", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
    /// Engine calls per minute (0 = no limit).
    #[arg(long, env = "STEPCAST_RATE_PER_MINUTE", default_value_t = 0)]
    pub rate_per_minute: u32,
    /// Tasks queued or running before new guides are refused with 503.
    #[arg(long, env = "STEPCAST_MAX_QUEUED", default_value_t = 10_000)]
    pub max_queued: u64,
    /// Seconds a guide is kept (0 = keep).
    #[arg(long, env = "STEPCAST_RETENTION_SECS", default_value_t = 7200)]
    pub retention_secs: u64,
    /// Seconds one image may take before it counts as failed.
    #[arg(long, env = "STEPCAST_TASK_TIMEOUT_SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub task_timeout_secs: u64,
    /// Tries per step for transient errors.
    #[arg(long, env = "STEPCAST_MAX_ATTEMPTS", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_attempts: u32,
    /// Bearer token required to create, regenerate and cancel.
    #[arg(long, env = "STEPCAST_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Origins allowed to call the API from a browser (comma-separated, or *).
    #[arg(long, env = "STEPCAST_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Largest request body, in bytes.
    #[arg(long, env = "STEPCAST_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// The built web UI to serve at / [default: web/dist when it exists].
    #[arg(long, env = "STEPCAST_WEB_DIR")]
    pub web_dir: Option<PathBuf>,
    /// Log format.
    #[arg(long, env = "STEPCAST_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    init_logs(args.log_format);
    let mut config = ServerConfig::new(&args.data_dir);
    config.bind = args.bind;
    config.public_url = args.public_url;
    config.concurrency = usize::from(args.concurrency);
    config.rate_per_minute = args.rate_per_minute;
    config.max_queued_tasks = args.max_queued;
    config.retention = Duration::from_secs(args.retention_secs);
    config.task_timeout = Duration::from_secs(args.task_timeout_secs);
    config.max_attempts = args.max_attempts;
    config.token = args.token.filter(|t| !t.is_empty());
    config.cors_origins = args.cors_origins;
    config.body_limit = args.body_limit;
    config.web_dir = args
        .web_dir
        .or_else(|| Some(PathBuf::from("web/dist")).filter(|d| d.join("index.html").is_file()));
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let data_dir = config.data_dir.clone();
        let running = server::start(config, Vec::new())
            .await
            .with_context(|| format!("starting the server (data in {})", data_dir.display()))?;
        tracing::info!(addr = %running.addr, data_dir = %data_dir.display(), web_ui = running.app.config.web_dir.is_some(), "stepcast is serving");
        eprintln!("stepcast serving on http://{}", running.addr);
        shutdown_signal().await;
        tracing::info!("shutting down: finishing running steps");
        running.shutdown(Duration::from_secs(10)).await;
        Ok(())
    })
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Human => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
