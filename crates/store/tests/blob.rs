//! The image store on both of its backends, with one suite: real files in
//! a temporary directory, and a real S3 server (`s3s-fs`, which checks
//! request signatures) in a temporary root. Tests that look at the files
//! themselves run on the local backend only.

// The suite's functions are tests, called by the `#[tokio::test]`s the
// macro below writes for each backend.
#![allow(clippy::unwrap_used)]

mod common;

use bytes::Bytes;
use sha2::{Digest, Sha256};
use store::{
    content_type_of, image_id_is_valid, BlobStore, LocalBlobStore, ObjectBlobStore, StoreError,
};

use common::s3::S3Server;

fn open() -> (tempfile::TempDir, LocalBlobStore) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let blobs = LocalBlobStore::open(dir.path()).expect("open blob store");
    (dir, blobs)
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[tokio::test]
async fn put_returns_the_content_address_with_extension() {
    let (dir, blobs) = open();
    for (content_type, ext) in [
        ("image/webp", "webp"),
        ("image/png", "png"),
        ("image/jpeg", "jpg"),
        ("image/svg+xml", "svg"),
        ("image/gif", "gif"),
        ("Image/PNG; charset=binary", "png"),
    ] {
        let bytes = Bytes::from(format!("pixels for {content_type}"));
        let id = blobs.put(bytes.clone(), content_type).await.unwrap();
        assert_eq!(id, format!("{}.{ext}", sha256_hex(&bytes)));
        assert!(image_id_is_valid(&id));
        // Stored as <first 2 hex>/<id> under <dir>/images.
        let file = dir.path().join("images").join(&id[..2]).join(&id);
        assert_eq!(std::fs::read(file).unwrap(), bytes);
    }
}

async fn storing_the_same_bytes_twice_is_a_no_op(blobs: &ObjectBlobStore) {
    let bytes = Bytes::from_static(b"same image");
    let first = blobs.put(bytes.clone(), "image/png").await.unwrap();
    let second = blobs.put(bytes.clone(), "image/png").await.unwrap();
    assert_eq!(first, second);
    assert_eq!(blobs.list().await.unwrap(), vec![first.clone()]);
    // Concurrent puts of one image all succeed.
    let mut handles = Vec::new();
    for _ in 0..8 {
        let blobs = blobs.clone();
        let bytes = Bytes::from_static(b"raced image");
        handles.push(tokio::spawn(
            async move { blobs.put(bytes, "image/gif").await },
        ));
    }
    let mut ids = Vec::new();
    for handle in handles {
        ids.push(handle.await.unwrap().unwrap());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    assert_eq!(blobs.list().await.unwrap().len(), 2);
}

async fn get_round_trips_bytes_and_content_type(blobs: &ObjectBlobStore) {
    for content_type in [
        "image/webp",
        "image/png",
        "image/jpeg",
        "image/svg+xml",
        "image/gif",
    ] {
        let bytes = Bytes::from(format!("<{content_type}>").into_bytes());
        let id = blobs.put(bytes.clone(), content_type).await.unwrap();
        let blob = blobs.get(&id).await.unwrap().unwrap();
        assert_eq!(blob.bytes, bytes);
        assert_eq!(blob.content_type, content_type);
        assert_eq!(content_type_of(&id), Some(content_type));
    }
    let jpg = blobs
        .put(Bytes::from_static(b"j"), "image/jpg")
        .await
        .unwrap();
    assert!(jpg.ends_with(".jpg"));
    let empty = blobs.put(Bytes::new(), "image/png").await.unwrap();
    assert_eq!(
        blobs.get(&empty).await.unwrap().unwrap().bytes,
        Bytes::new()
    );
}

async fn invalid_ids_are_rejected_before_touching_storage(blobs: &ObjectBlobStore) {
    let hash = "ab".repeat(32);
    let invalid = [
        "../etc/passwd".to_string(),
        format!("../{hash}.png"),
        format!("{}.png", hash.to_uppercase()),
        format!("{}.png", &hash[..63]),
        format!("{hash}0.png"),
        format!("{hash}.bmp"),
        format!("{hash}.PNG"),
        format!("{hash}.jpeg"),
        hash.clone(),
        format!("{hash}."),
        format!("{hash}.png/"),
        format!("{hash}.png.png"),
        format!("ab/{hash}.png"),
        format!("{}g.png", &hash[..63]),
        String::new(),
        "é".repeat(32) + ".png",
    ];
    for id in &invalid {
        assert!(!image_id_is_valid(id), "{id}");
        assert_eq!(content_type_of(id), None, "{id}");
        let error = blobs.get(id).await.unwrap_err();
        assert!(
            matches!(error, StoreError::InvalidImageId),
            "{id}: {error:?}"
        );
        assert_eq!(error.code(), "invalid_image_id");
        let error = blobs.delete(id).await.unwrap_err();
        assert!(
            matches!(error, StoreError::InvalidImageId),
            "{id}: {error:?}"
        );
    }
}

async fn absent_images_are_none(blobs: &ObjectBlobStore) {
    let id = format!("{}.webp", "0".repeat(64));
    assert_eq!(blobs.get(&id).await.unwrap(), None);
}

async fn delete_removes_and_tolerates_absence(blobs: &ObjectBlobStore) {
    let keep = blobs
        .put(Bytes::from_static(b"keep"), "image/png")
        .await
        .unwrap();
    let drop = blobs
        .put(Bytes::from_static(b"drop"), "image/png")
        .await
        .unwrap();
    blobs.delete(&drop).await.unwrap();
    assert_eq!(blobs.get(&drop).await.unwrap(), None);
    assert!(blobs.get(&keep).await.unwrap().is_some());
    blobs.delete(&drop).await.unwrap();
    assert_eq!(blobs.list().await.unwrap(), vec![keep]);
}

#[tokio::test]
async fn list_returns_sorted_ids_and_ignores_strays() {
    let (dir, blobs) = open();
    assert!(blobs.list().await.unwrap().is_empty());
    let mut ids = Vec::new();
    for i in 0..20 {
        ids.push(
            blobs
                .put(Bytes::from(vec![i; 10]), "image/webp")
                .await
                .unwrap(),
        );
    }
    ids.sort();
    // Files that are not images of this store, or not where their id says.
    let images = dir.path().join("images");
    std::fs::write(images.join("notes.txt"), b"x").unwrap();
    std::fs::create_dir_all(images.join("zz")).unwrap();
    std::fs::write(images.join("zz").join(&ids[0]), b"misplaced").unwrap();
    assert_eq!(blobs.list().await.unwrap(), ids);
}

async fn unsupported_content_types_are_rejected(blobs: &ObjectBlobStore) {
    for content_type in [
        "text/html",
        "image/bmp",
        "application/octet-stream",
        "",
        "image/",
    ] {
        let error = blobs
            .put(Bytes::from_static(b"x"), content_type)
            .await
            .unwrap_err();
        match &error {
            StoreError::UnsupportedType(got) => assert_eq!(got, content_type),
            other => panic!("{other:?}"),
        }
        assert_eq!(error.code(), "unsupported_type");
    }
    assert!(blobs.list().await.unwrap().is_empty());
}

async fn list_is_sorted_and_complete(blobs: &ObjectBlobStore) {
    assert!(blobs.list().await.unwrap().is_empty());
    let mut ids = Vec::new();
    for i in 0..12u8 {
        ids.push(
            blobs
                .put(Bytes::from(vec![i; 10]), "image/webp")
                .await
                .unwrap(),
        );
    }
    ids.sort();
    assert_eq!(blobs.list().await.unwrap(), ids);
}

/// Each suite test once per backend, in modules `local` and `s3`.
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod local {
            $(
                #[tokio::test]
                async fn $test() {
                    let (_dir, blobs) = super::open();
                    super::$test(&blobs).await;
                }
            )*
        }
        mod s3 {
            $(
                #[tokio::test]
                async fn $test() {
                    let server = super::S3Server::start();
                    let blobs = server.store(stringify!($test));
                    super::$test(&blobs).await;
                }
            )*
        }
    };
}

on_both_backends!(
    storing_the_same_bytes_twice_is_a_no_op,
    get_round_trips_bytes_and_content_type,
    invalid_ids_are_rejected_before_touching_storage,
    absent_images_are_none,
    delete_removes_and_tolerates_absence,
    unsupported_content_types_are_rejected,
    list_is_sorted_and_complete,
);

#[tokio::test]
async fn s3_objects_sit_under_the_prefix_and_a_wrong_key_is_refused() {
    let server = S3Server::start();
    let blobs = server.store("images/v1");
    let id = blobs
        .put(Bytes::from_static(b"pixels"), "image/png")
        .await
        .unwrap();
    // s3s-fs keeps an object as a file at <root>/<bucket>/<key>.
    let file = server
        .bucket_dir()
        .join("images/v1")
        .join(&id[..2])
        .join(&id);
    assert_eq!(std::fs::read(file).unwrap(), b"pixels");
    assert_eq!(blobs.location(), "s3://stepcast/images/v1");

    let wrong = server.store_with_secret("images/v1", "not-the-secret");
    let error = wrong.get(&id).await.unwrap_err();
    assert!(matches!(error, StoreError::Blob(_)), "{error:?}");
}
