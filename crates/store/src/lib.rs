//! Storage for stepcast: guide and step state with an event log, the task
//! queue the background runner leases work from, and the content-addressed
//! image store.
//!
//! Each kind of storage sits behind a small trait ([`StateStore`],
//! [`TaskQueue`], [`BlobStore`]) so that the server and runner are written
//! once; the embedded implementations here ([`SqliteStore`],
//! [`LocalBlobStore`]) need nothing but a data directory; images can also live
//! in an S3-compatible bucket ([`ObjectBlobStore::s3`]), and state and
//! queue in Redis ([`RedisStore`]) for several processes on many machines.
//! Callers pass timestamps in; no store reads the clock.

mod blob;
mod error;
mod model;
mod object_blob;
mod queue;
mod redis;
mod sqlite;
mod state;
#[cfg(feature = "testing")]
pub mod testing;

pub use blob::{content_type_of, image_id_is_valid, Blob, BlobStore};
pub use error::StoreError;
pub use model::{
    Counts, Created, Event, Guide, GuideStatus, NewGuide, Step, StepReference, StepStatus,
    StepUpdate, StepUsage, StoredPlan, Timestamp,
};
pub use object_blob::{LocalBlobStore, ObjectBlobStore, S3Settings};
pub use queue::{Task, TaskQueue};
pub use redis::{RedisSettings, RedisStore};
pub use sqlite::SqliteStore;
pub use state::StateStore;
