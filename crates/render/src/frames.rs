//! Time-lapses from finished pictures: decodes stored step images (WebP,
//! PNG, SVG), brings them to one size and encodes the animation. The
//! service uses it, so a time-lapse shows exactly the images a guide has,
//! whichever engine drew them.

use resvg::tiny_skia::{FilterQuality, IntSize, Pixmap, PixmapPaint, Transform};

use crate::error::RenderError;
use crate::{raster, Timelapse};

/// A picture as stored: bytes and content type.
pub struct Picture<'a> {
    pub bytes: &'a [u8],
    pub content_type: &'a str,
}

/// Decodes one picture; `None` for a type that cannot be decoded here.
pub fn decode(picture: &Picture<'_>) -> Option<Pixmap> {
    match picture.content_type {
        "image/png" => Pixmap::decode_png(picture.bytes).ok(),
        "image/webp" => {
            let image = webp::Decoder::new(picture.bytes).decode()?;
            let (w, h) = (image.width(), image.height());
            let channels = if image.is_alpha() { 4 } else { 3 };
            let mut rgba = Vec::with_capacity(w as usize * h as usize * 4);
            for px in image.chunks_exact(channels) {
                rgba.extend_from_slice(&px[..3]);
                rgba.push(if channels == 4 { px[3] } else { 255 });
            }
            Pixmap::from_vec(rgba, IntSize::from_wh(w, h)?)
        }
        "image/svg+xml" => {
            let text = std::str::from_utf8(picture.bytes).ok()?;
            let (w, h) = svg_size(text)?;
            raster::rasterize(text, w, h).ok()
        }
        _ => None,
    }
}

/// The `width` and `height` attributes of our own SVG output.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let attr = |name: &str| {
        let start = text.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + text[start..].find('"')?;
        text[start..end].parse::<u32>().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// `pixmap` scaled into `width`×`height` (kept in proportion, centred on
/// white).
fn fit(pixmap: &Pixmap, width: u32, height: u32) -> Option<Pixmap> {
    if pixmap.width() == width && pixmap.height() == height {
        return Some(pixmap.clone());
    }
    let mut out = Pixmap::new(width, height)?;
    out.fill(resvg::tiny_skia::Color::WHITE);
    let k = (width as f32 / pixmap.width() as f32).min(height as f32 / pixmap.height() as f32);
    let dx = (width as f32 - pixmap.width() as f32 * k) / 2.0;
    let dy = (height as f32 - pixmap.height() as f32 * k) / 2.0;
    let paint = PixmapPaint {
        quality: FilterQuality::Bilinear,
        ..PixmapPaint::default()
    };
    out.draw_pixmap(
        0,
        0,
        pixmap.as_ref(),
        &paint,
        Transform::from_row(k, 0.0, 0.0, k, dx, dy),
        None,
    );
    Some(out)
}

/// A time-lapse of `pictures` in order (the last held), no wider than
/// `max_width`. Pictures that cannot be decoded are left out; none at all
/// is an error.
pub fn timelapse_of(
    pictures: &[Picture<'_>],
    max_width: u32,
    quality: f32,
) -> Result<Timelapse, RenderError> {
    let decoded: Vec<Pixmap> = pictures.iter().filter_map(decode).collect();
    let Some(first) = decoded.first() else {
        return Err(RenderError::Encode {
            format: "time-lapse",
            message: "no step has a picture yet".into(),
        });
    };
    let k = (max_width.max(16) as f32 / first.width() as f32).min(1.0);
    let (w, h) = (
        ((first.width() as f32 * k).round() as u32).max(1),
        ((first.height() as f32 * k).round() as u32).max(1),
    );
    let frames: Vec<Pixmap> = decoded.iter().filter_map(|p| fit(p, w, h)).collect();
    crate::animate(frames, quality)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, shade: u8) -> Vec<u8> {
        let mut p = Pixmap::new(w, h).expect("pixmap");
        p.fill(resvg::tiny_skia::Color::from_rgba8(
            shade, shade, shade, 255,
        ));
        p.encode_png().expect("png")
    }

    #[test]
    fn pictures_of_any_supported_type_make_one_animation() {
        let a = png(400, 300, 10);
        let b_pixmap = decode(&Picture {
            bytes: &a,
            content_type: "image/png",
        })
        .expect("png decodes");
        let b = crate::encode::webp(&b_pixmap, 80.0).expect("webp");
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150"><rect width="200" height="150" fill="red"/></svg>"#;
        let pictures = [
            Picture {
                bytes: &a,
                content_type: "image/png",
            },
            Picture {
                bytes: &b,
                content_type: "image/webp",
            },
            Picture {
                bytes: svg.as_bytes(),
                content_type: "image/svg+xml",
            },
            Picture {
                bytes: b"nope",
                content_type: "image/jpeg",
            },
        ];
        let lapse = timelapse_of(&pictures, 320, 80.0).expect("lapse");
        assert!(lapse.webp.windows(4).any(|w| w == b"ANIM"));
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::RGBA);
        let mut decoder = options.read_info(lapse.gif.as_slice()).expect("gif");
        assert_eq!((decoder.width(), decoder.height()), (320, 240));
        let mut frames = 0;
        while decoder.read_next_frame().expect("frame").is_some() {
            frames += 1;
        }
        assert_eq!(
            frames,
            3 + crate::TIMELAPSE_HOLD_FRAMES,
            "the JPEG stand-in is left out"
        );
    }

    #[test]
    fn nothing_to_show_is_an_error() {
        assert!(timelapse_of(&[], 320, 80.0).is_err());
    }
}
