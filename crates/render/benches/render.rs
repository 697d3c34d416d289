//! The schematic engine's speed: a 10-step guide at 1024×768 drawn and
//! encoded as WebP (the target is ≤ 25 ms per step, median, on one core),
//! and the encode alone for the same pictures. Run with
//! `cargo bench -p stepcast-render`; criterion reports per step.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plan::request::{ImageFormat, Style};
use render::{encode, render_step, step_pixels, step_svg, Guide, Mode, Output};

fn ten_step_guide() -> Guide {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crate-nightstand.json");
    let text = std::fs::read_to_string(&path).expect("the 10-step example");
    let request = plan::request::parse_json(&text).expect("valid");
    let plan = extract::plan_for(&request);
    assert_eq!(plan.steps.len(), 10);
    Guide::new(&plan, 1024, 768).expect("guide")
}

fn bench(c: &mut Criterion) {
    let guide = ten_step_guide();
    let steps = guide.step_count();
    let output = Output {
        style: Style::Diagram,
        format: ImageFormat::Webp,
        quality: 85.0,
    };
    let mut group = c.benchmark_group("guide_10_steps_1024x768");
    group.throughput(Throughput::Elements(steps as u64));
    group.sample_size(20);
    group.bench_function("render_and_encode_webp", |b| {
        b.iter(|| {
            for i in 0..steps {
                std::hint::black_box(render_step(&guide, i, &output).expect("render"));
            }
        })
    });
    let pixmaps: Vec<_> = (0..steps)
        .map(|i| step_pixels(&guide, i, Mode::Picture(Style::Diagram)).expect("pixels"))
        .collect();
    group.bench_function("encode_webp_only", |b| {
        b.iter(|| {
            for p in &pixmaps {
                std::hint::black_box(encode::webp(p, 85.0).expect("webp"));
            }
        })
    });
    group.bench_function("scene_to_svg_only", |b| {
        b.iter(|| {
            for i in 0..steps {
                std::hint::black_box(
                    step_svg(&guide, i, Mode::Picture(Style::Diagram)).expect("svg"),
                );
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
