//! Who may do what with a case study: PRODUCT.md's permission table, once.
//!
//! `can_read` decides for one loaded case study; `readable_by` is the same
//! rule as a SQL condition for lists. They must agree, and the integration
//! tests check each row of the table through both.

use sea_orm::{ColumnTrait, Condition};

use super::transitions::{self, Action};
use super::{RevisionState, Status, Visibility};
use crate::authorities;
use crate::entities::authority;
use crate::entities::case_study::{self, Column};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::identity::Viewer;

/// Owning council, or an admin: may edit and submit, and reads drafts.
fn owns(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    viewer.belongs_to(case_study.authority_id) || viewer.is_admin()
}

pub fn can_read(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    if owns(viewer, case_study) {
        return true;
    }
    match case_study.status {
        Status::Published => case_study.visibility == Visibility::Public || viewer.is_member(),
        Status::Draft => false,
        _ => viewer.is_moderator(),
    }
}

/// `can_read` as a condition on the `case_studies` table.
pub fn readable_by(viewer: &Viewer) -> Condition {
    if viewer.is_admin() {
        return Condition::all();
    }
    let published = Column::Status.eq(Status::Published);
    let mut readable = Condition::any().add(if viewer.is_member() {
        Condition::all().add(published)
    } else {
        Condition::all().add(published).add(Column::Visibility.eq(Visibility::Public))
    });
    if let Some(council) = viewer.council() {
        readable = readable.add(Column::AuthorityId.eq(council));
    }
    if viewer.is_moderator() {
        readable = readable.add(Column::Status.ne(Status::Draft));
    }
    readable
}

/// Whether the viewer may know which council wrote it.
pub fn can_see_council(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    !case_study.anonymous || owns(viewer, case_study) || viewer.is_moderator()
}

/// The council as this viewer may see it: its name, or "A London borough"
/// (kind and region) when the case study is anonymous to them.
pub fn council_label(
    viewer: &Viewer,
    case_study: &case_study::Model,
    council: &authority::Model,
    locale: Locale,
) -> String {
    if can_see_council(viewer, case_study) {
        authorities::name_in(council, locale).to_owned()
    } else {
        authorities::anonymous_label(council.kind, &council.region, locale)
    }
}

/// `can_see_council` as a condition, for filters by council.
pub fn council_visible_to(viewer: &Viewer) -> Condition {
    if viewer.is_moderator() {
        return Condition::all();
    }
    let mut visible = Condition::any().add(Column::Anonymous.eq(false));
    if let Some(council) = viewer.council() {
        visible = visible.add(Column::AuthorityId.eq(council));
    }
    visible
}

/// The contact email: active members only, and never through anonymity.
pub fn can_see_contact(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    viewer.is_member() && can_see_council(viewer, case_study)
}

/// History and pending revisions: the owning council and moderators.
pub fn can_see_workings(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    owns(viewer, case_study) || viewer.is_moderator()
}

/// Who may write case studies at all: active members of a council.
pub fn can_create(viewer: &Viewer) -> bool {
    viewer.council().is_some()
}

/// Who may open the moderation queue: moderators and admins.
pub fn can_open_queue(viewer: &Viewer) -> bool {
    viewer.is_moderator()
}

/// What the rules need to know about a case study beyond its row.
#[derive(Clone, Debug, Default)]
pub struct Workings {
    /// The members who created or edited it (a moderator's "own work").
    pub editors: Vec<String>,
    /// The state of its revision, if it has one.
    pub revision: Option<RevisionState>,
}

/// Whether the viewer may take `action` on a case study they can read,
/// checked in the workflow's order: who they are (`Forbidden`), then
/// whether the case study's state allows it (`Conflict`). Every mutation
/// and every button asks this.
pub fn check(viewer: &Viewer, action: Action, case_study: &case_study::Model, workings: &Workings) -> AppResult<()> {
    if let Some(reason) = refusal(viewer, action, case_study, workings) {
        return Err(AppError::Forbidden(reason));
    }
    transitions::starts_from(action, case_study, workings.revision).map_err(AppError::Conflict)
}

/// Why this viewer may not take `action`, whatever the case study's state.
fn refusal(
    viewer: &Viewer,
    action: Action,
    case_study: &case_study::Model,
    workings: &Workings,
) -> Option<&'static str> {
    match action {
        Action::Edit | Action::WithdrawRevision => {
            (!owns(viewer, case_study)).then_some("only the owning council can edit this case study")
        }
        Action::Submit => (!owns(viewer, case_study)).then_some("only the owning council can submit this case study"),
        Action::Withdraw => (!(owns(viewer, case_study) || viewer.is_moderator()))
            .then_some("only the owning council or a moderator can withdraw this case study"),
        Action::Moderate | Action::Unpublish => may_decide(viewer, workings).err(),
    }
}

/// Whether the viewer may decide on this case study (a submission, a
/// revision, a report on it): a moderator, and not on their own work.
pub fn may_decide(viewer: &Viewer, workings: &Workings) -> Result<(), &'static str> {
    if !viewer.is_moderator() {
        return Err("only moderators can moderate");
    }
    if wrote_or_edited(viewer, workings) {
        return Err("a moderator cannot decide on a case study they wrote or edited");
    }
    Ok(())
}

/// The viewer acts on another council's case study with the powers of
/// their role (a moderator or admin): such actions go in the audit trail.
pub fn acts_by_role(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    !viewer.belongs_to(case_study.authority_id)
}

/// The actions open to the viewer now: the buttons a page offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actions {
    pub edit: bool,
    pub submit: bool,
    pub withdraw: bool,
    pub withdraw_revision: bool,
    pub moderate: bool,
}

pub fn actions(viewer: &Viewer, case_study: &case_study::Model, workings: &Workings) -> Actions {
    let open = |action| check(viewer, action, case_study, workings).is_ok();
    Actions {
        edit: open(Action::Edit),
        submit: open(Action::Submit),
        withdraw: open(Action::Withdraw),
        withdraw_revision: open(Action::WithdrawRevision),
        moderate: open(Action::Moderate),
    }
}

/// A moderator who may not decide on it because they wrote or edited it
/// (the decision page says so instead of offering the decision).
pub fn is_own_work(viewer: &Viewer, workings: &Workings) -> bool {
    viewer.is_moderator() && wrote_or_edited(viewer, workings)
}

/// "Own work": the viewer created or edited it.
fn wrote_or_edited(viewer: &Viewer, workings: &Workings) -> bool {
    viewer.member_id().is_none_or(|me| workings.editors.iter().any(|editor| editor == me))
}

/// Who may say a case study reused another council's, or take that back:
/// whoever may edit the reusing case study (its council, admins).
pub fn may_link_reuse(viewer: &Viewer, from: &case_study::Model) -> Result<(), &'static str> {
    if owns(viewer, from) { Ok(()) } else { Err("only the council that wrote a case study can say what it reused") }
}

/// A link between two case studies is shown to a viewer who may read both
/// ends, once the reusing end is published (its own council sees it sooner).
pub fn can_see_reuse(viewer: &Viewer, from: &case_study::Model, to: &case_study::Model) -> bool {
    can_read(viewer, from)
        && can_read(viewer, to)
        && to.status == Status::Published
        && (from.status == Status::Published || owns(viewer, from))
}

/// Whether a link may make `to` count as "reused by other councils" in the
/// index, which has one audience per document: only when everyone who can
/// read `to` can read `from` too (both published, and `from` public unless
/// `to` is members-only).
pub fn reuse_counts_for_everyone(from: &case_study::Model, to: &case_study::Model) -> bool {
    from.status == Status::Published
        && to.status == Status::Published
        && (from.visibility == Visibility::Public || to.visibility == Visibility::Members)
}

/// Who may ask the council that wrote a published case study a question: an
/// ACTIVE member of another council.
pub fn may_ask(viewer: &Viewer, case_study: &case_study::Model) -> Result<(), &'static str> {
    match viewer.council() {
        None => Err("only active members of a council can ask a question"),
        Some(council) if council == case_study.authority_id => Err("a council cannot ask itself a question"),
        Some(_) => Ok(()),
    }
}

/// Who answers a question: the members of the council that wrote the case study.
pub fn may_answer(viewer: &Viewer, case_study: &case_study::Model) -> Result<(), &'static str> {
    if viewer.belongs_to(case_study.authority_id) {
        Ok(())
    } else {
        Err("only the council that wrote the case study can answer")
    }
}

/// A question (and its answer) is read by those who can read the case study
/// when its asker made it public; otherwise by the asker, the owning council
/// and moderators only.
pub fn can_read_question(
    viewer: &Viewer,
    case_study: &case_study::Model,
    public: bool,
    asked_by: Option<&str>,
) -> bool {
    can_read(viewer, case_study)
        && (public
            || viewer.belongs_to(case_study.authority_id)
            || viewer.is_moderator()
            || (viewer.is_member() && asked_by.is_some() && viewer.member_id() == asked_by))
}
