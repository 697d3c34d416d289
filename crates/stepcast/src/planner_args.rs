//! The flags that choose who writes plans, shared by `stepcast plan` and
//! `stepcast serve`. A language model is used only with its provider's key
//! in the environment (`GEMINI_API_KEY`, `OPENAI_API_KEY`), never on a
//! flag, so the key does not show in `ps`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use plan::request::Planner;
use planner::gemini::{GeminiPlanner, GeminiPlannerConfig, DEFAULT_TEXT_MODEL};
use planner::PlanWriter;

#[derive(clap::Args, Debug)]
pub struct PlannerArgs {
    /// Who writes plans: auto (a language model when its key is set,
    /// else the offline extractor), offline, gemini (needs GEMINI_API_KEY)
    /// or openai (needs OPENAI_API_KEY).
    #[arg(long, env = "STEPCAST_PLANNER", default_value = "auto", value_parser = crate::parse_named::<Planner>)]
    pub planner: Planner,
    /// Gemini text model that writes plans.
    #[arg(long, env = "STEPCAST_GEMINI_TEXT_MODEL", default_value = DEFAULT_TEXT_MODEL)]
    pub gemini_text_model: String,
    /// OpenAI model that writes plans (through the Responses API).
    #[arg(long, env = "STEPCAST_OPENAI_TEXT_MODEL", default_value = planner::openai::DEFAULT_TEXT_MODEL)]
    pub openai_text_model: String,
}

/// Where the providers are: their public endpoints, or a proxy's or a
/// fake's.
pub struct ProviderUrls<'a> {
    pub gemini: &'a str,
    pub openai: &'a str,
}

/// The models that may write plans, per `--planner`: Gemini's and OpenAI's
/// where their keys are set (`auto`), only the one named, or none
/// (`offline`).
pub fn plan_writers(
    args: &PlannerArgs,
    urls: &ProviderUrls<'_>,
    timeout: Duration,
) -> anyhow::Result<server::Planners> {
    let gemini = || -> anyhow::Result<Option<Arc<dyn PlanWriter>>> {
        gemini_key()
            .map(|key| gemini_writer(args, urls.gemini, timeout, key))
            .transpose()
    };
    let openai = || -> anyhow::Result<Option<Arc<dyn PlanWriter>>> {
        openai_key()
            .map(|key| openai_writer(args, urls.openai, timeout, key))
            .transpose()
    };
    let planners = |gemini, openai| server::Planners { gemini, openai };
    match args.planner {
        Planner::Offline => Ok(planners(None, None)),
        Planner::Auto => Ok(planners(gemini()?, openai()?)),
        Planner::Gemini => match gemini()? {
            Some(writer) => Ok(planners(Some(writer), None)),
            None => anyhow::bail!("--planner gemini needs GEMINI_API_KEY in the environment"),
        },
        Planner::Openai => match openai()? {
            Some(writer) => Ok(planners(None, Some(writer))),
            None => anyhow::bail!("--planner openai needs OPENAI_API_KEY in the environment"),
        },
    }
}

/// The one model `stepcast plan` asks: Gemini's before OpenAI's.
pub fn plan_writer(
    args: &PlannerArgs,
    urls: &ProviderUrls<'_>,
    timeout: Duration,
) -> anyhow::Result<Option<Arc<dyn PlanWriter>>> {
    Ok(plan_writers(args, urls, timeout)?.preferred())
}

fn gemini_writer(
    args: &PlannerArgs,
    base_url: &str,
    timeout: Duration,
    key: String,
) -> anyhow::Result<Arc<dyn PlanWriter>> {
    let mut config = GeminiPlannerConfig::new(key);
    config.base_url = base_url.to_string();
    config.model = args.gemini_text_model.clone();
    config.timeout = timeout;
    let planner = GeminiPlanner::new(config).context("--gemini-text-model / --gemini-base-url")?;
    Ok(Arc::new(planner))
}

fn openai_writer(
    args: &PlannerArgs,
    base_url: &str,
    timeout: Duration,
    key: String,
) -> anyhow::Result<Arc<dyn PlanWriter>> {
    let mut config = planner::openai::OpenAiPlannerConfig::new(key);
    config.base_url = base_url.to_string();
    config.model = args.openai_text_model.clone();
    config.timeout = timeout;
    let planner = planner::openai::OpenAiPlanner::new(config)
        .context("--openai-text-model / --openai-base-url")?;
    Ok(Arc::new(planner))
}

/// The OpenAI key from the environment, if set.
fn openai_key() -> Option<String> {
    std::env::var("OPENAI_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
}

/// The Gemini key from the environment, if set.
fn gemini_key() -> Option<String> {
    std::env::var("GEMINI_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
}
