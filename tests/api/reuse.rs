//! "We reused this" (issue 19 §3): a council links its own case study to
//! another council's published one; both ends show the link as each viewer
//! may see the two case studies, the count of councils reusing it, and the
//! search facet "reused by other councils".

use casebook::members::{MemberStatus, Role};
use casebook_tests::*;
use serde_json::{Value, json};

const LINK: &str = "mutation($from: ID!, $to: ID!, $kind: ReuseKind!) { linkReuse(from: $from, to: $to, kind: $kind) {
    id kind from { id authorityLabel outcome } to { id } } }";
const UNLINK: &str = "mutation($id: ID!) { unlinkReuse(id: $id) }";
const LINKS: &str = "query($id: ID!) { caseStudy(id: $id) { reusedByCount
    reusedBy { id kind from { id title outcome authority { slug } authorityLabel } }
    reuses { id kind to { id authority { slug } authorityLabel } } } }";
const REUSED_FACET: &str = "query($filter: SearchFilter) { search(filter: $filter) { totalCount
    edges { node { id } } facets { reused { value count } } } }";

/// Camden's published case study, and Leeds's that reused it.
async fn reused_pair(app: &TestApp, reusing: Value) -> (String, String, String, String) {
    let camden = app.member_of("camden").await;
    let leeds = app.member_of("leeds").await;
    let original = app.publish(&camden, valid_input()).await;
    let follower = app.publish(&leeds, reusing).await;
    (camden, leeds, original, follower)
}

fn ids(list: &Value, end: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|link| link[end]["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reuse_link_shows_on_both_pages_with_the_other_councils_outcome_and_a_count() {
    let app = TestApp::spawn().await;
    let (_, leeds, original, follower) = reused_pair(&app, input_with(json!({ "outcome": "SUCCESS" }))).await;
    let linked = app.gql(Some(&leeds), LINK, json!({ "from": follower, "to": original, "kind": "REUSED" })).await;
    let link = &linked.data()["linkReuse"];
    assert_eq!(link["kind"], "REUSED");
    assert_eq!(link["from"]["outcome"], "SUCCESS");

    for viewer in [None, Some(app.member_of("kent").await)] {
        let read = app.gql(viewer.as_deref(), LINKS, json!({ "id": original })).await;
        let case_study = &read.data()["caseStudy"];
        assert_eq!(ids(&case_study["reusedBy"], "from"), [follower.as_str()]);
        assert_eq!(case_study["reusedBy"][0]["from"]["authority"]["slug"], "leeds");
        assert_eq!(case_study["reusedBy"][0]["from"]["outcome"], "SUCCESS");
        assert_eq!(case_study["reusedByCount"], 1);
        let read = app.gql(viewer.as_deref(), LINKS, json!({ "id": follower })).await;
        assert_eq!(ids(&read.data()["caseStudy"]["reuses"], "to"), [original.as_str()]);
    }

    // Linking again changes the kind; there is still one link.
    let again =
        app.gql(Some(&leeds), LINK, json!({ "from": follower, "to": original, "kind": "TRIED_DIFFERENTLY" })).await;
    assert_eq!(again.data()["linkReuse"]["kind"], "TRIED_DIFFERENTLY");
    let read = app.gql(None, LINKS, json!({ "id": original })).await;
    assert_eq!(read.data()["caseStudy"]["reusedBy"].as_array().unwrap().len(), 1);
    assert_eq!(read.data()["caseStudy"]["reusedBy"][0]["kind"], "TRIED_DIFFERENTLY");

    // The page shows it both ways.
    let page =
        app.client.get(format!("{}/case-studies/{}", app.address, app.slug_of(&original).await)).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("1 council reused this"), "the count is on the page");
    assert!(html.contains("Tried it, and it went differently"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_reusing_councils_active_members_may_link_or_unlink() {
    let app = TestApp::spawn().await;
    let (camden, leeds, original, follower) = reused_pair(&app, valid_input()).await;
    let variables = json!({ "from": follower, "to": original, "kind": "REUSED" });
    let refused = [
        ("anonymous", None, "UNAUTHENTICATED"),
        (
            "pending member of leeds",
            Some(app.token_with_status(Role::Member, MemberStatus::Pending, Some("leeds")).await),
            "FORBIDDEN",
        ),
        (
            "suspended member of leeds",
            Some(app.token_with_status(Role::Member, MemberStatus::Suspended, Some("leeds")).await),
            "FORBIDDEN",
        ),
        ("member of the reused council", Some(camden.clone()), "FORBIDDEN"),
        ("member of a third council", Some(app.member_of("kent").await), "FORBIDDEN"),
        ("moderator", Some(app.moderator().await), "FORBIDDEN"),
    ];
    for (label, token, code) in &refused {
        let response = app.gql(token.as_deref(), LINK, variables.clone()).await;
        assert_eq!(response.error_code(), *code, "{label} may not link");
    }
    let read = app.gql(None, LINKS, json!({ "id": original })).await;
    assert_eq!(read.data()["caseStudy"]["reusedBy"], json!([]), "no refused attempt made a link");

    let linked = app.gql(Some(&leeds), LINK, variables.clone()).await;
    let link_id = linked.data()["linkReuse"]["id"].as_str().unwrap().to_owned();
    for (label, token, code) in &refused {
        let response = app.gql(token.as_deref(), UNLINK, json!({ "id": link_id })).await;
        assert_eq!(response.error_code(), *code, "{label} may not unlink");
    }
    let admin = app.admin().await;
    let other_leeds = app.member_of("leeds").await;
    assert_eq!(app.gql(Some(&other_leeds), UNLINK, json!({ "id": link_id })).await.data()["unlinkReuse"], true);
    let read = app.gql(None, LINKS, json!({ "id": original })).await;
    assert_eq!(read.data()["caseStudy"]["reusedBy"], json!([]));
    assert_eq!(read.data()["caseStudy"]["reusedByCount"], 0);
    // An admin may act for any council.
    let linked = app.gql(Some(&admin), LINK, variables).await;
    assert_eq!(linked.data()["linkReuse"]["to"]["id"], original.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_needs_another_councils_published_case_study() {
    let app = TestApp::spawn().await;
    let (camden, leeds, original, follower) = reused_pair(&app, valid_input()).await;
    let itself = app.gql(Some(&leeds), LINK, json!({ "from": follower, "to": follower, "kind": "REUSED" })).await;
    assert_eq!((itself.error_code(), itself.error_field()), ("BAD_USER_INPUT", "to"));
    let own = app.publish(&leeds, input_with(json!({ "title": "Our second try" }))).await;
    let same = app.gql(Some(&leeds), LINK, json!({ "from": own, "to": follower, "kind": "REUSED" })).await;
    assert_eq!((same.error_code(), same.error_field()), ("BAD_USER_INPUT", "to"));
    let draft = app.create(&camden, valid_input()).await;
    let hidden = app.gql(Some(&leeds), LINK, json!({ "from": follower, "to": draft, "kind": "REUSED" })).await;
    assert_eq!(hidden.error_code(), "NOT_FOUND", "a draft Leeds cannot read does not exist for it");
    let unknown = app.gql(Some(&leeds), LINK, json!({ "from": follower, "to": "no-such-id", "kind": "REUSED" })).await;
    assert_eq!(unknown.error_code(), "NOT_FOUND");
    let _ = original;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_respect_visibility_at_both_ends() {
    let app = TestApp::spawn().await;
    let (camden, leeds, original, members_only) =
        reused_pair(&app, input_with(json!({ "visibility": "MEMBERS", "title": "Members-only reuse" }))).await;
    app.gql(Some(&leeds), LINK, json!({ "from": members_only, "to": original, "kind": "REUSED" })).await.data();
    let draft = app.create(&leeds, input_with(json!({ "title": "A draft reuse" }))).await;
    app.gql(Some(&leeds), LINK, json!({ "from": draft, "to": original, "kind": "REUSED" })).await.data();

    let anonymous = app.gql(None, LINKS, json!({ "id": original })).await;
    assert_eq!(
        anonymous.data()["caseStudy"]["reusedBy"],
        json!([]),
        "the public sees neither a members-only nor a draft end"
    );
    assert_eq!(anonymous.data()["caseStudy"]["reusedByCount"], 0);
    let page =
        app.client.get(format!("{}/case-studies/{}", app.address, app.slug_of(&original).await)).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(!html.contains("Members-only reuse") && !html.contains("A draft reuse"), "nor does the page");

    let member = app.member_of("kent").await;
    let read = app.gql(Some(&member), LINKS, json!({ "id": original })).await;
    assert_eq!(
        ids(&read.data()["caseStudy"]["reusedBy"], "from"),
        [members_only.as_str()],
        "members see the members-only end, not the draft"
    );
    let read = app.gql(Some(&leeds), LINKS, json!({ "id": original })).await;
    assert_eq!(
        read.data()["caseStudy"]["reusedBy"].as_array().unwrap().len(),
        2,
        "the reusing council sees its draft's link"
    );
    let read = app.gql(Some(&camden), LINKS, json!({ "id": original })).await;
    assert_eq!(read.data()["caseStudy"]["reusedByCount"], 1);

    // The reused end taken down: the link goes from the reusing page too.
    let report = app.report(&app.member_of("kent").await, &original, "INACCURATE").await;
    app.decide_report(None, &report, "UPHOLD", "Inaccurate figures").await;
    let read = app.gql(Some(&member), LINKS, json!({ "id": members_only })).await;
    assert_eq!(read.data()["caseStudy"]["reuses"], json!([]), "an unpublished end is not shown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_end_is_never_named() {
    let app = TestApp::spawn().await;
    let (_, leeds, original, anonymous) = reused_pair(&app, input_with(json!({ "anonymous": true }))).await;
    app.gql(Some(&leeds), LINK, json!({ "from": anonymous, "to": original, "kind": "REUSED" })).await.data();
    for viewer in [None, Some(app.member_of("kent").await)] {
        let read = app.gql(viewer.as_deref(), LINKS, json!({ "id": original })).await;
        let from = &read.data()["caseStudy"]["reusedBy"][0]["from"];
        assert_eq!(from["id"], anonymous.as_str());
        assert_eq!(from["authority"], Value::Null, "the anonymous end's council is not given");
        assert_eq!(from["authorityLabel"], "A metropolitan borough in Yorkshire and the Humber");
    }
    let page =
        app.client.get(format!("{}/case-studies/{}", app.address, app.slug_of(&original).await)).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(!html.contains("Leeds"), "the page does not name the anonymous council");
    assert!(html.contains("A metropolitan borough in Yorkshire and the Humber"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reused_facet_counts_only_links_every_reader_of_the_case_study_can_see() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let leeds = app.member_of("leeds").await;
    let publicly_reused = app.publish(&camden, input_with(json!({ "title": "Publicly reused" }))).await;
    let privately_reused = app.publish(&camden, input_with(json!({ "title": "Reused by a members-only one" }))).await;
    let not_reused = app.publish(&camden, input_with(json!({ "title": "Not reused" }))).await;
    let public_follower = app.publish(&leeds, input_with(json!({ "title": "Public follower" }))).await;
    let members_follower =
        app.publish(&leeds, input_with(json!({ "title": "Members follower", "visibility": "MEMBERS" }))).await;
    app.gql(Some(&leeds), LINK, json!({ "from": public_follower, "to": publicly_reused, "kind": "REUSED" }))
        .await
        .data();
    app.gql(Some(&leeds), LINK, json!({ "from": members_follower, "to": privately_reused, "kind": "REUSED" }))
        .await
        .data();

    let reused_only = json!({ "filter": { "reused": true } });
    let found = app
        .search_until(None, json!({ "filter": { "reused": true } }), std::time::Duration::from_secs(5), |results| {
            hit_ids(results) == [publicly_reused.clone()]
        })
        .await;
    assert!(found.is_some(), "only the case study reused through a public link is 'reused'");
    let response = app.gql(None, REUSED_FACET, json!({})).await;
    let facet = &response.data()["search"]["facets"]["reused"];
    let count = |value: &str| {
        facet.as_array().unwrap().iter().find(|v| v["value"] == value).map_or(0, |v| v["count"].as_i64().unwrap())
    };
    assert_eq!(count("true"), 1, "exact: {facet}");
    assert_eq!(
        count("false"),
        3,
        "the other public case studies (the members-only one is not counted for the public): {facet}"
    );
    let filtered = app.gql(None, REUSED_FACET, reused_only).await;
    assert_eq!(filtered.data()["search"]["totalCount"], 1);
    let not = app.gql(None, REUSED_FACET, json!({ "filter": { "reused": false } })).await;
    assert!(ids_of(&not).contains(&not_reused));
    assert!(!ids_of(&not).contains(&publicly_reused));

    // Unlinking takes it out of the facet.
    let read = app.gql(None, LINKS, json!({ "id": publicly_reused })).await;
    let link = read.data()["caseStudy"]["reusedBy"][0]["id"].as_str().unwrap().to_owned();
    app.gql(Some(&leeds), UNLINK, json!({ "id": link })).await.data();
    let gone = app
        .search_until(None, json!({ "filter": { "reused": true } }), std::time::Duration::from_secs(5), |results| {
            hit_ids(results).is_empty()
        })
        .await;
    assert!(gone.is_some(), "no longer reused once unlinked");
}

fn ids_of(response: &GqlResponse) -> Vec<String> {
    response.data()["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_count_never_tells_that_an_anonymous_reuse_is_a_named_councils() {
    let app = TestApp::spawn().await;
    let (_, leeds, original, named) = reused_pair(&app, input_with(json!({ "title": "Named reuse" }))).await;
    let anonymous = app.publish(&leeds, input_with(json!({ "title": "Anonymous reuse", "anonymous": true }))).await;
    for from in [&named, &anonymous] {
        app.gql(Some(&leeds), LINK, json!({ "from": from, "to": original, "kind": "REUSED" })).await.data();
    }
    let read = app.gql(None, LINKS, json!({ "id": original })).await;
    assert_eq!(read.data()["caseStudy"]["reusedBy"].as_array().unwrap().len(), 2);
    assert_eq!(read.data()["caseStudy"]["reusedByCount"], 2, "the anonymous one counts as a council of its own");
    let read = app.gql(Some(&leeds), LINKS, json!({ "id": original })).await;
    assert_eq!(read.data()["caseStudy"]["reusedByCount"], 1, "Leeds knows both are its own");
}
