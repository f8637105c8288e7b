//! Rules written twice by necessity (once in Rust for one row, once in SQL
//! for lists) agree, in every state a case study can be in.

use casebook::case_studies::transitions::{awaiting_decision, awaits_decision};
use casebook::entities::case_study;
use casebook_tests::*;
use sea_orm::{EntityTrait, QueryFilter};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_for_a_decision_is_the_same_rule_for_one_row_and_for_the_queue() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let decide = |id: &str, decision: &str| json!({ "id": id, "decision": decision, "message": "because" });

    app.create(&author, valid_input()).await; // DRAFT
    let submitted = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": submitted })).await.data();
    for decision in ["REQUEST_CHANGES", "REJECT"] {
        let id = app.create(&author, valid_input()).await;
        app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
        app.gql(Some(&moderator), MODERATE, decide(&id, decision)).await.data();
    }
    app.publish(&author, valid_input()).await; // PUBLISHED, nothing pending
    let withdrawn = app.publish(&author, valid_input()).await;
    app.gql(Some(&author), WITHDRAW, json!({ "id": withdrawn })).await.data();
    let revised = input_with(json!({ "title": "A revised title" }));
    let pending = app.publish(&author, valid_input()).await;
    app.gql(Some(&author), UPDATE, json!({ "id": pending, "version": 1, "input": revised.clone() })).await.data();
    let returned = app.publish(&author, valid_input()).await;
    app.gql(Some(&author), UPDATE, json!({ "id": returned, "version": 1, "input": revised })).await.data();
    app.gql(Some(&moderator), MODERATE, decide(&returned, "REQUEST_CHANGES")).await.data();

    let every = case_study::Entity::find().all(&app.state.db).await.unwrap();
    let queued = case_study::Entity::find().filter(awaiting_decision()).all(&app.state.db).await.unwrap();
    assert_eq!(every.len(), 8, "one case study in each state");
    for row in &every {
        let in_queue = queued.iter().any(|queued| queued.id == row.id);
        assert_eq!(awaits_decision(row), in_queue, "{:?} (queued at {:?})", row.status, row.queued_at);
    }
    let mut waiting: Vec<&str> = queued.iter().map(|row| row.id.as_str()).collect();
    waiting.sort();
    let mut expected = vec![submitted.as_str(), pending.as_str()];
    expected.sort();
    assert_eq!(waiting, expected, "a submission and a pending revision wait; nothing else does");
}
