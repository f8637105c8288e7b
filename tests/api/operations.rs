//! What an operator relies on (issue 15, started): `/health`, `/ready`, and a
//! graceful shutdown that finishes the requests in flight and leaves the
//! index caught up.

use std::time::Duration;

use casebook::Settings;
use casebook::app::Application;
use casebook_tests::*;
use sea_orm::TransactionTrait;
use serde_json::{Value, json};

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let response = app.client.get(format!("{}{path}", app.address)).send().await.expect("an answer");
    let status = response.status().as_u16();
    (status, response.json().await.expect("a JSON body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_says_so_once_the_database_answers_and_the_index_has_caught_up() {
    let app = TestApp::spawn().await;
    let health = app.client.get(format!("{}/health", app.address)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let author = app.member_of("camden").await;
    app.publish_searchable(&author, valid_input()).await;
    let (status, body) = get_json(&app, "/ready").await;
    assert_eq!((status, &body["status"]), (200, &json!("ready")), "{body:#}");
    // The mail outbox's depth and the age of its oldest message, beside it.
    assert!(body["outbox"]["waiting"].is_u64() && body["outbox"]["oldestSeconds"].is_number(), "{body:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_is_a_503_with_the_reason_when_the_database_cannot_answer() {
    let app = TestApp::spawn_with(|settings| {
        settings.request_timeout_seconds = 2;
        settings.database_pool_size = 1;
    })
    .await;
    // Every connection a read could use, held (on SQLite the one reader; on
    // PostgreSQL the one pool).
    let held = app.state.reads.begin().await.expect("the reader's connection");
    let (status, body) = get_json(&app, "/ready").await;
    assert_eq!(status, 503, "{body:#}");
    assert_eq!(body["status"], "unavailable");
    assert!(body["reason"].as_str().unwrap().contains("database"), "{body:#}");
    // Health is about the process: still fine.
    assert_eq!(app.client.get(format!("{}/health", app.address)).send().await.unwrap().status(), 200);
    drop(held);
    assert_eq!(get_json(&app, "/ready").await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_finishes_the_request_in_flight_refuses_new_ones_and_leaves_the_index_caught_up() {
    let data_dir = tempfile::tempdir().unwrap();
    let (database_url, _) = fresh_database_url(data_dir.path()).await;
    let settings = Settings::new(data_dir.path(), Some(database_url), "127.0.0.1:0".parse().unwrap());
    let application = Application::build(settings).await.unwrap();
    let address = format!("127.0.0.1:{}", application.port());
    let state = application.state();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until(async move {
        let _ = stopped.await;
    }));

    let member = casebook::members::upsert_active_member(
        &state.db,
        "officer@camden.example",
        casebook::members::Role::Member,
        Some(casebook::authorities::find_by_slug(&state.db, "camden").await.unwrap().unwrap().id),
    )
    .await
    .unwrap();
    let token = casebook::members::issue_token(&state.db, &member.id, "test").await.unwrap();
    // A write held up behind the writer's one connection: in flight when the signal comes.
    let held = state.db.begin().await.unwrap();
    let client = reqwest::Client::new();
    let url = format!("http://{address}/graphql");
    let body = json!({ "query": CREATE, "variables": { "input": valid_input() } });
    let in_flight = tokio::spawn({
        let (client, url, token) = (client.clone(), url.clone(), token.clone());
        async move { client.post(url).bearer_auth(token).json(&body).send().await.unwrap() }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    held.rollback().await.unwrap();

    let answered = in_flight.await.unwrap();
    assert_eq!(answered.status(), 200);
    let answered: Value = answered.json().await.unwrap();
    assert!(answered["data"]["createCaseStudy"]["id"].is_string(), "{answered:#}");
    let finished = tokio::time::timeout(Duration::from_secs(10), server).await.expect("it stops").unwrap();
    assert!(finished.is_ok(), "{finished:?}");
    assert!(tokio::net::TcpStream::connect(&address).await.is_err(), "no new connections after the shutdown");
    assert_eq!(state.search.lag().await.unwrap(), 0, "the index applied the change log before it stopped");
}
