//! How long the extractor takes per step on real text: every project of
//! `../shared/dev-set-real` (or the repository's examples when the set is
//! absent), compiled from its request. The target is well under a
//! millisecond per step.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plan::request::GuideRequest;

fn requests() -> Vec<GuideRequest> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("../../../shared/dev-set-real");
    let mut out = Vec::new();
    for file in extract::score::project_files(&real).unwrap_or_default() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        if let Some(Ok(request)) = value.get("request").cloned().map(GuideRequest::from_value) {
            out.push(request);
        }
    }
    if out.is_empty() {
        for entry in std::fs::read_dir(root.join("../../examples"))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                if let Ok(request) = plan::request::parse_json(&text) {
                    out.push(request);
                }
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let requests = requests();
    let steps: usize = requests.iter().map(|r| r.steps.len()).sum();
    // Parse the WordNet tables before timing: that happens once per process.
    let _ = extract::wordnet::noun("bottle");
    let _ = extract::wordnet::pos("drill");
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(steps as u64));
    group.bench_function(format!("{} projects, {steps} steps", requests.len()), |b| {
        b.iter(|| {
            for request in &requests {
                std::hint::black_box(extract::extract(request));
            }
        })
    });
    // With the reading the API serves: each step's judgements and the
    // plain words of its operations.
    group.bench_function(
        format!("{} projects, {steps} steps, with reading", requests.len()),
        |b| {
            b.iter(|| {
                for request in &requests {
                    std::hint::black_box(extract::read(request));
                }
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
