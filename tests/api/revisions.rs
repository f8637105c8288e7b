//! Edits to a published case study: a pending revision that leaves the live
//! text alone until a moderator approves it.

use casebook_tests::*;
use serde_json::json;

const LIVE: &str =
    "query($id: ID!) { caseStudy(id: $id) { title version status pendingRevision { version title needsChanges } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_to_a_published_case_study_waits_for_moderation() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.publish(&author, valid_input()).await;

    let edited = app
        .gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Sensors in bins: a second look" })) }))
        .await;
    let edited = &edited.data()["updateCaseStudy"];
    assert_eq!(edited["status"], "PUBLISHED");
    assert_eq!(edited["title"], "Sensors in litter bins", "the live title is untouched");
    assert_eq!(edited["pendingRevision"]["title"], "Sensors in bins: a second look");

    // Readers keep seeing the live version, and never the revision.
    let public = app.gql(None, LIVE, json!({ "id": id })).await;
    assert_eq!(public.data()["caseStudy"]["title"], "Sensors in litter bins");
    assert!(public.data()["caseStudy"]["pendingRevision"].is_null());
    let outsider = app.member_of("hackney").await;
    assert!(app.gql(Some(&outsider), LIVE, json!({ "id": id })).await.data()["caseStudy"]["pendingRevision"].is_null());

    // It is in the moderation queue.
    let queue = app
        .gql(Some(&moderator), "{ moderationQueue { edges { node { id pendingRevision { title } } } } }", json!({}))
        .await;
    assert_eq!(queue.data()["moderationQueue"]["edges"][0]["node"]["id"], id);

    let approved = app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await;
    assert_eq!(approved.data()["moderateCaseStudy"]["title"], "Sensors in bins: a second look");
    let live = app.gql(None, LIVE, json!({ "id": id })).await;
    assert_eq!(live.data()["caseStudy"]["title"], "Sensors in bins: a second look");
    assert_eq!(live.data()["caseStudy"]["status"], "PUBLISHED");
    let queue = app.gql(Some(&moderator), "{ moderationQueue { totalCount } }", json!({})).await;
    assert_eq!(queue.data()["moderationQueue"]["totalCount"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_revision_leaves_the_live_version_and_a_returned_one_can_be_fixed() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.publish(&author, valid_input()).await;

    app.gql(
        Some(&author),
        UPDATE,
        json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Rejected rewrite" })) }),
    )
    .await
    .data();
    let rejected = app
        .gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "REJECT", "message": "Not an improvement" }))
        .await;
    assert_eq!(rejected.data()["moderateCaseStudy"]["title"], "Sensors in litter bins");
    let live = app.gql(Some(&author), LIVE, json!({ "id": id })).await;
    assert!(live.data()["caseStudy"]["pendingRevision"].is_null());
    let version = live.data()["caseStudy"]["version"].as_i64().unwrap();

    app.gql(
        Some(&author),
        UPDATE,
        json!({ "id": id, "version": version, "input": input_with(json!({ "title": "Returned rewrite" })) }),
    )
    .await
    .data();
    let returned = app
        .gql(
            Some(&moderator),
            MODERATE,
            json!({ "id": id, "decision": "REQUEST_CHANGES", "message": "Say what it cost" }),
        )
        .await;
    assert_eq!(returned.data()["moderateCaseStudy"]["status"], "PUBLISHED");
    let live = app.gql(Some(&author), LIVE, json!({ "id": id })).await;
    assert_eq!(live.data()["caseStudy"]["pendingRevision"]["needsChanges"], true);
    let version = live.data()["caseStudy"]["version"].as_i64().unwrap();

    app.gql(
        Some(&author),
        UPDATE,
        json!({ "id": id, "version": version, "input": input_with(json!({ "title": "Fixed rewrite" })) }),
    )
    .await
    .data();
    let approved = app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await;
    assert_eq!(approved.data()["moderateCaseStudy"]["title"], "Fixed rewrite");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_moderator_who_proposed_a_revision_cannot_approve_it() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let council_moderator = app.token("mod@camden.example", casebook::members::Role::Moderator, Some("camden")).await;
    app.gql(
        Some(&council_moderator),
        UPDATE,
        json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "My own rewrite" })) }),
    )
    .await
    .data();
    let refused = app.gql(Some(&council_moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await;
    assert_eq!(refused.error_code(), "FORBIDDEN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_drops_a_pending_revision() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.publish(&author, valid_input()).await;
    app.gql(
        Some(&author),
        UPDATE,
        json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Never seen" })) }),
    )
    .await
    .data();
    app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.data();
    let queue = app.gql(Some(&moderator), "{ moderationQueue { totalCount } }", json!({})).await;
    assert_eq!(queue.data()["moderationQueue"]["totalCount"], 0);
    assert!(app.gql(Some(&author), LIVE, json!({ "id": id })).await.data()["caseStudy"]["pendingRevision"].is_null());
}
