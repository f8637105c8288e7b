//! Moderation and member administration in the browser, over HTTP: the
//! queue, the decision page (with the diff of a pending revision), the admin
//! page for members, and who may see each.

use casebook::members::Role;
use casebook_tests::browser::{Browser, hidden_value};
use casebook_tests::*;
use serde_json::json;

use crate::pages::filled_form;

async fn dev_app() -> TestApp {
    TestApp::builder().dev_sign_in().spawn().await
}

async fn status_of(app: &TestApp, browser: &Browser, path: &str) -> u16 {
    browser.visit(&format!("{}{path}", app.address), None).await.status
}

/// Writes and submits a case study through the pages; its URL.
async fn submitted_in_the_browser(app: &TestApp, officer: &Browser, title: &str) -> String {
    let csrf = officer.csrf_token(app, "/case-studies/new").await;
    let page = officer.submit(&format!("{}/case-studies/new", app.address), &filled_form(&csrf, title), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let submitted = officer.submit(&format!("{}/submit", page.url), &[("csrf", csrf.as_str())], None).await;
    assert!(submitted.body.contains("SUBMITTED"), "{}", submitted.body);
    page.url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_requests_changes_the_council_fixes_them_and_the_moderator_approves() {
    let app = dev_app().await;
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let url = submitted_in_the_browser(&app, &officer, "Sensors in litter bins").await;
    let slug = url.rsplit('/').next().unwrap().to_owned();

    let moderator = app.browser_signed_in_as("moderator@bristol.gov.uk", Role::Moderator).await;
    let queue = moderator.visit(&format!("{}/moderation", app.address), None).await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Sensors in litter bins") && queue.body.contains("New submission"), "{}", queue.body);
    let read = moderator.visit(&url, None).await;
    assert!(read.body.contains(&format!("href=\"/moderation/{slug}\"")), "the case study links to its decision");
    let decision_url = format!("{}/moderation/{slug}", app.address);
    let decision = moderator.visit(&decision_url, None).await;
    assert!(decision.body.contains("The sensors failed in the cold"), "the submission is shown: {}", decision.body);
    let csrf = hidden_value(&decision.body, "csrf").unwrap();

    // Requesting changes without a message: the error is summarised and linked, the choice kept.
    let refused = moderator.submit(&decision_url, &[("csrf", &csrf), ("decision", "REQUEST_CHANGES")], None).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("There is a problem") && refused.body.contains("href=\"#message\""));
    assert!(refused.body.contains("value=\"REQUEST_CHANGES\" checked"), "the decision as chosen");
    let nothing_chosen = moderator.submit(&decision_url, &[("csrf", &csrf), ("message", "Hm")], None).await;
    assert_eq!(nothing_chosen.status, 400);
    assert!(nothing_chosen.body.contains("href=\"#decision\"") && nothing_chosen.body.contains(">Hm</textarea>"));

    let form = [("csrf", csrf.as_str()), ("decision", "REQUEST_CHANGES"), ("message", "Please add the total cost.")];
    let back = moderator.submit(&decision_url, &form, None).await;
    assert!(back.url.ends_with("/moderation?decided=REQUEST_CHANGES"), "{}", back.url);
    assert!(back.body.contains("Changes requested") && !back.body.contains("Sensors in litter bins"), "{}", back.body);

    let page = officer.visit(&url, None).await;
    assert!(page.body.contains("CHANGES_REQUESTED") && page.body.contains("Please add the total cost."));
    let officer_csrf = officer.csrf_token(&app, &format!("/case-studies/{slug}/edit")).await;
    let edit = officer.visit(&format!("{url}/edit"), None).await;
    let version = hidden_value(&edit.body, "version").unwrap();
    let mut fixed = filled_form(&officer_csrf, "Sensors in litter bins");
    fixed.push(("version", &version));
    fixed.retain(|(name, _)| *name != "costBand");
    fixed.push(("costBand", "FROM_10K_TO_50K"));
    let edited = officer.submit(&format!("{url}/edit"), &fixed, None).await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    officer.submit(&format!("{url}/submit"), &[("csrf", officer_csrf.as_str())], None).await;

    let approve = [("csrf", csrf.as_str()), ("decision", "APPROVE"), ("message", "")];
    let back = moderator.submit(&decision_url, &approve, None).await;
    assert!(back.url.ends_with("/moderation?decided=APPROVE"), "{}", back.url);
    let visitor = Browser::new();
    assert_eq!(status_of(&app, &visitor, &format!("/case-studies/{slug}")).await, 200, "published and public");
    let found = app
        .search_until(None, json!({ "query": "litter bins" }), std::time::Duration::from_secs(2), |results| {
            results["totalCount"] == 1
        })
        .await;
    assert!(found.is_some(), "the approved case study is found by search");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_decision_page_shows_what_an_edit_of_a_published_case_study_changes() {
    let app = dev_app().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, input_with(json!({ "title": "Chatbot for council tax questions" }))).await;
    let edited = input_with(json!({ "title": "Virtual assistant for council tax questions" }));
    let updated = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": edited })).await;
    assert!(updated.data()["updateCaseStudy"]["pendingRevision"].is_object(), "{updated:?}");
    let read = app.gql(Some(&author), "query($id: ID!) { caseStudy(id: $id) { slug } }", json!({ "id": id })).await;
    let slug = read.data()["caseStudy"]["slug"].as_str().unwrap().to_owned();

    let moderator = app.browser_signed_in_as("moderator@bristol.gov.uk", Role::Moderator).await;
    let queue = moderator.visit(&format!("{}/moderation", app.address), None).await;
    assert!(queue.body.contains("Edit of a published case study"), "{}", queue.body);
    let decision_url = format!("{}/moderation/{slug}", app.address);
    let decision = moderator.visit(&decision_url, None).await;
    assert!(decision.body.contains("What this edit changes"), "{}", decision.body);
    assert!(decision.body.contains("<dt>Title</dt>"), "the title changed: {}", decision.body);
    assert!(!decision.body.contains("<dt>Summary</dt>"), "unchanged fields are left out");
    assert!(decision.body.contains("removed: </span>Chatbot</del>"), "{}", decision.body);
    assert!(decision.body.contains("added: </span>Virtual assistant</ins>"), "{}", decision.body);

    let csrf = hidden_value(&decision.body, "csrf").unwrap();
    moderator.submit(&decision_url, &[("csrf", &csrf), ("decision", "APPROVE")], None).await;
    let read = app.gql(None, "query($id: ID!) { caseStudy(id: $id) { title } }", json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["title"], "Virtual assistant for council tax questions");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_cannot_decide_on_their_own_work_in_the_browser() {
    let app = dev_app().await;
    let moderator = app.browser_signed_in_as("moderator@camden.gov.uk", Role::Moderator).await;
    let url = submitted_in_the_browser(&app, &moderator, "Our own chatbot").await;
    let slug = url.rsplit('/').next().unwrap();
    let decision_url = format!("{}/moderation/{slug}", app.address);
    let decision = moderator.visit(&decision_url, None).await;
    assert!(decision.body.contains("another moderator decides"), "{}", decision.body);
    assert!(!decision.body.contains("Record the decision"));
    let csrf = moderator.csrf_token(&app, "/moderation").await;
    let refused = moderator.submit(&decision_url, &[("csrf", &csrf), ("decision", "APPROVE")], None).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(moderator.visit(&url, None).await.body.contains("SUBMITTED"), "still waiting");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_and_member_pages_are_refused_to_those_without_the_role() {
    let app = dev_app().await;
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let url = submitted_in_the_browser(&app, &officer, "Sensors in litter bins").await;
    let decision = format!("/moderation/{}", url.rsplit('/').next().unwrap());
    let anonymous = Browser::new();
    let moderator = app.browser_signed_in_as("moderator@bristol.gov.uk", Role::Moderator).await;
    let admin = app.browser_signed_in_as("admin@leeds.gov.uk", Role::Admin).await;

    for path in ["/moderation", decision.as_str(), "/admin/members"] {
        assert_eq!(status_of(&app, &anonymous, path).await, 401, "anonymous on {path}");
        assert_eq!(status_of(&app, &officer, path).await, 403, "a member on {path}");
    }
    assert_eq!(status_of(&app, &moderator, "/moderation").await, 200);
    assert_eq!(status_of(&app, &moderator, &decision).await, 200);
    assert_eq!(status_of(&app, &moderator, "/admin/members").await, 403);
    assert_eq!(status_of(&app, &admin, "/moderation").await, 200);
    assert_eq!(status_of(&app, &admin, "/admin/members").await, 200);

    // A member's POST is refused too, and changes nothing.
    let csrf = officer.csrf_token(&app, "/").await;
    let form = [("csrf", csrf.as_str()), ("decision", "APPROVE")];
    let refused = officer.submit(&format!("{}{decision}", app.address), &form, None).await;
    assert_eq!(refused.status, 403);
    assert!(officer.visit(&url, None).await.body.contains("SUBMITTED"));

    // The links in the header follow the role.
    assert!(!home(&app, &officer).await.contains("href=\"/moderation\""));
    assert!(home(&app, &moderator).await.contains("href=\"/moderation\""));
    assert!(!home(&app, &moderator).await.contains("href=\"/admin/members\""));
    assert!(home(&app, &admin).await.contains("href=\"/admin/members\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_confirms_a_pending_members_council_then_changes_their_role_and_suspends_them() {
    let app = dev_app().await;
    let pending = app.browser_signed_in_as("someone@example.org", Role::Member).await;
    let member_id = pending.me(&app).await["id"].as_str().unwrap().to_owned();
    let admin = app.browser_signed_in_as("admin@leeds.gov.uk", Role::Admin).await;
    let list = admin.visit(&format!("{}/admin/members", app.address), None).await;
    assert!(list.body.contains("someone@example.org") && list.body.contains("Confirm council"), "{}", list.body);
    let csrf = hidden_value(&list.body, "csrf").unwrap();
    let act = format!("{}/admin/members/{member_id}", app.address);

    let wrong = admin.submit(&act, &[("csrf", &csrf), ("action", "assign"), ("authority", "atlantis")], None).await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
    assert!(wrong.body.contains(&format!("href=\"#authority-{member_id}\"")), "{}", wrong.body);
    assert_eq!(pending.me(&app).await["status"], "PENDING", "nothing changed");

    let done = admin
        .submit(&act, &[("csrf", &csrf), ("action", "assign"), ("authority", "camden"), ("status", "PENDING")], None)
        .await;
    assert!(done.url.contains("done=assign"), "{}", done.url);
    let me = pending.me(&app).await;
    assert_eq!((me["status"].as_str(), me["authority"]["slug"].as_str()), (Some("ACTIVE"), Some("camden")));

    admin.submit(&act, &[("csrf", &csrf), ("action", "role"), ("role", "MODERATOR")], None).await;
    assert_eq!(pending.me(&app).await["role"], "MODERATOR");

    admin.submit(&act, &[("csrf", &csrf), ("action", "suspend")], None).await;
    assert!(pending.me(&app).await.is_null(), "suspension ends their sessions");
    let suspended = admin.visit(&format!("{}/admin/members?status=SUSPENDED", app.address), None).await;
    assert!(suspended.body.contains("someone@example.org") && suspended.body.contains("Reinstate"));
    admin.submit(&act, &[("csrf", &csrf), ("action", "reinstate")], None).await;
    let active = admin.visit(&format!("{}/admin/members?status=ACTIVE", app.address), None).await;
    assert!(active.body.contains("someone@example.org"));

    for page in ["abc", "-1", "18446744073709551615", "184467440737095517"] {
        assert_eq!(status_of(&app, &admin, &format!("/admin/members?status=ALL&page={page}")).await, 200, "{page}");
    }

    let own_id = admin.me(&app).await["id"].as_str().unwrap().to_owned();
    let own = format!("{}/admin/members/{own_id}", app.address);
    let refused = admin.submit(&own, &[("csrf", &csrf), ("action", "suspend")], None).await;
    assert_eq!(refused.status, 403, "an admin cannot suspend themselves");
}

async fn home(app: &TestApp, browser: &Browser) -> String {
    browser.visit(&format!("{}/", app.address), None).await.body
}
