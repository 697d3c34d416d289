//! The `stepcast` command line.
//!
//! `stepcast plan FILE` compiles a guide request into its assembly plan and
//! shows what each step makes visible; `stepcast plan --score DIR` scores the
//! offline extractor on a development set; `stepcast render FILE -o DIR`
//! draws every step with the offline schematic engine; `stepcast serve` runs
//! the service, and `stepcast worker` more workers for it when several
//! processes share a Redis store.

mod fake_gemini_cmd;
mod input;
mod plan_cmd;
mod planner_args;
mod render_cmd;
mod score_cmd;
mod serve_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use plan::request::{ImageFormat, Style};

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
    /// Draw every step of a guide with the offline schematic engine:
    /// step-01.webp, step-02.webp, ... (and the time-lapse and guide page
    /// on request).
    Render(RenderArgs),
    /// Run the service: the HTTP API and the background job runner, with
    /// SQLite and local files in one data directory.
    Serve(Box<serve_cmd::ServeArgs>),
    /// Run workers only, no HTTP server: they draw the steps that API
    /// processes (`serve --no-workers`) queue in the shared Redis --store.
    /// Takes serve's flags; those of the HTTP server are not used.
    Worker(Box<serve_cmd::ServeArgs>),
    /// Run a local fake of Gemini's image and text generation API (for demos, load
    /// runs and SDK checks); prints `listening on URL`, then serves until
    /// Ctrl-C or SIGTERM.
    FakeGemini(fake_gemini_cmd::FakeGeminiArgs),
    /// Run a local fake of OpenAI's Images and Responses APIs (for demos and
    /// SDK checks); prints `listening on URL`, then serves until Ctrl-C or
    /// SIGTERM.
    FakeOpenai(fake_openai::cli::FakeOpenAiArgs),
}

#[derive(clap::Args)]
struct RenderArgs {
    /// The request file (`.json`, `.yaml` or `.yml`); `-` reads standard input.
    file: PathBuf,
    /// The directory to write into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
    /// Picture style [default: the request's, else diagram].
    #[arg(long, value_parser = parse_named::<Style>)]
    style: Option<Style>,
    /// Image format: svg, png, webp or jpeg [default: the request's, else webp].
    #[arg(long, value_parser = parse_named::<ImageFormat>)]
    format: Option<ImageFormat>,
    /// Width in pixels, 256 to 2048 [default: the request's, else 1024].
    #[arg(long, value_parser = clap::value_parser!(u32).range(256..=2048))]
    width: Option<u32>,
    /// Height in pixels, 256 to 2048 [default: the request's, else 768].
    #[arg(long, value_parser = clap::value_parser!(u32).range(256..=2048))]
    height: Option<u32>,
    /// Lossy quality for WebP and JPEG, 0 to 100.
    #[arg(long, default_value_t = render::DEFAULT_QUALITY, value_parser = parse_quality)]
    quality: f32,
    /// Also write the whole guide as an animated time-lapse
    /// (timelapse.webp and timelapse.gif).
    #[arg(long)]
    timelapse: bool,
    /// Also write a self-contained printable guide page (guide.html).
    #[arg(long)]
    html: bool,
}

fn parse_named<T: std::str::FromStr<Err = plan::request::UnknownValue>>(
    text: &str,
) -> Result<T, String> {
    text.parse::<T>().map_err(|e| e.to_string())
}

fn parse_quality(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(q) if (0.0..=100.0).contains(&q) => Ok(q),
        _ => Err(format!("{text:?} is not a quality from 0 to 100")),
    }
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
    #[command(flatten)]
    planner: planner_args::PlannerArgs,
    /// Gemini API base URL for --planner gemini (a proxy's, or `stepcast
    /// fake-gemini`'s).
    #[arg(long, env = "STEPCAST_GEMINI_BASE_URL", default_value = planner::gemini::DEFAULT_BASE_URL)]
    gemini_base_url: String,
    /// OpenAI API base URL for --planner openai, without /v1 (a proxy's, or
    /// a fake's).
    #[arg(long, env = "STEPCAST_OPENAI_BASE_URL", default_value = planner::openai::DEFAULT_BASE_URL)]
    openai_base_url: String,
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
            (None, Some(file)) => {
                let urls = planner_args::ProviderUrls {
                    gemini: &args.gemini_base_url,
                    openai: &args.openai_base_url,
                };
                plan_cmd::run(file, args.format, &args.planner, &urls)
            }
            (None, None) => Err(anyhow::anyhow!("give a request FILE or --score DIR")),
        },
        Command::Serve(args) => serve_cmd::run(*args, serve_cmd::Role::Serve),
        Command::Worker(args) => serve_cmd::run(*args, serve_cmd::Role::Worker),
        Command::FakeGemini(args) => fake_gemini_cmd::run(args),
        Command::FakeOpenai(args) => fake_openai::cli::run(&args).map_err(anyhow::Error::from),
        Command::Render(args) => render_cmd::run(&render_cmd::RenderJob {
            file: args.file,
            out_dir: args.out,
            style: args.style,
            format: args.format,
            width: args.width,
            height: args.height,
            quality: args.quality,
            timelapse: args.timelapse,
            html: args.html,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
