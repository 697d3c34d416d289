//! The `stepcast` command line.
//!
//! `stepcast plan FILE` compiles a guide request into its assembly plan and
//! shows what each step makes visible; `stepcast plan --score DIR` scores the
//! offline extractor on a development set. Rendering and the server come with
//! their own subcommands.

mod input;
mod plan_cmd;
mod score_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "stepcast",
    version,
    about = "Illustrated step-by-step build guides"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile a guide request (JSON or YAML) into its assembly plan and show,
    /// per step, what is visible, new and removed.
    Plan(PlanArgs),
}

#[derive(clap::Args)]
struct PlanArgs {
    /// The request file (`.json`, `.yaml` or `.yml`); `-` reads standard input.
    #[arg(required_unless_present = "score", conflicts_with = "score")]
    file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Score the extractor on every project in a development-set directory.
    #[arg(long, value_name = "DIR")]
    score: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// A readable summary: parts, then each step's state.
    Text,
    /// The plan and every step's state as JSON.
    Json,
    /// The same as YAML.
    Yaml,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Plan(args) => match (&args.score, &args.file) {
            (Some(dir), _) => score_cmd::run(dir),
            (None, Some(file)) => plan_cmd::run(file, args.format),
            (None, None) => Err(anyhow::anyhow!("give a request FILE or --score DIR")),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
