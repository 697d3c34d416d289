//! The server with its images in S3: a real S3 server (`s3s-fs`, which
//! checks signatures) in a temporary root, credentials from the standard
//! AWS variables. A guide's pictures land in the bucket under the prefix
//! and are served from there; `/readyz` says when the bucket is away, and
//! a guide drawn meanwhile finishes when it is back.

mod common;

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{config, guide_body, start};
use serde_json::Value;

/// `s3s-fs` on a free port over `root` (see crates/store/tests/common/s3.rs
/// for the store's own suite).
fn s3s_fs(root: &std::path::Path) -> (Child, SocketAddr) {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    s3s_fs_on(root, port)
}

/// `s3s-fs` on `port` over `root` (again, after it was stopped).
fn s3s_fs_on(root: &std::path::Path, port: u16) -> (Child, SocketAddr) {
    let home = std::env::var("HOME").unwrap_or_default();
    let installed = std::path::Path::new(&home).join(".cargo/bin/s3s-fs");
    let binary = if installed.is_file() {
        installed
    } else {
        "s3s-fs".into()
    };
    let child = Command::new(binary)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args([
            "--access-key",
            "server-test",
            "--secret-key",
            "server-test-secret",
        ])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("s3s-fs (cargo install --locked s3s-fs@0.14.1 --features binary)");
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "s3s-fs did not listen");
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, addr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_live_in_the_bucket_and_readyz_says_when_it_is_away() {
    let root = tempfile::tempdir().expect("root");
    std::fs::create_dir_all(root.path().join("stepcast")).expect("bucket");
    let (mut s3, addr) = s3s_fs(root.path());
    // The only test in this binary: nothing else reads these variables.
    std::env::set_var("AWS_ENDPOINT_URL", format!("http://{addr}"));
    std::env::set_var("AWS_REGION", "us-east-1");
    std::env::set_var("AWS_ACCESS_KEY_ID", "server-test");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "server-test-secret");

    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.images = Some("s3://stepcast/guides".into());
    let s = start(cfg, None).await;
    let id = s.post_guide(&guide_body("Bucketed", 2)).await;
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    let image_id = done["step_images"][0]["image_id"]
        .as_str()
        .expect("id")
        .to_string();
    let file = root
        .path()
        .join("stepcast/guides")
        .join(&image_id[..2])
        .join(&image_id);
    assert!(file.is_file(), "{} is in the bucket", file.display());
    assert!(
        !dir.path().join("images").exists(),
        "nothing under the data directory"
    );
    let image = s
        .get(done["step_images"][0]["image_url"].as_str().expect("url"))
        .await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["etag"], format!("\"{image_id}\"").as_str());
    assert!(image.headers()["cache-control"]
        .to_str()
        .unwrap_or("")
        .contains("immutable"));
    let ready: Value = s.get("/readyz").await.json().await.expect("json");
    assert_eq!(ready["checks"]["images"], "ok", "{ready}");

    let _ = s3.kill();
    let _ = s3.wait();
    let res = s.get("/readyz").await;
    assert_eq!(res.status(), 503);
    let down: Value = res.json().await.expect("json");
    assert_eq!(down["checks"]["state"], "ok");
    assert_ne!(down["checks"]["images"], "ok", "{down}");

    // A guide drawn while the bucket is away waits for it: its steps are
    // tried again (not failed) and finish once the bucket is back.
    let id = s.post_guide(&guide_body("Patient", 3)).await;
    for _ in 0..2000 {
        let progress = s.progress(&id).await;
        let retried = progress["step_images"]
            .as_array()
            .is_some_and(|steps| steps.iter().any(|st| st["attempts"].as_u64() >= Some(2)));
        if retried {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let waiting = s.progress(&id).await;
    assert_eq!(waiting["status"], "generating", "{waiting}");
    assert_eq!(waiting["failed_steps"], 0, "{waiting}");
    let (mut s3, _) = s3s_fs_on(root.path(), addr.port());
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(s.get("/readyz").await.status(), 200);
    let _ = s3.kill();
    let _ = s3.wait();
    s.running.shutdown(Duration::from_secs(5)).await;
}
