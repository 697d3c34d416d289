//! One atomic state change on Redis: optimistic on the guide's revision.
//!
//! A change is computed in Rust from what was read (so the records keep
//! their exact serde form, floats included) and then committed by one Lua
//! script that checks the guide's revision has not moved, applies every
//! write, and appends the change's event with the next store-wide seq. Two
//! writers of one guide that read the same revision cannot both commit:
//! the second sees the new revision and reads again. This is MULTI/EXEC
//! with WATCH, without needing a connection of its own per change.

use std::sync::LazyLock;

use redis::aio::ConnectionManager;
use redis::Script;

use super::keys::Keys;
use super::{parse_error, redis_error};
use crate::error::StoreError;
use crate::model::{Event, Timestamp};

/// How many times a change is recomputed when another writer of the same
/// guide committed first, before giving up.
pub const MAX_CONFLICTS: usize = 200;

/// About how many events a guide's stream keeps (the stream is capped
/// so a long-lived guide cannot grow without bound).
const EVENT_STREAM_CAP: u32 = 10_000;

static COMMIT: LazyLock<Script> = LazyLock::new(|| Script::new(include_str!("commit.lua")));

/// What the guide's revision must be for the change to apply.
#[derive(Clone, Debug)]
pub enum Expect {
    /// The guide must not exist (creation).
    Absent,
    /// The guide must exist; its revision may have moved (appending an
    /// event that changes no state).
    Present,
    /// The guide's revision must be exactly this.
    Revision(String),
}

/// The result of trying a change.
pub enum Outcome {
    /// Applied; the event (if the change had one) with its seq.
    Committed(Option<Event>),
    /// The revision did not match (or the guide's presence was not as
    /// expected); nothing changed.
    Conflict,
}

/// A change being built: writes, then at most one event.
pub struct Commit {
    keys: Vec<String>,
    ops: Vec<String>,
    op_count: usize,
    expect: Expect,
    event: Option<(String, String, serde_json::Value, Timestamp)>,
    channel: String,
}

impl Commit {
    /// A change of guide `id`, applied only if `expect` holds.
    pub fn new(keys: &Keys, id: &str, expect: Expect) -> Commit {
        Commit {
            keys: vec![keys.guide(id), keys.events(id), keys.seq()],
            ops: Vec::new(),
            op_count: 0,
            expect,
            event: None,
            channel: keys.live(),
        }
    }

    /// Adds one write: `command key args…` (a command the script allows).
    pub fn write<I, A>(&mut self, command: &str, key: &str, args: I) -> &mut Commit
    where
        I: IntoIterator<Item = A>,
        A: ToString,
    {
        let index = match self.keys.iter().position(|k| k == key) {
            Some(index) => index + 1,
            None => {
                self.keys.push(key.to_string());
                self.keys.len()
            }
        };
        let args: Vec<String> = args.into_iter().map(|a| a.to_string()).collect();
        self.ops.push(command.to_string());
        self.ops.push(index.to_string());
        self.ops.push(args.len().to_string());
        self.ops.extend(args);
        self.op_count += 1;
        self
    }

    /// Sets the event the change appends.
    pub fn event(&mut self, id: &str, kind: &str, data: serde_json::Value, at: Timestamp) {
        self.event = Some((id.to_string(), kind.to_string(), data, at));
    }

    /// Runs the change.
    pub async fn run(self, connection: &ConnectionManager) -> Result<Outcome, StoreError> {
        let expect = match &self.expect {
            Expect::Absent => "absent".to_string(),
            Expect::Present => "present".to_string(),
            Expect::Revision(rev) => rev.clone(),
        };
        let payload = match &self.event {
            Some((id, kind, data, at)) => serde_json::to_string(&EventPayload {
                guide_id: id,
                kind,
                data,
                at: *at,
            })
            .map_err(|e| StoreError::Corrupt(format!("event JSON: {e}")))?,
            None => String::new(),
        };
        let mut invocation = COMMIT.prepare_invoke();
        for key in &self.keys {
            invocation.key(key);
        }
        invocation
            .arg(expect)
            .arg(&payload)
            .arg(EVENT_STREAM_CAP)
            .arg(&self.channel)
            .arg(self.op_count);
        for op in &self.ops {
            invocation.arg(op);
        }
        let mut connection = connection.clone();
        let (applied, value): (i64, redis::Value) = invocation
            .invoke_async(&mut connection)
            .await
            .map_err(redis_error)?;
        if applied == 0 {
            return Ok(Outcome::Conflict);
        }
        let seq: i64 = redis::from_redis_value(value).map_err(parse_error)?;
        Ok(Outcome::Committed(self.event.map(
            |(guide_id, kind, data, at)| Event {
                seq,
                guide_id,
                kind,
                data,
                at,
            },
        )))
    }
}

/// An event as stored in a guide's stream and published live: everything
/// but its seq, which is the stream entry's id.
#[derive(serde::Serialize)]
struct EventPayload<'a> {
    guide_id: &'a str,
    kind: &'a str,
    data: &'a serde_json::Value,
    at: Timestamp,
}

/// The same, read back.
#[derive(serde::Deserialize)]
struct StoredPayload {
    guide_id: String,
    kind: String,
    data: serde_json::Value,
    at: Timestamp,
}

/// Decodes an event from its seq and payload JSON.
pub fn decode_event(seq: i64, payload: &str) -> Result<Event, StoreError> {
    let stored: StoredPayload = serde_json::from_str(payload)
        .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
    Ok(Event {
        seq,
        guide_id: stored.guide_id,
        kind: stored.kind,
        data: stored.data,
        at: stored.at,
    })
}

/// Decodes a live message: `SEQ PAYLOAD`.
pub fn decode_live(message: &str) -> Result<Event, StoreError> {
    let (seq, payload) = message
        .split_once(' ')
        .ok_or_else(|| StoreError::Corrupt("live event without a seq".into()))?;
    let seq = seq
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("live event seq {seq:?}")))?;
    decode_event(seq, payload)
}
