//! Running a guide's planning task (step 0): a language model writes the
//! plan while the worker keeps its lease, then the plan is stored and the
//! steps are queued.

use store::{GuideStatus, StepStatus, Task};

use service::app::{now, SharedApp};
use service::plans::{ToDraw, ToDrawError};

pub async fn run(app: &SharedApp, worker: &str, task: &Task) -> Result<(), store::StoreError> {
    let id = task.guide_id.as_str();
    let guide = match app.state.guide(id).await? {
        Some(guide) if !guide.status.is_final() => guide,
        // Gone, cancelled or finished: nothing to plan.
        _ => return app.queue.complete(task.id).await,
    };
    let (request, writer) = match service::plans::to_draw(app, &guide).await {
        Ok(ToDraw::AwaitsPlan(request, writer)) => (request, writer),
        // Planned already: a worker stored the plan and stopped before
        // it queued every step. Queue those not drawn yet.
        Ok(ToDraw::Ready(_)) => {
            let t = now();
            for step in app.state.steps(id).await? {
                if matches!(step.status, StepStatus::Pending | StepStatus::Generating) {
                    app.queue.enqueue(id, step.number, t).await?;
                }
            }
            app.work.notify_waiters();
            return app.queue.complete(task.id).await;
        }
        Err(ToDrawError::Store(e)) => return Err(e),
        Err(e @ ToDrawError::Unreadable(_)) => {
            let event = app
                .state
                .set_guide_status(id, GuideStatus::Failed, Some(e.to_string()), now())
                .await?;
            app.publish(event);
            return app.queue.complete(task.id).await;
        }
    };

    tokio::select! {
        planned = service::plans::plan_and_store(app, id, request, writer) => {
            match planned {
                // Stored, or the guide was deleted meanwhile.
                Ok(()) | Err(service::error::ApiError::NotFound(_)) => {}
                // The store failed: hand the task back to try again.
                Err(e) => return Err(store::StoreError::Database(e.to_string())),
            }
            app.queue.complete(task.id).await
        }
        // Another worker has it now (or the guide was cancelled): let it.
        () = super::task::hold_lease(app, worker, task) => Ok(()),
    }
}
