//! A local fake of the Gemini API's `generateContent` endpoint for image
//! models, speaking its real wire format.
//!
//! The real service cannot be reached from tests, CI or demos, so
//! stepcast's Gemini client is tested against this fake. It is faithful
//! enough for Google's official `google-genai` Python SDK (checked by
//! `scripts/sdk-check`): the same URLs, authentication, request and answer
//! JSON, error bodies (with `RetryInfo`, `QuotaFailure`, `ErrorInfo`
//! details), output sizes per aspect ratio and refusal shapes.
//!
//! On top of that it is a test instrument:
//!
//! - its images are real PNGs drawn from the request (the first input
//!   image as the background, every input as a thumbnail, a colour band
//!   from the prompt), the same bytes for the same request;
//! - it injects faults ([`Fault`]) by rule ([`FaultRule`]: a number of
//!   times, only for some prompts) or at random, adds seeded latency, and
//!   answers 429 above a concurrency limit;
//! - it logs every request ([`LoggedRequest`]: texts, image hashes and
//!   sizes, aspect ratio, timing, concurrency, outcome).
//!
//! ```no_run
//! use fake_gemini::{FakeConfig, FakeGemini, Fault, FaultRule};
//!
//! let fake = FakeGemini::start(FakeConfig::default()).unwrap();
//! fake.add_fault(FaultRule::new(Fault::Unavailable).times(1));
//! // point the client at fake.base_url() ...
//! assert!(fake.requests().is_empty());
//! ```
//!
//! The same controls are served over HTTP for other processes (see
//! `stepcast fake-gemini`): `GET`/`DELETE /_fake/requests`,
//! `GET`/`POST`/`DELETE /_fake/faults`, `GET`/`POST`/`DELETE
//! /_fake/answers` (text models' scripted answers) and `GET /_fake/stats`.
//!
//! Text models (`gemini-3.8-flash` and others, see [`text`]) answer in JSON
//! mode with the plan stepcast's offline extractor writes for the request
//! embedded in the prompt, or with a scripted answer.

mod answer;
pub mod catalog;
mod config;
mod control;
mod error;
mod faults;
mod generate;
mod log;
pub mod picture;
mod request;
mod server;
pub mod text;
pub mod wire;

pub use config::{FakeConfig, Latency};
pub use error::{ApiError, FakeError};
pub use faults::{Fault, FaultRule, UnknownFault};
pub use log::{LoggedImage, LoggedRequest, Outcome, Stats};
pub use server::FakeGemini;
pub use text::{ScriptedAnswer, TextModel, TEXT_MODELS};
