//! The renderer's geometry: every part becomes a list of flat faces.

use crate::geom::Vec3;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// One flat, convex polygon of a part's surface.
///
/// Vertices wind counter-clockwise seen from outside the solid, so the
/// renderer can tell front from back faces and find silhouettes. Faces that
/// share an edge must use bit-identical vertex coordinates for it: outlines
/// are found from that sharing (an edge between two faces that both face the
/// viewer at a shallow angle is smooth and not drawn).
#[derive(Clone, Debug, PartialEq)]
pub struct Face {
    pub verts: Vec<Vec3>,
    /// Base colour before lighting and style.
    pub color: Rgb,
    /// Drawn from both sides (open containers, sheets, cloth): its back is
    /// seen through an opening, shaded darker, and never culled.
    pub two_sided: bool,
    /// See-through (glass): drawn at reduced opacity, from both sides.
    pub translucent: bool,
}

impl Face {
    /// An opaque, one-sided face.
    pub fn solid(verts: Vec<Vec3>, color: Rgb) -> Face {
        Face {
            verts,
            color,
            two_sided: false,
            translucent: false,
        }
    }
}
