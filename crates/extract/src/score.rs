//! Scores the extractor on a development set (`shared/dev-set` format):
//! part recall and no-future-part precision, with every miss listed.
//!
//! A plan part matches an expected noun when the noun, singular, occurs in
//! the part's name or kind. Recall counts expected nouns matched by a part
//! in view after their step; a step fails precision when a part in view
//! matches a noun the expectations introduce only in a later step. Steps
//! marked `materials` are left out of both.

use serde::Deserialize;

use crate::words::singular;
use plan::model::Plan;
use plan::request::{GuideRequest, RequestError};
use plan::state::{states, StepState};

/// One development-set project: a request and what each step shows.
#[derive(Clone, Debug, Deserialize)]
pub struct DevProject {
    pub request: serde_json::Value,
    pub expect: Vec<StepExpectation>,
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
}

/// What went wrong in one step.
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
        }
    }
}

/// One project's figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectScore {
    pub matched: usize,
    pub expected: usize,
    pub clean_steps: usize,
    pub scored_steps: usize,
    pub misses: Vec<Miss>,
}

impl ProjectScore {
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.clean_steps, self.scored_steps)
    }

    /// Adds another project's counts to these.
    pub fn add(&mut self, other: &ProjectScore) {
        self.matched += other.matched;
        self.expected += other.expected;
        self.clean_steps += other.clean_steps;
        self.scored_steps += other.scored_steps;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
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

/// Scores a plan against a project's expectations.
pub fn score_plan(plan: &Plan, expect: &[StepExpectation]) -> ProjectScore {
    let states = states(plan);
    // The step where each expected entry first appears.
    let first_step = |entry: &ExpectedNoun| {
        expect
            .iter()
            .position(|e| e.visible.contains(entry))
            .unwrap_or(usize::MAX)
    };
    let matches = |state: &StepState, nouns: &[String]| {
        state.parts.iter().find_map(|p| {
            let kind = kind_name(p.kind);
            nouns
                .iter()
                .any(|n| part_matches(&p.name, &kind, n))
                .then(|| p.name.clone())
        })
    };
    let mut score = ProjectScore::default();
    let empty = StepState::default();
    for (k, expectation) in expect.iter().enumerate() {
        if expectation.materials {
            continue;
        }
        let state = states.get(k).unwrap_or(&empty);
        score.scored_steps += 1;
        for entry in &expectation.visible {
            score.expected += 1;
            if matches(state, &entry.nouns()).is_some() {
                score.matched += 1;
            } else {
                score.misses.push(Miss::Missing {
                    step: k + 1,
                    noun: entry.label(),
                });
            }
        }
        let later: Vec<&ExpectedNoun> = expect
            .iter()
            .skip(k + 1)
            .flat_map(|e| e.visible.iter())
            .filter(|e| first_step(e) > k)
            .collect();
        let mut clean = true;
        for entry in later {
            let nouns = entry.nouns();
            // A noun also expected by this step or earlier is not future.
            let also_now = expect[..=k]
                .iter()
                .flat_map(|e| e.visible.iter())
                .any(|e| e.nouns().iter().any(|n| nouns.contains(n)));
            if also_now {
                continue;
            }
            if let Some(part) = matches(state, &nouns) {
                clean = false;
                let miss = Miss::Future {
                    step: k + 1,
                    part,
                    noun: entry.label(),
                };
                if !score.misses.contains(&miss) {
                    score.misses.push(miss);
                }
            }
        }
        if clean {
            score.clean_steps += 1;
        }
    }
    score
}

/// Compiles a project's request and scores the plan.
pub fn score_project(project: &DevProject) -> Result<(Plan, ProjectScore), RequestError> {
    let request = GuideRequest::from_value(project.request.clone())?;
    let plan = crate::plan_for(&request);
    let score = score_plan(&plan, &project.expect);
    Ok((plan, score))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(json: serde_json::Value) -> DevProject {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn recall_and_precision_count_steps_and_nouns() {
        let p = project(serde_json::json!({
            "request": {
                "title": "Jar",
                "materials": ["jar", "soil"],
                "steps": [
                    {"title": "Clean", "description": "Wash the jar."},
                    {"title": "Fill", "description": "Fill the jar with soil."}
                ]
            },
            "expect": [
                {"visible": ["jar"]},
                {"visible": ["jar", "soil", "succulent"]}
            ]
        }));
        let (_, score) = score_project(&p).unwrap();
        assert_eq!((score.matched, score.expected), (3, 4));
        assert_eq!((score.clean_steps, score.scored_steps), (2, 2));
        assert_eq!(
            score.misses,
            vec![Miss::Missing {
                step: 2,
                noun: "succulent".into()
            }]
        );
    }

    #[test]
    fn a_part_shown_too_early_fails_its_step() {
        let p = project(serde_json::json!({
            "request": {
                "title": "Jar",
                "steps": [
                    {"title": "Fill", "description": "Fill the jar with soil."},
                    {"title": "Plant", "description": "Plant a succulent."}
                ]
            },
            "expect": [
                {"visible": ["jar"]},
                {"visible": ["jar", "soil", "succulent"]}
            ]
        }));
        let (_, score) = score_project(&p).unwrap();
        assert_eq!((score.clean_steps, score.scored_steps), (1, 2));
        assert!(score
            .misses
            .iter()
            .any(|m| matches!(m, Miss::Future { step: 1, .. })));
    }

    #[test]
    fn materials_steps_are_left_out() {
        let p = project(serde_json::json!({
            "request": {
                "title": "Jar",
                "steps": [
                    {"title": "What you need", "description": "You need a jar."},
                    {"title": "Wash", "description": "Wash the jar."}
                ]
            },
            "expect": [
                {"visible": [], "materials": true},
                {"visible": [["jar", "pot"]]}
            ]
        }));
        let (plan, score) = score_project(&p).unwrap();
        assert!(plan.steps[0].materials_only);
        assert_eq!(
            (score.matched, score.expected, score.scored_steps),
            (1, 1, 1)
        );
    }

    #[test]
    fn matching_uses_singular_nouns_and_kinds() {
        assert!(part_matches("24 wine corks", "cylinder", "cork"));
        assert!(part_matches("foam pad", "cushion", "cushion"));
        assert!(!part_matches("jar", "jar", "lid"));
    }
}
