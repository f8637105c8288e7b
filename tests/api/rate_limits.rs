//! Rate limits per client: sign-in attempts and API use (tokens included).

use casebook_tests::TestApp;
use casebook_tests::browser::Browser;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_sign_in_attempts_get_a_429_page() {
    let app = TestApp::spawn_with(|settings| settings.sign_in_rate_per_minute = 3).await;
    let browser = Browser::new();
    let url = format!("{}/sign-in/nobody", app.address);
    for _ in 0..3 {
        assert_eq!(browser.visit(&url, None).await.status, 404);
    }
    let limited = browser.client.get(&url).send().await.unwrap();
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert!(limited.text().await.unwrap().contains("Too many sign-in attempts"));
    // The sign-in page itself (no attempt) is not limited.
    assert_eq!(browser.visit(&format!("{}/sign-in", app.address), None).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_api_requests_get_rate_limited_errors() {
    let app = TestApp::spawn_with(|settings| settings.api_rate_per_second = 1).await;
    let token = app.member_of("camden").await;
    // A burst of four seconds' worth passes; the next is refused.
    let mut codes = Vec::new();
    for _ in 0..6 {
        let response = app.gql(Some(&token), "{ me { id } }", json!({})).await;
        codes.push((response.status, response.body["errors"][0]["extensions"]["code"].as_str().map(str::to_owned)));
    }
    assert!(codes[..4].iter().all(|(status, code)| *status == 200 && code.is_none()), "{codes:?}");
    assert_eq!(codes[5], (429, Some("RATE_LIMITED".to_owned())), "{codes:?}");
}

/// Four requests (a limit of one a second allows a burst of four), then one
/// more, all forwarded for one client: whether the last is refused.
async fn fifth_is_refused(app: &TestApp, forwarded_for: &str) -> bool {
    let mut last = 0;
    for _ in 0..5 {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("x-forwarded-for", forwarded_for)
            .json(&json!({ "query": "{ me { id } }" }))
            .send()
            .await
            .unwrap();
        last = response.status().as_u16();
    }
    last == 429
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_forwarded_client_has_a_limit_of_its_own() {
    let app = TestApp::spawn_with(|settings| {
        settings.api_rate_per_second = 1;
        settings.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    assert!(fifth_is_refused(&app, "203.0.113.7").await, "the first client is limited");
    // The same proxy, another client: a budget of its own.
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("x-forwarded-for", "198.51.100.99")
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "a new client behind the proxy is not limited by the first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_peer_cannot_escape_its_limit_by_forging_x_forwarded_for() {
    let app = TestApp::spawn_with(|settings| settings.api_rate_per_second = 1).await;
    let mut statuses = Vec::new();
    for n in 0..6 {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("x-forwarded-for", format!("203.0.113.{n}"))
            .json(&json!({ "query": "{ me { id } }" }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses.last(), Some(&429), "one peer, one budget, whatever it claims: {statuses:?}");
}
