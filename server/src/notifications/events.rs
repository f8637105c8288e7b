//! The workflow's events, as notifications: who hears of each and what it
//! says. Each is called inside the transaction of its event, so the email
//! is written exactly when the event happens.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{Letter, NoticeKind, Site, admins, moderators, notify};
use crate::entities::{case_study, member};
use crate::error::AppResult;

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
    let (subject, said) = match what {
        Queued::Submission => ("Submitted for moderation", "was submitted and waits for a moderator."),
        Queued::Revision => ("Changes proposed", "is published; changes to it wait for a moderator."),
        Queued::FollowUp => ("Follow-up proposed", "has a new follow-up waiting for a moderator."),
    };
    let letter = Letter::new(format!("{subject}: {}", case_study.title), "Open the moderation queue", "/moderation")
        .paragraph(format!("“{}” {said}", case_study.title));
    notify(db, site, NoticeKind::Submissions, &recipients, &letter).await
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
    let (subject, said) = match decision {
        Decision::Published => ("Published", "is published."),
        Decision::RevisionApproved => ("Changes approved", "has your changes live."),
        Decision::ChangesRequested => ("Changes requested", "needs changes before it can be published."),
        Decision::Rejected => ("Rejected", "was rejected."),
        Decision::Unpublished => ("Taken down", "was taken down after a report."),
        Decision::FollowUpPublished => ("Follow-up published", "has your follow-up published."),
        Decision::FollowUpReturned => ("Follow-up needs changes", "has a follow-up that needs changes."),
        Decision::FollowUpRejected => ("Follow-up rejected", "had its follow-up rejected."),
    };
    let mut letter = Letter::new(
        format!("{subject}: {}", case_study.title),
        "Open the case study",
        format!("/case-studies/{}", case_study.slug),
    )
    .paragraph(format!("“{}” {said}", case_study.title));
    if let Some(message) = message {
        letter = letter.paragraph(format!("The moderator wrote:\n{message}"));
    }
    notify(db, site, NoticeKind::Decisions, &recipients, &letter).await
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
    let letter = Letter::new(
        format!("Reported: {}", case_study.title),
        "Open the report",
        format!("/moderation/reports/{report_id}"),
    )
    .paragraph(format!("“{}” was reported and waits for a moderator.", case_study.title));
    notify(db, site, NoticeKind::Reports, &recipients, &letter).await
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
    let what = title_if_still_readable.map_or("a case study".to_owned(), |title| format!("“{title}”"));
    let (subject, said) = if upheld {
        ("Your report was upheld", format!("A moderator upheld your report of {what}: it has been taken down."))
    } else {
        ("Your report was dismissed", format!("A moderator looked at your report of {what} and left it published."))
    };
    let letter = Letter::new(subject, "See your reports", "/my-reports").paragraph(said);
    notify(db, site, NoticeKind::ReportOutcomes, &recipients, &letter).await
}

/// Someone signed in and waits: admins hear of it, without the person's
/// address (an email outlives an erasure of the account it names; admins
/// read it on the members page).
pub async fn member_pending(db: &impl ConnectionTrait, site: &Site) -> AppResult<()> {
    let recipients = admins(db).await?;
    let letter = Letter::new("A new member is waiting", "Open the members page", "/admin/members").paragraph(
        "Someone signed in with an email no council's domains cover, and waits for an admin to let them in.",
    );
    notify(db, site, NoticeKind::PendingMembers, &recipients, &letter).await
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
    let due = case_study.review_by.map(|date| date.format("%-d %B %Y").to_string()).unwrap_or_default();
    let letter = Letter::new(
        format!("Due for review: {}", case_study.title),
        "Review it",
        format!("/case-studies/{}", case_study.slug),
    )
    .paragraph(format!(
        "“{}” was due for review on {due}. Is it still accurate? Confirm it, or add a follow-up saying what changed.",
        case_study.title
    ));
    notify(db, site, NoticeKind::ReviewReminders, &recipients, &letter).await
}

/// A member of another council asked about a case study: its council's
/// ACTIVE members hear of it (never who asked; they read that on the page).
pub async fn question_asked(db: &impl ConnectionTrait, site: &Site, case_study: &case_study::Model) -> AppResult<()> {
    let recipients = member::Entity::find()
        .filter(member::Column::AuthorityId.eq(case_study.authority_id))
        .filter(member::Column::Status.eq(crate::members::MemberStatus::Active))
        .all(db)
        .await?;
    let letter = Letter::new(
        format!("A question about {}", case_study.title),
        "Read and answer it",
        format!("/case-studies/{}#questions", case_study.slug),
    )
    .paragraph(format!("Another council has a question about “{}”.", case_study.title));
    notify(db, site, NoticeKind::Questions, &recipients, &letter).await
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
    let letter = Letter::new(
        format!("Your question was answered: {}", case_study.title),
        "Read the answer",
        format!("/case-studies/{}#questions", case_study.slug),
    )
    .paragraph(format!("The council that wrote “{}” answered your question.", case_study.title));
    notify(db, site, NoticeKind::Questions, &recipients, &letter).await
}

/// A question or an answer was reported: moderators hear of it (never who reported).
pub async fn question_reported(db: &impl ConnectionTrait, site: &Site, reporter_id: &str) -> AppResult<()> {
    let recipients: Vec<member::Model> =
        moderators(db).await?.into_iter().filter(|moderator| moderator.id != reporter_id).collect();
    let letter =
        Letter::new("A question or answer was reported", "Open the reported questions", "/moderation/questions")
            .paragraph("A question or an answer on a case study was reported and waits for a moderator.");
    notify(db, site, NoticeKind::Reports, &recipients, &letter).await
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
