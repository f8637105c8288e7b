//! `Viewer`: who is asking, as the permission rules see them, whatever
//! credentials they came with.

use crate::entities::member;
use crate::error::{AppError, AppResult};
use crate::members::{MemberStatus, Role};

/// The signed-in member behind a request, as the permission rules need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub member_id: String,
    pub role: Role,
    pub status: MemberStatus,
    pub authority_id: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    pub member: Option<SignedIn>,
}

impl Viewer {
    pub fn anonymous() -> Self {
        Viewer { member: None }
    }

    pub fn from_member(member: &member::Model) -> Self {
        Viewer {
            member: Some(SignedIn {
                member_id: member.id.clone(),
                role: member.role,
                status: member.status,
                authority_id: member.authority_id,
            }),
        }
    }

    /// Has an account, whatever its standing: enough for `me`, for signing
    /// out and for UNAUTHENTICATED-versus-FORBIDDEN, never for reading more.
    pub fn is_signed_in(&self) -> bool {
        self.member.is_some()
    }

    /// An ACTIVE member: the only standing that grants anything beyond what
    /// an anonymous visitor has (PRODUCT.md: a PENDING or SUSPENDED account
    /// has the rights of an anonymous visitor, whatever its role).
    pub fn is_member(&self) -> bool {
        self.member.as_ref().is_some_and(|member| member.status == MemberStatus::Active)
    }

    pub fn member_id(&self) -> Option<&str> {
        self.member.as_ref().map(|member| member.member_id.as_str())
    }

    /// The council this viewer acts for: set only for an ACTIVE member with a council.
    pub fn council(&self) -> Option<i32> {
        let member = self.member.as_ref()?;
        (member.status == MemberStatus::Active).then_some(member.authority_id).flatten()
    }

    pub fn belongs_to(&self, authority_id: i32) -> bool {
        self.council() == Some(authority_id)
    }

    /// Moderators and admins: both may read what is in moderation and decide on it.
    pub fn is_moderator(&self) -> bool {
        matches!(self.role(), Some(Role::Moderator | Role::Admin))
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    /// The role, for an ACTIVE member only: a role given to a PENDING or
    /// SUSPENDED account grants nothing until it is active.
    fn role(&self) -> Option<Role> {
        self.member.as_ref().filter(|_| self.is_member()).map(|member| member.role)
    }

    /// A member's email: to that member and to admins only.
    pub fn may_see_email_of(&self, member_id: &str) -> bool {
        self.member_id() == Some(member_id) || self.is_admin()
    }

    /// The signed-in member, or `Unauthenticated`.
    pub fn require_signed_in(&self) -> AppResult<&SignedIn> {
        self.member.as_ref().ok_or(AppError::Unauthenticated)
    }
}
