//! The search change log, written in the same transaction as every change
//! that affects search, and applied in order by each server's indexer; and
//! the synonym groups admins extend.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000002_search"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchChanges::Table)
                    .col(ColumnDef::new(SearchChanges::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(SearchChanges::CaseStudyId).string_len(36).not_null())
                    .col(ColumnDef::new(SearchChanges::RecordedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SearchSynonyms::Table)
                    .col(ColumnDef::new(SearchSynonyms::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(SearchSynonyms::Terms).json().not_null())
                    .col(ColumnDef::new(SearchSynonyms::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SearchSynonyms::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SearchChanges::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SearchChanges {
    Table,
    Id,
    CaseStudyId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum SearchSynonyms {
    Table,
    Id,
    Terms,
    CreatedAt,
}
