//! The extractor's figures on the shared development sets, as in CI:
//! `../shared/dev-set` (texts written for the extractor: recall of at least
//! 0.95 and no part shown before its step) and `../shared/dev-set-real`
//! (real projects, labels format 2: a floor under each of the five scores,
//! so a change that makes plans from real writing worse fails). Run with
//! `--nocapture` to see every miss and the totals.
//!
//! A checkout without a set skips its test with a note rather than failing,
//! so the README's test command works in a lone clone too.

use std::path::PathBuf;

use extract::score::{project_files, score_project, DevProject, ProjectScore};

/// Scores every project of a set; `None` when the set is not there.
fn score_set(name: &str) -> Option<ProjectScore> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(name);
    if !dir.is_dir() {
        eprintln!("note: ../shared/{name} not found; its scores are not checked");
        return None;
    }
    let files = project_files(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    assert!(!files.is_empty(), "no projects in {}", dir.display());
    let mut total = ProjectScore::default();
    for file in &files {
        let project: DevProject = std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (plan, score) =
            score_project(&project).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let errors = plan::request::validate_plan(&plan, "plan");
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        for miss in &score.misses {
            eprintln!("{}: {miss}", file.display());
        }
        total.add(&score);
    }
    eprintln!(
        "{name}: part recall {}, no-future precision {}, relation recall {}, change recall {}, count accuracy {}",
        total.parts, total.clean_steps, total.relations, total.changes, total.counts
    );
    Some(total)
}

fn assert_floors(floors: &[(&str, f64, f64)]) {
    for (name, value, floor) in floors {
        assert!(value >= floor, "{name} {value:.2} fell below {floor:.2}");
    }
}

#[test]
fn extractor_meets_the_dev_set_targets() {
    let Some(total) = score_set("dev-set") else {
        return;
    };
    assert_floors(&[
        ("part recall", total.recall(), 0.95),
        ("no-future precision", total.precision(), 1.0),
    ]);
}

#[test]
fn extractor_holds_its_scores_on_real_text() {
    let Some(total) = score_set("dev-set-real") else {
        return;
    };
    // The figures this extractor reaches, less a little. Raise them as the
    // extractor improves.
    assert_floors(&[
        ("part recall", total.parts.ratio(), 0.89),
        ("no-future precision", total.clean_steps.ratio(), 0.97),
        ("relation recall", total.relations.ratio(), 0.67),
        ("change recall", total.changes.ratio(), 0.76),
        ("count accuracy", total.counts.ratio(), 0.80),
    ]);
}
