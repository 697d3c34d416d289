//! The Gemini image models stepcast knows: the output sizes each takes,
//! what an image of each size is billed, and how many reference images one
//! request may carry.
//!
//! One table, so the request's `imageSize`, the cost of a step, the input
//! image limit and `/capabilities` cannot disagree. A model missing here
//! still works (the operator may name any model with `--gemini-model`), but
//! is sent no `imageSize`, costs what `--gemini-price-per-image` says (else
//! nothing) and gets [`UNKNOWN_MODEL_INPUT_IMAGES`] references.

use serde::Serialize;

/// One output size of an image model (`imageConfig.imageSize`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ImageSize {
    /// The API's name for it: `512`, `1K`, `2K` or `4K`.
    pub name: &'static str,
    /// The nominal long edge in pixels (the real image's long edge is
    /// about this, a little more for wide aspect ratios).
    pub long_edge: u32,
    /// Output tokens billed per image of this size.
    pub output_tokens: u32,
    /// Google's list price per image of this size, in US dollars.
    pub price_usd: f64,
}

/// An image model and what it takes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ImageModel {
    /// The name in the URL (`models/{id}:generateContent`). The same name
    /// with `-preview` appended is the same entry (see [`model`]).
    pub id: &'static str,
    /// The sizes it renders, smallest first.
    pub sizes: &'static [ImageSize],
    /// The most input images one request may carry.
    pub max_reference_images: usize,
}

const fn size(name: &'static str, long_edge: u32, output_tokens: u32, price_usd: f64) -> ImageSize {
    ImageSize {
        name,
        long_edge,
        output_tokens,
        price_usd,
    }
}

/// The supported image models, the default first.
///
/// From Google's pages, CHECKED 2026-12-03:
/// - models and limits: <https://ai.google.dev/gemini-api/docs/models>
///   and <https://ai.google.dev/gemini-api/docs/image-generation>;
/// - tokens and prices per image: <https://ai.google.dev/gemini-api/docs/pricing>.
///
/// `gemini-2.5-flash-image` is not here: Google shut it down on
/// 2026-10-02 and the API answers 404 for it.
pub const MODELS: &[ImageModel] = &[
    ImageModel {
        id: "gemini-3.1-flash-image",
        sizes: &[
            size("512", 512, 747, 0.045),
            size("1K", 1024, 1120, 0.067),
            size("2K", 2048, 1680, 0.101),
            size("4K", 4096, 2520, 0.151),
        ],
        max_reference_images: 14,
    },
    ImageModel {
        id: "gemini-3-pro-image",
        sizes: &[
            size("1K", 1024, 1120, 0.134),
            size("2K", 2048, 1120, 0.134),
            size("4K", 4096, 2000, 0.24),
        ],
        max_reference_images: 14,
    },
];

/// The input image limit assumed for a model missing from [`MODELS`]: the
/// lowest any Gemini image model has had, so requests are never refused
/// for carrying too many.
pub const UNKNOWN_MODEL_INPUT_IMAGES: usize = 3;

/// The table's entry for `id`, which may end in `-preview` (the name the
/// 3.x models had before general availability).
pub fn model(id: &str) -> Option<&'static ImageModel> {
    let id = id.strip_suffix("-preview").unwrap_or(id);
    MODELS.iter().find(|m| m.id == id)
}

/// The ids of the supported models, for messages ("a, b").
pub fn supported_ids() -> String {
    MODELS.iter().map(|m| m.id).collect::<Vec<_>>().join(", ")
}

/// The `imageSize` to ask `model` for a `width`×`height` image: the
/// smallest it renders whose long edge is at least the asked long edge (so
/// the photo is only ever scaled down), else its largest.
pub fn image_size(model: &ImageModel, width: u32, height: u32) -> &'static str {
    let want = width.max(height);
    model
        .sizes
        .iter()
        .find(|s| s.long_edge >= want)
        .or_else(|| model.sizes.iter().max_by_key(|s| s.long_edge))
        .map_or("1K", |s| s.name)
}

/// The list price of one `size` image from `model`, or `None` when the
/// model does not render that size.
pub fn image_price(model: &ImageModel, size: &str) -> Option<f64> {
    model
        .sizes
        .iter()
        .find(|s| s.name == size)
        .map(|s| s.price_usd)
}

/// How many input images `model` accepts in one request.
pub fn input_image_limit(model: &str) -> usize {
    self::model(model).map_or(UNKNOWN_MODEL_INPUT_IMAGES, |m| m.max_reference_images)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flash() -> &'static ImageModel {
        model("gemini-3.1-flash-image").expect("flash is in the table")
    }

    fn pro() -> &'static ImageModel {
        model("gemini-3-pro-image").expect("pro is in the table")
    }

    #[test]
    fn the_default_model_is_first_in_the_table() {
        assert_eq!(MODELS[0].id, super::super::DEFAULT_MODEL);
    }

    #[test]
    fn preview_names_are_the_same_entries_and_2_5_is_gone() {
        assert_eq!(model("gemini-3-pro-image-preview"), Some(pro()));
        assert_eq!(model("gemini-3.1-flash-image-preview"), Some(flash()));
        assert_eq!(model("gemini-2.5-flash-image"), None);
        assert_eq!(model("gemini-2.5-flash-image-preview"), None);
    }

    #[test]
    fn the_smallest_size_that_covers_the_long_edge() {
        assert_eq!(image_size(flash(), 256, 192), "512");
        assert_eq!(image_size(pro(), 256, 192), "1K");
        assert_eq!(image_size(flash(), 512, 512), "512");
        assert_eq!(image_size(flash(), 1024, 768), "1K");
        assert_eq!(image_size(pro(), 1024, 768), "1K");
        assert_eq!(image_size(flash(), 768, 1024), "1K");
        assert_eq!(image_size(flash(), 1600, 1200), "2K");
        assert_eq!(image_size(pro(), 1200, 1600), "2K");
        assert_eq!(image_size(flash(), 5000, 5000), "4K");
        assert_eq!(image_size(pro(), 5000, 5000), "4K");
    }

    #[test]
    fn prices_by_model_and_size() {
        assert_eq!(image_price(flash(), "512"), Some(0.045));
        assert_eq!(image_price(flash(), "1K"), Some(0.067));
        assert_eq!(image_price(flash(), "4K"), Some(0.151));
        assert_eq!(image_price(pro(), "2K"), Some(0.134));
        assert_eq!(image_price(pro(), "4K"), Some(0.24));
        assert_eq!(image_price(pro(), "512"), None);
    }

    #[test]
    fn input_image_limits_by_model() {
        assert_eq!(input_image_limit("gemini-3.1-flash-image"), 14);
        assert_eq!(input_image_limit("gemini-3-pro-image-preview"), 14);
        assert_eq!(input_image_limit("gemini-9-ultra-image"), 3);
    }

    #[test]
    fn sizes_are_listed_smallest_first() {
        for m in MODELS {
            assert!(
                m.sizes.windows(2).all(|w| w[0].long_edge < w[1].long_edge),
                "{}",
                m.id
            );
        }
    }
}
