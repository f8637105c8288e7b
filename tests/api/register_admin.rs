//! The register in admins' hands: the shipped email domains (own and
//! shared), admins' edits of a council that survive imports, and councils
//! replaced by several successors, whose case studies count under each.

use std::time::Duration;

use casebook::authorities::register;
use casebook::members::{MemberStatus, Role};
use casebook_tests::browser::hidden_value;
use casebook_tests::*;
use serde_json::{Value, json};

const UPDATE_AUTHORITY: &str = "mutation($slug: String!, $input: AuthorityInput!) {
    updateAuthority(slug: $slug, input: $input) { slug name emailDomains sharedEmailDomains kind region retiredOn
        successor { slug } successors { slug } predecessors { slug } } }";
const FIXTURE: &str = include_str!("../fixtures/register-update.csv");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_register_has_the_councils_real_and_shared_email_domains() {
    let app = TestApp::spawn().await;
    let query = "query($after: String) { authorities(first: 100, after: $after) {
        edges { node { slug emailDomains sharedEmailDomains } } pageInfo { hasNextPage endCursor } } }";
    let councils = all_pages(&reqwest::Client::new(), &app.address, &app.admin().await, "authorities", query).await;
    let with_domains = councils.iter().filter(|c| !c["emailDomains"].as_array().unwrap().is_empty()).count();
    println!("{with_domains} of {} current councils have verified email domains", councils.len());
    assert_eq!((with_domains, councils.len()), (390, 397));
    let adur = councils.iter().find(|c| c["slug"] == "adur").unwrap();
    assert_eq!(adur["sharedEmailDomains"], json!(["adur-worthing.gov.uk"]));
    let bristol = councils.iter().find(|c| c["slug"] == "bristol").unwrap();
    assert_eq!(bristol["emailDomains"], json!(["bristol-city.gov.uk", "bristol.gov.uk"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_at_a_shared_domain_waits_and_the_admin_is_offered_only_the_councils_sharing_it() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let officer = app.browser_signed_in_as("officer@adur-worthing.gov.uk", Role::Member).await;
    assert_eq!(officer.me(&app).await["status"], "PENDING");
    let own = app.browser_signed_in_as("officer@hr.worthing.gov.uk", Role::Member).await;
    assert_eq!(own.me(&app).await["authority"]["slug"], "worthing", "a subdomain of a council's own domain");

    let admin = app.browser_signed_in_as("admin@leeds.gov.uk", Role::Admin).await;
    let page = admin.visit(&format!("{}/admin/members?status=PENDING", app.address), None).await;
    let section_start = page.body.find("officer@adur-worthing.gov.uk").expect("listed");
    let section = &page.body[section_start..section_start + page.body[section_start..].find("</section>").unwrap()];
    assert!(
        section.contains("<option value=\"adur\">") && section.contains("<option value=\"worthing\">"),
        "{section}"
    );
    let offered = &section[section.find("<select id=\"authority-").expect("a choice of councils")..];
    let offered = &offered[..offered.find("</select>").unwrap()];
    assert_eq!(offered.matches("<option").count(), 2, "only the councils that share it: {offered}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_edit_a_council_and_every_field_is_checked() {
    let app = TestApp::spawn().await;
    let input = json!({ "name": "Camden Council" });
    assert_eq!(
        app.gql(None, UPDATE_AUTHORITY, json!({ "slug": "camden", "input": input })).await.error_code(),
        "UNAUTHENTICATED"
    );
    for (label, token) in [
        ("member", app.member_of("camden").await),
        ("moderator", app.moderator().await),
        ("pending admin", app.token_with_status(Role::Admin, MemberStatus::Pending, None).await),
        ("suspended admin", app.token_with_status(Role::Admin, MemberStatus::Suspended, None).await),
    ] {
        let refused = app.gql(Some(&token), UPDATE_AUTHORITY, json!({ "slug": "camden", "input": input })).await;
        assert_eq!(refused.error_code(), "FORBIDDEN", "{label}");
    }
    let admin = app.admin().await;
    let missing = app.gql(Some(&admin), UPDATE_AUTHORITY, json!({ "slug": "nowhere", "input": input })).await;
    assert_eq!(missing.error_code(), "NOT_FOUND");
    for (input, field) in [
        (json!({ "emailDomains": ["camden.gov.uk", "not a domain"] }), "emailDomains[1]"),
        (json!({ "emailDomains": ["hackney.gov.uk"] }), "emailDomains[0]"),
        (json!({ "region": "atlantis" }), "region"),
        (json!({ "name": "X" }), "name"),
        (json!({ "successors": ["camden"] }), "successors[0]"),
        (json!({ "successors": ["nowhere"] }), "successors[0]"),
        (json!({ "retiredOn": "soon" }), "retiredOn"),
    ] {
        let refused = app.gql(Some(&admin), UPDATE_AUTHORITY, json!({ "slug": "camden", "input": input })).await;
        assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", field), "{input}");
    }
    let edited = app
        .gql(
            Some(&admin),
            UPDATE_AUTHORITY,
            json!({ "slug": "camden", "input": { "name": "Camden Council", "emailDomains": ["Camden.gov.uk", "camden.org.uk"],
                    "sharedEmailDomains": ["londoncouncils.gov.uk"], "kind": "LONDON_BOROUGH", "region": "london" } }),
        )
        .await;
    let edited = &edited.data()["updateAuthority"];
    assert_eq!(edited["emailDomains"], json!(["camden.gov.uk", "camden.org.uk"]));
    let audit = app
        .gql(
            Some(&admin),
            "{ auditLog(filter: { action: \"authority.update\" }) { edges { node { targetId before after } } } }",
            json!({}),
        )
        .await;
    let entry = &audit.data()["auditLog"]["edges"][0]["node"];
    assert_eq!(
        (entry["targetId"].clone(), entry["before"]["name"].clone()),
        (json!("camden"), json!("London Borough of Camden"))
    );
    assert_eq!(entry["after"]["name"], "Camden Council");

    // The new domain makes members of Camden at once.
    let member = app.token("officer@camden.org.uk", Role::Member, None).await;
    let viewer = app.viewer(&member).await;
    let council = casebook::members::council_for_email(&app.state.db, "officer@camden.org.uk").await.unwrap();
    assert_eq!(council.map(|council| council.slug).as_deref(), Some("camden"), "{viewer:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admins_edit_survives_the_next_import_of_the_register() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let input = json!({ "name": "Camden Council", "emailDomains": ["camden.gov.uk", "camden.org.uk"] });
    app.gql(Some(&admin), UPDATE_AUTHORITY, json!({ "slug": "camden", "input": input })).await.data();
    register::import_register(&app.state.db, FIXTURE.as_bytes()).await.unwrap();
    let read = app.gql(None, "{ authority(slug: \"camden\") { name emailDomains retiredOn } }", json!({})).await;
    assert_eq!(
        read.data()["authority"],
        json!({ "name": "Camden Council", "emailDomains": ["camden.gov.uk", "camden.org.uk"], "retiredOn": null })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_council_replaced_by_two_keeps_both_and_its_case_studies_count_under_each() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let officer = app.member_of("adur").await;
    let id = app
        .publish_searchable(&officer, input_with(json!({ "title": "Parking sensors in Adur", "collaborators": [] })))
        .await;

    let input = json!({ "successors": ["worthing", "arun"], "retiredOn": "2026-04-01" });
    let replaced = app.gql(Some(&admin), UPDATE_AUTHORITY, json!({ "slug": "adur", "input": input })).await;
    let replaced = &replaced.data()["updateAuthority"];
    assert_eq!(replaced["retiredOn"], "2026-04-01");
    assert_eq!(replaced["successor"]["slug"], "worthing", "`successor` stays the first");
    assert_eq!(replaced["successors"], json!([{ "slug": "worthing" }, { "slug": "arun" }]));
    let predecessors = app.gql(None, "{ authority(slug: \"arun\") { predecessors { slug } } }", json!({})).await;
    assert_eq!(predecessors.data()["authority"]["predecessors"], json!([{ "slug": "adur" }]));

    // Its case studies count under each successor in the authority facet and filter.
    for successor in ["worthing", "arun"] {
        let filter = json!({ "filter": { "authorities": [successor] } });
        let found =
            app.search_until(None, filter, Duration::from_secs(2), |results| hit_ids(results).contains(&id)).await;
        assert!(found.is_some(), "filed under {successor}");
    }
    let facets = app.search(None, json!({ "query": "parking sensors" })).await;
    let counted: Vec<&str> =
        facets["facets"]["authority"].as_array().unwrap().iter().map(|f| f["value"].as_str().unwrap()).collect();
    assert!(counted.contains(&"worthing") && counted.contains(&"arun") && counted.contains(&"adur"), "{counted:?}");

    // Its members wait for an admin (two successors); it is no longer a council to join.
    let me = app.gql(Some(&officer), "{ me { status authority { slug } } }", json!({})).await;
    assert_eq!(me.data()["me"], json!({ "status": "PENDING", "authority": null }));
    let member_id = app.viewer(&officer).await.member_id().unwrap().to_owned();
    let assign = "mutation($id: ID!, $slug: String!) { assignMemberAuthority(memberId: $id, authority: $slug) { id } }";
    let refused = app.gql(Some(&admin), assign, json!({ "id": member_id, "slug": "adur" })).await;
    assert_eq!((refused.error_code(), refused.error_field()), ("BAD_USER_INPUT", "authority"));
    assert_eq!(casebook::members::council_for_email(&app.state.db, "x@adur.gov.uk").await.unwrap(), None);

    // The successor's page lists it, "formerly …"; the old council's page says where it went.
    let page = reqwest::get(format!("{}/councils/arun", app.address)).await.unwrap().text().await.unwrap();
    assert!(page.contains("Parking sensors in Adur") && page.contains("formerly Adur District Council"), "{page}");
    let old = reqwest::get(format!("{}/councils/adur", app.address)).await.unwrap().text().await.unwrap();
    assert!(old.contains("replaced by") && old.contains("/councils/worthing") && old.contains("/councils/arun"));
    let first = old.find("/councils/worthing").unwrap();
    assert!(first < old.find("/councils/arun").unwrap(), "in the order given");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_edit_a_council_on_its_admin_page() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let path = format!("{}/admin/councils/camden", app.address);
    let member = app.browser_signed_in_as("member@camden.gov.uk", Role::Member).await;
    assert_eq!(member.visit(&path, None).await.status, 403);
    let admin = app.browser_signed_in_as("admin@leeds.gov.uk", Role::Admin).await;
    let token = app.admin().await;
    let replace = json!({ "slug": "adur", "input": { "successors": ["worthing", "arun"] } });
    app.gql(Some(&token), UPDATE_AUTHORITY, replace).await.data();
    let adur = admin.visit(&format!("{}/admin/councils/adur", app.address), None).await;
    assert!(adur.body.contains("value=\"worthing, arun\""), "the successors in their order: {}", adur.body);
    let page = admin.visit(&path, None).await;
    assert!(page.body.contains("camden.gov.uk"), "{}", page.body);
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Camden Council"),
        ("emailDomains", "camden.gov.uk\ncamden.org.uk"),
        ("sharedEmailDomains", ""),
        ("kind", "LONDON_BOROUGH"),
        ("region", "london"),
        ("successors", ""),
    ];
    let saved = admin.submit(&path, &form, None).await;
    assert!(saved.url.ends_with("?saved=1") && saved.body.contains("camden.org.uk"), "{}", saved.body);
    let bad = admin
        .submit(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("name", "Camden Council"),
                ("emailDomains", "nope"),
                ("region", "london"),
                ("kind", "LONDON_BOROUGH"),
            ],
            None,
        )
        .await;
    assert_eq!(bad.status, 400);
    let read: Value =
        app.gql(None, "{ authority(slug: \"camden\") { name emailDomains } }", json!({})).await.data().clone();
    assert_eq!(
        read["authority"],
        json!({ "name": "Camden Council", "emailDomains": ["camden.gov.uk", "camden.org.uk"] })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_registers_guessed_domains_give_way_to_the_shipped_ones_unless_an_admin_set_them() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let guess = "UPDATE authorities SET email_domains = '[\"guessed.gov.uk\"]' WHERE slug IN ('bristol', 'leeds')";
    app.state.db.execute_unprepared(guess).await.unwrap();
    let input = json!({ "emailDomains": ["leeds.gov.uk", "leeds.example.org"] });
    app.gql(Some(&admin), UPDATE_AUTHORITY, json!({ "slug": "leeds", "input": input })).await.data();
    app.state.db.execute_unprepared(guess).await.unwrap(); // as if guessed before the admin's edit
    assert_eq!(register::refresh_shipped_domains(&app.state.db).await.unwrap(), 1, "bristol only");
    let read = |slug: &str| {
        let query = format!("{{ authority(slug: \"{slug}\") {{ emailDomains }} }}");
        let app = &app;
        async move { app.gql(None, &query, json!({})).await.data()["authority"]["emailDomains"].clone() }
    };
    assert_eq!(read("bristol").await, json!(["bristol-city.gov.uk", "bristol.gov.uk"]));
    assert_eq!(read("leeds").await, json!(["guessed.gov.uk"]), "an admin's council is theirs to correct");
    let public = app
        .gql(Some(&admin), UPDATE_AUTHORITY, json!({ "slug": "leeds", "input": { "emailDomains": ["gov.uk"] } }))
        .await;
    assert_eq!(
        (public.error_code(), public.error_field()),
        ("BAD_USER_INPUT", "emailDomains[0]"),
        "never a public suffix"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replaced_council_is_no_longer_chosen_for_new_work_but_old_work_keeps_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let officer = app.member_of("camden").await;
    let with_hackney = app.create(&officer, valid_input()).await; // names hackney as a collaborator
    let stayer = app.member_of("hackney").await;
    let retire = json!({ "slug": "hackney", "input": { "retiredOn": "2026-04-01" } });
    app.gql(Some(&admin), UPDATE_AUTHORITY, retire).await.data();

    let new = app.gql(Some(&officer), CREATE, json!({ "input": valid_input() })).await;
    assert_eq!((new.error_code(), new.error_field()), ("BAD_USER_INPUT", "collaborators[0]"), "not for new work");
    let kept =
        app.gql(Some(&officer), UPDATE, json!({ "id": with_hackney, "version": 1, "input": valid_input() })).await;
    assert!(kept.body.get("errors").is_none(), "a case study keeps the collaborator it named: {}", kept.body);
    let refused = app.gql(Some(&stayer), CREATE, json!({ "input": input_with(json!({ "collaborators": [] })) })).await;
    assert_eq!(refused.error_code(), "FORBIDDEN", "a replaced council writes nothing new");
}
