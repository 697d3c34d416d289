//! What is true at one step, in words: the completed steps, the parts in
//! view and how they look, what the step does, what is not done yet and
//! which parts come later. Every strategy's prompt is assembled from these.

use crate::model::{AttachMethod, Color, Operation, PartKind, Plan, PlanStep, Relation};
use crate::request::GuideRequest;
use crate::state::{state_after, PartState, StepState, MAX_FOLDS};

use super::color::color_name;
use super::words;

/// The facts of step `k` (1-based) of a plan.
pub(super) struct Facts<'a> {
    pub request: &'a GuideRequest,
    pub plan: &'a Plan,
    /// 1-based step number; 0 only when the plan has no steps.
    pub k: usize,
    /// Number of steps in the plan.
    pub n: usize,
    /// Everything in view after step `k`.
    pub state: StepState,
}

impl<'a> Facts<'a> {
    /// The facts after the step with 0-based `step_index`, clamped to the
    /// plan's last step.
    pub fn at(request: &'a GuideRequest, plan: &'a Plan, step_index: usize) -> Facts<'a> {
        let n = plan.steps.len();
        let k = step_index.saturating_add(1).min(n);
        Facts {
            request,
            plan,
            k,
            n,
            state: state_after(plan, k),
        }
    }

    /// The facts of the finished build (after the last step).
    pub fn finished(request: &'a GuideRequest, plan: &'a Plan) -> Facts<'a> {
        Facts::at(request, plan, plan.steps.len().saturating_sub(1))
    }

    pub fn is_last(&self) -> bool {
        self.k >= self.n
    }

    fn step(&self) -> Option<&'a PlanStep> {
        self.k.checked_sub(1).and_then(|i| self.plan.steps.get(i))
    }

    /// Whether this step only lists materials (nothing is built).
    pub fn materials_only(&self) -> bool {
        self.step().is_some_and(|s| s.materials_only)
    }

    /// Whether this step shows the finished build (marked `complete`).
    pub fn complete(&self) -> bool {
        self.step().is_some_and(|s| s.complete)
    }

    /// "Title: description" of 1-based step `number`, from the request's
    /// text (the plan's title when the request has none).
    pub fn step_line(&self, number: usize) -> String {
        let index = number.saturating_sub(1);
        let text = self.request.steps.get(index);
        let title = text
            .map(|t| t.title.trim())
            .filter(|t| !t.is_empty())
            .or_else(|| self.plan.steps.get(index).map(|s| s.title.trim()))
            .unwrap_or_default();
        let description = text.map(|t| t.description.trim()).unwrap_or_default();
        match (title.is_empty(), description.is_empty()) {
            (_, true) => title.to_string(),
            (true, false) => description.to_string(),
            (false, false) => format!("{title}: {description}"),
        }
    }

    /// Steps 1..=k, one numbered line each.
    pub fn completed_steps(&self) -> String {
        (1..=self.k)
            .map(|i| format!("{i}. {}", self.step_line(i)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The part's name with its count: "potting soil", "four corks".
    pub fn label(&self, id: &str) -> String {
        match self.plan.part(id) {
            Some(p) => words::counted(p.name.trim(), p.count),
            None => id.replace('-', " "),
        }
    }

    /// The part's name with "the": "the 2-liter plastic bottle".
    pub fn the(&self, id: &str) -> String {
        format!("the {}", self.label(id))
    }

    /// The last paint or stain of a part in steps 1..=k.
    fn colour_op(&self, id: &str) -> Option<(&'static str, &'a Color)> {
        let done = self.plan.steps.get(..self.k).unwrap_or_default();
        done.iter()
            .rev()
            .flat_map(|s| s.ops.iter().rev())
            .find_map(|op| match op {
                Operation::Paint { part, color } if part == id => Some(("painted", color)),
                Operation::Stain { part, color } if part == id => Some(("stained", color)),
                _ => None,
            })
    }

    /// "2-liter plastic bottle — white; about 10 cm wide and 30 cm tall":
    /// a part as first added, for parts lists.
    fn plain_line(&self, p: &PartState) -> String {
        let mut facts = vec![appearance(p, None)];
        match p.kind {
            PartKind::Fill => facts.push("in an open bag or a small heap".to_string()),
            PartKind::Plant => facts.push("in its nursery pot".to_string()),
            _ => facts.push(sized(p)),
        }
        format!(
            "{} — {}",
            words::counted(p.name.trim(), p.count),
            facts.join("; ")
        )
    }

    /// A part as it looks after step k: colour, size, place, cuts, holes,
    /// finishes, attachments and contents; tagged when new or changed in
    /// this step if `tags`.
    fn part_line(&self, p: &PartState, tags: bool) -> String {
        let mut facts = vec![appearance(p, self.colour_op(&p.id))];
        if p.kind != PartKind::Fill {
            facts.push(sized(p));
        }
        if let Some(place) = self.placement(p) {
            facts.push(if is_planted(p) {
                format!("planted {place}")
            } else {
                place
            });
        }
        if let Some((keep, fraction)) = p.cut {
            facts.push(words::cut_state(keep, fraction));
        }
        if let Some(shape) = p.cut_shape {
            facts.push(words::cut_shape_state(shape));
        }
        if p.folds > 0 {
            facts.push(words::folded_state(p.folds));
        }
        if let Some(shape) = p.bend {
            facts.push(words::bent_state(shape).to_string());
        }
        if p.stuffed {
            let stuffing: Vec<String> = self
                .stuffing(&p.id)
                .map(|s| words::counted(s.name.trim(), s.count))
                .collect();
            facts.push(if stuffing.is_empty() {
                "stuffed plump and rounded".to_string()
            } else {
                format!("stuffed plump and rounded with {}", stuffing.join(" and "))
            });
        }
        if p.is_sewn_shut() {
            facts.push("sewn shut with a neat seam along its open edge".to_string());
        }
        if p.holes > 0 {
            let holes = if p.holes == 1 { "hole" } else { "holes" };
            facts.push(format!(
                "with {} {holes} drilled in it",
                words::number(p.holes)
            ));
        }
        facts.extend(p.finishes.iter().map(|f| words::finished(*f).to_string()));
        facts.extend(
            p.attached_to
                .iter()
                .map(|(to, method)| words::attached_state(&self.the(to), *method)),
        );
        for fill in self.contents(&p.id) {
            let what = words::counted(fill.name.trim(), fill.count);
            facts.push(match fill.fill_level.and_then(words::level) {
                Some(level) => format!("holding {what}, {level}"),
                None => format!("with a thin layer of {what} at the bottom"),
            });
        }
        let tag = match tags {
            true if self.state.new.contains(&p.id) => " (new in this step)",
            true if self.state.changed.contains(&p.id) => " (changed in this step)",
            _ => "",
        };
        format!(
            "{} — {}{tag}",
            words::counted(p.name.trim(), p.count),
            facts.join("; ")
        )
    }

    /// Where the part sits, if not simply on the work surface: "inside the
    /// bottle, filling it two thirds full" for a fill, "in the potting soil inside the
    /// bottle" for something set into a filled container.
    fn placement(&self, p: &PartState) -> Option<String> {
        let target_id = p.placement.target.as_deref()?;
        let target = self.the(target_id);
        let relation = p.placement.relation;
        if relation != Relation::In {
            return Some(words::placement(relation, &target));
        }
        if p.stuffing {
            let shut = self.state.part(target_id).is_some_and(|t| t.is_sewn_shut());
            return Some(if shut {
                format!("stuffed inside {target}, hidden by it")
            } else {
                format!("stuffed inside {target}, a little showing at its opening")
            });
        }
        if p.kind == PartKind::Fill {
            return Some(match p.fill_level.and_then(words::level) {
                Some("full to the top") => format!("inside {target}, filling it to the top"),
                Some(level) => format!("inside {target}, filling it {level}"),
                None => format!("a thin layer at the bottom of {target}"),
            });
        }
        Some(match self.contents(target_id).find(|f| f.id != p.id) {
            Some(fill) => format!(
                "in the {} inside {target}",
                words::counted(fill.name.trim(), fill.count)
            ),
            None => format!("inside {target}"),
        })
    }

    /// Fill parts in view inside `container` (not stuffing).
    fn contents(&self, container: &str) -> impl Iterator<Item = &PartState> + '_ {
        let container = container.to_string();
        self.state.parts.iter().filter(move |f| {
            f.kind == PartKind::Fill
                && !f.stuffing
                && f.placement.relation == Relation::In
                && f.placement.target.as_deref() == Some(container.as_str())
        })
    }

    /// Parts in view stuffed inside `soft_good`.
    fn stuffing(&self, soft_good: &str) -> impl Iterator<Item = &PartState> + '_ {
        let soft_good = soft_good.to_string();
        self.state.parts.iter().filter(move |f| {
            f.stuffing
                && f.placement.relation == Relation::In
                && f.placement.target.as_deref() == Some(soft_good.as_str())
        })
    }

    /// Every part in view, one line each.
    pub fn visible_parts(&self, tags: bool) -> Vec<String> {
        self.state
            .parts
            .iter()
            .map(|p| self.part_line(p, tags))
            .collect()
    }

    /// Labels of the parts new in this step.
    pub fn new_parts(&self) -> Vec<String> {
        self.state.new.iter().map(|id| self.label(id)).collect()
    }

    /// Labels of the parts this step changed (not counting new ones).
    pub fn changed_parts(&self) -> Vec<String> {
        self.state.changed.iter().map(|id| self.label(id)).collect()
    }

    /// What step k does, one imperative phrase per operation.
    pub fn actions(&self) -> Vec<String> {
        let Some(step) = self.step() else {
            return Vec::new();
        };
        step.ops.iter().map(|op| self.action(op)).collect()
    }

    fn action(&self, op: &Operation) -> String {
        match op {
            Operation::Add { part } => {
                let state = self.state.part(part);
                match state.and_then(|p| self.placement(p)) {
                    Some(place) if state.is_some_and(is_planted) => {
                        format!("plant {} {place}", self.the(part))
                    }
                    Some(place) => format!("place {} {place}", self.the(part)),
                    None => format!("add {}", self.the(part)),
                }
            }
            Operation::Remove { part } => format!("remove {}", self.the(part)),
            Operation::Cut {
                part,
                shape: Some(shape),
                ..
            } => words::cut_shape_action(&self.the(part), *shape),
            Operation::Cut {
                part,
                keep,
                fraction,
                shape: None,
            } => words::cut_action(&self.the(part), *keep, fraction.clamp(0.05, 1.0)),
            Operation::Paint { part, color } => {
                format!("paint {} {}", self.the(part), color_name(color))
            }
            Operation::Stain { part, color } => {
                format!("stain {} {}", self.the(part), color_name(color))
            }
            Operation::Fill {
                part,
                container,
                level,
            } => {
                let (fill, container) = (self.label(part), self.the(container));
                match words::level(level.clamp(0.0, 1.0)) {
                    Some("full to the top") => format!("fill {container} to the top with {fill}"),
                    Some(level) => format!("fill {container} with {fill} until it is {level}"),
                    None => format!("put a thin layer of {fill} in the bottom of {container}"),
                }
            }
            Operation::Attach { part, to, method } => {
                words::attach_action(&self.the(part), &self.the(to), *method)
            }
            Operation::Drill { part, holes } => {
                let noun = if *holes == 1 { "hole" } else { "holes" };
                format!(
                    "drill {} {noun} in {}",
                    words::number(*holes),
                    self.the(part)
                )
            }
            Operation::Wrap { part, around } => {
                format!("wrap {} around {}", self.the(part), self.the(around))
            }
            Operation::Finish { part, finish } => words::finish_action(&self.the(part), *finish),
            Operation::Fold { part, folds } => {
                words::fold_action(&self.the(part), (*folds).clamp(1, MAX_FOLDS))
            }
            Operation::Bend { part, shape } => words::bend_action(&self.the(part), *shape),
            Operation::Sew { part, to } if part == to => {
                format!("close {} with a seam along its open edge", self.the(part))
            }
            Operation::Sew { part, to } => {
                words::attach_action(&self.the(part), &self.the(to), AttachMethod::Sew)
            }
            Operation::Stuff { part, into } => {
                format!("stuff {} with {}", self.the(into), self.label(part))
            }
        }
    }

    fn future_ops(&self) -> impl Iterator<Item = &'a Operation> {
        self.plan.steps.iter().skip(self.k).flat_map(|s| &s.ops)
    }

    /// Labels of the parts that are not in view now but come into view in
    /// a later step, in the order they appear.
    pub fn future_parts(&self) -> Vec<String> {
        let mut ids: Vec<&str> = Vec::new();
        for op in self.future_ops() {
            if matches!(op, Operation::Remove { .. }) {
                continue;
            }
            for id in op.parts() {
                if !self.state.is_visible(id) && !ids.contains(&id.as_str()) {
                    ids.push(id);
                }
            }
        }
        let mut labels: Vec<String> = Vec::new();
        for id in ids {
            let label = self.label(id);
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        labels
    }

    /// For parts in view that later steps change: how they still look now
    /// ("plastic bottle: still white, not painted yet").
    pub fn not_yet(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for p in &self.state.parts {
            let mut notes: Vec<String> = Vec::new();
            for op in self.future_ops() {
                if let Some(note) = self.note(p, op) {
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                }
            }
            if !notes.is_empty() {
                lines.push(format!(
                    "{}: {}",
                    words::counted(p.name.trim(), p.count),
                    notes.join("; ")
                ));
            }
        }
        lines
    }

    fn note(&self, p: &PartState, op: &Operation) -> Option<String> {
        if let Operation::Fill {
            part, container, ..
        } = op
        {
            let empty = self.contents(&p.id).next().is_none();
            return (container == &p.id && empty && !self.state.is_visible(part))
                .then(|| "still empty".to_string());
        }
        if let Operation::Stuff { into, .. } = op {
            if into == &p.id && op.part() != &p.id {
                return (!p.stuffed).then(|| "still flat and empty, not stuffed yet".to_string());
            }
        }
        if op.part() != &p.id {
            return None;
        }
        let colour = color_name(&p.color);
        match op {
            Operation::Cut { shape: Some(_), .. } if p.cut_shape.is_none() => {
                Some("still a whole piece, no shape cut out yet".into())
            }
            Operation::Cut { shape: None, .. } if p.cut.is_none() => {
                Some("still whole, not cut yet".into())
            }
            Operation::Fold { .. } if p.folds == 0 => Some("still flat, not folded yet".into()),
            Operation::Bend { shape, .. } if p.bend.is_none() => {
                Some(words::not_bent(*shape).to_string())
            }
            Operation::Sew { to, .. } if to == &p.id && !p.is_sewn_shut() => {
                Some("still open along one edge, not sewn shut yet".into())
            }
            Operation::Sew { to, .. }
                if to != &p.id && self.state.is_visible(to) && !p.seams.contains(to) =>
            {
                Some(format!("not yet sewn to {}", self.the(to)))
            }
            // A later coat of the colour it already has changes nothing
            // that shows.
            Operation::Paint { color, .. } | Operation::Stain { color, .. }
                if color_name(color) == colour =>
            {
                None
            }
            Operation::Paint { .. } => Some(format!("still {colour}, not painted yet")),
            Operation::Stain { .. } => Some(format!("still {colour}, not stained yet")),
            Operation::Finish { finish, .. } if !p.finishes.contains(finish) => {
                Some(words::not_finished(*finish).to_string())
            }
            Operation::Drill { .. } if p.holes == 0 => Some("no holes yet".into()),
            Operation::Attach { to, method, .. }
                if self.state.is_visible(to) && p.attached_to.iter().all(|(t, _)| t != to) =>
            {
                Some(format!(
                    "not yet {}",
                    words::attached_state(&self.the(to), *method)
                ))
            }
            Operation::Wrap { around, .. }
                if self.state.is_visible(around) && p.placement.target.as_ref() != Some(around) =>
            {
                Some(format!("not yet wrapped around {}", self.the(around)))
            }
            _ => None,
        }
    }

    /// The items of a flat lay: the parts this step brings into view, or
    /// else every part of the plan as first added; then the request's
    /// materials that no part accounts for.
    pub fn flat_lay_items(&self) -> Vec<String> {
        let mut items: Vec<String> = if self.state.parts.is_empty() {
            let empty = StepState::default();
            self.plan
                .parts
                .iter()
                .map(|part| {
                    let step = PlanStep {
                        number: 0,
                        title: String::new(),
                        ops: vec![Operation::Add {
                            part: part.id.clone(),
                        }],
                        tools: Vec::new(),
                        materials_only: true,
                        complete: false,
                    };
                    crate::state::apply_step(self.plan, &empty, &step)
                })
                .filter_map(|s| s.parts.into_iter().next())
                .map(|p| self.plain_line(&p))
                .collect()
        } else {
            self.state
                .parts
                .iter()
                .map(|p| self.plain_line(p))
                .collect()
        };
        let names: Vec<String> = self
            .plan
            .parts
            .iter()
            .map(|p| p.name.trim().to_lowercase())
            .collect();
        for material in &self.request.materials {
            let m = material.trim().to_lowercase();
            let covered = m.is_empty()
                || names
                    .iter()
                    .any(|n| !n.is_empty() && (m.contains(n) || n.contains(&m)));
            if !covered {
                items.push(material.trim().to_string());
            }
        }
        items
    }

    /// The tools this step uses, as words.
    pub fn tools(&self) -> Vec<String> {
        let planned: Vec<String> = self
            .step()
            .map(|s| s.tools.iter().map(|t| t.label().to_string()).collect())
            .unwrap_or_default();
        if !planned.is_empty() {
            return planned;
        }
        self.k
            .checked_sub(1)
            .and_then(|i| self.request.steps.get(i))
            .map(|s| s.tools.iter().map(|t| t.trim().to_string()).collect())
            .unwrap_or_default()
    }
}

/// A plant set into a container.
fn is_planted(p: &PartState) -> bool {
    p.kind == PartKind::Plant
        && p.placement.relation == Relation::In
        && p.placement.target.is_some()
}

/// "white plastic", "plastic, painted terracotta", "dark brown".
fn appearance(p: &PartState, colour_op: Option<(&str, &Color)>) -> String {
    let name = p.name.to_lowercase();
    let material = words::material(p.material)
        .filter(|m| !matches!(p.kind, PartKind::Fill | PartKind::Plant) && !name.contains(m));
    match (colour_op, material) {
        (Some((verb, colour)), Some(m)) => format!("{m}, {verb} {}", color_name(colour)),
        (Some((verb, colour)), None) => format!("{verb} {}", color_name(colour)),
        (None, Some(m)) => format!("{} {m}", color_name(&p.color)),
        (None, None) => color_name(&p.color).to_string(),
    }
}

/// "about 10 cm wide and 16 cm tall", with "each" for several copies.
fn sized(p: &PartState) -> String {
    let size = words::size(p.size);
    if p.count > 1 {
        format!("each {size}")
    } else {
        size
    }
}
