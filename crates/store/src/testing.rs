//! Test support (the `testing` feature): a Redis server of a test's own,
//! for what a shared one cannot show (append-only persistence across a
//! restart, Redis going away), and clearing a test's key prefix.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A `redis-server` child on a free port with append-only persistence in
/// `dir`; killed when dropped.
pub struct RedisServer {
    pub port: u16,
    child: Child,
}

impl RedisServer {
    /// Starts it on a free port.
    pub fn start_anywhere(dir: &Path) -> RedisServer {
        RedisServer::start(dir, free_port())
    }

    /// Starts it and returns once it accepts connections (it says so on
    /// its log, which is read rather than polled).
    pub fn start(dir: &Path, port: u16) -> RedisServer {
        let mut child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args([
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
            ])
            .arg("--dir")
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server must be installed");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.contains("Ready to accept connections") => break,
                Some(Ok(_)) => {}
                other => panic!("redis-server stopped before it was ready: {other:?}"),
            }
        }
        // Keep draining its log so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        RedisServer { port, child }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Kills it hard (SIGKILL): only what the append-only file holds
    /// survives.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The Redis the tests share: `STEPCAST_TEST_REDIS_URL`, or the machine's
/// own on the default port.
pub fn redis_url() -> String {
    std::env::var("STEPCAST_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// A key prefix no other test uses.
pub fn unique_prefix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("test:{}:{nanos:x}:{n}:", std::process::id())
}

/// Deletes every key under `prefix` in the shared test Redis when dropped,
/// however the test ends (best effort: leftovers must not fail a test).
pub struct PrefixGuard(pub String);

impl PrefixGuard {
    pub fn new() -> PrefixGuard {
        PrefixGuard(unique_prefix())
    }
}

impl Default for PrefixGuard {
    fn default() -> Self {
        PrefixGuard::new()
    }
}

impl Drop for PrefixGuard {
    fn drop(&mut self) {
        clear_prefix(&redis_url(), &self.0);
    }
}

/// Deletes every key under `prefix` (best effort).
pub fn clear_prefix(url: &str, prefix: &str) {
    let Ok(client) = redis::Client::open(url) else {
        return;
    };
    let Ok(mut connection) = client.get_connection() else {
        return;
    };
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}*"))
        .query(&mut connection)
        .unwrap_or_default();
    if !keys.is_empty() {
        let _: redis::RedisResult<()> = redis::cmd("DEL").arg(keys).query(&mut connection);
    }
}
