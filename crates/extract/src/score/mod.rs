//! Scores the extractor on a development set, with every miss listed.
//!
//! Two label formats are read. Format 1 (`shared/dev-set`) says which parts
//! each step shows; format 2 (`shared/dev-set-real`) adds the relations
//! between parts, the visible changes each step makes and the counts the
//! text states. The five scores, as the dev set's README defines them:
//!
//! - part recall: expected nouns matched by a part in view after their step;
//! - no-future precision: steps where no part in view matches a noun that
//!   the expectations introduce only in a later step;
//! - relation recall: after the relation's step, a part matching `part` and
//!   one matching `target` are related by placement or by an operation;
//! - change recall: the step has an operation of the change's kind on a
//!   part matching `part`;
//! - count accuracy: a part matching `part` has that count.
//!
//! A plan part matches a noun when the noun, singular, occurs in the part's
//! name or kind. Steps marked `materials` are left out of every score.

mod links;
mod view;

use serde::Deserialize;

use crate::words::singular;
use plan::model::{Part, Plan};
use plan::request::{GuideRequest, RequestError};

/// One development-set project: a request and what each step shows.
#[derive(Clone, Debug, Deserialize)]
pub struct DevProject {
    pub request: serde_json::Value,
    pub expect: Vec<StepExpectation>,
    /// Format 2: what goes on, in or onto what.
    #[serde(default)]
    pub relations: Vec<ExpectedRelation>,
    /// Format 2: what each step visibly does to a part.
    #[serde(default)]
    pub changes: Vec<ExpectedChange>,
    /// Format 2: how many of a part the text says the build has.
    #[serde(default)]
    pub counts: Vec<ExpectedCount>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct StepExpectation {
    #[serde(default)]
    pub visible: Vec<ExpectedNoun>,
    #[serde(default)]
    pub materials: bool,
}

/// A noun, or alternatives of which any one may match.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ExpectedNoun {
    One(String),
    AnyOf(Vec<String>),
}

impl ExpectedNoun {
    fn nouns(&self) -> Vec<String> {
        match self {
            ExpectedNoun::One(n) => vec![singular(&n.to_lowercase())],
            ExpectedNoun::AnyOf(ns) => ns.iter().map(|n| singular(&n.to_lowercase())).collect(),
        }
    }

    fn label(&self) -> String {
        match self {
            ExpectedNoun::One(n) => n.clone(),
            ExpectedNoun::AnyOf(ns) => ns.join("|"),
        }
    }

    /// Whether a plan part matches any of the alternatives.
    fn matches(&self, part: &Part) -> bool {
        let kind = kind_name(part.kind);
        self.nouns()
            .iter()
            .any(|n| part_matches(&part.name, &kind, n))
    }
}

/// How a part relates to its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Rests on top of the target.
    On,
    /// Inside the target or filled into it.
    In,
    /// Glued, screwed, sewn, tied, taped, wrapped around or hung from.
    Attached,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ExpectedRelation {
    /// 1-based step where the relation is first made.
    pub step: usize,
    pub part: ExpectedNoun,
    pub relation: RelationKind,
    pub target: ExpectedNoun,
}

/// Kinds of visible change a step makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Cut,
    Paint,
    Drill,
    Finish,
    Fold,
    Sew,
    Wrap,
    Bend,
    Fill,
    Remove,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ExpectedChange {
    /// 1-based step.
    pub step: usize,
    pub part: ExpectedNoun,
    pub change: ChangeKind,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ExpectedCount {
    pub part: ExpectedNoun,
    pub count: u32,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Miss {
    /// An expected noun no part in view matched.
    Missing { step: usize, noun: String },
    /// A part in view that only belongs to a later step.
    Future {
        step: usize,
        part: String,
        noun: String,
    },
    /// Two parts the text relates are not related in the plan.
    Relation {
        step: usize,
        part: String,
        relation: RelationKind,
        target: String,
    },
    /// A step's visible change has no operation.
    Change {
        step: usize,
        part: String,
        change: ChangeKind,
    },
    /// No part matching the noun has the stated count.
    Count {
        part: String,
        expected: u32,
        /// The counts of the matching parts (empty: no part matches).
        found: Vec<u32>,
    },
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Miss::Missing { step, noun } => write!(f, "step {step}: missing {noun}"),
            Miss::Future { step, part, noun } => {
                write!(
                    f,
                    "step {step}: future part {part:?} (matches {noun}, expected later)"
                )
            }
            Miss::Relation {
                step,
                part,
                relation,
                target,
            } => write!(
                f,
                "step {step}: no relation {part} {} {target}",
                format!("{relation:?}").to_lowercase()
            ),
            Miss::Change { step, part, change } => write!(
                f,
                "step {step}: no {} of {part}",
                format!("{change:?}").to_lowercase()
            ),
            Miss::Count {
                part,
                expected,
                found,
            } if found.is_empty() => write!(f, "count: no part {part} (expected {expected})"),
            Miss::Count {
                part,
                expected,
                found,
            } => write!(f, "count: {part} is {found:?}, expected {expected}"),
        }
    }
}

/// Hits out of a total; a score with nothing to score is 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub hit: usize,
    pub total: usize,
}

impl Tally {
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hit as f64 / self.total as f64
        }
    }

    fn count(&mut self, hit: bool) {
        self.total += 1;
        self.hit += usize::from(hit);
    }

    fn add(&mut self, other: Tally) {
        self.hit += other.hit;
        self.total += other.total;
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.2} ({}/{})", self.ratio(), self.hit, self.total)
    }
}

/// One project's figures (or a sum of several).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectScore {
    /// Expected nouns matched by a part in view.
    pub parts: Tally,
    /// Steps showing no future part.
    pub clean_steps: Tally,
    pub relations: Tally,
    pub changes: Tally,
    pub counts: Tally,
    pub misses: Vec<Miss>,
}

impl ProjectScore {
    pub fn recall(&self) -> f64 {
        self.parts.ratio()
    }

    pub fn precision(&self) -> f64 {
        self.clean_steps.ratio()
    }

    /// Adds another project's counts to these (misses are kept per project).
    pub fn add(&mut self, other: &ProjectScore) {
        self.parts.add(other.parts);
        self.clean_steps.add(other.clean_steps);
        self.relations.add(other.relations);
        self.changes.add(other.changes);
        self.counts.add(other.counts);
    }
}

/// Whether a part (by name and kind) matches a noun.
pub fn part_matches(name: &str, kind: &str, noun: &str) -> bool {
    let noun = noun.to_lowercase();
    name.to_lowercase().contains(&noun) || kind.replace('_', " ").contains(&noun)
}

fn kind_name(kind: plan::model::PartKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Scores a plan against a project's labels.
pub fn score_plan(plan: &Plan, project: &DevProject) -> ProjectScore {
    let states = plan::state::states(plan);
    let mut score = ProjectScore::default();
    view::score_view(&states, &project.expect, &mut score);
    let scored = |step: usize| {
        project
            .expect
            .get(step.wrapping_sub(1))
            .is_none_or(|e| !e.materials)
    };
    let relations: Vec<_> = project
        .relations
        .iter()
        .filter(|r| scored(r.step))
        .collect();
    let changes: Vec<_> = project.changes.iter().filter(|c| scored(c.step)).collect();
    links::score_relations(plan, &states, &relations, &mut score);
    links::score_changes(plan, &changes, &mut score);
    links::score_counts(plan, &project.counts, &mut score);
    score
}

/// The labelled projects of a development-set directory: its `*.json`
/// files, sorted by name.
pub fn project_files(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Compiles a project's request and scores the plan.
pub fn score_project(project: &DevProject) -> Result<(Plan, ProjectScore), RequestError> {
    let request = GuideRequest::from_value(project.request.clone())?;
    let plan = crate::plan_for(&request);
    let score = score_plan(&plan, project);
    Ok((plan, score))
}

#[cfg(test)]
mod tests;
