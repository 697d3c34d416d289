//! Image engines for stepcast.
//!
//! An engine turns one step of a guide into one image. The job runner (in
//! the server) decides *when* each step runs and retries, times out and
//! isolates failures; this crate says *what* a step is and *how* it is drawn:
//!
//! - [`engine`]: the [`ImageEngine`] trait every engine implements, the
//!   request it gets and the two kinds of error it returns (transient, worth
//!   retrying; permanent, not);
//! - [`schematic`]: the offline [`SchematicEngine`], which draws the step
//!   with the `render` crate on tokio's blocking pool;
//! - [`test_engine`]: a [`TestEngine`] that is slow, fails, panics and hangs
//!   on purpose, so the job runner's retries, limits, timeouts and panic
//!   boundary can be tested without a network;
//! - [`strategy`]: which steps must wait for which under each strategy
//!   ([`step_graph`]) and each step's prompt ([`prompt_for`]);
//! - [`seed`]: a stable per-step seed ([`seed_for`]);
//! - [`gemini`]: the [`GeminiEngine`], Gemini's image models over REST;
//! - [`photo`]: a provider's photo fitted to the guide's size and format.

pub mod check;
pub mod checker;
pub mod engine;
pub mod gemini;
mod guide_cache;
pub mod openai;
pub mod photo;
pub mod schematic;
pub mod seed;
pub mod strategy;
pub mod test_engine;

pub use engine::{
    EngineError, EngineImage, EngineRequest, ImageEngine, PartialImage, PartialSink, Reference,
    ReferenceKind, Usage,
};
pub use gemini::{GeminiConfig, GeminiEngine};
pub use openai::{OpenAiConfig, OpenAiEngine};
pub use schematic::{schematic_style, SchematicEngine};
pub use seed::seed_for;
pub use strategy::{
    anchor_prompt_for, chained_prompt_for, prompt_for, step_graph, unanchored_prompt_for, StepGraph,
};
pub use test_engine::{TestEngine, TestEngineScript};
