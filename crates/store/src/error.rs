//! The one error type of the crate.
//!
//! Callers (the HTTP server, the runner) map errors to responses and metrics by
//! [`StoreError::code`], which stays stable while messages may change. Backend
//! errors are carried as text so that no backend type leaks into the public API
//! and a distributed implementation can report through the same variants.

/// Anything that can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The guide, step or task named does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// An image id that is not `<64 lowercase hex>.<ext>`; rejected before any
    /// storage is touched.
    #[error("invalid image id")]
    InvalidImageId,
    /// A blob whose content type the image store does not keep.
    #[error("unsupported content type {0:?}")]
    UnsupportedType(String),
    /// The state database failed (I/O, locking, constraint).
    #[error("database: {0}")]
    Database(String),
    /// The blob storage failed (I/O).
    #[error("blob store: {0}")]
    Blob(String),
    /// Something read back could not be decoded (bad JSON, unknown status,
    /// out-of-range number): the data was changed outside this crate.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A conditional write found a newer version than the one the writer
    /// read (two editors of one plan): nothing was written.
    #[error("version {expected} is not the newest (it is {current})")]
    VersionConflict { expected: u32, current: u32 },
}

impl StoreError {
    /// A short machine-readable name for the kind of error, stable across
    /// releases: `not_found`, `invalid_image_id`, `unsupported_type`,
    /// `storage_error` (database or blob I/O), `storage_corrupt` or
    /// `version_conflict`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound(_) => "not_found",
            StoreError::InvalidImageId => "invalid_image_id",
            StoreError::UnsupportedType(_) => "unsupported_type",
            StoreError::Database(_) | StoreError::Blob(_) => "storage_error",
            StoreError::Corrupt(_) => "storage_corrupt",
            StoreError::VersionConflict { .. } => "version_conflict",
        }
    }
}
