//! How a fake behaves: its key, its speed, its capacity and its faults.
//!
//! Everything random (latency, random failures) comes from RNGs seeded
//! with [`FakeConfig::seed`], so a run that sends the same requests in the
//! same order meets the same delays and failures.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::faults::{Fault, FaultRule};

/// The configuration of one fake server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FakeConfig {
    /// The key clients must send (`x-goog-api-key` or `?key=`); `None`
    /// accepts any key and none.
    pub api_key: Option<String>,
    /// How long each request takes before it is answered.
    pub latency: Latency,
    /// Requests that may be in flight at once; one that arrives while this
    /// many are in flight is answered 429 at once. `None` = no limit.
    pub max_concurrent: Option<usize>,
    /// The wait 429 answers ask for in their `RetryInfo`.
    pub retry_delay: Duration,
    /// Seeds the latency and random-failure RNGs.
    pub seed: u64,
    /// The share of requests (0.0 to 1.0) that fail at random with
    /// `fail_with`, when no fault rule applies.
    pub fail_rate: f64,
    /// The fault random failures use.
    pub fail_with: Fault,
    /// Fault rules active from the start (more can be added at run time).
    pub faults: Vec<FaultRule>,
    /// The largest request body accepted (Gemini's inline limit is 20 MB).
    pub max_body_bytes: usize,
    /// The most requests kept in the log; the oldest are dropped first.
    pub log_limit: usize,
}

impl Default for FakeConfig {
    fn default() -> FakeConfig {
        FakeConfig {
            api_key: None,
            latency: Latency::NONE,
            max_concurrent: None,
            retry_delay: Duration::from_secs(2),
            seed: 0,
            fail_rate: 0.0,
            fail_with: Fault::Unavailable,
            faults: Vec::new(),
            max_body_bytes: 20 * 1024 * 1024,
            log_limit: 10_000,
        }
    }
}

impl FakeConfig {
    /// Checks the values that have a valid range.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.fail_rate) {
            return Err(format!(
                "fail_rate {} is not between 0 and 1",
                self.fail_rate
            ));
        }
        if self.latency.jitter > self.latency.mean {
            return Err(format!(
                "latency jitter {:?} is larger than the mean {:?}",
                self.latency.jitter, self.latency.mean
            ));
        }
        if self.max_concurrent == Some(0) {
            return Err("max_concurrent must be at least 1".to_string());
        }
        Ok(())
    }
}

/// A latency distribution: uniform in `mean ± jitter`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Latency {
    pub mean: Duration,
    pub jitter: Duration,
}

impl Latency {
    /// Answers at once.
    pub const NONE: Latency = Latency {
        mean: Duration::ZERO,
        jitter: Duration::ZERO,
    };

    /// Always exactly `mean`.
    pub fn fixed(mean: Duration) -> Latency {
        Latency {
            mean,
            jitter: Duration::ZERO,
        }
    }

    /// Uniform in `mean ± jitter` (`jitter` at most `mean`).
    pub fn uniform(mean: Duration, jitter: Duration) -> Latency {
        Latency { mean, jitter }
    }

    /// Draws one delay.
    pub(crate) fn sample(&self, rng: &mut impl rand::Rng) -> Duration {
        use rand::RngExt as _;
        if self.jitter.is_zero() {
            return self.mean;
        }
        let low = self.mean.saturating_sub(self.jitter).as_micros() as u64;
        let high = (self.mean + self.jitter).as_micros() as u64;
        Duration::from_micros(rng.random_range(low..=high))
    }
}
