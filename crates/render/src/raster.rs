//! SVG to pixels with resvg, using fonts built into the binary so text
//! looks the same (and the bytes are the same) on every machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, fontdb};

use crate::error::RenderError;

fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(dejavu::sans::regular().to_vec());
            db.load_font_data(dejavu::sans::bold().to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// Draws `svg` at `width`×`height` pixels.
pub fn rasterize(svg: &str, width: u32, height: u32) -> Result<Pixmap, RenderError> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Draw(e.to_string()))?;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| RenderError::Draw(format!("cannot allocate {width}×{height} pixels")))?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// The pixels as RGB triples (the pictures are opaque).
pub fn rgb_bytes(pixmap: &Pixmap) -> Vec<u8> {
    let mut out = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for px in pixmap.data().chunks_exact(4) {
        out.extend_from_slice(&px[..3]);
    }
    out
}
