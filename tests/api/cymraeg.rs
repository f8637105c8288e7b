//! Cymraeg (issue 20): case studies in Welsh or in both languages, Welsh
//! search (mutations folded) and the language facet, the Welsh names of
//! councils and terms, the interface's language (`?lang=`, cookie, member
//! setting, `Accept-Language`), Welsh emails, GraphQL errors in Welsh, and
//! Welsh feeds.

use casebook_tests::*;
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use serde_json::{Value, json};

const LANGUAGES: &str = "query($id: ID!) { caseStudy(id: $id) { language title titleCy summaryCy } }";
const LANGUAGE_SEARCH: &str = "query($query: String, $filter: SearchFilter) { search(query: $query, filter: $filter) {
    totalCount edges { node { id } highlights { field snippet } } facets { language { value label count } } } }";

fn welsh() -> Value {
    input_with(json!({
        "language": "CY",
        "title": "Sgwrsfot i drigolion fy nghyngor",
        "summary": "Atebodd y sgwrsfot gwestiynau am gasgliadau gwastraff, ond ychydig a'i defnyddiodd.",
        "body": "Dysgon ni fod angen staff i ateb y cwestiynau anodd.",
    }))
}

fn bilingual() -> Value {
    input_with(json!({
        "language": "BILINGUAL",
        "title": "Council tax reminders by text message",
        "titleCy": "Nodiadau atgoffa treth gyngor drwy neges destun",
        "summaryCy": "Anfonwyd negeseuon atgoffa cyn y taliad cyntaf a fethwyd, a thalodd mwy o bobl ar amser.",
    }))
}

/// A page, as a browser with these headers asks for it.
async fn page(app: &TestApp, path: &str, headers: &[(reqwest::header::HeaderName, &str)]) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.expect("the page answers")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_study_has_a_language_and_a_bilingual_one_needs_its_welsh_title_and_summary() {
    let app = TestApp::spawn().await;
    let author = app.member_of("cardiff").await;

    let english = app.create(&author, valid_input()).await;
    let read = app.gql(Some(&author), LANGUAGES, json!({ "id": english })).await;
    assert_eq!(read.data()["caseStudy"]["language"], "EN", "English unless a client says otherwise");

    let id = app.create(&author, bilingual()).await;
    let read = app.gql(Some(&author), LANGUAGES, json!({ "id": id })).await;
    let case_study = &read.data()["caseStudy"];
    assert_eq!(case_study["language"], "BILINGUAL");
    assert_eq!(case_study["titleCy"], "Nodiadau atgoffa treth gyngor drwy neges destun");
    assert!(case_study["summaryCy"].as_str().unwrap().starts_with("Anfonwyd"));

    for (missing, field) in [("titleCy", "titleCy"), ("summaryCy", "summaryCy")] {
        let mut input = bilingual();
        input.as_object_mut().unwrap().remove(missing);
        let response = app.gql(Some(&author), CREATE, json!({ "input": input })).await;
        assert_eq!(response.error_code(), "BAD_USER_INPUT");
        assert_eq!(response.error_field(), field);
    }
    let mut too_short = bilingual();
    too_short["titleCy"] = json!("Byr");
    let response = app.gql(Some(&author), CREATE, json!({ "input": too_short })).await;
    assert_eq!((response.error_code(), response.error_field()), ("BAD_USER_INPUT", "titleCy"));
    let response = app.gql(Some(&author), CREATE, json!({ "input": input_with(json!({ "language": "FR" })) })).await;
    assert_eq!(response.error_code(), "BAD_USER_INPUT", "only EN, CY and BILINGUAL");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welsh_search_finds_every_mutation_of_a_word_and_the_language_facet_counts_each_language() {
    let app = TestApp::spawn().await;
    let author = app.member_of("cardiff").await;
    let welsh = app.publish_searchable(&author, welsh()).await;
    let bilingual = app.publish_searchable(&author, bilingual()).await;
    // Not Cardiff's: its council's Welsh name ("Cyngor Dinas Caerdydd") is searchable too.
    let english = app.publish_searchable(&app.member_of("camden").await, valid_input()).await;

    // "fy nghyngor" in the Welsh title, "treth gyngor" in the bilingual one.
    let found = app.gql(None, LANGUAGE_SEARCH, json!({ "query": "cyngor" })).await;
    let mut ids = hit_ids(&found.data()["search"]);
    ids.sort();
    let mut expected = vec![welsh.clone(), bilingual.clone()];
    expected.sort();
    assert_eq!(ids, expected, "cyngor finds nghyngor and gyngor");
    let found = app.gql(None, LANGUAGE_SEARCH, json!({ "query": "casgliadau" })).await;
    assert_eq!(hit_ids(&found.data()["search"]), std::slice::from_ref(&welsh), "the radical finds the soft mutation");
    let highlights = &found.data()["search"]["edges"][0]["highlights"];
    assert!(highlights.to_string().contains("<mark>gasgliadau</mark>"), "{highlights}");
    let found = app.gql(None, LANGUAGE_SEARCH, json!({ "query": "staff" })).await;
    assert!(hit_ids(&found.data()["search"]).contains(&welsh), "the Welsh body is searchable");

    let all = app.gql(None, LANGUAGE_SEARCH, json!({})).await;
    let facet = &all.data()["search"]["facets"]["language"];
    let count = |value: &str| {
        facet.as_array().unwrap().iter().find(|entry| entry["value"] == value).map(|entry| entry["count"].clone())
    };
    assert_eq!((count("EN"), count("CY"), count("BILINGUAL")), (Some(json!(1)), Some(json!(1)), Some(json!(1))));
    let only_welsh = app.gql(None, LANGUAGE_SEARCH, json!({ "filter": { "language": ["CY", "BILINGUAL"] } })).await;
    let ids = hit_ids(&only_welsh.data()["search"]);
    assert!(ids.contains(&welsh) && ids.contains(&bilingual) && !ids.contains(&english), "{ids:?}");
    let one = app.gql(None, LANGUAGE_SEARCH, json!({ "filter": { "language": "CY" } })).await;
    assert_eq!(hit_ids(&one.data()["search"]), [welsh], "a single value is a list of one");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welsh_councils_and_every_taxonomy_term_have_welsh_names() {
    let app = TestApp::spawn().await;
    let read = app
        .gql(
            None,
            r#"{ cardiff: authority(slug: "cardiff") { name nameCy } camden: authority(slug: "camden") { nameCy } }"#,
            json!({}),
        )
        .await;
    assert_eq!(read.data()["cardiff"]["nameCy"], "Cyngor Dinas Caerdydd");
    assert_eq!(read.data()["camden"]["nameCy"], Value::Null, "an English council has no Welsh name");
    let member = app.member_of("camden").await;
    let query = "query($after: String) { authorities(first: 100, after: $after) { edges { node { kind nameCy } }
        pageInfo { hasNextPage endCursor } } }";
    let welsh_councils = all_pages(&app.client, &app.address, &member, "authorities", query)
        .await
        .into_iter()
        .filter(|node| node["kind"] == "WELSH_COUNCIL")
        .map(|node| node["nameCy"].as_str().map(str::to_owned))
        .collect::<Vec<_>>();
    assert_eq!(welsh_councils.len(), 22);
    assert!(welsh_councils.iter().all(Option::is_some), "every Welsh council: {welsh_councils:?}");

    let taxonomy =
        app.gql(None, "{ taxonomy { serviceAreas { key labelCy } technologies { key labelCy } } }", json!({})).await;
    let terms: Vec<&Value> = ["serviceAreas", "technologies"]
        .iter()
        .flat_map(|kind| taxonomy.data()["taxonomy"][kind].as_array().unwrap())
        .collect();
    assert!(terms.iter().all(|term| term["labelCy"].is_string()), "every term: {terms:?}");
    assert!(terms.iter().any(|term| term["key"] == "housing" && term["labelCy"] == "Tai"));

    let page = page(&app, "/councils?lang=cy", &[]).await.text().await.unwrap();
    assert!(page.contains("Cyngor Dinas Caerdydd"), "the Welsh interface shows the Welsh name");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_comes_from_the_link_then_the_cookie_then_accept_language_else_english() {
    let app = TestApp::spawn().await;
    let english = page(&app, "/search?q=bins", &[]).await.text().await.unwrap();
    assert!(english.contains("<html lang=\"en-GB\">"));
    assert!(
        english.contains("href=\"/search?q=bins&#38;lang=cy\"") && english.contains(">Cymraeg</a>"),
        "the switch keeps the page and its query: {}",
        english.lines().filter(|line| line.contains("language-switch")).collect::<String>()
    );
    assert!(
        english.contains("hreflang=\"cy\"") && english.contains("hreflang=\"en-GB\""),
        "both alternates in the head"
    );

    let chosen = page(&app, "/search?q=bins&lang=cy", &[]).await;
    let cookie = chosen
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("lang="))
        .map(str::to_owned);
    let welsh = chosen.text().await.unwrap();
    assert!(welsh.contains("<html lang=\"cy\">"));
    assert!(welsh.contains("Chwilio"), "the navigation is Welsh");
    assert!(welsh.contains("href=\"/search?q=bins&#38;lang=en\"") && welsh.contains(">English</a>"));
    let cookie = cookie.expect("the choice is remembered");
    assert!(cookie.starts_with("lang=cy"), "{cookie}");

    let remembered =
        page(&app, "/councils", &[(COOKIE, "lang=cy"), (ACCEPT_LANGUAGE, "en-GB")]).await.text().await.unwrap();
    assert!(remembered.contains("<html lang=\"cy\">"), "the cookie wins over Accept-Language");
    let accepted = page(&app, "/councils", &[(ACCEPT_LANGUAGE, "cy-GB,cy;q=0.9,en;q=0.5")]).await.text().await.unwrap();
    assert!(accepted.contains("<html lang=\"cy\">"), "Accept-Language without a choice");
    let other = page(&app, "/councils", &[(ACCEPT_LANGUAGE, "fr-FR")]).await.text().await.unwrap();
    assert!(other.contains("<html lang=\"en-GB\">"), "else English");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_chooses_welsh_keeps_it_on_any_browser_and_gets_welsh_emails() {
    let app = TestApp::spawn().await;
    let author = app.member_of("cardiff").await;
    let chose = app.client.get(format!("{}/?lang=cy", app.address)).bearer_auth(&author).send().await.unwrap();
    assert_eq!(chose.status(), 200);
    let elsewhere = app
        .client
        .get(format!("{}/councils", app.address))
        .bearer_auth(&author)
        .header(ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap();
    assert!(elsewhere.text().await.unwrap().contains("<html lang=\"cy\">"), "their setting, with no cookie");

    let id = app.publish(&author, input_with(json!({ "title": "Biniau clyfar yn y dref" }))).await;
    let told = app.mail_to(&app.email_of(&author).await).await;
    let published = told.iter().find(|mail| mail.subject.contains("Biniau clyfar")).expect("told of the decision");
    assert_eq!(published.subject, "Wedi'i chyhoeddi: Biniau clyfar yn y dref", "in the language they chose");
    assert!(published.text_body.contains("Agor yr astudiaeth achos"), "{}", published.text_body);
    assert!(published.html_body.contains("<html lang=\"cy\">"));
    let _ = id;

    let other = app.member_of("camden").await;
    let other_id = app.publish(&other, input_with(json!({ "title": "Smart bins in the town centre" }))).await;
    let told = app.mail_to(&app.email_of(&other).await).await;
    assert!(told.iter().any(|mail| mail.subject == "Published: Smart bins in the town centre"), "English by default");
    let _ = other_id;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphql_error_messages_follow_accept_language_and_their_codes_never_change() {
    let app = TestApp::spawn().await;
    let ask = |language: &'static str, token: Option<String>, input: Value| {
        let app = &app;
        async move {
            let mut request = app
                .client
                .post(format!("{}/graphql", app.address))
                .header(ACCEPT_LANGUAGE, language)
                .json(&json!({ "query": CREATE, "variables": { "input": input } }));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send().await.unwrap().json::<Value>().await.unwrap()
        }
    };
    let english = ask("en", None, valid_input()).await;
    let welsh = ask("cy", None, valid_input()).await;
    assert_eq!(english["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(welsh["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(english["errors"][0]["message"], "sign in to do this");
    assert_eq!(welsh["errors"][0]["message"], "mewngofnodwch i wneud hyn");

    let author = app.member_of("cardiff").await;
    let mut input = bilingual();
    input.as_object_mut().unwrap().remove("titleCy");
    let welsh = ask("cy-GB", Some(author.clone()), input.clone()).await;
    let english = ask("en-GB", Some(author), input).await;
    assert_eq!(welsh["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(welsh["errors"][0]["extensions"]["field"], "titleCy");
    assert_eq!(english["errors"][0]["extensions"]["errors"][0]["message"], "is required for a bilingual case study");
    let message = &welsh["errors"][0]["extensions"]["errors"][0]["message"];
    assert_eq!(message, "mae'n ofynnol ar gyfer astudiaeth achos ddwyieithog");
    assert_eq!(welsh["errors"][0]["message"], "titleCy mae'n ofynnol ar gyfer astudiaeth achos ddwyieithog");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_are_welsh_when_asked_for_in_welsh() {
    let app = TestApp::spawn().await;
    let english = page(&app, "/feed.atom", &[]).await.text().await.unwrap();
    let welsh = page(&app, "/feed.atom?lang=cy", &[]).await.text().await.unwrap();
    let english = feed_rs::parser::parse(english.as_bytes()).expect("an Atom feed");
    let welsh = feed_rs::parser::parse(welsh.as_bytes()).expect("an Atom feed");
    assert_eq!(english.title.unwrap().content, "Casebook: new case studies");
    assert_eq!(welsh.title.unwrap().content, "Casebook: astudiaethau achos newydd");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_give_a_new_term_its_welsh_label_and_change_it_and_the_welsh_pages_show_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let create =
        "mutation($labelCy: String) { createTerm(kind: SERVICE_AREA, key: \"cemeteries\", label: \"Cemeteries\",
        labelCy: $labelCy) { key label labelCy } }";
    let created = app.gql(Some(&admin), create, json!({ "labelCy": "Mynwentydd" })).await;
    assert_eq!(created.data()["createTerm"]["labelCy"], "Mynwentydd");
    let update =
        "mutation($labelCy: String) { updateTerm(kind: SERVICE_AREA, key: \"cemeteries\", label: \"Cemeteries\",
        labelCy: $labelCy) { labelCy } }";
    let relabel_only =
        "mutation { updateTerm(kind: SERVICE_AREA, key: \"cemeteries\", label: \"Burial grounds\") { labelCy } }";
    let kept = app.gql(Some(&admin), relabel_only, json!({})).await;
    assert_eq!(kept.data()["updateTerm"]["labelCy"], "Mynwentydd", "absent keeps the Welsh label");
    let changed = app.gql(Some(&admin), update, json!({ "labelCy": "Mynwentydd a chladdu" })).await;
    assert_eq!(changed.data()["updateTerm"]["labelCy"], "Mynwentydd a chladdu");
    let too_long = app.gql(Some(&admin), update, json!({ "labelCy": "m".repeat(201) })).await;
    assert_eq!((too_long.error_code(), too_long.error_field()), ("BAD_USER_INPUT", "labelCy"));
    let member = app.member_of("cardiff").await;
    let refused = app.gql(Some(&member), update, json!({ "labelCy": "Dim" })).await;
    assert_eq!(refused.error_code(), "FORBIDDEN");

    let form = app.client.get(format!("{}/case-studies/new?lang=cy", app.address)).bearer_auth(&member).send().await;
    let form = form.unwrap().text().await.unwrap();
    assert!(form.contains("Mynwentydd a chladdu"), "the Welsh form offers the Welsh label");
    let cleared = app.gql(Some(&admin), update, json!({ "labelCy": "" })).await;
    assert_eq!(cleared.data()["updateTerm"]["labelCy"], Value::Null, "empty removes it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_welsh_case_study_is_never_found_by_its_councils_welsh_name() {
    let app = TestApp::spawn().await;
    let author = app.member_of("gwynedd").await;
    let anonymous = app
        .publish_searchable(
            &author,
            input_with(json!({ "anonymous": true, "language": "CY",
        "title": "Sgwrsfot dienw", "summary": "Astudiaeth achos dienw am sgwrsfot mewn cyngor yng ngogledd Cymru." })),
        )
        .await;
    let named = app.publish_searchable(&author, input_with(json!({ "title": "Named chatbot study" }))).await;
    for words in ["Cyngor Gwynedd", "gwynedd", "\"Cyngor Gwynedd\""] {
        let found = app.gql(None, LANGUAGE_SEARCH, json!({ "query": words })).await;
        let ids = hit_ids(&found.data()["search"]);
        assert!(!ids.contains(&anonymous), "{words}: {ids:?}");
        assert!(ids.contains(&named), "{words} finds the named one: {ids:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welsh_text_given_with_another_language_is_not_kept() {
    let app = TestApp::spawn().await;
    let author = app.member_of("cardiff").await;
    let mut english = bilingual();
    english["language"] = json!("EN");
    let id = app.create(&author, english).await;
    let read = app.gql(Some(&author), LANGUAGES, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["titleCy"], Value::Null, "only a bilingual case study has a Welsh title");
    assert_eq!(read.data()["caseStudy"]["summaryCy"], Value::Null);
}
