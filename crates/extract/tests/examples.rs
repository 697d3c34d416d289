//! The example requests in `examples/`: each one parses, compiles into a
//! valid plan with one step per request step, and every step that builds
//! something changes what is in view.
//!
//! Failures are collected over all files and reported together, each with
//! the file, the step and the ops the extractor produced for it, so a person
//! can see why.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plan::request::{parse_json, parse_yaml, validate_plan};
use plan::{GuideRequest, Plan, PlanStep};

/// The least number of example files the directory must hold.
const MIN_EXAMPLES: usize = 8;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Every `.json`, `.yaml` and `.yml` file in `examples/`, sorted by name.
fn example_files() -> Vec<PathBuf> {
    let dir = examples_dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("json" | "yaml" | "yml")
                )
        })
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

fn parse(path: &Path) -> Result<GuideRequest, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let parsed = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => parse_json(&text),
        _ => parse_yaml(&text),
    };
    parsed.map_err(|e| format!("does not parse: {e}"))
}

/// The step's ops, one per line, as JSON.
fn ops_of(step: &PlanStep) -> String {
    if step.ops.is_empty() {
        return "      (no ops)\n".to_string();
    }
    step.ops.iter().fold(String::new(), |mut out, op| {
        let json = serde_json::to_string(op).unwrap_or_else(|e| format!("{op:?} ({e})"));
        let _ = writeln!(out, "      {json}");
        out
    })
}

/// The step index in an error path such as `plan.steps[4].ops[2].to`.
fn step_index(path: &str) -> Option<usize> {
    let rest = path.split_once("steps[")?.1;
    rest.split_once(']')?.0.parse().ok()
}

/// Checks one example; returns a description of every problem found.
fn check(path: &Path) -> Vec<String> {
    let name = file_name(path);
    let request = match parse(path) {
        Ok(request) => request,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let plan: Plan = extract::plan_for(&request);
    let mut problems = Vec::new();

    if plan.steps.len() != request.steps.len() {
        problems.push(format!(
            "{name}: the plan has {} steps, the request {}",
            plan.steps.len(),
            request.steps.len()
        ));
    }
    for error in validate_plan(&plan, "plan") {
        let mut problem = format!("{name}: invalid plan: {error}");
        if let Some(step) = step_index(&error.path).and_then(|i| plan.steps.get(i)) {
            let _ = write!(
                problem,
                "\n    step {} {:?}\n    ops:\n{}",
                step.number,
                step.title,
                ops_of(step)
            );
        }
        problems.push(problem);
    }

    let states = plan::states(&plan);
    for ((step, state), text) in plan.steps.iter().zip(&states).zip(&request.steps) {
        if state.materials_only {
            continue;
        }
        if state.new.is_empty() && state.changed.is_empty() && state.removed.is_empty() {
            problems.push(format!(
                "{name}: step {} {:?} changes nothing in view\n    text: {}\n    ops:\n{}",
                step.number,
                step.title,
                text.description,
                ops_of(step)
            ));
        }
    }
    problems
}

#[test]
fn there_are_enough_examples() {
    let files = example_files();
    assert!(
        files.len() >= MIN_EXAMPLES,
        "expected at least {MIN_EXAMPLES} example files in {}, found {}: {:?}",
        examples_dir().display(),
        files.len(),
        files.iter().map(|f| file_name(f)).collect::<Vec<_>>()
    );
}

#[test]
fn every_example_parses_and_compiles_into_a_plan_that_builds_something_each_step() {
    let files = example_files();
    assert!(
        !files.is_empty(),
        "no examples in {}",
        examples_dir().display()
    );
    let problems: Vec<String> = files.iter().flat_map(|f| check(f)).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s) in {} example file(s):\n\n{}",
        problems.len(),
        files.len(),
        problems.join("\n")
    );
}
