use super::*;
use crate::model::{Color, Material, Part, PartKind, Placement, Relation};

const TOL: f64 = 1e-9;

fn part(id: &str, kind: PartKind, size: [f64; 3]) -> PartState {
    let part = Part {
        id: id.to_string(),
        name: id.to_string(),
        kind,
        count: 1,
        size,
        color: Color("#888888".to_string()),
        material: Material::Other,
        placement: Placement::default(),
    };
    PartState::from_part(&part, 1)
}

fn placed(mut p: PartState, relation: Relation, target: &str) -> PartState {
    p.placement = Placement {
        relation,
        target: Some(target.to_string()),
    };
    p
}

fn counted(mut p: PartState, count: u32) -> PartState {
    p.count = count;
    p
}

fn one(l: &Layout, id: &str) -> Aabb {
    let p = l.get(id).expect("part is laid out");
    assert_eq!(p.instances.len(), 1, "{id} has one instance");
    p.instances[0]
}

fn all(l: &Layout, id: &str) -> Vec<Aabb> {
    l.get(id).expect("part is laid out").instances.clone()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn within(inner: &Aabb, outer: &Aabb) -> bool {
    (0..3).all(|a| inner.min[a] >= outer.min[a] - TOL && inner.max[a] <= outer.max[a] + TOL)
}

#[test]
fn layout_of_nothing_is_empty() {
    let l = layout(&[]);
    assert!(l.parts.is_empty());
    assert_eq!(l.bounds.min, [0.0; 3]);
    assert_eq!(l.bounds.max, [0.0; 3]);
}

#[test]
fn jar_with_soil_and_a_plant_in_the_soil() {
    let jar = part("jar", PartKind::Jar, [10.0, 20.0, 10.0]);
    let mut soil = placed(
        part("soil", PartKind::Fill, [1.0, 1.0, 1.0]),
        Relation::In,
        "jar",
    );
    soil.fill_level = Some(0.5);
    let plant = placed(
        part("plant", PartKind::Plant, [6.0, 15.0, 6.0]),
        Relation::In,
        "soil",
    );
    let parts = vec![jar, soil, plant];
    let l = layout(&parts);
    let (jar_b, soil_b, plant_b) = (one(&l, "jar"), one(&l, "soil"), one(&l, "plant"));

    assert_eq!(
        jar_b.min,
        [0.0, 0.0, -5.0],
        "a lone root starts at x = 0 on z = 0"
    );
    assert!(
        within(&soil_b, &jar_b),
        "fill {soil_b:?} inside jar {jar_b:?}"
    );
    assert!(
        soil_b.min[1] > jar_b.min[1],
        "fill rests on the jar's floor"
    );
    assert!(
        near(soil_b.max[1], jar_b.min[1] + 0.5 * 20.0),
        "fill up to its level"
    );
    assert!(
        soil_b.size()[0] > 9.0,
        "fill takes the jar's inner footprint"
    );
    // The plant stands at the fill's top, sunk a little into it.
    assert!(plant_b.min[1] < soil_b.max[1]);
    assert!(plant_b.min[1] > soil_b.max[1] - 0.2 * 15.0);
    assert!(plant_b.min[1] > soil_b.min[1]);
    assert!(near(plant_b.center()[0], jar_b.center()[0]));
    assert!(near(plant_b.center()[2], jar_b.center()[2]));
    // Overlaps are allowed because they are containment.
    assert!(plant_b.overlaps(&soil_b) && plant_b.overlaps(&jar_b));
    assert!(may_overlap(&parts[2], &parts[1], &parts));
    assert!(
        may_overlap(&parts[2], &parts[0], &parts),
        "transitively in the jar"
    );
    assert!(may_overlap(&parts[0], &parts[1], &parts));
    assert!(!may_overlap(&parts[0], &parts[0], &parts));
}

#[test]
fn plant_in_a_jar_beside_the_soil_may_overlap_the_soil() {
    let parts = vec![
        part("jar", PartKind::Jar, [10.0, 20.0, 10.0]),
        placed(part("soil", PartKind::Fill, [1.0; 3]), Relation::In, "jar"),
        placed(
            part("plant", PartKind::Plant, [4.0, 30.0, 4.0]),
            Relation::In,
            "jar",
        ),
        placed(
            part("lid", PartKind::Lid, [11.0, 1.0, 11.0]),
            Relation::On,
            "jar",
        ),
    ];
    assert!(
        may_overlap(&parts[1], &parts[2], &parts),
        "soil is in the plant's container"
    );
    assert!(!may_overlap(&parts[2], &parts[3], &parts));
    let l = layout(&parts);
    let (soil_b, plant_b, lid_b) = (one(&l, "soil"), one(&l, "plant"), one(&l, "lid"));
    assert!(
        plant_b.min[1] < soil_b.max[1] && plant_b.min[1] > soil_b.min[1],
        "standing in the soil"
    );
    assert!(
        !lid_b.overlaps(&plant_b),
        "the lid is pushed up past the tall plant"
    );
    assert!(lid_b.min[1] >= plant_b.max[1] - TOL);
}

#[test]
fn lid_on_jar() {
    let parts = vec![
        part("jar", PartKind::Jar, [10.0, 20.0, 10.0]),
        placed(
            part("lid", PartKind::Lid, [11.0, 1.5, 11.0]),
            Relation::On,
            "jar",
        ),
    ];
    let l = layout(&parts);
    let (jar_b, lid_b) = (one(&l, "jar"), one(&l, "lid"));
    assert!(
        near(lid_b.min[1], jar_b.max[1]),
        "the lid rests on the jar's top"
    );
    assert!(near(lid_b.center()[0], jar_b.center()[0]));
    assert!(near(lid_b.center()[2], jar_b.center()[2]));
    assert!(!lid_b.overlaps(&jar_b));
    assert!(!may_overlap(&parts[0], &parts[1], &parts));
    assert!(near(l.bounds.max[1], 21.5));
}

#[test]
fn three_jars_in_three_clamps_attached_to_a_board() {
    let parts = vec![
        part("board", PartKind::Board, [90.0, 15.0, 2.0]),
        counted(
            placed(
                part("clamp", PartKind::Hardware, [8.0, 3.0, 8.0]),
                Relation::AttachedTo,
                "board",
            ),
            3,
        ),
        counted(
            placed(
                part("jar", PartKind::Jar, [9.0, 12.0, 9.0]),
                Relation::In,
                "clamp",
            ),
            3,
        ),
    ];
    let l = layout(&parts);
    let board = one(&l, "board");
    let clamps = all(&l, "clamp");
    let jars = all(&l, "jar");
    assert_eq!((clamps.len(), jars.len()), (3, 3));
    for (c, j) in clamps.iter().zip(&jars) {
        assert!(
            near(c.max[2], board.min[2]),
            "clamp {c:?} on the board's back face"
        );
        assert!(c.min[0] >= board.min[0] - TOL && c.max[0] <= board.max[0] + TOL);
        assert!(near(j.center()[0], c.center()[0]), "one jar per clamp");
        assert!(
            j.min[1] > c.min[1] && j.min[1] < c.max[1],
            "jar rests in its clamp"
        );
        assert!(
            !j.overlaps(&board),
            "the jar does not poke through the board"
        );
    }
    // Spread evenly along the board, in order, and apart.
    let xs: Vec<f64> = clamps.iter().map(|c| c.center()[0]).collect();
    assert!(near(xs[1] - xs[0], 30.0) && near(xs[2] - xs[1], 30.0));
    assert!(near(xs[1], board.center()[0]));
    for a in 0..3 {
        for b in a + 1..3 {
            assert!(!jars[a].overlaps(&jars[b]));
            assert!(!clamps[a].overlaps(&clamps[b]));
        }
    }
}

#[test]
fn crate_with_four_legs_under_is_lifted() {
    let parts = vec![
        part("crate", PartKind::Crate, [40.0, 30.0, 30.0]),
        counted(
            placed(
                part("leg", PartKind::Leg, [4.0, 20.0, 4.0]),
                Relation::Under,
                "crate",
            ),
            4,
        ),
        placed(
            part("cushion", PartKind::Cushion, [35.0, 8.0, 28.0]),
            Relation::On,
            "crate",
        ),
    ];
    let l = layout(&parts);
    let crate_b = one(&l, "crate");
    let legs = all(&l, "leg");
    assert!(
        near(crate_b.min[1], 20.0),
        "the crate is lifted by the legs"
    );
    assert!(
        near(one(&l, "cushion").min[1], 50.0),
        "and so is what is on it"
    );
    assert_eq!(legs.len(), 4);
    let mut corners = Vec::new();
    for leg in &legs {
        assert!(
            near(leg.min[1], 0.0) && near(leg.max[1], 20.0),
            "leg {leg:?} stands on the ground"
        );
        assert!(leg.min[0] >= crate_b.min[0] - TOL && leg.max[0] <= crate_b.max[0] + TOL);
        assert!(leg.min[2] >= crate_b.min[2] - TOL && leg.max[2] <= crate_b.max[2] + TOL);
        let left = near(leg.min[0], crate_b.min[0]);
        let right = near(leg.max[0], crate_b.max[0]);
        let back = near(leg.min[2], crate_b.min[2]);
        let front = near(leg.max[2], crate_b.max[2]);
        assert!(
            (left || right) && (back || front),
            "leg {leg:?} at a corner"
        );
        corners.push((left, back));
    }
    corners.sort();
    corners.dedup();
    assert_eq!(corners.len(), 4, "one leg per corner");
}

#[test]
fn leg_attached_to_a_top_goes_under_it() {
    let parts = vec![
        part("top", PartKind::Board, [60.0, 2.0, 40.0]),
        counted(
            placed(
                part("leg", PartKind::Leg, [3.0, 45.0, 3.0]),
                Relation::AttachedTo,
                "top",
            ),
            4,
        ),
    ];
    let l = layout(&parts);
    assert!(near(one(&l, "top").min[1], 45.0));
    assert!(all(&l, "leg").iter().all(|b| near(b.min[1], 0.0)));
}

#[test]
fn two_roots_side_by_side() {
    let parts = vec![
        part("a", PartKind::Box, [30.0, 10.0, 20.0]),
        part("b", PartKind::Box, [10.0, 40.0, 6.0]),
    ];
    let l = layout(&parts);
    let (a, b) = (one(&l, "a"), one(&l, "b"));
    assert_eq!(a.min, [0.0, 0.0, -10.0]);
    assert_eq!(a.max, [30.0, 10.0, 10.0]);
    assert!(near(b.min[0], 30.0 + 6.0), "gap is 20% of the wider part");
    assert!(near(b.min[1], 0.0) && near(b.center()[2], 0.0));
    let small = vec![
        part("a", PartKind::Box, [3.0, 1.0, 1.0]),
        part("b", PartKind::Box, [3.0, 1.0, 1.0]),
    ];
    let l = layout(&small);
    assert!(near(one(&l, "b").min[0], 5.0), "gap is at least 2 cm");
    assert_eq!(
        l.parts.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
}

#[test]
fn rope_around_a_tire() {
    let parts = vec![
        part("tire", PartKind::Tire, [60.0, 20.0, 60.0]),
        placed(
            part("rope", PartKind::Rope, [500.0, 2.0, 1.0]),
            Relation::Around,
            "tire",
        ),
    ];
    let l = layout(&parts);
    let (tire, rope) = (one(&l, "tire"), one(&l, "rope"));
    assert!(rope.min[0] < tire.min[0] && rope.max[0] > tire.max[0]);
    assert!(rope.min[2] < tire.min[2] && rope.max[2] > tire.max[2]);
    assert!(
        rope.size()[0] < 1.2 * 60.0,
        "only slightly larger than the tire"
    );
    assert!(
        near(rope.center()[1], tire.center()[1]),
        "around the tire's middle"
    );
    assert!(near(rope.center()[0], tire.center()[0]));
    assert!(rope.overlaps(&tire) && may_overlap(&parts[1], &parts[0], &parts));
}

#[test]
fn cycle_terminates_and_makes_roots() {
    let parts = vec![
        placed(part("a", PartKind::Box, [10.0; 3]), Relation::On, "b"),
        placed(part("b", PartKind::Box, [10.0; 3]), Relation::In, "a"),
        placed(part("c", PartKind::Box, [5.0; 3]), Relation::On, "b"),
        placed(part("d", PartKind::Box, [5.0; 3]), Relation::On, "d"),
    ];
    let l = layout(&parts);
    let (a, b, c, d) = (one(&l, "a"), one(&l, "b"), one(&l, "c"), one(&l, "d"));
    assert!(
        near(a.min[1], 0.0) && near(b.min[1], 0.0),
        "parts on a cycle are roots"
    );
    assert!(near(a.min[0], 0.0) && near(b.min[0], 12.0));
    assert!(
        near(c.min[1], b.max[1]),
        "a part on a cycle's part still sits on it"
    );
    assert!(
        near(d.min[1], 0.0) && d.min[0] > b.max[0],
        "a self-target is a root"
    );
    assert!(!may_overlap(&parts[0], &parts[1], &parts));
}

#[test]
fn parts_on_one_target_share_its_top_then_stack() {
    let parts = vec![
        part("table", PartKind::Board, [100.0, 5.0, 50.0]),
        placed(
            part("a", PartKind::Box, [20.0, 10.0, 20.0]),
            Relation::On,
            "table",
        ),
        placed(
            part("b", PartKind::Box, [20.0, 10.0, 20.0]),
            Relation::On,
            "table",
        ),
        placed(
            part("c", PartKind::Box, [20.0, 10.0, 20.0]),
            Relation::On,
            "table",
        ),
        placed(
            part("d", PartKind::Box, [90.0, 10.0, 45.0]),
            Relation::On,
            "table",
        ),
    ];
    let l = layout(&parts);
    let table = one(&l, "table");
    let (a, b, c, d) = (one(&l, "a"), one(&l, "b"), one(&l, "c"), one(&l, "d"));
    assert!(
        near(a.center()[0], table.center()[0]),
        "the first is centred"
    );
    for x in [a, b, c] {
        assert!(near(x.min[1], table.max[1]), "{x:?} rests on the table");
    }
    assert!(
        b.min[0] >= a.max[0] && c.max[0] <= a.min[0],
        "spread along x"
    );
    assert!(near(d.min[1], a.max[1]), "no room left: stacked on them");
    // Adding a later sibling leaves earlier ones where they were.
    let l2 = layout(&parts[..3]);
    assert_eq!(one(&l2, "a"), a);
    assert_eq!(one(&l2, "b"), b);
}

#[test]
fn parts_beside_and_around_the_sides() {
    let parts = vec![
        part("box", PartKind::Box, [20.0, 20.0, 20.0]),
        placed(
            part("r", PartKind::Can, [5.0, 8.0, 5.0]),
            Relation::Beside,
            "box",
        ),
        placed(
            part("l", PartKind::Can, [5.0, 8.0, 5.0]),
            Relation::Left,
            "box",
        ),
        placed(
            part("bh", PartKind::Can, [5.0, 8.0, 5.0]),
            Relation::Behind,
            "box",
        ),
        placed(
            part("f", PartKind::Can, [5.0, 8.0, 5.0]),
            Relation::InFront,
            "box",
        ),
        placed(
            part("r2", PartKind::Can, [5.0, 8.0, 5.0]),
            Relation::Right,
            "box",
        ),
    ];
    let l = layout(&parts);
    let bx = one(&l, "box");
    let r = one(&l, "r");
    assert!(r.min[0] > bx.max[0] && r.min[0] < bx.max[0] + 5.0);
    assert!(one(&l, "l").max[0] < bx.min[0]);
    assert!(one(&l, "bh").max[2] < bx.min[2]);
    assert!(one(&l, "f").min[2] > bx.max[2]);
    assert!(
        one(&l, "r2").min[0] > r.max[0],
        "a second right-hand part goes further right"
    );
    for p in &l.parts[1..] {
        assert!(
            near(p.instances[0].min[1], bx.min[1]),
            "resting at the box's base"
        );
    }
}

#[test]
fn copies_lie_in_a_row_or_grid() {
    let parts = vec![counted(part("can", PartKind::Can, [6.0, 10.0, 6.0]), 3)];
    let row = all(&layout(&parts), "can");
    assert!(row.iter().all(|b| near(b.center()[2], 0.0)));
    assert!(row[1].min[0] > row[0].max[0] && row[2].min[0] > row[1].max[0]);
    let parts = vec![counted(part("can", PartKind::Can, [6.0, 10.0, 6.0]), 9)];
    let grid = all(&layout(&parts), "can");
    let mut zs: Vec<i64> = grid
        .iter()
        .map(|b| (b.center()[2] * 1000.0).round() as i64)
        .collect();
    zs.dedup();
    assert_eq!(grid.len(), 9);
    assert_eq!(zs.len(), 3, "a 3 x 3 grid");
}

#[test]
fn fill_layers_stack_and_bad_input_never_panics() {
    let mut gravel = placed(
        part("gravel", PartKind::Fill, [1.0; 3]),
        Relation::In,
        "pot",
    );
    gravel.fill_level = Some(0.2);
    let mut soil = placed(part("soil", PartKind::Fill, [1.0; 3]), Relation::In, "pot");
    soil.fill_level = Some(f64::NAN);
    let parts = vec![part("pot", PartKind::Jar, [20.0, 20.0, 20.0]), gravel, soil];
    let l = layout(&parts);
    let (g, s) = (one(&l, "gravel"), one(&l, "soil"));
    assert!(near(g.max[1], 4.0) && near(s.min[1], 4.0) && near(s.max[1], 20.0));

    let weird = vec![
        part("nan", PartKind::Box, [f64::NAN, -1.0, 0.0]),
        counted(part("zero", PartKind::Box, [f64::INFINITY, 1e300, 2.0]), 0),
        placed(
            part("ghost", PartKind::Box, [1.0; 3]),
            Relation::On,
            "nobody",
        ),
        part("nan", PartKind::Box, [1.0; 3]),
    ];
    let l = layout(&weird);
    assert_eq!(one(&l, "nan").size(), [1.0, 1.0, 1.0]);
    assert_eq!(l.parts[1].instances.len(), 1);
    for b in l.parts.iter().flat_map(|p| &p.instances) {
        assert!(b.min.iter().chain(&b.max).all(|v| v.is_finite()));
        assert!(b.min[1] >= 0.0);
    }
}

#[test]
fn boards_joined_to_a_floor_board_stand_as_walls_around_it() {
    let board = |id: &str| part(id, PartKind::Board, [30.0, 2.0, 20.0]);
    let parts = [
        board("floor"),
        placed(counted(board("sides"), 2), Relation::AttachedTo, "floor"),
        placed(board("front"), Relation::AttachedTo, "sides"),
        placed(board("back"), Relation::AttachedTo, "sides"),
    ];
    let l = layout(&parts);
    let floor = one(&l, "floor");
    let sides = all(&l, "sides");
    let (front, back) = (one(&l, "front"), one(&l, "back"));
    let walls: Vec<Aabb> = sides.iter().copied().chain([front, back]).collect();
    for wall in &walls {
        // Standing on the floor's top, inside its footprint, upright.
        assert!(near(wall.min[1], floor.max[1]), "{wall:?} on {floor:?}");
        assert!(wall.min[0] >= floor.min[0] - TOL && wall.max[0] <= floor.max[0] + TOL);
        assert!(wall.min[2] >= floor.min[2] - TOL && wall.max[2] <= floor.max[2] + TOL);
        assert!(wall.size()[1] > 5.0, "upright: {wall:?}");
    }
    // Left and right, then back and front: four rims, no two walls overlap.
    assert!(near(sides[0].min[0], floor.min[0]) && near(sides[1].max[0], floor.max[0]));
    assert!(near(front.min[2], floor.min[2]) || near(front.max[2], floor.max[2]));
    assert!(!near(front.min[2], back.min[2]));
    for (a, wa) in walls.iter().enumerate() {
        for wb in &walls[a + 1..] {
            assert!(!wa.overlaps(wb), "{wa:?} overlaps {wb:?}");
        }
    }
    // A thick block attached to a board is no wall.
    let parts = [
        board("floor"),
        placed(
            part("block", PartKind::Box, [10.0, 10.0, 10.0]),
            Relation::AttachedTo,
            "floor",
        ),
    ];
    let l = layout(&parts);
    assert!(one(&l, "block").max[2] <= one(&l, "floor").min[2] + TOL);
}
