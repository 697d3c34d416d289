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
    assert_eq!((score.parts.hit, score.parts.total), (3, 4));
    assert_eq!((score.clean_steps.hit, score.clean_steps.total), (2, 2));
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
    assert_eq!((score.clean_steps.hit, score.clean_steps.total), (1, 2));
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
        (score.parts.hit, score.parts.total, score.clean_steps.total),
        (1, 1, 1)
    );
}

#[test]
fn matching_uses_singular_nouns_and_kinds() {
    assert!(part_matches("24 wine corks", "cylinder", "cork"));
    assert!(part_matches("foam pad", "cushion", "cushion"));
    assert!(!part_matches("jar", "jar", "lid"));
}

fn format_two() -> DevProject {
    project(serde_json::json!({
        "request": {
            "title": "Planter",
            "steps": [
                {"title": "What you need", "description": "You need a jar, soil and paint."},
                {"title": "Paint", "description": "Paint the jar blue."},
                {"title": "Fill", "description": "Fill the jar with soil."},
                {"title": "Wrap", "description": "Wrap twine around the jar."}
            ]
        },
        "expect": [
            {"visible": [], "materials": true},
            {"visible": ["jar"]},
            {"visible": ["jar", "soil"]},
            {"visible": ["jar", "soil", ["twine", "string"]]}
        ],
        "relations": [
            {"step": 1, "part": "jar", "relation": "on", "target": "soil"},
            {"step": 3, "part": "soil", "relation": "in", "target": "jar"},
            {"step": 4, "part": ["twine", "string"], "relation": "attached", "target": "jar"},
            {"step": 3, "part": "jar", "relation": "on", "target": "soil"}
        ],
        "changes": [
            {"step": 2, "part": "jar", "change": "paint"},
            {"step": 3, "part": "jar", "change": "fill"},
            {"step": 4, "part": "jar", "change": "wrap"},
            {"step": 3, "part": "jar", "change": "drill"}
        ],
        "counts": [
            {"part": "jar", "count": 1},
            {"part": "jar", "count": 3},
            {"part": "bucket", "count": 2}
        ]
    }))
}

#[test]
fn relations_are_found_by_placement_or_operation() {
    let (_, score) = score_project(&format_two()).unwrap();
    // The step-1 relation sits in a materials step and is not scored.
    assert_eq!((score.relations.hit, score.relations.total), (2, 3));
    assert!(score.misses.contains(&Miss::Relation {
        step: 3,
        part: "jar".into(),
        relation: RelationKind::On,
        target: "soil".into(),
    }));
}

#[test]
fn changes_are_operations_of_their_step() {
    let (_, score) = score_project(&format_two()).unwrap();
    assert_eq!((score.changes.hit, score.changes.total), (3, 4));
    assert_eq!(
        score
            .misses
            .iter()
            .filter(|m| matches!(m, Miss::Change { .. }))
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["step 3: no drill of jar"]
    );
}

#[test]
fn counts_compare_every_matching_part() {
    let (_, score) = score_project(&format_two()).unwrap();
    assert_eq!((score.counts.hit, score.counts.total), (1, 3));
    let counts: Vec<String> = score
        .misses
        .iter()
        .filter(|m| matches!(m, Miss::Count { .. }))
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        counts,
        vec![
            "count: jar is [1], expected 3",
            "count: no part bucket (expected 2)"
        ]
    );
}

#[test]
fn format_one_has_nothing_to_score_beyond_parts() {
    let p = project(serde_json::json!({
        "request": {"title": "Jar", "steps": [{"title": "Wash", "description": "Wash the jar."}]},
        "expect": [{"visible": ["jar"]}]
    }));
    let (_, score) = score_project(&p).unwrap();
    assert_eq!(
        score.relations.total + score.changes.total + score.counts.total,
        0
    );
    assert!((score.relations.ratio() - 1.0).abs() < f64::EPSILON);
}
