//! The guide's one camera: orthographic, 45° azimuth and 30° elevation,
//! fitted once to the finished build so the framing never moves between
//! steps (a reader compares pictures by position; a camera that re-frames
//! each step makes unchanged parts appear to move).

use plan::layout::Aabb;
use serde::Serialize;

use crate::geom::{cross, dot, normalize, Vec3};

pub const AZIMUTH_DEG: f64 = 45.0;
pub const ELEVATION_DEG: f64 = 30.0;

/// A screen rectangle in pixels: `[left, top, right, bottom]`.
pub type Rect = [f64; 4];

/// An orthographic view: world centimetres to screen pixels (y down) plus a
/// depth that grows away from the viewer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Camera {
    /// Screen right, screen up and view direction (into the scene), in
    /// world coordinates.
    pub right: Vec3,
    pub up: Vec3,
    pub forward: Vec3,
    /// Pixels per centimetre.
    pub scale: f64,
    /// Where the world origin lands on screen.
    pub origin: [f64; 2],
}

impl Camera {
    /// The fixed view direction, fitted so `bounds` fills `frame` (centred,
    /// keeping proportions).
    pub fn fit(bounds: &Aabb, frame: Rect) -> Camera {
        let az = AZIMUTH_DEG.to_radians();
        let el = ELEVATION_DEG.to_radians();
        // The eye sits front-right (+x, +z) and above, looking at the origin.
        let eye = [el.cos() * az.sin(), el.sin(), el.cos() * az.cos()];
        let forward = [-eye[0], -eye[1], -eye[2]];
        let right = normalize(cross(forward, [0.0, 1.0, 0.0]));
        let up = cross(right, forward);
        let mut camera = Camera {
            right,
            up,
            forward,
            scale: 1.0,
            origin: [0.0, 0.0],
        };
        let (lo, hi) = camera.extent(bounds);
        let width = (hi[0] - lo[0]).max(1e-3);
        let height = (hi[1] - lo[1]).max(1e-3);
        let frame_w = (frame[2] - frame[0]).max(1.0);
        let frame_h = (frame[3] - frame[1]).max(1.0);
        let scale = (frame_w / width).min(frame_h / height);
        camera.scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        let mid = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
        camera.origin = [
            (frame[0] + frame[2]) / 2.0 - mid[0] * camera.scale,
            (frame[1] + frame[3]) / 2.0 + mid[1] * camera.scale,
        ];
        camera
    }

    /// Screen x, screen y (pixels, y down) and depth (cm, larger is
    /// farther).
    pub fn project(&self, p: Vec3) -> Vec3 {
        [
            self.origin[0] + dot(p, self.right) * self.scale,
            self.origin[1] - dot(p, self.up) * self.scale,
            dot(p, self.forward),
        ]
    }

    /// Whether a face with outward normal `n` faces the viewer.
    pub fn faces_viewer(&self, n: Vec3) -> bool {
        dot(n, self.forward) < 0.0
    }

    /// The screen rectangle a box covers.
    pub fn screen_rect(&self, b: &Aabb) -> Rect {
        let mut r = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in corners(b) {
            let s = self.project(p);
            r[0] = r[0].min(s[0]);
            r[1] = r[1].min(s[1]);
            r[2] = r[2].max(s[0]);
            r[3] = r[3].max(s[1]);
        }
        r
    }

    /// Unscaled (right, up) extent of a box's corners.
    fn extent(&self, b: &Aabb) -> ([f64; 2], [f64; 2]) {
        let mut lo = [f64::MAX; 2];
        let mut hi = [f64::MIN; 2];
        for p in corners(b) {
            let s = [dot(p, self.right), dot(p, self.up)];
            for k in 0..2 {
                lo[k] = lo[k].min(s[k]);
                hi[k] = hi[k].max(s[k]);
            }
        }
        (lo, hi)
    }
}

/// The eight corners of a box.
pub fn corners(b: &Aabb) -> [Vec3; 8] {
    let (a, c) = (b.min, b.max);
    [
        [a[0], a[1], a[2]],
        [c[0], a[1], a[2]],
        [a[0], c[1], a[2]],
        [c[0], c[1], a[2]],
        [a[0], a[1], c[2]],
        [c[0], a[1], c[2]],
        [a[0], c[1], c[2]],
        [c[0], c[1], c[2]],
    ]
}
