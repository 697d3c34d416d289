//! `GET /images/{image_id}`: immutable, content-addressed image bytes.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::SharedApp;
use crate::error::ApiError;

#[utoipa::path(get, path = "/images/{image_id}", tag = "images", operation_id = "get_image",
    params(("image_id" = String, Path, description = "64 lowercase hex digits (the SHA-256 of the bytes), a dot and the extension",
            pattern = "^[0-9a-f]{64}\\.(webp|png|jpg|svg|gif)$"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag already held (`\"<image_id>\"` or `*`)")),
    responses(
        (status = 200, description = "The image, with a strong ETag and an immutable Cache-Control", content(
                ("image/webp"),
                ("image/png"),
                ("image/jpeg"),
                ("image/svg+xml"),
                ("image/gif")),
            headers(("ETag" = String, description = "`\"<image_id>\"`"), ("Cache-Control" = String))),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "Not an image id", body = crate::error::ErrorBody),
        (status = 404, description = "No such image", body = crate::error::ErrorBody)))]
pub async fn image(
    State(app): State<SharedApp>,
    Path(image_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !store::image_id_is_valid(&image_id) {
        return Err(ApiError::BadId(format!(
            "image_id: {image_id:?} is not an image id (64 hex digits and an extension)"
        )));
    }
    // The id is the hash of the bytes, so it is a strong validator.
    let etag = format!("\"{image_id}\"");
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let Some(blob) = app.blobs.get(&image_id).await? else {
        return Err(ApiError::NotFound(format!("image {image_id}")));
    };
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, blob.bytes).into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(blob.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
