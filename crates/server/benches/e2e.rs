//! End to end through the API: a 10-step schematic guide at 1024×768 WebP,
//! from the POST to the guide's final event, and from the POST to the
//! first step image event. A real server on port 0 with SQLite in a temp
//! dir, the default concurrency (2). Run with `cargo bench -p
//! stepcast-server --bench e2e`.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use futures::StreamExt;
use server::ServerConfig;

/// Posts the guide and reads its events: (time to first completed step,
/// time to the final event).
async fn one_guide(client: &reqwest::Client, base: &str, body: &str) -> (Duration, Duration) {
    let start = Instant::now();
    let res = client
        .post(format!("{base}/step-images"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 202);
    let v: serde_json::Value = res.json().await.expect("json");
    let id = v["id"].as_str().expect("id").to_string();
    let events = client
        .get(format!("{base}/step-images/{id}/events"))
        .send()
        .await
        .expect("events");
    let mut stream = events.bytes_stream();
    let mut text = String::new();
    let mut first = None;
    while let Some(chunk) = stream.next().await {
        text.push_str(&String::from_utf8_lossy(&chunk.expect("chunk")));
        // A step event carrying an image id: the first picture is ready.
        if first.is_none() && text.contains("event: step") && text.contains("\"image_id\":\"") {
            first = Some(start.elapsed());
        }
    }
    let total = start.elapsed();
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
    let body = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crate-nightstand.json"),
    )
    .expect("the 10-step example");
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
