//! Sessions (by development sign-in, which starts them as OpenID sign-in
//! does): the cookie's attributes, sign-out, idle and absolute expiry, several
//! servers sharing sessions, and requests from other sites.

use casebook::Application;
use casebook_tests::TestApp;
use casebook_tests::browser::Browser;
use serde_json::json;

async fn dev_app(configure: impl FnOnce(&mut casebook::Settings) + 'static) -> TestApp {
    TestApp::builder().dev_sign_in().configure(configure).spawn().await
}

/// The `Set-Cookie` header of a dev sign-in, unfollowed.
async fn session_set_cookie(app: &TestApp) -> String {
    let browser = Browser::new();
    let csrf = browser.csrf_token(app, "/dev/sign-in").await;
    let response = browser
        .client
        .post(format!("{}/dev/sign-in", app.address))
        .form(&[("email", "officer@camden.gov.uk"), ("role", "MEMBER"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("casebook_session="))
        .expect("a session cookie")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_lax_and_secure_only_behind_https() {
    let app = dev_app(|_| {}).await;
    let cookie = session_set_cookie(&app).await;
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");

    let https = dev_app(|settings| settings.public_url = Some("https://localhost".parse().unwrap())).await;
    let cookie = session_set_cookie(&https).await;
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dev_sign_in_uses_the_email_domain_and_the_role_chosen() {
    let app = dev_app(|_| {}).await;
    let browser = Browser::new();
    let page = browser.dev_sign_in(&app, "Moira@Camden.gov.uk", "MODERATOR").await;
    assert_eq!(page.status, 200, "{page:?}");
    let me = browser.me(&app).await;
    assert_eq!(me["email"], "moira@camden.gov.uk");
    assert_eq!((me["role"].as_str(), me["status"].as_str()), (Some("MODERATOR"), Some("ACTIVE")));
    assert_eq!(me["authority"]["slug"], "camden");

    let outsider = Browser::new();
    outsider.dev_sign_in(&app, "someone@example.org", "MEMBER").await;
    assert_eq!(outsider.me(&app).await["status"], "PENDING");

    let bad = Browser::new().dev_sign_in(&app, "not an email", "MEMBER").await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("enter an email address"), "{}", bad.body);
    let bad_role = Browser::new().dev_sign_in(&app, "a@camden.gov.uk", "OWNER").await;
    assert_eq!(bad_role.status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_carries_the_dev_banner_while_dev_sign_in_is_on() {
    let app = dev_app(|_| {}).await;
    let browser = Browser::new();
    for path in ["/", "/sign-in", "/dev/sign-in", "/sign-in/nobody"] {
        let page = browser.visit(&format!("{}{path}", app.address), None).await;
        assert!(page.body.contains("Development sign-in is on"), "{path}: {}", page.body);
    }
    let plain = TestApp::spawn().await;
    let page = browser.visit(&format!("{}/", plain.address), None).await;
    assert!(!page.body.contains("Development sign-in is on"));
    assert_eq!(browser.visit(&format!("{}/dev/sign-in", plain.address), None).await.status, 404);
    assert_eq!(Browser::new().dev_sign_in(&plain, "a@camden.gov.uk", "ADMIN").await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cookie_is_secure_behind_https() {
    let https = dev_app(|settings| settings.public_url = Some("https://localhost".parse().unwrap())).await;
    let response = reqwest::get(format!("{}/", https.address)).await.unwrap();
    let cookies: Vec<&str> =
        response.headers().get_all("set-cookie").iter().filter_map(|value| value.to_str().ok()).collect();
    assert!(!cookies.is_empty(), "the CSRF cookie at least");
    for cookie in cookies {
        assert!(cookie.contains("Secure") && cookie.contains("HttpOnly"), "{cookie}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_token_is_good_only_in_its_own_session() {
    let app = dev_app(|_| {}).await;
    let (mine, theirs) = (Browser::new(), Browser::new());
    mine.dev_sign_in(&app, "a@camden.gov.uk", "MEMBER").await;
    theirs.dev_sign_in(&app, "b@camden.gov.uk", "MEMBER").await;
    let my_token = mine.csrf_token(&app, "/").await;
    let their_token = theirs.csrf_token(&app, "/").await;
    assert_ne!(my_token, their_token, "each session has its own token");
    // Another session's token is refused, though it was a real one.
    let refused = theirs.submit(&format!("{}/sign-out", app.address), &[("csrf", my_token.as_str())], None).await;
    assert_eq!(refused.status, 403);
    assert!(!theirs.me(&app).await.is_null(), "still signed in");
    // A token from before sign-in (the double-submit cookie's) is no good after it.
    let before = Browser::new();
    let anonymous_token = before.csrf_token(&app, "/dev/sign-in").await;
    before.dev_sign_in(&app, "c@camden.gov.uk", "MEMBER").await;
    let stale = before.submit(&format!("{}/sign-out", app.address), &[("csrf", anonymous_token.as_str())], None).await;
    assert_eq!(stale.status, 403);
    // Its own token works.
    let own = theirs.submit(&format!("{}/sign-out", app.address), &[("csrf", their_token.as_str())], None).await;
    assert_eq!(own.status, 200, "{own:?}");
    assert!(theirs.me(&app).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_the_csrf_token_are_refused() {
    let app = dev_app(|_| {}).await;
    let browser = Browser::new();
    browser.csrf_token(&app, "/dev/sign-in").await;
    let forged = browser
        .submit(
            &format!("{}/dev/sign-in", app.address),
            &[("email", "a@camden.gov.uk"), ("role", "ADMIN"), ("csrf", "guess")],
            None,
        )
        .await;
    assert_eq!(forged.status, 403);
    assert!(browser.me(&app).await.is_null());

    browser.dev_sign_in(&app, "a@camden.gov.uk", "MEMBER").await;
    let no_token = browser.submit(&format!("{}/sign-out", app.address), &[], None).await;
    assert_eq!(no_token.status, 403);
    assert!(!browser.me(&app).await.is_null(), "still signed in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dev_sign_in_is_refused_unless_the_server_listens_on_loopback() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut settings = casebook::Settings::new(data_dir.path(), None, "0.0.0.0:0".parse().unwrap());
    settings.dev_sign_in = true;
    let error = Application::build(settings).await.err().expect("refused");
    assert!(error.to_string().contains("loopback"), "{error}");

    // A loopback server published under a public name (behind a proxy) is public too.
    let mut settings = casebook::Settings::new(data_dir.path(), None, "127.0.0.1:0".parse().unwrap());
    settings.dev_sign_in = true;
    settings.public_url = Some("https://casebook.example".parse().unwrap());
    let error = Application::build(settings).await.err().expect("refused behind a proxy");
    assert!(error.to_string().contains("loopback"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_ends_the_session_on_every_server() {
    let first = dev_app(|_| {}).await;
    let second = TestApp::spawn_sharing_database_with(&first).await;
    let browser = Browser::new();
    browser.dev_sign_in(&first, "officer@camden.gov.uk", "MEMBER").await;
    let cookie = browser.session_cookie(&first).expect("signed in");

    assert_eq!(
        me_with_cookie(&second, &cookie).await["email"],
        "officer@camden.gov.uk",
        "the other server knows the session"
    );

    let page = browser.sign_out(&first).await;
    assert_eq!(page.status, 200);
    assert!(browser.me(&first).await.is_null());
    assert!(me_with_cookie(&second, &cookie).await.is_null(), "signed out everywhere");
}

/// `me` for a request carrying the session cookie, from a client with no jar.
async fn me_with_cookie(app: &TestApp, cookie: &str) -> serde_json::Value {
    let body: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/graphql", app.address))
        .header("cookie", format!("casebook_session={cookie}"))
        .json(&json!({ "query": "{ me { email } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["data"]["me"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_expires() {
    let app = dev_app(|settings| settings.session_idle_seconds = 1).await;
    let browser = Browser::new();
    browser.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    assert!(!browser.me(&app).await.is_null());
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(browser.me(&app).await.is_null(), "idle for longer than the idle timeout");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_session_still_ends_at_its_absolute_expiry() {
    let app = dev_app(|settings| settings.session_max_seconds = 2).await;
    let browser = Browser::new();
    browser.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_millis(1500) {
        assert!(!browser.me(&app).await.is_null(), "alive before its expiry");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(browser.me(&app).await.is_null(), "ended at the absolute expiry although busy");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_site_cannot_act_with_the_session() {
    let app = dev_app(|_| {}).await;
    let browser = Browser::new();
    browser.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    let create = json!({ "query": "mutation { createApiToken(name: \"stolen\") { token } }" });
    let url = format!("{}/graphql", app.address);

    // A cross-site fetch with JSON (the browser would preflight it; we check the server too).
    let cross_site: serde_json::Value = browser
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .json(&create)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cross_site["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{cross_site}");

    // A cross-site form post (a "simple" request, no preflight): not JSON, refused before it runs.
    let form = browser
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .header("content-type", "text/plain")
        .body(create.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415);

    // A mutation over GET never runs.
    let get = browser
        .client
        .get(&url)
        .query(&[("query", "mutation { createApiToken(name: \"x\") { token } }")])
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405);

    let tokens = browser.gql(&app, "{ apiTokens { name } }", json!({})).await;
    assert_eq!(tokens["data"]["apiTokens"], json!([]), "nothing was created: {tokens}");
}
