//! The offline schematic engine: draws the step with the `render` crate.
//!
//! Drawing is deterministic CPU work (tens of milliseconds), so it runs on
//! tokio's blocking pool, never on the async workers. The guide's layout is
//! shared by all of its steps and kept in a small bounded cache (see
//! `guide_cache`). Failures of the renderer are permanent (the same
//! plan and size fail the same way again); a panic or a lost blocking task
//! is transient, since nothing says a second try fails too.
//!
//! It ignores the prompt, the references and the seed: the picture follows
//! from the plan alone.

use std::sync::Arc;

use plan::request::Style;
use render::Output;
use tokio::task::JoinError;

use crate::engine::{EngineError, EngineImage, EngineRequest, ImageEngine};
use crate::guide_cache::{guide_key, GuideCache, DEFAULT_CAPACITY};

/// Draws each step with the offline renderer.
pub struct SchematicEngine {
    cache: Arc<GuideCache>,
}

impl SchematicEngine {
    /// An engine keeping the 16 most recently used guide layouts.
    pub fn new() -> Self {
        Self::with_cache_capacity(DEFAULT_CAPACITY)
    }

    /// An engine keeping the `capacity` most recently used guide layouts
    /// (at least 1).
    pub fn with_cache_capacity(capacity: usize) -> Self {
        SchematicEngine {
            cache: Arc::new(GuideCache::new(capacity)),
        }
    }

    /// How many guide layouts are cached now.
    pub fn cached_guides(&self) -> usize {
        self.cache.len()
    }

    /// How many times this engine has laid out a guide (cache misses).
    pub fn layouts(&self) -> u64 {
        self.cache.layouts()
    }
}

impl Default for SchematicEngine {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait::async_trait]
impl ImageEngine for SchematicEngine {
    fn name(&self) -> &'static str {
        "schematic"
    }

    async fn generate(&self, request: EngineRequest) -> Result<EngineImage, EngineError> {
        let count = request.plan.steps.len();
        if request.step_index >= count {
            return Err(EngineError::permanent(format!(
                "step index {} does not exist (the plan has {count} steps)",
                request.step_index
            )));
        }
        let cache = Arc::clone(&self.cache);
        match tokio::task::spawn_blocking(move || draw(&cache, &request)).await {
            Ok(result) => result,
            Err(e) => Err(join_error(e)),
        }
    }
}

/// Lays out (or finds) the guide and draws one step. Runs on the blocking
/// pool.
fn draw(cache: &GuideCache, request: &EngineRequest) -> Result<EngineImage, EngineError> {
    let (plan, width, height) = (&*request.plan, request.width, request.height);
    let key = guide_key(plan, width, height).map_err(EngineError::permanent)?;
    let guide = cache
        .get_or_layout(key, plan, width, height)
        .map_err(|e| EngineError::permanent(e.to_string()))?;
    let output = Output {
        style: schematic_style(request.style),
        format: request.format,
        quality: render::DEFAULT_QUALITY,
    };
    let image = render::render_step(&guide, request.step_index, &output)
        .map_err(|e| EngineError::permanent(e.to_string()))?;
    Ok(EngineImage::local(image.bytes, image.content_type))
}

/// A schematic cannot be a photograph: `photo` is drawn as a diagram.
pub fn schematic_style(style: Style) -> Style {
    match style {
        Style::Photo => Style::Diagram,
        other => other,
    }
}

/// A blocking task that panicked or was cancelled (the runtime shutting
/// down) is worth another try.
fn join_error(error: JoinError) -> EngineError {
    let message = if error.is_panic() {
        match error.try_into_panic() {
            Ok(payload) => format!(
                "the schematic renderer panicked: {}",
                panic_message(payload.as_ref())
            ),
            Err(e) => format!("the schematic renderer failed: {e}"),
        }
    } else {
        format!("the schematic renderer was cancelled: {error}")
    };
    EngineError::transient(message)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&'static str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "(no message)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_is_drawn_as_diagram() {
        assert_eq!(schematic_style(Style::Photo), Style::Diagram);
        assert_eq!(schematic_style(Style::Blueprint), Style::Blueprint);
        assert_eq!(schematic_style(Style::Sketch), Style::Sketch);
    }

    #[tokio::test]
    async fn panics_in_the_blocking_pool_are_transient() {
        let handle = tokio::task::spawn_blocking(|| -> u32 { panic!("boom") });
        let error = join_error(handle.await.unwrap_err());
        assert!(error.is_transient());
        assert_eq!(error.to_string(), "the schematic renderer panicked: boom");

        let handle = tokio::task::spawn_blocking(|| -> u32 { panic!("{}", String::from("owned")) });
        let error = join_error(handle.await.unwrap_err());
        assert!(error.to_string().ends_with("owned"));
    }
}
