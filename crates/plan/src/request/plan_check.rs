//! The rules an assembly model must satisfy, whether written by hand or
//! compiled by the extractor.

use std::collections::{HashMap, HashSet};

use super::limits::{MAX_FRAMING_SIDE_CM, MAX_PART_COUNT};
use super::FieldError;
use crate::model::{Framing, Operation, PartId, Plan};
use crate::state::MAX_FOLDS;

/// Checks a plan on its own: step numbers 1..n in order; part ids unique and
/// well-formed; every reference to a known part; placements neither on
/// themselves nor in a cycle; sizes, counts, fill levels, cut fractions,
/// folds and colours in range; a complete step not materials-only; the
/// framing, if any, a real box (see [`validate_framing`]). Paths start with
/// `path_prefix` (`"plan"` gives `plan.steps[1].ops[0].part`; `""` gives
/// `steps[1].ops[0].part`).
///
/// It does not compare the plan with a request; see
/// [`crate::request::GuideRequest::validate`] for that.
pub fn validate_plan(plan: &Plan, path_prefix: &str) -> Vec<FieldError> {
    let at = |rest: String| {
        if path_prefix.is_empty() {
            rest
        } else {
            format!("{path_prefix}.{rest}")
        }
    };
    let mut errors = Vec::new();

    let mut first_index: HashMap<&str, usize> = HashMap::new();
    for (i, part) in plan.parts.iter().enumerate() {
        let base = format!("parts[{i}]");
        if !is_part_id(&part.id) {
            errors.push(FieldError::new(
                at(format!("{base}.id")),
                format!(
                    "{:?} must be lowercase letters, digits and '-', starting with a letter or digit (^[a-z0-9][a-z0-9-]*$)",
                    part.id
                ),
            ));
        }
        if let Some(first) = first_index.get(part.id.as_str()) {
            errors.push(FieldError::new(
                at(format!("{base}.id")),
                format!("duplicate id {:?}, already used by parts[{first}]", part.id),
            ));
        } else {
            first_index.insert(&part.id, i);
        }
        if !(1..=MAX_PART_COUNT).contains(&part.count) {
            errors.push(FieldError::new(
                at(format!("{base}.count")),
                format!(
                    "must be between 1 and {MAX_PART_COUNT}, found {}",
                    part.count
                ),
            ));
        }
        for (k, v) in part.size.iter().enumerate() {
            if !(v.is_finite() && *v > 0.0) {
                errors.push(FieldError::new(
                    at(format!("{base}.size[{k}]")),
                    format!("must be a finite number greater than 0, found {v}"),
                ));
            }
        }
        if !is_color(&part.color.0) {
            errors.push(color_error(at(format!("{base}.color")), &part.color.0));
        }
    }

    let known = |id: &str| first_index.contains_key(id);
    for (i, part) in plan.parts.iter().enumerate() {
        let Some(target) = &part.placement.target else {
            continue;
        };
        let path = at(format!("parts[{i}].placement.target"));
        if *target == part.id {
            errors.push(FieldError::new(
                path,
                format!("part {:?} cannot be placed relative to itself", part.id),
            ));
        } else if !known(target) {
            errors.push(FieldError::new(path, format!("unknown part {target:?}")));
        } else if let Some(cycle) = placement_cycle(plan, i, &first_index) {
            errors.push(FieldError::new(
                path,
                format!("placements form a cycle: {}", cycle.join(" -> ")),
            ));
        }
    }

    for (s, step) in plan.steps.iter().enumerate() {
        let base = format!("steps[{s}]");
        let expected = s + 1;
        if usize::try_from(step.number).ok() != Some(expected) {
            errors.push(FieldError::new(
                at(format!("{base}.number")),
                format!("expected {expected}, found {}", step.number),
            ));
        }
        for (o, op) in step.ops.iter().enumerate() {
            let op_path = |field: &str| at(format!("{base}.ops[{o}].{field}"));
            let refs = references(op);
            for (field, id) in &refs {
                if !known(id) {
                    errors.push(FieldError::new(
                        op_path(field),
                        format!("unknown part {id:?}"),
                    ));
                }
            }
            // An attach to itself joins a part's copies or pieces ("glue the
            // corks together") and a seam on itself closes the part ("sew
            // the pillow shut"); filling, wrapping or stuffing a part with
            // itself is meaningless.
            let joins_itself = matches!(op, Operation::Attach { .. } | Operation::Sew { .. });
            if let [(_, part), (field, other)] = refs.as_slice() {
                if part == other && !joins_itself {
                    errors.push(FieldError::new(
                        op_path(field),
                        format!("must differ from the part itself ({part:?})"),
                    ));
                }
            }
            match op {
                Operation::Cut { fraction, .. } if !(*fraction > 0.0 && *fraction <= 1.0) => {
                    errors.push(FieldError::new(
                        op_path("fraction"),
                        format!("must be greater than 0 and at most 1, found {fraction}"),
                    ));
                }
                Operation::Fill { level, .. } if !(0.0..=1.0).contains(level) => {
                    errors.push(FieldError::new(
                        op_path("level"),
                        format!("must be between 0 and 1, found {level}"),
                    ));
                }
                Operation::Paint { color, .. } | Operation::Stain { color, .. }
                    if !is_color(&color.0) =>
                {
                    errors.push(color_error(op_path("color"), &color.0));
                }
                Operation::Fold { folds, .. } if !(1..=MAX_FOLDS).contains(folds) => {
                    errors.push(FieldError::new(
                        op_path("folds"),
                        format!("must be between 1 and {MAX_FOLDS}, found {folds}"),
                    ));
                }
                _ => {}
            }
        }
        if step.complete && step.materials_only {
            errors.push(FieldError::new(
                at(format!("{base}.complete")),
                "a step that only lists materials cannot show the finished build".to_string(),
            ));
        }
    }
    if let Some(framing) = &plan.framing {
        errors.extend(validate_framing(framing, &at("framing".to_string())));
    }
    errors
}

/// Checks a plan's framing box on its own: every coordinate a finite
/// number, `min` below `max` on every axis and no side longer than
/// [`MAX_FRAMING_SIDE_CM`]. Paths start with `path` (`"plan.framing"`
/// gives `plan.framing.max[1]`).
pub fn validate_framing(framing: &Framing, path: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (corner, values) in [("min", &framing.min), ("max", &framing.max)] {
        for (k, v) in values.iter().enumerate() {
            if !v.is_finite() {
                errors.push(FieldError::new(
                    format!("{path}.{corner}[{k}]"),
                    format!("must be a finite number, found {v}"),
                ));
            }
        }
    }
    for k in 0..3 {
        let (lo, hi) = (framing.min[k], framing.max[k]);
        if !(lo.is_finite() && hi.is_finite()) {
            continue;
        }
        let field = format!("{path}.max[{k}]");
        if hi <= lo {
            errors.push(FieldError::new(
                field,
                format!("must be greater than min[{k}] ({lo}), found {hi}"),
            ));
        } else if hi - lo > MAX_FRAMING_SIDE_CM {
            errors.push(FieldError::new(
                field,
                format!(
                    "must be at most {MAX_FRAMING_SIDE_CM} cm above min[{k}] ({lo}), found {hi}"
                ),
            ));
        }
    }
    errors
}

/// The parts an operation names, with the field that names each: the
/// subject first.
fn references(op: &Operation) -> Vec<(&'static str, &PartId)> {
    let mut refs = vec![("part", op.part())];
    match op {
        Operation::Fill { container, .. } => refs.push(("container", container)),
        Operation::Attach { to, .. } | Operation::Sew { to, .. } => refs.push(("to", to)),
        Operation::Wrap { around, .. } => refs.push(("around", around)),
        Operation::Stuff { into, .. } => refs.push(("into", into)),
        _ => {}
    }
    refs
}

/// If following placement targets from part `start` comes back to it, the
/// ids around the cycle (starting and ending with `start`'s). Only the part
/// of the cycle with the lowest index reports it, so each cycle is reported
/// once.
fn placement_cycle(plan: &Plan, start: usize, index: &HashMap<&str, usize>) -> Option<Vec<String>> {
    let mut seen = HashSet::new();
    let mut chain = vec![plan.parts[start].id.clone()];
    let mut current = start;
    loop {
        let target = plan.parts[current].placement.target.as_deref()?;
        let next = *index.get(target)?;
        chain.push(plan.parts[next].id.clone());
        if next == start {
            return Some(chain);
        }
        if next < start || !seen.insert(next) {
            // Either a lower-index part is on the cycle (it reports it) or
            // the chain ran into a cycle that does not contain `start`.
            return None;
        }
        current = next;
    }
}

/// `^[a-z0-9][a-z0-9-]*$`
fn is_part_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `^#[0-9a-f]{6}$`
fn is_color(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| {
        hex.len() == 6
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

fn color_error(path: String, value: &str) -> FieldError {
    FieldError::new(
        path,
        format!("{value:?} is not a colour, expected #rrggbb in lowercase hex"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan(value: serde_json::Value) -> Plan {
        match serde_json::from_value(value) {
            Ok(plan) => plan,
            Err(e) => panic!("test plan does not parse: {e}"),
        }
    }

    fn part(id: &str) -> serde_json::Value {
        json!({"id": id, "name": id, "kind": "jar", "size": [8, 12, 8],
               "color": "#aabbcc", "material": "glass"})
    }

    fn messages(plan: &Plan, prefix: &str) -> Vec<String> {
        validate_plan(plan, prefix)
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    fn good() -> Plan {
        let mut soil = part("soil");
        soil["kind"] = json!("fill");
        soil["placement"] = json!({"relation": "in", "target": "jar"});
        plan(json!({
            "title": "Terrarium",
            "parts": [part("jar"), soil],
            "steps": [
                {"number": 1, "title": "Jar", "ops": [{"op": "add", "part": "jar"}]},
                {"number": 2, "title": "Soil", "ops": [
                    {"op": "fill", "part": "soil", "container": "jar", "level": 0.3},
                    {"op": "cut", "part": "jar", "fraction": 1.0}
                ]}
            ]
        }))
    }

    #[test]
    fn a_good_plan_has_no_errors() {
        assert_eq!(messages(&good(), "plan"), Vec::<String>::new());
    }

    #[test]
    fn step_numbers_must_run_from_one() {
        let mut p = good();
        p.steps[1].number = 5;
        assert_eq!(
            messages(&p, "plan"),
            ["plan.steps[1].number: expected 2, found 5"]
        );
        assert_eq!(messages(&p, ""), ["steps[1].number: expected 2, found 5"]);
    }

    #[test]
    fn unknown_parts_in_ops() {
        let mut p = good();
        p.steps[0].ops = vec![Operation::Add { part: "lid".into() }];
        p.steps[1].ops[0] = Operation::Fill {
            part: "soil".into(),
            container: "bowl".into(),
            level: 0.5,
        };
        assert_eq!(
            messages(&p, "plan"),
            [
                r#"plan.steps[0].ops[0].part: unknown part "lid""#,
                r#"plan.steps[1].ops[0].container: unknown part "bowl""#,
            ]
        );
    }

    #[test]
    fn op_cannot_refer_to_its_own_part_twice() {
        let mut p = good();
        p.steps[1].ops[0] = Operation::Wrap {
            part: "jar".into(),
            around: "jar".into(),
        };
        assert_eq!(
            messages(&p, "plan"),
            [r#"plan.steps[1].ops[0].around: must differ from the part itself ("jar")"#]
        );
    }

    #[test]
    fn part_ids_well_formed_and_unique() {
        let mut p = good();
        p.parts.push(p.parts[0].clone());
        p.parts[1].id = "Soil Bag".into();
        p.steps[1].ops.clear();
        assert_eq!(
            messages(&p, "plan"),
            [
                r#"plan.parts[1].id: "Soil Bag" must be lowercase letters, digits and '-', starting with a letter or digit (^[a-z0-9][a-z0-9-]*$)"#,
                r#"plan.parts[2].id: duplicate id "jar", already used by parts[0]"#,
            ]
        );
        assert!(is_part_id("2l-bottle"));
        assert!(!is_part_id("-bottle"));
        assert!(!is_part_id(""));
    }

    #[test]
    fn placement_target_known_and_not_self() {
        let mut p = good();
        p.parts[1].placement.target = Some("bowl".into());
        p.parts[0].placement.target = Some("jar".into());
        assert_eq!(
            messages(&p, "plan"),
            [
                r#"plan.parts[0].placement.target: part "jar" cannot be placed relative to itself"#,
                r#"plan.parts[1].placement.target: unknown part "bowl""#,
            ]
        );
    }

    #[test]
    fn placement_cycles_are_reported_once() {
        let mut p = good();
        let mut lid = part("lid");
        lid["placement"] = json!({"target": "soil"});
        p.parts
            .push(serde_json::from_value(lid).expect("part parses"));
        // jar -> lid -> soil -> jar
        p.parts[0].placement.target = Some("lid".into());
        assert_eq!(
            messages(&p, "plan"),
            ["plan.parts[0].placement.target: placements form a cycle: jar -> lid -> soil -> jar"]
        );
    }

    #[test]
    fn part_into_a_cycle_is_not_itself_reported() {
        let mut p = good();
        p.parts.push(p.parts[0].clone());
        p.parts[2].id = "lid".into();
        p.parts[2].placement.target = Some("jar".into());
        p.parts[0].placement.target = Some("soil".into());
        // lid -> jar <-> soil
        assert_eq!(
            messages(&p, "plan"),
            ["plan.parts[0].placement.target: placements form a cycle: jar -> soil -> jar"]
        );
    }

    #[test]
    fn sizes_counts_levels_fractions_colours() {
        let mut p = good();
        p.parts[0].size = [0.0, f64::NAN, -1.0];
        p.parts[0].count = 0;
        p.parts[1].count = 101;
        p.parts[1].color.0 = "red".into();
        p.steps[1].ops = vec![
            Operation::Fill {
                part: "soil".into(),
                container: "jar".into(),
                level: 1.5,
            },
            Operation::Cut {
                part: "jar".into(),
                keep: Default::default(),
                fraction: 0.0,
                shape: None,
            },
            Operation::Paint {
                part: "jar".into(),
                color: crate::model::Color("#ABCDEF".into()),
            },
        ];
        assert_eq!(
            messages(&p, "plan"),
            [
                "plan.parts[0].count: must be between 1 and 100, found 0",
                "plan.parts[0].size[0]: must be a finite number greater than 0, found 0",
                "plan.parts[0].size[1]: must be a finite number greater than 0, found NaN",
                "plan.parts[0].size[2]: must be a finite number greater than 0, found -1",
                "plan.parts[1].count: must be between 1 and 100, found 101",
                r#"plan.parts[1].color: "red" is not a colour, expected #rrggbb in lowercase hex"#,
                "plan.steps[1].ops[0].level: must be between 0 and 1, found 1.5",
                "plan.steps[1].ops[1].fraction: must be greater than 0 and at most 1, found 0",
                r##"plan.steps[1].ops[2].color: "#ABCDEF" is not a colour, expected #rrggbb in lowercase hex"##,
            ]
        );
    }

    #[test]
    fn fill_level_bounds_are_inclusive() {
        let mut p = good();
        for level in [0.0, 1.0] {
            p.steps[1].ops[0] = Operation::Fill {
                part: "soil".into(),
                container: "jar".into(),
                level,
            };
            assert!(messages(&p, "plan").is_empty());
        }
    }

    fn craft() -> Plan {
        let mut felt = part("felt");
        felt["kind"] = json!("fabric");
        let mut wire = part("wire");
        wire["kind"] = json!("wire");
        let mut fill = part("fill");
        fill["kind"] = json!("fill");
        plan(json!({
            "title": "Felt heart",
            "parts": [felt, wire, fill, part("pillow")],
            "steps": [
                {"number": 1, "title": "Cut", "ops": [
                    {"op": "cut", "part": "felt", "shape": "heart"},
                    {"op": "fold", "part": "felt", "folds": 2}
                ]},
                {"number": 2, "title": "Bend", "ops": [
                    {"op": "bend", "part": "wire", "shape": "coil"},
                    {"op": "bend", "part": "wire"}
                ]},
                {"number": 3, "title": "Sew", "ops": [
                    {"op": "sew", "part": "felt", "to": "pillow"},
                    {"op": "stuff", "part": "fill", "into": "pillow"},
                    {"op": "sew", "part": "pillow", "to": "pillow"}
                ], "complete": true}
            ]
        }))
    }

    #[test]
    fn craft_operations_are_valid() {
        assert_eq!(messages(&craft(), "plan"), Vec::<String>::new());
    }

    #[test]
    fn craft_operations_name_unknown_parts() {
        let mut p = craft();
        p.steps[2].ops = vec![
            Operation::Sew {
                part: "felt".into(),
                to: "cushion".into(),
            },
            Operation::Stuff {
                part: "cotton".into(),
                into: "toy".into(),
            },
            Operation::Fold {
                part: "card".into(),
                folds: 1,
            },
            Operation::Bend {
                part: "hanger".into(),
                shape: crate::model::BendShape::Loop,
            },
        ];
        assert_eq!(
            messages(&p, "plan"),
            [
                r#"plan.steps[2].ops[0].to: unknown part "cushion""#,
                r#"plan.steps[2].ops[1].part: unknown part "cotton""#,
                r#"plan.steps[2].ops[1].into: unknown part "toy""#,
                r#"plan.steps[2].ops[2].part: unknown part "card""#,
                r#"plan.steps[2].ops[3].part: unknown part "hanger""#,
            ]
        );
    }

    #[test]
    fn folds_are_one_to_eight_and_stuffing_is_not_its_own_soft_good() {
        let mut p = craft();
        p.steps[0].ops[1] = Operation::Fold {
            part: "felt".into(),
            folds: 0,
        };
        p.steps[1].ops[0] = Operation::Fold {
            part: "felt".into(),
            folds: 9,
        };
        p.steps[2].ops[1] = Operation::Stuff {
            part: "pillow".into(),
            into: "pillow".into(),
        };
        assert_eq!(
            messages(&p, ""),
            [
                "steps[0].ops[1].folds: must be between 1 and 8, found 0",
                "steps[1].ops[0].folds: must be between 1 and 8, found 9",
                r#"steps[2].ops[1].into: must differ from the part itself ("pillow")"#,
            ]
        );
        for folds in [1, 8] {
            p = craft();
            p.steps[0].ops[1] = Operation::Fold {
                part: "felt".into(),
                folds,
            };
            assert!(messages(&p, "").is_empty());
        }
    }

    fn framing(min: [f64; 3], max: [f64; 3]) -> Option<Framing> {
        Some(Framing { min, max })
    }

    #[test]
    fn a_good_framing_has_no_errors() {
        let mut p = good();
        p.framing = framing([-4.5, 0.0, -4.0], [30.0, 12.0, 4.0]);
        assert_eq!(messages(&p, "plan"), Vec::<String>::new());
        // The largest side allowed, exactly.
        p.framing = framing([-5000.0, 0.0, 0.0], [5000.0, 1.0, 1.0]);
        assert_eq!(messages(&p, "plan"), Vec::<String>::new());
    }

    #[test]
    fn framing_numbers_are_finite() {
        let mut p = good();
        p.framing = framing([f64::NAN, 0.0, 0.0], [10.0, f64::INFINITY, 10.0]);
        assert_eq!(
            messages(&p, "plan"),
            [
                "plan.framing.min[0]: must be a finite number, found NaN",
                "plan.framing.max[1]: must be a finite number, found inf",
            ]
        );
    }

    #[test]
    fn framing_min_is_below_max_on_every_axis() {
        let mut p = good();
        p.framing = framing([0.0, 5.0, 2.0], [10.0, 5.0, -2.0]);
        assert_eq!(
            messages(&p, ""),
            [
                "framing.max[1]: must be greater than min[1] (5), found 5",
                "framing.max[2]: must be greater than min[2] (2), found -2",
            ]
        );
    }

    #[test]
    fn framing_sides_are_at_most_the_limit() {
        let mut p = good();
        p.framing = framing([-5000.0, 0.0, 0.0], [5000.5, 20000.0, 1.0]);
        assert_eq!(
            messages(&p, "plan"),
            [
                "plan.framing.max[0]: must be at most 10000 cm above min[0] (-5000), found 5000.5",
                "plan.framing.max[1]: must be at most 10000 cm above min[1] (0), found 20000",
            ]
        );
        assert_eq!(
            validate_framing(
                &Framing {
                    min: [0.0; 3],
                    max: [1.0; 3]
                },
                "framing"
            ),
            Vec::<FieldError>::new()
        );
    }

    #[test]
    fn a_complete_step_is_not_a_materials_list() {
        let mut p = craft();
        p.steps[2].materials_only = true;
        assert_eq!(
            messages(&p, "plan"),
            ["plan.steps[2].complete: a step that only lists materials cannot show the finished build"]
        );
    }
}
