//! The offline extractor on sentences the way makers write them.

use extract::extract;
use plan::model::{CutKeep, FinishKind, Operation, PartKind, Plan, Relation, Tool};
use plan::request::{GuideRequest, StepText};
use plan::state::{state_after, states};

fn request(title: &str, materials: &[&str], steps: &[(&str, &str)]) -> GuideRequest {
    GuideRequest {
        title: title.into(),
        materials: materials.iter().map(|m| m.to_string()).collect(),
        steps: steps.iter().map(|(t, d)| StepText::new(*t, *d)).collect(),
        ..GuideRequest::default()
    }
}

fn plan(materials: &[&str], steps: &[(&str, &str)]) -> Plan {
    extract(&request("Project", materials, steps))
}

fn part<'a>(plan: &'a Plan, id: &str) -> &'a plan::model::Part {
    plan.part(id)
        .unwrap_or_else(|| panic!("no part {id} in {:#?}", plan.parts))
}

fn visible(plan: &Plan, k: usize) -> Vec<String> {
    state_after(plan, k)
        .parts
        .into_iter()
        .map(|p| p.id)
        .collect()
}

#[test]
fn compounds_and_synonyms_name_one_kind() {
    let p = plan(
        &[],
        &[
            ("Cut", "Cut the 2-liter soda bottle in half."),
            ("More", "Rinse two PET bottles."),
            ("Jar", "Wash the mason jar."),
            ("Can", "Clean the tin can."),
            ("Pallet", "Sand the wooden pallet."),
            ("Box", "Tape the cardboard box shut."),
            ("Tire", "Scrub the old tire."),
            ("Pipe", "Cut the PVC pipe."),
            ("Corks", "Glue the wine corks together."),
            ("Shirt", "Cut the sleeves off the t-shirt."),
        ],
    );
    assert_eq!(part(&p, "bottle").kind, PartKind::Bottle);
    assert_eq!(part(&p, "bottle").name, "2-liter soda bottle");
    assert_eq!(part(&p, "jar").kind, PartKind::Jar);
    assert_eq!(part(&p, "can").kind, PartKind::Can);
    assert_eq!(part(&p, "pallet").kind, PartKind::Pallet);
    assert_eq!(part(&p, "box").kind, PartKind::Box);
    assert_eq!(part(&p, "tire").kind, PartKind::Tire);
    assert_eq!(part(&p, "pipe").kind, PartKind::Pipe);
    assert_eq!(part(&p, "cork").kind, PartKind::Cylinder);
    assert_eq!(part(&p, "shirt").kind, PartKind::Fabric);
    // "two PET bottles" refers back to the bottle already in the build.
    assert_eq!(
        p.parts
            .iter()
            .filter(|x| x.kind == PartKind::Bottle)
            .count(),
        1
    );
}

#[test]
fn quantities_come_from_words_digits_and_materials() {
    let p = plan(
        &["24 wine corks"],
        &[
            ("Planks", "Lay four planks side by side."),
            ("Jars", "Wash 3 jars."),
            ("Corks", "Sand the corks."),
        ],
    );
    assert_eq!(part(&p, "plank").count, 4);
    assert_eq!(part(&p, "jar").count, 3);
    assert_eq!(part(&p, "cork").count, 24);
}

#[test]
fn colours_by_name_shade_and_hex() {
    let p = plan(
        &[],
        &[
            ("Box", "Paint the box navy blue."),
            ("Pot", "Paint the pot terracotta."),
            ("Can", "Spray the can #AABBCC."),
            ("Board", "Stain the board dark walnut."),
        ],
    );
    let colour = |step: usize| match &p.steps[step].ops[0] {
        Operation::Paint { color, .. } | Operation::Stain { color, .. } => color.0.clone(),
        op => panic!("not a colour: {op:?}"),
    };
    assert_eq!(colour(0), "#1f2f5c");
    assert_eq!(colour(1), "#c9653b");
    assert_eq!(colour(2), "#aabbcc");
    assert!(matches!(p.steps[3].ops[0], Operation::Stain { .. }));
    assert_eq!(colour(3), "#4a3222");
}

#[test]
fn verbs_become_operations() {
    let p = plan(
        &["jar", "potting soil", "twine", "board"],
        &[
            ("Trim", "Trim the board."),
            ("Saw", "Saw the board in half."),
            ("Colour", "Colour the jar yellow."),
            ("Pour", "Pour potting soil into the jar."),
            ("Screw", "Screw the jar to the board."),
            ("Poke", "Poke three holes in the jar."),
            ("Smooth", "Smooth the board."),
            ("Coil", "Coil twine around the jar."),
            ("Insert", "Insert a succulent into the soil."),
        ],
    );
    let names: Vec<&str> = p.steps.iter().map(|s| s.ops[0].name()).collect();
    assert_eq!(
        names,
        ["cut", "cut", "paint", "fill", "attach", "drill", "finish", "wrap", "add"]
    );
    assert!(matches!(
        p.steps[5].ops[0],
        Operation::Drill { holes: 3, .. }
    ));
    assert!(matches!(
        p.steps[6].ops[0],
        Operation::Finish {
            finish: FinishKind::Sand,
            ..
        }
    ));
    assert_eq!(
        part(&p, "succulent").placement.target.as_deref(),
        Some("soil")
    );
    assert_eq!(part(&p, "jar").placement.relation, Relation::AttachedTo);
}

#[test]
fn cuts_keep_the_piece_the_text_names() {
    let p = plan(
        &[],
        &[
            ("Cut", "Cut the bottle in half and keep the bottom part."),
            ("Top", "Cut the top off the box so it is 10 cm high."),
            ("Sleeves", "Cut off both sleeves of the shirt."),
            (
                "Fringe",
                "Cut a row of strips into the bottom hem of the shirt.",
            ),
            ("Strips", "Cut the board into strips."),
        ],
    );
    // A fringe shapes the shirt; a board cut into strips is divided.
    assert!(matches!(
        p.steps[3].ops.last(),
        Some(Operation::Cut {
            keep: CutKeep::Shape,
            ..
        })
    ));
    assert!(matches!(
        p.steps[4].ops.last(),
        Some(Operation::Cut {
            keep: CutKeep::Pieces,
            ..
        })
    ));
    assert!(matches!(
        p.steps[0].ops[0],
        Operation::Cut { keep: CutKeep::Bottom, fraction, .. } if (fraction - 0.5).abs() < 1e-9
    ));
    match &p.steps[1].ops[0] {
        Operation::Cut {
            part,
            keep,
            fraction,
            ..
        } => {
            assert_eq!((part.as_str(), *keep), ("box", CutKeep::Bottom));
            assert!(
                (fraction - 0.5).abs() < 1e-9,
                "10 cm of a 20 cm box: {fraction}"
            );
        }
        op => panic!("{op:?}"),
    }
    assert!(matches!(
        p.steps[2].ops[0],
        Operation::Cut {
            keep: CutKeep::Shape,
            ..
        }
    ));
}

#[test]
fn a_part_appears_in_the_step_that_first_uses_it() {
    let p = plan(
        &["mason jar with lid", "potting soil", "succulent"],
        &[
            ("Drill", "Drill a hole in the jar lid."),
            ("Fill", "Fill the jar halfway with potting soil."),
            ("Plant", "Plant the succulent."),
        ],
    );
    assert_eq!(visible(&p, 1), ["lid"]);
    assert_eq!(visible(&p, 2), ["lid", "jar", "soil"]);
    assert_eq!(visible(&p, 3), ["lid", "jar", "soil", "succulent"]);
    match &p.steps[1].ops[0] {
        Operation::Fill {
            level, container, ..
        } => {
            assert_eq!(container, "jar");
            assert!((level - 0.5).abs() < 1e-9);
        }
        op => panic!("{op:?}"),
    }
}

#[test]
fn materials_only_steps_build_nothing() {
    let p = plan(
        &["tin can", "wire"],
        &[
            (
                "What you need",
                "A tin can, some wire, a hammer and a nail.",
            ),
            ("Supplies", "Collect everything on the table."),
            ("Gather", "You need a tin can and wire."),
            ("Punch", "Punch holes all around the can."),
        ],
    );
    assert!(p.steps[0].materials_only && p.steps[1].materials_only && p.steps[2].materials_only);
    assert!(p.steps[..3].iter().all(|s| s.ops.is_empty()));
    assert_eq!(visible(&p, 3), Vec::<String>::new());
    assert_eq!(visible(&p, 4), ["can"]);
    assert!(p.steps[3].tools.contains(&Tool::Hammer));
}

#[test]
fn unknown_nouns_become_generic_parts_and_are_listed() {
    let p = plan(
        &[],
        &[
            ("Attach", "Glue the gizmo onto the box."),
            ("Look", "Admire the zorblax."),
        ],
    );
    let gizmo = part(&p, "gizmo");
    assert_eq!(gizmo.kind, PartKind::Generic);
    assert_eq!(gizmo.placement.target.as_deref(), Some("box"));
    let texts: Vec<(&str, u32)> = p
        .unresolved
        .iter()
        .map(|u| (u.text.as_str(), u.step))
        .collect();
    assert!(texts.contains(&("gizmo", 1)), "{texts:?}");
    assert!(texts.contains(&("zorblax", 2)), "{texts:?}");
    assert!(p.part("zorblax").is_none());
}

#[test]
fn components_of_a_part_in_view_name_that_part() {
    let p = plan(
        &["wooden pallet"],
        &[
            ("Cut", "Saw the pallet below the second row of slats."),
            ("Add", "Screw a spare slat on top of the pallet."),
        ],
    );
    assert_eq!(visible(&p, 1), ["pallet"]);
    assert_eq!(visible(&p, 2), ["pallet", "slat"]);
    assert_eq!(part(&p, "slat").placement.relation, Relation::On);
}

#[test]
fn removing_and_peeling_take_parts_away() {
    let p = plan(
        &["wine bottle", "painter's tape"],
        &[
            (
                "Tape",
                "Wrap painter's tape around the middle of the bottle.",
            ),
            ("Peel", "Peel off the tape."),
        ],
    );
    let after = states(&p);
    assert_eq!(after[0].new, ["tape", "bottle"]);
    assert_eq!(
        after[1]
            .removed
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["tape"]
    );
    assert_eq!(visible(&p, 2), ["bottle"]);
}

#[test]
fn tools_come_from_text_verbs_and_step_lists() {
    let mut req = request(
        "Lantern",
        &[],
        &[
            ("Cut", "Cut the bottle with a craft knife."),
            ("Screw", "Screw the bracket to the board."),
            ("Glue", "Fix the cork to the lid."),
        ],
    );
    req.steps[2].tools = vec!["hot glue gun".into(), "flux capacitor".into()];
    let p = extract(&req);
    assert_eq!(p.steps[0].tools, [Tool::Knife]);
    assert_eq!(p.steps[1].tools, [Tool::Screwdriver]);
    assert_eq!(p.steps[2].tools, [Tool::GlueGun]);
    assert!(p
        .unresolved
        .iter()
        .any(|u| u.text == "flux capacitor" && u.step == 3));
}

#[test]
fn every_plan_the_extractor_makes_is_valid() {
    let p = plan(
        &[
            "3 glass jars",
            "reclaimed board",
            "3 hose clamps",
            "gravel",
            "potting soil",
        ],
        &[
            ("Board", "Sand the board."),
            ("Clamps", "Screw three hose clamps to the board."),
            ("Jars", "Slide a jar into each clamp."),
            ("Gravel", "Pour 3 cm of gravel into each jar."),
            (
                "Soil",
                "Add potting soil and plant basil, parsley and mint seedlings.",
            ),
        ],
    );
    assert!(plan::request::validate_plan(&p, "plan").is_empty());
    assert_eq!(part(&p, "jar").count, 3);
    assert_eq!(part(&p, "jar").placement.target.as_deref(), Some("clamp"));
    let herbs = part(&p, "seedling");
    assert_eq!(herbs.count, 3);
    assert_eq!(herbs.name, "basil, parsley and mint seedlings");
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "...",
        "and and and",
        "of of the of",
        "Cut 0 cm of 999999999999 bottles into -3 pieces.",
        "It. Them. One to the bottom.",
        "#zzz #12 paint it #fff",
        "Fill with with with.",
        "🙂 émoji ünïcode jar",
    ] {
        let p = plan(&[text], &[("Step", text), (text, "")]);
        assert_eq!(p.steps.len(), 2);
        assert!(
            plan::request::validate_plan(&p, "plan").is_empty(),
            "{text}: {p:#?}"
        );
    }
}
