//! `GET /step-images/{id}/export.zip`: a guide to keep: every finished
//! step's image, the printable guide page and the plan it was drawn from.

use std::io::Write;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use plan::GuideRequest;
use render::guide_page::{guide_html_with_gaps, GuideImage};
use store::StepStatus;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::app::SharedApp;
use crate::error::ApiError;

#[utoipa::path(get, path = "/step-images/{id}/export.zip", tag = "guides", operation_id = "export_zip",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "step-NN images, guide.html and plan.json", content_type = "application/zip",
            headers(("Content-Disposition" = String, description = "attachment; filename=\"{id}.zip\""))),
        (status = 400, description = "Not a guide id", body = crate::error::ErrorBody),
        (status = 404, description = "No such guide", body = crate::error::ErrorBody)))]
pub async fn export(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (request, images) = pictures(&app, &id).await?;
    let bytes = tokio::task::spawn_blocking(move || archive(&request, &images))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{id}.zip\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// The zip: `step-01.webp`..., `guide.html`, `plan.json`.
fn archive(request: &GuideRequest, images: &[Option<store::Blob>]) -> Result<Vec<u8>, ApiError> {
    let fail = |e: &dyn std::fmt::Display| ApiError::Internal(format!("export: {e}"));
    let plan = extract::plan_for(request);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Images are compressed already; text is not.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (i, image) in images.iter().enumerate() {
        let Some(blob) = image else {
            continue;
        };
        let ext = extension(blob.content_type);
        zip.start_file(format!("step-{:02}.{ext}", i + 1), stored)
            .map_err(|e| fail(&e))?;
        zip.write_all(&blob.bytes).map_err(|e| fail(&e))?;
    }
    let page = guide_html_with_gaps(request, &page_images(images), None);
    zip.start_file("guide.html", deflated)
        .map_err(|e| fail(&e))?;
    zip.write_all(page.as_bytes()).map_err(|e| fail(&e))?;
    let plan_json = serde_json::to_vec_pretty(&plan).map_err(|e| fail(&e))?;
    zip.start_file("plan.json", deflated)
        .map_err(|e| fail(&e))?;
    zip.write_all(&plan_json).map_err(|e| fail(&e))?;
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/svg+xml" => "svg",
        "image/gif" => "gif",
        _ => "webp",
    }
}

/// The guide with a valid, known id.
async fn stored_guide(app: &SharedApp, id: &str) -> Result<store::Guide, ApiError> {
    if !super::valid_guide_id(id) {
        return Err(ApiError::BadId(format!("id: {id:?} is not a guide id")));
    }
    app.state
        .guide(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("guide {id}")))
}

/// Stored pictures as the guide page takes them.
fn page_images(images: &[Option<store::Blob>]) -> Vec<Option<GuideImage<'_>>> {
    images
        .iter()
        .map(|b| {
            b.as_ref().map(|b| GuideImage {
                bytes: &b.bytes,
                content_type: b.content_type,
            })
        })
        .collect()
}

/// The stored request (with the plan its pictures were drawn from) and
/// every step's picture (None where a step has
/// none), for the exports. A step without its photo (still coming, or
/// failed for good) shows its schematic preview where it has one.
async fn pictures(
    app: &SharedApp,
    id: &str,
) -> Result<(GuideRequest, Vec<Option<store::Blob>>), ApiError> {
    let guide = stored_guide(app, id).await?;
    let request = crate::plans::to_draw(app, &guide)
        .await
        .map_err(|e| match e {
            crate::plans::ToDrawError::Store(e) => ApiError::from(e),
            e => ApiError::Internal(format!("guide {id}: {e}")),
        })?
        .into_request();
    let mut images = Vec::new();
    for step in app.state.steps(id).await? {
        let shown = match (&step.image_id, step.status) {
            (Some(image_id), StepStatus::Completed) => Some(image_id),
            _ => step.preview_id.as_ref(),
        };
        let blob = match shown {
            Some(image_id) => app.blobs.get(image_id).await?,
            None => None,
        };
        images.push(blob);
    }
    Ok((request, images))
}

/// `GET /step-images/{id}/guide.html`: the printable guide, self-contained.
#[utoipa::path(get, path = "/step-images/{id}/guide.html", tag = "guides", operation_id = "guide_page",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "The printable guide", content_type = "text/html"),
        (status = 400, description = "Not a guide id", body = crate::error::ErrorBody),
        (status = 404, description = "No such guide", body = crate::error::ErrorBody)))]
pub async fn guide_page(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (request, images) = pictures(&app, &id).await?;
    let page = tokio::task::spawn_blocking(move || {
        guide_html_with_gaps(&request, &page_images(&images), None)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(axum::response::Html(page).into_response())
}

/// Widest time-lapse frame: big enough to follow, small enough to send.
const TIMELAPSE_WIDTH: u32 = 640;

/// `GET /step-images/{id}/timelapse.webp` and `.gif`: every finished step's
/// picture in order, as an animation.
#[utoipa::path(get, path = "/step-images/{id}/timelapse.{format}", tag = "guides", operation_id = "timelapse",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"),
        ("format" = String, Path, description = "webp or gif", pattern = "^(webp|gif)$")),
    responses(
        (status = 200, description = "An animated WebP or GIF", content(
            ("image/webp"),
            ("image/gif"))),
        (status = 400, description = "Not a guide id", body = crate::error::ErrorBody),
        (status = 404, description = "Unknown guide, not a time-lapse format, or no step has a picture that can be animated yet", body = crate::error::ErrorBody)))]
pub async fn timelapse(
    State(app): State<SharedApp>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let gif = match file.as_str() {
        "timelapse.webp" => false,
        "timelapse.gif" => true,
        other => {
            return Err(ApiError::NotFound(format!(
                "{other}: not an export (timelapse.webp or timelapse.gif)"
            )))
        }
    };
    let (_, images) = pictures(&app, &id).await?;
    if images.iter().all(Option::is_none) {
        return Err(ApiError::NotFound(format!(
            "a time-lapse of guide {id}: no step has a picture yet"
        )));
    }
    let lapse = tokio::task::spawn_blocking(move || {
        let pictures: Vec<render::frames::Picture<'_>> = images
            .iter()
            .flatten()
            .map(|b| render::frames::Picture {
                bytes: &b.bytes,
                content_type: b.content_type,
            })
            .collect();
        render::frames::timelapse_of(&pictures, TIMELAPSE_WIDTH, render::DEFAULT_QUALITY)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(|e| match e {
        // None of the pictures could be decoded (JPEG steps cannot yet):
        // there is no time-lapse, as when no step has a picture.
        render::RenderError::Encode {
            format: "time-lapse",
            ..
        } => ApiError::NotFound(format!(
            "a time-lapse of guide {id}: no step has a picture that can be animated (JPEG pictures cannot yet)"
        )),
        e => ApiError::Internal(e.to_string()),
    })?;
    let (bytes, content_type) = if gif {
        (lapse.gif, "image/gif")
    } else {
        (lapse.webp, "image/webp")
    };
    let mut response = bytes.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Regenerating a step changes the animation: always revalidate.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// `GET /step-images/{id}/request`: the request as accepted (titles,
/// descriptions, tools, notes and tips), so any browser can show a guide's
/// texts, not only the one that created it.
#[utoipa::path(get, path = "/step-images/{id}/request", tag = "guides", operation_id = "get_request",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
        min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")),
    responses(
        (status = 200, description = "The guide request, normalised to stepcast's shape", body = super::docs::GuideRequestRef),
        (status = 400, description = "Not a guide id", body = crate::error::ErrorBody),
        (status = 404, description = "No such guide", body = crate::error::ErrorBody)))]
pub async fn request(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(axum::Json(stored_guide(&app, &id).await?.request).into_response())
}
