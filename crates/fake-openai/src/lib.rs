//! A local fake of OpenAI's Images API (`/v1/images/generations`,
//! `/v1/images/edits`, with streaming) and Responses API
//! (`/v1/responses`), speaking their real wire format.
//!
//! The real service cannot be reached from tests, CI or demos, so
//! stepcast's OpenAI image engine and OpenAI planner are tested against
//! this fake. It is faithful enough for OpenAI's official `openai` Python
//! SDK (checked by `scripts/openai-sdk-check`): the same URLs, bearer-key
//! authentication, JSON and multipart requests, answer objects
//! (`ImagesResponse` with usage, `Response` with `output_text`), stream
//! events (`image_generation.partial_image`, `image_edit.completed`, ...)
//! and error bodies (`{"error": {"message", "type", "param", "code"}}`,
//! with `retry-after` on 429), so the SDK raises the same exceptions
//! (`RateLimitError`, `BadRequestError` with `code == "moderation_blocked"`,
//! ...). Model catalogue and parameter rules: see [`catalog`].
//!
//! On top of that it is a test instrument:
//!
//! - its images are real PNG, JPEG or WebP files at the asked size, drawn
//!   from the request by the fake Gemini's [`fake_gemini::picture`] (the
//!   first input image as the background, every input as a thumbnail, a
//!   colour band from the prompt; an edit mask's area tinted magenta), the
//!   same bytes for the same request;
//! - `/v1/responses` answers with the plan stepcast's offline extractor
//!   writes for the request embedded in the prompt, or with scripted
//!   answers ([`ScriptedAnswer`]); `strict` JSON schemas are checked as
//!   OpenAI checks them ([`schema`](crate#strict-schemas));
//! - it injects faults ([`Fault`]) by rule ([`FaultRule`]: a number of
//!   times, one endpoint, some prompts), adds seeded latency, and answers
//!   429 above a concurrency limit;
//! - it logs every request ([`LoggedRequest`]: prompt, texts, image hashes
//!   and sizes, size/quality/fidelity/stream/partial images, the response
//!   format, timing, concurrency, outcome, the images or text sent back).
//!
//! ```no_run
//! use fake_openai::{FakeOpenAi, FakeOpenAiConfig, Fault, FaultRule};
//!
//! let fake = FakeOpenAi::start(FakeOpenAiConfig {
//!     api_key: Some("test-key".into()),
//!     ..FakeOpenAiConfig::default()
//! })
//! .unwrap();
//! fake.add_fault(FaultRule::new(Fault::RateLimited).times(1));
//! // Point the client at `fake.base_url() + "/v1"` (= `fake.api_url()`):
//! // `base_url()` is the root, WITHOUT `/v1`.
//! assert!(fake.requests().is_empty());
//! ```
//!
//! The same controls are served over HTTP for other processes (see the
//! `fake-openai` binary): `GET`/`DELETE /_fake/requests`,
//! `GET`/`POST`/`DELETE /_fake/faults`, `GET`/`POST`/`DELETE
//! /_fake/answers` and `GET /_fake/stats`.
//!
//! # Strict schemas
//!
//! With `text.format = {"type": "json_schema", "strict": true, ...}` the
//! schema must follow Structured Outputs' rules (every object with
//! `additionalProperties: false` and every property in `required`, a root
//! object, no unsupported keywords, at most 10 levels); otherwise the
//! answer is OpenAI's 400 `invalid_json_schema` naming
//! `text.format.schema`, with the path in the schema.

pub mod catalog;
pub mod cli;
mod config;
mod control;
mod error;
mod faults;
mod images;
mod log;
mod media;
mod responses;
mod schema;
mod server;
pub mod text;

pub use config::{FakeOpenAiConfig, Latency};
pub use error::{ApiError, FakeError};
pub use faults::{Fault, FaultRule, UnknownFault, FAULTS};
pub use images::{MAX_EDIT_IMAGES, MAX_PROMPT_CHARS};
pub use log::{Endpoint, LoggedImage, LoggedRequest, Outcome, Stats};
pub use server::FakeOpenAi;
pub use text::ScriptedAnswer;
