//! The image store: generated images kept by content address.
//!
//! An image id is `<sha256 of the bytes, 64 lowercase hex>.<ext>`. Content
//! addressing makes storing idempotent (the same image twice is one file) and
//! lets ids go to clients as they are. Ids are validated by
//! [`image_id_is_valid`] before any storage is touched: that check is what
//! keeps a request like `../etc/passwd` from reaching outside the data
//! directory, so every backend must apply it.

use async_trait::async_trait;
use bytes::Bytes;
use sha2::{Digest, Sha256};

use crate::error::StoreError;

/// An image read back from the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    pub bytes: Bytes,
    /// The content type implied by the id's extension.
    pub content_type: &'static str,
}

/// Content-addressed image storage.
#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores bytes under their content address and returns the image id:
    /// `"<64 lowercase hex sha256>.<ext>"` with ext from the content type (webp,
    /// png, jpg, svg, gif); `Err(UnsupportedType)` for other types. Storing the
    /// same bytes twice is a no-op.
    async fn put(&self, bytes: Bytes, content_type: &str) -> Result<String, StoreError>;

    /// `Err(InvalidImageId)` unless [`image_id_is_valid`]; `Ok(None)` if absent.
    async fn get(&self, image_id: &str) -> Result<Option<Blob>, StoreError>;

    /// Deletes the image; deleting an absent one is not an error.
    /// `Err(InvalidImageId)` unless [`image_id_is_valid`].
    async fn delete(&self, image_id: &str) -> Result<(), StoreError>;

    /// Ids of every stored image, sorted.
    async fn list(&self) -> Result<Vec<String>, StoreError>;

    /// Whether the storage answers: one read of an image that is never
    /// stored (an absent image is an answer; an unreachable server or a
    /// refused key is not).
    async fn ready(&self) -> Result<(), StoreError> {
        self.get(&format!("{}.png", "0".repeat(64)))
            .await
            .map(|_| ())
    }
}

/// The kinds of image kept: (extension, content type).
const IMAGE_KINDS: [(&str, &str); 5] = [
    ("webp", "image/webp"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("svg", "image/svg+xml"),
    ("gif", "image/gif"),
];

/// Whether `id` is `^[0-9a-f]{64}\.(webp|png|jpg|svg|gif)$`.
pub fn image_id_is_valid(id: &str) -> bool {
    content_type_of(id).is_some()
}

/// The content type of a valid image id, from its extension; `None` for an
/// invalid id.
pub fn content_type_of(image_id: &str) -> Option<&'static str> {
    let (hash, ext) = image_id.split_once('.')?;
    let hash_is_valid = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hash_is_valid {
        return None;
    }
    IMAGE_KINDS
        .iter()
        .find(|(known_ext, _)| *known_ext == ext)
        .map(|(_, content_type)| *content_type)
}

/// The extension for a content type, ignoring case and parameters
/// (`image/PNG; q=1` is png); `image/jpg` is accepted for jpeg.
fn extension_for(content_type: &str) -> Option<&'static str> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let essence = if essence == "image/jpg" {
        "image/jpeg"
    } else {
        essence.as_str()
    };
    IMAGE_KINDS
        .iter()
        .find(|(_, known_type)| *known_type == essence)
        .map(|(ext, _)| *ext)
}

/// The image id for `bytes` of `content_type`: what every backend's `put`
/// returns.
pub(crate) fn image_id_for(bytes: &[u8], content_type: &str) -> Result<String, StoreError> {
    let ext = extension_for(content_type)
        .ok_or_else(|| StoreError::UnsupportedType(content_type.to_string()))?;
    let digest = Sha256::digest(bytes);
    Ok(format!("{}.{ext}", hex::encode(digest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_round_trip_through_extensions() {
        for (ext, content_type) in IMAGE_KINDS {
            assert_eq!(extension_for(content_type), Some(ext));
            let id = format!("{}.{ext}", "a".repeat(64));
            assert_eq!(content_type_of(&id), Some(content_type));
        }
        assert_eq!(extension_for("IMAGE/JPG; charset=x"), Some("jpg"));
        assert_eq!(extension_for("text/html"), None);
        assert_eq!(extension_for(""), None);
    }

    #[test]
    fn ids_are_checked_without_panicking_on_odd_input() {
        for id in [
            "",
            ".",
            "é.png",
            "ééééé",
            &format!("{}é.png", "a".repeat(62)),
        ] {
            assert!(!image_id_is_valid(id));
        }
    }
}
