//! Moderation of published content and the audit trail:
//!
//! - `reports`: one item for moderators per reported case study, with a
//!   snapshot of it as it was when first reported. `open_for` holds the case
//!   study's id while the item is open and is cleared when a moderator
//!   decides, so its unique index allows one open item per case study (NULLs
//!   never collide) and a later report opens a new one.
//! - `report_filings`: each member's report in an item (a member's second
//!   report on it replaces their first: the key is the pair).
//! - `case_studies.unpublished_reason`: the takedown's reason, which the
//!   owning council reads.
//! - `audit_entries`: every moderator and admin action, append-only in the
//!   database itself: triggers refuse UPDATE and DELETE on both backends
//!   (and TRUNCATE on PostgreSQL). `actor_id` has no foreign key on purpose:
//!   an entry outlives the account of whoever acted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000005_moderation"
    }
}

/// The message both backends' triggers give (tests look for it).
pub const APPEND_ONLY: &str = "the audit log is append-only";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_reports(manager).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CaseStudies::Table)
                    .add_column(ColumnDef::new(CaseStudies::UnpublishedReason).text().null())
                    .to_owned(),
            )
            .await?;
        create_audit_entries(manager).await?;
        refuse_changes_to_audit_entries(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_entries_append_only CASCADE")
                .await?;
        }
        manager.drop_table(Table::drop().table(AuditEntries::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(CaseStudies::Table).drop_column(CaseStudies::UnpublishedReason).to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(ReportFilings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Reports::Table).to_owned()).await
    }
}

async fn create_reports(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Reports::Table)
                .col(ColumnDef::new(Reports::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(Reports::CaseStudyId).string_len(36).not_null())
                .col(ColumnDef::new(Reports::OpenFor).string_len(36).null().unique_key())
                .col(ColumnDef::new(Reports::Status).string_len(32).not_null())
                .col(ColumnDef::new(Reports::SnapshotVersion).integer().not_null())
                .col(ColumnDef::new(Reports::Snapshot).json().not_null())
                .col(ColumnDef::new(Reports::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Reports::UpdatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Reports::DecidedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Reports::DecidedBy).string_len(36).null())
                .col(ColumnDef::new(Reports::Note).text().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(Reports::Table, Reports::CaseStudyId)
                        .to(CaseStudies::Table, CaseStudies::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("reports_by_status")
                .table(Reports::Table)
                .col(Reports::Status)
                .col(Reports::CreatedAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(ReportFilings::Table)
                .col(ColumnDef::new(ReportFilings::ReportId).string_len(36).not_null())
                .col(ColumnDef::new(ReportFilings::MemberId).string_len(36).not_null())
                .col(ColumnDef::new(ReportFilings::Reason).string_len(32).not_null())
                .col(ColumnDef::new(ReportFilings::Details).text().null())
                .col(ColumnDef::new(ReportFilings::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(ReportFilings::UpdatedAt).timestamp_with_time_zone().not_null())
                .primary_key(Index::create().col(ReportFilings::ReportId).col(ReportFilings::MemberId))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReportFilings::Table, ReportFilings::ReportId)
                        .to(Reports::Table, Reports::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReportFilings::Table, ReportFilings::MemberId)
                        .to(Members::Table, Members::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("report_filings_by_member")
                .table(ReportFilings::Table)
                .col(ReportFilings::MemberId)
                .col(ReportFilings::UpdatedAt)
                .to_owned(),
        )
        .await
}

async fn create_audit_entries(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(AuditEntries::Table)
                .col(ColumnDef::new(AuditEntries::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(AuditEntries::At).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(AuditEntries::ActorId).string_len(36).null())
                .col(ColumnDef::new(AuditEntries::Action).string_len(64).not_null())
                .col(ColumnDef::new(AuditEntries::TargetType).string_len(32).not_null())
                .col(ColumnDef::new(AuditEntries::TargetId).string_len(255).null())
                .col(ColumnDef::new(AuditEntries::Before).json().null())
                .col(ColumnDef::new(AuditEntries::After).json().null())
                .to_owned(),
        )
        .await?;
    // The admin page's filters, each with the newest first.
    let indexes: [(&str, &[AuditEntries]); 4] = [
        ("audit_entries_by_time", &[AuditEntries::At]),
        ("audit_entries_by_actor", &[AuditEntries::ActorId, AuditEntries::At]),
        ("audit_entries_by_action", &[AuditEntries::Action, AuditEntries::At]),
        ("audit_entries_by_target", &[AuditEntries::TargetType, AuditEntries::TargetId, AuditEntries::At]),
    ];
    for (name, columns) in indexes {
        let mut index = Index::create();
        index.name(name).table(AuditEntries::Table);
        for column in columns {
            index.col(*column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}

async fn refuse_changes_to_audit_entries(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let statements: Vec<String> = match manager.get_database_backend() {
        DatabaseBackend::Postgres => vec![
            format!(
                "CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
            ),
            "CREATE TRIGGER audit_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_entries \
             FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
                .to_owned(),
            "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries \
             FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()"
                .to_owned(),
        ],
        _ => ["UPDATE", "DELETE"]
            .into_iter()
            .map(|event| {
                format!(
                    "CREATE TRIGGER audit_entries_no_{} BEFORE {event} ON audit_entries \
                     BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
                    event.to_lowercase()
                )
            })
            .collect(),
    };
    for statement in statements {
        manager.get_connection().execute_unprepared(&statement).await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum CaseStudies {
    Table,
    Id,
    UnpublishedReason,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    CaseStudyId,
    OpenFor,
    Status,
    SnapshotVersion,
    Snapshot,
    CreatedAt,
    UpdatedAt,
    DecidedAt,
    DecidedBy,
    Note,
}

#[derive(DeriveIden)]
enum ReportFilings {
    Table,
    ReportId,
    MemberId,
    Reason,
    Details,
    CreatedAt,
    UpdatedAt,
}

#[derive(Clone, Copy, DeriveIden)]
enum AuditEntries {
    Table,
    Id,
    At,
    ActorId,
    Action,
    TargetType,
    TargetId,
    Before,
    After,
}
