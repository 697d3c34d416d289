//! What the fake knows about Gemini's image models: their names, how many
//! input images each accepts, the image sizes each renders with the output
//! tokens billed for them, and the pixel sizes they answer with.
//!
//! The 1K sizes per aspect ratio are the ones the real models return (the
//! other sizes scale them), so a client's handling of aspect ratios and
//! sizes (cropping, layout, thumbnails, cost) is exercised with the
//! numbers it will meet in production. Kept apart from the client's own
//! model table on purpose: the fake stands for Google, not for stepcast.

/// One output size of a model (`imageConfig.imageSize`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// The API's name: `512`, `1K`, `2K` or `4K`.
    pub name: &'static str,
    /// Output tokens billed per image of this size.
    pub output_tokens: u32,
}

/// One image model the fake answers for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Model {
    /// The name used in the URL, e.g. `gemini-3.1-flash-image`.
    pub name: &'static str,
    /// The most input images one request may carry.
    pub max_input_images: usize,
    /// The sizes it renders, smallest first; a request for another is
    /// answered 400.
    pub sizes: &'static [Size],
}

impl Model {
    /// The size named `name`, if this model renders it.
    pub fn size(&self, name: &str) -> Option<&'static Size> {
        self.sizes.iter().find(|size| size.name == name)
    }
}

const fn size(name: &'static str, output_tokens: u32) -> Size {
    Size {
        name,
        output_tokens,
    }
}

const FLASH_SIZES: &[Size] = &[
    size("512", 747),
    size("1K", 1120),
    size("2K", 1680),
    size("4K", 2520),
];

const PRO_SIZES: &[Size] = &[size("1K", 1120), size("2K", 1120), size("4K", 2000)];

/// The models the fake knows (Google's current image models, under their
/// names and their `-preview` names); any other name, the retired
/// `gemini-2.5-flash-image` included, is answered 404 like the real API
/// does.
pub const MODELS: [Model; 4] = [
    Model {
        name: "gemini-3.1-flash-image",
        max_input_images: 14,
        sizes: FLASH_SIZES,
    },
    Model {
        name: "gemini-3.1-flash-image-preview",
        max_input_images: 14,
        sizes: FLASH_SIZES,
    },
    Model {
        name: "gemini-3-pro-image",
        max_input_images: 14,
        sizes: PRO_SIZES,
    },
    Model {
        name: "gemini-3-pro-image-preview",
        max_input_images: 14,
        sizes: PRO_SIZES,
    },
];

/// Tokens billed per input image.
pub const INPUT_IMAGE_TOKENS: u32 = 258;

/// The aspect ratio used when a request names none.
pub const DEFAULT_ASPECT_RATIO: &str = "1:1";

/// The size used when a request names none.
pub const DEFAULT_IMAGE_SIZE: &str = "1K";

/// An accepted aspect ratio with its output size in pixels (width, height)
/// at 1K; 512 halves both sides, 2K doubles and 4K quadruples them.
struct AspectRatio {
    name: &'static str,
    at_1k: (u32, u32),
}

const fn ratio(name: &'static str, at_1k: (u32, u32)) -> AspectRatio {
    AspectRatio { name, at_1k }
}

/// Every accepted aspect ratio, in the order the API documents them.
const ASPECT_RATIOS: [AspectRatio; 10] = [
    ratio("1:1", (1024, 1024)),
    ratio("2:3", (848, 1264)),
    ratio("3:2", (1264, 848)),
    ratio("3:4", (896, 1200)),
    ratio("4:3", (1200, 896)),
    ratio("4:5", (928, 1152)),
    ratio("5:4", (1152, 928)),
    ratio("9:16", (768, 1376)),
    ratio("16:9", (1376, 768)),
    ratio("21:9", (1584, 672)),
];

/// Finds a known model by the name used in the URL.
pub fn model(name: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.name == name)
}

/// Every accepted aspect ratio, in the order the API documents them.
pub fn aspect_ratios() -> impl Iterator<Item = &'static str> {
    ASPECT_RATIOS.iter().map(|ratio| ratio.name)
}

/// The output size in pixels for an aspect ratio and image size, or `None`
/// when the aspect ratio is not one the API accepts. `image_size` is one of
/// the model's sizes (checked before).
pub fn output_size(aspect_ratio: &str, image_size: &str) -> Option<(u32, u32)> {
    let ratio = ASPECT_RATIOS
        .iter()
        .find(|ratio| ratio.name == aspect_ratio)?;
    let (width, height) = ratio.at_1k;
    Some(match image_size {
        "512" => (width / 2, height / 2),
        "2K" => (width * 2, height * 2),
        "4K" => (width * 4, height * 4),
        _ => (width, height),
    })
}

/// Output tokens billed for one generated image of `image_size` (0 for a
/// size the model does not render, which is refused before any image).
pub fn image_output_tokens(model: &Model, image_size: &str) -> u32 {
    model.size(image_size).map_or(0, |size| size.output_tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_scale_from_1k() {
        assert_eq!(output_size("4:3", "1K"), Some((1200, 896)));
        assert_eq!(output_size("4:3", "512"), Some((600, 448)));
        assert_eq!(output_size("1:1", "2K"), Some((2048, 2048)));
        assert_eq!(output_size("21:9", "4K"), Some((6336, 2688)));
        assert_eq!(output_size("7:5", "1K"), None);
    }

    #[test]
    fn tokens_by_model_and_size() {
        let flash = model("gemini-3.1-flash-image").unwrap();
        assert_eq!(image_output_tokens(flash, "512"), 747);
        assert_eq!(image_output_tokens(flash, "4K"), 2520);
        let pro = model("gemini-3-pro-image-preview").unwrap();
        assert_eq!(image_output_tokens(pro, "2K"), 1120);
        assert_eq!(image_output_tokens(pro, "4K"), 2000);
        assert!(pro.size("512").is_none());
    }

    #[test]
    fn retired_models_are_unknown() {
        assert!(model("gemini-2.5-flash-image").is_none());
        assert!(model("gemini-2.5-flash-image-preview").is_none());
    }
}
