//! Same plan and options, same bytes: in every format, run after run and on
//! another thread.

mod common;

use plan::request::{ImageFormat, Style};
use render::{render_step, timelapse, Guide, Output};

fn render_all(plan: &plan::Plan, style: Style, format: ImageFormat) -> Vec<Vec<u8>> {
    let guide = Guide::new(plan, 400, 300).expect("guide");
    let output = Output {
        style,
        format,
        quality: 85.0,
    };
    (0..guide.step_count())
        .map(|i| render_step(&guide, i, &output).expect("render").bytes)
        .collect()
}

#[test]
fn every_format_and_style_is_byte_identical_run_after_run() {
    let plans = common::example_plans();
    let (_, plan) = &plans[0];
    for style in [Style::Diagram, Style::Sketch, Style::Blueprint] {
        for format in [
            ImageFormat::Svg,
            ImageFormat::Png,
            ImageFormat::Webp,
            ImageFormat::Jpeg,
        ] {
            let a = render_all(plan, style, format);
            let b = render_all(plan, style, format);
            assert_eq!(a, b, "{style} {format:?}");
            let plan2 = plan.clone();
            let c = std::thread::spawn(move || render_all(&plan2, style, format))
                .join()
                .expect("thread");
            assert_eq!(a, c, "{style} {format:?} on another thread");
        }
    }
}

#[test]
fn timelapses_are_byte_identical() {
    let plans = common::example_plans();
    let (_, plan) = &plans[1];
    let guide = Guide::new(plan, 320, 256).expect("guide");
    let a = timelapse(&guide, Style::Diagram, 80.0).expect("timelapse");
    let b = timelapse(&guide, Style::Diagram, 80.0).expect("timelapse");
    assert_eq!(a.webp, b.webp);
    assert_eq!(a.gif, b.gif);
}
