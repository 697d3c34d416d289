//! `stepcast plan --score DIR`: the extractor's figures on a development set.

use std::path::Path;

use anyhow::Context;
use extract::score::{score_project, DevProject, ProjectScore};

pub fn run(dir: &Path) -> anyhow::Result<()> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read directory", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
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
        println!(
            "{name:<28} recall {:.2} ({}/{})  precision {:.2} ({}/{})",
            score.recall(),
            score.matched,
            score.expected,
            score.precision(),
            score.clean_steps,
            score.scored_steps
        );
        for miss in &score.misses {
            println!("    {miss}");
        }
        total.add(&score);
    }
    println!();
    println!("projects {}", files.len());
    println!("recall {:.2}", total.recall());
    println!("precision {:.2}", total.precision());
    Ok(())
}
