//! A provider's photo, fitted to the guide's size and format.
//!
//! Image models answer at their own sizes (Gemini 2.5 Flash Image gives
//! 1184×864 for 4:3) and in PNG. A guide asks for one size and format for
//! every step, so the photo is scaled to cover the asked size, centre
//! cropped and encoded as asked: a 1024×768 WebP is a tenth of the PNG.

use image::imageops::FilterType;
use plan::request::ImageFormat;
use resvg::tiny_skia::Pixmap;

use crate::engine::{EngineError, EngineImage};

/// Decodes `bytes` (PNG, JPEG or WebP), covers `width`×`height` with it and
/// encodes it in `format` (SVG is refused: a photo is not a drawing).
pub fn fit_photo(
    bytes: &[u8],
    width: u32,
    height: u32,
    format: ImageFormat,
    quality: f32,
) -> Result<EngineImage, EngineError> {
    let decoded = image::load_from_memory(bytes).map_err(|e| {
        EngineError::transient(format!("the provider's image cannot be decoded: {e}"))
    })?;
    let fitted = decoded
        .resize_to_fill(width, height, FilterType::CatmullRom)
        .into_rgba8();
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| EngineError::permanent(format!("cannot hold a {width}×{height} image")))?;
    // Photos are opaque; flatten any alpha onto white so premultiplied
    // pixels stay valid.
    for (out, px) in pixmap.pixels_mut().iter_mut().zip(fitted.pixels()) {
        let [r, g, b, a] = px.0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        *out = resvg::tiny_skia::PremultipliedColorU8::from_rgba(over(r), over(g), over(b), 255)
            .unwrap_or(*out);
    }
    let encode_error = |e: render::RenderError| EngineError::permanent(e.to_string());
    let (encoded, content_type) = match format {
        ImageFormat::Png => (
            render::encode::png(&pixmap).map_err(encode_error)?,
            "image/png",
        ),
        ImageFormat::Webp => (
            render::encode::webp(&pixmap, quality).map_err(encode_error)?,
            "image/webp",
        ),
        ImageFormat::Jpeg => (
            render::encode::jpeg(&pixmap, quality).map_err(encode_error)?,
            "image/jpeg",
        ),
        ImageFormat::Svg => {
            return Err(EngineError::permanent(
                "a photo cannot be drawn as SVG; ask for png, webp or jpeg",
            ))
        }
    };
    Ok(EngineImage::local(encoded, content_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(width: u32, height: u32) -> Vec<u8> {
        let mut pixmap = Pixmap::new(width, height).expect("size");
        pixmap.fill(resvg::tiny_skia::Color::from_rgba8(200, 120, 40, 255));
        render::encode::png(&pixmap).expect("png")
    }

    #[test]
    fn covers_the_asked_size_in_the_asked_format() {
        let source = png_of(1184, 864);
        for (format, magic) in [
            (ImageFormat::Webp, &b"RIFF"[..]),
            (ImageFormat::Png, &b"\x89PNG"[..]),
            (ImageFormat::Jpeg, &b"\xff\xd8"[..]),
        ] {
            let image = fit_photo(&source, 1024, 768, format, 85.0).expect("fits");
            assert!(image.bytes.starts_with(magic), "{format:?}");
            let back = image::load_from_memory(&image.bytes).expect("decodes");
            assert_eq!((back.width(), back.height()), (1024, 768));
        }
    }

    #[test]
    fn crops_rather_than_stretches() {
        let image = fit_photo(&png_of(1024, 1024), 512, 256, ImageFormat::Png, 85.0).expect("fits");
        let back = image::load_from_memory(&image.bytes)
            .expect("decodes")
            .into_rgb8();
        assert_eq!(back.dimensions(), (512, 256));
        assert_eq!(back.get_pixel(256, 128).0, [200, 120, 40]);
    }

    #[test]
    fn refuses_svg_and_garbage() {
        assert!(!fit_photo(&png_of(64, 64), 64, 64, ImageFormat::Svg, 85.0)
            .expect_err("svg")
            .is_transient());
        assert!(fit_photo(b"not an image", 64, 64, ImageFormat::Png, 85.0)
            .expect_err("garbage")
            .is_transient());
    }
}
