//! The daily digest: a member who chose it gets their notifications in one
//! email, once the oldest waiting has waited a day. Taking the waiting rows
//! (setting `digested_at`) and writing the email are one transaction, and
//! the update only takes rows still waiting: two servers never both send.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

use super::letter::escape;
use super::mail::{self, Email};
use super::site::Site;
use crate::entities::notification;
use crate::error::AppResult;
use crate::members::MemberStatus;

/// Sends every digest due at `now`; returns how many.
pub async fn send_due(db: &DatabaseConnection, site: &Site, now: DateTime<Utc>) -> AppResult<usize> {
    let waiting = notification::Entity::find()
        .filter(notification::Column::DigestedAt.is_null())
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    let mut by_member: BTreeMap<String, Vec<notification::Model>> = BTreeMap::new();
    for item in waiting {
        by_member.entry(item.member_id.clone()).or_default().push(item);
    }
    let mut sent = 0;
    for (member_id, items) in by_member {
        let oldest = items.iter().map(|item| item.created_at).min().unwrap_or(now);
        if now - oldest < Duration::days(1) {
            continue;
        }
        if send_one(db, site, &member_id, &items, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

async fn send_one(
    db: &DatabaseConnection,
    site: &Site,
    member_id: &str,
    items: &[notification::Model],
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let txn = db.begin().await?;
    let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
    let taken = notification::Entity::update_many()
        .col_expr(notification::Column::DigestedAt, Expr::value(now))
        .filter(notification::Column::Id.is_in(ids))
        .filter(notification::Column::DigestedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if taken != items.len() as u64 {
        // Another server took (some of) them first: it sends them.
        return Ok(false);
    }
    let Some(member) = crate::members::find_by_ids(&txn, &[member_id.to_owned()]).await?.into_iter().next() else {
        txn.commit().await?;
        return Ok(false);
    };
    if member.status != MemberStatus::Active || member.erased_at.is_some() {
        txn.commit().await?;
        return Ok(false);
    }
    // Each item was written in the member's language when it happened; the digest is in their language now.
    let locale = crate::members::language_of(&member);
    let intro = locale.t_count("email-digest-intro", items.len() as i64);
    let mut text = format!("{intro}\n");
    let mut html = format!("<!doctype html><html lang=\"{}\"><body><p>{}</p>", locale.html_lang(), escape(&intro));
    let open = locale.t("email-digest-open");
    for item in items {
        let link = site.link(&item.link);
        text.push_str(&format!("\n## {}\n{}\n{link}\n", item.subject, item.text_body));
        html.push_str(&format!(
            "<h2>{}</h2><p>{}</p><p><a href=\"{}\">{}</a></p>",
            escape(&item.subject),
            escape(&item.text_body).replace('\n', "<br>"),
            escape(&link),
            escape(&open)
        ));
    }
    let settings = site.link("/account/notifications");
    let change = locale.t("email-digest-change-settings");
    text.push_str(&format!("\n-- \n{change}: {settings}\n"));
    html.push_str(&format!(
        "<hr><p><small><a href=\"{}\">{}</a></small></p></body></html>",
        escape(&settings),
        escape(&change)
    ));
    let email = Email {
        member_id: Some(member.id.clone()),
        recipient: member.email,
        subject: locale.t_count("email-digest-subject", items.len() as i64),
        text,
        html,
        unsubscribe_url: None,
    };
    mail::enqueue(&txn, email, &site.message_domain()).await?;
    txn.commit().await?;
    Ok(true)
}
