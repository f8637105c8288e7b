//! Search over HTTP: freshness after each kind of change, visibility and
//! anonymity for each kind of viewer, limits, and several servers on one
//! database.

use std::time::Duration;

use casebook_tests::*;
use serde_json::{Value, json};

const FRESH: Duration = Duration::from_secs(1);

fn contains(results: &Value, id: &str) -> bool {
    hit_ids(results).iter().any(|hit| hit == id)
}

fn facet_count(results: &Value, facet: &str, value: &str) -> i64 {
    results["facets"][facet]
        .as_array()
        .and_then(|values| values.iter().find(|entry| entry["value"] == value))
        .map_or(0, |entry| entry["count"].as_i64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_case_study_is_searchable_within_a_second_and_gone_when_withdrawn() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let query = json!({ "query": "litter bin sensors" });
    let took = app.search_until(None, query.clone(), FRESH, |results| contains(results, &id)).await;
    assert!(took.is_some(), "not searchable within {FRESH:?}");

    let results = app.search(None, query.clone()).await;
    assert_eq!(results["totalCount"], 1);
    assert_eq!(results["relaxed"], false);
    let highlights = &results["edges"][0]["highlights"];
    assert!(
        highlights
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["field"] == "title" && h["snippet"].as_str().unwrap().contains("<mark>"))
    );
    assert_eq!(facet_count(&results, "outcome", "FAILURE"), 1);
    assert_eq!(facet_count(&results, "authority", "camden"), 1);
    assert_eq!(facet_count(&results, "authority", "hackney"), 1, "collaborators count too");
    assert_eq!(facet_count(&results, "year", "2021"), 1);
    assert_eq!(results["facets"]["outcome"][0]["label"], "Failure");

    app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.data();
    let gone = app.search_until(None, query, FRESH, |results| results["totalCount"] == 0).await;
    assert!(gone.is_some(), "still searchable after withdrawal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_and_submissions_are_never_hits() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let draft = app.create(&author, valid_input()).await;
    let submitted = app.create(&author, input_with(json!({ "title": "Submitted litter bin sensors" }))).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": submitted })).await.data();
    app.state.search.sync().await.unwrap();
    for token in [None, Some(author.as_str())] {
        let results = app.search(token, json!({ "query": "litter" })).await;
        assert_eq!(results["totalCount"], 0, "{results}");
        assert!(!contains(&results, &draft));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_only_case_studies_are_hidden_from_anonymous_searchers_everywhere() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let public = app.publish(&author, valid_input()).await;
    let members = app
        .publish(
            &author,
            input_with(json!({ "title": "Members only bin sensors", "visibility": "MEMBERS", "tags": ["secret-tag"] })),
        )
        .await;
    app.state.search.sync().await.unwrap();

    let anonymous = app.search(None, json!({ "query": "bin sensors" })).await;
    assert!(contains(&anonymous, &public) && !contains(&anonymous, &members));
    assert_eq!(anonymous["totalCount"], 1);
    assert_eq!(facet_count(&anonymous, "tag", "secret-tag"), 0);
    assert_eq!(facet_count(&anonymous, "authority", "camden"), 1);

    let reader = app.member_of("leeds").await;
    let signed_in = app.search(Some(&reader), json!({ "query": "bin sensors" })).await;
    assert_eq!(signed_in["totalCount"], 2);
    assert_eq!(facet_count(&signed_in, "tag", "secret-tag"), 1);

    let similar = "query($id: ID!) { caseStudy(id: $id) { similar(first: 10) { id } } }";
    let anonymous_similar = app.gql(None, similar, json!({ "id": public })).await;
    let ids: Vec<&str> = anonymous_similar.data()["caseStudy"]["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&members.as_str()) && !ids.contains(&public.as_str()), "{ids:?}");
    let member_similar = app.gql(Some(&reader), similar, json!({ "id": public })).await;
    let ids: Vec<&str> = member_similar.data()["caseStudy"]["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [members.as_str()], "similar finds the other one, never itself");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_case_study_is_not_found_by_its_councils_name_nor_counted_under_it() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let anonymous =
        app.publish(&author, input_with(json!({ "anonymous": true, "title": "Telecare switchover went wrong" }))).await;
    let named =
        app.publish(&author, input_with(json!({ "title": "Parking permits online", "collaborators": [] }))).await;
    app.state.search.sync().await.unwrap();

    let moderator = app.moderator().await;
    let viewers = [None, Some(app.member_of("leeds").await), Some(author.clone()), Some(moderator)];
    for token in &viewers {
        let token = token.as_deref();
        for council_words in ["Camden", "London Borough of Camden", "camden hackney"] {
            let results = app.search(token, json!({ "query": council_words })).await;
            assert!(!contains(&results, &anonymous), "{council_words:?} found the anonymous one");
        }
        assert!(contains(&app.search(token, json!({ "query": "Camden" })).await, &named));
        let everything = app.search(token, json!({})).await;
        assert_eq!(everything["totalCount"], 2);
        assert_eq!(facet_count(&everything, "authority", "camden"), 1, "only the named one counts under the council");
        assert_eq!(facet_count(&everything, "authority", "hackney"), 0, "nor under its collaborators");
        assert_eq!(facet_count(&everything, "region", "london"), 2, "both count under the region");
        assert_eq!(facet_count(&everything, "authorityKind", "LONDON_BOROUGH"), 2);
        let by_council = app.search(token, json!({ "filter": { "authorities": ["camden"] } })).await;
        assert_eq!(hit_ids(&by_council), std::slice::from_ref(&named));
        let hit = everything["edges"].as_array().unwrap().iter().find(|e| e["node"]["id"] == anonymous).unwrap();
        if token.is_none() {
            assert!(hit["node"]["authority"].is_null());
            assert_eq!(hit["node"]["authorityLabel"], "A London borough");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_revision_replaces_the_indexed_text_and_a_pending_one_does_not() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.publish(&author, valid_input()).await;
    app.gql(
        Some(&author),
        UPDATE,
        json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Gritting routes rethought" })) }),
    )
    .await
    .data();
    app.state.search.sync().await.unwrap();
    assert_eq!(
        app.search(None, json!({ "query": "gritting" })).await["totalCount"],
        0,
        "pending revisions are not searchable"
    );

    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    let took = app.search_until(None, json!({ "query": "gritting" }), FRESH, |results| contains(results, &id)).await;
    assert!(took.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_alone_list_newest_first_and_pages_do_not_overlap() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let mut ids = Vec::new();
    for n in 0..5 {
        let outcome = if n % 2 == 0 { "SUCCESS" } else { "FAILURE" };
        ids.push(
            app.publish(&author, input_with(json!({ "title": format!("Project {n}"), "outcome": outcome }))).await,
        );
    }
    app.state.search.sync().await.unwrap();
    let successes = app.search(None, json!({ "filter": { "outcomes": ["SUCCESS"] } })).await;
    assert_eq!(hit_ids(&successes), [ids[4].clone(), ids[2].clone(), ids[0].clone()]);
    assert_eq!(facet_count(&successes, "outcome", "FAILURE"), 2, "a facet's counts ignore its own selection");

    let first = app.search(None, json!({ "first": 2 })).await;
    let second = app.search(None, json!({ "first": 2, "after": first["pageInfo"]["endCursor"] })).await;
    let third = app.search(None, json!({ "first": 2, "after": second["pageInfo"]["endCursor"] })).await;
    let all: Vec<String> = [hit_ids(&first), hit_ids(&second), hit_ids(&third)].concat();
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(all, newest_first);
    assert_eq!(third["pageInfo"]["hasNextPage"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_queries_are_searched_and_only_long_ones_refused() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    app.publish(&author, valid_input()).await;
    app.state.search.sync().await.unwrap();
    for query in ["\"unbalanced", "AND OR", "title:", "((((", "*", "🦀", "-", "NOT chatbot", "sensors^2", "{}", "\\"]
    {
        let response = app.gql(None, SEARCH, json!({ "query": query })).await;
        assert!(response.body.get("errors").is_none(), "{query:?}: {}", response.body);
    }
    let relaxed = app.search(None, json!({ "query": "sensors zebra" })).await;
    assert_eq!(relaxed["relaxed"], true);
    assert_eq!(relaxed["totalCount"], 1);

    let long = app.gql(None, SEARCH, json!({ "query": "x".repeat(501) })).await;
    assert_eq!(long.error_code(), "BAD_USER_INPUT");
    assert_eq!(long.error_field(), "query");
    assert!(app.gql(None, SEARCH, json!({ "query": "x ".repeat(250) })).await.body.get("errors").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_server_on_the_same_database_sees_approvals_within_two_seconds() {
    let first = TestApp::spawn().await;
    let second = TestApp::spawn_sharing_database_with(&first).await;
    let author = first.member_of("camden").await;
    let id = first.publish(&author, valid_input()).await;
    let took = second
        .search_until(None, json!({ "query": "litter bins" }), Duration::from_secs(2), |r| contains(r, &id))
        .await;
    assert!(took.is_some(), "the second server did not see the approval within 2 s");
    println!("seen by the second server after {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_server_rebuilds_its_missing_index_from_the_database() {
    let first = TestApp::spawn().await;
    let author = first.member_of("camden").await;
    let id = first.publish(&author, valid_input()).await;
    let fresh = TestApp::spawn_sharing_database_with(&first).await;
    let took =
        fresh.search_until(None, json!({ "query": "litter" }), Duration::from_secs(5), |r| contains(r, &id)).await;
    assert!(took.is_some(), "the rebuilt index lacks the case study");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_extend_the_synonyms() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    app.state.search.sync().await.unwrap();
    assert!(!contains(&app.search(None, json!({ "query": "rubbish receptacles" })).await, &id));
    let add = "mutation($terms: [String!]!) { addSearchSynonyms(terms: $terms) }";
    let member = app.gql(Some(&author), add, json!({ "terms": ["litter bins", "rubbish receptacles"] })).await;
    assert_eq!(member.error_code(), "FORBIDDEN");
    let admin = app.admin().await;
    app.gql(Some(&admin), add, json!({ "terms": ["litter bins", "rubbish receptacles"] })).await.data();
    assert!(contains(&app.search(None, json!({ "query": "rubbish receptacles" })).await, &id));
    let single = app.gql(Some(&admin), add, json!({ "terms": ["alone"] })).await;
    assert_eq!(single.error_field(), "terms");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facet_limit_keeps_the_most_frequent_values_and_the_selected_ones() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let common = app.publish(&author, input_with(json!({ "tags": ["common", "rare-one"] }))).await;
    app.publish(&author, input_with(json!({ "title": "Second litter bin trial", "tags": ["common", "rare-two"] })))
        .await;
    let query = json!({ "query": "litter" });
    app.search_until(None, query.clone(), FRESH, |results| results["totalCount"] == 2).await.expect("indexed");
    let _ = common;

    let tags = |results: &Value| -> Vec<String> {
        results["facets"]["tag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = app.search(None, query.clone()).await;
    assert_eq!(tags(&all).len(), 3, "every value by default under the limit: {:?}", tags(&all));

    let limited = app
        .gql(
            None,
            "query { search(query: \"litter\", facetLimit: 1) { totalCount facets { tag { value count } } } }",
            json!({}),
        )
        .await;
    let limited = &limited.data()["search"];
    assert_eq!(tags(limited), ["common"], "the most frequent");
    assert_eq!(limited["totalCount"], 2, "totals never change");

    let selected = app
        .gql(None, "query { search(query: \"litter\", facetLimit: 1, filter: { tags: [\"rare-two\"] }) { facets { tag { value } } } }", json!({}))
        .await;
    assert!(tags(&selected.data()["search"]).contains(&"rare-two".to_owned()), "a selected value stays listed");

    let bad = app.gql(None, "query { search(query: \"x\", facetLimit: -1) { totalCount } }", json!({})).await;
    assert_eq!((bad.error_code(), bad.error_field()), ("BAD_USER_INPUT", "facetLimit"));
}
