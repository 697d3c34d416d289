//! What is sent for one step: each reference image after a line saying
//! what it is for, then the step's prompt; the aspect ratio nearest the
//! guide's size, and the image size chosen for it (see
//! [`super::models::image_size`]).
//!
//! Saying what each image is matters: a model given a schematic and a
//! photo with no words copies the schematic's flat colours, or draws the
//! finished build from the anchor instead of the step.

use super::wire::{Content, GenerateContentRequest, GenerationConfig, ImageConfig, Part};
use crate::engine::{most_important, EngineRequest, ReferenceKind};

/// The aspect ratios Gemini's image models accept.
pub const ASPECT_RATIOS: [(&str, u32, u32); 10] = [
    ("1:1", 1, 1),
    ("2:3", 2, 3),
    ("3:2", 3, 2),
    ("3:4", 3, 4),
    ("4:3", 4, 3),
    ("4:5", 4, 5),
    ("5:4", 5, 4),
    ("9:16", 9, 16),
    ("16:9", 16, 9),
    ("21:9", 21, 9),
];

/// The accepted ratio closest to `width`:`height` (compared as logarithms,
/// so 2:1 is as far from 1:1 as 1:2 is).
pub fn aspect_ratio(width: u32, height: u32) -> &'static str {
    let want = (f64::from(width.max(1)) / f64::from(height.max(1))).ln();
    ASPECT_RATIOS
        .iter()
        .min_by(|a, b| {
            let da = ((f64::from(a.1) / f64::from(a.2)).ln() - want).abs();
            let db = ((f64::from(b.1) / f64::from(b.2)).ln() - want).abs();
            da.total_cmp(&db)
        })
        .map(|r| r.0)
        .unwrap_or("1:1")
}

/// What a reference image is for, in the model's words.
pub fn reference_label(kind: &ReferenceKind, number: usize) -> String {
    match kind {
        ReferenceKind::Schematic => format!(
            "Image {number} is a schematic diagram of exactly this step. Follow its structure: \
             which parts are present, their shapes, sizes, positions and the camera angle. Do \
             not copy its flat colours, outlines, arrows, labels, badges or tool icons."
        ),
        ReferenceKind::Anchor => format!(
            "Image {number} shows the finished project. Match its style, lighting, materials, \
             colours, background and camera, but show only what is built at this step."
        ),
        ReferenceKind::Concept => format!(
            "Image {number} is the maker's concept of the finished project. Match its style, \
             lighting, materials, colours and background, but show only what is built at this \
             step."
        ),
        ReferenceKind::PreviousStep => {
            format!("Image {number} is the photo of the previous step, to be edited.")
        }
    }
}

/// The request body for one step, with at most `limit` reference images
/// and `image_size` as `imageConfig.imageSize` when given.
pub fn body(
    request: &EngineRequest,
    limit: usize,
    image_size: Option<&str>,
) -> GenerateContentRequest {
    let mut parts = Vec::new();
    let sent = most_important(request.references.clone(), limit);
    for (i, reference) in sent.iter().enumerate() {
        parts.push(Part::text(reference_label(&reference.kind, i + 1)));
        parts.push(Part::image(&reference.content_type, &reference.bytes));
    }
    parts.push(Part::text(request.prompt.clone()));
    GenerateContentRequest {
        contents: vec![Content {
            role: Some("user".to_string()),
            parts,
        }],
        generation_config: GenerationConfig {
            response_modalities: vec!["IMAGE".to_string()],
            image_config: ImageConfig {
                aspect_ratio: aspect_ratio(request.width, request.height).to_string(),
                image_size: image_size.map(str::to_string),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Reference;

    #[test]
    fn nearest_ratios() {
        assert_eq!(aspect_ratio(1024, 768), "4:3");
        assert_eq!(aspect_ratio(1024, 1024), "1:1");
        assert_eq!(aspect_ratio(1920, 1080), "16:9");
        assert_eq!(aspect_ratio(768, 1024), "3:4");
        assert_eq!(aspect_ratio(2048, 256), "21:9");
        assert_eq!(aspect_ratio(256, 2048), "9:16");
        assert_eq!(aspect_ratio(0, 0), "1:1");
    }

    fn reference(kind: ReferenceKind) -> Reference {
        Reference {
            kind,
            bytes: bytes::Bytes::from_static(b"img"),
            content_type: "image/webp".into(),
            image_id: None,
        }
    }

    #[test]
    fn the_body_labels_each_image_and_ends_with_the_prompt() {
        let request = plan::request::parse_json(
            r#"{"title": "Bottle planter",
                "steps": [{"title": "Cut", "description": "Cut the bottle in half."}]}"#,
        )
        .expect("request");
        let plan = extract::plan_for(&request);
        let engine_request = EngineRequest {
            request: std::sync::Arc::new(request),
            plan: std::sync::Arc::new(plan),
            step_index: 0,
            prompt: "Draw step 1.".into(),
            references: vec![
                reference(ReferenceKind::Anchor),
                reference(ReferenceKind::Schematic),
            ],
            width: 1024,
            height: 768,
            format: plan::request::ImageFormat::Webp,
            style: plan::request::Style::Photo,
            seed: 1,
            partials: None,
        };
        let json = serde_json::to_value(body(&engine_request, 3, Some("1K"))).expect("json");
        let parts = &json["contents"][0]["parts"];
        assert!(parts[0]["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("Image 1 is a schematic"));
        assert_eq!(parts[1]["inlineData"]["mimeType"], "image/webp");
        assert_eq!(parts[1]["inlineData"]["data"], "aW1n");
        assert!(parts[2]["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("Image 2 shows the finished"));
        assert_eq!(parts[4]["text"], "Draw step 1.");
        assert_eq!(json["contents"][0]["role"], "user");
        assert_eq!(json["generationConfig"]["responseModalities"][0], "IMAGE");
        assert_eq!(
            json["generationConfig"]["imageConfig"]["aspectRatio"],
            "4:3"
        );
        assert_eq!(json["generationConfig"]["imageConfig"]["imageSize"], "1K");

        // A model whose sizes are not known is sent no size at all.
        let json = serde_json::to_value(body(&engine_request, 3, None)).expect("json");
        let image_config = json["generationConfig"]["imageConfig"]
            .as_object()
            .expect("imageConfig");
        assert!(!image_config.contains_key("imageSize"), "{image_config:?}");
    }
}
