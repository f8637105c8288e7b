//! Admins retire taxonomy terms: a retired term is no longer offered for
//! new case studies, and stays on the ones that have it (and in facets).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000007_retired_terms"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TaxonomyTerms::Table)
                    .add_column(ColumnDef::new(TaxonomyTerms::Retired).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(TaxonomyTerms::Table).drop_column(TaxonomyTerms::Retired).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum TaxonomyTerms {
    Table,
    Retired,
}
