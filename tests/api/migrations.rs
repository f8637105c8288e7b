//! The migrations give SQLite and PostgreSQL the same tables and columns.

use casebook_tests::*;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

/// (table, column) pairs of a database, sorted.
async fn columns_of(db: &DatabaseConnection, postgres_schema: Option<&str>) -> Vec<(String, String)> {
    let statement = match postgres_schema {
        Some(schema) => Statement::from_string(
            DatabaseBackend::Postgres,
            format!(
                "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = '{schema}'"
            ),
        ),
        None => Statement::from_string(
            DatabaseBackend::Sqlite,
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        ),
    };
    let mut columns: Vec<(String, String)> = db
        .query_all_raw(statement)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.try_get::<String>("", "t").unwrap(), row.try_get::<String>("", "c").unwrap()))
        .collect();
    columns.sort();
    columns
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_give_both_backends_the_same_tables() {
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}?mode=rwc", sqlite_dir.path().join("casebook.db").display());
    let (sqlite, _) = casebook::db::connect(&sqlite_url).await.unwrap();
    casebook::db::migrate(&sqlite).await.unwrap();
    let sqlite_columns = columns_of(&sqlite, None).await;

    let mut tables: Vec<&str> = sqlite_columns.iter().map(|(table, _)| table.as_str()).collect();
    tables.dedup();
    assert_eq!(
        tables,
        [
            "alert_ledger",
            "api_tokens",
            "audit_entries",
            "authorities",
            "authority_successors",
            "case_studies",
            "case_study_editors",
            "case_study_revisions",
            "case_study_transitions",
            "follow_ups",
            "mail_outbox",
            "member_identities",
            "members",
            "notification_settings",
            "notifications",
            "question_reports",
            "questions",
            "report_filings",
            "reports",
            "reuse_links",
            "seaql_migrations",
            "search_changes",
            "search_synonyms",
            "server_keys",
            "sessions",
            "sign_in_attempts",
            "subscriptions",
            "taxonomy_terms",
        ]
    );

    if std::env::var(POSTGRES_URL_VARIABLE).map_or(true, |url| url.is_empty()) {
        eprintln!("{POSTGRES_URL_VARIABLE} is not set: SQLite checked against the expected tables only");
        return;
    }
    let (postgres_url, schema) = fresh_database_url(sqlite_dir.path()).await;
    let (postgres, _) = casebook::db::connect(&postgres_url).await.unwrap();
    casebook::db::migrate(&postgres).await.unwrap();
    assert_eq!(columns_of(&postgres, schema.as_deref()).await, sqlite_columns, "PostgreSQL and SQLite disagree");
}
