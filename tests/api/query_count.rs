//! A page of case studies with their councils, collaborators, terms, history and follow-ups costs
//! a constant number of database queries, whatever its length.

use casebook::case_studies::{CaseStudyInput, ModerationDecision, Outcome, Visibility, workflow};
use casebook_tests::*;
use serde_json::json;

const PAGE: &str = "query($first: Int) { caseStudies(first: $first) { totalCount edges { node {
    id title authority { slug name successor { slug } } authorityLabel serviceAreas { key label }
    technologies { key label } collaborators { slug name } tags history { to by { email } }
    followUps { writtenOn body } } } } }";

async fn seed(app: &TestApp, count: usize) {
    let author = app.viewer(&app.member_of("camden").await).await;
    let moderator = app.viewer(&app.moderator().await).await;
    for n in 0..count {
        let input = CaseStudyInput {
            title: format!("Case study number {n}"),
            summary: "A summary long enough to pass the rules.".into(),
            body: "Body".into(),
            outcome: Some(Outcome::Success),
            service_areas: vec!["housing".into(), "planning".into()],
            technologies: vec!["crm".into()],
            collaborators: vec![["hackney", "bristol", "leeds"][n % 3].into()],
            started_on: "2020-01-01".into(),
            visibility: Some(Visibility::Public),
            anonymous: n % 4 == 0,
            ..Default::default()
        };
        let created = workflow::create(&app.state.outbox, &author, input).await.unwrap();
        workflow::submit(&app.state.outbox, &author, &created.id).await.unwrap();
        workflow::moderate(&app.state.outbox, &moderator, &created.id, ModerationDecision::Approve, None)
            .await
            .unwrap();
    }
}

async fn queries_for_page(app: &TestApp, token: &str, first: i64) -> u64 {
    let before = app.query_count();
    let response = app.gql(Some(token), PAGE, json!({ "first": first })).await;
    assert_eq!(response.data()["caseStudies"]["edges"].as_array().unwrap().len() as i64, first);
    app.query_count() - before
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_100_costs_the_same_queries_as_a_page_of_5() {
    let app = TestApp::spawn().await;
    seed(&app, 100).await;
    let moderator = app.moderator().await; // sees councils and history: the costliest view
    // The token's first use records its last-used time (then at most once a minute).
    queries_for_page(&app, &moderator, 1).await;
    let small = queries_for_page(&app, &moderator, 5).await;
    let full = queries_for_page(&app, &moderator, 100).await;
    println!("database queries for a page of 100 case studies: {full} (page of 5: {small})");
    assert_eq!(full, small, "queries must not grow with the page");
    assert!(full <= 10, "{full} queries for one page");
}
