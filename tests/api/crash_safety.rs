//! A server killed with SIGKILL in the middle of a stream of publishes loses
//! nothing it acknowledged, applies nothing twice, and after a restart its
//! index agrees with its database. On SQLite, and on PostgreSQL when the
//! suite runs there.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook_tests::process::{self, ServerProcess};
use casebook_tests::*;
use serde_json::{Value, json};

const WRITERS: usize = 4;
/// Publishes acknowledged before the kill.
const BEFORE_THE_KILL: usize = 12;

/// Publishes (create, submit, approve) until the server stops answering;
/// records each publish the server acknowledged, by title and id.
async fn publish_until_it_dies(
    server: Arc<ServerProcess>,
    writer: usize,
    author: String,
    moderator: String,
    acknowledged: Arc<Mutex<Vec<(String, String)>>>,
) {
    for round in 0.. {
        let title = format!("Crash writer {writer} round {round}");
        let input = input_with(json!({ "title": title }));
        let Ok(created) = server.gql(Some(&author), CREATE, json!({ "input": input })).await else { return };
        let Some(id) = created.body["data"]["createCaseStudy"]["id"].as_str().map(str::to_owned) else { return };
        let Ok(submitted) = server.gql(Some(&author), SUBMIT, json!({ "id": id })).await else { return };
        if submitted.body.get("errors").is_some() {
            return;
        }
        let decision = json!({ "id": id, "decision": "APPROVE" });
        let Ok(approved) = server.gql(Some(&moderator), MODERATE, decision).await else { return };
        if approved.body["data"]["moderateCaseStudy"]["status"] != "PUBLISHED" {
            return;
        }
        acknowledged.lock().unwrap().push((title, id));
    }
}

const PUBLISHED: &str = "query($after: String) { caseStudies(first: 100, after: $after) {
    edges { node { id title history { to } } } pageInfo { hasNextPage endCursor } } }";
const SEARCHED: &str = "query($after: String) { search(query: \"\", first: 100, after: $after) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_sigkill_mid_stream_nothing_acknowledged_is_lost_nothing_is_applied_twice_and_the_index_agrees() {
    let data_dir = tempfile::tempdir().unwrap();
    let (database_url, _) = fresh_database_url(data_dir.path()).await;
    let dir = data_dir.path();
    process::run(dir, &database_url, &["migrate"]);
    let author = process::issue_token(dir, &database_url, "crash@camden.gov.uk", "MEMBER", Some("camden"));
    let moderator = process::issue_token(dir, &database_url, "crash-mod@casebook.example", "MODERATOR", None);

    let server = Arc::new(ServerProcess::start(dir, &database_url, &[]).await);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            tokio::spawn(publish_until_it_dies(
                server.clone(),
                writer,
                author.clone(),
                moderator.clone(),
                acknowledged.clone(),
            ))
        })
        .collect();
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < BEFORE_THE_KILL {
        assert!(started.elapsed() < Duration::from_secs(60), "publishes too slow: {}", server.log_text());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Writes are in flight now: each writer is somewhere in its next publish.
    let killed = server.clone();
    tokio::task::spawn_blocking(move || {
        let pid = killed.pid();
        std::process::Command::new("kill").arg("-KILL").arg(pid.to_string()).status().expect("kill -KILL")
    })
    .await
    .unwrap();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    drop(server);

    let restarted = ServerProcess::start(dir, &database_url, &[]).await;
    restarted.wait_for("/ready").await;
    let published = all_pages(restarted.client(), &restarted.address, &moderator, "caseStudies", PUBLISHED).await;
    for (title, id) in &acknowledged {
        let found: Vec<&Value> = published.iter().filter(|node| node["title"] == title.as_str()).collect();
        assert_eq!(found.len(), 1, "{title} once after the restart, not {}", found.len());
        assert_eq!(found[0]["id"], id.as_str());
        let to_published = found[0]["history"].as_array().unwrap().iter().filter(|t| t["to"] == "PUBLISHED").count();
        assert_eq!(to_published, 1, "{title} was published once: {:#}", found[0]["history"]);
    }
    let mut titles: Vec<&str> = published.iter().map(|node| node["title"].as_str().unwrap()).collect();
    titles.sort_unstable();
    let before_dedup = titles.len();
    titles.dedup();
    assert_eq!(titles.len(), before_dedup, "no publish applied twice");

    // The index agrees with the database: the same ids, once it has caught up.
    let mut in_database: Vec<String> = published.iter().map(|node| node["id"].as_str().unwrap().to_owned()).collect();
    in_database.sort();
    let started = Instant::now();
    loop {
        let mut in_index: Vec<String> =
            all_pages(restarted.client(), &restarted.address, &moderator, "search", SEARCHED)
                .await
                .iter()
                .map(|node| node["id"].as_str().unwrap().to_owned())
                .collect();
        in_index.sort();
        if in_index == in_database {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the index holds {in_index:?}, the database {in_database:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
