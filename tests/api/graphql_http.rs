//! GraphQL over HTTP: negotiation, status codes, limits, GraphiQL.

use casebook_tests::*;
use serde_json::{Value, json};

async fn post_raw(
    app: &TestApp,
    content_type: Option<&str>,
    accept: Option<&str>,
    body: String,
) -> (u16, String, String) {
    let mut request = app.client.post(format!("{}/graphql", app.address)).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_nested_too_deep_is_query_too_complex() {
    let app = TestApp::spawn().await;
    let mut query = "name".to_owned();
    for _ in 0..16 {
        query = format!("successor {{ {query} }}");
    }
    let response = app.gql(None, &format!("{{ authority(slug: \"camden\") {{ {query} }} }}"), json!({})).await;
    assert_eq!(response.error_code(), "QUERY_TOO_COMPLEX");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_of_pages_are_query_too_complex() {
    let app = TestApp::spawn().await;
    let query = "{ authorities(first: 100) { edges { node { caseStudies(first: 100) { edges { node { id title summary body } } } } } } }";
    assert_eq!(app.gql(None, query, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_413_with_a_json_reason() {
    let app = TestApp::spawn().await;
    let body = json!({ "query": "{ me { id } }", "variables": { "padding": "x".repeat(2 * 1024 * 1024) } }).to_string();
    let (status, content_type, text) = post_raw(&app, Some("application/json"), None, body).await;
    assert_eq!(status, 413);
    assert!(content_type.starts_with("application/json"), "{content_type}");
    assert!(serde_json::from_str::<Value>(&text).unwrap()["errors"][0]["message"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_that_are_not_graphql_get_the_specified_status() {
    let app = TestApp::spawn().await;
    let (status, _, text) = post_raw(&app, Some("application/json"), None, "{not json".into()).await;
    assert_eq!(status, 400);
    assert!(serde_json::from_str::<Value>(&text).is_ok(), "a JSON body that says why");
    let (status, _, _) = post_raw(&app, Some("text/plain"), None, r#"{"query":"{ me { id } }"}"#.into()).await;
    assert_eq!(status, 415);
    let (status, _, _) = post_raw(&app, None, None, r#"{"query":"{ me { id } }"}"#.into()).await;
    assert_eq!(status, 415);
    let (status, _, _) = post_raw(&app, Some("application/json"), None, r#"{"query": 42}"#.into()).await;
    assert_eq!(status, 400);
    let (status, _, _) =
        post_raw(&app, Some("application/json"), None, r#"{"query":"{ me { id } }", "variables": "x"}"#.into()).await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_response_type_follows_the_accept_header() {
    let app = TestApp::spawn().await;
    let body = r#"{"query":"{ __typename }"}"#.to_owned();
    let (status, content_type, _) =
        post_raw(&app, Some("application/json"), Some("application/graphql-response+json"), body.clone()).await;
    assert_eq!((status, content_type.as_str()), (200, "application/graphql-response+json; charset=utf-8"));
    let (status, content_type, _) =
        post_raw(&app, Some("application/json"), Some("application/json"), body.clone()).await;
    assert_eq!((status, content_type.as_str()), (200, "application/json; charset=utf-8"));
    let (_, content_type, _) = post_raw(&app, Some("application/json"), None, body).await;
    assert!(content_type.starts_with("application/json"));

    // A document that does not parse: 400 for the new media type, 200 for legacy JSON.
    let broken = r#"{"query":"{"}"#.to_owned();
    let (status, _, _) =
        post_raw(&app, Some("application/json"), Some("application/graphql-response+json"), broken.clone()).await;
    assert_eq!(status, 400);
    let (status, _, text) = post_raw(&app, Some("application/json"), Some("application/json"), broken).await;
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_runs_queries_but_never_mutations() {
    let app = TestApp::spawn().await;
    let url = format!("{}/graphql", app.address);
    let response =
        app.client.get(&url).query(&[("query", "{ taxonomy { serviceAreas { key } } }")]).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["taxonomy"]["serviceAreas"].as_array().unwrap().len(), 19);

    let mutation = "mutation { submitCaseStudy(id: \"x\") { id } }";
    let response = app.client.get(&url).query(&[("query", mutation)]).send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_get_graphiql() {
    let app = TestApp::spawn().await;
    let response =
        app.client.get(format!("{}/graphql", app.address)).header("accept", "text/html,*/*").send().await.unwrap();
    assert_eq!(response.status(), 200);
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{policy}");
    assert!(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"), "{policy}");
    let page = response.text().await.unwrap();
    assert!(page.to_lowercase().contains("graphiql"));
    // No inline script, and every script or stylesheet from elsewhere carries its hash.
    let tags: Vec<&str> = page.split('<').filter(|tag| tag.starts_with("script") || tag.starts_with("link")).collect();
    for tag in &tags {
        assert!(tag.contains("src=") || tag.contains("href="), "an inline script: <{tag}");
        if tag.contains("https://") {
            assert!(tag.contains("integrity=\"sha384-") && tag.contains("crossorigin"), "no SRI: <{tag}");
            let url = tag.split("https://").nth(1).unwrap().split('"').next().unwrap();
            assert!(policy.contains(&format!("https://{url}")), "{url} is not named in {policy}");
        }
    }
    // The start script is ours, served like every asset.
    let start = page.split("src=\"/static/").nth(1).and_then(|rest| rest.split('"').next()).expect("our script");
    let script = app.client.get(format!("{}/static/{start}", app.address)).send().await.unwrap();
    assert_eq!(script.status(), 200);
    assert!(script.text().await.unwrap().contains("GraphiQL.createFetcher"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schema_errors_carry_a_code_and_the_field() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let unknown_field = app.gql(None, "{ nothingHere }", json!({})).await;
    assert_eq!(unknown_field.error_code(), "BAD_USER_INPUT");
    let bad_date =
        app.gql(Some(&author), CREATE, json!({ "input": input_with(json!({ "startedOn": "yesterday" })) })).await;
    assert_eq!(bad_date.error_code(), "BAD_USER_INPUT");
    assert_eq!(bad_date.error_field(), "startedOn");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_and_missing_case_studies_look_the_same() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let outsider = app.member_of("hackney").await;
    let draft = app.create(&author, valid_input()).await;
    let missing = uuid::Uuid::new_v4().to_string();
    let hidden = app.gql(Some(&outsider), SUBMIT, json!({ "id": draft })).await;
    let absent = app.gql(Some(&outsider), SUBMIT, json!({ "id": missing })).await;
    assert_eq!(hidden.error_code(), "NOT_FOUND");
    assert_eq!(hidden.body["errors"][0]["message"], absent.body["errors"][0]["message"]);
    assert!(app.gql(Some(&outsider), READ, json!({ "id": draft })).await.data()["caseStudy"].is_null());
}
