//! Axis-aligned boxes and the small amount of geometry the solver needs.

use serde::Serialize;

/// Overlaps and gaps smaller than this (in cm) do not count: touching faces
/// are not an overlap even after rounding.
pub const EPS: f64 = 1e-6;

/// Axis-aligned box in cm; y is up, the ground is y = 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Aabb {
    pub min: [f64; 3],
    pub max: [f64; 3],
}

impl Aabb {
    /// The box with corner `min` and extent `size`.
    pub fn from_min_size(min: [f64; 3], size: [f64; 3]) -> Aabb {
        Aabb {
            min,
            max: [min[0] + size[0], min[1] + size[1], min[2] + size[2]],
        }
    }

    /// `[width, height, depth]`.
    pub fn size(&self) -> [f64; 3] {
        [
            self.max[0] - self.min[0],
            self.max[1] - self.min[1],
            self.max[2] - self.min[2],
        ]
    }

    pub fn center(&self) -> [f64; 3] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
            (self.min[2] + self.max[2]) / 2.0,
        ]
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &Aabb) -> Aabb {
        Aabb {
            min: [
                self.min[0].min(other.min[0]),
                self.min[1].min(other.min[1]),
                self.min[2].min(other.min[2]),
            ],
            max: [
                self.max[0].max(other.max[0]),
                self.max[1].max(other.max[1]),
                self.max[2].max(other.max[2]),
            ],
        }
    }

    pub fn translated(&self, d: [f64; 3]) -> Aabb {
        Aabb {
            min: [self.min[0] + d[0], self.min[1] + d[1], self.min[2] + d[2]],
            max: [self.max[0] + d[0], self.max[1] + d[1], self.max[2] + d[2]],
        }
    }

    /// Whether the two boxes share a positive volume (more than [`EPS`] on
    /// every axis); touching faces do not overlap.
    pub fn overlaps(&self, other: &Aabb) -> bool {
        (0..3).all(|a| self.overlap_on(other, a) > EPS)
    }

    /// Length of the shared interval along `axis` (negative when apart).
    pub(crate) fn overlap_on(&self, other: &Aabb, axis: usize) -> f64 {
        self.max[axis].min(other.max[axis]) - self.min[axis].max(other.min[axis])
    }
}

/// The union of `boxes`, or `None` when there are none.
pub(crate) fn union_all<'a>(boxes: impl IntoIterator<Item = &'a Aabb>) -> Option<Aabb> {
    boxes.into_iter().fold(None, |acc: Option<Aabb>, b| {
        Some(acc.map_or(*b, |a| a.union(b)))
    })
}

/// A size as the solver uses it: non-finite or non-positive components become
/// 1 cm; the rest are kept within 0.001 cm..1 km so sums stay finite.
pub(crate) fn sanitize_size(size: [f64; 3]) -> [f64; 3] {
    size.map(|s| {
        if s.is_finite() && s > 0.0 {
            s.clamp(1e-3, 1e5)
        } else {
            1.0
        }
    })
}
