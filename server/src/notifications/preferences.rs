//! Which notifications a member gets, and how: each kind on or off, and at
//! once or in a daily digest. A member who never chose gets every kind
//! meant for their role, at once.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::notification_setting;
use crate::error::AppResult;
use crate::i18n::Locale;

/// The kinds of workflow notification, each one setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// Moderators: a submission, a revision or a follow-up waits.
    Submissions,
    /// A council's editors: a moderator decided on their case study (or took it down).
    Decisions,
    /// Moderators: a case study was reported.
    Reports,
    /// A reporter: their report was decided.
    ReportOutcomes,
    /// Admins: someone signed in and waits to be let in.
    PendingMembers,
    /// A council: a case study is due for review.
    ReviewReminders,
    /// A council: a question about its case study; an asker: the answer.
    Questions,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 7] = [
        NoticeKind::Submissions,
        NoticeKind::Decisions,
        NoticeKind::Reports,
        NoticeKind::ReportOutcomes,
        NoticeKind::PendingMembers,
        NoticeKind::ReviewReminders,
        NoticeKind::Questions,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Submissions => "submissions",
            NoticeKind::Decisions => "decisions",
            NoticeKind::Reports => "reports",
            NoticeKind::ReportOutcomes => "report_outcomes",
            NoticeKind::PendingMembers => "pending_members",
            NoticeKind::ReviewReminders => "review_reminders",
            NoticeKind::Questions => "questions",
        }
    }

    pub fn from_name(name: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// What the settings page calls it.
    pub fn label(self, locale: Locale) -> String {
        crate::i18n::value_label(locale, "notice", self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preferences {
    pub submissions: bool,
    pub decisions: bool,
    pub reports: bool,
    pub report_outcomes: bool,
    pub pending_members: bool,
    pub review_reminders: bool,
    pub questions: bool,
    /// Gather notifications into one email a day instead of one each.
    pub daily_digest: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            submissions: true,
            decisions: true,
            reports: true,
            report_outcomes: true,
            pending_members: true,
            review_reminders: true,
            questions: true,
            daily_digest: false,
        }
    }
}

impl Preferences {
    pub fn wants(&self, kind: NoticeKind) -> bool {
        match kind {
            NoticeKind::Submissions => self.submissions,
            NoticeKind::Decisions => self.decisions,
            NoticeKind::Reports => self.reports,
            NoticeKind::ReportOutcomes => self.report_outcomes,
            NoticeKind::PendingMembers => self.pending_members,
            NoticeKind::ReviewReminders => self.review_reminders,
            NoticeKind::Questions => self.questions,
        }
    }

    pub fn set(&mut self, kind: NoticeKind, on: bool) {
        match kind {
            NoticeKind::Submissions => self.submissions = on,
            NoticeKind::Decisions => self.decisions = on,
            NoticeKind::Reports => self.reports = on,
            NoticeKind::ReportOutcomes => self.report_outcomes = on,
            NoticeKind::PendingMembers => self.pending_members = on,
            NoticeKind::ReviewReminders => self.review_reminders = on,
            NoticeKind::Questions => self.questions = on,
        }
    }

    fn of_row(row: &notification_setting::Model) -> Self {
        Preferences {
            submissions: row.submissions,
            decisions: row.decisions,
            reports: row.reports,
            report_outcomes: row.report_outcomes,
            pending_members: row.pending_members,
            review_reminders: row.review_reminders,
            questions: row.questions,
            daily_digest: row.daily_digest,
        }
    }
}

/// A member's preferences (the defaults when they never chose).
pub async fn of_member(db: &impl ConnectionTrait, member_id: &str) -> AppResult<Preferences> {
    Ok(notification_setting::Entity::find_by_id(member_id.to_owned())
        .one(db)
        .await?
        .map(|row| Preferences::of_row(&row))
        .unwrap_or_default())
}

/// Several members' preferences in one query.
pub async fn of_members(
    db: &impl ConnectionTrait,
    member_ids: &[String],
) -> AppResult<std::collections::HashMap<String, Preferences>> {
    let rows = notification_setting::Entity::find()
        .filter(notification_setting::Column::MemberId.is_in(member_ids.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.member_id.clone(), Preferences::of_row(&row))).collect())
}

pub async fn save(db: &impl ConnectionTrait, member_id: &str, preferences: Preferences) -> AppResult<Preferences> {
    use notification_setting::Column;
    let row = notification_setting::ActiveModel {
        member_id: sea_orm::Set(member_id.to_owned()),
        submissions: sea_orm::Set(preferences.submissions),
        decisions: sea_orm::Set(preferences.decisions),
        reports: sea_orm::Set(preferences.reports),
        report_outcomes: sea_orm::Set(preferences.report_outcomes),
        pending_members: sea_orm::Set(preferences.pending_members),
        review_reminders: sea_orm::Set(preferences.review_reminders),
        questions: sea_orm::Set(preferences.questions),
        daily_digest: sea_orm::Set(preferences.daily_digest),
        updated_at: sea_orm::Set(Utc::now()),
    };
    notification_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::MemberId)
                .update_columns([
                    Column::Submissions,
                    Column::Decisions,
                    Column::Reports,
                    Column::ReportOutcomes,
                    Column::PendingMembers,
                    Column::ReviewReminders,
                    Column::Questions,
                    Column::DailyDigest,
                    Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(preferences)
}
