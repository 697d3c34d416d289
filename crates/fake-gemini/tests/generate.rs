//! Successful generations over real HTTP: sizes per aspect ratio, where
//! the image sits, token counts, determinism, input formats, and what the
//! log records.

mod common;

use common::*;
use fake_gemini::{FakeConfig, FakeGemini};
use image::ImageFormat;
use serde_json::json;

fn fake() -> FakeGemini {
    FakeGemini::start(FakeConfig::default()).expect("starts")
}

#[tokio::test]
async fn answers_text_then_image_at_1024_square_by_default() {
    let fake = fake();
    let body = json!({"contents": [{"parts": [{"text": "a bird house, step 1"}]}]});
    let answer = generate(&fake.base_url(), FLASH, None, &body).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, "application/json; charset=UTF-8");
    let candidate = &answer.body["candidates"][0];
    assert_eq!(candidate["finishReason"], "STOP");
    assert_eq!(candidate["index"], 0);
    assert_eq!(candidate["content"]["role"], "model");
    let parts = parts(&answer.body);
    assert_eq!(parts.len(), 2);
    assert!(
        parts[0]["text"].as_str().is_some(),
        "text first: {}",
        parts[0]
    );
    assert_eq!(parts[1]["inlineData"]["mimeType"], "image/png");
    let (mime, png) = image_of(&answer.body);
    assert_eq!(mime, "image/png");
    assert_eq!(decode_png(&png).dimensions(), (1024, 1024));
    assert_eq!(answer.body["modelVersion"], FLASH);
    assert!(answer.body["responseId"]
        .as_str()
        .is_some_and(|id| id.len() >= 16));
}

#[tokio::test]
async fn every_aspect_ratio_has_the_real_output_size() {
    let fake = fake();
    let sizes = [
        ("1:1", 1024, 1024),
        ("2:3", 848, 1264),
        ("3:2", 1264, 848),
        ("3:4", 896, 1200),
        ("4:3", 1200, 896),
        ("4:5", 928, 1152),
        ("5:4", 1152, 928),
        ("9:16", 768, 1376),
        ("16:9", 1376, 768),
        ("21:9", 1584, 672),
    ];
    for (ratio, width, height) in sizes {
        let body = request(&["a shelf"], &[], Some(ratio), Some(&["IMAGE"]));
        let answer = generate(&fake.base_url(), FLASH, None, &body).await;
        assert_eq!(answer.status, 200, "{ratio}: {}", answer.body);
        assert_eq!(parts(&answer.body).len(), 1, "{ratio}: only the image");
        let (_, png) = image_of(&answer.body);
        assert_eq!(decode_png(&png).dimensions(), (width, height), "{ratio}");
    }
}

#[tokio::test]
async fn usage_counts_text_and_image_tokens_by_modality() {
    let fake = fake();
    let input = png(40, 30, [10, 200, 10]);
    let text = "x".repeat(40); // 10 tokens
    let body = request(&[&text], &[("image/png", &input)], None, Some(&["IMAGE"]));
    let answer = generate(&fake.base_url(), FLASH, None, &body).await;
    assert_eq!(
        answer.body["usageMetadata"],
        json!({
            "promptTokenCount": 268,
            "candidatesTokenCount": 1120,
            "totalTokenCount": 1388,
            "promptTokensDetails": [
                {"modality": "TEXT", "tokenCount": 10},
                {"modality": "IMAGE", "tokenCount": 258}
            ],
            "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1120}]
        })
    );
}

#[tokio::test]
async fn the_same_request_gives_the_same_image_and_another_prompt_another() {
    let fake = fake();
    let input = png(64, 48, [200, 120, 30]);
    let body = |text: &str| request(&[text], &[("image/png", &input)], Some("4:3"), None);
    let first = generate(&fake.base_url(), FLASH, None, &body("step 2")).await;
    let again = generate(&fake.base_url(), FLASH, None, &body("step 2")).await;
    let other = generate(&fake.base_url(), FLASH, None, &body("step 3")).await;
    assert_eq!(image_of(&first.body).1, image_of(&again.body).1);
    assert_ne!(image_of(&first.body).1, image_of(&other.body).1);
    assert_ne!(
        first.body["responseId"], again.body["responseId"],
        "each answer has its own id"
    );
}

#[tokio::test]
async fn the_first_input_image_is_the_background() {
    let fake = fake();
    let red = png(300, 200, [230, 20, 20]);
    let blue = png(50, 50, [20, 20, 230]);
    let body = request(
        &["turn it into a photo"],
        &[("image/png", &red), ("image/png", &blue)],
        Some("1:1"),
        Some(&["IMAGE"]),
    );
    let answer = generate(&fake.base_url(), FLASH, None, &body).await;
    let picture = decode_png(&image_of(&answer.body).1);
    let [r, g, b] = picture.get_pixel(400, 500).0;
    assert!(
        r > 180 && g < 80 && b < 80,
        "reddish centre, got {:?}",
        [r, g, b]
    );
}

#[tokio::test]
async fn png_jpeg_and_webp_inputs_are_decoded_and_logged() {
    let fake = fake();
    let inputs = [
        (
            "image/png",
            image_bytes(64, 32, [1, 2, 3], ImageFormat::Png),
        ),
        (
            "image/jpeg",
            image_bytes(48, 48, [90, 90, 9], ImageFormat::Jpeg),
        ),
        (
            "image/webp",
            image_bytes(20, 40, [5, 99, 5], ImageFormat::WebP),
        ),
    ];
    let images: Vec<(&str, &[u8])> = inputs.iter().map(|(m, b)| (*m, b.as_slice())).collect();
    let body = request(
        &["first", "second"],
        &images,
        Some("16:9"),
        Some(&["TEXT", "IMAGE"]),
    );
    let answer = generate(&fake.base_url(), FLASH, None, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);

    let log = fake.requests();
    assert_eq!(log.len(), 1);
    let entry = &log[0];
    assert_eq!(entry.seq, 1);
    assert_eq!(entry.model, FLASH);
    assert_eq!(entry.api_version, "v1beta");
    assert!(!entry.key_given);
    assert_eq!(entry.texts, ["first", "second"]);
    assert_eq!(entry.prompt, "first\nsecond");
    assert_eq!(entry.aspect_ratio.as_deref(), Some("16:9"));
    assert_eq!(entry.response_modalities, ["TEXT", "IMAGE"]);
    let sizes = [(64, 32), (48, 48), (20, 40)];
    for ((logged, (mime, bytes)), (w, h)) in entry.images.iter().zip(&inputs).zip(sizes) {
        assert_eq!(logged.mime_type, *mime);
        assert_eq!(logged.bytes, bytes.len());
        assert_eq!(logged.sha256, sha256_hex(bytes));
        assert_eq!((logged.width, logged.height), (Some(w), Some(h)));
    }
    let outcome = entry.outcome.as_ref().expect("answered");
    assert_eq!(
        (outcome.status, outcome.result.as_str()),
        (Some(200), "image")
    );
    let output = entry.output_image.as_ref().expect("the answer's image");
    assert_eq!(output.sha256, sha256_hex(&image_of(&answer.body).1));
    assert_eq!((output.width, output.height), (Some(1376), Some(768)));
    assert!(entry.finished_ms.is_some_and(|f| f >= entry.arrived_ms));
}

#[tokio::test]
async fn gemini_3_pro_takes_fourteen_images_and_renders_2k() {
    let fake = fake();
    let inputs: Vec<Vec<u8>> = (0..14)
        .map(|i| png(16 + i, 16, [i as u8 * 15, 80, 80]))
        .collect();
    let images: Vec<(&str, &[u8])> = inputs.iter().map(|b| ("image/png", b.as_slice())).collect();
    let mut body = request(&["all the parts"], &images, None, Some(&["IMAGE"]));
    body["generationConfig"]["imageConfig"] = json!({"aspectRatio": "1:1", "imageSize": "2K"});
    let answer = generate(&fake.base_url(), PRO, None, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        decode_png(&image_of(&answer.body).1).dimensions(),
        (2048, 2048)
    );
    assert_eq!(
        answer.body["usageMetadata"]["promptTokensDetails"][1]["tokenCount"],
        14 * 258
    );
    assert_eq!(fake.requests()[0].images.len(), 14);
}

#[tokio::test]
async fn each_size_has_its_pixels_and_tokens() {
    let fake = fake();
    for (model, size, pixels, tokens) in [
        (FLASH, "512", (600, 448), 747),
        (FLASH, "1K", (1200, 896), 1120),
        (FLASH, "2K", (2400, 1792), 1680),
        (PRO, "1K", (1200, 896), 1120),
        (PRO, "4K", (4800, 3584), 2000),
    ] {
        let mut body = request(&["a shelf"], &[], None, Some(&["IMAGE"]));
        body["generationConfig"]["imageConfig"] = json!({"aspectRatio": "4:3", "imageSize": size});
        let answer = generate(&fake.base_url(), model, None, &body).await;
        assert_eq!(answer.status, 200, "{model} {size}: {}", answer.body);
        assert_eq!(
            decode_png(&image_of(&answer.body).1).dimensions(),
            pixels,
            "{model} {size}"
        );
        assert_eq!(
            answer.body["usageMetadata"]["candidatesTokenCount"], tokens,
            "{model} {size}"
        );
    }
    assert_eq!(fake.requests()[0].image_size.as_deref(), Some("512"));
}

#[tokio::test]
async fn the_python_sdks_shape_is_accepted() {
    // The SDK sends URL-safe base64; proto-JSON also takes snake_case names.
    let fake = fake();
    let input = png(31, 17, [250, 250, 250]);
    let urlsafe = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE, &input);
    let body = json!({
        "contents": [{"role": "user", "parts": [
            {"text": "draw"},
            {"inline_data": {"mime_type": "image/png", "data": urlsafe}}
        ]}],
        "generation_config": {"response_modalities": ["IMAGE"], "image_config": {"aspect_ratio": "9:16"}},
        "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
        "systemInstruction": {"parts": [{"text": "be brief"}]}
    });
    let answer = generate(&fake.base_url(), FLASH, None, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        decode_png(&image_of(&answer.body).1).dimensions(),
        (768, 1376)
    );
    let entry = &fake.requests()[0];
    assert_eq!(entry.images[0].sha256, sha256_hex(&input));
    assert_eq!(entry.system_instruction.as_deref(), Some("be brief"));
}

#[tokio::test]
async fn the_key_may_come_in_the_query_or_the_header() {
    let fake = FakeGemini::start(FakeConfig {
        api_key: Some("secret".into()),
        ..FakeConfig::default()
    })
    .expect("starts");
    let response = reqwest::Client::new()
        .post(format!(
            "{}/v1beta/models/{FLASH}:generateContent?key=secret",
            fake.base_url()
        ))
        .body(text_only("hello").to_string())
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    let answer = generate(&fake.base_url(), FLASH, Some("secret"), &text_only("hi")).await;
    assert_eq!(answer.status, 200);
    assert!(fake.requests().iter().all(|r| r.key_given));
}

#[tokio::test]
async fn a_text_only_modality_answers_text_without_an_image() {
    let fake = fake();
    let answer = generate(&fake.base_url(), FLASH, None, &text_only("describe it")).await;
    assert_eq!(answer.status, 200);
    let parts = parts(&answer.body);
    assert_eq!(parts.len(), 1);
    assert!(parts[0]["text"].is_string());
    assert_eq!(fake.requests()[0].outcome.as_ref().unwrap().result, "text");
}

#[tokio::test]
async fn the_v1_path_is_served_too() {
    let fake = fake();
    let response = reqwest::Client::new()
        .post(format!(
            "{}/v1/models/{FLASH}:generateContent",
            fake.base_url()
        ))
        .body(text_only("hello").to_string())
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    assert_eq!(fake.requests()[0].api_version, "v1");
}
