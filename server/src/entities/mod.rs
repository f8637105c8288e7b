//! sea-orm entities: one module per table, rows only. Rules live in the
//! domain modules (`authorities`, `members`, `case_studies`), never here.

pub mod api_token;
pub mod audit_entry;
pub mod authority;
pub mod authority_successor;
pub mod case_study;
pub mod case_study_editor;
pub mod case_study_revision;
pub mod case_study_transition;
pub mod json;
pub mod member;
pub mod member_identity;
pub mod report;
pub mod report_filing;
pub mod search_change;
pub mod search_synonym;
pub mod session;
pub mod sign_in_attempt;
pub mod taxonomy_term;
pub mod values;
