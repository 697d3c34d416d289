//! stepcast's HTTP API (axum): the seed's endpoints, Server-Sent Events,
//! images and exports, the OpenAPI document and the web UI's files.
//!
//! A client hands over a guide and gets an answer at once (202); the job
//! runner (`runner`, started here unless `run_workers` is off) draws each
//! step in the background, and the client follows along by polling
//! (`GET /step-images/{id}`, the seed's shape) or by Server-Sent Events.

pub mod api;

use std::sync::Arc;

use engines::ImageEngine;
use plan::request::Engine;
use tokio::net::TcpListener;

pub use runner::Runner;
pub use service::{
    app, build_app, config, error, finished, metrics, operations, plan_edits, plans, previews,
    progress, readings, App, Checkers, Planners, ServerConfig, SharedApp,
};

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
