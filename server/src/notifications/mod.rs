//! Telling people what they need to know: workflow notifications (by email,
//! or in a daily digest), saved searches and follows (`alerts`), and the
//! jobs that send them on a schedule. Every email goes through the durable
//! outbox (`mail`), written in the transaction of the event it tells of.

pub mod alerts;
pub mod digest;
pub mod events;
pub mod jobs;
pub mod letter;
pub mod mail;
pub mod preferences;
pub mod site;
pub mod unsubscribe;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{member, notification};
use crate::error::AppResult;
use crate::i18n::Locale;
use crate::members::{MemberStatus, Role};
pub use letter::Letter;
pub use preferences::{NoticeKind, Preferences};
pub use site::Site;

/// Tells each of `recipients` (ACTIVE members only) of something, as they
/// chose: not at all, by email at once, or in their next daily digest, in
/// the language they chose (`letter` writes it in a language).
/// Call it inside the transaction of the event.
pub async fn notify(
    db: &impl ConnectionTrait,
    site: &Site,
    kind: NoticeKind,
    recipients: &[member::Model],
    letter: impl Fn(Locale) -> Letter,
) -> AppResult<()> {
    let recipients: Vec<&member::Model> = recipients
        .iter()
        .filter(|member| member.status == MemberStatus::Active && member.erased_at.is_none())
        .collect();
    if recipients.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = recipients.iter().map(|member| member.id.clone()).collect();
    let preferences = preferences::of_members(db, &ids).await?;
    for member in recipients {
        let chosen = preferences.get(&member.id).copied().unwrap_or_default();
        if !chosen.wants(kind) {
            continue;
        }
        let locale = crate::members::language_of(member);
        let letter = letter(locale);
        if chosen.daily_digest {
            notification::ActiveModel {
                member_id: Set(member.id.clone()),
                kind: Set(kind.as_str().to_owned()),
                subject: Set(letter.subject.clone()),
                text_body: Set(letter.paragraphs.join("\n\n")),
                link: Set(letter.action.1.clone()),
                created_at: Set(Utc::now()),
                digested_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            continue;
        }
        let unsubscribe = unsubscribe::Grant::Notice { member_id: member.id.clone(), kind };
        let email = mail::Email {
            member_id: Some(member.id.clone()),
            recipient: member.email.clone(),
            subject: letter.subject.clone(),
            text: letter.text(site, &footer(site, locale)),
            html: letter.html(site, &footer(site, locale), locale),
            unsubscribe_url: Some(unsubscribe.url(site)),
        };
        mail::enqueue(db, email, &site.message_domain()).await?;
    }
    Ok(())
}

/// The footer of a notification: where to change what one gets.
fn footer(site: &Site, locale: Locale) -> String {
    locale.t_with("email-notification-footer", "settings", site.link("/account/notifications"))
}

/// ACTIVE moderators and admins, who decide on submissions and reports.
pub async fn moderators(db: &impl ConnectionTrait) -> AppResult<Vec<member::Model>> {
    Ok(member::Entity::find()
        .filter(member::Column::Role.is_in([Role::Moderator, Role::Admin]))
        .filter(member::Column::Status.eq(MemberStatus::Active))
        .filter(member::Column::ErasedAt.is_null())
        .all(db)
        .await?)
}

/// ACTIVE admins.
pub async fn admins(db: &impl ConnectionTrait) -> AppResult<Vec<member::Model>> {
    Ok(member::Entity::find()
        .filter(member::Column::Role.eq(Role::Admin))
        .filter(member::Column::Status.eq(MemberStatus::Active))
        .filter(member::Column::ErasedAt.is_null())
        .all(db)
        .await?)
}

/// What `myData` holds of a member's notifications: their settings, saved
/// searches and follows, and the emails the outbox still keeps for them.
pub async fn export(db: &impl ConnectionTrait, member_id: &str) -> AppResult<serde_json::Value> {
    use sea_orm::QueryOrder;
    let chosen = preferences::of_member(db, member_id).await?;
    let subscriptions = crate::entities::subscription::Entity::find()
        .filter(crate::entities::subscription::Column::MemberId.eq(member_id))
        .order_by_asc(crate::entities::subscription::Column::CreatedAt)
        .all(db)
        .await?;
    let emails = crate::entities::mail_message::Entity::find()
        .filter(crate::entities::mail_message::Column::MemberId.eq(member_id))
        .order_by_asc(crate::entities::mail_message::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(serde_json::json!({
        "settings": {
            "submissions": chosen.submissions, "decisions": chosen.decisions, "reports": chosen.reports,
            "reportOutcomes": chosen.report_outcomes, "pendingMembers": chosen.pending_members,
            "reviewReminders": chosen.review_reminders, "questions": chosen.questions,
            "dailyDigest": chosen.daily_digest,
        },
        "savedSearchesAndFollows": subscriptions.iter().map(|subscription| serde_json::json!({
            "id": subscription.id, "kind": subscription.kind, "name": subscription.name, "query": subscription.query,
            "filter": subscription.filter, "follows": subscription.follow_target.map(|target| target.as_str()),
            "key": subscription.follow_key, "frequency": subscription.frequency.as_str(),
            "createdAt": subscription.created_at,
        })).collect::<Vec<_>>(),
        "emails": emails.iter().map(|email| serde_json::json!({
            "subject": email.subject, "status": email.status.as_str(), "createdAt": email.created_at,
            "sentAt": email.sent_at,
        })).collect::<Vec<_>>(),
    }))
}

/// What waits to be sent to a member who is erased goes with them.
pub async fn forget_member(db: &impl ConnectionTrait, member_id: &str) -> AppResult<()> {
    mail::outbox::forget_member(db, member_id).await?;
    notification::Entity::delete_many().filter(notification::Column::MemberId.eq(member_id)).exec(db).await?;
    crate::entities::notification_setting::Entity::delete_by_id(member_id.to_owned()).exec(db).await?;
    alerts::forget_member(db, member_id).await
}
