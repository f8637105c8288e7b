//! Notifications, alerts, feeds and follow-ups (issue 18):
//!
//! - `mail_outbox`: every email, written in the transaction of the event it
//!   tells of, then claimed, sent and retried by the delivery worker.
//! - `notification_settings` and `notifications` (the daily digest's queue).
//! - `subscriptions` (saved searches and follows) and `alert_ledger` (what
//!   each one has already sent, so nothing is sent twice).
//! - `follow_ups`, and the review dates of `case_studies`.
//! - `server_keys`: secrets every server sharing the database signs with
//!   (the unsubscribe links).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000009_notifications"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_mail(manager).await?;
        create_subscriptions(manager).await?;
        create_follow_ups(manager).await?;
        add_review_dates(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Alias::new("server_keys"),
            Alias::new("mail_outbox"),
            Alias::new("notification_settings"),
            Alias::new("notifications"),
            Alias::new("subscriptions"),
            Alias::new("alert_ledger"),
            Alias::new("follow_ups"),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in
            [CaseStudies::ReviewBy, CaseStudies::LastReviewedOn, CaseStudies::ReviewRemindedFor, CaseStudies::NewsAt]
        {
            manager.alter_table(Table::alter().table(CaseStudies::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

async fn create_mail(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ServerKeys::Table)
                .col(ColumnDef::new(ServerKeys::Name).string_len(64).not_null().primary_key())
                .col(ColumnDef::new(ServerKeys::Secret).string_len(128).not_null())
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(MailOutbox::Table)
                .col(ColumnDef::new(MailOutbox::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(MailOutbox::MemberId).string_len(36).null())
                .col(ColumnDef::new(MailOutbox::Recipient).string_len(320).not_null())
                .col(ColumnDef::new(MailOutbox::Subject).text().not_null())
                .col(ColumnDef::new(MailOutbox::TextBody).text().not_null())
                .col(ColumnDef::new(MailOutbox::HtmlBody).text().not_null())
                .col(ColumnDef::new(MailOutbox::UnsubscribeUrl).text().null())
                .col(ColumnDef::new(MailOutbox::MessageId).string_len(255).not_null())
                .col(ColumnDef::new(MailOutbox::Status).string_len(32).not_null())
                .col(ColumnDef::new(MailOutbox::Attempts).integer().not_null())
                .col(ColumnDef::new(MailOutbox::NextAttemptAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(MailOutbox::ClaimedUntil).timestamp_with_time_zone().null())
                .col(ColumnDef::new(MailOutbox::LastError).text().null())
                .col(ColumnDef::new(MailOutbox::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(MailOutbox::SentAt).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("mail_outbox_due")
                .table(MailOutbox::Table)
                .col(MailOutbox::Status)
                .col(MailOutbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(NotificationSettings::Table)
                .col(ColumnDef::new(NotificationSettings::MemberId).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(NotificationSettings::Submissions).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::Decisions).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::Reports).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::ReportOutcomes).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::PendingMembers).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::ReviewReminders).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::DailyDigest).boolean().not_null())
                .col(ColumnDef::new(NotificationSettings::UpdatedAt).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Notifications::Table)
                .col(ColumnDef::new(Notifications::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(Notifications::MemberId).string_len(36).not_null())
                .col(ColumnDef::new(Notifications::Kind).string_len(32).not_null())
                .col(ColumnDef::new(Notifications::Subject).text().not_null())
                .col(ColumnDef::new(Notifications::TextBody).text().not_null())
                .col(ColumnDef::new(Notifications::Link).text().not_null())
                .col(ColumnDef::new(Notifications::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Notifications::DigestedAt).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("notifications_waiting")
                .table(Notifications::Table)
                .col(Notifications::DigestedAt)
                .col(Notifications::MemberId)
                .to_owned(),
        )
        .await
}

async fn create_subscriptions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Subscriptions::Table)
                .col(ColumnDef::new(Subscriptions::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(Subscriptions::MemberId).string_len(36).not_null())
                .col(ColumnDef::new(Subscriptions::Kind).string_len(32).not_null())
                .col(ColumnDef::new(Subscriptions::Name).text().not_null())
                .col(ColumnDef::new(Subscriptions::Query).text().not_null())
                .col(ColumnDef::new(Subscriptions::Filter).json().not_null())
                .col(ColumnDef::new(Subscriptions::FollowTarget).string_len(32).null())
                .col(ColumnDef::new(Subscriptions::FollowKey).string_len(255).null())
                .col(ColumnDef::new(Subscriptions::Frequency).string_len(32).not_null())
                .col(ColumnDef::new(Subscriptions::CreatedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Subscriptions::AlertedUntil).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("subscriptions_by_member")
                .table(Subscriptions::Table)
                .col(Subscriptions::MemberId)
                .col(Subscriptions::CreatedAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(AlertLedger::Table)
                .col(ColumnDef::new(AlertLedger::SubscriptionId).string_len(36).not_null())
                .col(ColumnDef::new(AlertLedger::CaseStudyId).string_len(36).not_null())
                .col(ColumnDef::new(AlertLedger::EventAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(AlertLedger::SentAt).timestamp_with_time_zone().not_null())
                .primary_key(
                    Index::create()
                        .col(AlertLedger::SubscriptionId)
                        .col(AlertLedger::CaseStudyId)
                        .col(AlertLedger::EventAt),
                )
                .to_owned(),
        )
        .await
}

async fn create_follow_ups(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(FollowUps::Table)
                .col(ColumnDef::new(FollowUps::Id).string_len(36).not_null().primary_key())
                .col(ColumnDef::new(FollowUps::CaseStudyId).string_len(36).not_null())
                .col(ColumnDef::new(FollowUps::WrittenOn).date().not_null())
                .col(ColumnDef::new(FollowUps::Body).text().not_null())
                .col(ColumnDef::new(FollowUps::Outcome).string_len(32).null())
                .col(ColumnDef::new(FollowUps::PreviousOutcome).string_len(32).not_null())
                .col(ColumnDef::new(FollowUps::State).string_len(32).not_null())
                .col(ColumnDef::new(FollowUps::SubmittedBy).string_len(36).not_null())
                .col(ColumnDef::new(FollowUps::SubmittedAt).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(FollowUps::DecidedBy).string_len(36).null())
                .col(ColumnDef::new(FollowUps::DecidedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(FollowUps::Message).text().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(FollowUps::Table, FollowUps::CaseStudyId)
                        .to(CaseStudies::Table, CaseStudies::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("follow_ups_by_case_study")
                .table(FollowUps::Table)
                .col(FollowUps::CaseStudyId)
                .col(FollowUps::WrittenOn)
                .to_owned(),
        )
        .await
}

async fn add_review_dates(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(CaseStudies::Table)
                .add_column(ColumnDef::new(CaseStudies::ReviewBy).date().null())
                .to_owned(),
        )
        .await?;
    manager
        .alter_table(
            Table::alter()
                .table(CaseStudies::Table)
                .add_column(ColumnDef::new(CaseStudies::LastReviewedOn).date().null())
                .to_owned(),
        )
        .await?;
    manager
        .alter_table(
            Table::alter()
                .table(CaseStudies::Table)
                .add_column(ColumnDef::new(CaseStudies::ReviewRemindedFor).date().null())
                .to_owned(),
        )
        .await?;
    manager
        .alter_table(
            Table::alter()
                .table(CaseStudies::Table)
                .add_column(ColumnDef::new(CaseStudies::NewsAt).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await?;
    // What was published before review dates existed is due a year after publication.
    let year_after_publication = match manager.get_database_backend() {
        DatabaseBackend::Postgres => "(published_at + interval '1 year')::date",
        _ => "date(published_at, '+1 year')",
    };
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "UPDATE case_studies SET review_by = {year_after_publication}, news_at = published_at \
             WHERE published_at IS NOT NULL"
        ))
        .await?;
    Ok(())
}

#[derive(DeriveIden)]
enum ServerKeys {
    Table,
    Name,
    Secret,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    MemberId,
    Recipient,
    Subject,
    TextBody,
    HtmlBody,
    UnsubscribeUrl,
    MessageId,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    MemberId,
    Submissions,
    Decisions,
    Reports,
    ReportOutcomes,
    PendingMembers,
    ReviewReminders,
    DailyDigest,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    MemberId,
    Kind,
    Subject,
    TextBody,
    Link,
    CreatedAt,
    DigestedAt,
}

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    Id,
    MemberId,
    Kind,
    Name,
    Query,
    Filter,
    FollowTarget,
    FollowKey,
    Frequency,
    CreatedAt,
    AlertedUntil,
}

#[derive(DeriveIden)]
enum AlertLedger {
    Table,
    SubscriptionId,
    CaseStudyId,
    EventAt,
    SentAt,
}

#[derive(DeriveIden)]
enum FollowUps {
    Table,
    Id,
    CaseStudyId,
    WrittenOn,
    Body,
    Outcome,
    PreviousOutcome,
    State,
    SubmittedBy,
    SubmittedAt,
    DecidedBy,
    DecidedAt,
    Message,
}

#[derive(DeriveIden)]
enum CaseStudies {
    Table,
    Id,
    ReviewBy,
    LastReviewedOn,
    ReviewRemindedFor,
    NewsAt,
}
