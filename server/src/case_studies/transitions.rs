//! The workflow's transition table: each action on a case study and the
//! states it starts from. `policy` adds who may take it; `workflow` carries
//! it out. Both read this one table, so a button is offered exactly when the
//! action would succeed.
//!
//! ```text
//! DRAFT ─submit─▶ SUBMITTED ─approve─▶ PUBLISHED ─withdraw─▶ WITHDRAWN ─edit, submit─▶ SUBMITTED
//!   ▲                │   │                 │  │
//!   └─edit◀─ CHANGES_REQUESTED ◀─request   │  └─report upheld─▶ UNPUBLISHED ─edit, submit─▶ SUBMITTED
//!                    └─reject─▶ REJECTED   └─edit─▶ pending revision ─approve─▶ live text
//!                                               (withdrawn by its authors, or decided on)
//! ```
//!
//! A WITHDRAWN or UNPUBLISHED case study keeps its status while its council
//! edits it, so the takedown stays visible until it goes back to moderation.

use sea_orm::{ColumnTrait, Condition};

use super::{RevisionState, Status};
use crate::entities::case_study::{self, Column};

/// Something a viewer can do to a case study.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Change the text: in place while unpublished, as a pending revision once published.
    Edit,
    /// Send a draft (or one sent back) to the moderators.
    Submit,
    /// Take a published case study down.
    Withdraw,
    /// Take back the pending revision of a published case study; the live text stays.
    WithdrawRevision,
    /// Approve, request changes or reject what waits for a decision.
    Moderate,
    /// Take a published case study down on an upheld report.
    Unpublish,
}

impl Action {
    pub const ALL: [Action; 6] =
        [Action::Edit, Action::Submit, Action::Withdraw, Action::WithdrawRevision, Action::Moderate, Action::Unpublish];

    /// The verb, for "a DRAFT case study cannot be withdrawn".
    fn past_participle(self) -> &'static str {
        match self {
            Action::Edit => "edited",
            Action::Submit => "submitted",
            Action::Withdraw => "withdrawn",
            Action::WithdrawRevision => "withdrawn from review",
            Action::Moderate => "moderated",
            Action::Unpublish => "taken down",
        }
    }
}

/// Whether `action` can start from this case study's state (`revision`: the
/// state of its revision, if it has one). `Err` says why not, for CONFLICT.
pub fn starts_from(
    action: Action,
    case_study: &case_study::Model,
    revision: Option<RevisionState>,
) -> Result<(), String> {
    let status = case_study.status;
    let open = match action {
        Action::Edit => matches!(
            status,
            Status::Draft | Status::ChangesRequested | Status::Published | Status::Withdrawn | Status::Unpublished
        ),
        Action::Submit => {
            matches!(status, Status::Draft | Status::ChangesRequested | Status::Withdrawn | Status::Unpublished)
        }
        Action::Withdraw | Action::Unpublish => status == Status::Published,
        Action::WithdrawRevision => {
            if status == Status::Published && revision.is_none() {
                return Err("this case study has no changes waiting to be withdrawn".into());
            }
            status == Status::Published
        }
        Action::Moderate => {
            if status == Status::Published && !awaits_decision(case_study) {
                return Err("this case study has no changes waiting for a decision".into());
            }
            awaits_decision(case_study)
        }
    };
    if open {
        Ok(())
    } else if action == Action::Moderate {
        Err(format!("a {} case study has nothing to moderate", status.as_str()))
    } else {
        Err(format!("a {} case study cannot be {}", status.as_str(), action.past_participle()))
    }
}

/// Whether it waits for a moderator's decision: a submission, or a published
/// case study with a pending revision. `queued_at` is set exactly while it
/// waits (submitting and revising set it; every decision clears it).
/// `awaiting_decision` is the same rule in SQL: change both or neither.
pub fn awaits_decision(case_study: &case_study::Model) -> bool {
    case_study.queued_at.is_some() && matches!(case_study.status, Status::Submitted | Status::Published)
}

/// `awaits_decision` as a condition on the `case_studies` table (the moderation queue).
pub fn awaiting_decision() -> Condition {
    Condition::all()
        .add(Column::QueuedAt.is_not_null())
        .add(Column::Status.is_in([Status::Submitted, Status::Published]))
}
