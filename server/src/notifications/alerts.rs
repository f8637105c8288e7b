//! Saved searches and follows, and the alert runs that tell their members of
//! new case studies and follow-ups.
//!
//! A follow (a council, a service area, a technology, a tag) is a saved
//! search with one filter and no words, so both are one table and one run.
//! A run re-asks each due subscription's query of the news since its last
//! alert (publications and follow-ups, restricted to those case studies by
//! `SearchArgs::within`), as its member may read it: the index's audience,
//! then `policy::can_read` per hit, exactly as in search. It sends one email
//! per subscription however many hits, and in the same transaction writes
//! the ledger (what was sent to whom) and moves `alerted_until` on by a
//! conditional update: two servers running at once send it once, and a run
//! that crashed left nothing half-done for the next to repeat.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use super::letter::escape;
use super::mail::{self, Email};
use super::site::Site;
use super::unsubscribe::Grant;
use crate::case_studies::{Status, policy};
use crate::entities::values::{AlertFrequency, FollowTarget, FollowUpState};
use crate::entities::{alert_ledger_entry, case_study, follow_up, member, subscription};
use crate::error::{AppError, AppResult};
use crate::i18n::{Arg, Locale};
use crate::identity::Viewer;
use crate::paging::{Page, PageRequest};
use crate::search_sync::{IndexTurn, SearchArgs, SearchService};
use casebook_search::{Filters, Sort};

pub const SEARCH: &str = "SEARCH";
pub const FOLLOW: &str = "FOLLOW";
/// A member keeps at most this many saved searches and follows together.
pub const MAX_PER_MEMBER: u64 = 200;
const MAX_NAME_CHARS: usize = 200;
const MAX_FILTER_VALUES: usize = 50;
/// Hits listed in one alert; the rest are "and N more".
const LISTED: usize = 10;
/// A run also looks this far before each subscription's last alert: news
/// committed late (a long transaction) is still caught; the ledger stops it
/// being sent twice.
const SLACK_MINUTES: i64 = 60;

fn period(frequency: AlertFrequency) -> Duration {
    match frequency {
        AlertFrequency::Immediately => Duration::zero(),
        AlertFrequency::Daily => Duration::days(1),
        AlertFrequency::Weekly => Duration::days(7),
    }
}

/// A saved search's filters, as stored.
pub fn stored_filter(filters: &Filters) -> serde_json::Value {
    serde_json::to_value(filters).unwrap_or_default()
}

pub fn filters_of(subscription: &subscription::Model) -> Filters {
    serde_json::from_value(subscription.filter.clone()).unwrap_or_default()
}

fn active_member(viewer: &Viewer) -> AppResult<&str> {
    let member = viewer.require_signed_in()?;
    if !viewer.is_member() {
        return Err(AppError::Forbidden("only active members can save searches and follow"));
    }
    Ok(&member.member_id)
}

/// Saves a search for the signed-in member.
pub async fn save_search(
    db: &DatabaseConnection,
    viewer: &Viewer,
    query: String,
    filters: Filters,
    name: String,
    frequency: AlertFrequency,
) -> AppResult<subscription::Model> {
    let member_id = active_member(viewer)?.to_owned();
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(AppError::bad_input("name", "a saved search needs a name"));
    }
    if name.chars().count() > MAX_NAME_CHARS || name.contains('\0') {
        return Err(AppError::bad_input_keyed(
            "name",
            "rule-at-most-characters",
            vec![("max", Arg::Number(MAX_NAME_CHARS as i64))],
        ));
    }
    let query = query.trim().to_owned();
    if query.chars().count() > crate::search_sync::MAX_QUERY_CHARS || query.contains('\0') {
        let max = Arg::Number(crate::search_sync::MAX_QUERY_CHARS as i64);
        return Err(AppError::bad_input_keyed("query", "rule-at-most-characters", vec![("max", max)]));
    }
    let lists = [
        &filters.outcomes,
        &filters.service_areas,
        &filters.technologies,
        &filters.tags,
        &filters.authorities,
        &filters.regions,
        &filters.authority_kinds,
        &filters.cost_bands,
        &filters.years,
        &filters.evidence_strengths,
        &filters.over_budget,
        &filters.late,
        &filters.reused,
        &filters.language,
    ];
    if lists.iter().any(|values| values.len() > MAX_FILTER_VALUES) {
        return Err(AppError::bad_input_keyed(
            "filter",
            "rule-filter-values",
            vec![("max", Arg::Number(MAX_FILTER_VALUES as i64))],
        ));
    }
    if lists.iter().flat_map(|values| values.iter()).any(|value| value.contains('\0') || value.chars().count() > 200) {
        return Err(AppError::bad_input("filter", "each value is a key of at most 200 characters"));
    }
    insert(db, &member_id, SEARCH, name, query, filters, None, frequency).await
}

/// Follows a council (slug), a service area or technology (key) or a tag;
/// following again changes the frequency of the follow there is.
pub async fn follow(
    db: &DatabaseConnection,
    viewer: &Viewer,
    target: FollowTarget,
    key: String,
    frequency: AlertFrequency,
) -> AppResult<subscription::Model> {
    let member_id = active_member(viewer)?.to_owned();
    let key = key.trim().to_owned();
    let (name, filters, key) = match target {
        FollowTarget::Authority => {
            let council = crate::authorities::find_by_slug(db, &key)
                .await?
                .ok_or_else(|| AppError::bad_input("key", "no council has this slug"))?;
            let filters = Filters { authorities: vec![council.slug.clone()], ..Filters::default() };
            (council.name, filters, council.slug)
        }
        FollowTarget::ServiceArea | FollowTarget::Technology => {
            let kind = if target == FollowTarget::ServiceArea {
                crate::taxonomy::TermKind::ServiceArea
            } else {
                crate::taxonomy::TermKind::Technology
            };
            let taxonomy = crate::taxonomy::load(db).await?;
            let term = taxonomy
                .terms(kind)
                .iter()
                .find(|term| term.key == key && !term.retired)
                .ok_or_else(|| AppError::bad_input("key", "no such term in the taxonomy"))?;
            let mut filters = Filters::default();
            if kind == crate::taxonomy::TermKind::ServiceArea {
                filters.service_areas = vec![term.key.clone()];
            } else {
                filters.technologies = vec![term.key.clone()];
            }
            (term.label.clone(), filters, term.key.clone())
        }
        FollowTarget::Tag => {
            let tag = crate::case_studies::normalise_tag(&key);
            if tag.is_empty() || tag.chars().count() > 100 {
                return Err(AppError::bad_input("key", "a tag of 1 to 100 characters"));
            }
            (format!("#{tag}"), Filters { tags: vec![tag.clone()], ..Filters::default() }, tag)
        }
    };
    let existing = subscription::Entity::find()
        .filter(subscription::Column::MemberId.eq(&member_id))
        .filter(subscription::Column::FollowTarget.eq(target))
        .filter(subscription::Column::FollowKey.eq(&key))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        let mut changed: subscription::ActiveModel = existing.into();
        changed.frequency = Set(frequency);
        return Ok(changed.update(db).await?);
    }
    insert(db, &member_id, FOLLOW, name, String::new(), filters, Some((target, key)), frequency).await
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    db: &DatabaseConnection,
    member_id: &str,
    kind: &str,
    name: String,
    query: String,
    filters: Filters,
    follows: Option<(FollowTarget, String)>,
    frequency: AlertFrequency,
) -> AppResult<subscription::Model> {
    use sea_orm::PaginatorTrait;
    let held = subscription::Entity::find().filter(subscription::Column::MemberId.eq(member_id)).count(db).await?;
    if held >= MAX_PER_MEMBER {
        let max = Arg::Number(MAX_PER_MEMBER as i64);
        return Err(AppError::bad_input_keyed("name", "rule-saved-searches-at-most", vec![("max", max)]));
    }
    let now = Utc::now();
    let (follow_target, follow_key) = follows.map_or((None, None), |(target, key)| (Some(target), Some(key)));
    Ok(subscription::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        member_id: Set(member_id.to_owned()),
        kind: Set(kind.to_owned()),
        name: Set(name),
        query: Set(query),
        filter: Set(stored_filter(&filters)),
        follow_target: Set(follow_target),
        follow_key: Set(follow_key),
        frequency: Set(frequency),
        created_at: Set(now),
        alerted_until: Set(now),
    }
    .insert(db)
    .await?)
}

/// The viewer's saved searches (`SEARCH`) or follows (`FOLLOW`), oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    request: PageRequest,
) -> AppResult<Page<subscription::Model>> {
    let Some(member_id) = viewer.member_id().filter(|_| viewer.is_member()) else {
        viewer.require_signed_in()?;
        return Ok(Page::empty(request));
    };
    let query = subscription::Entity::find()
        .filter(subscription::Column::MemberId.eq(member_id))
        .filter(subscription::Column::Kind.eq(kind))
        .order_by_asc(subscription::Column::CreatedAt)
        .order_by_asc(subscription::Column::Id);
    crate::paging::fetch(db, query, request).await
}

/// Deletes one of the viewer's own (anyone else's is NOT_FOUND).
pub async fn delete(db: &impl ConnectionTrait, viewer: &Viewer, kind: &str, id: &str) -> AppResult<()> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let deleted = subscription::Entity::delete_many()
        .filter(subscription::Column::Id.eq(id))
        .filter(subscription::Column::MemberId.eq(member_id))
        .filter(subscription::Column::Kind.eq(kind))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    alert_ledger_entry::Entity::delete_many()
        .filter(alert_ledger_entry::Column::SubscriptionId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn forget_member(db: &impl ConnectionTrait, member_id: &str) -> AppResult<()> {
    let ids: Vec<String> = subscription::Entity::find()
        .filter(subscription::Column::MemberId.eq(member_id))
        .all(db)
        .await?
        .into_iter()
        .map(|subscription| subscription.id)
        .collect();
    alert_ledger_entry::Entity::delete_many()
        .filter(alert_ledger_entry::Column::SubscriptionId.is_in(ids))
        .exec(db)
        .await?;
    subscription::Entity::delete_many().filter(subscription::Column::MemberId.eq(member_id)).exec(db).await?;
    Ok(())
}

/// A piece of news: a case study published, or a follow-up to it published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct News {
    pub case_study_id: String,
    pub at: DateTime<Utc>,
    pub follow_up: bool,
}

/// Publications and follow-ups after `since`, oldest first.
pub async fn news_since(db: &impl ConnectionTrait, since: DateTime<Utc>) -> AppResult<Vec<News>> {
    let published = case_study::Entity::find()
        .filter(case_study::Column::Status.eq(Status::Published))
        .filter(case_study::Column::PublishedAt.gt(since))
        .all(db)
        .await?;
    let follow_ups = follow_up::Entity::find()
        .filter(follow_up::Column::State.eq(FollowUpState::Published))
        .filter(follow_up::Column::DecidedAt.gt(since))
        .all(db)
        .await?;
    let mut news: Vec<News> =
        published
            .into_iter()
            .filter_map(|row| row.published_at.map(|at| News { case_study_id: row.id, at, follow_up: false }))
            .chain(follow_ups.into_iter().filter_map(|row| {
                row.decided_at.map(|at| News { case_study_id: row.case_study_id, at, follow_up: true })
            }))
            .collect();
    news.sort_by_key(|item| item.at);
    Ok(news)
}

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Subscriptions due and with news to look at.
    pub checked: usize,
    /// Alerts written to the outbox.
    pub alerts: usize,
    /// Case studies listed in them.
    pub hits: usize,
}

/// One alert run at `now`: every due subscription with news since its last alert.
pub async fn run(
    db: &DatabaseConnection,
    search: &SearchService,
    site: &Site,
    now: DateTime<Utc>,
) -> AppResult<RunReport> {
    let slack = Duration::minutes(SLACK_MINUTES);
    let due: Vec<subscription::Model> = subscription::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|subscription| now - subscription.alerted_until >= period(subscription.frequency))
        .collect();
    let mut member_ids: Vec<String> = due.iter().map(|subscription| subscription.member_id.clone()).collect();
    member_ids.sort_unstable();
    member_ids.dedup();
    // Only ACTIVE members hear of anything; the others' subscriptions wait (and never hold the window open).
    let members: HashMap<String, member::Model> = crate::members::find_by_ids(db, &member_ids)
        .await?
        .into_iter()
        .filter(|member| Viewer::from_member(member).is_member() && member.erased_at.is_none())
        .map(|member| (member.id.clone(), member))
        .collect();
    let due: Vec<subscription::Model> =
        due.into_iter().filter(|subscription| members.contains_key(&subscription.member_id)).collect();
    let Some(earliest) = due.iter().map(|subscription| subscription.alerted_until).min() else {
        return Ok(RunReport::default());
    };
    let news = news_since(db, earliest - slack).await?;
    let news: Vec<News> = news.into_iter().filter(|item| item.at <= now).collect();
    if news.is_empty() {
        return Ok(RunReport::default());
    }
    let mut report = RunReport::default();
    for subscription in due {
        let window_start = subscription.alerted_until - slack;
        let candidates: Vec<&News> = news.iter().filter(|item| item.at > window_start).collect();
        if candidates.is_empty() {
            continue;
        }
        let Some(member) = members.get(&subscription.member_id) else { continue };
        let viewer = Viewer::from_member(member);
        report.checked += 1;
        let hits = matching(search, db, &viewer, &subscription, &candidates).await?;
        if let Some(listed) = send_alert(db, site, member, &viewer, &subscription, &candidates, hits, now).await? {
            report.alerts += 1;
            report.hits += listed;
        }
    }
    Ok(report)
}

/// The candidates' case studies that the subscription's query finds for this viewer.
async fn matching(
    search: &SearchService,
    db: &DatabaseConnection,
    viewer: &Viewer,
    subscription: &subscription::Model,
    candidates: &[&News],
) -> AppResult<Vec<case_study::Model>> {
    let mut ids: Vec<String> = candidates.iter().map(|item| item.case_study_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let args = SearchArgs {
        text: subscription.query.clone(),
        facet_limit: 0,
        filters: filters_of(subscription),
        sort: Sort::Newest,
        page: PageRequest { offset: 0, first: ids.len() as u64 },
        within: Some(ids),
        locale: Locale::English,
    };
    let page = search.search(db, viewer, &IndexTurn::default(), args).await?;
    // Search relaxes a query nothing matches to "any of the words"; an alert says only what matches.
    if page.relaxed {
        return Ok(Vec::new());
    }
    Ok(page.hits.into_iter().map(|hit| hit.case_study).collect())
}

/// Writes the alert (if any hit is new to the ledger), the ledger and the
/// new `alerted_until`, in one transaction; None when there was nothing new
/// or another server got there first.
#[allow(clippy::too_many_arguments)]
async fn send_alert(
    db: &DatabaseConnection,
    site: &Site,
    member: &member::Model,
    viewer: &Viewer,
    subscription: &subscription::Model,
    candidates: &[&News],
    hits: Vec<case_study::Model>,
    now: DateTime<Utc>,
) -> AppResult<Option<usize>> {
    let txn = db.begin().await?;
    let claimed = subscription::Entity::update_many()
        .col_expr(subscription::Column::AlertedUntil, Expr::value(now))
        .filter(subscription::Column::Id.eq(&subscription.id))
        .filter(subscription::Column::AlertedUntil.eq(subscription.alerted_until))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !claimed {
        return Ok(None);
    }
    let hit_ids: HashSet<&str> = hits.iter().map(|hit| hit.id.as_str()).collect();
    let sent: HashSet<(String, DateTime<Utc>)> = alert_ledger_entry::Entity::find()
        .filter(alert_ledger_entry::Column::SubscriptionId.eq(&subscription.id))
        .filter(alert_ledger_entry::Column::CaseStudyId.is_in(hit_ids.iter().map(|id| id.to_string())))
        .all(&txn)
        .await?
        .into_iter()
        .map(|entry| (entry.case_study_id, entry.event_at))
        .collect();
    let fresh: Vec<&News> = candidates
        .iter()
        .copied()
        .filter(|item| hit_ids.contains(item.case_study_id.as_str()))
        .filter(|item| !sent.contains(&(item.case_study_id.clone(), item.at)))
        .collect();
    if fresh.is_empty() {
        txn.commit().await?;
        return Ok(None);
    }
    let entries = fresh.iter().map(|item| alert_ledger_entry::ActiveModel {
        subscription_id: Set(subscription.id.clone()),
        case_study_id: Set(item.case_study_id.clone()),
        event_at: Set(item.at),
        sent_at: Set(now),
    });
    alert_ledger_entry::Entity::insert_many(entries).exec(&txn).await?;
    let by_id: HashMap<&str, &case_study::Model> = hits.iter().map(|hit| (hit.id.as_str(), hit)).collect();
    let mut listed: Vec<(&case_study::Model, bool)> = Vec::new();
    for item in fresh.iter().rev() {
        if let Some(case_study) = by_id.get(item.case_study_id.as_str())
            && !listed.iter().any(|(seen, _)| seen.id == case_study.id)
        {
            listed.push((case_study, item.follow_up));
        }
    }
    let councils = council_names(&txn, viewer, &listed, crate::members::language_of(member)).await?;
    let email = alert_email(site, member, subscription, &listed, &councils);
    mail::enqueue(&txn, email, &site.message_domain()).await?;
    txn.commit().await?;
    Ok(Some(listed.len()))
}

/// The council named beside each hit: only where this member may see it (anonymity, as on a page).
async fn council_names(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    listed: &[(&case_study::Model, bool)],
    locale: Locale,
) -> AppResult<HashMap<String, String>> {
    let ids: Vec<i32> = listed.iter().map(|(case_study, _)| case_study.authority_id).collect();
    let councils: HashMap<i32, crate::entities::authority::Model> =
        crate::authorities::find_by_ids(db, &ids).await?.into_iter().map(|council| (council.id, council)).collect();
    Ok(listed
        .iter()
        .filter_map(|(case_study, _)| {
            let council = councils.get(&case_study.authority_id)?;
            Some((case_study.id.clone(), policy::council_label(viewer, case_study, council, locale)))
        })
        .collect())
}

fn alert_email(
    site: &Site,
    member: &member::Model,
    subscription: &subscription::Model,
    listed: &[(&case_study::Model, bool)],
    councils: &HashMap<String, String>,
) -> Email {
    let locale = crate::members::language_of(member);
    let name = || Arg::Text(subscription.name.clone());
    let count = listed.len();
    let subject = if count == 1 {
        locale.text("email-alert-subject-one", &[("name", name()), ("title", Arg::Text(listed[0].0.title.clone()))])
    } else {
        locale.text("email-alert-subject-many", &[("name", name()), ("count", Arg::Number(count as i64))])
    };
    let unsubscribe = Grant::Subscription { id: subscription.id.clone() }.url(site);
    let intro = match subscription.follow_target {
        None => "email-alert-intro-saved-search",
        Some(_) => "email-alert-intro-follow",
    };
    let intro = locale.text(intro, &[("name", name())]);
    let mut text = format!("{intro}\n\n");
    let mut html = format!("<!doctype html><html lang=\"{}\"><body><p>{}</p><ul>", locale.html_lang(), escape(&intro));
    let follow_up = format!(" {}", locale.t("email-alert-follow-up"));
    for (case_study, is_follow_up) in listed.iter().take(LISTED) {
        let link = site.link(&format!("/case-studies/{}", case_study.slug));
        let council = councils.get(&case_study.id).cloned().unwrap_or_default();
        let what = if *is_follow_up { follow_up.as_str() } else { "" };
        text.push_str(&format!("- {}{what} — {council}\n  {link}\n", case_study.title));
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a>{} — {}</li>",
            escape(&link),
            escape(&case_study.title),
            escape(what),
            escape(&council)
        ));
    }
    html.push_str("</ul>");
    if count > LISTED {
        let more = locale.text("email-alert-more", &[("more", Arg::Number((count - LISTED) as i64))]);
        text.push_str(&format!("\n{more}\n"));
        html.push_str(&format!("<p>{}</p>", escape(&more)));
    }
    let manage = site.link("/account/alerts");
    let (manage_label, unsubscribe_label) = (locale.t("email-alert-manage"), locale.t("email-alert-unsubscribe"));
    text.push_str(&format!("\n-- \n{manage_label}: {manage}\n{unsubscribe_label}: {unsubscribe}\n"));
    html.push_str(&format!(
        "<hr><p><small><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></small></p></body></html>",
        escape(&manage),
        escape(&manage_label),
        escape(&unsubscribe),
        escape(&unsubscribe_label)
    ));
    Email {
        member_id: Some(member.id.clone()),
        recipient: member.email.clone(),
        subject,
        text,
        html,
        unsubscribe_url: Some(unsubscribe),
    }
}
