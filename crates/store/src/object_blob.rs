//! The image store over `object_store`: files under `<dir>/images` (the
//! embedded default) or objects in an S3-compatible bucket under a prefix.
//!
//! One implementation serves both, apart from the constructor, as in
//! pict-rs. Local writes are atomic (a staged file renamed into place), so a
//! reader never sees half an image; S3 puts are atomic by nature. Objects
//! fan out into `<first 2 hex>/<id>` so no directory grows huge.
//!
//! Local puts are create-only; S3 puts are plain overwrites, because not
//! every S3 server honours conditional puts (Garage ignores them), and an
//! id names its bytes, so writing the same object twice changes nothing.

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use futures::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};

use crate::blob::{content_type_of, image_id_for, image_id_is_valid, Blob, BlobStore};
use crate::error::StoreError;

/// Images as files in a directory or objects in an S3 bucket.
#[derive(Clone, Debug)]
pub struct ObjectBlobStore {
    objects: Arc<dyn ObjectStore>,
    /// Whether puts may be create-only (the local file system honours it).
    create_only: bool,
    /// Where the images are, for messages (`dir:...` or `s3://...`).
    location: String,
}

/// The embedded store's name, kept for the many callers that open a data
/// directory.
pub type LocalBlobStore = ObjectBlobStore;

/// Where an S3-compatible bucket is and how to sign requests to it.
#[derive(Clone, Default)]
pub struct S3Settings {
    pub bucket: String,
    /// Keys are `<prefix>/<fan-out>/<id>`; empty for the bucket's root.
    pub prefix: String,
    /// `http(s)://host:port` of a server that is not AWS (MinIO, Garage,
    /// s3s-fs); `None` for AWS itself.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .finish()
    }
}

impl S3Settings {
    /// Settings for `s3://BUCKET/PREFIX`, with the region and credentials
    /// from the standard AWS variables (`AWS_REGION` or
    /// `AWS_DEFAULT_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_ENDPOINT_URL`).
    pub fn from_url(url: &str) -> Result<S3Settings, StoreError> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| StoreError::Blob(format!("{url:?} is not an s3://BUCKET/PREFIX URL")))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(StoreError::Blob(format!("{url:?} names no bucket")));
        }
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Ok(S3Settings {
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
            endpoint: var("AWS_ENDPOINT_URL"),
            region: var("AWS_REGION")
                .or_else(|| var("AWS_DEFAULT_REGION"))
                .unwrap_or_else(|| "us-east-1".to_string()),
            access_key_id: var("AWS_ACCESS_KEY_ID").unwrap_or_default(),
            secret_access_key: var("AWS_SECRET_ACCESS_KEY").unwrap_or_default(),
        })
    }
}

impl ObjectBlobStore {
    /// Opens the store rooted at `<dir>/images`, creating the directories if
    /// missing.
    pub fn open(dir: &std::path::Path) -> Result<ObjectBlobStore, StoreError> {
        ObjectBlobStore::at(&dir.join("images"))
    }

    /// Opens the store rooted at `root` itself, creating it if missing.
    pub fn at(root: &std::path::Path) -> Result<ObjectBlobStore, StoreError> {
        let root = root.to_path_buf();
        std::fs::create_dir_all(&root)
            .map_err(|e| StoreError::Blob(format!("creating {}: {e}", root.display())))?;
        let files = LocalFileSystem::new_with_prefix(&root).map_err(blob_error)?;
        Ok(ObjectBlobStore {
            objects: Arc::new(files),
            create_only: true,
            location: format!("dir:{}", root.display()),
        })
    }

    /// The store in an S3 bucket (path-style addressing, which every
    /// S3-compatible server takes). Nothing is contacted until first use.
    pub fn s3(settings: &S3Settings) -> Result<ObjectBlobStore, StoreError> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key)
            .with_virtual_hosted_style_request(false);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let bucket = builder.build().map_err(blob_error)?;
        let objects: Arc<dyn ObjectStore> = if settings.prefix.is_empty() {
            Arc::new(bucket)
        } else {
            Arc::new(PrefixStore::new(bucket, settings.prefix.as_str()))
        };
        Ok(ObjectBlobStore {
            objects,
            create_only: false,
            location: format!("s3://{}/{}", settings.bucket, settings.prefix),
        })
    }

    /// `dir:PATH` or `s3://BUCKET/PREFIX`.
    pub fn location(&self) -> &str {
        &self.location
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
impl BlobStore for ObjectBlobStore {
    async fn put(&self, bytes: Bytes, content_type: &str) -> Result<String, StoreError> {
        let image_id = image_id_for(&bytes, content_type)?;
        let path = object_path(&image_id);
        // The same id means the same bytes, so an existing object (from an
        // earlier or a concurrent put) is already the right one.
        let mode: PutOptions = if self.create_only {
            PutMode::Create.into()
        } else {
            PutMode::Overwrite.into()
        };
        match self
            .objects
            .put_opts(&path, PutPayload::from(bytes), mode)
            .await
        {
            Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(image_id),
            Err(error) => Err(blob_error(error)),
        }
    }

    async fn get(&self, image_id: &str) -> Result<Option<Blob>, StoreError> {
        let path = checked_path(image_id)?;
        let content_type = content_type_of(image_id).ok_or(StoreError::InvalidImageId)?;
        let found = match self.objects.get(&path).await {
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
        match self.objects.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(blob_error(error)),
        }
    }

    async fn list(&self) -> Result<Vec<String>, StoreError> {
        let objects: Vec<_> = self
            .objects
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
