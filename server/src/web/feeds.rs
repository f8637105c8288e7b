//! Atom feeds: the whole site (`/feed.atom`), any search (`/search.atom`
//! with the search page's own query string), a council
//! (`/councils/{slug}.atom`), a service area and a technology
//! (`/service-areas/{key}.atom`, `/technologies/{key}.atom`). A feed reader
//! sends no cookies and a feed is shared, so every feed is what an
//! anonymous visitor may read, whoever asks: public case studies only, and
//! an anonymous case study never under its council (the index files it
//! under none). Entry ids are `tag:` URIs of the case study's id, so they
//! survive a new host, scheme or slug; `updated` moves on when an approved
//! revision or follow-up changes what readers see. A feed is in English, or
//! in Welsh with `?lang=cy` (a reader sends no cookie or language to go by):
//! its title, and the councils and labels it names.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use casebook_search::{Filters, Sort};
use chrono::Utc;

use super::search_page;
use crate::app::AppState;
use crate::case_studies::policy;
use crate::entities::case_study;
use crate::error::AppResult;
use crate::i18n::{self, Locale};
use crate::identity::Viewer;
use crate::paging::PageRequest;
use crate::search_sync::{IndexTurn, SearchArgs};
use crate::taxonomy::{self, TermKind};

/// Entries per feed: the newest.
const ENTRIES: u64 = 50;
/// The tagging entity of entry ids (RFC 4151): fixed, so ids never change with the host.
const TAG_AUTHORITY: &str = "tag:casebook.network,2026";

/// The permanent id of a case study's entry.
pub fn entry_id(case_study_id: &str) -> String {
    format!("{TAG_AUTHORITY}:case-study:{case_study_id}")
}

/// `GET /feed.atom`: every public case study, newest first.
pub async fn site(State(state): State<AppState>, uri: Uri) -> Response {
    let locale = feed_locale(&uri);
    let feed = FeedRequest {
        title: locale.t("feed-site-title"),
        path: "/".into(),
        self_path: with_lang("/feed.atom".into(), &uri),
        locale,
    };
    respond(&state, feed, String::new(), Filters::default()).await
}

/// `GET /search.atom?…`: the search page's query, newest first.
pub async fn search(State(state): State<AppState>, uri: Uri, RawQuery(raw): RawQuery) -> Response {
    let locale = feed_locale(&uri);
    let (text, filters) = search_page::query_of(raw.as_deref());
    if text.chars().count() > crate::search_sync::MAX_QUERY_CHARS {
        return (StatusCode::BAD_REQUEST, "the search is too long").into_response();
    }
    let query = raw.map(|raw| format!("?{raw}")).unwrap_or_default();
    let title = if text.is_empty() { locale.t("feed-search") } else { locale.t_with("feed-search-for", "text", &text) };
    let feed =
        FeedRequest { title, path: format!("/search{query}"), self_path: format!("/search.atom{query}"), locale };
    respond(&state, feed, text, filters).await
}

/// `/councils/{slug}.atom` (the council page's handler passes it here).
pub async fn council(state: &AppState, slug: &str, uri: &Uri) -> Response {
    let locale = feed_locale(uri);
    match crate::authorities::find_by_slug(&state.reads, slug).await {
        Ok(Some(council)) => {
            let feed = FeedRequest {
                title: locale.t_with("feed-of", "name", crate::authorities::name_in(&council, locale)),
                path: format!("/councils/{}", council.slug),
                self_path: with_lang(format!("/councils/{}.atom", council.slug), uri),
                locale,
            };
            let filters = Filters { authorities: vec![council.slug], ..Filters::default() };
            respond(state, feed, String::new(), filters).await
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(&error),
    }
}

/// `GET /service-areas/{key}.atom`
pub async fn service_area(State(state): State<AppState>, uri: Uri, Path(file): Path<String>) -> Response {
    term(&state, TermKind::ServiceArea, &file, &uri).await
}

/// `GET /technologies/{key}.atom`
pub async fn technology(State(state): State<AppState>, uri: Uri, Path(file): Path<String>) -> Response {
    term(&state, TermKind::Technology, &file, &uri).await
}

async fn term(state: &AppState, kind: TermKind, file: &str, uri: &Uri) -> Response {
    let locale = feed_locale(uri);
    let Some(key) = file.strip_suffix(".atom") else { return StatusCode::NOT_FOUND.into_response() };
    let taxonomy = match taxonomy::load(&state.reads).await {
        Ok(taxonomy) => taxonomy,
        Err(error) => return failed(&error),
    };
    let Some(term) = taxonomy.terms(kind).iter().find(|term| term.key == key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (segment, parameter) = match kind {
        TermKind::ServiceArea => ("service-areas", "serviceArea"),
        TermKind::Technology => ("technologies", "technology"),
    };
    let mut filters = Filters::default();
    match kind {
        TermKind::ServiceArea => filters.service_areas = vec![term.key.clone()],
        TermKind::Technology => filters.technologies = vec![term.key.clone()],
    }
    let feed = FeedRequest {
        title: locale.t_with("feed-of", "name", term.label_in(locale)),
        path: format!("/search?{parameter}={}", term.key),
        self_path: with_lang(format!("/{segment}/{}.atom", term.key), uri),
        locale,
    };
    respond(state, feed, String::new(), filters).await
}

struct FeedRequest {
    title: String,
    /// The page the feed is of.
    path: String,
    self_path: String,
    locale: Locale,
}

/// English, or Welsh for `?lang=cy`.
fn feed_locale(uri: &Uri) -> Locale {
    i18n::requested(uri).unwrap_or_default()
}

/// A feed's own address keeps the language it was asked in.
fn with_lang(path: String, uri: &Uri) -> String {
    match i18n::requested(uri) {
        Some(locale) => format!("{path}?lang={}", locale.code()),
        None => path,
    }
}

async fn respond(state: &AppState, request: FeedRequest, text: String, filters: Filters) -> Response {
    match build(state, request, text, filters).await {
        Ok(feed) => ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string()).into_response(),
        Err(error) => failed(&error),
    }
}

fn failed(error: &crate::error::AppError) -> Response {
    tracing::warn!(error = %error, "a feed failed");
    error.code().http_status().into_response()
}

async fn build(state: &AppState, request: FeedRequest, text: String, filters: Filters) -> AppResult<Feed> {
    let anonymous = Viewer::anonymous();
    let args = SearchArgs {
        text,
        facet_limit: 0,
        filters,
        sort: Sort::Newest,
        page: PageRequest { offset: 0, first: ENTRIES },
        within: None,
        locale: request.locale,
    };
    let page = state.search.search(&state.reads, &anonymous, &IndexTurn::default(), args).await?;
    let rows: Vec<case_study::Model> = page.hits.into_iter().map(|hit| hit.case_study).collect();
    let council_ids: Vec<i32> = rows.iter().map(|row| row.authority_id).collect();
    let councils = crate::authorities::find_by_ids(&state.reads, &council_ids).await?;
    let site = &state.public_url;
    let entries: Vec<Entry> = rows
        .iter()
        .map(|row| {
            let author = councils
                .iter()
                .find(|council| council.id == row.authority_id)
                .map(|council| policy::council_label(&anonymous, row, council, request.locale))
                .unwrap_or_default();
            entry(site, row, author, request.locale)
        })
        .collect();
    let updated = entries.iter().map(|entry| *entry.updated()).max().unwrap_or_else(|| Utc::now().fixed_offset());
    let mut feed = Feed::default();
    feed.set_title(Text::plain(request.title));
    feed.set_id(format!("{TAG_AUTHORITY}:feed:{}", request.self_path));
    feed.set_updated(updated);
    feed.set_links(vec![
        link(format!("{site}{}", request.self_path), "self"),
        link(format!("{site}{}", request.path), "alternate"),
    ]);
    feed.set_entries(entries);
    Ok(feed)
}

/// An entry, with a bilingual case study's title and summary in the feed's language.
fn entry(site: &str, row: &case_study::Model, author: String, locale: Locale) -> Entry {
    let (text, _) = super::view::in_language(row, locale);
    let published: FixedDateTime = row.published_at.unwrap_or(row.created_at).fixed_offset();
    let updated: FixedDateTime = row.news_at.or(row.published_at).unwrap_or(row.updated_at).fixed_offset();
    let mut entry = Entry::default();
    entry.set_id(entry_id(&row.id));
    entry.set_title(Text::plain(text.title));
    entry.set_published(Some(published));
    entry.set_updated(updated.max(published));
    entry.set_links(vec![link(format!("{site}/case-studies/{}", row.slug), "alternate")]);
    let mut person = Person::default();
    person.set_name(author);
    entry.set_authors(vec![person]);
    // The summary only: a feed of 50 full bodies would be costly to make on every poll.
    entry.set_summary(Some(Text::plain(text.summary)));
    entry
}

fn link(href: String, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    if rel == "self" {
        link.set_mime_type(Some("application/atom+xml".to_owned()));
    } else {
        link.set_mime_type(Some("text/html".to_owned()));
    }
    link
}
