//! Sign-in with a real OpenID Connect provider (`tests/oidc-provider`): the
//! whole flow as a browser does it, every failure path of the callback, and
//! the membership rules. Ignored unless asked for (`cargo test -- --include-ignored`,
//! as `.ci/run` does, with CASEBOOK_TEST_OIDC_ISSUER set; unset, they fail). Expired, wrongly-signed and wrongly-addressed ID
//! tokens, which the real provider cannot be made to issue, are unit tests in
//! `server/src/sign_in/id_token.rs`.

use casebook_tests::browser::{Browser, PROVIDER_ID, app_with_provider, app_with_strict_provider};
use casebook_tests::{TestApp, input_with};
use serde_json::json;

/// The callback URL with one query parameter replaced (or removed, for `None`).
fn with_param(callback: &str, name: &str, value: Option<&str>) -> String {
    let mut url = reqwest::Url::parse(callback).expect("a URL");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().filter(|(key, _)| key != name).collect();
    {
        let mut query = url.query_pairs_mut();
        query.clear();
        for (key, old) in &pairs {
            query.append_pair(key, old);
        }
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    url.to_string()
}

fn assert_refused(page: &casebook_tests::browser::Page, words: &str) {
    assert_eq!(page.status, 400, "{page:?}");
    assert!(page.body.contains("You are not signed in"), "{}", page.body);
    assert!(page.body.contains(words), "expected `{words}` in {}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_verified_council_email_signs_in_as_an_active_member_of_that_council() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    let page = browser.sign_in(&app, "camden-officer").await;
    assert_eq!((page.status, page.url.as_str()), (200, format!("{}/", app.address).as_str()), "{page:?}");
    assert!(page.body.contains("olive.officer@camden.gov.uk"), "{}", page.body);
    let me = browser.me(&app).await;
    assert_eq!(me["email"], "olive.officer@camden.gov.uk");
    assert_eq!(me["name"], "Olive Officer");
    assert_eq!((me["status"].as_str(), me["role"].as_str()), (Some("ACTIVE"), Some("MEMBER")));
    assert_eq!(me["authority"]["slug"], "camden");

    let created = browser
        .gql(
            &app,
            "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { id } }",
            json!({ "input": input_with(json!({})) }),
        )
        .await;
    assert!(created["errors"].is_null(), "an active member publishes with the session: {created}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_subdomain_of_a_council_domain_is_that_council() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    browser.sign_in(&app, "camden-hr").await;
    let me = browser.me(&app).await;
    assert_eq!((me["status"].as_str(), me["authority"]["slug"].as_str()), (Some("ACTIVE"), Some("camden")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn any_other_email_makes_a_pending_member_who_reads_only_what_anyone_reads() {
    let app = app_with_provider(|_| {}).await;
    let author = app.member_of("camden").await;
    let members_only = app.publish(&author, input_with(json!({ "visibility": "MEMBERS" }))).await;
    let public = app.publish(&author, input_with(json!({ "title": "A public one" }))).await;

    let browser = Browser::new();
    browser.sign_in(&app, "consultant").await;
    let me = browser.me(&app).await;
    assert_eq!((me["status"].as_str(), me["authority"].is_null()), (Some("PENDING"), true), "{me}");

    let read = |id: &str| browser.gql(&app, "query($id: ID!) { caseStudy(id: $id) { id } }", json!({ "id": id }));
    assert!(read(&members_only).await["data"]["caseStudy"].is_null(), "a pending member does not read members-only");
    assert_eq!(read(&public).await["data"]["caseStudy"]["id"], public.as_str(), "but reads public ones");
    let created = browser
        .gql(
            &app,
            "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { id } }",
            json!({ "input": input_with(json!({})) }),
        )
        .await;
    assert_eq!(created["errors"][0]["extensions"]["code"], "FORBIDDEN", "{created}");
    let token = browser.gql(&app, "mutation { createApiToken(name: \"mine\") { token } }", json!({})).await;
    assert_eq!(token["errors"][0]["extensions"]["code"], "FORBIDDEN", "a pending account makes no tokens: {token}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the strict test OpenID provider: CASEBOOK_TEST_OIDC_STRICT_ISSUER (.ci/run sets it)"]
async fn a_provider_that_sends_the_email_only_from_user_info_signs_in_too() {
    let app = app_with_strict_provider(|_| {}).await;
    let browser = Browser::new();
    let page = browser.sign_in(&app, "camden-officer").await;
    assert_eq!(page.status, 200, "{page:?}");
    let me = browser.me(&app).await;
    assert_eq!(me["email"], "olive.officer@camden.gov.uk", "the email came from UserInfo: {me}");
    assert_eq!(me["name"], "Olive Officer");
    assert_eq!((me["status"].as_str(), me["authority"]["slug"].as_str()), (Some("ACTIVE"), Some("camden")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the strict test OpenID provider: CASEBOOK_TEST_OIDC_STRICT_ISSUER (.ci/run sets it)"]
async fn user_info_must_vouch_for_the_email_too() {
    let app = app_with_strict_provider(|_| {}).await;
    for login in ["unverified", "unstated"] {
        let browser = Browser::new();
        let page = browser.sign_in(&app, login).await;
        assert_refused(&page, "verified");
        assert!(browser.me(&app).await.is_null(), "{login}: not signed in");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn signing_in_again_is_the_same_member() {
    let app = app_with_provider(|_| {}).await;
    let first = Browser::new();
    first.sign_in(&app, "bristol-officer").await;
    let second = Browser::new();
    second.sign_in(&app, "bristol-officer").await;
    assert_eq!(first.me(&app).await["id"], second.me(&app).await["id"]);
    let admin = app.admin().await;
    let members = app.gql(Some(&admin), "{ members { totalCount edges { node { email } } } }", json!({})).await;
    let emails: Vec<&str> = members.data()["members"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|edge| edge["node"]["email"].as_str())
        .collect();
    assert_eq!(emails.iter().filter(|email| **email == "bea.bristol@bristol.gov.uk").count(), 1, "{emails:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn an_unverified_or_unstated_email_is_refused_and_no_session_starts() {
    let app = app_with_provider(|_| {}).await;
    for login in ["unverified", "unstated"] {
        let browser = Browser::new();
        let page = browser.sign_in(&app, login).await;
        assert_refused(&page, "verified");
        assert!(browser.session_cookie(&app).is_none(), "{login}: no session cookie");
        assert!(browser.me(&app).await.is_null());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_wrong_or_missing_state_is_refused() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    let callback = browser.sign_in_at_provider(&app, "camden-officer").await;
    assert_refused(&browser.visit(&with_param(&callback, "state", None), None).await, "no `state`");
    let browser = Browser::new();
    let callback = browser.sign_in_at_provider(&app, "camden-officer").await;
    assert_refused(
        &browser.visit(&with_param(&callback, "state", Some("forged")), None).await,
        "not started in this browser",
    );
    assert!(browser.me(&app).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_callback_carried_to_another_browser_is_refused() {
    let app = app_with_provider(|_| {}).await;
    let victim = Browser::new();
    let callback = Browser::new().sign_in_at_provider(&app, "camden-officer").await;
    assert_refused(&victim.visit(&callback, None).await, "not started in this browser");
    assert!(victim.me(&app).await.is_null(), "login CSRF: the victim is not signed in as the attacker");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_replayed_callback_or_code_is_refused() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    let callback = browser.sign_in_at_provider(&app, "camden-officer").await;
    assert_eq!(browser.visit(&callback, None).await.status, 200);
    // The same callback again: its state is used up.
    let again = Browser::new();
    assert_refused(&again.visit(&callback, None).await, "already been used");

    // A used code with a fresh, valid state: the provider refuses the code.
    let fresh = again.sign_in_at_provider(&app, "camden-officer").await;
    let old_code =
        reqwest::Url::parse(&callback).unwrap().query_pairs().find(|(key, _)| key == "code").unwrap().1.into_owned();
    let page = again.visit(&with_param(&fresh, "code", Some(&old_code)), None).await;
    assert_refused(&page, "did not accept");
    assert!(again.me(&app).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn an_error_from_the_provider_is_shown_and_signs_nobody_in() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    let callback = browser.sign_in_at_provider(&app, "camden-officer").await;
    let state =
        reqwest::Url::parse(&callback).unwrap().query_pairs().find(|(key, _)| key == "state").unwrap().1.into_owned();
    let denied = format!(
        "{}/sign-in/{PROVIDER_ID}/callback?error=access_denied&error_description=the+user+said+no&state={state}",
        app.address
    );
    let page = browser.visit(&denied, None).await;
    assert_refused(&page, "access_denied");
    assert!(!page.body.contains("the user said no"), "a crafted link cannot put words on our page");
    // Its state is used up too.
    assert_refused(&browser.visit(&callback, None).await, "not started in this browser");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_second_account_of_the_provider_with_the_same_email_does_not_take_over_the_member() {
    let app = app_with_provider(|_| {}).await;
    let first = Browser::new();
    first.sign_in(&app, "camden-officer").await;
    let second = Browser::new();
    let page = second.sign_in(&app, "camden-officer-recreated").await;
    assert_eq!(page.status, 409, "{page:?}");
    assert!(page.body.contains("another account"), "{}", page.body);
    assert!(second.me(&app).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn the_landing_page_after_sign_in_shows_the_member_though_the_browser_came_from_the_provider() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    browser.sign_in(&app, "camden-officer").await;
    // Browsers mark the redirect chain from the provider as cross-site.
    let home =
        browser.client.get(format!("{}/", app.address)).header("sec-fetch-site", "cross-site").send().await.unwrap();
    assert!(home.text().await.unwrap().contains("Signed in as olive.officer@camden.gov.uk"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test OpenID provider: CASEBOOK_TEST_OIDC_ISSUER (.ci/run sets it)"]
async fn a_suspended_member_cannot_sign_in_again() {
    let app = app_with_provider(|_| {}).await;
    let browser = Browser::new();
    browser.sign_in(&app, "camden-officer").await;
    let member_id = browser.me(&app).await["id"].as_str().unwrap().to_owned();
    let admin = app.admin().await;
    app.gql(Some(&admin), "mutation($id: ID!) { suspendMember(memberId: $id) { status } }", json!({ "id": member_id }))
        .await
        .data();

    let again = Browser::new();
    let page = again.sign_in(&app, "camden-officer").await;
    assert_eq!(page.status, 403, "{page:?}");
    assert!(page.body.contains("suspended"));
    assert!(again.me(&app).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_provider_is_a_warning_at_start_and_an_error_page_at_sign_in() {
    let app = TestApp::spawn_with(|settings| {
        settings.oidc_providers.push(casebook::settings::ProviderSettings {
            id: "down".into(),
            display_name: "Nowhere ID".into(),
            // Port 9 (discard) on loopback: nothing listens.
            issuer: "http://127.0.0.1:9".into(),
            client_id: "casebook".into(),
            client_secret: "secret".to_owned().into(),
        });
    })
    .await;
    let browser = Browser::new();
    let sign_in = browser.visit(&format!("{}/sign-in", app.address), None).await;
    assert!(sign_in.body.contains("Sign in with Nowhere ID"), "{}", sign_in.body);
    let page = browser.visit(&format!("{}/sign-in/down", app.address), None).await;
    assert_eq!(page.status, 503, "{page:?}");
    assert!(page.body.contains("Nowhere ID cannot be reached"), "{}", page.body);
    let unknown = browser.visit(&format!("{}/sign-in/nobody", app.address), None).await;
    assert_eq!(unknown.status, 404);
}
