//! Members' data rights and personal-data warnings over HTTP: `myData` is
//! everything held about the member (never a secret), `deleteMyAccount` and
//! `deleteMember` erase an account while its case studies stay with their
//! council, and likely personal data is pointed out to the council and the
//! moderators only.

use casebook::members::{MemberStatus, Role};
use casebook_tests::browser::{Browser, hidden_value};
use casebook_tests::*;
use serde_json::json;

const WARNINGS: &str = "query($id: ID!) { caseStudy(id: $id) { personalDataWarnings { field kind excerpt }
    pendingRevision { personalDataWarnings { field kind } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn likely_personal_data_is_pointed_out_to_its_council_and_moderators_only() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let input = input_with(json!({
        "body": "## What happened\n\nMrs Patel of NW1 2DB rang 07700 900123 daily.",
        "lessons": ["Never put an NI number such as QQ 12 34 56 C in a spreadsheet"],
    }));
    let id = app.publish(&author, input).await;

    let seen = app.gql(Some(&author), WARNINGS, json!({ "id": id })).await;
    let warnings = seen.data()["caseStudy"]["personalDataWarnings"].as_array().unwrap().clone();
    let found: Vec<(&str, &str)> =
        warnings.iter().map(|w| (w["field"].as_str().unwrap(), w["kind"].as_str().unwrap())).collect();
    assert_eq!(found, [("body", "POSTCODE"), ("body", "PHONE"), ("lessons[0]", "NI_NUMBER")]);
    assert!(warnings[1]["excerpt"].as_str().unwrap().contains("rang 07700 900123 daily"), "in context");
    let moderator = app.moderator().await;
    let by_moderator = app.gql(Some(&moderator), WARNINGS, json!({ "id": id })).await;
    assert_eq!(by_moderator.data()["caseStudy"]["personalDataWarnings"].as_array().unwrap().len(), 3);
    for token in [None, Some(app.member_of("hackney").await)] {
        let other = app.gql(token.as_deref(), WARNINGS, json!({ "id": id })).await;
        assert_eq!(other.data()["caseStudy"]["personalDataWarnings"], json!([]), "empty for everyone else");
    }

    // An edit proposing more is warned of on its revision, for the moderator deciding it.
    let edit =
        input_with(json!({ "summary": "Residents such as jo@example.com told us the bins were never emptied." }));
    app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": edit })).await.data();
    let revision = app.gql(Some(&moderator), WARNINGS, json!({ "id": id })).await;
    assert_eq!(
        revision.data()["caseStudy"]["pendingRevision"]["personalDataWarnings"],
        json!([{ "field": "summary", "kind": "EMAIL" }])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_warn_the_author_before_submitting_and_the_moderator_before_deciding() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let author = app.token("author@camden.gov.uk", Role::Member, Some("camden")).await;
    let input = input_with(json!({ "body": "## What happened\n\nHer date of birth 1961-05-03 was on the letter." }));
    let id = app.create(&author, input).await;
    let slug = app.slug_of(&id).await;
    let officer = app.browser_signed_in_as("author@camden.gov.uk", Role::Member).await;
    let page = officer.visit(&format!("{}/case-studies/{slug}", app.address), None).await;
    assert!(page.body.contains("Check for personal data") && page.body.contains("a date of birth"), "{}", page.body);
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    let moderator = app.browser_signed_in_as("moderator@kent.gov.uk", Role::Moderator).await;
    let decision = moderator.visit(&format!("{}/moderation/{slug}", app.address), None).await;
    assert!(decision.body.contains("Check for personal data") && decision.body.contains("1961-05-03"));
}

const MY_DATA: &str = "{ myData }";
const DELETE_ME: &str = "mutation($email: String!) { deleteMyAccount(confirmEmail: $email) }";
const DELETE_MEMBER: &str = "mutation($id: ID!) { deleteMember(memberId: $id) }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_data_holds_everything_about_the_member_and_no_secret() {
    let app = TestApp::spawn().await;
    assert_eq!(app.gql(None, MY_DATA, json!({})).await.error_code(), "UNAUTHENTICATED");
    let author = app.token("writer@camden.gov.uk", Role::Member, Some("camden")).await;
    let id = app.publish(&author, valid_input()).await;
    let other = app.publish(&app.member_of("bristol").await, valid_input()).await;
    app.report(&author, &other, "INACCURATE").await;
    app.gql(Some(&author), "mutation { createApiToken(name: \"laptop\") { token } }", json!({})).await.data();

    let data = app.gql(Some(&author), MY_DATA, json!({})).await.data()["myData"].clone();
    assert_eq!(data["account"]["email"], "writer@camden.gov.uk");
    assert_eq!(data["account"]["authority"], "camden");
    let token_names: Vec<&str> =
        data["apiTokens"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert!(token_names.contains(&"laptop"), "{token_names:?}");
    assert_eq!(data["caseStudies"][0]["id"], id.as_str());
    assert_eq!(data["caseStudies"][0]["createdByYou"], true);
    assert!(data["workflowSteps"].as_array().unwrap().iter().any(|step| step["to"] == "SUBMITTED"));
    assert_eq!(data["reports"][0]["caseStudy"], other.as_str());
    assert_eq!(data["reports"][0]["reason"], "INACCURATE");
    let text = data.to_string();
    assert!(!text.contains(&author) && !text.contains("cbk_") && !text.contains("hash"), "no token or hash: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_erases_their_account_and_their_case_studies_stay_with_their_council() {
    let app = TestApp::spawn().await;
    let author = app.token("leaver@camden.gov.uk", Role::Member, Some("camden")).await;
    let author_id = app.viewer(&author).await.member_id().unwrap().to_owned();
    let id = app.publish(&author, valid_input()).await;

    let wrong = app.gql(Some(&author), DELETE_ME, json!({ "email": "someone@camden.gov.uk" })).await;
    assert_eq!((wrong.error_code(), wrong.error_field()), ("BAD_USER_INPUT", "confirmEmail"));
    let erased = app.gql(Some(&author), DELETE_ME, json!({ "email": " Leaver@Camden.gov.uk " })).await;
    assert_eq!(erased.data()["deleteMyAccount"], true);
    assert!(app.gql(Some(&author), "{ me { id } }", json!({})).await.body["data"]["me"].is_null(), "the token is gone");

    let history = app
        .gql(None, "query($id: ID!) { caseStudy(id: $id) { status authority { slug } } }", json!({ "id": id }))
        .await;
    assert_eq!(history.data()["caseStudy"], json!({ "status": "PUBLISHED", "authority": { "slug": "camden" } }));
    let admin = app.admin().await;
    let labels = app
        .gql(
            Some(&admin),
            "query($id: ID!) { caseStudy(id: $id) { history { byLabel by { email name } } } }",
            json!({ "id": id }),
        )
        .await;
    let steps = labels.data()["caseStudy"]["history"].as_array().unwrap().clone();
    assert_eq!(steps[0]["byLabel"], "A former member");
    assert!(!labels.body.to_string().contains("leaver@"), "the email is gone: {}", labels.body);
    let audit = app
        .gql(Some(&admin), "query($id: String) { auditLog(filter: { action: \"member.erase\", targetId: $id }) { edges { node { actorId before after } } } }", json!({ "id": author_id }))
        .await;
    let entry = &audit.data()["auditLog"]["edges"][0]["node"];
    assert_eq!(entry["actorId"], author_id.as_str());
    assert!(!audit.body.to_string().contains("leaver"), "the erasure is recorded without the personal data");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_erase_other_members_and_never_themselves() {
    let app = TestApp::spawn().await;
    let member = app.member_of("camden").await;
    let member_id = app.viewer(&member).await.member_id().unwrap().to_owned();
    assert_eq!(app.gql(None, DELETE_MEMBER, json!({ "id": member_id })).await.error_code(), "UNAUTHENTICATED");
    for (label, token) in [
        ("member", app.member_of("hackney").await),
        ("moderator", app.moderator().await),
        ("pending admin", app.token_with_status(Role::Admin, MemberStatus::Pending, None).await),
        ("suspended admin", app.token_with_status(Role::Admin, MemberStatus::Suspended, None).await),
    ] {
        assert_eq!(
            app.gql(Some(&token), DELETE_MEMBER, json!({ "id": member_id })).await.error_code(),
            "FORBIDDEN",
            "{label}"
        );
    }
    let admin = app.admin().await;
    let admin_id = app.viewer(&admin).await.member_id().unwrap().to_owned();
    assert_eq!(
        app.gql(Some(&admin), DELETE_MEMBER, json!({ "id": admin_id })).await.error_code(),
        "FORBIDDEN",
        "not themselves"
    );
    assert_eq!(app.gql(Some(&admin), DELETE_MEMBER, json!({ "id": "nobody" })).await.error_code(), "NOT_FOUND");
    assert_eq!(app.gql(Some(&admin), DELETE_MEMBER, json!({ "id": member_id })).await.data()["deleteMember"], true);
    assert!(app.gql(Some(&member), "{ me { id } }", json!({})).await.body["data"]["me"].is_null());
    let listed =
        app.gql(Some(&admin), "{ members(first: 100) { edges { node { id email name status } } } }", json!({})).await;
    let erased = listed.data()["members"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|edge| edge["node"]["id"] == member_id.as_str())
        .unwrap()
        .clone();
    assert!(erased["node"]["email"].as_str().unwrap().ends_with("@erased.invalid"));
    assert_eq!(erased["node"]["status"], "SUSPENDED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_downloads_their_data_and_deletes_their_account_in_the_browser() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    assert_eq!(Browser::new().visit(&format!("{}/account", app.address), None).await.status, 401);
    let page = officer.visit(&format!("{}/account", app.address), None).await;
    assert!(page.body.contains("Download my data"));
    let download = officer.visit(&format!("{}/account/data.json", app.address), None).await;
    let data: serde_json::Value = serde_json::from_str(&download.body).unwrap();
    assert_eq!(data["account"]["email"], "officer@camden.gov.uk");

    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let delete_url = format!("{}/account/delete", app.address);
    let wrong =
        officer.submit(&delete_url, &[("csrf", csrf.as_str()), ("confirmEmail", "nope@camden.gov.uk")], None).await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.body.contains("href=\"#confirmEmail\""));
    let done =
        officer.submit(&delete_url, &[("csrf", csrf.as_str()), ("confirmEmail", "officer@camden.gov.uk")], None).await;
    assert!(
        done.url.ends_with("/account/deleted") && done.body.contains("Your account has been deleted"),
        "{}",
        done.body
    );
    assert!(officer.me(&app).await.is_null(), "signed out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_account_is_never_brought_back_and_the_last_admin_cannot_leave() {
    let app = TestApp::spawn().await;
    let admin = app.token("only-admin@leeds.gov.uk", Role::Admin, Some("leeds")).await;
    let last = app.gql(Some(&admin), DELETE_ME, json!({ "email": "only-admin@leeds.gov.uk" })).await;
    assert_eq!(last.error_code(), "FORBIDDEN", "the network keeps an admin");

    let member = app.member_of("camden").await;
    let member_id = app.viewer(&member).await.member_id().unwrap().to_owned();
    app.gql(Some(&admin), DELETE_MEMBER, json!({ "id": member_id })).await.data();
    for mutation in [
        "mutation($id: ID!) { reinstateMember(memberId: $id) { id } }",
        "mutation($id: ID!) { setMemberRole(memberId: $id, role: ADMIN) { id } }",
        "mutation($id: ID!) { assignMemberAuthority(memberId: $id, authority: \"camden\") { id } }",
    ] {
        assert_eq!(
            app.gql(Some(&admin), mutation, json!({ "id": member_id })).await.error_code(),
            "CONFLICT",
            "{mutation}"
        );
    }
}
