//! What an operator watches: Prometheus metrics at `/metrics` (beside the
//! pages, or on an address of their own), request ids, and JSON logs that
//! carry them and never a secret.

use casebook_tests::process::{self, ServerProcess};
use casebook_tests::*;
use serde_json::{Value, json};

async fn metrics_text(app: &TestApp, base: &str) -> String {
    let response = app.client.get(format!("{base}/metrics")).send().await.expect("an answer");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    response.text().await.unwrap()
}

/// The value of the sample whose name and labels start with `prefix`.
fn sample(metrics: &str, prefix: &str) -> Option<f64> {
    metrics.lines().find(|line| line.starts_with(prefix)).and_then(|line| line.rsplit(' ').next()?.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_by_route_operations_by_name_and_time_searches() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish_searchable(&author, valid_input()).await;
    let slug = app.slug_of(&id).await;
    let page = app.client.get(format!("{}/case-studies/{slug}", app.address)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let named = app.gql(None, "query LatestForMetrics { caseStudies(first: 1) { totalCount } }", json!({})).await;
    named.data();
    let refused = app.gql(None, "mutation NoSuchThing { createCaseStudy(input: {}) { id } }", json!({})).await;
    assert!(refused.body.get("errors").is_some());

    let metrics = metrics_text(&app, &app.address).await;
    let route = r#"casebook_http_requests_total{method="GET",route="/case-studies/{slug}",status="200"}"#;
    assert!(sample(&metrics, route).is_some_and(|count| count >= 1.0), "{metrics}");
    assert!(!metrics.contains(&slug), "routes are patterns, never a case study's slug");
    assert!(
        metrics.contains(
            r#"casebook_http_request_duration_seconds_bucket{method="GET",route="/case-studies/{slug}",le="0.05"}"#
        ),
        "{metrics}"
    );
    let operation = r#"casebook_graphql_operations_total{operation="LatestForMetrics",type="query",outcome="ok"}"#;
    assert!(sample(&metrics, operation).is_some_and(|count| count >= 1.0), "{metrics}");
    assert!(metrics.contains(r#"operation="NoSuchThing",type="mutation",outcome=""#), "{metrics}");
    assert!(sample(&metrics, "casebook_search_duration_seconds_count").is_some_and(|count| count >= 1.0), "{metrics}");
    assert!(metrics.contains(r#"casebook_search_duration_seconds_bucket{le="0.1"}"#), "a histogram with buckets");
    assert!(sample(&metrics, "casebook_index_lag_changes").is_some(), "{metrics}");
    assert!(sample(&metrics, "casebook_index_lag_seconds").is_some(), "{metrics}");
    assert!(metrics.contains(r#"casebook_database_connections{pool="writes",state="in_use"}"#), "{metrics}");
    assert!(metrics.contains("# TYPE casebook_http_request_duration_seconds histogram"), "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_names_clients_give_their_operations_cannot_grow_the_metrics_without_end() {
    let app = TestApp::spawn().await;
    for n in 0..120 {
        app.gql(None, &format!("query Flood{n} {{ me {{ id }} }}"), json!({})).await.data();
    }
    let metrics = metrics_text(&app, &app.address).await;
    let named: std::collections::HashSet<&str> = metrics
        .lines()
        .filter(|line| line.starts_with("casebook_graphql_operations_total{"))
        .filter_map(|line| line.split("operation=\"").nth(1)?.split('"').next())
        .collect();
    // 100 names, `anonymous` and `other`, whichever tests ran first in this process.
    assert!(named.len() <= 102, "{} operation names", named.len());
    assert!(named.contains("other"), "{named:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_refusals_are_counted() {
    let app = TestApp::spawn_with(|settings| settings.api_rate_per_second = 1).await;
    let mut refused = 0;
    for _ in 0..8 {
        refused += u32::from(app.gql(None, "{ me { id } }", json!({})).await.status == 429);
    }
    assert!(refused > 0, "a burst of eight is over a limit of one a second");
    let metrics = metrics_text(&app, &app.address).await;
    let counted = sample(&metrics, r#"casebook_rate_limited_total{limit="api"}"#);
    assert!(counted.is_some_and(|count| count >= f64::from(refused)), "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_on_an_address_of_their_own_are_not_served_beside_the_pages() {
    let app = TestApp::spawn_with(|settings| settings.metrics_bind = Some("127.0.0.1:0".parse().unwrap())).await;
    let public = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
    assert_eq!(public.status(), 404);
    let own = app.metrics_address.clone().expect("an address for the metrics");
    assert!(metrics_text(&app, &own).await.contains("casebook_index_lag_changes"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_has_a_request_id_and_keeps_a_proxys_plausible_one() {
    let app = TestApp::spawn().await;
    let fresh = app.client.get(format!("{}/", app.address)).send().await.unwrap();
    let id = fresh.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let given = app.client.get(format!("{}/", app.address)).header("x-request-id", "edge-42.a").send().await.unwrap();
    assert_eq!(given.headers()["x-request-id"], "edge-42.a");
    let forged = app.client.get(format!("{}/", app.address)).header("x-request-id", "a b c").send().await.unwrap();
    assert_ne!(forged.headers()["x-request-id"], "a b c");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_carry_the_request_id_on_every_line_of_a_request_and_never_a_token_or_a_sign_in_code() {
    let data_dir = tempfile::tempdir().unwrap();
    let (database_url, _) = fresh_database_url(data_dir.path()).await;
    let dir = data_dir.path();
    let token = process::issue_token(dir, &database_url, "logs@camden.gov.uk", "MEMBER", Some("camden"));
    let server = ServerProcess::start(dir, &database_url, &["--log-format", "json"]).await;
    let client = server.client();
    let page = client.get(format!("{}/search?q=bins", server.address)).header("x-request-id", "logged-1");
    assert_eq!(page.send().await.unwrap().status(), 200);
    let me = server.gql(Some(&token), "{ me { email } }", json!({})).await.unwrap();
    assert_eq!(me.data()["me"]["email"], "logs@camden.gov.uk");
    let callback = format!("{}/sign-in/nowhere/callback?code=SECRET-CODE-123&state=STATE-456", server.address);
    client.get(callback).send().await.unwrap();
    let failing = server.gql(Some("cbk_forged-token-789"), "{ me { email } }", json!({})).await.unwrap();
    assert_eq!(failing.error_code(), "UNAUTHENTICATED");
    assert!(server.terminate().await.success());

    let log = std::fs::read_to_string(data_dir.path().join("server.log")).unwrap();
    let lines: Vec<Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not a JSON line: {line}")))
        .collect();
    let answered: Vec<&Value> =
        lines.iter().filter(|line| line["fields"]["message"] == "finished processing request").collect();
    assert!(answered.len() >= 4, "{log}");
    for line in &answered {
        let id = line["span"]["request_id"].as_str().unwrap_or_default();
        assert!(!id.is_empty(), "a request's line without its id: {line}");
    }
    assert!(answered.iter().any(|line| line["span"]["request_id"] == "logged-1" && line["span"]["path"] == "/search"));
    for secret in [token.as_str(), "SECRET-CODE-123", "STATE-456", "cbk_forged-token-789", "q=bins"] {
        assert!(!log.contains(secret), "`{secret}` is in the log:\n{log}");
    }
}
