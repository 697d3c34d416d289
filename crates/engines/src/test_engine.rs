//! A test engine that is slow and fails on purpose.
//!
//! The job runner's retries, concurrency limits, timeouts and panic boundary
//! can only be tested against an engine that misbehaves on cue. This one
//! follows a [`TestEngineScript`]: every call sleeps `delay` (use tokio's
//! paused time in tests), then, by step index, hangs forever, panics, fails
//! permanently, fails transiently for the first few calls, or succeeds with
//! a tiny PNG whose colour encodes the step index. It counts calls per step
//! and the most calls in flight at once.
//!
//! The panics are real: catching them is the job runner's business, and that
//! is what is under test.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use resvg::tiny_skia::{Color, Pixmap};

use crate::engine::{EngineError, EngineImage, EngineRequest, ImageEngine};
use crate::guide_cache::lock;

/// Side of the test engine's square images, in pixels.
pub const TEST_IMAGE_SIDE: u32 = 8;

/// How the test engine misbehaves, by step index (0-based).
#[derive(Clone, Debug, Default)]
pub struct TestEngineScript {
    /// Every call sleeps this long (`tokio::time::sleep`).
    pub delay: Duration,
    /// `(step_index, n)`: the first `n` calls for that step fail
    /// transiently.
    pub transient_failures: Vec<(usize, u32)>,
    /// These steps always fail permanently.
    pub permanent_failures: Vec<usize>,
    /// These steps panic (inside `generate`) on every call.
    pub panics: Vec<usize>,
    /// These steps never finish.
    pub hangs: Vec<usize>,
    /// Put into transient errors.
    pub retry_after: Option<Duration>,
    /// Behave like a cloud engine that draws from references, so the
    /// runner follows the strategy's step graph.
    pub needs_references: bool,
    /// Partial images sent before each successful image (a streaming cloud
    /// engine's picture forming), each a darker shade of the final colour.
    pub partial_images: u32,
}

/// An engine that does what its script says.
pub struct TestEngine {
    script: TestEngineScript,
    calls: Mutex<HashMap<usize, u32>>,
    total_calls: AtomicU32,
    in_flight: AtomicU32,
    max_in_flight: AtomicU32,
    /// Each call's step index and the kinds of references it carried, in
    /// call order.
    requests: Mutex<Vec<(usize, Vec<crate::engine::ReferenceKind>)>>,
}

impl TestEngine {
    pub fn new(script: TestEngineScript) -> Self {
        TestEngine {
            script,
            calls: Mutex::new(HashMap::new()),
            total_calls: AtomicU32::new(0),
            in_flight: AtomicU32::new(0),
            max_in_flight: AtomicU32::new(0),
            requests: Mutex::new(Vec::new()),
        }
    }

    /// Step indices in the order their calls started.
    pub fn call_order(&self) -> Vec<usize> {
        lock(&self.requests).iter().map(|(step, _)| *step).collect()
    }

    /// The reference kinds each call for `step_index` carried.
    pub fn references_sent(&self, step_index: usize) -> Vec<Vec<crate::engine::ReferenceKind>> {
        lock(&self.requests)
            .iter()
            .filter(|(step, _)| *step == step_index)
            .map(|(_, kinds)| kinds.clone())
            .collect()
    }

    /// Calls for `step_index` so far (including ones still running).
    pub fn calls(&self, step_index: usize) -> u32 {
        lock(&self.calls).get(&step_index).copied().unwrap_or(0)
    }

    /// Calls for every step so far.
    pub fn total_calls(&self) -> u32 {
        self.total_calls.load(Ordering::SeqCst)
    }

    /// Calls in flight now.
    pub fn in_flight(&self) -> u32 {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// The highest number of calls in flight at once so far. A call leaves
    /// the flight when it returns, panics or is dropped (a timeout).
    pub fn max_in_flight(&self) -> u32 {
        self.max_in_flight.load(Ordering::SeqCst)
    }

    /// The colour of step `step_index`'s image: the index's low 24 bits as
    /// red, green, blue (big-endian).
    pub fn color_for(step_index: usize) -> [u8; 3] {
        let [.., r, g, b] = (step_index as u64 & 0x00ff_ffff).to_be_bytes();
        [r, g, b]
    }

    /// Counts a call and returns its number for the step (1 for the first).
    fn count(&self, step_index: usize) -> u32 {
        self.total_calls.fetch_add(1, Ordering::SeqCst);
        let mut calls = lock(&self.calls);
        let n = calls.entry(step_index).or_insert(0);
        *n = n.saturating_add(1);
        *n
    }

    fn transient_failures(&self, step_index: usize) -> u32 {
        self.script
            .transient_failures
            .iter()
            .filter(|(step, _)| *step == step_index)
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0)
    }
}

#[async_trait::async_trait]
impl ImageEngine for TestEngine {
    fn name(&self) -> &'static str {
        "test"
    }

    fn needs_references(&self) -> bool {
        self.script.needs_references
    }

    fn streams_partials(&self) -> bool {
        self.script.partial_images > 0
    }

    async fn generate(&self, request: EngineRequest) -> Result<EngineImage, EngineError> {
        let step = request.step_index;
        lock(&self.requests).push((
            step,
            request.references.iter().map(|r| r.kind.clone()).collect(),
        ));
        let call = self.count(step);
        let _flight = InFlight::enter(&self.in_flight, &self.max_in_flight);
        if !self.script.delay.is_zero() {
            tokio::time::sleep(self.script.delay).await;
        }
        if self.script.hangs.contains(&step) {
            std::future::pending::<()>().await;
        }
        if self.script.panics.contains(&step) {
            panic!("test engine: step {step} panics on purpose (call {call})");
        }
        if self.script.permanent_failures.contains(&step) {
            return Err(EngineError::permanent(format!(
                "test engine: step {step} fails permanently on purpose"
            )));
        }
        if call <= self.transient_failures(step) {
            return Err(EngineError::Transient {
                message: format!("test engine: step {step} fails transiently on call {call}"),
                retry_after: self.script.retry_after,
            });
        }
        let color = TestEngine::color_for(step);
        if let Some(sink) = &request.partials {
            for index in 0..self.script.partial_images {
                let shade = color
                    .map(|c| (u32::from(c) * (index + 1) / (self.script.partial_images + 1)) as u8);
                let _ = sink.send(crate::engine::PartialImage {
                    index,
                    bytes: tiny_png(shade)?.into(),
                    content_type: "image/png",
                });
            }
        }
        let bytes = tiny_png(color)?;
        Ok(EngineImage::local(bytes, "image/png"))
    }
}

/// An 8×8 PNG of one colour.
fn tiny_png([r, g, b]: [u8; 3]) -> Result<Vec<u8>, EngineError> {
    let mut pixmap = Pixmap::new(TEST_IMAGE_SIDE, TEST_IMAGE_SIDE)
        .ok_or_else(|| EngineError::permanent("test engine: cannot allocate its image"))?;
    pixmap.fill(Color::from_rgba8(r, g, b, 255));
    render::encode::png(&pixmap).map_err(|e| EngineError::permanent(e.to_string()))
}

/// Counts a call in flight until dropped, which also happens when the call
/// panics or its future is dropped by a timeout.
struct InFlight<'a> {
    in_flight: &'a AtomicU32,
}

impl<'a> InFlight<'a> {
    fn enter(in_flight: &'a AtomicU32, max: &AtomicU32) -> Self {
        let now = in_flight.fetch_add(1, Ordering::SeqCst).saturating_add(1);
        max.fetch_max(now, Ordering::SeqCst);
        InFlight { in_flight }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_encode_the_index() {
        assert_eq!(TestEngine::color_for(0), [0, 0, 0]);
        assert_eq!(TestEngine::color_for(7), [0, 0, 7]);
        assert_eq!(TestEngine::color_for(0x01_02_03), [1, 2, 3]);
    }

    #[test]
    fn tiny_png_is_a_png_of_that_colour() {
        let png = tiny_png([10, 20, 30]).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let pixmap = Pixmap::decode_png(&png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (8, 8));
        for p in pixmap.pixels() {
            assert_eq!([p.red(), p.green(), p.blue(), p.alpha()], [10, 20, 30, 255]);
        }
    }

    #[test]
    fn the_largest_transient_count_wins() {
        let engine = TestEngine::new(TestEngineScript {
            transient_failures: vec![(1, 2), (1, 3), (2, 1)],
            ..TestEngineScript::default()
        });
        assert_eq!(engine.transient_failures(1), 3);
        assert_eq!(engine.transient_failures(2), 1);
        assert_eq!(engine.transient_failures(0), 0);
    }
}
