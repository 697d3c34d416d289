//! The Images API over HTTP: generations and edits, their answers, stream
//! events and errors.

mod common;

use common::*;
use fake_openai::Endpoint;
use image::ImageFormat;
use serde_json::json;

#[tokio::test]
async fn a_generation_answers_a_png_of_the_asked_size_with_usage() {
    let fake = fake();
    let answer = post(
        &fake.base_url(),
        "images/generations",
        Some(KEY),
        &json!({"model": "gpt-image-1.5", "prompt": "A bird house, step 1", "size": "1536x1024", "quality": "low"}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert!(answer.content_type.starts_with("application/json"));
    assert!(answer
        .header("x-request-id")
        .is_some_and(|id| id.starts_with("req_")));
    let body = answer.json();
    assert!(body["created"].as_u64().is_some_and(|t| t > 1_700_000_000));
    assert_eq!(body["size"], "1536x1024");
    assert_eq!(body["quality"], "low");
    assert_eq!(body["output_format"], "png");
    assert_eq!(body["background"], "opaque");
    let data = body["data"].as_array().expect("data");
    assert_eq!(data.len(), 1);
    let picture = decode(&unb64(&data[0]["b64_json"]), ImageFormat::Png);
    assert_eq!(picture.dimensions(), (1536, 1024));
    let usage = &body["usage"];
    assert_eq!(
        usage["output_tokens"], 400,
        "published count for low 1536x1024"
    );
    let text = usage["input_tokens_details"]["text_tokens"]
        .as_u64()
        .expect("text tokens");
    assert_eq!(usage["input_tokens_details"]["image_tokens"], 0);
    assert_eq!(usage["input_tokens"], text);
    assert_eq!(usage["total_tokens"], text + 400);

    let log = fake.requests();
    assert_eq!(log.len(), 1);
    let entry = &log[0];
    assert_eq!(entry.endpoint, Endpoint::Generations);
    assert_eq!(entry.model.as_deref(), Some("gpt-image-1.5"));
    assert_eq!(entry.prompt, "A bird house, step 1");
    assert_eq!(entry.size.as_deref(), Some("1536x1024"));
    assert_eq!(entry.quality.as_deref(), Some("low"));
    assert_eq!(
        entry
            .outcome
            .as_ref()
            .map(|o| (o.status, o.result.as_str())),
        Some((Some(200), "image"))
    );
    assert_eq!(entry.output_images.len(), 1);
    assert_eq!(entry.output_images[0].width, Some(1536));
    assert_eq!(
        Some(entry.request_id.clone()),
        answer.header("x-request-id")
    );
}

#[tokio::test]
async fn defaults_formats_and_flexible_sizes() {
    let fake = fake();
    let base = fake.base_url();
    // Defaults: gpt-image-1.5, auto size (a square), auto quality (medium).
    let body = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "x"}),
    )
    .await
    .json();
    assert_eq!(
        (body["size"].as_str(), body["quality"].as_str()),
        (Some("1024x1024"), Some("medium"))
    );
    assert_eq!(body["usage"]["output_tokens"], 1056);

    let body = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "x", "output_format": "jpeg", "output_compression": 60, "size": "1024x1536"}),
    )
    .await
    .json();
    assert_eq!(body["output_format"], "jpeg");
    let picture = decode(&unb64(&body["data"][0]["b64_json"]), ImageFormat::Jpeg);
    assert_eq!(picture.dimensions(), (1024, 1536));

    let body = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "x", "model": "gpt-image-2", "output_format": "webp", "size": "1024x640"}),
    )
    .await
    .json();
    let picture = decode(&unb64(&body["data"][0]["b64_json"]), ImageFormat::WebP);
    assert_eq!(
        picture.dimensions(),
        (1024, 640),
        "gpt-image-2 takes custom sizes"
    );

    let body = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "x", "model": "gpt-image-2.5-flare", "quality": "xhigh", "size": "1024x1024"}),
    )
    .await
    .json();
    assert_eq!(body["quality"], "xhigh");
}

#[tokio::test]
async fn n_images_differ_and_the_same_request_draws_the_same_bytes() {
    let fake = fake();
    let base = fake.base_url();
    let request = json!({"prompt": "A jar lantern", "n": 2, "quality": "low"});
    let first = post(&base, "images/generations", Some(KEY), &request)
        .await
        .json();
    let second = post(&base, "images/generations", Some(KEY), &request)
        .await
        .json();
    let images: Vec<Vec<u8>> = first["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|d| unb64(&d["b64_json"]))
        .collect();
    assert_eq!(images.len(), 2);
    assert_ne!(images[0], images[1]);
    assert_eq!(images[0], unb64(&second["data"][0]["b64_json"]));
    assert_eq!(first["usage"]["output_tokens"], 2 * 272);
}

#[tokio::test]
async fn an_edit_takes_several_uploads_and_draws_from_the_first() {
    let fake = fake();
    let red = png(600, 400, [250, 0, 0]);
    let blue = image_bytes(300, 300, [0, 0, 250], ImageFormat::Jpeg);
    let form = reqwest::multipart::Form::new()
        .part("image[]", file(red.clone(), "red.png", "image/png"))
        .part("image[]", file(blue, "blue.jpg", "image/jpeg"))
        .text("prompt", "Add the lid")
        .text("model", "gpt-image-1.5")
        .text("input_fidelity", "high")
        .text("quality", "medium")
        .text("size", "1024x1024");
    let answer = edit(&fake.base_url(), form).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    let picture = decode(&unb64(&body["data"][0]["b64_json"]), ImageFormat::Png);
    assert_eq!(picture.dimensions(), (1024, 1024));
    let centre = picture.get_pixel(512, 512).0;
    assert!(
        centre[0] > 180 && centre[2] < 80,
        "the first image shows through: {centre:?}"
    );
    let usage = &body["usage"];
    assert!(
        usage["input_tokens_details"]["image_tokens"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );

    let entry = &fake.requests()[0];
    assert_eq!(entry.endpoint, Endpoint::Edits);
    assert_eq!(entry.input_fidelity.as_deref(), Some("high"));
    assert_eq!(entry.images.len(), 2);
    assert_eq!(
        (entry.images[0].width, entry.images[0].height),
        (Some(600), Some(400))
    );
    assert_eq!(entry.images[1].mime_type, "image/jpeg");
    assert_eq!(entry.images[0].bytes, red.len());
}

#[tokio::test]
async fn a_single_image_edit_with_auto_size_follows_the_input_shape_and_the_mask() {
    let fake = fake();
    let form = reqwest::multipart::Form::new()
        .part(
            "image",
            file(png(300, 200, [20, 160, 20]), "a.png", "image/png"),
        )
        .part("mask", file(mask_png(300, 200), "mask.png", "image/png"))
        .text("prompt", "Paint the left half");
    let answer = edit(&fake.base_url(), form).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["size"], "1536x1024", "auto follows a landscape input");
    let picture = decode(&unb64(&body["data"][0]["b64_json"]), ImageFormat::Png);
    let left = picture.get_pixel(300, 512).0;
    let right = picture.get_pixel(1200, 512).0;
    assert!(
        left[0] > right[0] + 60 && left[2] > right[2] + 60,
        "masked area tinted: {left:?} vs {right:?}"
    );
    assert!(fake.requests()[0].mask.is_some());
}

#[tokio::test]
async fn an_edit_also_takes_json_with_data_urls() {
    let fake = fake();
    let answer = post(
        &fake.base_url(),
        "images/edits",
        Some(KEY),
        &json!({
            "prompt": "x",
            "images": [{"image_url": data_url("image/png", &png(64, 64, [1, 2, 3]))}],
            "size": "1024x1024"
        }),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(fake.requests()[0].images.len(), 1);
}

#[tokio::test]
async fn a_streamed_generation_sends_partials_then_the_image() {
    let fake = fake();
    let answer = post(
        &fake.base_url(),
        "images/generations",
        Some(KEY),
        &json!({"prompt": "x", "stream": true, "partial_images": 2, "quality": "low"}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert!(
        answer.content_type.starts_with("text/event-stream"),
        "{}",
        answer.content_type
    );
    let events = answer.events();
    let kinds: Vec<&str> = events.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "image_generation.partial_image",
            "image_generation.partial_image",
            "image_generation.completed"
        ]
    );
    for (index, (name, data)) in events.iter().enumerate() {
        assert_eq!(data["type"], name.as_str());
        assert_eq!(data["size"], "1024x1024");
        assert_eq!(data["output_format"], "png");
        assert_eq!(data["quality"], "low");
        assert_eq!(data["background"], "auto");
        assert!(data["created_at"].as_u64().is_some());
        let picture = decode(&unb64(&data["b64_json"]), ImageFormat::Png);
        assert_eq!(picture.dimensions(), (1024, 1024));
        if index < 2 {
            assert_eq!(data["partial_image_index"], index);
        }
    }
    let completed = &events[2].1;
    assert_eq!(completed["usage"]["output_tokens"], 272);
    assert_ne!(
        events[0].1["b64_json"], completed["b64_json"],
        "partials are coarser"
    );
    let entry = &fake.requests()[0];
    assert!(entry.stream);
    assert_eq!(entry.partial_images, Some(2));
}

#[tokio::test]
async fn a_streamed_edit_without_partials_sends_one_completed_event() {
    let fake = fake();
    let form = reqwest::multipart::Form::new()
        .part(
            "image[]",
            file(png(64, 64, [9, 9, 9]), "a.png", "image/png"),
        )
        .text("prompt", "x")
        .text("stream", "true")
        .text("partial_images", "0")
        .text("size", "1024x1024");
    let answer = edit(&fake.base_url(), form).await;
    let events = answer.events();
    assert_eq!(events.len(), 1, "{}", answer.text);
    assert_eq!(events[0].0, "image_edit.completed");
    assert!(
        events[0].1["usage"]["input_tokens_details"]["image_tokens"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
}

#[tokio::test]
async fn bad_generation_requests_get_openais_errors() {
    let fake = fake();
    let base = fake.base_url();
    let cases = [
        (
            json!({"model": "gpt-image-1.5"}),
            400,
            Some("prompt"),
            Some("missing_required_parameter"),
        ),
        (
            json!({"prompt": "x", "model": "gpt-image-9"}),
            404,
            None,
            Some("model_not_found"),
        ),
        (
            json!({"prompt": "x", "model": "gpt-image-1"}),
            404,
            None,
            Some("model_not_found"),
        ),
        (
            json!({"prompt": "x", "size": "2048x2048"}),
            400,
            Some("size"),
            Some("invalid_value"),
        ),
        (
            json!({"prompt": "x", "model": "gpt-image-2", "size": "1000x1000"}),
            400,
            Some("size"),
            Some("invalid_value"),
        ),
        (
            json!({"prompt": "x", "quality": "max"}),
            400,
            Some("quality"),
            Some("invalid_value"),
        ),
        (
            json!({"prompt": "x", "n": 0}),
            400,
            Some("n"),
            Some("integer_below_min_value"),
        ),
        (
            json!({"prompt": "x", "partial_images": 4, "stream": true}),
            400,
            Some("partial_images"),
            Some("integer_above_max_value"),
        ),
        (
            json!({"prompt": "x", "stream": "yes"}),
            400,
            Some("stream"),
            Some("invalid_type"),
        ),
        (
            json!({"prompt": "x", "background": "transparent", "output_format": "jpeg"}),
            400,
            Some("background"),
            Some("invalid_value"),
        ),
        (
            json!({"prompt": "x", "response_format": "url"}),
            400,
            Some("response_format"),
            Some("unsupported_parameter"),
        ),
        (
            json!({"prompt": "x", "input_fidelity": "high"}),
            400,
            Some("input_fidelity"),
            Some("unknown_parameter"),
        ),
        (
            json!({"prompt": "x".repeat(32_001)}),
            400,
            Some("prompt"),
            Some("string_above_max_length"),
        ),
    ];
    for (body, status, param, code) in cases {
        let answer = post(&base, "images/generations", Some(KEY), &body).await;
        assert_eq!(answer.status, status, "{body}: {}", answer.text);
        let error = answer.error();
        assert_eq!(error["param"].as_str(), param, "{body}");
        assert_eq!(error["code"].as_str(), code, "{body}");
        assert_eq!(error["type"], "invalid_request_error");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let answer = post(
        &base,
        "images/generations",
        Some(KEY),
        &json!({"prompt": "x", "size": "512x512"}),
    )
    .await;
    assert_eq!(
        answer.error()["message"],
        "Invalid value: '512x512'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'."
    );
    let answer = post_raw(
        &base,
        "images/generations",
        Some(KEY),
        b"{not json".to_vec(),
    )
    .await;
    assert_eq!(answer.status, 400);
    assert!(answer.error()["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("We could not parse the JSON body"));
    assert!(fake.requests().iter().all(|entry| entry
        .outcome
        .as_ref()
        .is_some_and(|o| o.status != Some(200))));
}

#[tokio::test]
async fn bad_edits_name_the_parameter() {
    let fake = fake();
    let base = fake.base_url();
    let one = || file(png(32, 32, [1, 1, 1]), "a.png", "image/png");
    let form = |model: &str, fidelity: &str| {
        reqwest::multipart::Form::new()
            .part("image[]", one())
            .text("prompt", "x")
            .text("model", model.to_string())
            .text("input_fidelity", fidelity.to_string())
    };
    let cases = [
        (
            form("gpt-image-2", "high"),
            "input_fidelity",
            "unsupported_parameter",
        ),
        (
            form("gpt-image-1-mini", "high"),
            "input_fidelity",
            "invalid_value",
        ),
        (
            form("gpt-image-1.5", "medium"),
            "input_fidelity",
            "invalid_value",
        ),
        (
            reqwest::multipart::Form::new().text("prompt", "x"),
            "image",
            "missing_required_parameter",
        ),
        (
            reqwest::multipart::Form::new()
                .part("image", file(b"hello".to_vec(), "a.txt", "text/plain"))
                .text("prompt", "x"),
            "image",
            "unsupported_file_mimetype",
        ),
        (
            reqwest::multipart::Form::new()
                .part("image", file(b"not a png".to_vec(), "a.png", "image/png"))
                .text("prompt", "x"),
            "image",
            "invalid_image_file",
        ),
        (
            reqwest::multipart::Form::new()
                .part("image", one())
                .part("mask", file(png(32, 32, [0, 0, 0]), "m.png", "image/png"))
                .text("prompt", "x"),
            "mask",
            "invalid_image_format",
        ),
        (
            reqwest::multipart::Form::new()
                .part("image", one())
                .text("prompt", "x")
                .text("n", "two"),
            "n",
            "invalid_type",
        ),
        (
            reqwest::multipart::Form::new()
                .part("image", one())
                .text("prompt", "x")
                .text("colour", "red"),
            "colour",
            "unknown_parameter",
        ),
    ];
    for (form, param, code) in cases {
        let answer = edit(&base, form).await;
        assert_eq!(answer.status, 400, "{param} {code}: {}", answer.text);
        let error = answer.error();
        assert_eq!(
            (error["param"].as_str(), error["code"].as_str()),
            (Some(param), Some(code)),
            "{error}"
        );
    }
    let mut too_many = reqwest::multipart::Form::new().text("prompt", "x");
    for _ in 0..17 {
        too_many = too_many.part("image[]", one());
    }
    let answer = edit(&base, too_many).await;
    assert_eq!(answer.error()["code"], "array_above_max_length");
    let mut sixteen = reqwest::multipart::Form::new()
        .text("prompt", "x")
        .text("quality", "low");
    for _ in 0..16 {
        sixteen = sixteen.part("image[]", one());
    }
    assert_eq!(edit(&base, sixteen).await.status, 200, "16 images are fine");
}
