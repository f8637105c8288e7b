//! `/admin/audit`: the audit trail for admins, newest first, filtered by
//! actor, action, target and dates, and `/admin/audit.csv`: the same
//! filter's every entry as CSV. Both read through `audit`, as the API's
//! `auditLog` does.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::form_errors::ShownError;
use super::view::{self, Pager};
use super::{AuditReaders, Gated, Layout, OrPage, PageResult};
use crate::app::AppState;
use crate::audit::{self, AuditAction, AuditFilter};
use crate::error::FieldError;
use crate::members;
use crate::paging::{Page, PageRequest};

const PAGE_SIZE: u64 = 50;

/// The filter as the page's form sends it: text, so a mangled date is an
/// error on the page rather than a refused request.
#[derive(serde::Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    target_type: String,
    #[serde(default)]
    target_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: String,
}

impl AuditQuery {
    /// The filter, or what is wrong with the dates. A date alone covers its whole day.
    fn filter(&self) -> Result<AuditFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut moment = |field: &str, text: &str, time: NaiveTime| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            if let Ok(at) = DateTime::parse_from_rfc3339(text) {
                return Some(at.with_timezone(&Utc));
            }
            match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(day) => Some(day.and_time(time).and_utc()),
                Err(_) => {
                    errors.push(FieldError {
                        field: field.into(),
                        message: "give a date as YYYY-MM-DD".into(),
                        text: None,
                    });
                    None
                }
            }
        };
        let from = moment("from", &self.from, NaiveTime::MIN);
        let end_of_day = NaiveTime::from_hms_milli_opt(23, 59, 59, 999).unwrap_or(NaiveTime::MIN);
        let to = moment("to", &self.to, end_of_day);
        if !errors.is_empty() {
            return Err(errors);
        }
        let text = |value: &str| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
        Ok(AuditFilter {
            actor: text(&self.actor),
            action: text(&self.action),
            target_type: text(&self.target_type),
            target_id: text(&self.target_id),
            from,
            to,
        })
    }

    /// The query string of this filter (for the pager and the CSV link).
    fn query_string(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("actor", &self.actor),
                ("action", &self.action),
                ("target_type", &self.target_type),
                ("target_id", &self.target_id),
                ("from", &self.from),
                ("to", &self.to),
            ])
            .finish()
    }
}

pub struct EntryRow {
    pub at: String,
    pub actor: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub target: String,
    pub before: String,
    pub after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_audit.html")]
pub struct AuditPage {
    layout: Layout,
    query: AuditQuery,
    actions: Vec<&'static str>,
    entries: Vec<EntryRow>,
    total: u64,
    csv_url: String,
    errors: Vec<ShownError>,
    pager: Pager,
}

impl AuditPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }
}

/// `GET /admin/audit?actor=&action=&target_type=&target_id=&from=&to=&page=N`
pub async fn audit_log(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<AuditReaders>,
    Query(query): Query<AuditQuery>,
) -> PageResult {
    let (number, request) = PageRequest::numbered(&query.page, PAGE_SIZE);
    let (page, errors) = match query.filter() {
        Ok(filter) => (audit::list(&state.reads, &layout.viewer, &filter, request).await.or_page(&layout)?, Vec::new()),
        Err(errors) => (
            Page::empty(request),
            errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect(),
        ),
    };
    let mut actors: Vec<String> = page.items.iter().filter_map(|entry| entry.actor_id.clone()).collect();
    actors.sort_unstable();
    actors.dedup();
    let labels = members::acting_labels(&state.reads, &actors, layout.locale).await.or_page(&layout)?;
    let filter_query = query.query_string();
    let pager = Pager::new(number, PAGE_SIZE, &page, |page| format!("/admin/audit?{filter_query}&page={page}"));
    let json = |value: &Option<serde_json::Value>| value.as_ref().map(|value| value.to_string()).unwrap_or_default();
    let total = page.total_count;
    let entries = page
        .items
        .into_iter()
        .map(|entry| EntryRow {
            at: view::moment(entry.at, layout.locale),
            actor: match &entry.actor_id {
                None => layout.t("view-command-line"),
                Some(id) => labels.get(id).cloned().unwrap_or_else(|| members::former_member(layout.locale)),
            },
            actor_id: entry.actor_id.clone(),
            target: match &entry.target_id {
                Some(id) => format!("{} {id}", entry.target_type),
                None => entry.target_type.clone(),
            },
            before: json(&entry.before),
            after: json(&entry.after),
            action: entry.action,
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = AuditPage {
        layout,
        csv_url: format!("/admin/audit.csv?{filter_query}"),
        query,
        actions: AuditAction::ALL.iter().map(|action| action.as_str()).collect(),
        entries,
        total,
        errors,
        pager,
    };
    Ok((status, page).into_response())
}

/// `GET /admin/audit.csv?…`: every entry the filter matches, as a download.
pub async fn audit_csv(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<AuditReaders>,
    Query(query): Query<AuditQuery>,
) -> PageResult {
    let filter = query.filter().map_err(crate::error::AppError::BadUserInput).or_page(&layout)?;
    let csv = audit::csv(&state.reads, &layout.viewer, &filter).await.or_page(&layout)?;
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"casebook-audit-log.csv\""),
    ];
    Ok((headers, csv).into_response())
}
