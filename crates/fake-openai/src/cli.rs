//! The command line of the `fake-openai` binary: a fake for demos, load
//! runs and SDK checks, serving until Ctrl-C or SIGTERM.
//!
//! It prints exactly one line on standard output, `listening on URL` (the
//! root URL, without `/v1`), so a script that asks for `--port 0` can read
//! the port; request logs go to standard error. The flags live here, in
//! the library, so that `stepcast` can offer the same command as a
//! subcommand (`#[command(flatten)]` or as a variant's args) and call
//! [`run`].

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::config::{FakeOpenAiConfig, Latency};
use crate::error::FakeError;
use crate::server::FakeOpenAi;

/// The fake's flags.
#[derive(clap::Args, Debug, Clone)]
pub struct FakeOpenAiArgs {
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The API key clients must send as `Authorization: Bearer KEY`
    /// [default: accept any key or none].
    #[arg(long)]
    pub api_key: Option<String>,
    /// Mean time to answer each request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Spread of the answer time: uniform in latency ± jitter (at most the
    /// latency).
    #[arg(long, default_value_t = 0)]
    pub jitter_ms: u64,
    /// Requests in flight at once; more are answered 429
    /// rate_limit_exceeded.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_concurrent: Option<u64>,
    /// The wait that 429 answers ask for (retry-after), in milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub retry_after_ms: u64,
    /// Seed of the latency draws and ids.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The pause between the events of a streamed image answer (partial
    /// images, then the final one), in milliseconds.
    #[arg(long, default_value_t = 10)]
    pub stream_interval_ms: u64,
}

/// Why the command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Start(#[from] FakeError),
    #[error("writing to standard output: {0}")]
    Stdout(std::io::Error),
    #[error("waiting for a stop signal: {0}")]
    Signal(std::io::Error),
}

impl FakeOpenAiArgs {
    /// The configuration these flags describe.
    pub fn config(&self) -> FakeOpenAiConfig {
        FakeOpenAiConfig {
            api_key: self.api_key.clone().filter(|key| !key.is_empty()),
            latency: Latency::uniform(
                Duration::from_millis(self.latency_ms),
                Duration::from_millis(self.jitter_ms),
            ),
            max_concurrent: self
                .max_concurrent
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            retry_after: Duration::from_millis(self.retry_after_ms),
            seed: self.seed,
            stream_interval: Duration::from_millis(self.stream_interval_ms),
            ..FakeOpenAiConfig::default()
        }
    }
}

/// Starts the fake, prints `listening on URL`, and serves until Ctrl-C or
/// SIGTERM.
pub fn run(args: &FakeOpenAiArgs) -> Result<(), CliError> {
    init_logs();
    let fake = FakeOpenAi::start_on(SocketAddr::new(args.bind, args.port), args.config())?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {}", fake.base_url())
        .and_then(|()| stdout.flush())
        .map_err(CliError::Stdout)?;
    drop(stdout);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::Signal)?;
    runtime.block_on(stop_signal()).map_err(CliError::Signal)?;
    tracing::info!("stopping");
    fake.shutdown();
    Ok(())
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn stop_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        args: FakeOpenAiArgs,
    }

    #[test]
    fn flags_make_a_config() {
        let cli = Cli::parse_from([
            "fake-openai",
            "--port",
            "0",
            "--api-key",
            "k",
            "--latency-ms",
            "20",
            "--max-concurrent",
            "3",
        ]);
        let config = cli.args.config();
        assert_eq!(config.api_key.as_deref(), Some("k"));
        assert_eq!(config.latency, Latency::fixed(Duration::from_millis(20)));
        assert_eq!(config.max_concurrent, Some(3));
        assert!(Cli::try_parse_from(["fake-openai", "--max-concurrent", "0"]).is_err());
    }
}
