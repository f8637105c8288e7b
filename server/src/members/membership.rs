//! Who a person is a member of: sign-in by a verified identity, and the
//! council an email address proves.
//!
//! Rules (PRODUCT.md "Member"):
//! - An identity is keyed by issuer + subject, never by email: emails change.
//! - A verified email whose domain is one of a council's `emailDomains`
//!   (subdomains included) makes an ACTIVE member of that council; any other
//!   email makes a PENDING member, who reads what members read but cannot
//!   publish until an admin assigns a council.
//! - The first sign-in of an identity whose verified email already belongs to a
//!   member (made by `issue-token`, dev sign-in or another provider) links to
//!   that member rather than making a second one: the provider has verified the
//!   address, which is all the other routes know of the person either.
//!   Only once per provider: a second account of the same provider with that
//!   email is refused, since the member already belongs to the first.
//! - When a member's verified email changes, their council follows the new
//!   domain (ACTIVE in the council it proves, else PENDING with none).
//! - Sign-in never changes a role, and never lifts a suspension.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use super::{MemberStatus, Role};
use crate::entities::{authority, member, member_identity};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;

/// The longest name kept (the column's size); longer ones are cut.
const MAX_NAME_CHARS: usize = 200;

/// A person as an OpenID Connect provider vouches for them, email verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedIdentity {
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub name: Option<String>,
}

/// The member a verified identity signs in as, made or updated by the rules above.
pub async fn member_for_identity(
    db: &DatabaseConnection,
    site: Option<&crate::notifications::Site>,
    identity: &VerifiedIdentity,
) -> AppResult<member::Model> {
    let txn = db.begin().await?;
    let mut made = false;
    let email = normalise_email(&identity.email);
    let linked =
        member_identity::Entity::find_by_id((identity.issuer.clone(), identity.subject.clone())).one(&txn).await?;
    let existing = match linked {
        // An erased account is never signed in to again (nor its data written back).
        Some(link) => {
            member::Entity::find_by_id(link.member_id).one(&txn).await?.filter(|member| member.erased_at.is_none())
        }
        None => {
            let by_email = member::Entity::find().filter(member::Column::Email.eq(&email)).one(&txn).await?;
            let member = match by_email {
                Some(member) => {
                    // Never hand a member to a second account of the same provider
                    // (a recycled mailbox, a re-created account): that member is
                    // someone else's now.
                    let same_issuer = member_identity::Entity::find()
                        .filter(member_identity::Column::MemberId.eq(&member.id))
                        .filter(member_identity::Column::Issuer.eq(&identity.issuer))
                        .one(&txn)
                        .await?;
                    if same_issuer.is_some() {
                        return Err(AppError::Conflict(
                            "this email belongs to another account of this sign-in provider".into(),
                        ));
                    }
                    member
                }
                None => {
                    made = true;
                    create(&txn, &email, identity.name.clone(), Role::Member).await?
                }
            };
            member_identity::ActiveModel {
                issuer: Set(identity.issuer.clone()),
                subject: Set(identity.subject.clone()),
                member_id: Set(member.id.clone()),
                created_at: Set(Utc::now()),
            }
            .insert(&txn)
            .await?;
            Some(member)
        }
    };
    let member = existing.ok_or_else(|| AppError::Internal(anyhow::anyhow!("an identity links to no member")))?;
    let member = refresh(&txn, member, &email, identity.name.as_deref()).await?;
    tell_admins_if_waiting(&txn, site, made, &member).await?;
    txn.commit().await?;
    Ok(member)
}

/// The member with this email for dev sign-in, made if new, with the role
/// asked for; the council comes from the email's domain as for real sign-in.
pub async fn member_for_dev_sign_in(
    db: &DatabaseConnection,
    site: Option<&crate::notifications::Site>,
    email: &str,
    role: Role,
) -> AppResult<member::Model> {
    let email = normalise_email(email);
    if !email_address::EmailAddress::is_valid(&email) {
        return Err(AppError::bad_input("email", "enter an email address, like name@camden.gov.uk"));
    }
    let txn = db.begin().await?;
    let mut made = false;
    let member = match member::Entity::find().filter(member::Column::Email.eq(&email)).one(&txn).await? {
        Some(member) if member.erased_at.is_some() => {
            return Err(AppError::Forbidden("this account was erased"));
        }
        Some(member) => member,
        None => {
            made = true;
            create(&txn, &email, None, role).await?
        }
    };
    let member = refresh(&txn, member, &email, None).await?;
    let member = if member.role == role {
        member
    } else {
        let mut changed: member::ActiveModel = member.into();
        changed.role = Set(role);
        changed.updated_at = Set(Utc::now());
        changed.update(&txn).await?
    };
    tell_admins_if_waiting(&txn, site, made, &member).await?;
    txn.commit().await?;
    Ok(member)
}

/// A new account that no council's domain let in waits for an admin: admins hear of it.
async fn tell_admins_if_waiting(
    db: &impl ConnectionTrait,
    site: Option<&crate::notifications::Site>,
    made: bool,
    member: &member::Model,
) -> AppResult<()> {
    match site {
        Some(site) if made && member.status == MemberStatus::Pending => {
            crate::notifications::events::member_pending(db, site).await
        }
        _ => Ok(()),
    }
}

/// The council whose email domains include the address's domain (or a parent
/// of it: `hr.camden.gov.uk` is Camden's). The most specific domain wins;
/// councils that have been replaced never match.
pub async fn council_for_email(db: &impl ConnectionTrait, email: &str) -> AppResult<Option<authority::Model>> {
    let Some(domain) = email_domain(email) else {
        return Ok(None);
    };
    let councils = authority::Entity::find().filter(crate::authorities::current()).all(db).await?;
    let best = councils
        .into_iter()
        .filter_map(|council| {
            let matched = council
                .email_domains
                .0
                .iter()
                .map(|owned| owned.trim().to_ascii_lowercase())
                .filter(|owned| !owned.is_empty() && domain_is_within(&domain, owned))
                .map(|owned| owned.len())
                .max()?;
            Some((matched, council))
        })
        .max_by_key(|(matched, _)| *matched);
    Ok(best.map(|(_, council)| council))
}

/// Of `councils`, those that share the address's domain (shared services):
/// such a member waits, and the admin is offered only these councils.
pub fn councils_sharing<'a>(councils: &'a [authority::Model], email: &str) -> Vec<&'a authority::Model> {
    let Some(domain) = email_domain(email) else {
        return Vec::new();
    };
    councils
        .iter()
        .filter(|council| crate::authorities::is_current(council))
        .filter(|council| {
            council
                .shared_email_domains
                .0
                .iter()
                .any(|shared| domain_is_within(&domain, &shared.trim().to_ascii_lowercase()))
        })
        .collect()
}

/// The domain of an address, lower-cased, without a trailing dot.
fn email_domain(email: &str) -> Option<String> {
    let (_, domain) = email.rsplit_once('@')?;
    Some(domain.trim().trim_end_matches('.').to_ascii_lowercase())
}

/// `camden.gov.uk` is within `camden.gov.uk`, and so is `hr.camden.gov.uk`; `notcamden.gov.uk` is not.
fn domain_is_within(domain: &str, owned: &str) -> bool {
    domain == owned || domain.strip_suffix(owned).is_some_and(|prefix| prefix.ends_with('.'))
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

async fn create(db: &impl ConnectionTrait, email: &str, name: Option<String>, role: Role) -> AppResult<member::Model> {
    let now = Utc::now();
    Ok(member::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        email: Set(email.to_owned()),
        name: Set(name.map(|name| name.trim().chars().take(MAX_NAME_CHARS).collect())),
        role: Set(role),
        status: Set(MemberStatus::Pending),
        authority_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
        language: Set(None),
    }
    .insert(db)
    .await?)
}

/// Brings a member up to date with what the provider says now: the name, the
/// email (unless another member has it), and — for a PENDING member whose
/// email now proves a council — activation.
async fn refresh(
    db: &impl ConnectionTrait,
    member: member::Model,
    email: &str,
    name: Option<&str>,
) -> AppResult<member::Model> {
    let mut changed: member::ActiveModel = member.clone().into();
    let mut dirty = false;
    if let Some(name) = name.map(str::trim).filter(|name| !name.is_empty())
        && member.name.as_deref() != Some(name)
    {
        changed.name = Set(Some(name.chars().take(MAX_NAME_CHARS).collect()));
        dirty = true;
    }
    let mut email_changed = false;
    if member.email != email {
        let taken = member::Entity::find().filter(member::Column::Email.eq(email)).one(db).await?.is_some();
        if !taken {
            changed.email = Set(email.to_owned());
            dirty = true;
            email_changed = true;
        }
    }
    if email_changed && member.status == MemberStatus::Active {
        let council = council_for_email(db, email).await?;
        changed.authority_id = Set(council.as_ref().map(|council| council.id));
        changed.status = Set(if council.is_some() { MemberStatus::Active } else { MemberStatus::Pending });
    } else if member.status == MemberStatus::Pending
        && let Some(council) = council_for_email(db, email).await?
    {
        changed.status = Set(MemberStatus::Active);
        changed.authority_id = Set(Some(council.id));
        dirty = true;
    }
    if !dirty {
        return Ok(member);
    }
    changed.updated_at = Set(Utc::now());
    Ok(changed.update(db).await?)
}

/// Saves the interface language a member chose (their pages and emails
/// follow it). A choice that changes nothing writes nothing.
pub async fn choose_language(db: &impl ConnectionTrait, member: &member::Model, locale: Locale) -> AppResult<()> {
    if member.language.as_deref() == Some(locale.code()) {
        return Ok(());
    }
    member::Entity::update_many()
        .col_expr(member::Column::Language, sea_orm::sea_query::Expr::value(locale.code()))
        .filter(member::Column::Id.eq(member.id.clone()))
        .exec(db)
        .await?;
    Ok(())
}

/// The language a member's emails are written in: their choice, else English.
pub fn language_of(member: &member::Model) -> Locale {
    member.language.as_deref().and_then(Locale::from_code).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::domain_is_within;

    #[test]
    fn subdomains_belong_to_the_council_and_lookalikes_do_not() {
        assert!(domain_is_within("camden.gov.uk", "camden.gov.uk"));
        assert!(domain_is_within("hr.camden.gov.uk", "camden.gov.uk"));
        assert!(!domain_is_within("notcamden.gov.uk", "camden.gov.uk"));
        assert!(!domain_is_within("camden.gov.uk.evil.example", "camden.gov.uk"));
    }
}
