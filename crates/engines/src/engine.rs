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
}

/// An encoded image.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineImage {
    pub bytes: bytes::Bytes,
    pub content_type: &'static str,
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

    /// Makes the image for `request.step_index`.
    async fn generate(&self, request: EngineRequest) -> Result<EngineImage, EngineError>;
}

#[cfg(test)]
mod tests {
    use super::*;

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
