//! Every output format decodes to the asked size, at any aspect ratio, and
//! bad options are refused with an error that names them.

mod common;

use plan::request::{ImageFormat, Style};
use render::{render_step, timelapse, Guide, Output, RenderError};
use resvg::tiny_skia::Pixmap;

fn plan() -> plan::Plan {
    common::example_plans()
        .into_iter()
        .next()
        .expect("an example")
        .1
}

fn output(format: ImageFormat, quality: f32) -> Output {
    Output {
        style: Style::Diagram,
        format,
        quality,
    }
}

#[test]
fn png_webp_jpeg_and_svg_decode_at_any_aspect() {
    let plan = plan();
    for (w, h) in [
        (256, 256),
        (1024, 768),
        (2048, 256),
        (256, 2048),
        (777, 333),
    ] {
        let guide = Guide::new(&plan, w, h).expect("guide");
        let last = guide.step_count() - 1;
        let png = render_step(&guide, last, &output(ImageFormat::Png, 85.0)).expect("png");
        assert_eq!(png.content_type, "image/png");
        let px = Pixmap::decode_png(&png.bytes).expect("decodes");
        assert_eq!((px.width(), px.height()), (w, h));

        let webp = render_step(&guide, last, &output(ImageFormat::Webp, 85.0)).expect("webp");
        assert_eq!(webp.content_type, "image/webp");
        assert_eq!(&webp.bytes[..4], b"RIFF");
        assert_eq!(
            &webp.bytes[8..16],
            b"WEBPVP8 ",
            "lossy VP8, not lossless VP8L"
        );
        let decoded = webp::Decoder::new(&webp.bytes).decode().expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (w, h));

        let jpeg = render_step(&guide, last, &output(ImageFormat::Jpeg, 85.0)).expect("jpeg");
        assert_eq!(&jpeg.bytes[..2], &[0xff, 0xd8]);

        let svg = render_step(&guide, last, &output(ImageFormat::Svg, 85.0)).expect("svg");
        let text = String::from_utf8(svg.bytes).expect("utf-8");
        assert!(text.starts_with("<svg") && text.contains(&format!(r#"width="{w}" height="{h}""#)));
    }
}

#[test]
fn webp_quality_trades_size() {
    let plan = plan();
    let guide = Guide::new(&plan, 800, 600).expect("guide");
    let size = |q| {
        render_step(&guide, 1, &output(ImageFormat::Webp, q))
            .expect("webp")
            .bytes
            .len()
    };
    assert!(size(30.0) < size(95.0));
}

#[test]
fn timelapse_has_a_frame_per_step() {
    let plan = plan();
    let guide = Guide::new(&plan, 320, 256).expect("guide");
    let lapse = timelapse(&guide, Style::Sketch, 80.0).expect("timelapse");
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(lapse.gif.as_slice()).expect("gif");
    let mut frames = 0;
    while decoder.read_next_frame().expect("frame").is_some() {
        frames += 1;
    }
    assert_eq!(frames, guide.step_count() + render::TIMELAPSE_HOLD_FRAMES);
    assert_eq!(&lapse.webp[..4], b"RIFF");
    assert!(
        lapse.webp.windows(4).any(|w| w == b"ANIM"),
        "an animated WebP"
    );
}

#[test]
fn bad_options_are_refused_by_name() {
    let plan = plan();
    for (w, h, field) in [(255, 600, "width"), (600, 2049, "height"), (0, 0, "width")] {
        let err = Guide::new(&plan, w, h).expect_err("out of range");
        assert!(
            matches!(err, RenderError::Size { field: f, .. } if f == field),
            "{err}"
        );
        assert!(err.to_string().starts_with(field));
    }
    let guide = Guide::new(&plan, 300, 300).expect("guide");
    let err = render_step(&guide, 0, &output(ImageFormat::Webp, 120.0)).expect_err("quality");
    assert!(err.to_string().starts_with("quality"));
    let err = render_step(&guide, 99, &output(ImageFormat::Png, 80.0)).expect_err("no step");
    assert_eq!(err.code(), "not_found");
}

#[test]
fn an_empty_plan_still_draws() {
    let empty = plan::Plan {
        title: "nothing".into(),
        parts: vec![],
        steps: vec![plan::PlanStep {
            number: 1,
            title: "Look".into(),
            ops: vec![],
            tools: vec![],
            materials_only: false,
            complete: false,
        }],
        unresolved: vec![],
        framing: None,
    };
    let guide = Guide::new(&empty, 300, 300).expect("guide");
    render_step(&guide, 0, &output(ImageFormat::Png, 80.0)).expect("draws");
}
