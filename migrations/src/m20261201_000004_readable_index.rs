//! Two indexes for the lists of case studies (`caseStudies`, its
//! `totalCount`), which SQLite's planner otherwise answered by sorting every
//! readable row, bodies and all: 1.5 s a page at 100,000 case studies.
//!
//! - `case_studies_listing` (status, published_at, created_at, id) is the
//!   lists' whole order: the page is read off the index, 21 rows, < 1 ms.
//! - `case_studies_readable` (status, visibility, authority_id) answers "how
//!   many may this viewer read" from the index alone; without it SQLite reads
//!   every row for `visibility`, which sits after `body` and its overflow
//!   pages (about a second at 100,000; 5 ms with it).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000004_readable_index"
    }
}

const LISTING: &str = "case_studies_listing";
const READABLE: &str = "case_studies_readable";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(LISTING)
                    .table(CaseStudies::Table)
                    .col(CaseStudies::Status)
                    .col(CaseStudies::PublishedAt)
                    .col(CaseStudies::CreatedAt)
                    .col(CaseStudies::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(READABLE)
                    .table(CaseStudies::Table)
                    .col(CaseStudies::Status)
                    .col(CaseStudies::Visibility)
                    .col(CaseStudies::AuthorityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(READABLE).table(CaseStudies::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(LISTING).table(CaseStudies::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum CaseStudies {
    Table,
    Id,
    Status,
    Visibility,
    AuthorityId,
    PublishedAt,
    CreatedAt,
}
