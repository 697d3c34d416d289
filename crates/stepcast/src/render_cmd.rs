//! `stepcast render`: every step of a guide as a picture file, plus the
//! time-lapse and the printable guide page on request.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use plan::request::{ImageFormat, Style};
use render::guide_page::{guide_html, GuideImage};
use render::{render_step, timelapse, Guide, Output};

use crate::input::read_request;

/// What to render, after the command line has overridden the request's own
/// options.
pub struct RenderJob {
    pub file: PathBuf,
    pub out_dir: PathBuf,
    pub style: Option<Style>,
    pub format: Option<ImageFormat>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub quality: f32,
    pub timelapse: bool,
    pub html: bool,
}

pub fn run(job: &RenderJob) -> anyhow::Result<()> {
    let request = read_request(&job.file)?;
    let plan = extract::plan_for(&request);
    let options = &request.options;
    let output = Output {
        style: job.style.unwrap_or(options.style),
        format: job.format.unwrap_or(options.format),
        quality: job.quality,
    };
    let width = job.width.unwrap_or(options.width);
    let height = job.height.unwrap_or(options.height);
    let guide = Guide::new(&plan, width, height)?;
    std::fs::create_dir_all(&job.out_dir)
        .with_context(|| format!("{}: cannot create the directory", job.out_dir.display()))?;

    let total = guide.step_count() as u64 + u64::from(job.timelapse) + u64::from(job.html);
    let progress = Progress::new(total);
    let mut images = Vec::with_capacity(guide.step_count());
    for index in 0..guide.step_count() {
        let image =
            render_step(&guide, index, &output).with_context(|| format!("step {}", index + 1))?;
        let name = format!("step-{:02}.{}", index + 1, output.format.extension());
        write(&job.out_dir.join(&name), &image.bytes)?;
        progress.done(&name);
        images.push(image);
    }
    let mut animation = None;
    if job.timelapse {
        let lapse = timelapse(&guide, output.style, output.quality)?;
        write(&job.out_dir.join("timelapse.webp"), &lapse.webp)?;
        write(&job.out_dir.join("timelapse.gif"), &lapse.gif)?;
        progress.done("timelapse.webp, timelapse.gif");
        animation = Some(lapse.webp);
    }
    if job.html {
        let pictures: Vec<GuideImage<'_>> = images
            .iter()
            .map(|i| GuideImage {
                bytes: &i.bytes,
                content_type: i.content_type,
            })
            .collect();
        let lapse = animation.as_deref().map(|bytes| GuideImage {
            bytes,
            content_type: "image/webp",
        });
        let page = guide_html(&request, &pictures, lapse);
        write(&job.out_dir.join("guide.html"), page.as_bytes())?;
        progress.done("guide.html");
    }
    progress.finish(&job.out_dir);
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("{}: cannot write", path.display()))
}

/// A progress bar on a terminal, plain lines otherwise (logs, pipes, CI).
struct Progress {
    bar: Option<ProgressBar>,
    total: u64,
    count: std::cell::Cell<u64>,
}

impl Progress {
    fn new(total: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            count: std::cell::Cell::new(0),
        }
    }

    fn done(&self, what: &str) {
        self.count.set(self.count.get() + 1);
        match &self.bar {
            Some(bar) => {
                bar.set_message(what.to_string());
                bar.inc(1);
            }
            None => eprintln!("[{}/{}] {what}", self.count.get(), self.total),
        }
    }

    fn finish(&self, dir: &Path) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        eprintln!("wrote {} files to {}", self.count.get(), dir.display());
    }
}
