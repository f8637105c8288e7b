//! Who may do what with a case study: PRODUCT.md's permission table, once.
//!
//! `can_read` decides for one loaded case study; `readable_by` is the same
//! rule as a SQL condition for lists. They must agree, and the integration
//! tests check each row of the table through both.

use sea_orm::{ColumnTrait, Condition};

use super::{Status, Visibility};
use crate::authorities;
use crate::entities::authority;
use crate::entities::case_study::{self, Column};
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
pub fn council_label(viewer: &Viewer, case_study: &case_study::Model, council: &authority::Model) -> String {
    if can_see_council(viewer, case_study) {
        council.name.clone()
    } else {
        authorities::anonymous_label(council.kind, &council.region)
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

pub fn can_edit(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    owns(viewer, case_study)
}

pub fn can_withdraw(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    owns(viewer, case_study) || viewer.is_moderator()
}

/// History and pending revisions: the owning council and moderators.
pub fn can_see_workings(viewer: &Viewer, case_study: &case_study::Model) -> bool {
    owns(viewer, case_study) || viewer.is_moderator()
}

/// Moderators and admins, but never on their own work (`editors` lists
/// everyone who created or edited it).
pub fn can_moderate(viewer: &Viewer, editors: &[String]) -> bool {
    viewer.is_moderator() && viewer.member_id().is_some_and(|me| !editors.iter().any(|editor| editor == me))
}
