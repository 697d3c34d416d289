//! The placement graph: who is placed relative to whom, with cycles broken,
//! the order to place parts in, how far `Under` parts lift their targets, and
//! which parts may overlap (containment).

use std::collections::BTreeMap;

use crate::model::{PartKind, Relation};
use crate::state::PartState;

use super::geom::sanitize_size;

pub(crate) struct Graph {
    /// Resolved target of each part; `None` for roots (no target, a target
    /// not in the list, itself, or a part in a placement cycle).
    pub target: Vec<Option<usize>>,
    pub relation: Vec<Relation>,
    pub kind: Vec<PartKind>,
    /// Children of each part in input order.
    pub children: Vec<Vec<usize>>,
    /// Every part once, each after its target; otherwise in input order.
    pub order: Vec<usize>,
    /// How far a part is lifted by what stands under it.
    pub lift: Vec<f64>,
    /// Containment forest (In / Around edges): Euler-tour intervals.
    contain_parent: Vec<Option<usize>>,
    tin: Vec<usize>,
    tout: Vec<usize>,
}

impl Graph {
    pub fn new(parts: &[PartState]) -> Graph {
        let n = parts.len();
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, p) in parts.iter().enumerate() {
            first.entry(p.id.as_str()).or_insert(i);
        }
        let mut target: Vec<Option<usize>> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let t = p.placement.target.as_deref()?;
                first.get(t).copied().filter(|&j| j != i)
            })
            .collect();
        break_cycles(&mut target);

        let relation: Vec<Relation> = parts.iter().map(|p| p.placement.relation).collect();
        let kind: Vec<PartKind> = parts.iter().map(|p| p.kind).collect();

        let mut children = vec![Vec::new(); n];
        for (i, t) in target.iter().enumerate() {
            if let Some(t) = t {
                children[*t].push(i);
            }
        }

        // Targets before the parts placed on them, else input order.
        let mut order = Vec::with_capacity(n);
        let mut queued = vec![false; n];
        let mut chain = Vec::new();
        for i in 0..n {
            let mut cur = Some(i);
            while let Some(c) = cur.filter(|&c| !queued[c]) {
                queued[c] = true;
                chain.push(c);
                cur = target[c];
            }
            order.extend(chain.drain(..).rev());
        }

        let mut graph = Graph {
            target,
            relation,
            kind,
            children,
            order,
            lift: vec![0.0; n],
            contain_parent: Vec::new(),
            tin: Vec::new(),
            tout: Vec::new(),
        };

        // Children come after their targets in `order`, so walking it
        // backwards sees every under-part's own lift before its target's.
        for &i in graph.order.iter().rev() {
            if let (true, Some(t)) = (graph.is_under(i), graph.target[i]) {
                let h = sanitize_size(parts[i].size)[1];
                graph.lift[t] = graph.lift[t].max(h + graph.lift[i]);
            }
        }

        graph.contain_parent = (0..n)
            .map(|i| {
                graph.target[i]
                    .filter(|_| matches!(graph.relation[i], Relation::In | Relation::Around))
            })
            .collect();
        graph.euler_tour();
        graph
    }

    /// The part hangs below its target and lifts it: `Under`, or a leg
    /// attached to it.
    pub fn is_under(&self, i: usize) -> bool {
        self.target[i].is_some()
            && (self.relation[i] == Relation::Under
                || (self.relation[i] == Relation::AttachedTo && self.kind[i] == PartKind::Leg))
    }

    fn euler_tour(&mut self) {
        let n = self.target.len();
        let mut kids = vec![Vec::new(); n];
        for (i, p) in self.contain_parent.iter().enumerate() {
            if let Some(p) = p {
                kids[*p].push(i);
            }
        }
        self.tin = vec![0; n];
        self.tout = vec![0; n];
        let mut clock = 0;
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in (0..n).filter(|&i| self.contain_parent[i].is_none()) {
            self.tin[root] = clock;
            clock += 1;
            stack.push((root, 0));
            while let Some(top) = stack.last_mut() {
                let (node, next) = *top;
                if let Some(&child) = kids[node].get(next) {
                    top.1 += 1;
                    self.tin[child] = clock;
                    clock += 1;
                    stack.push((child, 0));
                } else {
                    self.tout[node] = clock;
                    clock += 1;
                    stack.pop();
                }
            }
        }
    }

    /// `a` is `b` or `b` is (transitively) In / Around `a`.
    fn contains(&self, a: usize, b: usize) -> bool {
        self.tin[a] <= self.tin[b] && self.tout[b] <= self.tout[a]
    }

    /// `f` is a fill poured into a container that holds `o` (or is `o`).
    fn fill_holds(&self, f: usize, o: usize) -> bool {
        self.kind[f] == PartKind::Fill
            && self.relation[f] == Relation::In
            && self.contain_parent[f].is_some_and(|t| self.contains(t, o))
    }

    /// `r` is wrapped around something that holds `o` (or is `o`): a band
    /// around a jar encloses what is in the jar.
    fn wraps(&self, r: usize, o: usize) -> bool {
        self.relation[r] == Relation::Around
            && self.contain_parent[r].is_some_and(|t| self.contains(t, o))
    }

    /// Whether parts `a` and `b` may share volume (see [`super::may_overlap`]).
    pub fn may_overlap(&self, a: usize, b: usize) -> bool {
        a != b
            && (self.contains(a, b)
                || self.contains(b, a)
                || self.fill_holds(a, b)
                || self.fill_holds(b, a)
                || self.wraps(a, b)
                || self.wraps(b, a))
    }
}

/// Drops the target of every part on a placement cycle, so the cycle's parts
/// become roots and every chain ends.
fn break_cycles(target: &mut [Option<usize>]) {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let n = target.len();
    let mut state = vec![NEW; n];
    let mut pos = vec![0usize; n];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..n {
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state[c] {
                DONE => break,
                ON_PATH => {
                    for &p in &path[pos[c]..] {
                        target[p] = None;
                    }
                    break;
                }
                _ => {
                    state[c] = ON_PATH;
                    pos[c] = path.len();
                    path.push(c);
                    cur = target[c];
                }
            }
        }
        for p in path.drain(..) {
            state[p] = DONE;
        }
    }
}
