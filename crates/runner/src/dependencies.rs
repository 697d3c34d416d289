//! Steps that wait for other steps (chained, anchored, guided): a waiting
//! step is handed back unrun, and woken as soon as the step it waits for
//! is done, rather than polled.

use engines::StepGraph;
use store::{Step, StepStatus, Task};

use service::app::{now, App};

/// A step that waits for another is looked at again after this long even
/// if nothing wakes it (a wake lost to another process, say).
pub const DEPENDENCY_POLL_SECS: f64 = 5.0;

/// Whether step `index` must wait for a step it depends on.
pub fn waiting_on(graph: &StepGraph, index: usize, steps: &[Step]) -> bool {
    graph.deps.get(index).is_some_and(|deps| {
        deps.iter().any(|d| {
            steps
                .get(*d)
                .is_some_and(|s| !matches!(s.status, StepStatus::Completed | StepStatus::Failed))
        })
    })
}

/// Once this step is done (drawn or failed for good), the steps that
/// waited for it may start now rather than at their next poll.
pub async fn wake_dependents(
    app: &App,
    task: &Task,
    graph: &StepGraph,
) -> Result<(), store::StoreError> {
    let index = task.step.saturating_sub(1) as usize;
    let dependents: Vec<u32> = graph
        .deps
        .iter()
        .enumerate()
        .filter(|(_, deps)| deps.contains(&index))
        .map(|(j, _)| j as u32 + 1)
        .collect();
    if dependents.is_empty() {
        return Ok(());
    }
    let done = app
        .state
        .step(&task.guide_id, task.step)
        .await?
        .is_some_and(|s| matches!(s.status, StepStatus::Completed | StepStatus::Failed));
    if !done {
        return Ok(());
    }
    if app.queue.wake(&task.guide_id, &dependents, now()).await? > 0 {
        app.work.notify_waiters();
    }
    Ok(())
}
