//! A real server on port 0 over a temporary data directory, and a real
//! HTTP client.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use engines::{ImageEngine, TestEngine, TestEngineScript};
use futures::StreamExt;
use plan::request::Engine;
use serde_json::{json, Value};
use server::{Running, ServerConfig};

pub struct TestServer {
    pub running: Running,
    pub base: String,
    pub client: reqwest::Client,
}

pub fn config(dir: &Path) -> ServerConfig {
    let mut config = ServerConfig::new(dir);
    config.bind = "127.0.0.1:0".parse().expect("addr");
    config.retry_base = Duration::from_millis(20);
    config.task_timeout = Duration::from_secs(20);
    config.lease = Duration::from_secs(3);
    config
}

/// A server whose schematic engine is replaced by `engine`, if given.
pub async fn start(config: ServerConfig, engine: Option<Arc<TestEngine>>) -> TestServer {
    start_as(config, engine, Engine::Schematic).await
}

/// A server with `engine` registered as `kind` (the real schematic engine
/// stays when `kind` is another engine).
pub async fn start_as(
    config: ServerConfig,
    engine: Option<Arc<TestEngine>>,
    kind: Engine,
) -> TestServer {
    let extra: Vec<(Engine, Arc<dyn ImageEngine>)> = engine
        .into_iter()
        .map(|e| (kind, e as Arc<dyn ImageEngine>))
        .collect();
    start_with(config, extra).await
}

/// A server with these engines besides the schematic one.
pub async fn start_with(
    config: ServerConfig,
    engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
) -> TestServer {
    let running = server::start(config, engines).await.expect("server starts");
    let base = format!("http://{}", running.addr);
    TestServer {
        running,
        base,
        client: reqwest::Client::new(),
    }
}

pub fn test_engine(script: TestEngineScript) -> Arc<TestEngine> {
    Arc::new(TestEngine::new(script))
}

/// A small guide in stepcast's shape with `n` steps, drawn small so tests
/// run quickly.
pub fn guide_body(title: &str, n: usize) -> Value {
    let steps: Vec<Value> = (1..=n)
        .map(|i| {
            json!({
                "title": format!("Step {i}"),
                "description": match i {
                    1 => "Clean the glass jar.".to_string(),
                    2 => "Fill the jar halfway with potting soil.".to_string(),
                    3 => "Plant the succulent in the soil.".to_string(),
                    _ => format!("Paint the jar blue, coat {i}."),
                },
            })
        })
        .collect();
    json!({"title": title, "materials": ["glass jar", "potting soil", "succulent"], "steps": steps, "width": 320, "height": 256})
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GETs an absolute URL (an `image_url`) or a path on this server.
    pub async fn get(&self, url_or_path: &str) -> reqwest::Response {
        let url = if url_or_path.starts_with('/') {
            self.url(url_or_path)
        } else {
            url_or_path.to_string()
        };
        self.client.get(url).send().await.expect("get")
    }

    /// The body of a GET, as text.
    pub async fn get_text(&self, url_or_path: &str) -> String {
        self.get(url_or_path).await.text().await.expect("text")
    }

    pub async fn post_guide(&self, body: &Value) -> String {
        let res = self
            .client
            .post(self.url("/step-images"))
            .json(body)
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 202, "{:?}", res.text().await);
        let v: Value = res.json().await.expect("json");
        v["id"].as_str().expect("id").to_string()
    }

    pub async fn progress(&self, id: &str) -> Value {
        self.get(&format!("/step-images/{id}"))
            .await
            .json()
            .await
            .expect("json")
    }

    /// Polls until the guide's status is final; returns the last progress.
    pub async fn wait_final(&self, id: &str) -> Value {
        for _ in 0..600 {
            let p = self.progress(id).await;
            let status = p["status"].as_str().unwrap_or("");
            if matches!(
                status,
                "completed" | "completed_with_errors" | "failed" | "cancelled"
            ) {
                return p;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("guide {id} did not finish: {}", self.progress(id).await);
    }
}

/// Waits until `ready` holds, for at most 20 s.
pub async fn eventually(ready: impl Fn() -> bool) {
    for _ in 0..2000 {
        if ready() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting");
}

/// Reads an SSE response to its end: (id, event, data) triples.
pub async fn read_events(res: reqwest::Response) -> Vec<(i64, String, Value)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut stream = res.bytes_stream();
    while let Some(chunk) = stream.next().await {
        buf.push_str(&String::from_utf8_lossy(&chunk.expect("chunk")));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            let (mut id, mut kind, mut data) = (None, String::new(), String::new());
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().parse::<i64>().ok();
                } else if let Some(v) = line.strip_prefix("event:") {
                    kind = v.trim().to_string();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
            if let Some(id) = id {
                out.push((id, kind, serde_json::from_str(&data).expect("json data")));
            }
        }
    }
    out
}

/// A server with these engines and language models for plans.
pub async fn start_planned(
    config: ServerConfig,
    engines: Vec<(Engine, Arc<dyn ImageEngine>)>,
    planners: server::Planners,
) -> TestServer {
    let running = server::start_planned(config, engines, planners)
        .await
        .expect("server starts");
    let base = format!("http://{}", running.addr);
    TestServer {
        running,
        base,
        client: reqwest::Client::new(),
    }
}
