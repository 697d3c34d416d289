//! How a fake behaves: its key, its speed, its capacity and its faults.
//!
//! Latency is drawn from an RNG seeded with [`FakeOpenAiConfig::seed`], so
//! a run that sends the same requests in the same order meets the same
//! delays; ids (`resp_...`, `x-request-id`) derive from the seed too.

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use fake_gemini::Latency;

use crate::faults::FaultRule;

/// The configuration of one fake server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FakeOpenAiConfig {
    /// The key clients must send as `Authorization: Bearer KEY`; `None`
    /// accepts any key and none.
    pub api_key: Option<String>,
    /// How long each request takes before it is answered (a streamed
    /// answer starts after it).
    pub latency: Latency,
    /// Requests that may be in flight at once; one that arrives while this
    /// many are in flight is answered 429 `rate_limit_exceeded` at once.
    /// `None` = no limit.
    pub max_concurrent: Option<usize>,
    /// The wait 429 answers ask for (`retry-after`, `retry-after-ms`).
    pub retry_after: Duration,
    /// The pause between the events of a streamed image answer, so a
    /// client sees partial images arrive one by one.
    pub stream_interval: Duration,
    /// Seeds the latency RNG and the ids.
    pub seed: u64,
    /// Fault rules active from the start (more can be added at run time).
    pub faults: Vec<FaultRule>,
    /// The largest request body accepted (edits upload up to 16 images).
    pub max_body_bytes: usize,
    /// The most requests kept in the log; the oldest are dropped first.
    pub log_limit: usize,
}

impl Default for FakeOpenAiConfig {
    fn default() -> FakeOpenAiConfig {
        FakeOpenAiConfig {
            api_key: None,
            latency: Latency::NONE,
            max_concurrent: None,
            retry_after: Duration::from_secs(2),
            stream_interval: Duration::from_millis(10),
            seed: 0,
            faults: Vec::new(),
            max_body_bytes: 64 * 1024 * 1024,
            log_limit: 10_000,
        }
    }
}

impl FakeOpenAiConfig {
    /// Checks the values that have a valid range.
    pub fn validate(&self) -> Result<(), String> {
        if self.latency.jitter > self.latency.mean {
            return Err(format!(
                "latency jitter {:?} is larger than the mean {:?}",
                self.latency.jitter, self.latency.mean
            ));
        }
        if self.max_concurrent == Some(0) {
            return Err("max_concurrent must be at least 1".to_string());
        }
        if self.max_body_bytes == 0 {
            return Err("max_body_bytes must be at least 1".to_string());
        }
        Ok(())
    }
}

/// Draws one delay, uniform in `mean ± jitter`.
pub(crate) fn sample(latency: &Latency, rng: &mut impl rand::Rng) -> Duration {
    use rand::RngExt as _;
    if latency.jitter.is_zero() {
        return latency.mean;
    }
    let low =
        u64::try_from(latency.mean.saturating_sub(latency.jitter).as_micros()).unwrap_or(u64::MAX);
    let high = u64::try_from((latency.mean + latency.jitter).as_micros()).unwrap_or(u64::MAX);
    Duration::from_micros(rng.random_range(low..=high))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng as _;

    #[test]
    fn bad_values_are_refused() {
        assert!(FakeOpenAiConfig::default().validate().is_ok());
        let config = FakeOpenAiConfig {
            max_concurrent: Some(0),
            ..FakeOpenAiConfig::default()
        };
        assert!(config.validate().is_err());
        let config = FakeOpenAiConfig {
            latency: Latency::uniform(Duration::from_millis(1), Duration::from_millis(2)),
            ..FakeOpenAiConfig::default()
        };
        assert!(config.validate().is_err());
    }

    #[test]
    fn delays_stay_in_their_range() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let latency = Latency::uniform(Duration::from_millis(100), Duration::from_millis(50));
        for _ in 0..100 {
            let delay = sample(&latency, &mut rng);
            assert!(delay >= Duration::from_millis(50) && delay <= Duration::from_millis(150));
        }
        assert_eq!(
            sample(&Latency::fixed(Duration::from_millis(7)), &mut rng),
            Duration::from_millis(7)
        );
    }
}
