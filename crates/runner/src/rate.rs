//! A per-engine rate limit (calls per minute), spacing calls evenly: each
//! caller takes the next free slot and sleeps until it.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct RateLimit {
    spacing: Option<Duration>,
    next: Mutex<Option<Instant>>,
}

impl RateLimit {
    /// `per_minute` = 0 means no limit.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            spacing: (per_minute > 0).then(|| Duration::from_secs(60) / per_minute),
            next: Mutex::new(None),
        }
    }

    /// Waits for this caller's slot.
    pub async fn acquire(&self) {
        let Some(spacing) = self.spacing else {
            return;
        };
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + spacing);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn calls_are_spaced_by_the_limit() {
        let limit = RateLimit::new(60);
        let start = Instant::now();
        for _ in 0..3 {
            limit.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        let free = RateLimit::new(0);
        let start = Instant::now();
        free.acquire().await;
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
