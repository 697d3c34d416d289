//! The job runner: workers that lease step tasks from the queue and run
//! them, plus restart recovery and graceful shutdown.
//!
//! One guide is one job and each step one task. `concurrency` workers run
//! tasks at once across all guides; each engine also has a calls-per-minute
//! limit. With the embedded store worker names are stable per data
//! directory (`local-0`, ...), so on start a new process takes back what a
//! crashed one held; with a shared store each process's workers are named
//! by host and pid, and a dead process's tasks are taken over by any
//! worker once their leases run out.

mod dependencies;
mod planning;
mod policy;
mod prompts;
mod rate;
mod references;
pub mod sweeper;
mod task;
mod verify;
mod wake;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use store::StepStatus;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use rate::RateLimit;
use service::{now, App, SharedApp};

pub use policy::{backoff, final_status};

/// How long an idle worker waits before looking at the queue again (it is
/// also woken when work is queued, here or, with a shared store, anywhere):
/// the poll finds retries whose backoff ran out.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// The running workers and sweeper.
pub struct Runner {
    stop: watch::Sender<bool>,
    workers: Vec<(String, JoinHandle<()>)>,
    sweeper: JoinHandle<()>,
    app: SharedApp,
}

fn worker_name(app: &App, i: usize) -> String {
    format!("{}-{i}", app.worker_prefix)
}

impl Runner {
    /// Recovers what a previous process left and starts the workers.
    pub async fn start(app: SharedApp) -> Result<Runner, store::StoreError> {
        recover(&app).await?;
        let (stop, stopped) = watch::channel(false);
        let limits: Arc<HashMap<&'static str, Arc<RateLimit>>> = Arc::new(
            app.engines
                .values()
                .map(|e| {
                    (
                        e.name(),
                        Arc::new(RateLimit::new(app.config.rate_per_minute)),
                    )
                })
                .collect(),
        );
        let workers = (0..app.config.concurrency.max(1))
            .map(|i| {
                let name = worker_name(&app, i);
                let handle = tokio::spawn(work(
                    app.clone(),
                    limits.clone(),
                    name.clone(),
                    stopped.clone(),
                ));
                (name, handle)
            })
            .collect();
        if app.live_from_store {
            tokio::spawn(wake::on_shared_events(app.clone(), stopped.clone()));
        }
        let sweeper = tokio::spawn(sweeper::run(app.clone(), stopped));
        Ok(Runner {
            stop,
            workers,
            sweeper,
            app,
        })
    }

    /// Stops everything at once without handing anything back, as a crash
    /// would (tests use it to prove restart recovery).
    pub fn abandon(self) {
        self.sweeper.abort();
        for (_, handle) in self.workers {
            handle.abort();
        }
    }

    /// Stops taking work, lets running steps finish for up to `grace`, then
    /// hands back whatever is still running so the next start runs it.
    pub async fn shutdown(self, grace: Duration) {
        let _ = self.stop.send(true);
        self.app.work.notify_waiters();
        self.sweeper.abort();
        let deadline = tokio::time::Instant::now() + grace;
        for (name, mut handle) in self.workers {
            if tokio::time::timeout_at(deadline, &mut handle)
                .await
                .is_err()
            {
                handle.abort();
                let _ = self.app.queue.release_worker(&name).await;
            }
        }
    }
}

/// Makes every unfinished guide's unfinished steps runnable again: leases
/// held by this data directory's workers are released, and steps with no
/// task get one. Completed steps are left alone, so they are never drawn
/// twice.
async fn recover(app: &SharedApp) -> Result<(), store::StoreError> {
    for i in 0..app.config.concurrency.max(1) {
        app.queue.release_worker(&worker_name(app, i)).await?;
    }
    let t = now();
    for guide in app.state.unfinished_guides().await? {
        match service::plans::to_draw(app, &guide).await {
            // Stopped while a model wrote its plan: plan it again (its
            // task is queued once, however many processes recover).
            Ok(service::plans::ToDraw::AwaitsPlan(..)) => {
                service::plans::queue_planning(app, &guide.id).await?;
                continue;
            }
            Err(service::plans::ToDrawError::Store(e)) => return Err(e),
            // Waiting for the maker to check its plan: nothing to draw yet.
            Ok(service::plans::ToDraw::Ready(request))
                if service::plans::awaits_review(&request, &guide) =>
            {
                continue;
            }
            // A step of an unreadable guide fails when it runs, naming why.
            Ok(service::plans::ToDraw::Ready(_)) | Err(_) => {}
        }
        for step in app.state.steps(&guide.id).await? {
            if matches!(step.status, StepStatus::Pending | StepStatus::Generating) {
                app.queue.enqueue(&guide.id, step.number, t).await?;
            }
        }
    }
    Ok(())
}

async fn work(
    app: SharedApp,
    limits: Arc<HashMap<&'static str, Arc<RateLimit>>>,
    name: String,
    mut stopped: watch::Receiver<bool>,
) {
    let lease = app.config.lease.as_secs_f64();
    loop {
        if *stopped.borrow() {
            return;
        }
        let woken = app.work.notified();
        match app.queue.lease(&name, now(), lease, &[]).await {
            Ok(Some(task)) => task::run(&app, &limits, &name, task).await,
            Ok(None) => {
                tokio::select! {
                    _ = woken => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = stopped.changed() => {}
                }
            }
            Err(e) => {
                tracing::error!(worker = %name, error = %e, "cannot lease a task");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
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
    config: service::ServerConfig,
    extra_engines: Vec<(plan::request::Engine, Arc<dyn engines::ImageEngine>)>,
    planners: service::Planners,
    checkers: service::Checkers,
) -> anyhow::Result<Working> {
    let base_url = config.public_url.clone().unwrap_or_default();
    let app = service::build_app(config, base_url, extra_engines, planners, checkers).await?;
    let runner = Runner::start(app.clone()).await?;
    Ok(Working { app, runner })
}
