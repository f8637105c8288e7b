//! Saved searches and follows (issue 18 §3): alerts re-run the query over
//! what was published since the last one, as the member may read it, one
//! email per run, nothing sent twice, a missed run caught up.

use casebook::members::{MemberStatus, Role};
use casebook_tests::{TestApp, input_with};
use chrono::{Duration, Utc};
use serde_json::json;

const SAVE: &str = "mutation($query: String, $filter: SearchFilter, $name: String!, $frequency: AlertFrequency!) {
    saveSearch(query: $query, filter: $filter, name: $name, frequency: $frequency) { id name query frequency
    filter { outcomes serviceAreas } } }";
const FOLLOW: &str = "mutation($target: FollowTarget!, $key: String!, $frequency: AlertFrequency!) {
    follow(target: $target, key: $key, frequency: $frequency) { id target key label frequency } }";

async fn save(app: &TestApp, token: &str, query: &str, frequency: &str) -> String {
    let saved = app.gql(Some(token), SAVE, json!({ "query": query, "name": query, "frequency": frequency })).await;
    saved.data()["saveSearch"]["id"].as_str().unwrap().to_owned()
}

fn chatbot(title: &str) -> serde_json::Value {
    input_with(
        json!({ "title": title, "summary": "A chatbot answered questions about council tax.", "serviceAreas": ["revenues-and-benefits"], "technologies": [], "tags": ["chatbot"] }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_search_alerts_once_with_what_was_published_since() {
    let app = TestApp::spawn().await;
    let reader = app.member_of("leeds").await;
    let reader_email = app.email_of(&reader).await;
    save(&app, &reader, "chatbot", "IMMEDIATELY").await;
    // Search relaxes a query nothing matches to "any of the words"; an alert never does.
    let other = app.member_of("leeds").await;
    let other_email = app.email_of(&other).await;
    save(&app, &other, "chatbot zeppelin", "IMMEDIATELY").await;
    let author = app.member_of("camden").await;
    let first = app.publish(&author, chatbot("Council tax chatbot")).await;
    let second = app.publish(&author, chatbot("A second chatbot")).await;
    app.publish(&author, input_with(json!({ "title": "Bins with sensors" }))).await;

    let round = app.run_jobs(Utc::now()).await;
    assert_eq!((round.alerts.alerts, round.alerts.hits), (1, 2), "{round:?}");
    let told = app.mail_to(&reader_email).await;
    assert_eq!(told.len(), 1, "one email however many hits");
    assert_eq!(told[0].subject, "2 new on Casebook for “chatbot”");
    for id in [&first, &second] {
        assert!(told[0].text_body.contains(&format!("{}/case-studies/{}", app.address, app.slug_of(id).await)));
    }
    assert!(!told[0].text_body.contains("Bins with sensors"));
    assert!(told[0].unsubscribe_url.is_some());

    assert!(app.mail_to(&other_email).await.is_empty(), "no case study has both words");
    assert_eq!(app.run_jobs(Utc::now()).await.alerts.alerts, 0, "nothing is sent twice");
    let third = app.publish(&author, chatbot("Third chatbot")).await;
    app.run_jobs(Utc::now()).await;
    let told = app.mail_to(&reader_email).await;
    assert_eq!(told.len(), 2);
    assert!(told[1].subject.ends_with("Third chatbot") && told[1].text_body.contains(&app.slug_of(&third).await));
    assert!(!told[1].text_body.contains("A second chatbot"), "only what is new");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_alert_waits_its_day_and_a_missed_run_is_caught_up() {
    let app = TestApp::spawn().await;
    let reader = app.member_of("leeds").await;
    let reader_email = app.email_of(&reader).await;
    save(&app, &reader, "chatbot", "DAILY").await;
    let author = app.member_of("camden").await;
    app.publish(&author, chatbot("Monday's chatbot")).await;
    assert_eq!(app.run_jobs(Utc::now()).await.alerts.alerts, 0, "not a day yet");
    app.publish(&author, chatbot("Tuesday's chatbot")).await;
    // Three days with no run at all (the servers were down): one catch-up alert with both.
    assert_eq!(app.run_jobs(Utc::now() + Duration::days(3)).await.alerts.alerts, 1);
    let told = app.mail_to(&reader_email).await;
    assert_eq!(told.len(), 1);
    assert!(told[0].text_body.contains("Monday's chatbot") && told[0].text_body.contains("Tuesday's chatbot"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alert_lists_ten_and_says_how_many_more() {
    let app = TestApp::spawn().await;
    let reader = app.member_of("leeds").await;
    let reader_email = app.email_of(&reader).await;
    save(&app, &reader, "chatbot", "IMMEDIATELY").await;
    let author = app.member_of("camden").await;
    for number in 1..=12 {
        app.publish(&author, chatbot(&format!("Chatbot number {number}"))).await;
    }
    app.run_jobs(Utc::now()).await;
    let told = app.mail_to(&reader_email).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].subject, "12 new on Casebook for “chatbot”");
    assert!(told[0].text_body.contains("and 2 more"), "{}", told[0].text_body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_respect_visibility_and_anonymity_as_search_does() {
    let app = TestApp::spawn().await;
    let follower = app.member_of("leeds").await;
    let follower_email = app.email_of(&follower).await;
    let followed = app
        .gql(Some(&follower), FOLLOW, json!({ "target": "AUTHORITY", "key": "camden", "frequency": "IMMEDIATELY" }))
        .await;
    assert_eq!(followed.data()["follow"]["label"], "London Borough of Camden");
    save(&app, &follower, "chatbot", "IMMEDIATELY").await;
    let author = app.member_of("camden").await;
    let mut anonymous = chatbot("Anonymous chatbot");
    anonymous["anonymous"] = json!(true);
    anonymous["collaborators"] = json!([]);
    app.publish(&author, anonymous).await;
    app.run_jobs(Utc::now()).await;
    let told = app.mail_to(&follower_email).await;
    assert_eq!(told.len(), 1, "the follow of Camden never hears of its anonymous case study: {told:#?}");
    assert!(told[0].subject.contains("“chatbot”"));
    assert!(!told[0].text_body.contains("Camden"), "anonymous to the reader: {}", told[0].text_body);
    assert!(told[0].text_body.contains("A London borough"), "{}", told[0].text_body);

    // A suspended member hears of nothing, whatever they saved.
    let suspended = app.token_with_status(Role::Member, MemberStatus::Active, Some("leeds")).await;
    let suspended_email = app.email_of(&suspended).await;
    save(&app, &suspended, "chatbot", "IMMEDIATELY").await;
    let viewer = app.viewer(&suspended).await;
    let admin = app.viewer(&app.admin().await).await;
    casebook::members::admin::suspend(&app.state.db, &admin, viewer.member_id().unwrap()).await.unwrap();
    let mut members_only = chatbot("Members-only chatbot");
    members_only["visibility"] = json!("MEMBERS");
    app.publish(&author, members_only).await;
    app.run_jobs(Utc::now()).await;
    assert!(app.mail_to(&suspended_email).await.is_empty());
    let told = app.mail_to(&follower_email).await;
    assert!(told.iter().any(|mail| mail.text_body.contains("Members-only chatbot")), "members read members-only ones");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follows_of_a_term_or_a_tag_alert_and_following_again_changes_the_frequency() {
    let app = TestApp::spawn().await;
    let reader = app.member_of("leeds").await;
    let reader_email = app.email_of(&reader).await;
    let area = app
        .gql(
            Some(&reader),
            FOLLOW,
            json!({ "target": "SERVICE_AREA", "key": "revenues-and-benefits", "frequency": "WEEKLY" }),
        )
        .await;
    let area_id = area.data()["follow"]["id"].clone();
    let again = app
        .gql(
            Some(&reader),
            FOLLOW,
            json!({ "target": "SERVICE_AREA", "key": "revenues-and-benefits", "frequency": "IMMEDIATELY" }),
        )
        .await;
    assert_eq!(again.data()["follow"]["id"], area_id, "the same follow");
    assert_eq!(again.data()["follow"]["frequency"], "IMMEDIATELY");
    app.gql(Some(&reader), FOLLOW, json!({ "target": "TAG", "key": "Chatbot", "frequency": "IMMEDIATELY" }))
        .await
        .data();
    let follows = app.gql(Some(&reader), "{ follows { totalCount edges { node { target key } } } }", json!({})).await;
    assert_eq!(follows.data()["follows"]["totalCount"], 2);
    assert_eq!(follows.data()["follows"]["edges"][1]["node"], json!({ "target": "TAG", "key": "chatbot" }));

    let author = app.member_of("camden").await;
    app.publish(&author, chatbot("Tagged chatbot")).await;
    app.run_jobs(Utc::now()).await;
    assert_eq!(app.mail_to(&reader_email).await.len(), 2, "one alert per follow");

    for (target, key) in
        [("AUTHORITY", "atlantis"), ("SERVICE_AREA", "not-a-term"), ("TECHNOLOGY", "nope"), ("TAG", "   ")]
    {
        let refused =
            app.gql(Some(&reader), FOLLOW, json!({ "target": target, "key": key, "frequency": "DAILY" })).await;
        assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", "key"), "{target} {key}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saved_searches_are_the_members_own_and_broken_ones_are_refused() {
    let app = TestApp::spawn().await;
    let variables = json!({ "query": "chatbot", "name": "Chatbots", "frequency": "DAILY" });
    assert_eq!(app.gql(None, SAVE, variables.clone()).await.error_code(), "UNAUTHENTICATED");
    for status in [MemberStatus::Pending, MemberStatus::Suspended] {
        let token = app.token_with_status(Role::Member, status, Some("leeds")).await;
        assert_eq!(app.gql(Some(&token), SAVE, variables.clone()).await.error_code(), "FORBIDDEN", "{status:?}");
    }
    assert_eq!(app.gql(None, "{ savedSearches { totalCount } }", json!({})).await.error_code(), "UNAUTHENTICATED");
    assert_eq!(app.gql(None, "{ follows { totalCount } }", json!({})).await.error_code(), "UNAUTHENTICATED");

    let owner = app.member_of("leeds").await;
    let filtered = json!({ "query": "chatbot", "name": "Chatbots", "frequency": "DAILY", "filter": { "outcomes": ["FAILURE"], "serviceAreas": ["revenues-and-benefits"] } });
    let saved = app.gql(Some(&owner), SAVE, filtered).await;
    assert_eq!(
        saved.data()["saveSearch"]["filter"],
        json!({ "outcomes": ["FAILURE"], "serviceAreas": ["revenues-and-benefits"] })
    );
    let id = saved.data()["saveSearch"]["id"].as_str().unwrap().to_owned();
    let other = app.member_of("camden").await;
    let mine = app.gql(Some(&other), "{ savedSearches { totalCount } }", json!({})).await;
    assert_eq!(mine.data()["savedSearches"]["totalCount"], 0);
    let delete = "mutation($id: ID!) { deleteSavedSearch(id: $id) }";
    assert_eq!(app.gql(Some(&other), delete, json!({ "id": id })).await.error_code(), "NOT_FOUND");
    assert_eq!(app.gql(Some(&owner), delete, json!({ "id": id })).await.data()["deleteSavedSearch"], true);

    for (field, bad) in [
        ("name", json!({ "query": "x", "name": "  ", "frequency": "DAILY" })),
        ("name", json!({ "query": "x", "name": "n".repeat(201), "frequency": "DAILY" })),
        ("query", json!({ "query": "q".repeat(501), "name": "long", "frequency": "DAILY" })),
        (
            "filter",
            json!({ "query": "x", "name": "many", "frequency": "DAILY", "filter": { "tags": (0..51).map(|n| n.to_string()).collect::<Vec<_>>() } }),
        ),
        (
            "filter",
            json!({ "query": "x", "name": "nul", "frequency": "DAILY", "filter": { "serviceAreas": ["housing\u{0}"] } }),
        ),
        (
            "filter",
            json!({ "query": "x", "name": "long", "frequency": "DAILY", "filter": { "regions": ["r".repeat(201)] } }),
        ),
    ] {
        let refused = app.gql(Some(&owner), SAVE, bad.clone()).await;
        assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", field), "{bad}");
    }
    let left = app.gql(Some(&owner), "{ savedSearches { totalCount } }", json!({})).await;
    assert_eq!(left.data()["savedSearches"]["totalCount"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_running_the_alerts_at_once_send_each_alert_once() {
    let first = TestApp::spawn().await;
    let second = TestApp::spawn_sharing_database_with(&first).await;
    let author = first.member_of("camden").await;
    let mut readers = Vec::new();
    for _ in 0..10 {
        let reader = first.member_of("leeds").await;
        save(&first, &reader, "chatbot", "IMMEDIATELY").await;
        readers.push(first.email_of(&reader).await);
    }
    first.publish(&author, chatbot("Shared chatbot")).await;
    let now = Utc::now();
    // Wait for the second server's index to have it too.
    let started = std::time::Instant::now();
    while second.state.search.lag().await.unwrap() > 0 && started.elapsed() < std::time::Duration::from_secs(10) {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (a, b) = tokio::join!(first.run_jobs(now), second.run_jobs(now));
    assert_eq!(a.alerts.alerts + b.alerts.alerts, 10, "{a:?} {b:?}");
    for reader in readers {
        assert_eq!(first.mail_to(&reader).await.len(), 1, "{reader}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_data_holds_my_alerts_and_erasing_me_forgets_them_and_my_mail() {
    let app = TestApp::spawn().await;
    let reader = app.member_of("leeds").await;
    let reader_email = app.email_of(&reader).await;
    save(&app, &reader, "chatbot", "IMMEDIATELY").await;
    let author = app.member_of("camden").await;
    app.publish(&author, chatbot("Council tax chatbot")).await;
    app.run_jobs(Utc::now()).await;
    assert_eq!(app.mail_to(&reader_email).await.len(), 1);

    let data = app.gql(Some(&reader), "{ myData }", json!({})).await.data()["myData"].clone();
    let held = &data["notifications"];
    assert_eq!(held["savedSearchesAndFollows"][0]["query"], "chatbot", "{held:#}");
    assert_eq!(held["emails"][0]["subject"], "New on Casebook for “chatbot”: Council tax chatbot");
    assert_eq!(held["settings"]["dailyDigest"], false);

    let erase = "mutation($email: String!) { deleteMyAccount(confirmEmail: $email) }";
    app.gql(Some(&reader), erase, json!({ "email": reader_email })).await.data();
    assert!(app.outbox().await.iter().all(|mail| mail.recipient != reader_email), "no mail of theirs is kept");
    app.publish(&author, chatbot("Another chatbot")).await;
    assert_eq!(app.run_jobs(Utc::now()).await.alerts.checked, 0, "their saved search went with them");
}
