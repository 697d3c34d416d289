//! The engine interface: what the job runner hands an engine and what it
//! gets back.
//!
//! The runner must know whether a failure is worth retrying without knowing
//! the engine, so every engine sorts its failures into [`EngineError`]'s two
//! kinds. A request carries everything an engine may need (the request, the
//! plan, the prompt, the reference images, size, format, style, seed) so
//! engines hold no per-guide state of their own, except caches.

use std::sync::Arc;
use std::time::Duration;

use plan::request::{ImageFormat, Style};

/// What a reference image is, so a cloud engine can say so in its prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum ReferenceKind {
    /// The previous step's image (the `chained` strategy).
    PreviousStep,
    /// The guide's style anchor (the `anchored` and `guided` strategies).
    Anchor,
    /// The step's own schematic render (the `guided` strategy).
    Schematic,
    /// The user's concept image of the finished project.
    Concept,
}

/// A reference image sent with a request (for cloud engines; the schematic
/// engine ignores them).
#[derive(Clone, Debug)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub bytes: bytes::Bytes,
    pub content_type: String,
    /// The stored image's id (blob store), for the step's provenance.
    pub image_id: Option<String>,
}

/// One image to make.
#[derive(Clone, Debug)]
pub struct EngineRequest {
    pub request: Arc<plan::GuideRequest>,
    pub plan: Arc<plan::Plan>,
    /// 0-based index of the step.
    pub step_index: usize,
    pub prompt: String,
    pub references: Vec<Reference>,
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    pub style: Style,
    pub seed: u64,
    /// Where an engine that streams sends each partial image as it comes
    /// (OpenAI's `partial_images`); `None` when nobody shows them.
    pub partials: Option<PartialSink>,
}

/// A picture still forming: one of the partial images a streaming engine
/// sends before the final one, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct PartialImage {
    /// 0-based, as the provider numbers them.
    pub index: u32,
    pub bytes: bytes::Bytes,
    pub content_type: &'static str,
}

/// The receiving end is the job runner, which stores and publishes each
/// partial image; an engine sends and never waits.
pub type PartialSink = tokio::sync::mpsc::UnboundedSender<PartialImage>;

/// An encoded image.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineImage {
    pub bytes: bytes::Bytes,
    pub content_type: &'static str,
    /// What a paid provider charged for it; `None` for local engines.
    pub usage: Option<Usage>,
}

impl EngineImage {
    /// An image made locally, at no cost.
    pub fn local(bytes: impl Into<bytes::Bytes>, content_type: &'static str) -> EngineImage {
        EngineImage {
            bytes: bytes.into(),
            content_type,
            usage: None,
        }
    }
}

/// What one provider call cost: the provider's own latency (not the
/// queueing before it), its token counts, and the estimated price.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Usage {
    /// The model that answered (the provider's own version name when it
    /// gives one).
    pub model: String,
    pub latency_ms: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub total_tokens: u64,
    /// Estimated: the operator's price per image, else the provider's
    /// list price for the model and size asked.
    pub cost_usd: f64,
}

/// Why an engine made no image.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// Worth retrying (rate limit, 5xx, timeout); `retry_after` when the
    /// provider says when.
    #[error("{message}")]
    Transient {
        message: String,
        retry_after: Option<Duration>,
    },
    /// Retrying will not help (bad request, safety block, invalid plan).
    #[error("{message}")]
    Permanent { message: String },
}

impl ReferenceKind {
    /// The name used in a step's provenance (`references[].kind`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ReferenceKind::PreviousStep => "previous_step",
            ReferenceKind::Anchor => "anchor",
            ReferenceKind::Schematic => "schematic",
            ReferenceKind::Concept => "concept",
        }
    }
}

/// The references that fit in `limit`, most important first: the
/// step's schematic (structure), the previous step (what is edited), the
/// anchor, then the concept image.
pub fn most_important(mut references: Vec<Reference>, limit: usize) -> Vec<Reference> {
    let rank = |kind: &ReferenceKind| match kind {
        ReferenceKind::Schematic => 0,
        ReferenceKind::PreviousStep => 1,
        ReferenceKind::Anchor => 2,
        ReferenceKind::Concept => 3,
    };
    references.sort_by_key(|r| rank(&r.kind));
    references.truncate(limit);
    references
}

impl EngineError {
    /// Whether the job runner should try again.
    pub fn is_transient(&self) -> bool {
        matches!(self, EngineError::Transient { .. })
    }

    /// A transient error with no hint of when to retry.
    pub fn transient(message: impl Into<String>) -> Self {
        EngineError::Transient {
            message: message.into(),
            retry_after: None,
        }
    }

    /// A permanent error.
    pub fn permanent(message: impl Into<String>) -> Self {
        EngineError::Permanent {
            message: message.into(),
        }
    }
}

/// Something that draws one step's image.
#[async_trait::async_trait]
pub trait ImageEngine: Send + Sync + 'static {
    /// Stable name for logs, metrics and rate limits ("schematic", "test",
    /// later "gemini").
    fn name(&self) -> &'static str;

    /// Whether the engine draws from reference images (previous step,
    /// anchor, schematic), so the strategy's step order matters. The
    /// schematic engine draws from the plan alone: every step can run at
    /// once.
    fn needs_references(&self) -> bool {
        false
    }

    /// The most reference images one call may carry (a model's input image
    /// limit); the runner sends the most important ones first.
    fn max_references(&self) -> usize {
        usize::MAX
    }

    /// Whether the engine calls a paid, slow provider, so each step's
    /// schematic render is shown first as a preview.
    fn shows_previews(&self) -> bool {
        false
    }

    /// Whether the engine sends partial images while it draws (through
    /// [`EngineRequest::partials`]), so the runner should listen.
    fn streams_partials(&self) -> bool {
        false
    }

    /// The provider's model this engine calls (`/capabilities` shows it),
    /// or `None` for an engine that has no model.
    fn model(&self) -> Option<String> {
        None
    }

    /// Makes the image for `request.step_index`.
    async fn generate(&self, request: EngineRequest) -> Result<EngineImage, EngineError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(kind: ReferenceKind) -> Reference {
        Reference {
            kind,
            bytes: bytes::Bytes::from_static(b"img"),
            content_type: "image/webp".into(),
            image_id: None,
        }
    }

    #[test]
    fn most_important_references_first_within_the_limit() {
        let all = vec![
            reference(ReferenceKind::Concept),
            reference(ReferenceKind::Anchor),
            reference(ReferenceKind::PreviousStep),
            reference(ReferenceKind::Schematic),
        ];
        let kinds = |refs: Vec<Reference>| refs.into_iter().map(|r| r.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds(most_important(all.clone(), 3)),
            [
                ReferenceKind::Schematic,
                ReferenceKind::PreviousStep,
                ReferenceKind::Anchor
            ]
        );
        assert!(most_important(all, 0).is_empty());
    }

    #[test]
    fn transient_or_not() {
        assert!(EngineError::transient("503").is_transient());
        assert!(EngineError::Transient {
            message: "429".into(),
            retry_after: Some(Duration::from_secs(3)),
        }
        .is_transient());
        assert!(!EngineError::permanent("blocked").is_transient());
    }

    #[test]
    fn displays_the_message() {
        assert_eq!(
            EngineError::permanent("no such step").to_string(),
            "no such step"
        );
        assert_eq!(
            EngineError::transient("rate limited").to_string(),
            "rate limited"
        );
    }

    #[test]
    fn engines_are_object_safe() {
        fn _takes(_: Arc<dyn ImageEngine>) {}
    }
}
