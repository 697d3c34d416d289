//! How each style paints: background, surfaces per role, line colours and
//! widths. One table per style keeps the three looks consistent with each
//! other and the scene code free of style branches.

use plan::request::Style;

use crate::mesh::Rgb;

/// What a surface is in this step's picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// New or changed in this step: full colour, accent outline.
    Action,
    /// Already there before this step: faded context.
    Context,
    /// Removed or cut away in this step: a see-through ghost.
    Ghost,
    /// On a parts-list card: full colour, plain outline (every card is
    /// "new", so the accent would mean nothing).
    Listed,
}

/// A style's colours and line weights (at 768 px picture height; scaled
/// with the picture).
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    pub background: Rgb,
    /// Colour and opacity of the soft ground shadow.
    pub shadow: (Rgb, f64),
    /// Outline colour per role.
    pub action_line: Rgb,
    pub context_line: Rgb,
    pub ghost_line: Rgb,
    pub action_width: f64,
    /// Outline of parts on the parts list.
    pub listed_line: Rgb,
    pub context_width: f64,
    /// Arrows, cut lines and badges.
    pub accent: Rgb,
    pub cut_line: Rgb,
    pub text: Rgb,
    pub badge_text: Rgb,
    /// Paper colour of tool icons and the parts-list cards.
    pub card: Rgb,
    pub card_line: Rgb,
    /// Grid lines drawn over the background (blueprint).
    pub grid: Option<Rgb>,
}

pub fn palette(style: Style) -> Palette {
    match style {
        Style::Diagram | Style::Photo => Palette {
            background: [246, 245, 241],
            shadow: ([40, 36, 30], 0.22),
            // The accent outline that marks this step's parts.
            action_line: [196, 70, 8],
            context_line: [150, 152, 158],
            ghost_line: [120, 124, 132],
            action_width: 1.6,
            listed_line: [32, 33, 36],
            context_width: 1.0,
            accent: [232, 89, 12],
            cut_line: [214, 40, 40],
            text: [33, 37, 41],
            badge_text: [255, 255, 255],
            card: [255, 255, 255],
            card_line: [206, 208, 212],
            grid: None,
        },
        Style::Sketch => Palette {
            background: [252, 251, 247],
            shadow: ([60, 60, 60], 0.10),
            action_line: [17, 17, 17],
            context_line: [150, 150, 150],
            ghost_line: [150, 150, 150],
            action_width: 1.9,
            listed_line: [17, 17, 17],
            context_width: 1.0,
            accent: [17, 17, 17],
            cut_line: [17, 17, 17],
            text: [17, 17, 17],
            badge_text: [252, 251, 247],
            card: [252, 251, 247],
            card_line: [120, 120, 120],
            grid: None,
        },
        Style::Blueprint => Palette {
            background: [28, 74, 132],
            shadow: ([8, 26, 56], 0.35),
            action_line: [255, 226, 140],
            context_line: [140, 176, 220],
            ghost_line: [140, 176, 220],
            action_width: 1.7,
            listed_line: [245, 250, 255],
            context_width: 1.0,
            accent: [255, 214, 102],
            cut_line: [255, 214, 102],
            text: [235, 243, 255],
            badge_text: [28, 74, 132],
            card: [36, 86, 148],
            card_line: [140, 176, 220],
            grid: Some([48, 96, 156]),
        },
    }
}

/// The fill of a surface with base colour `base`, lit at `light` (0..=1),
/// for `role`; returns colour and opacity.
pub fn surface(style: Style, role: Role, base: Rgb, light: f64) -> (Rgb, f64) {
    let pal = palette(style);
    let lit = |c: Rgb, k: f64| c.map(|v| channel(f64::from(v) * k));
    match style {
        Style::Diagram | Style::Photo => {
            let c = lit(base, light);
            match role {
                Role::Action | Role::Listed => (c, 1.0),
                Role::Context => (mix(c, pal.background, 0.5), 1.0),
                Role::Ghost => (mix(c, pal.background, 0.3), 0.28),
            }
        }
        Style::Sketch => {
            // Paper white, shaded only by the light: line art carries it.
            let grey = channel(255.0 - (1.0 - light) * 70.0);
            let c = mix([grey; 3], pal.background, 0.2);
            match role {
                Role::Action | Role::Listed => (c, 1.0),
                Role::Context => (mix(c, pal.background, 0.6), 1.0),
                Role::Ghost => (pal.background, 0.0),
            }
        }
        Style::Blueprint => {
            let c = mix([40, 96, 164], [120, 170, 230], light);
            match role {
                Role::Action | Role::Listed => (c, 1.0),
                Role::Context => (mix(c, pal.background, 0.55), 1.0),
                Role::Ghost => (pal.background, 0.0),
            }
        }
    }
}

/// `a` moved toward `b` by `t`.
pub fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    [0, 1, 2].map(|i| channel(f64::from(a[i]) * (1.0 - t) + f64::from(b[i]) * t))
}

fn channel(v: f64) -> u8 {
    v.round().clamp(0.0, 255.0) as u8
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}
