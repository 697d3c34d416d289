//! Helpers shared by the integration tests: real HTTP calls to a fake on a
//! free port, request bodies in Gemini's REST shape, and test images.

#![allow(dead_code)]

use std::io::Cursor;

use base64::Engine as _;
use image::{ImageFormat, Rgb, RgbImage};
use serde_json::{json, Value};

pub const FLASH: &str = "gemini-3.1-flash-image";
pub const PRO: &str = "gemini-3-pro-image";

/// One answer: status, headers we check, and the JSON body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

/// POSTs `body` to `models/{model}:generateContent` with an optional key
/// in the `x-goog-api-key` header.
pub async fn generate(base: &str, model: &str, key: Option<&str>, body: &Value) -> Answer {
    let client = reqwest::Client::new();
    let mut request = client
        .post(format!("{base}/v1beta/models/{model}:generateContent"))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(key) = key {
        request = request.header("x-goog-api-key", key);
    }
    read(request.send().await.expect("the fake answers")).await
}

/// POSTs raw bytes (for malformed bodies).
pub async fn generate_raw(base: &str, model: &str, body: Vec<u8>) -> Answer {
    let response = reqwest::Client::new()
        .post(format!("{base}/v1beta/models/{model}:generateContent"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("the fake answers");
    read(response).await
}

pub async fn read(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = response.bytes().await.expect("a body");
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
        )
    });
    Answer {
        status,
        content_type,
        body,
    }
}

/// A request body: the texts, then the images as inline data, with an
/// optional aspect ratio and response modalities.
pub fn request(
    texts: &[&str],
    images: &[(&str, &[u8])],
    aspect_ratio: Option<&str>,
    modalities: Option<&[&str]>,
) -> Value {
    let mut parts: Vec<Value> = texts.iter().map(|t| json!({ "text": t })).collect();
    for (mime, bytes) in images {
        parts.push(json!({"inlineData": {"mimeType": mime, "data": b64(bytes)}}));
    }
    let mut config = json!({});
    if let Some(modalities) = modalities {
        config["responseModalities"] = json!(modalities);
    }
    if let Some(ratio) = aspect_ratio {
        config["imageConfig"] = json!({ "aspectRatio": ratio });
    }
    json!({"contents": [{"role": "user", "parts": parts}], "generationConfig": config})
}

/// A prompt-only request answered with an image only.
pub fn prompt(text: &str) -> Value {
    request(&[text], &[], None, Some(&["IMAGE"]))
}

/// A prompt-only request answered with text only (fast: no picture).
pub fn text_only(text: &str) -> Value {
    request(&[text], &[], None, Some(&["TEXT"]))
}

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A small test image: a colour with a diagonal line, in a format.
pub fn image_bytes(width: u32, height: u32, colour: [u8; 3], format: ImageFormat) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        if x == y {
            Rgb([255, 255, 255])
        } else {
            Rgb(colour)
        }
    });
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, format).expect("encodes");
    out.into_inner()
}

pub fn png(width: u32, height: u32, colour: [u8; 3]) -> Vec<u8> {
    image_bytes(width, height, colour, ImageFormat::Png)
}

/// The parts of the first candidate.
pub fn parts(body: &Value) -> &Vec<Value> {
    body["candidates"][0]["content"]["parts"]
        .as_array()
        .expect("parts")
}

/// The first inline image of the answer, wherever it sits: (MIME type,
/// decoded bytes).
pub fn image_of(body: &Value) -> (String, Vec<u8>) {
    let blob = parts(body)
        .iter()
        .find_map(|part| part.get("inlineData"))
        .expect("an image part");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(blob["data"].as_str().expect("data"))
        .expect("base64");
    (
        blob["mimeType"].as_str().unwrap_or_default().to_string(),
        bytes,
    )
}

/// Decodes a PNG answer.
pub fn decode_png(bytes: &[u8]) -> RgbImage {
    image::load_from_memory_with_format(bytes, ImageFormat::Png)
        .expect("a PNG")
        .to_rgb8()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The body with volatile fields removed, for exact comparisons.
pub fn without_response_id(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(object) = body.as_object_mut() {
        assert!(
            object
                .remove("responseId")
                .is_some_and(|id| id.as_str().is_some_and(|s| !s.is_empty())),
            "a responseId"
        );
    }
    body
}
