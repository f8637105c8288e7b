//! The journeys of issue 14 over HTTP, as a browser makes them (the same
//! journeys run in Chromium in `web/tests/journeys.test.mjs`): the pages
//! offer exactly the actions `policy::actions` opens, an author's pending
//! revision, the councils directory, our case studies by status and page,
//! collaborators by name, and years ORed.

use casebook::members::Role;
use casebook_tests::browser::Browser;
use casebook_tests::*;
use serde_json::json;

use crate::pages::filled_form;

async fn dev_app() -> TestApp {
    TestApp::builder().dev_sign_in().spawn().await
}

/// A Camden case study, published, then edited: it has a pending revision
/// titled "Sensors in bins, revised". Its author's token, its id and slug.
async fn published_with_a_revision(app: &TestApp) -> (String, String, String) {
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let slug = app.slug_of(&id).await;
    let revised = input_with(json!({ "title": "Sensors in bins, revised" }));
    app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": revised })).await.data();
    (author, id, slug)
}

const WITHDRAW_REVISION: &str = "mutation($id: ID!) { withdrawRevision(id: $id) { id status title version
    pendingRevision { title } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_is_not_offered_a_decision_on_their_own_case_study() {
    let app = dev_app().await;
    let writer = app.browser_signed_in_as("moderator@camden.gov.uk", Role::Moderator).await;
    let csrf = writer.csrf_token(&app, "/case-studies/new").await;
    let created =
        writer.submit(&format!("{}/case-studies/new", app.address), &filled_form(&csrf, "Our own chatbot"), None).await;
    let submitted = writer.submit(&format!("{}/submit", created.url), &[("csrf", csrf.as_str())], None).await;
    assert!(submitted.body.contains("SUBMITTED"), "{}", submitted.body);
    assert!(!submitted.body.contains("Decide on it"), "its own moderator is not offered the decision");

    let other = app.browser_signed_in_as("moderator@bristol.gov.uk", Role::Moderator).await;
    let page = other.visit(&created.url, None).await;
    assert!(page.body.contains("Decide on it"), "another moderator is: {}", page.body);
    // And the navigation offers the queue to both, as its gate lets them in.
    assert!(page.body.contains(r#"href="/moderation""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owning_council_sees_its_pending_revision_edits_from_it_and_withdraws_it() {
    let app = dev_app().await;
    let (author, id, slug) = published_with_a_revision(&app).await;

    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let url = format!("{}/case-studies/{slug}", app.address);
    let page = officer.visit(&url, None).await;
    assert!(page.body.contains("Changes waiting for review since"), "{}", page.body);
    assert!(page.body.contains("Sensors in litter bins"), "the page shows the live text");
    assert!(page.body.contains("Withdraw the changes"));
    let form = officer.visit(&format!("{url}/edit"), None).await;
    assert!(form.body.contains(r#"value="Sensors in bins, revised""#), "the edit form starts from the revision");

    // Nobody outside the council (or its moderators) hears of it.
    let outsider = app.browser_signed_in_as("officer@hackney.gov.uk", Role::Member).await;
    let seen = outsider.visit(&url, None).await.body;
    assert!(!seen.contains("Changes waiting") && !seen.contains("Withdraw the changes"), "{seen}");
    assert!(!Browser::new().visit(&url, None).await.body.contains("Changes waiting"));

    let csrf = officer.csrf_token(&app, "/").await;
    let withdrawn = officer.submit(&format!("{url}/withdraw-revision"), &[("csrf", csrf.as_str())], None).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    assert!(!withdrawn.body.contains("Changes waiting"), "{}", withdrawn.body);
    assert!(withdrawn.body.contains("withdrawn by its authors"), "the history says so");
    let live = app.gql(Some(&author), READ, json!({ "id": id })).await;
    assert_eq!(live.data()["caseStudy"]["title"], "Sensors in litter bins");
    assert!(live.data()["caseStudy"]["pendingRevision"].is_null());
    let moderator = app.moderator().await;
    let queue = app.gql(Some(&moderator), "{ moderationQueue { totalCount } }", json!({})).await;
    assert_eq!(queue.data()["moderationQueue"]["totalCount"], 0, "nothing waits for a moderator");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revision_sent_back_shows_the_moderators_message_to_its_council() {
    let app = dev_app().await;
    let (_, id, slug) = published_with_a_revision(&app).await;
    let moderator = app.moderator().await;
    let message = "Please say what the sensors cost each.";
    let decided = json!({ "id": id, "decision": "REQUEST_CHANGES", "message": message });
    app.gql(Some(&moderator), MODERATE, decided).await.data();

    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let page = officer.visit(&format!("{}/case-studies/{slug}", app.address), None).await;
    assert!(page.body.contains("A moderator asked for changes to your edit"), "{}", page.body);
    assert!(page.body.contains(message));
    let form = officer.visit(&format!("{}/case-studies/{slug}/edit", app.address), None).await;
    assert!(form.body.contains(r#"value="Sensors in bins, revised""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_a_revision_through_the_api_is_for_the_owning_council_and_needs_a_revision() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let no_revision = app.gql(Some(&author), WITHDRAW_REVISION, json!({ "id": id })).await;
    assert_eq!(no_revision.error_code(), "CONFLICT");

    let revised = input_with(json!({ "title": "Sensors in bins, revised" }));
    app.gql(Some(&author), UPDATE, json!({ "id": id, "version": 1, "input": revised })).await.data();
    let outsider = app.member_of("hackney").await;
    let moderator = app.moderator().await;
    assert_eq!(app.gql(None, WITHDRAW_REVISION, json!({ "id": id })).await.error_code(), "UNAUTHENTICATED");
    assert_eq!(app.gql(Some(&outsider), WITHDRAW_REVISION, json!({ "id": id })).await.error_code(), "FORBIDDEN");
    assert_eq!(app.gql(Some(&moderator), WITHDRAW_REVISION, json!({ "id": id })).await.error_code(), "FORBIDDEN");
    let missing = json!({ "id": "00000000-0000-0000-0000-000000000000" });
    assert_eq!(app.gql(Some(&author), WITHDRAW_REVISION, missing).await.error_code(), "NOT_FOUND");

    let withdrawn = app.gql(Some(&author), WITHDRAW_REVISION, json!({ "id": id })).await;
    let withdrawn = &withdrawn.data()["withdrawRevision"];
    assert_eq!(withdrawn["status"], "PUBLISHED");
    assert_eq!(withdrawn["title"], "Sensors in litter bins");
    assert!(withdrawn["pendingRevision"].is_null());
    let again = app.gql(Some(&author), WITHDRAW_REVISION, json!({ "id": id })).await;
    assert_eq!(again.error_code(), "CONFLICT");
    // The next edit starts from the live version again.
    let next = input_with(json!({ "title": "A second attempt" }));
    let version = withdrawn["version"].as_i64().unwrap();
    let edited = app.gql(Some(&author), UPDATE, json!({ "id": id, "version": version, "input": next })).await;
    assert_eq!(edited.data()["updateCaseStudy"]["pendingRevision"]["title"], "A second attempt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_case_studies_pages_through_all_of_them_and_filters_by_status() {
    let app = dev_app().await;
    let author = app.member_of("camden").await;
    for number in 0..27 {
        app.create(&author, input_with(json!({ "title": format!("Draft number {number:02}") }))).await;
    }
    app.publish(&author, input_with(json!({ "title": "The published one" }))).await;
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let first = officer.visit(&format!("{}/our-case-studies", app.address), None).await;
    assert!(first.body.contains("Page 1 of 2"), "{}", first.body);
    assert!(first.body.contains("All: 28 case studies"));
    let second = officer.visit(&format!("{}/our-case-studies?status=ALL&page=2", app.address), None).await;
    assert!(second.body.contains("Page 2 of 2"), "{}", second.body);
    let count_rows = |body: &str| body.matches("<tr><td>").count();
    assert_eq!(count_rows(&first.body) + count_rows(&second.body), 28, "every case study, once");

    let published = officer.visit(&format!("{}/our-case-studies?status=PUBLISHED", app.address), None).await;
    assert_eq!(count_rows(&published.body), 1, "{}", published.body);
    assert!(published.body.contains("The published one"));
    let rejected = officer.visit(&format!("{}/our-case-studies?status=REJECTED", app.address), None).await;
    assert!(rejected.body.contains("No case studies with the status “Rejected” yet."), "{}", rejected.body);
    // Nonsense asks for nothing odd.
    for query in ["status=NOPE", "page=-1", "page=99999999999999999999", "page=abc"] {
        let page = officer.visit(&format!("{}/our-case-studies?{query}", app.address), None).await;
        assert_eq!(page.status, 200, "{query}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_councils_page_counts_only_named_case_studies_and_finds_councils_by_name_and_kind() {
    let app = dev_app().await;
    let author = app.member_of("camden").await;
    app.publish(&author, input_with(json!({ "collaborators": [] }))).await;
    app.publish(&author, input_with(json!({ "title": "A quiet failure", "anonymous": true, "collaborators": [] })))
        .await;
    app.create(&author, input_with(json!({ "title": "Just a draft", "collaborators": [] }))).await;

    let visitor = Browser::new();
    let row = |body: &str, council: &str| -> String {
        let start = body.find(&format!(">{council}</a>")).unwrap_or_else(|| panic!("{council} listed: {body}"));
        body[start..].split("</tr>").next().unwrap().to_owned()
    };
    let all = visitor.visit(&format!("{}/councils", app.address), None).await;
    assert_eq!(all.status, 200);
    assert!(
        row(&all.body, "London Borough of Camden").ends_with("<td>1</td>"),
        "the anonymous one and the draft are not counted"
    );
    assert!(row(&all.body, "London Borough of Hackney").ends_with("<td>0</td>"));
    assert!(all.body.contains(r#"href="/councils/camden""#), "each council links to its page");
    // The owning council itself sees the same count: anonymity is never counted.
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let own = officer.visit(&format!("{}/councils?name=camden", app.address), None).await;
    assert!(row(&own.body, "London Borough of Camden").ends_with("<td>1</td>"), "{}", own.body);
    assert!(!own.body.contains("London Borough of Hackney"), "found by name");

    let scottish = visitor.visit(&format!("{}/councils?kind=SCOTTISH_COUNCIL", app.address), None).await;
    assert!(scottish.body.contains("Glasgow City Council") && !scottish.body.contains("Camden"));
    let london = visitor.visit(&format!("{}/councils?region=london&nation=england", app.address), None).await;
    assert!(london.body.contains("Camden") && !london.body.contains("Glasgow"));
    let nothing = visitor.visit(&format!("{}/councils?name=atlantis", app.address), None).await;
    assert!(nothing.body.contains("0 councils"), "{}", nothing.body);

    // Search results link a council's name to its page, never an anonymous one's label.
    app.state.search.sync().await.unwrap();
    let results = visitor.visit(&format!("{}/search", app.address), None).await.body;
    assert!(results.contains(r#"<a href="/councils/camden">London Borough of Camden</a>"#), "{results}");
    assert!(results.contains("A London borough") && !results.contains(">A London borough</a>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collaborators_are_chosen_by_council_name_in_the_form() {
    let app = dev_app().await;
    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let csrf = officer.csrf_token(&app, "/case-studies/new").await;
    let new = format!("{}/case-studies/new", app.address);
    let form = officer.visit(&new, None).await;
    assert!(
        form.body.contains(r#"list="council-names""#)
            && form.body.contains(r#"<option value="London Borough of Hackney">"#)
    );

    let mut fields = filled_form(&csrf, "Two councils by name");
    fields.retain(|(key, _)| *key != "collaborators");
    fields.push(("collaborators", "London Borough of Hackney"));
    fields.push(("collaborators", "  "));
    fields.push(("collaborators", "islington"));
    let created = officer.submit(&new, &fields, None).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let collaborators = officer
        .gql(
            &app,
            "query($slug: String) { caseStudy(slug: $slug) { collaborators { slug } } }",
            json!({ "slug": created.url.rsplit('/').next().unwrap() }),
        )
        .await;
    assert_eq!(
        collaborators["data"]["caseStudy"]["collaborators"],
        json!([{ "slug": "hackney" }, { "slug": "islington" }])
    );
    let edit = officer.visit(&format!("{}/edit", created.url), None).await;
    assert!(edit.body.contains(r#"value="London Borough of Hackney""#), "the edit form shows names, not slugs");

    let mut unknown = filled_form(&csrf, "An unknown partner council");
    unknown.retain(|(key, _)| *key != "collaborators");
    unknown.push(("collaborators", "Atlantis Borough Council"));
    let refused = officer.submit(&new, &unknown, None).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("`Atlantis Borough Council` is not a council in the register"), "{}", refused.body);
    assert!(refused.body.contains(r##"href="#collaborators""##), "the error links to the first council box");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ticking_two_years_selects_those_years_and_not_the_ones_between() {
    let app = dev_app().await;
    let author = app.member_of("camden").await;
    let mut ids = Vec::new();
    for year in [2019, 2020, 2021] {
        let input = input_with(
            json!({ "title": format!("Started in {year}"), "startedOn": format!("{year}-02-01"), "endedOn": null }),
        );
        ids.push(app.publish_searchable(&author, input).await);
    }
    let results = app.search(None, json!({ "filter": { "years": [2019, 2021] } })).await;
    let mut found = hit_ids(&results);
    found.sort();
    let mut expected = vec![ids[0].clone(), ids[2].clone()];
    expected.sort();
    assert_eq!(found, expected);
    let ranged = app.search(None, json!({ "filter": { "years": [2019, 2021], "yearFrom": 2020 } })).await;
    assert_eq!(hit_ids(&ranged), vec![ids[2].clone()], "a range narrows the chosen years");

    let page = Browser::new().visit(&format!("{}/search?year=2019&year=2021", app.address), None).await;
    assert!(page.body.contains("Started in 2019") && page.body.contains("Started in 2021"), "{}", page.body);
    assert!(!page.body.contains("Started in 2020"));

    // The range has its own control, and its filter can be removed like a ticked box.
    let ranged = Browser::new().visit(&format!("{}/search?yearFrom=2020&yearTo=2021", app.address), None).await;
    assert!(ranged.body.contains(r#"id="yearFrom" name="yearFrom""#) && ranged.body.contains(r#"value="2020""#));
    assert!(ranged.body.contains("Started in 2020") && ranged.body.contains("Started in 2021"));
    assert!(!ranged.body.contains("Started in 2019"), "{}", ranged.body);
    assert!(ranged.body.contains("Remove filter: Started from: 2020"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_study_keeps_a_collaborator_that_has_since_retired_when_saved_again() {
    use casebook::entities::authority;
    use sea_orm::{ActiveModelTrait, Set};
    let app = dev_app().await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, valid_input()).await; // with Hackney
    let slug = app.slug_of(&id).await;
    let hackney = casebook::authorities::find_by_slug(&app.state.db, "hackney").await.unwrap().unwrap();
    let mut retired: authority::ActiveModel = hackney.into();
    retired.retired_on = Set(chrono_date("2025-04-01"));
    retired.update(&app.state.db).await.unwrap();

    let officer = app.browser_signed_in_as("officer@camden.gov.uk", Role::Member).await;
    let edit = format!("{}/case-studies/{slug}/edit", app.address);
    assert!(officer.visit(&edit, None).await.body.contains(r#"value="London Borough of Hackney""#));
    let csrf = officer.csrf_token(&app, "/case-studies/new").await;
    let mut fields = filled_form(&csrf, "Sensors in litter bins");
    fields.retain(|(key, _)| *key != "collaborators");
    fields.extend([("collaborators", "London Borough of Hackney"), ("version", "1")]);
    let saved = officer.submit(&edit, &fields, None).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let read = app.gql(Some(&author), READ, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["collaborators"], json!([{ "slug": "hackney" }]));
}

fn chrono_date(text: &str) -> Option<sea_orm::prelude::Date> {
    Some(text.parse().expect("a date"))
}
