//! What the planner understood of each guide's text, kept for the API.
//!
//! The plan is a pure function of the stored request, so its reading is
//! too; it is computed when first asked for and kept for the most recent
//! guides, since progress is polled often and every poll would otherwise
//! read the whole text again.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use extract::PlanReading;
use plan::GuideRequest;
use store::Guide;

/// How many guides' readings are kept.
const CAPACITY: usize = 64;

/// A small cache of plan readings, keyed by the request's hash.
#[derive(Default)]
pub struct PlanReadings {
    /// Least recently used first. `None`: a hand-written plan, nothing read.
    entries: Mutex<VecDeque<(String, Option<Arc<PlanReading>>)>>,
}

impl PlanReadings {
    /// The reading of the guide's request; `None` for a hand-written plan
    /// or a stored request that cannot be read.
    pub fn of(&self, guide: &Guide) -> Option<Arc<PlanReading>> {
        if let Some(hit) = self.lookup(&guide.request_hash) {
            return hit;
        }
        let reading = serde_json::from_value::<GuideRequest>(guide.request.clone())
            .ok()
            .and_then(|request| extract::read(&request).reading)
            .map(Arc::new);
        let mut entries = lock(&self.entries);
        // Another caller may have read the same request meanwhile.
        entries.retain(|(k, _)| *k != guide.request_hash);
        entries.push_back((guide.request_hash.clone(), reading.clone()));
        while entries.len() > CAPACITY {
            entries.pop_front();
        }
        reading
    }

    fn lookup(&self, key: &str) -> Option<Option<Arc<PlanReading>>> {
        let mut entries = lock(&self.entries);
        let i = entries.iter().position(|(k, _)| k == key)?;
        let entry = entries.remove(i)?;
        let hit = entry.1.clone();
        entries.push_back(entry);
        Some(hit)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every critical section leaves the queue whole; a panic elsewhere is
    // no reason to stop answering.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::GuideStatus;

    fn guide(hash: &str, request: serde_json::Value) -> Guide {
        Guide {
            id: format!("g-{hash}"),
            request,
            request_hash: hash.into(),
            status: GuideStatus::Generating,
            total_steps: 1,
            created_at: 0.0,
            started_at: None,
            completed_at: None,
            error: None,
            expires_at: None,
        }
    }

    #[test]
    fn text_requests_are_read_and_kept() {
        let readings = PlanReadings::default();
        let request = serde_json::json!({
            "title": "Jar",
            "steps": [{"title": "Paint", "description": "Paint the jar blue with a zorblat."}]
        });
        let first = readings.of(&guide("a", request.clone())).unwrap();
        assert_eq!(first.steps.len(), 1);
        assert!(first.steps[0]
            .unresolved
            .iter()
            .any(|u| u.text == "zorblat" && u.reason.contains("unknown noun")));
        let again = readings.of(&guide("a", request)).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the second ask is a cache hit");
    }

    #[test]
    fn hand_written_plans_have_no_reading() {
        let readings = PlanReadings::default();
        let text = serde_json::json!({"title": "Jar", "steps": [{"title": "Paint the jar"}]});
        let plan = serde_json::from_value::<GuideRequest>(text.clone())
            .map(|r| extract::extract(&r))
            .expect("request");
        let mut request = text;
        request["plan"] = serde_json::to_value(plan).expect("plan");
        assert!(readings.of(&guide("b", request)).is_none());
    }

    #[test]
    fn the_oldest_reading_is_dropped_first() {
        let readings = PlanReadings::default();
        let request = serde_json::json!({"title": "Jar", "steps": [{"title": "Paint the jar"}]});
        for i in 0..=CAPACITY {
            readings.of(&guide(&i.to_string(), request.clone()));
        }
        let entries = lock(&readings.entries);
        assert_eq!(entries.len(), CAPACITY);
        assert!(entries.iter().all(|(k, _)| k != "0"));
    }
}
