//! The `stepcast` binary as a person runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stepcast(args: &[&str]) -> Output {
    // No provider key leaks in from the caller's environment: `auto` plans
    // offline here.
    Command::new(env!("CARGO_BIN_EXE_stepcast"))
        .args(args)
        .env_remove("GEMINI_API_KEY")
        .env_remove("OPENAI_API_KEY")
        .output()
        .expect("run stepcast")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn plan_prints_parts_and_each_steps_state() {
    let file = examples().join("bottle-planter.json");
    let out = stepcast(&["plan", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("parts:"), "{stdout}");
    assert!(stdout.contains("step 1:"), "{stdout}");
    assert!(stdout.contains("visible:"), "{stdout}");
    assert!(stdout.contains("new:"), "{stdout}");
}

#[test]
fn plan_json_and_yaml_hold_the_plan_and_the_states() {
    let file = examples().join("bottle-planter.json");
    let out = stepcast(&["plan", file.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(
        steps.len(),
        report["plan"]["steps"].as_array().unwrap().len()
    );
    assert!(steps[0]["visible"].is_array() && steps[0]["new"].is_array());
    // The plan in the report is a valid plan that a request can carry.
    let plan: plan::model::Plan = serde_json::from_value(report["plan"].clone()).unwrap();
    assert!(plan::request::validate_plan(&plan, "plan").is_empty());

    let out = stepcast(&["plan", file.to_str().unwrap(), "--format", "yaml"]);
    assert!(out.status.success());
    let yaml: serde_json::Value = serde_norway::from_slice(&out.stdout).unwrap();
    assert_eq!(yaml, report);
}

#[test]
fn yaml_requests_are_read_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jar.yaml");
    std::fs::write(
        &file,
        "title: Jar\nsteps:\n  - title: Fill\n    description: Fill the jar with soil.\n",
    )
    .unwrap();
    let out = stepcast(&["plan", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("fill jar with soil"));
}

#[test]
fn errors_name_the_file_the_line_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(
        &file,
        "{\n  \"title\": \"x\",\n  \"steps\": [\n    {\"title\": \"a\"},\n    {\"title\": \"\"}\n  ],\n  \"style\": \"neon\"\n}\n",
    )
    .unwrap();
    let out = stepcast(&["plan", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    let name = file.display().to_string();
    assert!(
        stderr.contains(&format!("{name}:7: style: unknown value \"neon\"")),
        "{stderr}"
    );

    std::fs::write(
        &file,
        "{\n  \"title\": \"x\",\n  \"steps\": [\n    {\"title\": \"\"}\n  ]\n}\n",
    )
    .unwrap();
    let stderr = text(&stepcast(&["plan", file.to_str().unwrap()]).stderr);
    assert!(
        stderr.contains(&format!("{name}:4: steps[0].title")),
        "{stderr}"
    );

    std::fs::write(&file, "{\n  \"title\": \"x\",,\n}").unwrap();
    let stderr = text(&stepcast(&["plan", file.to_str().unwrap()]).stderr);
    assert!(stderr.contains(&format!("{name}:2:")), "{stderr}");

    let missing = dir.path().join("missing.json");
    let stderr = text(&stepcast(&["plan", missing.to_str().unwrap()]).stderr);
    assert!(stderr.contains("missing.json: cannot read"), "{stderr}");
}

#[test]
fn score_prints_each_project_then_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jar.json"),
        r#"{"request": {"title": "Jar", "steps": [
              {"title": "Fill", "description": "Fill the jar with soil."},
              {"title": "Plant", "description": "Plant a succulent in the soil."}]},
            "expect": [{"visible": ["jar", "soil"]}, {"visible": ["jar", "soil", "succulent", "pebble"]}]}"#,
    )
    .unwrap();
    let out = stepcast(&["plan", "--score", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("jar"), "{stdout}");
    assert!(stdout.contains("step 2: missing pebble"), "{stdout}");
    assert!(
        lines.contains(&"part recall          0.83 (5/6)"),
        "{stdout}"
    );
    assert!(
        lines.contains(&"no-future precision  1.00 (2/2)"),
        "{stdout}"
    );
    assert!(!stdout.contains("relation recall"), "{stdout}");
}

#[test]
fn score_reads_labels_format_two() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jar.json"),
        r#"{"request": {"title": "Jar", "steps": [
              {"title": "Fill", "description": "Fill the jar with soil."},
              {"title": "Paint", "description": "Paint the jar red."}]},
            "expect": [{"visible": ["jar", "soil"]}, {"visible": ["jar", "soil"]}],
            "relations": [{"step": 1, "part": "soil", "relation": "in", "target": "jar"}],
            "changes": [{"step": 2, "part": "jar", "change": "paint"},
                        {"step": 2, "part": "jar", "change": "sew"}],
            "counts": [{"part": "jar", "count": 2}]}"#,
    )
    .unwrap();
    let out = stepcast(&["plan", "--score", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().map(str::trim_start).collect();
    for line in [
        "relation recall      1.00 (1/1)",
        "change recall        0.50 (1/2)",
        "count accuracy       0.00 (0/1)",
        "- step 2: no sew of jar",
        "- count: jar is [1], expected 2",
    ] {
        assert!(lines.contains(&line), "{line:?} not in\n{stdout}");
    }
}

#[test]
fn score_rejects_a_directory_without_projects() {
    let dir = tempfile::tempdir().unwrap();
    let out = stepcast(&["plan", "--score", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no .json projects"));
}

#[test]
fn render_writes_every_step_the_timelapse_and_the_guide_page() {
    let dir = tempfile::tempdir().unwrap();
    let file = examples().join("tin-can-lantern.json");
    let out = stepcast(&[
        "render",
        file.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--width",
        "400",
        "--height",
        "300",
        "--timelapse",
        "--html",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let request: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let steps = request["steps"].as_array().unwrap().len();
    for n in 1..=steps {
        let bytes = std::fs::read(dir.path().join(format!("step-{n:02}.webp"))).unwrap();
        assert_eq!(&bytes[..4], b"RIFF");
    }
    assert!(!dir
        .path()
        .join(format!("step-{:02}.webp", steps + 1))
        .exists());
    for name in ["timelapse.webp", "timelapse.gif", "guide.html"] {
        assert!(dir.path().join(name).is_file(), "{name}");
    }
    let page = std::fs::read_to_string(dir.path().join("guide.html")).unwrap();
    assert!(page.contains("data:image/webp;base64,"));
    // Not a terminal: one plain line per file, then a summary.
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("[1/{}] step-01.webp", steps + 2)),
        "{stderr}"
    );
    assert!(stderr.contains("wrote"), "{stderr}");
}

#[test]
fn render_formats_and_styles_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = examples().join("cork-board.yaml");
    for (format, magic) in [
        ("png", &b"\x89PNG"[..]),
        ("svg", &b"<svg"[..]),
        ("jpeg", &b"\xff\xd8"[..]),
    ] {
        let out = stepcast(&[
            "render",
            file.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--format",
            format,
            "--style",
            "blueprint",
            "--width",
            "320",
            "--height",
            "320",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let ext = if format == "jpeg" { "jpg" } else { format };
        let bytes = std::fs::read(dir.path().join(format!("step-01.{ext}"))).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
}

#[test]
fn render_refuses_bad_options_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = examples().join("cork-board.yaml");
    let file = file.to_str().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    for (args, needle) in [
        (vec!["--width", "100"], "--width"),
        (vec!["--style", "neon"], "unknown value \"neon\""),
        (vec!["--format", "bmp"], "unknown value \"bmp\""),
        (vec!["--quality", "101"], "--quality"),
    ] {
        let mut all = vec!["render", file, "-o", out_dir];
        all.extend(args);
        let out = stepcast(&all);
        assert!(!out.status.success());
        let stderr = text(&out.stderr);
        assert!(stderr.contains(needle), "{stderr}");
    }
    let missing = dir.path().join("missing.json");
    let out = stepcast(&["render", missing.to_str().unwrap(), "-o", out_dir]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("missing.json: cannot read"));
}

#[test]
fn serve_answers_on_its_port_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stepcast"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env("STEPCAST_LOG_FORMAT", "json")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("a line").expect("text");
        if let Some(rest) = line.strip_prefix("stepcast serving on http://") {
            break rest.trim().to_string();
        }
    };
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"ok\""));
    assert!(
        dir.path().join("stepcast.db").is_file(),
        "the data directory holds the database"
    );
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(child.wait().unwrap().success());
    assert!(rest.iter().any(|l| l.contains("shutting down")), "{rest:?}");
}

#[test]
fn serve_refuses_bad_flags_by_name() {
    let out = stepcast(&["serve", "--bind", "nowhere"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--bind"),
        "{}",
        text(&out.stderr)
    );
    let out = stepcast(&["serve", "--concurrency", "0"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--concurrency"));
    let out = stepcast(&["serve", "--gemini-price-per-image=-1"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--gemini-price-per-image"));
}

#[test]
fn serve_names_a_bad_gemini_setting_and_never_shows_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_stepcast"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .args(["--gemini-base-url", "ftp://example.com"])
        .env("GEMINI_API_KEY", "secret-key-4242")
        .output()
        .expect("run stepcast");
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--gemini-* options"), "{stderr}");
    assert!(
        stderr.contains("\"ftp://example.com\" is not an http(s) URL"),
        "{stderr}"
    );
    assert!(!stderr.contains("secret-key-4242"), "{stderr}");
}

#[test]
fn fake_gemini_refuses_bad_flags_by_name() {
    let out = stepcast(&["fake-gemini", "--fail-with", "kaboom"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("kaboom"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn plan_reads_a_labelled_project_as_its_request() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.json");
    std::fs::write(
        &file,
        "{\"source\": {\"corpus\": \"x\"},\n \"request\": {\"title\": \"Jar\", \"steps\": [\n  {\"title\": \"\", \"description\": \"\"}]},\n \"expect\": [{\"visible\": [\"jar\"]}]}",
    )
    .unwrap();
    let stderr = text(&stepcast(&["plan", file.to_str().unwrap()]).stderr);
    assert!(
        stderr.contains("project.json:3: request.steps[0].title"),
        "{stderr}"
    );
    std::fs::write(
        &file,
        r#"{"request": {"title": "Jar", "steps": [{"title": "Fill", "description": "Fill the jar with soil."}]},
            "expect": [{"visible": ["jar"]}]}"#,
    )
    .unwrap();
    let out = stepcast(&["plan", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("fill jar with soil"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn plan_asks_a_language_model_with_planner_gemini() {
    let fake = fake_gemini::FakeGemini::start(fake_gemini::FakeConfig::default()).expect("fake");
    let file = examples().join("bottle-planter.json");
    let file = file.to_str().unwrap();
    let with_key = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_stepcast"))
            .args(["plan", file, "--planner", "gemini", "--gemini-base-url"])
            .arg(fake.base_url())
            .args(extra)
            .env("GEMINI_API_KEY", "secret-key-77")
            .output()
            .expect("run stepcast")
    };
    let out = with_key(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let second = stdout.lines().nth(1).unwrap_or("");
    assert_eq!(second, "plan source: gemini:gemini-3.8-flash", "{stdout}");
    assert!(
        !stdout.contains("plan confidence"),
        "no extractor reading for a model plan"
    );

    fake.script_answers(vec![fake_gemini::ScriptedAnswer::Text {
        text: "{}".into(),
    }]);
    let out = with_key(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["plan_source"], "gemini:gemini-3.8-flash");
    assert_eq!(report["repairs"], 1);

    let out = stepcast(&["plan", file, "--planner", "gemini"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("GEMINI_API_KEY"),
        "{}",
        text(&out.stderr)
    );
    let out = stepcast(&["plan", file, "--planner", "openai"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--planner openai needs OPENAI_API_KEY"));
    let out = stepcast(&["plan", file, "--planner", "magic"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("magic"));
    let out = stepcast(&["plan", file]);
    assert!(text(&out.stdout).contains("plan source: offline"));
}
