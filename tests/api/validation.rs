//! Every rule of PRODUCT.md's field table, broken once over GraphQL:
//! BAD_USER_INPUT naming the field, and nothing stored.

use casebook_tests::*;
use serde_json::{Value, json};

fn long(n: usize) -> String {
    "x".repeat(n)
}

fn broken_inputs() -> Vec<(&'static str, Value)> {
    vec![
        ("title", json!({ "title": "abcd" })),
        ("title", json!({ "title": long(201) })),
        ("summary", json!({ "summary": "too short" })),
        ("summary", json!({ "summary": long(1001) })),
        ("body", json!({ "body": long(100_001) })),
        ("lessons", json!({ "lessons": vec!["a lesson"; 21] })),
        ("lessons[1]", json!({ "lessons": ["fine", long(501)] })),
        ("lessons[0]", json!({ "lessons": ["   "] })),
        ("serviceAreas", json!({ "serviceAreas": [] })),
        (
            "serviceAreas",
            json!({ "serviceAreas": ["housing", "planning", "parking", "licensing", "education", "corporate-it"] }),
        ),
        ("serviceAreas[0]", json!({ "serviceAreas": ["not-a-service"] })),
        (
            "technologies",
            json!({ "technologies": ["ai-machine-learning", "chatbot", "robotic-process-automation", "iot-sensors", "drones", "blockchain", "mobile-app", "website-cms", "crm", "data-platform", "open-data"] }),
        ),
        ("technologies[1]", json!({ "technologies": ["chatbot", "teleporter"] })),
        ("tags", json!({ "tags": (0..21).map(|n| format!("tag-{n}")).collect::<Vec<_>>() })),
        ("tags[0]", json!({ "tags": ["!!!"] })),
        ("tags[0]", json!({ "tags": [long(41)] })),
        ("endedOn", json!({ "startedOn": "2022-01-02", "endedOn": "2022-01-01" })),
        ("startedOn", json!({ "startedOn": "2022-13-45" })),
        ("partners", json!({ "partners": vec!["Partner"; 21] })),
        ("partners[0]", json!({ "partners": [""] })),
        ("collaborators[0]", json!({ "collaborators": ["atlantis"] })),
        ("collaborators[0]", json!({ "collaborators": ["camden"] })),
        ("links", json!({ "links": vec![json!({ "title": "t", "url": "https://example.org" }); 21] })),
        ("links[0].url", json!({ "links": [{ "title": "t", "url": "javascript:alert(1)" }] })),
        (
            "links[1].url",
            json!({ "links": [{ "title": "ok", "url": "https://example.org" }, { "title": "ftp", "url": "ftp://example.org/file" }] }),
        ),
        ("links[0].url", json!({ "links": [{ "title": "t", "url": "not a url" }] })),
        ("links[0].title", json!({ "links": [{ "title": " ", "url": "https://example.org" }] })),
        ("contactEmail", json!({ "contactEmail": "not-an-email" })),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_broken_rule_is_bad_user_input_naming_its_field() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    for (field, changes) in broken_inputs() {
        let response = app.gql(Some(&author), CREATE, json!({ "input": input_with(changes.clone()) })).await;
        assert_eq!(response.error_code(), "BAD_USER_INPUT", "{changes}");
        assert_eq!(response.error_field(), field, "{changes}");
    }
    let drafts =
        app.gql(Some(&author), "{ caseStudies(filter: { statuses: [DRAFT] }) { totalCount } }", json!({})).await;
    assert_eq!(drafts.data()["caseStudies"]["totalCount"], 0, "nothing invalid was stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_edit_changes_nothing() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, valid_input()).await;
    let response = app
        .gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "no" })) }))
        .await;
    assert_eq!(response.error_field(), "title");
    let read =
        app.gql(Some(&author), "query($id: ID!) { caseStudy(id: $id) { title version } }", json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"], json!({ "title": "Sensors in litter bins", "version": 1 }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_broken_rules_are_listed_in_the_error() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let response = app
        .gql(
            Some(&author),
            CREATE,
            json!({ "input": input_with(json!({ "title": "no", "summary": "short", "contactEmail": "x" })) }),
        )
        .await;
    let fields: Vec<&str> = response.body["errors"][0]["extensions"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "summary", "contactEmail"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boundaries_of_each_length_rule_are_accepted() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let edge = input_with(json!({
        "title": long(200),
        "summary": long(20),
        "body": long(100_000),
        "lessons": vec![long(500); 20],
        "serviceAreas": ["housing", "planning", "parking", "licensing", "education"],
        "tags": (0..20).map(|n| format!("{n}-{}", "t".repeat(30))).collect::<Vec<_>>(),
        "startedOn": "2022-01-01",
        "endedOn": "2022-01-01",
        "contactEmail": null,
        "links": [{ "title": "plain http", "url": "http://example.org" }],
    }));
    let response = app.gql(Some(&author), CREATE, json!({ "input": edge })).await;
    assert_eq!(response.data()["createCaseStudy"]["status"], "DRAFT");
}
