//! Members (people): who they are a member of, what admins do to them, and
//! their API tokens.

pub mod admin;
pub mod data_rights;
pub mod membership;
mod tokens;

pub use membership::{
    VerifiedIdentity, choose_language, council_for_email, councils_sharing, language_of, member_for_dev_sign_in,
    member_for_identity,
};
pub use tokens::{
    create_token, hash_token, issue_from_command_line, issue_token, member_for_token, revoke_token, tokens_of,
};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::member;
pub use crate::entities::values::{MemberStatus, Role};
use crate::error::AppResult;
use crate::i18n::{Arg, Locale};

/// Who acted, once their account is gone or erased (the API's English; pages use `former_member`).
pub const FORMER_MEMBER: &str = "A former member";

/// `FORMER_MEMBER` in `locale`.
pub fn former_member(locale: Locale) -> String {
    locale.t("acting-former-member")
}

/// Who acted, as the history shows them to everyone but admins: by role and
/// council, never by name or email ("Moderator, Kent County Council").
pub fn acting_label(role: Role, council: Option<&str>, locale: Locale) -> String {
    let role = locale.t(match role {
        Role::Member => "acting-member",
        Role::Moderator => "acting-moderator",
        Role::Admin => "acting-admin",
    });
    let council = council.unwrap_or("Casebook").to_owned();
    locale.text("acting-label", &[("role", Arg::Text(role)), ("council", Arg::Text(council))])
}

pub async fn find_by_ids(db: &impl ConnectionTrait, ids: &[String]) -> AppResult<Vec<member::Model>> {
    Ok(member::Entity::find().filter(member::Column::Id.is_in(ids.iter().cloned())).all(db).await?)
}

/// `acting_label` of each of these members, by id, in two queries.
pub async fn acting_labels(
    db: &impl ConnectionTrait,
    member_ids: &[String],
    locale: Locale,
) -> AppResult<std::collections::HashMap<String, String>> {
    let acting = find_by_ids(db, member_ids).await?;
    let councils: Vec<i32> = acting.iter().filter_map(|member| member.authority_id).collect();
    let names: std::collections::HashMap<i32, String> = crate::authorities::find_by_ids(db, &councils)
        .await?
        .into_iter()
        .map(|council| (council.id, crate::authorities::name_in(&council, locale).to_owned()))
        .collect();
    Ok(acting
        .into_iter()
        .map(|member| {
            let council = member.authority_id.and_then(|id| names.get(&id)).map(String::as_str);
            let label = if member.erased_at.is_some() {
                former_member(locale)
            } else {
                acting_label(member.role, council, locale)
            };
            (member.id.clone(), label)
        })
        .collect())
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        <Role as sea_orm::Iterable>::iter()
            .find(|role| role.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| format!("unknown role `{text}` (expected MEMBER, MODERATOR or ADMIN)"))
    }
}

/// Creates the member with this email, or updates the existing one, as an
/// ACTIVE member with the given role and council (the bootstrap of
/// `casebook issue-token`: no email-domain check applies).
pub async fn upsert_active_member(
    db: &impl ConnectionTrait,
    email: &str,
    role: Role,
    authority_id: Option<i32>,
) -> AppResult<member::Model> {
    let email = email.trim().to_lowercase();
    let now = Utc::now();
    let existing = member::Entity::find().filter(member::Column::Email.eq(&email)).one(db).await?;
    let model = match existing {
        Some(existing) => {
            let mut active: member::ActiveModel = existing.into();
            active.role = Set(role);
            active.status = Set(MemberStatus::Active);
            active.authority_id = Set(authority_id);
            active.updated_at = Set(now);
            active.update(db).await?
        }
        None => {
            member::ActiveModel {
                id: Set(uuid::Uuid::new_v4().to_string()),
                email: Set(email.clone()),
                name: Set(None),
                role: Set(role),
                status: Set(MemberStatus::Active),
                authority_id: Set(authority_id),
                created_at: Set(now),
                updated_at: Set(now),
                erased_at: Set(None),
                language: Set(None),
            }
            .insert(db)
            .await?
        }
    };
    Ok(model)
}
