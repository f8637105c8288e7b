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
