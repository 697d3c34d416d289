//! A real S3 server for the blob tests: `s3s-fs` (from crates.io; it checks
//! request signatures and speaks the S3 protocol) on a free port over a
//! temporary directory, stopped when dropped. `scripts/test` installs it
//! (`cargo install --locked s3s-fs@0.14.1 --features binary`).

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use store::{ObjectBlobStore, S3Settings};

const ACCESS_KEY: &str = "stepcast-test";
const SECRET_KEY: &str = "stepcast-test-secret";
const BUCKET: &str = "stepcast";

pub struct S3Server {
    child: Child,
    root: tempfile::TempDir,
    addr: SocketAddr,
}

/// The `s3s-fs` binary: on the PATH or where `cargo install` puts it.
fn binary() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin").join("s3s-fs"));
    match cargo_bin {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from("s3s-fs"),
    }
}

impl S3Server {
    /// Starts a server with an empty bucket and waits until it accepts
    /// connections.
    pub fn start() -> S3Server {
        let root = tempfile::tempdir().expect("temporary directory");
        std::fs::create_dir_all(root.path().join(BUCKET)).expect("bucket directory");
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(binary())
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(root.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start s3s-fs ({e}); install it with \
                     `cargo install --locked s3s-fs@0.14.1 --features binary`"
                )
            });
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let mut server = S3Server { child, root, addr };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(addr).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("s3s-fs exited at start: {status}");
            }
            assert!(Instant::now() < deadline, "s3s-fs did not listen on {addr}");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// The image store in the bucket under `prefix`.
    pub fn store(&self, prefix: &str) -> ObjectBlobStore {
        self.store_with_secret(prefix, SECRET_KEY)
    }

    /// The same, signing with `secret` (a wrong one is refused).
    pub fn store_with_secret(&self, prefix: &str, secret: &str) -> ObjectBlobStore {
        ObjectBlobStore::s3(&S3Settings {
            bucket: BUCKET.to_string(),
            prefix: prefix.to_string(),
            endpoint: Some(format!("http://{}", self.addr)),
            region: "us-east-1".to_string(),
            access_key_id: ACCESS_KEY.to_string(),
            secret_access_key: secret.to_string(),
        })
        .expect("the S3 store")
    }

    /// Where s3s-fs keeps the bucket's objects.
    pub fn bucket_dir(&self) -> PathBuf {
        self.root.path().join(BUCKET)
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
