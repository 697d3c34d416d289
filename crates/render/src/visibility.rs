//! What a step's picture really shows, read back from the part-id render:
//! how many pixels each part got, which parts are hidden, and whether any
//! pixel belongs to a part that is not in view yet. Tests use it to check
//! every example; the CLI uses it to warn about hidden parts.

use plan::model::PartId;
use serde::Serialize;

use crate::error::RenderError;
use crate::guide::Guide;
use crate::picture::{part_index_of, Mode};
use crate::step_pixels;

/// One step's visibility.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepVisibility {
    pub step: u32,
    /// Pixels per part in view (plan order), counting what shows through
    /// glass too.
    pub pixels: Vec<(PartId, u64)>,
    /// Parts in view that no pixel shows (inside something opaque).
    pub hidden: Vec<PartId>,
    /// Plan parts drawn that are not in view after this step (must be
    /// empty except on a materials-only step, which lays out them all).
    pub not_in_view: Vec<PartId>,
    /// Pixels that are neither background nor any part's id colour.
    pub stray_pixels: u64,
    pub materials_only: bool,
}

pub fn step_visibility(guide: &Guide, index: usize) -> Result<StepVisibility, RenderError> {
    let state = guide.states.get(index).ok_or(RenderError::NoSuchStep {
        index,
        count: guide.states.len(),
    })?;
    let parts = &guide.plan.parts;
    let mut counts = vec![0u64; parts.len()];
    let mut stray = 0u64;
    for see_through in [false, true] {
        let pixmap = step_pixels(guide, index, Mode::PartIds { see_through })?;
        let mut pass = vec![0u64; parts.len()];
        for px in pixmap.data().chunks_exact(4) {
            let rgb = [px[0], px[1], px[2]];
            if rgb == [255, 255, 255] {
                continue;
            }
            match part_index_of(rgb).filter(|i| *i < parts.len()) {
                Some(i) => pass[i] += 1,
                None => stray += 1,
            }
        }
        for (c, p) in counts.iter_mut().zip(pass) {
            *c = (*c).max(p);
        }
    }
    let in_view = |id: &str| state.parts.iter().any(|p| p.id == id);
    let pixels: Vec<(PartId, u64)> = parts
        .iter()
        .zip(&counts)
        .filter(|(p, _)| in_view(&p.id))
        .map(|(p, c)| (p.id.clone(), *c))
        .collect();
    Ok(StepVisibility {
        step: state.step,
        hidden: pixels
            .iter()
            .filter(|(_, c)| *c == 0)
            .map(|(id, _)| id.clone())
            .collect(),
        pixels,
        not_in_view: parts
            .iter()
            .zip(&counts)
            .filter(|(p, c)| **c > 0 && !in_view(&p.id))
            .map(|(p, _)| p.id.clone())
            .collect(),
        stray_pixels: stray,
        materials_only: state.materials_only,
    })
}
