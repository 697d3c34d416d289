//! Prompt builders for the cloud engines: the seed's cumulative-prompt test
//! for every strategy, and snapshots of a bottle planter's prompts.

use plan::model::Color;
use plan::prompt::{
    anchor_prompt, chained_prompt, color_name, step_prompt, unanchored_prompt, PromptInput,
};
use plan::request::{GuideRequest, RenderOptions, StepText, Strategy, Style};
use plan::Plan;
use serde_json::json;

const STRATEGIES: [(&str, Strategy); 4] = [
    ("independent", Strategy::Independent),
    ("chained", Strategy::Chained),
    ("anchored", Strategy::Anchored),
    ("guided", Strategy::Guided),
];

fn plan_from(value: serde_json::Value) -> Plan {
    serde_json::from_value(value).expect("a valid plan")
}

fn prompt(request: &GuideRequest, plan: &Plan, step_index: usize, strategy: Strategy) -> String {
    let input = PromptInput {
        request,
        plan,
        step_index,
    };
    step_prompt(&input, strategy)
}

/// The seed's test data: three steps on one bottle.
fn seed_case() -> (GuideRequest, Plan) {
    let request = GuideRequest {
        title: "Bottle Planter".into(),
        description: "Upcycled planter".into(),
        materials: vec!["plastic bottle".into()],
        steps: vec![
            StepText::new("Cut bottle", "Cut plastic bottle in half"),
            StepText::new("Sand edges", "Smooth the cut edges"),
            StepText::new("Paint", "Apply paint finish"),
        ],
        ..GuideRequest::default()
    };
    let plan = plan_from(json!({
        "title": "Bottle Planter",
        "parts": [{
            "id": "bottle", "name": "plastic bottle", "kind": "bottle",
            "size": [10.0, 30.0, 10.0], "color": "#e6ecee", "material": "plastic"
        }],
        "steps": [
            {"number": 1, "title": "Cut bottle",
             "ops": [{"op": "cut", "part": "bottle", "keep": "bottom", "fraction": 0.5}],
             "tools": ["scissors"]},
            {"number": 2, "title": "Sand edges",
             "ops": [{"op": "finish", "part": "bottle", "finish": "sand"}],
             "tools": ["sandpaper"]},
            {"number": 3, "title": "Paint",
             "ops": [{"op": "paint", "part": "bottle", "color": "#c96a3b"}],
             "tools": ["brush"]}
        ]
    }));
    (request, plan)
}

#[test]
fn seed_cumulative_prompt_test_holds_for_every_strategy() {
    let (request, plan) = seed_case();
    for (name, strategy) in STRATEGIES {
        let p1 = prompt(&request, &plan, 0, strategy);
        assert!(p1.contains("Cut bottle"), "{name} step 1:\n{p1}");
        assert!(!p1.contains("Sand edges"), "{name} step 1:\n{p1}");
        assert!(!p1.contains("Paint"), "{name} step 1:\n{p1}");

        let p2 = prompt(&request, &plan, 1, strategy);
        assert!(p2.contains("Cut bottle"), "{name} step 2:\n{p2}");
        assert!(p2.contains("Sand edges"), "{name} step 2:\n{p2}");
        assert!(!p2.contains("Paint"), "{name} step 2:\n{p2}");

        let p3 = prompt(&request, &plan, 2, strategy);
        for title in ["Cut bottle", "Sand edges", "Paint"] {
            assert!(p3.contains(title), "{name} step 3 lacks {title}:\n{p3}");
        }
    }
}

#[test]
fn later_changes_to_visible_parts_are_described_as_not_done_yet() {
    let (request, plan) = seed_case();
    let p1 = prompt(&request, &plan, 0, Strategy::Independent);
    assert!(p1.contains("not sanded yet"), "{p1}");
    assert!(p1.contains("still white, not painted yet"), "{p1}");
    let p3 = prompt(&request, &plan, 2, Strategy::Independent);
    assert!(!p3.contains("not painted yet"), "{p3}");
    assert!(p3.contains("painted terracotta"), "{p3}");
}

#[test]
fn a_second_coat_of_the_same_colour_is_not_a_change_still_to_come() {
    let request = GuideRequest {
        title: "Blue jar".into(),
        steps: vec![
            StepText::new("Coat 1", "Paint the jar blue"),
            StepText::new("Coat 2", "Paint the jar blue again"),
        ],
        ..GuideRequest::default()
    };
    let plan = plan_from(json!({
        "title": "Blue jar",
        "parts": [{
            "id": "jar", "name": "glass jar", "kind": "jar",
            "size": [9.0, 14.0, 9.0], "color": "#ffffff", "material": "glass"
        }],
        "steps": [
            {"number": 1, "title": "Coat 1",
             "ops": [{"op": "paint", "part": "jar", "color": "#2f5fb3"}]},
            {"number": 2, "title": "Coat 2",
             "ops": [{"op": "paint", "part": "jar", "color": "#2f5fb3"}]}
        ]
    }));
    let p1 = prompt(&request, &plan, 0, Strategy::Independent);
    assert!(!p1.contains("not painted yet"), "{p1}");
    assert!(p1.contains("painted blue"), "{p1}");
}

/// A bottle planter: gather materials, cut, sand, paint terracotta, fill two
/// thirds with soil, plant a succulent.
fn planter() -> (GuideRequest, Plan) {
    let request = GuideRequest {
        title: "Upcycled Bottle Planter".into(),
        description: "A plastic bottle cut down, painted and planted with a succulent.".into(),
        materials: vec![
            "2-liter plastic bottle".into(),
            "potting soil".into(),
            "succulent".into(),
            "acrylic paint (terracotta)".into(),
            "fine sandpaper".into(),
        ],
        steps: vec![
            StepText::new(
                "Gather your materials",
                "Collect the bottle, soil, plant, paint and tools.",
            ),
            StepText::new(
                "Cut the bottle",
                "Cut the bottle in half with scissors and keep the bottom.",
            ),
            StepText::new("Sand the rim", "Smooth the cut edge with fine sandpaper."),
            StepText::new(
                "Paint the bottle",
                "Give the outside two coats of terracotta acrylic.",
            ),
            StepText::new("Add soil", "Fill the bottle two thirds full."),
            StepText::new("Plant the succulent", "Press the succulent into the soil."),
        ],
        concept_image_prompt: Some(
            "A terracotta-coloured planter made from a plastic bottle, with a small green \
             succulent, on a sunny windowsill."
                .into(),
        ),
        concept_image: None,
        plan: None,
        options: RenderOptions {
            style: Style::Photo,
            ..RenderOptions::default()
        },
    };
    let plan = plan_from(json!({
        "title": "Upcycled Bottle Planter",
        "parts": [
            {"id": "bottle", "name": "2-liter plastic bottle", "kind": "bottle",
             "size": [10.0, 30.0, 10.0], "color": "#e6ecee", "material": "plastic"},
            {"id": "soil", "name": "potting soil", "kind": "fill",
             "size": [9.0, 10.0, 9.0], "color": "#4a3222", "material": "soil",
             "placement": {"relation": "in", "target": "bottle"}},
            {"id": "plant", "name": "succulent", "kind": "plant",
             "size": [8.0, 7.0, 8.0], "color": "#5f8f5a", "material": "plant",
             "placement": {"relation": "in", "target": "bottle"}}
        ],
        "steps": [
            {"number": 1, "title": "Gather your materials", "ops": [],
             "tools": ["scissors", "sandpaper", "brush"], "materials_only": true},
            {"number": 2, "title": "Cut the bottle",
             "ops": [{"op": "cut", "part": "bottle", "keep": "bottom", "fraction": 0.5}],
             "tools": ["scissors"]},
            {"number": 3, "title": "Sand the rim",
             "ops": [{"op": "finish", "part": "bottle", "finish": "sand"}],
             "tools": ["sandpaper"]},
            {"number": 4, "title": "Paint the bottle",
             "ops": [{"op": "paint", "part": "bottle", "color": "#c96a3b"}],
             "tools": ["brush"]},
            {"number": 5, "title": "Add soil",
             "ops": [{"op": "fill", "part": "soil", "container": "bottle", "level": 0.66}],
             "tools": ["trowel"]},
            {"number": 6, "title": "Plant the succulent",
             "ops": [{"op": "add", "part": "plant"}]}
        ]
    }));
    (request, plan)
}

fn all_steps(request: &GuideRequest, plan: &Plan, strategy: Strategy) -> String {
    (0..plan.steps.len())
        .map(|i| {
            format!(
                "======== step {} ========\n{}",
                i + 1,
                prompt(request, plan, i, strategy)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn planter_prompts_snapshot() {
    let (request, plan) = planter();
    for (name, strategy) in STRATEGIES {
        insta::assert_snapshot!(
            format!("planter_{name}"),
            all_steps(&request, &plan, strategy)
        );
    }
    insta::assert_snapshot!("planter_anchor", anchor_prompt(&request, &plan));
}

#[test]
fn future_parts_are_excluded_by_name_and_visible_parts_are_named() {
    let (request, plan) = planter();
    for (name, strategy) in STRATEGIES {
        // Steps 2 to 4 (cut, sand, paint): the bottle only.
        for i in 1..4 {
            let p = prompt(&request, &plan, i, strategy);
            let exclusion = p
                .lines()
                .find(|l| l.contains("added later") || l.contains("come later"))
                .unwrap_or_else(|| panic!("{name} step {}: no exclusion line:\n{p}", i + 1));
            assert!(exclusion.contains("potting soil"), "{name}: {exclusion}");
            assert!(exclusion.contains("succulent"), "{name}: {exclusion}");
            assert!(
                p.contains("2-liter plastic bottle — "),
                "{name} step {}:\n{p}",
                i + 1
            );
            assert!(p.contains("cut in half, bottom half kept"), "{name}:\n{p}");
        }
        // Step 4 shows the paint by name, step 3 says it is not there yet.
        let p4 = prompt(&request, &plan, 3, strategy);
        assert!(p4.contains("painted terracotta"), "{name}:\n{p4}");
        assert!(p4.contains("sanded smooth"), "{name}:\n{p4}");
        let p3 = prompt(&request, &plan, 2, strategy);
        assert!(p3.contains("not painted yet"), "{name}:\n{p3}");
        assert!(p3.contains("still empty"), "{name}:\n{p3}");

        // Step 5: the soil is in, two thirds full; only the plant is to come.
        let p5 = prompt(&request, &plan, 4, strategy);
        assert!(
            p5.contains(
                "potting soil — dark brown; inside the 2-liter plastic bottle, filling it two thirds full"
            ),
            "{name}:\n{p5}"
        );
        assert!(
            p5.contains("added later") || p5.contains("come later"),
            "{name}:\n{p5}"
        );
        let exclusion = p5
            .lines()
            .find(|l| l.contains("added later") || l.contains("come later"))
            .unwrap_or_default();
        assert!(exclusion.contains("succulent"), "{name}: {exclusion}");
        assert!(!exclusion.contains("potting soil"), "{name}: {exclusion}");

        // Step 6: everything is in view, nothing is excluded.
        let p6 = prompt(&request, &plan, 5, strategy);
        assert!(p6.contains("succulent — leaf green"), "{name}:\n{p6}");
        assert!(
            p6.contains("Show no parts other than those listed."),
            "{name}:\n{p6}"
        );
    }
}

#[test]
fn no_prompt_shows_a_future_step_title() {
    let (request, plan) = planter();
    for (name, strategy) in STRATEGIES {
        for i in 0..request.steps.len() {
            let p = prompt(&request, &plan, i, strategy);
            for (j, later) in request.steps.iter().enumerate().skip(i + 1) {
                assert!(
                    !p.contains(&later.title),
                    "{name} step {} names step {}'s title {:?}:\n{p}",
                    i + 1,
                    j + 1,
                    later.title
                );
            }
            if i < 3 {
                assert!(!p.contains("Paint"), "{name} step {}:\n{p}", i + 1);
            }
        }
    }
}

#[test]
fn a_materials_only_step_asks_for_a_flat_lay() {
    let (request, plan) = planter();
    for (name, strategy) in STRATEGIES {
        let p = prompt(&request, &plan, 0, strategy);
        assert!(p.contains("flat lay"), "{name}:\n{p}");
        assert!(
            p.contains("nothing assembled") || p.contains("Nothing is cut"),
            "{name}:\n{p}"
        );
        for item in [
            "2-liter plastic bottle",
            "potting soil",
            "succulent",
            "acrylic paint",
        ] {
            assert!(p.contains(item), "{name} lacks {item}:\n{p}");
        }
        assert!(!p.contains("cut in half"), "{name}:\n{p}");
        // A later step is a build, not a flat lay.
        let p2 = prompt(&request, &plan, 1, strategy);
        assert!(!p2.contains("flat lay"), "{name}:\n{p2}");
    }
}

#[test]
fn prompts_name_colours_and_never_write_hex_codes() {
    let (request, plan) = planter();
    let mut prompts = vec![anchor_prompt(&request, &plan)];
    for (_, strategy) in STRATEGIES {
        prompts.extend((0..plan.steps.len()).map(|i| prompt(&request, &plan, i, strategy)));
    }
    for p in &prompts {
        assert!(!p.contains('#'), "{p}");
    }
    let terracotta = Color::parse_hex("#c96a3b").expect("valid colour");
    assert_eq!(color_name(&terracotta), "terracotta");
}

#[test]
fn prompts_are_deterministic() {
    let (request, plan) = planter();
    for (_, strategy) in STRATEGIES {
        for i in 0..plan.steps.len() {
            assert_eq!(
                prompt(&request, &plan, i, strategy),
                prompt(&request, &plan, i, strategy)
            );
        }
    }
    assert_eq!(
        anchor_prompt(&request, &plan),
        anchor_prompt(&request, &plan)
    );
}

#[test]
fn the_anchor_prompt_shows_the_finished_build() {
    let (request, plan) = planter();
    let p = anchor_prompt(&request, &plan);
    for fact in [
        "painted terracotta",
        "two thirds full",
        "succulent — leaf green",
        "terracotta-coloured planter",
    ] {
        assert!(p.contains(fact), "lacks {fact}:\n{p}");
    }
    assert!(!p.contains("not painted yet"), "{p}");
    assert!(!p.contains("added later"), "{p}");
}

#[test]
fn chained_prompts_edit_the_previous_image() {
    let (request, plan) = planter();
    let p4 = prompt(&request, &plan, 3, Strategy::Chained);
    assert!(p4.starts_with("Edit the attached image."), "{p4}");
    assert!(
        p4.contains("- paint the 2-liter plastic bottle terracotta"),
        "{p4}"
    );
    // Step 2 follows a flat lay, so it has no image to edit.
    let p2 = prompt(&request, &plan, 1, Strategy::Chained);
    assert_eq!(p2, prompt(&request, &plan, 1, Strategy::Independent));
}

#[test]
fn a_chained_edit_after_a_failed_step_does_the_steps_between() {
    let (request, plan) = planter();
    let input = PromptInput {
        request: &request,
        plan: &plan,
        step_index: 4,
    };
    // The previous step's picture: the same as the strategy's own prompt.
    assert_eq!(
        chained_prompt(&input, Some(3)),
        step_prompt(&input, Strategy::Chained)
    );
    // Step 4 (paint) failed: step 5 edits step 3's picture and paints too.
    let p5 = chained_prompt(&input, Some(2));
    assert!(p5.contains("after step 3 of 6"), "{p5}");
    assert!(p5.contains("Now show steps 4 to 5:"), "{p5}");
    assert!(
        p5.contains("- paint the 2-liter plastic bottle terracotta"),
        "{p5}"
    );
    let done = p5.split("Now show").next().unwrap_or("");
    assert!(
        !done.contains("4. Paint"),
        "step 4 is not in the picture: {p5}"
    );
    // Nothing to edit: drawn afresh.
    assert_eq!(
        chained_prompt(&input, None),
        step_prompt(&input, Strategy::Independent)
    );
    // An edit of the flat lay would be no edit: drawn afresh too.
    assert_eq!(
        chained_prompt(&input, Some(0)),
        step_prompt(&input, Strategy::Independent)
    );
}

#[test]
fn out_of_range_steps_and_empty_plans_do_not_panic() {
    let (request, plan) = planter();
    assert_eq!(
        prompt(&request, &plan, 99, Strategy::Guided),
        prompt(&request, &plan, 5, Strategy::Guided)
    );
    let empty = plan_from(json!({"title": "Nothing", "parts": [], "steps": []}));
    for (_, strategy) in STRATEGIES {
        assert!(!prompt(&request, &empty, 0, strategy).is_empty());
    }
    assert!(!anchor_prompt(&request, &empty).is_empty());
}

#[test]
fn without_an_anchor_image_no_prompt_mentions_one() {
    let (request, plan) = planter();
    for step_index in 0..plan.steps.len() {
        let input = PromptInput {
            request: &request,
            plan: &plan,
            step_index,
        };
        assert_eq!(
            unanchored_prompt(&input, Strategy::Anchored),
            step_prompt(&input, Strategy::Independent)
        );
        let guided = unanchored_prompt(&input, Strategy::Guided);
        assert!(
            guided.starts_with("One image is attached: a schematic"),
            "{guided}"
        );
        assert!(!guided.contains("reference"), "{guided}");
        assert_eq!(
            unanchored_prompt(&input, Strategy::Chained),
            step_prompt(&input, Strategy::Chained)
        );
    }
}

/// A felt-and-wire craft: a heart cut out of felt and folded, a wire coiled,
/// the heart sewn onto a pillow that is stuffed and sewn shut, then shown
/// finished.
fn craft() -> (GuideRequest, Plan) {
    let request = GuideRequest {
        title: "Felt Heart Pillow".into(),
        description: "A small stuffed pillow with a felt heart and a coiled wire hanger.".into(),
        materials: vec![
            "red felt".into(),
            "craft wire".into(),
            "pillow cover".into(),
            "fibre fill".into(),
        ],
        steps: vec![
            StepText::new("Cut the heart", "Cut a heart out of the felt."),
            StepText::new("Fold it", "Fold the heart in half to crease it."),
            StepText::new("Coil the wire", "Coil the wire into a spiral."),
            StepText::new("Sew on the heart", "Sew the heart to the pillow."),
            StepText::new("Stuff", "Stuff the pillow with fibre fill."),
            StepText::new("Close it", "Sew the opening shut."),
            StepText::new("Done", "Hang the pillow by its wire."),
        ],
        ..GuideRequest::default()
    };
    let plan = plan_from(json!({
        "title": "Felt Heart Pillow",
        "parts": [
            {"id": "felt", "name": "felt", "kind": "fabric",
             "size": [20.0, 0.3, 20.0], "color": "#d8433c", "material": "fabric"},
            {"id": "wire", "name": "wire", "kind": "wire",
             "size": [0.2, 0.2, 40.0], "color": "#8c8f94", "material": "metal"},
            {"id": "pillow", "name": "pillow", "kind": "cushion",
             "size": [40.0, 6.0, 40.0], "color": "#f2e6d0", "material": "fabric"},
            {"id": "fibre", "name": "fibre fill", "kind": "fill",
             "size": [10.0, 10.0, 10.0], "color": "#ffffff", "material": "fibre"}
        ],
        "steps": [
            {"number": 1, "title": "Cut the heart",
             "ops": [{"op": "cut", "part": "felt", "shape": "heart"}], "tools": ["scissors"]},
            {"number": 2, "title": "Fold it", "ops": [{"op": "fold", "part": "felt"}]},
            {"number": 3, "title": "Coil the wire",
             "ops": [{"op": "bend", "part": "wire", "shape": "coil"}], "tools": ["pliers"]},
            {"number": 4, "title": "Sew on the heart",
             "ops": [{"op": "sew", "part": "felt", "to": "pillow"}], "tools": ["needle"]},
            {"number": 5, "title": "Stuff",
             "ops": [{"op": "stuff", "part": "fibre", "into": "pillow"}]},
            {"number": 6, "title": "Close it",
             "ops": [{"op": "sew", "part": "pillow", "to": "pillow"}], "tools": ["needle"]},
            {"number": 7, "title": "Done",
             "ops": [{"op": "attach", "part": "wire", "to": "pillow", "method": "tie"}],
             "complete": true}
        ]
    }));
    assert!(plan::request::validate_plan(&plan, "plan").is_empty());
    (request, plan)
}

#[test]
fn craft_operations_are_actions_in_their_step() {
    let (request, plan) = craft();
    let expected = [
        "- cut a heart out of the felt",
        "- fold the felt in half",
        "- coil the wire into a spiral",
        "- sew the felt to the pillow",
        "- stuff the pillow with fibre fill",
        "- close the pillow with a seam",
    ];
    for (name, strategy) in STRATEGIES {
        for (i, action) in expected.iter().enumerate() {
            let p = prompt(&request, &plan, i, strategy);
            assert!(p.contains(action), "{name} step {}:\n{p}", i + 1);
            // No later step's action is asked for yet.
            for later in &expected[i + 1..] {
                assert!(!p.contains(later), "{name} step {}:\n{p}", i + 1);
            }
        }
    }
}

#[test]
fn craft_operations_are_facts_of_later_steps() {
    let (request, plan) = craft();
    for (name, strategy) in STRATEGIES {
        let p = prompt(&request, &plan, 5, strategy);
        for fact in [
            "felt — red fabric; about 10 cm wide",
            "cut out in the shape of a heart",
            "folded in half",
            "coiled into a flat spiral",
            "sewn to the pillow",
            "stuffed plump and rounded with fibre fill",
            "sewn shut with a neat seam along its open edge",
            "fibre fill — white; stuffed inside the pillow, hidden by it",
        ] {
            assert!(p.contains(fact), "{name} lacks {fact:?}:\n{p}");
        }
        // Before the pillow is closed, the stuffing shows at its opening.
        let p5 = prompt(&request, &plan, 4, strategy);
        assert!(
            p5.contains("stuffed inside the pillow, a little showing at its opening"),
            "{name}:\n{p5}"
        );
        assert!(!p5.contains("sewn shut with"), "{name}:\n{p5}");
    }
}

#[test]
fn later_craft_operations_are_not_done_yet() {
    let (request, plan) = craft();
    let p1 = prompt(&request, &plan, 0, Strategy::Independent);
    assert!(p1.contains("felt: still flat, not folded yet"), "{p1}");
    let p3 = prompt(&request, &plan, 2, Strategy::Independent);
    assert!(
        p3.contains("not yet sewn to the pillow") || !p3.contains("pillow —"),
        "{p3}"
    );
    let p4 = prompt(&request, &plan, 3, Strategy::Independent);
    assert!(
        p4.contains("pillow: still flat and empty, not stuffed yet; still open along one edge, not sewn shut yet"),
        "{p4}"
    );
    let p0 = plan_from(json!({
        "title": "Wire",
        "parts": [{"id": "wire", "name": "wire", "kind": "wire",
                   "size": [0.2, 0.2, 40.0], "color": "#8c8f94", "material": "metal"}],
        "steps": [
            {"number": 1, "title": "Wire", "ops": [{"op": "add", "part": "wire"}]},
            {"number": 2, "title": "Loop", "ops": [{"op": "bend", "part": "wire", "shape": "loop"}]}
        ]
    }));
    let p = prompt(&request, &p0, 0, Strategy::Independent);
    assert!(
        p.contains("wire: still straight, not bent into a loop yet"),
        "{p}"
    );
    let p = prompt(&request, &p0, 1, Strategy::Independent);
    assert!(p.contains("- bend the wire round into a loop"), "{p}");
    assert!(p.contains("bent round into a closed loop"), "{p}");
}

#[test]
fn a_complete_step_asks_for_the_finished_build() {
    let (request, mut plan) = craft();
    let p7 = prompt(&request, &plan, 6, Strategy::Guided);
    assert!(
        p7.contains("It shows the finished build, every part in full colour"),
        "{p7}"
    );
    assert!(
        !p7.contains("parts new in this step are highlighted"),
        "{p7}"
    );
    // A complete step before the last one is shown finished too.
    plan.steps[6].complete = false;
    plan.steps[5].complete = true;
    let p6 = prompt(&request, &plan, 5, Strategy::Independent);
    assert!(
        p6.contains("the build is complete after the steps below"),
        "{p6}"
    );
    let p6 = prompt(&request, &plan, 5, Strategy::Anchored);
    assert!(p6.contains("after step 6 of 7: complete."), "{p6}");
    let p5 = prompt(&request, &plan, 4, Strategy::Guided);
    assert!(
        p5.contains("parts new in this step are highlighted"),
        "{p5}"
    );
}

#[test]
fn craft_prompts_snapshot() {
    let (request, plan) = craft();
    insta::assert_snapshot!(
        "craft_independent",
        all_steps(&request, &plan, Strategy::Independent)
    );
}
