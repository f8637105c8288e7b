//! Email over a real SMTP server (issue 18 §1): aiosmtpd from PyPI, one per
//! test (`casebook_tests::mail::SmtpSink`). Ignored unless asked for, as
//! `.ci/run` does with CASEBOOK_TEST_SMTP_PYTHON set; asked for and unset,
//! they fail. The retry and dead-letter test needs no SMTP server: a port
//! nothing listens on is the broken server.

use std::time::Duration;

use casebook::entities::values::MailStatus;
use casebook::members::Role;
use casebook_tests::mail::SmtpSink;
use casebook_tests::{CREATE, SUBMIT, TestApp, input_with, valid_input};
use chrono::Utc;
use serde_json::json;

const NEEDS_SMTP: &str = "needs the test SMTP server: CASEBOOK_TEST_SMTP_PYTHON (.ci/run sets it)";

async fn with_smtp(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    TestApp::spawn_with(move |settings| {
        settings.smtp_url = Some(url);
        settings.mail_from = "Casebook <casebook@casebook.example>".into();
        settings.mail_poll_seconds = 1;
        settings.mail_retry_seconds = 0;
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test SMTP server: CASEBOOK_TEST_SMTP_PYTHON (.ci/run sets it)"]
async fn a_notification_arrives_over_smtp_with_text_html_a_message_id_and_one_click_unsubscribe() {
    let _ = NEEDS_SMTP;
    let sink = SmtpSink::start();
    let app = with_smtp(&sink).await;
    let moderator_email = format!("moderator-{}@casebook.example", uuid::Uuid::new_v4().simple());
    let moderator = app.token(&moderator_email, Role::Moderator, None).await;
    let author = app.member_of("camden").await;
    let id = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": id })).await.data();

    sink.wait_for(1).await;
    let received = sink.received_by(&moderator_email);
    assert_eq!(received.len(), 1, "exactly one message for the moderator");
    let message = &received[0];
    assert_eq!(message.subject(), "Submitted for moderation: Sensors in litter bins");
    assert!(message.text().contains(&format!("{}/moderation", app.address)), "{}", message.text());
    assert!(message.html().contains(&format!("href=\"{}/moderation\"", app.address)), "{}", message.html());
    let parsed = message.parsed();
    assert_eq!(
        parsed.from().and_then(|from| from.first()).and_then(|from| from.address()),
        Some("casebook@casebook.example")
    );
    let message_id = parsed.message_id().expect("a Message-ID").to_owned();
    assert!(message_id.ends_with("@127.0.0.1"), "{message_id}");
    let unsubscribe = message.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(unsubscribe.starts_with(&format!("<{}/unsubscribe/", app.address)), "{unsubscribe}");
    assert_eq!(message.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    // The sink has the message once the server's SMTP "250 OK" is sent; the
    // worker marks it SENT just after, in its own transaction.
    let started = std::time::Instant::now();
    let mut outbox = app.outbox().await;
    while !outbox.iter().all(|mail| mail.status == MailStatus::Sent) && started.elapsed().as_secs() < 10 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        outbox = app.outbox().await;
    }
    assert!(outbox.iter().all(|mail| mail.status == MailStatus::Sent), "{outbox:#?}");

    // The one-click POST a mail client makes, to the header's address.
    let url = unsubscribe.trim_start_matches('<').trim_end_matches('>').to_owned();
    let posted = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(&url)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let settings = app.gql(Some(&moderator), "{ notificationSettings { submissions } }", json!({})).await;
    assert_eq!(settings.data()["notificationSettings"]["submissions"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test SMTP server: CASEBOOK_TEST_SMTP_PYTHON (.ci/run sets it)"]
async fn an_alert_arrives_over_smtp_with_its_links_and_unsubscribe_headers() {
    let sink = SmtpSink::start();
    let app = with_smtp(&sink).await;
    let reader = app.member_of("leeds").await;
    let reader_email = app.email_of(&reader).await;
    let save = "mutation { saveSearch(query: \"chatbot\", name: \"Chatbots\", frequency: IMMEDIATELY) { id } }";
    app.gql(Some(&reader), save, json!({})).await.data();
    let author = app.member_of("camden").await;
    let id = app.publish(&author, input_with(json!({ "title": "Council tax chatbot" }))).await;
    app.run_jobs(Utc::now()).await;
    let started = std::time::Instant::now();
    while sink.received_by(&reader_email).is_empty() && started.elapsed() < Duration::from_secs(15) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let received = sink.received_by(&reader_email);
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].subject(), "New on Casebook for “Chatbots”: Council tax chatbot");
    let link = format!("{}/case-studies/{}", app.address, app.slug_of(&id).await);
    assert!(received[0].text().contains(&link) && received[0].html().contains(&link));
    assert!(received[0].header("List-Unsubscribe").is_some());
    assert_eq!(received[0].header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test SMTP server: CASEBOOK_TEST_SMTP_PYTHON (.ci/run sets it)"]
async fn a_busy_smtp_server_is_retried_until_it_takes_the_message() {
    let sink = SmtpSink::start_failing_first(2);
    let app = with_smtp(&sink).await;
    let admin_email = format!("admin-{}@casebook.example", uuid::Uuid::new_v4().simple());
    app.token(&admin_email, Role::Admin, None).await;
    let site = app.state.outbox.site().cloned();
    casebook::members::member_for_dev_sign_in(&app.state.db, site.as_ref(), "waiting@gmail.example", Role::Member)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while sink.received_by(&admin_email).is_empty() && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sink.received_by(&admin_email).len(), 1, "delivered after two refusals");
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1);
    assert_eq!((outbox[0].status, outbox[0].attempts), (MailStatus::Sent, 3), "{outbox:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the test SMTP server: CASEBOOK_TEST_SMTP_PYTHON (.ci/run sets it)"]
async fn two_servers_sharing_a_database_send_every_email_exactly_once() {
    let sink = SmtpSink::start();
    let first = with_smtp(&sink).await;
    let url = sink.url();
    let second = TestApp::builder()
        .sharing_database_with(&first)
        .configure(move |settings| {
            settings.smtp_url = Some(url);
            settings.mail_poll_seconds = 1;
        })
        .spawn()
        .await;
    let mut moderators = Vec::new();
    for _ in 0..3 {
        let email = format!("moderator-{}@casebook.example", uuid::Uuid::new_v4().simple());
        first.token(&email, Role::Moderator, None).await;
        moderators.push(email);
    }
    // Submissions through both servers: each writes mail both mail workers may claim.
    let mut submitted = 0;
    for server in [&first, &second, &first, &second, &first, &second, &first, &second] {
        let author = server.member_of("camden").await;
        let created = until_served(|| server.gql(Some(&author), CREATE, json!({ "input": valid_input() }))).await;
        let id = created.data()["createCaseStudy"]["id"].as_str().unwrap().to_owned();
        until_served(|| server.gql(Some(&author), SUBMIT, json!({ "id": id }))).await.data();
        submitted += 1;
    }
    let expected = submitted * moderators.len();
    let received = sink.wait_for(expected).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let received_now = sink.received();
    assert_eq!(received_now.len(), expected, "every email once: {} after the wait", received.len());
    let mut ids: Vec<String> =
        received_now.iter().map(|message| message.parsed().message_id().unwrap_or_default().to_owned()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), expected, "no Message-ID twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_smtp_server_is_retried_with_backoff_then_dead_lettered_for_admins_to_see() {
    let closed = casebook_tests::free_loopback_address();
    let app = TestApp::spawn_with(move |settings| {
        settings.smtp_url = Some(format!("smtp://{closed}"));
        settings.mail_poll_seconds = 1;
        settings.mail_retry_seconds = 0;
        settings.mail_max_attempts = 3;
    })
    .await;
    let admin_email = format!("admin-{}@casebook.example", uuid::Uuid::new_v4().simple());
    let admin = app.token(&admin_email, Role::Admin, None).await;
    let site = app.state.outbox.site().cloned();
    casebook::members::member_for_dev_sign_in(&app.state.db, site.as_ref(), "waiting@gmail.example", Role::Member)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let dead = loop {
        let outbox = app.outbox().await;
        if outbox.iter().any(|mail| mail.status == MailStatus::Dead) || started.elapsed() > Duration::from_secs(20) {
            break outbox;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(dead.len(), 1);
    assert_eq!((dead[0].status, dead[0].attempts), (MailStatus::Dead, 3), "{dead:#?}");
    assert!(dead[0].last_error.is_some());
    let ready: serde_json::Value =
        app.client.get(format!("{}/ready", app.address)).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["outbox"]["dead"], 1, "{ready:#}");
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("casebook_mail_dead_messages 1"), "{metrics}");
    assert!(metrics.contains("casebook_mail_outbox_depth 0"));

    // Admins see it, with the reason; nobody else does.
    let page = app.client.get(format!("{}/admin/mail", app.address)).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(&admin_email) && html.contains("A new member is waiting"), "{html}");
    let member = app.member_of("camden").await;
    let refused = app.client.get(format!("{}/admin/mail", app.address)).bearer_auth(&member).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    assert_eq!(app.client.get(format!("{}/admin/mail", app.address)).send().await.unwrap().status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_depth_and_the_age_of_its_oldest_message_are_on_ready_and_metrics() {
    // A server whose worker never gets to send (its SMTP server refuses, slowly: the first retry waits an hour).
    let closed = casebook_tests::free_loopback_address();
    let app = TestApp::spawn_with(move |settings| {
        settings.smtp_url = Some(format!("smtp://{closed}"));
        settings.mail_retry_seconds = 3600;
    })
    .await;
    app.token(&format!("admin-{}@casebook.example", uuid::Uuid::new_v4().simple()), Role::Admin, None).await;
    let site = app.state.outbox.site().cloned();
    casebook::members::member_for_dev_sign_in(&app.state.db, site.as_ref(), "waiting@gmail.example", Role::Member)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let ready: serde_json::Value =
        app.client.get(format!("{}/ready", app.address)).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["outbox"]["waiting"], 1, "{ready:#}");
    assert!(ready["outbox"]["oldestSeconds"].as_f64().unwrap() >= 1.0, "{ready:#}");
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("casebook_mail_outbox_depth 1"), "{metrics}");
}

/// Two servers on one SQLite file (PostgreSQL is the database for several
/// servers) can meet each other's write lock: the loser is answered
/// SERVICE_UNAVAILABLE ("try again shortly") with nothing written, and a
/// client tries again, as this does (at most 50 times).
async fn until_served<F, Fut>(request: F) -> casebook_tests::GqlResponse
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = casebook_tests::GqlResponse>,
{
    for _ in 0..50 {
        let response = request().await;
        if response.body["errors"][0]["extensions"]["code"] != "SERVICE_UNAVAILABLE" {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("still SERVICE_UNAVAILABLE after 50 tries");
}
