//! Contact sheets for people: every example's steps side by side, written
//! to `target/preview/` (run with `--ignored`, then look at the PNGs).

mod common;

use std::path::Path;

use plan::request::Style;
use render::{step_pixels, Guide, Mode};
use resvg::tiny_skia::{Pixmap, PixmapPaint, Transform};

#[test]
#[ignore = "writes PNG contact sheets for people to look at"]
fn contact_sheets() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/preview");
    std::fs::create_dir_all(&out).expect("mkdir");
    let style = match std::env::var("STYLE").as_deref() {
        Ok("sketch") => Style::Sketch,
        Ok("blueprint") => Style::Blueprint,
        _ => Style::Diagram,
    };
    let dev = common::dev_set_plans()
        .into_iter()
        .map(|(name, plan)| (format!("dev-{name}"), plan));
    for (name, plan) in common::example_plans().into_iter().chain(dev) {
        let guide = Guide::new(&plan, 512, 384).expect("guide");
        let n = guide.step_count();
        let cols = 3usize;
        let rows = n.div_ceil(cols);
        let mut sheet = Pixmap::new(512 * cols as u32, 384 * rows as u32).expect("sheet");
        sheet.fill(resvg::tiny_skia::Color::WHITE);
        for i in 0..n {
            let px = step_pixels(&guide, i, Mode::Picture(style)).expect("step");
            let (x, y) = ((i % cols) as i32 * 512, (i / cols) as i32 * 384);
            sheet.draw_pixmap(
                x,
                y,
                px.as_ref(),
                &PixmapPaint::default(),
                Transform::identity(),
                None,
            );
        }
        sheet
            .save_png(out.join(format!("{name}.png")))
            .expect("png");
    }
}
