//! The request log and counters: what every client sent and what it got,
//! so tests can check what a client really put on the wire (prompt, image
//! bytes by hash, size, quality, fidelity, streaming, the response format)
//! and not only what it did with the answers.
//!
//! An entry is written when a request arrives and completed as it is read
//! and answered, so requests still in flight (or hanging) are visible too.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

pub use fake_gemini::{LoggedImage, Outcome, Stats};

/// The API endpoints the fake serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Endpoint {
    /// `POST /v1/images/generations`.
    #[serde(rename = "images.generations")]
    Generations,
    /// `POST /v1/images/edits`.
    #[serde(rename = "images.edits")]
    Edits,
    /// `POST /v1/responses`.
    #[serde(rename = "responses")]
    Responses,
}

impl Endpoint {
    /// The name used in logs, fault rules and stream event types.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Generations => "images.generations",
            Endpoint::Edits => "images.edits",
            Endpoint::Responses => "responses",
        }
    }
}

/// One API request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedRequest {
    /// 1 for the first request the fake saw, then counting up (never
    /// reset, not even by clearing the log).
    pub seq: u64,
    pub endpoint: Endpoint,
    /// The `x-request-id` the answer carried.
    pub request_id: String,
    /// The model asked for (the default when none was named); `None` until
    /// the body was read or when it could not be.
    pub model: Option<String>,
    /// Whether a key was sent (the key itself is never kept).
    pub key_given: bool,
    /// The image prompt, or the Responses input's texts and instructions
    /// joined with newlines (what fault rules match).
    pub prompt: String,
    /// Responses: the `instructions`.
    pub instructions: Option<String>,
    /// Responses: every text of the input, in order.
    pub texts: Vec<String>,
    /// Input images (edits, or Responses `input_image` parts), in order.
    pub images: Vec<LoggedImage>,
    /// The edit mask, if one was sent.
    pub mask: Option<LoggedImage>,
    /// Image parameters as sent (`None` when absent).
    pub n: Option<u32>,
    pub size: Option<String>,
    pub quality: Option<String>,
    pub output_format: Option<String>,
    pub background: Option<String>,
    pub input_fidelity: Option<String>,
    pub partial_images: Option<u32>,
    /// Whether the answer was asked to stream.
    pub stream: bool,
    /// Responses: `text.format.type` (`text`, `json_object`, `json_schema`).
    pub text_format: Option<String>,
    /// Responses: `text.format.name` and `text.format.strict`.
    pub schema_name: Option<String>,
    pub strict: Option<bool>,
    /// Milliseconds since the fake started when the request arrived.
    pub arrived_ms: u64,
    /// When it was answered; `None` while in flight or hanging.
    pub finished_ms: Option<u64>,
    /// Requests already in flight when this one arrived.
    pub in_flight_at_arrival: usize,
    /// How it was answered; `None` while in flight.
    pub outcome: Option<Outcome>,
    /// The images sent back (one per `n`, partial images left out).
    pub output_images: Vec<LoggedImage>,
    /// Responses: the text sent back (or the refusal).
    pub output_text: Option<String>,
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
        endpoint: Endpoint,
        request_id: String,
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
            endpoint,
            request_id,
            model: None,
            key_given,
            prompt: String::new(),
            instructions: None,
            texts: Vec::new(),
            images: Vec::new(),
            mask: None,
            n: None,
            size: None,
            quality: None,
            output_format: None,
            background: None,
            input_fidelity: None,
            partial_images: None,
            stream: false,
            text_format: None,
            schema_name: None,
            strict: None,
            arrived_ms: now_ms,
            finished_ms: None,
            in_flight_at_arrival: before,
            outcome: None,
            output_images: Vec::new(),
            output_text: None,
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
        assert_eq!(
            book.arrive(Endpoint::Responses, "a".into(), true, 0),
            (1, 0)
        );
        assert_eq!(book.arrive(Endpoint::Edits, "b".into(), true, 1), (2, 1));
        book.leave();
        assert_eq!(
            book.arrive(Endpoint::Generations, "c".into(), false, 2),
            (3, 1)
        );
        assert_eq!(book.stats().peak_in_flight, 2);
        assert_eq!(book.entries().len(), 2, "the log keeps its limit");
        book.clear();
        assert_eq!(book.stats().total_requests, 0);
        assert!(book.entries().is_empty());
    }

    #[test]
    fn endpoints_serialise_by_their_names() {
        for endpoint in [Endpoint::Generations, Endpoint::Edits, Endpoint::Responses] {
            assert_eq!(
                serde_json::to_value(endpoint).expect("json"),
                serde_json::Value::String(endpoint.name().to_string())
            );
        }
    }
}
