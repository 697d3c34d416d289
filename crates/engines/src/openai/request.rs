//! What is sent for one step: the prompt (each reference image's role said
//! first, since the Images API takes images and one text, not the two
//! interleaved), the reference images as multipart `image[]` files for an
//! edit, and the model's size, quality, fidelity and streaming fields.

use serde_json::json;

use super::models::{size_for, ImageModel};
use super::OpenAiConfig;
use crate::engine::{most_important, EngineRequest, Reference};
use crate::gemini::request::reference_label;

/// The output format asked of the provider: lossless, since the photo is
/// fitted and encoded in the guide's format afterwards.
const PROVIDER_FORMAT: &str = "png";

/// One call to the Images API, ready to send.
pub struct Call {
    model: String,
    prompt: String,
    size: String,
    quality: String,
    input_fidelity: Option<&'static str>,
    partial_images: u32,
    references: Vec<Reference>,
}

impl Call {
    /// The call for `request`, streaming `partial_images` (0: not at all).
    pub fn new(
        config: &OpenAiConfig,
        model: Option<&ImageModel>,
        request: &EngineRequest,
        partial_images: u32,
    ) -> Call {
        let limit = model.map(|m| m.max_references).unwrap_or(16);
        let references = most_important(request.references.clone(), limit);
        let mut prompt = String::new();
        for (i, reference) in references.iter().enumerate() {
            prompt.push_str(&reference_label(&reference.kind, i + 1));
            prompt.push('\n');
        }
        if !prompt.is_empty() {
            prompt.push('\n');
        }
        prompt.push_str(&request.prompt);
        Call {
            model: config.model.clone(),
            prompt,
            size: size_for(model, request.width, request.height),
            quality: config.quality.clone(),
            input_fidelity: model.filter(|m| m.input_fidelity).map(|_| "high"),
            partial_images,
            references,
        }
    }

    /// `edits` when reference images go with the prompt, else
    /// `generations`.
    pub fn endpoint(&self) -> &'static str {
        if self.references.is_empty() {
            "generations"
        } else {
            "edits"
        }
    }

    /// Whether the answer comes as a stream of events.
    pub fn streams(&self) -> bool {
        self.partial_images > 0
    }

    pub fn prompt(&self) -> &str {
        &self.prompt
    }

    pub fn size(&self) -> &str {
        &self.size
    }

    /// The JSON body of a generation.
    pub fn generation_body(&self) -> serde_json::Value {
        let mut body = json!({
            "model": self.model,
            "prompt": self.prompt,
            "n": 1,
            "size": self.size,
            "quality": self.quality,
            "output_format": PROVIDER_FORMAT,
        });
        if self.streams() {
            body["stream"] = json!(true);
            body["partial_images"] = json!(self.partial_images);
        }
        body
    }

    /// The multipart form of an edit: the fields, then each reference as
    /// an `image[]` file.
    pub fn edit_form(&self) -> Result<reqwest::multipart::Form, reqwest::Error> {
        let mut form = reqwest::multipart::Form::new()
            .text("model", self.model.clone())
            .text("prompt", self.prompt.clone())
            .text("n", "1")
            .text("size", self.size.clone())
            .text("quality", self.quality.clone())
            .text("output_format", PROVIDER_FORMAT);
        if let Some(fidelity) = self.input_fidelity {
            form = form.text("input_fidelity", fidelity);
        }
        if self.streams() {
            form = form
                .text("stream", "true")
                .text("partial_images", self.partial_images.to_string());
        }
        for (i, reference) in self.references.iter().enumerate() {
            let extension = match reference.content_type.as_str() {
                "image/jpeg" => "jpg",
                "image/webp" => "webp",
                _ => "png",
            };
            let part = reqwest::multipart::Part::bytes(reference.bytes.to_vec())
                .file_name(format!("reference-{}.{extension}", i + 1))
                .mime_str(&reference.content_type)?;
            form = form.part("image[]", part);
        }
        Ok(form)
    }

    /// Sends the call with `builder` (URL and key set).
    pub async fn send(
        &self,
        builder: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, reqwest::Error> {
        match self.endpoint() {
            "edits" => builder.multipart(self.edit_form()?).send().await,
            _ => builder.json(&self.generation_body()).send().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ReferenceKind;
    use crate::openai::models;

    fn engine_request(references: Vec<Reference>) -> EngineRequest {
        let request = plan::request::parse_json(
            r#"{"title": "Jar", "steps": [{"title": "Paint", "description": "Paint the jar blue."}]}"#,
        )
        .expect("request");
        let plan = extract::plan_for(&request);
        EngineRequest {
            request: std::sync::Arc::new(request),
            plan: std::sync::Arc::new(plan),
            step_index: 0,
            prompt: "Draw step 1.".into(),
            references,
            width: 1024,
            height: 768,
            format: plan::request::ImageFormat::Webp,
            style: plan::request::Style::Photo,
            seed: 1,
            partials: None,
        }
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
    fn references_make_an_edit_with_their_roles_in_the_prompt() {
        let config = OpenAiConfig::new("k");
        let request = engine_request(vec![
            reference(ReferenceKind::Anchor),
            reference(ReferenceKind::Schematic),
        ]);
        let call = Call::new(&config, models::model("gpt-image-1.5"), &request, 2);
        assert_eq!(call.endpoint(), "edits");
        assert!(call.streams());
        assert!(
            call.prompt().starts_with("Image 1 is a schematic"),
            "{}",
            call.prompt()
        );
        assert!(call.prompt().contains("Image 2 shows the finished"));
        assert!(call.prompt().ends_with("Draw step 1."));
        assert_eq!(call.size(), "1536x1024");
        assert_eq!(call.input_fidelity, Some("high"));
        let mini = Call::new(&config, models::model("gpt-image-1-mini"), &request, 0);
        assert_eq!(mini.input_fidelity, None, "mini takes no high fidelity");
        assert!(!mini.streams());
    }

    #[test]
    fn no_references_make_a_generation() {
        let config = OpenAiConfig::new("k");
        let call = Call::new(
            &config,
            models::model("gpt-image-2"),
            &engine_request(Vec::new()),
            0,
        );
        assert_eq!(call.endpoint(), "generations");
        let body = call.generation_body();
        assert_eq!(body["prompt"], "Draw step 1.");
        assert_eq!(body["size"], "1024x768");
        assert_eq!(body["quality"], "medium");
        assert!(body.get("stream").is_none());
        let streamed = Call::new(
            &config,
            models::model("gpt-image-2"),
            &engine_request(Vec::new()),
            3,
        );
        assert_eq!(streamed.generation_body()["partial_images"], 3);
    }
}
