//! `fake-openai`: a local fake of OpenAI's Images and Responses APIs for
//! demos and SDK checks (`scripts/openai-sdk-check`), until Ctrl-C or
//! SIGTERM. Prints `listening on URL` (without `/v1`) on standard output.

use clap::Parser as _;

/// A local fake of OpenAI's Images API (generations, edits, streaming) and
/// Responses API. Serves under URL/v1; control endpoints under URL/_fake.
#[derive(clap::Parser, Debug)]
#[command(name = "fake-openai", version)]
struct Cli {
    #[command(flatten)]
    args: fake_openai::cli::FakeOpenAiArgs,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match fake_openai::cli::run(&cli.args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
