//! Plans by request and model: the same request sent again to the same
//! model is planned once. Only model plans are kept; a fallback is not,
//! so the next submission asks the model again.

use std::collections::VecDeque;
use std::sync::Mutex;

use plan::GuideRequest;
use sha2::{Digest, Sha256};

use crate::{PlanWriter, PlannedGuide};

/// How many plans a server keeps by default.
pub const DEFAULT_CAPACITY: usize = 256;

/// A least-recently-used cache of model plans.
pub struct PlanCache {
    capacity: usize,
    /// Least recently used first.
    entries: Mutex<VecDeque<(String, PlannedGuide)>>,
}

impl Default for PlanCache {
    fn default() -> Self {
        PlanCache::new(DEFAULT_CAPACITY)
    }
}

impl PlanCache {
    pub fn new(capacity: usize) -> PlanCache {
        PlanCache {
            capacity: capacity.max(1),
            entries: Mutex::new(VecDeque::new()),
        }
    }

    /// The key of `request`'s texts planned by `writer`'s model.
    pub fn key(request: &GuideRequest, writer: &dyn PlanWriter) -> String {
        let mut hasher = Sha256::new();
        for piece in [writer.provider(), writer.model()] {
            hasher.update((piece.len() as u64).to_be_bytes());
            hasher.update(piece.as_bytes());
        }
        hasher.update(plan::prompt::embed_request(request).as_bytes());
        hex::encode(hasher.finalize())
    }

    /// The cached plan, now the most recently used; its `calls` and
    /// `usage` are zero, since this use cost nothing.
    pub fn get(&self, key: &str) -> Option<PlannedGuide> {
        let mut entries = self.lock();
        let position = entries.iter().position(|(k, _)| k == key)?;
        let entry = entries.remove(position)?;
        let mut planned = entry.1.clone();
        entries.push_back(entry);
        planned.calls = 0;
        planned.usage = crate::TokenUsage::default();
        Some(planned)
    }

    /// Keeps a model plan; fallbacks are not kept.
    pub fn put(&self, key: String, planned: &PlannedGuide) {
        if !planned.source.is_model() {
            return;
        }
        let mut entries = self.lock();
        entries.retain(|(k, _)| *k != key);
        entries.push_back((key, planned.clone()));
        while entries.len() > self.capacity {
            entries.pop_front();
        }
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(String, PlannedGuide)>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
