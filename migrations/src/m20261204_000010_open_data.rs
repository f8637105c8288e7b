//! Open data and learning between councils (issue 19):
//!
//! - `case_studies.evidence`: how good the evidence is, costs against the
//!   plan, the planned end and what the council would do differently (one
//!   JSON value; null for case studies written before).
//! - `reuse_links`: "we reused this" from one council's case study to
//!   another's.
//! - `questions`: a member of another council asks the owning council; the
//!   council answers.
//! - `question_reports`: members' reports of a question or an answer, for
//!   moderators to dismiss or uphold (which removes it).
//! - `notification_settings.questions`: whether a member hears of questions.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000010_open_data"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CaseStudies::Table)
                    .add_column(ColumnDef::new(CaseStudies::Evidence).json().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(NotificationSettings::Table)
                    .add_column(ColumnDef::new(NotificationSettings::Questions).boolean().not_null().default(true))
                    .to_owned(),
            )
            .await?;
        create_reuse_links(manager).await?;
        create_questions(manager).await?;
        create_question_reports(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Alias::new("reuse_links"), Alias::new("question_reports"), Alias::new("questions")] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(NotificationSettings::Table)
                    .drop_column(NotificationSettings::Questions)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(CaseStudies::Table).drop_column(CaseStudies::Evidence).to_owned())
            .await
    }
}

async fn create_reuse_links(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ReuseLinks::Table)
                .col(ColumnDef::new(ReuseLinks::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(ReuseLinks::FromId).string_len(36).not_null())
                .col(ColumnDef::new(ReuseLinks::ToId).string_len(36).not_null())
                .col(ColumnDef::new(ReuseLinks::Kind).string_len(32).not_null())
                .col(ColumnDef::new(ReuseLinks::CreatedBy).string_len(36).null())
                .col(ColumnDef::new(ReuseLinks::CreatedAt).timestamp_with_time_zone().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(ReuseLinks::Table, ReuseLinks::FromId)
                        .to(CaseStudies::Table, CaseStudies::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReuseLinks::Table, ReuseLinks::ToId)
                        .to(CaseStudies::Table, CaseStudies::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("reuse_links_once")
                .table(ReuseLinks::Table)
                .col(ReuseLinks::FromId)
                .col(ReuseLinks::ToId)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(Index::create().name("reuse_links_to").table(ReuseLinks::Table).col(ReuseLinks::ToId).to_owned())
        .await
}

async fn create_questions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Questions::Table)
                .col(ColumnDef::new(Questions::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(Questions::CaseStudyId).string_len(36).not_null())
                .col(ColumnDef::new(Questions::AskedBy).string_len(36).null())
                .col(ColumnDef::new(Questions::AskerAuthorityId).integer().not_null())
                .col(ColumnDef::new(Questions::Body).text().not_null())
                .col(ColumnDef::new(Questions::Public).boolean().not_null())
                .col(ColumnDef::new(Questions::AskedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Questions::Answer).text().null())
                .col(ColumnDef::new(Questions::AnsweredBy).string_len(36).null())
                .col(ColumnDef::new(Questions::AnsweredAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Questions::QuestionRemoved).boolean().not_null())
                .col(ColumnDef::new(Questions::AnswerRemoved).boolean().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(Questions::Table, Questions::CaseStudyId)
                        .to(CaseStudies::Table, CaseStudies::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("questions_of_case_study")
                .table(Questions::Table)
                .col(Questions::CaseStudyId)
                .col(Questions::AskedAt)
                .to_owned(),
        )
        .await?;
    // For the hourly limit on a member's questions.
    manager
        .create_index(
            Index::create()
                .name("questions_by_asker")
                .table(Questions::Table)
                .col(Questions::AskedBy)
                .col(Questions::AskedAt)
                .to_owned(),
        )
        .await
}

async fn create_question_reports(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(QuestionReports::Table)
                .col(ColumnDef::new(QuestionReports::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(QuestionReports::QuestionId).string_len(36).not_null())
                .col(ColumnDef::new(QuestionReports::Part).string_len(32).not_null())
                .col(ColumnDef::new(QuestionReports::ReportedBy).string_len(36).null())
                .col(ColumnDef::new(QuestionReports::Reason).string_len(32).not_null())
                .col(ColumnDef::new(QuestionReports::Details).text().null())
                .col(ColumnDef::new(QuestionReports::Status).string_len(32).not_null())
                .col(ColumnDef::new(QuestionReports::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(QuestionReports::DecidedBy).string_len(36).null())
                .col(ColumnDef::new(QuestionReports::DecidedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(QuestionReports::Note).text().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(QuestionReports::Table, QuestionReports::QuestionId)
                        .to(Questions::Table, Questions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("question_reports_open")
                .table(QuestionReports::Table)
                .col(QuestionReports::Status)
                .col(QuestionReports::CreatedAt)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum QuestionReports {
    Table,
    Id,
    QuestionId,
    Part,
    ReportedBy,
    Reason,
    Details,
    Status,
    CreatedAt,
    DecidedBy,
    DecidedAt,
    Note,
}

#[derive(DeriveIden)]
enum CaseStudies {
    Table,
    Id,
    Evidence,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    Questions,
}

#[derive(DeriveIden)]
enum ReuseLinks {
    Table,
    Id,
    FromId,
    ToId,
    Kind,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    CaseStudyId,
    AskedBy,
    AskerAuthorityId,
    Body,
    Public,
    AskedAt,
    Answer,
    AnsweredBy,
    AnsweredAt,
    QuestionRemoved,
    AnswerRemoved,
}
