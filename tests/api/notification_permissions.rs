//! Issue 18's permissions, both ways, for every kind of account: anonymous,
//! pending, suspended, a member of the owning council, a member of another,
//! a moderator, an admin.

use casebook::members::{MemberStatus, Role};
use casebook_tests::{TestApp, valid_input};
use serde_json::{Value, json};

struct Accounts {
    pending: String,
    suspended: String,
    owner: String,
    other: String,
    moderator: String,
    admin: String,
}

async fn accounts(app: &TestApp) -> Accounts {
    Accounts {
        pending: app.token_with_status(Role::Member, MemberStatus::Pending, Some("camden")).await,
        suspended: app.token_with_status(Role::Member, MemberStatus::Suspended, Some("camden")).await,
        owner: app.member_of("camden").await,
        other: app.member_of("leeds").await,
        moderator: app.moderator().await,
        admin: app.admin().await,
    }
}

/// The error code, or "ok".
async fn outcome(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> String {
    let response = app.gql(token, query, variables).await;
    if response.body.get("errors").is_some() { response.error_code().to_owned() } else { "ok".to_owned() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_searches_and_following_is_for_active_members_and_each_sees_only_their_own() {
    let app = TestApp::spawn().await;
    let who = accounts(&app).await;
    let save = "mutation { saveSearch(query: \"bins\", name: \"Bins\", frequency: DAILY) { id } }";
    let follow = "mutation { follow(target: AUTHORITY, key: \"camden\", frequency: WEEKLY) { id } }";
    for (token, expected) in [
        (None, "UNAUTHENTICATED"),
        (Some(&who.pending), "FORBIDDEN"),
        (Some(&who.suspended), "FORBIDDEN"),
        (Some(&who.owner), "ok"),
        (Some(&who.other), "ok"),
        (Some(&who.moderator), "ok"),
        (Some(&who.admin), "ok"),
    ] {
        assert_eq!(outcome(&app, token.map(String::as_str), save, json!({})).await, expected, "save {token:?}");
        assert_eq!(outcome(&app, token.map(String::as_str), follow, json!({})).await, expected, "follow {token:?}");
    }
    let lists = "{ savedSearches { totalCount } follows { totalCount } }";
    assert_eq!(outcome(&app, None, lists, json!({})).await, "UNAUTHENTICATED");
    for (token, held) in [(&who.pending, 0), (&who.suspended, 0), (&who.owner, 1), (&who.admin, 1)] {
        let read = app.gql(Some(token), lists, json!({})).await;
        assert_eq!(read.data()["savedSearches"]["totalCount"], held);
        assert_eq!(read.data()["follows"]["totalCount"], held);
    }
    assert_eq!(outcome(&app, None, "{ notificationSettings { submissions } }", json!({})).await, "UNAUTHENTICATED");
    for token in [&who.pending, &who.suspended, &who.owner, &who.moderator] {
        assert_eq!(outcome(&app, Some(token), "{ notificationSettings { submissions } }", json!({})).await, "ok");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owning_council_and_admins_add_follow_ups_and_confirm_reviews() {
    let app = TestApp::spawn().await;
    let who = accounts(&app).await;
    let id = app.publish(&who.owner, valid_input()).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let add = "mutation($id: ID!, $on: Date!) { addFollowUp(caseStudyId: $id, input: { writtenOn: $on, body: \"News.\" }) { id } }";
    let confirm = "mutation($id: ID!) { confirmReviewed(caseStudyId: $id) { id } }";
    let variables = json!({ "id": id, "on": today });
    for (token, expected) in [
        (None, "UNAUTHENTICATED"),
        (Some(&who.pending), "FORBIDDEN"),
        (Some(&who.suspended), "FORBIDDEN"),
        (Some(&who.other), "FORBIDDEN"),
        (Some(&who.moderator), "FORBIDDEN"),
        // Admins may edit any case study (PRODUCT.md), so this too.
        (Some(&who.admin), "ok"),
        (Some(&who.owner), "ok"),
    ] {
        let token = token.map(String::as_str);
        assert_eq!(outcome(&app, token, add, variables.clone()).await, expected, "follow-up {token:?}");
        assert_eq!(outcome(&app, token, confirm, variables.clone()).await, expected, "review {token:?}");
    }
    // The waiting follow-up: its council and moderators see it; nobody else does.
    let read = "query($id: ID!) { caseStudy(id: $id) { followUps { status } } }";
    for (token, sees) in [
        (None, false),
        (Some(&who.pending), false),
        (Some(&who.suspended), false),
        (Some(&who.other), false),
        (Some(&who.owner), true),
        (Some(&who.moderator), true),
        (Some(&who.admin), true),
    ] {
        let response = app.gql(token.map(String::as_str), read, json!({ "id": id })).await;
        let shown = response.data()["caseStudy"]["followUps"].as_array().unwrap().len();
        assert_eq!(shown > 0, sees, "{token:?}");
    }
    // Deciding on it is a moderator's (never its author's council's members').
    let moderate = "mutation($id: ID!) { moderateCaseStudy(id: $id, decision: APPROVE) { id } }";
    assert_eq!(outcome(&app, Some(&who.owner), moderate, json!({ "id": id })).await, "FORBIDDEN");
    assert_eq!(outcome(&app, Some(&who.other), moderate, json!({ "id": id })).await, "FORBIDDEN");
    assert_eq!(outcome(&app, Some(&who.moderator), moderate, json!({ "id": id })).await, "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_alert_pages_are_for_the_signed_in_and_the_development_mailbox_only_for_the_demo() {
    let app = TestApp::spawn().await;
    for path in ["/account/alerts", "/account/notifications"] {
        assert_eq!(app.client.get(format!("{}{path}", app.address)).send().await.unwrap().status(), 401, "{path}");
    }
    assert_eq!(app.client.get(format!("{}/dev/mail", app.address)).send().await.unwrap().status(), 404);
    let demo = TestApp::builder().dev_sign_in().spawn().await;
    assert_eq!(demo.client.get(format!("{}/dev/mail", demo.address)).send().await.unwrap().status(), 200);
    let with_smtp = TestApp::builder()
        .dev_sign_in()
        .configure(|settings| settings.smtp_url = Some("smtp://127.0.0.1:1".into()))
        .spawn()
        .await;
    assert_eq!(
        with_smtp.client.get(format!("{}/dev/mail", with_smtp.address)).send().await.unwrap().status(),
        404,
        "it sends instead"
    );
}
