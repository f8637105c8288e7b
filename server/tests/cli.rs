//! The `casebook` binary: its commands' output, and clear messages (never a
//! panic) for bad settings.

use std::process::{Command, Output};

fn casebook(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CASEBOOK_DATABASE_URL")
        .env_remove("CASEBOOK_BIND")
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_clear_failure(output: &Output, expected: &str) {
    let message = stderr(output);
    assert!(!output.status.success(), "should fail: {message}");
    assert!(message.contains(expected), "expected `{expected}` in: {message}");
    assert!(!message.contains("panicked"), "panicked: {message}");
}

#[test]
fn issue_token_prints_a_token_alone_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let first = casebook(
        dir.path(),
        &["issue-token", "--email", "Officer@Camden.gov.uk", "--role", "MEMBER", "--authority", "camden"],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let stdout = String::from_utf8(first.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].starts_with("cbk_") && lines[0].len() > 40, "{stdout}");

    let again = casebook(dir.path(), &["issue-token", "--email", "officer@camden.gov.uk", "--role", "moderator"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_ne!(String::from_utf8(again.stdout).unwrap(), stdout, "every call issues a new token");
}

#[test]
fn issue_token_refuses_an_unknown_council_a_bad_role_and_a_bad_email() {
    let dir = tempfile::tempdir().unwrap();
    let output =
        casebook(dir.path(), &["issue-token", "--email", "a@b.example", "--role", "MEMBER", "--authority", "atlantis"]);
    assert_clear_failure(&output, "no council has the slug `atlantis`");
    let output = casebook(dir.path(), &["issue-token", "--email", "a@b.example", "--role", "KING"]);
    assert_clear_failure(&output, "unknown role");
    let output = casebook(dir.path(), &["issue-token", "--email", "not-an-email", "--role", "ADMIN"]);
    assert_clear_failure(&output, "is not an email address");
}

#[test]
fn import_authorities_prints_what_it_added_changed_and_retired() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/register-update.csv");
    let output = casebook(dir.path(), &["import-authorities", fixture]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout, "added: 1\n  casebook-test-valley\nchanged: 1\n  camden\nretired: 1\n  hackney\n");
    let missing = casebook(dir.path(), &["import-authorities", "/no/such/file.csv"]);
    assert_clear_failure(&missing, "cannot open /no/such/file.csv");
}

#[test]
fn an_unreachable_database_is_a_clear_error_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let output =
        casebook(dir.path(), &["--database-url", "postgres://casebook:hunter2@127.0.0.1:1/casebook", "migrate"]);
    assert_clear_failure(
        &output,
        "cannot connect to the database at postgres://casebook:********@127.0.0.1:1/casebook",
    );
    assert!(!stderr(&output).contains("hunter2"));
}

#[test]
fn a_bind_address_in_use_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let output = casebook(dir.path(), &["--bind", &address, "serve"]);
    assert_clear_failure(&output, &format!("cannot listen on {address}"));
    let output = casebook(dir.path(), &["--bind", "not-an-address", "serve"]);
    assert_clear_failure(&output, "invalid value 'not-an-address'");
}

#[test]
fn an_unusable_data_dir_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").unwrap();
    let output = casebook(&file.join("data"), &["migrate"]);
    assert_clear_failure(&output, "cannot create the data directory");
}
