//! Follow-ups and review dates (issue 18 §5): a follow-up is moderated like
//! a revision, shows in date order, is searchable, may change the outcome
//! (both kept), and tells followers; review dates remind the council once.

use casebook_tests::{MODERATE, TestApp, input_with, valid_input};
use chrono::{Duration, Months, Utc};
use serde_json::json;

const ADD: &str = "mutation($id: ID!, $input: FollowUpInput!) { addFollowUp(caseStudyId: $id, input: $input) {
    id writtenOn body outcome previousOutcome status } }";
const FOLLOW_UPS: &str = "query($id: ID!) { caseStudy(id: $id) { outcome followUps { writtenOn body outcome
    previousOutcome status } reviewBy lastReviewedOn } }";
const CONFIRM: &str = "mutation($id: ID!, $reviewBy: Date) { confirmReviewed(caseStudyId: $id, reviewBy: $reviewBy) {
    reviewBy lastReviewedOn } }";

fn today() -> String {
    Utc::now().date_naive().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_waits_for_a_moderator_then_shows_changes_the_outcome_and_is_searchable() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let author_email = app.email_of(&author).await;
    let id = app.publish_searchable(&author, input_with(json!({ "outcome": "SUCCESS" }))).await;
    let input = json!({ "writtenOn": today(), "body": "One year on: the supplier went into administration.", "outcome": "FAILURE" });
    let added = app.gql(Some(&author), ADD, json!({ "id": id, "input": input })).await;
    assert_eq!(added.data()["addFollowUp"]["status"], "PENDING");

    // Readers see nothing yet; the council sees it waiting.
    let reader = app.member_of("leeds").await;
    let read = app.gql(Some(&reader), FOLLOW_UPS, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["followUps"], json!([]));
    assert_eq!(read.data()["caseStudy"]["outcome"], "SUCCESS");
    let queue = app.gql(Some(&app.moderator().await), "{ moderationQueue { edges { node { id } } } }", json!({})).await;
    assert!(queue.data()["moderationQueue"]["edges"].as_array().unwrap().iter().any(|edge| edge["node"]["id"] == id));

    let moderator = app.moderator().await;
    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    let read = app.gql(Some(&reader), FOLLOW_UPS, json!({ "id": id })).await;
    let case_study = &read.data()["caseStudy"];
    assert_eq!(case_study["outcome"], "FAILURE");
    assert_eq!(case_study["followUps"][0]["status"], "PUBLISHED");
    assert_eq!(case_study["followUps"][0]["previousOutcome"], "SUCCESS", "both outcomes stay");
    assert_eq!(case_study["followUps"][0]["outcome"], "FAILURE");
    let found = app
        .search_until(
            Some(&reader),
            json!({ "query": "administration" }),
            std::time::Duration::from_secs(3),
            |results| casebook_tests::hit_ids(results).contains(&id),
        )
        .await;
    assert!(found.is_some(), "the follow-up's words find the case study");
    let after = app.gql(Some(&moderator), "{ moderationQueue { totalCount } }", json!({})).await;
    assert_eq!(after.data()["moderationQueue"]["totalCount"], 0, "nothing waits any more");
    let subjects: Vec<String> = app.mail_to(&author_email).await.into_iter().map(|mail| mail.subject).collect();
    assert!(subjects.iter().any(|subject| subject == "Follow-up published: Sensors in litter bins"), "{subjects:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_ups_show_in_date_order_and_a_returned_one_needs_a_message() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let moderator = app.moderator().await;
    for (on, body) in [("2024-06-01", "Later news."), ("2023-01-15", "Earlier news.")] {
        app.gql(Some(&author), ADD, json!({ "id": id, "input": { "writtenOn": on, "body": body } })).await.data();
        app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    }
    let read = app.gql(None, FOLLOW_UPS, json!({ "id": id })).await;
    let dates: Vec<&str> = read.data()["caseStudy"]["followUps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["writtenOn"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2023-01-15", "2024-06-01"]);
    app.gql(Some(&author), ADD, json!({ "id": id, "input": { "writtenOn": "2024-07-01", "body": "Dubious." } }))
        .await
        .data();
    let refused = app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "REQUEST_CHANGES" })).await;
    assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", "message"));
    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "REJECT", "message": "Not news." })).await.data();
    let anonymous = app.gql(None, FOLLOW_UPS, json!({ "id": id })).await;
    assert_eq!(
        anonymous.data()["caseStudy"]["followUps"].as_array().unwrap().len(),
        2,
        "a rejected one is the council's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owning_council_adds_follow_ups_to_published_case_studies() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let input = json!({ "writtenOn": today(), "body": "News." });
    assert_eq!(app.gql(None, ADD, json!({ "id": id, "input": input })).await.error_code(), "UNAUTHENTICATED");
    let other = app.member_of("leeds").await;
    assert_eq!(app.gql(Some(&other), ADD, json!({ "id": id, "input": input })).await.error_code(), "FORBIDDEN");
    let draft = app.create(&author, valid_input()).await;
    assert_eq!(app.gql(Some(&author), ADD, json!({ "id": draft, "input": input })).await.error_code(), "CONFLICT");
    for (field, bad) in [
        ("writtenOn", json!({ "writtenOn": (Utc::now().date_naive() + Duration::days(2)).to_string(), "body": "x" })),
        ("writtenOn", json!({ "writtenOn": "not a date", "body": "x" })),
        ("writtenOn", json!({ "writtenOn": "2001-01-01", "body": "x" })),
        ("body", json!({ "writtenOn": today(), "body": "   " })),
        ("body", json!({ "writtenOn": today(), "body": "x".repeat(20_001) })),
    ] {
        let refused = app.gql(Some(&author), ADD, json!({ "id": id, "input": bad })).await;
        assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", field), "{bad}");
    }
    let read = app.gql(Some(&author), FOLLOW_UPS, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["followUps"], json!([]), "nothing was written by the refusals");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_case_study_is_due_for_review_a_year_on_and_confirming_moves_the_date() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let year_on = Utc::now().date_naive().checked_add_months(Months::new(12)).unwrap().to_string();
    let read = app.gql(None, FOLLOW_UPS, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["reviewBy"], year_on);
    assert_eq!(read.data()["caseStudy"]["lastReviewedOn"], json!(null));

    let other = app.member_of("leeds").await;
    assert_eq!(app.gql(Some(&other), CONFIRM, json!({ "id": id })).await.error_code(), "FORBIDDEN");
    let past = app.gql(Some(&author), CONFIRM, json!({ "id": id, "reviewBy": "2020-01-01" })).await;
    assert_eq!((past.error_code(), past.error_field()), ("BAD_USER_INPUT", "reviewBy"));
    let chosen = (Utc::now().date_naive() + Duration::days(90)).to_string();
    let confirmed = app.gql(Some(&author), CONFIRM, json!({ "id": id, "reviewBy": chosen })).await;
    assert_eq!(confirmed.data()["confirmReviewed"], json!({ "reviewBy": chosen, "lastReviewedOn": today() }));
    let page = app.client.get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await)).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("Last reviewed on"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_date_that_passes_reminds_the_council_once() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let author_email = app.email_of(&author).await;
    let id = app.publish(&author, valid_input()).await;
    let year_on = Utc::now() + Duration::days(367);
    let before = app.run_jobs(Utc::now()).await;
    assert_eq!(before.reminders, 0);
    assert_eq!(app.run_jobs(year_on).await.reminders, 1);
    assert_eq!(app.run_jobs(year_on).await.reminders, 0, "once per review date");
    let told = app.mail_to(&author_email).await;
    let reminder = told.iter().find(|mail| mail.subject.starts_with("Due for review")).expect("a reminder");
    assert!(reminder.text_body.contains(&format!("/case-studies/{}", app.slug_of(&id).await)));
    let ours = app.client.get(format!("{}/our-case-studies", app.address)).bearer_auth(&author).send().await.unwrap();
    assert_eq!(ours.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_follow_up_alerts_the_case_studys_followers_again() {
    let app = TestApp::spawn().await;
    let follower = app.member_of("leeds").await;
    let follower_email = app.email_of(&follower).await;
    let follow = "mutation { follow(target: AUTHORITY, key: \"camden\", frequency: IMMEDIATELY) { id } }";
    app.gql(Some(&follower), follow, json!({})).await.data();
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    app.run_jobs(Utc::now()).await;
    assert_eq!(app.mail_to(&follower_email).await.len(), 1, "the publication");
    let input = json!({ "writtenOn": today(), "body": "Two years on: replaced by a better sensor." });
    app.gql(Some(&author), ADD, json!({ "id": id, "input": input })).await.data();
    app.run_jobs(Utc::now()).await;
    assert_eq!(app.mail_to(&follower_email).await.len(), 1, "not while it waits for a moderator");
    app.gql(Some(&app.moderator().await), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    app.run_jobs(Utc::now()).await;
    let told = app.mail_to(&follower_email).await;
    assert_eq!(told.len(), 2, "{told:#?}");
    assert!(told[1].text_body.contains("(a follow-up)"), "{}", told[1].text_body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_council_adds_a_follow_up_and_confirms_a_review_and_a_moderator_decides_in_the_pages() {
    use casebook::members::Role;
    use casebook_tests::browser::hidden_value;
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let created = officer
        .gql(
            &app,
            "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { id slug } }",
            json!({ "input": valid_input() }),
        )
        .await;
    let id = created["data"]["createCaseStudy"]["id"].as_str().unwrap().to_owned();
    let slug = created["data"]["createCaseStudy"]["slug"].as_str().unwrap().to_owned();
    officer.gql(&app, "mutation($id: ID!) { submitCaseStudy(id: $id) { id } }", json!({ "id": id })).await;
    app.gql(Some(&app.moderator().await), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();

    let url = format!("{}/case-studies/{slug}", app.address);
    let page = officer.visit(&url, None).await;
    assert!(
        page.body.contains(&format!("action=\"/case-studies/{slug}/follow-ups\"")),
        "the council is offered the form"
    );
    let reader = app.browser_signed_in_as("reader@leeds.gov.uk", Role::Member).await;
    assert!(!reader.visit(&url, None).await.body.contains("/follow-ups\""), "nobody else is");

    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let form = [
        ("csrf", csrf.as_str()),
        ("writtenOn", &today()),
        ("body", "The follow-up to decide on."),
        ("outcome", "ABANDONED"),
    ];
    let back = officer.submit(&format!("{url}/follow-ups"), &form, None).await;
    assert_eq!(back.status, 200, "{}", back.body);
    assert!(back.body.contains("The follow-up to decide on.") && back.body.contains("waiting for a moderator"));
    assert!(!reader.visit(&url, None).await.body.contains("The follow-up to decide on."));

    let moderator = app.browser_signed_in_as("moderator@bristol.gov.uk", Role::Moderator).await;
    let decision_url = format!("{}/moderation/{slug}", app.address);
    let decision = moderator.visit(&decision_url, None).await;
    assert_eq!(decision.status, 200);
    assert!(decision.body.contains("A follow-up of") && decision.body.contains("The follow-up to decide on."));
    assert!(decision.body.contains("Outcome changes from Failure to Abandoned"), "{}", decision.body);
    let csrf = hidden_value(&decision.body, "csrf").unwrap();
    moderator.submit(&decision_url, &[("csrf", csrf.as_str()), ("decision", "APPROVE"), ("message", "")], None).await;
    let read = reader.visit(&url, None).await;
    assert!(
        read.body.contains("The follow-up to decide on.")
            && read.body.contains("Outcome changed from Failure to Abandoned")
    );

    let page = officer.visit(&url, None).await;
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let reviewed = officer.submit(&format!("{url}/reviewed"), &[("csrf", csrf.as_str())], None).await;
    assert!(reviewed.body.contains("Last reviewed on"), "{}", reviewed.body);
}
