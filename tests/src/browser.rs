//! A browser for the sign-in tests: keeps cookies, follows redirects one at a
//! time (so a test can stop at the callback and tamper with it), and fills in
//! the test OpenID provider's login and consent forms.
//!
//! The provider is the real `oidc-provider` of `tests/oidc-provider`, started
//! by `.ci/run`; `CASEBOOK_TEST_OIDC_ISSUER` names it (and
//! `CASEBOOK_TEST_OIDC_STRICT_ISSUER` its strict twin). The sign-in tests are
//! ignored unless asked for; asked for without it, or with it unreachable, they fail.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::cookie::Jar;
use reqwest::header::LOCATION;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

use crate::{TestApp, free_loopback_address};
use casebook::Settings;
use casebook::members::Role;
use casebook::settings::ProviderSettings;

pub const OIDC_ISSUER_VARIABLE: &str = "CASEBOOK_TEST_OIDC_ISSUER";
/// The same provider configured for strict conformance: the email claims come
/// only from its UserInfo endpoint (`STRICT_PORT` of `tests/oidc-provider`).
pub const OIDC_STRICT_ISSUER_VARIABLE: &str = "CASEBOOK_TEST_OIDC_STRICT_ISSUER";
/// The provider's id in Casebook's URLs (`/sign-in/test-idp`).
pub const PROVIDER_ID: &str = "test-idp";

/// The issuer a variable names. The tests that need it are `#[ignore]`d, so
/// they run only when asked for; asked for without it, they fail.
pub fn oidc_issuer(variable: &str) -> String {
    match std::env::var(variable) {
        Ok(issuer) if !issuer.is_empty() => issuer.trim_end_matches('/').to_owned(),
        _ => panic!("{variable} is not set: start tests/oidc-provider and name it (.ci/run does both)"),
    }
}

/// Registers a client for a server on `bind` with the provider (dynamic
/// client registration, since each test server has its own port).
pub async fn register_client(issuer: &str, bind: SocketAddr) -> ProviderSettings {
    let redirect_uri = format!("http://{bind}/sign-in/{PROVIDER_ID}/callback");
    let response = reqwest::Client::new()
        .post(format!("{issuer}/reg"))
        .json(&json!({ "redirect_uris": [redirect_uri], "grant_types": ["authorization_code"] }))
        .send()
        .await
        .unwrap_or_else(|error| panic!("{OIDC_ISSUER_VARIABLE} is set but the provider is unreachable: {error}"));
    assert!(response.status().is_success(), "client registration failed: {}", response.status());
    let client: Value = response.json().await.expect("a registration answer");
    ProviderSettings {
        id: PROVIDER_ID.into(),
        display_name: "Test council accounts".into(),
        issuer: issuer.to_owned(),
        client_id: client["client_id"].as_str().expect("client_id").to_owned(),
        client_secret: client["client_secret"].as_str().expect("client_secret").to_owned().into(),
    }
}

/// A server with the test provider configured (and `configure` applied).
pub async fn app_with_provider(configure: impl FnOnce(&mut Settings) + 'static) -> TestApp {
    app_with_provider_of(OIDC_ISSUER_VARIABLE, configure).await
}

/// A server whose provider sends the email claims only from UserInfo.
pub async fn app_with_strict_provider(configure: impl FnOnce(&mut Settings) + 'static) -> TestApp {
    app_with_provider_of(OIDC_STRICT_ISSUER_VARIABLE, configure).await
}

async fn app_with_provider_of(variable: &str, configure: impl FnOnce(&mut Settings) + 'static) -> TestApp {
    let issuer = oidc_issuer(variable);
    let bind = free_loopback_address();
    let provider = register_client(&issuer, bind).await;
    TestApp::builder()
        .at(bind)
        .configure(move |settings| settings.oidc_providers.push(provider))
        .configure(configure)
        .spawn()
        .await
}

/// What the browser ended on.
#[derive(Debug)]
pub struct Page {
    pub url: String,
    pub status: u16,
    pub body: String,
}

pub struct Browser {
    pub client: reqwest::Client,
    pub cookies: Arc<Jar>,
}

impl Default for Browser {
    fn default() -> Self {
        Self::new()
    }
}

impl Browser {
    pub fn new() -> Self {
        let cookies = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(cookies.clone())
            .redirect(Policy::none())
            .build()
            .expect("a client");
        Browser { client, cookies }
    }

    /// GETs `url` and follows redirects until a page, or until a redirect would
    /// go to a URL starting with `stop_before` (that URL is returned as `url`, status 0).
    pub async fn visit(&self, url: &str, stop_before: Option<&str>) -> Page {
        self.follow(self.client.get(url).send().await.expect("the server answers"), stop_before).await
    }

    /// POSTs a form to `url` and follows redirects as `visit` does.
    pub async fn submit(&self, url: &str, form: &[(&str, &str)], stop_before: Option<&str>) -> Page {
        let response = self.client.post(url).form(form).send().await.expect("the server answers");
        self.follow(response, stop_before).await
    }

    async fn follow(&self, mut response: reqwest::Response, stop_before: Option<&str>) -> Page {
        for _ in 0..20 {
            if !response.status().is_redirection() {
                let url = response.url().to_string();
                let status = response.status().as_u16();
                return Page { url, status, body: response.text().await.unwrap_or_default() };
            }
            let location = response.headers().get(LOCATION).and_then(|value| value.to_str().ok()).unwrap_or("");
            let next = response.url().join(location).expect("a redirect URL").to_string();
            if stop_before.is_some_and(|prefix| next.starts_with(prefix)) {
                return Page { url: next, status: 0, body: String::new() };
            }
            response = self.client.get(&next).send().await.expect("the server answers");
        }
        panic!("too many redirects");
    }

    /// Starts sign-in at Casebook, signs in at the provider as `login`, consents,
    /// and stops just before the browser would return to Casebook's callback:
    /// the returned URL is that callback, with `code` and `state`.
    pub async fn sign_in_at_provider(&self, app: &TestApp, login: &str) -> String {
        let callback = format!("{}/sign-in/{PROVIDER_ID}/callback", app.address);
        let mut page = self.visit(&format!("{}/sign-in/{PROVIDER_ID}", app.address), Some(&callback)).await;
        for _ in 0..5 {
            if page.status == 0 {
                return page.url;
            }
            assert_eq!(page.status, 200, "the provider's page failed: {page:?}");
            let action = form_action(&page.body).unwrap_or_else(|| panic!("no form on {}: {}", page.url, page.body));
            page = if page.body.contains("name=\"login\"") {
                self.submit(&action, &[("prompt", "login"), ("login", login), ("password", "any")], Some(&callback))
                    .await
            } else {
                self.submit(&action, &[("prompt", "consent")], Some(&callback)).await
            };
        }
        panic!("the provider never sent the browser back: {page:?}");
    }

    /// The whole sign-in: the provider's pages, then Casebook's callback; the page it ends on.
    pub async fn sign_in(&self, app: &TestApp, login: &str) -> Page {
        let callback = self.sign_in_at_provider(app, login).await;
        self.visit(&callback, None).await
    }

    /// A GraphQL request as this browser: its cookies, JSON, same-origin.
    pub async fn gql(&self, app: &TestApp, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(format!("{}/graphql", app.address))
            .header("content-type", "application/json")
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the server answers");
        response.json().await.expect("a JSON body")
    }

    /// The session cookie's value, if the browser has one for the app.
    pub fn session_cookie(&self, app: &TestApp) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = app.address.parse().expect("a URL");
        let header = self.cookies.cookies(&url)?;
        let header = header.to_str().ok()?.to_owned();
        header.split("; ").find_map(|pair| pair.strip_prefix("casebook_session=").map(str::to_owned))
    }
}

/// The value of the first hidden input named `name` on an HTML page.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

/// The `action` of the first form of an HTML page.
fn form_action(html: &str) -> Option<String> {
    let form = &html[html.find("<form")?..];
    let start = form.find("action=\"")? + "action=\"".len();
    let end = form[start..].find('"')? + start;
    Some(form[start..end].replace("&amp;", "&"))
}

impl Browser {
    /// The CSRF token of the forms on `path` (visiting it sets the cookie it pairs with).
    pub async fn csrf_token(&self, app: &TestApp, path: &str) -> String {
        let page = self.visit(&format!("{}{path}", app.address), None).await;
        hidden_value(&page.body, "csrf").unwrap_or_default()
    }

    /// Development sign-in (the server must run with `dev_sign_in`), as a
    /// person fills in the form; the page it ends on.
    pub async fn dev_sign_in(&self, app: &TestApp, email: &str, role: &str) -> Page {
        let csrf = self.csrf_token(app, "/dev/sign-in").await;
        let form = [("email", email), ("role", role), ("csrf", csrf.as_str())];
        self.submit(&format!("{}/dev/sign-in", app.address), &form, None).await
    }

    /// Presses "Sign out"; the page it ends on.
    pub async fn sign_out(&self, app: &TestApp) -> Page {
        let csrf = self.csrf_token(app, "/").await;
        self.submit(&format!("{}/sign-out", app.address), &[("csrf", csrf.as_str())], None).await
    }

    /// `me` as this browser sees it (null when not signed in).
    pub async fn me(&self, app: &TestApp) -> Value {
        let body = self.gql(app, "{ me { id email name role status authority { slug } } }", json!({})).await;
        body["data"]["me"].clone()
    }
}

/// A browser signed in through the development sign-in, as someone of `role`
/// (their council follows from the email's domain). Derefs to `Browser`.
pub struct SignedInBrowser {
    browser: Browser,
    pub email: String,
}

impl std::ops::Deref for SignedInBrowser {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}

impl TestApp {
    /// A browser signed in as `email` with `role` (the app must run with `dev_sign_in`).
    pub async fn browser_signed_in_as(&self, email: &str, role: Role) -> SignedInBrowser {
        let browser = Browser::new();
        let page = browser.dev_sign_in(self, email, role.as_str()).await;
        assert_eq!(page.status, 200, "signed in as {email}: {}", page.body);
        SignedInBrowser { browser, email: email.to_owned() }
    }
}
