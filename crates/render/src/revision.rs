//! Editing a plan without redrawing what the edit did not touch.
//!
//! A guide's pictures share one camera fitted to the whole build (see
//! [`crate::camera`]), so an edit that moves the build's bounds at all
//! moves the camera and changes every step's picture, even the steps the
//! edit has nothing to do with. [`keep_framing`] gives an edited plan the
//! old plan's framing ([`Plan::framing`]) when the new build still fits it
//! well, so the camera stays where it was and each step's picture depends
//! on that step alone; [`changed_steps`] then says exactly which pictures
//! differ, so only those are drawn again.
//!
//! All three are pure: no IO, and the same plans give the same answers.

use plan::layout::Aabb;
use plan::model::Framing;
use plan::request::{validate_framing, ImageFormat, Style, DEFAULT_HEIGHT, DEFAULT_WIDTH};
use plan::Plan;

use crate::camera::Camera;
use crate::error::RenderError;
use crate::guide::{build_bounds, build_frame, framed_box, laid_out, Guide};
use crate::{render_step, Output, DEFAULT_QUALITY};

/// How much larger than in the kept framing an edited build may be drawn
/// when it is fitted on its own before the framing is given up: the build
/// must fill at least 1 / `MAX_ZOOM` (two thirds) of the width or height
/// it would fill with a camera of its own.
pub const MAX_ZOOM: f64 = 1.5;

/// The box [`Guide::new`] fits the camera to for `plan`: every step's
/// layout bounds together (a 10 cm cube at the origin when no step shows a
/// part), grown to hold `plan.framing` when it is set.
pub fn framing_box(plan: &Plan) -> Aabb {
    let (drawn, _, layouts) = laid_out(plan);
    framed_box(build_bounds(&layouts), drawn.framing.as_ref())
}

/// After an edit from `old` to `new`, keeps the old pictures' framing in
/// `new` when it still suits the new build, and otherwise clears it.
///
/// The rule: `new.framing` becomes [`framing_box`]`(old)` (the box the old
/// guide's camera was fitted to, so the camera does not move) when
///
/// - the new build's own bounds (its layout, whatever `new.framing` was)
///   lie inside that box on every axis, so keeping it cuts nothing off and
///   changes nothing the camera sees; and
/// - the new build is still drawn reasonably large in it: the camera scale
///   [`Camera::fit`] gives the new bounds on their own is at most
///   [`MAX_ZOOM`] times the scale it gives the old box, both measured over
///   the build frame of a default-sized picture (1024×768); and
/// - the box is a framing the plan validator accepts
///   ([`validate_framing`]: no side longer than 100 m).
///
/// Otherwise `new.framing` is set to `None`: the camera is fitted to the
/// new build and every step is drawn again. Calling it again with the same
/// `old` changes nothing, since neither test reads `new.framing`.
pub fn keep_framing(old: &Plan, new: &mut Plan) {
    let kept = framing_box(old);
    let bounds = build_bounds(&laid_out(new).2);
    let inside = (0..3).all(|k| kept.min[k] <= bounds.min[k] && bounds.max[k] <= kept.max[k]);
    let frame = build_frame(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    let zoom = Camera::fit(&bounds, frame).scale / Camera::fit(&kept, frame).scale;
    let framing = Framing {
        min: kept.min,
        max: kept.max,
    };
    let valid = validate_framing(&framing, "framing").is_empty();
    new.framing = (inside && zoom <= MAX_ZOOM && valid).then_some(framing);
}

/// The 0-based indices of the steps whose picture differs between `old`
/// and `new` at `width`×`height` in `style`, decided exactly: each step of
/// both plans is drawn as SVG (what [`render_step`] writes) and the bytes
/// compared. Every raster format is drawn from that SVG, so a step whose
/// SVG is unchanged is unchanged in every format. When the plans have a
/// different number of steps, every step of `new` counts as changed.
///
/// Errors are [`Guide::new`]'s (a size outside 256..=2048) and
/// [`render_step`]'s.
pub fn changed_steps(
    old: &Plan,
    new: &Plan,
    width: u32,
    height: u32,
    style: Style,
) -> Result<Vec<usize>, RenderError> {
    let before = Guide::new(old, width, height)?;
    let after = Guide::new(new, width, height)?;
    if before.step_count() != after.step_count() {
        return Ok((0..after.step_count()).collect());
    }
    let output = Output {
        style,
        format: ImageFormat::Svg,
        quality: DEFAULT_QUALITY,
    };
    // Steps are independent: compare them on every core (a save waits for
    // this, and a step costs tens of milliseconds).
    let differs = |index: usize| -> Result<bool, RenderError> {
        let a = render_step(&before, index, &output)?;
        let b = render_step(&after, index, &output)?;
        Ok(a.bytes != b.bytes)
    };
    let steps = after.step_count();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, steps.max(1));
    let verdicts: Vec<Result<bool, RenderError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let differs = &differs;
                scope.spawn(move || {
                    (t..steps)
                        .step_by(threads)
                        .map(|i| (i, differs(i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Result<bool, RenderError>)> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, v)| v).collect()
    });
    if verdicts.len() != steps {
        return Err(RenderError::Draw("a step comparison panicked".into()));
    }
    let mut changed = Vec::new();
    for (index, verdict) in verdicts.into_iter().enumerate() {
        if verdict? {
            changed.push(index);
        }
    }
    Ok(changed)
}
