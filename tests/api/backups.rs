//! `casebook backup` and `casebook restore` (SQLite; on PostgreSQL they
//! point to `pg_dump` and `pg_restore`): a backup taken while a server
//! writes restores into a new data directory that serves the same case
//! studies, members and history, with the search index rebuilt.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use casebook_tests::process::{self, ServerProcess};
use casebook_tests::*;
use serde_json::{Value, json};

fn on_postgres() -> bool {
    std::env::var(POSTGRES_URL_VARIABLE).is_ok_and(|url| !url.is_empty())
}

/// `casebook ARGS` expected to fail; its standard error.
fn refused(data_dir: &std::path::Path, database_url: &str, args: &[&str]) -> String {
    let output = process::command(data_dir, database_url, args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "casebook {args:?} should fail: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

const EVERYTHING: &str = "query($after: String) { caseStudies(first: 100, after: $after) {
    edges { node { id slug title status version authority { slug } publishedAt
                   history { from to message at by { email } } } }
    pageInfo { hasNextPage endCursor } } }";
const MEMBERS: &str = "{ members(first: 100) { edges { node { id email role status authority { slug } } } } }";

async fn published(address: &str, token: &str) -> Vec<Value> {
    all_pages(&reqwest::Client::new(), address, token, "caseStudies", EVERYTHING).await
}

async fn members(address: &str, token: &str) -> Value {
    let response = gql_at(&reqwest::Client::new(), address, Some(token), MEMBERS, json!({})).await.unwrap();
    response.data()["members"]["edges"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_restores_the_same_case_studies_members_and_history() {
    if on_postgres() {
        eprintln!("PostgreSQL is backed up with pg_dump (README): nothing of Casebook's to test here");
        return;
    }
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let admin = app.token("backup-admin@casebook.example", casebook::members::Role::Admin, None).await;
    for n in 0..3 {
        app.publish(&author, input_with(json!({ "title": format!("Before the backup {n}") }))).await;
    }
    let moderator = app.moderator().await;
    let before = published(&app.address, &admin).await;
    let members_before = members(&app.address, &admin).await;

    // A writer publishing all through the backup.
    let writing = Arc::new(AtomicBool::new(true));
    let writer = {
        let (writing, address, author) = (writing.clone(), app.address.clone(), author.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let call = |token: &str, query: &str, variables: Value| {
                client.post(format!("{address}/graphql")).bearer_auth(token.to_owned()).json(&json!({
                    "query": query, "variables": variables
                }))
            };
            let mut n = 0;
            while writing.load(Ordering::Relaxed) {
                let input = input_with(json!({ "title": format!("During the backup {n}") }));
                let created: Value =
                    call(&author, CREATE, json!({ "input": input })).send().await.unwrap().json().await.unwrap();
                let id = created["data"]["createCaseStudy"]["id"].clone();
                call(&author, SUBMIT, json!({ "id": id })).send().await.unwrap();
                call(&moderator, MODERATE, json!({ "id": id, "decision": "APPROVE" })).send().await.unwrap();
                n += 1;
            }
            n
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("casebook-backup.db");
    let file_arg = file.to_str().unwrap();
    let data_dir = app.state.settings.data_dir.clone();
    let said = process::run(&data_dir, &app.database_url, &["backup", file_arg]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    writing.store(false, Ordering::Relaxed);
    let written_during = writer.await.unwrap();
    assert!(written_during > 0, "the writer published while the backup ran");
    assert!(said.contains("backed up") && said.contains("case studies"), "{said}");
    let after_the_writes = published(&app.address, &admin).await;

    // A restore needs the server stopped: refused while it runs.
    let message = refused(&data_dir, &app.database_url, &["restore", file_arg]);
    assert!(message.contains("stop it first"), "{message}");

    let restored_dir = tempfile::tempdir().unwrap();
    let restored_url = format!("sqlite://{}?mode=rwc", restored_dir.path().join("casebook.db").display());
    let said = process::run(restored_dir.path(), &restored_url, &["restore", file_arg]);
    assert!(said.contains("restored"), "{said}");
    let server = ServerProcess::start(restored_dir.path(), &restored_url, &[]).await;
    server.wait_for("/ready").await;
    let restored = published(&server.address, &admin).await;

    // Everything there before the backup, exactly; and nothing torn: each
    // restored case study is one the live server has, with the same history.
    for case_study in &before {
        assert!(restored.contains(case_study), "missing or changed after the restore: {case_study:#}");
    }
    for case_study in &restored {
        assert!(after_the_writes.contains(case_study), "not as the live server has it: {case_study:#}");
    }
    assert_eq!(members(&server.address, &admin).await, members_before, "the same members");

    // The index was rebuilt from the restored database.
    let started = Instant::now();
    loop {
        let found = server.gql(Some(&admin), "{ search(query: \"\") { totalCount } }", json!({})).await.unwrap();
        if found.data()["search"]["totalCount"] == restored.len() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the index never held the restored case studies");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_what_is_not_a_casebook_database_and_keeps_the_one_it_replaces() {
    if on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("casebook.db").display());
    process::run(dir.path(), &url, &["migrate"]);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database at all, just some words").unwrap();
    let message = refused(dir.path(), &url, &["restore", junk.to_str().unwrap()]);
    assert!(message.contains("is not a SQLite database") || message.contains("damaged"), "{message}");
    let missing = dir.path().join("missing.db");
    let message = refused(dir.path(), &url, &["restore", missing.to_str().unwrap()]);
    assert!(message.contains("there is no backup at"), "{message}");

    let backup = dir.path().join("good.db");
    process::run(dir.path(), &url, &["backup", backup.to_str().unwrap()]);
    process::run(dir.path(), &url, &["restore", backup.to_str().unwrap()]);
    assert!(dir.path().join("casebook.db.before-restore").exists(), "the replaced database is kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_backup_names_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let message = refused(dir.path(), "postgres://nobody@127.0.0.1:1/none", &["backup", "/tmp/never.db"]);
    assert!(message.contains("pg_dump"), "{message}");
}
