//! Prompt builders for the cloud image engines (and the request as a
//! planner prompt carries it, [`embed_request`]).
//!
//! The cloud engines (Gemini 2.5 Flash Image first, OpenAI gpt-image later)
//! turn each step into a photographic image. Unlike the seed's prompts,
//! which named future *step titles* and hoped the model would leave them
//! out, these prompts are written from the plan: the state after step k
//! (see [`crate::state`]) says exactly which parts are in view and how each
//! looks (colour by name, material, size, cuts, fill levels, finishes), what
//! the step does, what is not done yet, and which parts come later, named
//! part by part.
//!
//! One builder per [`Strategy`]:
//!
//! - `independent`: one self-contained text prompt per step (the seed's
//!   cumulative prompt, made exact);
//! - `chained`: an edit of step k-1's image that adds only step k's work
//!   (step 1, and a step after a materials-only step, have no usable
//!   previous image and get the independent prompt);
//! - `anchored`: the finished build's reference image (made with
//!   [`anchor_prompt`]) taken back to step k;
//! - `guided`: the step's schematic render for structure plus the anchor
//!   for style.
//!
//! A materials-only step asks, in every strategy, for the materials laid
//! out side by side as a flat-lay parts list. A step marked `complete`
//! asks for the finished build, whatever its place in the guide.
//!
//! Prompts are deterministic and never contain a future step's title, nor
//! any capitalised operation verb of their own: a step titled "Paint" shows
//! up only in its own and later prompts. Colours are named ("terracotta"),
//! never written as hex codes.

mod check;
mod color;
mod embed;
mod facts;
mod words;

pub use check::{all_well_answer, check_prompt, embedded_check_lists};
pub use color::color_name;
pub use embed::{embed_request, embedded_request};

use crate::model::Plan;
use crate::request::{GuideRequest, Strategy, Style};

use facts::Facts;

/// How many of the request's materials an independent prompt lists.
const MATERIALS_SHOWN: usize = 5;

/// Everything a step prompt is built from.
#[derive(Clone, Copy, Debug)]
pub struct PromptInput<'a> {
    pub request: &'a GuideRequest,
    pub plan: &'a Plan,
    /// 0-based index of the step; past the end means the last step.
    pub step_index: usize,
}

/// What a step does, one plain imperative phrase per operation, in the
/// order of the step's operations ("glue the strip to the bottle"). The
/// same words the prompts use, so what a maker reads of the plan is what an
/// image model is told.
pub fn step_actions(input: &PromptInput) -> Vec<String> {
    Facts::at(input.request, input.plan, input.step_index).actions()
}

/// The prompt for one step under `strategy`.
pub fn step_prompt(input: &PromptInput, strategy: Strategy) -> String {
    let facts = Facts::at(input.request, input.plan, input.step_index);
    match strategy {
        Strategy::Independent => independent(&facts),
        Strategy::Chained => chained(&facts, input.step_index.checked_sub(1)),
        Strategy::Anchored => anchored(&facts),
        Strategy::Guided => guided(&facts, true),
    }
}

/// The `chained` prompt for a step drawn by editing the picture of step
/// `from` (0-based), which is the previous step unless that one failed:
/// the edit then covers every step since `from`. With no picture to edit
/// (`None`), the step is drawn afresh with the independent prompt.
pub fn chained_prompt(input: &PromptInput, from: Option<usize>) -> String {
    let facts = Facts::at(input.request, input.plan, input.step_index);
    chained(&facts, from)
}

/// The prompt for a step of an `anchored` or `guided` guide whose anchor
/// image is missing (its generation failed): `anchored` draws from text
/// alone, `guided` from the step's schematic alone. Other strategies get
/// their usual prompt.
pub fn unanchored_prompt(input: &PromptInput, strategy: Strategy) -> String {
    let facts = Facts::at(input.request, input.plan, input.step_index);
    match strategy {
        Strategy::Anchored => independent(&facts),
        Strategy::Guided => guided(&facts, false),
        _ => step_prompt(input, strategy),
    }
}

/// The prompt for the reference image of the finished build, which the
/// `anchored` and `guided` strategies condition every step on.
pub fn anchor_prompt(request: &GuideRequest, plan: &Plan) -> String {
    let facts = Facts::finished(request, plan);
    let style = &request.options.style;
    let mut out = Vec::new();
    out.push(format!(
        "Create one {} of a finished do-it-yourself project.",
        medium(style)
    ));
    out.push(project(&facts, true));
    out.push(list(
        "The finished build has exactly these parts:",
        &facts.visible_parts(false),
    ));
    out.push(
        "This image is the reference for every step image of the guide: show the whole build, \
         nothing cropped, every part clearly recognisable."
            .to_string(),
    );
    out.push(camera(style, false));
    out.push(look(style));
    out.extend(concept(request, "the parts listed above"));
    finish(out)
}

fn independent(f: &Facts) -> String {
    let style = &f.request.options.style;
    if f.materials_only() {
        return flat_lay(f, &format!("Create one {}", medium(style)));
    }
    let mut out = Vec::new();
    out.push(if f.is_last() {
        format!(
            "Create one {} of a do-it-yourself project at its last step, step {} of {}: the \
             build is complete after the steps below.",
            medium(style),
            f.k,
            f.n
        )
    } else if f.complete() {
        format!(
            "Create one {} of a do-it-yourself project at step {} of {}: the build is complete \
             after the steps below, shown finished.",
            medium(style),
            f.k,
            f.n
        )
    } else {
        format!(
            "Create one {} of a do-it-yourself project part-way through its construction, at \
             step {} of {}. The build must look unfinished: exactly as it is after the steps \
             below, and no further.",
            medium(style),
            f.k,
            f.n
        )
    });
    out.push(project(f, true));
    out.push(format!(
        "Show only these completed steps:\n{}",
        f.completed_steps()
    ));
    out.extend(actions(f));
    out.push(list(
        "Parts visible now (show exactly these and nothing else):",
        &f.visible_parts(true),
    ));
    out.extend(not_yet(f, "Not done yet:"));
    out.push(exclusion(
        f,
        "Do not show these parts, which are added later:",
    ));
    out.push(camera(style, false));
    out.push(look(style));
    out.extend(concept(
        f.request,
        "the parts listed above, as they are at this step",
    ));
    finish(out)
}

fn chained(f: &Facts, from: Option<usize>) -> String {
    // `from` as a 1-based step number, when it is an earlier step.
    let shown = from.map(|i| i + 1).filter(|j| *j < f.k);
    let Some(shown) = shown else {
        return independent(f);
    };
    let shown_is_materials = f
        .plan
        .steps
        .get(shown - 1)
        .is_some_and(|s| s.materials_only);
    if f.materials_only() || shown_is_materials {
        return independent(f);
    }
    let style = &f.request.options.style;
    let mut out = Vec::new();
    out.push(format!(
        "Edit the attached image. It shows a do-it-yourself project, {}, after step {} of {}, \
         with these steps done:\n{}",
        quoted(&f.request.title),
        shown,
        f.n,
        (1..=shown)
            .map(|i| format!("{i}. {}", f.step_line(i)))
            .collect::<Vec<_>>()
            .join("\n")
    ));
    if shown + 1 < f.k {
        // The steps between were not drawn: the edit does them too.
        out.push(format!(
            "Now show steps {} to {}:\n{}",
            shown + 1,
            f.k,
            (shown + 1..=f.k)
                .map(|i| format!("{i}. {}", f.step_line(i)))
                .collect::<Vec<_>>()
                .join("\n")
        ));
        let actions: Vec<String> = (shown + 1..=f.k)
            .flat_map(|i| Facts::at(f.request, f.plan, i - 1).actions())
            .collect();
        out.push(if actions.is_empty() {
            "These steps change nothing that can be seen: keep the image as it is.".to_string()
        } else {
            list("Change only this:", &actions)
        });
        return chained_tail(f, out, style);
    }
    out.push(format!("Now show step {}: {}", f.k, f.step_line(f.k)));
    let actions = f.actions();
    out.push(if actions.is_empty() {
        "This step changes nothing that can be seen: keep the image as it is.".to_string()
    } else {
        list("Change only this:", &actions)
    });
    chained_tail(f, out, style)
}

/// What every chained edit ends with: the parts after it, what is not
/// done yet, what to keep and what not to add.
fn chained_tail(f: &Facts, mut out: Vec<String>, style: &Style) -> String {
    out.push(list(
        "After the edit, exactly these parts are visible:",
        &f.visible_parts(true),
    ));
    out.extend(not_yet(f, "Not done yet (leave these as they are):"));
    out.push(
        "Keep everything else identical: the same parts in the same places, the same camera \
         angle and framing, the same light, the same background and the same style. Change \
         nothing the list above does not ask for."
            .to_string(),
    );
    out.push(exclusion(f, "Do not add these parts, which come later:"));
    out.push(look(style));
    finish(out)
}

fn anchored(f: &Facts) -> String {
    let style = &f.request.options.style;
    let reference = format!(
        "The attached reference image shows the finished build of a do-it-yourself project, {}.",
        quoted(&f.request.title)
    );
    if f.materials_only() {
        return flat_lay(
            f,
            &format!(
                "{reference} Use it only for the look of the materials (colours, textures), the \
                 light, the background and the style; do not show the build. Create one {}",
                medium(style)
            ),
        );
    }
    let mut out = Vec::new();
    out.push(if f.is_last() {
        format!(
            "{reference} Show the same object with the same camera angle and framing, the same \
             light, background and style, as it is after step {} of {}, the last step: \
             complete.",
            f.k, f.n
        )
    } else if f.complete() {
        format!(
            "{reference} Show the same object with the same camera angle and framing, the same \
             light, background and style, as it is after step {} of {}: complete.",
            f.k, f.n
        )
    } else {
        format!(
            "{reference} Show the same object with the same camera angle and framing, the same \
             light, background and style, but as it is after step {} of {}: part-way through \
             construction, unfinished.",
            f.k, f.n
        )
    });
    out.push(format!("Completed steps:\n{}", f.completed_steps()));
    out.extend(actions(f));
    out.push(list(
        "Show only these parts, as described:",
        &f.visible_parts(true),
    ));
    out.extend(not_yet(
        f,
        "Not done yet (undo these where the reference shows them):",
    ));
    out.push(exclusion(
        f,
        "Remove these parts, which are added later, from the reference:",
    ));
    out.push(look(style));
    finish(out)
}

fn guided(f: &Facts, with_reference: bool) -> String {
    let style = &f.request.options.style;
    let m = medium(style);
    let mut out = Vec::new();
    let schematic = if f.materials_only() {
        "it shows the materials laid out side by side as a flat lay, like a parts list, with \
         nothing assembled"
    } else if f.complete() {
        "it fixes the exact structure: which parts exist, their shapes, sizes and positions. \
         It shows the finished build, every part in full colour, with nothing highlighted or \
         faded and no arrows"
    } else {
        "it fixes the exact structure: which parts exist, their shapes, sizes and positions. \
         In it, parts new in this step are highlighted, earlier parts are faded, and arrows and \
         tool icons show the action"
    };
    let (k, n, title) = (f.k, f.n, quoted(&f.request.title));
    let article = if m.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let a_m = format!("{article} {m}");
    if with_reference {
        out.push(format!(
            "Two images are attached. The first is a schematic of step {k} of {n} of a \
             do-it-yourself project, {title}; {schematic}. The second image is the style \
             reference: {a_m} of the finished build."
        ));
        out.push(format!(
            "Render the schematic's content as {a_m} in the style of the reference: keep the \
             schematic's parts, positions, proportions, camera angle and framing exactly; take \
             the materials, colours, textures, light and background from the reference. Draw \
             no highlights, fading, arrows, icons or labels: they are annotations, not objects."
        ));
    } else {
        out.push(format!(
            "One image is attached: a schematic of step {k} of {n} of a do-it-yourself project, \
             {title}; {schematic}."
        ));
        out.push(format!(
            "Render the schematic's content as {a_m}: keep the schematic's parts, positions, \
             proportions, camera angle and framing exactly, with realistic materials, colours \
             and textures. Draw no highlights, fading, arrows, icons or labels: they are \
             annotations, not objects."
        ));
    }
    out.push(format!("Completed steps:\n{}", f.completed_steps()));
    if f.materials_only() {
        out.push(list(
            "The materials of the flat lay, each whole and unmodified, nothing assembled:",
            &f.flat_lay_items(),
        ));
        out.push(look(style));
        return finish(out);
    }
    out.extend(actions(f));
    out.push(list("Parts visible now:", &f.visible_parts(false)));
    let (new, changed) = (f.new_parts(), f.changed_parts());
    if !new.is_empty() {
        out.push(format!("New in this step: {}.", new.join(", ")));
    }
    if !changed.is_empty() {
        out.push(format!("Changed in this step: {}.", changed.join(", ")));
    }
    if with_reference {
        out.extend(not_yet(f, "Not done yet (unlike the style reference):"));
        out.push(exclusion(
            f,
            "Not in this image, although the style reference shows them (they are added later):",
        ));
    } else {
        out.extend(not_yet(f, "Not done yet:"));
        out.push(exclusion(
            f,
            "Do not show these parts, which are added later:",
        ));
    }
    out.push(look(style));
    finish(out)
}

/// A materials-only step: the materials side by side as a flat lay.
/// `opening` is the start of the first sentence, up to the medium.
fn flat_lay(f: &Facts, opening: &str) -> String {
    let style = &f.request.options.style;
    let mut out = Vec::new();
    out.push(format!(
        "{opening} of the materials for a do-it-yourself project, laid out before any work \
         starts: step {} of {}.",
        f.k, f.n
    ));
    out.push(project(f, false));
    out.push(format!("Completed steps:\n{}", f.completed_steps()));
    out.push(list(
        "Lay out these materials side by side as a flat lay, like a parts list: each item \
         separate, whole and unmodified, with space between items. Nothing is cut, coloured, \
         filled or assembled yet.",
        &f.flat_lay_items(),
    ));
    let tools = f.tools();
    if !tools.is_empty() {
        out.push(format!(
            "Place the tools for this step along one edge: {}.",
            tools.join(", ")
        ));
    }
    out.push(camera(style, true));
    out.push(look(style));
    out.extend(concept(
        f.request,
        "the materials listed above, laid out flat and unassembled",
    ));
    finish(out)
}

/// "Project: ...", "Description: ..." and, if `materials`, the first few
/// materials.
fn project(f: &Facts, materials: bool) -> String {
    let r = f.request;
    let mut lines = vec![format!("Project: {}", r.title.trim())];
    if !r.description.trim().is_empty() {
        lines.push(format!("Description: {}", r.description.trim()));
    }
    let shown: Vec<&str> = r
        .materials
        .iter()
        .map(|m| m.trim())
        .filter(|m| !m.is_empty())
        .take(MATERIALS_SHOWN)
        .collect();
    if materials && !shown.is_empty() {
        lines.push(format!("Materials: {}", shown.join(", ")));
    }
    lines.join("\n")
}

fn actions(f: &Facts) -> Option<String> {
    let actions = f.actions();
    (!actions.is_empty()).then(|| list(&format!("What step {} does:", f.k), &actions))
}

fn not_yet(f: &Facts, heading: &str) -> Option<String> {
    let lines = f.not_yet();
    (!lines.is_empty()).then(|| list(heading, &lines))
}

fn exclusion(f: &Facts, heading: &str) -> String {
    let future = f.future_parts();
    if future.is_empty() {
        "Show no parts other than those listed.".to_string()
    } else {
        format!("{heading} {}.", future.join(", "))
    }
}

/// The camera and light every image of a guide shares. A flat lay looks
/// straight down instead, in the same light and on the same surface.
fn camera(style: &Style, flat_lay: bool) -> String {
    let view = if flat_lay {
        "looking straight down from above at the materials, all of them in the frame"
    } else {
        "a three-quarter view from the front, about 30 degrees above, with the whole build \
         centred and filling about two thirds of the frame"
    };
    let setting = match style {
        Style::Blueprint => "on a plain background, evenly lit",
        _ => {
            "on a plain light-grey work surface against a clean white background, in soft, even \
             daylight from the upper left with gentle shadows"
        }
    };
    format!("Camera and light (identical for every image of this guide): {view}; {setting}.")
}

/// What the image is, as a noun.
fn medium(style: &Style) -> &'static str {
    match style {
        Style::Photo => "photograph",
        Style::Sketch => "sketch",
        Style::Blueprint => "blueprint drawing",
        Style::Diagram => "instruction-manual illustration",
    }
}

/// The visual style, with the things no step image should contain.
fn look(style: &Style) -> String {
    let look = match style {
        Style::Photo => {
            "a realistic product photograph with true-to-life materials and textures, natural \
             colours and sharp focus"
        }
        Style::Sketch => {
            "a clean hand-drawn pencil sketch with light watercolour shading on white paper"
        }
        Style::Blueprint => {
            "a blueprint: crisp white technical line drawing on deep blue paper, with part \
             colours shown as light tints"
        }
        Style::Diagram => {
            "a clean instruction-manual illustration with flat colours, dark outlines and simple \
             shading"
        }
    };
    format!("Style: {look}. No text, labels, hands or people in the image.")
}

/// The concept's description, when the request has one: its look is the
/// target, but only `shown` may appear.
fn concept(request: &GuideRequest, shown: &str) -> Option<String> {
    let concept = request.concept_image_prompt.as_deref()?.trim();
    (!concept.is_empty()).then(|| {
        format!(
            "Look of the finished product this guide builds (match its colour palette, \
             materials, textures and background, but show only {shown}): {concept}"
        )
    })
}

/// A heading and one "- " line per item.
fn list(heading: &str, items: &[String]) -> String {
    let mut out = heading.to_string();
    for item in items {
        out.push_str("\n- ");
        out.push_str(item);
    }
    out
}

fn quoted(text: &str) -> String {
    format!("\u{201c}{}\u{201d}", text.trim())
}

fn finish(blocks: Vec<String>) -> String {
    let mut out = blocks
        .into_iter()
        .filter(|b| !b.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}
