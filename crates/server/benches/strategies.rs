//! A simulation of the cloud engines: the 10-step `crate-nightstand` guide
//! through the API, drawn by the Gemini engine against the fake Gemini at
//! 4 s ± 1 s per image and by the OpenAI engine against the fake OpenAI at
//! 8 s ± 2 s (streaming two partial images), each with a limit of 4
//! requests in flight, once per strategy:
//!
//! - `independent` at runner concurrency 2 (the seed's design);
//! - `chained`, `anchored` and `guided` at concurrency 4 (the limit).
//!
//! For each: the total time from the POST to the guide's final event, the
//! time to the first image a user sees (the first step event with a
//! preview or a photo), the time to the first photo, and the total over
//! the lower bound the limit allows for that strategy (one round per
//! image in a chain; the anchor then ceil(9/4) rounds; ceil(10/c) rounds
//! when every step is independent).
//!
//! Not criterion: one sample takes up to a minute of simulated provider
//! time, so this runs each strategy `STEPCAST_BENCH_RUNS` times (default
//! 3) and prints medians as a table. `STEPCAST_BENCH_SCALE=0.1` shrinks
//! every latency tenfold for a quick look.
//!
//! `cargo bench -p stepcast-server --bench strategies`

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use engines::{GeminiConfig, GeminiEngine, ImageEngine, OpenAiConfig, OpenAiEngine};
use fake_gemini::{FakeConfig, FakeGemini, Latency};
use fake_openai::{FakeOpenAi, FakeOpenAiConfig};
use plan::request::Engine;
use server::ServerConfig;

mod common;

const STEPS: u32 = 10;
const LIMIT: u32 = 4;

struct Timings {
    total: Duration,
    first_seen: Duration,
    first_photo: Duration,
    peak_in_flight: usize,
    refused: usize,
}

/// Rounds of provider latency the limit allows at best.
fn lower_bound_rounds(strategy: &str, concurrency: u32) -> u32 {
    let parallel = concurrency.min(LIMIT);
    match strategy {
        "chained" => STEPS,
        "anchored" | "guided" => 1 + (STEPS - 1).div_ceil(parallel),
        _ => STEPS.div_ceil(parallel),
    }
}

/// Which provider draws, and how slowly.
#[derive(Clone, Copy)]
enum Provider {
    Gemini,
    OpenAi,
}

impl Provider {
    fn name(self) -> &'static str {
        match self {
            Provider::Gemini => "gemini",
            Provider::OpenAi => "openai",
        }
    }

    /// Mean seconds per image (the spread is a quarter of it).
    fn latency(self) -> f64 {
        match self {
            Provider::Gemini => 4.0,
            Provider::OpenAi => 8.0,
        }
    }
}

/// A running fake of either provider, for its log and stats.
enum Fake {
    Gemini(FakeGemini),
    OpenAi(FakeOpenAi),
}

impl Fake {
    fn refused(&self) -> usize {
        let statuses: Vec<Option<u16>> = match self {
            Fake::Gemini(f) => f
                .requests()
                .iter()
                .map(|r| r.outcome.as_ref().and_then(|o| o.status))
                .collect(),
            Fake::OpenAi(f) => f
                .requests()
                .iter()
                .map(|r| r.outcome.as_ref().and_then(|o| o.status))
                .collect(),
        };
        statuses.iter().filter(|s| **s == Some(429)).count()
    }

    fn peak_in_flight(&self) -> usize {
        match self {
            Fake::Gemini(f) => f.stats().peak_in_flight,
            Fake::OpenAi(f) => f.stats().peak_in_flight,
        }
    }
}

/// The fake and the engine pointed at it.
fn provider_setup(provider: Provider, scale: f64, seed: u64) -> (Fake, Arc<dyn ImageEngine>) {
    let mean = Duration::from_secs_f64(provider.latency() * scale);
    let latency = Latency::uniform(mean, mean / 4);
    match provider {
        Provider::Gemini => {
            let fake = FakeGemini::start(FakeConfig {
                api_key: Some("bench-key".into()),
                latency,
                max_concurrent: Some(LIMIT as usize),
                seed,
                ..FakeConfig::default()
            })
            .expect("fake starts");
            let mut gemini = GeminiConfig::new("bench-key");
            gemini.base_url = fake.base_url();
            gemini.max_concurrent = LIMIT as usize;
            let engine = Arc::new(GeminiEngine::new(gemini).expect("engine"));
            (Fake::Gemini(fake), engine)
        }
        Provider::OpenAi => {
            let fake = FakeOpenAi::start(FakeOpenAiConfig {
                api_key: Some("bench-key".into()),
                latency,
                max_concurrent: Some(LIMIT as usize),
                seed,
                ..FakeOpenAiConfig::default()
            })
            .expect("fake starts");
            let mut openai = OpenAiConfig::new("bench-key");
            openai.base_url = fake.base_url();
            openai.max_concurrent = LIMIT as usize;
            let engine = Arc::new(OpenAiEngine::new(openai).expect("engine"));
            (Fake::OpenAi(fake), engine)
        }
    }
}

async fn one_guide(
    provider: Provider,
    strategy: &str,
    concurrency: u32,
    scale: f64,
    seed: u64,
) -> Timings {
    let (fake, engine) = provider_setup(provider, scale, seed);
    let dir = tempfile::tempdir().expect("dir");
    let mut config = ServerConfig::new(dir.path());
    config.bind = "127.0.0.1:0".parse().expect("addr");
    config.concurrency = concurrency as usize;
    let kind = match provider {
        Provider::Gemini => Engine::Gemini,
        Provider::OpenAi => Engine::Openai,
    };
    let running = server::start(config, vec![(kind, engine)])
        .await
        .expect("server");
    let base = format!("http://{}", running.addr);
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crate-nightstand.json"),
    )
    .expect("the 10-step example");
    let mut body: serde_json::Value = serde_json::from_str(&text).expect("json");
    body["engine"] = provider.name().into();
    body["strategy"] = strategy.into();
    body["width"] = 1024.into();
    body["height"] = 768.into();

    let client = reqwest::Client::new();
    let (id, events, total) = common::follow_guide(&client, &base, &body).await;
    let first_seen = common::first_step(&events, |s| {
        s["preview_id"].is_string() || s["image_id"].is_string()
    });
    let first_photo = common::first_step(&events, |s| s["image_id"].is_string());
    let progress: serde_json::Value = client
        .get(format!("{base}/step-images/{id}"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(progress["status"], "completed", "{progress}");
    let refused = fake.refused();
    let peak_in_flight = fake.peak_in_flight();
    running.shutdown(Duration::from_secs(5)).await;
    Timings {
        total,
        first_seen: first_seen.unwrap_or(total),
        first_photo: first_photo.unwrap_or(total),
        peak_in_flight,
        refused,
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // and should not spend minutes here.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs: u64 = std::env::var("STEPCAST_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let scale: f64 = std::env::var("STEPCAST_BENCH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .unwrap_or(1.0);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    println!(
        "10-step guide; fake Gemini at {:.1} s ± {:.1} s and fake OpenAI at {:.1} s ± {:.1} s per image, limit {LIMIT} in flight; median of {runs} runs\n",
        4.0 * scale,
        scale,
        8.0 * scale,
        2.0 * scale
    );
    println!("| provider | strategy | concurrency | total | first image seen | first photo | lower bound | total / bound | peak in flight | 429s |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for provider in [Provider::Gemini, Provider::OpenAi] {
        for (strategy, concurrency) in [
            ("independent", 2),
            ("chained", 4),
            ("anchored", 4),
            ("guided", 4),
        ] {
            let mut samples = Vec::new();
            for run in 0..runs {
                samples.push(runtime.block_on(one_guide(
                    provider,
                    strategy,
                    concurrency,
                    scale,
                    7 + run,
                )));
            }
            let total = median(samples.iter().map(|t| t.total).collect());
            let seen = median(samples.iter().map(|t| t.first_seen).collect());
            let photo = median(samples.iter().map(|t| t.first_photo).collect());
            let bound =
                provider.latency() * scale * f64::from(lower_bound_rounds(strategy, concurrency));
            let peak = samples.iter().map(|t| t.peak_in_flight).max().unwrap_or(0);
            let refused: usize = samples.iter().map(|t| t.refused).sum();
            println!(
                "| {} | {strategy} | {concurrency} | {:.2} s | {:.0} ms | {:.2} s | {bound:.1} s | {:.2} | {peak} | {refused} |",
                provider.name(),
                total.as_secs_f64(),
                seen.as_secs_f64() * 1000.0,
                photo.as_secs_f64(),
                total.as_secs_f64() / bound
            );
        }
    }
}
