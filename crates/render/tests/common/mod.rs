//! Loading the repository's example requests and the shared dev-set.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use extract::score::{score_project, DevProject};
use plan::Plan;

pub fn examples() -> Vec<(String, plan::GuideRequest)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read");
            let request = if path.extension().is_some_and(|e| e == "yaml") {
                plan::request::parse_yaml(&text)
            } else {
                plan::request::parse_json(&text)
            }
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .to_string();
            (name, request)
        })
        .collect()
}

pub fn example_plans() -> Vec<(String, Plan)> {
    examples()
        .into_iter()
        .map(|(name, request)| (name, extract::plan_for(&request)))
        .collect()
}

/// The dev-set's plans, or none (with a note) when `../shared` is absent.
pub fn dev_set_plans() -> Vec<(String, Plan)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev-set");
    if !dir.is_dir() {
        eprintln!("note: ../shared/dev-set not found; dev-set projects not checked");
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dev-set")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let project: DevProject =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
            let (plan, _) =
                score_project(&project).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            (
                file.file_stem()
                    .expect("stem")
                    .to_string_lossy()
                    .to_string(),
                plan,
            )
        })
        .collect()
}
