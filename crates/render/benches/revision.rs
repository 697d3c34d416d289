//! The cost of deciding which steps an edit changed: `changed_steps` on a
//! 20-step guide at 768×576 (both plans laid out once and every step of
//! each drawn as SVG), and `keep_framing` for the same edit. Run with
//! `cargo bench -p stepcast-render --bench revision`.

use criterion::{criterion_group, criterion_main, Criterion};
use plan::model::{Color, Operation};
use plan::request::Style;
use plan::Plan;
use render::revision::{changed_steps, keep_framing};
use serde_json::{json, Value};

/// A board, nine containers put on it one step at a time, each painted in
/// a step of its own, and a finished last step: 20 steps.
fn twenty_step_plan() -> Plan {
    let kinds = [
        ("can", "metal"),
        ("jar", "glass"),
        ("bottle", "glass"),
        ("box", "cardboard"),
        ("cylinder", "plastic"),
    ];
    let mut parts = vec![json!({"id": "base", "name": "base board", "kind": "board",
        "size": [60, 2, 40], "color": "#c8a26b", "material": "wood"})];
    let mut steps =
        vec![json!({"number": 1, "title": "Base", "ops": [{"op": "add", "part": "base"}]})];
    for i in 0..9 {
        let (kind, material) = kinds[i % kinds.len()];
        let id = format!("item-{i}");
        parts.push(
            json!({"id": id, "name": format!("{kind} {i}"), "kind": kind,
            "size": [6 + i % 3, 8 + 2 * (i % 4), 6 + i % 2], "color": "#9aa0a6",
            "material": material, "placement": {"relation": "on", "target": "base"}}),
        );
        steps.push(
            json!({"number": steps.len() + 1, "title": format!("Add {id}"),
            "ops": [{"op": "add", "part": id}]}),
        );
    }
    for i in 0..9 {
        steps.push(
            json!({"number": steps.len() + 1, "title": format!("Paint item {i}"),
            "ops": [{"op": "paint", "part": format!("item-{i}"), "color": "#2255cc"}],
            "tools": ["brush"]}),
        );
    }
    steps.push(json!({"number": steps.len() + 1, "title": "Done",
        "ops": [{"op": "finish", "part": "base", "finish": "sand"}], "complete": true}));
    let plan: Plan = serde_json::from_value(json!({
        "title": "Painted pots", "parts": Value::from(parts), "steps": Value::from(steps)
    }))
    .expect("a valid plan");
    assert_eq!(plan.steps.len(), 20);
    assert!(plan::request::validate_plan(&plan, "plan").is_empty());
    plan
}

fn bench(c: &mut Criterion) {
    let old = twenty_step_plan();
    // The edit: another colour for the paint of step 15.
    let mut new = old.clone();
    new.steps[14].ops[0] = Operation::Paint {
        part: "item-4".into(),
        color: Color("#cc3322".into()),
    };
    keep_framing(&old, &mut new);
    assert!(new.framing.is_some());
    let changed = changed_steps(&old, &new, 768, 576, Style::Diagram).expect("draws");
    assert_eq!(changed, (14..20).collect::<Vec<_>>());

    let mut group = c.benchmark_group("revision_20_steps_768x576");
    group.sample_size(10);
    group.bench_function("changed_steps", |b| {
        b.iter(|| {
            std::hint::black_box(
                changed_steps(&old, &new, 768, 576, Style::Diagram).expect("draws"),
            )
        })
    });
    group.bench_function("keep_framing", |b| {
        b.iter(|| {
            let mut edited = new.clone();
            keep_framing(&old, &mut edited);
            std::hint::black_box(edited)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
