//! The audit trail: every moderator and admin action is one entry (who,
//! when, what, the target, before and after), admins read and filter it,
//! and the database itself refuses to change or delete an entry.

use std::collections::HashSet;

use casebook::members::{MemberStatus, Role};
use casebook_tests::*;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};

const AUDIT_LOG: &str = "query($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id at action targetType targetId before after actorId actor { id email } } } } }";

async fn entries(app: &TestApp, admin: &str, filter: Value) -> Vec<Value> {
    let response = app.gql(Some(admin), AUDIT_LOG, json!({ "filter": filter, "first": 100 })).await;
    response.data()["auditLog"]["edges"].as_array().unwrap().iter().map(|edge| edge["node"].clone()).collect()
}

async fn member_id(app: &TestApp, token: &str) -> String {
    app.viewer(token).await.member_id().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_moderator_and_admin_action_is_one_entry_naming_who_did_what_to_which_target() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let moderator = app.moderator().await;
    let moderator_id = member_id(&app, &moderator).await;
    let admin_id = member_id(&app, &admin).await;
    let author = app.member_of("camden").await;

    // Decisions: approve, request changes, reject, and a revision's approval.
    let approved = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": approved })).await.data();
    app.gql(Some(&moderator), MODERATE, json!({ "id": approved, "decision": "APPROVE" })).await.data();
    let sent_back = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": sent_back })).await.data();
    let request = json!({ "id": sent_back, "decision": "REQUEST_CHANGES", "message": "Add costs." });
    app.gql(Some(&moderator), MODERATE, request).await.data();
    let rejected = app.create(&author, valid_input()).await;
    app.gql(Some(&author), SUBMIT, json!({ "id": rejected })).await.data();
    app.gql(Some(&moderator), MODERATE, json!({ "id": rejected, "decision": "REJECT", "message": "Off topic." }))
        .await
        .data();
    // A moderator withdraws another council's case study; its council's own withdrawal is not audited.
    let withdrawn = app.publish(&author, valid_input()).await;
    app.gql(Some(&moderator), WITHDRAW, json!({ "id": withdrawn })).await.data();
    let own = app.publish(&author, valid_input()).await;
    app.gql(Some(&author), WITHDRAW, json!({ "id": own })).await.data();
    // Reports: one dismissed, one upheld (a takedown).
    let reader = app.member_of("hackney").await;
    let dismissed = app.report(&reader, &approved, "INACCURATE").await;
    app.decide_report(Some(&moderator), &dismissed, "DISMISS", "Checked: accurate.").await;
    let upheld = app.report(&reader, &approved, "PERSONAL_DATA").await;
    app.decide_report(Some(&moderator), &upheld, "UPHOLD", "Names a resident.").await;
    // Members: a council, a role, a suspension and its end.
    let pending = app.token_with_status(Role::Member, MemberStatus::Pending, None).await;
    let pending_id = member_id(&app, &pending).await;
    let admin_mutation =
        |name: &str, extra: &str| format!("mutation($id: ID!) {{ {name}(memberId: $id{extra}) {{ id role status }} }}");
    for (name, extra) in [
        ("assignMemberAuthority", ", authority: \"leeds\""),
        ("setMemberRole", ", role: MODERATOR"),
        ("suspendMember", ""),
        ("reinstateMember", ""),
    ] {
        app.gql(Some(&admin), &admin_mutation(name, extra), json!({ "id": pending_id })).await.data();
    }
    // Synonyms, and an API token created and revoked.
    app.gql(Some(&admin), "mutation { addSearchSynonyms(terms: [\"bin\", \"wheelie bin\"]) }", json!({})).await.data();
    let created =
        app.gql(Some(&admin), "mutation { createApiToken(name: \"ci\") { apiToken { id } } }", json!({})).await;
    let token_id = created.data()["createApiToken"]["apiToken"]["id"].as_str().unwrap().to_owned();
    app.gql(Some(&admin), "mutation($id: ID!) { revokeApiToken(id: $id) { id } }", json!({ "id": token_id }))
        .await
        .data();

    let log = entries(&app, &admin, json!({})).await;
    let actions: HashSet<&str> = log.iter().map(|entry| entry["action"].as_str().unwrap()).collect();
    for action in [
        "case_study.approve",
        "case_study.request_changes",
        "case_study.reject",
        "case_study.withdraw",
        "case_study.unpublish",
        "report.dismiss",
        "report.uphold",
        "member.assign_authority",
        "member.set_role",
        "member.suspend",
        "member.reinstate",
        "search_synonyms.add",
        "api_token.create",
        "api_token.revoke",
    ] {
        assert!(actions.contains(action), "{action} is audited: {actions:?}");
    }
    let withdrawals: Vec<&Value> = log.iter().filter(|entry| entry["action"] == "case_study.withdraw").collect();
    assert_eq!(withdrawals.len(), 1, "the council's own withdrawal is history, not audit");
    assert_eq!(withdrawals[0]["targetId"], withdrawn.as_str());

    let find = |action: &str| log.iter().find(|entry| entry["action"] == action).unwrap().clone();
    let unpublish = find("case_study.unpublish");
    assert_eq!(unpublish["targetType"], "case_study");
    assert_eq!(unpublish["targetId"], approved.as_str());
    assert_eq!(unpublish["actorId"], moderator_id.as_str());
    assert_eq!(unpublish["before"]["status"], "PUBLISHED");
    assert_eq!(unpublish["after"]["status"], "UNPUBLISHED");
    assert_eq!(unpublish["after"]["unpublishedReason"], "Names a resident.");
    let uphold = find("report.uphold");
    assert_eq!((uphold["targetType"].clone(), uphold["targetId"].clone()), (json!("report"), json!(upheld)));
    assert_eq!(uphold["after"]["note"], "Names a resident.");
    let role = find("member.set_role");
    assert_eq!((role["targetId"].clone(), role["actorId"].clone()), (json!(pending_id), json!(admin_id)));
    assert_eq!(
        (role["before"].clone(), role["after"].clone()),
        (json!({ "role": "MEMBER" }), json!({ "role": "MODERATOR" }))
    );
    assert_eq!(role["actor"]["id"], admin_id.as_str(), "admins read who acted");
    let assigned = find("member.assign_authority");
    assert_eq!(assigned["after"], json!({ "authority": "leeds", "status": "ACTIVE" }));
    assert_eq!(find("api_token.revoke")["targetId"], token_id.as_str());

    // Nothing in the trail is personal data: no member's email appears.
    let text =
        serde_json::to_string(&log.iter().map(|entry| json!([entry["before"], entry["after"]])).collect::<Vec<_>>())
            .unwrap();
    assert!(!text.contains('@'), "no emails in before or after: {text}");
    // Newest first.
    let times: Vec<&str> = log.iter().map(|entry| entry["at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|pair| pair[0] >= pair[1]), "{times:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_active_admins_read_the_audit_log() {
    let app = TestApp::spawn().await;
    let query = "{ auditLog { totalCount } }";
    assert_eq!(app.gql(None, query, json!({})).await.error_code(), "UNAUTHENTICATED");
    for (label, token) in [
        ("member", app.member_of("camden").await),
        ("moderator", app.moderator().await),
        ("pending admin", app.token_with_status(Role::Admin, MemberStatus::Pending, None).await),
        ("suspended admin", app.token_with_status(Role::Admin, MemberStatus::Suspended, None).await),
    ] {
        assert_eq!(app.gql(Some(&token), query, json!({})).await.error_code(), "FORBIDDEN", "{label}");
    }
    let admin = app.admin().await;
    assert!(app.gql(Some(&admin), query, json!({})).await.data()["auditLog"]["totalCount"].is_number());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_filters_by_actor_action_target_and_time_and_pages() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let other_admin = app.admin().await;
    let members: Vec<String> = {
        let mut ids = Vec::new();
        for _ in 0..3 {
            let token = app.member_of("camden").await;
            ids.push(member_id(&app, &token).await);
        }
        ids
    };
    let set_role = "mutation($id: ID!, $role: Role!) { setMemberRole(memberId: $id, role: $role) { id } }";
    for id in &members {
        app.gql(Some(&admin), set_role, json!({ "id": id, "role": "MODERATOR" })).await.data();
    }
    let started = chrono::Utc::now();
    app.gql(Some(&other_admin), set_role, json!({ "id": members[0], "role": "ADMIN" })).await.data();
    app.gql(
        Some(&other_admin),
        "mutation($id: ID!) { suspendMember(memberId: $id) { id } }",
        json!({ "id": members[1] }),
    )
    .await
    .data();

    let admin_id = member_id(&app, &admin).await;
    let other_id = member_id(&app, &other_admin).await;
    assert_eq!(entries(&app, &admin, json!({ "actor": admin_id })).await.len(), 3);
    assert_eq!(entries(&app, &admin, json!({ "actor": other_id })).await.len(), 2);
    assert_eq!(entries(&app, &admin, json!({ "action": "member.set_role" })).await.len(), 4);
    assert_eq!(entries(&app, &admin, json!({ "action": "member.suspend", "actor": other_id })).await.len(), 1);
    let first_member = entries(&app, &admin, json!({ "targetType": "member", "targetId": members[0] })).await;
    assert_eq!(first_member.len(), 2);
    assert_eq!(first_member[0]["after"]["role"], "ADMIN", "newest first");
    let since = entries(&app, &admin, json!({ "from": started.to_rfc3339() })).await;
    assert_eq!(since.len(), 2);
    let until = entries(&app, &admin, json!({ "to": started.to_rfc3339() })).await;
    assert_eq!(until.len(), 3);
    let backwards = app
        .gql(
            Some(&admin),
            AUDIT_LOG,
            json!({ "filter": { "from": chrono::Utc::now().to_rfc3339(), "to": started.to_rfc3339() } }),
        )
        .await;
    assert_eq!((backwards.error_code(), backwards.error_field()), ("BAD_USER_INPUT", "to"));
    assert!(entries(&app, &admin, json!({ "action": "no.such_action" })).await.is_empty());
    let far = app.gql(Some(&admin), AUDIT_LOG, json!({ "filter": { "from": "+12000-01-01T00:00:00Z" } })).await;
    assert_eq!(far.error_code(), "BAD_USER_INPUT", "a year no database stores: {:#}", far.body);

    let first =
        app.gql(Some(&admin), AUDIT_LOG, json!({ "filter": { "action": "member.set_role" }, "first": 3 })).await;
    let first = &first.data()["auditLog"];
    assert_eq!((first["totalCount"].clone(), first["pageInfo"]["hasNextPage"].clone()), (json!(4), json!(true)));
    let next = app
        .gql(
            Some(&admin),
            AUDIT_LOG,
            json!({ "filter": { "action": "member.set_role" }, "first": 3, "after": first["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(next.data()["auditLog"]["edges"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_to_change_or_delete_an_audit_entry() {
    // Runs on SQLite and, in CI's second pass, on PostgreSQL: the triggers are each backend's own.
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let member = app.member_of("camden").await;
    let id = member_id(&app, &member).await;
    app.gql(Some(&admin), "mutation($id: ID!) { suspendMember(memberId: $id) { id } }", json!({ "id": id }))
        .await
        .data();
    let db = &app.state.db;
    let before = casebook::entities::audit_entry::Entity::find().all(db).await.unwrap();
    assert_eq!(before.len(), 1);

    for statement in [
        "UPDATE audit_entries SET action = 'member.reinstate'",
        "UPDATE audit_entries SET actor_id = NULL",
        "DELETE FROM audit_entries",
    ] {
        let refused = db.execute_unprepared(statement).await.expect_err(statement);
        assert!(refused.to_string().contains(casebook_migrations::AUDIT_LOG_APPEND_ONLY), "{statement}: {refused}");
    }
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let refused = db.execute_unprepared("TRUNCATE audit_entries").await.expect_err("TRUNCATE");
        assert!(refused.to_string().contains(casebook_migrations::AUDIT_LOG_APPEND_ONLY), "{refused}");
    }
    let after = casebook::entities::audit_entry::Entity::find().all(db).await.unwrap();
    assert_eq!(after, before, "nothing changed");
    // Appending still works.
    app.gql(Some(&admin), "mutation($id: ID!) { reinstateMember(memberId: $id) { id } }", json!({ "id": id }))
        .await
        .data();
    assert_eq!(casebook::entities::audit_entry::Entity::find().all(db).await.unwrap().len(), 2);
}
