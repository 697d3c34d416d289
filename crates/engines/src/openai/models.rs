//! OpenAI's image models: the sizes each draws, whether it takes
//! `input_fidelity`, and its token prices, in one table.
//!
//! Sources (CHECKED 2026-12-06): OpenAI's API reference for
//! `/v1/images/edits` (up to 16 input images for the GPT image models;
//! `input_fidelity`), the image generation guide (sizes: `1024x1024`,
//! `1536x1024`, `1024x1536` for the 1.x models; any size for
//! `gpt-image-2` up to 3840 px a side, 655,360 to 8,294,400 pixels, at
//! most 3:1, sides in multiples of 16) and the pricing page (per million tokens: text input,
//! image input, image output).

/// What a model draws at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sizes {
    /// Only these `(width, height)`s.
    Fixed(&'static [(u32, u32)]),
    /// Any size within these bounds.
    Flexible {
        max_side: u32,
        min_pixels: u32,
        max_pixels: u32,
        /// The longest side over the shortest, at most.
        max_ratio: f64,
        /// Both sides must be multiples of this.
        step: u32,
    },
}

/// US dollars per million tokens.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TokenPrices {
    pub text_input: f64,
    pub image_input: f64,
    pub image_output: f64,
}

/// One OpenAI image model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageModel {
    pub id: &'static str,
    pub sizes: Sizes,
    /// Whether the model takes `input_fidelity: high` (keeps the input
    /// images' details: the schematic's layout, the anchor's look).
    pub input_fidelity: bool,
    /// Input images per edit.
    pub max_references: usize,
    pub prices: TokenPrices,
}

const CLASSIC_SIZES: &[(u32, u32)] = &[(1024, 1024), (1536, 1024), (1024, 1536)];

/// Every model stepcast knows, the default first.
pub const MODELS: [ImageModel; 3] = [
    ImageModel {
        id: "gpt-image-1.5",
        sizes: Sizes::Fixed(CLASSIC_SIZES),
        input_fidelity: true,
        max_references: 16,
        prices: TokenPrices {
            text_input: 5.0,
            image_input: 8.0,
            image_output: 32.0,
        },
    },
    ImageModel {
        id: "gpt-image-1-mini",
        sizes: Sizes::Fixed(CLASSIC_SIZES),
        input_fidelity: false,
        max_references: 16,
        prices: TokenPrices {
            text_input: 2.0,
            image_input: 2.5,
            image_output: 8.0,
        },
    },
    ImageModel {
        id: "gpt-image-2",
        sizes: Sizes::Flexible {
            max_side: 3840,
            min_pixels: 655_360,
            max_pixels: 8_294_400,
            max_ratio: 3.0,
            step: 16,
        },
        // Reference images are always read at high fidelity; the
        // parameter is not taken.
        input_fidelity: false,
        max_references: 16,
        prices: TokenPrices {
            text_input: 5.0,
            image_input: 8.0,
            image_output: 30.0,
        },
    },
];

/// The model with this id (a dated snapshot, `gpt-image-2-2026-04-21`,
/// reads as its model).
pub fn model(id: &str) -> Option<&'static ImageModel> {
    MODELS.iter().find(|m| {
        id == m.id
            || id
                .strip_prefix(m.id)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|date| {
                    date.len() == 10 && date.chars().all(|c| c.is_ascii_digit() || c == '-')
                })
    })
}

/// Every known id, for error messages.
pub fn supported_ids() -> Vec<&'static str> {
    MODELS.iter().map(|m| m.id).collect()
}

/// The size to ask `model` for, for a picture of `width`×`height`: for
/// fixed sizes the one nearest in aspect; for flexible ones the asked
/// aspect at no less than 1024 px on the long side (smaller pictures look
/// worse than larger ones scaled down), within the model's bounds. The
/// photo is fitted to the asked size afterwards. An unknown model gets
/// `auto`.
pub fn size_for(model: Option<&ImageModel>, width: u32, height: u32) -> String {
    let (width, height) = (width.max(1), height.max(1));
    let Some(model) = model else {
        return "auto".to_string();
    };
    match model.sizes {
        Sizes::Fixed(sizes) => {
            let want = (f64::from(width) / f64::from(height)).ln();
            let nearest = sizes
                .iter()
                .min_by(|a, b| {
                    let da = ((f64::from(a.0) / f64::from(a.1)).ln() - want).abs();
                    let db = ((f64::from(b.0) / f64::from(b.1)).ln() - want).abs();
                    da.total_cmp(&db)
                })
                .copied()
                .unwrap_or((1024, 1024));
            format!("{}x{}", nearest.0, nearest.1)
        }
        Sizes::Flexible {
            max_side,
            min_pixels,
            max_pixels,
            max_ratio,
            step,
        } => {
            // Too wide or too tall a picture is drawn at the widest aspect
            // allowed and cropped when fitted.
            let (mut w, mut h) = (f64::from(width), f64::from(height));
            if w / h > max_ratio {
                w = h * max_ratio;
            } else if h / w > max_ratio {
                h = w * max_ratio;
            }
            let long = w.max(h);
            let mut scale = (1024.0 / long).max(1.0);
            scale = scale.min(f64::from(max_side) / long);
            let pixels = w * h * scale * scale;
            if pixels > f64::from(max_pixels) {
                scale *= (f64::from(max_pixels) / pixels).sqrt();
            } else if pixels < f64::from(min_pixels) {
                scale *= (f64::from(min_pixels) / pixels).sqrt();
            }
            let step_f = f64::from(step);
            // Round up where the floor would go under the minimum.
            let fit = |side: f64| {
                let down = (side * scale / step_f).floor() * step_f;
                down.max(step_f)
            };
            let (mut fw, mut fh) = (fit(w), fit(h));
            while fw * fh < f64::from(min_pixels) {
                if fw <= fh {
                    fw += step_f;
                } else {
                    fh += step_f;
                }
            }
            format!("{}x{}", fw as u32, fh as u32)
        }
    }
}

/// What an image cost, from the `usage` the provider counted.
pub fn cost(model: Option<&ImageModel>, text_in: u64, image_in: u64, image_out: u64) -> f64 {
    let Some(model) = model else {
        return 0.0;
    };
    let p = model.prices;
    let dollars = (text_in as f64 * p.text_input
        + image_in as f64 * p.image_input
        + image_out as f64 * p.image_output)
        / 1e6;
    (dollars * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_and_snapshots_are_found() {
        assert_eq!(model("gpt-image-1.5").map(|m| m.id), Some("gpt-image-1.5"));
        assert_eq!(
            model("gpt-image-2-2026-04-21").map(|m| m.id),
            Some("gpt-image-2")
        );
        assert_eq!(
            model("gpt-image-1-mini").map(|m| m.id),
            Some("gpt-image-1-mini")
        );
        assert!(model("dall-e-3").is_none());
        assert!(model("gpt-image-1.5x").is_none());
    }

    #[test]
    fn fixed_sizes_follow_the_aspect_and_flexible_ones_the_asked_size() {
        let classic = model("gpt-image-1.5");
        assert_eq!(size_for(classic, 1024, 768), "1536x1024");
        assert_eq!(size_for(classic, 768, 1024), "1024x1536");
        assert_eq!(size_for(classic, 512, 512), "1024x1024");
        let flexible = model("gpt-image-2");
        assert_eq!(size_for(flexible, 1024, 768), "1024x768");
        assert_eq!(size_for(flexible, 512, 384), "1024x768");
        assert_eq!(size_for(flexible, 2048, 1536), "2048x1536");
        assert_eq!(size_for(flexible, 333, 250), "1024x768");
        // 8:1 is drawn at 3:1 (and cropped), with at least 655,360 pixels.
        assert_eq!(size_for(flexible, 2048, 256), "1392x480");
        assert_eq!(size_for(flexible, 1024, 1024), "1024x1024");
        assert_eq!(size_for(None, 1024, 768), "auto");
    }

    #[test]
    fn cost_is_the_token_counts_at_the_models_prices() {
        // 1024x1024 medium on gpt-image-1.5: about 1056 output tokens, $0.034.
        let cost = cost(model("gpt-image-1.5"), 50, 0, 1056);
        assert!((cost - 0.034042).abs() < 1e-6, "{cost}");
        assert_eq!(super::cost(None, 10, 10, 10), 0.0);
    }
}
