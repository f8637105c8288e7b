//! The workflow's events, as notifications: who hears of each and what it
//! says. Each is called inside the transaction of its event, so the email
//! is written exactly when the event happens.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{Letter, NoticeKind, Site, admins, moderators, notify};
use crate::entities::{case_study, member};
use crate::error::AppResult;
use crate::i18n::{Arg, Locale};

/// What entered the moderation queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queued {
    Submission,
    Revision,
    FollowUp,
}

/// A moderator's decision, as the council hears of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Published,
    RevisionApproved,
    ChangesRequested,
    Rejected,
    Unpublished,
    FollowUpPublished,
    FollowUpReturned,
    FollowUpRejected,
}

/// Something waits for a moderator: they hear of it, except its own editors
/// (who may not decide on their own work).
pub async fn queued(
    db: &impl ConnectionTrait,
    site: &Site,
    case_study: &case_study::Model,
    what: Queued,
) -> AppResult<()> {
    let editors = crate::case_studies::workflow::editors(db, &case_study.id).await?;
    let recipients: Vec<member::Model> =
        moderators(db).await?.into_iter().filter(|moderator| !editors.contains(&moderator.id)).collect();
    let key = match what {
        Queued::Submission => "email-queued-submission",
        Queued::Revision => "email-queued-revision",
        Queued::FollowUp => "email-queued-follow-up",
    };
    let letter = |locale: Locale| {
        let (subject, body) = titled(locale, key, &case_study.title);
        Letter::new(subject, locale.t("email-action-open-moderation-queue"), "/moderation").paragraph(body)
    };
    notify(db, site, NoticeKind::Submissions, &recipients, letter).await
}

/// A moderator decided: the case study's editors who still act for its council hear of it, with the message.
pub async fn decided(
    db: &impl ConnectionTrait,
    site: &Site,
    case_study: &case_study::Model,
    decision: Decision,
    message: Option<&str>,
) -> AppResult<()> {
    let recipients = council_editors(db, case_study).await?;
    let key = match decision {
        Decision::Published => "email-decided-published",
        Decision::RevisionApproved => "email-decided-revision-approved",
        Decision::ChangesRequested => "email-decided-changes-requested",
        Decision::Rejected => "email-decided-rejected",
        Decision::Unpublished => "email-decided-unpublished",
        Decision::FollowUpPublished => "email-decided-follow-up-published",
        Decision::FollowUpReturned => "email-decided-follow-up-returned",
        Decision::FollowUpRejected => "email-decided-follow-up-rejected",
    };
    let letter = |locale: Locale| {
        let (subject, body) = titled(locale, key, &case_study.title);
        let path = format!("/case-studies/{}", case_study.slug);
        let letter = Letter::new(subject, locale.t("email-action-open-case-study"), path).paragraph(body);
        match message {
            Some(message) => letter.paragraph(locale.t_with("email-decided-moderator-wrote", "message", message)),
            None => letter,
        }
    };
    notify(db, site, NoticeKind::Decisions, &recipients, letter).await
}

/// A case study was reported: moderators hear of it (never who reported).
pub async fn report_filed(
    db: &impl ConnectionTrait,
    site: &Site,
    case_study: &case_study::Model,
    report_id: &str,
    reporter_id: &str,
) -> AppResult<()> {
    let recipients: Vec<member::Model> =
        moderators(db).await?.into_iter().filter(|moderator| moderator.id != reporter_id).collect();
    let letter = |locale: Locale| {
        let (subject, body) = titled(locale, "email-report-filed", &case_study.title);
        let path = format!("/moderation/reports/{report_id}");
        Letter::new(subject, locale.t("email-action-open-report"), path).paragraph(body)
    };
    notify(db, site, NoticeKind::Reports, &recipients, letter).await
}

/// A report was decided: each reporter hears the outcome only (the note is
/// the council's; after a takedown they may no longer read the title).
pub async fn report_decided(
    db: &impl ConnectionTrait,
    site: &Site,
    reporter_ids: &[String],
    upheld: bool,
    title_if_still_readable: Option<&str>,
) -> AppResult<()> {
    let recipients = crate::members::find_by_ids(db, reporter_ids).await?;
    let key = if upheld { "email-report-upheld" } else { "email-report-dismissed" };
    let letter = |locale: Locale| {
        let what = title_if_still_readable.map_or_else(
            || locale.t("email-report-what-untitled"),
            |title| locale.t_with("email-report-what-titled", "title", title),
        );
        let body = locale.t_with(&format!("{key}-body"), "what", what);
        Letter::new(locale.t(&format!("{key}-subject")), locale.t("email-action-see-your-reports"), "/my-reports")
            .paragraph(body)
    };
    notify(db, site, NoticeKind::ReportOutcomes, &recipients, letter).await
}

/// Someone signed in and waits: admins hear of it, without the person's
/// address (an email outlives an erasure of the account it names; admins
/// read it on the members page).
pub async fn member_pending(db: &impl ConnectionTrait, site: &Site) -> AppResult<()> {
    let recipients = admins(db).await?;
    let letter = |locale: Locale| {
        Letter::new(
            locale.t("email-member-pending-subject"),
            locale.t("email-action-open-members-page"),
            "/admin/members",
        )
        .paragraph(locale.t("email-member-pending-body"))
    };
    notify(db, site, NoticeKind::PendingMembers, &recipients, letter).await
}

/// A case study's review date has come: its council is reminded.
pub async fn review_due(db: &impl ConnectionTrait, site: &Site, case_study: &case_study::Model) -> AppResult<()> {
    let mut recipients = council_editors(db, case_study).await?;
    if recipients.is_empty() {
        recipients = member::Entity::find()
            .filter(member::Column::AuthorityId.eq(case_study.authority_id))
            .filter(member::Column::Status.eq(crate::members::MemberStatus::Active))
            .all(db)
            .await?;
    }
    let letter = |locale: Locale| {
        let due = case_study.review_by.map(|date| crate::i18n::date(date, locale)).unwrap_or_default();
        let title = Arg::Text(case_study.title.clone());
        let body = locale.text("email-review-due-body", &[("title", title), ("due", Arg::Text(due))]);
        let subject = locale.t_with("email-review-due-subject", "title", &case_study.title);
        Letter::new(subject, locale.t("email-action-review-it"), format!("/case-studies/{}", case_study.slug))
            .paragraph(body)
    };
    notify(db, site, NoticeKind::ReviewReminders, &recipients, letter).await
}

/// A member of another council asked about a case study: its council's
/// ACTIVE members hear of it (never who asked; they read that on the page).
pub async fn question_asked(db: &impl ConnectionTrait, site: &Site, case_study: &case_study::Model) -> AppResult<()> {
    let recipients = member::Entity::find()
        .filter(member::Column::AuthorityId.eq(case_study.authority_id))
        .filter(member::Column::Status.eq(crate::members::MemberStatus::Active))
        .all(db)
        .await?;
    let letter = |locale: Locale| {
        let (subject, body) = titled(locale, "email-question-asked", &case_study.title);
        let path = format!("/case-studies/{}#questions", case_study.slug);
        Letter::new(subject, locale.t("email-action-read-and-answer"), path).paragraph(body)
    };
    notify(db, site, NoticeKind::Questions, &recipients, letter).await
}

/// The council answered: the asker hears of it, if still an ACTIVE member.
pub async fn question_answered(
    db: &impl ConnectionTrait,
    site: &Site,
    case_study: &case_study::Model,
    asker_id: &str,
) -> AppResult<()> {
    let recipients: Vec<member::Model> = crate::members::find_by_ids(db, &[asker_id.to_owned()])
        .await?
        .into_iter()
        .filter(|asker| asker.status == crate::members::MemberStatus::Active)
        // Withdrawn or taken down since: the asker may no longer read it, nor its title.
        .filter(|asker| crate::case_studies::policy::can_read(&crate::identity::Viewer::from_member(asker), case_study))
        .collect();
    let letter = |locale: Locale| {
        let (subject, body) = titled(locale, "email-question-answered", &case_study.title);
        let path = format!("/case-studies/{}#questions", case_study.slug);
        Letter::new(subject, locale.t("email-action-read-answer"), path).paragraph(body)
    };
    notify(db, site, NoticeKind::Questions, &recipients, letter).await
}

/// A question or an answer was reported: moderators hear of it (never who reported).
pub async fn question_reported(db: &impl ConnectionTrait, site: &Site, reporter_id: &str) -> AppResult<()> {
    let recipients: Vec<member::Model> =
        moderators(db).await?.into_iter().filter(|moderator| moderator.id != reporter_id).collect();
    let letter = |locale: Locale| {
        let action = locale.t("email-action-open-reported-questions");
        Letter::new(locale.t("email-question-reported-subject"), action, "/moderation/questions")
            .paragraph(locale.t("email-question-reported-body"))
    };
    notify(db, site, NoticeKind::Reports, &recipients, letter).await
}

/// A subject and a first paragraph naming a case study: `{key}-subject` and `{key}-body`.
fn titled(locale: Locale, key: &str, title: &str) -> (String, String) {
    (locale.t_with(&format!("{key}-subject"), "title", title), locale.t_with(&format!("{key}-body"), "title", title))
}

/// The case study's editors who are still ACTIVE members of its council.
async fn council_editors(db: &impl ConnectionTrait, case_study: &case_study::Model) -> AppResult<Vec<member::Model>> {
    let editors = crate::case_studies::workflow::editors(db, &case_study.id).await?;
    Ok(crate::members::find_by_ids(db, &editors)
        .await?
        .into_iter()
        .filter(|editor| editor.authority_id == Some(case_study.authority_id))
        .collect())
}
