//! The request log and counters: what every client sent and what it got,
//! so tests can check what a client really put on the wire (prompt text,
//! image bytes by hash, aspect ratio, concurrency) and not only what it
//! did with the answers.
//!
//! An entry is written when a request arrives and completed when it is
//! answered, so requests still in flight (or hanging) are visible too.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// One generateContent request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedRequest {
    /// 1 for the first request the fake saw, then counting up (never
    /// reset, not even by clearing the log).
    pub seq: u64,
    /// The model named in the URL.
    pub model: String,
    /// The API version named in the URL (`v1beta` or `v1`).
    pub api_version: String,
    /// Whether a key was sent (the key itself is never kept).
    pub key_given: bool,
    /// The text parts of the request's contents, in order.
    pub texts: Vec<String>,
    /// The text parts joined with newlines (what fault rules match).
    pub prompt: String,
    /// The system instruction's text, if one was sent.
    pub system_instruction: Option<String>,
    /// The inline images, in order.
    pub images: Vec<LoggedImage>,
    /// `imageConfig.aspectRatio` as sent (`None` when absent).
    pub aspect_ratio: Option<String>,
    /// `imageConfig.imageSize` as sent.
    pub image_size: Option<String>,
    /// `responseModalities` as sent (empty when absent).
    pub response_modalities: Vec<String>,
    /// Milliseconds since the fake started when the request arrived.
    pub arrived_ms: u64,
    /// When it was answered; `None` while in flight or hanging.
    pub finished_ms: Option<u64>,
    /// Requests already in flight when this one arrived.
    pub in_flight_at_arrival: usize,
    /// How it was answered; `None` while in flight.
    pub outcome: Option<Outcome>,
    /// The image sent back, if any.
    pub output_image: Option<LoggedImage>,
}

/// An image, described without its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedImage {
    pub mime_type: String,
    /// Length of the decoded bytes.
    pub bytes: usize,
    /// SHA-256 of the decoded bytes, lower-case hex.
    pub sha256: String,
    /// Pixel size, when the bytes decode as an image.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// How a request was answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The HTTP status sent; `None` when nothing was sent (a hang).
    pub status: Option<u16>,
    /// `image` for a generated image, `text` for a text-only answer to a
    /// request without the IMAGE modality, a fault's name for an injected
    /// fault, or why the request was refused: `concurrency_limit`,
    /// `no_key`, `bad_key`, `unknown_model`, `invalid_argument`.
    pub result: String,
}

/// Counters over the fake's life (total and peak restart when the log is
/// cleared).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// generateContent requests received, whatever their answer.
    pub total_requests: u64,
    /// The most requests in flight at once, counting every arrival,
    /// including those refused at once with 429.
    pub peak_in_flight: usize,
    /// Requests in flight now.
    pub in_flight: usize,
}

/// The log and counters, kept together under one lock so that the
/// in-flight count an entry records is consistent with the stats.
#[derive(Debug)]
pub(crate) struct Book {
    entries: VecDeque<LoggedRequest>,
    limit: usize,
    next_seq: u64,
    stats: Stats,
}

impl Book {
    pub(crate) fn new(limit: usize) -> Book {
        Book {
            entries: VecDeque::new(),
            limit: limit.max(1),
            next_seq: 1,
            stats: Stats::default(),
        }
    }

    /// Records an arrival; returns its sequence number and the count in
    /// flight before it.
    pub(crate) fn arrive(
        &mut self,
        model: &str,
        api_version: &str,
        key_given: bool,
        now_ms: u64,
    ) -> (u64, usize) {
        let seq = self.next_seq;
        self.next_seq += 1;
        let before = self.stats.in_flight;
        self.stats.in_flight += 1;
        self.stats.total_requests += 1;
        self.stats.peak_in_flight = self.stats.peak_in_flight.max(self.stats.in_flight);
        if self.entries.len() >= self.limit {
            self.entries.pop_front();
        }
        self.entries.push_back(LoggedRequest {
            seq,
            model: model.to_string(),
            api_version: api_version.to_string(),
            key_given,
            texts: Vec::new(),
            prompt: String::new(),
            system_instruction: None,
            images: Vec::new(),
            aspect_ratio: None,
            image_size: None,
            response_modalities: Vec::new(),
            arrived_ms: now_ms,
            finished_ms: None,
            in_flight_at_arrival: before,
            outcome: None,
            output_image: None,
        });
        (seq, before)
    }

    /// Changes the entry with this sequence number, if it is still kept.
    pub(crate) fn update(&mut self, seq: u64, change: impl FnOnce(&mut LoggedRequest)) {
        if let Some(entry) = self.entries.iter_mut().rev().find(|e| e.seq == seq) {
            change(entry);
        }
    }

    /// Records that a request left (answered, or its client went away).
    pub(crate) fn leave(&mut self) {
        self.stats.in_flight = self.stats.in_flight.saturating_sub(1);
    }

    pub(crate) fn entries(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn stats(&self) -> Stats {
        self.stats
    }

    /// Forgets the entries and restarts the total and the peak (the peak
    /// restarts at the number in flight now).
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.stats.total_requests = 0;
        self.stats.peak_in_flight = self.stats.in_flight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_counts_every_arrival_and_clear_restarts_it() {
        let mut book = Book::new(2);
        assert_eq!(book.arrive("m", "v1beta", true, 0), (1, 0));
        assert_eq!(book.arrive("m", "v1beta", true, 1), (2, 1));
        book.leave();
        assert_eq!(book.arrive("m", "v1beta", false, 2), (3, 1));
        assert_eq!(book.stats().peak_in_flight, 2);
        assert_eq!(book.entries().len(), 2, "the log keeps its limit");
        book.clear();
        assert_eq!(book.stats().peak_in_flight, 2);
        assert_eq!(book.stats().total_requests, 0);
        assert!(book.entries().is_empty());
    }
}
