//! What a case study's page shows for learning between councils, for one
//! viewer: the evidence and what its council would do differently, the
//! "we reused this" links both ways, the questions to its council, and the
//! schema.org `Report` JSON-LD of a public one. The rules are the domain's
//! (`questions`, `reuse`, `policy`); this only arranges them for the page.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::case_study_page::Fact;
use super::view::{self, case_study_url};
use crate::app::AppState;
use crate::case_studies::reuse::{self, Direction, ReuseView};
use crate::case_studies::{Status, policy};
use crate::entities::values::ReuseKind;
use crate::entities::{authority, case_study};
use crate::error::AppResult;
use crate::i18n::Locale;
use crate::identity::Viewer;
use crate::open_data::describe::{self, ReportFacts};
use crate::questions::{self, QuestionView};
use crate::reports;

pub struct Learning {
    pub do_differently: Vec<String>,
    /// The case studies that reused this one, as the viewer may see them.
    pub reused_by: Vec<ReuseItem>,
    /// How many councils reused it, among those links.
    pub reused_count: usize,
    /// The case studies this one reused.
    pub reuses: Vec<ReuseItem>,
    /// The viewer's council's case studies that could say they reused this
    /// one (slug, title): offered only to another council's members.
    pub reuse_from: Vec<(String, String)>,
    pub questions: Vec<QuestionItem>,
    /// The viewer may ask its council a question.
    pub can_ask: bool,
    /// schema.org `Report`, for a public case study: ready for a script element.
    pub json_ld: Option<String>,
}

pub struct ReuseItem {
    pub id: String,
    /// "Reused it" / "Tried it, and it went differently".
    pub kind: String,
    pub title: String,
    pub url: String,
    /// The other end's council, or its anonymous label.
    pub council: String,
    pub outcome: String,
    /// The viewer's council made the link and may take it back.
    pub removable: bool,
}

pub struct QuestionItem {
    pub id: String,
    /// None once a moderator removed it.
    pub body: Option<String>,
    pub asker_label: String,
    pub asked_at: String,
    pub public: bool,
    pub answer: Option<String>,
    pub answerer_label: Option<String>,
    pub answered_at: Option<String>,
    pub answerable: bool,
    /// The viewer may report it (a member who did not write it).
    pub reportable: bool,
}

pub async fn of(
    state: &AppState,
    viewer: &Viewer,
    found: &case_study::Model,
    public_url: &str,
    locale: Locale,
) -> AppResult<Learning> {
    let db = &state.reads;
    let ids = std::slice::from_ref(&found.id);
    let reused_by =
        reuse::of_case_studies(db, viewer, ids, Direction::ReusedBy).await?.remove(&found.id).unwrap_or_default();
    let reuses =
        reuse::of_case_studies(db, viewer, ids, Direction::Reuses).await?.remove(&found.id).unwrap_or_default();
    let mut council_ids: Vec<i32> =
        reused_by.iter().chain(&reuses).flat_map(|view| [view.from.authority_id, view.to.authority_id]).collect();
    council_ids.push(found.authority_id);
    council_ids.sort_unstable();
    council_ids.dedup();
    let councils: std::collections::HashMap<i32, authority::Model> = crate::authorities::find_by_ids(db, &council_ids)
        .await?
        .into_iter()
        .map(|council| (council.id, council))
        .collect();
    let item = |view: &ReuseView, other: &case_study::Model| ReuseItem {
        id: view.link.id.clone(),
        kind: locale.t(match view.link.kind {
            ReuseKind::Reused => "view-reused-it",
            ReuseKind::TriedDifferently => "view-tried-differently",
        }),
        title: other.title.clone(),
        url: case_study_url(&other.slug),
        council: councils
            .get(&other.authority_id)
            .map(|council| policy::council_label(viewer, other, council, locale))
            .unwrap_or_default(),
        outcome: other.outcome.label(locale),
        removable: policy::may_link_reuse(viewer, &view.from).is_ok(),
    };
    let questions =
        questions::of_case_studies(db, viewer, &[found], locale).await?.remove(&found.id).unwrap_or_default();
    let reportable = found.status == Status::Published && reports::can_report(viewer);
    Ok(Learning {
        do_differently: found.evidence().do_differently.clone(),
        reused_count: reuse::councils_reusing(viewer, &reused_by),
        reused_by: reused_by.iter().map(|view| item(view, &view.from)).collect(),
        reuses: reuses.iter().map(|view| item(view, &view.to)).collect(),
        reuse_from: reuse_candidates(state, viewer, found).await?,
        questions: questions.into_iter().map(|question| question_item(question, reportable, locale)).collect(),
        can_ask: found.status == Status::Published && policy::may_ask(viewer, found).is_ok(),
        json_ld: report_json_ld(found, councils.get(&found.authority_id), public_url),
    })
}

fn question_item(question: QuestionView, reportable: bool, locale: Locale) -> QuestionItem {
    let row = &question.question;
    QuestionItem {
        id: row.id.clone(),
        body: Some(row.body.clone()).filter(|_| !row.question_removed),
        asker_label: question.asker_label.clone(),
        asked_at: view::moment(row.asked_at, locale),
        public: row.public,
        answered_at: question.answer.as_ref().and(row.answered_at).map(|at| view::moment(at, locale)),
        answer: question.answer.clone(),
        answerer_label: question.answerer_label.clone(),
        answerable: question.answerable,
        reportable: reportable && !question.mine,
    }
}

/// The viewer's council's case studies that could say they reused `found`:
/// none when it is the viewer's own council's or not published.
async fn reuse_candidates(
    state: &AppState,
    viewer: &Viewer,
    found: &case_study::Model,
) -> AppResult<Vec<(String, String)>> {
    let Some(council) = viewer.council() else { return Ok(Vec::new()) };
    if council == found.authority_id || found.status != Status::Published {
        return Ok(Vec::new());
    }
    Ok(case_study::Entity::find()
        .filter(case_study::Column::AuthorityId.eq(council))
        .order_by_asc(case_study::Column::Title)
        .limit(200)
        .all(&state.reads)
        .await?
        .into_iter()
        .map(|row| (row.slug, row.title))
        .collect())
}

/// schema.org `Report` for a public, published case study (the council
/// named unless it is anonymous); none otherwise.
fn report_json_ld(found: &case_study::Model, council: Option<&authority::Model>, public_url: &str) -> Option<String> {
    if !crate::open_data::is_open(found) {
        return None;
    }
    let url = format!("{public_url}{}", case_study_url(&found.slug));
    let council = council.filter(|_| !found.anonymous).map(|council| council.name.as_str());
    let facts = ReportFacts {
        url: &url,
        title: &found.title,
        summary: &found.summary,
        council,
        published_at: found.published_at,
        modified_at: found.news_at,
        keywords: found.tags.0.clone(),
    };
    Some(describe::for_script_element(&describe::schema_org_report(&facts)))
}

/// The evidence facts for the page's facts panel.
pub fn evidence_facts(found: &case_study::Model, locale: Locale) -> Vec<Fact> {
    let evidence = found.evidence();
    let mut facts = Vec::new();
    if let Some(strength) = evidence.strength {
        let mut parts = vec![(format!("{}: {}", strength.label(locale), strength.meaning(locale)), None)];
        if let Some(url) = &evidence.evaluation_url {
            parts.push((locale.t("view-the-evaluation"), Some(url.clone())));
        }
        facts.push(Fact { label: locale.t("view-fact-evidence"), parts });
    }
    let pounds = |amount: i64| format!("£{}", view::thousands(amount));
    if let Some(planned) = evidence.planned_cost {
        facts.push(Fact { label: locale.t("view-fact-planned-cost"), parts: vec![(pounds(planned), None)] });
    }
    if let Some(actual) = evidence.actual_cost {
        let over = if evidence.over_budget() == Some(true) {
            format!(" {}", locale.t("view-over-budget"))
        } else {
            String::new()
        };
        facts.push(Fact {
            label: locale.t("view-fact-actual-cost"),
            parts: vec![(format!("{}{over}", pounds(actual)), None)],
        });
    }
    if let Some(planned_end) = evidence.planned_end_on {
        let late = if evidence.late(found.ended_on) == Some(true) {
            format!(" {}", locale.t("view-finished-late"))
        } else {
            String::new()
        };
        let month = view::month(planned_end, locale);
        facts.push(Fact { label: locale.t("view-fact-planned-end"), parts: vec![(format!("{month}{late}"), None)] });
    }
    facts
}
