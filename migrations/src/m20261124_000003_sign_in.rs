//! Browser sign-in: the OpenID Connect identities behind members, the
//! server-side sessions (in the database, so several servers share them),
//! and the sign-in attempts in flight between the redirect to a provider and
//! its callback.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000003_sign_in"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MemberIdentities::Table)
                    .col(ColumnDef::new(MemberIdentities::Issuer).string_len(500).not_null())
                    .col(ColumnDef::new(MemberIdentities::Subject).string_len(255).not_null())
                    .col(ColumnDef::new(MemberIdentities::MemberId).string_len(36).not_null())
                    .col(ColumnDef::new(MemberIdentities::CreatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(MemberIdentities::Issuer).col(MemberIdentities::Subject))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MemberIdentities::Table, MemberIdentities::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(ColumnDef::new(Sessions::IdHash).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Sessions::MemberId).string_len(36).not_null())
                    .col(ColumnDef::new(Sessions::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Sessions::LastSeenAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Sessions::ExpiresAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create().from(Sessions::Table, Sessions::MemberId).to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("sessions_by_member").table(Sessions::Table).col(Sessions::MemberId).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInAttempts::Table)
                    .col(ColumnDef::new(SignInAttempts::StateHash).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(SignInAttempts::BrowserHash).string_len(64).not_null())
                    .col(ColumnDef::new(SignInAttempts::Provider).string_len(64).not_null())
                    .col(ColumnDef::new(SignInAttempts::Nonce).string_len(128).not_null())
                    .col(ColumnDef::new(SignInAttempts::PkceVerifier).string_len(128).not_null())
                    .col(ColumnDef::new(SignInAttempts::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignInAttempts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Sessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(MemberIdentities::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MemberIdentities {
    Table,
    Issuer,
    Subject,
    MemberId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    IdHash,
    MemberId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SignInAttempts {
    Table,
    StateHash,
    BrowserHash,
    Provider,
    Nonce,
    PkceVerifier,
    CreatedAt,
}
