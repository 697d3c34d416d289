//! Images in and out: input images (uploads and data URLs) with their
//! decoding, the output formats and their encoders, the partial images of
//! a streamed answer, the edit mask's mark, and token estimates.
//!
//! The pictures themselves are drawn by the fake Gemini's
//! [`fake_gemini::picture`] module (first input as the background, a
//! thumbnail of every input, a colour band from the prompt), so both fakes
//! show what was sent the same way.

use base64::Engine as _;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::{imageops, DynamicImage, GrayImage, ImageEncoder as _, Rgb, RgbImage};
use sha2::{Digest, Sha256};

use crate::log::LoggedImage;

/// The MIME types OpenAI takes for image inputs (and the fake can decode).
pub(crate) const IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// An input image as sent, decoded later (off the async workers).
#[derive(Clone, Debug)]
pub(crate) struct InputImage {
    /// Where it came from in the request, for error messages (`image[]`,
    /// `input[0].content[1].image_url`).
    pub param: String,
    pub mime_type: String,
    pub bytes: Vec<u8>,
    pub decoded: Option<RgbImage>,
    /// The alpha channel, kept for masks when the image has one.
    pub alpha: Option<GrayImage>,
}

impl InputImage {
    pub(crate) fn new(param: impl Into<String>, mime_type: &str, bytes: Vec<u8>) -> InputImage {
        InputImage {
            param: param.into(),
            mime_type: normalise_mime(mime_type),
            bytes,
            decoded: None,
            alpha: None,
        }
    }

    /// Decodes the bytes; keeps the alpha channel when asked and present.
    /// Fails when the bytes are not an image of a supported format.
    pub(crate) fn decode(&mut self, keep_alpha: bool) -> Result<(), image::ImageError> {
        let image = image::load_from_memory(&self.bytes)?;
        if keep_alpha && image.color().has_alpha() {
            self.alpha = Some(alpha_of(&image));
        }
        self.decoded = Some(image.to_rgb8());
        Ok(())
    }

    pub(crate) fn dimensions(&self) -> Option<(u32, u32)> {
        self.decoded.as_ref().map(RgbImage::dimensions)
    }

    pub(crate) fn logged(&self) -> LoggedImage {
        logged(&self.mime_type, &self.bytes, self.dimensions())
    }
}

/// Describes image bytes for the log.
pub(crate) fn logged(mime_type: &str, bytes: &[u8], size: Option<(u32, u32)>) -> LoggedImage {
    LoggedImage {
        mime_type: mime_type.to_string(),
        bytes: bytes.len(),
        sha256: hex::encode(Sha256::digest(bytes)),
        width: size.map(|(w, _)| w),
        height: size.map(|(_, h)| h),
    }
}

/// `image/jpg` is what some clients send for JPEG.
fn normalise_mime(mime: &str) -> String {
    let mime = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime == "image/jpg" {
        "image/jpeg".to_string()
    } else {
        mime
    }
}

fn alpha_of(image: &DynamicImage) -> GrayImage {
    let rgba = image.to_rgba8();
    GrayImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        image::Luma([rgba.get_pixel(x, y).0[3]])
    })
}

/// Why a data URL could not be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DataUrlError {
    #[error("not a data URL")]
    NotDataUrl,
    #[error("not base64-encoded")]
    NotBase64,
    #[error("the base64 data does not decode")]
    BadBase64,
}

/// The MIME type and bytes of a `data:image/png;base64,...` URL.
pub(crate) fn parse_data_url(url: &str) -> Result<(String, Vec<u8>), DataUrlError> {
    let rest = url.strip_prefix("data:").ok_or(DataUrlError::NotDataUrl)?;
    let (meta, data) = rest.split_once(',').ok_or(DataUrlError::NotDataUrl)?;
    let mime = meta
        .strip_suffix(";base64")
        .ok_or(DataUrlError::NotBase64)?;
    let data: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|_| DataUrlError::BadBase64)?;
    Ok((normalise_mime(mime), bytes))
}

/// An output format of the Images API the fake can encode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Png,
    Jpeg,
    Webp,
}

impl Format {
    pub(crate) const NAMES: [&'static str; 3] = ["png", "jpeg", "webp"];

    pub(crate) fn parse(name: &str) -> Option<Format> {
        match name {
            "png" => Some(Format::Png),
            "jpeg" => Some(Format::Jpeg),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpeg",
            Format::Webp => "webp",
        }
    }

    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Webp => "image/webp",
        }
    }
}

/// Encodes in `format`; `compression` (0-100, OpenAI's
/// `output_compression`) is the JPEG quality. WebP is written lossless
/// (the `image` crate's encoder), which clients read like any WebP.
pub(crate) fn encode(
    image: &RgbImage,
    format: Format,
    compression: u8,
) -> Result<Vec<u8>, image::ImageError> {
    match format {
        Format::Png => fake_gemini::picture::encode_png(image),
        Format::Jpeg => {
            let mut out = Vec::new();
            JpegEncoder::new_with_quality(&mut out, compression.clamp(1, 100)).write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgb8,
            )?;
            Ok(out)
        }
        Format::Webp => {
            let mut out = Vec::new();
            WebPEncoder::new_lossless(&mut out).write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgb8,
            )?;
            Ok(out)
        }
    }
}

/// The picture in blocks of `block` pixels: what a partial image of a
/// streamed answer looks like (coarser the earlier it comes).
pub(crate) fn pixelate(image: &RgbImage, block: u32) -> RgbImage {
    let (w, h) = image.dimensions();
    let block = block.max(1);
    let small = imageops::resize(
        image,
        w.div_ceil(block).max(1),
        h.div_ceil(block).max(1),
        imageops::FilterType::Triangle,
    );
    imageops::resize(&small, w, h, imageops::FilterType::Nearest)
}

/// The block size of partial image `index` of `count` (32, 16, 8 px for
/// three partials).
pub(crate) fn partial_block(index: u32, count: u32) -> u32 {
    1 << (count.saturating_sub(index) + 2).min(8)
}

/// Tints the area an edit mask marks for editing (alpha 0) magenta, so a
/// test looking at the output can see that the mask was applied. The mask
/// is stretched over the frame.
pub(crate) fn mark_masked_area(canvas: &mut RgbImage, mask_alpha: &GrayImage) {
    let (w, h) = canvas.dimensions();
    let (mw, mh) = mask_alpha.dimensions();
    if mw == 0 || mh == 0 {
        return;
    }
    for (x, y, pixel) in canvas.enumerate_pixels_mut() {
        let mx = (u64::from(x) * u64::from(mw) / u64::from(w)) as u32;
        let my = (u64::from(y) * u64::from(mh) / u64::from(h)) as u32;
        if mask_alpha.get_pixel(mx.min(mw - 1), my.min(mh - 1)).0[0] == 0 {
            let Rgb([r, g, b]) = *pixel;
            let mix = |c: u8, t: u8| ((u16::from(c) * 2 + u16::from(t)) / 3) as u8;
            *pixel = Rgb([mix(r, 255), mix(g, 0), mix(b, 255)]);
        }
    }
}

/// Input tokens of an image, by the vision formula: fit in 2048×2048,
/// shortest side to 768, then 85 + 170 per 512 px tile.
pub(crate) fn image_tokens(width: u32, height: u32) -> u64 {
    if width == 0 || height == 0 {
        return 0;
    }
    let (mut w, mut h) = (f64::from(width), f64::from(height));
    let fit = (2048.0 / w.max(h)).min(1.0);
    w *= fit;
    h *= fit;
    let short = (768.0 / w.min(h)).min(1.0);
    w *= short;
    h *= short;
    let tiles = (w / 512.0).ceil() * (h / 512.0).ceil();
    85 + 170 * tiles as u64
}

/// Output tokens of one image: OpenAI's published counts for the standard
/// sizes, scaled by pixels for other sizes.
pub(crate) fn output_tokens(quality: &str, width: u32, height: u32) -> u64 {
    let per_square: f64 = match quality {
        "low" => 272.0,
        "high" => 4160.0,
        "xhigh" => 6240.0,
        "max" => 8320.0,
        _ => 1056.0,
    };
    match (quality, width, height) {
        ("low", 1536, 1024) => 400,
        ("low", 1024, 1536) => 408,
        ("medium", 1536, 1024) => 1568,
        ("medium", 1024, 1536) => 1584,
        ("high", 1536, 1024) => 6208,
        ("high", 1024, 1536) => 6240,
        _ => {
            let pixels = f64::from(width) * f64::from(height);
            (per_square * pixels / 1_048_576.0).round() as u64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_urls_decode() {
        let (mime, bytes) = parse_data_url("data:image/png;base64,AAEC").expect("parses");
        assert_eq!(
            (mime.as_str(), bytes.as_slice()),
            ("image/png", &[0u8, 1, 2][..])
        );
        assert_eq!(
            parse_data_url("https://example.com/a.png"),
            Err(DataUrlError::NotDataUrl)
        );
        assert_eq!(
            parse_data_url("data:image/png,abc"),
            Err(DataUrlError::NotBase64)
        );
        assert_eq!(
            parse_data_url("data:image/png;base64,@@@"),
            Err(DataUrlError::BadBase64)
        );
    }

    #[test]
    fn every_format_encodes_and_decodes_at_its_size() {
        let picture = RgbImage::from_pixel(40, 24, Rgb([10, 200, 30]));
        for (format, guessed) in [
            (Format::Png, image::ImageFormat::Png),
            (Format::Jpeg, image::ImageFormat::Jpeg),
            (Format::Webp, image::ImageFormat::WebP),
        ] {
            let bytes = encode(&picture, format, 80).expect("encodes");
            assert_eq!(image::guess_format(&bytes).expect("a format"), guessed);
            let decoded = image::load_from_memory(&bytes).expect("decodes");
            assert_eq!((decoded.width(), decoded.height()), (40, 24));
        }
    }

    #[test]
    fn partials_get_finer_and_keep_the_size() {
        assert_eq!(
            (
                partial_block(0, 3),
                partial_block(1, 3),
                partial_block(2, 3)
            ),
            (32, 16, 8)
        );
        let picture = RgbImage::from_fn(50, 30, |x, y| Rgb([x as u8 * 5, y as u8 * 8, 0]));
        assert_eq!(pixelate(&picture, 16).dimensions(), (50, 30));
    }

    #[test]
    fn the_mask_marks_its_transparent_area() {
        let mut canvas = RgbImage::from_pixel(10, 10, Rgb([0, 0, 0]));
        let mask = GrayImage::from_fn(2, 1, |x, _| image::Luma([if x == 0 { 0 } else { 255 }]));
        mark_masked_area(&mut canvas, &mask);
        assert_ne!(canvas.get_pixel(0, 5), &Rgb([0, 0, 0]));
        assert_eq!(canvas.get_pixel(9, 5), &Rgb([0, 0, 0]));
    }

    #[test]
    fn token_estimates_match_the_published_counts() {
        assert_eq!(output_tokens("medium", 1024, 1024), 1056);
        assert_eq!(output_tokens("high", 1536, 1024), 6208);
        assert_eq!(output_tokens("low", 2048, 2048), 1088);
        assert_eq!(image_tokens(1024, 1024), 765);
        assert_eq!(image_tokens(0, 5), 0);
    }
}
