//! `stepcast serve`: the HTTP API and the job runner, over the embedded
//! stores in one data directory or a shared Redis and S3, until Ctrl-C or
//! SIGTERM; `stepcast worker`: the job runner alone, for a shared store.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use std::sync::Arc;

use anyhow::Context;
use engines::ImageEngine;
use plan::request::Engine;
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
    /// Images generated at once, across all guides [default: 2, or the
    /// cloud engines' --*-max-concurrent when they are on].
    #[arg(long, env = "STEPCAST_CONCURRENCY", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: Option<u16>,
    /// Engine calls per minute (0 = no limit).
    #[arg(long, env = "STEPCAST_RATE_PER_MINUTE", default_value_t = 0)]
    pub rate_per_minute: u32,
    /// Tasks queued or running before new guides are refused with 503.
    #[arg(long, env = "STEPCAST_MAX_QUEUED", default_value_t = 10_000)]
    pub max_queued: u64,
    /// Schematic previews (POST /preview) drawn at once; one more is
    /// refused with 429 [default: twice the CPUs]
    #[arg(long, env = "STEPCAST_PREVIEW_CONCURRENCY")]
    pub preview_concurrency: Option<usize>,
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
    #[arg(long, env = "STEPCAST_BODY_LIMIT", default_value_t = 8 * 1024 * 1024)]
    pub body_limit: usize,
    /// The built web UI to serve at / [default: web/dist when it exists].
    #[arg(long, env = "STEPCAST_WEB_DIR")]
    pub web_dir: Option<PathBuf>,
    /// Log format.
    #[arg(long, env = "STEPCAST_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    pub log_format: LogFormat,
    #[command(flatten)]
    pub gemini: GeminiArgs,
    #[command(flatten)]
    pub planner: crate::planner_args::PlannerArgs,
    #[command(flatten)]
    pub openai: OpenAiArgs,
    /// Where images are kept: dir:PATH, or s3://BUCKET/PREFIX with
    /// AWS_ENDPOINT_URL (for a server that is not AWS), AWS_REGION,
    /// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY [default: DATA_DIR/images].
    #[arg(long, env = "STEPCAST_IMAGES")]
    pub images: Option<String>,
    /// Where guide state, events and the task queue live: sqlite:DIR, or
    /// redis://[USER:PASSWORD@]HOST:PORT[/DB] (rediss:// for TLS) to share
    /// them between processes on many machines [default: sqlite:DATA_DIR].
    #[arg(long, env = "STEPCAST_STORE", hide_env_values = true)]
    pub store: Option<String>,
    /// Put before every Redis key and channel, so several deployments can
    /// share one Redis (empty: the seed's own key names).
    #[arg(long, env = "STEPCAST_REDIS_PREFIX", default_value = "")]
    pub redis_prefix: String,
    /// Seconds a worker's hold on a step lasts without a heartbeat (it
    /// beats three times per lease): how soon another worker takes over
    /// the steps of a worker that died.
    #[arg(long, env = "STEPCAST_LEASE_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub lease_secs: u64,
    /// Serve the API only, running no workers: steps are drawn by `stepcast
    /// worker` processes sharing the --store (which must be Redis).
    #[arg(long, env = "STEPCAST_NO_WORKERS")]
    pub no_workers: bool,
    /// Check every cloud photo with the provider's text model (the
    /// --gemini-text-model or --openai-text-model) and redraw it once when
    /// a part is missing or shown too early, unless a request says
    /// `"verify": false`.
    #[arg(long, env = "STEPCAST_VERIFY")]
    pub verify: bool,
}

/// The photo checkers of the cloud engines that are on: each provider's
/// text model checks its own engine's photos.
fn photo_checkers(
    args: &ServeArgs,
    gemini: bool,
    openai: bool,
) -> anyhow::Result<server::Checkers> {
    let mut checkers = server::Checkers::new();
    let key = |name: &str| std::env::var(name).unwrap_or_default();
    if gemini {
        let checker = engines::checker::ModelChecker::gemini(
            &args.gemini.gemini_base_url,
            &key("GEMINI_API_KEY"),
            &args.planner.gemini_text_model,
            Duration::from_secs(args.gemini.gemini_timeout_secs),
        )
        .map_err(|e| anyhow::anyhow!("the Gemini photo checker: {e}"))?;
        checkers.insert("gemini", Arc::new(checker));
    }
    if openai {
        let checker = engines::checker::ModelChecker::openai(
            &args.openai.openai_base_url,
            &key("OPENAI_API_KEY"),
            &args.planner.openai_text_model,
            Duration::from_secs(args.openai.openai_timeout_secs),
        )
        .map_err(|e| anyhow::anyhow!("the OpenAI photo checker: {e}"))?;
        checkers.insert("openai", Arc::new(checker));
    }
    Ok(checkers)
}

/// The OpenAI engine's flags. The engine is on when `OPENAI_API_KEY` is set
/// (read from the environment only, so it never shows in `ps`).
#[derive(clap::Args, Debug)]
pub struct OpenAiArgs {
    /// OpenAI API base URL, without /v1 (a proxy's, or a fake's).
    #[arg(long, env = "STEPCAST_OPENAI_BASE_URL", default_value = engines::openai::DEFAULT_BASE_URL)]
    pub openai_base_url: String,
    /// OpenAI image model (gpt-image-1.5, gpt-image-1-mini or gpt-image-2).
    #[arg(long, env = "STEPCAST_OPENAI_MODEL", default_value = engines::openai::DEFAULT_MODEL)]
    pub openai_model: String,
    /// Image quality: low, medium, high or auto.
    #[arg(long, env = "STEPCAST_OPENAI_QUALITY", default_value = "medium", value_parser = ["low", "medium", "high", "auto"])]
    pub openai_quality: String,
    /// Partial images streamed per step while it is drawn (0 to 3; 0 does
    /// not stream).
    #[arg(long, env = "STEPCAST_OPENAI_PARTIAL_IMAGES", default_value_t = engines::openai::DEFAULT_PARTIAL_IMAGES, value_parser = clap::value_parser!(u32).range(0..=3))]
    pub openai_partial_images: u32,
    /// OpenAI calls in flight at once (keep within your rate limits).
    #[arg(long, env = "STEPCAST_OPENAI_MAX_CONCURRENT", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub openai_max_concurrent: u16,
    /// Seconds one OpenAI call may take.
    #[arg(long, env = "STEPCAST_OPENAI_TIMEOUT_SECS", default_value_t = 180, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub openai_timeout_secs: u64,
    /// Price of one image in US dollars, for cost estimates; overrides the
    /// token prices in stepcast's model table.
    #[arg(long, env = "STEPCAST_OPENAI_PRICE_PER_IMAGE", value_parser = parse_price)]
    pub openai_price_per_image: Option<f64>,
}

/// The OpenAI engine, if `OPENAI_API_KEY` is set.
fn openai_engine(args: &OpenAiArgs) -> anyhow::Result<Option<engines::OpenAiEngine>> {
    let Some(key) = std::env::var("OPENAI_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
    else {
        return Ok(None);
    };
    let mut config = engines::OpenAiConfig::new(key);
    config.base_url = args.openai_base_url.clone();
    config.model = args.openai_model.clone();
    config.quality = args.openai_quality.clone();
    config.partial_images = args.openai_partial_images;
    config.max_concurrent = usize::from(args.openai_max_concurrent);
    config.timeout = Duration::from_secs(args.openai_timeout_secs);
    config.price_per_image_usd = args.openai_price_per_image;
    let engine = engines::OpenAiEngine::new(config).context("--openai-* options")?;
    Ok(Some(engine))
}

/// The Gemini engine's flags. The engine is on when `GEMINI_API_KEY` is set
/// (the key is read from the environment only, so it never shows in `ps`).
#[derive(clap::Args, Debug)]
pub struct GeminiArgs {
    /// Gemini API base URL (a proxy's, or `stepcast fake-gemini`'s).
    #[arg(long, env = "STEPCAST_GEMINI_BASE_URL", default_value = engines::gemini::DEFAULT_BASE_URL)]
    pub gemini_base_url: String,
    /// Gemini image model (gemini-3.1-flash-image or gemini-3-pro-image).
    #[arg(long, env = "STEPCAST_GEMINI_MODEL", default_value = engines::gemini::DEFAULT_MODEL)]
    pub gemini_model: String,
    /// Gemini calls in flight at once (keep within your quota).
    #[arg(long, env = "STEPCAST_GEMINI_MAX_CONCURRENT", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub gemini_max_concurrent: u16,
    /// Seconds one Gemini call may take.
    #[arg(long, env = "STEPCAST_GEMINI_TIMEOUT_SECS", default_value_t = 90, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub gemini_timeout_secs: u64,
    /// Price of one generated image in US dollars, for cost estimates;
    /// overrides Google's list price for the model and image size (from
    /// stepcast's model table), e.g. for a negotiated rate.
    #[arg(long, env = "STEPCAST_GEMINI_PRICE_PER_IMAGE", value_parser = parse_price)]
    pub gemini_price_per_image: Option<f64>,
}

fn parse_price(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(price) if price.is_finite() && price >= 0.0 => Ok(price),
        _ => Err(format!(
            "{text:?} is not a price (a number of dollars, 0 or more)"
        )),
    }
}

/// The Gemini engine, if `GEMINI_API_KEY` is set.
fn gemini_engine(args: &GeminiArgs) -> anyhow::Result<Option<engines::GeminiEngine>> {
    let Some(key) = std::env::var("GEMINI_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
    else {
        return Ok(None);
    };
    let mut config = engines::GeminiConfig::new(key);
    config.base_url = args.gemini_base_url.clone();
    config.model = args.gemini_model.clone();
    config.max_concurrent = usize::from(args.gemini_max_concurrent);
    config.timeout = Duration::from_secs(args.gemini_timeout_secs);
    config.price_per_image_usd = args.gemini_price_per_image;
    let engine = engines::GeminiEngine::new(config).context("--gemini-* options")?;
    Ok(Some(engine))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

/// What the process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The HTTP API, with workers unless `--no-workers`.
    Serve,
    /// Workers only, no HTTP server.
    Worker,
}

/// Processes that share work need a store that every one of them sees.
fn check_shared_store(args: &ServeArgs, role: Role) -> anyhow::Result<()> {
    let shared = args
        .store
        .as_deref()
        .is_some_and(|s| s.starts_with("redis://") || s.starts_with("rediss://"));
    if shared {
        return Ok(());
    }
    match role {
        Role::Worker => anyhow::bail!(
            "stepcast worker needs --store redis://HOST:PORT (the queue the API processes fill)"
        ),
        Role::Serve if args.no_workers => anyhow::bail!(
            "--no-workers needs --store redis://HOST:PORT (the queue `stepcast worker`s read)"
        ),
        Role::Serve => Ok(()),
    }
}

pub fn run(args: ServeArgs, role: Role) -> anyhow::Result<()> {
    init_logs(args.log_format);
    check_shared_store(&args, role)?;
    let gemini_on = std::env::var("GEMINI_API_KEY").is_ok_and(|k| !k.trim().is_empty());
    let openai_on = std::env::var("OPENAI_API_KEY").is_ok_and(|k| !k.trim().is_empty());
    let checkers = photo_checkers(&args, gemini_on, openai_on)?;
    let mut config = ServerConfig::new(&args.data_dir);
    config.bind = args.bind;
    config.public_url = args.public_url;
    let gemini = gemini_engine(&args.gemini)?;
    let openai = openai_engine(&args.openai)?;

    let urls = crate::planner_args::ProviderUrls {
        gemini: &args.gemini.gemini_base_url,
        openai: &args.openai.openai_base_url,
    };
    let planners = crate::planner_args::plan_writers(
        &args.planner,
        &urls,
        Duration::from_secs(args.gemini.gemini_timeout_secs.max(180)),
    )?;
    // Cloud calls wait on the provider, not the CPU: by default run as many
    // steps at once as the provider's limit allows.
    let mut default_concurrency = 2;
    if gemini.is_some() {
        default_concurrency = default_concurrency.max(args.gemini.gemini_max_concurrent);
    }
    if openai.is_some() {
        default_concurrency = default_concurrency.max(args.openai.openai_max_concurrent);
    }
    config.concurrency = usize::from(args.concurrency.unwrap_or(default_concurrency));
    config.rate_per_minute = args.rate_per_minute;
    config.max_queued_tasks = args.max_queued;
    if let Some(n) = args.preview_concurrency {
        config.preview_concurrency = n;
    }
    config.retention = Duration::from_secs(args.retention_secs);
    config.task_timeout = Duration::from_secs(args.task_timeout_secs);
    config.max_attempts = args.max_attempts;
    config.token = args.token.filter(|t| !t.is_empty());
    config.cors_origins = args.cors_origins;
    config.body_limit = args.body_limit;
    config.verify_default = args.verify;
    config.images = args.images.clone();
    config.store = args.store.clone();
    config.run_workers = !args.no_workers;
    config.lease = Duration::from_secs(args.lease_secs);
    config.redis_prefix = args.redis_prefix.clone();
    config.web_dir = args
        .web_dir
        .or_else(|| Some(PathBuf::from("web/dist")).filter(|d| d.join("index.html").is_file()));
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let mut engines: Vec<(Engine, Arc<dyn ImageEngine>)> = Vec::new();
        match gemini {
            Some(gemini) => {
                tracing::info!(base_url = %gemini.config().base_url, model = %gemini.config().model, "the gemini engine is on");
                engines.push((Engine::Gemini, Arc::new(gemini)));
            }
            None => tracing::info!("the gemini engine is off (set GEMINI_API_KEY to turn it on)"),
        }
        match openai {
            Some(openai) => {
                tracing::info!(base_url = %openai.config().base_url, model = %openai.config().model, "the openai engine is on");
                engines.push((Engine::Openai, Arc::new(openai)));
            }
            None => tracing::info!("the openai engine is off (set OPENAI_API_KEY to turn it on)"),
        }
        let data_dir = config.data_dir.clone();
        match planners.preferred() {
            Some(writer) => tracing::info!(model = %writer.model(), "plans are written by {} unless a request asks otherwise", writer.provider()),
            None => tracing::info!("plans are written by the offline extractor"),
        }
        let stop = shutdown_signal();
        if role == Role::Worker {
            if config.public_url.is_none() {
                tracing::warn!("no --public-url: the seed's Redis keys will hold root-relative image URLs (/images/…); give the URL clients reach the API processes by");
            }
            let working = runner::start_workers(config, engines, planners, checkers)
                .await
                .context("starting the workers")?;
            tracing::info!(workers = working.app.config.concurrency, "stepcast workers are running");
            eprintln!("stepcast workers running ({})", working.app.worker_prefix);
            stop.await;
            tracing::info!("shutting down: finishing running steps");
            working.shutdown(Duration::from_secs(10)).await;
            return Ok(());
        }
        let running = server::start_checked(config, engines, planners, checkers)
            .await
            .with_context(|| format!("starting the server (data in {})", data_dir.display()))?;
        tracing::info!(addr = %running.addr, data_dir = %data_dir.display(), web_ui = running.app.config.web_dir.is_some(), workers = running.app.config.run_workers, "stepcast is serving");
        eprintln!("stepcast serving on http://{}", running.addr);
        stop.await;
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

/// Waits for Ctrl-C or SIGTERM. SIGTERM's handler is installed when this
/// is called, not when it is first awaited: a process manager may send it
/// the moment it reads "serving", and a signal with no handler yet would
/// kill the process without a clean shutdown.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => {}
            _ = term => {}
        }
    }
}
