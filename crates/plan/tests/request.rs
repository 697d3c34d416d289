//! Guide requests through the public API: both shapes, JSON and YAML, and
//! the errors a caller sees.

use plan::request::{
    parse_json, parse_yaml, validate_plan, Engine, FieldError, ImageFormat, RequestError, Strategy,
    Style,
};
use plan::GuideRequest;
use serde_json::json;

const STEPCAST_JSON: &str = r#"{
  "title": "Bottle Planter",
  "description": "A self-watering planter from a soda bottle.",
  "materials": ["2-liter soda bottle", "potting soil", "cotton string"],
  "steps": [
    {"title": "Cut the bottle", "description": "Cut the bottle in half with a craft knife.",
     "safety_notes": ["Cut away from your body."], "tips": ["Mark the line with tape first."]},
    {"title": "Thread the wick", "description": "Push the string through the cap."},
    {"title": "Fill with soil", "description": "Put the top half upside down into the bottom half and fill it with soil.",
     "tips": ["Water from the bottom."]}
  ]
}"#;

const SEED_JSON: &str = r#"{
  "project_overview": {
    "title": "Bottle Planter",
    "description": "A self-watering planter from a soda bottle.",
    "difficulty": "easy"
  },
  "ingredients": [
    {"name": "2-liter soda bottle", "quantity": 1, "condition": "clean"},
    {"name": "  "},
    {"name": "potting soil"},
    {"name": "cotton string", "notes": "about 30 cm"}
  ],
  "construction_steps": [
    {"step_number": 1, "title": "Cut the bottle", "description": "Cut the bottle in half with a craft knife.",
     "safety_notes": "Cut away from your body.", "tips": "Mark the line with tape first.", "time": "5 min"},
    {"step_number": 2, "title": "Thread the wick", "description": "Push the string through the cap.",
     "safety_notes": [], "tips": ""},
    {"step_number": 3, "title": "Fill with soil", "description": "Put the top half upside down into the bottom half and fill it with soil.",
     "tips": ["Water from the bottom.", ""]}
  ]
}"#;

const STEPCAST_YAML: &str = "
title: Bottle Planter
description: A self-watering planter from a soda bottle.
materials:
  - 2-liter soda bottle
  - potting soil
  - cotton string
steps:
  - title: Cut the bottle
    description: Cut the bottle in half with a craft knife.
    safety_notes: Cut away from your body.
    tips: [Mark the line with tape first.]
  - title: Thread the wick
    description: |
      Push the string through the cap.
  - title: Fill with soil
    description: >-
      Put the top half upside down into the bottom half
      and fill it with soil.
    tips:
      - Water from the bottom.
";

fn messages(result: Result<GuideRequest, RequestError>) -> Vec<String> {
    match result {
        Err(RequestError::Invalid(errors)) => errors.iter().map(FieldError::to_string).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn parse(text: &str) -> GuideRequest {
    match parse_json(text) {
        Ok(request) => request,
        Err(e) => panic!("request does not parse: {e}"),
    }
}

fn with(changes: serde_json::Value) -> Result<GuideRequest, RequestError> {
    let mut value: serde_json::Value =
        serde_json::from_str(STEPCAST_JSON).expect("fixture is JSON");
    for (key, field) in changes.as_object().expect("changes are an object") {
        value[key] = field.clone();
    }
    GuideRequest::from_value(value)
}

#[test]
fn both_shapes_and_yaml_normalise_to_the_same_request() {
    let stepcast = parse(STEPCAST_JSON);
    let seed = parse(SEED_JSON);
    let yaml = parse_yaml(STEPCAST_YAML).expect("YAML parses");
    assert_eq!(stepcast, seed);
    assert_eq!(stepcast, yaml);
    assert_eq!(stepcast.steps.len(), 3);
    assert_eq!(stepcast.options.engine, Engine::Schematic);
    assert_eq!(stepcast.options.strategy, Strategy::Guided);
    assert_eq!(stepcast.options.style, Style::Diagram);
    assert_eq!(stepcast.options.format, ImageFormat::Webp);
    assert_eq!(
        (stepcast.options.width, stepcast.options.height),
        (1024, 768)
    );
    assert_eq!(stepcast.validate(), Ok(()));
}

#[test]
fn seed_request_snapshot() {
    insta::assert_json_snapshot!("seed_request", parse(SEED_JSON));
}

#[test]
fn seed_yaml_is_accepted() {
    let yaml = "
project_overview: {title: Bottle Planter, description: A self-watering planter from a soda bottle.}
ingredients: [{name: 2-liter soda bottle}, {name: potting soil}, {name: cotton string}]
construction_steps:
  - {step_number: 1, title: Cut the bottle, description: Cut the bottle in half with a craft knife.,
     safety_notes: Cut away from your body., tips: Mark the line with tape first.}
  - {step_number: 2, title: Thread the wick, description: Push the string through the cap.}
  - step_number: 3
    title: Fill with soil
    description: Put the top half upside down into the bottom half and fill it with soil.
    tips: [Water from the bottom.]
";
    assert_eq!(parse_yaml(yaml), Ok(parse(STEPCAST_JSON)));
}

#[test]
fn a_serialized_request_parses_back_to_itself() {
    let mut request = parse(STEPCAST_JSON);
    request.options.engine = Engine::Gemini;
    request.options.format = ImageFormat::Png;
    request.options.width = 512;
    request.concept_image_prompt = Some("A green planter on a sunny sill".into());
    let text = serde_json::to_string(&request).expect("serializes");
    let value: serde_json::Value = serde_json::from_str(&text).expect("is JSON");
    assert_eq!(value["engine"], "gemini");
    assert_eq!(value["width"], 512);
    assert!(value.get("options").is_none(), "options are flattened");
    assert_eq!(parse_json(&text), Ok(request.clone()));
    let derived: GuideRequest = serde_json::from_str(&text).expect("derived Deserialize");
    assert_eq!(derived, request);
}

#[test]
fn options_are_read() {
    let request = with(
        json!({"engine": "openai", "strategy": "anchored", "style": "Blueprint",
        "format": "jpg", "width": 2048, "height": 256}),
    )
    .expect("valid");
    assert_eq!(request.options.engine, Engine::Openai);
    assert_eq!(request.options.strategy, Strategy::Anchored);
    assert_eq!(request.options.style, Style::Blueprint);
    assert_eq!(request.options.format, ImageFormat::Jpeg);
    assert_eq!((request.options.width, request.options.height), (2048, 256));
}

#[test]
fn unknown_enum_values_name_the_field_and_the_choices() {
    assert_eq!(
        messages(with(
            json!({"engine": "dalle", "strategy": "random", "style": "neon", "format": "gif"})
        )),
        [
            r#"engine: unknown value "dalle", expected one of schematic, gemini, openai"#,
            r#"strategy: unknown value "random", expected one of independent, chained, anchored, guided"#,
            r#"style: unknown value "neon", expected one of diagram, sketch, blueprint, photo"#,
            r#"format: unknown value "gif", expected one of webp, png, svg, jpeg"#,
        ]
    );
}

#[test]
fn image_size_out_of_range() {
    assert_eq!(
        messages(with(json!({"width": 100, "height": 4096}))),
        [
            "width: must be between 256 and 2048, found 100",
            "height: must be between 256 and 2048, found 4096",
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let result = parse_json(
        r#"{"title": " ", "steps": [{"title": "A"}, {"title": "", "description": ""}],
            "style": "neon", "width": 10}"#,
    );
    let err = result.clone().expect_err("invalid");
    assert_eq!(err.code(), "invalid_field");
    assert_eq!(
        messages(result),
        [
            r#"style: unknown value "neon", expected one of diagram, sketch, blueprint, photo"#,
            "title: must not be empty",
            "steps[1].title: must not be empty when the description is empty",
            "width: must be between 256 and 2048, found 10",
        ]
    );
}

#[test]
fn missing_steps() {
    assert_eq!(
        messages(parse_json(r#"{"title": "Lamp"}"#)),
        ["steps: must have between 1 and 50 steps, found 0"]
    );
    assert_eq!(
        messages(parse_json(
            r#"{"project_overview": {"title": "Lamp"}, "construction_steps": []}"#
        )),
        ["construction_steps: must have between 1 and 50 steps, found 0"]
    );
}

#[test]
fn seed_paths_are_used_in_errors() {
    let long = "x".repeat(201);
    let text = json!({
        "project_overview": {"title": ""},
        "ingredients": [{"name": ""}, {"name": long}],
        "construction_steps": [
            {"step_number": 1, "title": "A"},
            {"step_number": 2, "title": "B", "tips": "t".repeat(501)},
            {"step_number": 5, "title": "C"}
        ]
    })
    .to_string();
    assert_eq!(
        messages(parse_json(&text)),
        [
            "construction_steps[2].step_number: expected 3, found 5",
            "project_overview.title: must not be empty",
            "ingredients[1].name: must be at most 200 characters, found 201",
            "construction_steps[1].tips: must be at most 500 characters, found 501",
        ]
    );
}

#[test]
fn mixing_shapes_names_the_field() {
    assert_eq!(
        messages(with(json!({"construction_steps": [{"title": "A"}]}))),
        ["construction_steps: cannot be used together with steps; use one shape or the other"]
    );
    assert_eq!(
        messages(with(json!({"project_overview": {"title": "A"}}))),
        [
            "project_overview: cannot be used together with title; use one shape or the other",
            "project_overview: cannot be used together with description; use one shape or the other",
        ]
    );
    assert_eq!(
        messages(with(json!({"ingredients": [{"name": "jar"}]}))),
        ["ingredients: cannot be used together with materials; use one shape or the other"]
    );
}

#[test]
fn unknown_top_level_field() {
    assert_eq!(messages(with(json!({"foo": true}))), ["foo: unknown field"]);
}

#[test]
fn non_ascii_text_is_counted_in_characters() {
    // 200 characters of 2 and 4 bytes each: within bounds.
    let title = "ü🌱".repeat(100);
    assert!(with(json!({ "title": title })).is_ok());
    let too_long = format!("{title}ü");
    assert_eq!(
        messages(with(json!({ "title": too_long }))),
        ["title: must be at most 200 characters, found 201"]
    );
    let material = "é".repeat(201);
    assert_eq!(
        messages(with(json!({"materials": ["jar", material]}))),
        ["materials[1]: must be at most 200 characters, found 201"]
    );
}

#[test]
fn too_many_steps_and_materials() {
    let steps: Vec<_> = (0..51)
        .map(|i| json!({"title": format!("Step {i}")}))
        .collect();
    let materials: Vec<_> = (0..101).map(|i| format!("part {i}")).collect();
    assert_eq!(
        messages(with(json!({"steps": steps, "materials": materials}))),
        [
            "materials: must have at most 100 materials, found 101",
            "steps: must have between 1 and 50 steps, found 51",
        ]
    );
}

#[test]
fn syntax_errors_report_line_and_column() {
    let err = parse_json("{\n  \"title\": \"Lamp\"\n  \"steps\": []\n}").expect_err("bad JSON");
    assert_eq!(err.code(), "syntax");
    assert_eq!(
        err,
        RequestError::Syntax {
            line: 3,
            column: 3,
            message: "expected `,` or `}`".into()
        }
    );
    let err =
        parse_yaml("title: Lamp\nsteps:\n- title: A\n  description: \"x\n").expect_err("bad YAML");
    assert!(
        matches!(
            err,
            RequestError::Syntax {
                line: 5,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

fn planter_plan() -> serde_json::Value {
    let part = |id: &str, kind: &str| {
        json!({"id": id, "name": id, "kind": kind, "size": [10, 30, 10],
               "color": "#88cc88", "material": "plastic"})
    };
    let mut soil = part("soil", "fill");
    soil["placement"] = json!({"relation": "in", "target": "bottle"});
    json!({
        "title": "Bottle Planter",
        "parts": [part("bottle", "bottle"), part("string", "string"), soil],
        "steps": [
            {"number": 1, "title": "Cut the bottle",
             "ops": [{"op": "cut", "part": "bottle", "keep": "pieces", "fraction": 0.5}]},
            {"number": 2, "title": "Thread the wick", "ops": [{"op": "add", "part": "string"}]},
            {"number": 3, "title": "Fill with soil",
             "ops": [{"op": "fill", "part": "soil", "container": "bottle", "level": 0.8}]}
        ]
    })
}

#[test]
fn a_hand_written_plan_is_kept() {
    let request = with(json!({ "plan": planter_plan() })).expect("valid");
    let plan = request.plan.expect("plan kept");
    assert_eq!(plan.parts.len(), 3);
    assert!(validate_plan(&plan, "plan").is_empty());
}

#[test]
fn plan_errors_carry_paths() {
    let mut plan = planter_plan();
    plan["steps"][1]["ops"][0]["part"] = json!("jar");
    plan["parts"][2]["placement"]["target"] = json!("soil");
    plan["steps"][2]["number"] = json!(4);
    plan["steps"][2]["ops"][0]["level"] = json!(1.2);
    assert_eq!(
        messages(with(json!({ "plan": plan }))),
        [
            r#"plan.parts[2].placement.target: part "soil" cannot be placed relative to itself"#,
            r#"plan.steps[1].ops[0].part: unknown part "jar""#,
            "plan.steps[2].number: expected 3, found 4",
            "plan.steps[2].ops[0].level: must be between 0 and 1, found 1.2",
        ]
    );
}

#[test]
fn plan_step_count_must_match_the_request() {
    let mut plan = planter_plan();
    plan["steps"].as_array_mut().expect("steps").pop();
    assert_eq!(
        messages(with(json!({ "plan": plan }))),
        ["plan.steps: must have one entry per step of the request (3), found 2"]
    );
}

#[test]
fn plan_type_errors_carry_paths() {
    let mut plan = planter_plan();
    plan["parts"][1]["kind"] = json!("spaceship");
    let found = messages(with(json!({ "plan": plan })));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("plan.parts[1].kind: unknown variant `spaceship`"),
        "{found:?}"
    );
}

#[test]
fn request_schema_is_generated() {
    let schema = serde_json::to_value(schemars::schema_for!(GuideRequest)).expect("schema");
    let properties = &schema["properties"];
    for field in ["title", "steps", "engine", "width", "format", "plan"] {
        assert!(properties.get(field).is_some(), "schema lacks {field}");
    }
}
