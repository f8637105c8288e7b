//! Evidence that can be weighed (issue 19 §1): its strength, planned and
//! actual cost and end date, and what the council would do differently, in
//! the API, search (facets, filters, highlights) and the page.

use casebook_tests::*;
use serde_json::{Value, json};

const EVIDENCE: &str = "query($id: ID!) { caseStudy(id: $id) { costBand evidenceStrength evaluationUrl plannedCost
    actualCost plannedEndOn endedOn overBudget late doDifferently } }";
const FACETS: &str = "query($query: String, $filter: SearchFilter) { search(query: $query, filter: $filter) {
    totalCount edges { node { id } highlights { field snippet } }
    facets { evidenceStrength { value label count } overBudget { value count } late { value count } } } }";

fn evidence(changes: Value) -> Value {
    let mut input = input_with(json!({
        "evidenceStrength": "INDEPENDENTLY_EVALUATED",
        "evaluationUrl": "https://example.org/evaluation",
        "plannedCost": 40000,
        "actualCost": 300000,
        "plannedEndOn": "2021-12-31",
        "endedOn": "2022-03-31",
        "doDifferently": ["Ask residents before choosing the bins"]
    }));
    for (key, value) in changes.as_object().unwrap() {
        input[key] = value.clone();
    }
    input
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_fields_round_trip_and_the_cost_decides_the_band() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, evidence(json!({ "costBand": "UNDER_10K" }))).await;
    let read = app.gql(Some(&author), EVIDENCE, json!({ "id": id })).await;
    let case_study = &read.data()["caseStudy"];
    assert_eq!(case_study["evidenceStrength"], "INDEPENDENTLY_EVALUATED");
    assert_eq!(case_study["evaluationUrl"], "https://example.org/evaluation");
    assert_eq!((case_study["plannedCost"].as_i64(), case_study["actualCost"].as_i64()), (Some(40_000), Some(300_000)));
    assert_eq!(case_study["costBand"], "FROM_250K_TO_1M", "the actual cost, not the band chosen");
    assert_eq!((case_study["overBudget"].as_bool(), case_study["late"].as_bool()), (Some(true), Some(true)));
    assert_eq!(case_study["doDifferently"], json!(["Ask residents before choosing the bins"]));

    let planned_only =
        app.create(&author, evidence(json!({ "actualCost": null, "plannedCost": 5000, "plannedEndOn": null }))).await;
    let read = app.gql(Some(&author), EVIDENCE, json!({ "id": planned_only })).await;
    let case_study = &read.data()["caseStudy"];
    assert_eq!(case_study["costBand"], "UNDER_10K", "else the planned cost");
    assert_eq!(case_study["overBudget"], Value::Null, "unknown without both figures");
    assert_eq!(case_study["late"], Value::Null);

    let none = app.create(&author, valid_input()).await;
    let read = app.gql(Some(&author), EVIDENCE, json!({ "id": none })).await;
    let case_study = &read.data()["caseStudy"];
    assert_eq!(case_study["evidenceStrength"], Value::Null, "every new field is optional");
    assert_eq!(case_study["doDifferently"], json!([]));
    assert_eq!(case_study["costBand"], "FROM_50K_TO_250K", "the band chosen stands without costs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_evidence_is_refused_on_its_field_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let cases = [
        (json!({ "plannedCost": -1 }), "plannedCost"),
        (json!({ "actualCost": -500 }), "actualCost"),
        (json!({ "plannedEndOn": "2020-01-01" }), "plannedEndOn"),
        (json!({ "plannedEndOn": "31/12/2021" }), "plannedEndOn"),
        (json!({ "evaluationUrl": "javascript:alert(1)" }), "evaluationUrl"),
        (json!({ "doDifferently": vec!["x"; 21] }), "doDifferently"),
        (json!({ "doDifferently": ["y".repeat(501)] }), "doDifferently[0]"),
    ];
    for (change, field) in cases {
        let response = app.gql(Some(&author), CREATE, json!({ "input": evidence(change.clone()) })).await;
        assert_eq!(response.error_code(), "BAD_USER_INPUT", "{change}");
        assert!(
            response.error_field().starts_with(field.split('[').next().unwrap()),
            "{change}: {}",
            response.error_field()
        );
    }
    let listed =
        app.gql(Some(&author), "{ caseStudies(filter: { statuses: [DRAFT] }) { totalCount } }", json!({})).await;
    assert_eq!(listed.data()["caseStudies"]["totalCount"], 0, "no refused input was saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_is_a_facet_and_a_filter_with_exact_counts() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let over = app.publish(&author, evidence(json!({ "title": "Over budget and late" }))).await;
    let on_time = app
        .publish(&author, evidence(json!({ "title": "On budget", "evidenceStrength": "MONITORED", "actualCost": 30000, "plannedEndOn": "2022-06-30" })))
        .await;
    let unknown = app.publish(&author, input_with(json!({ "title": "No evidence given" }))).await;
    let members = app.publish(&author, evidence(json!({ "title": "Members only", "visibility": "MEMBERS" }))).await;
    let all = [&over, &on_time, &unknown, &members].map(|id| id.to_string());
    let member = app.member_of("leeds").await;
    let indexed = app
        .search_until(Some(&member), json!({}), std::time::Duration::from_secs(5), |results| {
            all.iter().all(|id| hit_ids(results).contains(id))
        })
        .await;
    assert!(indexed.is_some());

    let count = |facets: &Value, facet: &str, value: &str| {
        facets[facet]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == value)
            .map_or(0, |v| v["count"].as_i64().unwrap())
    };
    let anonymous = app.gql(None, FACETS, json!({})).await;
    let facets = &anonymous.data()["search"]["facets"];
    assert_eq!(
        count(facets, "evidenceStrength", "INDEPENDENTLY_EVALUATED"),
        1,
        "the members-only one is not counted: {facets}"
    );
    assert_eq!(count(facets, "evidenceStrength", "MONITORED"), 1);
    assert_eq!(count(facets, "overBudget", "true"), 1);
    assert_eq!(count(facets, "overBudget", "false"), 1);
    assert_eq!(count(facets, "late", "true"), 1);
    assert_eq!(count(facets, "late", "false"), 1);
    let signed_in = app.gql(Some(&member), FACETS, json!({})).await;
    assert_eq!(count(&signed_in.data()["search"]["facets"], "evidenceStrength", "INDEPENDENTLY_EVALUATED"), 2);
    let label = anonymous.data()["search"]["facets"]["evidenceStrength"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "MONITORED")
        .unwrap()["label"]
        .clone();
    assert!(label.as_str().unwrap().starts_with("Monitored"), "{label}");

    let filtered =
        app.gql(Some(&member), FACETS, json!({ "filter": { "evidenceStrengths": ["INDEPENDENTLY_EVALUATED"] } })).await;
    assert_eq!(filtered.data()["search"]["totalCount"], 2);
    let late = app.gql(None, FACETS, json!({ "filter": { "late": true, "overBudget": true } })).await;
    let hits: Vec<&str> =
        late.data()["search"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["id"].as_str().unwrap()).collect();
    assert_eq!(hits, [over.as_str()]);
    let on_budget = app.gql(None, FACETS, json!({ "filter": { "overBudget": false } })).await;
    assert_eq!(on_budget.data()["search"]["totalCount"], 1, "unknown is neither over nor within budget");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_we_would_do_differently_is_searched_and_highlighted_below_the_title() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let in_differently = app
        .publish(
            &author,
            evidence(json!({ "title": "Smart bins", "doDifferently": ["Consult the allotment society first"] })),
        )
        .await;
    let in_title = app.publish(&author, input_with(json!({ "title": "Allotment society partnership" }))).await;
    let found = app
        .search_until(None, json!({ "query": "allotment" }), std::time::Duration::from_secs(5), |results| {
            hit_ids(results).len() == 2
        })
        .await;
    assert!(found.is_some(), "both are found");
    let response = app.gql(None, FACETS, json!({ "query": "allotment" })).await;
    let edges = response.data()["search"]["edges"].as_array().unwrap().clone();
    assert_eq!(edges[0]["node"]["id"], in_title.as_str(), "a title match ranks above a do-differently one");
    assert_eq!(edges[1]["node"]["id"], in_differently.as_str());
    let highlight =
        edges[1]["highlights"].as_array().unwrap().iter().find(|h| h["field"] == "doDifferently").expect("highlighted");
    assert!(
        highlight["snippet"].as_str().unwrap().contains("<mark>allotment</mark>")
            || highlight["snippet"].as_str().unwrap().contains("<mark>Allotment</mark>"),
        "{highlight}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_the_evidence_costs_and_what_they_would_do_differently() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, evidence(json!({}))).await;
    let html = app
        .client
        .get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for shown in [
        "Independently evaluated",
        "£40,000",
        "£300,000 (over budget)",
        "(finished late)",
        "What we would do differently",
        "Ask residents before choosing the bins",
        "https://example.org/evaluation",
    ] {
        assert!(html.contains(shown), "the page shows {shown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_evidence_on_a_published_case_study_waits_for_a_moderator_like_any_edit() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let version =
        app.gql(Some(&author), "query($id: ID!) { caseStudy(id: $id) { version } }", json!({ "id": id })).await.data()
            ["caseStudy"]["version"]
            .as_i64()
            .unwrap();
    let edited = evidence(json!({ "evidenceStrength": "EVALUATED" }));
    let query = "mutation($id: ID!, $version: Int!, $input: CaseStudyInput!) {
        updateCaseStudy(id: $id, expectedVersion: $version, input: $input) { pendingRevision { evidenceStrength actualCost doDifferently } } }";
    let updated = app.gql(Some(&author), query, json!({ "id": id, "version": version, "input": edited })).await;
    assert_eq!(updated.data()["updateCaseStudy"]["pendingRevision"]["evidenceStrength"], "EVALUATED");
    assert_eq!(updated.data()["updateCaseStudy"]["pendingRevision"]["actualCost"], 300000);
    let live = app.gql(None, EVIDENCE, json!({ "id": id })).await;
    assert_eq!(live.data()["caseStudy"]["evidenceStrength"], Value::Null, "readers see the live text until approved");
    app.gql(Some(&app.moderator().await), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    let live = app.gql(None, EVIDENCE, json!({ "id": id })).await;
    assert_eq!(live.data()["caseStudy"]["evidenceStrength"], "EVALUATED");
    assert_eq!(live.data()["caseStudy"]["doDifferently"], json!(["Ask residents before choosing the bins"]));
}
