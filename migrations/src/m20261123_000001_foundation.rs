//! The foundation: authorities, members, API tokens, taxonomy, case studies
//! with their pending revisions, editors and workflow transitions.
//!
//! List fields of a case study (lessons, tags, links…) are JSON columns: they
//! are always read and written with their case study, never queried alone.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Authorities::Table)
                    .col(ColumnDef::new(Authorities::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Authorities::RegisterCode).string_len(16).null().unique_key())
                    .col(ColumnDef::new(Authorities::Slug).string_len(100).not_null().unique_key())
                    .col(ColumnDef::new(Authorities::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Authorities::GssCode).string_len(16).not_null())
                    .col(ColumnDef::new(Authorities::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Authorities::Region).string_len(64).not_null())
                    .col(ColumnDef::new(Authorities::Nation).string_len(64).not_null())
                    .col(ColumnDef::new(Authorities::EmailDomains).json().not_null())
                    .col(ColumnDef::new(Authorities::SuccessorId).integer().null())
                    .col(ColumnDef::new(Authorities::RetiredOn).date().null())
                    .col(ColumnDef::new(Authorities::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Authorities::UpdatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Authorities::Table, Authorities::SuccessorId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Members::Table)
                    .col(ColumnDef::new(Members::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(Members::Email).string_len(320).not_null().unique_key())
                    .col(ColumnDef::new(Members::Name).string_len(200).null())
                    .col(ColumnDef::new(Members::Role).string_len(16).not_null())
                    .col(ColumnDef::new(Members::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Members::AuthorityId).integer().null())
                    .col(ColumnDef::new(Members::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Members::UpdatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Members::Table, Members::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(ColumnDef::new(ApiTokens::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(ApiTokens::MemberId).string_len(36).not_null())
                    .col(ColumnDef::new(ApiTokens::Name).string_len(100).not_null())
                    .col(ColumnDef::new(ApiTokens::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(ApiTokens::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ApiTokens::LastUsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiTokens::RevokedAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiTokens::Table, ApiTokens::MemberId)
                            .to(Members::Table, Members::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TaxonomyTerms::Table)
                    .col(ColumnDef::new(TaxonomyTerms::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(TaxonomyTerms::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(TaxonomyTerms::Key).string_len(64).not_null())
                    .col(ColumnDef::new(TaxonomyTerms::Label).string_len(200).not_null())
                    .col(ColumnDef::new(TaxonomyTerms::Position).integer().not_null())
                    .index(
                        Index::create()
                            .name("taxonomy_terms_kind_key")
                            .col(TaxonomyTerms::Kind)
                            .col(TaxonomyTerms::Key)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseStudies::Table)
                    .col(ColumnDef::new(CaseStudies::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(CaseStudies::Slug).string_len(120).not_null().unique_key())
                    .col(ColumnDef::new(CaseStudies::AuthorityId).integer().not_null())
                    .col(ColumnDef::new(CaseStudies::CreatedBy).string_len(36).not_null())
                    .col(ColumnDef::new(CaseStudies::Title).string_len(200).not_null())
                    .col(ColumnDef::new(CaseStudies::Summary).text().not_null())
                    .col(ColumnDef::new(CaseStudies::Body).text().not_null())
                    .col(ColumnDef::new(CaseStudies::Outcome).string_len(32).not_null())
                    .col(ColumnDef::new(CaseStudies::Lessons).json().not_null())
                    .col(ColumnDef::new(CaseStudies::ServiceAreas).json().not_null())
                    .col(ColumnDef::new(CaseStudies::Technologies).json().not_null())
                    .col(ColumnDef::new(CaseStudies::Tags).json().not_null())
                    .col(ColumnDef::new(CaseStudies::CostBand).string_len(32).not_null())
                    .col(ColumnDef::new(CaseStudies::StartedOn).date().not_null())
                    .col(ColumnDef::new(CaseStudies::EndedOn).date().null())
                    .col(ColumnDef::new(CaseStudies::Partners).json().not_null())
                    .col(ColumnDef::new(CaseStudies::Collaborators).json().not_null())
                    .col(ColumnDef::new(CaseStudies::Links).json().not_null())
                    .col(ColumnDef::new(CaseStudies::ContactEmail).string_len(320).null())
                    .col(ColumnDef::new(CaseStudies::Visibility).string_len(16).not_null())
                    .col(ColumnDef::new(CaseStudies::Anonymous).boolean().not_null())
                    .col(ColumnDef::new(CaseStudies::Status).string_len(32).not_null())
                    .col(ColumnDef::new(CaseStudies::Version).integer().not_null())
                    .col(ColumnDef::new(CaseStudies::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CaseStudies::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CaseStudies::PublishedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(CaseStudies::QueuedAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudies::Table, CaseStudies::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudies::Table, CaseStudies::CreatedBy)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("case_studies_status_published_at", CaseStudies::PublishedAt),
            ("case_studies_status_created_at", CaseStudies::CreatedAt),
            ("case_studies_status_queued_at", CaseStudies::QueuedAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(CaseStudies::Table)
                        .col(CaseStudies::Status)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("case_studies_authority")
                    .table(CaseStudies::Table)
                    .col(CaseStudies::AuthorityId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseStudyEditors::Table)
                    .col(ColumnDef::new(CaseStudyEditors::CaseStudyId).string_len(36).not_null())
                    .col(ColumnDef::new(CaseStudyEditors::MemberId).string_len(36).not_null())
                    .primary_key(Index::create().col(CaseStudyEditors::CaseStudyId).col(CaseStudyEditors::MemberId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudyEditors::Table, CaseStudyEditors::CaseStudyId)
                            .to(CaseStudies::Table, CaseStudies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudyEditors::Table, CaseStudyEditors::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseStudyRevisions::Table)
                    .col(ColumnDef::new(CaseStudyRevisions::CaseStudyId).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(CaseStudyRevisions::Version).integer().not_null())
                    .col(ColumnDef::new(CaseStudyRevisions::State).string_len(32).not_null())
                    .col(ColumnDef::new(CaseStudyRevisions::Content).json().not_null())
                    .col(ColumnDef::new(CaseStudyRevisions::SubmittedBy).string_len(36).not_null())
                    .col(ColumnDef::new(CaseStudyRevisions::SubmittedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudyRevisions::Table, CaseStudyRevisions::CaseStudyId)
                            .to(CaseStudies::Table, CaseStudies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudyRevisions::Table, CaseStudyRevisions::SubmittedBy)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseStudyTransitions::Table)
                    .col(
                        ColumnDef::new(CaseStudyTransitions::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseStudyTransitions::CaseStudyId).string_len(36).not_null())
                    .col(ColumnDef::new(CaseStudyTransitions::FromStatus).string_len(32).null())
                    .col(ColumnDef::new(CaseStudyTransitions::ToStatus).string_len(32).not_null())
                    .col(ColumnDef::new(CaseStudyTransitions::MemberId).string_len(36).null())
                    .col(ColumnDef::new(CaseStudyTransitions::Message).text().null())
                    .col(ColumnDef::new(CaseStudyTransitions::At).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudyTransitions::Table, CaseStudyTransitions::CaseStudyId)
                            .to(CaseStudies::Table, CaseStudies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStudyTransitions::Table, CaseStudyTransitions::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("case_study_transitions_case_study")
                    .table(CaseStudyTransitions::Table)
                    .col(CaseStudyTransitions::CaseStudyId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CaseStudyTransitions::Table.into_iden(),
            CaseStudyRevisions::Table.into_iden(),
            CaseStudyEditors::Table.into_iden(),
            CaseStudies::Table.into_iden(),
            TaxonomyTerms::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            Members::Table.into_iden(),
            Authorities::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Authorities {
    Table,
    Id,
    RegisterCode,
    Slug,
    Name,
    GssCode,
    Kind,
    Region,
    Nation,
    EmailDomains,
    SuccessorId,
    RetiredOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    Email,
    Name,
    Role,
    Status,
    AuthorityId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    MemberId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum TaxonomyTerms {
    Table,
    Id,
    Kind,
    Key,
    Label,
    Position,
}

#[derive(DeriveIden)]
enum CaseStudies {
    Table,
    Id,
    Slug,
    AuthorityId,
    CreatedBy,
    Title,
    Summary,
    Body,
    Outcome,
    Lessons,
    ServiceAreas,
    Technologies,
    Tags,
    CostBand,
    StartedOn,
    EndedOn,
    Partners,
    Collaborators,
    Links,
    ContactEmail,
    Visibility,
    Anonymous,
    Status,
    Version,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    QueuedAt,
}

#[derive(DeriveIden)]
enum CaseStudyEditors {
    Table,
    CaseStudyId,
    MemberId,
}

#[derive(DeriveIden)]
enum CaseStudyRevisions {
    Table,
    CaseStudyId,
    Version,
    State,
    Content,
    SubmittedBy,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum CaseStudyTransitions {
    Table,
    Id,
    CaseStudyId,
    FromStatus,
    ToStatus,
    MemberId,
    Message,
    At,
}
