//! Prometheus metrics: guides and steps by status and the queue depth (read
//! from the stores at scrape time, so several processes agree), the engine
//! latency histogram, and what paid providers were asked for and charged
//! (images, tokens, estimated dollars, provider-side latency), recorded by
//! this process's runner.

use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
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
    provider_images: Family<Labels, Counter>,
    provider_tokens: Family<Labels, Counter>,
    provider_cost: Family<Labels, Counter<f64, std::sync::atomic::AtomicU64>>,
    provider_seconds: Family<Labels, Histogram, fn() -> Histogram>,
    plans: Family<Labels, Counter>,
    planner_tokens: Family<Labels, Counter>,
    photo_checks: Family<Labels, Counter>,
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
        let provider_images = Family::<Labels, Counter>::default();
        let provider_tokens = Family::<Labels, Counter>::default();
        let provider_cost = Family::<Labels, Counter<f64, std::sync::atomic::AtomicU64>>::default();
        let provider_seconds =
            Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register(
            "provider_images",
            "Images a paid provider made, by engine and model",
            provider_images.clone(),
        );
        registry.register(
            "provider_tokens",
            "Tokens a paid provider counted, by engine, model and direction (input, output)",
            provider_tokens.clone(),
        );
        registry.register(
            "provider_cost_usd",
            "Estimated provider cost in US dollars, by engine and model",
            provider_cost.clone(),
        );
        registry.register(
            "provider_seconds",
            "A paid provider's own time per image, by engine and model",
            provider_seconds.clone(),
        );
        let plans = Family::<Labels, Counter>::default();
        let planner_tokens = Family::<Labels, Counter>::default();
        registry.register(
            "plans",
            "Plans made for guides, by planner model (offline for the extractor) and outcome \
             (model, cached, fallback, offline)",
            plans.clone(),
        );
        registry.register(
            "planner_tokens",
            "Tokens a language model counted while writing plans, by model and direction",
            planner_tokens.clone(),
        );
        let photo_checks = Family::<Labels, Counter>::default();
        registry.register(
            "photo_checks",
            "Photo self-checks made, by verdict (pass, fail, error)",
            photo_checks.clone(),
        );
        Metrics {
            registry,
            photo_checks,
            plans,
            planner_tokens,
            guides,
            steps,
            queue_depth,
            engine_seconds,
            provider_images,
            provider_tokens,
            provider_cost,
            provider_seconds,
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

impl Metrics {
    /// Records what one paid call made and cost.
    pub fn provider_usage(&self, engine: &str, usage: &engines::Usage) {
        let labels = vec![
            ("engine".to_string(), engine.to_string()),
            ("model".to_string(), usage.model.clone()),
        ];
        self.provider_images.get_or_create(&labels).inc();
        self.provider_cost
            .get_or_create(&labels)
            .inc_by(usage.cost_usd.max(0.0));
        self.provider_seconds
            .get_or_create(&labels)
            .observe(usage.latency_ms as f64 / 1000.0);
        for (direction, tokens) in [
            ("input", usage.input_tokens),
            ("output", usage.output_tokens),
        ] {
            let mut labels = labels.clone();
            labels.push(("direction".to_string(), direction.to_string()));
            self.provider_tokens.get_or_create(&labels).inc_by(tokens);
        }
    }
}

impl Metrics {
    /// Counts one photo check by its verdict.
    pub fn photo_checked(&self, verdict: &str) {
        let labels = vec![("verdict".to_string(), verdict.to_string())];
        self.photo_checks.get_or_create(&labels).inc();
    }

    /// Records one plan made for a guide: who made it, how it ended and
    /// the tokens its calls used.
    pub fn plan_made(&self, model: &str, outcome: &str, input_tokens: u64, output_tokens: u64) {
        let labels = vec![
            ("model".to_string(), model.to_string()),
            ("outcome".to_string(), outcome.to_string()),
        ];
        self.plans.get_or_create(&labels).inc();
        for (direction, tokens) in [("input", input_tokens), ("output", output_tokens)] {
            if tokens > 0 {
                let labels = vec![
                    ("model".to_string(), model.to_string()),
                    ("direction".to_string(), direction.to_string()),
                ];
                self.planner_tokens.get_or_create(&labels).inc_by(tokens);
            }
        }
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
