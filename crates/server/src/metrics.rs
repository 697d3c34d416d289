//! Prometheus metrics: guides and steps by status and the queue depth (read
//! from the stores at scrape time, so several processes agree), and the
//! engine latency histogram (recorded by this process's runner).

use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::app::App;

type Labels = Vec<(String, String)>;

fn latency_histogram() -> Histogram {
    // 5 ms .. ~82 s.
    Histogram::new(exponential_buckets(0.005, 2.0, 15))
}

pub struct Metrics {
    registry: Registry,
    guides: Family<Labels, Gauge>,
    steps: Family<Labels, Gauge>,
    queue_depth: Gauge,
    engine_seconds: Family<Labels, Histogram, fn() -> Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("stepcast");
        let guides = Family::<Labels, Gauge>::default();
        let steps = Family::<Labels, Gauge>::default();
        let queue_depth = Gauge::default();
        let engine_seconds =
            Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register("guides", "Guides by status", guides.clone());
        registry.register("steps", "Steps by status", steps.clone());
        registry.register(
            "queue_depth",
            "Tasks queued or running",
            queue_depth.clone(),
        );
        registry.register(
            "engine_seconds",
            "Time an engine took per image, by engine and outcome",
            engine_seconds.clone(),
        );
        Metrics {
            registry,
            guides,
            steps,
            queue_depth,
            engine_seconds,
        }
    }

    /// Records one engine call.
    pub fn engine_call(&self, engine: &str, outcome: &str, took: Duration) {
        let labels = vec![
            ("engine".to_string(), engine.to_string()),
            ("outcome".to_string(), outcome.to_string()),
        ];
        self.engine_seconds
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
    }
}

/// The text exposition, with the store figures read now.
pub async fn scrape(app: &App) -> Result<String, store::StoreError> {
    let m = &app.metrics;
    let counts = app.state.counts().await?;
    for (status, n) in counts.guides {
        let labels = vec![("status".to_string(), status.as_str().to_string())];
        m.guides
            .get_or_create(&labels)
            .set(i64::try_from(n).unwrap_or(i64::MAX));
    }
    for (status, n) in counts.steps {
        let labels = vec![("status".to_string(), status.as_str().to_string())];
        m.steps
            .get_or_create(&labels)
            .set(i64::try_from(n).unwrap_or(i64::MAX));
    }
    m.queue_depth
        .set(i64::try_from(app.queue.depth().await?).unwrap_or(i64::MAX));
    let mut out = String::new();
    encode(&mut out, &m.registry).map_err(|e| store::StoreError::Corrupt(e.to_string()))?;
    Ok(out)
}
