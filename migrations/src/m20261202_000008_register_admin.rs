//! The register in admins' hands:
//!
//! - `authorities.shared_email_domains`: domains the staff of several
//!   councils share (shared services); an address there makes a PENDING
//!   member whom an admin places in one of those councils.
//! - `authorities.edited_by_admin_at`: set when an admin edits a council;
//!   the shipped register and `import-authorities` then leave it as the
//!   admin made it.
//! - `authority_successors`: every council that replaced a retired one, in
//!   order (`authorities.successor_id` stays as the first).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000008_register_admin"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Authorities::Table)
                    .add_column(ColumnDef::new(Authorities::SharedEmailDomains).json().not_null().default("[]"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Authorities::Table)
                    .add_column(ColumnDef::new(Authorities::EditedByAdminAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuthoritySuccessors::Table)
                    .col(ColumnDef::new(AuthoritySuccessors::AuthorityId).integer().not_null())
                    .col(ColumnDef::new(AuthoritySuccessors::SuccessorId).integer().not_null())
                    .col(ColumnDef::new(AuthoritySuccessors::Position).integer().not_null())
                    .primary_key(
                        Index::create().col(AuthoritySuccessors::AuthorityId).col(AuthoritySuccessors::SuccessorId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuthoritySuccessors::Table, AuthoritySuccessors::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuthoritySuccessors::Table, AuthoritySuccessors::SuccessorId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Councils retired before this migration keep their one successor.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO authority_successors (authority_id, successor_id, position) \
                 SELECT id, successor_id, 0 FROM authorities WHERE successor_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuthoritySuccessors::Table).to_owned()).await?;
        for column in [Authorities::EditedByAdminAt, Authorities::SharedEmailDomains] {
            manager.alter_table(Table::alter().table(Authorities::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Authorities {
    Table,
    Id,
    SharedEmailDomains,
    EditedByAdminAt,
}

#[derive(DeriveIden)]
enum AuthoritySuccessors {
    Table,
    AuthorityId,
    SuccessorId,
    Position,
}
