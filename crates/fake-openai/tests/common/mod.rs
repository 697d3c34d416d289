//! Helpers shared by the integration tests: real HTTP calls to a fake on a
//! free port (JSON, multipart and streamed answers), and test images.

#![allow(dead_code)]

use std::io::Cursor;

use base64::Engine as _;
use fake_openai::{FakeOpenAi, FakeOpenAiConfig};
use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;

pub const KEY: &str = "test-key";

/// A fake that wants [`KEY`].
pub fn fake() -> FakeOpenAi {
    fake_with(FakeOpenAiConfig::default())
}

/// A fake with this configuration, wanting [`KEY`].
pub fn fake_with(config: FakeOpenAiConfig) -> FakeOpenAi {
    FakeOpenAi::start(FakeOpenAiConfig {
        api_key: Some(KEY.to_string()),
        ..config
    })
    .expect("the fake starts")
}

/// One answer: status, the headers we check, and the body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.text[..self.text.len().min(300)])
        })
    }

    /// The `error` object of an error answer.
    pub fn error(&self) -> Value {
        let body = self.json();
        assert!(body["error"].is_object(), "not an error: {body}");
        body["error"].clone()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// The server-sent events of a streamed answer: (event name, data).
    pub fn events(&self) -> Vec<(String, Value)> {
        self.text
            .split("\n\n")
            .filter(|block| !block.trim().is_empty())
            .map(|block| {
                let mut name = String::new();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(rest) = line.strip_prefix("event: ") {
                        name = rest.to_string();
                    } else if let Some(rest) = line.strip_prefix("data: ") {
                        data.push_str(rest);
                    }
                }
                (
                    name,
                    serde_json::from_str(&data).expect("event data is JSON"),
                )
            })
            .collect()
    }
}

pub async fn read(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = response.text().await.expect("a body");
    Answer {
        status,
        content_type,
        headers,
        text,
    }
}

/// POSTs JSON to `{base}/v1/{path}` with an optional bearer key.
pub async fn post(base: &str, path: &str, key: Option<&str>, body: &Value) -> Answer {
    post_raw(base, path, key, body.to_string().into_bytes()).await
}

/// POSTs raw bytes as JSON (for malformed bodies).
pub async fn post_raw(base: &str, path: &str, key: Option<&str>, body: Vec<u8>) -> Answer {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/v1/{path}"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    read(request.send().await.expect("the fake answers")).await
}

/// POSTs a multipart edit with the key.
pub async fn edit(base: &str, form: reqwest::multipart::Form) -> Answer {
    let response = reqwest::Client::new()
        .post(format!("{base}/v1/images/edits"))
        .bearer_auth(KEY)
        .multipart(form)
        .send()
        .await
        .expect("the fake answers");
    read(response).await
}

/// A file part with a name and MIME type, as the SDKs send uploads.
pub fn file(bytes: Vec<u8>, name: &str, mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .expect("a MIME type")
}

/// A solid-colour image with a white diagonal, in a format.
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

/// An RGBA PNG mask: transparent (to edit) on the left half.
pub fn mask_png(width: u32, height: u32) -> Vec<u8> {
    let mask = RgbaImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([0, 0, 0, 255])
        }
    });
    let mut out = Cursor::new(Vec::new());
    mask.write_to(&mut out, ImageFormat::Png).expect("encodes");
    out.into_inner()
}

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn unb64(text: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text.as_str().expect("a base64 string"))
        .expect("base64")
}

pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", b64(bytes))
}

/// Decodes image bytes, checking their format.
pub fn decode(bytes: &[u8], format: ImageFormat) -> RgbImage {
    assert_eq!(image::guess_format(bytes).expect("an image"), format);
    image::load_from_memory(bytes).expect("decodes").to_rgb8()
}
