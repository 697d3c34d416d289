//! `stepcast plan FILE`: the compiled plan and each step's state.

use std::fmt::Write as _;
use std::path::Path;

use extract::{PlanReading, StepReading};
use plan::model::{Operation, Plan};
use plan::prompt::color_name;
use plan::state::{states, StepState};
use serde::Serialize;

use std::time::Duration;

use anyhow::Context as _;

use crate::input::read_request;
use crate::planner_args::{plan_writer, PlannerArgs, ProviderUrls};
use crate::OutputFormat;

/// What `--format json|yaml` prints: the plan and every step's state.
#[derive(Serialize)]
struct PlanReport<'a> {
    /// Who wrote the plan: `offline`, `offline (fallback: ...)`,
    /// `gemini:MODEL` or `request`.
    plan_source: String,
    /// How many times the validator's errors went back to the model.
    repairs: u32,
    plan: &'a Plan,
    /// What was understood of the text; absent for a hand-written plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    reading: Option<&'a PlanReading>,
    steps: Vec<StepReport<'a>>,
}

#[derive(Serialize)]
struct StepReport<'a> {
    step: u32,
    title: &'a str,
    visible: Vec<&'a str>,
    new: &'a [String],
    changed: &'a [String],
    removed: Vec<&'a str>,
}

pub fn run(
    path: &Path,
    format: OutputFormat,
    planner_args: &PlannerArgs,
    urls: &ProviderUrls<'_>,
) -> anyhow::Result<()> {
    let request = read_request(path)?;
    let writer = plan_writer(planner_args, urls, Duration::from_secs(180))?;
    let (plan, reading, source, repairs) = match writer {
        Some(writer) if request.plan.is_none() => {
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let planned = runtime.block_on(planner::plan_request(&request, Some(writer.as_ref())));
            // The extractor's reading explains the extractor's plan only.
            let reading = (!planned.source.is_model())
                .then(|| extract::read(&request).reading)
                .flatten();
            (
                planned.plan,
                reading,
                planned.source.to_string(),
                planned.repairs,
            )
        }
        _ => {
            let source = if request.plan.is_some() {
                "request"
            } else {
                "offline"
            };
            let extract::Extraction { plan, reading } = extract::read(&request);
            (plan, reading, source.to_string(), 0)
        }
    };
    let states = states(&plan);
    let report = PlanReport {
        plan_source: source.clone(),
        repairs,
        plan: &plan,
        reading: reading.as_ref(),
        steps: plan
            .steps
            .iter()
            .zip(&states)
            .map(|(step, state)| StepReport {
                step: step.number,
                title: &step.title,
                visible: state.parts.iter().map(|p| p.id.as_str()).collect(),
                new: &state.new,
                changed: &state.changed,
                removed: state.removed.iter().map(|p| p.id.as_str()).collect(),
            })
            .collect(),
    };
    let text = match format {
        OutputFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        OutputFormat::Yaml => serde_norway::to_string(&report)?,
        OutputFormat::Text => {
            let text = render_text(&plan, &states, reading.as_ref());
            // The source goes under the title line.
            let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
            let repaired = match repairs {
                0 => String::new(),
                1 => ", after 1 repair".to_string(),
                n => format!(", after {n} repairs"),
            };
            format!("{title}\nplan source: {source}{repaired}\n{rest}")
        }
    };
    print!("{text}");
    Ok(())
}

/// A readable summary of a plan.
pub fn render_text(plan: &Plan, states: &[StepState], reading: Option<&PlanReading>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", plan.title);
    if let Some(reading) = reading {
        let _ = writeln!(
            out,
            "plan confidence: {:.0}% of the text understood",
            reading.confidence * 100.0
        );
    }
    let _ = writeln!(out, "\nparts:");
    for part in &plan.parts {
        let count = if part.count > 1 {
            format!(" ×{}", part.count)
        } else {
            String::new()
        };
        let placement = match &part.placement.target {
            Some(t) => format!(", {:?} {t}", part.placement.relation).to_lowercase(),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {:<14} {}{count} ({}, {}, {}{placement})",
            part.id,
            part.name,
            json_name(&part.kind),
            json_name(&part.material),
            color_name(&part.color),
        );
    }
    for (i, (step, state)) in plan.steps.iter().zip(states).enumerate() {
        let _ = writeln!(out, "\nstep {}: {}", step.number, step.title);
        if let Some(step_reading) = reading.and_then(|r| r.steps.get(i)) {
            write_step_reading(&mut out, step_reading);
        }
        if step.materials_only {
            let _ = writeln!(out, "  materials only: nothing is built");
        }
        if step.complete {
            let _ = writeln!(out, "  complete: shows the finished build");
        }
        for op in &step.ops {
            let _ = writeln!(out, "  - {}", describe_op(op));
        }
        if !step.tools.is_empty() {
            let tools: Vec<String> = step.tools.iter().map(json_name).collect();
            let _ = writeln!(out, "  tools:   {}", tools.join(", "));
        }
        let ids = |ids: Vec<&str>| {
            if ids.is_empty() {
                "-".to_string()
            } else {
                ids.join(", ")
            }
        };
        let _ = writeln!(
            out,
            "  visible: {}",
            ids(state.parts.iter().map(|p| p.id.as_str()).collect())
        );
        let _ = writeln!(
            out,
            "  new:     {}",
            ids(state.new.iter().map(String::as_str).collect())
        );
        if !state.changed.is_empty() {
            let _ = writeln!(
                out,
                "  changed: {}",
                ids(state.changed.iter().map(String::as_str).collect())
            );
        }
        if !state.removed.is_empty() {
            let _ = writeln!(
                out,
                "  removed: {}",
                ids(state.removed.iter().map(|p| p.id.as_str()).collect())
            );
        }
    }
    if !plan.unresolved.is_empty() {
        let _ = writeln!(out, "\nunresolved:");
        for u in &plan.unresolved {
            let _ = writeln!(out, "  step {}: {:?}: {}", u.step, u.text, u.note);
        }
    }
    out
}

/// "understood 67%: unclear "blade" (unknown noun, not drawn)".
fn write_step_reading(out: &mut String, reading: &StepReading) {
    if reading.materials_only {
        return;
    }
    let _ = write!(out, "  understood {:.0}%", reading.confidence * 100.0);
    if reading.confidence < 0.5 {
        let _ = write!(out, " (check this step)");
    }
    let _ = writeln!(out);
    for u in &reading.unresolved {
        let _ = writeln!(out, "  ? {:?}: {}", u.text, u.reason);
    }
}

fn json_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn describe_op(op: &Operation) -> String {
    match op {
        Operation::Add { part } => format!("add {part}"),
        Operation::Remove { part } => format!("remove {part}"),
        Operation::Cut {
            part,
            shape: Some(shape),
            ..
        } => format!("cut a {} out of {part}", json_name(shape)),
        Operation::Cut {
            part,
            keep,
            fraction,
            shape: None,
        } => {
            format!(
                "cut {part}, keep {} ({:.0}%)",
                json_name(keep),
                fraction * 100.0
            )
        }
        Operation::Paint { part, color } => format!("paint {part} {}", color_name(color)),
        Operation::Stain { part, color } => format!("stain {part} {}", color_name(color)),
        Operation::Fill {
            part,
            container,
            level,
        } => {
            format!("fill {container} with {part} to {:.0}%", level * 100.0)
        }
        Operation::Attach { part, to, method } if part == to => {
            format!("{} {part} together", json_name(method))
        }
        Operation::Attach { part, to, method } => format!("{} {part} to {to}", json_name(method)),
        Operation::Drill { part, holes } => format!("drill {holes} hole(s) in {part}"),
        Operation::Wrap { part, around } => format!("wrap {part} around {around}"),
        Operation::Finish { part, finish } => format!("{} {part}", json_name(finish)),
        Operation::Fold { part, folds } => format!("fold {part} in half ×{folds}"),
        Operation::Bend { part, shape } => format!("{} {part}", json_name(shape)),
        Operation::Sew { part, to } if part == to => format!("sew {part} shut"),
        Operation::Sew { part, to } => format!("sew {part} to {to}"),
        Operation::Stuff { part, into } => format!("stuff {into} with {part}"),
    }
}
