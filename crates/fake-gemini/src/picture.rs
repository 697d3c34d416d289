//! The fake's "generated" image: a real PNG, derived from the request so
//! that a person (or a test) looking at it can see what was sent.
//!
//! - the background is the first input image, scaled to cover the frame,
//!   with a "photo" treatment (warm tint, soft vignette, mild grain), or,
//!   without input images, a two-colour gradient chosen by the request;
//! - a band of colour blocks along the top is a fingerprint of the prompt
//!   text alone, so the same prompt shows the same band over any images;
//! - a strip along the bottom holds a thumbnail of every input image, in
//!   order.
//!
//! Everything is a pure function of the request, so the same request gives
//! the same bytes, which lets tests compare images and caches.

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{imageops, ImageEncoder, Rgb, RgbImage};
use sha2::{Digest, Sha256};

/// A request's fingerprints: `request` over every text and image byte
/// (it seeds the picture), `prompt` over the texts alone (it draws the
/// colour band).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seeds {
    pub request: [u8; 32],
    pub prompt: [u8; 32],
}

impl Seeds {
    /// Hashes the texts and the raw bytes of the input images, each
    /// length-prefixed so that moving bytes between parts changes the hash.
    pub fn of<'a>(
        texts: impl IntoIterator<Item = &'a str>,
        images: impl IntoIterator<Item = &'a [u8]>,
    ) -> Seeds {
        let mut hasher = Sha256::new();
        for text in texts {
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        let prompt: [u8; 32] = hasher.clone().finalize().into();
        hasher.update(b"images");
        for bytes in images {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        Seeds {
            request: hasher.finalize().into(),
            prompt,
        }
    }
}

/// Draws the picture at `width` × `height` from the seeds and the decoded
/// input images (in request order).
pub fn render(width: u32, height: u32, seeds: &Seeds, inputs: &[RgbImage]) -> RgbImage {
    let width = width.max(1);
    let height = height.max(1);
    let mut canvas = match inputs.first() {
        Some(first) => cover(first, width, height),
        None => gradient(width, height, &seeds.request),
    };
    photo_treatment(&mut canvas, &seeds.request);
    colour_band(&mut canvas, &seeds.prompt);
    thumbnail_strip(&mut canvas, inputs);
    canvas
}

/// Encodes as an 8-bit RGB PNG with the fastest compression: tests make
/// many images and the size hardly matters on a loopback connection.
pub fn encode_png(image: &RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 2);
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Sub).write_image(
        image.as_raw(),
        image.width(),
        image.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(out)
}

/// Scales `source` to cover `width` × `height`, cropping the overflow
/// equally on both sides.
fn cover(source: &RgbImage, width: u32, height: u32) -> RgbImage {
    let (sw, sh) = source.dimensions();
    if sw == 0 || sh == 0 {
        return RgbImage::from_pixel(width, height, Rgb([128, 128, 128]));
    }
    // The largest centred crop of the source with the frame's aspect.
    let frame = f64::from(width) / f64::from(height);
    let (cw, ch) = if f64::from(sw) / f64::from(sh) > frame {
        (((f64::from(sh) * frame).round() as u32).clamp(1, sw), sh)
    } else {
        (sw, ((f64::from(sw) / frame).round() as u32).clamp(1, sh))
    };
    let view = imageops::crop_imm(source, (sw - cw) / 2, (sh - ch) / 2, cw, ch);
    imageops::thumbnail(&*view, width, height)
}

/// A diagonal gradient between two colours picked by the seed.
fn gradient(width: u32, height: u32, seed: &[u8; 32]) -> RgbImage {
    let hue = f32::from(u16::from_le_bytes([seed[0], seed[1]])) / 65535.0 * 360.0;
    let turn = 60.0 + f32::from(seed[2]) / 255.0 * 120.0;
    let from = hsv(hue, 0.55, 0.80);
    let to = hsv(hue + turn, 0.65, 0.45);
    let angle = f32::from(seed[3]) / 255.0 * std::f32::consts::TAU;
    let (dx, dy) = (angle.cos(), angle.sin());
    let (w, h) = (width as f32, height as f32);
    // Project the corners to normalise the gradient over the frame.
    let corners = [0.0, w * dx, h * dy, w * dx + h * dy];
    let low = corners.iter().copied().fold(f32::INFINITY, f32::min);
    let high = corners.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let span = (high - low).max(1.0);
    RgbImage::from_fn(width, height, |x, y| {
        let t = ((x as f32 * dx + y as f32 * dy) - low) / span;
        Rgb(std::array::from_fn(|i| lerp(from[i], to[i], t)))
    })
}

/// Warm tint, soft vignette and mild grain: what makes the fake's output
/// read as a "photo" of the input rather than a copy of it.
fn photo_treatment(canvas: &mut RgbImage, seed: &[u8; 32]) {
    let (w, h) = canvas.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let grain_seed = u64::from_le_bytes(array8(seed, 8));
    for (x, y, pixel) in canvas.enumerate_pixels_mut() {
        let nx = (x as f32 - cx) / cx;
        let ny = (y as f32 - cy) / cy;
        let vignette = 1.0 - 0.35 * ((nx * nx + ny * ny) / 2.0);
        let noise = (mix(grain_seed ^ (u64::from(y) << 32 | u64::from(x))) % 9) as f32 - 4.0;
        let [r, g, b] = pixel.0;
        pixel.0 = [
            clamp_u8((f32::from(r) * 1.04 + 10.0) * vignette + noise),
            clamp_u8((f32::from(g) + 3.0) * vignette + noise),
            clamp_u8((f32::from(b) * 0.88) * vignette + noise),
        ];
    }
}

/// Sixteen colour blocks along the top, from the prompt's hash.
fn colour_band(canvas: &mut RgbImage, prompt: &[u8; 32]) {
    const BLOCKS: u32 = 16;
    let (w, h) = canvas.dimensions();
    let band = (h / 24).max(4).min(h);
    for block in 0..BLOCKS {
        let i = block as usize * 2;
        let hue = f32::from(u16::from_le_bytes([prompt[i], prompt[i + 1]])) / 65535.0 * 360.0;
        let value = 0.55 + f32::from(prompt[(i + 7) % 32]) / 255.0 * 0.4;
        let colour = Rgb(hsv(hue, 0.75, value));
        let x0 = w * block / BLOCKS;
        let x1 = w * (block + 1) / BLOCKS;
        for y in 0..band {
            for x in x0..x1 {
                canvas.put_pixel(x, y, colour);
            }
        }
    }
}

/// A darkened strip along the bottom with every input image fitted into
/// its own slot, in order, each with a white frame.
fn thumbnail_strip(canvas: &mut RgbImage, inputs: &[RgbImage]) {
    if inputs.is_empty() {
        return;
    }
    let (w, h) = canvas.dimensions();
    let strip = (h / 6).max(24).min(h);
    let margin = (strip / 10).max(2);
    let top = h - strip;
    for y in top..h {
        for x in 0..w {
            let pixel = canvas.get_pixel_mut(x, y);
            pixel.0 = pixel.0.map(|c| (u16::from(c) * 2 / 7) as u8);
        }
    }
    let count = inputs.len() as u32;
    let slot_w = w.saturating_sub(margin * (count + 1)) / count;
    let slot_h = strip.saturating_sub(margin * 2);
    if slot_w < 3 || slot_h < 3 {
        return;
    }
    for (index, input) in inputs.iter().enumerate() {
        let (iw, ih) = input.dimensions();
        if iw == 0 || ih == 0 {
            continue;
        }
        // Fit inside the slot, less a 1 px frame on each side.
        let scale = f64::min(
            f64::from(slot_w - 2) / f64::from(iw),
            f64::from(slot_h - 2) / f64::from(ih),
        );
        let tw = ((f64::from(iw) * scale).round() as u32).max(1);
        let th = ((f64::from(ih) * scale).round() as u32).max(1);
        let thumb = imageops::thumbnail(input, tw, th);
        let slot_x = margin + (slot_w + margin) * index as u32;
        let x0 = slot_x + slot_w.saturating_sub(tw) / 2;
        let y0 = top + margin + slot_h.saturating_sub(th) / 2;
        for y in y0 - 1..y0 + th + 1 {
            for x in x0 - 1..x0 + tw + 1 {
                if x < w && y < h {
                    canvas.put_pixel(x, y, Rgb([255, 255, 255]));
                }
            }
        }
        imageops::replace(canvas, &thumb, i64::from(x0), i64::from(y0));
    }
}

fn array8(bytes: &[u8; 32], start: usize) -> [u8; 8] {
    std::array::from_fn(|i| bytes[(start + i) % 32])
}

/// SplitMix64's finaliser: a cheap, well-mixed hash for per-pixel grain.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn lerp(a: u8, b: u8, t: f32) -> u8 {
    clamp_u8(f32::from(a) + (f32::from(b) - f32::from(a)) * t.clamp(0.0, 1.0))
}

fn clamp_u8(value: f32) -> u8 {
    value.round().clamp(0.0, 255.0) as u8
}

fn hsv(hue: f32, saturation: f32, value: f32) -> [u8; 3] {
    let h = hue.rem_euclid(360.0) / 60.0;
    let c = value * saturation;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = value - c;
    [r, g, b].map(|v| clamp_u8((v + m) * 255.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds(text: &str) -> Seeds {
        Seeds::of([text], [])
    }

    #[test]
    fn the_picture_has_the_asked_size_and_depends_on_the_request() {
        let a = render(64, 48, &seeds("a"), &[]);
        assert_eq!(a.dimensions(), (64, 48));
        assert_eq!(a, render(64, 48, &seeds("a"), &[]));
        assert_ne!(a, render(64, 48, &seeds("b"), &[]));
    }

    #[test]
    fn inputs_of_any_shape_fit_including_many_and_tiny_ones() {
        let inputs: Vec<RgbImage> = (1..=14)
            .map(|i| RgbImage::from_pixel(i * 7, 3 + i, Rgb([200, 10, 10])))
            .collect();
        for (w, h) in [(1024, 1024), (1536, 672), (8, 8), (1, 1)] {
            let picture = render(w, h, &seeds("x"), &inputs);
            assert_eq!(picture.dimensions(), (w, h));
        }
    }

    #[test]
    fn the_first_input_shows_through() {
        let red = RgbImage::from_pixel(40, 10, Rgb([250, 0, 0]));
        let picture = render(100, 100, &seeds("x"), &[red]);
        let centre = picture.get_pixel(50, 50).0;
        assert!(
            centre[0] > 200 && centre[1] < 30 && centre[2] < 30,
            "{centre:?}"
        );
    }

    #[test]
    fn the_band_depends_on_the_prompt_only() {
        let image = [1u8, 2, 3];
        let a = Seeds::of(["p"], [&image[..]]);
        let b = Seeds::of(["p"], []);
        assert_eq!(a.prompt, b.prompt);
        assert_ne!(a.request, b.request);
    }

    #[test]
    fn png_encoding_round_trips() {
        let picture = render(32, 16, &seeds("x"), &[]);
        let png = encode_png(&picture).unwrap();
        let decoded = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(decoded, picture);
    }
}
