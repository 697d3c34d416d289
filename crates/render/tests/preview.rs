//! Contact sheets for people: every example's steps side by side, written
//! to `target/preview/` (run with `--ignored`, then look at the PNGs).

use std::path::{Path, PathBuf};

use plan::request::Style;
use render::{step_pixels, Guide, Mode};
use resvg::tiny_skia::{Pixmap, PixmapPaint, Transform};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

fn request(path: &Path) -> plan::GuideRequest {
    let text = std::fs::read_to_string(path).expect("read");
    let yaml = path.extension().is_some_and(|e| e == "yaml");
    if yaml {
        plan::request::parse_yaml(&text).expect("valid")
    } else {
        plan::request::parse_json(&text).expect("valid")
    }
}

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
    for file in examples() {
        let plan = plan::extract::plan_for(&request(&file));
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
        let name = file
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        sheet
            .save_png(out.join(format!("{name}.png")))
            .expect("png");
    }
}
