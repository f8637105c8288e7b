//! No request can make the server unavailable to others: costly queries are
//! refused before any work starts, every request has a deadline, and a
//! database that cannot serve is a 503 that says so.

use std::time::{Duration, Instant};

use casebook_tests::*;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};

use casebook::graphql::limits::nested_similar;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_similar_is_refused_before_any_search_runs() {
    let app = TestApp::spawn().await;
    let author = app.member_of("camden").await;
    let id = app.publish(&author, valid_input()).await;
    let before = app.query_count();
    let refused = app.gql(None, &nested_similar(4, 5), json!({ "id": id })).await;
    assert_eq!(refused.error_code(), "QUERY_TOO_COMPLEX", "{:#}", refused.body);
    assert_eq!(app.query_count(), before, "refused before any database work");
    assert!(refused.body["data"].is_null());
    // Three levels of five fit: the heaviest `similar` the limits allow.
    let allowed = app.gql(None, &nested_similar(3, 5), json!({ "id": id })).await;
    assert!(allowed.data()["caseStudy"]["similar"].is_array(), "{:#}", allowed.body);
    // A wider page of similar counts its page size.
    let wide = app.gql(None, &nested_similar(2, 100), json!({ "id": id })).await;
    assert_eq!(wide.error_code(), "QUERY_TOO_COMPLEX");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_list_counts_its_page_size() {
    let app = TestApp::spawn().await;
    let pages_of_pages = "{ authorities(first: 100) { edges { node { caseStudies(first: 100) {
        edges { node { id title collaborators { slug } } } } } } } }";
    assert_eq!(app.gql(None, pages_of_pages, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
    let collaborators_of_collaborators = "{ caseStudies(first: 100) { edges { node {
        collaborators { caseStudies(first: 100) { edges { node { id } } } } } } } }";
    assert_eq!(app.gql(None, collaborators_of_collaborators, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
    let searches_with_similar = "{ search(first: 100) { edges { node { similar(first: 5) { id } } } } }";
    assert_eq!(app.gql(None, searches_with_similar, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
    // A page of 50 with every field still fits.
    let full_page = format!("{{ caseStudies(first: 50) {{ edges {{ node {{ {CASE_STUDY_FIELDS} }} }} }} }}");
    app.gql(None, &full_page, json!({})).await.data();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_deeper_than_the_limit_is_too_complex_however_deep() {
    let app = TestApp::spawn().await;
    let successors = |depth: usize| {
        format!("{{ authority(slug: \"camden\") {}{{ slug }}{} }}", "{ successor ".repeat(depth), " }".repeat(depth))
    };
    app.gql(None, &successors(12), json!({})).await.data();
    for depth in [15, 70, 1_000, 50_000] {
        let response = app.gql(None, &successors(depth), json!({})).await;
        assert_eq!(response.error_code(), "QUERY_TOO_COMPLEX", "depth {depth}");
    }
    // Nesting in argument values too, past the parser's recursion limit.
    let deep_list = format!("{{ search(query: {}\"x\"{}) {{ totalCount }} }}", "[".repeat(50_000), "]".repeat(50_000));
    assert_eq!(app.gql(None, &deep_list, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
    let unclosed = "{a".repeat(200_000);
    assert_eq!(app.gql(None, &unclosed, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
    // Over GET too, where the server reads the operation's type before executing it.
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", successors(1_000))])
        .send()
        .await
        .expect("the server answers");
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX", "{body}");
    // And the server is still there.
    app.gql(None, "{ me { id } }", json!({})).await.data();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fragments_that_fan_out_are_refused_at_once() {
    let app = TestApp::spawn().await;
    // Two brackets deep, 2^40 fields once spread out.
    let mut query = String::from("{ ...F0 }");
    for n in 0..40 {
        query.push_str(&format!(" fragment F{n} on Query {{ ...F{next} ...F{next} }}", next = n + 1));
    }
    query.push_str(" fragment F40 on Query { __typename }");
    let started = Instant::now();
    assert_eq!(app.gql(None, &query, json!({})).await.error_code(), "QUERY_TOO_COMPLEX");
    assert!(started.elapsed() < Duration::from_secs(2), "refused at once: {:?}", started.elapsed());
    let cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
    assert_eq!(app.gql(None, cycle, json!({})).await.error_code(), "BAD_USER_INPUT");
    // Ordinary fragments still work.
    app.gql(None, "{ ...Me ...Me } fragment Me on Query { me { id } }", json!({})).await.data();
}

/// Takes SQLite's write lock (or, on PostgreSQL, an exclusive lock on the
/// case studies) from outside the server, until the transaction is dropped.
async fn lock_the_database(app: &TestApp) -> sea_orm::DatabaseTransaction {
    let outside = sea_orm::Database::connect(&app.database_url).await.expect("a second connection");
    let transaction = outside.begin().await.expect("a transaction");
    let lock = if app.postgres_schema.is_some() {
        "LOCK TABLE case_studies IN ACCESS EXCLUSIVE MODE"
    } else {
        // Any write takes SQLite's one write lock, held until the transaction ends.
        "CREATE TABLE deadline_test_lock (x INTEGER)"
    };
    transaction.execute_unprepared(lock).await.expect("the lock");
    transaction
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_its_deadline_is_stopped_with_service_unavailable() {
    let app = TestApp::spawn_with(|settings| settings.request_timeout_seconds = 2).await;
    let author = app.member_of("camden").await;
    let lock = lock_the_database(&app).await;
    let started = Instant::now();
    let stopped = app.gql(Some(&author), CREATE, json!({ "input": valid_input() })).await;
    let took = started.elapsed();
    assert_eq!((stopped.status, stopped.error_code()), (503, "SERVICE_UNAVAILABLE"), "{:#}", stopped.body);
    assert!(took < Duration::from_secs(4), "stopped at the deadline, not later: {took:?}");
    drop(lock);
    // Nothing half-done: the stopped create left no draft, and the server serves again.
    let mine = app.gql(Some(&author), "{ caseStudies(filter: { statuses: [DRAFT] }) { totalCount } }", json!({})).await;
    assert_eq!(mine.data()["caseStudies"]["totalCount"], 0);
    app.gql(Some(&author), CREATE, json!({ "input": valid_input() })).await.data();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exhausted_database_pool_is_a_503_that_says_so_never_a_500() {
    let app = TestApp::spawn_with(|settings| {
        settings.request_timeout_seconds = 2;
        settings.database_pool_size = 1;
    })
    .await;
    let author = app.member_of("camden").await;
    // The writer's only connection, held: every write must wait for it.
    let held = app.state.db.begin().await.expect("the writer's connection");
    let refused = app.gql(Some(&author), CREATE, json!({ "input": valid_input() })).await;
    assert_eq!(refused.status, 503, "{:#}", refused.body);
    assert_eq!(refused.error_code(), "SERVICE_UNAVAILABLE");
    let message = refused.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("overloaded"), "says why, not how: {message}");
    drop(held);
    app.gql(Some(&author), CREATE, json!({ "input": valid_input() })).await.data();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_cannot_reach_the_database_says_the_service_is_busy() {
    let app = TestApp::spawn_with(|settings| {
        settings.dev_sign_in = true;
        settings.request_timeout_seconds = 2;
        settings.database_pool_size = 1;
    })
    .await;
    let officer = casebook_tests::browser::Browser::new();
    officer.dev_sign_in(&app, "officer@camden.gov.uk", "MEMBER").await;
    let csrf = officer.csrf_token(&app, "/case-studies/new").await;
    let held = app.state.db.begin().await.expect("the writer's connection");
    // On SQLite, reading pages still works: they use the readers. (On
    // PostgreSQL reads and writes share the one pool, held here.)
    if app.postgres_schema.is_none() {
        assert_eq!(officer.visit(&format!("{}/", app.address), None).await.status, 200);
    }
    let form = [("csrf", csrf.as_str()), ("title", "Sensors in litter bins")];
    let page = officer.submit(&format!("{}/case-studies/new", app.address), &form, None).await;
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(page.body.contains("busy") && page.body.contains("Nothing you entered has been lost"), "{}", page.body);
    drop(held);
}

/// p50 and max of `samples`.
fn summary(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], *samples.last().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simple_requests_stay_prompt_while_the_heaviest_allowed_requests_run() {
    let app = TestApp::spawn_with(|settings| settings.api_rate_per_second = 0).await;
    let author = app.member_of("camden").await;
    let mut ids = Vec::new();
    for n in 0..40 {
        let title = format!("Bin sensors pilot number {n}");
        ids.push(app.publish(&author, input_with(json!({ "title": title }))).await);
    }
    let id = ids[0].clone();
    app.search_until(None, json!({ "query": "pilot" }), Duration::from_secs(5), |results| {
        results["totalCount"].as_u64() == Some(40)
    })
    .await
    .expect("indexed");

    let heaviest = nested_similar(3, 5);
    let started = Instant::now();
    let alone = app.gql(None, &heaviest, json!({ "id": id })).await;
    let heavy_alone = started.elapsed();
    alone.data();

    // Four clients send the heaviest query over and over…
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut heavy = Vec::new();
    for _ in 0..4 {
        let (client, address, query, id, stop) =
            (reqwest::Client::new(), app.address.clone(), heaviest.clone(), id.clone(), stop.clone());
        heavy.push(tokio::spawn(async move {
            let mut sent = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let body = json!({ "query": query, "variables": { "id": id } });
                let response = client.post(format!("{address}/graphql")).json(&body).send().await.expect("answered");
                assert_eq!(response.status(), 200);
                sent += 1;
            }
            sent
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // …while another asks simple things: a case study, and a page.
    let simple = "query($id: ID!) { caseStudy(id: $id) { title authorityLabel } }";
    let mut api = Vec::new();
    let mut pages = Vec::new();
    for n in 0..30 {
        let started = Instant::now();
        app.gql(None, simple, json!({ "id": ids[n % ids.len()] })).await.data();
        api.push(started.elapsed());
        let started = Instant::now();
        let home = app.client.get(format!("{}/", app.address)).send().await.unwrap();
        assert_eq!(home.status(), 200);
        pages.push(started.elapsed());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut heavy_sent = 0;
    for task in heavy {
        heavy_sent += task.await.expect("a heavy client");
    }
    let (api_p50, api_max) = summary(api);
    let (page_p50, page_max) = summary(pages);
    eprintln!(
        "heaviest query alone: {heavy_alone:?}; {heavy_sent} sent by 4 clients meanwhile; \
         simple API request p50 {api_p50:?} max {api_max:?}; home page p50 {page_p50:?} max {page_max:?}"
    );
    // Generous bounds (a debug build on a busy CI machine): what must not
    // happen is simple requests queueing behind the heavy ones for seconds.
    assert!(api_max < Duration::from_secs(2), "simple API requests waited {api_max:?}");
    assert!(page_max < Duration::from_secs(3), "the home page waited {page_max:?}");
    let _: Value = alone.body;
}
