//! `stepcast fake-gemini`: a local fake of Gemini's image generation API
//! for demos, load runs and SDK checks, until Ctrl-C or SIGTERM.
//!
//! It prints exactly one line on standard output, `listening on URL`, so
//! a script that asks for `--port 0` can read the port; request logs go to
//! standard error.

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use anyhow::Context;
use fake_gemini::{FakeConfig, FakeGemini, Fault, Latency};

/// The fake's flags.
#[derive(clap::Args, Debug)]
pub struct FakeGeminiArgs {
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Mean time to answer each request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Spread of the answer time: uniform in latency ± jitter (at most the latency).
    #[arg(long, default_value_t = 0)]
    pub jitter_ms: u64,
    /// Requests in flight at once; more are answered 429 RESOURCE_EXHAUSTED.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_concurrent: Option<u64>,
    /// The wait that 429 answers ask for (RetryInfo.retryDelay), in seconds.
    #[arg(long, default_value_t = 2.0, value_parser = parse_seconds)]
    pub retry_delay_secs: f64,
    /// The API key clients must send [default: accept any key or none].
    #[arg(long)]
    pub api_key: Option<String>,
    /// Seed of the latency and random-failure draws.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Share of requests that fail at random, 0 to 1.
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub fail_rate: f64,
    /// The fault random failures inject: server_error, unavailable,
    /// rate_limited, bad_request, forbidden, not_found, no_image,
    /// text_refusal, hang, image_safety, prompt_blocked[:REASON] or a
    /// finishReason such as PROHIBITED_CONTENT.
    #[arg(long, default_value = "unavailable", value_parser = parse_fault)]
    pub fail_with: Fault,
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs >= 0.0 => Ok(secs),
        _ => Err(format!("{text:?} is not a number of seconds (0 or more)")),
    }
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{text:?} is not a rate from 0 to 1")),
    }
}

fn parse_fault(text: &str) -> Result<Fault, String> {
    text.parse::<Fault>().map_err(|e| e.to_string())
}

pub fn run(args: FakeGeminiArgs) -> anyhow::Result<()> {
    init_logs();
    let config = FakeConfig {
        api_key: args.api_key.filter(|key| !key.is_empty()),
        latency: Latency::uniform(
            Duration::from_millis(args.latency_ms),
            Duration::from_millis(args.jitter_ms),
        ),
        max_concurrent: args
            .max_concurrent
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        retry_delay: Duration::from_secs_f64(args.retry_delay_secs),
        seed: args.seed,
        fail_rate: args.fail_rate,
        fail_with: args.fail_with,
        ..FakeConfig::default()
    };
    let fake = FakeGemini::start_on(SocketAddr::new(args.bind, args.port), config)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {}", fake.base_url())
        .and_then(|()| stdout.flush())
        .context("writing to standard output")?;
    drop(stdout);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(stop_signal())?;
    tracing::info!("stopping");
    fake.shutdown();
    Ok(())
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .context("listening for SIGTERM")?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.context("listening for Ctrl-C"),
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c()
            .await
            .context("listening for Ctrl-C")
    }
}

/// One line per request on standard error (`RUST_LOG` changes the level).
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
