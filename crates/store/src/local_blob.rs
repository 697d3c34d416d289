//! The embedded image store: files under `<dir>/images`, via `object_store`.
//!
//! Going through `object_store` rather than `std::fs` keeps this backend and a
//! future S3 one the same code apart from the constructor, and gives atomic
//! writes (a staged file renamed into place), so a reader never sees half an
//! image. Files fan out into `<first 2 hex>/<id>` so no directory grows huge.

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use futures::TryStreamExt;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutPayload};

use crate::blob::{content_type_of, image_id_for, image_id_is_valid, Blob, BlobStore};
use crate::error::StoreError;

/// Images as files under `<dir>/images`.
#[derive(Clone, Debug)]
pub struct LocalBlobStore {
    files: Arc<LocalFileSystem>,
}

impl LocalBlobStore {
    /// Opens the store rooted at `<dir>/images`, creating the directories if
    /// missing.
    pub fn open(dir: &std::path::Path) -> Result<LocalBlobStore, StoreError> {
        let root = dir.join("images");
        std::fs::create_dir_all(&root)
            .map_err(|e| StoreError::Blob(format!("creating {}: {e}", root.display())))?;
        let files = LocalFileSystem::new_with_prefix(&root).map_err(blob_error)?;
        Ok(LocalBlobStore {
            files: Arc::new(files),
        })
    }
}

/// Where an (already validated) image id is kept.
fn object_path(image_id: &str) -> ObjectPath {
    let fan_out = image_id.get(..2).unwrap_or_default();
    ObjectPath::from_iter([fan_out, image_id])
}

/// Checks an id from outside before it is turned into a path.
fn checked_path(image_id: &str) -> Result<ObjectPath, StoreError> {
    if image_id_is_valid(image_id) {
        Ok(object_path(image_id))
    } else {
        Err(StoreError::InvalidImageId)
    }
}

fn blob_error(error: object_store::Error) -> StoreError {
    StoreError::Blob(error.to_string())
}

#[async_trait]
impl BlobStore for LocalBlobStore {
    async fn put(&self, bytes: Bytes, content_type: &str) -> Result<String, StoreError> {
        let image_id = image_id_for(&bytes, content_type)?;
        let path = object_path(&image_id);
        // Create-only: the same id means the same bytes, so an existing file
        // (from an earlier or a concurrent put) is already the right one.
        match self
            .files
            .put_opts(&path, PutPayload::from(bytes), PutMode::Create.into())
            .await
        {
            Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(image_id),
            Err(error) => Err(blob_error(error)),
        }
    }

    async fn get(&self, image_id: &str) -> Result<Option<Blob>, StoreError> {
        let path = checked_path(image_id)?;
        let content_type = content_type_of(image_id).ok_or(StoreError::InvalidImageId)?;
        let found = match self.files.get(&path).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(error) => return Err(blob_error(error)),
        };
        let bytes = match found.bytes().await {
            Ok(bytes) => bytes,
            // Deleted between opening and reading.
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(error) => return Err(blob_error(error)),
        };
        Ok(Some(Blob {
            bytes,
            content_type,
        }))
    }

    async fn delete(&self, image_id: &str) -> Result<(), StoreError> {
        let path = checked_path(image_id)?;
        match self.files.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(blob_error(error)),
        }
    }

    async fn list(&self) -> Result<Vec<String>, StoreError> {
        let objects: Vec<_> = self
            .files
            .list(None)
            .try_collect()
            .await
            .map_err(blob_error)?;
        // Only files that are where their id says: anything else in the
        // directory (staging files, strays) is not an image of this store.
        let mut ids: Vec<String> = objects
            .into_iter()
            .filter_map(|object| {
                let id = object.location.filename()?.to_string();
                (image_id_is_valid(&id) && object.location == object_path(&id)).then_some(id)
            })
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}
