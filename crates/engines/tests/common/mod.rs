//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use engines::EngineRequest;
use plan::request::{ImageFormat, Style};
use plan::{GuideRequest, Plan};

/// An example request from `examples/` and its plan.
pub fn example(name: &str) -> (Arc<GuideRequest>, Arc<Plan>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("the example is readable");
    let request = plan::request::parse_json(&text).expect("the example parses");
    let plan = extract::plan_for(&request);
    (Arc::new(request), Arc::new(plan))
}

/// A request for step `step_index` of `plan`.
pub fn engine_request(
    request: &Arc<GuideRequest>,
    plan: &Arc<Plan>,
    step_index: usize,
    size: (u32, u32),
    format: ImageFormat,
    style: Style,
) -> EngineRequest {
    EngineRequest {
        request: Arc::clone(request),
        plan: Arc::clone(plan),
        step_index,
        prompt: engines::prompt_for(request, plan, step_index),
        references: Vec::new(),
        width: size.0,
        height: size.1,
        format,
        style,
        seed: engines::seed_for("test-guide", step_index),
        partials: None,
    }
}

/// The bottle planter example, for step `step_index`, with the request's
/// own size, in `format`.
pub fn bottle(step_index: usize, format: ImageFormat) -> EngineRequest {
    let (request, plan) = example("bottle-planter.json");
    let size = (request.options.width, request.options.height);
    let style = request.options.style;
    engine_request(&request, &plan, step_index, size, format, style)
}
