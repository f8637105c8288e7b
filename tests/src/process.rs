//! The real `casebook` binary as a child process, for what only a process
//! shows: its logs, its exit, a SIGKILL. The binary is the one `cargo test
//! --workspace` builds beside the tests (`target/debug/casebook`), or the
//! one `CASEBOOK_BIN` names.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::GqlResponse;

/// The `casebook` binary these tests run.
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("CASEBOOK_BIN") {
        return PathBuf::from(path);
    }
    // The test executable is target/debug/deps/api-…; the binary is target/debug/casebook.
    let exe = std::env::current_exe().expect("the test executable");
    let beside = exe.parent().and_then(Path::parent).map(|dir| dir.join("casebook")).expect("target/debug");
    assert!(
        beside.exists(),
        "no casebook binary at {}: run `cargo test --workspace` (it builds it) or set CASEBOOK_BIN",
        beside.display()
    );
    beside
}

/// `casebook ARGS` on a data dir and database, not yet run.
pub fn command(data_dir: &Path, database_url: &str, args: &[&str]) -> Command {
    let mut command = Command::new(binary());
    command.arg("--data-dir").arg(data_dir).arg("--database-url").arg(database_url).args(args).env("RUST_LOG", "warn");
    command
}

/// `casebook ARGS` on a data dir and database, to its end; its standard output.
pub fn run(data_dir: &Path, database_url: &str, args: &[&str]) -> String {
    let output = command(data_dir, database_url, args).output().expect("the binary runs");
    assert!(output.status.success(), "casebook {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// A new API token (`casebook issue-token`).
pub fn issue_token(data_dir: &Path, database_url: &str, email: &str, role: &str, authority: Option<&str>) -> String {
    let mut args = vec!["issue-token", "--email", email, "--role", role];
    if let Some(slug) = authority {
        args.extend(["--authority", slug]);
    }
    run(data_dir, database_url, &args).trim().to_owned()
}

/// A running `casebook serve`, its standard error in `data_dir/server.log`.
pub struct ServerProcess {
    child: Child,
    pub address: String,
    pub log: PathBuf,
    client: reqwest::Client,
}

impl ServerProcess {
    /// Starts `casebook serve` with `extra` flags and waits until `/health` answers.
    pub async fn start(data_dir: &Path, database_url: &str, extra: &[&str]) -> ServerProcess {
        let port = crate::free_loopback_address().port();
        let log = data_dir.join("server.log");
        let log_file = std::fs::OpenOptions::new().create(true).append(true).open(&log).expect("the log file");
        let child = Command::new(binary())
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--database-url")
            .arg(database_url)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .args(["--api-rate-per-second", "0"])
            .args(extra)
            .arg("serve")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("casebook serve starts");
        let server =
            ServerProcess { child, address: format!("http://127.0.0.1:{port}"), log, client: reqwest::Client::new() };
        server.wait_for("/health").await;
        server
    }

    /// Waits (up to 60 s) until `path` answers 200.
    pub async fn wait_for(&self, path: &str) {
        let started = Instant::now();
        loop {
            if let Ok(response) = self.client.get(format!("{}{path}", self.address)).send().await
                && response.status() == 200
            {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "{path} never answered 200: {}", self.log_text());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> reqwest::Result<GqlResponse> {
        crate::gql_at(&self.client, &self.address, token, query, variables).await
    }

    /// SIGTERM, then its exit status (within 30 s).
    pub async fn terminate(mut self) -> std::process::ExitStatus {
        let signalled = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        assert!(signalled.is_ok_and(|status| status.success()), "kill -TERM");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child") {
                return status;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "no exit within 30 s of SIGTERM");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The process id (for `kill -KILL`: no shutdown of any kind).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
