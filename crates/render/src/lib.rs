//! The offline schematic engine.
//!
//! Draws every step of a [`plan::Plan`] as an instruction-manual picture:
//! each visible part as flat-shaded 3D geometry seen by one orthographic
//! camera fitted to the finished build, the step's new parts in full colour
//! with an accent outline and an arrow, earlier parts faded, removed and
//! cut-away pieces ghosted, the step's tools as icons and its number as a
//! badge. Works with no network, no key and no GPU, and is deterministic:
//! the same plan and options give byte-identical files.
//!
//! The pipeline: [`Guide`] (states, layouts, camera) → [`picture::step_svg`]
//! (faces from [`shapes`], visibility from [`bsp`]) → [`raster`] (resvg) →
//! [`encode`]. [`revision`] keeps the camera still across an edit of the
//! plan and says which steps' pictures the edit changed.

pub mod bsp;
pub mod camera;
pub mod drawable;
pub mod encode;
pub mod error;
pub mod frames;
pub mod geom;
pub mod guide;
pub mod guide_page;
pub mod icons;
pub mod mesh;
pub mod picture;
pub mod raster;
pub mod revision;
pub mod shapes;
pub mod style;
pub mod svg;
pub mod visibility;

use plan::request::{ImageFormat, Style};
use resvg::tiny_skia::Pixmap;

pub use error::RenderError;
pub use guide::Guide;
pub use picture::{step_svg, Mode};

/// The seed's WebP quality.
pub const DEFAULT_QUALITY: f32 = 85.0;

/// How to write a step's picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Output {
    pub style: Style,
    pub format: ImageFormat,
    /// Lossy quality (WebP, JPEG), 0..=100.
    pub quality: f32,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            style: Style::default(),
            format: ImageFormat::default(),
            quality: DEFAULT_QUALITY,
        }
    }
}

/// An encoded picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// Step `index` (0-based) of `guide`, drawn and encoded.
pub fn render_step(guide: &Guide, index: usize, output: &Output) -> Result<Image, RenderError> {
    let svg = step_svg(guide, index, Mode::Picture(output.style))?;
    let bytes = match output.format {
        ImageFormat::Svg => svg.into_bytes(),
        format => encode_pixels(
            &raster::rasterize(&svg, guide.width, guide.height)?,
            format,
            output.quality,
        )?,
    };
    Ok(Image {
        bytes,
        content_type: output.format.content_type(),
    })
}

/// Step `index` as pixels.
pub fn step_pixels(guide: &Guide, index: usize, mode: Mode) -> Result<Pixmap, RenderError> {
    let svg = step_svg(guide, index, mode)?;
    raster::rasterize(&svg, guide.width, guide.height)
}

/// Encodes pixels in a raster format (SVG is not one).
pub fn encode_pixels(
    pixmap: &Pixmap,
    format: ImageFormat,
    quality: f32,
) -> Result<Vec<u8>, RenderError> {
    match format {
        ImageFormat::Png => encode::png(pixmap),
        ImageFormat::Webp => encode::webp(pixmap, quality),
        ImageFormat::Jpeg => encode::jpeg(pixmap, quality),
        ImageFormat::Svg => Err(RenderError::Encode {
            format: "svg",
            message: "SVG is drawn from the scene, not from pixels".into(),
        }),
    }
}

/// How long each step shows in a time-lapse, and how long the finished
/// build holds before it loops.
pub const TIMELAPSE_FRAME_MS: u32 = 1200;
pub const TIMELAPSE_HOLD_FRAMES: usize = 2;

/// A whole guide as an animated WebP and an animated GIF, one frame per
/// step (the last held longer).
pub struct Timelapse {
    pub webp: Vec<u8>,
    pub gif: Vec<u8>,
}

pub fn timelapse(guide: &Guide, style: Style, quality: f32) -> Result<Timelapse, RenderError> {
    let mut frames = Vec::with_capacity(guide.step_count() + TIMELAPSE_HOLD_FRAMES);
    for index in 0..guide.step_count() {
        frames.push(step_pixels(guide, index, Mode::Picture(style))?);
    }
    animate(frames, quality)
}

/// Frames (one per step) as both animations, the last frame held.
pub(crate) fn animate(mut frames: Vec<Pixmap>, quality: f32) -> Result<Timelapse, RenderError> {
    if let Some(last) = frames.last().cloned() {
        frames.extend(std::iter::repeat_n(last, TIMELAPSE_HOLD_FRAMES));
    }
    let delays = vec![TIMELAPSE_FRAME_MS; frames.len()];
    Ok(Timelapse {
        webp: encode::webp_animation(&frames, &delays, quality)?,
        gif: encode::gif_animation(&frames, &delays)?,
    })
}
