//! End to end through the API: a 10-step schematic guide at 1024×768 WebP,
//! from the POST to the guide's final event, and from the POST to the
//! first step image event. A real server on port 0 with SQLite in a temp
//! dir, the default concurrency (2). Run with `cargo bench -p
//! stepcast-server --bench e2e`.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use server::ServerConfig;

mod common;

/// (time to the first step image event, time to the end of the stream).
async fn one_guide(
    client: &reqwest::Client,
    base: &str,
    body: &serde_json::Value,
) -> (Duration, Duration) {
    let (_, events, total) = common::follow_guide(client, base, body).await;
    let first = common::first_step(&events, |step| step["image_id"].is_string());
    (first.unwrap_or(total), total)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("dir");
    let mut config = ServerConfig::new(dir.path());
    config.bind = "127.0.0.1:0".parse().expect("addr");
    let running = runtime
        .block_on(server::start(config, Vec::new()))
        .expect("server");
    let base = format!("http://{}", running.addr);
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crate-nightstand.json"),
    )
    .expect("the 10-step example");
    let body: serde_json::Value = serde_json::from_str(&text).expect("json");
    let client = reqwest::Client::new();
    let mut group = c.benchmark_group("api_10_step_schematic_guide");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("post_to_final_event", |b| {
        b.iter_custom(|iters| {
            let mut sum = Duration::ZERO;
            for _ in 0..iters {
                sum += runtime.block_on(one_guide(&client, &base, &body)).1;
            }
            sum
        })
    });
    group.bench_function("post_to_first_image_event", |b| {
        b.iter_custom(|iters| {
            let mut sum = Duration::ZERO;
            for _ in 0..iters {
                sum += runtime.block_on(one_guide(&client, &base, &body)).0;
            }
            sum
        })
    });
    group.finish();
    runtime.block_on(running.shutdown(Duration::from_secs(5)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
