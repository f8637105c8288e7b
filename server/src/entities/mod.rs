//! sea-orm entities: one module per table, rows only. Rules live in the
//! domain modules (`authorities`, `members`, `case_studies`), never here.

pub mod alert_ledger_entry;
pub mod api_token;
pub mod audit_entry;
pub mod authority;
pub mod authority_successor;
pub mod case_study;
pub mod case_study_editor;
pub mod case_study_revision;
pub mod case_study_transition;
pub mod follow_up;
pub mod json;
pub mod mail_message;
pub mod member;
pub mod member_identity;
pub mod notification;
pub mod notification_setting;
pub mod question;
pub mod question_report;
pub mod report;
pub mod report_filing;
pub mod reuse_link;
pub mod search_change;
pub mod search_synonym;
pub mod server_key;
pub mod session;
pub mod sign_in_attempt;
pub mod subscription;
pub mod taxonomy_term;
pub mod values;
