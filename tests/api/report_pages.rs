//! Reports, takedowns and the audit log in the pages, over HTTP: a member
//! reports from the case study's page, a moderator upholds it from the
//! queue, the council reads the reason, the reporter the outcome, and an
//! admin reads and exports the audit log.

use casebook::members::Role;
use casebook_tests::browser::{Browser, hidden_value};
use casebook_tests::*;

async fn dev_app() -> TestApp {
    TestApp::builder().dev_sign_in().spawn().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_reports_from_the_page_and_a_moderator_takes_it_down_from_the_queue() {
    let app = dev_app().await;
    let author = app.token("author@camden.gov.uk", Role::Member, Some("camden")).await;
    let id = app.publish(&author, valid_input()).await;
    let slug = app.slug_of(&id).await;
    let url = format!("{}/case-studies/{slug}", app.address);

    let visitor = Browser::new();
    assert!(
        !visitor.visit(&url, None).await.body.contains("Report this case study"),
        "members report, visitors do not"
    );
    let reader = app.browser_signed_in_as("reader@bristol.gov.uk", Role::Member).await;
    let page = reader.visit(&url, None).await;
    assert!(page.body.contains("Report this case study") && page.body.contains("value=\"PERSONAL_DATA\""));
    let csrf = hidden_value(&page.body, "csrf").unwrap();
    let report_url = format!("{url}/report");
    let no_reason = reader.submit(&report_url, &[("csrf", &csrf), ("details", "x")], None).await;
    assert_eq!(no_reason.status, 400, "a reason is needed: {}", no_reason.body);
    let form = [("csrf", csrf.as_str()), ("reason", "PERSONAL_DATA"), ("details", "It names a resident.")];
    let thanked = reader.submit(&report_url, &form, None).await;
    assert!(thanked.url.ends_with("?reported=1") && thanked.body.contains("moderators will look at your report"));
    let forged = visitor.submit(&report_url, &[("csrf", "forged"), ("reason", "OTHER")], None).await;
    assert_eq!(forged.status, 403, "a forged form changes nothing");

    let moderator = app.browser_signed_in_as("moderator@kent.gov.uk", Role::Moderator).await;
    let queue = moderator.visit(&format!("{}/moderation", app.address), None).await;
    assert!(queue.body.contains("1 report waits") && queue.body.contains("Personal data"), "{}", queue.body);
    let link_start = queue.body.find("/moderation/reports/").expect("a link to the report");
    let report_path: String = queue.body[link_start..].chars().take_while(|c| *c != '"').collect();
    let report_page = moderator.visit(&format!("{}{report_path}", app.address), None).await;
    assert!(
        report_page.body.contains("It names a resident.")
            && report_page.body.contains("The sensors failed in the cold")
    );
    assert!(!report_page.body.contains("reader@bristol.gov.uk"), "never who reported it");
    let csrf = hidden_value(&report_page.body, "csrf").unwrap();
    let decide_url = format!("{}{report_path}", app.address);
    let no_note = moderator.submit(&decide_url, &[("csrf", &csrf), ("decision", "UPHOLD"), ("note", "")], None).await;
    assert_eq!(no_note.status, 400);
    assert!(no_note.body.contains("href=\"#note\"") && no_note.body.contains("value=\"UPHOLD\" checked"));
    let uphold = [("csrf", csrf.as_str()), ("decision", "UPHOLD"), ("note", "Remove the resident's name.")];
    let back = moderator.submit(&decide_url, &uphold, None).await;
    assert!(back.url.ends_with("/moderation?decided=REPORT_UPHOLD"), "{}", back.url);
    assert!(back.body.contains("0 reports wait"), "{}", back.body);

    assert_eq!(visitor.visit(&url, None).await.status, 404, "gone for visitors");
    assert_eq!(reader.visit(&url, None).await.status, 404, "and for the reporter");
    let mine = reader.visit(&format!("{}/my-reports", app.address), None).await;
    assert!(mine.body.contains("Upheld") && mine.body.contains("no longer available"), "{}", mine.body);
    assert!(
        !mine.body.contains("Remove the resident") && !mine.body.contains("Sensors in litter bins"),
        "neither the reason nor the title"
    );
    assert!(!mine.body.contains(&format!("href=\"/case-studies/{slug}\"")), "no link to what they cannot read");

    let officer = app.browser_signed_in_as("author@camden.gov.uk", Role::Member).await;
    let own = officer.visit(&url, None).await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("A moderator took this case study down") && own.body.contains("Remove the resident"));
    assert!(own.body.contains(&format!("href=\"/case-studies/{slug}/edit\"")), "its council may edit it");
    assert!(own.body.contains(&format!("action=\"/case-studies/{slug}/submit\"")), "and submit it again");
    assert!(!own.body.contains("bristol") && !own.body.contains("Bristol"), "never who reported it");
    let csrf = hidden_value(&own.body, "csrf").unwrap();
    let resubmitted = officer.submit(&format!("{url}/submit"), &[("csrf", csrf.as_str())], None).await;
    assert!(resubmitted.body.contains("SUBMITTED"), "{}", resubmitted.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_read_filter_and_export_the_audit_log_and_no_one_else_does() {
    let app = dev_app().await;
    let author = app.token("author@camden.gov.uk", Role::Member, Some("camden")).await;
    let id = app.publish(&author, valid_input()).await;
    let moderator = app.moderator().await;
    app.gql(Some(&moderator), WITHDRAW, serde_json::json!({ "id": id })).await.data();

    let path = format!("{}/admin/audit", app.address);
    assert_eq!(Browser::new().visit(&path, None).await.status, 401);
    let member = app.browser_signed_in_as("member@camden.gov.uk", Role::Member).await;
    assert_eq!(member.visit(&path, None).await.status, 403);
    assert_eq!(member.visit(&format!("{path}.csv"), None).await.status, 403);
    let moderator_browser = app.browser_signed_in_as("moderator@bristol.gov.uk", Role::Moderator).await;
    assert_eq!(moderator_browser.visit(&path, None).await.status, 403);

    let admin = app.browser_signed_in_as("admin@leeds.gov.uk", Role::Admin).await;
    let page = admin.visit(&path, None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("case_study.approve") && page.body.contains("case_study.withdraw"), "{}", page.body);
    let filtered = admin.visit(&format!("{path}?action=case_study.withdraw"), None).await;
    assert!(filtered.body.contains("1 entry"), "{}", filtered.body);
    let bad_date = admin.visit(&format!("{path}?from=yesterday"), None).await;
    assert_eq!(bad_date.status, 400);
    assert!(bad_date.body.contains("href=\"#from\""), "{}", bad_date.body);

    let export = admin.visit(&format!("{path}.csv?action=case_study.withdraw"), None).await;
    assert_eq!(export.status, 200);
    let mut reader = csv::Reader::from_reader(export.body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, ["id", "at", "actor_id", "actor", "action", "target_type", "target_id", "before", "after"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0][4], &rows[0][5], &rows[0][6]), ("case_study.withdraw", "case_study", id.as_str()));
    assert!(rows[0][3].starts_with("Moderator"), "who acted, by role: {:?}", &rows[0]);
    let after: serde_json::Value = serde_json::from_str(&rows[0][8]).unwrap();
    assert_eq!(after["status"], "WITHDRAWN");
}
