//! Questions to the authoring council (issue 19 §2): an ACTIVE member of
//! another council asks; the owning council hears of it and answers; the
//! asker chooses whether the exchange is public; an anonymous case study's
//! council answers without being named; questions and answers are reported
//! and moderated like case studies.

use casebook::members::{MemberStatus, Role};
use casebook_tests::browser::{Browser, hidden_value};
use casebook_tests::*;
use serde_json::{Value, json};

const ASK: &str = "mutation($id: ID!, $body: String!, $public: Boolean!) {
    askQuestion(caseStudyId: $id, body: $body, public: $public) { id body public askerLabel answer mine } }";
const ANSWER: &str = "mutation($id: ID!, $body: String!) {
    answerQuestion(questionId: $id, body: $body) { id answer answererLabel answeredAt } }";
const QUESTIONS: &str = "query($id: ID!) { caseStudy(id: $id) { questions { id body public askerLabel answer
    answererLabel mine answerable } } }";
const REPORT_QUESTION: &str = "mutation($id: ID!, $part: QuestionPart!, $reason: ReportReason!) {
    reportQuestion(questionId: $id, part: $part, reason: $reason) { id } }";
const DECIDE: &str = "mutation($id: ID!, $part: QuestionPart!, $decision: ReportDecision!, $note: String!) {
    decideQuestionReports(questionId: $id, part: $part, decision: $decision, note: $note) { id body answer } }";

async fn question_ids(app: &TestApp, token: Option<&str>, case_study: &str) -> Vec<String> {
    let read = app.gql(token, QUESTIONS, json!({ "id": case_study })).await;
    let questions = &read.data()["caseStudy"]["questions"];
    questions
        .as_array()
        .map_or_else(Vec::new, |list| list.iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect())
}

async fn ask(app: &TestApp, token: &str, case_study: &str, public: bool) -> String {
    let asked = app
        .gql(
            Some(token),
            ASK,
            json!({ "id": case_study, "body": "How did you pay for the sensors?", "public": public }),
        )
        .await;
    asked.data()["askQuestion"]["id"].as_str().expect("a question").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_reaches_the_owning_council_whose_answer_reaches_the_asker() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let camden_email = app.email_of(&camden).await;
    let id = app.publish(&camden, valid_input()).await;
    let leeds = app.member_of("leeds").await;
    let leeds_email = app.email_of(&leeds).await;
    let asked = app
        .gql(Some(&leeds), ASK, json!({ "id": id, "body": "  How did you pay for the sensors?  ", "public": true }))
        .await;
    let question = &asked.data()["askQuestion"];
    assert_eq!(question["body"], "How did you pay for the sensors?");
    assert_eq!(question["askerLabel"], "An officer at Leeds City Council");
    assert_eq!(question["mine"], true);
    assert_eq!(question["answer"], Value::Null);
    let question_id = question["id"].as_str().unwrap().to_owned();

    let subjects: Vec<String> = app.mail_to(&camden_email).await.into_iter().map(|mail| mail.subject).collect();
    assert!(subjects.iter().any(|s| s == "A question about Sensors in litter bins"), "{subjects:?}");

    let read = app.gql(Some(&camden), QUESTIONS, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["questions"][0]["answerable"], true);
    let answered = app.gql(Some(&camden), ANSWER, json!({ "id": question_id, "body": "From the climate fund." })).await;
    assert_eq!(answered.data()["answerQuestion"]["answer"], "From the climate fund.");
    assert_eq!(answered.data()["answerQuestion"]["answererLabel"], "London Borough of Camden");
    let subjects: Vec<String> = app.mail_to(&leeds_email).await.into_iter().map(|mail| mail.subject).collect();
    assert!(subjects.iter().any(|s| s == "Your question was answered: Sensors in litter bins"), "{subjects:?}");

    // A public exchange is read by everyone who can read the case study, on the page too.
    let read = app.gql(None, QUESTIONS, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["questions"][0]["answer"], "From the climate fund.");
    assert_eq!(read.data()["caseStudy"]["questions"][0]["mine"], false);
    let html = app
        .client
        .get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("How did you pay for the sensors?") && html.contains("From the climate fund."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_active_members_of_another_council_may_ask() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let id = app.publish(&camden, valid_input()).await;
    let refused = [
        ("anonymous", None, "UNAUTHENTICATED"),
        ("pending", Some(app.token_with_status(Role::Member, MemberStatus::Pending, Some("leeds")).await), "FORBIDDEN"),
        (
            "suspended",
            Some(app.token_with_status(Role::Member, MemberStatus::Suspended, Some("leeds")).await),
            "FORBIDDEN",
        ),
        ("the owning council", Some(camden.clone()), "FORBIDDEN"),
        ("a moderator of no council", Some(app.moderator().await), "FORBIDDEN"),
        ("an admin of no council", Some(app.admin().await), "FORBIDDEN"),
    ];
    for (label, token, code) in &refused {
        let response = app.gql(token.as_deref(), ASK, json!({ "id": id, "body": "Why?", "public": true })).await;
        assert_eq!(response.error_code(), *code, "{label} may not ask");
    }
    assert!(question_ids(&app, Some(&camden), &id).await.is_empty(), "no refused attempt asked");

    let leeds = app.member_of("leeds").await;
    let draft = app.create(&camden, valid_input()).await;
    let hidden = app.gql(Some(&leeds), ASK, json!({ "id": draft, "body": "Why?", "public": true })).await;
    assert_eq!(hidden.error_code(), "NOT_FOUND", "a draft is not there to ask about");
    let empty = app.gql(Some(&leeds), ASK, json!({ "id": id, "body": "   ", "public": true })).await;
    assert_eq!((empty.error_code(), empty.error_field()), ("BAD_USER_INPUT", "body"));
    let long = app.gql(Some(&leeds), ASK, json!({ "id": id, "body": "x".repeat(5_001), "public": true })).await;
    assert_eq!((long.error_code(), long.error_field()), ("BAD_USER_INPUT", "body"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owning_councils_active_members_may_answer() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let id = app.publish(&camden, valid_input()).await;
    let leeds = app.member_of("leeds").await;
    let question = ask(&app, &leeds, &id, true).await;
    let refused = [
        ("anonymous", None, "UNAUTHENTICATED"),
        ("the asker", Some(leeds.clone()), "FORBIDDEN"),
        ("a third council", Some(app.member_of("kent").await), "FORBIDDEN"),
        ("a moderator", Some(app.moderator().await), "FORBIDDEN"),
        (
            "a pending member of camden",
            Some(app.token_with_status(Role::Member, MemberStatus::Pending, Some("camden")).await),
            "FORBIDDEN",
        ),
        (
            "a suspended member of camden",
            Some(app.token_with_status(Role::Member, MemberStatus::Suspended, Some("camden")).await),
            "FORBIDDEN",
        ),
    ];
    for (label, token, code) in &refused {
        let response = app.gql(token.as_deref(), ANSWER, json!({ "id": question, "body": "Because." })).await;
        assert_eq!(response.error_code(), *code, "{label} may not answer");
    }
    let read = app.gql(None, QUESTIONS, json!({ "id": id })).await;
    assert_eq!(read.data()["caseStudy"]["questions"][0]["answer"], Value::Null);
    let empty = app.gql(Some(&camden), ANSWER, json!({ "id": question, "body": "" })).await;
    assert_eq!((empty.error_code(), empty.error_field()), ("BAD_USER_INPUT", "body"));
    let unknown = app.gql(Some(&camden), ANSWER, json!({ "id": "no-such-question", "body": "Yes." })).await;
    assert_eq!(unknown.error_code(), "NOT_FOUND");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_exchange_is_read_by_the_asker_the_owning_council_and_moderators_only() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let id = app.publish(&camden, valid_input()).await;
    let leeds = app.member_of("leeds").await;
    let private = ask(&app, &leeds, &id, false).await;
    app.gql(Some(&camden), ANSWER, json!({ "id": private, "body": "Privately: the climate fund." })).await.data();
    let readers = [
        ("anonymous", None, false),
        ("a third council", Some(app.member_of("kent").await), false),
        ("another member of the asker's council", Some(app.member_of("leeds").await), false),
        ("the asker", Some(leeds.clone()), true),
        ("the owning council", Some(camden.clone()), true),
        ("a moderator", Some(app.moderator().await), true),
    ];
    for (label, token, sees) in &readers {
        assert_eq!(question_ids(&app, token.as_deref(), &id).await.contains(&private), *sees, "{label}");
    }
    let kent = app.member_of("kent").await;
    let answer = app.gql(Some(&kent), ANSWER, json!({ "id": private, "body": "x" })).await;
    assert_eq!(answer.error_code(), "NOT_FOUND", "a private question is not there for others");
    let html = app
        .client
        .get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Privately: the climate fund."), "the public page leaves it out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_on_a_members_only_case_study_stay_with_members() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let id = app.publish(&camden, input_with(json!({ "visibility": "MEMBERS" }))).await;
    let leeds = app.member_of("leeds").await;
    let public = ask(&app, &leeds, &id, true).await;
    assert_eq!(app.gql(None, QUESTIONS, json!({ "id": id })).await.data()["caseStudy"], Value::Null);
    assert!(question_ids(&app, Some(&app.member_of("kent").await), &id).await.contains(&public));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_case_studys_council_answers_without_being_named() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let camden_email = app.email_of(&camden).await;
    let id = app.publish(&camden, input_with(json!({ "anonymous": true }))).await;
    let leeds = app.member_of("leeds").await;
    let leeds_email = app.email_of(&leeds).await;
    let question = ask(&app, &leeds, &id, true).await;
    let answered = app.gql(Some(&camden), ANSWER, json!({ "id": question, "body": "We used the climate fund." })).await;
    assert_eq!(
        answered.data()["answerQuestion"]["answererLabel"],
        "London Borough of Camden",
        "its own council knows itself"
    );
    for viewer in [None, Some(leeds.clone()), Some(app.member_of("kent").await)] {
        let read = app.gql(viewer.as_deref(), QUESTIONS, json!({ "id": id })).await;
        let shown = read.data()["caseStudy"]["questions"][0].to_string();
        assert!(shown.contains("A London borough") && !shown.contains("Camden"), "{shown}");
    }
    let html = app
        .client
        .get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Camden"), "the page never names the council");
    for mail in app.mail_to(&leeds_email).await {
        assert!(
            !mail.text_body.contains("Camden") && !mail.subject.contains("Camden"),
            "the asker's email does not name it"
        );
    }
    assert!(!app.mail_to(&camden_email).await.is_empty(), "the owning council still hears of the question");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reported_answer_is_moderated_like_a_report_and_removed_when_upheld() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let id = app.publish(&camden, valid_input()).await;
    let leeds = app.member_of("leeds").await;
    let question = ask(&app, &leeds, &id, true).await;
    app.gql(Some(&camden), ANSWER, json!({ "id": question, "body": "Ring Jo Bloggs on 07700 900123." })).await.data();

    let kent = app.member_of("kent").await;
    let refused =
        app.gql(None, REPORT_QUESTION, json!({ "id": question, "part": "ANSWER", "reason": "PERSONAL_DATA" })).await;
    assert_eq!(refused.error_code(), "UNAUTHENTICATED");
    let own = app
        .gql(Some(&camden), REPORT_QUESTION, json!({ "id": question, "part": "ANSWER", "reason": "PERSONAL_DATA" }))
        .await;
    assert_eq!(own.error_code(), "FORBIDDEN", "nobody reports their own answer");
    app.gql(Some(&kent), REPORT_QUESTION, json!({ "id": question, "part": "ANSWER", "reason": "PERSONAL_DATA" }))
        .await
        .data();

    let moderator = app.moderator().await;
    let queue = app
        .gql(
            Some(&moderator),
            "{ questionReports { totalCount edges { node { part reportCount question { id answer } } } } }",
            json!({}),
        )
        .await;
    let item = &queue.data()["questionReports"]["edges"][0]["node"];
    assert_eq!(queue.data()["questionReports"]["totalCount"], 1);
    assert_eq!((item["part"].as_str(), item["reportCount"].as_i64()), (Some("ANSWER"), Some(1)));
    for (label, token) in [("anonymous", None), ("a member", Some(kent.clone()))] {
        let response = app.gql(token.as_deref(), "{ questionReports { totalCount } }", json!({})).await;
        assert!(matches!(response.error_code(), "UNAUTHENTICATED" | "FORBIDDEN"), "{label} may not read the queue");
    }
    let not_moderator = app
        .gql(Some(&kent), DECIDE, json!({ "id": question, "part": "ANSWER", "decision": "UPHOLD", "note": "x" }))
        .await;
    assert_eq!(not_moderator.error_code(), "FORBIDDEN");
    let no_note = app
        .gql(Some(&moderator), DECIDE, json!({ "id": question, "part": "ANSWER", "decision": "UPHOLD", "note": " " }))
        .await;
    assert_eq!((no_note.error_code(), no_note.error_field()), ("BAD_USER_INPUT", "note"));
    let decided = app
        .gql(
            Some(&moderator),
            DECIDE,
            json!({ "id": question, "part": "ANSWER", "decision": "UPHOLD", "note": "Personal data" }),
        )
        .await;
    assert_eq!(
        decided.data()["decideQuestionReports"]["answer"],
        "Ring Jo Bloggs on 07700 900123.",
        "moderators still read it"
    );

    for viewer in [None, Some(kent.clone()), Some(leeds.clone())] {
        let read = app.gql(viewer.as_deref(), QUESTIONS, json!({ "id": id })).await;
        let shown = &read.data()["caseStudy"]["questions"][0];
        assert_eq!(shown["answer"], Value::Null, "the removed answer is gone: {shown}");
        assert_eq!(shown["body"], "How did you pay for the sensors?", "the question stays");
    }
    let html = app
        .client
        .get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("07700 900123"));
    let queue = app.gql(Some(&moderator), "{ questionReports { totalCount } }", json!({})).await;
    assert_eq!(queue.data()["questionReports"]["totalCount"], 0, "decided");
    let again = app
        .gql(Some(&moderator), DECIDE, json!({ "id": question, "part": "ANSWER", "decision": "DISMISS", "note": "x" }))
        .await;
    assert_eq!(again.error_code(), "CONFLICT", "nothing open to decide");
    let reposted =
        app.gql(Some(&camden), ANSWER, json!({ "id": question, "body": "Ring Jo Bloggs on 07700 900123." })).await;
    assert_eq!(reposted.error_code(), "CONFLICT", "a removed answer cannot be posted again unreviewed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_forms_ask_and_answer_through_the_same_rules() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let camden = app.token("author@camden.gov.uk", Role::Member, Some("camden")).await;
    let id = app.publish(&camden, valid_input()).await;
    let url = format!("{}/case-studies/{}", app.address, app.slug_of(&id).await);
    assert!(!Browser::new().visit(&url, None).await.body.contains("Ask the council a question"), "visitors do not ask");

    let asker = app.browser_signed_in_as("asker@leeds.gov.uk", Role::Member).await;
    let page = asker.visit(&url, None).await;
    assert!(page.body.contains("Ask the council a question"), "another council's member is offered the form");
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let empty = asker.submit(&format!("{url}/questions"), &[("csrf", &csrf), ("body", " ")], None).await;
    assert_eq!(empty.status, 400, "an empty question is refused with a clear page");
    let asked = asker
        .submit(&format!("{url}/questions"), &[("csrf", &csrf), ("body", "Was it worth it?"), ("public", "yes")], None)
        .await;
    assert!(asked.body.contains("Was it worth it?"), "back on the page with the question");

    let council = app.browser_signed_in_as("colleague@camden.gov.uk", Role::Member).await;
    let page = council.visit(&url, None).await;
    assert!(page.body.contains("Answer for your council"));
    let question = app.gql(None, QUESTIONS, json!({ "id": id })).await.data()["caseStudy"]["questions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let answered = council
        .submit(&format!("{url}/questions/{question}/answer"), &[("csrf", &csrf), ("body", "Yes, twice over.")], None)
        .await;
    assert!(answered.body.contains("Yes, twice over."));
    let forged =
        asker.submit(&format!("{url}/questions/{question}/answer"), &[("csrf", "forged"), ("body", "No.")], None).await;
    assert_eq!(forged.status, 403);
    let not_theirs = asker
        .submit(
            &format!("{url}/questions/{question}/answer"),
            &[("csrf", &hidden_value(&asker.visit(&url, None).await.body, "csrf").unwrap()), ("body", "No.")],
            None,
        )
        .await;
    assert_eq!(not_theirs.status, 403, "the asker cannot answer for the council");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_decides_a_reported_question_from_the_pages() {
    let app = TestApp::builder().dev_sign_in().spawn().await;
    let camden = app.token("author@camden.gov.uk", Role::Member, Some("camden")).await;
    let id = app.publish(&camden, valid_input()).await;
    let leeds = app.member_of("leeds").await;
    let asked = app
        .gql(Some(&leeds), ASK, json!({ "id": id, "body": "Buy my product at spam.example!", "public": true }))
        .await;
    let question = asked.data()["askQuestion"]["id"].as_str().unwrap().to_owned();
    let kent = app.member_of("kent").await;
    app.gql(Some(&kent), REPORT_QUESTION, json!({ "id": question, "part": "QUESTION", "reason": "OFFENSIVE" }))
        .await
        .data();

    let member = app.browser_signed_in_as("reader@bristol.gov.uk", Role::Member).await;
    let refused = member.visit(&format!("{}/moderation/questions", app.address), None).await;
    assert_eq!(refused.status, 403, "members do not moderate");
    let moderator = app.browser_signed_in_as("moderator@kent.gov.uk", Role::Moderator).await;
    let queue = moderator.visit(&format!("{}/moderation", app.address), None).await;
    assert!(queue.body.contains("1 reported question or answer waits"), "{}", queue.body);
    let page = moderator.visit(&format!("{}/moderation/questions", app.address), None).await;
    assert!(page.body.contains("Buy my product at spam.example!") && page.body.contains("Offensive"), "{}", page.body);
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let form = [("csrf", csrf.as_str()), ("part", "QUESTION"), ("decision", "UPHOLD"), ("note", "Advertising")];
    let decided = moderator.submit(&format!("{}/moderation/questions/{question}", app.address), &form, None).await;
    assert!(decided.body.contains("Reports upheld"), "{}", decided.body);
    let read = app.gql(None, QUESTIONS, json!({ "id": id })).await;
    assert!(
        read.data()["caseStudy"]["questions"].as_array().unwrap().is_empty(),
        "a removed question is gone for readers"
    );
    let html = app
        .client
        .get(format!("{}/case-studies/{}", app.address, app.slug_of(&id).await))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("spam.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_asks_at_most_twenty_questions_an_hour() {
    let app = TestApp::spawn().await;
    let camden = app.member_of("camden").await;
    let id = app.publish(&camden, valid_input()).await;
    let leeds = app.member_of("leeds").await;
    for n in 0..casebook::questions::MAX_QUESTIONS_PER_HOUR {
        let asked =
            app.gql(Some(&leeds), ASK, json!({ "id": id, "body": format!("Question {n}"), "public": false })).await;
        asked.data();
    }
    let refused = app.gql(Some(&leeds), ASK, json!({ "id": id, "body": "One more", "public": false })).await;
    assert_eq!(refused.error_code(), "RATE_LIMITED");
    let other = app.member_of("leeds").await;
    let asked = app.gql(Some(&other), ASK, json!({ "id": id, "body": "Mine", "public": false })).await;
    assert_eq!(asked.data()["askQuestion"]["body"], "Mine", "the limit is per member");
}
