//! The models the fake serves and what each accepts, from OpenAI's API
//! reference and the official `openai` Python SDK 3.63.0 (types
//! `ImageModel`, `ImageGenerateParams`, `ImageEditParams`, `ChatModel`),
//! checked 2026-12.
//!
//! - GPT Image 1.5, GPT Image 1 mini and `chatgpt-image-latest` take the
//!   three standard sizes (`1024x1024`, `1536x1024`, `1024x1536`) or `auto`.
//! - GPT Image 2 and later take any `WIDTHxHEIGHT` whose sides are
//!   multiples of 16, at most 3840 px, with a long-to-short ratio of at
//!   most 3:1 and 655,360 to 8,294,400 pixels in all.
//! - `input_fidelity` (edits only): `high`/`low` on GPT Image 1.5, only
//!   `low` on GPT Image 1 mini, and "omit this parameter" on GPT Image 2;
//!   the fake treats 2.5 and 2.6 like 2 (the SDK documents no fidelity for
//!   them).
//! - `quality`: `low`/`medium`/`high`/`auto`, plus `xhigh` and `max` on
//!   GPT Image 2.5 and 2.6.
//! - `gpt-image-1` was shut down on 2026-10-23 and DALL·E 2 and 3 on
//!   2026-05-12: requests for them get OpenAI's "has been deprecated" 404.

/// How a model's output size is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeRule {
    /// Only the three standard sizes and `auto`.
    Standard,
    /// Any `WIDTHxHEIGHT` within GPT Image 2's limits, and `auto`.
    Flexible,
}

/// An image model the fake serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageModel {
    pub name: &'static str,
    pub sizes: SizeRule,
    /// Accepted `quality` values.
    pub qualities: &'static [&'static str],
    /// Accepted `input_fidelity` values; empty when the parameter must be
    /// left out.
    pub input_fidelity: &'static [&'static str],
}

const QUALITY: &[&str] = &["low", "medium", "high", "auto"];
const QUALITY_2_5: &[&str] = &["low", "medium", "high", "xhigh", "max", "auto"];
const FIDELITY_BOTH: &[&str] = &["high", "low"];
const FIDELITY_LOW: &[&str] = &["low"];
const FIDELITY_NONE: &[&str] = &[];

const fn model(
    name: &'static str,
    sizes: SizeRule,
    qualities: &'static [&'static str],
    input_fidelity: &'static [&'static str],
) -> ImageModel {
    ImageModel {
        name,
        sizes,
        qualities,
        input_fidelity,
    }
}

/// The image models the fake serves.
pub const IMAGE_MODELS: [ImageModel; 11] = [
    model("gpt-image-1.5", SizeRule::Standard, QUALITY, FIDELITY_BOTH),
    model(
        "gpt-image-1-mini",
        SizeRule::Standard,
        QUALITY,
        FIDELITY_LOW,
    ),
    model(
        "chatgpt-image-latest",
        SizeRule::Standard,
        QUALITY,
        FIDELITY_BOTH,
    ),
    model("gpt-image-2", SizeRule::Flexible, QUALITY, FIDELITY_NONE),
    model(
        "gpt-image-2-2026-04-21",
        SizeRule::Flexible,
        QUALITY,
        FIDELITY_NONE,
    ),
    model(
        "gpt-image-2.5-sunburst",
        SizeRule::Flexible,
        QUALITY_2_5,
        FIDELITY_NONE,
    ),
    model(
        "gpt-image-2.5-sunburst-2026-09-08",
        SizeRule::Flexible,
        QUALITY_2_5,
        FIDELITY_NONE,
    ),
    model(
        "gpt-image-2.5-flare",
        SizeRule::Flexible,
        QUALITY_2_5,
        FIDELITY_NONE,
    ),
    model(
        "gpt-image-2.5-flare-2026-09-08",
        SizeRule::Flexible,
        QUALITY_2_5,
        FIDELITY_NONE,
    ),
    model(
        "gpt-image-2.6-sunburst",
        SizeRule::Flexible,
        QUALITY_2_5,
        FIDELITY_NONE,
    ),
    model(
        "gpt-image-2.6-flare",
        SizeRule::Flexible,
        QUALITY_2_5,
        FIDELITY_NONE,
    ),
];

/// The model the Images API uses when a request names none.
pub const DEFAULT_IMAGE_MODEL: &str = "gpt-image-1.5";

/// Image models that were shut down.
pub const RETIRED_IMAGE_MODELS: [&str; 3] = ["gpt-image-1", "dall-e-2", "dall-e-3"];

/// The image model with this name, if the fake serves it.
pub fn image_model(name: &str) -> Option<ImageModel> {
    IMAGE_MODELS.iter().copied().find(|m| m.name == name)
}

/// The text models `/v1/responses` serves: OpenAI's current GPT-6 and
/// GPT-5.x families (models page and SDK `ChatModel`, 2026-12).
pub const TEXT_MODELS: [&str; 15] = [
    "gpt-6.2-astra",
    "gpt-6.2-sol",
    "gpt-6.1-sol",
    "gpt-6.1-terra",
    "gpt-6-astra",
    "gpt-6-sol",
    "gpt-6-luna",
    "gpt-5.6-sol",
    "gpt-5.6-terra",
    "gpt-5.6-luna",
    "gpt-5.5",
    "gpt-5.4",
    "gpt-5.4-mini",
    "gpt-5.4-nano",
    "gpt-5-mini",
];

/// Whether `/v1/responses` serves this model.
pub fn is_text_model(name: &str) -> bool {
    TEXT_MODELS.contains(&name)
}

/// The three sizes every GPT image model takes.
pub const STANDARD_SIZES: [(u32, u32); 3] = [(1024, 1024), (1536, 1024), (1024, 1536)];

/// GPT Image 2's limits on a `WIDTHxHEIGHT` size.
pub const MAX_EDGE: u32 = 3840;
pub const MIN_PIXELS: u64 = 655_360;
pub const MAX_PIXELS: u64 = 8_294_400;

/// Why a flexible size is refused, or its width and height.
pub fn check_flexible_size(width: u32, height: u32) -> Result<(u32, u32), String> {
    let pixels = u64::from(width) * u64::from(height);
    let (long, short) = (width.max(height), width.min(height));
    if width % 16 != 0 || height % 16 != 0 {
        Err("width and height must both be multiples of 16".to_string())
    } else if long > MAX_EDGE {
        Err(format!(
            "the longest edge must be at most {MAX_EDGE} pixels"
        ))
    } else if short == 0 || long > short * 3 {
        Err("the aspect ratio must be between 1:3 and 3:1".to_string())
    } else if !(MIN_PIXELS..=MAX_PIXELS).contains(&pixels) {
        Err(format!(
            "the total pixel count must be between {MIN_PIXELS} and {MAX_PIXELS}"
        ))
    } else {
        Ok((width, height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_are_unique_and_the_default_is_served() {
        let mut names: Vec<&str> = IMAGE_MODELS.iter().map(|m| m.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), IMAGE_MODELS.len());
        assert!(image_model(DEFAULT_IMAGE_MODEL).is_some());
        for retired in RETIRED_IMAGE_MODELS {
            assert!(image_model(retired).is_none());
        }
    }

    #[test]
    fn flexible_sizes_follow_gpt_image_2s_limits() {
        assert!(check_flexible_size(1024, 1024).is_ok());
        assert!(check_flexible_size(3840, 2160).is_ok());
        assert!(
            check_flexible_size(1024, 640).is_ok(),
            "exactly the minimum"
        );
        assert!(
            check_flexible_size(1000, 1000).is_err(),
            "not multiples of 16"
        );
        assert!(check_flexible_size(4096, 1024).is_err(), "edge too long");
        assert!(check_flexible_size(3072, 1008).is_err(), "ratio over 3:1");
        assert!(check_flexible_size(512, 512).is_err(), "too few pixels");
    }
}
