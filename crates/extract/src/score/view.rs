//! Part recall and no-future precision: what each step shows.

use plan::state::{PartState, StepState};

use super::{kind_name, part_matches, ExpectedNoun, Miss, ProjectScore, StepExpectation};

/// The name of the first part in view that matches any of `nouns`.
fn matching_part(state: &StepState, nouns: &[String]) -> Option<String> {
    state.parts.iter().find_map(|p: &PartState| {
        let kind = kind_name(p.kind);
        nouns
            .iter()
            .any(|n| part_matches(&p.name, &kind, n))
            .then(|| p.name.clone())
    })
}

pub(super) fn score_view(
    states: &[StepState],
    expect: &[StepExpectation],
    score: &mut ProjectScore,
) {
    // The step where each expected entry first appears.
    let first_step = |entry: &ExpectedNoun| {
        expect
            .iter()
            .position(|e| e.visible.contains(entry))
            .unwrap_or(usize::MAX)
    };
    let empty = StepState::default();
    for (k, expectation) in expect.iter().enumerate() {
        if expectation.materials {
            continue;
        }
        let state = states.get(k).unwrap_or(&empty);
        for entry in &expectation.visible {
            let hit = matching_part(state, &entry.nouns()).is_some();
            score.parts.count(hit);
            if !hit {
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
            if let Some(part) = matching_part(state, &nouns) {
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
        score.clean_steps.count(clean);
    }
}
