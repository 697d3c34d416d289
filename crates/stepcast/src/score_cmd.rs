//! `stepcast plan --score DIR`: the extractor's figures on a development set
//! (labels format 1 or 2), per project with every miss, then in total.

use std::path::Path;

use anyhow::Context;
use extract::score::{project_files, score_project, DevProject, ProjectScore};

pub fn run(dir: &Path) -> anyhow::Result<()> {
    let files =
        project_files(dir).with_context(|| format!("{}: cannot read directory", dir.display()))?;
    if files.is_empty() {
        anyhow::bail!("{}: no .json projects found", dir.display());
    }
    let mut total = ProjectScore::default();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read", file.display()))?;
        let project: DevProject = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}:{}:{}: {e}", file.display(), e.line(), e.column()))?;
        let (_, score) =
            score_project(&project).map_err(|err| crate::input::describe(file, &text, &err))?;
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        println!("{name}");
        print_scores(&score, "    ");
        for miss in &score.misses {
            println!("    - {miss}");
        }
        total.add(&score);
    }
    println!();
    println!("projects {}", files.len());
    print_scores(&total, "");
    Ok(())
}

/// The five scores; those a project has nothing to score for (format 1 has
/// no relations, changes or counts) are left out.
fn print_scores(score: &ProjectScore, indent: &str) {
    let rows = [
        ("part recall", score.parts, true),
        ("no-future precision", score.clean_steps, true),
        (
            "relation recall",
            score.relations,
            score.relations.total > 0,
        ),
        ("change recall", score.changes, score.changes.total > 0),
        ("count accuracy", score.counts, score.counts.total > 0),
    ];
    for (label, tally, shown) in rows {
        if shown {
            println!("{indent}{label:<20} {tally}");
        }
    }
}
