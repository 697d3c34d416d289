//! Build plans for stepcast: the assembly model from which every step's
//! image is drawn.
//!
//! It holds the request types (stepcast's shape and the seed's) and their
//! validation, the [`Plan`] model, the cumulative state after each step, the
//! layout solver and the prompt builders for cloud engines. Plans are written
//! from text by the `stepcast-extract` crate, by a language model, or by
//! hand. It does no IO, so every other crate can depend on it.

pub mod layout;
pub mod model;
pub mod prompt;
pub mod request;
pub mod state;

pub use model::{Operation, Part, PartId, PartKind, Plan, PlanStep};

pub use request::GuideRequest;
pub use state::{state_after, states, StepState};
