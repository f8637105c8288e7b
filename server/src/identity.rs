//! Who is asking: the `Viewer` of a request.
//!
//! A request proves its identity with `Authorization: Bearer TOKEN` today;
//! browser sessions (the sign-in issue) will be a second source feeding the
//! same `Viewer`. Everything downstream sees only the `Viewer`.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use sea_orm::ConnectionTrait;

use crate::entities::member;
use crate::error::{AppError, AppResult};
use crate::members::{self, MemberStatus, Role};

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

    pub fn is_signed_in(&self) -> bool {
        self.member.is_some()
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

    fn role(&self) -> Option<Role> {
        self.member.as_ref().map(|member| member.role)
    }

    /// The signed-in member, or `Unauthenticated`.
    pub fn require_signed_in(&self) -> AppResult<&SignedIn> {
        self.member.as_ref().ok_or(AppError::Unauthenticated)
    }
}

/// Reads the request's credentials. No credentials is an anonymous viewer; a
/// bad, revoked or malformed credential, or a suspended member, is an error —
/// never silently anonymous.
pub async fn resolve(db: &impl ConnectionTrait, headers: &HeaderMap) -> AppResult<Viewer> {
    let Some(header) = headers.get(AUTHORIZATION) else {
        return Ok(Viewer::anonymous());
    };
    let token = header
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or(AppError::Unauthenticated)?;
    let member = members::member_for_token(db, token).await?.ok_or(AppError::Unauthenticated)?;
    if member.status == MemberStatus::Suspended {
        return Err(AppError::Unauthenticated);
    }
    Ok(Viewer::from_member(&member))
}
