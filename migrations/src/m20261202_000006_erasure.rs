//! Members' right to erasure: `members.erased_at` marks an account whose
//! personal data was erased. The row stays, emptied (its email replaced by
//! a placeholder, no name), so the case studies, their history and the audit
//! trail that point at it keep their meaning: "a former member".

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000006_erasure"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(ColumnDef::new(Members::ErasedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Members::Table).drop_column(Members::ErasedAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Members {
    Table,
    ErasedAt,
}
