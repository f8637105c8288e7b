//! PRODUCT.md's permission table, row by row, in both directions. Reads are
//! checked twice, through `caseStudy(id)` and through the `caseStudies`
//! list, so the in-memory rule and the SQL condition cannot drift apart.

use casebook_tests::*;
use serde_json::{Value, json};

/// The viewers of the table's columns.
struct Viewers {
    owning: String,
    other: String,
    moderator: String,
    admin: String,
}

impl Viewers {
    async fn new(app: &TestApp) -> Viewers {
        Viewers {
            owning: app.member_of("camden").await,
            other: app.member_of("hackney").await,
            moderator: app.moderator().await,
            admin: app.admin().await,
        }
    }

    /// (label, token) for each column, anonymous first.
    fn columns(&self) -> [(&'static str, Option<&str>); 5] {
        [
            ("anonymous", None),
            ("owning council", Some(&self.owning)),
            ("other council", Some(&self.other)),
            ("moderator", Some(&self.moderator)),
            ("admin", Some(&self.admin)),
        ]
    }
}

const ALL_STATUSES: &str = "[DRAFT, SUBMITTED, CHANGES_REQUESTED, PUBLISHED, REJECTED, WITHDRAWN, UNPUBLISHED]";

async fn listed(app: &TestApp, token: Option<&str>, id: &str) -> bool {
    let query = format!(
        "{{ caseStudies(first: 100, filter: {{ statuses: {ALL_STATUSES} }}) {{ edges {{ node {{ id }} }} }} }}"
    );
    let response = app.gql(token, &query, json!({})).await;
    response.data()["caseStudies"]["edges"].as_array().unwrap().iter().any(|edge| edge["node"]["id"] == id)
}

async fn assert_readable(app: &TestApp, viewers: &Viewers, id: &str, expected: [bool; 5], row: &str) {
    for ((label, token), expected) in viewers.columns().into_iter().zip(expected) {
        assert_eq!(can_read(app, token, id).await, expected, "{row}: caseStudy(id) for {label}");
        assert_eq!(listed(app, token, id).await, expected, "{row}: caseStudies list for {label}");
    }
}

/// Drives a case study of the owning council to `status`.
async fn case_study_in(app: &TestApp, viewers: &Viewers, status: &str, input: Value) -> String {
    let id = app.create(&viewers.owning, input).await;
    if status == "DRAFT" {
        return id;
    }
    app.gql(Some(&viewers.owning), SUBMIT, json!({ "id": id })).await.data();
    let decision = match status {
        "SUBMITTED" => return id,
        "CHANGES_REQUESTED" => {
            json!({ "id": id, "decision": "REQUEST_CHANGES", "message": "more detail" })
        }
        "REJECTED" => json!({ "id": id, "decision": "REJECT", "message": "off topic" }),
        _ => json!({ "id": id, "decision": "APPROVE" }),
    };
    app.gql(Some(&viewers.moderator), MODERATE, decision).await.data();
    if status == "WITHDRAWN" {
        app.gql(Some(&viewers.owning), WITHDRAW, json!({ "id": id })).await.data();
    }
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_published_public_is_open_to_everyone() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "PUBLISHED", valid_input()).await;
    assert_readable(&app, &viewers, &id, [true, true, true, true, true], "PUBLISHED + PUBLIC").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_published_members_only_needs_a_signed_in_member() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "PUBLISHED", input_with(json!({ "visibility": "MEMBERS" }))).await;
    assert_readable(&app, &viewers, &id, [false, true, true, true, true], "PUBLISHED + MEMBERS").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_draft_is_for_the_owning_council_and_admins() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "DRAFT", valid_input()).await;
    assert_readable(&app, &viewers, &id, [false, true, false, false, true], "DRAFT").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_submitted_and_later_is_for_owning_council_moderators_and_admins() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    for status in ["SUBMITTED", "CHANGES_REQUESTED", "REJECTED", "WITHDRAWN"] {
        let id = case_study_in(&app, &viewers, status, valid_input()).await;
        assert_readable(&app, &viewers, &id, [false, true, false, true, true], status).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_council_of_an_anonymous_case_study_is_hidden_from_outsiders() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "PUBLISHED", input_with(json!({ "anonymous": true }))).await;
    let expected = [false, true, false, true, true];
    for ((label, token), sees_council) in viewers.columns().into_iter().zip(expected) {
        let response = app.gql(token, READ, json!({ "id": id })).await;
        let case_study = &response.data()["caseStudy"];
        if sees_council {
            assert_eq!(case_study["authority"]["slug"], "camden", "{label}");
            assert_eq!(case_study["authorityLabel"], "London Borough of Camden", "{label}");
            assert_eq!(case_study["collaborators"], json!([{ "slug": "hackney" }]), "{label}");
        } else {
            assert!(case_study["authority"].is_null(), "{label} must not see the council");
            assert_eq!(case_study["authorityLabel"], "A London borough", "{label}");
            assert_eq!(case_study["collaborators"], json!([]), "{label} must not see collaborators");
            assert!(case_study["contactEmail"].is_null(), "{label} must not see the contact");
            let text = response.body.to_string().to_lowercase();
            assert!(!text.contains("camden"), "{label} saw the council's name in {text}");
        }
        // Filtering by the council never reveals it either.
        let by_council =
            app.gql(token, "{ caseStudies(filter: { authority: \"camden\" }) { totalCount } }", json!({})).await;
        assert_eq!(by_council.data()["caseStudies"]["totalCount"], if sees_council { 1 } else { 0 }, "{label}");
        let council_page =
            app.gql(token, "{ authority(slug: \"camden\") { caseStudies { totalCount } } }", json!({})).await;
        assert_eq!(
            council_page.data()["authority"]["caseStudies"]["totalCount"],
            0,
            "{label}: council pages never list anonymous ones"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contact_email_is_for_signed_in_members_only() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "PUBLISHED", valid_input()).await;
    for ((label, token), sees) in viewers.columns().into_iter().zip([false, true, true, true, true]) {
        let response = app.gql(token, READ, json!({ "id": id })).await;
        assert_eq!(response.data()["caseStudy"]["contactEmail"].is_string(), sees, "{label}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_is_for_active_members_of_a_council() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    assert_eq!(app.gql(None, CREATE, json!({ "input": valid_input() })).await.error_code(), "UNAUTHENTICATED");
    let created = app.gql(Some(&viewers.owning), CREATE, json!({ "input": valid_input() })).await;
    assert_eq!(created.data()["createCaseStudy"]["status"], "DRAFT");
    // A moderator or admin without a council has no council to create for.
    for token in [&viewers.moderator, &viewers.admin] {
        assert_eq!(app.gql(Some(token), CREATE, json!({ "input": valid_input() })).await.error_code(), "FORBIDDEN");
    }
    // A moderator with a council creates for it.
    let council_moderator = app.token("mod@hackney.example", casebook::members::Role::Moderator, Some("hackney")).await;
    let created =
        app.gql(Some(&council_moderator), CREATE, json!({ "input": input_with(json!({ "collaborators": [] })) })).await;
    assert_eq!(created.data()["createCaseStudy"]["status"], "DRAFT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_and_submit_are_for_the_owning_council_and_admins() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "DRAFT", valid_input()).await;
    let update = |version: i64| json!({ "id": id, "version": version, "input": valid_input() });

    assert_eq!(app.gql(None, UPDATE, update(1)).await.error_code(), "UNAUTHENTICATED");
    assert_eq!(app.gql(None, SUBMIT, json!({ "id": id })).await.error_code(), "UNAUTHENTICATED");
    // Outsiders cannot see a draft at all: it does not exist for them.
    for token in [&viewers.other, &viewers.moderator] {
        assert_eq!(app.gql(Some(token), UPDATE, update(1)).await.error_code(), "NOT_FOUND");
        assert_eq!(app.gql(Some(token), SUBMIT, json!({ "id": id })).await.error_code(), "NOT_FOUND");
    }
    assert_eq!(app.gql(Some(&viewers.owning), UPDATE, update(1)).await.data()["updateCaseStudy"]["version"], 2);
    assert_eq!(app.gql(Some(&viewers.admin), UPDATE, update(2)).await.data()["updateCaseStudy"]["version"], 3);
    assert_eq!(
        app.gql(Some(&viewers.admin), SUBMIT, json!({ "id": id })).await.data()["submitCaseStudy"]["status"],
        "SUBMITTED"
    );

    // Once published, outsiders can read it but still not edit it.
    let published = case_study_in(&app, &viewers, "PUBLISHED", valid_input()).await;
    let update = json!({ "id": published, "version": 1, "input": valid_input() });
    for token in [&viewers.other, &viewers.moderator] {
        assert_eq!(app.gql(Some(token), UPDATE, update.clone()).await.error_code(), "FORBIDDEN");
    }
    let owner_submit = case_study_in(&app, &viewers, "DRAFT", valid_input()).await;
    assert_eq!(
        app.gql(Some(&viewers.owning), SUBMIT, json!({ "id": owner_submit })).await.data()["submitCaseStudy"]["status"],
        "SUBMITTED"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdraw_is_for_the_owning_council_moderators_and_admins() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let expectations: [(&str, Option<&str>, Result<&str, &str>); 5] = [
        ("anonymous", None, Err("UNAUTHENTICATED")),
        ("other council", Some(&viewers.other), Err("FORBIDDEN")),
        ("owning council", Some(&viewers.owning), Ok("WITHDRAWN")),
        ("moderator", Some(&viewers.moderator), Ok("WITHDRAWN")),
        ("admin", Some(&viewers.admin), Ok("WITHDRAWN")),
    ];
    for (label, token, expected) in expectations {
        let id = case_study_in(&app, &viewers, "PUBLISHED", valid_input()).await;
        let response = app.gql(token, WITHDRAW, json!({ "id": id })).await;
        match expected {
            Ok(status) => assert_eq!(response.data()["withdrawCaseStudy"]["status"], status, "{label}"),
            Err(code) => assert_eq!(response.error_code(), code, "{label}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_is_for_moderators_and_admins_never_on_their_own_work() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "SUBMITTED", valid_input()).await;
    let approve = json!({ "id": id, "decision": "APPROVE" });
    assert_eq!(app.gql(None, MODERATE, approve.clone()).await.error_code(), "UNAUTHENTICATED");
    assert_eq!(app.gql(Some(&viewers.owning), MODERATE, approve.clone()).await.error_code(), "FORBIDDEN");
    assert_eq!(app.gql(Some(&viewers.other), MODERATE, approve.clone()).await.error_code(), "NOT_FOUND");
    assert_eq!(
        app.gql(Some(&viewers.admin), MODERATE, approve.clone()).await.data()["moderateCaseStudy"]["status"],
        "PUBLISHED"
    );

    let second = case_study_in(&app, &viewers, "SUBMITTED", valid_input()).await;
    let response = app.gql(Some(&viewers.moderator), MODERATE, json!({ "id": second, "decision": "APPROVE" })).await;
    assert_eq!(response.data()["moderateCaseStudy"]["status"], "PUBLISHED");

    // A moderator of the owning council who wrote it may not decide on it…
    let council_moderator = app.token("mod@camden.example", casebook::members::Role::Moderator, Some("camden")).await;
    let own = app.create(&council_moderator, valid_input()).await;
    app.gql(Some(&council_moderator), SUBMIT, json!({ "id": own })).await.data();
    let refused = app.gql(Some(&council_moderator), MODERATE, json!({ "id": own, "decision": "APPROVE" })).await;
    assert_eq!(refused.error_code(), "FORBIDDEN");
    // …nor an admin who edited it.
    let council_admin = app.token("admin@camden.example", casebook::members::Role::Admin, Some("camden")).await;
    let edited = app.create(&viewers.owning, valid_input()).await;
    app.gql(Some(&council_admin), UPDATE, json!({ "id": edited, "version": 1, "input": valid_input() })).await.data();
    app.gql(Some(&viewers.owning), SUBMIT, json!({ "id": edited })).await.data();
    let refused = app.gql(Some(&council_admin), MODERATE, json!({ "id": edited, "decision": "APPROVE" })).await;
    assert_eq!(refused.error_code(), "FORBIDDEN");
    // But the council's moderator may decide on a colleague's work.
    let colleague = app.create(&viewers.owning, valid_input()).await;
    app.gql(Some(&viewers.owning), SUBMIT, json!({ "id": colleague })).await.data();
    let allowed = app.gql(Some(&council_moderator), MODERATE, json!({ "id": colleague, "decision": "APPROVE" })).await;
    assert_eq!(allowed.data()["moderateCaseStudy"]["status"], "PUBLISHED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_moderation_queue_is_for_moderators() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let query = "{ moderationQueue { totalCount } }";
    assert_eq!(app.gql(None, query, json!({})).await.error_code(), "UNAUTHENTICATED");
    assert_eq!(app.gql(Some(&viewers.owning), query, json!({})).await.error_code(), "FORBIDDEN");
    assert_eq!(app.gql(Some(&viewers.moderator), query, json!({})).await.data()["moderationQueue"]["totalCount"], 0);
    assert_eq!(app.gql(Some(&viewers.admin), query, json!({})).await.data()["moderationQueue"]["totalCount"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_is_for_the_owning_council_and_moderators() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "PUBLISHED", valid_input()).await;
    for ((label, token), sees) in viewers.columns().into_iter().zip([false, true, false, true, true]) {
        let response = app.gql(token, READ, json!({ "id": id })).await;
        let history = response.data()["caseStudy"]["history"].as_array().unwrap().len();
        assert_eq!(history > 0, sees, "{label}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_credentials_are_refused_never_treated_as_anonymous() {
    let app = TestApp::spawn().await;
    for header in ["Bearer cbk_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "cbk_no_scheme"] {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("content-type", "application/json")
            .header("authorization", header)
            .body(r#"{"query":"{ me { id } }"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{header}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{header}");
    }
    assert!(app.gql(None, "{ me { id } }", json!({})).await.data()["me"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_names_who_acted_by_role_and_council_and_only_admins_see_the_member() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let id = case_study_in(&app, &viewers, "PUBLISHED", valid_input()).await;
    let query = "query($id: ID!) { caseStudy(id: $id) { history { to byLabel by { id email } } } }";
    for (label, token) in [("owning council", &viewers.owning), ("moderator", &viewers.moderator)] {
        let response = app.gql(Some(token), query, json!({ "id": id })).await;
        let history = response.data()["caseStudy"]["history"].as_array().unwrap().clone();
        let labels: Vec<&str> = history.iter().map(|entry| entry["byLabel"].as_str().unwrap()).collect();
        assert_eq!(
            labels,
            ["Member, London Borough of Camden", "Member, London Borough of Camden", "Moderator, Casebook"],
            "{label}"
        );
        assert!(history.iter().all(|entry| entry["by"].is_null()), "{label} must not see who: {history:?}");
        assert!(!response.body.to_string().contains('@'), "{label} saw an email: {}", response.body);
    }
    let response = app.gql(Some(&viewers.admin), query, json!({ "id": id })).await;
    let history = &response.data()["caseStudy"]["history"];
    assert!(history[0]["by"]["email"].as_str().unwrap().ends_with("@camden.example"), "{history}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_email_is_theirs_and_admins_only() {
    let app = TestApp::spawn().await;
    let viewers = Viewers::new(&app).await;
    let me = app.gql(Some(&viewers.owning), "{ me { email } }", json!({})).await;
    assert!(me.data()["me"]["email"].as_str().unwrap().ends_with("@camden.example"));
    let listed = app.gql(Some(&viewers.admin), "{ members(first: 100) { edges { node { email } } } }", json!({})).await;
    assert!(listed.data()["members"]["edges"].as_array().unwrap().len() >= 4);
    // No one else reaches a member: the lists are for admins, `by` for admins too.
    for token in [&viewers.owning, &viewers.other, &viewers.moderator] {
        let refused = app.gql(Some(token), "{ members { edges { node { email } } } }", json!({})).await;
        assert_eq!(refused.error_code(), "FORBIDDEN");
    }
}
