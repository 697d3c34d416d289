//! The renderer's errors.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{field}: {value} is out of range, expected 256 to 2048 pixels")]
    Size { field: &'static str, value: u32 },
    #[error("quality: {0} is out of range, expected 0 to 100")]
    Quality(f32),
    #[error("step {index} does not exist (the guide has {count} steps)")]
    NoSuchStep { index: usize, count: usize },
    #[error("the picture could not be drawn: {0}")]
    Draw(String),
    #[error("{format} encoding failed: {message}")]
    Encode {
        format: &'static str,
        message: String,
    },
}

impl RenderError {
    /// A stable code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::Size { .. } | RenderError::Quality(_) => "invalid_field",
            RenderError::NoSuchStep { .. } => "not_found",
            RenderError::Draw(_) | RenderError::Encode { .. } => "render_failed",
        }
    }
}
