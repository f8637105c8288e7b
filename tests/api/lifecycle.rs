//! The publishing workflow end to end, and each transition allowed and refused.

use casebook_tests::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_study_goes_from_draft_to_published_with_its_history() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;

    let created = app.gql(Some(&author), CREATE, json!({ "input": valid_input() })).await;
    let created = &created.data()["createCaseStudy"];
    assert_eq!(created["status"], "DRAFT");
    assert_eq!(created["version"], 1);
    let slug = created["slug"].as_str().unwrap().to_owned();
    assert!(slug.starts_with("sensors-in-litter-bins-"), "the title and a random tail: {slug}");
    let id = created["id"].as_str().unwrap();

    let submitted = app.gql(Some(&author), SUBMIT, json!({ "id": id })).await;
    assert_eq!(submitted.data()["submitCaseStudy"]["status"], "SUBMITTED");

    let queue = app.gql(Some(&moderator), "{ moderationQueue { totalCount edges { node { id } } } }", json!({})).await;
    assert_eq!(queue.data()["moderationQueue"]["edges"][0]["node"]["id"], id);

    let approved = app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await;
    assert_eq!(approved.data()["moderateCaseStudy"]["status"], "PUBLISHED");

    let anonymous_view = app
        .gql(
            None,
            &format!("query($slug: String!) {{ caseStudy(slug: $slug) {{ {CASE_STUDY_FIELDS} }} }}"),
            json!({ "slug": slug }),
        )
        .await;
    let case_study = &anonymous_view.data()["caseStudy"];
    assert_eq!(case_study["status"], "PUBLISHED");
    assert_eq!(case_study["authority"]["slug"], "camden");
    assert_eq!(case_study["authorityLabel"], "London Borough of Camden");
    assert_eq!(case_study["tags"], json!(["bin-sensors", "smart-city"]));
    assert_eq!(case_study["serviceAreas"], json!([{ "key": "waste-and-recycling", "label": "Waste and recycling" }]));
    assert_eq!(case_study["collaborators"], json!([{ "slug": "hackney" }]));
    assert!(case_study["publishedAt"].is_string());
    assert!(case_study["contactEmail"].is_null(), "contact is for signed-in members only");
    assert_eq!(case_study["history"], json!([]), "history is for the owning council and moderators");

    let listed = app.gql(None, "{ caseStudies { totalCount edges { node { id } } } }", json!({})).await;
    assert_eq!(listed.data()["caseStudies"]["totalCount"], 1);

    let history = app
        .gql(
            Some(&author),
            "query($id: ID!) { caseStudy(id: $id) { history { from to by { email } } } }",
            json!({ "id": id }),
        )
        .await;
    let transitions: Vec<(serde_json::Value, serde_json::Value)> = history.data()["caseStudy"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|transition| (transition["from"].clone(), transition["to"].clone()))
        .collect();
    assert_eq!(
        transitions,
        vec![
            (json!(null), json!("DRAFT")),
            (json!("DRAFT"), json!("SUBMITTED")),
            (json!("SUBMITTED"), json!("PUBLISHED")),
        ]
    );

    let withdrawn = app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await;
    assert_eq!(withdrawn.data()["withdrawCaseStudy"]["status"], "WITHDRAWN");
    assert!(!can_read(&app, None, id).await, "a withdrawn case study is no longer public");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_changes_then_edit_returns_to_draft_and_resubmits() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();

    let returned = app
        .gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "REQUEST_CHANGES", "message": "Add the costs" }))
        .await;
    assert_eq!(returned.data()["moderateCaseStudy"]["status"], "CHANGES_REQUESTED");

    let edited = app
        .gql(
            Some(&author),
            UPDATE,
            json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Sensors in 300 litter bins" })) }),
        )
        .await;
    let edited = &edited.data()["updateCaseStudy"];
    assert_eq!(edited["status"], "DRAFT");
    assert_eq!(edited["version"], 2);

    let resubmitted = app.gql(Some(&author), SUBMIT, json!({ "id": id })).await;
    assert_eq!(resubmitted.data()["submitCaseStudy"]["status"], "SUBMITTED");
    let history = app
        .gql(Some(&moderator), "query($id: ID!) { caseStudy(id: $id) { history { to message } } }", json!({ "id": id }))
        .await;
    assert_eq!(
        history.data()["caseStudy"]["history"][2],
        json!({ "to": "CHANGES_REQUESTED", "message": "Add the costs" })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_case_study_records_the_reason_and_cannot_be_resubmitted() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();

    let rejected =
        app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "REJECT", "message": "Advertising" })).await;
    assert_eq!(rejected.data()["moderateCaseStudy"]["status"], "REJECTED");
    assert_eq!(app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.error_code(), "CONFLICT");
    let edit = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": valid_input() })).await;
    assert_eq!(edit.error_code(), "CONFLICT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transitions_the_workflow_does_not_allow_are_conflicts() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.create(&author, valid_input()).await;

    // DRAFT: cannot be moderated or withdrawn.
    let approve = app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await;
    assert_eq!(approve.error_code(), "NOT_FOUND", "a moderator cannot see another council's draft");
    let admin = app.admin().await;
    assert_eq!(
        app.gql(Some(&admin), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.error_code(),
        "CONFLICT"
    );
    assert_eq!(app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.error_code(), "CONFLICT");

    // SUBMITTED: cannot be submitted again, edited or withdrawn.
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    assert_eq!(app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.error_code(), "CONFLICT");
    let edit = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": valid_input() })).await;
    assert_eq!(edit.error_code(), "CONFLICT");
    assert_eq!(app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.error_code(), "CONFLICT");

    // PUBLISHED: cannot be submitted or approved again (no pending revision).
    app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
    assert_eq!(app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.error_code(), "CONFLICT");
    assert_eq!(
        app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.error_code(),
        "CONFLICT"
    );

    // WITHDRAWN: cannot be withdrawn again or moderated (its council may edit and resubmit it: `reports.rs`).
    app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.data();
    assert_eq!(app.gql(Some(&author), WITHDRAW, json!({ "id": id })).await.error_code(), "CONFLICT");
    assert_eq!(
        app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.error_code(),
        "CONFLICT"
    );

    // REJECTED: final.
    let rejected = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": rejected })).await.data();
    let reject = json!({ "id": rejected, "decision": "REJECT", "message": "Out of scope." });
    app.gql(Some(&moderator), MODERATE, reject).await.data();
    assert_eq!(app.gql(Some(&author), SUBMIT, json!({ "id": rejected })).await.error_code(), "CONFLICT");
    let edit = app.gql(Some(&author), UPDATE, json!({ "id": rejected, "version": 1, "input": valid_input() })).await;
    assert_eq!(edit.error_code(), "CONFLICT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesting_changes_or_rejecting_needs_a_message() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let moderator = app.moderator().await;
    let id = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();
    for decision in ["REQUEST_CHANGES", "REJECT"] {
        let response =
            app.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": decision, "message": "  " })).await;
        assert_eq!(response.error_code(), "BAD_USER_INPUT");
        assert_eq!(response.error_field(), "message");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_expected_version_is_a_conflict_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, valid_input()).await;
    let first = app
        .gql(
            Some(&author),
            UPDATE,
            json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "First edit wins" })) }),
        )
        .await;
    assert_eq!(first.data()["updateCaseStudy"]["version"], 2);

    let stale = app
        .gql(
            Some(&author),
            UPDATE,
            json!({ "id": id, "version": 1, "input": input_with(json!({ "title": "Second edit loses" })) }),
        )
        .await;
    assert_eq!(stale.error_code(), "CONFLICT");
    let read = app.gql(Some(&author), READ, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["title"], "First edit wins");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_is_rendered_and_sanitised() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let body = "## Result\n\n**Saved** time.\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[bad](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"x()\">link</a>";
    let id = app.create(&author, input_with(json!({ "body": body }))).await;
    let response =
        app.gql(Some(&author), "query($id: ID!) { caseStudy(id: $id) { body bodyHtml } }", json!({ "id": id })).await;
    let html = response.data()["caseStudy"]["bodyHtml"].as_str().unwrap().to_lowercase();
    assert!(html.contains("<h2>result</h2>"), "{html}");
    assert!(html.contains("<strong>saved</strong>"), "{html}");
    for forbidden in ["<script", "onerror", "onclick", "javascript:"] {
        assert!(!html.contains(forbidden), "{forbidden} survived in {html}");
    }
    assert_eq!(response.data()["caseStudy"]["body"], body, "the Markdown itself is kept as written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_lists_their_councils_drafts_and_nobody_elses() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let hackney = app.member_of("hackney").await;
    let draft = app.create(&camden, valid_input()).await;
    app.create(&hackney, input_with(json!({ "collaborators": [] }))).await;

    let query = "{ caseStudies(filter: { statuses: [DRAFT] }) { totalCount edges { node { id } } } }";
    let mine = app.gql(Some(&camden), query, json!({})).await;
    assert_eq!(mine.data()["caseStudies"]["totalCount"], 1);
    assert_eq!(mine.data()["caseStudies"]["edges"][0]["node"]["id"], draft);
    let anonymous = app.gql(None, query, json!({})).await;
    assert_eq!(anonymous.data()["caseStudies"]["totalCount"], 0);
    let admin = app.admin().await;
    assert_eq!(app.gql(Some(&admin), query, json!({})).await.data()["caseStudies"]["totalCount"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_studies_page_newest_first_with_cursors() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(app.publish(&author, input_with(json!({ "title": format!("Project number {n}") }))).await);
    }
    let query = "query($after: String) { caseStudies(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }";
    let mut seen = Vec::new();
    let mut after = serde_json::Value::Null;
    loop {
        let page = app.gql(None, query, json!({ "after": after })).await;
        let connection = &page.data()["caseStudies"];
        assert_eq!(connection["totalCount"], 5);
        seen.extend(
            connection["edges"].as_array().unwrap().iter().map(|edge| edge["node"]["id"].as_str().unwrap().to_owned()),
        );
        if connection["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    ids.reverse();
    assert_eq!(seen, ids, "newest published first, each exactly once");

    let too_many = app.gql(None, "{ caseStudies(first: 101) { totalCount } }", json!({})).await;
    assert_eq!(too_many.error_code(), "BAD_USER_INPUT");
    assert_eq!(too_many.error_field(), "first");
    let bad_cursor = app.gql(None, "{ caseStudies(after: \"nonsense\") { totalCount } }", json!({})).await;
    assert_eq!(bad_cursor.error_field(), "after");
    // Cursors forged to point past any list (up to u64::MAX, beyond the
    // databases' signed offsets) are refused, in lists and in search alike.
    for forged in
        ["YXQ6MTg0NDY3NDQwNzM3MDk1NTE2MTU", "YXQ6MTg0NDY3NDQwNzM3MDk1NTE2MTQ", "YXQ6OTIyMzM3MjAzNjg1NDc3NTgwNw"]
    {
        let listed =
            app.gql(None, "query($a: String) { caseStudies(after: $a) { totalCount } }", json!({ "a": forged }));
        assert_eq!(listed.await.error_field(), "after", "{forged}");
        let searched = app.gql(None, "query($a: String) { search(after: $a) { totalCount } }", json!({ "a": forged }));
        assert_eq!(searched.await.error_field(), "after", "{forged}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_slug_reveals_nothing_about_case_studies_the_author_cannot_read() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let hackney = app.member_of("hackney").await;
    let title = input_with(json!({ "title": "A chatbot for council tax", "collaborators": [] }));
    // Camden's hidden draft, and Hackney's case study of the same title.
    let hidden = app.gql(Some(&camden), CREATE, json!({ "input": title })).await;
    let hidden = hidden.data()["createCaseStudy"]["slug"].as_str().unwrap().to_owned();
    let created = app.gql(Some(&hackney), CREATE, json!({ "input": title })).await;
    let slug = created.data()["createCaseStudy"]["slug"].as_str().unwrap().to_owned();
    assert_ne!(slug, hidden);
    // Every slug is the title and a random tail: the shape is the same whether
    // or not another council's hidden draft has the title.
    for slug in [&slug, &hidden] {
        let tail = slug.strip_prefix("a-chatbot-for-council-tax-").unwrap_or_else(|| panic!("{slug}"));
        assert!(tail.len() == 6 && tail.chars().all(|c| c.is_ascii_alphanumeric()), "{slug}");
    }
    let lone = app
        .gql(
            Some(&hackney),
            CREATE,
            json!({ "input": input_with(json!({ "title": "Unique title here", "collaborators": [] })) }),
        )
        .await;
    let lone = lone.data()["createCaseStudy"]["slug"].as_str().unwrap().to_owned();
    assert!(lone.starts_with("unique-title-here-") && lone.len() == "unique-title-here-".len() + 6, "{lone}");
}
