//! Workflow notifications (issue 18 §2), with no SMTP server: the outbox
//! keeps each email (what `/dev/mail` shows), and these tests read it. The
//! same emails over a real SMTP server are `email.rs`.

use casebook::members::Role;
use casebook_tests::{MODERATE, SUBMIT, TestApp, UPDATE, input_with, valid_input};
use chrono::{Duration, Utc};
use serde_json::json;

const SETTINGS: &str = "mutation($input: NotificationSettingsInput!) { updateNotificationSettings(input: $input) {
    submissions decisions reports reportOutcomes pendingMembers reviewReminders dailyDigest } }";

async fn moderator_named(app: &TestApp, name: &str, council: Option<&str>) -> (String, String) {
    let email = format!("{name}-{}@casebook.example", uuid::Uuid::new_v4().simple());
    (app.token(&email, Role::Moderator, council).await, email)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_tells_the_moderators_but_not_a_moderator_who_edited_it() {
    let app = TestApp::spawn().await;
    let (_, outside) = moderator_named(&app, "outside", None).await;
    let (camden_moderator, camden_email) = moderator_named(&app, "camden-mod", Some("camden")).await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, valid_input()).await;
    // Camden's own moderator edits it: their own work, so not theirs to hear of.
    let edited = app
        .gql(
            Some(&camden_moderator),
            UPDATE,
            json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Sensors in bins, edited" })) }),
        )
        .await;
    edited.data();
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();

    let told = app.mail_to(&outside).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].subject, "Submitted for moderation: Sensors in bins, edited");
    assert!(told[0].text_body.contains(&format!("{}/moderation", app.address)), "{}", told[0].text_body);
    assert!(told[0].html_body.contains(&format!("href=\"{}/moderation\"", app.address)), "{}", told[0].html_body);
    assert!(
        told[0].unsubscribe_url.as_deref().is_some_and(|url| url.starts_with(&format!("{}/unsubscribe/", app.address)))
    );
    assert!(app.mail_to(&camden_email).await.is_empty(), "an editor is not told of their own submission");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_reaches_the_councils_editors_with_the_moderators_message() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let author_email = app.email_of(&author).await;
    let colleague = app.member_of("camden").await;
    let colleague_email = app.email_of(&colleague).await;
    let moderator = app.moderator().await;
    let id = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    let message = "Say what the sensors cost, please.";
    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "REQUEST_CHANGES", "message": message }))
        .await
        .data();
    let told = app.mail_to(&author_email).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].subject, "Changes requested: Sensors in litter bins");
    assert!(told[0].text_body.contains(message) && told[0].html_body.contains("Say what the sensors cost"));
    assert!(app.mail_to(&colleague_email).await.is_empty(), "only the case study's editors hear of it");

    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    let subjects: Vec<String> = app.mail_to(&author_email).await.into_iter().map(|mail| mail.subject).collect();
    assert_eq!(subjects, ["Changes requested: Sensors in litter bins", "Published: Sensors in litter bins"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_tells_the_moderators_and_its_decision_tells_the_reporter_only_the_outcome() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let author_email = app.email_of(&author).await;
    let id = app.publish(&author, valid_input()).await;
    let (moderator, moderator_email) = moderator_named(&app, "reports", None).await;
    let reporter = app.member_of("hackney").await;
    let reporter_email = app.email_of(&reporter).await;
    let report_id = app.report(&reporter, &id, "PERSONAL_DATA").await;

    let told = app.mail_to(&moderator_email).await;
    let report_mail = told.iter().find(|mail| mail.subject.starts_with("Reported:")).expect("moderators told");
    assert_eq!(report_mail.subject, "Reported: Sensors in litter bins");
    assert!(report_mail.text_body.contains(&format!("/moderation/reports/{report_id}")));
    assert!(!report_mail.text_body.contains(&reporter_email), "never who reported");

    let note = "It names a resident on page two.";
    app.decide_report(Some(&moderator), &report_id, "UPHOLD", note).await;
    let told = app.mail_to(&reporter_email).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].subject, "Your report was upheld");
    assert!(!told[0].text_body.contains(note), "the note is the council's, not the reporter's");
    assert!(!told[0].text_body.contains("Sensors in litter bins"), "a takedown's title is not the reporter's any more");
    let council_told = app.mail_to(&author_email).await;
    let takedown = council_told.iter().find(|mail| mail.subject.starts_with("Taken down")).expect("the council told");
    assert!(takedown.text_body.contains(note), "{}", takedown.text_body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_member_waiting_is_announced_to_admins() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let admin_email = app.email_of(&admin).await;
    let site = app.state.outbox.site().cloned();
    let pending =
        casebook::members::member_for_dev_sign_in(&app.state.db, site.as_ref(), "someone@gmail.example", Role::Member)
            .await
            .unwrap();
    assert_eq!(pending.status, casebook::members::MemberStatus::Pending);
    let told = app.mail_to(&admin_email).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].subject, "A new member is waiting");
    assert!(told[0].text_body.contains("/admin/members"), "{}", told[0].text_body);
    assert!(!told[0].text_body.contains("someone@gmail.example"), "no address that would outlive an erasure");
    // Signing in again is no news.
    casebook::members::member_for_dev_sign_in(&app.state.db, site.as_ref(), "someone@gmail.example", Role::Member)
        .await
        .unwrap();
    assert_eq!(app.mail_to(&admin_email).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_choose_what_they_hear_of_and_may_have_a_daily_digest_instead() {
    let app = TestApp::spawn().await;
    let (quiet, quiet_email) = moderator_named(&app, "quiet", None).await;
    let (digested, digested_email) = moderator_named(&app, "digest", None).await;
    let off = app.gql(Some(&quiet), SETTINGS, json!({ "input": { "submissions": false } })).await;
    assert_eq!(off.data()["updateNotificationSettings"]["submissions"], false);
    assert_eq!(off.data()["updateNotificationSettings"]["decisions"], true, "the rest stay on");
    app.gql(Some(&digested), SETTINGS, json!({ "input": { "dailyDigest": true } })).await.data();
    let read = app.gql(Some(&digested), "{ notificationSettings { dailyDigest submissions } }", json!({})).await;
    assert_eq!(read.data()["notificationSettings"], json!({ "dailyDigest": true, "submissions": true }));

    let author = app.member_of("camden").await;
    for title in ["First of two", "Second of two"] {
        let id = app.create(&author, input_with(json!({ "title": title }))).await;
        app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    }
    assert!(app.mail_to(&quiet_email).await.is_empty(), "submissions switched off");
    assert!(app.mail_to(&digested_email).await.is_empty(), "waiting for the digest");

    assert_eq!(app.run_jobs(Utc::now()).await.digests, 0, "the oldest has not waited a day yet");
    let round = app.run_jobs(Utc::now() + Duration::hours(25)).await;
    assert_eq!(round.digests, 1);
    let told = app.mail_to(&digested_email).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].subject, "Your Casebook digest: 2 notifications");
    assert!(told[0].text_body.contains("First of two") && told[0].text_body.contains("Second of two"));
    assert_eq!(app.run_jobs(Utc::now() + Duration::hours(50)).await.digests, 0, "nothing is digested twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notification_settings_are_the_signed_in_members_own() {
    let app = TestApp::spawn().await;
    let anonymous = app.gql(None, "{ notificationSettings { submissions } }", json!({})).await;
    assert_eq!(anonymous.error_code(), "UNAUTHENTICATED");
    let changed = app.gql(None, SETTINGS, json!({ "input": { "submissions": false } })).await;
    assert_eq!(changed.error_code(), "UNAUTHENTICATED");
    let member = app.member_of("camden").await;
    let defaults =
        app.gql(Some(&member), "{ notificationSettings { submissions decisions dailyDigest } }", json!({})).await;
    assert_eq!(
        defaults.data()["notificationSettings"],
        json!({ "submissions": true, "decisions": true, "dailyDigest": false })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_click_unsubscribe_needs_no_session_and_its_link_alone_changes_nothing() {
    let app = TestApp::spawn().await;
    let (moderator, moderator_email) = moderator_named(&app, "unsubscribing", None).await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    let told = app.mail_to(&moderator_email).await;
    let url = told[0].unsubscribe_url.clone().expect("an unsubscribe link");

    // A mail scanner following the link changes nothing.
    let page = app.client.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Unsubscribe"));
    let still = app.gql(Some(&moderator), "{ notificationSettings { submissions } }", json!({})).await;
    assert_eq!(still.data()["notificationSettings"]["submissions"], true);

    // RFC 8058: a POST with the body the mail client sends, no cookie, no CSRF token.
    let cookieless = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let posted = cookieless
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert!(posted.status().is_redirection() || posted.status().is_success(), "{}", posted.status());
    let now = app.gql(Some(&moderator), "{ notificationSettings { submissions decisions } }", json!({})).await;
    assert_eq!(now.data()["notificationSettings"], json!({ "submissions": false, "decisions": true }));

    // A token we did not sign unsubscribes nobody.
    let forged = format!("{}/unsubscribe/bm90LW91cnM.AAAA", app.address);
    assert_eq!(cookieless.post(&forged).send().await.unwrap().status(), 404);
    assert_eq!(app.client.get(&forged).send().await.unwrap().status(), 404);
}
