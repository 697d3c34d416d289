//! What the extractor says it understood of each step: words that became
//! the plan (and as what), words it could not use (and why), and the
//! confidence figures built from them.

use extract::{read, StepReading};
use plan::request::{GuideRequest, StepText};

fn reading(materials: &[&str], steps: &[(&str, &str)]) -> Vec<StepReading> {
    let request = GuideRequest {
        title: "Project".into(),
        materials: materials.iter().map(|m| m.to_string()).collect(),
        steps: steps.iter().map(|(t, d)| StepText::new(*t, *d)).collect(),
        ..GuideRequest::default()
    };
    read(&request).reading.expect("text was read").steps
}

fn unresolved(step: &StepReading) -> Vec<(&str, &str)> {
    step.unresolved
        .iter()
        .map(|u| (u.text.as_str(), u.reason.as_str()))
        .collect()
}

#[test]
fn a_clear_step_is_understood_word_by_word_in_the_plans_own_words() {
    let steps = reading(
        &["Pet Bottles -3", "wooden patti"],
        &[(
            "Fix",
            "Fix drilled bottle on given markings of wooden Patti with screws.",
        )],
    );
    let step = &steps[0];
    assert_eq!(step.confidence, 1.0, "{step:?}");
    let meaning = |text: &str| {
        step.understood
            .iter()
            .find(|u| u.text.eq_ignore_ascii_case(text))
            .map(|u| u.meaning.as_str())
    };
    // The verb is described by the operation it became, as the prompts say it.
    assert_eq!(
        meaning("fix"),
        Some("screw the three pet bottles to the wooden patti")
    );
    assert!(meaning("drilled bottle").is_some_and(|m| m.contains("bottle")));
    // "given markings of wooden Patti": places on the patti.
    assert!(meaning("given markings").is_some_and(|m| m.contains("patti")));
    assert!(meaning("screws").is_some());
}

#[test]
fn unknown_words_are_listed_with_the_reason() {
    let steps = reading(
        &["glass jar"],
        &[
            ("Paint", "Paint the jar with a zorblat."),
            ("Then", "Frobnicate the jar."),
        ],
    );
    assert_eq!(
        unresolved(&steps[0]),
        [("zorblat", "unknown noun, not drawn")]
    );
    assert!(steps[0].confidence > 0.0 && steps[0].confidence < 1.0);
    assert_eq!(
        unresolved(&steps[1]),
        [(
            "frobnicate",
            "unknown verb: what it acts on is shown, unchanged"
        )]
    );
}

#[test]
fn a_verb_with_nothing_to_act_on_is_a_miss_but_talk_is_not() {
    let steps = reading(&[], &[("Start", "Drill it.")]);
    assert_eq!(
        unresolved(&steps[0]),
        [("drill", "found nothing in view to do this to")]
    );
    assert_eq!(steps[0].confidence, 0.0);

    let steps = reading(
        &["glass jar"],
        &[
            ("Jar", "Paint the jar red."),
            // "Sand it" acts on the jar; the rest is talk.
            (
                "Sand",
                "Sand it. This jar looks great and you can set the time.",
            ),
        ],
    );
    let second = &steps[1];
    assert!(
        second.unresolved.is_empty(),
        "talk is not judged: {second:?}"
    );
    assert_eq!(second.confidence, 1.0);
}

#[test]
fn materials_steps_are_marked_and_read_as_certain() {
    let steps = reading(
        &[],
        &[
            (
                "Material and Tools",
                "Drilling machine Screwdriver Flat File Scale",
            ),
            ("Cut", "Cut the bottle in half."),
        ],
    );
    assert!(steps[0].materials_only);
    assert_eq!(steps[0].confidence, 1.0);
    assert!(steps[0].understood.is_empty() && steps[0].unresolved.is_empty());
    assert!(!steps[1].materials_only);
}

#[test]
fn the_guide_confidence_is_the_mean_over_steps_that_build() {
    let request = GuideRequest {
        title: "Jar".into(),
        steps: vec![
            StepText::new("You will need", "You will need a jar and paint."),
            StepText::new("Paint", "Paint the jar with a zorblat."),
            StepText::new("Glue", "Glue the cork to the jar."),
        ],
        ..GuideRequest::default()
    };
    let reading = read(&request).reading.expect("read");
    let building: Vec<f64> = reading.steps[1..].iter().map(|s| s.confidence).collect();
    let mean = building.iter().sum::<f64>() / building.len() as f64;
    assert!((reading.confidence - mean).abs() < 0.01, "{reading:?}");
    assert!(reading.confidence < 1.0);
}

#[test]
fn a_hand_written_plan_has_no_reading() {
    let plan = read(&GuideRequest {
        title: "Jar".into(),
        steps: vec![StepText::new("Paint", "Paint the jar.")],
        ..GuideRequest::default()
    })
    .plan;
    let request = GuideRequest {
        title: "Jar".into(),
        steps: vec![StepText::new("Paint", "Paint the jar.")],
        plan: Some(plan),
        ..GuideRequest::default()
    };
    assert!(read(&request).reading.is_none());
}

#[test]
fn an_operation_asked_for_twice_is_understood_both_times() {
    let steps = reading(
        &["tissue paper", "cardboard roll"],
        &[(
            "Tissue",
            "Glue the tissue paper to the roll. Crumple the tissue before sticking it to the roll.",
        )],
    );
    let step = &steps[0];
    assert!(
        step.understood.iter().any(|u| u.text == "sticking"),
        "{step:?}"
    );
    assert!(step.unresolved.iter().all(|u| u.text != "sticking"));
}
