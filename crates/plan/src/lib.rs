//! Build plans for stepcast.
//!
//! This crate turns a guide request (a project's title, description,
//! materials and steps, in stepcast's shape or the seed's) into a [`Plan`]:
//! the assembly model from which every step's image is drawn. It holds the
//! request types and their validation, the model, the cumulative state after
//! each step, the layout solver, the offline text-to-plan extractor, the
//! development-set scorer and the prompt builders for cloud engines. It does
//! no IO, so every other crate can depend on it.

pub mod extract;
pub mod layout;
pub mod model;
pub mod prompt;
pub mod request;
pub mod score;
pub mod state;

pub use model::{Operation, Part, PartId, PartKind, Plan, PlanStep};

pub use request::GuideRequest;
pub use state::{state_after, states, StepState};
