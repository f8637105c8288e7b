//! Atom feeds (issue 18 §4), read with a real parser (`feed-rs`): public
//! content only whoever asks, never an anonymous case study under its
//! council, permanent `tag:` ids, and `updated` moving on with news.

use casebook_tests::{MODERATE, TestApp, input_with};
use serde_json::json;

async fn feed(app: &TestApp, path: &str, token: Option<&str>) -> feed_rs::model::Feed {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("application/atom+xml"), "{content_type}");
    let body = response.bytes().await.unwrap();
    feed_rs::parser::parse(&body[..]).unwrap_or_else(|error| panic!("{path} is not a feed: {error}"))
}

fn titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|entry| entry.title.as_ref().map(|title| title.content.clone()).unwrap_or_default())
        .collect()
}

async fn wait_for_index(app: &TestApp) {
    let started = std::time::Instant::now();
    while app.state.search.lag().await.unwrap() > 0 && started.elapsed() < std::time::Duration::from_secs(10) {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_feed_lists_public_case_studies_newest_first_whoever_asks() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let first = app.publish(&author, input_with(json!({ "title": "Older public one" }))).await;
    app.publish(&author, input_with(json!({ "title": "Members only one", "visibility": "MEMBERS" }))).await;
    app.publish(&author, input_with(json!({ "title": "Newer public one" }))).await;
    app.create(&author, input_with(json!({ "title": "A draft" }))).await;
    wait_for_index(&app).await;

    for token in [None, Some(author.as_str())] {
        let site = feed(&app, "/feed.atom", token).await;
        assert_eq!(titles(&site), ["Newer public one", "Older public one"], "public only, for a member too");
        let entry = &site.entries[1];
        assert_eq!(entry.id, format!("tag:casebook.network,2026:case-study:{first}"));
        let link = &entry.links[0].href;
        assert_eq!(link, &format!("{}/case-studies/{}", app.address, app.slug_of(&first).await));
        assert_eq!(entry.authors[0].name, "London Borough of Camden");
        assert!(site.links.iter().any(|link| link.rel.as_deref() == Some("self") && link.href.ends_with("/feed.atom")));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_councils_feed_never_lists_its_anonymous_case_studies() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    app.publish(&author, input_with(json!({ "title": "Named one" }))).await;
    app.publish(&author, input_with(json!({ "title": "Nameless one", "anonymous": true, "collaborators": [] }))).await;
    wait_for_index(&app).await;
    let council = feed(&app, "/councils/camden.atom", None).await;
    assert_eq!(titles(&council), ["Named one"]);
    let site = feed(&app, "/feed.atom", None).await;
    let nameless = site.entries.iter().find(|entry| entry.title.as_ref().unwrap().content == "Nameless one").unwrap();
    assert_eq!(nameless.authors[0].name, "A London borough");
    let raw = app.client.get(format!("{}/feed.atom", app.address)).send().await.unwrap().text().await.unwrap();
    assert_eq!(raw.matches("London Borough of Camden").count(), 1, "only the named one names Camden");
    assert_eq!(app.client.get(format!("{}/councils/atlantis.atom", app.address)).send().await.unwrap().status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_feed_has_the_search_pages_words_and_filters() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    app.publish(&author, input_with(json!({ "title": "Chatbot for council tax", "outcome": "FAILURE" }))).await;
    app.publish(&author, input_with(json!({ "title": "Chatbot that worked", "outcome": "SUCCESS" }))).await;
    app.publish(&author, input_with(json!({ "title": "Bins with lids" }))).await;
    wait_for_index(&app).await;
    assert_eq!(titles(&feed(&app, "/search.atom?q=chatbot&outcome=FAILURE", None).await), ["Chatbot for council tax"]);
    assert_eq!(titles(&feed(&app, "/search.atom?q=chatbot", None).await).len(), 2);
    let areas = feed(&app, "/service-areas/waste-and-recycling.atom", None).await;
    assert_eq!(areas.entries.len(), 3);
    assert_eq!(feed(&app, "/technologies/iot-sensors.atom", None).await.entries.len(), 3);
    assert!(feed(&app, "/technologies/drones.atom", None).await.entries.is_empty());
    for missing in ["/technologies/teleporters.atom", "/service-areas/waste-and-recycling"] {
        assert_eq!(
            app.client.get(format!("{}{missing}", app.address)).send().await.unwrap().status(),
            404,
            "{missing}"
        );
    }
    let search_page =
        app.client.get(format!("{}/search?q=chatbot", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(search_page.contains(r#"<link rel="alternate" type="application/atom+xml" title="Casebook: this search" href="/search.atom?q=chatbot">"#), "{search_page}");
    let council_page =
        app.client.get(format!("{}/councils/camden", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(council_page.contains(r#"href="/councils/camden.atom""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_revision_or_follow_up_updates_the_entry_under_the_same_id() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, input_with(json!({ "title": "Before" }))).await;
    wait_for_index(&app).await;
    let before = feed(&app, "/feed.atom", None).await.entries[0].clone();
    let moderator = app.moderator().await;
    let add = "mutation($id: ID!, $input: FollowUpInput!) { addFollowUp(caseStudyId: $id, input: $input) { id } }";
    let input = json!({ "writtenOn": chrono::Utc::now().date_naive().to_string(), "body": "Still running." });
    app.gql(Some(&author), add, json!({ "id": id, "input": input })).await.data();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    wait_for_index(&app).await;
    let after = feed(&app, "/feed.atom", None).await.entries[0].clone();
    assert_eq!(after.id, before.id);
    assert!(after.updated > before.updated, "{:?} then {:?}", before.updated, after.updated);
    assert_eq!(after.published, before.published);
}
