//! The OpenAI image engine: each step drawn by a GPT image model, through
//! `/v1/images/edits` when the strategy sends reference images (multipart
//! `image[]`: guided the schematic and the anchor, chained the previous
//! photo, anchored the anchor) and `/v1/images/generations` when it does
//! not (independent).
//!
//! - [`models`]: sizes, `input_fidelity` and token prices per model;
//! - [`request`]: the multipart and JSON bodies;
//! - [`answer`]: reading answers (whole, or streamed with partial images)
//!   and errors into an image or an [`EngineError`].
//!
//! With `partial_images` set the call streams, and every partial image is
//! sent to the runner (which stores and publishes it) while the model
//! draws. Like the Gemini engine it never retries by itself but bounds its
//! own concurrency.

pub mod answer;
pub mod models;
pub mod request;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::engine::{EngineError, EngineImage, EngineRequest, ImageEngine, Usage};

/// OpenAI's public endpoint, without `/v1`.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com";
/// GPT Image 1.5.
pub const DEFAULT_MODEL: &str = "gpt-image-1.5";
/// Partial images streamed per step by default: enough to show the picture
/// forming, each one costs 100 output tokens more.
pub const DEFAULT_PARTIAL_IMAGES: u32 = 2;

/// How to reach OpenAI and how to draw.
#[derive(Clone)]
pub struct OpenAiConfig {
    /// Scheme, host and port, without `/v1` (a proxy's or a fake's).
    pub base_url: String,
    /// Sent as `Authorization: Bearer`; never logged (see the `Debug` impl).
    pub api_key: String,
    pub model: String,
    /// `low`, `medium`, `high` or `auto`.
    pub quality: String,
    /// Partial images streamed per step (0 to 3; 0 does not stream).
    pub partial_images: u32,
    /// Calls in flight at once, across every guide.
    pub max_concurrent: usize,
    /// The longest one call may take.
    pub timeout: Duration,
    /// An operator's price per image in US dollars, instead of the token
    /// prices of [`models`].
    pub price_per_image_usd: Option<f64>,
    /// Lossy quality of the WebP or JPEG the photo is stored as.
    pub encode_quality: f32,
}

impl OpenAiConfig {
    /// Defaults with this key.
    pub fn new(api_key: impl Into<String>) -> OpenAiConfig {
        OpenAiConfig {
            base_url: DEFAULT_BASE_URL.to_string(),
            api_key: api_key.into(),
            model: DEFAULT_MODEL.to_string(),
            quality: "medium".to_string(),
            partial_images: DEFAULT_PARTIAL_IMAGES,
            max_concurrent: 4,
            timeout: Duration::from_secs(180),
            price_per_image_usd: None,
            encode_quality: render::DEFAULT_QUALITY,
        }
    }
}

impl std::fmt::Debug for OpenAiConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("model", &self.model)
            .field("quality", &self.quality)
            .field("partial_images", &self.partial_images)
            .field("max_concurrent", &self.max_concurrent)
            .field("timeout", &self.timeout)
            .field("price_per_image_usd", &self.price_per_image_usd)
            .finish()
    }
}

/// Why the engine could not be built.
#[derive(Debug, thiserror::Error)]
pub enum OpenAiSetupError {
    #[error("the OpenAI base URL {0:?} is not an http(s) URL")]
    BaseUrl(String),
    #[error("the OpenAI API key is empty (set OPENAI_API_KEY)")]
    NoKey,
    #[error("the OpenAI image model name {0:?} is not valid (see --openai-model)")]
    Model(String),
    #[error("the image quality {0:?} is not low, medium, high or auto")]
    Quality(String),
    #[error("partial images must be 0 to 3, not {0}")]
    PartialImages(u32),
    #[error("the HTTP client cannot be built: {0}")]
    Client(String),
}

/// Draws steps with an OpenAI image model.
pub struct OpenAiEngine {
    config: OpenAiConfig,
    model: Option<&'static models::ImageModel>,
    http: reqwest::Client,
    slots: Arc<Semaphore>,
    base: String,
}

impl OpenAiEngine {
    pub fn new(config: OpenAiConfig) -> Result<OpenAiEngine, OpenAiSetupError> {
        let base = config.base_url.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(OpenAiSetupError::BaseUrl(config.base_url.clone()));
        }
        if config.api_key.trim().is_empty() {
            return Err(OpenAiSetupError::NoKey);
        }
        let model_ok = !config.model.is_empty()
            && config
                .model
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !model_ok {
            return Err(OpenAiSetupError::Model(config.model.clone()));
        }
        if !matches!(config.quality.as_str(), "low" | "medium" | "high" | "auto") {
            return Err(OpenAiSetupError::Quality(config.quality.clone()));
        }
        if config.partial_images > 3 {
            return Err(OpenAiSetupError::PartialImages(config.partial_images));
        }
        let model = models::model(&config.model);
        if model.is_none() {
            tracing::warn!(
                model = %config.model,
                known = ?models::supported_ids(),
                "an OpenAI image model stepcast does not know: sizes are left to the model and costs count as 0 unless --openai-price-per-image is set"
            );
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("stepcast/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| OpenAiSetupError::Client(e.to_string()))?;
        let slots = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        Ok(OpenAiEngine {
            config,
            model,
            http,
            slots,
            base,
        })
    }

    pub fn config(&self) -> &OpenAiConfig {
        &self.config
    }

    /// One call, streamed when partial images are wanted and someone
    /// listens for them.
    async fn call(
        &self,
        request: &EngineRequest,
    ) -> Result<(answer::Drawn, Duration), EngineError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| EngineError::transient("the OpenAI engine is shutting down"))?;
        let partials = match &request.partials {
            Some(_) => self.config.partial_images,
            None => 0,
        };
        let call = request::Call::new(&self.config, self.model, request, partials);
        let started = Instant::now();
        let builder = self
            .http
            .post(format!("{}/v1/images/{}", self.base, call.endpoint()))
            .bearer_auth(&self.config.api_key);
        let response = call
            .send(builder)
            .await
            .map_err(|e| self.network_error(e))?;
        let status = response.status().as_u16();
        if status != 200 {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let bytes = response.bytes().await.map_err(|e| self.network_error(e))?;
            return Err(answer::read_failure(
                status,
                &bytes,
                retry_after.as_deref(),
                &self.config.model,
            ));
        }
        let drawn = if call.streams() {
            answer::read_stream(response, request.partials.as_ref())
                .await
                .map_err(|e| match e {
                    answer::StreamError::Network(e) => self.network_error(e),
                    answer::StreamError::Engine(e) => e,
                })?
        } else {
            let bytes = response.bytes().await.map_err(|e| self.network_error(e))?;
            answer::read_success(&bytes)?
        };
        Ok((drawn, started.elapsed()))
    }

    /// Timeouts and connection failures are worth another try; the message
    /// names the host but never the key (which travels in a header).
    fn network_error(&self, error: reqwest::Error) -> EngineError {
        if error.is_timeout() {
            EngineError::transient(format!(
                "OpenAI did not answer within {} s",
                self.config.timeout.as_secs_f64()
            ))
        } else {
            EngineError::transient(format!(
                "could not reach OpenAI at {}: {}",
                self.config.base_url,
                error.without_url()
            ))
        }
    }
}

#[async_trait::async_trait]
impl ImageEngine for OpenAiEngine {
    fn name(&self) -> &'static str {
        "openai"
    }

    fn needs_references(&self) -> bool {
        true
    }

    fn max_references(&self) -> usize {
        self.model.map(|m| m.max_references).unwrap_or(16)
    }

    fn shows_previews(&self) -> bool {
        true
    }

    fn streams_partials(&self) -> bool {
        self.config.partial_images > 0
    }

    fn model(&self) -> Option<String> {
        Some(self.config.model.clone())
    }

    async fn generate(&self, request: EngineRequest) -> Result<EngineImage, EngineError> {
        let (drawn, latency) = self.call(&request).await?;
        let (width, height, format, quality) = (
            request.width,
            request.height,
            request.format,
            self.config.encode_quality,
        );
        let photo = drawn.bytes.clone();
        let mut image = tokio::task::spawn_blocking(move || {
            crate::photo::fit_photo(&photo, width, height, format, quality)
        })
        .await
        .map_err(|e| EngineError::transient(format!("fitting the photo failed: {e}")))??;
        let tokens = &drawn.usage;
        let cost_usd = self.config.price_per_image_usd.unwrap_or_else(|| {
            models::cost(
                self.model,
                tokens.text_input_tokens,
                tokens.image_input_tokens,
                tokens.output_tokens,
            )
        });
        image.usage = Some(Usage {
            model: self.config.model.clone(),
            latency_ms: latency.as_millis() as u64,
            input_tokens: tokens.input_tokens,
            output_tokens: tokens.output_tokens,
            total_tokens: tokens
                .total_tokens
                .max(tokens.input_tokens + tokens.output_tokens),
            cost_usd,
        });
        Ok(image)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        assert!(!format!("{:?}", OpenAiConfig::new("sk-secret-9")).contains("sk-secret-9"));
    }

    #[test]
    fn setup_errors_are_named() {
        assert!(matches!(
            OpenAiEngine::new(OpenAiConfig::new(" ")),
            Err(OpenAiSetupError::NoKey)
        ));
        let mut config = OpenAiConfig::new("k");
        config.quality = "ultra".into();
        assert!(matches!(
            OpenAiEngine::new(config),
            Err(OpenAiSetupError::Quality(_))
        ));
        let mut config = OpenAiConfig::new("k");
        config.partial_images = 4;
        assert!(matches!(
            OpenAiEngine::new(config),
            Err(OpenAiSetupError::PartialImages(4))
        ));
        let mut config = OpenAiConfig::new("k");
        config.model = "../x".into();
        assert!(matches!(
            OpenAiEngine::new(config),
            Err(OpenAiSetupError::Model(_))
        ));
    }
}
