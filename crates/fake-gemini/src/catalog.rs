//! What the fake knows about Gemini's image models: their names, how many
//! input images each accepts, and the pixel sizes they answer with.
//!
//! The sizes are the ones the real models return, so a client's handling
//! of aspect ratios (cropping, layout, thumbnails) is exercised with the
//! same numbers it will meet in production.

/// One image model the fake answers for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Model {
    /// The name used in the URL, e.g. `gemini-2.5-flash-image`.
    pub name: &'static str,
    /// The most input images one request may carry.
    pub max_input_images: usize,
    /// Output tokens billed per generated 1K image.
    pub image_output_tokens: u32,
    /// Whether `imageConfig.imageSize` changes the output (Gemini 3 Pro
    /// Image renders 1K, 2K and 4K; 2.5 Flash Image always renders ~1K).
    pub sizes_scale: bool,
}

/// The models the fake knows; any other name is answered 404 like the real
/// API does.
pub const MODELS: [Model; 3] = [
    Model {
        name: "gemini-2.5-flash-image",
        max_input_images: 3,
        image_output_tokens: 1290,
        sizes_scale: false,
    },
    Model {
        name: "gemini-2.5-flash-image-preview",
        max_input_images: 3,
        image_output_tokens: 1290,
        sizes_scale: false,
    },
    Model {
        name: "gemini-3-pro-image-preview",
        max_input_images: 14,
        image_output_tokens: 1120,
        sizes_scale: true,
    },
];

/// Tokens billed per input image.
pub const INPUT_IMAGE_TOKENS: u32 = 258;

/// The aspect ratio used when a request names none.
pub const DEFAULT_ASPECT_RATIO: &str = "1:1";

/// The image sizes (`imageConfig.imageSize`) the API accepts.
pub const IMAGE_SIZES: [&str; 3] = ["1K", "2K", "4K"];

/// An accepted aspect ratio with its output sizes in pixels (width, height).
struct AspectRatio {
    name: &'static str,
    /// Gemini 2.5 Flash Image's size.
    flash: (u32, u32),
    /// Gemini 3 Pro Image's size at 1K (2K and 4K double and quadruple it).
    pro: (u32, u32),
}

const fn ratio(name: &'static str, flash: (u32, u32), pro: (u32, u32)) -> AspectRatio {
    AspectRatio { name, flash, pro }
}

/// Every accepted aspect ratio, in the order the API documents them.
const ASPECT_RATIOS: [AspectRatio; 10] = [
    ratio("1:1", (1024, 1024), (1024, 1024)),
    ratio("2:3", (832, 1248), (848, 1264)),
    ratio("3:2", (1248, 832), (1264, 848)),
    ratio("3:4", (864, 1184), (896, 1200)),
    ratio("4:3", (1184, 864), (1200, 896)),
    ratio("4:5", (896, 1152), (928, 1152)),
    ratio("5:4", (1152, 896), (1152, 928)),
    ratio("9:16", (768, 1344), (768, 1376)),
    ratio("16:9", (1344, 768), (1376, 768)),
    ratio("21:9", (1536, 672), (1584, 672)),
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
/// when the aspect ratio is not one the API accepts. `image_size` is one
/// of [`IMAGE_SIZES`]; it only matters for models whose `sizes_scale`.
pub fn output_size(model: &Model, aspect_ratio: &str, image_size: &str) -> Option<(u32, u32)> {
    let ratio = ASPECT_RATIOS
        .iter()
        .find(|ratio| ratio.name == aspect_ratio)?;
    if !model.sizes_scale {
        return Some(ratio.flash);
    }
    let scale = match image_size {
        "2K" => 2,
        "4K" => 4,
        _ => 1,
    };
    Some((ratio.pro.0 * scale, ratio.pro.1 * scale))
}

/// Output tokens billed for one generated image.
pub fn image_output_tokens(model: &Model, image_size: &str) -> u32 {
    if model.sizes_scale && image_size == "4K" {
        2000
    } else {
        model.image_output_tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_sizes_are_the_documented_ones() {
        let flash = model("gemini-2.5-flash-image").unwrap();
        assert_eq!(output_size(flash, "4:3", "1K"), Some((1184, 864)));
        assert_eq!(output_size(flash, "21:9", "4K"), Some((1536, 672)));
        assert_eq!(output_size(flash, "7:5", "1K"), None);
    }

    #[test]
    fn pro_sizes_scale_with_image_size() {
        let pro = model("gemini-3-pro-image-preview").unwrap();
        assert_eq!(output_size(pro, "1:1", "2K"), Some((2048, 2048)));
        assert_eq!(image_output_tokens(pro, "4K"), 2000);
    }
}
