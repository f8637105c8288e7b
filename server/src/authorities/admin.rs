//! What admins do to the register: edit a council (name, email domains,
//! shared domains, kind, region; retire it, naming its successors). An
//! edited council is marked, and the shipped register and later imports
//! leave it as the admin made it.
//!
//! An edit is one transaction with its audit entry; every case study the
//! council wrote or collaborated on is recorded in the change log (its
//! facets and labels change), so search follows on every server. Retiring
//! a council moves its members to its successor, or, when there are
//! several, leaves them PENDING for an admin to place.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{NaiveDate, Utc};
use regex::Regex;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;

use super::{AuthorityKind, REGIONS, find_by_slug, find_by_slugs, is_current, succession};
use crate::audit::{self, AuditAction};
use crate::entities::json::{IdList, StringList};
use crate::entities::{authority, case_study, member};
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Arg;
use crate::identity::Viewer;
use crate::members::MemberStatus;
use crate::search_sync::changes::{self, Outbox, Reference};

/// Who may edit the register: admins.
pub fn can_manage(viewer: &Viewer) -> bool {
    viewer.is_admin()
}

/// What an admin changes; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct AuthorityChanges {
    pub name: Option<String>,
    pub email_domains: Option<Vec<String>>,
    pub shared_email_domains: Option<Vec<String>>,
    pub kind: Option<AuthorityKind>,
    pub region: Option<String>,
    /// `YYYY-MM-DD`: the day it ended.
    pub retired_on: Option<String>,
    /// Council slugs, in order: it is retired (today, unless `retired_on` says when) and replaced by them.
    pub successors: Option<Vec<String>>,
}

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$").expect("a pattern")
});

/// Domains whose every address is some other organisation's: never a council's own.
const PUBLIC_SUFFIXES: [&str; 12] = [
    "gov.uk",
    "org.uk",
    "co.uk",
    "ac.uk",
    "nhs.uk",
    "police.uk",
    "sch.uk",
    "net.uk",
    "gov.scot",
    "gov.wales",
    "llyw.cymru",
    "com",
];

/// Domains lower-cased and trimmed, each a host name, none twice, none a public suffix.
fn domains(field: &str, given: Vec<String>, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for (index, domain) in given.into_iter().enumerate() {
        let domain = domain.trim().trim_start_matches('@').trim_end_matches('.').to_ascii_lowercase();
        if PUBLIC_SUFFIXES.contains(&domain.as_str()) {
            let args = vec![("domain", Arg::Text(domain.clone()))];
            errors.push(FieldError::keyed(format!("{field}[{index}]"), "rule-domain-public", args));
        } else if domain.len() > 253 || !DOMAIN.is_match(&domain) {
            let args = vec![("domain", Arg::Text(domain.clone()))];
            errors.push(FieldError::keyed(format!("{field}[{index}]"), "rule-domain-invalid", args));
        } else if !kept.contains(&domain) {
            kept.push(domain);
        }
    }
    kept
}

/// `updateAuthority`: checks every field (all errors at once), applies them.
pub async fn update(
    outbox: &Outbox,
    viewer: &Viewer,
    slug: &str,
    changes: AuthorityChanges,
) -> AppResult<authority::Model> {
    let actor = viewer.require_signed_in()?.member_id.clone();
    if !can_manage(viewer) {
        return Err(AppError::Forbidden("only admins can edit the register"));
    }
    let slug = slug.trim().to_owned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let council = find_by_slug(txn, &slug).await?.ok_or(AppError::NotFound)?;
                let before = described(txn, &council).await?;
                let mut errors = Vec::new();
                let mut edited: authority::ActiveModel = council.clone().into();
                if let Some(name) = changes.name {
                    let name = name.trim().to_owned();
                    if !(2..=200).contains(&name.chars().count()) {
                        errors.push(FieldError {
                            field: "name".into(),
                            message: "must be 2 to 200 characters".into(),
                            text: None,
                        });
                    }
                    edited.name = Set(name);
                }
                if let Some(own) = changes.email_domains {
                    let own = domains("emailDomains", own, &mut errors);
                    refuse_owned_elsewhere(txn, council.id, &own, &mut errors).await?;
                    edited.email_domains = Set(StringList(own));
                }
                if let Some(shared) = changes.shared_email_domains {
                    edited.shared_email_domains = Set(StringList(domains("sharedEmailDomains", shared, &mut errors)));
                }
                if let Some(kind) = changes.kind {
                    edited.kind = Set(kind);
                }
                if let Some(region) = changes.region {
                    let region = region.trim().to_owned();
                    if !REGIONS.contains(&region.as_str()) {
                        let args = vec![("region", Arg::Text(region.clone()))];
                        errors.push(FieldError::keyed("region", "rule-not-a-region", args));
                    }
                    edited.region = Set(region);
                }
                let retired_on = match changes.retired_on.as_deref().map(str::trim) {
                    None => None,
                    Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                        Ok(day) => Some(day),
                        Err(_) => {
                            errors.push(FieldError {
                                field: "retiredOn".into(),
                                message: "give a date as YYYY-MM-DD".into(),
                                text: None,
                            });
                            None
                        }
                    },
                };
                let successors = match changes.successors {
                    Some(slugs) => Some(successor_ids(txn, &council, &slugs, &mut errors).await?),
                    None => None,
                };
                if !errors.is_empty() {
                    return Err(AppError::BadUserInput(errors));
                }
                if let Some(retired_on) = retired_on {
                    edited.retired_on = Set(Some(retired_on));
                }
                if let Some(successors) = &successors {
                    edited.successor_id = Set(successors.first().copied());
                    if successors.is_empty() {
                        edited.retired_on = Set(retired_on);
                    } else if council.retired_on.is_none() && retired_on.is_none() {
                        edited.retired_on = Set(Some(Utc::now().date_naive()));
                    }
                    succession::replace_successors(txn, council.id, successors).await?;
                }
                edited.edited_by_admin_at = Set(Some(Utc::now()));
                edited.updated_at = Set(Utc::now());
                let updated = edited.update(txn).await?;
                if let Some(successors) = &successors {
                    move_members(txn, council.id, successors).await?;
                }
                record_case_studies(txn, council.id).await?;
                changes::record_reference(txn, Reference::Labels).await?;
                let after = described(txn, &updated).await?;
                audit::record(
                    txn,
                    Some(&actor),
                    AuditAction::AuthorityUpdate,
                    &updated.slug,
                    Some(before),
                    Some(after),
                )
                .await?;
                Ok(updated)
            })
        })
        .await
}

/// A council's own domain makes members of that council alone: another
/// council's own domains are refused (a shared one is listed as shared by each).
async fn refuse_owned_elsewhere(
    db: &impl ConnectionTrait,
    council_id: i32,
    own: &[String],
    errors: &mut Vec<FieldError>,
) -> AppResult<()> {
    // A retired council's domains make nobody a member: a successor may take them over.
    let others =
        authority::Entity::find().filter(authority::Column::Id.ne(council_id)).filter(super::current()).all(db).await?;
    for (index, domain) in own.iter().enumerate() {
        if let Some(other) = others.iter().find(|other| other.email_domains.0.iter().any(|theirs| theirs == domain)) {
            let args = vec![("domain", Arg::Text(domain.clone())), ("council", Arg::Text(other.name.clone()))];
            errors.push(FieldError::keyed(format!("emailDomains[{index}]"), "rule-domain-taken", args));
        }
    }
    Ok(())
}

/// The successors' ids, in order: current councils, not the council itself.
async fn successor_ids(
    db: &impl ConnectionTrait,
    council: &authority::Model,
    slugs: &[String],
    errors: &mut Vec<FieldError>,
) -> AppResult<Vec<i32>> {
    let wanted: Vec<String> = slugs.iter().map(|slug| slug.trim().to_owned()).collect();
    let found = find_by_slugs(db, &wanted).await?;
    // A successor retired since it was named stays acceptable, so the page can be saved again.
    let already = succession::successors_of(db, &[council.id]).await?.remove(&council.id).unwrap_or_default();
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    for (index, slug) in wanted.iter().enumerate() {
        let field = format!("successors[{index}]");
        match found.iter().find(|candidate| &candidate.slug == slug) {
            None => {
                errors.push(FieldError::keyed(field, "rule-no-such-council", vec![("slug", Arg::Text(slug.clone()))]))
            }
            Some(successor) if successor.id == council.id => {
                errors.push(FieldError { field, message: "a council cannot replace itself".into(), text: None })
            }
            Some(successor) if !is_current(successor) && !already.contains(&successor.id) => {
                errors.push(FieldError::keyed(
                    field,
                    "rule-successor-replaced",
                    vec![("council", Arg::Text(successor.name.clone()))],
                ))
            }
            Some(successor) => {
                if seen.insert(successor.id) {
                    ids.push(successor.id);
                }
            }
        }
    }
    Ok(ids)
}

/// The retired council's members join its successor; with several, they
/// wait (PENDING, no council) for an admin to place them.
async fn move_members(db: &impl ConnectionTrait, council_id: i32, successors: &[i32]) -> AppResult<()> {
    let update = member::Entity::update_many().filter(member::Column::AuthorityId.eq(council_id));
    match successors {
        [] => return Ok(()),
        [only] => update.col_expr(member::Column::AuthorityId, sea_orm::sea_query::Expr::value(*only)),
        _ => {
            // Plain members wait for an admin; moderators and admins keep their standing (network staff).
            member::Entity::update_many()
                .col_expr(member::Column::Status, sea_orm::sea_query::Expr::value(MemberStatus::Pending.as_str()))
                .filter(member::Column::AuthorityId.eq(council_id))
                .filter(member::Column::Status.eq(MemberStatus::Active))
                .filter(member::Column::Role.eq(crate::members::Role::Member))
                .exec(db)
                .await?;
            update.col_expr(member::Column::AuthorityId, sea_orm::sea_query::Expr::value(Option::<i32>::None))
        }
    }
    .exec(db)
    .await?;
    Ok(())
}

/// Every case study filed under the council goes through search again (its
/// name, kind, region or successors changed): the ones it or a council it
/// replaced wrote, and the ones naming it as a collaborator.
async fn record_case_studies(db: &impl ConnectionTrait, council_id: i32) -> AppResult<()> {
    let mut councils = succession::ancestors_of(db, council_id).await?;
    councils.push(council_id);
    let rows: Vec<(String, i32, IdList)> = case_study::Entity::find()
        .select_only()
        .column(case_study::Column::Id)
        .column(case_study::Column::AuthorityId)
        .column(case_study::Column::Collaborators)
        .into_tuple()
        .all(db)
        .await?;
    for (id, owner, collaborators) in rows {
        let names_it = collaborators.0.contains(&council_id);
        if councils.contains(&owner) || names_it {
            changes::record(db, &id).await?;
        }
    }
    Ok(())
}

/// What the audit trail keeps of a council.
async fn described(db: &impl ConnectionTrait, council: &authority::Model) -> AppResult<serde_json::Value> {
    let slugs: Vec<String> =
        succession::successors(db, council.id).await?.into_iter().map(|successor| successor.slug).collect();
    Ok(json!({
        "name": council.name, "emailDomains": council.email_domains.0, "sharedEmailDomains": council.shared_email_domains.0,
        "kind": council.kind.as_str(), "region": council.region, "retiredOn": council.retired_on, "successors": slugs,
    }))
}
