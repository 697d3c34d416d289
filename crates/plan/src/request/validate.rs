//! The rules a normalised request must satisfy.

use super::plan_check::validate_plan;
use super::{FieldError, GuideRequest};

/// The bounds every request is held to. Text is counted in characters
/// (Unicode scalar values), not bytes.
pub mod limits {
    /// Fewest steps in a request.
    pub const MIN_STEPS: usize = 1;
    /// Most steps in a request.
    pub const MAX_STEPS: usize = 50;
    /// Longest project or step title.
    pub const MAX_TITLE_CHARS: usize = 200;
    /// Longest project or step description.
    pub const MAX_DESCRIPTION_CHARS: usize = 4000;
    /// Most materials.
    pub const MAX_MATERIALS: usize = 100;
    /// Longest material.
    pub const MAX_MATERIAL_CHARS: usize = 200;
    /// Longest tool, safety note or tip.
    pub const MAX_NOTE_CHARS: usize = 500;
    /// Longest concept image prompt.
    pub const MAX_PROMPT_CHARS: usize = 4000;
    /// Largest concept image, decoded.
    pub const MAX_CONCEPT_IMAGE_BYTES: usize = 4 * 1024 * 1024;
    /// Smallest image width or height in pixels.
    pub const MIN_IMAGE_SIZE: u32 = 256;
    /// Largest image width or height in pixels.
    pub const MAX_IMAGE_SIZE: u32 = 2048;
    /// Most identical copies of one part of a plan.
    pub const MAX_PART_COUNT: u32 = 100;
    /// Longest side of a plan's `framing` box, in centimetres (100 m, the
    /// most the renderer draws of one part on a materials card). Part sizes
    /// themselves have no upper bound.
    pub const MAX_FRAMING_SIDE_CM: f64 = 10_000.0;
    /// At most this many field errors are listed; the rest are counted.
    pub const MAX_REPORTED_ERRORS: usize = 100;
}

use limits::*;

/// Where each field of a normalised request came from, so errors name the
/// fields as the caller wrote them. The default names stepcast's shape.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Paths {
    pub title: String,
    pub description: String,
    /// `materials` or `ingredients`.
    pub materials: String,
    /// The path of each kept material, by index in the normalised list.
    pub material_items: Vec<String>,
    /// `steps` or `construction_steps`.
    pub steps: String,
    /// The paths of each step's kept tools, notes and tips.
    pub step_lists: Vec<StepListPaths>,
}

/// The paths of one step's kept list items, by index in the normalised lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct StepListPaths {
    pub tools: Vec<String>,
    pub safety_notes: Vec<String>,
    pub tips: Vec<String>,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            title: "title".into(),
            description: "description".into(),
            materials: "materials".into(),
            material_items: Vec::new(),
            steps: "steps".into(),
            step_lists: Vec::new(),
        }
    }
}

impl Paths {
    fn material(&self, i: usize) -> String {
        self.material_items
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("{}[{i}]", self.materials))
    }

    fn step(&self, i: usize) -> String {
        format!("{}[{i}]", self.steps)
    }

    fn list_item(&self, step: usize, list: &str, j: usize) -> String {
        let kept = self.step_lists.get(step).and_then(|s| match list {
            "tools" => s.tools.get(j),
            "safety_notes" => s.safety_notes.get(j),
            _ => s.tips.get(j),
        });
        kept.cloned()
            .unwrap_or_else(|| format!("{}.{list}[{j}]", self.step(step)))
    }
}

/// Checks every rule, naming fields through `paths`; returns all problems.
pub(crate) fn validate(req: &GuideRequest, paths: &Paths) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let e = &mut errors;

    text(e, paths.title.clone(), &req.title, MAX_TITLE_CHARS, true);
    let description = paths.description.clone();
    text(
        e,
        description,
        &req.description,
        MAX_DESCRIPTION_CHARS,
        false,
    );

    if req.materials.len() > MAX_MATERIALS {
        e.push(FieldError::new(
            &paths.materials,
            format!(
                "must have at most {MAX_MATERIALS} materials, found {}",
                req.materials.len()
            ),
        ));
    }
    for (i, material) in req.materials.iter().enumerate() {
        text(e, paths.material(i), material, MAX_MATERIAL_CHARS, true);
    }

    let n = req.steps.len();
    if !(MIN_STEPS..=MAX_STEPS).contains(&n) {
        e.push(FieldError::new(
            &paths.steps,
            format!("must have between {MIN_STEPS} and {MAX_STEPS} steps, found {n}"),
        ));
    }
    for (i, step) in req.steps.iter().enumerate() {
        let at = paths.step(i);
        if step.title.trim().is_empty() && step.description.trim().is_empty() {
            e.push(FieldError::new(
                format!("{at}.title"),
                "must not be empty when the description is empty",
            ));
        }
        let title = format!("{at}.title");
        text(e, title, &step.title, MAX_TITLE_CHARS, false);
        let description = format!("{at}.description");
        text(
            e,
            description,
            &step.description,
            MAX_DESCRIPTION_CHARS,
            false,
        );
        let lists = [
            ("tools", &step.tools),
            ("safety_notes", &step.safety_notes),
            ("tips", &step.tips),
        ];
        for (name, items) in lists {
            for (j, item) in items.iter().enumerate() {
                text(e, paths.list_item(i, name, j), item, MAX_NOTE_CHARS, true);
            }
        }
    }

    if let Some(prompt) = &req.concept_image_prompt {
        let path = "concept_image_prompt".to_string();
        text(e, path, prompt, MAX_PROMPT_CHARS, true);
    }
    if let Some(url) = &req.concept_image {
        if let Err(why) = super::concept::decode_image_data_url(url) {
            e.push(FieldError::new("concept_image", why));
        }
    }
    for (name, value) in [("width", req.options.width), ("height", req.options.height)] {
        if !(MIN_IMAGE_SIZE..=MAX_IMAGE_SIZE).contains(&value) {
            e.push(FieldError::new(
                name,
                format!("must be between {MIN_IMAGE_SIZE} and {MAX_IMAGE_SIZE}, found {value}"),
            ));
        }
    }

    if let Some(plan) = &req.plan {
        if plan.steps.len() != n {
            e.push(FieldError::new(
                "plan.steps",
                format!(
                    "must have one entry per step of the request ({n}), found {}",
                    plan.steps.len()
                ),
            ));
        }
        e.extend(validate_plan(plan, "plan"));
    }
    errors
}

/// Checks one text field: non-empty after trimming when `required`, and at
/// most `max` characters.
fn text(errors: &mut Vec<FieldError>, path: String, value: &str, max: usize, required: bool) {
    if required && value.trim().is_empty() {
        errors.push(FieldError::new(path, "must not be empty"));
        return;
    }
    let chars = value.chars().count();
    if chars > max {
        errors.push(FieldError::new(
            path,
            format!("must be at most {max} characters, found {chars}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::StepText;

    fn request() -> GuideRequest {
        GuideRequest {
            title: "Bottle planter".into(),
            steps: vec![StepText::new("Cut the bottle", "Cut it in half.")],
            ..GuideRequest::default()
        }
    }

    fn messages(req: &GuideRequest) -> Vec<String> {
        validate(req, &Paths::default())
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn a_minimal_request_is_valid() {
        assert_eq!(messages(&request()), Vec::<String>::new());
        assert_eq!(request().validate(), Ok(()));
    }

    #[test]
    fn empty_title() {
        let mut req = request();
        req.title = "  \n".into();
        assert_eq!(messages(&req), ["title: must not be empty"]);
    }

    #[test]
    fn step_needs_a_title_or_a_description() {
        let mut req = request();
        req.steps = vec![
            StepText::new("", "Only a description."),
            StepText::new("Only a title", ""),
            StepText::new(" ", ""),
        ];
        assert_eq!(
            messages(&req),
            ["steps[2].title: must not be empty when the description is empty"]
        );
    }

    #[test]
    fn step_count_bounds() {
        let mut req = request();
        req.steps.clear();
        assert_eq!(
            messages(&req),
            ["steps: must have between 1 and 50 steps, found 0"]
        );
        req.steps = vec![StepText::new("Step", ""); 51];
        assert_eq!(
            messages(&req),
            ["steps: must have between 1 and 50 steps, found 51"]
        );
        req.steps.pop();
        assert!(messages(&req).is_empty());
    }

    #[test]
    fn text_bounds_count_characters() {
        let mut req = request();
        req.title = "é".repeat(200);
        assert!(messages(&req).is_empty(), "400 bytes but 200 characters");
        req.title = "é".repeat(201);
        assert_eq!(
            messages(&req),
            ["title: must be at most 200 characters, found 201"]
        );
    }

    #[test]
    fn every_text_bound() {
        let mut req = request();
        req.description = "d".repeat(4001);
        req.materials = vec!["m".repeat(201), "ok".into(), " ".into()];
        req.steps = vec![
            StepText {
                title: "t".repeat(201),
                description: "d".repeat(4001),
                tools: vec!["x".repeat(501)],
                safety_notes: vec!["ok".into(), "s".repeat(501)],
                tips: vec!["p".repeat(501)],
            },
            StepText::new("fine", ""),
        ];
        req.concept_image_prompt = Some("c".repeat(4001));
        assert_eq!(
            messages(&req),
            [
                "description: must be at most 4000 characters, found 4001",
                "materials[0]: must be at most 200 characters, found 201",
                "materials[2]: must not be empty",
                "steps[0].title: must be at most 200 characters, found 201",
                "steps[0].description: must be at most 4000 characters, found 4001",
                "steps[0].tools[0]: must be at most 500 characters, found 501",
                "steps[0].safety_notes[1]: must be at most 500 characters, found 501",
                "steps[0].tips[0]: must be at most 500 characters, found 501",
                "concept_image_prompt: must be at most 4000 characters, found 4001",
            ]
        );
    }

    #[test]
    fn at_most_100_materials() {
        let mut req = request();
        req.materials = vec!["cork".into(); 100];
        assert!(messages(&req).is_empty());
        req.materials.push("cork".into());
        assert_eq!(
            messages(&req),
            ["materials: must have at most 100 materials, found 101"]
        );
    }

    #[test]
    fn image_size_bounds() {
        let mut req = request();
        req.options.width = 255;
        req.options.height = 2049;
        assert_eq!(
            messages(&req),
            [
                "width: must be between 256 and 2048, found 255",
                "height: must be between 256 and 2048, found 2049",
            ]
        );
        req.options.width = 256;
        req.options.height = 2048;
        assert!(messages(&req).is_empty());
    }

    #[test]
    fn paths_name_the_fields_as_written() {
        let mut req = request();
        req.title = String::new();
        req.materials = vec!["ok".into(), "m".repeat(201)];
        req.steps[0].tips = vec!["p".repeat(501)];
        let paths = Paths {
            title: "project_overview.title".into(),
            materials: "ingredients".into(),
            material_items: vec!["ingredients[0].name".into(), "ingredients[3].name".into()],
            steps: "construction_steps".into(),
            step_lists: vec![StepListPaths {
                tips: vec!["construction_steps[0].tips".into()],
                ..StepListPaths::default()
            }],
            ..Paths::default()
        };
        let found: Vec<String> = validate(&req, &paths)
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "project_overview.title: must not be empty",
                "ingredients[3].name: must be at most 200 characters, found 201",
                "construction_steps[0].tips: must be at most 500 characters, found 501",
            ]
        );
    }
}
