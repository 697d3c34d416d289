//! What each strategy means for scheduling and prompting.
//!
//! A strategy decides which images a step is conditioned on, and so which
//! steps must be finished before a step may start. The job runner schedules
//! from [`step_graph`] alone and asks [`prompt_for`] for each step's text, so
//! the strategies' rules live in one place.

use plan::prompt::{anchor_prompt, chained_prompt, step_prompt, unanchored_prompt, PromptInput};
use plan::request::Strategy;
use plan::{GuideRequest, Plan};

/// How a guide's steps depend on each other under a strategy: `deps[i]`
/// lists the step indices that must be done before step `i` may start.
/// `anchor` is the step generated first that others use as their style
/// anchor, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct StepGraph {
    pub deps: Vec<Vec<usize>>,
    pub anchor: Option<usize>,
}

impl StepGraph {
    /// `steps` steps with no dependencies and no anchor.
    pub fn independent(steps: usize) -> Self {
        StepGraph {
            deps: vec![Vec::new(); steps],
            anchor: None,
        }
    }

    /// The steps whose dependencies are all in `done` and that are not done
    /// themselves, in index order.
    pub fn ready(&self, done: &[bool]) -> Vec<usize> {
        let is_done = |i: usize| done.get(i).copied().unwrap_or(false);
        self.deps
            .iter()
            .enumerate()
            .filter(|(i, deps)| !is_done(*i) && deps.iter().all(|d| is_done(*d)))
            .map(|(i, _)| i)
            .collect()
    }
}

/// The step graph of `strategy` for a guide of `steps` steps.
///
/// - `independent`: no deps.
/// - `chained`: step `i` depends on step `i - 1` (it edits that image).
/// - `anchored`: the last step (the finished build) is the anchor, generated
///   first, and every other step depends on it; when `has_concept_image` the
///   user's concept image is the anchor instead, so no deps and no anchor.
/// - `guided`: each step is conditioned on its own schematic render (made
///   locally, no dependency) and on the anchor, so the same as `anchored`.
///
/// An engine that does not use references (`engine_needs_references`
/// false, the schematic engine) gets no deps under every strategy.
pub fn step_graph(
    strategy: Strategy,
    steps: usize,
    engine_needs_references: bool,
    has_concept_image: bool,
) -> StepGraph {
    if !engine_needs_references {
        return StepGraph::independent(steps);
    }
    match strategy {
        Strategy::Independent => StepGraph::independent(steps),
        Strategy::Chained => StepGraph {
            deps: (0..steps)
                .map(|i| if i == 0 { Vec::new() } else { vec![i - 1] })
                .collect(),
            anchor: None,
        },
        Strategy::Anchored | Strategy::Guided => {
            if has_concept_image || steps == 0 {
                return StepGraph::independent(steps);
            }
            let anchor = steps - 1;
            StepGraph {
                deps: (0..steps)
                    .map(|i| {
                        if i == anchor {
                            Vec::new()
                        } else {
                            vec![anchor]
                        }
                    })
                    .collect(),
                anchor: Some(anchor),
            }
        }
    }
}

/// The prompt for step `step_index` (0-based; past the end means the last
/// step) under the request's strategy (wraps [`plan::prompt::step_prompt`]).
///
/// Under `anchored` and `guided` the anchor step (see [`StepGraph::anchor`])
/// has no anchor image to condition on; use [`anchor_prompt_for`] for it.
pub fn prompt_for(request: &GuideRequest, plan: &Plan, step_index: usize) -> String {
    let input = PromptInput {
        request,
        plan,
        step_index,
    };
    step_prompt(&input, request.options.strategy)
}

/// The prompt for a step of an `anchored` or `guided` guide whose anchor
/// image is missing (wraps [`plan::prompt::unanchored_prompt`]).
pub fn unanchored_prompt_for(request: &GuideRequest, plan: &Plan, step_index: usize) -> String {
    let input = PromptInput {
        request,
        plan,
        step_index,
    };
    unanchored_prompt(&input, request.options.strategy)
}

/// The `chained` prompt for a step drawn by editing the picture of step
/// `from` (0-based; the latest earlier step that was drawn), or afresh
/// when there is none (wraps [`plan::prompt::chained_prompt`]).
pub fn chained_prompt_for(
    request: &GuideRequest,
    plan: &Plan,
    step_index: usize,
    from: Option<usize>,
) -> String {
    let input = PromptInput {
        request,
        plan,
        step_index,
    };
    chained_prompt(&input, from)
}

/// The prompt for the anchor image, the finished build, which the `anchored`
/// and `guided` strategies generate first and condition every other step on
/// (wraps [`plan::prompt::anchor_prompt`]).
pub fn anchor_prompt_for(request: &GuideRequest, plan: &Plan) -> String {
    anchor_prompt(request, plan)
}
