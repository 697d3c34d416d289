use super::*;

/// Twice the signed area of a polygon's screen projection.
fn screen_area2(pts: &[Vec3]) -> f64 {
    let mut a = 0.0;
    for i in 0..pts.len() {
        let (p, q) = (pts[i], pts[(i + 1) % pts.len()]);
        a += p[0] * q[1] - q[0] * p[1];
    }
    a
}

fn quad(x0: f64, y0: f64, x1: f64, y1: f64, z: f64, paint: u32) -> Poly {
    Poly {
        pts: vec![[x0, y0, z], [x1, y0, z], [x1, y1, z], [x0, y1, z]],
        edges: vec![true; 4],
        paint,
    }
}

fn total_area(polys: &[Poly]) -> f64 {
    polys.iter().map(|p| screen_area2(&p.pts).abs() / 2.0).sum()
}

#[test]
fn farther_polygons_come_first_whatever_the_input_order() {
    let near = quad(0.0, 0.0, 10.0, 10.0, 1.0, 1);
    let far = quad(5.0, 5.0, 15.0, 15.0, 5.0, 2);
    for input in [vec![near.clone(), far.clone()], vec![far, near]] {
        let out = painter_order(input);
        let paints: Vec<u32> = out.iter().map(|p| p.paint).collect();
        assert_eq!(paints, vec![2, 1]);
    }
}

#[test]
fn interpenetrating_polygons_are_split_and_ordered_per_piece() {
    // Two quads crossing like an X seen from the side: a slopes from near
    // to far along x, b from far to near.
    let a = Poly {
        pts: vec![
            [0.0, 0.0, 0.0],
            [10.0, 0.0, 10.0],
            [10.0, 10.0, 10.0],
            [0.0, 10.0, 0.0],
        ],
        edges: vec![true; 4],
        paint: 1,
    };
    let b = Poly {
        pts: vec![
            [0.0, 0.0, 10.0],
            [0.0, 10.0, 10.0],
            [10.0, 10.0, 0.0],
            [10.0, 0.0, 0.0],
        ],
        edges: vec![true; 4],
        paint: 2,
    };
    let before = total_area(&[a.clone(), b.clone()]);
    let out = painter_order(vec![a, b]);
    assert_eq!(out.len(), 3, "one of the two is split in half");
    assert!((total_area(&out) - before).abs() < 1e-6);
    assert_nearest_drawn_last(&out);
}

/// Depth of the polygon's plane at screen point (x, y), if the point is
/// inside the polygon's screen projection.
fn depth_at(p: &Poly, x: f64, y: f64) -> Option<f64> {
    let n = p.pts.len();
    let sign = screen_area2(&p.pts).signum();
    for i in 0..n {
        let (a, b) = (p.pts[i], p.pts[(i + 1) % n]);
        let c = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
        if c * sign < 1e-9 {
            return None;
        }
    }
    let plane = Plane::of(p)?;
    if plane.n[2].abs() < 1e-9 {
        return None;
    }
    Some((plane.d - plane.n[0] * x - plane.n[1] * y) / plane.n[2])
}

/// At every sample point, the polygon drawn last is the nearest one there.
fn assert_nearest_drawn_last(out: &[Poly]) {
    for ix in 0..40 {
        for iy in 0..40 {
            let (x, y) = (f64::from(ix) * 0.5 + 0.13, f64::from(iy) * 0.5 + 0.17);
            let hits: Vec<(usize, f64)> = out
                .iter()
                .enumerate()
                .filter_map(|(i, p)| depth_at(p, x, y).map(|d| (i, d)))
                .collect();
            let Some(last) = hits.iter().max_by_key(|h| h.0) else {
                continue;
            };
            let nearest = hits.iter().map(|h| h.1).fold(f64::MAX, f64::min);
            assert!(last.1 <= nearest + 1e-6, "at ({x}, {y}): {hits:?}");
        }
    }
}

#[test]
fn random_interpenetrating_quads_are_ordered_exactly() {
    // A fixed linear congruential generator: deterministic "random" input.
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as f64) / f64::from(1u32 << 31)
    };
    for _ in 0..30 {
        let polys: Vec<Poly> = (0..12)
            .map(|i| {
                let (x, y) = (next() * 12.0, next() * 12.0);
                let (w, h) = (2.0 + next() * 8.0, 2.0 + next() * 8.0);
                let (z0, dz_x, dz_y) = (next() * 10.0, next() * 2.0 - 1.0, next() * 2.0 - 1.0);
                let z = |px: f64, py: f64| z0 + dz_x * (px - x) + dz_y * (py - y);
                Poly {
                    pts: vec![
                        [x, y, z(x, y)],
                        [x + w, y, z(x + w, y)],
                        [x + w, y + h, z(x + w, y + h)],
                        [x, y + h, z(x, y + h)],
                    ],
                    edges: vec![true; 4],
                    paint: i,
                }
            })
            .collect();
        let before = total_area(&polys);
        let out = painter_order(polys);
        assert!((total_area(&out) - before).abs() < 1e-6 * before);
        assert_nearest_drawn_last(&out);
    }
}

#[test]
fn split_keeps_outlines_on_original_edges_only() {
    let plane = Plane {
        n: [1.0, 0.0, 0.0],
        d: 5.0,
    };
    let p = quad(0.0, 0.0, 10.0, 10.0, 0.0, 0);
    let (front, back) = split(&plane, &p);
    assert_eq!(front.pts.len(), 4);
    assert_eq!(back.pts.len(), 4);
    for piece in [&front, &back] {
        let cut_edges = (0..4)
            .filter(|&i| {
                let (a, b) = (piece.pts[i], piece.pts[(i + 1) % 4]);
                (a[0] - 5.0).abs() < 1e-9 && (b[0] - 5.0).abs() < 1e-9
            })
            .collect::<Vec<_>>();
        assert_eq!(cut_edges.len(), 1);
        for i in 0..4 {
            assert_eq!(piece.edges[i], !cut_edges.contains(&i), "{piece:?}");
        }
    }
}

#[test]
fn degenerate_polygons_are_dropped_not_fatal() {
    let line = Poly {
        pts: vec![[0.0, 0.0, 0.0], [1.0, 1.0, 0.0], [2.0, 2.0, 0.0]],
        edges: vec![true; 3],
        paint: 0,
    };
    let short = Poly {
        pts: vec![[0.0, 0.0, 0.0]],
        edges: vec![true],
        paint: 0,
    };
    assert!(painter_order(vec![line, short]).is_empty());
}

#[test]
fn many_polygons_do_not_overflow_the_stack() {
    let polys: Vec<Poly> = (0..5000)
        .map(|i| quad(0.0, 0.0, 10.0, 10.0, f64::from(i), i))
        .collect();
    let out = painter_order(polys);
    assert_eq!(out.len(), 5000);
    assert!(out.windows(2).all(|w| w[0].paint > w[1].paint));
}
