//! Machine-readable descriptions: the OpenAPI document and the plan's JSON
//! Schema.
//!
//! The OpenAPI document says what the server really does, closely enough
//! that `schemathesis run --checks all` (scripts/schemathesis-check) finds
//! no difference: the id patterns, every status each route answers, the
//! error body, and the request body's real rules (both shapes, the limits of
//! `plan::request::limits` after trimming, the step numbers, the concept
//! image's data URL). What depends on the server's configuration (the
//! engines and planners it has, whether a token is required) is filled in
//! when the document is served.

use axum::extract::State;
use axum::Json;
use plan::request::limits::{
    MAX_DESCRIPTION_CHARS, MAX_IMAGE_SIZE, MAX_MATERIALS, MAX_MATERIAL_CHARS, MAX_NOTE_CHARS,
    MAX_PROMPT_CHARS, MAX_STEPS, MAX_TITLE_CHARS, MIN_IMAGE_SIZE, MIN_STEPS,
};
use plan::request::{ImageFormat, Strategy, Style};
use serde::Serialize;
use serde_json::{json, Map, Value};
use utoipa::openapi::schema::{ObjectBuilder, Schema};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::app::{App, SharedApp};

/// `GET /plan.schema.json`: the assembly model a request's `plan` follows.
#[utoipa::path(get, path = "/plan.schema.json", tag = "docs", operation_id = "plan_schema",
    responses((status = 200, description = "JSON Schema of the plan", body = Object, content_type = "application/json")))]
pub async fn plan_schema() -> Json<Value> {
    Json(plan::model::Plan::json_schema())
}

/// The OpenAPI description of this API; [`document`] completes it.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "stepcast",
        description = "Illustrated step-by-step build guides: one image per step, generated in the background and streamed as each finishes. The seed's endpoints keep their shapes. Every error answers `{\"error\": {\"code\", \"message\", \"field\"?, \"fields\"?}}` (components.schemas.ErrorBody)."
    ),
    paths(
        super::guides::create,
        super::guides::create_with_id,
        super::guides::progress,
        super::guides::step,
        super::guides::regenerate,
        super::guides::cancel,
        super::guides::draw,
        super::plan::get_plan,
        super::plan::put_plan,
        super::plan::revert,
        super::plan::versions,
        super::events::stream,
        super::export::export,
        super::export::guide_page,
        super::export::request,
        super::export::timelapse,
        super::images::image,
        super::preview::preview,
        plan_schema,
        openapi,
        capabilities,
        super::health::healthz,
        super::health::readyz,
        super::health::metrics,
    ),
    components(schemas(
        crate::progress::ProgressJson,
        crate::progress::StepImageJson,
        crate::progress::UnderstandingJson,
        crate::progress::AcceptedJson,
        crate::error::ErrorBody,
        super::plan::PlanJson,
        super::plan::SavedPlanJson,
        super::plan::PlanVersionsJson,
    ))
)]
pub struct ApiDoc;

/// `GET /openapi.json`, completed for this server's configuration.
#[utoipa::path(get, path = "/openapi.json", tag = "docs", operation_id = "openapi",
    responses((status = 200, description = "This document (OpenAPI 3.1)", body = Object, content_type = "application/json")))]
pub async fn openapi(State(app): State<SharedApp>) -> Json<Value> {
    Json(document(&app))
}

/// The OpenAPI document as this server answers: [`ApiDoc`] with the request
/// schemas, the configured engines and planners, the links between
/// operations and, when a token is set, the bearer scheme and its 401s.
pub fn document(app: &App) -> Value {
    use utoipa::OpenApi;
    let mut engines: Vec<&'static str> = app.engines.keys().map(|e| e.as_str()).collect();
    engines.sort_unstable();
    let served = Served {
        engines,
        planners: app.planners.available(),
        token: app.config.token.is_some(),
    };
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    complete(&mut doc, &served);
    doc
}

/// What the document depends on besides the code.
struct Served {
    /// Engines configured here (`schematic`, `gemini`, `openai`).
    engines: Vec<&'static str>,
    /// Planner names accepted here (`auto`, `offline`, ...).
    planners: Vec<&'static str>,
    /// Whether the writing endpoints need a bearer token.
    token: bool,
}

/// The operations that write (behind the token when one is set).
const WRITES: [(&str, &str); 8] = [
    ("/step-images", "post"),
    ("/step-images/{id}", "put"),
    ("/step-images/{id}", "delete"),
    ("/step-images/{id}/step/{n}/regenerate", "post"),
    ("/preview", "post"),
    ("/step-images/{id}/plan", "put"),
    ("/step-images/{id}/plan/revert", "post"),
    ("/step-images/{id}/draw", "post"),
];

fn complete(doc: &mut Value, served: &Served) {
    let mut extra = Map::new();
    // The normalised request (`GET /step-images/{id}/request`) with the
    // plan's model, from the plan crate's own JSON Schema.
    let normalised =
        serde_json::to_value(schemars::schema_for!(plan::GuideRequest)).unwrap_or_default();
    let normalised = hoist(normalised, &mut extra);
    extra.insert("GuideRequest".into(), normalised);
    for (name, schema) in request_schemas(served) {
        extra.insert(name.into(), schema);
    }
    extra.insert("PreviewRequest".into(), super::preview::request_schema());
    extra.insert("PlanEdit".into(), plan_edit_schema());
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        // Placeholders of the marker types give way to the real schemas.
        schemas.extend(extra);
    }
    add_links(doc);
    if served.token {
        require_token(doc);
    }
}

/// Moves a schemars schema's `$defs` into `out` (as components) and points
/// its references there; returns the schema without them.
fn hoist(mut schema: Value, out: &mut Map<String, Value>) -> Value {
    fn repoint(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get_mut("$ref") {
                    if let Some(name) = r.strip_prefix("#/$defs/") {
                        *r = format!("#/components/schemas/{name}");
                    }
                }
                map.values_mut().for_each(repoint);
            }
            Value::Array(items) => items.iter_mut().for_each(repoint),
            _ => {}
        }
    }
    repoint(&mut schema);
    if let Some(map) = schema.as_object_mut() {
        map.remove("$schema");
        if let Some(Value::Object(defs)) = map.remove("$defs") {
            out.extend(defs);
        }
    }
    schema
}

/// OpenAPI links from a created guide to what can be asked of it, so a
/// client (and schemathesis's stateful phase) can follow them.
fn add_links(doc: &mut Value) {
    let id = json!({"id": "$response.body#/id"});
    let step = json!({"id": "$response.body#/id", "n": 1});
    let links = json!({
        "GetProgress": {"operationId": "get_progress", "parameters": id, "description": "The guide's progress"},
        "GetFirstStep": {"operationId": "get_step", "parameters": step, "description": "Its first step"},
        "RegenerateFirstStep": {"operationId": "regenerate_step", "parameters": step, "description": "Draw its first step again"},
        "Cancel": {"operationId": "cancel_guide", "parameters": id, "description": "Cancel it"},
        "GetRequest": {"operationId": "get_request", "parameters": id, "description": "The request as accepted"},
        "GuidePage": {"operationId": "guide_page", "parameters": id, "description": "The printable guide"},
        "ExportZip": {"operationId": "export_zip", "parameters": id, "description": "Everything, zipped"},
    });
    for (path, method) in [("/step-images", "post"), ("/step-images/{id}", "put")] {
        if let Some(accepted) = doc
            .pointer_mut(&format!("/paths/{}/{method}/responses/202", escape(path)))
            .and_then(Value::as_object_mut)
        {
            accepted.insert("links".into(), links.clone());
        }
    }
}

/// The bearer scheme on the writing operations, with their 401.
fn require_token(doc: &mut Value) {
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert(
            "securitySchemes".into(),
            json!({"bearer": {"type": "http", "scheme": "bearer", "description": "The server's `--token`"}}),
        );
    }
    for (path, method) in WRITES {
        let Some(operation) = doc
            .pointer_mut(&format!("/paths/{}/{method}", escape(path)))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        operation.insert("security".into(), json!([{"bearer": []}]));
        if let Some(responses) = operation
            .get_mut("responses")
            .and_then(Value::as_object_mut)
        {
            responses.insert(
                "401".into(),
                json!({
                    "description": "No bearer token, or the wrong one",
                    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Bearer`"}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                }),
            );
        }
    }
}

/// A path as one JSON Pointer token.
fn escape(path: &str) -> String {
    path.replace('~', "~0").replace('/', "~1")
}

/// What `str::trim` removes (Unicode White_Space), as regex class content.
const WHITE: &str = r"\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// A character `str::trim` keeps.
fn solid() -> String {
    format!("[^{WHITE}]")
}

/// Text the server trims and then checks: at most `max` characters once
/// trimmed, and not blank when `required` (else blank is the same as absent).
fn text_pattern(max: usize, required: bool) -> String {
    let (white, solid) = (format!("[{WHITE}]"), solid());
    let kept = format!(r"{solid}([\s\S]{{0,{}}}{solid})?", max - 2);
    if required {
        format!("^{white}*{kept}{white}*$")
    } else {
        format!("^{white}*({kept})?{white}*$")
    }
}

/// A concept image as the server decodes it: blank, or a `data:` URL of
/// canonical base64 whose bytes start as a PNG, JPEG or WebP file does.
fn concept_image_pattern() -> String {
    let white = format!("[{WHITE}]");
    let b64 = "[A-Za-z0-9+/]";
    // Any canonical base64 after the first groups (zero trailing bits).
    let rest = format!("({b64}{{4}})*({b64}[AQgw]==|{b64}{{2}}[AEIMQUYcgkosw048]=)?");
    // \x89PNG\r\n\x1a\n; FF D8 FF; RIFF, 4 bytes, WEBP.
    let png = format!("iVBORw0K(Ggo=|Gg[o-r]{b64}{rest})");
    let jpeg = format!("/9j/{rest}");
    let webp = format!("UklGR[g-v]{b64}{{4}}[BFJNRVZdhlptx159]XRUJQ{rest}");
    format!(
        "^{white}*(data:image/(png;base64,{white}*{png}|jpeg;base64,{white}*{jpeg}|webp;base64,{white}*{webp}))?{white}*$"
    )
}

fn nullable_enum(names: impl IntoIterator<Item = &'static str>) -> Value {
    let mut values: Vec<Value> = names.into_iter().map(Value::from).collect();
    values.push(Value::Null);
    Value::Array(values)
}

/// The accepted spellings of configured engine or planner names.
fn with_aliases(names: &[&'static str]) -> Vec<&'static str> {
    let mut all = names.to_vec();
    if names.contains(&"openai") {
        all.push("open_ai");
    }
    all
}

/// The request body's schemas: `NewGuide` and the parts it refers to.
fn request_schemas(served: &Served) -> Vec<(&'static str, Value)> {
    let engines = with_aliases(&served.engines);
    let planners = with_aliases(&served.planners);
    let nonblank = solid();
    let opt = |max: usize| json!({"type": ["string", "null"], "pattern": text_pattern(max, false)});
    let required = |max: usize| json!({"type": "string", "pattern": text_pattern(max, true)});
    let or_null = |schema: Value| json!({"anyOf": [schema, {"type": "null"}]});
    let component = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    let text_list = json!({
        "description": format!("One string or a list of strings; blank ones (and nulls) are dropped; each at most {MAX_NOTE_CHARS} characters once trimmed"),
        "anyOf": [
            {"type": "null"},
            {"type": "string", "pattern": text_pattern(MAX_NOTE_CHARS, false)},
            {"type": "array", "items": {"type": ["string", "null"], "pattern": text_pattern(MAX_NOTE_CHARS, false)}},
        ],
    });
    let step_properties = json!({
        "step_number": {"type": ["integer", "null"], "description": "Optional; when given, the step's place in the list (1, 2, 3...)"},
        "title": opt(MAX_TITLE_CHARS),
        "description": opt(MAX_DESCRIPTION_CHARS),
        "tools": component("TextList"),
        "safety_notes": component("TextList"),
        "tips": component("TextList"),
    });
    let title_or_description = json!([
        {"required": ["title"], "properties": {"title": {"type": "string", "pattern": nonblank}}},
        {"required": ["description"], "properties": {"description": {"type": "string", "pattern": nonblank}}},
    ]);
    let step = json!({
        "type": "object",
        "description": "A step in stepcast's shape: a title or a description (or both); unknown fields are errors",
        "properties": step_properties,
        "additionalProperties": false,
        "anyOf": title_or_description,
    });
    let seed_step = json!({
        "type": "object",
        "description": "A step in the seed's shape (`construction_steps`); other fields are ignored",
        "properties": step_properties,
        "anyOf": title_or_description,
    });
    // Each step's number, when given, is its place.
    let numbered = |step: &str| -> Value {
        let places: Vec<Value> = (1..=MAX_STEPS)
            .map(|n| json!({"properties": {"step_number": {"enum": [n, null]}}}))
            .collect();
        json!({
            "type": "array",
            "description": format!("{MIN_STEPS} to {MAX_STEPS} steps; a step's `step_number`, when given, is its place"),
            "minItems": MIN_STEPS,
            "maxItems": MAX_STEPS,
            "allOf": [{"items": component(step)}],
            "prefixItems": places,
        })
    };
    let materials = json!({
        "type": "array",
        "description": format!("At most {MAX_MATERIALS} materials once blank ones (and nulls) are dropped, each at most {MAX_MATERIAL_CHARS} characters once trimmed"),
        "items": opt(MAX_MATERIAL_CHARS),
        "contains": {"type": "string", "pattern": nonblank},
        "minContains": 0,
        "maxContains": MAX_MATERIALS,
    });
    let ingredients = json!({
        "type": "array",
        "description": format!("The seed's materials: at most {MAX_MATERIALS} with a name that is not blank"),
        "items": component("Ingredient"),
        "contains": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "pattern": nonblank}}},
        "minContains": 0,
        "maxContains": MAX_MATERIALS,
    });
    let properties = json!({
        "title": {"type": ["string", "null"], "pattern": text_pattern(MAX_TITLE_CHARS, false), "description": "The project's title (or `project_overview.title`)"},
        "description": {"type": ["string", "null"], "pattern": text_pattern(MAX_DESCRIPTION_CHARS, false), "description": "What the project is (or `project_overview.description`)"},
        "materials": or_null(materials),
        "steps": or_null(component("NewGuideSteps")),
        "project_overview": or_null(component("ProjectOverview")),
        "construction_steps": or_null(component("SeedSteps")),
        "ingredients": or_null(ingredients),
        "engine": {"enum": nullable_enum(engines.iter().copied()), "description": "What draws the images (the engines configured on this server; case and surrounding spaces do not matter)"},
        "strategy": {"enum": nullable_enum(Strategy::NAMES.iter().copied())},
        "style": {"enum": nullable_enum(Style::NAMES.iter().copied())},
        "width": {"type": ["integer", "null"], "minimum": MIN_IMAGE_SIZE, "maximum": MAX_IMAGE_SIZE},
        "height": {"type": ["integer", "null"], "minimum": MIN_IMAGE_SIZE, "maximum": MAX_IMAGE_SIZE},
        "format": {"enum": nullable_enum(ImageFormat::NAMES.iter().copied().chain(["jpg"]))},
        "planner": {"enum": nullable_enum(planners.iter().copied()), "description": "Who writes the plan (the planners configured on this server)"},
        "verify": {"type": ["boolean", "null"]},
        "review_plan": {"type": ["boolean", "null"], "description": "Plan first, then draw: the guide is planned and waits (`phase: review`) until `POST /step-images/{id}/draw`, so the maker can check and fix the plan before any picture is drawn"},
        "concept_image_prompt": opt(MAX_PROMPT_CHARS),
        "concept_image": {
            "type": ["string", "null"],
            "description": "The maker's picture of the finished project as a data: URL (data:image/png;base64,...; PNG, JPEG or WebP, at most 4 MiB decoded), whose bytes must be the type it names",
            "pattern": concept_image_pattern(),
        },
        "plan": {
            "description": "A hand-written assembly model (see /plan.schema.json). Beyond its schema, its part ids must be unique and every reference known, placements must not form a cycle, and it has one entry per step of the request: these are 422s naming the field.",
            "anyOf": [component("Plan"), {"type": "null"}],
        },
    });
    // The three choices between the shapes, each made on its own: the title
    // and description, the steps, the materials. One of each pair only.
    let mut rules = vec![
        json!({"anyOf": [
            {"required": ["title"], "properties": {"title": required(MAX_TITLE_CHARS), "project_overview": {"type": "null"}}},
            {"required": ["project_overview"], "properties": {"project_overview": {"type": "object"}, "title": {"type": "null"}, "description": {"type": "null"}}},
        ]}),
        json!({"anyOf": [
            {"required": ["steps"], "properties": {"steps": {"type": "array"}, "construction_steps": {"type": "null"}}},
            {"required": ["construction_steps"], "properties": {"construction_steps": {"type": "array"}, "steps": {"type": "null"}}},
        ]}),
        json!({"anyOf": [
            {"properties": {"ingredients": {"type": "null"}}},
            {"properties": {"materials": {"type": "null"}}},
        ]}),
    ];
    let cloud: Vec<&str> = engines
        .iter()
        .copied()
        .filter(|e| *e != "schematic")
        .collect();
    if !cloud.is_empty() {
        // svg is drawn by the schematic engine only.
        rules.push(json!({"not": {
            "required": ["engine", "format"],
            "properties": {"engine": {"enum": cloud}, "format": {"const": "svg"}},
        }}));
    }
    let new_guide = json!({
        "type": "object",
        "description": format!(
            "A guide request, in stepcast's shape (`title`, `description`, `materials`, `steps`) or the seed's (`project_overview`, `construction_steps`, `ingredients`), or a field-by-field mix of the two; one of each pair only. Text is trimmed; {MIN_STEPS} to {MAX_STEPS} steps; titles at most {MAX_TITLE_CHARS} characters, descriptions and prompts {MAX_DESCRIPTION_CHARS}, materials {MAX_MATERIAL_CHARS}, tools, notes and tips {MAX_NOTE_CHARS}; images {MIN_IMAGE_SIZE} to {MAX_IMAGE_SIZE} pixels a side. Unknown top-level fields, and unknown fields of `steps` entries, are errors."
        ),
        "properties": properties,
        "additionalProperties": false,
        "allOf": rules,
        "example": {
            "title": "Bird feeder",
            "description": "A bird feeder from a plastic bottle.",
            "materials": ["2-liter soda bottle", "wooden spoon", "string"],
            "steps": [
                {"title": "Cut holes", "description": "Cut two holes on opposite sides of the bottle."},
                {"title": "Insert the spoon", "description": "Push the wooden spoon through both holes."},
            ],
        },
    });
    vec![
        ("NewGuide", new_guide),
        ("NewGuideStep", step),
        ("SeedStep", seed_step),
        ("NewGuideSteps", numbered("NewGuideStep")),
        ("SeedSteps", numbered("SeedStep")),
        ("TextList", text_list),
        (
            "ProjectOverview",
            json!({
                "type": "object",
                "description": "The seed's title and description; other fields are ignored",
                "required": ["title"],
                "properties": {
                    "title": required(MAX_TITLE_CHARS),
                    "description": opt(MAX_DESCRIPTION_CHARS),
                },
            }),
        ),
        (
            "Ingredient",
            json!({
                "type": "object",
                "description": "The seed's material: only its name is used (a blank one is dropped); other fields are ignored",
                "properties": {"name": opt(MAX_MATERIAL_CHARS)},
            }),
        ),
    ]
}

/// Declares a marker type whose component schema [`document`] fills in.
macro_rules! completed_later {
    ($(#[$meta:meta])* $name:ident = $component:literal) => {
        $(#[$meta])*
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new().into()
            }
        }

        impl ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                $component.into()
            }
        }
    };
}

completed_later!(
    /// The request body of the creating endpoints (`NewGuide`).
    NewGuide = "NewGuide"
);
completed_later!(
    /// A request as stored, normalised to stepcast's shape (`GuideRequest`).
    GuideRequestRef = "GuideRequest"
);
completed_later!(
    /// The request body of `PUT /step-images/{id}/plan` (`PlanEdit`).
    PlanEdit = "PlanEdit"
);
completed_later!(
    /// The request body of `POST /preview` (`PreviewRequest`).
    PreviewRequest = "PreviewRequest"
);

/// `{"plan": {...}}`: what `GET .../plan` answers, its plan edited.
fn plan_edit_schema() -> Value {
    json!({
        "type": "object",
        "description": "The edited plan. Other fields (what GET .../plan answers besides the plan) are ignored, so a client may send back what it read.",
        "required": ["plan"],
        "properties": {
            "plan": {
                "$ref": "#/components/schemas/Plan",
                "description": "An assembly model (see /plan.schema.json) with one entry per step of the guide. Beyond its schema, its part ids must be unique and every reference known and placements must not form a cycle: these are 422s naming the field.",
            },
        },
    })
}

/// The answer to starting to draw a reviewed guide.
#[derive(Serialize, ToSchema)]
pub struct DrawStarted {
    pub id: String,
    #[schema(example = "generating")]
    pub status: String,
}

/// The answer to regenerating a step.
#[derive(Serialize, ToSchema)]
pub struct Regenerated {
    pub id: String,
    #[schema(minimum = 1)]
    pub step_number: u32,
    #[schema(example = "pending")]
    pub status: String,
}

/// The answer to cancelling a guide: its status now.
#[derive(Serialize, ToSchema)]
pub struct Cancelled {
    pub id: String,
    /// cancelled, or the final status it already had.
    #[schema(example = "cancelled")]
    pub status: String,
}

/// `/healthz`.
#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// `/readyz`: `ready` with the queue's depth, or `unavailable`.
#[derive(Serialize, ToSchema)]
pub struct Ready {
    /// ready or unavailable.
    #[schema(example = "ready")]
    pub status: String,
    /// Tasks queued or running (when ready).
    pub queue_depth: Option<u64>,
    pub checks: ReadyChecks,
}

/// Each store's answer: `ok`, or what went wrong.
#[derive(Serialize, ToSchema)]
pub struct ReadyChecks {
    #[schema(example = "ok")]
    pub state: String,
    #[schema(example = "ok")]
    pub images: String,
}

/// `GET /`: what this server is and where its API is described, until the
/// web UI is served here.
pub async fn index() -> axum::response::Html<&'static str> {
    axum::response::Html(INDEX)
}

const INDEX: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>stepcast</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1em .3em;border-radius:3px}</style>
</head><body>
<h1>stepcast</h1>
<p>Illustrated step-by-step build guides: one image per step, generated in the background.</p>
<ul>
<li><code>POST /step-images</code> with a guide request creates a guide (202); follow it with <code>GET /step-images/{id}</code> or the events at <code>GET /step-images/{id}/events</code>.</li>
<li>The API: <a href="/openapi.json">/openapi.json</a>. The plan format: <a href="/plan.schema.json">/plan.schema.json</a>.</li>
<li>Operations: <a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a>.</li>
</ul>
</body></html>
"#;

/// `GET /capabilities`: what this server can draw, so a front end shows
/// only choices that work (photo styles need a cloud engine), with the
/// model each engine calls and the Gemini model table (sizes, tokens and
/// list prices), so a front end can estimate a guide's cost.
#[utoipa::path(get, path = "/capabilities", tag = "docs", operation_id = "capabilities",
    responses((status = 200, description = "Engines, styles, formats, strategies, sizes, models and planners available here", body = Object)))]
pub async fn capabilities(
    axum::extract::State(app): axum::extract::State<crate::app::SharedApp>,
) -> Json<Value> {
    let mut engines: Vec<&str> = app.engines.keys().map(|e| e.as_str()).collect();
    engines.sort_unstable();
    let engine_models: serde_json::Map<String, Value> = app
        .engines
        .iter()
        .map(|(name, engine)| (name.as_str().to_string(), engine.model().into()))
        .collect();
    let cloud = engines.iter().any(|e| *e != "schematic");
    let mut checked_engines: Vec<&str> = app.checkers.keys().copied().collect();
    checked_engines.sort_unstable();
    let mut styles = vec!["diagram", "sketch", "blueprint"];
    if cloud {
        styles.push("photo");
    }
    Json(serde_json::json!({
        "engines": engines,
        "styles": styles,
        "formats": ["webp", "png", "jpeg", "svg"],
        // svg is a drawing: cloud engines make photos.
        "photo_formats": ["webp", "png", "jpeg"],
        "strategies": ["guided", "anchored", "chained", "independent"],
        "default_strategy": "guided",
        "default_style": "diagram",
        "max_side": 2048,
        "min_side": 256,
        "engine_models": engine_models,
        "models": {"gemini": gemini_models(), "openai": openai_models()},
        // Who may write plans here: `auto` picks the first model, else
        // the offline extractor.
        "verify": {
            "available": !app.checkers.is_empty(),
            "default": app.config.verify_default,
            "engines": checked_engines,
        },
        "planners": {
            "available": app.planners.available(),
            "models": app.planners.models(),
        },
    }))
}

/// The Gemini model table as JSON: each model's id, whether it is the
/// default, its input image limit and its sizes with tokens and prices.
fn gemini_models() -> Value {
    use engines::gemini::{models::MODELS, DEFAULT_MODEL};
    MODELS
        .iter()
        .map(|model| {
            serde_json::json!({
                "id": model.id,
                "default": model.id == DEFAULT_MODEL,
                "max_reference_images": model.max_reference_images,
                "sizes": model.sizes,
            })
        })
        .collect()
}

/// The OpenAI image model table as JSON: each model's id, whether it is
/// the default, its sizes, whether it takes high input fidelity, its input
/// image limit and its token prices (US dollars per million).
fn openai_models() -> Value {
    use engines::openai::models::{Sizes, MODELS};
    use engines::openai::DEFAULT_MODEL;
    MODELS
        .iter()
        .map(|model| {
            let sizes = match model.sizes {
                Sizes::Fixed(sizes) => serde_json::json!(sizes
                    .iter()
                    .map(|(w, h)| format!("{w}x{h}"))
                    .collect::<Vec<_>>()),
                Sizes::Flexible {
                    max_side,
                    min_pixels,
                    max_pixels,
                    max_ratio,
                    step,
                } => serde_json::json!({
                    "max_side": max_side,
                    "min_pixels": min_pixels,
                    "max_pixels": max_pixels,
                    "max_ratio": max_ratio,
                    "multiple_of": step,
                }),
            };
            serde_json::json!({
                "id": model.id,
                "default": model.id == DEFAULT_MODEL,
                "sizes": sizes,
                "input_fidelity_high": model.input_fidelity,
                "max_reference_images": model.max_references,
                "usd_per_million_tokens": model.prices,
            })
        })
        .collect()
}
