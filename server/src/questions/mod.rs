//! Questions to the council that wrote a case study, and its answers.
//!
//! An ACTIVE member of another council asks about a published case study
//! they can read (`policy::may_ask`); the owning council's members hear of
//! it and answer (`policy::may_answer`), and the asker hears of the answer.
//! The asker chooses whether the exchange is public: a public one is read by
//! everyone who can read the case study, a private one by the asker, the
//! owning council and moderators (`policy::can_read_question`). On an
//! anonymous case study the answer is signed with the council's anonymous
//! label, as the case study itself is. Reports of a question or an answer
//! are decided by moderators like reports of a case study (`moderation`).

pub mod moderation;

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use crate::authorities;
use crate::case_studies::{Status, policy, workflow};
use crate::entities::{authority, case_study, question};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::identity::Viewer;
use crate::search_sync::changes::Outbox;

pub const MAX_BODY_CHARS: usize = 5_000;
/// Questions one member may ask in an hour: each emails a whole council.
pub const MAX_QUESTIONS_PER_HOUR: u64 = 20;

/// A question as one viewer may read it.
#[derive(Clone, Debug)]
pub struct QuestionView {
    pub question: question::Model,
    /// Who asked: "An officer at Kent County Council".
    pub asker_label: String,
    /// The answer, unless there is none or a moderator removed it.
    pub answer: Option<String>,
    /// Who answered: the council, or its anonymous label on an anonymous case study.
    pub answerer_label: Option<String>,
    /// The viewer asked it.
    pub mine: bool,
    /// The viewer may answer it (a member of the owning council).
    pub answerable: bool,
}

/// `askQuestion`.
pub async fn ask(
    outbox: &Outbox,
    viewer: &Viewer,
    case_study_id: &str,
    body: &str,
    public: bool,
) -> AppResult<QuestionView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let case_study_id = case_study_id.to_owned();
    let body = body.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let case_study = workflow::load_visible(txn, &viewer, &case_study_id).await?;
                policy::may_ask(&viewer, &case_study).map_err(AppError::Forbidden)?;
                if case_study.status != Status::Published {
                    return Err(AppError::Conflict("only a published case study takes questions".into()));
                }
                let body = text("body", &body)?;
                let asker_council = viewer.council().ok_or(AppError::Forbidden("only members of a council can ask"))?;
                refuse_over_limit(txn, &member_id).await?;
                let asked = question::ActiveModel {
                    id: Set(uuid::Uuid::new_v4().to_string()),
                    case_study_id: Set(case_study.id.clone()),
                    asked_by: Set(Some(member_id)),
                    asker_authority_id: Set(asker_council),
                    body: Set(body),
                    public: Set(public),
                    asked_at: Set(Utc::now()),
                    answer: Set(None),
                    answered_by: Set(None),
                    answered_at: Set(None),
                    question_removed: Set(false),
                    answer_removed: Set(false),
                }
                .insert(txn)
                .await?;
                if let Some(site) = &site {
                    crate::notifications::events::question_asked(txn, site, &case_study).await?;
                }
                view_one(txn, &viewer, &case_study, asked).await
            })
        })
        .await
}

/// At most `MAX_QUESTIONS_PER_HOUR` questions a member asked in the last hour.
async fn refuse_over_limit(db: &impl ConnectionTrait, member_id: &str) -> AppResult<()> {
    use sea_orm::PaginatorTrait;
    let recent = question::Entity::find()
        .filter(question::Column::AskedBy.eq(member_id))
        .filter(question::Column::AskedAt.gt(Utc::now() - chrono::Duration::hours(1)))
        .count(db)
        .await?;
    if recent >= MAX_QUESTIONS_PER_HOUR {
        return Err(AppError::RateLimited(format!(
            "you have asked {recent} questions in the last hour, the most allowed: try again later"
        )));
    }
    Ok(())
}

/// `answerQuestion`: a member of the owning council answers (again, to
/// change the answer).
pub async fn answer(outbox: &Outbox, viewer: &Viewer, question_id: &str, body: &str) -> AppResult<QuestionView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let question_id = question_id.to_owned();
    let body = body.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let (asked, case_study) = load_readable(txn, &viewer, &question_id).await?;
                policy::may_answer(&viewer, &case_study).map_err(AppError::Forbidden)?;
                if asked.answer_removed {
                    // Else the council could post the removed text again, unreviewed.
                    return Err(AppError::Conflict("a moderator removed this answer: it cannot be replaced".into()));
                }
                let body = text("body", &body)?;
                let first_answer = asked.answer.is_none();
                let mut answered = asked.into_active_model();
                answered.answer = Set(Some(body));
                answered.answered_by = Set(Some(member_id));
                answered.answered_at = Set(Some(Utc::now()));
                let answered = answered.update(txn).await?;
                if let (Some(site), Some(asker), true) = (&site, &answered.asked_by, first_answer) {
                    crate::notifications::events::question_answered(txn, site, &case_study, asker).await?;
                }
                view_one(txn, &viewer, &case_study, answered).await
            })
        })
        .await
}

/// A question the viewer may read, with its case study; `NotFound` otherwise.
pub(crate) async fn load_readable(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    question_id: &str,
) -> AppResult<(question::Model, case_study::Model)> {
    let asked = question::Entity::find_by_id(question_id.to_owned()).one(db).await?.ok_or(AppError::NotFound)?;
    let case_study = workflow::load_visible(db, viewer, &asked.case_study_id).await?;
    if !is_readable(viewer, &case_study, &asked) {
        return Err(AppError::NotFound);
    }
    Ok((asked, case_study))
}

/// `policy::can_read_question`, and a removed question is read by moderators only.
fn is_readable(viewer: &Viewer, case_study: &case_study::Model, asked: &question::Model) -> bool {
    policy::can_read_question(viewer, case_study, asked.public, asked.asked_by.as_deref())
        && (!asked.question_removed || viewer.is_moderator())
}

/// The questions on several case studies the viewer may read, oldest
/// first, grouped by case study (three queries for a page).
pub async fn of_case_studies(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    case_studies: &[&case_study::Model],
    locale: Locale,
) -> AppResult<HashMap<String, Vec<QuestionView>>> {
    let ids: Vec<String> = case_studies.iter().map(|row| row.id.clone()).collect();
    let rows = question::Entity::find()
        .filter(question::Column::CaseStudyId.is_in(ids))
        .order_by_asc(question::Column::AskedAt)
        .order_by_asc(question::Column::Id)
        .all(db)
        .await?;
    let by_id: HashMap<&str, &case_study::Model> = case_studies.iter().map(|row| (row.id.as_str(), *row)).collect();
    let readable: Vec<(question::Model, &case_study::Model)> = rows
        .into_iter()
        .filter_map(|asked| {
            let case_study = *by_id.get(asked.case_study_id.as_str())?;
            is_readable(viewer, case_study, &asked).then_some((asked, case_study))
        })
        .collect();
    let councils = councils_of(
        db,
        readable.iter().flat_map(|(asked, case_study)| [asked.asker_authority_id, case_study.authority_id]),
    )
    .await?;
    let mut grouped: HashMap<String, Vec<QuestionView>> = HashMap::new();
    for (asked, case_study) in readable {
        grouped.entry(case_study.id.clone()).or_default().push(view(viewer, case_study, asked, &councils, locale));
    }
    Ok(grouped)
}

async fn view_one(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    case_study: &case_study::Model,
    asked: question::Model,
) -> AppResult<QuestionView> {
    let councils = councils_of(db, [asked.asker_authority_id, case_study.authority_id]).await?;
    // The API's labels are English.
    Ok(view(viewer, case_study, asked, &councils, Locale::English))
}

fn view(
    viewer: &Viewer,
    case_study: &case_study::Model,
    asked: question::Model,
    councils: &HashMap<i32, authority::Model>,
    locale: Locale,
) -> QuestionView {
    let asker_label = councils.get(&asked.asker_authority_id).map_or_else(
        || locale.t("question-asker-unknown"),
        |council| locale.t_with("question-asker", "council", authorities::name_in(council, locale)),
    );
    let answer = asked.answer.clone().filter(|_| !asked.answer_removed || viewer.is_moderator());
    let answerer_label = answer
        .as_ref()
        .and_then(|_| councils.get(&case_study.authority_id))
        .map(|council| policy::council_label(viewer, case_study, council, locale));
    QuestionView {
        mine: viewer.is_member() && asked.asked_by.is_some() && viewer.member_id() == asked.asked_by.as_deref(),
        answerable: policy::may_answer(viewer, case_study).is_ok(),
        asker_label,
        answer,
        answerer_label,
        question: asked,
    }
}

async fn councils_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, authority::Model>> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(crate::authorities::find_by_ids(db, &ids).await?.into_iter().map(|council| (council.id, council)).collect())
}

/// A question's or an answer's text: 1 to `MAX_BODY_CHARS` characters, no NUL.
fn text(field: &str, body: &str) -> AppResult<String> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    crate::reports::optional_text(field, Some(body.to_owned()), MAX_BODY_CHARS).map(Option::unwrap_or_default)
}

/// For `myData`: the questions a member asked and the answers they gave.
pub async fn export(db: &impl ConnectionTrait, member_id: &str) -> AppResult<serde_json::Value> {
    let asked = question::Entity::find().filter(question::Column::AskedBy.eq(member_id)).all(db).await?;
    let answered = question::Entity::find().filter(question::Column::AnsweredBy.eq(member_id)).all(db).await?;
    let item = |row: &question::Model| {
        serde_json::json!({
            "id": row.id, "caseStudyId": row.case_study_id, "question": row.body, "public": row.public,
            "askedAt": row.asked_at, "answer": row.answer, "answeredAt": row.answered_at,
        })
    };
    Ok(serde_json::json!({
        "asked": asked.iter().map(item).collect::<Vec<_>>(),
        "answered": answered.iter().map(item).collect::<Vec<_>>(),
    }))
}

/// Erasure: the questions, answers and reports stay, no longer tied to the member.
pub async fn forget_member(db: &impl ConnectionTrait, member_id: &str) -> AppResult<()> {
    use sea_orm::sea_query::Expr;
    question::Entity::update_many()
        .col_expr(question::Column::AskedBy, Expr::value(Option::<String>::None))
        .filter(question::Column::AskedBy.eq(member_id))
        .exec(db)
        .await?;
    question::Entity::update_many()
        .col_expr(question::Column::AnsweredBy, Expr::value(Option::<String>::None))
        .filter(question::Column::AnsweredBy.eq(member_id))
        .exec(db)
        .await?;
    crate::entities::question_report::Entity::update_many()
        .col_expr(crate::entities::question_report::Column::ReportedBy, Expr::value(Option::<String>::None))
        .filter(crate::entities::question_report::Column::ReportedBy.eq(member_id))
        .exec(db)
        .await?;
    Ok(())
}
