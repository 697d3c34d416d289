//! The flags that choose who writes plans, shared by `stepcast plan` and
//! `stepcast serve`. A language model is used only with its provider's key
//! in the environment (`GEMINI_API_KEY`), never on a flag, so the key does
//! not show in `ps`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use plan::request::Planner;
use planner::gemini::{GeminiPlanner, GeminiPlannerConfig, DEFAULT_TEXT_MODEL};
use planner::PlanWriter;

#[derive(clap::Args, Debug)]
pub struct PlannerArgs {
    /// Who writes plans: auto (a language model when its key is set,
    /// else the offline extractor), offline, or gemini (needs
    /// GEMINI_API_KEY).
    #[arg(long, env = "STEPCAST_PLANNER", default_value = "auto", value_parser = crate::parse_named::<Planner>)]
    pub planner: Planner,
    /// Gemini text model that writes plans.
    #[arg(long, env = "STEPCAST_GEMINI_TEXT_MODEL", default_value = DEFAULT_TEXT_MODEL)]
    pub gemini_text_model: String,
}

/// The Gemini key from the environment, if set.
fn gemini_key() -> Option<String> {
    std::env::var("GEMINI_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
}

/// The model that writes plans, per `--planner`: `None` for the offline
/// extractor.
pub fn plan_writer(
    args: &PlannerArgs,
    gemini_base_url: &str,
    timeout: Duration,
) -> anyhow::Result<Option<Arc<dyn PlanWriter>>> {
    let gemini = |key: String| -> anyhow::Result<Arc<dyn PlanWriter>> {
        let mut config = GeminiPlannerConfig::new(key);
        config.base_url = gemini_base_url.to_string();
        config.model = args.gemini_text_model.clone();
        config.timeout = timeout;
        let planner =
            GeminiPlanner::new(config).context("--gemini-text-model / --gemini-base-url")?;
        Ok(Arc::new(planner))
    };
    match args.planner {
        Planner::Offline => Ok(None),
        Planner::Auto => gemini_key().map(gemini).transpose(),
        Planner::Gemini => match gemini_key() {
            Some(key) => gemini(key).map(Some),
            None => anyhow::bail!("--planner gemini needs GEMINI_API_KEY in the environment"),
        },
        Planner::Openai => {
            anyhow::bail!(
                "--planner openai is not supported by this version (use gemini or offline)"
            )
        }
    }
}
