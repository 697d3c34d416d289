//! What one fake image costs: drawing and PNG encoding at 1024×1024 (the
//! 1:1 size), since tests and load runs make many of them.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use fake_gemini::picture::{encode_png, render, Seeds};
use image::{Rgb, RgbImage};

fn input() -> RgbImage {
    RgbImage::from_fn(800, 600, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    })
}

fn bench(c: &mut Criterion) {
    let inputs = [input()];
    let seeds = Seeds::of(["a bird house, step 3"], [&b"input"[..]]);
    c.bench_function("render 1024x1024 with one input", |b| {
        b.iter(|| render(1024, 1024, black_box(&seeds), &inputs))
    });
    let picture = render(1024, 1024, &seeds, &inputs);
    c.bench_function("encode_png 1024x1024", |b| {
        b.iter(|| encode_png(black_box(&picture)).map(|png| png.len()))
    });
    let plain = render(1024, 1024, &seeds, &[]);
    c.bench_function("encode_png 1024x1024 gradient", |b| {
        b.iter(|| encode_png(black_box(&plain)).map(|png| png.len()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
