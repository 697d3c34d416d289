//! The step graph of every strategy, with and without references and a
//! concept image, and the prompts that go with it.

mod common;

use engines::{anchor_prompt_for, prompt_for, step_graph, StepGraph};
use plan::request::Strategy;

fn graph(deps: &[&[usize]], anchor: Option<usize>) -> StepGraph {
    StepGraph {
        deps: deps.iter().map(|d| d.to_vec()).collect(),
        anchor,
    }
}

const NONE4: &[&[usize]] = &[&[], &[], &[], &[]];

#[test]
fn the_schematic_engine_has_no_deps_under_any_strategy() {
    for &strategy in Strategy::ALL {
        for concept in [false, true] {
            assert_eq!(
                step_graph(strategy, 4, false, concept),
                graph(NONE4, None),
                "{strategy} concept={concept}"
            );
        }
    }
}

#[test]
fn independent_has_no_deps() {
    for concept in [false, true] {
        assert_eq!(
            step_graph(Strategy::Independent, 4, true, concept),
            graph(NONE4, None)
        );
    }
}

#[test]
fn chained_depends_on_the_previous_step() {
    for concept in [false, true] {
        assert_eq!(
            step_graph(Strategy::Chained, 4, true, concept),
            graph(&[&[], &[0], &[1], &[2]], None)
        );
    }
}

#[test]
fn anchored_and_guided_wait_for_the_last_step() {
    for strategy in [Strategy::Anchored, Strategy::Guided] {
        assert_eq!(
            step_graph(strategy, 4, true, false),
            graph(&[&[3], &[3], &[3], &[]], Some(3)),
            "{strategy}"
        );
    }
}

#[test]
fn a_concept_image_is_the_anchor_instead() {
    for strategy in [Strategy::Anchored, Strategy::Guided] {
        assert_eq!(
            step_graph(strategy, 4, true, true),
            graph(NONE4, None),
            "{strategy}"
        );
    }
}

#[test]
fn no_steps_and_one_step() {
    for &strategy in Strategy::ALL {
        for needs in [false, true] {
            for concept in [false, true] {
                let empty = step_graph(strategy, 0, needs, concept);
                assert_eq!(empty, graph(&[], None), "{strategy} {needs} {concept}");
                let one = step_graph(strategy, 1, needs, concept);
                let anchored = matches!(strategy, Strategy::Anchored | Strategy::Guided);
                let anchor = (needs && anchored && !concept).then_some(0);
                assert_eq!(one, graph(&[&[]], anchor), "{strategy} {needs} {concept}");
            }
        }
    }
}

#[test]
fn every_graph_is_acyclic_and_in_range() {
    for &strategy in Strategy::ALL {
        for needs in [false, true] {
            for concept in [false, true] {
                for steps in 0..8 {
                    let g = step_graph(strategy, steps, needs, concept);
                    assert_eq!(g.deps.len(), steps);
                    if let Some(anchor) = g.anchor {
                        assert!(anchor < steps);
                        assert!(g.deps[anchor].is_empty(), "the anchor goes first");
                    }
                    // Scheduling with `ready` finishes every step.
                    let mut done = vec![false; steps];
                    let mut rounds = 0;
                    while done.iter().any(|d| !d) {
                        let ready = g.ready(&done);
                        assert!(!ready.is_empty(), "stuck: {g:?}");
                        for i in ready {
                            assert!(g.deps[i].iter().all(|&d| d < steps && d != i));
                            done[i] = true;
                        }
                        rounds += 1;
                    }
                    assert!(rounds <= steps.max(1));
                }
            }
        }
    }
}

#[test]
fn ready_steps() {
    let g = step_graph(Strategy::Anchored, 3, true, false);
    assert_eq!(g.ready(&[false, false, false]), vec![2]);
    assert_eq!(g.ready(&[false, false, true]), vec![0, 1]);
    assert_eq!(g.ready(&[true, false, true]), vec![1]);
    // A short `done` counts the missing steps as not done.
    assert_eq!(g.ready(&[]), vec![2]);
}

#[test]
fn prompts_follow_the_request_strategy() {
    let (request, plan) = common::example("bottle-planter.json");
    let mut by_strategy = Vec::new();
    for &strategy in Strategy::ALL {
        let mut request = (*request).clone();
        request.options.strategy = strategy;
        let prompt = prompt_for(&request, &plan, 2);
        let expected = plan::prompt::step_prompt(
            &plan::prompt::PromptInput {
                request: &request,
                plan: &plan,
                step_index: 2,
            },
            strategy,
        );
        assert_eq!(prompt, expected);
        assert!(!prompt.is_empty());
        by_strategy.push(prompt);
    }
    by_strategy.dedup();
    assert_eq!(
        by_strategy.len(),
        Strategy::ALL.len(),
        "each strategy differs"
    );
    assert_eq!(
        anchor_prompt_for(&request, &plan),
        plan::prompt::anchor_prompt(&request, &plan)
    );
    // Past the end means the last step: no panic.
    let last = plan.steps.len() - 1;
    assert_eq!(
        prompt_for(&request, &plan, usize::MAX),
        prompt_for(&request, &plan, last)
    );
}
