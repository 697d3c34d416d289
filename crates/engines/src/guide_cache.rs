//! A small bounded cache of laid-out guides.
//!
//! Laying out a guide (`render::Guide::new`: every step's state and layout
//! and the shared camera) costs about as much as drawing a step, and all the
//! steps of a guide share it. Steps of one guide arrive close together, so
//! the most recent few guides are kept, least recently used evicted first.
//!
//! Each entry is a slot with its own lock: the first caller for a key lays
//! the guide out while holding the slot, and callers for the same key that
//! arrive meanwhile wait for it instead of laying it out again. The cache's
//! own lock is only held to find or insert a slot. Both are `std` mutexes
//! and are only taken on the blocking pool, never across an await. A
//! poisoned lock (a panic while laying out) is recovered: the slot is then
//! still empty and the next caller lays the guide out.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use render::{Guide, RenderError};
use sha2::{Digest, Sha256};

/// How many guides the schematic engine keeps by default.
pub const DEFAULT_CAPACITY: usize = 16;

/// SHA-256 of the plan's JSON, the width and the height.
pub type GuideKey = [u8; 32];

type Slot = Arc<Mutex<Option<Arc<Guide>>>>;

/// The key of `plan` drawn at `width`×`height`.
pub fn guide_key(plan: &plan::Plan, width: u32, height: u32) -> Result<GuideKey, String> {
    let json =
        serde_json::to_vec(plan).map_err(|e| format!("the plan cannot be serialised: {e}"))?;
    let mut hasher = Sha256::new();
    hasher.update((json.len() as u64).to_be_bytes());
    hasher.update(&json);
    hasher.update(width.to_be_bytes());
    hasher.update(height.to_be_bytes());
    let mut key = [0u8; 32];
    for (out, byte) in key.iter_mut().zip(hasher.finalize().iter()) {
        *out = *byte;
    }
    Ok(key)
}

pub struct GuideCache {
    capacity: usize,
    /// Least recently used first.
    entries: Mutex<VecDeque<(GuideKey, Slot)>>,
    layouts: AtomicU64,
}

impl GuideCache {
    /// A cache of at most `capacity` guides (at least 1).
    pub fn new(capacity: usize) -> Self {
        GuideCache {
            capacity: capacity.max(1),
            entries: Mutex::new(VecDeque::new()),
            layouts: AtomicU64::new(0),
        }
    }

    /// How many guides are cached (or being laid out) now.
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    /// How many times a guide has been laid out.
    pub fn layouts(&self) -> u64 {
        self.layouts.load(Ordering::Relaxed)
    }

    /// The guide for `key`, laid out from `plan` if it is not cached. Blocks:
    /// call it on the blocking pool.
    pub fn get_or_layout(
        &self,
        key: GuideKey,
        plan: &plan::Plan,
        width: u32,
        height: u32,
    ) -> Result<Arc<Guide>, RenderError> {
        let slot = self.slot(key);
        let mut guide = lock(&slot);
        if let Some(guide) = guide.as_ref() {
            return Ok(Arc::clone(guide));
        }
        self.layouts.fetch_add(1, Ordering::Relaxed);
        match Guide::new(plan, width, height) {
            Ok(laid_out) => {
                let laid_out = Arc::new(laid_out);
                *guide = Some(Arc::clone(&laid_out));
                Ok(laid_out)
            }
            Err(e) => {
                drop(guide);
                self.forget(&key, &slot);
                Err(e)
            }
        }
    }

    /// The slot for `key`, now the most recently used, inserted (and the
    /// least recently used evicted) if missing.
    fn slot(&self, key: GuideKey) -> Slot {
        let mut entries = lock(&self.entries);
        if let Some(position) = entries.iter().position(|(k, _)| *k == key) {
            if let Some(entry) = entries.remove(position) {
                let slot = Arc::clone(&entry.1);
                entries.push_back(entry);
                return slot;
            }
        }
        let slot: Slot = Arc::new(Mutex::new(None));
        entries.push_back((key, Arc::clone(&slot)));
        while entries.len() > self.capacity {
            entries.pop_front();
        }
        slot
    }

    /// Drops a slot whose layout failed, so failures take no room (unless
    /// another caller has replaced it since).
    fn forget(&self, key: &GuideKey, slot: &Slot) {
        let mut entries = lock(&self.entries);
        entries.retain(|(k, s)| !(k == key && Arc::ptr_eq(s, slot)));
    }
}

/// Locks, recovering from poisoning: every critical section leaves the data
/// consistent, so a panic elsewhere is no reason to fail here.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plan::request::StepText;
    use plan::GuideRequest;

    fn plan(title: &str) -> plan::Plan {
        let request = GuideRequest {
            title: title.into(),
            materials: vec!["glass jar".into()],
            steps: vec![StepText::new("Paint the jar", "Paint the glass jar blue.")],
            ..GuideRequest::default()
        };
        extract::plan_for(&request)
    }

    #[test]
    fn keys_depend_on_plan_and_size() {
        let (a, b) = (plan("Jar"), plan("Vase"));
        let key = guide_key(&a, 512, 384).unwrap();
        assert_eq!(key, guide_key(&a, 512, 384).unwrap());
        assert_ne!(key, guide_key(&b, 512, 384).unwrap());
        assert_ne!(key, guide_key(&a, 384, 512).unwrap());
        assert_ne!(key, guide_key(&a, 512, 385).unwrap());
    }

    #[test]
    fn hits_do_not_lay_out_again() {
        let cache = GuideCache::new(4);
        let p = plan("Jar");
        let key = guide_key(&p, 256, 256).unwrap();
        let first = cache.get_or_layout(key, &p, 256, 256).unwrap();
        let second = cache.get_or_layout(key, &p, 256, 256).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!((cache.layouts(), cache.len()), (1, 1));
    }

    #[test]
    fn evicts_the_least_recently_used() {
        let cache = GuideCache::new(2);
        let p = plan("Jar");
        let key = |w| guide_key(&p, w, 256).unwrap();
        cache.get_or_layout(key(256), &p, 256, 256).unwrap();
        cache.get_or_layout(key(257), &p, 257, 256).unwrap();
        // Touch 256 so 257 is the least recently used.
        cache.get_or_layout(key(256), &p, 256, 256).unwrap();
        cache.get_or_layout(key(258), &p, 258, 256).unwrap();
        assert_eq!((cache.layouts(), cache.len()), (3, 2));
        cache.get_or_layout(key(256), &p, 256, 256).unwrap();
        assert_eq!(cache.layouts(), 3, "256 was kept");
        cache.get_or_layout(key(257), &p, 257, 256).unwrap();
        assert_eq!(cache.layouts(), 4, "257 was evicted");
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn failed_layouts_are_not_kept() {
        let cache = GuideCache::new(2);
        let p = plan("Jar");
        let key = guide_key(&p, 10, 256).unwrap();
        assert!(matches!(
            cache.get_or_layout(key, &p, 10, 256),
            Err(RenderError::Size { .. })
        ));
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn capacity_is_at_least_one() {
        let cache = GuideCache::new(0);
        let p = plan("Jar");
        let key = guide_key(&p, 256, 256).unwrap();
        cache.get_or_layout(key, &p, 256, 256).unwrap();
        assert_eq!(cache.len(), 1);
    }
}
