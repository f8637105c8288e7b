//! The demo network is varied and goes through the real workflow.

use casebook_tests::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_publishes_thirty_varied_case_studies_through_the_workflow() {
    let app = TestApp::spawn().await;
    casebook::demo::seed(&app.state.db).await.expect("the demo loads");
    let admin = app.admin().await;
    let query = "{ caseStudies(first: 100) { totalCount edges { node { outcome anonymous visibility authority { slug } history { to } } } } }";
    let response = app.gql(Some(&admin), query, json!({})).await;
    let published = response.data()["caseStudies"]["edges"].as_array().unwrap().clone();
    assert!(published.len() >= 30, "{} published", published.len());
    let count = |predicate: &dyn Fn(&serde_json::Value) -> bool| {
        published.iter().filter(|edge| predicate(&edge["node"])).count()
    };
    assert!(count(&|node| node["outcome"] == "FAILURE") >= 5);
    assert!(count(&|node| node["outcome"] == "SUCCESS") >= 5);
    assert!(count(&|node| node["anonymous"] == true) >= 3);
    assert!(count(&|node| node["visibility"] == "MEMBERS") >= 3);
    assert!(
        count(&|node| node["history"].as_array().unwrap().iter().any(|t| t["to"] == "SUBMITTED")) == published.len()
    );
    let mut councils: Vec<&str> =
        published.iter().map(|edge| edge["node"]["authority"]["slug"].as_str().unwrap()).collect();
    councils.sort();
    councils.dedup();
    assert!(councils.len() >= 10, "{councils:?}");

    // Loading again changes nothing.
    casebook::demo::seed(&app.state.db).await.unwrap();
    let again = app.gql(Some(&admin), "{ caseStudies(first: 100) { totalCount } }", json!({})).await;
    assert_eq!(again.data()["caseStudies"]["totalCount"], published.len());
}
