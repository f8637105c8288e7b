//! Email in the tests: the mail a server kept (no SMTP server: what
//! `/dev/mail` shows), the scheduled jobs run on demand, and a real SMTP
//! server to send to.
//!
//! The SMTP server is `tests/smtp-sink/sink.py` (aiosmtpd, from PyPI),
//! started per test by `SmtpSink::start` with the Python that
//! `CASEBOOK_TEST_SMTP_PYTHON` names (`.ci/run` makes a venv with it). The
//! tests that need it are `#[ignore]`d; asked for and unset, they fail.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use casebook::entities::mail_message;
use casebook::entities::values::MailStatus;
use casebook::notifications::jobs::{self, Round};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::TestApp;

pub const SMTP_PYTHON_VARIABLE: &str = "CASEBOOK_TEST_SMTP_PYTHON";

impl TestApp {
    /// Every email in the outbox, in any state, oldest first.
    pub async fn outbox(&self) -> Vec<mail_message::Model> {
        mail_message::Entity::find()
            .order_by_asc(mail_message::Column::CreatedAt)
            .all(&self.state.db)
            .await
            .expect("the outbox")
    }

    /// The emails kept for `recipient` (no SMTP server), once the mail worker settled them.
    pub async fn mail_to(&self, recipient: &str) -> Vec<mail_message::Model> {
        self.settled_mail().await;
        mail_message::Entity::find()
            .filter(mail_message::Column::Recipient.eq(recipient))
            .order_by_asc(mail_message::Column::CreatedAt)
            .all(&self.state.db)
            .await
            .expect("the outbox")
    }

    /// Waits (up to 10 s) until no email waits for the mail worker.
    pub async fn settled_mail(&self) {
        let started = std::time::Instant::now();
        loop {
            let waiting = mail_message::Entity::find()
                .filter(mail_message::Column::Status.eq(MailStatus::Pending))
                .filter(mail_message::Column::Attempts.eq(0))
                .all(&self.state.db)
                .await
                .expect("the outbox");
            if waiting.is_empty() || started.elapsed() > Duration::from_secs(10) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The email of the member a token stands for.
    pub async fn email_of(&self, token: &str) -> String {
        let viewer = self.viewer(token).await;
        let id = viewer.member_id().expect("a member").to_owned();
        casebook::members::find_by_ids(&self.state.db, &[id]).await.expect("lookup")[0].email.clone()
    }

    /// Runs the scheduled jobs once, as of `now`, once the index has caught up.
    pub async fn run_jobs(&self, now: DateTime<Utc>) -> Round {
        let started = std::time::Instant::now();
        while self.state.search.lag().await.expect("the lag") > 0 && started.elapsed() < Duration::from_secs(10) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let site = self.state.outbox.site().expect("the server tells people").clone();
        let round = jobs::run_once(&self.state.db, &self.state.search, &site, now).await.expect("the jobs run");
        self.settled_mail().await;
        round
    }
}

/// A message the SMTP server received, parsed by `mail-parser`.
#[derive(Debug, Clone)]
pub struct Received {
    pub envelope_to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.raw).expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|text| text.into_owned()).unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|html| html.into_owned()).unwrap_or_default()
    }

    /// A header's value as text (its first occurrence).
    pub fn header(&self, name: &str) -> Option<String> {
        let parsed = self.parsed();
        parsed.header_raw(name).map(|value| value.trim().to_owned())
    }
}

/// A real SMTP server (aiosmtpd) for one test, killed when dropped.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    directory: tempfile::TempDir,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        Self::start_failing_first(0)
    }

    /// One that answers the first `count` messages "451 try again later".
    pub fn start_failing_first(count: u32) -> SmtpSink {
        let python = std::env::var(SMTP_PYTHON_VARIABLE).unwrap_or_else(|_| {
            panic!("{SMTP_PYTHON_VARIABLE} is not set: it names a Python with aiosmtpd (.ci/run makes one)")
        });
        let directory = tempfile::tempdir().expect("a mail directory");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("smtp-sink/sink.py");
        let mut child = Command::new(python)
            .arg(&script)
            .arg(directory.path())
            .arg("--fail-first")
            .arg(count.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the SMTP sink starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("its output");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("its port");
        let port = line.trim().parse().unwrap_or_else(|_| panic!("the SMTP sink printed {line:?}, not a port"));
        SmtpSink { child, port, directory }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far, in the order received.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.directory.path())
            .expect("the mail directory")
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|extension| extension == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|path| {
                let envelope: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(path.with_extension("json")).expect("the envelope"))
                        .expect("JSON");
                Received {
                    envelope_to: envelope["to"]
                        .as_array()
                        .map(|to| to.iter().filter_map(|address| address.as_str().map(str::to_owned)).collect())
                        .unwrap_or_default(),
                    raw: std::fs::read(&path).expect("the message"),
                }
            })
            .collect()
    }

    /// Waits (up to 15 s) until at least `count` messages have arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        let started = std::time::Instant::now();
        loop {
            let received = self.received();
            if received.len() >= count || started.elapsed() > Duration::from_secs(15) {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The messages for `recipient`.
    pub fn received_by(&self, recipient: &str) -> Vec<Received> {
        self.received().into_iter().filter(|message| message.envelope_to.iter().any(|to| to == recipient)).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
