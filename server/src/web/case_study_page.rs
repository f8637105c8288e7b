//! `/case-studies/{slug}`: the rendered body, lessons, a facts panel (the
//! council or its anonymous label, outcome, service areas, technologies,
//! cost, dates, partners, links, contact for members), similar case studies,
//! the buttons `policy::actions` opens to the viewer, and, for the owning
//! council and moderators, the history and any revision waiting for review.
//! Public, published case studies carry a canonical URL, a meta description
//! and Open Graph tags.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;

use super::personal_data_notice::{Finding, findings};
use super::view::{self, case_study_url, council_url};
use super::{Layout, OrPage, PageResult, not_found};
use crate::app::AppState;
use crate::case_studies::policy::{self, Actions};
use crate::case_studies::{Language, RevisionState, Status, Visibility, listing, markdown, workflow};
use crate::entities::values::FollowUpState;
use crate::entities::{case_study, case_study_revision};
use crate::error::AppResult;
use crate::i18n::{self, Arg, Locale};
use crate::identity::Viewer;
use crate::reports::{self, ReportReason};
use crate::search_sync::IndexTurn;
use crate::taxonomy::{self, TermKind};
use crate::{authorities, members};

/// One line of the facts panel: its parts joined by commas, each linked if it has a URL.
pub struct Fact {
    pub label: String,
    pub parts: Vec<(String, Option<String>)>,
}

impl Fact {
    pub fn text(label: String, value: String) -> Self {
        Fact { label, parts: vec![(value, None)] }
    }
}

pub struct Related {
    pub title: String,
    pub url: String,
    pub outcome: String,
}

pub struct HistoryEntry {
    pub at: String,
    pub change: String,
    /// "Moderator, Kent County Council": who acted, by role and council.
    pub by: Option<String>,
    pub message: Option<String>,
}

/// What the owning council (and moderators) are told about a revision.
pub struct RevisionNotice {
    pub since: String,
    /// Sent back by a moderator: it waits for its authors, with this message.
    pub changes_requested: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "case_study.html")]
pub struct CaseStudyPage {
    layout: Layout,
    content: Content,
}

/// What the page shows of the case study, for this viewer.
pub struct Content {
    title: String,
    summary: String,
    /// Sanitised by `markdown::render` (ammonia): safe to insert.
    body_html: String,
    outcome: String,
    outcome_class: &'static str,
    status: Option<String>,
    /// The language of the title and summary it leads with (`lang`).
    text_lang: &'static str,
    /// The language of its body and lessons: Welsh only for a Welsh case study.
    body_lang: &'static str,
    /// A bilingual case study's title and summary in the other language.
    other_language: Option<view::InLanguage>,
    authority_label: String,
    authority_url: Option<String>,
    lessons: Vec<String>,
    facts: Vec<Fact>,
    links: Vec<(String, String)>,
    contact_email: Option<String>,
    similar: Vec<Related>,
    history: Vec<HistoryEntry>,
    revision: Option<RevisionNotice>,
    /// Set for public, published case studies: the canonical URL (and the page is indexable).
    canonical: Option<String>,
    description: String,
    slug: String,
    /// The buttons the viewer may press: `policy::actions`.
    actions: Actions,
    /// A moderator's takedown, told to the owning council (and moderators).
    unpublished_reason: Option<String>,
    /// Withdrawn by its council, told to them: they may edit and resubmit it.
    withdrawn: bool,
    /// The reasons a member may give, when they may report it.
    report_reasons: Vec<(&'static str, String)>,
    /// The viewer has just reported it.
    reported: bool,
    /// Likely personal data, for its council and moderators.
    personal_data: Vec<Finding>,
    /// Dated follow-ups, in date order (with their state for its council and moderators).
    follow_ups: Vec<FollowUpView>,
    /// "Last reviewed on 3 March 2026" / "Due for review by …", for published ones.
    review: Option<String>,
    /// The owning council may add a follow-up and confirm it is still accurate.
    keeps_it_alive: bool,
    today: String,
    outcomes: Vec<(&'static str, String)>,
    /// Evidence, reuse and questions (`case_study_learning`).
    learning: super::case_study_learning::Learning,
}

pub struct FollowUpView {
    written_on: String,
    body_html: String,
    /// "Outcome changed from Success to Failure".
    outcome_change: Option<String>,
    /// Set unless published: "waiting for a moderator", "returned", "rejected".
    state: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct CaseStudyQuery {
    #[serde(default)]
    reported: String,
}

pub async fn case_study(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    Query(query): Query<CaseStudyQuery>,
) -> PageResult {
    let viewer = layout.viewer.clone();
    let Some(found) = listing::find_by_slug(&state.reads, &viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let mut content = page(&state, &viewer, found, &layout.public_url, layout.locale).await.or_page(&layout)?;
    content.reported = !query.reported.is_empty();
    Ok(CaseStudyPage { layout, content }.into_response())
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    found: case_study::Model,
    public_url: &str,
    locale: Locale,
) -> AppResult<Content> {
    let council = authorities::find_by_id(&state.reads, found.authority_id).await?;
    let sees_council = policy::can_see_council(viewer, &found);
    let authority_label =
        council.as_ref().map(|council| policy::council_label(viewer, &found, council, locale)).unwrap_or_default();
    let authority_url = council.as_ref().filter(|_| sees_council).map(|council| council_url(&council.slug));
    let (workings, revision) = workflow::workings(&state.reads, &found.id).await?;
    let (history, revision) = if policy::can_see_workings(viewer, &found) {
        let history = history(state, &found, locale).await?;
        let notice = revision.map(|revision| revision_notice(&revision, &history, locale));
        (history, notice)
    } else {
        (Vec::new(), None)
    };
    let public = found.status == Status::Published && found.visibility == Visibility::Public;
    let sees_workings = policy::can_see_workings(viewer, &found);
    let reportable = found.status == Status::Published && reports::can_report(viewer);
    let follow_ups = workflow::follow_ups::of_case_studies(&state.reads, viewer, std::slice::from_ref(&found))
        .await?
        .into_iter()
        .map(|follow_up| FollowUpView {
            written_on: view::date(follow_up.written_on, locale),
            body_html: markdown::render(&follow_up.body),
            outcome_change: follow_up.outcome.map(|now| {
                let (from, to) = (follow_up.previous_outcome.label(locale), now.label(locale));
                locale.text("view-outcome-changed", &[("from", Arg::Text(from)), ("to", Arg::Text(to))])
            }),
            state: match follow_up.state {
                FollowUpState::Published => None,
                FollowUpState::Pending => Some(locale.t("view-follow-up-pending")),
                FollowUpState::ChangesRequested => Some(locale.t("view-follow-up-returned")),
                FollowUpState::Rejected => Some(locale.t("view-follow-up-rejected")),
            },
        })
        .collect();
    let review = (found.status == Status::Published).then(|| match found.last_reviewed_on {
        Some(on) => locale.t_with("view-last-reviewed", "date", view::date(on, locale)),
        None => found
            .review_by
            .map_or(String::new(), |by| locale.t_with("view-due-for-review", "date", view::date(by, locale))),
    });
    let (leading, other_language) = view::in_language(&found, locale);
    let (title, summary, text_lang) = (leading.title, leading.summary, leading.lang);
    let actions = policy::actions(viewer, &found, &workings);
    let keeps_it_alive = found.status == Status::Published && actions.edit;
    let learning = super::case_study_learning::of(state, viewer, &found, public_url, locale).await?;
    Ok(Content {
        learning,
        keeps_it_alive,
        today: chrono::Utc::now().date_naive().to_string(),
        outcomes: <crate::case_studies::Outcome as sea_orm::Iterable>::iter()
            .map(|outcome| (outcome.as_str(), outcome.label(locale)))
            .collect(),
        follow_ups,
        review: review.filter(|text| !text.is_empty()),
        unpublished_reason: found
            .unpublished_reason
            .clone()
            .filter(|_| sees_workings && found.status == Status::Unpublished),
        withdrawn: sees_workings && found.status == Status::Withdrawn,
        report_reasons: if reportable {
            <ReportReason as sea_orm::Iterable>::iter().map(|reason| (reason.as_str(), reason.label(locale))).collect()
        } else {
            Vec::new()
        },
        reported: false,
        personal_data: if sees_workings { findings(&workflow::live_content(&found), locale) } else { Vec::new() },
        slug: found.slug.clone(),
        actions,
        canonical: public.then(|| format!("{public_url}{}", case_study_url(&found.slug))),
        description: found.summary.chars().take(160).collect(),
        body_html: markdown::render(&found.body),
        outcome: found.outcome.label(locale),
        outcome_class: view::outcome_class(found.outcome),
        status: (found.status != Status::Published).then(|| i18n::value_label(locale, "status", found.status.as_str())),
        facts: facts(state, viewer, &found, &authority_label, authority_url.clone(), locale).await?,
        similar: similar(state, viewer, &found, locale).await?,
        authority_label,
        authority_url,
        lessons: found.lessons.0.clone(),
        links: found.links.0.iter().map(|link| (link.title.clone(), link.url.clone())).collect(),
        contact_email: found.contact_email.clone().filter(|_| policy::can_see_contact(viewer, &found)),
        history,
        revision,
        text_lang,
        body_lang: if found.languages().language == Language::Cy {
            Locale::Welsh.html_lang()
        } else {
            Locale::English.html_lang()
        },
        other_language,
        title,
        summary,
    })
}

async fn facts(
    state: &AppState,
    viewer: &Viewer,
    found: &case_study::Model,
    authority_label: &str,
    authority_url: Option<String>,
    locale: Locale,
) -> AppResult<Vec<Fact>> {
    let taxonomy = taxonomy::load(&state.reads).await?;
    let labels = |kind, keys: &[String]| {
        taxonomy.resolve(kind, keys).iter().map(|term| term.label_in(locale)).collect::<Vec<_>>().join(", ")
    };
    let label = |key: &str| locale.t(key);
    let mut facts = vec![
        Fact { label: label("view-fact-council"), parts: vec![(authority_label.to_owned(), authority_url)] },
        Fact::text(label("view-fact-outcome"), found.outcome.label(locale)),
        Fact::text(label("view-fact-service-areas"), labels(TermKind::ServiceArea, &found.service_areas.0)),
    ];
    if !found.technologies.0.is_empty() {
        facts.push(Fact::text(label("view-fact-technologies"), labels(TermKind::Technology, &found.technologies.0)));
    }
    facts.push(Fact::text(label("view-fact-cost"), found.cost_band.label(locale)));
    facts.extend(super::case_study_learning::evidence_facts(found, locale));
    let from = view::month(found.started_on, locale);
    let dates = match found.ended_on {
        Some(ended) => locale
            .text("view-dates-from-to", &[("from", Arg::Text(from)), ("to", Arg::Text(view::month(ended, locale)))]),
        None => locale.t_with("view-dates-since", "from", from),
    };
    facts.push(Fact::text(label("view-fact-dates"), dates));
    facts.push(Fact::text(label("view-fact-language"), found.languages().language.label(locale)));
    if !found.partners.0.is_empty() {
        facts.push(Fact::text(label("view-fact-partners"), found.partners.0.join(", ")));
    }
    if policy::can_see_council(viewer, found) && !found.collaborators.0.is_empty() {
        let collaborators = authorities::find_by_ids(&state.reads, &found.collaborators.0).await?;
        let parts = collaborators
            .iter()
            .map(|council| (authorities::name_in(council, locale).to_owned(), Some(council_url(&council.slug))));
        facts.push(Fact { label: label("view-fact-with"), parts: parts.collect() });
    }
    if !found.tags.0.is_empty() {
        facts.push(Fact::text(label("view-fact-tags"), found.tags.0.join(", ")));
    }
    Ok(facts)
}

async fn similar(
    state: &AppState,
    viewer: &Viewer,
    found: &case_study::Model,
    locale: Locale,
) -> AppResult<Vec<Related>> {
    if found.status != Status::Published {
        return Ok(Vec::new());
    }
    let similar = state.search.similar(&state.reads, viewer, &IndexTurn::default(), found, 5).await?;
    Ok(similar
        .into_iter()
        .map(|similar| Related {
            url: case_study_url(&similar.slug),
            title: similar.title,
            outcome: similar.outcome.label(locale),
        })
        .collect())
}

/// The history, for viewers `policy::can_see_workings` lets see it.
async fn history(state: &AppState, found: &case_study::Model, locale: Locale) -> AppResult<Vec<HistoryEntry>> {
    let transitions = listing::history(&state.reads, &found.id).await?;
    let acting: Vec<String> = transitions.iter().filter_map(|transition| transition.member_id.clone()).collect();
    let labels = members::acting_labels(&state.reads, &acting, locale).await?;
    Ok(transitions
        .into_iter()
        .map(|transition| HistoryEntry {
            at: view::moment(transition.at, locale),
            change: {
                let status = |status: Status| i18n::value_label(locale, "status", status.as_str());
                match transition.from_status {
                    Some(from) => format!("{} → {}", status(from), status(transition.to_status)),
                    None => status(transition.to_status),
                }
            },
            by: transition.member_id.and_then(|id| labels.get(&id).cloned()),
            message: transition.message,
        })
        .collect())
}

/// "Changes waiting for review since …", or the moderator's request for changes
/// (the message of the latest transition: the one that sent the revision back).
fn revision_notice(revision: &case_study_revision::Model, history: &[HistoryEntry], locale: Locale) -> RevisionNotice {
    let changes_requested = (revision.state == RevisionState::ChangesRequested)
        .then(|| history.last().and_then(|entry| entry.message.clone()).unwrap_or_default());
    RevisionNotice { since: view::moment(revision.submitted_at, locale), changes_requested }
}
