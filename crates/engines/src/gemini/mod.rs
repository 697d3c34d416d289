//! The Gemini image engine: each step drawn by a Gemini image model over
//! its REST API, from the step's prompt and the strategy's reference
//! images.
//!
//! - [`wire`]: the JSON of `models/{model}:generateContent`;
//! - [`answer`]: reading answers and errors into an image or an
//!   [`EngineError`] that says why not and whether to retry;
//! - [`request`]: the parts sent (labelled references, then the prompt),
//!   the aspect ratio nearest the guide's size and the image size;
//! - [`models`]: the image models stepcast knows, with their sizes, prices
//!   and input image limits.
//!
//! The engine never retries by itself (the job runner does, with backoff
//! and its attempt limit) but it does bound its own concurrency, so a guide
//! never has more calls in flight than the provider's quota allows.

pub mod answer;
pub mod models;
pub mod request;
pub mod wire;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::engine::{EngineError, EngineImage, EngineRequest, ImageEngine, Usage};

/// Google's public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com";
/// Gemini 3.1 Flash Image: the cheapest current image model, and the only
/// one with a 512 size for small guides.
pub const DEFAULT_MODEL: &str = "gemini-3.1-flash-image";

pub use models::input_image_limit;

/// How to reach Gemini and what a call may cost.
#[derive(Clone)]
pub struct GeminiConfig {
    /// Scheme, host and port, without `/v1beta` (a fake's or a proxy's for
    /// tests and air-gapped sites).
    pub base_url: String,
    /// Sent as `x-goog-api-key`; never logged (see the `Debug` impl).
    pub api_key: String,
    pub model: String,
    /// Calls in flight at once, across every guide.
    pub max_concurrent: usize,
    /// The longest one call may take.
    pub timeout: Duration,
    /// The operator's price per image in US dollars, whatever its size;
    /// `None` uses the list price for the model and size from
    /// [`models::MODELS`] (and 0 for a model missing there).
    pub price_per_image_usd: Option<f64>,
    /// Lossy quality of the WebP or JPEG the photo is stored as.
    pub quality: f32,
}

impl GeminiConfig {
    /// Defaults with this key.
    pub fn new(api_key: impl Into<String>) -> GeminiConfig {
        GeminiConfig {
            base_url: DEFAULT_BASE_URL.to_string(),
            api_key: api_key.into(),
            model: DEFAULT_MODEL.to_string(),
            max_concurrent: 4,
            timeout: Duration::from_secs(90),
            price_per_image_usd: None,
            quality: render::DEFAULT_QUALITY,
        }
    }
}

impl std::fmt::Debug for GeminiConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeminiConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("model", &self.model)
            .field("max_concurrent", &self.max_concurrent)
            .field("timeout", &self.timeout)
            .field("price_per_image_usd", &self.price_per_image_usd)
            .finish()
    }
}

/// Why the engine could not be built.
#[derive(Debug, thiserror::Error)]
pub enum GeminiSetupError {
    #[error("the Gemini base URL {0:?} is not an http(s) URL")]
    BaseUrl(String),
    #[error("the Gemini API key is empty (set GEMINI_API_KEY)")]
    NoKey,
    #[error("the Gemini model name {0:?} is not valid")]
    Model(String),
    #[error("the HTTP client cannot be built: {0}")]
    Client(String),
}

/// Draws steps with a Gemini image model.
pub struct GeminiEngine {
    config: GeminiConfig,
    http: reqwest::Client,
    slots: Arc<Semaphore>,
    endpoint: String,
    /// The configured model's entry in [`models::MODELS`], if it has one.
    known: Option<&'static models::ImageModel>,
}

impl GeminiEngine {
    pub fn new(config: GeminiConfig) -> Result<GeminiEngine, GeminiSetupError> {
        let base = config.base_url.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(GeminiSetupError::BaseUrl(config.base_url.clone()));
        }
        if config.api_key.trim().is_empty() {
            return Err(GeminiSetupError::NoKey);
        }
        let model_ok = !config.model.is_empty()
            && config
                .model
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !model_ok {
            return Err(GeminiSetupError::Model(config.model.clone()));
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("stepcast/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GeminiSetupError::Client(e.to_string()))?;
        let endpoint = format!("{base}/v1beta/models/{}:generateContent", config.model);
        let slots = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        let known = models::model(&config.model);
        if known.is_none() {
            // Said once, here: every step of every guide would say it again.
            tracing::warn!(
                model = %config.model,
                price_override = ?config.price_per_image_usd,
                supported = %models::supported_ids(),
                "the Gemini model is not in stepcast's model table: no imageSize is sent, and \
                 without --gemini-price-per-image its images are counted as costing nothing"
            );
        }
        Ok(GeminiEngine {
            config,
            http,
            slots,
            endpoint,
            known,
        })
    }

    pub fn config(&self) -> &GeminiConfig {
        &self.config
    }

    /// The `imageSize` asked for a `width`×`height` step, or `None` for a
    /// model missing from the table (whose sizes are not known, so the
    /// API's default is left to it).
    pub fn image_size(&self, width: u32, height: u32) -> Option<&'static str> {
        self.known
            .map(|model| models::image_size(model, width, height))
    }

    /// What one image of `size` costs: the operator's price if set, else
    /// the table's, else nothing.
    pub fn image_cost(&self, size: Option<&str>) -> f64 {
        self.config
            .price_per_image_usd
            .or_else(|| {
                let model = self.known?;
                models::image_price(model, size?)
            })
            .unwrap_or(0.0)
    }

    /// One call: the answer's image as the provider sent it, with usage.
    async fn call(
        &self,
        body: &wire::GenerateContentRequest,
    ) -> Result<(answer::AnswerImage, Duration), EngineError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| EngineError::transient("the Gemini engine is shutting down"))?;
        let started = Instant::now();
        let response = self
            .http
            .post(&self.endpoint)
            .header("x-goog-api-key", &self.config.api_key)
            .json(body)
            .send()
            .await
            .map_err(|e| self.network_error(e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = response.bytes().await.map_err(|e| self.network_error(e))?;
        let latency = started.elapsed();
        if status != 200 {
            return Err(answer::read_failure(
                status,
                &bytes,
                retry_after.as_deref(),
                &self.config.model,
            ));
        }
        Ok((answer::read_success(&bytes)?, latency))
    }

    /// Timeouts and connection failures are worth another try; the message
    /// names the host but never the key (which travels in a header).
    fn network_error(&self, error: reqwest::Error) -> EngineError {
        let secs = self.config.timeout.as_secs_f64();
        if error.is_timeout() {
            EngineError::transient(format!("Gemini did not answer within {secs} s"))
        } else {
            EngineError::transient(format!(
                "could not reach Gemini at {}: {}",
                self.config.base_url,
                error.without_url()
            ))
        }
    }
}

#[async_trait::async_trait]
impl ImageEngine for GeminiEngine {
    fn name(&self) -> &'static str {
        "gemini"
    }

    fn needs_references(&self) -> bool {
        true
    }

    fn max_references(&self) -> usize {
        input_image_limit(&self.config.model)
    }

    fn model(&self) -> Option<String> {
        Some(self.config.model.clone())
    }

    fn shows_previews(&self) -> bool {
        true
    }

    async fn generate(&self, request: EngineRequest) -> Result<EngineImage, EngineError> {
        let size = self.image_size(request.width, request.height);
        let body = request::body(&request, self.max_references(), size);
        let (answer, latency) = self.call(&body).await?;
        let (width, height, format, quality) = (
            request.width,
            request.height,
            request.format,
            self.config.quality,
        );
        let photo = answer.bytes.clone();
        let mut image = tokio::task::spawn_blocking(move || {
            crate::photo::fit_photo(&photo, width, height, format, quality)
        })
        .await
        .map_err(|e| EngineError::transient(format!("fitting the photo failed: {e}")))??;
        let tokens = &answer.usage;
        image.usage = Some(Usage {
            model: answer
                .model_version
                .clone()
                .unwrap_or_else(|| self.config.model.clone()),
            latency_ms: latency.as_millis() as u64,
            input_tokens: tokens.prompt_token_count,
            output_tokens: tokens.candidates_token_count,
            total_tokens: tokens
                .total_token_count
                .max(tokens.prompt_token_count + tokens.candidates_token_count),
            cost_usd: self.image_cost(size),
        });
        Ok(image)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        let config = GeminiConfig::new("secret-key-123");
        assert!(!format!("{config:?}").contains("secret-key-123"));
    }

    #[test]
    fn setup_errors_are_named() {
        let mut config = GeminiConfig::new("k");
        config.base_url = "ftp://x".into();
        assert!(matches!(
            GeminiEngine::new(config),
            Err(GeminiSetupError::BaseUrl(_))
        ));
        assert!(matches!(
            GeminiEngine::new(GeminiConfig::new("  ")),
            Err(GeminiSetupError::NoKey)
        ));
        let mut config = GeminiConfig::new("k");
        config.model = "../evil".into();
        assert!(matches!(
            GeminiEngine::new(config),
            Err(GeminiSetupError::Model(_))
        ));
        let engine = GeminiEngine::new(GeminiConfig::new("k")).expect("builds");
        assert_eq!(
            engine.endpoint,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-3.1-flash-image:generateContent"
        );
    }

    #[test]
    fn sizes_and_costs_follow_the_table_unless_overridden() {
        let engine = GeminiEngine::new(GeminiConfig::new("k")).expect("builds");
        assert_eq!(engine.image_size(320, 256), Some("512"));
        assert_eq!(engine.image_cost(Some("512")), 0.045);
        assert_eq!(engine.image_size(1024, 768), Some("1K"));
        assert_eq!(engine.image_cost(Some("1K")), 0.067);
        assert_eq!(engine.model().as_deref(), Some(DEFAULT_MODEL));

        let mut config = GeminiConfig::new("k");
        config.model = "gemini-3-pro-image-preview".into();
        let pro = GeminiEngine::new(config).expect("builds");
        assert_eq!(pro.image_size(320, 256), Some("1K"));
        assert_eq!(pro.image_cost(Some("4K")), 0.24);

        let mut config = GeminiConfig::new("k");
        config.price_per_image_usd = Some(0.5);
        let priced = GeminiEngine::new(config).expect("builds");
        assert_eq!(priced.image_cost(Some("512")), 0.5);

        let mut config = GeminiConfig::new("k");
        config.model = "gemini-9-ultra-image".into();
        let unknown = GeminiEngine::new(config).expect("builds");
        assert_eq!(unknown.image_size(1024, 768), None);
        assert_eq!(unknown.image_cost(None), 0.0);
        assert_eq!(unknown.max_references(), 3);
    }
}
