//! GraphQL object types: views of domain rows for one viewer.

mod audit;
mod authority;
mod case_study;
mod learning;
mod member;
mod notifications;
mod report;
mod search;
mod taxonomy;

pub use audit::{AuditEntryConnection, AuditFilter};
pub use authority::{AuthorityConnection, AuthorityNode};
pub use case_study::{CaseStudyConnection, CaseStudyNode};
pub use learning::{QuestionNode, ReportedQuestionConnection, ReuseLinkNode};
pub use member::{ApiTokenNode, CreatedApiToken, MemberConnection, MemberNode};
pub use notifications::{
    FollowConnection, FollowNode, FollowUpInput, FollowUpNode, NotificationSettingsInput, NotificationSettingsNode,
    SavedSearchConnection, SavedSearchNode,
};
pub use report::{ReportConnection, ReportNode};
pub use search::{SearchFilter, SearchResults, SearchSort};
pub use taxonomy::{TaxonomyNode, TermNode};
