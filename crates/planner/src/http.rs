//! What the provider clients share: one way to build the HTTP client, and
//! the retry policy for a call that a whole guide waits for.
//!
//! Rate limits (waiting out `Retry-After` up to a bound), server errors
//! and timeouts are tried again a few times: planning is one call, and a
//! fallback to the offline plan for one busy second would be a poor trade.
//! Everything else (a missing model, a bad key, a refusal) is final.

use std::future::Future;
use std::time::Duration;

use crate::WriterError;

/// Tries after the first for a rate limit, a server error or a timeout.
const RETRIES: u32 = 2;
/// The longest wait worth making; a longer `Retry-After` means fall back.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(20);

/// An HTTP client with `timeout` per call and stepcast's user agent.
pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("stepcast/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())
}

/// The `Retry-After` header in seconds (fractions allowed), if any.
pub fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs >= 0.0)
        .map(Duration::from_secs_f64)
}

/// A call's failure, with how long to wait before trying again when it is
/// worth trying again.
pub type CallError = (WriterError, Option<Duration>);

/// Runs `call` until it succeeds, fails for good, or has been tried again
/// [`RETRIES`] times.
pub async fn with_retries<T, F, Fut>(model: &str, mut call: F) -> Result<T, WriterError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CallError>>,
{
    let mut tries = 0;
    loop {
        match call().await {
            Ok(answer) => return Ok(answer),
            Err((error, Some(wait))) if tries < RETRIES && wait <= MAX_RETRY_WAIT => {
                tracing::info!(model, %error, ?wait, "asking the model again");
                tokio::time::sleep(wait).await;
                tries += 1;
            }
            Err((error, _)) => return Err(error),
        }
    }
}
