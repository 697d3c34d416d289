//! Turns noun phrases into parts: finds the part a phrase refers to, or
//! creates it the first time a step uses it.

use super::clause::Phrase;
use super::color::ColorMatch;
use super::lexicon::{self, Consumable, Noun, Role};
use plan::model::{Color, Material, Part, PartId, PartKind, Placement, Relation, Tool, Unresolved};

/// What the head of a phrase is.
#[derive(Clone, Debug)]
pub enum Head {
    /// "it", "them".
    Focus,
    /// A drawn part or a fill.
    Thing(Noun),
    /// A feature of another part ("the neck of the jar").
    Feature {
        owner: Option<Phrase>,
    },
    /// Pieces of another part ("circles of plywood").
    Piece {
        of: Option<Phrase>,
        kind: Option<PartKind>,
    },
    Tool(Tool),
    Consumable(Consumable, Vec<ColorMatch>),
    /// The project itself ("hang your new clock").
    Whole,
    /// The wall, the table; time, patterns.
    Nothing,
    /// A noun the lexicon does not know.
    Unknown,
}

/// What pieces cut from a source are made of.
#[derive(Clone, Debug)]
pub struct PieceSource {
    pub material: Material,
    pub color: Color,
    /// The source part's size, when it is a part.
    pub size: Option<[f64; 3]>,
}

/// A material from the request's materials list.
#[derive(Clone, Debug)]
pub struct MaterialInfo {
    pub canonical: String,
    /// The material's own words, whose lexicon entry gives the defaults
    /// ("glass wine bottle" is a wine bottle even where a step says "bottle").
    pub words: Vec<String>,
    pub name: String,
    /// Every word of the entry as listed, piece words too ("cardboard
    /// roll"), so that "the roll" in a step finds it.
    pub listed: Vec<String>,
    pub count: Option<u32>,
    pub color: Option<Color>,
    /// The form it was listed in ("sheet" in "a sheet of copy paper"), so
    /// that "the sheet" in a step is the paper.
    pub form: Option<String>,
}

impl MaterialInfo {
    /// The material as a phrase a step could have written.
    pub fn phrase(&self) -> Phrase {
        Phrase {
            words: self.words.clone(),
            written: self.name.split_whitespace().map(str::to_string).collect(),
            ..Phrase::default()
        }
    }
}

/// The parts found so far and what the text is currently talking about.
#[derive(Default)]
pub struct PartRegistry {
    pub parts: Vec<Part>,
    /// The canonical noun of each part, parallel to `parts`.
    pub nouns: Vec<String>,
    /// The step each part was first named in, parallel to `parts`.
    pub(crate) born: Vec<u32>,
    /// Parts whose count no text gave ("the caps": three, "the blade":
    /// one), to be replaced by the first count the text gives ("both
    /// caps", "four blades").
    pub(crate) guessed: Vec<PartId>,
    /// Counts the text gave for things not yet parts ("mark the centre of
    /// 2 paper plates" before "glue the plates"), by canonical noun.
    pub(crate) heard: std::collections::HashMap<String, u32>,
    /// Parts in view after the operations emitted so far.
    pub present: Vec<PartId>,
    /// The part the text last acted on ("it").
    pub focus: Option<PartId>,
    /// Parts cut into pieces, latest last: "the strips" later are theirs.
    pub(crate) cut_into_pieces: Vec<PartId>,
    pub materials: Vec<MaterialInfo>,
    /// Words of the project's title that name the whole build.
    pub whole_words: Vec<String>,
    /// The title's head noun ("candle" in "Make a Cinnamon Scented
    /// Candle"), and the part it came to stand for.
    pub title_head: Option<String>,
    pub(crate) title_part: Option<PartId>,
    /// The step each part was last placed in.
    pub(crate) placed_in: std::collections::HashMap<PartId, u32>,
    /// The parts the last clause that handled several acted on, for
    /// "them".
    pub(crate) group: Vec<PartId>,
    /// Set while the things a clause moves are resolved: "put the headband
    /// through the hole" moves a part, never the whole build.
    pub(crate) moving: bool,
    pub unresolved: Vec<Unresolved>,
    pub step: u32,
    /// The sentence being read says something is being made ("to create
    /// a cylinder", "by wrapping", "shape it into"): a thing brought in
    /// only to wrap around is then a former.
    pub(crate) forming: bool,
    /// Parts brought in as formers ("roll the newspaper around the can to
    /// create a cylinder"), with the step that used them.
    pub(crate) formers: Vec<(PartId, u32)>,
    /// The last step that named each part.
    pub(crate) named_in: std::collections::HashMap<PartId, u32>,
    /// Set while [`PartRegistry::look_up`] resolves.
    pub(crate) quiet: bool,
    /// Parts cut from a source as named pieces ("the front, back and
    /// side panels from the board"), found again by the words of their
    /// names.
    pub(crate) pieces: Vec<PartId>,
    /// The last clause that did something to a part, for "do the same
    /// with the other hangers" and "repeat for all the bags".
    pub(crate) last_done: Option<crate::clause::Clause>,
}

impl PartRegistry {
    pub fn classify(&self, phrase: &Phrase) -> Head {
        if phrase.pronoun && phrase.words.is_empty() {
            return Head::Focus;
        }
        if phrase.personal && phrase.words.len() == 1 && is_body_part(&phrase.words[0]) {
            // "put your hand in the sock": the maker's own hand.
            return Head::Nothing;
        }
        // "keep an eye on it": no eye of the build.
        if phrase.words.len() == 1
            && phrase.words[0] == "eye"
            && !phrase.plural
            && phrase.count.is_none()
            && !phrase.definite
        {
            return Head::Nothing;
        }
        let words = &phrase.words;
        if let Some(head) = self.paint_named_with_colour(phrase) {
            return head;
        }
        // "after gluing", "start sanding": the "-ing" form of a verb
        // stepcast knows, bare and no thing its lexicon names, is the
        // work ("the quilting", "stuffing" are things).
        if let [.., last] = words.as_slice() {
            if last.ends_with("ing")
                && !phrase.definite
                && !phrase.personal
                && crate::verbs::verb(last).is_some()
                && lexicon::lookup(last).is_none()
                && self.materials.iter().all(|m| m.words.last() != Some(last))
            {
                return Head::Nothing;
            }
        }
        let Some((noun, used)) = lexicon::lookup_tail(words) else {
            let last = words.last().map(String::as_str).unwrap_or_default();
            // "Make a Seashell Planter": the planter is the build, but
            // "your seashells" are many things that go on it.
            let other_title_word = phrase.plural && self.title_head.as_deref() != Some(last);
            if self.whole_words.iter().any(|w| w == last) && !other_title_word {
                return Head::Whole;
            }
            if let Some(of) = &phrase.of {
                // "a bunch of herbs": the head is a quantity word.
                if lexicon::lookup_tail(&of.words).is_some() {
                    return Head::Piece {
                        of: Some((**of).clone()),
                        kind: None,
                    };
                }
            }
            if !could_be_noun(last) && words.len() > 1 {
                let shorter = noun_end(phrase);
                // "fix empty places": what is left is a describing word.
                if shorter
                    .words
                    .last()
                    .is_some_and(|w| super::words::is_adjective(w) && lexicon::lookup(w).is_none())
                {
                    return Head::Nothing;
                }
                return self.classify(&shorter);
            }
            if names_no_thing(last) || self.names_a_person(last) || !could_be_noun(last) {
                return Head::Nothing;
            }
            return Head::Unknown;
        };
        let prefix = || {
            let rest = &words[..words.len() - used];
            let owner = Phrase {
                words: rest.to_vec(),
                written: phrase.written[..phrase.written.len().saturating_sub(used)].to_vec(),
                plural: phrase.plural,
                count: phrase.count,
                fresh: phrase.fresh,
                ..Phrase::default()
            };
            // Only a prefix that itself names a thing is an owner; "empty
            // places" are no empties.
            let describes = rest
                .last()
                .is_some_and(|w| crate::wordnet::mostly_adjective(w));
            lexicon::lookup_tail(rest)
                .filter(|(n, _)| matches!(n.role, Role::Part(_) | Role::Fill(..)) && !describes)
                .map(|_| owner)
        };
        // "a wooden spoon handle", "the socket shell", "the threaded
        // nipple of the socket": a handle, shell, terminal or nipple named
        // with what it belongs to is that thing's, not a part of its own.
        if matches!(noun.canonical, "handle" | "shell" | "terminal" | "nipple") {
            let of_thing = phrase
                .of
                .as_deref()
                .filter(|of| matches!(self.classify(of), Head::Thing(_)))
                .cloned();
            if let Some(mut owner) = prefix().or(of_thing) {
                // "a wooden spoon handle" counts handles, not spoons.
                owner.count = None;
                owner.plural = false;
                return Head::Feature { owner: Some(owner) };
            }
        }
        match noun.role {
            // "a sheet of foam", "a ball of yarn": the thing, in that form.
            Role::Part(d)
                if lexicon::is_form(noun.canonical)
                    && phrase
                        .of
                        .as_deref()
                        .is_some_and(|of| matches!(self.classify(of), Head::Thing(_))) =>
            {
                Head::Piece {
                    of: phrase.of.as_deref().cloned(),
                    kind: Some(d.kind),
                }
            }
            // "the sheet" when the list says "a sheet of copy paper".
            Role::Part(d) if phrase.of.is_none() && self.listed_form(noun.canonical).is_some() => {
                Head::Piece {
                    of: self.listed_form(noun.canonical),
                    kind: Some(d.kind),
                }
            }
            Role::Part(_) | Role::Fill(..) => Head::Thing(noun),
            Role::Feature => Head::Feature {
                owner: phrase
                    .possessor
                    .as_deref()
                    .or(phrase.of.as_deref())
                    .cloned()
                    .or_else(prefix),
            },
            Role::Shape(kind) => Head::Piece {
                of: phrase
                    .of
                    .as_deref()
                    .cloned()
                    .or_else(prefix)
                    .or_else(|| self.listed_owner(words)),
                kind,
            },
            Role::Tool(tool) => Head::Tool(tool),
            Role::Consumable(c) => {
                let mut colors = phrase.colors.clone();
                if let Some(of) = &phrase.of {
                    colors.extend(of.colors.iter().cloned());
                }
                Head::Consumable(c, colors)
            }
            // "the paper pattern", "a cardboard template": made of the part.
            Role::Abstract if prefix().is_some() => match prefix() {
                Some(owner) => self.classify(&owner),
                None => Head::Nothing,
            },
            // "your diffuser material": some material, named by its use.
            Role::Abstract if noun.canonical == "material" && words.len() > used => Head::Unknown,
            Role::Environment | Role::Abstract => Head::Nothing,
        }
    }

    /// "acrylic bronze colour", "white acrylic": a paint named around its
    /// colour, which the colour words hide from the lexicon.
    fn paint_named_with_colour(&self, phrase: &Phrase) -> Option<Head> {
        if phrase.colors.is_empty() {
            return None;
        }
        let plain: Vec<String> = phrase
            .words
            .iter()
            .filter(|w| super::color::match_color(&[w.as_str()]).is_none())
            .cloned()
            .collect();
        if plain.len() == phrase.words.len() || plain.is_empty() {
            return None;
        }
        match lexicon::lookup_tail(&plain) {
            Some((noun, used)) if used == plain.len() => match noun.role {
                Role::Consumable(c) => Some(Head::Consumable(c, phrase.colors.clone())),
                _ => None,
            },
            _ => None,
        }
    }

    /// The material listed in a form ("a sheet of copy paper"), as a phrase.
    fn listed_form(&self, form: &str) -> Option<Phrase> {
        let material = self
            .materials
            .iter()
            .find(|m| m.form.as_deref() == Some(form))?;
        Some(material.phrase())
    }

    /// "the roll" when the materials list "cardboard roll": the listed
    /// thing the piece word belongs to.
    fn listed_owner(&self, words: &[String]) -> Option<Phrase> {
        let [head] = words else {
            return None;
        };
        let material = self.materials.iter().find(|m| {
            m.listed.len() > 1 && m.listed.last() == Some(head) && m.words.len() < m.listed.len()
        })?;
        Some(material.phrase())
    }

    /// The consumable a phrase names, directly or through "a coat of".
    pub fn consumable(&self, phrase: &Phrase) -> Option<(Consumable, Vec<ColorMatch>)> {
        match self.classify(phrase) {
            Head::Consumable(c, colors) => Some((c, colors)),
            Head::Piece { of: Some(of), .. } => self.consumable(&of),
            _ => None,
        }
    }

    /// The parts a phrase refers to. With `create`, a part used for the
    /// first time is created; unknown nouns become generic parts.
    pub fn resolve(&mut self, phrase: &Phrase, create: bool) -> Vec<PartId> {
        self.resolve_as(phrase, create, None)
    }

    fn resolve_as(&mut self, phrase: &Phrase, create: bool, kind: Option<PartKind>) -> Vec<PartId> {
        let ids = self.resolve_phrase(phrase, create, kind);
        if !self.quiet {
            for id in &ids {
                self.named_in.insert(id.clone(), self.step);
            }
        }
        ids
    }

    /// The parts a phrase names, found for a report ("named, but no change
    /// to it was understood") rather than because a step acts on them: the
    /// lookup does not count as naming them.
    pub fn look_up(&mut self, phrase: &Phrase) -> Vec<PartId> {
        self.quiet = true;
        let ids = self.resolve(phrase, false);
        self.quiet = false;
        ids
    }

    fn resolve_phrase(
        &mut self,
        phrase: &Phrase,
        create: bool,
        kind: Option<PartKind>,
    ) -> Vec<PartId> {
        // "Make more puppets": the whole project again, not a part of it.
        if phrase.fresh && phrase.words.last() == self.title_head.as_ref() {
            return Vec::new();
        }
        let cut = self.cut_pieces_named(phrase);
        if !cut.is_empty() {
            return cut;
        }
        if let Some(id) = self.title_part(phrase) {
            return vec![id];
        }
        if let Some(all) = self.everything_listed(phrase, create) {
            return all;
        }
        match self.classify(phrase) {
            Head::Focus if phrase.plural && self.group.len() > 1 => self.group.clone(),
            Head::Focus => self.focus.clone().into_iter().collect(),
            Head::Thing(noun) => self
                .part_for(&noun, phrase, create, kind)
                .into_iter()
                .collect(),
            Head::Feature { owner: Some(owner) } => self.resolve_as(&owner, create, None),
            Head::Piece { of: Some(of), kind } => {
                let mut of = of;
                if of.count.is_none() {
                    of.count = phrase.count;
                }
                // "your piece of art": known as the piece is; "one more
                // strip of clay": another piece, a part of its own.
                of.definite |= phrase.definite;
                of.fresh |= phrase.fresh;
                let known = self.parts.len();
                let ids = self.resolve_as(&of, create, kind);
                // "two strips of duct tape": a part cut to a shape is
                // named by it.
                let shape = phrase.written.last().filter(|w| {
                    matches!(
                        super::words::singular(&w.to_lowercase()).as_str(),
                        "strip" | "square" | "circle" | "rectangle" | "triangle" | "disc" | "disk"
                    )
                });
                let unseen = |id: &PartId| self.parts.len() > known || !self.present.contains(id);
                if let (Some(shape), [id], true) =
                    (shape, ids.as_slice(), ids.first().is_some_and(unseen))
                {
                    let shape = shape.to_lowercase();
                    let fresh = self.parts.len() > known;
                    if let Some(part) = self.part_mut(id) {
                        part.name = format!("{} {shape}", part.name);
                        // "a strip of clay" made now: long and thin, not
                        // the lump it came from.
                        if fresh && super::words::singular(&shape) == "strip" {
                            let long = part.size.iter().copied().fold(1.0, f64::max);
                            part.size = [long * 1.5, (long / 10.0).min(1.0), long / 5.0];
                        }
                    }
                }
                // "Sew two pieces of heart fabric": the fabric in view is
                // now two pieces.
                // "80 rows of stitches", "two layers of paint" are how it
                // is made, not how many there are.
                let courses = phrase
                    .words
                    .last()
                    .is_some_and(|w| matches!(w.as_str(), "row" | "layer" | "round" | "coat"));
                if let (Some(n @ 2..), [id], false) = (phrase.count, ids.as_slice(), courses) {
                    if let Some(part) = self.part_mut(id).filter(|p| p.count == 1) {
                        part.count = n.min(100);
                    }
                }
                ids
            }
            Head::Piece { of: None, .. } if self.named_piece(phrase).is_some() => {
                self.named_piece(phrase).into_iter().collect()
            }
            // "stick it to the roll": the piece of that shape in view,
            // else the part in focus.
            Head::Piece {
                of: None,
                kind: Some(kind),
            } => self
                .present
                .iter()
                .rev()
                .find(|id| self.kind(id) == Some(kind))
                .or(self.focus.as_ref())
                .cloned()
                .into_iter()
                .collect(),
            Head::Feature { owner: None } | Head::Piece { of: None, .. } => {
                self.focus.clone().into_iter().collect()
            }
            Head::Unknown if create => vec![self.generic_part(&noun_end(phrase))],
            // "the gizmo", "each part C" once it was brought in: that part.
            Head::Unknown if self.generic_named(phrase).is_some() => {
                self.generic_named(phrase).into_iter().collect()
            }
            Head::Unknown => {
                self.note(phrase.name(), "unknown noun, not drawn");
                Vec::new()
            }
            // "Set the luminary on a heat-safe surface and fill it with
            // sand": the thing the title makes is the build's hub.
            // Only the title's own head: "your seashells" in "Make a
            // Seashell Planter" are no planter.
            Head::Whole
                if !self.moving
                    && phrase
                        .words
                        .last()
                        .map(|w| super::words::singular(w))
                        .as_ref()
                        == self.title_head.as_ref() =>
            {
                self.hub(|_| true).into_iter().collect()
            }
            _ => Vec::new(),
        }
    }

    /// The build's hub: of the parts in view that rest on nothing (and
    /// pass `keep`, given a part's index), the one most others rest on, in
    /// or against; the oldest of equals.
    pub fn hub(&self, keep: impl Fn(&Part) -> bool) -> Option<PartId> {
        let holds = |id: &str| {
            self.present
                .iter()
                .filter(|other| {
                    self.part(other)
                        .is_some_and(|p| p.placement.target.as_deref() == Some(id))
                })
                .count()
        };
        // Resting on a part no longer there (the balloon a yarn ball dried
        // on) is resting on nothing.
        let rests = |p: &Part| {
            p.placement
                .target
                .as_ref()
                .is_some_and(|t| self.present.contains(t))
        };
        self.parts
            .iter()
            .enumerate()
            .filter(|(_, p)| self.present.contains(&p.id))
            .filter(|(_, p)| !rests(p) && p.kind != PartKind::Fill && keep(p))
            // Most held first, then the oldest.
            .max_by_key(|(i, p)| (holds(&p.id), std::cmp::Reverse(*i)))
            .map(|(_, p)| p.id.clone())
    }

    /// Whether a phrase names all the things gathered ("all the things",
    /// "everything").
    pub fn names_everything(phrase: &Phrase) -> bool {
        matches!(
            phrase.words.as_slice(),
            [w] if w == "everything" || matches!(w.as_str(), "thing" | "material" | "item" | "supply")
                && phrase.plural
                && phrase.definite
        )
    }

    /// "Arrange all the things", "everything": every listed material that
    /// is a part and not yet in view.
    fn everything_listed(&mut self, phrase: &Phrase, create: bool) -> Option<Vec<PartId>> {
        if !Self::names_everything(phrase) || !create {
            return None;
        }
        // Each listed part not used yet, as itself: "bottle caps" are caps
        // of their own, not the lid of the box in view.
        let listed: Vec<Phrase> = self
            .materials
            .iter()
            .filter(|m| {
                lexicon::lookup_tail(&m.words).is_some_and(|(n, _)| {
                    matches!(n.role, Role::Part(_)) && !self.nouns.iter().any(|c| c == n.canonical)
                })
            })
            .map(|m| Phrase {
                fresh: true,
                plural: m.words.len() != m.listed.len() || m.count.is_some_and(|c| c > 1),
                count: m.count,
                ..m.phrase()
            })
            .collect();
        let mut ids = Vec::new();
        for material in listed {
            for id in self.resolve(&material, true) {
                if !self.present.contains(&id) && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        (!ids.is_empty()).then_some(ids)
    }

    /// "Pour the wax into the candle" while making a candle: the thing the
    /// title names, spoken of as known before any part is called so, is
    /// the build in view: its base, the oldest part resting on nothing.
    fn title_part(&mut self, phrase: &Phrase) -> Option<PartId> {
        let head = phrase.words.last()?;
        // "your piece of art", "your creation": the build, whatever the
        // title calls it.
        let whole = matches!(
            head.as_str(),
            "art" | "artwork" | "creation" | "masterpiece" | "handiwork"
        );
        if !whole && self.title_head.as_ref() != Some(head)
            || phrase.fresh
            || phrase.count.is_some()
        {
            return None;
        }
        if let Some(id) = &self.title_part {
            return Some(id.clone());
        }
        let named = self.nouns.iter().any(|n| n == head)
            || self
                .parts
                .iter()
                .any(|p| p.name.split_whitespace().any(|w| singular_eq(w, head)));
        if !phrase.definite || self.moving && !whole || named {
            return None;
        }
        // Only a part from an earlier step: one named in this step is what
        // the step does something to the build with.
        let base = self.hub(|part| self.born_earlier(&part.id))?;
        self.title_part = Some(base.clone());
        Some(base)
    }

    /// Keeps the count a phrase states ("four blades", "2 paper plates")
    /// for the thing it names when that is no part yet; with
    /// `replace_guess`, also gives it to a part whose count no text gave.
    pub fn hear_count(&mut self, phrase: &Phrase, replace_guess: bool) {
        let Some(n @ 2..) = phrase.count else {
            return;
        };
        let Head::Thing(noun) = self.classify(phrase) else {
            return;
        };
        match self.nouns.iter().rposition(|c| c == noun.canonical) {
            Some(i) if replace_guess => self.count_guessed(i, n),
            Some(_) => {}
            None => {
                self.heard.insert(noun.canonical.to_string(), n);
            }
        }
    }

    /// Gives part `i` the count `n` if its count was a guess.
    fn count_guessed(&mut self, i: usize, n: u32) {
        let id = &self.parts[i].id;
        if let Some(at) = self.guessed.iter().position(|g| g == id) {
            self.guessed.remove(at);
            self.parts[i].count = n.min(100);
        }
    }

    /// Whether a part was first named in an earlier step than this one.
    /// Whether a part was first named in the step being read.
    pub(crate) fn born_now(&self, id: &str) -> bool {
        self.parts
            .iter()
            .position(|p| p.id == id)
            .and_then(|i| self.born.get(i))
            .is_some_and(|&step| step == self.step)
    }

    pub(crate) fn born_earlier(&self, id: &str) -> bool {
        self.parts
            .iter()
            .position(|p| p.id == id)
            .and_then(|i| self.born.get(i))
            .is_some_and(|&b| b < self.step)
    }

    /// A tool or a piece of the surroundings the text builds into the
    /// project ("place two pencils over the jar", "build the walls"), made
    /// a part of the kind the thing is.
    pub fn resolve_built_in(&mut self, phrase: &Phrase) -> Option<PartId> {
        let noun = lexicon::built_in_part(&phrase.words)?;
        self.part_for(&noun, phrase, true, None)
    }

    /// "the heart" after "two pieces of heart fabric", "the circle" after
    /// "a foam circle": a definite shape word that a part in view is
    /// named with.
    /// The pieces cut from a source whose names hold every word of the
    /// phrase: "the front panel", "the sides", "the roof panels"; all of
    /// them for a plural that fits several ("the panels").
    pub(crate) fn cut_pieces_named(&self, phrase: &Phrase) -> Vec<PartId> {
        if phrase.words.is_empty() || phrase.fresh || self.pieces.is_empty() {
            return Vec::new();
        }
        let fits: Vec<PartId> = self
            .pieces
            .iter()
            .filter(|id| {
                self.part(id).is_some_and(|p| {
                    let name: Vec<String> = p
                        .name
                        .split_whitespace()
                        .map(|w| super::words::singular(&w.to_lowercase()))
                        .collect();
                    phrase.words.iter().all(|w| name.contains(w))
                })
            })
            .cloned()
            .collect();
        match fits.len() {
            0 | 1 => fits,
            _ if phrase.plural => fits,
            _ => fits.last().cloned().into_iter().collect(),
        }
    }

    /// The colour the materials list gives a noun ("red felt").
    pub fn listed_color(&self, noun: &Noun) -> Option<Color> {
        self.materials
            .iter()
            .find(|m| m.canonical == noun.canonical)
            .and_then(|m| m.color.clone())
    }

    /// A piece cut from a source ("the front panel" from the pine board):
    /// a part of its own, named by its phrase, of the source's material
    /// and colour, a board as thick as the source.
    pub fn create_piece(
        &mut self,
        phrase: &Phrase,
        kind: PartKind,
        source: &PieceSource,
    ) -> PartId {
        let name = phrase.written.join(" ").to_lowercase();
        let count = phrase
            .count
            .unwrap_or(if phrase.plural { 2 } else { 1 })
            .clamp(1, 100);
        // Lying flat like the stock: its thickness up, half its length,
        // its full width.
        let size = match source.size {
            Some(dims) => {
                let mut sorted = dims;
                sorted.sort_by(f64::total_cmp);
                let [thin, width, length] = sorted;
                [
                    (length * 0.5).max(5.0),
                    thin.clamp(0.1, 10.0),
                    width.max(5.0),
                ]
            }
            None => [30.0, 1.8, 20.0],
        };
        let part = Part {
            id: String::new(),
            name,
            kind,
            count,
            size,
            color: source.color.clone(),
            material: source.material,
            placement: Placement::default(),
        };
        // The whole name, so that "front panel" and "back panel" are told
        // apart and get ids of their own.
        let canonical = if phrase.words.is_empty() {
            "piece".to_string()
        } else {
            phrase.words.join(" ")
        };
        let id = self.push(part, canonical);
        self.pieces.push(id.clone());
        id
    }

    fn named_piece(&self, phrase: &Phrase) -> Option<PartId> {
        let [head] = phrase.words.as_slice() else {
            return None;
        };
        if !phrase.definite
            || !matches!(lexicon::lookup(head).map(|n| n.role), Some(Role::Shape(_)))
        {
            return None;
        }
        self.present
            .iter()
            .rev()
            .find(|id| {
                self.part(id)
                    .is_some_and(|p| p.name.split_whitespace().any(|w| singular_eq(w, head)))
            })
            .cloned()
    }

    /// Whether the phrase names a feature or piece with no owner of its own.
    /// A piece of a shape that a part in view has ("the roll" with a
    /// cardboard tube in view) names that part instead.
    pub fn is_ownerless(&self, phrase: &Phrase) -> bool {
        if self.named_piece(phrase).is_some() || !self.cut_pieces_named(phrase).is_empty() {
            return false;
        }
        match self.classify(phrase) {
            Head::Feature { owner: None } => true,
            Head::Piece {
                of: None,
                kind: Some(kind),
            } => !self.present.iter().any(|id| self.kind(id) == Some(kind)),
            Head::Piece { of: None, .. } => true,
            _ => false,
        }
    }

    /// Whether a word names a person ("the child's top", "my daughter"),
    /// who is never drawn; a figure the project makes is named by its title
    /// (the build, found before this) or listed in its materials ("felt
    /// angel").
    fn names_a_person(&self, word: &str) -> bool {
        let word = super::words::singular(word);
        crate::wordnet::is_person(&word) && !self.materials.iter().any(|m| m.listed.contains(&word))
    }

    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id)
    }

    pub fn part_mut(&mut self, id: &str) -> Option<&mut Part> {
        self.parts.iter_mut().find(|p| p.id == id)
    }

    pub fn kind(&self, id: &str) -> Option<PartKind> {
        self.part(id).map(|p| p.kind)
    }

    /// Whether a phrase names the part itself, not a component of it.
    pub fn names(&self, id: &str, phrase: &Phrase) -> bool {
        match self.classify(phrase) {
            Head::Thing(noun) => self.noun_of(id) == Some(noun.canonical),
            Head::Focus | Head::Unknown => true,
            _ => false,
        }
    }

    fn noun_of(&self, id: &str) -> Option<&str> {
        let i = self.parts.iter().position(|p| p.id == id)?;
        self.nouns.get(i).map(String::as_str)
    }

    fn part_for(
        &mut self,
        noun: &Noun,
        phrase: &Phrase,
        create: bool,
        kind: Option<PartKind>,
    ) -> Option<PartId> {
        if !phrase.fresh {
            if let Some(i) = self.nouns.iter().rposition(|n| n == noun.canonical) {
                // "a green pipe cleaner" after a yellow one: another part.
                let other_colour = !phrase.definite
                    && phrase
                        .colors
                        .first()
                        .is_some_and(|c| c.color != self.parts[i].color);
                if !other_colour && !self.other_purpose(i, phrase, noun) {
                    if let Some(n) = phrase.count.filter(|&n| n > 1) {
                        self.count_guessed(i, n);
                    }
                    return Some(self.parts[i].id.clone());
                }
                // "the cuff fabric" after the main fabric was named: the
                // earlier part of that noun the words fit.
                let earlier = (0..i).rev().find(|&j| {
                    self.nouns[j] == noun.canonical
                        && phrase.words.len() > 1
                        && !self.other_purpose(j, phrase, noun)
                        && self.named_for(j, phrase, noun)
                });
                if let Some(j) = earlier {
                    return Some(self.parts[j].id.clone());
                }
                if !create {
                    return None;
                }
                return Some(self.create(noun, phrase, kind));
            }
            // "the second row of slats" of a pallet in view names the pallet.
            let whole = self.present.iter().find(|id| {
                self.noun_of(id)
                    .is_some_and(|w| lexicon::is_component_of(noun.canonical, w))
            });
            if let Some(id) = whole {
                return Some(id.clone());
            }
            // "the board" after "a reclaimed plank": one of a kind in view,
            // unless the materials list names both.
            // "the mounting boards" beside the shelf: a use in front
            // names a thing of its own.
            let own_use = phrase
                .words
                .iter()
                .rev()
                .nth(1)
                .is_some_and(|w| w.ends_with("ing") && says_what_for(w));
            if let (Role::Part(defaults), true, false) = (noun.role, phrase.definite, own_use) {
                let listed =
                    |canonical: &str| self.materials.iter().any(|m| m.canonical == canonical);
                let same = self.present.iter().find(|id| {
                    self.kind(id)
                        .is_some_and(|k| lexicon::same_family(k, defaults.kind))
                        && !(listed(noun.canonical) && self.noun_of(id).is_some_and(&listed))
                });
                if let Some(id) = same {
                    return Some(id.clone());
                }
            }
        }
        if !phrase.fresh && phrase.definite {
            // "the tissue" after "tissue paper": a sheet material in view
            // whose name holds the word. Not an object: "the socket" need
            // not be the "socket shell".
            let head = phrase.words.last()?;
            let named = self.present.iter().rev().find(|id| {
                self.part(id).is_some_and(|p| {
                    matches!(
                        p.kind,
                        PartKind::Paper | PartKind::Fabric | PartKind::Sheet | PartKind::Fill
                    ) && p.name.split_whitespace().any(|w| singular_eq(w, head))
                })
            });
            if let Some(id) = named {
                return Some(id.clone());
            }
        }
        if !create {
            return None;
        }
        Some(self.create(noun, phrase, kind))
    }

    /// "the exhaust tube" after "a tube of lipstick" (named "lipstick
    /// tube"): a noun in front of the head that names what the thing is
    /// for, different from the one the known part was named with, is
    /// another part. Materials and colours in front ("plastic", "red")
    /// describe, and do not count.
    fn other_purpose(&self, i: usize, phrase: &Phrase, noun: &Noun) -> bool {
        let purpose = |words: &[&str]| -> Option<String> {
            let n = words.len();
            let head = words.last()?.to_lowercase();
            // "faceplate": a closed compound's first part says what it is.
            let one = super::words::singular(&head);
            if one != noun.canonical && one.len() > noun.canonical.len() + 2 {
                return one.strip_suffix(noun.canonical).map(str::to_string);
            }
            if !singular_eq(&head, noun.canonical) || n < 2 {
                return None;
            }
            let m = words[n - 2].to_lowercase();
            says_what_for(&m).then_some(m)
        };
        let written: Vec<&str> = phrase.words.iter().map(String::as_str).collect();
        let name: Vec<&str> = self.parts[i].name.split_whitespace().collect();
        // "the mounting boards" after "the mantel" (a board by kind): a
        // purpose in front, and the known part never called by the head.
        let called_so = name
            .iter()
            .any(|w| singular_eq(&w.to_lowercase(), noun.canonical));
        match (purpose(&written), purpose(&name)) {
            (Some(a), Some(b)) => a != b,
            (Some(_), None) => !called_so,
            _ => false,
        }
    }

    /// Whether part `j`'s name holds the noun in front of the phrase's
    /// head ("cuff" of "the cuff fabric" in "¼ yard cuff fabric").
    fn named_for(&self, j: usize, phrase: &Phrase, noun: &Noun) -> bool {
        let Some(modifier) = phrase
            .words
            .iter()
            .rev()
            .find(|w| w.as_str() != noun.canonical)
        else {
            return false;
        };
        self.parts[j]
            .name
            .split_whitespace()
            .any(|w| singular_eq(&w.to_lowercase(), modifier))
    }

    fn create(&mut self, noun: &Noun, phrase: &Phrase, kind: Option<PartKind>) -> PartId {
        // "your cuff fabric" when the list has "main pillowcase fabric" and
        // "cuff fabric": the listed one its words name, else the first.
        let modifiers = &phrase.words[..phrase.words.len().saturating_sub(1)];
        let overlap = |m: &MaterialInfo| modifiers.iter().filter(|w| m.words.contains(w)).count();
        // "the exhaust tube" when the list has "lipstick tube": a thing of
        // its own, named by the text. A modifier that names another thing
        // of the project ("the jar lid") says whose it is, not what it is
        // for.
        let known_thing =
            |w: &String| self.nouns.contains(w) || self.materials.iter().any(|m| m.canonical == *w);
        let own_purpose = modifiers
            .last()
            .is_some_and(|w| !known_thing(w) && says_what_for(w));
        let material = self
            .materials
            .iter()
            .filter(|m| m.canonical == noun.canonical)
            .enumerate()
            .max_by_key(|(i, m)| (overlap(m), std::cmp::Reverse(*i)))
            .filter(|(_, m)| !own_purpose || overlap(m) > 0)
            // "the faceplate" when the list has "exhaust plate": a closed
            // compound names a thing of its own.
            .filter(|(_, m)| {
                phrase.words.last().is_none_or(|last| {
                    last == noun.canonical
                        || !last.ends_with(noun.canonical)
                        || m.words.contains(last)
                })
            })
            .map(|(_, m)| m.clone());
        let name = match &material {
            Some(m) if !phrase.fresh && m.name.contains(noun.canonical) => m.name.clone(),
            _ => phrase_name(phrase, noun),
        };
        // "the other 5 shells": five more than the one made so far.
        let others = u32::from(phrase.others && phrase.count.is_some());
        let heard = self
            .heard
            .get(noun.canonical)
            .copied()
            .filter(|_| phrase.plural && !phrase.fresh);
        let count = phrase
            .count
            .map(|n| n + others)
            .or(material.as_ref().and_then(|m| m.count))
            .or(heard)
            .unwrap_or(if phrase.plural { 3 } else { 1 })
            .clamp(1, 100);
        // No count written: "the blade", "the caps". A count the text
        // gives later replaces it.
        let guessed = phrase.count.is_none()
            && material.as_ref().and_then(|m| m.count).is_none()
            && heard.is_none();
        let color = phrase
            .colors
            .first()
            .map(|c| c.color.clone())
            .or(material.as_ref().and_then(|m| m.color.clone()));
        let listed = material
            .as_ref()
            .filter(|_| !phrase.fresh)
            .and_then(|m| lexicon::lookup_tail(&m.words))
            .filter(|(n, _)| n.canonical == noun.canonical)
            .map(|(n, _)| n);
        let noun = listed.as_ref().unwrap_or(noun);
        let adjective_material = material
            .as_ref()
            .map(|m| m.words.as_slice())
            .into_iter()
            .chain(std::iter::once(phrase.words.as_slice()))
            .flatten()
            .find_map(|w| material_word(w));
        let part = match noun.role {
            Role::Fill(fill_material, hex) => Part {
                id: String::new(),
                name,
                kind: PartKind::Fill,
                count,
                size: [1.0, 1.0, 1.0],
                color: color.unwrap_or_else(|| Color(hex.to_string())),
                material: fill_material,
                placement: Placement::default(),
            },
            Role::Part(d) => {
                let kind = kind.unwrap_or(d.kind);
                let size = match (kind, d.kind) {
                    (PartKind::Disc, k) if k != PartKind::Disc => [
                        d.size[0].max(d.size[2]) * 0.5,
                        d.size[1].min(2.0),
                        d.size[0].max(d.size[2]) * 0.5,
                    ],
                    // "a cardboard roll": a roll of the material, as tall
                    // as a kitchen roll core.
                    (PartKind::Tube, k) if k != PartKind::Tube => [5.0, 12.0, 5.0],
                    _ => d.size,
                };
                Part {
                    id: String::new(),
                    name,
                    kind,
                    count,
                    size,
                    color: color.unwrap_or_else(|| Color(d.color.to_string())),
                    material: adjective_material.unwrap_or(d.material),
                    placement: Placement::default(),
                }
            }
            // Only parts and fills reach here; anything else is drawn generic.
            _ => return self.generic_part(phrase),
        };
        let id = self.push(part, noun.canonical.to_string());
        if guessed {
            self.guessed.push(id.clone());
        }
        id
    }

    /// "Fill the trash can with yard waste": a thing nobody knows, poured
    /// or packed into a container, is drawn as a fill.
    pub fn unknown_fill(&mut self, phrase: &Phrase) -> Option<PartId> {
        if !matches!(self.classify(phrase), Head::Unknown) {
            return None;
        }
        let id = self.generic_part(phrase);
        if let Some(part) = self.part_mut(&id) {
            if part.kind == PartKind::Generic {
                part.kind = PartKind::Fill;
                part.count = 1;
                part.size = [1.0, 1.0, 1.0];
            }
        }
        Some(id)
    }

    /// The part an unknown noun already made, by its noun.
    fn generic_named(&self, phrase: &Phrase) -> Option<PartId> {
        let canonical = noun_end(phrase).words.last()?.clone();
        let i = self.nouns.iter().rposition(|n| *n == canonical)?;
        Some(self.parts.get(i)?.id.clone())
    }

    fn generic_part(&mut self, phrase: &Phrase) -> PartId {
        let name = phrase.name();
        let canonical = phrase
            .words
            .last()
            .cloned()
            .unwrap_or_else(|| "part".into());
        if let Some(i) = self.nouns.iter().position(|n| *n == canonical) {
            return self.parts[i].id.clone();
        }
        // "part A" of a woodworking plan: a piece of wood, named as written.
        if super::words::is_lettered_piece(&canonical) {
            let part = Part {
                id: String::new(),
                name: lettered_name(&canonical),
                kind: PartKind::Board,
                count: phrase
                    .count
                    .unwrap_or(if phrase.plural { 2 } else { 1 })
                    .clamp(1, 100),
                size: [30.0, 2.0, 12.0],
                color: Color(lexicon::material_color(Material::Wood).into()),
                material: Material::Wood,
                placement: Placement::default(),
            };
            return self.push(part, canonical);
        }
        self.note(name.clone(), "unknown noun, drawn as a generic part");
        let part = Part {
            id: String::new(),
            name,
            kind: PartKind::Generic,
            count: phrase
                .count
                .unwrap_or(if phrase.plural { 3 } else { 1 })
                .clamp(1, 100),
            size: [10.0, 10.0, 10.0],
            color: phrase
                .colors
                .first()
                .map(|c| c.color.clone())
                .unwrap_or_else(|| Color("#b9a58a".into())),
            material: Material::Other,
            placement: Placement::default(),
        };
        self.push(part, canonical)
    }

    fn push(&mut self, mut part: Part, canonical: String) -> PartId {
        let base = slug(&canonical);
        let mut id = base.clone();
        let mut n = 2;
        while self.parts.iter().any(|p| p.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        part.id = id.clone();
        self.parts.push(part);
        self.nouns.push(canonical);
        self.born.push(self.step);
        id
    }

    /// Records what the extractor met but did not use.
    pub fn note(&mut self, text: String, note: &str) {
        let step = self.step;
        if text.is_empty()
            || self
                .unresolved
                .iter()
                .any(|u| u.step == step && u.text == text)
        {
            return;
        }
        self.unresolved.push(Unresolved {
            step,
            text,
            note: note.to_string(),
        });
    }

    /// Sets where a part ends up, unless that would make a placement cycle.
    pub fn place(&mut self, id: &str, relation: Relation, target: Option<&str>) {
        if let Some(t) = target {
            if t == id || self.chain(t).iter().any(|p| p == id) {
                return;
            }
        }
        let step = self.step;
        if let Some(part) = self.part_mut(id) {
            part.placement = Placement {
                relation,
                target: target.map(str::to_string),
            };
            self.placed_in.insert(id.to_string(), step);
        }
    }

    /// Whether a part was placed on another part in view in an earlier
    /// step: it stays there when it is joined to something else later.
    pub fn settled(&self, id: &str, other_than: &str) -> bool {
        let on = self.part(id).and_then(|p| p.placement.target.clone());
        on.is_some_and(|t| self.present.contains(&t) && t != other_than)
            && self.placed_in.get(id).is_some_and(|&s| s < self.step)
    }

    /// The placement chain above a part: its target, the target's target...
    pub fn chain(&self, id: &str) -> Vec<PartId> {
        let mut out = Vec::new();
        let mut current = self.part(id).and_then(|p| p.placement.target.clone());
        while let Some(t) = current {
            if out.contains(&t) || out.len() > self.parts.len() {
                break;
            }
            current = self.part(&t).and_then(|p| p.placement.target.clone());
            out.push(t);
        }
        out
    }

    /// The part at the bottom of a part's placement chain.
    pub fn root(&self, id: &str) -> PartId {
        self.chain(id)
            .last()
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// Whether a word in front of a head noun is itself a noun that says what
/// the thing is or is for ("exhaust" tube, "lipstick" tube), not a
/// material, colour or adjective that only describes it.
fn says_what_for(word: &str) -> bool {
    // "mounting board", "mixing bowl": a use named by its verb.
    let use_of = word.ends_with("ing") && crate::verbs::verb(word).is_some();
    (use_of || crate::wordnet::is_noun(word) || lexicon::lookup(word).is_some())
        && material_word(word).is_none()
        && super::color::match_color(&[word]).is_none()
        && !super::words::is_adjective(word)
        && crate::wordnet::pos(word).is_none_or(|p| !p.is_adj)
}

/// Parts of the maker's body, which "your" and "my" make no parts of the
/// build ("your hand", but "the puppet's arms" are).
fn is_body_part(word: &str) -> bool {
    matches!(
        super::words::singular(word).as_str(),
        "hand"
            | "finger"
            | "thumb"
            | "palm"
            | "wrist"
            | "fingertip"
            | "lap"
            | "knee"
            | "head"
            | "arm"
            | "leg"
            | "foot"
            | "face"
            | "body"
            | "hair"
            | "mouth"
            | "eye"
            | "nose"
    )
}

/// "the linear force", "the speed", "the procedure": a noun WordNet knows
/// only as an abstraction (an act, an attribute, an event), so drawing it as
/// a box would show what the text never meant.
/// A word WordNet does not know at all ("patti", "thermocol") may still be
/// a real part and stays unknown.
fn names_no_thing(word: &str) -> bool {
    crate::wordnet::is_abstract(&super::words::singular(word))
}

/// "part-a" as a reader writes it: "part A".
fn lettered_name(word: &str) -> String {
    match word.split_once('-') {
        Some((head, letter)) => format!("{head} {}", letter.trim_end_matches('s').to_uppercase()),
        None => word.to_string(),
    }
}

/// The phrase without the words after its noun ("components according
/// (to the diagram)": a run-on word the chunker kept).
fn noun_end(phrase: &Phrase) -> Phrase {
    let mut shorter = phrase.clone();
    while shorter.words.len() > 1 && shorter.words.last().is_some_and(|w| !could_be_noun(w)) {
        shorter.words.pop();
        shorter.written.pop();
    }
    shorter
}

/// Whether a phrase's last word could be a noun at all. Real writing runs
/// sentences together ("I had a few that were fixed"), and a misread clause
/// can leave a pronoun, an auxiliary, a comparison or a past participle at
/// the end of what looks like a noun phrase; such a word is never drawn.
fn could_be_noun(word: &str) -> bool {
    use super::words::{is_coordinator, is_determiner, is_pronoun, is_subordinator, prep};
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_lowercase();
    if super::words::is_lettered_piece(&lower) {
        return true;
    }
    let tail = lower.rsplit('-').next().unwrap_or(&lower);
    if tail.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    let closed = is_pronoun(tail)
        || is_determiner(tail)
        || prep(tail).is_some()
        || is_subordinator(tail)
        || is_coordinator(tail)
        || matches!(
            tail,
            "i" | "you"
                | "we"
                | "he"
                | "she"
                | "me"
                | "us"
                | "him"
                | "than"
                | "something"
                | "anything"
                | "everything"
                | "nothing"
                | "someone"
                | "anyone"
                | "everyone"
        );
    if closed {
        return false;
    }
    if crate::wordnet::noun(tail).is_some() || crate::wordnet::noun_lemma(tail).is_some() {
        return true;
    }
    // A form WordNet lists only as a verb ("were", "had", "welded") or an
    // adjective ("according"), never as a noun.
    let wordnet_verb = crate::wordnet::verb_lemma(tail).is_some_and(|lemma| lemma != tail);
    // "-ing" forms are left alone: "kindling", "tubing", "wiring" are
    // things.
    let regular_participle = tail.strip_suffix("ed").is_some_and(|stem| {
        crate::verbs::verb(stem).is_some()
            || [stem.to_string(), format!("{stem}e")]
                .iter()
                .any(|s| crate::wordnet::pos(s).is_some_and(|p| p.is_verb))
    });
    let not_a_noun = crate::wordnet::pos(tail).is_some_and(|p| !p.is_noun);
    !(wordnet_verb || regular_participle || not_a_noun)
}

/// The material an adjective names ("glass", "wooden", "rubber").
pub(crate) fn material_word(word: &str) -> Option<Material> {
    Some(match word {
        "glass" => Material::Glass,
        "plastic" | "pet" | "pvc" | "acrylic" => Material::Plastic,
        "metal" | "tin" | "steel" | "aluminium" | "aluminum" | "copper" | "iron" | "brass" => {
            Material::Metal
        }
        "wood" | "wooden" | "pine" | "oak" | "bamboo" | "plywood" => Material::Wood,
        "cardboard" | "corrugated" => Material::Cardboard,
        "rubber" => Material::Rubber,
        "ceramic" | "clay" | "terracotta" | "porcelain" => Material::Ceramic,
        "cork" => Material::Cork,
        "felt" | "cotton" | "wool" | "denim" | "linen" | "fabric" => Material::Fabric,
        "foam" => Material::Foam,
        "paper" => Material::Paper,
        _ => return None,
    })
}

/// A part's name from its phrase: the words up to the head noun.
fn phrase_name(phrase: &Phrase, noun: &Noun) -> String {
    let words = &phrase.words;
    let end = (1..=words.len())
        .rev()
        .find(|&n| {
            lexicon::lookup_tail(&words[..n]).is_some_and(|(m, _)| m.canonical == noun.canonical)
        })
        .unwrap_or(words.len());
    // `written` may hold more words than `words` ("2-liter"), all in front.
    let trailing = words.len() - end;
    let written: Vec<&str> = phrase
        .written
        .iter()
        .take(phrase.written.len().saturating_sub(trailing))
        .map(String::as_str)
        .filter(|w| !matches!(*w, "spare" | "extra" | "new" | "additional"))
        .collect();
    if written.is_empty() {
        return noun.phrase.to_string();
    }
    // "leaves", "batteries": a plural that does not spell its singular is
    // named in the singular (the count says how many), so the name still
    // reads as the thing.
    let mut name: Vec<String> = written.iter().map(|w| w.to_string()).collect();
    if let Some(last) = name.last_mut() {
        let one = super::words::singular(&last.to_lowercase());
        if !last.to_lowercase().starts_with(&one) {
            *last = one;
        }
    }
    name.join(" ")
}

/// A part id from a noun: lowercase letters, digits and `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "part".into()
    } else {
        out
    }
}

/// Whether a written word is `head` (singular, lower case) or its plural.
fn singular_eq(word: &str, head: &str) -> bool {
    super::words::singular(&word.to_lowercase()) == head
}
