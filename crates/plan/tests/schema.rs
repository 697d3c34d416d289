//! The published JSON Schema of the plan format, and the format's round trips.

use std::collections::BTreeSet;

use plan::model::{
    AttachMethod, BendShape, Color, CutKeep, CutShape, FinishKind, Framing, Material, Operation,
    Part, PartKind, Placement, Plan, PlanStep, Relation, Tool, Unresolved,
};
use serde_json::Value;

fn schema_path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/plan.schema.json").to_string()
}

fn rendered_schema() -> String {
    let text = serde_json::to_string_pretty(&Plan::json_schema()).expect("the schema serializes");
    format!("{text}\n")
}

/// `docs/plan.schema.json` is what `Plan::json_schema()` renders. Run with
/// `UPDATE_SCHEMA=1` to write the file after changing the model.
#[test]
fn committed_schema_is_up_to_date() {
    let path = schema_path();
    let rendered = rendered_schema();
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &rendered).expect("write docs/plan.schema.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "docs/plan.schema.json is out of date; run \
         `UPDATE_SCHEMA=1 cargo test -p stepcast-plan --test schema` and commit it"
    );
}

// ---------------------------------------------------------------------------
// The schema's content
// ---------------------------------------------------------------------------

fn definitions(schema: &Value) -> &serde_json::Map<String, Value> {
    schema
        .get("$defs")
        .or_else(|| schema.get("definitions"))
        .and_then(Value::as_object)
        .expect("the schema has definitions")
}

fn definition<'a>(schema: &'a Value, name: &str) -> &'a Value {
    definitions(schema)
        .get(name)
        .unwrap_or_else(|| panic!("no definition for {name}"))
}

/// Every string a schema fragment allows by `const` or `enum`, at any depth.
fn allowed_strings(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item) {
                    ("const", Value::String(s)) => {
                        out.insert(s.clone());
                    }
                    ("enum", Value::Array(items)) => {
                        out.extend(items.iter().filter_map(Value::as_str).map(str::to_string));
                    }
                    _ => allowed_strings(item, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| allowed_strings(item, out)),
        _ => {}
    }
}

fn allowed(schema: &Value, name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    allowed_strings(definition(schema, name), &mut out);
    out
}

/// The JSON name serde gives a unit enum variant.
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value).expect("serializes") {
        Value::String(s) => s,
        other => panic!("not a string: {other}"),
    }
}

/// Every part kind. The match makes this fail to compile when a kind is
/// added and not listed here.
fn all_kinds() -> Vec<PartKind> {
    fn listed(kind: PartKind) {
        match kind {
            PartKind::Box
            | PartKind::Crate
            | PartKind::Board
            | PartKind::Plank
            | PartKind::Slat
            | PartKind::Pallet
            | PartKind::Cylinder
            | PartKind::Can
            | PartKind::Tube
            | PartKind::Pipe
            | PartKind::Bottle
            | PartKind::Jar
            | PartKind::Lid
            | PartKind::Cone
            | PartKind::Sphere
            | PartKind::Torus
            | PartKind::Tire
            | PartKind::Disc
            | PartKind::Sheet
            | PartKind::Fabric
            | PartKind::Paper
            | PartKind::Rope
            | PartKind::String
            | PartKind::Wire
            | PartKind::Chain
            | PartKind::Fill
            | PartKind::Plant
            | PartKind::Lights
            | PartKind::Cushion
            | PartKind::Leg
            | PartKind::Hardware
            | PartKind::Generic => {}
        }
    }
    let kinds = PartKind::ALL.to_vec();
    kinds.iter().copied().for_each(listed);
    kinds
}

fn all_relations() -> Vec<Relation> {
    fn listed(relation: Relation) {
        match relation {
            Relation::On
            | Relation::In
            | Relation::Under
            | Relation::Beside
            | Relation::Left
            | Relation::Right
            | Relation::Behind
            | Relation::InFront
            | Relation::Around
            | Relation::AttachedTo => {}
        }
    }
    let relations = Relation::ALL.to_vec();
    relations.iter().copied().for_each(listed);
    relations
}

/// One operation of every variant.
fn every_operation() -> Vec<Operation> {
    let id = |s: &str| s.to_string();
    let ops = vec![
        Operation::Add { part: id("jar") },
        Operation::Remove { part: id("jar") },
        Operation::Cut {
            part: id("jar"),
            keep: CutKeep::Top,
            fraction: 0.25,
            shape: None,
        },
        Operation::Cut {
            part: id("lid"),
            keep: CutKeep::Shape,
            fraction: 1.0,
            shape: Some(CutShape::Heart),
        },
        Operation::Paint {
            part: id("jar"),
            color: Color("#112233".to_string()),
        },
        Operation::Stain {
            part: id("lid"),
            color: Color("#8b5a2b".to_string()),
        },
        Operation::Fill {
            part: id("soil"),
            container: id("jar"),
            level: 0.75,
        },
        Operation::Attach {
            part: id("lid"),
            to: id("jar"),
            method: AttachMethod::Screw,
        },
        Operation::Drill {
            part: id("lid"),
            holes: 3,
        },
        Operation::Wrap {
            part: id("twine"),
            around: id("jar"),
        },
        Operation::Finish {
            part: id("lid"),
            finish: FinishKind::Varnish,
        },
        Operation::Fold {
            part: id("lid"),
            folds: 2,
        },
        Operation::Bend {
            part: id("twine"),
            shape: BendShape::Coil,
        },
        Operation::Sew {
            part: id("lid"),
            to: id("jar"),
        },
        Operation::Stuff {
            part: id("soil"),
            into: id("jar"),
        },
    ];
    for op in &ops {
        // Fails to compile when an operation is added and not covered here.
        match op {
            Operation::Add { .. }
            | Operation::Remove { .. }
            | Operation::Cut { .. }
            | Operation::Paint { .. }
            | Operation::Stain { .. }
            | Operation::Fill { .. }
            | Operation::Attach { .. }
            | Operation::Drill { .. }
            | Operation::Wrap { .. }
            | Operation::Finish { .. }
            | Operation::Fold { .. }
            | Operation::Bend { .. }
            | Operation::Sew { .. }
            | Operation::Stuff { .. } => {}
        }
    }
    ops
}

#[test]
fn schema_describes_the_plan() {
    let schema = Plan::json_schema();
    assert_eq!(schema["title"], "Plan");
    assert_eq!(schema["type"], "object");
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are rejected"
    );
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .expect("required fields")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(required, BTreeSet::from(["title", "parts", "steps"]));
    for name in [
        "Part",
        "PartKind",
        "Operation",
        "Relation",
        "Placement",
        "PlanStep",
        "Color",
        "Material",
        "Tool",
    ] {
        definition(&schema, name);
    }
    // Every `$ref` points at a definition that exists.
    let text = schema.to_string();
    for piece in text.split("\"$ref\":\"").skip(1) {
        let target = piece.split('"').next().unwrap_or_default();
        let name = target
            .strip_prefix("#/$defs/")
            .or_else(|| target.strip_prefix("#/definitions/"))
            .unwrap_or_else(|| panic!("unexpected $ref {target}"));
        definition(&schema, name);
    }
}

#[test]
fn schema_part_requires_its_fields_and_nothing_else() {
    let schema = Plan::json_schema();
    let part = definition(&schema, "Part");
    assert_eq!(part["additionalProperties"], false);
    let required: BTreeSet<&str> = part["required"]
        .as_array()
        .expect("required fields")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        required,
        BTreeSet::from(["id", "name", "kind", "size", "color", "material"])
    );
    let properties: BTreeSet<&str> = part["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        properties,
        BTreeSet::from([
            "id",
            "name",
            "kind",
            "count",
            "size",
            "color",
            "material",
            "placement"
        ])
    );
    assert_eq!(
        definition(&schema, "Color")["pattern"],
        "^#[0-9a-f]{6}$",
        "colours are #rrggbb"
    );
}

#[test]
fn schema_lists_every_part_kind() {
    let schema = Plan::json_schema();
    let listed = allowed(&schema, "PartKind");
    let expected: BTreeSet<String> = all_kinds().iter().map(json_name).collect();
    assert_eq!(expected.len(), 32);
    assert_eq!(listed, expected);
}

#[test]
fn schema_lists_every_relation() {
    let schema = Plan::json_schema();
    let listed = allowed(&schema, "Relation");
    let expected: BTreeSet<String> = all_relations().iter().map(json_name).collect();
    assert_eq!(listed, expected);
    assert!(listed.contains("in_front") && listed.contains("attached_to"));
}

#[test]
fn schema_lists_every_tool_and_material() {
    let schema = Plan::json_schema();
    let tools: BTreeSet<String> = Tool::ALL.iter().map(json_name).collect();
    assert_eq!(allowed(&schema, "Tool"), tools);
    let materials = allowed(&schema, "Material");
    for material in [Material::Plastic, Material::Fibre, Material::Other] {
        assert!(materials.contains(&json_name(&material)));
    }
}

#[test]
fn schema_lists_every_cut_and_bend_shape() {
    let schema = Plan::json_schema();
    let shapes: BTreeSet<String> = CutShape::ALL.iter().map(json_name).collect();
    assert_eq!(allowed(&schema, "CutShape"), shapes);
    assert!(shapes.contains("heart") && shapes.contains("petal"));
    let bends: BTreeSet<String> = BendShape::ALL.iter().map(json_name).collect();
    assert_eq!(allowed(&schema, "BendShape"), bends);
    assert_eq!(
        bends,
        ["bend", "coil", "twist", "loop"]
            .into_iter()
            .map(str::to_string)
            .collect()
    );
    let step = definition(&schema, "PlanStep");
    assert!(step["properties"].get("complete").is_some(), "{step}");
}

#[test]
fn schema_lists_every_operation() {
    let schema = Plan::json_schema();
    let operation = definition(&schema, "Operation");
    let variants = operation["oneOf"]
        .as_array()
        .expect("operations are one of several shapes");
    let mut names = BTreeSet::new();
    for variant in variants {
        assert_eq!(variant["additionalProperties"], false, "{variant}");
        let mut tag = BTreeSet::new();
        allowed_strings(&variant["properties"]["op"], &mut tag);
        assert_eq!(tag.len(), 1, "one op name per variant: {variant}");
        let required = variant["required"].as_array().expect("required fields");
        assert!(required.contains(&Value::from("op")), "{variant}");
        assert!(required.contains(&Value::from("part")), "{variant}");
        names.extend(tag);
    }
    let expected = BTreeSet::from([
        "add", "remove", "cut", "paint", "stain", "fill", "attach", "drill", "wrap", "finish",
        "fold", "bend", "sew", "stuff",
    ])
    .into_iter()
    .map(str::to_string)
    .collect::<BTreeSet<_>>();
    assert_eq!(names, expected);
    let from_model: BTreeSet<String> = every_operation()
        .iter()
        .map(|op| op.name().to_string())
        .collect();
    assert_eq!(names, from_model);
}

// ---------------------------------------------------------------------------
// Round trips and strictness
// ---------------------------------------------------------------------------

fn sample_part(id: &str, kind: PartKind, material: Material) -> Part {
    Part {
        id: id.to_string(),
        name: id.replace('-', " "),
        kind,
        count: 1,
        size: [8.5, 12.25, 8.5],
        color: Color("#c0ffee".to_string()),
        material,
        placement: Placement::default(),
    }
}

fn sample_plan() -> Plan {
    let mut twine = sample_part("twine", PartKind::Rope, Material::Fibre);
    twine.placement = Placement {
        relation: Relation::Around,
        target: Some("jar".to_string()),
    };
    let mut legs = sample_part("leg-2", PartKind::Leg, Material::Wood);
    legs.count = 4;
    legs.placement = Placement {
        relation: Relation::Under,
        target: Some("jar".to_string()),
    };
    Plan {
        title: "Jar herb garden".to_string(),
        parts: vec![
            sample_part("jar", PartKind::Jar, Material::Glass),
            sample_part("lid", PartKind::Lid, Material::Metal),
            sample_part("soil", PartKind::Fill, Material::Soil),
            twine,
            legs,
        ],
        steps: vec![
            PlanStep {
                number: 1,
                title: "Gather materials".to_string(),
                ops: Vec::new(),
                tools: vec![Tool::Drill, Tool::GlueGun, Tool::WateringCan],
                materials_only: true,
                complete: false,
            },
            PlanStep {
                number: 2,
                title: "Do everything".to_string(),
                ops: every_operation(),
                tools: vec![Tool::Brush],
                materials_only: false,
                complete: true,
            },
        ],
        unresolved: vec![Unresolved {
            step: 2,
            text: "a dash of whimsy".to_string(),
            note: "unknown noun, added as a generic part".to_string(),
        }],
        framing: Some(Framing {
            min: [-0.1, 0.0, -12.345678901234567],
            max: [31.7, 24.000000000000004, 1e-3],
        }),
    }
}

#[test]
fn plan_round_trips_through_json() {
    let plan = sample_plan();
    let text = serde_json::to_string_pretty(&plan).expect("serializes");
    let back: Plan = serde_json::from_str(&text).expect("parses back");
    assert_eq!(back, plan);
    // Defaults are left out when writing.
    assert!(!text.contains("\"count\": 1,"), "{text}");
    assert!(text.contains("\"count\": 4"), "{text}");
    assert_eq!(text.matches("\"complete\": true").count(), 1, "{text}");
    assert!(!text.contains("\"complete\": false"), "{text}");
    assert_eq!(text.matches("\"shape\": ").count(), 2, "{text}");
}

#[test]
fn plan_round_trips_through_yaml() {
    let plan = sample_plan();
    let text = serde_norway::to_string(&plan).expect("serializes");
    let back: Plan = serde_norway::from_str(&text).expect("parses back");
    assert_eq!(back, plan);
}

#[test]
fn defaults_fill_in_left_out_fields() {
    let text = r##"{
        "title": "Minimal",
        "parts": [
            {"id": "can", "name": "can", "kind": "can", "size": [7, 12, 7],
             "color": "#aaaaaa", "material": "metal"}
        ],
        "steps": [
            {"number": 1, "title": "Cut", "ops": [{"op": "cut", "part": "can"}]},
            {"number": 2, "title": "Drill", "ops": [{"op": "drill", "part": "can"}]},
            {"number": 3, "title": "Craft", "ops": [
                {"op": "fold", "part": "can"},
                {"op": "bend", "part": "can"},
                {"op": "cut", "part": "can", "shape": "star"}
            ]}
        ]
    }"##;
    let plan: Plan = serde_json::from_str(text).expect("parses");
    let can = &plan.parts[0];
    assert_eq!(can.count, 1);
    assert_eq!(can.placement, Placement::default());
    assert_eq!(
        plan.steps[0].ops,
        [Operation::Cut {
            part: "can".to_string(),
            keep: CutKeep::Bottom,
            fraction: 0.5,
            shape: None,
        }]
    );
    assert_eq!(
        plan.steps[1].ops,
        [Operation::Drill {
            part: "can".to_string(),
            holes: 1,
        }]
    );
    assert_eq!(
        plan.steps[2].ops,
        [
            Operation::Fold {
                part: "can".to_string(),
                folds: 1,
            },
            Operation::Bend {
                part: "can".to_string(),
                shape: BendShape::Bend,
            },
            Operation::Cut {
                part: "can".to_string(),
                keep: CutKeep::Bottom,
                fraction: 0.5,
                shape: Some(CutShape::Star),
            },
        ]
    );
    assert!(plan.steps.iter().all(|s| !s.complete));
    assert!(plan.unresolved.is_empty());
}

/// Parses JSON, expecting an error that names `field`.
fn rejects_json(text: &str, field: &str) {
    let error = serde_json::from_str::<Plan>(text)
        .err()
        .unwrap_or_else(|| panic!("accepted a plan with `{field}`"));
    let message = error.to_string();
    assert!(message.contains("unknown field"), "{message}");
    assert!(message.contains(&format!("`{field}`")), "{message}");
}

#[test]
fn unknown_fields_are_rejected_everywhere() {
    // At the top level.
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["author"] = Value::from("someone");
    rejects_json(&plan.to_string(), "author");

    // In a part (a British spelling is a typo here, not a synonym).
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["parts"][0]["colour"] = Value::from("#ffffff");
    rejects_json(&plan.to_string(), "colour");

    // In a placement.
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["parts"][0]["placement"]["offset"] = Value::from(3);
    rejects_json(&plan.to_string(), "offset");

    // In a step.
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["steps"][1]["image"] = Value::from("x.png");
    rejects_json(&plan.to_string(), "image");

    // In an operation.
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["steps"][1]["ops"][3]["shade"] = Value::from("matte");
    rejects_json(&plan.to_string(), "shade");

    // In the framing.
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["framing"]["centre"] = Value::from(3);
    rejects_json(&plan.to_string(), "centre");

    // In an unresolved note.
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["unresolved"][0]["severity"] = Value::from("high");
    rejects_json(&plan.to_string(), "severity");
}

#[test]
fn unknown_fields_are_rejected_in_yaml() {
    let text = "\
title: Minimal
parts:
  - id: can
    name: can
    kind: can
    size: [7, 12, 7]
    color: '#aaaaaa'
    material: metal
    weight: 30
steps: []
";
    let error = serde_norway::from_str::<Plan>(text).expect_err("rejects an unknown field");
    let message = error.to_string();
    assert!(message.contains("unknown field `weight`"), "{message}");
}

#[test]
fn unknown_operations_and_kinds_are_rejected() {
    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["steps"][1]["ops"][0]["op"] = Value::from("glue");
    let message = serde_json::from_str::<Plan>(&plan.to_string())
        .expect_err("rejects an unknown op")
        .to_string();
    assert!(message.contains("glue"), "{message}");

    let mut plan = serde_json::to_value(sample_plan()).expect("serializes");
    plan["parts"][0]["kind"] = Value::from("spaceship");
    let message = serde_json::from_str::<Plan>(&plan.to_string())
        .expect_err("rejects an unknown kind")
        .to_string();
    assert!(message.contains("spaceship"), "{message}");
}
