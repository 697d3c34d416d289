//! How a guide is rendered: engine, strategy, style, image size and format.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The default image width in pixels.
pub const DEFAULT_WIDTH: u32 = 1024;
/// The default image height in pixels.
pub const DEFAULT_HEIGHT: u32 = 768;

/// Rendering choices of a request. In JSON they sit at the top level of the
/// request (`engine`, `strategy`, `style`, `width`, `height`, `format`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct RenderOptions {
    pub engine: Engine,
    pub strategy: Strategy,
    pub style: Style,
    /// Image width in pixels, 256 to 2048.
    pub width: u32,
    /// Image height in pixels, 256 to 2048.
    pub height: u32,
    pub format: ImageFormat,
    /// Who writes the plan the pictures are drawn from.
    pub planner: Planner,
    /// Check each cloud photo against the step's state with a text model
    /// and redraw it once when a part is missing or shown too early;
    /// `None` leaves it to the server's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<bool>,
    /// Plan first, then draw: the guide is planned and waits for the maker
    /// to check (and fix) the plan and start drawing, so no picture (and,
    /// on a cloud engine, no money) is spent on a wrong plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review_plan: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            engine: Engine::default(),
            strategy: Strategy::default(),
            style: Style::default(),
            width: DEFAULT_WIDTH,
            height: DEFAULT_HEIGHT,
            format: ImageFormat::default(),
            planner: Planner::default(),
            verify: None,
            review_plan: false,
        }
    }
}

/// A value that is not one of an enum's names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue {
    /// The value as written.
    pub value: String,
    /// Every accepted name.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown value {:?}, expected one of {}",
            self.value,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

/// Declares a fieldless enum with its snake_case names, `as_str`, `ALL`,
/// `NAMES`, `Display` and a case-insensitive `FromStr`.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value's name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The name as it appears in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            /// Parses a name, ignoring ASCII case and surrounding spaces.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_ascii_lowercase();
                match wanted.as_str() {
                    $($text $(| $alias)* => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        value: text.to_string(),
                        expected: Self::NAMES,
                    }),
                }
            }
        }
    };
}

named_enum! {
    /// What draws the images.
    pub enum Engine {
        /// The offline schematic renderer: deterministic, no network or key.
        #[default]
        Schematic = "schematic",
        /// A Gemini image model (see `/capabilities`).
        Gemini = "gemini",
        /// OpenAI gpt-image.
        Openai = "openai" | "open_ai",
    }
}

named_enum! {
    /// How a cloud engine keeps the steps consistent.
    pub enum Strategy {
        /// Every step on its own, from text (the seed's way).
        Independent = "independent",
        /// Each step edits the previous step's image.
        Chained = "chained",
        /// Every step conditioned on one reference image.
        Anchored = "anchored",
        /// Every step conditioned on its schematic render and the anchor.
        #[default]
        Guided = "guided",
    }
}

named_enum! {
    /// Who writes the plan (the parts and what each step does to them) that
    /// every picture is drawn from. A plan given in the request is used as
    /// it is, whatever this says.
    pub enum Planner {
        /// A language model when this server has a key for one, otherwise
        /// the offline extractor.
        #[default]
        Auto = "auto",
        /// The offline extractor: instant, free, deterministic.
        Offline = "offline",
        /// A Gemini text model with the plan's JSON Schema as its response
        /// schema.
        Gemini = "gemini",
        /// An OpenAI model through the Responses API's strict JSON schema.
        Openai = "openai" | "open_ai",
    }
}

named_enum! {
    /// The look of the images.
    pub enum Style {
        /// An instruction-manual drawing.
        #[default]
        Diagram = "diagram",
        Sketch = "sketch",
        Blueprint = "blueprint",
        Photo = "photo",
    }
}

named_enum! {
    /// The file format of each step's image.
    pub enum ImageFormat {
        #[default]
        Webp = "webp",
        Png = "png",
        Svg = "svg",
        Jpeg = "jpeg" | "jpg",
    }
}

impl ImageFormat {
    /// The MIME type of an image in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Webp => "image/webp",
            ImageFormat::Png => "image/png",
            ImageFormat::Svg => "image/svg+xml",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            other => other.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let o = RenderOptions::default();
        assert_eq!(o.engine, Engine::Schematic);
        assert_eq!(o.strategy, Strategy::Guided);
        assert_eq!(o.style, Style::Diagram);
        assert_eq!(o.format, ImageFormat::Webp);
        assert_eq!((o.width, o.height), (1024, 768));
    }

    #[test]
    fn names_match_serde() -> Result<(), serde_json::Error> {
        for e in Engine::ALL {
            assert_eq!(serde_json::to_value(e)?, e.as_str());
        }
        for s in Strategy::ALL {
            assert_eq!(serde_json::to_value(s)?, s.as_str());
        }
        for s in Style::ALL {
            assert_eq!(serde_json::to_value(s)?, s.as_str());
        }
        for f in ImageFormat::ALL {
            assert_eq!(serde_json::to_value(f)?, f.as_str());
        }
        assert_eq!(Engine::Openai.to_string(), "openai");
        Ok(())
    }

    #[test]
    fn from_str_is_lenient_about_case_and_aliases() {
        assert_eq!("Gemini".parse(), Ok(Engine::Gemini));
        assert_eq!(" BLUEPRINT ".parse(), Ok(Style::Blueprint));
        assert_eq!("jpg".parse(), Ok(ImageFormat::Jpeg));
        assert_eq!("chained".parse(), Ok(Strategy::Chained));
    }

    #[test]
    fn unknown_value_lists_the_names() {
        let err = "neon".parse::<Style>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(r#"unknown value "neon", expected one of diagram, sketch, blueprint, photo"#)
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(ImageFormat::Svg.content_type(), "image/svg+xml");
        assert_eq!(ImageFormat::Jpeg.extension(), "jpg");
        assert_eq!(ImageFormat::Webp.extension(), "webp");
    }
}
