//! The taxonomy and synonyms in admins' hands: terms added, relabelled,
//! retired and merged; synonyms listed, added and removed; each change
//! reaching every server through the change log, and only admins making it.

use std::time::Duration;

use casebook::members::{MemberStatus, Role};
use casebook_tests::*;
use serde_json::{Value, json};

const CREATE_TERM: &str = "mutation($kind: TermKind!, $key: String!, $label: String!) { createTerm(kind: $kind, key: $key, label: $label) { key label retired } }";
const UPDATE_TERM: &str = "mutation($kind: TermKind!, $key: String!, $label: String!) { updateTerm(kind: $kind, key: $key, label: $label) { key label } }";
const RETIRE_TERM: &str =
    "mutation($kind: TermKind!, $key: String!) { retireTerm(kind: $kind, key: $key) { key retired } }";
const MERGE_TERMS: &str = "mutation($kind: TermKind!, $from: String!, $into: String!) { mergeTerms(kind: $kind, from: $from, into: $into) { key } }";
const SERVICE_AREAS: &str = "{ taxonomy { serviceAreas { key label retired } } }";
const FACET_LABELS: &str =
    "query($query: String) { search(query: $query) { facets { serviceArea { value label count } } } }";

fn keys(taxonomy: &Value) -> Vec<String> {
    taxonomy["taxonomy"]["serviceAreas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap().to_owned())
        .collect()
}

async fn facet_label(app: &TestApp, key: &str) -> Option<String> {
    let response = app.gql(None, FACET_LABELS, json!({ "query": "litter" })).await;
    response.data()["search"]["facets"]["serviceArea"]
        .as_array()
        .unwrap()
        .iter()
        .find(|facet| facet["value"] == key)
        .map(|facet| facet["label"].as_str().unwrap().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_active_admins_change_the_taxonomy_and_the_synonyms() {
    let app = TestApp::spawn().await;
    let variables = json!({ "kind": "SERVICE_AREA", "key": "cemeteries", "label": "Cemeteries" });
    let synonyms = "mutation { removeSearchSynonyms(terms: [\"a\", \"b\"]) }";
    assert_eq!(app.gql(None, CREATE_TERM, variables.clone()).await.error_code(), "UNAUTHENTICATED");
    for (label, token) in [
        ("member", app.member_of("camden").await),
        ("moderator", app.moderator().await),
        ("pending admin", app.token_with_status(Role::Admin, MemberStatus::Pending, None).await),
        ("suspended admin", app.token_with_status(Role::Admin, MemberStatus::Suspended, None).await),
    ] {
        for (query, vars) in [
            (CREATE_TERM, variables.clone()),
            (UPDATE_TERM, json!({ "kind": "SERVICE_AREA", "key": "housing", "label": "Homes" })),
            (RETIRE_TERM, json!({ "kind": "SERVICE_AREA", "key": "housing" })),
            (MERGE_TERMS, json!({ "kind": "SERVICE_AREA", "from": "parking", "into": "housing" })),
            (synonyms, json!({})),
            ("{ searchSynonyms }", json!({})),
        ] {
            assert_eq!(app.gql(Some(&token), query, vars).await.error_code(), "FORBIDDEN", "{label}: {query}");
        }
    }
    let admin = app.admin().await;
    let created = app.gql(Some(&admin), CREATE_TERM, variables).await;
    assert_eq!(created.data()["createTerm"], json!({ "key": "cemeteries", "label": "Cemeteries", "retired": false }));
    let log =
        app.gql(Some(&admin), "{ auditLog(filter: { action: \"term.create\" }) { totalCount } }", json!({})).await;
    assert_eq!(log.data()["auditLog"]["totalCount"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_term_is_checked_and_offered_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (key, label, field) in
        [("Not Kebab", "Label", "key"), ("housing", "Housing again", "key"), ("new-one", " ", "label")]
    {
        let refused =
            app.gql(Some(&admin), CREATE_TERM, json!({ "kind": "SERVICE_AREA", "key": key, "label": label })).await;
        assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", field), "{key}");
    }
    app.gql(Some(&admin), CREATE_TERM, json!({ "kind": "SERVICE_AREA", "key": "cemeteries", "label": "Cemeteries" }))
        .await
        .data();
    let author = app.member_of("camden").await;
    let id = app.create(&author, input_with(json!({ "serviceAreas": ["cemeteries"] }))).await;
    let read = app
        .gql(
            Some(&author),
            "query($id: ID!) { caseStudy(id: $id) { serviceAreas { key label } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read.data()["caseStudy"]["serviceAreas"], json!([{ "key": "cemeteries", "label": "Cemeteries" }]));
    let missing =
        app.gql(Some(&admin), UPDATE_TERM, json!({ "kind": "SERVICE_AREA", "key": "nope", "label": "X" })).await;
    assert_eq!(missing.error_code(), "NOT_FOUND");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retired_term_is_no_longer_offered_but_stays_on_case_studies_and_in_facets() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let author = app.member_of("camden").await;
    let id = app.publish_searchable(&author, input_with(json!({ "serviceAreas": ["parking"] }))).await;
    let retired = app.gql(Some(&admin), RETIRE_TERM, json!({ "kind": "SERVICE_AREA", "key": "parking" })).await;
    assert_eq!(retired.data()["retireTerm"]["retired"], true);

    assert!(!keys(app.gql(Some(&author), SERVICE_AREAS, json!({})).await.data()).contains(&"parking".to_owned()));
    let for_admin = app.gql(Some(&admin), SERVICE_AREAS, json!({})).await;
    let parking = for_admin.data()["taxonomy"]["serviceAreas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "parking")
        .cloned();
    assert_eq!(parking.unwrap()["retired"], true, "admins see retired terms");

    let new =
        app.gql(Some(&author), CREATE, json!({ "input": input_with(json!({ "serviceAreas": ["parking"] })) })).await;
    assert_eq!((new.error_code(), new.error_field()), ("BAD_USER_INPUT", "serviceAreas[0]"));
    let edit = input_with(json!({ "serviceAreas": ["parking"], "title": "Sensors in litter bins, revisited" }));
    let kept = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": edit })).await;
    assert!(kept.body.get("errors").is_none(), "a case study keeps its retired term: {}", kept.body);
    assert_eq!(facet_label(&app, "parking").await.as_deref(), Some("Parking"), "still in the facets");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_moves_every_case_study_to_the_kept_term() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let author = app.member_of("camden").await;
    let only_parking = app.publish(&author, input_with(json!({ "serviceAreas": ["parking"] }))).await;
    let both = app.publish(&author, input_with(json!({ "serviceAreas": ["parking", "highways-and-transport"] }))).await;
    let same = app
        .gql(Some(&admin), MERGE_TERMS, json!({ "kind": "SERVICE_AREA", "from": "parking", "into": "parking" }))
        .await;
    assert_eq!((same.error_code(), same.error_field()), ("BAD_USER_INPUT", "into"));
    let unknown =
        app.gql(Some(&admin), MERGE_TERMS, json!({ "kind": "SERVICE_AREA", "from": "nope", "into": "parking" })).await;
    assert_eq!((unknown.error_code(), unknown.error_field()), ("BAD_USER_INPUT", "from"));

    let merged = app
        .gql(
            Some(&admin),
            MERGE_TERMS,
            json!({ "kind": "SERVICE_AREA", "from": "parking", "into": "highways-and-transport" }),
        )
        .await;
    assert_eq!(merged.data()["mergeTerms"]["key"], "highways-and-transport");
    let areas = |id: &str| {
        let id = id.to_owned();
        let app = &app;
        async move {
            let read = app
                .gql(None, "query($id: ID!) { caseStudy(id: $id) { serviceAreas { key } } }", json!({ "id": id }))
                .await;
            read.data()["caseStudy"]["serviceAreas"].clone()
        }
    };
    assert_eq!(areas(&only_parking).await, json!([{ "key": "highways-and-transport" }]));
    assert_eq!(areas(&both).await, json!([{ "key": "highways-and-transport" }]), "once");
    assert!(
        !keys(app.gql(None, SERVICE_AREAS, json!({})).await.data()).contains(&"parking".to_owned()),
        "no longer offered"
    );
    casebook::taxonomy::seed(&app.state.db, false).await.unwrap();
    assert!(
        !keys(app.gql(None, SERVICE_AREAS, json!({})).await.data()).contains(&"parking".to_owned()),
        "nor after a restart's seed"
    );
    let filter = json!({ "filter": { "serviceAreas": ["highways-and-transport"] } });
    let found = app.search_until(None, filter, Duration::from_secs(2), |results| results["totalCount"] == 2).await;
    assert!(found.is_some(), "search files both under the kept term");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_label_and_new_synonyms_reach_every_server_without_a_restart() {
    let first = TestApp::spawn().await;
    let second = TestApp::spawn_sharing_database_with(&first).await;
    let author = first.member_of("camden").await;
    let id = first.publish(&author, valid_input()).await;
    second
        .search_until(None, json!({ "query": "litter" }), Duration::from_secs(2), |r| hit_ids(r).contains(&id))
        .await
        .expect("indexed");
    let service_area = valid_input()["serviceAreas"][0].as_str().unwrap().to_owned();
    assert_ne!(facet_label(&second, &service_area).await.as_deref(), Some("Street cleansing"));

    let admin = first.admin().await;
    let relabel = json!({ "kind": "SERVICE_AREA", "key": service_area, "label": "Street cleansing" });
    first.gql(Some(&admin), UPDATE_TERM, relabel).await.data();
    let started = std::time::Instant::now();
    while facet_label(&second, &service_area).await.as_deref() != Some("Street cleansing") {
        assert!(started.elapsed() < Duration::from_secs(2), "the second server's facets kept the old label");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    let add = "mutation($terms: [String!]!) { addSearchSynonyms(terms: $terms) }";
    first.gql(Some(&admin), add, json!({ "terms": ["litter bins", "rubbish receptacles"] })).await.data();
    let query = json!({ "query": "rubbish receptacles" });
    let found = second.search_until(None, query.clone(), Duration::from_secs(2), |r| hit_ids(r).contains(&id)).await;
    assert!(found.is_some(), "the second server uses the new synonyms");
    let listed = first.gql(Some(&admin), "{ searchSynonyms }", json!({})).await;
    assert_eq!(listed.data()["searchSynonyms"], json!([["litter bins", "rubbish receptacles"]]));

    let remove = "mutation($terms: [String!]!) { removeSearchSynonyms(terms: $terms) }";
    let removed = first.gql(Some(&admin), remove, json!({ "terms": ["Rubbish receptacles", "litter bins"] })).await;
    assert_eq!(removed.data()["removeSearchSynonyms"], json!(["litter bins", "rubbish receptacles"]));
    let gone = second.search_until(None, query, Duration::from_secs(2), |r| !hit_ids(r).contains(&id)).await;
    assert!(gone.is_some(), "and stops using removed ones");
    let again = first.gql(Some(&admin), remove, json!({ "terms": ["litter bins", "rubbish receptacles"] })).await;
    assert_eq!(again.error_code(), "NOT_FOUND");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_change_terms_and_synonyms_on_the_taxonomy_page() {
    use casebook_tests::browser::{Browser, hidden_value};
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let path = format!("{}/admin/taxonomy", app.address);
    assert_eq!(Browser::new().visit(&path, None).await.status, 401);
    let member = app.browser_signed_in_as("member@camden.gov.uk", Role::Member).await;
    assert_eq!(member.visit(&path, None).await.status, 403);

    let admin = app.browser_signed_in_as("admin@leeds.gov.uk", Role::Admin).await;
    let page = admin.visit(&path, None).await;
    assert!(page.body.contains("value=\"Housing\"") && page.body.contains("No synonyms added yet"), "{}", page.body);
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let post = |form: Vec<(&'static str, &'static str)>| {
        let mut fields = vec![("csrf", csrf.clone())];
        fields.extend(form.into_iter().map(|(name, value)| (name, value.to_owned())));
        let admin = &admin;
        let path = path.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            admin.submit(&path, &fields, None).await
        }
    };
    let relabelled =
        post(vec![("action", "relabel"), ("kind", "SERVICE_AREA"), ("key", "housing"), ("label", "Homes")]).await;
    assert!(
        relabelled.url.ends_with("done=relabel") && relabelled.body.contains("value=\"Homes\""),
        "{}",
        relabelled.body
    );
    let bad = post(vec![("action", "create"), ("kind", "TECHNOLOGY"), ("key", "Bad Key"), ("label", "X")]).await;
    assert_eq!(bad.status, 400);
    let added = post(vec![("action", "add-synonyms"), ("terms", "litter bin, rubbish bin")]).await;
    assert!(added.body.contains("litter bin, rubbish bin"), "{}", added.body);
    let removed = post(vec![("action", "remove-synonyms"), ("terms", "litter bin, rubbish bin")]).await;
    assert!(removed.body.contains("No synonyms added yet"), "{}", removed.body);
    let taxonomy = app.gql(None, SERVICE_AREAS, json!({})).await;
    let housing =
        taxonomy.data()["taxonomy"]["serviceAreas"].as_array().unwrap().iter().find(|t| t["key"] == "housing").cloned();
    assert_eq!(housing.unwrap()["label"], "Homes");
}
