//! Reports and takedowns over the API: reports gather into one item per case
//! study, moderators dismiss or uphold them (never on their own work), an
//! upheld report unpublishes the case study everywhere but for its council
//! and the moderators, and its council edits and resubmits it.

use std::time::Duration;

use casebook::members::{MemberStatus, Role};
use casebook_tests::*;
use serde_json::{Value, json};

const OPEN_REPORTS: &str = "query($status: ReportStatus) { reports(status: $status, first: 100) {
    totalCount edges { node { id status reason details reportCount createdAt
    caseStudy { id } filings { reason details } snapshot { version title } } } } }";

async fn open_reports(app: &TestApp, token: &str) -> Vec<Value> {
    let response = app.gql(Some(token), OPEN_REPORTS, json!({})).await;
    response.data()["reports"]["edges"].as_array().unwrap().iter().map(|edge| edge["node"].clone()).collect()
}

fn report_of<'a>(reports: &'a [Value], id: &str) -> Option<&'a Value> {
    reports.iter().find(|report| report["id"] == id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_on_one_case_study_gather_into_one_item_with_a_snapshot_and_a_second_report_replaces_the_first() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let first_reader = app.member_of("hackney").await;
    let second_reader = app.member_of("bristol").await;

    let filed = app
        .gql(Some(&first_reader), REPORT, json!({ "id": id, "reason": "PERSONAL_DATA", "details": "names a resident" }))
        .await;
    let filed = filed.data()["reportCaseStudy"].clone();
    assert_eq!(filed["status"], "OPEN");
    assert_eq!(filed["reportCount"], 1);
    let report_id = filed["id"].as_str().unwrap().to_owned();

    let again = app
        .gql(Some(&first_reader), REPORT, json!({ "id": id, "reason": "INACCURATE", "details": "  wrong costs  " }))
        .await;
    let again = &again.data()["reportCaseStudy"];
    assert_eq!(again["id"], report_id.as_str(), "the same item");
    assert_eq!((again["reason"].clone(), again["details"].clone()), (json!("INACCURATE"), json!("wrong costs")));
    assert_eq!(again["reportCount"], 1, "a member's second report replaces their first");

    // The author edits it afterwards: the item keeps the case study as it was.
    let edit = input_with(json!({ "title": "Sensors in bins, revised" }));
    app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": edit })).await.data();
    let second = app.report(&second_reader, &id, "OFFENSIVE").await;
    assert_eq!(second, report_id, "another member's report joins the open item");

    let moderator = app.moderator().await;
    let reports = open_reports(&app, &moderator).await;
    assert_eq!(reports.len(), 1);
    let item = report_of(&reports, &report_id).expect("listed");
    assert_eq!(item["reportCount"], 2);
    assert_eq!(item["caseStudy"]["id"], id.as_str());
    let reasons: Vec<&str> =
        item["filings"].as_array().unwrap().iter().map(|f| f["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["INACCURATE", "OFFENSIVE"], "every reason, oldest first, never who gave it");
    assert_eq!(item["snapshot"]["title"], "Sensors in litter bins", "the snapshot is the case study as first reported");
    assert_eq!(item["snapshot"]["version"], 1);

    // The reporter sees their own report, not the others' reasons or the snapshot.
    let mine = app
        .gql(Some(&second_reader), &format!("{{ myReports {{ edges {{ node {{ {REPORT_FIELDS} }} }} }} }}"), json!({}))
        .await;
    let mine = &mine.data()["myReports"]["edges"][0]["node"];
    assert_eq!(mine["reason"], "OFFENSIVE");
    assert_eq!(mine["filings"].as_array().unwrap().len(), 1);
    assert!(mine["snapshot"].is_null(), "the snapshot is for moderators");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reporting_needs_an_active_member_who_can_read_a_published_case_study() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let public = app.publish(&author, valid_input()).await;
    let members_only = app.publish(&author, input_with(json!({ "visibility": "MEMBERS" }))).await;
    let draft = app.create(&author, valid_input()).await;
    let submitted = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": submitted })).await.data();
    let pending = app.token_with_status(Role::Member, MemberStatus::Pending, Some("hackney")).await;
    let suspended = app.token_with_status(Role::Moderator, MemberStatus::Suspended, Some("hackney")).await;
    let member = app.member_of("hackney").await;
    let code = |response: GqlResponse| response.error_code().to_owned();
    let report = |token: Option<&str>, id: &str, details: Value| {
        let variables = json!({ "id": id, "reason": "OTHER", "details": details });
        let token = token.map(str::to_owned);
        let app = &app;
        async move { app.gql(token.as_deref(), REPORT, variables).await }
    };

    assert_eq!(code(report(None, &public, Value::Null).await), "UNAUTHENTICATED");
    assert_eq!(code(report(Some(&pending), &public, Value::Null).await), "FORBIDDEN", "pending");
    assert_eq!(code(report(Some(&suspended), &public, Value::Null).await), "FORBIDDEN", "suspended");
    assert_eq!(code(report(Some(&pending), &members_only, Value::Null).await), "NOT_FOUND", "one they cannot read");
    assert_eq!(code(report(Some(&member), &draft, Value::Null).await), "NOT_FOUND", "another council's draft");
    assert_eq!(code(report(Some(&member), "no-such-id", Value::Null).await), "NOT_FOUND");
    assert_eq!(code(report(Some(&author), &public, Value::Null).await), "FORBIDDEN", "its own council's");
    let moderator = app.moderator().await;
    assert_eq!(code(report(Some(&moderator), &submitted, Value::Null).await), "CONFLICT", "only published ones");
    let nul = report(Some(&member), &public, json!("a\u{0}b")).await;
    assert_eq!((nul.error_code(), nul.error_field()), ("BAD_USER_INPUT", "details"));
    let too_long = report(Some(&member), &public, json!("x".repeat(5_001))).await;
    assert_eq!((too_long.error_code(), too_long.error_field()), ("BAD_USER_INPUT", "details"));

    for token in [member, moderator, app.admin().await] {
        let filed = report(Some(&token), &members_only, json!("details")).await;
        assert_eq!(filed.data()["reportCaseStudy"]["status"], "OPEN");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_may_make_only_so_many_reports_an_hour() {
    let app = TestApp::spawn_with(|settings| settings.reports_per_hour = 2).await;
    let author = app.member_of("camden").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(app.publish(&author, valid_input()).await);
    }
    let reader = app.member_of("hackney").await;
    app.report(&reader, &ids[0], "OTHER").await;
    app.report(&reader, &ids[1], "OTHER").await;
    let refused = app.gql(Some(&reader), REPORT, json!({ "id": ids[2], "reason": "OTHER" })).await;
    assert_eq!(refused.error_code(), "RATE_LIMITED");
    app.report(&reader, &ids[0], "INACCURATE").await; // changing a report already made is not another one
    let other_reader = app.member_of("bristol").await;
    app.report(&other_reader, &ids[2], "OTHER").await; // the limit is per member
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_moderators_read_and_decide_reports_and_never_on_their_own_work() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let reader = app.member_of("hackney").await;
    let report_id = app.report(&reader, &id, "INACCURATE").await;
    let list = "{ reports { totalCount } }";

    assert_eq!(app.gql(None, list, json!({})).await.error_code(), "UNAUTHENTICATED");
    for (label, token) in [
        ("member", reader.clone()),
        ("owning council", author.clone()),
        ("pending moderator", app.token_with_status(Role::Moderator, MemberStatus::Pending, None).await),
        ("suspended admin", app.token_with_status(Role::Admin, MemberStatus::Suspended, None).await),
    ] {
        assert_eq!(app.gql(Some(&token), list, json!({})).await.error_code(), "FORBIDDEN", "reports for {label}");
        let decided =
            app.gql(Some(&token), DECIDE_REPORT, json!({ "id": report_id, "decision": "DISMISS", "note": "n" })).await;
        assert_eq!(decided.error_code(), "FORBIDDEN", "decideReport for {label}");
    }
    assert_eq!(
        app.gql(None, DECIDE_REPORT, json!({ "id": report_id, "decision": "DISMISS", "note": "n" })).await.error_code(),
        "UNAUTHENTICATED"
    );
    for token in [app.moderator().await, app.admin().await] {
        assert_eq!(app.gql(Some(&token), list, json!({})).await.data()["reports"]["totalCount"], 1);
    }

    // A moderator who edited it (here: an admin of the owning council) may not decide.
    let editor = app.token("editor@camden.gov.uk", Role::Admin, Some("camden")).await;
    let edit = input_with(json!({ "title": "Sensors in bins, corrected" }));
    app.gql(Some(&editor), UPDATE, json!({ "id": id, "version": 1, "input": edit })).await.data();
    let own =
        app.gql(Some(&editor), DECIDE_REPORT, json!({ "id": report_id, "decision": "UPHOLD", "note": "n" })).await;
    assert_eq!(own.error_code(), "FORBIDDEN");

    let moderator = app.moderator().await;
    let no_note =
        app.gql(Some(&moderator), DECIDE_REPORT, json!({ "id": report_id, "decision": "DISMISS", "note": "  " })).await;
    assert_eq!((no_note.error_code(), no_note.error_field()), ("BAD_USER_INPUT", "note"));
    let unknown =
        app.gql(Some(&moderator), DECIDE_REPORT, json!({ "id": "nope", "decision": "DISMISS", "note": "n" })).await;
    assert_eq!(unknown.error_code(), "NOT_FOUND");
    let dismissed = app.decide_report(Some(&moderator), &report_id, "DISMISS", "The figures are right.").await;
    assert_eq!(
        (dismissed["status"].clone(), dismissed["caseStudy"]["status"].clone()),
        (json!("DISMISSED"), json!("PUBLISHED"))
    );
    let twice =
        app.gql(Some(&moderator), DECIDE_REPORT, json!({ "id": report_id, "decision": "UPHOLD", "note": "n" })).await;
    assert_eq!(twice.error_code(), "CONFLICT", "a decided report stays decided");

    // The reporter learns the outcome (the note is for moderators and the council); a new report opens a new item.
    let mine = app.gql(Some(&reader), "{ myReports { edges { node { id status note } } } }", json!({})).await;
    assert_eq!(mine.data()["myReports"]["edges"][0]["node"]["status"], "DISMISSED");
    assert!(mine.data()["myReports"]["edges"][0]["node"]["note"].is_null());
    let reopened = app.report(&reader, &id, "INACCURATE").await;
    assert_ne!(reopened, report_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upheld_report_takes_the_case_study_down_for_everyone_but_its_council_and_the_moderators() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish_searchable(&author, input_with(json!({ "title": "Drone surveys of roofs" }))).await;
    let neighbour = app.publish_searchable(&author, input_with(json!({ "title": "Drone surveys of bridges" }))).await;
    let reader = app.member_of("bristol").await;
    let report_id = app.report(&reader, &id, "PERSONAL_DATA").await;

    let upheld = app.decide_report(None, &report_id, "UPHOLD", "It names a resident in the second paragraph.").await;
    assert_eq!(upheld["status"], "UPHELD");
    assert_eq!(upheld["caseStudy"]["status"], "UNPUBLISHED");

    let gone = app
        .search_until(None, json!({ "query": "drone" }), Duration::from_secs(1), |results| {
            !hit_ids(results).contains(&id) && results["totalCount"] == 1
        })
        .await;
    assert!(gone.is_some(), "out of search and its counts within a second");
    let facets = app.search(Some(&reader), json!({ "query": "drone" })).await;
    let outcome_total: i64 =
        facets["facets"]["outcome"].as_array().unwrap().iter().map(|f| f["count"].as_i64().unwrap()).sum();
    assert_eq!(outcome_total, 1, "nor in the facets");
    let similar =
        app.gql(None, "query($id: ID!) { caseStudy(id: $id) { similar { id } } }", json!({ "id": neighbour })).await;
    assert!(!similar.body.to_string().contains(&id), "nor among similar case studies");

    for (label, token) in [
        ("anonymous", None),
        ("the reporter", Some(reader.as_str())),
        ("another council", Some(&app.member_of("leeds").await)),
    ] {
        assert!(!can_read(&app, token, &id).await, "gone for {label}");
    }
    let read = "query($id: ID!) { caseStudy(id: $id) { status unpublishedReason history { to message byLabel } } }";
    for (label, token) in
        [("owning council", author.clone()), ("moderator", app.moderator().await), ("admin", app.admin().await)]
    {
        let seen = app.gql(Some(&token), read, json!({ "id": id })).await;
        let seen = &seen.data()["caseStudy"];
        assert_eq!(seen["status"], "UNPUBLISHED", "{label}");
        assert_eq!(seen["unpublishedReason"], "It names a resident in the second paragraph.", "{label}");
    }
    // The owning council never learns who reported it.
    let reporter_id = app.viewer(&reader).await.member_id().unwrap().to_owned();
    let owners_view = app
        .gql(
            Some(&author),
            &format!("query($id: ID!) {{ caseStudy(id: $id) {{ {CASE_STUDY_FIELDS} unpublishedReason }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert!(!owners_view.body.to_string().contains(&reporter_id), "{}", owners_view.body);
    assert!(!owners_view.body.to_string().contains("bristol"), "nor the reporter's council: {}", owners_view.body);
    assert_eq!(app.gql(Some(&author), "{ reports { totalCount } }", json!({})).await.error_code(), "FORBIDDEN");

    // The reporter learns the outcome, without reading the case study.
    let mine = app.gql(Some(&reader), "{ myReports { edges { node { status caseStudy { id } } } } }", json!({})).await;
    assert_eq!(mine.data()["myReports"]["edges"][0]["node"], json!({ "status": "UPHELD", "caseStudy": null }));
    let mine = app.gql(Some(&reader), "{ myReports { edges { node { note snapshot { title } } } } }", json!({})).await;
    assert_eq!(
        mine.data()["myReports"]["edges"][0]["node"],
        json!({ "note": null, "snapshot": null }),
        "nor the reason"
    );
    let again = app.gql(Some(&reader), REPORT, json!({ "id": id, "reason": "OTHER" })).await;
    assert_eq!(again.error_code(), "NOT_FOUND", "nothing left to report");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_council_edits_a_taken_down_case_study_and_sends_it_back_to_moderation() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let report_id = app.report(&app.member_of("hackney").await, &id, "PERSONAL_DATA").await;
    app.decide_report(None, &report_id, "UPHOLD", "Remove the resident's name.").await;
    let other_council = app.member_of("leeds").await;

    let fixed = input_with(json!({ "body": "## What happened\n\nThe sensors failed in the cold." }));
    let refused =
        app.gql(Some(&other_council), UPDATE, json!({ "id": id, "version": 2, "input": fixed.clone() })).await;
    assert_eq!(refused.error_code(), "NOT_FOUND");
    let edited =
        app.gql(Some(&author), "query($id: ID!) { caseStudy(id: $id) { version } }", json!({ "id": id })).await;
    let version = edited.data()["caseStudy"]["version"].as_i64().unwrap();
    let edited = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": version, "input": fixed })).await;
    assert_eq!(edited.data()["updateCaseStudy"]["status"], "UNPUBLISHED", "still down while its council edits it");
    let submitted = app.gql(Some(&author), SUBMIT, json!({ "id": id })).await;
    assert_eq!(submitted.data()["submitCaseStudy"]["status"], "SUBMITTED");
    let moderator = app.moderator().await;
    let approved = app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await;
    assert_eq!(approved.data()["moderateCaseStudy"]["status"], "PUBLISHED");
    let read = app
        .gql(Some(&author), "query($id: ID!) { caseStudy(id: $id) { unpublishedReason } }", json!({ "id": id }))
        .await;
    assert!(read.data()["caseStudy"]["unpublishedReason"].is_null(), "published again, the takedown is history");
    assert!(can_read(&app, None, &id).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_case_study_can_be_edited_and_resubmitted_by_its_council() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let withdrawn = app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await;
    assert_eq!(withdrawn.data()["withdrawCaseStudy"]["status"], "WITHDRAWN");
    let moderator = app.moderator().await;
    let by_moderator =
        app.gql(Some(&moderator), UPDATE, json!({ "id": id, "version": 1, "input": valid_input() })).await;
    assert_eq!(by_moderator.error_code(), "FORBIDDEN", "moderators do not edit a council's work");

    let edit = input_with(json!({ "title": "Sensors in litter bins, with costs" }));
    let edited = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": edit })).await;
    assert_eq!(edited.data()["updateCaseStudy"]["status"], "WITHDRAWN");
    assert_eq!(
        app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data()["submitCaseStudy"]["status"],
        "SUBMITTED"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_stays_decidable_after_its_council_takes_the_case_study_back_to_a_draft() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let report_id = app.report(&app.member_of("hackney").await, &id, "INACCURATE").await;
    app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.data();
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    let moderator = app.moderator().await;
    let request = json!({ "id": id, "decision": "REQUEST_CHANGES", "message": "Add costs." });
    app.gql(Some(&moderator), MODERATE, request).await.data();
    app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": valid_input() })).await.data();
    assert!(!can_read(&app, Some(&moderator), &id).await, "a draft: moderators cannot read it");

    let upheld =
        app.gql(Some(&moderator), DECIDE_REPORT, json!({ "id": report_id, "decision": "UPHOLD", "note": "n" })).await;
    assert_eq!(upheld.error_code(), "CONFLICT", "nothing published to take down");
    let dismissed = app.decide_report(Some(&moderator), &report_id, "DISMISS", "Withdrawn by its council.").await;
    assert_eq!((dismissed["status"].clone(), dismissed["caseStudy"].clone()), (json!("DISMISSED"), Value::Null));
}
