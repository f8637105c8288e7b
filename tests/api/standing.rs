//! PENDING and SUSPENDED accounts have the rights of an anonymous visitor,
//! whatever role or council they were given (PRODUCT.md, "Who may do what"):
//! every row of the permission table, both ways, through the API and the
//! pages. Each account here keeps a council (Camden, the owning council) and
//! a role, so a rule that looked at either instead of the standing would show.

use casebook::members::{MemberStatus, Role};
use casebook_tests::browser::Browser;
use casebook_tests::*;
use serde_json::{Value, json};

/// (label, token) for every powerless account: pending and suspended, as a
/// member of the owning council, a moderator and an admin.
async fn powerless(app: &TestApp) -> Vec<(String, String)> {
    let mut accounts = Vec::new();
    for status in [MemberStatus::Pending, MemberStatus::Suspended] {
        for role in [Role::Member, Role::Moderator, Role::Admin] {
            let label = format!("{} {}", status.as_str(), role.as_str());
            accounts.push((label, app.token_with_status(role, status, Some("camden")).await));
        }
    }
    accounts
}

const ALL_STATUSES: &str = "[DRAFT, SUBMITTED, CHANGES_REQUESTED, PUBLISHED, REJECTED, WITHDRAWN, UNPUBLISHED]";

/// Everything a viewer can learn of the case studies, for comparing two viewers.
async fn what_is_visible(app: &TestApp, token: Option<&str>, ids: &[String]) -> Value {
    let mut single = Vec::new();
    for id in ids {
        single.push(app.gql(token, READ, json!({ "id": id })).await.data()["caseStudy"].clone());
    }
    let list = app
        .gql(
            token,
            &format!(
                "{{ caseStudies(first: 100, filter: {{ statuses: {ALL_STATUSES} }}) {{ totalCount edges {{ node {{ id }} }} }}
                   camden: caseStudies(filter: {{ authority: \"camden\" }}) {{ totalCount }}
                   authority(slug: \"camden\") {{ caseStudies {{ totalCount }} }} }}"
            ),
            json!({}),
        )
        .await;
    let search = app.search(token, json!({ "query": "bins" })).await;
    let everything = app.search(token, json!({})).await;
    json!({ "single": single, "lists": list.data(), "search": search, "everything": everything })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_and_suspended_accounts_read_exactly_what_anonymous_visitors_read() {
    let app = TestApp::spawn().await;
    let owning = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let public = app.publish_searchable(&owning, valid_input()).await;
    let members_only = app.publish_searchable(&owning, input_with(json!({ "visibility": "MEMBERS" }))).await;
    let anonymous_one = app.publish_searchable(&owning, input_with(json!({ "anonymous": true }))).await;
    let draft = app.create(&owning, valid_input()).await;
    let submitted = app.create(&owning, valid_input()).await;
    app.gql(Some(&owning), SUBMIT, json!({ "id": submitted })).await.data();
    let rejected = app.create(&owning, valid_input()).await;
    app.gql(Some(&owning), SUBMIT, json!({ "id": rejected })).await.data();
    app.gql(Some(&moderator), MODERATE, json!({ "id": rejected, "decision": "REJECT", "message": "no" })).await.data();
    let ids = vec![public.clone(), members_only.clone(), anonymous_one.clone(), draft, submitted, rejected];

    let anonymous = what_is_visible(&app, None, &ids).await;
    // The rows, for the record: public yes, the rest no, and no council behind the anonymous one.
    assert_eq!(anonymous["single"][0]["id"], public.as_str());
    assert!(anonymous["single"][1].is_null(), "members-only");
    assert!(anonymous["single"][2]["authority"].is_null(), "the anonymous one's council");
    assert!(anonymous["single"][2]["contactEmail"].is_null());
    assert_eq!(anonymous["single"][2]["history"], json!([]));
    assert!(ids[3..].iter().enumerate().all(|(at, _)| anonymous["single"][3 + at].is_null()), "{anonymous:#}");
    assert!(anonymous["single"][0]["contactEmail"].is_null(), "contact email is for members");

    for (label, token) in powerless(&app).await {
        let seen = what_is_visible(&app, Some(&token), &ids).await;
        assert_eq!(seen, anonymous, "{label} must see what an anonymous visitor sees");
        let similar = app
            .gql(Some(&token), "query($id: ID!) { caseStudy(id: $id) { similar { id } } }", json!({ "id": public }))
            .await;
        let anonymous_similar =
            app.gql(None, "query($id: ID!) { caseStudy(id: $id) { similar { id } } }", json!({ "id": public })).await;
        assert_eq!(similar.data(), anonymous_similar.data(), "{label}: similar");
    }
    // And the other way: an active member of another council does read the members-only one.
    let other = app.member_of("hackney").await;
    assert!(can_read(&app, Some(&other), &members_only).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_and_suspended_accounts_act_on_nothing_whatever_their_role() {
    let app = TestApp::spawn().await;
    let owning = app.member_of("camden").await;
    let published_id = app.publish_searchable(&owning, valid_input()).await;
    let draft = app.create(&owning, valid_input()).await;
    let submitted = app.create(&owning, valid_input()).await;
    app.gql(Some(&owning), SUBMIT, json!({ "id": submitted })).await.data();
    let pending_member = app.token_with_status(Role::Member, MemberStatus::Pending, None).await;
    let target = app.viewer(&pending_member).await.member_id().unwrap().to_owned();

    for (label, token) in powerless(&app).await {
        let me = app.viewer(&token).await.member_id().unwrap().to_owned();
        let token = Some(token.as_str());
        let code = |response: GqlResponse| response.error_code().to_owned();
        assert_eq!(code(app.gql(token, CREATE, json!({ "input": valid_input() })).await), "FORBIDDEN", "{label}");
        let update = |id: &str| json!({ "id": id, "version": 1, "input": valid_input() });
        assert_eq!(code(app.gql(token, UPDATE, update(&draft)).await), "NOT_FOUND", "{label}: a draft");
        assert_eq!(code(app.gql(token, SUBMIT, json!({ "id": draft })).await), "NOT_FOUND", "{label}");
        assert_eq!(code(app.gql(token, UPDATE, update(&published_id)).await), "FORBIDDEN", "{label}");
        assert_eq!(code(app.gql(token, WITHDRAW, json!({ "id": published_id })).await), "FORBIDDEN", "{label}");
        let approve = json!({ "id": submitted, "decision": "APPROVE" });
        assert_eq!(code(app.gql(token, MODERATE, approve).await), "NOT_FOUND", "{label}: moderate");
        for query in [
            "{ moderationQueue { totalCount } }".to_owned(),
            "{ members { totalCount } }".to_owned(),
            "{ pendingMembers { totalCount } }".to_owned(),
            "mutation { addSearchSynonyms(terms: [\"bin\", \"wheelie\"]) }".to_owned(),
            "mutation { createApiToken(name: \"mine\") { token } }".to_owned(),
            format!("mutation {{ assignMemberAuthority(memberId: \"{me}\", authority: \"camden\") {{ id }} }}"),
            format!("mutation {{ assignMemberAuthority(memberId: \"{target}\", authority: \"camden\") {{ id }} }}"),
            format!("mutation {{ setMemberRole(memberId: \"{target}\", role: ADMIN) {{ id }} }}"),
            format!("mutation {{ suspendMember(memberId: \"{target}\") {{ id }} }}"),
            format!("mutation {{ reinstateMember(memberId: \"{me}\") {{ id }} }}"),
        ] {
            assert_eq!(code(app.gql(token, &query, json!({})).await), "FORBIDDEN", "{label}: {query}");
        }
        // Still signed in: they learn their own standing, and may sign out or revoke their tokens.
        let mine = app.gql(token, "{ me { status role } apiTokens { id } }", json!({})).await;
        assert_ne!(mine.data()["me"]["status"], "ACTIVE", "{label}");
    }
    // Nothing changed: the pending member is still pending, the draft still v1.
    let admin = app.admin().await;
    let members = app.gql(Some(&admin), "{ pendingMembers(first: 100) { edges { node { id } } } }", json!({})).await;
    assert!(members.body.to_string().contains(&target), "{:#}", members.body);
    let drafted = app
        .gql(Some(&owning), "query($id: ID!) { caseStudy(id: $id) { version status } }", json!({ "id": draft }))
        .await;
    assert_eq!(drafted.data()["caseStudy"], json!({ "version": 1, "status": "DRAFT" }));
    // And the other way: the same operations work for an active admin.
    let assigned = app
        .gql(
            Some(&admin),
            &format!(
                "mutation {{ assignMemberAuthority(memberId: \"{target}\", authority: \"camden\") {{ status }} }}"
            ),
            json!({}),
        )
        .await;
    assert_eq!(assigned.data()["assignMemberAuthority"]["status"], "ACTIVE");
}

/// A page for a bearer-token account (the pages read tokens as the API does).
async fn page_with_token(app: &TestApp, token: Option<&str>, path: &str) -> (u16, String) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    (response.status().as_u16(), response.text().await.expect("a body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_give_pending_and_suspended_accounts_an_anonymous_visitors_view() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let owning = app.member_of("camden").await;
    let public = app.publish_searchable(&owning, valid_input()).await;
    let members_only = app
        .publish_searchable(&owning, input_with(json!({ "title": "Members only bins", "visibility": "MEMBERS" })))
        .await;
    let (public_slug, members_slug) = (app.slug_of(&public).await, app.slug_of(&members_only).await);

    let mut accounts: Vec<(String, Option<String>)> =
        powerless(&app).await.into_iter().map(|(label, token)| (label, Some(token))).collect();
    accounts.push(("anonymous".into(), None));
    for (label, token) in &accounts {
        let token = token.as_deref();
        let (status, body) = page_with_token(&app, token, &format!("/case-studies/{public_slug}")).await;
        assert_eq!(status, 200, "{label}");
        assert!(!body.contains("waste@camden.example"), "{label}: no contact email");
        let (status, _) = page_with_token(&app, token, &format!("/case-studies/{members_slug}")).await;
        assert_eq!(status, 404, "{label}: members-only");
        let (_, search) = page_with_token(&app, token, "/search?q=bins").await;
        assert!(!search.contains("Members only bins"), "{label}: search page");
        let refused = if token.is_some() { 403 } else { 401 };
        for gated in ["/moderation", "/admin/members", "/case-studies/new", "/our-case-studies"] {
            assert_eq!(page_with_token(&app, token, gated).await.0, refused, "{label}: {gated}");
        }
        let (_, home) = page_with_token(&app, token, "/").await;
        assert!(!home.contains("href=\"/moderation\"") && !home.contains("href=\"/admin/members\""), "{label}: nav");
    }
    // A pending moderator with a browser session, signed in through the dev sign-in, sees the same.
    let browser = Browser::new();
    browser.dev_sign_in(&app, "someone@example.org", "MODERATOR").await;
    assert_eq!(browser.visit(&format!("{}/moderation", app.address), None).await.status, 403);
    assert_eq!(browser.visit(&format!("{}/case-studies/{members_slug}", app.address), None).await.status, 404);
    // And the other way: an active member reads the members-only page.
    assert_eq!(page_with_token(&app, Some(&owning), &format!("/case-studies/{members_slug}")).await.0, 200);
}
