//! The request as written, in either shape, and its normalisation.

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::validate::{Paths, StepListPaths};
use super::{FieldError, GuideRequest, RenderOptions, StepText};
use crate::model::Plan;

/// Every top-level field; any other is an error.
pub(super) const TOP_FIELDS: &[&str] = &[
    "title",
    "description",
    "materials",
    "steps",
    "concept_image_prompt",
    "concept_image",
    "plan",
    "engine",
    "strategy",
    "style",
    "width",
    "height",
    "format",
    "planner",
    "verify",
    "review_plan",
    "project_overview",
    "construction_steps",
    "ingredients",
];

/// Every field of an entry of `steps`; any other is an error. (Entries of
/// the seed's `construction_steps` may carry anything.)
pub(super) const STEP_FIELDS: &[&str] = &[
    "step_number",
    "title",
    "description",
    "tools",
    "safety_notes",
    "tips",
];

/// A request as written: every field optional, both shapes side by side.
#[derive(Debug, Default, Deserialize)]
pub(super) struct RawRequest {
    title: Option<String>,
    description: Option<String>,
    materials: Option<Vec<Option<String>>>,
    steps: Option<Vec<RawStep>>,
    concept_image_prompt: Option<String>,
    concept_image: Option<String>,
    plan: Option<Plan>,
    engine: Option<String>,
    strategy: Option<String>,
    style: Option<String>,
    #[serde(default, deserialize_with = "whole::u32")]
    width: Option<u32>,
    #[serde(default, deserialize_with = "whole::u32")]
    height: Option<u32>,
    format: Option<String>,
    planner: Option<String>,
    verify: Option<bool>,
    review_plan: Option<bool>,
    project_overview: Option<RawOverview>,
    construction_steps: Option<Vec<RawStep>>,
    ingredients: Option<Vec<RawIngredient>>,
}

/// The seed's `project_overview`; other fields are ignored.
#[derive(Debug, Default, Deserialize)]
struct RawOverview {
    title: Option<String>,
    description: Option<String>,
}

/// The seed's ingredient; only its name is used.
#[derive(Debug, Default, Deserialize)]
struct RawIngredient {
    name: Option<String>,
}

/// An entry of `steps` or `construction_steps`.
#[derive(Debug, Default, Deserialize)]
struct RawStep {
    #[serde(default, deserialize_with = "whole::i64")]
    step_number: Option<i64>,
    title: Option<String>,
    description: Option<String>,
    tools: Option<TextList>,
    safety_notes: Option<TextList>,
    tips: Option<TextList>,
}

/// Whole numbers written either way, `1024` or `1024.0`: JSON does not tell
/// them apart (nor does JSON Schema's `integer`, which the OpenAPI document
/// uses), and some clients write every number as a float.
mod whole {
    use std::fmt;

    use serde::de::{Deserializer, Error, Unexpected, Visitor};

    struct Whole<T>(&'static str, std::marker::PhantomData<T>);

    impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for Whole<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }

        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            T::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            T::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
            // Within ±2^53 a float spells its integer exactly.
            const EXACT: f64 = 9_007_199_254_740_992.0;
            if v.fract() == 0.0 && v.abs() <= EXACT {
                // The cast is exact: whole and within ±2^53.
                #[allow(clippy::cast_possible_truncation)]
                let whole = v as i64;
                if let Ok(value) = T::try_from(whole) {
                    return Ok(Some(value));
                }
            }
            Err(E::invalid_type(Unexpected::Float(v), &self))
        }
    }

    pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        d.deserialize_option(Whole("u32", std::marker::PhantomData))
    }

    pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        d.deserialize_option(Whole("i64", std::marker::PhantomData))
    }
}

/// One string or a list of strings (nulls in the list are skipped).
#[derive(Debug, Default, PartialEq)]
struct TextList {
    items: Vec<String>,
    /// Whether it was written as a list (so items are addressed by index).
    is_list: bool,
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextListVisitor;

        impl<'de> Visitor<'de> for TextListVisitor {
            type Value = TextList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<TextList, E> {
                Ok(TextList {
                    items: vec![text.to_string()],
                    is_list: false,
                })
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<TextList, E> {
                Ok(TextList::default())
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Option<String>>()? {
                    items.push(item.unwrap_or_default());
                }
                Ok(TextList {
                    items,
                    is_list: true,
                })
            }
        }

        deserializer.deserialize_any(TextListVisitor)
    }
}

/// A normalised request, where its fields came from, and the problems met
/// while normalising (conflicting shapes, step numbers, unknown names).
pub(super) struct Normalised {
    pub request: GuideRequest,
    pub paths: Paths,
    pub errors: Vec<FieldError>,
}

fn clean(text: Option<String>) -> String {
    text.map(|t| t.trim().to_string()).unwrap_or_default()
}

fn conflict(seed_field: &str, stepcast_field: &str) -> FieldError {
    FieldError::new(
        seed_field,
        format!("cannot be used together with {stepcast_field}; use one shape or the other"),
    )
}

fn parse_name<T: FromStr<Err = super::UnknownValue> + Default>(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: Option<String>,
) -> T {
    match text.as_deref().map(T::from_str) {
        None => T::default(),
        Some(Ok(value)) => value,
        Some(Err(e)) => {
            errors.push(FieldError::new(field, e.to_string()));
            T::default()
        }
    }
}

/// Trims a list, drops empty items and records the path of each kept one.
fn clean_list(list: Option<TextList>, path: &str, out: &mut Vec<String>) -> Vec<String> {
    let Some(list) = list else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    for (j, item) in list.items.into_iter().enumerate() {
        let item = item.trim();
        if !item.is_empty() {
            kept.push(item.to_string());
            out.push(if list.is_list {
                format!("{path}[{j}]")
            } else {
                path.to_string()
            });
        }
    }
    kept
}

impl RawRequest {
    /// Merges the two shapes into one request. Shape conflicts, step
    /// numbers out of order and unknown enum names are reported; the other
    /// rules are checked afterwards by `validate`.
    pub(super) fn normalise(self) -> Normalised {
        let mut errors = Vec::new();
        let mut paths = Paths::default();

        let (mut title, mut description) = (self.title, self.description);
        if let Some(overview) = self.project_overview {
            if title.is_some() {
                errors.push(conflict("project_overview", "title"));
            }
            if description.is_some() {
                errors.push(conflict("project_overview", "description"));
            }
            if title.is_none() && description.is_none() {
                paths.title = "project_overview.title".into();
                paths.description = "project_overview.description".into();
                title = overview.title;
                description = overview.description;
            }
        }

        let materials: Vec<(String, String)> = match (self.materials, self.ingredients) {
            (Some(materials), ingredients) => {
                if ingredients.is_some() {
                    errors.push(conflict("ingredients", "materials"));
                }
                materials
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| (clean(m), format!("materials[{i}]")))
                    .collect()
            }
            (None, Some(ingredients)) => {
                paths.materials = "ingredients".into();
                ingredients
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| (clean(m.name), format!("ingredients[{i}].name")))
                    .collect()
            }
            (None, None) => Vec::new(),
        };
        let (materials, material_paths) =
            materials.into_iter().filter(|(m, _)| !m.is_empty()).unzip();
        paths.material_items = material_paths;

        let raw_steps = match (self.steps, self.construction_steps) {
            (Some(steps), construction_steps) => {
                if construction_steps.is_some() {
                    errors.push(conflict("construction_steps", "steps"));
                }
                steps
            }
            (None, Some(steps)) => {
                paths.steps = "construction_steps".into();
                steps
            }
            (None, None) => Vec::new(),
        };
        let mut steps = Vec::with_capacity(raw_steps.len());
        for (i, raw) in raw_steps.into_iter().enumerate() {
            let at = format!("{}[{i}]", paths.steps);
            if let Some(found) = raw.step_number {
                let expected = i + 1;
                if usize::try_from(found).ok() != Some(expected) {
                    errors.push(FieldError::new(
                        format!("{at}.step_number"),
                        format!("expected {expected}, found {found}"),
                    ));
                }
            }
            let mut lists = StepListPaths::default();
            steps.push(StepText {
                title: clean(raw.title),
                description: clean(raw.description),
                tools: clean_list(raw.tools, &format!("{at}.tools"), &mut lists.tools),
                safety_notes: clean_list(
                    raw.safety_notes,
                    &format!("{at}.safety_notes"),
                    &mut lists.safety_notes,
                ),
                tips: clean_list(raw.tips, &format!("{at}.tips"), &mut lists.tips),
            });
            paths.step_lists.push(lists);
        }

        let defaults = RenderOptions::default();
        let options = RenderOptions {
            engine: parse_name(&mut errors, "engine", self.engine),
            strategy: parse_name(&mut errors, "strategy", self.strategy),
            style: parse_name(&mut errors, "style", self.style),
            width: self.width.unwrap_or(defaults.width),
            height: self.height.unwrap_or(defaults.height),
            format: parse_name(&mut errors, "format", self.format),
            planner: parse_name(&mut errors, "planner", self.planner),
            verify: self.verify,
            review_plan: self.review_plan.unwrap_or(false),
        };

        let request = GuideRequest {
            title: clean(title),
            description: clean(description),
            materials,
            steps,
            concept_image_prompt: Some(clean(self.concept_image_prompt)).filter(|p| !p.is_empty()),
            concept_image: self
                .concept_image
                .map(|url| url.trim().to_string())
                .filter(|url| !url.is_empty()),
            plan: self.plan,
            options,
        };
        Normalised {
            request,
            paths,
            errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Engine, ImageFormat, Style};
    use serde_json::json;

    fn raw(value: serde_json::Value) -> RawRequest {
        serde_json::from_value(value).expect("raw request parses")
    }

    fn error_strings(errors: &[FieldError]) -> Vec<String> {
        errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn text_list_accepts_a_string_or_a_list() {
        let one: TextList = serde_json::from_value(json!("Wear gloves")).expect("string");
        assert_eq!(one.items, ["Wear gloves"]);
        assert!(!one.is_list);
        let many: TextList = serde_json::from_value(json!(["a", null, "b"])).expect("list");
        assert_eq!(many.items, ["a", "", "b"]);
        assert!(many.is_list);
        let err = serde_json::from_value::<TextList>(json!(5)).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("invalid type: integer `5`, expected a string or a list of strings")
        );
    }

    #[test]
    fn trims_and_drops_empty_items() {
        let n = raw(json!({
            "title": "  Lamp ",
            "materials": ["  jar ", "", "   ", null, "bulb"],
            "steps": [{"title": " Wire ", "tips": ["", " twist "], "safety_notes": "  "}],
            "concept_image_prompt": "   "
        }))
        .normalise();
        assert!(n.errors.is_empty());
        assert_eq!(n.request.title, "Lamp");
        assert_eq!(n.request.materials, ["jar", "bulb"]);
        assert_eq!(n.paths.material_items, ["materials[0]", "materials[4]"]);
        assert_eq!(n.request.steps[0].title, "Wire");
        assert_eq!(n.request.steps[0].tips, ["twist"]);
        assert_eq!(n.paths.step_lists[0].tips, ["steps[0].tips[1]"]);
        assert!(n.request.steps[0].safety_notes.is_empty());
        assert_eq!(n.request.concept_image_prompt, None);
    }

    #[test]
    fn seed_shape_paths() {
        let n = raw(json!({
            "project_overview": {"title": "T", "description": "D", "difficulty": "easy"},
            "ingredients": [{"name": ""}, {"name": "jar", "quantity": 1}, {"quantity": 2}],
            "construction_steps": [{"step_number": 1, "title": "A", "safety_notes": "Careful"}]
        }))
        .normalise();
        assert!(n.errors.is_empty());
        assert_eq!(n.request.materials, ["jar"]);
        assert_eq!(n.paths.title, "project_overview.title");
        assert_eq!(n.paths.materials, "ingredients");
        assert_eq!(n.paths.material_items, ["ingredients[1].name"]);
        assert_eq!(n.paths.steps, "construction_steps");
        assert_eq!(
            n.paths.step_lists[0].safety_notes,
            ["construction_steps[0].safety_notes"]
        );
        assert_eq!(n.request.steps[0].safety_notes, ["Careful"]);
    }

    #[test]
    fn mixed_shapes_are_errors() {
        let n = raw(json!({
            "title": "T",
            "description": "D",
            "project_overview": {"title": "T"},
            "materials": ["a"],
            "ingredients": [{"name": "b"}],
            "steps": [{"title": "A"}],
            "construction_steps": [{"title": "B"}]
        }))
        .normalise();
        assert_eq!(
            error_strings(&n.errors),
            [
                "project_overview: cannot be used together with title; use one shape or the other",
                "project_overview: cannot be used together with description; use one shape or the other",
                "ingredients: cannot be used together with materials; use one shape or the other",
                "construction_steps: cannot be used together with steps; use one shape or the other",
            ]
        );
        // stepcast's fields win, so later checks still make sense.
        assert_eq!(n.request.materials, ["a"]);
        assert_eq!(n.request.steps[0].title, "A");
    }

    #[test]
    fn step_numbers_must_count_from_one() {
        let n = raw(json!({
            "construction_steps": [
                {"step_number": 1, "title": "A"},
                {"title": "B"},
                {"step_number": 5, "title": "C"},
                {"step_number": -1, "title": "D"}
            ]
        }))
        .normalise();
        assert_eq!(
            error_strings(&n.errors),
            [
                "construction_steps[2].step_number: expected 3, found 5",
                "construction_steps[3].step_number: expected 4, found -1",
            ]
        );
    }

    #[test]
    fn whole_numbers_may_be_written_as_floats() {
        let n = raw(json!({
            "title": "T",
            "width": 1024.0,
            "height": 300,
            "steps": [{"step_number": 1.0, "title": "A"}]
        }))
        .normalise();
        assert!(n.errors.is_empty());
        assert_eq!(n.request.options.width, 1024);
        assert_eq!(n.request.options.height, 300);
        let half = serde_json::from_value::<RawRequest>(json!({"width": 1024.5}));
        assert_eq!(
            half.err().map(|e| e.to_string()).as_deref(),
            Some("invalid type: floating point `1024.5`, expected u32")
        );
        let big = serde_json::from_value::<RawRequest>(json!({"height": 5e9}));
        assert_eq!(
            big.err().map(|e| e.to_string()).as_deref(),
            Some("invalid type: floating point `5000000000.0`, expected u32")
        );
    }

    #[test]
    fn enum_names() {
        let n = raw(json!({"engine": "Gemini", "style": "neon", "format": "gif"})).normalise();
        assert_eq!(n.request.options.engine, Engine::Gemini);
        assert_eq!(n.request.options.style, Style::Diagram);
        assert_eq!(n.request.options.format, ImageFormat::Webp);
        assert_eq!(
            error_strings(&n.errors),
            [
                r#"style: unknown value "neon", expected one of diagram, sketch, blueprint, photo"#,
                r#"format: unknown value "gif", expected one of webp, png, svg, jpeg"#,
            ]
        );
    }
}
