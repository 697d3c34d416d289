//! The runner's policy, as plain functions: how long to wait before a
//! retry, and what a guide's status is once its steps are done.

use std::time::Duration;

use store::{GuideStatus, Step, StepStatus};

/// The longest wait between tries.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Exponential backoff with jitter: `base · 2^(attempt-1)`, capped, times a
/// factor in [0.5, 1.0) drawn from the task and attempt (so concurrent
/// retries spread out, and a rerun of a test waits the same). A provider's
/// own `retry_after` wins when it is longer.
pub fn backoff(
    base: Duration,
    attempt: u32,
    task_id: i64,
    retry_after: Option<Duration>,
) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let capped = exp.min(MAX_BACKOFF);
    let mut x = (task_id as u64) ^ (u64::from(attempt) << 32) ^ 0x9e37_79b9_7f4a_7c15;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    let jitter = 0.5 + (x % 1000) as f64 / 2000.0;
    let wait = capped.mul_f64(jitter);
    match retry_after {
        Some(r) if r > wait => r.min(MAX_BACKOFF * 4),
        _ => wait,
    }
}

/// The guide's final status once no step is pending or generating, else
/// `None`.
pub fn final_status(steps: &[Step]) -> Option<GuideStatus> {
    if steps
        .iter()
        .any(|s| matches!(s.status, StepStatus::Pending | StepStatus::Generating))
    {
        return None;
    }
    let failed = steps
        .iter()
        .filter(|s| s.status == StepStatus::Failed)
        .count();
    Some(if failed == 0 {
        GuideStatus::Completed
    } else if failed == steps.len() {
        GuideStatus::Failed
    } else {
        GuideStatus::CompletedWithErrors
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(status: StepStatus) -> Step {
        Step {
            guide_id: "g".into(),
            number: 1,
            status,
            image_id: None,
            generated_at: None,
            error: None,
            attempts: 0,
            prompt_used: None,
            preview_id: None,
            references: Vec::new(),
            usage: None,
            check: None,
        }
    }

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let base = Duration::from_millis(500);
        let waits: Vec<Duration> = (1..=4).map(|a| backoff(base, a, 7, None)).collect();
        for (a, w) in waits.iter().enumerate() {
            let full = base * (1 << a);
            assert!(*w >= full / 2 && *w < full, "attempt {}: {w:?}", a + 1);
        }
        assert!(backoff(base, 40, 7, None) <= MAX_BACKOFF);
        assert_ne!(backoff(base, 3, 1, None), backoff(base, 3, 2, None));
        assert_eq!(backoff(base, 3, 1, None), backoff(base, 3, 1, None));
        let told = Duration::from_secs(9);
        assert_eq!(backoff(base, 1, 1, Some(told)), told);
    }

    #[test]
    fn guide_status_follows_its_steps() {
        use StepStatus::*;
        assert_eq!(final_status(&[step(Completed), step(Pending)]), None);
        assert_eq!(final_status(&[step(Completed), step(Generating)]), None);
        assert_eq!(
            final_status(&[step(Completed)]),
            Some(GuideStatus::Completed)
        );
        assert_eq!(
            final_status(&[step(Completed), step(Failed)]),
            Some(GuideStatus::CompletedWithErrors)
        );
        assert_eq!(final_status(&[step(Failed)]), Some(GuideStatus::Failed));
    }
}
