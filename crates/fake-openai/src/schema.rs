//! The strict-mode check of a `json_schema` response format, as OpenAI
//! runs it before any model work when `strict: true` (Structured Outputs
//! guide, "Supported schemas"): a schema that breaks a rule is refused
//! with 400 `invalid_json_schema` naming `text.format.schema`, and a
//! message that points into the schema:
//!
//! ```text
//! Invalid schema for response_format 'plan': In context=('properties', 'steps', 'items'), 'additionalProperties' is required to be supplied and to be false.
//! ```
//!
//! The rules checked:
//!
//! - the root is an object schema (`type: "object"`, not `anyOf`);
//! - every object sets `additionalProperties: false` and lists every key
//!   of `properties` in `required` (and nothing else);
//! - every schema has a `type` (or is an `anyOf`, `$ref` or `enum`/`const`);
//! - keywords strict mode does not support are refused (`uniqueItems`,
//!   `allOf`, `not`, `if`/`then`/`else`, `patternProperties`, ...);
//! - at most 10 levels of nesting, 5,000 object properties and 1,000 enum
//!   values in all.
//!
//! The first two messages and the `uniqueItems` one are OpenAI's wording
//! as observed; the others follow the same pattern.

use serde_json::{Map, Value};

use crate::error::ApiError;

/// Keywords strict mode refuses.
const NOT_PERMITTED: [&str; 15] = [
    "uniqueItems",
    "allOf",
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "patternProperties",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
];

const MAX_DEPTH: usize = 10;
const MAX_PROPERTIES: usize = 5_000;
const MAX_ENUM_VALUES: usize = 1_000;

/// One step of a path into the schema, shown as Python shows a tuple.
#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Counts over the whole schema.
#[derive(Default)]
struct Totals {
    properties: usize,
    enum_values: usize,
}

/// Checks `schema` for strict mode; `name` is `text.format.name`.
pub(crate) fn check_strict(name: &str, schema: &Value) -> Result<(), ApiError> {
    let error = |context: &[Segment], reason: String| {
        ApiError::invalid_request(format!(
            "Invalid schema for response_format '{name}': In context={}, {reason}.",
            python_tuple(context)
        ))
        .param("text.format.schema")
        .code("invalid_json_schema")
    };
    let Some(root) = schema.as_object() else {
        return Err(ApiError::invalid_type(
            "text.format.schema",
            "an object",
            schema,
        ));
    };
    let root_type = root.get("type");
    if root_type != Some(&Value::String("object".to_string())) {
        let shown = match root_type {
            Some(Value::String(t)) => t.clone(),
            Some(other) => other.to_string(),
            None => "None".to_string(),
        };
        return Err(ApiError::invalid_request(format!(
            "Invalid schema for response_format '{name}': schema must be a JSON Schema of \
             'type: \"object\"', got 'type: \"{shown}\"'."
        ))
        .param("text.format.schema")
        .code("invalid_json_schema"));
    }
    let mut totals = Totals::default();
    let mut path = Vec::new();
    if let Err((context, reason)) = walk(root, &mut path, 1, &mut totals) {
        return Err(error(&context, reason));
    }
    if totals.properties > MAX_PROPERTIES {
        return Err(error(
            &[],
            format!(
                "the schema has {} object properties, more than the {MAX_PROPERTIES} allowed",
                totals.properties
            ),
        ));
    }
    if totals.enum_values > MAX_ENUM_VALUES {
        return Err(error(
            &[],
            format!(
                "the schema has {} enum values, more than the {MAX_ENUM_VALUES} allowed",
                totals.enum_values
            ),
        ));
    }
    Ok(())
}

type Violation = (Vec<Segment>, String);

fn walk(
    node: &Map<String, Value>,
    path: &mut Vec<Segment>,
    depth: usize,
    totals: &mut Totals,
) -> Result<(), Violation> {
    let here = |path: &Vec<Segment>, reason: String| Err((path.clone(), reason));
    if depth > MAX_DEPTH {
        return here(
            path,
            format!("the schema nests more than {MAX_DEPTH} levels deep"),
        );
    }
    for keyword in NOT_PERMITTED {
        if node.contains_key(keyword) {
            return here(path, format!("'{keyword}' is not permitted"));
        }
    }
    let typed = node.contains_key("type")
        || node.contains_key("anyOf")
        || node.contains_key("$ref")
        || node.contains_key("enum")
        || node.contains_key("const");
    if !typed {
        return here(path, "schema must have a 'type' key".to_string());
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        totals.enum_values += values.len();
    }
    if is_object_type(node.get("type")) || node.contains_key("properties") {
        check_object(node, path, depth, totals)?;
    }
    if let Some(items) = node.get("items") {
        path.push(Segment::Key("items".to_string()));
        visit(items, path, depth + 1, totals)?;
        path.pop();
    }
    if let Some(variants) = node.get("anyOf") {
        let Some(variants) = variants.as_array() else {
            return here(path, "'anyOf' must be an array".to_string());
        };
        for (i, variant) in variants.iter().enumerate() {
            path.push(Segment::Key("anyOf".to_string()));
            path.push(Segment::Index(i));
            visit(variant, path, depth, totals)?;
            path.pop();
            path.pop();
        }
    }
    for defs_key in ["$defs", "definitions"] {
        if let Some(defs) = node.get(defs_key).and_then(Value::as_object) {
            for (def_name, def) in defs {
                path.push(Segment::Key(defs_key.to_string()));
                path.push(Segment::Key(def_name.clone()));
                visit(def, path, depth, totals)?;
                path.pop();
                path.pop();
            }
        }
    }
    Ok(())
}

/// A subschema: an object is walked; anything else (a boolean schema) is
/// refused, since strict mode needs every schema spelled out.
fn visit(
    value: &Value,
    path: &mut Vec<Segment>,
    depth: usize,
    totals: &mut Totals,
) -> Result<(), Violation> {
    match value.as_object() {
        Some(node) => walk(node, path, depth, totals),
        None => Err((path.clone(), "schema must have a 'type' key".to_string())),
    }
}

fn check_object(
    node: &Map<String, Value>,
    path: &mut Vec<Segment>,
    depth: usize,
    totals: &mut Totals,
) -> Result<(), Violation> {
    if node.get("additionalProperties") != Some(&Value::Bool(false)) {
        return Err((
            path.clone(),
            "'additionalProperties' is required to be supplied and to be false".to_string(),
        ));
    }
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return Err((path.clone(), "object schema missing properties".to_string()));
    };
    totals.properties += properties.len();
    let required: Vec<&str> = match node.get("required") {
        Some(Value::Array(keys)) => keys.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let missing: Vec<String> = properties
        .keys()
        .filter(|key| !required.contains(&key.as_str()))
        .map(|key| format!("'{key}'"))
        .collect();
    if !missing.is_empty() {
        return Err((
            path.clone(),
            format!(
                "'required' is required to be supplied and to be an array including every key in \
                 properties. Missing {}",
                missing.join(", ")
            ),
        ));
    }
    if let Some(extra) = required.iter().find(|key| !properties.contains_key(**key)) {
        return Err((
            path.clone(),
            format!(
                "'required' is required to be supplied and to be an array including every key in \
                 properties. Extra required key '{extra}' supplied"
            ),
        ));
    }
    for (key, property) in properties {
        path.push(Segment::Key("properties".to_string()));
        path.push(Segment::Key(key.clone()));
        visit(property, path, depth + 1, totals)?;
        path.pop();
        path.pop();
    }
    Ok(())
}

fn is_object_type(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(types)) => types.iter().any(|t| t == "object"),
        _ => false,
    }
}

/// `()`, `('a',)`, `('a', 'b', 0)`: a path as Python prints a tuple.
fn python_tuple(path: &[Segment]) -> String {
    let items: Vec<String> = path
        .iter()
        .map(|segment| match segment {
            Segment::Key(key) if key.contains('\'') && !key.contains('"') => format!("\"{key}\""),
            Segment::Key(key) => format!("'{}'", key.replace('\\', "\\\\").replace('\'', "\\'")),
            Segment::Index(i) => i.to_string(),
        })
        .collect();
    match items.as_slice() {
        [] => "()".to_string(),
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(schema: Value) -> String {
        check_strict("plan", &schema).expect_err("refused").message
    }

    fn good() -> Value {
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["title", "steps", "note"],
            "properties": {
                "title": {"type": "string"},
                "note": {"type": ["string", "null"]},
                "steps": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["kind"],
                        "properties": {"kind": {"anyOf": [
                            {"type": "string", "enum": ["a", "b"]},
                            {"$ref": "#/$defs/other"}
                        ]}}
                    }
                }
            },
            "$defs": {"other": {"type": "integer"}}
        })
    }

    #[test]
    fn a_strict_schema_passes() {
        assert!(check_strict("plan", &good()).is_ok());
    }

    #[test]
    fn objects_need_additional_properties_false() {
        let mut schema = good();
        schema["properties"]["steps"]["items"]
            .as_object_mut()
            .expect("object")
            .remove("additionalProperties");
        assert_eq!(
            message(schema),
            "Invalid schema for response_format 'plan': In context=('properties', 'steps', \
             'items'), 'additionalProperties' is required to be supplied and to be false."
        );
        let mut schema = good();
        schema["additionalProperties"] = json!(true);
        assert!(message(schema).contains("In context=(), 'additionalProperties'"));
    }

    #[test]
    fn every_property_must_be_required() {
        let mut schema = good();
        schema["required"] = json!(["title", "steps"]);
        assert_eq!(
            message(schema),
            "Invalid schema for response_format 'plan': In context=(), 'required' is required to \
             be supplied and to be an array including every key in properties. Missing 'note'."
        );
        let mut schema = good();
        schema["required"] = json!(["title", "steps", "note", "ghost"]);
        assert!(message(schema).ends_with("Extra required key 'ghost' supplied."));
        let mut schema = good();
        schema.as_object_mut().expect("object").remove("required");
        // serde_json keeps keys sorted, so the missing keys come in
        // alphabetical order (OpenAI lists them in the schema's order).
        assert!(message(schema).contains("Missing 'note', 'steps', 'title'."));
    }

    #[test]
    fn other_rules_point_into_the_schema() {
        let mut schema = good();
        schema["properties"]["steps"]["uniqueItems"] = json!(true);
        assert!(message(schema)
            .contains("In context=('properties', 'steps'), 'uniqueItems' is not permitted."));
        let mut schema = good();
        schema["properties"]["title"] = json!({"description": "untyped"});
        assert!(message(schema)
            .contains("In context=('properties', 'title'), schema must have a 'type' key."));
        let mut schema = good();
        schema["$defs"]["other"] = json!({"type": "object", "additionalProperties": false});
        assert!(message(schema)
            .contains("In context=('$defs', 'other'), object schema missing properties."));
        let array_root = json!({"type": "array", "items": {"type": "string"}});
        assert!(message(array_root).contains("got 'type: \"array\"'"));
        let any_of_root = json!({"anyOf": [good()]});
        assert!(message(any_of_root).contains("got 'type: \"None\"'"));
    }

    #[test]
    fn paths_print_as_python_tuples() {
        assert_eq!(python_tuple(&[]), "()");
        assert_eq!(python_tuple(&[Segment::Key("a".into())]), "('a',)");
        assert_eq!(
            python_tuple(&[Segment::Key("anyOf".into()), Segment::Index(1)]),
            "('anyOf', 1)"
        );
    }

    #[test]
    fn deep_schemas_are_refused() {
        let mut schema = json!({"type": "string"});
        for _ in 0..11 {
            schema = json!({
                "type": "object",
                "additionalProperties": false,
                "required": ["x"],
                "properties": {"x": schema}
            });
        }
        assert!(message(schema).contains("more than 10 levels"));
    }
}
