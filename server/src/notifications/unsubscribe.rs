//! One-click unsubscribing (RFC 8058). Every alert and notification carries
//! a link with a signed token naming what it unsubscribes from; GET shows a
//! confirmation and changes nothing (mail scanners follow links), POST
//! unsubscribes, with no session or CSRF cookie: the signature is the proof.

use sea_orm::{ConnectionTrait, EntityTrait};

use super::site::Site;
use super::{NoticeKind, preferences};
use crate::entities::subscription;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;

/// What a token unsubscribes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grant {
    /// A saved search or follow.
    Subscription { id: String },
    /// One kind of notification, for one member.
    Notice { member_id: String, kind: NoticeKind },
}

impl Grant {
    fn payload(&self) -> String {
        match self {
            Grant::Subscription { id } => format!("s:{id}"),
            Grant::Notice { member_id, kind } => format!("n:{member_id}:{}", kind.as_str()),
        }
    }

    pub fn url(&self, site: &Site) -> String {
        site.link(&format!("/unsubscribe/{}", site.sign(&self.payload())))
    }

    /// The grant a token carries, if this site signed it.
    pub fn from_token(site: &Site, token: &str) -> Option<Grant> {
        let payload = site.verify(token)?;
        if let Some(id) = payload.strip_prefix("s:") {
            return Some(Grant::Subscription { id: id.to_owned() });
        }
        let (member_id, kind) = payload.strip_prefix("n:")?.split_once(':')?;
        Some(Grant::Notice { member_id: member_id.to_owned(), kind: NoticeKind::from_name(kind)? })
    }
}

/// What the confirmation page says it will stop; None once it is already gone.
pub async fn describe(db: &impl ConnectionTrait, grant: &Grant, locale: Locale) -> AppResult<Option<String>> {
    match grant {
        Grant::Subscription { id } => Ok(subscription::Entity::find_by_id(id.clone())
            .one(db)
            .await?
            .map(|subscription| locale.t_with("unsubscribe-alerts-for", "name", subscription.name))),
        Grant::Notice { member_id, kind } => {
            let chosen = preferences::of_member(db, member_id).await?;
            Ok(chosen
                .wants(*kind)
                .then(|| locale.t_with("unsubscribe-emails-about", "kind", kind.label(locale).to_lowercase())))
        }
    }
}

/// Unsubscribes; doing it twice is no error (the second changes nothing).
pub async fn apply(db: &impl ConnectionTrait, site: &Site, token: &str) -> AppResult<Grant> {
    let grant = Grant::from_token(site, token).ok_or(AppError::NotFound)?;
    match &grant {
        Grant::Subscription { id } => {
            subscription::Entity::delete_by_id(id.clone()).exec(db).await?;
            use sea_orm::{ColumnTrait, QueryFilter};
            crate::entities::alert_ledger_entry::Entity::delete_many()
                .filter(crate::entities::alert_ledger_entry::Column::SubscriptionId.eq(id.clone()))
                .exec(db)
                .await?;
        }
        Grant::Notice { member_id, kind } => {
            let member = crate::members::find_by_ids(db, std::slice::from_ref(member_id)).await?;
            if member.first().is_none_or(|member| member.erased_at.is_some()) {
                // An erased member's settings are gone; a link in an old email must not make them again.
                return Ok(grant);
            }
            let mut chosen = preferences::of_member(db, member_id).await?;
            if chosen.wants(*kind) {
                chosen.set(*kind, false);
                preferences::save(db, member_id, chosen).await?;
            }
        }
    }
    Ok(grant)
}
