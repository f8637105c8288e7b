//! The web pages over HTTP: what each shows, and that a page never shows what
//! the API would hide from the same viewer. (Real-browser and accessibility
//! tests come with the rest of the front end.)

use casebook_tests::browser::Browser;
use casebook_tests::*;
use serde_json::json;

async fn page(app: &TestApp, browser: &Browser, path: &str) -> (u16, String) {
    let page = browser.visit(&format!("{}{path}", app.address), None).await;
    (page.status, page.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_has_a_strict_content_security_policy_and_assets_are_cached_by_content() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(format!("{}/", app.address)).await.unwrap();
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    let body = response.text().await.unwrap();
    let stylesheet = body.split("href=\"/static/").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    assert!(stylesheet.starts_with("casebook.") && stylesheet.ends_with(".css"), "{stylesheet}");
    let css = reqwest::get(format!("{}/static/{stylesheet}", app.address)).await.unwrap();
    assert_eq!(css.status(), 200);
    assert!(css.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(reqwest::get(format!("{}/static/casebook.css", app.address)).await.unwrap().status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurd_page_numbers_get_a_page_not_an_error() {
    let app = TestApp::spawn().await;
    for page in ["0", "-3", "abc", "18446744073709551615", "99999999999999999999999", "922337203685477580"] {
        let (status, body) = page_of(&app, &Browser::new(), &format!("/search?q=bins&page={page}")).await;
        assert_eq!(status, 200, "page={page}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_never_kept_by_shared_caches_and_a_members_pages_not_at_all() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let anonymous = reqwest::get(format!("{}/", app.address)).await.unwrap();
    assert_eq!(anonymous.headers()["cache-control"], "private, no-cache");
    let member = Browser::new();
    member.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    let cookie = member.session_cookie(&app).unwrap();
    let client = reqwest::Client::new();
    let signed_in = client
        .get(format!("{}/our-case-studies", app.address))
        .header("cookie", format!("casebook_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    assert_eq!(signed_in.headers()["cache-control"], "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_address_gets_a_friendly_404_page() {
    let app = TestApp::spawn().await;
    let (status, body) = page(&app, &Browser::new(), "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found") && body.contains("<html"), "{body}");
    let (status, _) = page(&app, &Browser::new(), "/case-studies/no-such-case-study").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_shows_hits_with_highlights_facets_and_removable_filters() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    app.publish_searchable(&author, valid_input()).await;
    let browser = Browser::new();
    let (status, body) = page(&app, &browser, "/search?q=litter+sensors&outcome=FAILURE").await;
    assert_eq!(status, 200);
    assert!(body.contains("Sensors in litter bins"), "{body}");
    assert!(body.contains("<mark>"), "highlights: {body}");
    assert!(body.contains("name=\"serviceArea\" value=\"waste-and-recycling\""), "facet checkboxes");
    assert!(body.contains("name=\"outcome\" value=\"FAILURE\" checked"), "the chosen outcome stays checked");
    assert!(body.contains("Remove filter: Outcome: Failure"), "{body}");
    assert!(body.contains("href=\"/search?q=litter+sensors\""), "the removal link keeps the words");

    let (_, relaxed) = page(&app, &browser, "/search?q=litter+zebra").await;
    assert!(relaxed.contains("No case study matched every word"), "{relaxed}");
    let (status, _) = page(&app, &browser, &format!("/search?q={}", "a".repeat(501))).await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_hide_what_the_api_hides() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let anonymous = app
        .publish_searchable(
            &author,
            input_with(json!({ "title": "A quiet failure with kiosks", "anonymous": true, "collaborators": [] })),
        )
        .await;
    let members_only = app
        .publish_searchable(
            &author,
            input_with(json!({ "title": "Members only kiosk story", "visibility": "MEMBERS" })),
        )
        .await;
    let anonymous_slug = app.slug_of(&anonymous).await;
    let members_slug = app.slug_of(&members_only).await;

    let visitor = Browser::new();
    let (status, body) = page(&app, &visitor, &format!("/case-studies/{anonymous_slug}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("A London borough"), "the anonymous label");
    assert!(!body.contains("Camden"), "never the council's name: {body}");
    assert!(!body.contains("waste@camden.example"), "no contact for visitors");
    let (status, _) = page(&app, &visitor, &format!("/case-studies/{members_slug}")).await;
    assert_eq!(status, 404, "members-only is not there for visitors");
    let (_, search) = page(&app, &visitor, "/search?q=kiosk").await;
    assert!(search.contains("A quiet failure with kiosks") && !search.contains("Members only kiosk story"));
    assert!(!search.contains("Camden"), "no council in hits or facets: {search}");
    let (_, council) = page(&app, &visitor, "/councils/camden").await;
    assert!(!council.contains("A quiet failure with kiosks"), "council pages never list anonymous ones");

    let sitemap = reqwest::get(format!("{}/sitemap.xml", app.address)).await.unwrap().text().await.unwrap();
    assert!(sitemap.contains(&format!("/case-studies/{anonymous_slug}")));
    assert!(!sitemap.contains(&members_slug), "the sitemap lists public case studies only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_case_study_page_has_a_canonical_url_description_and_open_graph_tags() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish_searchable(&author, valid_input()).await;
    let slug = app.slug_of(&id).await;
    let visitor = Browser::new();
    let (status, body) = page(&app, &visitor, &format!("/case-studies/{slug}")).await;
    assert_eq!(status, 200);
    assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{}/case-studies/{slug}\">", app.address)), "{body}");
    assert!(body.contains("<meta name=\"description\"") && body.contains("property=\"og:title\""));
    assert!(body.contains("<h2>What happened</h2>") && body.contains("<h2 id=\"facts\">Facts</h2>"));
    assert!(body.contains("London Borough of Camden") && !body.contains("waste@camden.example"));

    let member = Browser::new();
    member.dev_sign_in(&app, "reader@hackney.gov.uk", "MEMBER").await;
    let (_, body) = page(&app, &member, &format!("/case-studies/{slug}")).await;
    assert!(body.contains("waste@camden.example"), "members see the contact");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_counts_by_outcome_and_shows_the_latest_failures() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    app.publish_searchable(&author, valid_input()).await;
    let (status, body) = page(&app, &Browser::new(), "/").await;
    assert_eq!(status, 200);
    assert!(body.contains("Latest failures") && body.contains("Sensors in litter bins"), "{body}");
    assert!(body.contains("href=\"/search?outcome=FAILURE\""), "{body}");
}

/// The form fields of a valid case study, as a person would fill them in.
pub(crate) fn filled_form<'a>(csrf: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("title", title),
        ("summary", "We fitted fill-level sensors to 300 litter bins to plan collections."),
        ("outcome", "FAILURE"),
        ("body", "## What happened\n\nThe sensors failed in the cold."),
        ("lessons", "Pilot through a winter\nAsk the crews"),
        ("serviceAreas", "waste-and-recycling"),
        ("technologies", "iot-sensors"),
        ("tags", "bin sensors, smart city"),
        ("costBand", "FROM_50K_TO_250K"),
        ("startedOn", "2021-04-01"),
        ("endedOn", ""),
        ("partners", "Binsight Ltd"),
        ("collaborators", "london borough of hackney"),
        ("links", "Evaluation report | https://example.org/report"),
        ("contactEmail", "waste@camden.example"),
        ("visibility", "PUBLIC"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_writes_a_case_study_fixes_its_errors_and_submits_it_in_the_browser() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let officer = Browser::new();
    officer.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    let csrf = officer.csrf_token(&app, "/case-studies/new").await;
    let new = format!("{}/case-studies/new", app.address);

    // Broken: a short title and no service area. The errors are listed, linked, and what was typed stays.
    let mut broken = filled_form(&csrf, "Bins");
    broken.retain(|(name, _)| *name != "serviceAreas");
    let page = officer.submit(&new, &broken, None).await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("There is a problem"), "{}", page.body);
    assert!(page.body.contains("href=\"#title\"") && page.body.contains("href=\"#serviceAreas\""), "{}", page.body);
    assert!(page.body.contains("value=\"Bins\""), "the title as typed");
    assert!(page.body.contains("aria-describedby=\"title-hint title-error\""), "the error is read with its field");
    assert!(page.body.contains("Pilot through a winter"), "the lessons as typed");

    let page = officer.submit(&new, &filled_form(&csrf, "Sensors in litter bins"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.url.contains("/case-studies/sensors-in-litter-bins-"), "{}", page.url);
    assert!(page.body.contains("DRAFT") && page.body.contains("Submit for review"), "{}", page.body);

    let submitted = officer.submit(&format!("{}/submit", page.url), &[("csrf", csrf.as_str())], None).await;
    assert!(submitted.body.contains("SUBMITTED"), "{}", submitted.body);
    let (_, ours) = page_of(&app, &officer, "/our-case-studies").await;
    assert!(ours.contains("Sensors in litter bins") && ours.contains("SUBMITTED"), "{ours}");

    let forged = officer.submit(&new, &filled_form("guess", "Forged case study"), None).await;
    assert_eq!(forged.status, 403);

    let pending = Browser::new();
    pending.dev_sign_in(&app, "someone@example.org", "MEMBER").await;
    assert_eq!(page_of(&app, &pending, "/case-studies/new").await.0, 403);
    assert_eq!(page_of(&app, &Browser::new(), "/case-studies/new").await.0, 401);
}

async fn page_of(app: &TestApp, browser: &Browser, path: &str) -> (u16, String) {
    page(app, browser, path).await
}
