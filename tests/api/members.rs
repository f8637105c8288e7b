//! Admins manage members (the "manage members" row of the permission table,
//! both ways), suspension stops sessions and tokens at once, and members
//! manage their own API tokens.

use casebook_tests::TestApp;
use casebook_tests::browser::Browser;
use serde_json::{Value, json};

const PENDING: &str = "{ pendingMembers { totalCount edges { node { id email status authority { slug } } } } }";
const ASSIGN: &str = "mutation($id: ID!, $slug: String!) { assignMemberAuthority(memberId: $id, authority: $slug) { id status authority { slug } } }";
const SET_ROLE: &str = "mutation($id: ID!, $role: Role!) { setMemberRole(memberId: $id, role: $role) { id role } }";
const SUSPEND: &str = "mutation($id: ID!) { suspendMember(memberId: $id) { id status } }";
const REINSTATE: &str = "mutation($id: ID!) { reinstateMember(memberId: $id) { id status } }";
const ME: &str = "{ me { id email status } }";

async fn member_id(app: &TestApp, token: &str) -> String {
    app.gql(Some(token), ME, json!({})).await.data()["me"]["id"].as_str().unwrap().to_owned()
}

/// A PENDING member made by dev sign-in, with the browser signed in as them.
async fn pending_member(app: &TestApp, email: &str) -> (Browser, String) {
    let browser = Browser::new();
    browser.dev_sign_in(app, email, "MEMBER").await;
    let me = browser.me(app).await;
    assert_eq!(me["status"], "PENDING");
    (browser, me["id"].as_str().unwrap().to_owned())
}

async fn dev_app() -> TestApp {
    TestApp::builder().dev_sign_in().spawn().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_manage_members() {
    let app = dev_app().await;
    let (_, pending) = pending_member(&app, "newcomer@example.org").await;
    let member = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let admin = app.admin().await;
    let operations = [
        (PENDING, json!({})),
        ("{ members { totalCount } }", json!({})),
        (ASSIGN, json!({ "id": pending, "slug": "camden" })),
        (SET_ROLE, json!({ "id": pending, "role": "MODERATOR" })),
        (SUSPEND, json!({ "id": pending })),
        (REINSTATE, json!({ "id": pending })),
    ];
    for (operation, variables) in &operations {
        assert_eq!(app.gql(None, operation, variables.clone()).await.error_code(), "UNAUTHENTICATED", "{operation}");
        for token in [&member, &moderator] {
            assert_eq!(
                app.gql(Some(token), operation, variables.clone()).await.error_code(),
                "FORBIDDEN",
                "{operation}"
            );
        }
        app.gql(Some(&admin), operation, variables.clone()).await.data();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_assigns_a_council_to_a_pending_member_who_can_then_publish() {
    let app = dev_app().await;
    let (browser, pending) = pending_member(&app, "consultant@example.org").await;
    let admin = app.admin().await;
    let listed = app.gql(Some(&admin), PENDING, json!({})).await;
    let ids: Vec<&str> = listed.data()["pendingMembers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|edge| edge["node"]["id"].as_str())
        .collect();
    assert_eq!(ids, [pending.as_str()]);

    let assigned = app.gql(Some(&admin), ASSIGN, json!({ "id": pending, "slug": "islington" })).await;
    assert_eq!(assigned.data()["assignMemberAuthority"]["status"], "ACTIVE");
    assert_eq!(assigned.data()["assignMemberAuthority"]["authority"]["slug"], "islington");
    assert_eq!(app.gql(Some(&admin), PENDING, json!({})).await.data()["pendingMembers"]["totalCount"], 0);

    let created = browser
        .gql(
            &app,
            "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { authority { slug } } }",
            json!({ "input": casebook_tests::valid_input() }),
        )
        .await;
    assert_eq!(created["data"]["createCaseStudy"]["authority"]["slug"], "islington", "{created}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_mutations_reject_unknown_members_and_councils() {
    let app = dev_app().await;
    let (_, pending) = pending_member(&app, "consultant@example.org").await;
    let admin = app.admin().await;
    let unknown = app.gql(Some(&admin), SUSPEND, json!({ "id": "no-such-member" })).await;
    assert_eq!(unknown.error_code(), "NOT_FOUND");
    let bad_council = app.gql(Some(&admin), ASSIGN, json!({ "id": pending, "slug": "atlantis" })).await;
    assert_eq!((bad_council.error_code(), bad_council.error_field()), ("BAD_USER_INPUT", "authority"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_changes_roles_but_not_their_own() {
    let app = TestApp::spawn().await;
    let member = app.member_of("camden").await;
    let admin = app.admin().await;
    let id = member_id(&app, &member).await;
    let promoted = app.gql(Some(&admin), SET_ROLE, json!({ "id": id, "role": "MODERATOR" })).await;
    assert_eq!(promoted.data()["setMemberRole"]["role"], "MODERATOR");
    assert!(app.viewer(&member).await.is_moderator(), "the new role applies at once");

    let own = member_id(&app, &admin).await;
    assert_eq!(app.gql(Some(&admin), SET_ROLE, json!({ "id": own, "role": "MEMBER" })).await.error_code(), "FORBIDDEN");
    assert_eq!(app.gql(Some(&admin), SUSPEND, json!({ "id": own })).await.error_code(), "FORBIDDEN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspension_ends_sessions_and_leaves_tokens_an_anonymous_visitors_rights_until_reinstated() {
    let app = dev_app().await;
    let browser = Browser::new();
    browser.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    let id = browser.me(&app).await["id"].as_str().unwrap().to_owned();
    let created = browser.gql(&app, "mutation { createApiToken(name: \"laptop\") { token } }", json!({})).await;
    let token = created["data"]["createApiToken"]["token"].as_str().unwrap().to_owned();
    let admin = app.admin().await;

    let suspended = app.gql(Some(&admin), SUSPEND, json!({ "id": id })).await;
    assert_eq!(suspended.data()["suspendMember"]["status"], "SUSPENDED");
    assert!(browser.me(&app).await.is_null(), "the session ended");
    let me = app.gql(Some(&token), ME, json!({})).await;
    assert_eq!(me.data()["me"]["status"], "SUSPENDED", "the token says who, and that they are suspended");
    let create = "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { id } }";
    let refused = app.gql(Some(&token), create, json!({ "input": casebook_tests::valid_input() })).await;
    assert_eq!(refused.error_code(), "FORBIDDEN", "but grants nothing");
    let refused = Browser::new().dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    assert_eq!(refused.status, 403, "a suspended member cannot sign in again");

    let reinstated = app.gql(Some(&admin), REINSTATE, json!({ "id": id })).await;
    assert_eq!(reinstated.data()["reinstateMember"]["status"], "ACTIVE");
    assert_eq!(app.gql(Some(&token), ME, json!({})).await.data()["me"]["id"], id.as_str());
}

const CREATE_TOKEN: &str = "mutation($name: String!) { createApiToken(name: $name) { token apiToken { id name createdAt lastUsedAt revokedAt } } }";
const TOKENS: &str = "{ apiTokens { id name lastUsedAt revokedAt } }";
const REVOKE: &str = "mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_creates_lists_and_revokes_their_own_tokens() {
    let app = TestApp::spawn().await;
    let bootstrap = app.member_of("camden").await;
    let created = app.gql(Some(&bootstrap), CREATE_TOKEN, json!({ "name": "  reporting script " })).await;
    let created = &created.data()["createApiToken"];
    let token = created["token"].as_str().unwrap().to_owned();
    let token_id = created["apiToken"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created["apiToken"]["name"], "reporting script");
    assert!(created["apiToken"]["lastUsedAt"].is_null());

    assert_eq!(
        app.gql(Some(&token), ME, json!({})).await.data()["me"]["id"],
        member_id(&app, &bootstrap).await.as_str()
    );
    let listed = app.gql(Some(&bootstrap), TOKENS, json!({})).await;
    let listed: Vec<&Value> = listed.data()["apiTokens"].as_array().unwrap().iter().collect();
    assert_eq!(listed.len(), 2, "the bootstrap token and the new one");
    let new = listed.iter().find(|entry| entry["id"] == token_id.as_str()).unwrap();
    assert!(!new["lastUsedAt"].is_null(), "its use is recorded");
    assert!(!listed.iter().any(|entry| entry.to_string().contains(&token)), "the token itself is never listed");

    let revoked = app.gql(Some(&bootstrap), REVOKE, json!({ "id": token_id })).await;
    assert!(!revoked.data()["revokeApiToken"]["revokedAt"].is_null());
    assert_eq!(app.gql(Some(&token), ME, json!({})).await.error_code(), "UNAUTHENTICATED", "revoked at once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_revokes_or_lists_another_members_tokens() {
    let app = TestApp::spawn().await;
    let owner = app.member_of("camden").await;
    let other = app.admin().await;
    let created = app.gql(Some(&owner), CREATE_TOKEN, json!({ "name": "mine" })).await;
    let token_id = created.data()["createApiToken"]["apiToken"]["id"].as_str().unwrap().to_owned();
    assert_eq!(app.gql(Some(&other), REVOKE, json!({ "id": token_id })).await.error_code(), "NOT_FOUND");
    let listed = app.gql(Some(&other), TOKENS, json!({})).await;
    assert!(!listed.data()["apiTokens"].to_string().contains(&token_id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_management_needs_a_signed_in_member_and_a_name() {
    let app = TestApp::spawn().await;
    assert_eq!(app.gql(None, CREATE_TOKEN, json!({ "name": "x" })).await.error_code(), "UNAUTHENTICATED");
    assert_eq!(app.gql(None, TOKENS, json!({})).await.error_code(), "UNAUTHENTICATED");
    let member = app.member_of("camden").await;
    for name in ["", "   ", &"x".repeat(101)] {
        let response = app.gql(Some(&member), CREATE_TOKEN, json!({ "name": name })).await;
        assert_eq!((response.error_code(), response.error_field()), ("BAD_USER_INPUT", "name"), "{name:?}");
    }
}
