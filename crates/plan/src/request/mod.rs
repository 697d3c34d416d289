//! Guide requests: what a caller asks stepcast to illustrate.
//!
//! Two input shapes are accepted, in JSON or YAML, and normalised into one
//! [`GuideRequest`]:
//!
//! - stepcast's: `title`, `description`, `materials` (strings), `steps`
//!   (`{title, description, tools?, safety_notes?, tips?}`), and optional
//!   `concept_image_prompt`, `concept_image`, `plan`, `engine`, `strategy`,
//!   `style`, `width`,
//!   `height`, `format` and `planner`. Unknown fields are errors.
//! - the seed's: `project_overview {title, description}`,
//!   `construction_steps [{step_number, title, description, safety_notes,
//!   tips}]` and materials as `materials` (strings) or `ingredients [{name}]`.
//!   Unknown fields inside these objects are ignored.
//!
//! `safety_notes`, `tips` and `tools` may be one string or a list of
//! strings. Text is trimmed; empty materials, tools, notes and tips are
//! dropped. Every problem found is reported at once, each naming its field
//! as written (see [`FieldError`]).

mod concept;
mod error;
mod options;
mod parse;
mod plan_check;
mod raw;
mod validate;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Plan;

pub use concept::{decode_image_data_url, ConceptImage};
pub use error::{FieldError, RequestError};
pub use options::{
    Engine, ImageFormat, Planner, RenderOptions, Strategy, Style, UnknownValue, DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
};
pub use parse::{parse_json, parse_yaml};
pub use plan_check::{validate_framing, validate_plan};
pub use validate::limits;

/// A normalised guide request. Serializes in stepcast's own input shape, so
/// a serialized request parses back to itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GuideRequest {
    /// The project's title.
    pub title: String,
    /// What the project is, in a sentence or a paragraph.
    #[serde(default)]
    pub description: String,
    /// The materials the project uses ("2-liter soda bottle").
    #[serde(default)]
    pub materials: Vec<String>,
    /// The construction steps, in order.
    pub steps: Vec<StepText>,
    /// A prompt describing the finished project, for style consistency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept_image_prompt: Option<String>,
    /// The maker's image of the finished project, as a `data:` URL
    /// (`data:image/png;base64,...`; PNG, JPEG or WebP). Cloud engines use
    /// it as the style anchor instead of generating one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept_image: Option<String>,
    /// A hand-written assembly model; when given the extractor is skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// How to render; flattened into the top level.
    #[serde(flatten)]
    pub options: RenderOptions,
}

/// One construction step as written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StepText {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Tools the step uses, as written ("hot glue gun").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safety_notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tips: Vec<String>,
}

impl StepText {
    /// A step with a title and a description and no tools, notes or tips.
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        StepText {
            title: title.into(),
            description: description.into(),
            ..StepText::default()
        }
    }
}

impl GuideRequest {
    /// Normalises and validates a request already parsed into a JSON value
    /// (in either accepted shape).
    pub fn from_value(value: serde_json::Value) -> Result<GuideRequest, RequestError> {
        parse::from_value(value)
    }

    /// The concept image's bytes and type, if the request has a valid one.
    pub fn concept_image(&self) -> Option<ConceptImage> {
        self.concept_image
            .as_deref()
            .and_then(|url| decode_image_data_url(url).ok())
    }

    /// Checks every rule on an already normalised request, naming fields in
    /// stepcast's shape (`steps[2].title`). Requests from [`parse_json`],
    /// [`parse_yaml`] and [`GuideRequest::from_value`] have passed it.
    pub fn validate(&self) -> Result<(), RequestError> {
        let errors = validate::validate(self, &validate::Paths::default());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(RequestError::Invalid(errors))
        }
    }
}
