//! The Images API: `POST /v1/images/generations` (JSON) and `POST
//! /v1/images/edits` (multipart/form-data uploads, or JSON with data URLs).
//!
//! A request is read (every parameter typed and named in errors as
//! OpenAI names them), checked against its model (sizes, qualities,
//! `input_fidelity`, 1 to 16 input images, the mask), its images decoded,
//! then, after the latency and any injected fault, the pictures are drawn
//! from the request and encoded in the asked format and size. The answer
//! is an `ImagesResponse`, or with `stream: true` a `text/event-stream` of
//! `image_generation.partial_image` / `image_edit.partial_image` events
//! (coarse to fine) ending with one `*.completed` event per image.
//!
//! Decoding, drawing and encoding run on the blocking pool, so a slow
//! image never stalls the server's other requests.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest as _, Multipart, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use fake_gemini::picture::{self, Seeds};
use image::RgbImage;
use serde_json::{json, Map, Value};

use crate::catalog::{self, ImageModel, SizeRule, STANDARD_SIZES};
use crate::error::ApiError;
use crate::log::{Endpoint, LoggedImage};
use crate::media::{self, Format, InputImage, IMAGE_TYPES};
use crate::server::{too_large, Call, Reply, Shared};
use crate::text::tokens;

/// The most images one edit takes.
pub const MAX_EDIT_IMAGES: usize = 16;
/// The longest prompt GPT image models take, in characters.
pub const MAX_PROMPT_CHARS: usize = 32_000;
/// The largest input image, in bytes (50 MB).
const MAX_IMAGE_BYTES: usize = 50 * 1024 * 1024;
/// The largest mask, in bytes (4 MB).
const MAX_MASK_BYTES: usize = 4 * 1024 * 1024;

/// What an Images request asked for, as read from JSON or multipart
/// (every field as sent; `None` when absent or null).
#[derive(Clone, Debug, Default)]
pub(crate) struct ImageRequest {
    pub model: Option<String>,
    pub prompt: Option<String>,
    pub n: Option<i64>,
    pub size: Option<String>,
    pub quality: Option<String>,
    pub output_format: Option<String>,
    pub output_compression: Option<i64>,
    pub background: Option<String>,
    pub moderation: Option<String>,
    pub complexity: Option<String>,
    pub input_fidelity: Option<String>,
    pub stream: Option<bool>,
    pub partial_images: Option<i64>,
    pub images: Vec<InputImage>,
    pub mask: Option<InputImage>,
}

/// A checked request: what to make.
#[derive(Clone, Debug)]
pub(crate) struct Job {
    pub model: ImageModel,
    pub prompt: String,
    pub n: u32,
    /// `None` for `auto` (resolved once the inputs are decoded).
    pub size: Option<(u32, u32)>,
    /// As asked (`auto` when absent), for stream events.
    pub quality_asked: String,
    /// As used (`auto` becomes `medium`), for the answer and usage.
    pub quality: String,
    pub format: Format,
    pub compression: u8,
    pub background_asked: String,
    pub background: String,
    pub stream: bool,
    pub partial_images: u32,
}

/// `POST /v1/images/generations`.
pub(crate) async fn generations(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let call = Call::begin(&shared, Endpoint::Generations, &headers);
    let reply = match call.admit() {
        Some(refusal) => refusal,
        None => match body {
            Err(rejection) => Reply::error(body_error(&rejection, &shared), "invalid_request"),
            Ok(body) => match read_json(&body, Endpoint::Generations) {
                Ok(request) => serve(&call, request).await,
                Err(error) => Reply::error(error, "invalid_request"),
            },
        },
    };
    call.finish(reply)
}

/// `POST /v1/images/edits`.
pub(crate) async fn edits(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let call = Call::begin(&shared, Endpoint::Edits, &headers);
    let reply = match call.admit() {
        Some(refusal) => refusal,
        None => match read_edit(request, &shared).await {
            Ok(request) => serve(&call, request).await,
            Err(error) => Reply::error(error, "invalid_request"),
        },
    };
    call.finish(reply)
}

fn body_error(rejection: &BytesRejection, shared: &Shared) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(shared.config.max_body_bytes)
    } else {
        ApiError::invalid_request(format!("Could not read the request body: {rejection}"))
    }
}

/// Reads an edit: multipart/form-data (what the SDKs send) or JSON with
/// `images: [{"image_url": "data:..."}]`.
async fn read_edit(request: Request, shared: &Shared) -> Result<ImageRequest, ApiError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &()).await.map_err(|e| {
            ApiError::invalid_request(format!("Could not parse multipart form: {e}"))
        })?;
        read_multipart(multipart, shared).await
    } else if content_type.starts_with("application/json") {
        let body = Bytes::from_request(request, &())
            .await
            .map_err(|rejection| body_error(&rejection, shared))?;
        read_json(&body, Endpoint::Edits)
    } else {
        Err(ApiError::invalid_request(format!(
            "Invalid Content-Type header ({content_type}), expected multipart/form-data or \
             application/json."
        )))
    }
}

/// Reads a JSON body. A null value counts as absent, as in OpenAI's API.
pub(crate) fn read_json(body: &[u8], endpoint: Endpoint) -> Result<ImageRequest, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::invalid_json())?;
    let Value::Object(object) = value else {
        return Err(ApiError::invalid_type("body", "an object", &value));
    };
    let mut request = ImageRequest::default();
    for (key, value) in &object {
        if value.is_null() {
            continue;
        }
        let key = key.as_str();
        match key {
            "prompt" => request.prompt = Some(string(key, value)?),
            "model" => request.model = Some(string(key, value)?),
            "size" => request.size = Some(string(key, value)?),
            "quality" => request.quality = Some(string(key, value)?),
            "output_format" => request.output_format = Some(string(key, value)?),
            "background" => request.background = Some(string(key, value)?),
            "moderation" => request.moderation = Some(string(key, value)?),
            "complexity" => request.complexity = Some(string(key, value)?),
            "n" => request.n = Some(integer(key, value)?),
            "output_compression" => request.output_compression = Some(integer(key, value)?),
            "partial_images" => request.partial_images = Some(integer(key, value)?),
            "stream" => {
                request.stream = Some(
                    value
                        .as_bool()
                        .ok_or_else(|| ApiError::invalid_type(key, "a boolean", value))?,
                )
            }
            "user" | "safety_identifier" => {
                string(key, value)?;
            }
            "response_format" => legacy_response_format(&string(key, value)?)?,
            "style" | "frame_count" | "frame_duration_ms" | "svg" => {
                return Err(ApiError::unsupported_parameter(key))
            }
            "input_fidelity" if endpoint == Endpoint::Edits => {
                request.input_fidelity = Some(string(key, value)?)
            }
            "images" if endpoint == Endpoint::Edits => request.images = image_refs(value)?,
            "mask" if endpoint == Endpoint::Edits => request.mask = Some(image_ref("mask", value)?),
            _ => return Err(ApiError::unknown_parameter(key)),
        }
    }
    Ok(request)
}

/// `response_format` is for the retired DALL·E models; GPT image models
/// always answer base64, so only `b64_json` is harmless.
fn legacy_response_format(value: &str) -> Result<(), ApiError> {
    if value == "b64_json" {
        Ok(())
    } else {
        Err(ApiError::unsupported_parameter("response_format"))
    }
}

fn string(key: &str, value: &Value) -> Result<String, ApiError> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| ApiError::invalid_type(key, "a string", value))
}

fn integer(key: &str, value: &Value) -> Result<i64, ApiError> {
    value
        .as_i64()
        .ok_or_else(|| ApiError::invalid_type(key, "an integer", value))
}

/// JSON edits' `images`: a list of `{"image_url": "data:..."}`.
fn image_refs(value: &Value) -> Result<Vec<InputImage>, ApiError> {
    let Some(items) = value.as_array() else {
        return Err(ApiError::invalid_type("images", "an array", value));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| image_ref(&format!("images[{i}]"), item))
        .collect()
}

fn image_ref(param: &str, value: &Value) -> Result<InputImage, ApiError> {
    let Some(object) = value.as_object() else {
        return Err(ApiError::invalid_type(param, "an object", value));
    };
    if object.contains_key("file_id") {
        return Err(ApiError::invalid_request(
            "The fake OpenAI API has no Files API: send images as uploads or data URLs.",
        )
        .param(format!("{param}.file_id"))
        .code("invalid_value"));
    }
    let url_param = format!("{param}.image_url");
    let Some(url) = object.get("image_url") else {
        return Err(ApiError::missing(&url_param));
    };
    let url = string(&url_param, url)?;
    data_url_image(&url_param, &url)
}

/// An image from a data URL; the fake cannot download other URLs.
pub(crate) fn data_url_image(param: &str, url: &str) -> Result<InputImage, ApiError> {
    match media::parse_data_url(url) {
        Ok((mime, bytes)) => Ok(InputImage::new(param, &mime, bytes)),
        Err(media::DataUrlError::NotDataUrl) => Err(ApiError::invalid_request(
            "The fake OpenAI API cannot download image URLs: send the image as a base64 data \
             URL (data:image/png;base64,...).",
        )
        .param(param)
        .code("invalid_image_url")),
        Err(error) => Err(ApiError::invalid_request(format!(
            "Invalid image data URL: {error}. Expected data:image/png;base64,..."
        ))
        .param(param)
        .code("invalid_image_url")),
    }
}

/// Reads a multipart edit. Text fields that are empty count as absent
/// (SDKs send `None` as an empty string).
async fn read_multipart(mut form: Multipart, shared: &Shared) -> Result<ImageRequest, ApiError> {
    let mut request = ImageRequest::default();
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e, shared)),
        };
        let name = field.name().unwrap_or("").to_string();
        let is_file = field.file_name().is_some();
        let mime = field.content_type().unwrap_or("").to_string();
        let data = field
            .bytes()
            .await
            .map_err(|e| multipart_error(&e, shared))?;
        match name.as_str() {
            "image" | "image[]" | "mask" => {
                if !is_file {
                    return Err(ApiError::invalid_request(format!(
                        "Invalid type for '{name}': expected a file, but got a string instead."
                    ))
                    .param(name)
                    .code("invalid_type"));
                }
                let image = InputImage::new(name.clone(), &mime, data.to_vec());
                if name == "mask" {
                    request.mask = Some(image);
                } else {
                    request.images.push(image);
                }
                continue;
            }
            _ => {}
        }
        let Ok(text) = String::from_utf8(data.to_vec()) else {
            return Err(ApiError::invalid_request(format!(
                "Invalid value for '{name}': not UTF-8 text."
            ))
            .param(name));
        };
        if text.is_empty() {
            continue;
        }
        let key = name.as_str();
        match key {
            "prompt" => request.prompt = Some(text),
            "model" => request.model = Some(text),
            "size" => request.size = Some(text),
            "quality" => request.quality = Some(text),
            "output_format" => request.output_format = Some(text),
            "background" => request.background = Some(text),
            "moderation" => request.moderation = Some(text),
            "complexity" => request.complexity = Some(text),
            "input_fidelity" => request.input_fidelity = Some(text),
            "user" | "safety_identifier" => {}
            "n" => request.n = Some(form_integer(key, &text)?),
            "output_compression" => request.output_compression = Some(form_integer(key, &text)?),
            "partial_images" => request.partial_images = Some(form_integer(key, &text)?),
            "stream" => request.stream = Some(form_bool(key, &text)?),
            "response_format" => legacy_response_format(&text)?,
            "style" | "frame_count" | "frame_duration_ms" | "markup" => {
                return Err(ApiError::unsupported_parameter(key))
            }
            _ if key.starts_with("svg[") => return Err(ApiError::unsupported_parameter(key)),
            _ => return Err(ApiError::unknown_parameter(key)),
        }
    }
    Ok(request)
}

fn multipart_error(error: &axum::extract::multipart::MultipartError, shared: &Shared) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(shared.config.max_body_bytes)
    } else {
        ApiError::invalid_request(format!("Could not parse multipart form: {error}"))
    }
}

fn form_integer(key: &str, text: &str) -> Result<i64, ApiError> {
    text.trim()
        .parse()
        .map_err(|_| ApiError::invalid_type(key, "an integer", &Value::String(text.to_string())))
}

fn form_bool(key: &str, text: &str) -> Result<bool, ApiError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::invalid_type(
            key,
            "a boolean",
            &Value::String(text.to_string()),
        )),
    }
}

/// Checks a request against its model, in OpenAI's order; the errors name
/// the parameter at fault.
pub(crate) fn check(request: &ImageRequest, endpoint: Endpoint) -> Result<Job, ApiError> {
    let model_name = request
        .model
        .as_deref()
        .unwrap_or(catalog::DEFAULT_IMAGE_MODEL);
    if catalog::RETIRED_IMAGE_MODELS.contains(&model_name) {
        return Err(ApiError::retired_model(model_name));
    }
    let model = catalog::image_model(model_name)
        .ok_or_else(|| ApiError::image_model_not_found(model_name))?;

    let prompt = match request.prompt.as_deref() {
        Some(prompt) if !prompt.is_empty() => prompt.to_string(),
        _ => return Err(ApiError::missing("prompt")),
    };
    let chars = prompt.chars().count();
    if chars > MAX_PROMPT_CHARS {
        return Err(ApiError::too_long("prompt", MAX_PROMPT_CHARS, chars));
    }

    let n = in_range("n", request.n.unwrap_or(1), 1, 10)?;
    let size = check_size(model, request.size.as_deref().unwrap_or("auto"))?;

    let quality_asked = request
        .quality
        .clone()
        .unwrap_or_else(|| "auto".to_string());
    if !model.qualities.contains(&quality_asked.as_str()) {
        return Err(ApiError::invalid_value(
            "quality",
            &quality_asked,
            model.qualities,
        ));
    }
    let quality = if quality_asked == "auto" {
        "medium".to_string()
    } else {
        quality_asked.clone()
    };

    let format_name = request.output_format.as_deref().unwrap_or("png");
    let format = Format::parse(format_name)
        .ok_or_else(|| ApiError::invalid_value("output_format", format_name, &Format::NAMES))?;
    let compression = in_range(
        "output_compression",
        request.output_compression.unwrap_or(100),
        0,
        100,
    )?;
    if format == Format::Png && compression < 100 {
        return Err(ApiError::invalid_request(
            "Compression less than 100 is not supported for PNG output format.",
        )
        .param("output_compression")
        .code("invalid_value"));
    }

    let background_asked = request
        .background
        .clone()
        .unwrap_or_else(|| "auto".to_string());
    let background = match background_asked.as_str() {
        "auto" | "opaque" => "opaque",
        "transparent" if format == Format::Jpeg => {
            return Err(ApiError::invalid_request(
                "Transparent background is not supported for the jpeg output format; use png \
                 or webp.",
            )
            .param("background")
            .code("invalid_value"))
        }
        "transparent" => "transparent",
        other => {
            return Err(ApiError::invalid_value(
                "background",
                other,
                &["transparent", "opaque", "auto"],
            ))
        }
    }
    .to_string();
    if let Some(moderation) = request.moderation.as_deref() {
        if !["low", "auto"].contains(&moderation) {
            return Err(ApiError::invalid_value(
                "moderation",
                moderation,
                &["low", "auto"],
            ));
        }
    }
    if let Some(complexity) = request.complexity.as_deref() {
        if !["low", "medium", "high"].contains(&complexity) {
            return Err(ApiError::invalid_value(
                "complexity",
                complexity,
                &["low", "medium", "high"],
            ));
        }
    }
    let partial_images = in_range("partial_images", request.partial_images.unwrap_or(0), 0, 3)?;

    if endpoint == Endpoint::Edits {
        check_edit_inputs(request, model)?;
    }

    Ok(Job {
        model,
        prompt,
        n,
        size,
        quality_asked,
        quality,
        format,
        compression: u8::try_from(compression).unwrap_or(100),
        background_asked,
        background,
        stream: request.stream.unwrap_or(false),
        partial_images,
    })
}

fn in_range(param: &str, value: i64, min: i64, max: i64) -> Result<u32, ApiError> {
    if value < min {
        Err(ApiError::below_min(param, min, value))
    } else if value > max {
        Err(ApiError::above_max(param, max, value))
    } else {
        Ok(u32::try_from(value).unwrap_or(0))
    }
}

/// The size as `(width, height)`, or `None` for `auto`.
fn check_size(model: ImageModel, size: &str) -> Result<Option<(u32, u32)>, ApiError> {
    if size == "auto" {
        return Ok(None);
    }
    let parsed = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)));
    match model.sizes {
        SizeRule::Standard => match parsed {
            Some(dims) if STANDARD_SIZES.contains(&dims) => Ok(Some(dims)),
            _ => Err(ApiError::invalid_value(
                "size",
                size,
                &["1024x1024", "1024x1536", "1536x1024", "auto"],
            )),
        },
        SizeRule::Flexible => {
            let Some((w, h)) = parsed else {
                return Err(ApiError::invalid_request(format!(
                    "Invalid size '{size}'. Use 'auto' or WIDTHxHEIGHT, for example '1536x864'."
                ))
                .param("size")
                .code("invalid_value"));
            };
            catalog::check_flexible_size(w, h).map(Some).map_err(|why| {
                ApiError::invalid_request(format!(
                    "Invalid size '{size}': {why} (sides multiples of 16, at most {} px, aspect \
                     ratio between 1:3 and 3:1, {} to {} pixels).",
                    catalog::MAX_EDGE,
                    catalog::MIN_PIXELS,
                    catalog::MAX_PIXELS
                ))
                .param("size")
                .code("invalid_value")
            })
        }
    }
}

/// The edit-only checks: `input_fidelity` for the model, 1 to 16 images of
/// a supported type and size, and a PNG mask.
fn check_edit_inputs(request: &ImageRequest, model: ImageModel) -> Result<(), ApiError> {
    if let Some(fidelity) = request.input_fidelity.as_deref() {
        if model.input_fidelity.is_empty() {
            return Err(ApiError::unsupported_parameter("input_fidelity"));
        }
        if !model.input_fidelity.contains(&fidelity) {
            let supported = if ["high", "low"].contains(&fidelity) {
                model.input_fidelity
            } else {
                &["high", "low"]
            };
            return Err(ApiError::invalid_value(
                "input_fidelity",
                fidelity,
                supported,
            ));
        }
    }
    if request.images.is_empty() {
        return Err(ApiError::missing("image"));
    }
    if request.images.len() > MAX_EDIT_IMAGES {
        return Err(ApiError::invalid_request(format!(
            "Invalid 'image': array too long. Expected an array with maximum length \
             {MAX_EDIT_IMAGES}, but got an array with length {} instead.",
            request.images.len()
        ))
        .param("image")
        .code("array_above_max_length"));
    }
    for image in &request.images {
        check_file(image, &IMAGE_TYPES, MAX_IMAGE_BYTES)?;
    }
    if let Some(mask) = &request.mask {
        check_file(mask, &["image/png"], MAX_MASK_BYTES)?;
    }
    Ok(())
}

fn check_file(image: &InputImage, types: &[&str], max_bytes: usize) -> Result<(), ApiError> {
    let param = if image.param == "image[]" {
        "image"
    } else {
        image.param.as_str()
    };
    if !types.contains(&image.mime_type.as_str()) {
        let shown = if image.mime_type.is_empty() {
            "application/octet-stream"
        } else {
            image.mime_type.as_str()
        };
        return Err(ApiError::invalid_request(format!(
            "Invalid file '{param}': unsupported mimetype ('{shown}'). Supported file formats are {}.",
            crate::error::quoted_list(types)
        ))
        .param(param)
        .code("unsupported_file_mimetype"));
    }
    if image.bytes.len() > max_bytes {
        return Err(ApiError::invalid_request(format!(
            "Invalid file '{param}': the file is {} bytes, more than the {max_bytes} allowed.",
            image.bytes.len()
        ))
        .param(param)
        .code("file_too_large"));
    }
    Ok(())
}

/// Copies what the request asked for into its log entry.
fn log_request(call: &Call, request: &ImageRequest) {
    let images: Vec<LoggedImage> = request.images.iter().map(InputImage::logged).collect();
    let mask = request.mask.as_ref().map(InputImage::logged);
    call.log(|entry| {
        entry.model = Some(
            request
                .model
                .clone()
                .unwrap_or_else(|| catalog::DEFAULT_IMAGE_MODEL.to_string()),
        );
        entry.prompt = request.prompt.clone().unwrap_or_default();
        entry.n = request.n.and_then(|n| u32::try_from(n).ok());
        entry.size = request.size.clone();
        entry.quality = request.quality.clone();
        entry.output_format = request.output_format.clone();
        entry.background = request.background.clone();
        entry.input_fidelity = request.input_fidelity.clone();
        entry.partial_images = request.partial_images.and_then(|n| u32::try_from(n).ok());
        entry.stream = request.stream.unwrap_or(false);
        entry.images = images;
        entry.mask = mask;
    });
}

/// Everything after reading: check, decode, wait, fault, draw, answer.
async fn serve(call: &Call, request: ImageRequest) -> Reply {
    log_request(call, &request);
    let job = match check(&request, call.endpoint) {
        Ok(job) => job,
        Err(error) => return Reply::error(error, "invalid_request"),
    };
    let request = match decode(request).await {
        Ok(request) => request,
        Err(error) => return Reply::error(error, "invalid_image"),
    };
    let images: Vec<LoggedImage> = request.images.iter().map(InputImage::logged).collect();
    let mask = request.mask.as_ref().map(InputImage::logged);
    call.log(|entry| {
        entry.images = images;
        entry.mask = mask;
    });
    let (width, height) = job.size.unwrap_or_else(|| auto_size(&request));

    if let Err(reply) = call.wait_latency().await {
        return reply;
    }
    if let Some(reply) = call.fault(&job.prompt, job.model.name).await {
        return reply;
    }

    let shared = Arc::clone(&call.shared);
    let endpoint = call.endpoint;
    let work_job = job.clone();
    let drawn = tokio::task::spawn_blocking(move || draw(&work_job, &request, width, height)).await;
    let (pictures, input_tokens) = match drawn {
        Ok(Ok(drawn)) => drawn,
        Ok(Err(error)) => return Reply::error(error, "internal"),
        Err(e) => return Reply::error(ApiError::internal(&e), "internal"),
    };
    let outputs: Vec<LoggedImage> = pictures
        .iter()
        .map(|p| media::logged(job.format.mime(), &p.bytes, Some((width, height))))
        .collect();
    call.log(|entry| entry.output_images = outputs);

    let answer = Answer {
        job: &job,
        endpoint,
        width,
        height,
        input_tokens,
    };
    if job.stream {
        Reply::ok(answer.stream(pictures, &shared), "image_stream")
    } else {
        Reply::ok(answer.json(&pictures), "image")
    }
}

/// Decodes the input images and the mask on the blocking pool, then checks
/// what needs pixels: the mask's alpha channel and size.
async fn decode(request: ImageRequest) -> Result<ImageRequest, ApiError> {
    let work = tokio::task::spawn_blocking(move || {
        let mut request = request;
        for (index, image) in request.images.iter_mut().enumerate() {
            if image.decode(false).is_err() {
                return Err(ApiError::invalid_request(format!(
                    "Invalid image file or mode for image {}, please check your image file.",
                    index + 1
                ))
                .param("image")
                .code("invalid_image_file"));
            }
        }
        if let Some(mask) = request.mask.as_mut() {
            if mask.decode(true).is_err() {
                return Err(ApiError::invalid_request(
                    "Invalid mask image file, please check your mask file.",
                )
                .param("mask")
                .code("invalid_image_file"));
            }
            if mask.alpha.is_none() {
                return Err(ApiError::invalid_request(
                    "Invalid mask image format - mask image missing alpha channel",
                )
                .param("mask")
                .code("invalid_image_format"));
            }
            let first = request.images.first().and_then(InputImage::dimensions);
            if first.is_some() && mask.dimensions() != first {
                return Err(ApiError::invalid_request(
                    "Invalid mask image: the mask must have the same dimensions as the first \
                     image.",
                )
                .param("mask")
                .code("invalid_image_dimensions"));
            }
        }
        Ok(request)
    });
    work.await.unwrap_or_else(|e| Err(ApiError::internal(&e)))
}

/// `auto`: a square for a prompt alone; for an edit, the standard size
/// closest to the first image's shape.
fn auto_size(request: &ImageRequest) -> (u32, u32) {
    let Some((w, h)) = request.images.first().and_then(InputImage::dimensions) else {
        return (1024, 1024);
    };
    let aspect = f64::from(w) / f64::from(h.max(1));
    if aspect > 1.2 {
        (1536, 1024)
    } else if aspect < 1.0 / 1.2 {
        (1024, 1536)
    } else {
        (1024, 1024)
    }
}

/// One drawn image: the final bytes and its partial images.
struct Picture {
    bytes: Vec<u8>,
    partials: Vec<Vec<u8>>,
}

/// Draws and encodes the `n` pictures (and their partials when
/// streaming); returns them with the request's input tokens.
fn draw(
    job: &Job,
    request: &ImageRequest,
    width: u32,
    height: u32,
) -> Result<(Vec<Picture>, (u64, u64)), ApiError> {
    let inputs: Vec<RgbImage> = request
        .images
        .iter()
        .filter_map(|i| i.decoded.clone())
        .collect();
    let image_tokens: u64 = inputs
        .iter()
        .map(|i| media::image_tokens(i.width(), i.height()))
        .sum();
    let mask_alpha = request.mask.as_ref().and_then(|m| m.alpha.as_ref());
    let partial_count = if job.stream { job.partial_images } else { 0 };
    let mut pictures = Vec::new();
    for index in 0..job.n {
        // Each of `n` pictures gets its own background; the prompt's colour
        // band stays the same.
        let marker = index.to_le_bytes();
        let extra: &[u8] = if index == 0 { &[] } else { &marker };
        let seeds = Seeds::of(
            [job.prompt.as_str()],
            request
                .images
                .iter()
                .map(|i| i.bytes.as_slice())
                .chain(std::iter::once(extra)),
        );
        let mut canvas = picture::render(width, height, &seeds, &inputs);
        if let Some(alpha) = mask_alpha {
            media::mark_masked_area(&mut canvas, alpha);
        }
        let encode = |image: &RgbImage| {
            media::encode(image, job.format, job.compression).map_err(|e| ApiError::internal(&e))
        };
        let partials = (0..partial_count)
            .map(|k| {
                encode(&media::pixelate(
                    &canvas,
                    media::partial_block(k, partial_count),
                ))
            })
            .collect::<Result<Vec<_>, _>>()?;
        pictures.push(Picture {
            bytes: encode(&canvas)?,
            partials,
        });
    }
    Ok((pictures, (tokens(&job.prompt), image_tokens)))
}

/// Builds the answer of a drawn request.
struct Answer<'a> {
    job: &'a Job,
    endpoint: Endpoint,
    width: u32,
    height: u32,
    /// (text tokens, image tokens) of the input.
    input_tokens: (u64, u64),
}

impl Answer<'_> {
    fn size(&self) -> String {
        format!("{}x{}", self.width, self.height)
    }

    /// OpenAI's usage object for `images` output images.
    fn usage(&self, images: u64) -> Value {
        let (text, image) = self.input_tokens;
        let output = images * media::output_tokens(&self.job.quality, self.width, self.height);
        json!({
            "input_tokens": text + image,
            "input_tokens_details": {"text_tokens": text, "image_tokens": image},
            "output_tokens": output,
            "output_tokens_details": {"image_tokens": output, "text_tokens": 0},
            "total_tokens": text + image + output,
        })
    }

    /// The `ImagesResponse`.
    fn json(&self, pictures: &[Picture]) -> Response {
        let data: Vec<Value> = pictures
            .iter()
            .map(|p| json!({ "b64_json": b64(&p.bytes) }))
            .collect();
        let body = json!({
            "created": unix_now(),
            "background": self.job.background,
            "data": data,
            "output_format": self.job.format.name(),
            "quality": self.job.quality,
            "size": self.size(),
            "usage": self.usage(pictures.len() as u64),
        });
        axum::Json(body).into_response()
    }

    /// The event stream: each picture's partials, then its completion.
    fn stream(&self, pictures: Vec<Picture>, shared: &Shared) -> Response {
        let prefix = match self.endpoint {
            Endpoint::Edits => "image_edit",
            _ => "image_generation",
        };
        let common = |kind: &str| {
            let mut event = Map::new();
            event.insert("type".into(), json!(format!("{prefix}.{kind}")));
            event.insert("background".into(), json!(self.job.background_asked));
            event.insert("created_at".into(), json!(unix_now()));
            event.insert("output_format".into(), json!(self.job.format.name()));
            event.insert("quality".into(), json!(self.job.quality_asked));
            event.insert("size".into(), json!(self.size()));
            event
        };
        let mut events = Vec::new();
        for picture in pictures {
            for (index, partial) in picture.partials.iter().enumerate() {
                let mut event = common("partial_image");
                event.insert("b64_json".into(), json!(b64(partial)));
                event.insert("partial_image_index".into(), json!(index));
                events.push(sse(&event));
            }
            let mut event = common("completed");
            event.insert("b64_json".into(), json!(b64(&picture.bytes)));
            event.insert("usage".into(), self.usage(1));
            events.push(sse(&event));
        }
        let interval = shared.config.stream_interval;
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, Infallible>>(4);
        tokio::spawn(async move {
            for (i, event) in events.into_iter().enumerate() {
                if i > 0 && !interval.is_zero() {
                    tokio::time::sleep(interval).await;
                }
                if tx.send(Ok(event)).await.is_err() {
                    break;
                }
            }
        });
        let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
        let mut response = Response::new(body);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/event-stream; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }
}

/// One server-sent event, named by its `type` as OpenAI sends them.
fn sse(event: &Map<String, Value>) -> Bytes {
    let kind = event
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("message");
    let data = Value::Object(event.clone()).to_string();
    Bytes::from(format!("event: {kind}\ndata: {data}\n\n"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: Value, endpoint: Endpoint) -> Result<Job, ApiError> {
        let request = read_json(body.to_string().as_bytes(), endpoint)?;
        check(&request, endpoint)
    }

    fn error(body: Value) -> ApiError {
        request(body, Endpoint::Generations).expect_err("refused")
    }

    #[test]
    fn defaults_fill_in() {
        let job = request(json!({"prompt": "a shed"}), Endpoint::Generations).expect("ok");
        assert_eq!(job.model.name, "gpt-image-1.5");
        assert_eq!((job.n, job.size, job.format), (1, None, Format::Png));
        assert_eq!(
            (job.quality.as_str(), job.background.as_str()),
            ("medium", "opaque")
        );
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let cases = [
            (json!({}), "prompt", "missing_required_parameter"),
            (
                json!({"prompt": "x", "n": 11}),
                "n",
                "integer_above_max_value",
            ),
            (json!({"prompt": "x", "n": "2"}), "n", "invalid_type"),
            (
                json!({"prompt": "x", "size": "512x512"}),
                "size",
                "invalid_value",
            ),
            (
                json!({"prompt": "x", "quality": "xhigh"}),
                "quality",
                "invalid_value",
            ),
            (
                json!({"prompt": "x", "output_format": "gif"}),
                "output_format",
                "invalid_value",
            ),
            (
                json!({"prompt": "x", "partial_images": 4}),
                "partial_images",
                "integer_above_max_value",
            ),
            (
                json!({"prompt": "x", "background": "clear"}),
                "background",
                "invalid_value",
            ),
            (
                json!({"prompt": "x", "output_compression": 50}),
                "output_compression",
                "invalid_value",
            ),
            (
                json!({"prompt": "x", "input_fidelity": "high"}),
                "input_fidelity",
                "unknown_parameter",
            ),
            (
                json!({"prompt": "x", "bogus": 1}),
                "bogus",
                "unknown_parameter",
            ),
        ];
        for (body, param, code) in cases {
            let e = error(body.clone());
            assert_eq!(e.param.as_deref(), Some(param), "{body}");
            assert_eq!(e.code.as_deref(), Some(code), "{body}");
            assert_eq!(e.status, StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn models_are_checked() {
        let e = error(json!({"prompt": "x", "model": "gpt-image-9"}));
        assert_eq!(
            (e.status, e.code.as_deref()),
            (StatusCode::NOT_FOUND, Some("model_not_found"))
        );
        let e = error(json!({"prompt": "x", "model": "gpt-image-1"}));
        assert!(e.message.contains("deprecated"), "{}", e.message);
    }

    #[test]
    fn gpt_image_2_takes_flexible_sizes() {
        let job = request(
            json!({"prompt": "x", "model": "gpt-image-2", "size": "1536x864"}),
            Endpoint::Generations,
        )
        .expect("ok");
        assert_eq!(job.size, Some((1536, 864)));
        let e = error(json!({"prompt": "x", "model": "gpt-image-2", "size": "1000x1000"}));
        assert_eq!(e.param.as_deref(), Some("size"));
        let e = error(json!({"prompt": "x", "model": "gpt-image-1.5", "size": "1536x864"}));
        assert_eq!(e.param.as_deref(), Some("size"));
    }

    #[test]
    fn input_fidelity_depends_on_the_model() {
        let png = fake_png();
        let edit = |model: &str, fidelity: &str| {
            let mut request = ImageRequest {
                prompt: Some("x".into()),
                model: Some(model.into()),
                input_fidelity: Some(fidelity.into()),
                ..ImageRequest::default()
            };
            request
                .images
                .push(InputImage::new("image[]", "image/png", png.clone()));
            check(&request, Endpoint::Edits)
        };
        assert!(edit("gpt-image-1.5", "high").is_ok());
        let e = edit("gpt-image-1-mini", "high").expect_err("refused");
        assert_eq!(
            e.message,
            "Invalid value: 'high'. Supported values are: 'low'."
        );
        let e = edit("gpt-image-2", "low").expect_err("refused");
        assert_eq!(e.code.as_deref(), Some("unsupported_parameter"));
        assert_eq!(e.param.as_deref(), Some("input_fidelity"));
    }

    #[test]
    fn edits_need_one_to_sixteen_images_of_image_types() {
        let png = fake_png();
        let mut request = ImageRequest {
            prompt: Some("x".into()),
            ..ImageRequest::default()
        };
        let e = check(&request, Endpoint::Edits).expect_err("no image");
        assert_eq!(e.param.as_deref(), Some("image"));
        for _ in 0..17 {
            request
                .images
                .push(InputImage::new("image[]", "image/png", png.clone()));
        }
        let e = check(&request, Endpoint::Edits).expect_err("too many");
        assert_eq!(e.code.as_deref(), Some("array_above_max_length"));
        request.images.truncate(1);
        request
            .images
            .push(InputImage::new("image[]", "text/plain", png.clone()));
        let e = check(&request, Endpoint::Edits).expect_err("not an image type");
        assert_eq!(e.code.as_deref(), Some("unsupported_file_mimetype"));
    }

    fn fake_png() -> Vec<u8> {
        media::encode(&RgbImage::new(4, 4), Format::Png, 100).expect("encodes")
    }
}
