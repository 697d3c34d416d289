//! The extractor's figures on the real-text development set
//! (`../shared/dev-set-real`, labels format 2): a floor under each of the
//! five scores, so that a change that makes plans from real writing worse
//! fails CI. Run with `--nocapture` to see every miss and the totals.
//!
//! A checkout without the set skips this test with a note.

use std::path::PathBuf;

use extract::score::{score_project, DevProject, ProjectScore};

fn dev_set_real() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev-set-real");
    dir.is_dir().then_some(dir)
}

#[test]
fn extractor_holds_its_scores_on_real_text() {
    let Some(dir) = dev_set_real() else {
        eprintln!("note: ../shared/dev-set-real not found; real-text scores not checked");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 50,
        "{} projects in {}",
        files.len(),
        dir.display()
    );
    let mut total = ProjectScore::default();
    for file in &files {
        let project: DevProject =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let (plan, score) =
            score_project(&project).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let errors = plan::request::validate_plan(&plan, "plan");
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        for miss in &score.misses {
            eprintln!("{}: {miss}", file.file_stem().unwrap().to_string_lossy());
        }
        total.add(&score);
    }
    eprintln!(
        "part recall {}\nno-future precision {}\nrelation recall {}\nchange recall {}\ncount accuracy {}",
        total.parts, total.clean_steps, total.relations, total.changes, total.counts
    );
    // Floors: the figures this extractor reaches, less a little for noise
    // in how ties are broken. Raise them as the extractor improves.
    let floors = [
        ("part recall", total.parts.ratio(), 0.56),
        ("no-future precision", total.clean_steps.ratio(), 0.94),
        ("relation recall", total.relations.ratio(), 0.20),
        ("change recall", total.changes.ratio(), 0.37),
        ("count accuracy", total.counts.ratio(), 0.33),
    ];
    for (name, value, floor) in floors {
        assert!(value >= floor, "{name} {value:.2} fell below {floor:.2}");
    }
}
