//! The extractor on how-to prose: sizes restated in brackets, units of
//! volume, participles after a noun, verbs that share their objects,
//! "use X to ...", the title's thing named as the build, tools built in.

use extract::extract;
use plan::model::{Operation, Plan, Relation};
use plan::request::{GuideRequest, StepText};

fn plan(title: &str, steps: &[&str]) -> Plan {
    extract(&GuideRequest {
        title: title.into(),
        steps: steps.iter().map(|d| StepText::new("", *d)).collect(),
        ..GuideRequest::default()
    })
}

fn has(plan: &Plan, step: usize, test: impl Fn(&Operation) -> bool) -> bool {
    plan.steps[step].ops.iter().any(test)
}

#[test]
fn a_size_restated_in_brackets_keeps_the_noun_phrase_whole() {
    let p = plan(
        "Project",
        &["Hot glue the wick to the bottom of an empty 4-ounce (120-milliliter) jar."],
    );
    let jar = p
        .parts
        .iter()
        .find(|x| x.name.ends_with("jar"))
        .expect("jar");
    assert!(has(&p, 0, |op| matches!(op,
        Operation::Attach { part, to, .. } if part == "wick" && *to == jar.id)));
    assert!(
        p.unresolved.iter().all(|u| u.text != "jar"),
        "{:?}",
        p.unresolved
    );
}

#[test]
fn a_spoonful_of_something_is_that_thing_stirred_in() {
    let p = plan(
        "Project",
        &[
            "Melt the wax.",
            "Stir 1 teaspoon of ground cinnamon into the wax using a wooden skewer.",
        ],
    );
    assert!(p.part("teaspoon").is_none());
    let cinnamon = p.part("cinnamon").expect("cinnamon");
    assert_eq!(cinnamon.placement.relation, Relation::In);
    assert_eq!(cinnamon.placement.target.as_deref(), Some("wax"));
}

#[test]
fn a_participle_after_a_noun_is_not_acted_on() {
    let p = plan(
        "Project",
        &[
            "Glue the wick to the jar.",
            "Place two pencils over the mouth of the jar.",
            "Wait for the wax to harden, then remove the sticks holding the wick in place.",
        ],
    );
    let pencil = p.part("pencil").expect("pencils are built in");
    assert_eq!(pencil.count, 2);
    assert_eq!(pencil.placement.target.as_deref(), Some("jar"));
    // The pencils go, by another name; the wick they held stays.
    assert!(has(
        &p,
        2,
        |op| matches!(op, Operation::Remove { part } if part == "pencil")
    ));
    assert!(!has(
        &p,
        2,
        |op| matches!(op, Operation::Remove { part } if part == "wick")
    ));
}

#[test]
fn a_lone_tool_laid_on_a_part_stays_a_tool() {
    let p = plan(
        "Project",
        &["Lay a ruler on the board and mark the middle."],
    );
    assert!(p.part("ruler").is_none(), "{:?}", p.parts);
}

#[test]
fn coordinated_verbs_share_objects_and_a_plural_ends_the_list() {
    let p = plan(
        "Project",
        &[
            "Tie the string to the ribbon.",
            "Trim and singe the ribbon and strings.",
        ],
    );
    for part in ["ribbon", "string"] {
        assert!(
            has(
                &p,
                1,
                |op| matches!(op, Operation::Cut { part: x, .. } if x == part)
            ),
            "{part}: {:?}",
            p.steps[1].ops
        );
    }
}

#[test]
fn use_a_thing_to_do_something_does_it() {
    let p = plan(
        "Project",
        &["Use masking tape to stick pieces of tissue paper and scrap material to your wooden spoon."],
    );
    for part in ["paper", "scrap"] {
        assert!(
            has(&p, 0, |op| matches!(op,
                Operation::Attach { part: x, to, .. } if x == part && to == "spoon")),
            "{part}: {:?}",
            p.steps[0].ops
        );
    }
}

#[test]
fn the_titles_thing_named_as_known_is_the_build_in_view() {
    let p = plan(
        "How to Make a Cinnamon Scented Candle",
        &[
            "Hot glue the wick to the bottom of a jar.",
            "Melt the wax.",
            "Pour the wax into the candle.",
            "Use the candle.",
        ],
    );
    assert!(has(&p, 2, |op| matches!(op,
        Operation::Fill { part, container, .. } if part == "wax" && container == "jar")));
    assert!(p.part("candle").is_none(), "{:?}", p.parts);
    assert!(p.steps[3].complete);
}

#[test]
fn the_titles_thing_moved_into_place_is_a_part_of_its_own() {
    let p = plan(
        "How to Make a Ribbon Wrapped Headband",
        &[
            "Take your ribbon and tie a knot.",
            "Put the headband through the hole.",
        ],
    );
    assert!(p.part("headband").is_some(), "{:?}", p.parts);
}

#[test]
fn stuffing_a_soft_good_fills_it_even_with_no_stuffing_named() {
    let p = plan(
        "Project",
        &["Sew the edges of the cushion cover.", "Stuff the cushion."],
    );
    assert!(
        has(&p, 1, |op| matches!(op, Operation::Stuff { .. })),
        "{:?}",
        p.steps[1].ops
    );
}

#[test]
fn wax_rubbed_on_is_a_finish() {
    let p = plan("Project", &["Rub wax onto the shelf."]);
    assert!(
        has(
            &p,
            0,
            |op| matches!(op, Operation::Finish { part, .. } if part == "shelf")
        ),
        "{:?}",
        p.steps[0].ops
    );
    assert!(p.part("wax").is_none());
}

#[test]
fn a_shape_cut_out_of_a_sheet_of_material_is_that_material() {
    let p = plan(
        "Project",
        &[
            "Cut a circle out of a sheet of foam.",
            "Fold the circle in half.",
            "Make a small slit between the humps.",
        ],
    );
    assert_eq!(p.parts.len(), 1, "{:?}", p.parts);
    assert_eq!(p.parts[0].id, "foam");
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Fold { part, .. } if part == "foam")
    ));
    assert!(has(
        &p,
        2,
        |op| matches!(op, Operation::Cut { part, .. } if part == "foam")
    ));
}

#[test]
fn a_place_with_no_owner_is_on_the_build_not_on_the_part_glued() {
    let p = plan(
        "Project",
        &[
            "Cut a circle out of a sheet of foam.",
            "Cut a yellow pipe cleaner in half.",
            "Glue the pipe cleaner in the cleft between the two humps.",
            "Make a stem out of a green pipe cleaner.",
        ],
    );
    assert!(
        has(&p, 2, |op| matches!(op,
            Operation::Attach { part, to, .. } if part == "cleaner" && to == "foam")),
        "{:?}",
        p.steps[2].ops
    );
    // Another colour, another pipe cleaner.
    assert_eq!(
        p.parts
            .iter()
            .filter(|x| x.name.contains("pipe cleaner"))
            .count(),
        2,
        "{:?}",
        p.parts
    );
}

#[test]
fn gathered_around_or_rolled_on_a_stick_wraps() {
    let p = plan(
        "Project",
        &[
            "Cut a circle out of a sheet of felt.",
            "Gather the felt around the pipe cleaner.",
        ],
    );
    assert!(has(&p, 1, |op| matches!(op,
        Operation::Wrap { part, around } if part == "felt" && around == "cleaner")));
    let p = plan(
        "Project",
        &[
            "Divide the newspapers into sections.",
            "Soak each section in a tub of water.",
            "Roll each section on the rod.",
        ],
    );
    assert!(
        has(&p, 2, |op| matches!(op,
            Operation::Wrap { part, around } if part == "paper" && around == "rod")),
        "{:?}",
        p.steps[2].ops
    );
}

#[test]
fn parts_soldered_between_a_cable_are_attached_to_it() {
    let p = plan(
        "Project",
        &["Cut the cable.", "Solder the resistor between the cable."],
    );
    assert!(
        has(&p, 1, |op| matches!(op,
            Operation::Attach { part, to, .. } if part == "resistor" && to == "cable")),
        "{:?}",
        p.steps[1].ops
    );
}

#[test]
fn a_bow_made_with_ribbon_is_the_ribbon_and_sewn_on_the_heart() {
    let p = plan(
        "How to Make a Colorful Heart Pillow",
        &[
            "Cut off the fabric you have selected.",
            "Sew two pieces of heart fabric.",
            "Turn over the heart; stuff the quilting inside through the small opening.",
            "Make a bow with satin ribbon; sew the bow to the middle top of the heart.",
        ],
    );
    assert_eq!(p.part("fabric").map(|f| f.count), Some(2));
    assert!(has(&p, 2, |op| matches!(op,
        Operation::Stuff { part, into } if part == "quilting" && into == "fabric")));
    assert!(
        has(&p, 3, |op| matches!(op,
            Operation::Sew { part, to } if part == "ribbon" && to == "fabric")),
        "{:?}",
        p.steps[3].ops
    );
}

#[test]
fn a_seam_closed_is_sewn_and_a_bow_secured_goes_on_the_build() {
    let p = plan(
        "How to Make a Ring Pillow",
        &[
            "Sew three of the edges of the fabric.",
            "Stuff the pillow.",
            "Close the open seam.",
            "Form the ribbon into a bow.",
            "Secure the bow.",
        ],
    );
    assert!(has(&p, 1, |op| matches!(op,
        Operation::Stuff { into, .. } if into == "fabric")));
    assert!(has(
        &p,
        2,
        |op| matches!(op, Operation::Sew { part, .. } if part == "fabric")
    ));
    assert!(
        has(&p, 4, |op| matches!(op,
            Operation::Attach { part, to, .. } if part == "ribbon" && to == "fabric")),
        "{:?}",
        p.steps[4].ops
    );
}

#[test]
fn the_same_noun_described_apart_is_another_part() {
    let p = plan(
        "Project",
        &[
            "Cut your fabric.",
            "Fold the long edges of the patterned fabric in, then press them flat with an iron.",
            "Pin the patterned fabric, right-side-up, on top of the absorbent fabric.",
        ],
    );
    assert!(p.part("iron").is_none(), "{:?}", p.parts);
    let other = p
        .parts
        .iter()
        .find(|x| x.name.contains("absorbent"))
        .expect("a second fabric");
    assert_eq!(
        p.part("fabric").and_then(|f| f.placement.target.clone()),
        Some(other.id.clone())
    );
}

#[test]
fn strips_cut_from_a_material_are_named_and_counted() {
    let p = plan(
        "Project",
        &[
            "Decide how big you want your bow to be.",
            "Cut two 6 inch (15.2 cm) strips of duct tape.",
        ],
    );
    assert!(p.steps[0].ops.is_empty(), "{:?}", p.steps[0].ops);
    let tape = p.part("tape").expect("tape");
    assert_eq!((tape.name.as_str(), tape.count), ("duct tape strips", 2));
}

#[test]
fn holes_cut_are_drilled_and_a_deflated_balloon_leaves() {
    let p = plan(
        "Project",
        &[
            "Cut draft holes into the trash can.",
            "Blow up the balloon and tie the end in a knot.",
            "Deflate the balloon carefully once the glue has fully dried.",
        ],
    );
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Drill { part, .. } if part == "can")
    ));
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Add { part } if part == "balloon")
    ));
    assert!(has(
        &p,
        2,
        |op| matches!(op, Operation::Remove { part } if part == "balloon")
    ));
}

#[test]
fn an_unknown_thing_filled_in_is_a_fill_at_the_written_level() {
    let p = plan(
        "Project",
        &[
            "Dig a pit with a shovel.",
            "Fill the pit 2/3 full with dry kindling.",
        ],
    );
    assert!(
        has(&p, 1, |op| matches!(op,
            Operation::Fill { container, level, .. } if container == "pit" && (*level - 0.67).abs() < 0.01)),
        "{:?}",
        p.steps[1].ops
    );
}

#[test]
fn a_sheet_named_in_the_title_is_its_material() {
    let p = plan(
        "How to Fold a CD Cover from a Sheet of Copy Paper",
        &["Fold one of the long edges of the sheet."],
    );
    assert!(
        has(
            &p,
            0,
            |op| matches!(op, Operation::Fold { part, .. } if part == "paper")
        ),
        "{:?} {:?}",
        p.parts,
        p.steps[0].ops
    );
}

#[test]
fn both_counts_a_plural_whose_count_was_a_guess() {
    let p = plan(
        "Project",
        &[
            "Wash the laundry caps with hot water.",
            "Place glue on both cap rims.",
        ],
    );
    assert_eq!(p.part("lid").map(|c| c.count), Some(2), "{:?}", p.parts);
}

#[test]
fn a_closed_compound_is_named_by_the_part_it_ends_in() {
    let p = plan(
        "Project",
        &["Measure ribbon pieces on the pinboard in a diagonal pattern."],
    );
    let board = p
        .parts
        .iter()
        .find(|x| x.name == "pinboard")
        .expect("pinboard");
    assert_eq!(board.kind, plan::model::PartKind::Board);
}

#[test]
fn where_a_part_is_put_comes_into_view() {
    let p = plan(
        "Project",
        &[
            "Position the stick into the can.",
            "Mix in your cement and pour it into the can.",
        ],
    );
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Add { part } if part == "can")
    ));
    assert!(
        has(&p, 1, |op| matches!(op,
            Operation::Fill { part, container, .. } if part == "concrete" && container == "can")),
        "{:?}",
        p.steps[1].ops
    );
}

#[test]
fn lists_and_particles_do_not_hide_the_things_named() {
    let p = plan(
        "Project",
        &[
            "Arrange the greenery around the base of the bowl, plate or stand.",
            "Lay down your diffuser material on the bowl.",
        ],
    );
    assert!(p.part("bowl").is_some(), "{:?}", p.parts);
    let material = p
        .parts
        .iter()
        .find(|x| x.name.starts_with("diffuser"))
        .expect("the material");
    assert_eq!(material.placement.target.as_deref(), Some("bowl"));
}

#[test]
fn an_old_part_cut_off_leaves_and_alternatives_are_one_thing() {
    let p = plan(
        "How to Install a New Handlebar Grip",
        &[
            "Carefully slide or cut off the old grip.",
            "Choose the cardigan or sweater.",
        ],
    );
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Remove { part } if part == "grip")
    ));
    assert!(p.part("cardigan").is_some());
    assert!(p.part("sweater").is_none(), "{:?}", p.parts);
}

#[test]
fn a_listing_step_lists_what_later_pieces_are_cut_from() {
    let p = plan(
        "How to Make Tissue Paper Pompoms",
        &[
            "Have ten or more 20-26 \" sheets of tissue paper.",
            "Combine the pieces together on a flat surface and fold.",
            "Hang your piece of art with clear fishing line.",
        ],
    );
    assert!(p.steps[0].materials_only);
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Fold { part, .. } if part == "paper")
    ));
    assert!(
        has(&p, 2, |op| matches!(op,
            Operation::Attach { part, to, .. } if part == "line" && to == "paper")),
        "{:?} {:?}",
        p.parts,
        p.steps[2].ops
    );
}

#[test]
fn step_headings_run_into_the_text_and_gerunds_instruct() {
    let p = plan(
        "Creative Moneybox Made From Plastic Bottle Waste",
        &[
            "Collecting Unused Plastic Bottles, Clean It. Cut the Top of the Bottle Step 2: Creating an Image Pattern on a Paper",
            "Making cover made of carton paper, and making a narrow hole.",
        ],
    );
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Finish { part, .. } if part == "bottle")
    ));
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Cut { part, .. } if part == "bottle")
    ));
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Add { part } if part == "paper")
    ));
    assert!(p.parts.iter().any(|x| x.name == "cover"), "{:?}", p.parts);
}

#[test]
fn a_text_that_opens_by_gathering_materials_is_the_list() {
    let p = plan(
        "Project",
        &[
            "Collect materials: I had most of these lying around. Water pump (spa type), hot plate, pressure cooker.",
            "Cut the ribbon, then secure it by tying it around the bottle.",
        ],
    );
    assert!(p.steps[0].materials_only);
    assert!(p.steps[0].ops.is_empty());
    assert!(
        !p.steps[1].ops.is_empty(),
        "'by' + gerund is an action: {:?}",
        p.steps[1].ops
    );
}

#[test]
fn take_picks_a_thing_up_and_take_off_takes_it_away() {
    let p = plan(
        "Project",
        &[
            "Take one roll of duct tape and make a piece about as long as your arm.",
            "Take off the lid.",
        ],
    );
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Add { part } if part == "tape")
    ));
    assert!(p.steps[1]
        .ops
        .iter()
        .all(|op| !matches!(op, Operation::Add { part } if part == "tape")));
}

#[test]
fn what_shapes_is_an_instrument_and_what_holds_is_a_part() {
    let p = plan(
        "Project",
        &[
            "Glue the tissue paper to the roll.",
            "I used a flower plunger to make flowers.",
            "Stick it to the roll.",
            "Use floral wire to secure the flowers.",
        ],
    );
    assert!(p.part("plunger").is_none(), "{:?}", p.parts);
    assert!(has(&p, 2, |op| matches!(op,
        Operation::Attach { part, to, .. } if part == "flower" && (to == "paper" || to == "roll"))));
    assert!(
        p.parts.iter().any(|x| x.name.contains("wire")),
        "{:?}",
        p.parts
    );
}

#[test]
fn let_it_and_start_doing_act_and_a_removed_form_leaves_the_yarn_the_hub() {
    let p = plan(
        "How to Make a Yarn Pumpkin",
        &[
            "Blow up a balloon.",
            "Cut your yarn into long pieces.",
            "Run the yarn between the tines of the fork, pulling the yarn to the side.",
            "Start wrapping the yarn around your balloon.",
            "Pierce the balloon near the tail and let it deflate slowly.",
            "Attach the pipe cleaner to the top of the pumpkin.",
        ],
    );
    assert!(has(
        &p,
        3,
        |op| matches!(op, Operation::Wrap { part, .. } if part == "yarn")
    ));
    assert!(has(
        &p,
        4,
        |op| matches!(op, Operation::Remove { part } if part == "balloon")
    ));
    assert!(!has(&p, 2, |op| matches!(op, Operation::Remove { .. })));
    assert!(
        has(&p, 5, |op| matches!(op,
            Operation::Attach { part, to, .. } if part == "cleaner" && to == "yarn")),
        "{:?}",
        p.steps[5].ops
    );
}

#[test]
fn a_thing_handled_on_a_part_is_laid_on_it() {
    let p = plan(
        "How to Make a Ribbon Pinboard",
        &[
            "Measure ribbon pieces on the pinboard in a diagonal pattern.",
            "Place a hanger on the back of the pinboard.",
        ],
    );
    assert_eq!(
        p.part("ribbon")
            .and_then(|r| r.placement.target.clone())
            .as_deref(),
        Some("board")
    );
    assert_eq!(
        p.part("hanger")
            .and_then(|r| r.placement.target.clone())
            .as_deref(),
        Some("board")
    );
}

#[test]
fn irregular_plurals_name_the_thing_and_painting_a_cover_paints_what_it_covers() {
    let p = plan(
        "Project",
        &[
            "Stick the tissue paper on to the cardboard tube.",
            "Once it is dried, paint it with acrylic bronze colour.",
            "Cut out three leaves from the clay.",
        ],
    );
    for part in ["paper", "tube"] {
        assert!(
            has(
                &p,
                1,
                |op| matches!(op, Operation::Paint { part: x, .. } if x == part)
            ),
            "{part}: {:?}",
            p.steps[1].ops
        );
    }
    assert!(p.parts.iter().any(|x| x.name == "leaf"), "{:?}", p.parts);
}

#[test]
fn a_title_shows_the_thing_a_step_makes_and_a_cutting_blade_is_a_tool() {
    let p = extract(&GuideRequest {
        title: "Project".into(),
        steps: vec![
            StepText::new(
                "Cut the pipe",
                "Cut the copper pipe with the cutting blade.",
            ),
            StepText::new(
                "Attach Blades",
                "Sand the pipe, then weld each one where a line is drawn.",
            ),
        ],
        ..GuideRequest::default()
    });
    assert!(p.part("knife").is_none() && p.parts.iter().all(|x| !x.name.contains("cutting")));
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Add { part } if part == "blade")
    ));
}

#[test]
fn walls_built_are_parts_and_a_leading_using_phrase_is_the_material() {
    let p = plan(
        "How to Make a Fairy House",
        &[
            "Using the sticks, create either a square formation or a circle formation.",
            "Build your exterior walls.",
            "Hang the wreath on the wall.",
        ],
    );
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Add { part } if part == "stick")
    ));
    // The walls are built: a wooden part comes into view, never the room.
    let walls = p.steps[1].ops.iter().find_map(|op| match op {
        Operation::Add { part } => p.part(part),
        _ => None,
    });
    assert_eq!(
        walls.map(|w| w.material),
        Some(plan::model::Material::Wood),
        "{:?}",
        p.steps[1].ops
    );
}

#[test]
fn a_title_names_what_a_chatty_step_makes() {
    let p = extract(&GuideRequest {
        title: "Project".into(),
        steps: vec![
            StepText::new(
                "Preparing Motor Guard",
                "Please watch the video for better clarity.",
            ),
            StepText::new("Design", "This mock-up was designed using Illustrator."),
        ],
        ..GuideRequest::default()
    });
    assert!(has(
        &p,
        0,
        |op| matches!(op, Operation::Add { part } if part == "guard")
    ));
    assert!(p.steps[1].ops.is_empty(), "{:?}", p.steps[1].ops);
}

#[test]
fn things_removed_from_inside_go_and_redone_verbs_are_done() {
    let p = plan(
        "Project",
        &[
            "Open the mini fan case and remove the motor and fan blade.",
            "Rebuild the case and insert some used batteries in it.",
        ],
    );
    for part in ["motor", "blade"] {
        assert!(
            has(
                &p,
                0,
                |op| matches!(op, Operation::Remove { part: x } if x == part)
            ),
            "{part}: {:?}",
            p.steps[0].ops
        );
    }
    assert_eq!(
        p.part("battery")
            .and_then(|b| b.placement.target.clone())
            .as_deref(),
        Some("case")
    );
}

#[test]
fn a_part_laid_in_an_earlier_step_stays_when_joined_later() {
    let p = plan(
        "Project",
        &[
            "Cut the plywood base. Lay out the ballast on the base.",
            "Connect the ballast to the socket.",
        ],
    );
    assert!(has(&p, 1, |op| matches!(op,
        Operation::Attach { part, to, .. } if part == "ballast" && to == "socket")));
    let ballast = p.part("ballast").expect("ballast");
    assert_ne!(ballast.placement.target.as_deref(), Some("socket"));
}

#[test]
fn listed_materials_are_read_as_names_never_as_instructions() {
    let p = extract(&GuideRequest {
        title: "Project".into(),
        materials: vec!["4 toilet paper rolls".into(), "paper".into()],
        steps: vec![StepText::new(
            "",
            "Cut the toilet paper rolls to different heights. Fold the paper.",
        )],
        ..GuideRequest::default()
    });
    assert_eq!(p.part("tube").map(|t| t.count), Some(4), "{:?}", p.parts);
    assert!(p.part("paper").is_some());
}

#[test]
fn making_more_of_the_project_adds_nothing() {
    let p = plan(
        "How to Make a Wooden Spoon Puppet",
        &["Glue feathers to the wooden spoon.", "Make more puppets."],
    );
    assert!(p.steps[1].ops.is_empty(), "{:?}", p.steps[1].ops);
    assert!(p.steps[1].complete);
    assert_eq!(
        p.part("feather").map(|f| f.kind),
        Some(plan::model::PartKind::Sheet)
    );
}

#[test]
fn counts_are_heard_wherever_the_text_gives_them() {
    let p = plan(
        "Project",
        &[
            "Cut the sheet to size for the body of the speaker.",
            "Repeat the process for the other 5 shells.",
            "Take thread and divide 8 equal parts maintain the gap between rings.",
            "Keep the ring square with respect to the blade.",
            "I only wanted to have four blades for easier welding, so I drew two lines.",
        ],
    );
    assert_eq!(p.part("shell").map(|s| s.count), Some(6), "{:?}", p.parts);
    assert_eq!(p.part("thread").map(|s| s.count), Some(8), "{:?}", p.parts);
    assert_eq!(p.part("blade").map(|s| s.count), Some(4), "{:?}", p.parts);
}

#[test]
fn all_the_things_are_the_listed_parts_and_them_is_all_of_them() {
    let p = extract(&GuideRequest {
        title: "Project".into(),
        materials: vec!["cardboard box".into(), "bottle caps".into(), "card".into()],
        steps: vec![
            StepText::new("", "Cut the cardboard box."),
            StepText::new("", "Arrange all the things and then paste them together."),
        ],
        ..GuideRequest::default()
    });
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Add { part } if part == "lid")
    ));
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Attach { part, .. } if part == "lid")
    ));
    assert_eq!(
        p.parts
            .iter()
            .filter(|x| x.kind == plan::model::PartKind::Box)
            .count(),
        1
    );
}

#[test]
fn a_thing_narrated_as_done_to_is_what_the_verb_acts_on() {
    let p = plan(
        "Project",
        &[
            "Cut the main switch box.",
            "The hot plate is wired into the same main switch.",
            "The fans run continuously.",
        ],
    );
    assert!(
        p.steps[1]
            .ops
            .iter()
            .any(|op| op.parts().iter().any(|x| *x == "plate")),
        "{:?}",
        p.steps[1].ops
    );
    assert!(
        p.steps[2].ops.is_empty(),
        "a statement: {:?}",
        p.steps[2].ops
    );
}

#[test]
fn wiring_a_thing_to_another_joins_them_and_a_wire_is_still_a_wire() {
    let p = plan(
        "Project",
        &[
            "The fan needed a power supply so I bought one and wired it to my main switch.",
            "Cut the wire to length.",
        ],
    );
    assert!(has(&p, 0, |op| matches!(op,
        Operation::Attach { part, to, .. } if part == "fan" && to == "switch")));
    assert!(has(
        &p,
        1,
        |op| matches!(op, Operation::Cut { part, .. } if part == "wire")
    ));
}

#[test]
fn a_cover_slipped_over_a_thing_holds_it() {
    let p = plan(
        "How to Make a Hot Water Bottle Cover from a Child's Top",
        &[
            "Choose the cardigan or sweater.",
            "Sew up the armholes.",
            "Slip the top over the hot water bottle.",
        ],
    );
    let bottle = p.part("bottle").expect("bottle");
    assert_eq!(bottle.placement.relation, Relation::In);
    assert_eq!(bottle.placement.target.as_deref(), Some("cardigan"));
}
