//! The extractor's figures on the shared development set: part recall of
//! at least 0.90 and no part shown before its step.
//!
//! The set lives beside the repository (`../shared/dev-set`), as in CI. A
//! checkout without it skips this test with a note rather than failing, so
//! the README's test command works in a lone clone too.

use std::path::PathBuf;

use extract::score::{score_project, DevProject, ProjectScore};

fn dev_set() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev-set");
    dir.is_dir().then_some(dir)
}

#[test]
fn extractor_meets_the_dev_set_targets() {
    let Some(dir) = dev_set() else {
        eprintln!("note: ../shared/dev-set not found; dev-set scores not checked");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no projects in {}", dir.display());
    let mut total = ProjectScore::default();
    let mut misses = Vec::new();
    for file in &files {
        let project: DevProject =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let (plan, score) =
            score_project(&project).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            plan::request::validate_plan(&plan, "plan").is_empty(),
            "{}",
            file.display()
        );
        misses.extend(
            score
                .misses
                .iter()
                .map(|m| format!("{}: {m}", file.display())),
        );
        total.add(&score);
    }
    assert!(
        total.recall() >= 0.90,
        "recall {:.2} < 0.90; misses:\n{}",
        total.recall(),
        misses.join("\n")
    );
    assert!(
        (total.precision() - 1.0).abs() < f64::EPSILON,
        "precision {:.2} < 1.00; misses:\n{}",
        total.precision(),
        misses.join("\n")
    );
}
