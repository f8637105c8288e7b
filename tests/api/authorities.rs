//! The register of councils: lookups, the name search, and imports.

use casebook::authorities::register;
use casebook_tests::*;
use serde_json::json;

const FIXTURE: &str = include_str!("../fixtures/register-update.csv");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_register_is_loaded_on_first_start() {
    let app = TestApp::spawn().await;
    let all = app.gql(None, "{ authorities { totalCount } }", json!({})).await;
    let count = all.data()["authorities"]["totalCount"].as_i64().unwrap();
    assert!((390..=410).contains(&count), "{count} councils");
    let camden = app
        .gql(
            None,
            "{ authority(slug: \"camden\") { slug name gssCode kind region nation emailDomains successor { slug } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        camden.data()["authority"],
        json!({ "slug": "camden", "name": "London Borough of Camden", "gssCode": "E09000007", "kind": "LONDON_BOROUGH",
                "region": "london", "nation": "england", "emailDomains": ["camden.gov.uk"], "successor": null })
    );
    assert!(app.gql(None, "{ authority(slug: \"atlantis\") { slug } }", json!({})).await.data()["authority"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorities_search_matches_name_word_prefixes_case_insensitively() {
    let app = TestApp::spawn().await;
    let names = |response: GqlResponse| -> Vec<String> {
        response.data()["authorities"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|edge| edge["node"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let query = "query($search: String) { authorities(search: $search, first: 100) { edges { node { name } } } }";
    assert_eq!(
        names(app.gql(None, query, json!({ "search": "TOWER ham" })).await),
        ["London Borough of Tower Hamlets"]
    );
    let cam = names(app.gql(None, query, json!({ "search": "cam" })).await);
    assert!(cam.contains(&"London Borough of Camden".to_owned()), "{cam:?}");
    assert!(cam.iter().all(|name| name.split(' ').any(|word| word.to_lowercase().starts_with("cam"))), "{cam:?}");
    assert!(names(app.gql(None, query, json!({ "search": "amden" })).await).is_empty(), "prefixes, not substrings");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_adds_changes_and_retires_and_ended_councils_keep_their_case_studies() {
    let app = TestApp::spawn().await;
    let hackney_member = app.member_of("hackney").await;
    let id = app.publish(&hackney_member, input_with(json!({ "collaborators": [] }))).await;

    let report = register::import_register(&app.state.db, FIXTURE.as_bytes()).await.unwrap();
    assert_eq!(report.added, ["casebook-test-valley"]);
    assert_eq!(report.changed, ["camden"]);
    assert_eq!(report.retired, ["hackney"]);

    let hackney = app
        .gql(
            None,
            "{ authority(slug: \"hackney\") { name successor { slug name } caseStudies { totalCount } } }",
            json!({}),
        )
        .await;
    assert_eq!(hackney.data()["authority"]["successor"]["slug"], "camden");
    assert_eq!(hackney.data()["authority"]["successor"]["name"], "London Borough of Camden Council");
    assert_eq!(hackney.data()["authority"]["caseStudies"]["totalCount"], 1);
    let read =
        app.gql(None, "query($id: ID!) { caseStudy(id: $id) { authority { slug } } }", json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["authority"]["slug"], "hackney");

    // A second run changes nothing.
    let again = register::import_register(&app.state.db, FIXTURE.as_bytes()).await.unwrap();
    assert_eq!(again, register::ImportReport::default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_register_changes_nothing() {
    let app = TestApp::spawn().await;
    let broken = format!("{}\nnot,enough,columns\n", FIXTURE.trim_end());
    assert!(register::import_register(&app.state.db, broken.as_bytes()).await.is_err());
    let camden = app.gql(None, "{ authority(slug: \"camden\") { name } }", json!({})).await;
    assert_eq!(camden.data()["authority"]["name"], "London Borough of Camden");
}
