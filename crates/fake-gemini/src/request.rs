//! Reading and checking a generateContent request the way the real API
//! does: the same failures (missing contents, bad roles, bad base64,
//! unsupported aspect ratios, too many images, undecodable images) give
//! the same 400 INVALID_ARGUMENT answers, with messages that name what is
//! wrong.
//!
//! Reading is split in three so the log can show as much as possible of a
//! request even when it is refused: [`read`] (JSON and structure, cheap),
//! [`check`] (against the model), and [`decode_images`] (CPU-heavy, run
//! off the async workers).

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use image::RgbImage;
use sha2::{Digest, Sha256};

use crate::catalog::{self, Model};
use crate::error::{ApiError, BAD_IMAGE_MESSAGE};
use crate::log::LoggedImage;
use crate::wire::{Content, GenerateContentRequest};

/// The MIME types the fake can decode (the real API also takes HEIC and
/// HEIF, which the `image` crate cannot read).
pub const IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// An inline image of the request.
#[derive(Clone, Debug)]
pub(crate) struct InputImage {
    pub mime_type: String,
    pub bytes: Vec<u8>,
    /// Set by [`decode_images`].
    pub decoded: Option<RgbImage>,
}

impl InputImage {
    pub(crate) fn logged(&self) -> LoggedImage {
        LoggedImage {
            mime_type: self.mime_type.clone(),
            bytes: self.bytes.len(),
            sha256: hex::encode(Sha256::digest(&self.bytes)),
            width: self.decoded.as_ref().map(RgbImage::width),
            height: self.decoded.as_ref().map(RgbImage::height),
        }
    }
}

/// A request that parsed and has a sound structure.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    /// Text parts of `contents`, in order.
    pub texts: Vec<String>,
    pub system_instruction: Option<String>,
    pub images: Vec<InputImage>,
    pub aspect_ratio: Option<String>,
    pub image_size: Option<String>,
    pub modalities: Vec<String>,
    pub candidate_count: Option<i64>,
}

impl Parsed {
    /// The text parts joined with newlines.
    pub(crate) fn prompt(&self) -> String {
        self.texts.join("\n")
    }

    /// Estimated text tokens of the prompt (about four characters each).
    pub(crate) fn text_tokens(&self) -> u32 {
        let chars: usize = self
            .texts
            .iter()
            .chain(self.system_instruction.iter())
            .map(|t| t.chars().count())
            .sum();
        u32::try_from(chars.div_ceil(4)).unwrap_or(u32::MAX)
    }
}

/// What to make for a checked request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Job {
    pub width: u32,
    pub height: u32,
    pub image_size: String,
    pub wants_text: bool,
    pub wants_image: bool,
}

/// Parses the body and checks its structure.
pub(crate) fn read(body: &[u8]) -> Result<Parsed, ApiError> {
    let request: GenerateContentRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid_argument(format!("Invalid JSON payload received. {e}")))?;
    let contents = match request.contents {
        Some(contents) if !contents.is_empty() => contents,
        _ => {
            return Err(ApiError::invalid_argument(
                "* GenerateContentRequest.contents: contents is not specified\n",
            ))
        }
    };
    let mut parsed = Parsed::default();
    for (c, content) in contents.iter().enumerate() {
        if let Some(role) = content.role.as_deref() {
            if !role.is_empty() && role != "user" && role != "model" {
                return Err(ApiError::invalid_argument(
                    "Please use a valid role: user, model.",
                ));
            }
        }
        read_parts(content, &format!("contents[{c}]"), &mut parsed)?;
    }
    if let Some(system) = &request.system_instruction {
        let mut inner = Parsed::default();
        read_parts(system, "system_instruction", &mut inner)?;
        parsed.system_instruction = Some(inner.texts.join("\n"));
    }
    if let Some(config) = request.generation_config {
        parsed.modalities = config.response_modalities.unwrap_or_default();
        parsed.candidate_count = config.candidate_count;
        if let Some(image) = config.image_config {
            parsed.aspect_ratio = image.aspect_ratio;
            parsed.image_size = image.image_size;
        }
    }
    Ok(parsed)
}

fn read_parts(content: &Content, at: &str, parsed: &mut Parsed) -> Result<(), ApiError> {
    let parts = match &content.parts {
        Some(parts) if !parts.is_empty() => parts,
        _ => {
            return Err(ApiError::invalid_argument(format!(
                "* GenerateContentRequest.{at}.parts: contents.parts must not be empty.\n"
            )))
        }
    };
    for (p, part) in parts.iter().enumerate() {
        let at = format!("{at}.parts[{p}]");
        match (&part.text, &part.inline_data) {
            (Some(_), Some(_)) => {
                return Err(ApiError::invalid_argument(format!(
                    "Invalid JSON payload received. Oneof field 'data' is already set. Cannot \
                     set 'inlineData' at {at}."
                )))
            }
            (Some(text), None) => parsed.texts.push(text.clone()),
            (None, Some(blob)) => {
                let mime_type = blob.mime_type.clone().unwrap_or_default();
                if mime_type.is_empty() {
                    return Err(ApiError::invalid_argument(format!(
                        "* GenerateContentRequest.{at}.inline_data.mime_type: required field \
                         not set\n"
                    )));
                }
                let data = blob.data.as_deref().unwrap_or_default();
                let bytes = decode_base64(data).ok_or_else(|| {
                    let shown: String = data.chars().take(40).collect();
                    ApiError::invalid_argument(format!(
                        "Invalid value at '{at}.inline_data.data' (TYPE_BYTES), Base64 decoding \
                         failed for \"{shown}\""
                    ))
                })?;
                parsed.images.push(InputImage {
                    mime_type,
                    bytes,
                    decoded: None,
                });
            }
            (None, None) if part.other.is_empty() => {
                return Err(ApiError::invalid_argument(format!(
                    "* GenerateContentRequest.{at}.data: required oneof field 'data' must have \
                     one initialized field\n"
                )))
            }
            // fileData, functionCall, ...: accepted, not used.
            (None, None) => {}
        }
    }
    Ok(())
}

/// Decodes base64 in the standard or URL-safe alphabet, padded or not.
fn decode_base64(data: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let normal: String = data
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    LENIENT.decode(normal).ok()
}

/// Checks the request against the model and works out what to make.
pub(crate) fn check(parsed: &Parsed, model: &Model) -> Result<Job, ApiError> {
    if parsed.images.len() > model.max_input_images {
        return Err(ApiError::invalid_argument(format!(
            "Too many input images: {} were given, but models/{} accepts at most {}.",
            parsed.images.len(),
            model.name,
            model.max_input_images
        )));
    }
    for image in &parsed.images {
        if !IMAGE_TYPES.contains(&image.mime_type.as_str()) {
            return Err(ApiError::invalid_argument(format!(
                "Unsupported MIME type: {}",
                image.mime_type
            )));
        }
    }
    let (wants_text, wants_image) = modalities(&parsed.modalities)?;
    match parsed.candidate_count {
        None | Some(0 | 1) => {}
        Some(n) if n < 0 => {
            return Err(ApiError::invalid_argument(format!(
                "* GenerateContentRequest.generation_config.candidate_count: must be positive, \
                 got {n}\n"
            )))
        }
        Some(_) => {
            return Err(ApiError::invalid_argument(format!(
                "Multiple candidates is not enabled for models/{}",
                model.name
            )))
        }
    }
    let image_size = parsed
        .image_size
        .as_deref()
        .unwrap_or(catalog::DEFAULT_IMAGE_SIZE);
    if model.size(image_size).is_none() {
        let supported: Vec<&str> = model.sizes.iter().map(|size| size.name).collect();
        return Err(ApiError::invalid_argument(format!(
            "Invalid image size \"{image_size}\" in generationConfig.imageConfig.imageSize; \
             models/{} supports {}.",
            model.name,
            supported.join(", ")
        )));
    }
    let aspect_ratio = parsed
        .aspect_ratio
        .as_deref()
        .unwrap_or(catalog::DEFAULT_ASPECT_RATIO);
    let (width, height) = catalog::output_size(aspect_ratio, image_size).ok_or_else(|| {
        ApiError::invalid_argument(format!(
            "Invalid aspect ratio \"{aspect_ratio}\" in generationConfig.imageConfig.aspectRatio; \
             supported aspect ratios are {}.",
            catalog::aspect_ratios().collect::<Vec<_>>().join(", ")
        ))
    })?;
    Ok(Job {
        width,
        height,
        image_size: image_size.to_string(),
        wants_text,
        wants_image,
    })
}

/// Reads `responseModalities`: which of text and image to answer with.
/// Absent or empty means both, as for the real image models.
fn modalities(names: &[String]) -> Result<(bool, bool), ApiError> {
    if names.is_empty() {
        return Ok((true, true));
    }
    let (mut text, mut image) = (false, false);
    for (i, name) in names.iter().enumerate() {
        match name.as_str() {
            "TEXT" => text = true,
            "IMAGE" => image = true,
            "AUDIO" | "MODALITY_UNSPECIFIED" => {
                return Err(ApiError::invalid_argument(format!(
                    "The requested combination of response modalities ({}) is not supported by \
                     the model.",
                    names.join(", ")
                )))
            }
            other => {
                return Err(ApiError::invalid_argument(format!(
                    "Invalid value at 'generation_config.response_modalities[{i}]' \
                     (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.\
                     Modality), \"{other}\""
                )))
            }
        }
    }
    Ok((text, image))
}

/// Decodes every input image (whatever its declared type, by its bytes),
/// or answers 400 like Gemini does for an image it cannot read. Slow for
/// big images: call it off the async workers.
pub(crate) fn decode_images(images: &mut [InputImage]) -> Result<(), ApiError> {
    let mut failed = false;
    for image in images.iter_mut() {
        match image::load_from_memory(&image.bytes) {
            Ok(decoded) => image.decoded = Some(decoded.to_rgb8()),
            Err(_) => failed = true,
        }
    }
    if failed {
        Err(ApiError::invalid_argument(BAD_IMAGE_MESSAGE))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(json: &str) -> Result<Parsed, ApiError> {
        read(json.as_bytes())
    }

    #[test]
    fn base64_in_either_alphabet_with_or_without_padding() {
        assert_eq!(decode_base64("-_8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_base64("+/8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_base64("+/8=\n").unwrap(), vec![0xfb, 0xff]);
        assert!(decode_base64("***").is_none());
    }

    #[test]
    fn structure_errors_name_the_place() {
        let missing = body(r#"{"generationConfig":{}}"#).unwrap_err();
        assert!(missing.message.contains("contents is not specified"));
        let empty = body(r#"{"contents":[{"parts":[]}]}"#).unwrap_err();
        assert!(empty.message.contains("contents[0].parts"));
        let role = body(r#"{"contents":[{"role":"bot","parts":[{"text":"x"}]}]}"#).unwrap_err();
        assert!(role.message.contains("valid role"));
        let blob = body(
            r#"{"contents":[{"parts":[{"inlineData":{"mimeType":"image/png","data":"*"}}]}]}"#,
        )
        .unwrap_err();
        assert!(blob
            .message
            .contains("contents[0].parts[0].inline_data.data"));
        let nothing = body(r#"{"contents":[{"parts":[{}]}]}"#).unwrap_err();
        assert!(nothing.message.contains("oneof"));
    }

    #[test]
    fn config_is_checked_against_the_model() {
        let flash = catalog::model("gemini-3.1-flash-image").unwrap();
        let mut parsed = body(r#"{"contents":[{"parts":[{"text":"x"}]}]}"#).unwrap();
        let job = check(&parsed, flash).unwrap();
        assert_eq!((job.width, job.height, job.wants_text), (1024, 1024, true));
        parsed.modalities = vec!["IMAGE".into()];
        assert!(!check(&parsed, flash).unwrap().wants_text);
        parsed.modalities = vec!["PICTURE".into()];
        assert!(check(&parsed, flash)
            .unwrap_err()
            .message
            .contains("PICTURE"));
        parsed.modalities.clear();
        parsed.aspect_ratio = Some("7:5".into());
        assert!(check(&parsed, flash)
            .unwrap_err()
            .message
            .contains("\"7:5\""));
        parsed.aspect_ratio = None;
        parsed.candidate_count = Some(2);
        assert!(check(&parsed, flash).is_err());
        parsed.candidate_count = None;
        parsed.aspect_ratio = Some("4:3".into());
        parsed.image_size = Some("512".into());
        let job = check(&parsed, flash).unwrap();
        assert_eq!((job.width, job.height), (600, 448));
        let pro = catalog::model("gemini-3-pro-image").unwrap();
        let refused = check(&parsed, pro).unwrap_err();
        assert_eq!(refused.http, axum::http::StatusCode::BAD_REQUEST);
        assert!(
            refused
                .message
                .contains("\"512\" in generationConfig.imageConfig.imageSize")
                && refused.message.contains("1K, 2K, 4K"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn undecodable_images_are_refused() {
        let mut images = vec![InputImage {
            mime_type: "image/png".into(),
            bytes: b"not a png".to_vec(),
            decoded: None,
        }];
        assert_eq!(
            decode_images(&mut images).unwrap_err().message,
            BAD_IMAGE_MESSAGE
        );
    }
}
