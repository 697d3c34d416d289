//! The distributed mode as real processes: an API process with no workers
//! (`serve --no-workers`), two `stepcast worker`s, a shared Redis and the
//! fake Gemini as a slow engine. One worker is killed with SIGKILL while it
//! draws; the other finishes the guide and no completed step is drawn
//! again.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use store::testing::{redis_url, PrefixGuard};

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `stepcast ARGS` and returns it with the rest of the first
/// stderr/stdout line that starts with `marker`.
fn spawn_until(
    args: &[&str],
    envs: &[(&str, &str)],
    marker: &str,
    stdout: bool,
) -> (Process, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stepcast"));
    command.args(args).env("STEPCAST_LOG_FORMAT", "json");
    for (k, v) in envs {
        command.env(k, v);
    }
    if stdout {
        command.stdout(Stdio::piped()).stderr(Stdio::null());
    } else {
        command.stderr(Stdio::piped()).stdout(Stdio::null());
    }
    let mut child = command.spawn().expect("spawn stepcast");
    let pipe: Box<dyn std::io::Read + Send> = if stdout {
        Box::new(child.stdout.take().expect("stdout"))
    } else {
        Box::new(child.stderr.take().expect("stderr"))
    };
    let mut lines = BufReader::new(pipe).lines();
    let found = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(rest) = line.strip_prefix(marker) {
                    break rest.trim().to_string();
                }
            }
            other => panic!("stepcast {args:?} ended before {marker:?}: {other:?}"),
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (Process(child), found)
}

async fn progress_of(client: &reqwest::Client, base: &str, id: &str) -> serde_json::Value {
    client
        .get(format!("{base}/step-images/{id}"))
        .send()
        .await
        .expect("progress")
        .json()
        .await
        .expect("json")
}

/// How many image requests the fake Gemini got for each step.
async fn calls_per_step(client: &reqwest::Client, fake: &str) -> HashMap<u64, u32> {
    let log: serde_json::Value = client
        .get(format!("{fake}/_fake/requests"))
        .send()
        .await
        .expect("fake log")
        .json()
        .await
        .expect("json");
    let mut calls = HashMap::new();
    for entry in log["requests"]
        .as_array()
        .or(log.as_array())
        .expect("requests")
    {
        let prompt = entry["prompt"].as_str().unwrap_or("");
        if let Some(at) = prompt.find("step ") {
            let number: String = prompt[at + 5..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = number.parse() {
                *calls.entry(n).or_default() += 1;
            }
        }
    }
    calls
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_guide_leaves_its_steps_to_another() {
    let dir = tempfile::tempdir().expect("dir");
    let prefix_guard = PrefixGuard::new();
    let prefix = prefix_guard.0.clone();
    let images = format!("dir:{}", dir.path().join("images").display());
    let (_fake, fake_url) = spawn_until(
        &["fake-gemini", "--latency-ms", "600"],
        &[],
        "listening on ",
        true,
    );
    let redis = redis_url();
    let shared: Vec<(&str, &str)> = vec![
        ("STEPCAST_STORE", &redis),
        ("STEPCAST_REDIS_PREFIX", &prefix),
        ("STEPCAST_IMAGES", &images),
        ("STEPCAST_GEMINI_BASE_URL", &fake_url),
        ("GEMINI_API_KEY", "test-key"),
        ("STEPCAST_LEASE_SECS", "2"),
    ];
    let api_dir = dir.path().join("api");
    let (_api, addr) = spawn_until(
        &[
            "serve",
            "--no-workers",
            "--bind",
            "127.0.0.1:0",
            "--data-dir",
            api_dir.to_str().expect("path"),
        ],
        &shared,
        "stepcast serving on http://",
        false,
    );
    let worker_dir = |n: u32| dir.path().join(format!("worker-{n}"));
    let w1 = worker_dir(1);
    let (mut doomed, _) = spawn_until(
        &[
            "worker",
            "--concurrency",
            "3",
            "--data-dir",
            w1.to_str().expect("path"),
        ],
        &shared,
        "stepcast workers running",
        false,
    );

    let client = reqwest::Client::new();
    let base = format!("http://{addr}");
    let steps: Vec<serde_json::Value> = (1..=6)
        .map(|i| serde_json::json!({"title": format!("Step {i}"), "description": format!("Glue panel {i} to the frame.")}))
        .collect();
    let body = serde_json::json!({
        "title": "Shelf", "engine": "gemini", "strategy": "independent", "steps": steps,
    });
    let created: serde_json::Value = client
        .post(format!("{base}/step-images"))
        .json(&body)
        .send()
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    let id = created["id"].as_str().expect("id").to_string();

    // Kill the only worker once it is drawing.
    let mut progress = serde_json::Value::Null;
    for _ in 0..200 {
        progress = progress_of(&client, &base, &id).await;
        let generating = progress["step_images"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["status"] == "generating"));
        if generating {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    doomed.0.kill().expect("SIGKILL the worker");
    doomed.0.wait().expect("reaped");
    let completed_then: Vec<u64> = progress["step_images"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s["status"] == "completed")
        .map(|s| s["step_number"].as_u64().expect("n"))
        .collect();

    let w2 = worker_dir(2);
    let (_survivor, _) = spawn_until(
        &[
            "worker",
            "--concurrency",
            "3",
            "--data-dir",
            w2.to_str().expect("path"),
        ],
        &shared,
        "stepcast workers running",
        false,
    );
    let mut done = serde_json::Value::Null;
    for _ in 0..600 {
        done = progress_of(&client, &base, &id).await;
        if done["status"] != "generating" && done["status"] != "not_started" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(done["status"], "completed", "{done}");
    let calls = calls_per_step(&client, &fake_url).await;
    for n in completed_then {
        assert_eq!(
            calls.get(&n),
            Some(&1),
            "step {n} was drawn again: {calls:?}"
        );
    }
    for n in 1..=6 {
        assert!(
            calls.get(&n).is_some_and(|c| *c >= 1),
            "step {n} never drawn: {calls:?}"
        );
    }
}
