//! The seed's Redis keys, in the seed's own JSON shapes.
//!
//! The seed's FastAPI endpoints read `step_images:progress:{id}`,
//! `step_images:result:{id}:{n}` and `step_images:final:{id}`; writing them
//! in the same commit as stepcast's own state means those endpoints, pointed
//! at the same Redis, show stepcast's progress as it happens. Steps still
//! pending have no result key (the seed reads that as pending).

use super::commit::Commit;
use super::keys::Keys;
use crate::model::{Guide, GuideStatus, Step, StepStatus, Timestamp};

/// The seed's `StepImage`.
pub fn step_image(step: &Step, image_base: &str) -> serde_json::Value {
    serde_json::json!({
        "step_number": step.number,
        "image_id": step.image_id,
        "image_url": step.image_id.as_ref().map(|id| format!("{image_base}/images/{id}")),
        "status": step.status,
        "generated_at": step.generated_at,
        "prompt_used": step.prompt_used,
    })
}

/// The seed's progress record: its fields while generating and when done,
/// and `error`/`failed_at` when the guide failed.
pub fn progress(guide: &Guide, steps: &[Step], now: Timestamp) -> serde_json::Value {
    let completed = steps
        .iter()
        .filter(|s| s.status == StepStatus::Completed)
        .count();
    let failed = steps
        .iter()
        .filter(|s| s.status == StepStatus::Failed)
        .count();
    let progress = if guide.status.is_final() {
        1.0
    } else if guide.total_steps == 0 {
        0.0
    } else {
        (completed + failed) as f64 / f64::from(guide.total_steps)
    };
    let mut record = serde_json::json!({
        "status": guide.status,
        "total_steps": guide.total_steps,
        "completed_steps": completed,
        "failed_steps": failed,
        "progress": progress,
        "started_at": guide.started_at,
        "completed_at": guide.completed_at,
        "updated_at": now,
        "error": guide.error,
    });
    if guide.status == GuideStatus::Failed {
        record["failed_at"] = serde_json::json!(guide.completed_at);
    }
    record
}

/// The seed's final results, for a guide that finished drawing.
pub fn final_results(guide: &Guide, steps: &[Step], image_base: &str) -> serde_json::Value {
    serde_json::json!({
        "step_images": steps.iter().map(|s| step_image(s, image_base)).collect::<Vec<_>>(),
        "status": guide.status,
        "generated_at": guide.completed_at,
    })
}

/// Sets a seed key, expiring with the guide.
fn put(commit: &mut Commit, key: &str, value: &serde_json::Value, guide: &Guide) {
    commit.write("SET", key, [value.to_string()]);
    if let Some(expires_at) = guide.expires_at {
        commit.write("PEXPIREAT", key, [(expires_at * 1000.0).ceil() as i64]);
    }
}

/// Where the seed's keys go and how their image URLs start.
pub struct SeedKeys<'a> {
    pub keys: &'a Keys,
    /// Prepended to `/images/{id}` in `image_url`.
    pub image_base: &'a str,
}

/// Adds the writes that keep the seed's keys in step with a change:
/// progress always, the results of `changed` steps, and the final results
/// when the guide's status changed.
pub fn write(
    commit: &mut Commit,
    seed: &SeedKeys<'_>,
    guide: &Guide,
    steps: &[Step],
    changed: &[u32],
    status_changed: bool,
    now: Timestamp,
) {
    let (keys, image_base) = (seed.keys, seed.image_base);
    put(
        commit,
        &keys.seed_progress(&guide.id),
        &progress(guide, steps, now),
        guide,
    );
    for step in steps.iter().filter(|s| changed.contains(&s.number)) {
        let key = keys.seed_result(&guide.id, step.number);
        if step.status == StepStatus::Pending {
            commit.write("DEL", &key, std::iter::empty::<String>());
        } else {
            put(commit, &key, &step_image(step, image_base), guide);
        }
    }
    if status_changed {
        let key = keys.seed_final(&guide.id);
        if matches!(
            guide.status,
            GuideStatus::Completed | GuideStatus::CompletedWithErrors
        ) {
            put(
                commit,
                &key,
                &final_results(guide, steps, image_base),
                guide,
            );
        } else {
            commit.write("DEL", &key, std::iter::empty::<String>());
        }
    }
}

/// Every seed key of a guide, for deletion.
pub fn keys_of(keys: &Keys, guide: &Guide) -> Vec<String> {
    let mut all = vec![keys.seed_progress(&guide.id), keys.seed_final(&guide.id)];
    all.extend((1..=guide.total_steps).map(|n| keys.seed_result(&guide.id, n)));
    all
}
