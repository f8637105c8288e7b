//! The names of audited actions: the trail's vocabulary, in one place.

/// An audited action. Its name (`case_study.unpublish`) is what the trail
/// stores and what `auditLog(filter: {action})` matches; its target type
/// (`case_study`) is what the row's `target_id` identifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// A moderator's decisions on a submission or a pending revision.
    CaseStudyApprove,
    CaseStudyRequestChanges,
    CaseStudyReject,
    /// A takedown: an upheld report.
    CaseStudyUnpublish,
    /// What a moderator or admin does to another council's case study with
    /// the powers of their role (the owning council's own actions are in
    /// the case study's history, not here).
    CaseStudyWithdraw,
    CaseStudyEdit,
    CaseStudySubmit,
    CaseStudyWithdrawRevision,
    ReportDismiss,
    ReportUphold,
    /// A moderator's decision on the reports of a question or an answer
    /// (upheld removes it).
    QuestionDismissReports,
    QuestionRemove,
    MemberAssignAuthority,
    MemberSetRole,
    MemberSuspend,
    MemberReinstate,
    /// A member's personal data erased (by themselves or by an admin on their request).
    MemberErase,
    /// A member creates or revokes one of their API tokens.
    ApiTokenCreate,
    ApiTokenRevoke,
    /// `casebook issue-token` (the command line's bootstrap).
    ApiTokenIssue,
    SearchSynonymsAdd,
    SearchSynonymsRemove,
    TermCreate,
    /// A term's label changed.
    TermUpdate,
    TermRetire,
    /// One term folded into another on every case study that had it.
    TermMerge,
    /// An admin's edit of a council (its domains, kind, region, successors…).
    AuthorityUpdate,
    /// `casebook import-authorities`.
    AuthorityImport,
}

impl AuditAction {
    pub const ALL: [AuditAction; 28] = [
        AuditAction::CaseStudyApprove,
        AuditAction::CaseStudyRequestChanges,
        AuditAction::CaseStudyReject,
        AuditAction::CaseStudyUnpublish,
        AuditAction::CaseStudyWithdraw,
        AuditAction::CaseStudyEdit,
        AuditAction::CaseStudySubmit,
        AuditAction::CaseStudyWithdrawRevision,
        AuditAction::ReportDismiss,
        AuditAction::ReportUphold,
        AuditAction::QuestionDismissReports,
        AuditAction::QuestionRemove,
        AuditAction::MemberAssignAuthority,
        AuditAction::MemberSetRole,
        AuditAction::MemberSuspend,
        AuditAction::MemberReinstate,
        AuditAction::MemberErase,
        AuditAction::ApiTokenCreate,
        AuditAction::ApiTokenRevoke,
        AuditAction::ApiTokenIssue,
        AuditAction::SearchSynonymsAdd,
        AuditAction::SearchSynonymsRemove,
        AuditAction::TermCreate,
        AuditAction::TermUpdate,
        AuditAction::TermRetire,
        AuditAction::TermMerge,
        AuditAction::AuthorityUpdate,
        AuditAction::AuthorityImport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CaseStudyApprove => "case_study.approve",
            AuditAction::CaseStudyRequestChanges => "case_study.request_changes",
            AuditAction::CaseStudyReject => "case_study.reject",
            AuditAction::CaseStudyUnpublish => "case_study.unpublish",
            AuditAction::CaseStudyWithdraw => "case_study.withdraw",
            AuditAction::CaseStudyEdit => "case_study.edit",
            AuditAction::CaseStudySubmit => "case_study.submit",
            AuditAction::CaseStudyWithdrawRevision => "case_study.withdraw_revision",
            AuditAction::ReportDismiss => "report.dismiss",
            AuditAction::ReportUphold => "report.uphold",
            AuditAction::QuestionDismissReports => "question.dismiss_reports",
            AuditAction::QuestionRemove => "question.remove",
            AuditAction::MemberAssignAuthority => "member.assign_authority",
            AuditAction::MemberSetRole => "member.set_role",
            AuditAction::MemberSuspend => "member.suspend",
            AuditAction::MemberReinstate => "member.reinstate",
            AuditAction::MemberErase => "member.erase",
            AuditAction::ApiTokenCreate => "api_token.create",
            AuditAction::ApiTokenRevoke => "api_token.revoke",
            AuditAction::ApiTokenIssue => "api_token.issue",
            AuditAction::SearchSynonymsAdd => "search_synonyms.add",
            AuditAction::SearchSynonymsRemove => "search_synonyms.remove",
            AuditAction::TermCreate => "term.create",
            AuditAction::TermUpdate => "term.update",
            AuditAction::TermRetire => "term.retire",
            AuditAction::TermMerge => "term.merge",
            AuditAction::AuthorityUpdate => "authority.update",
            AuditAction::AuthorityImport => "authority.import",
        }
    }

    /// What kind of thing `target_id` names: the part of the name before the dot.
    pub fn target_type(self) -> &'static str {
        let name = self.as_str();
        &name[..name.find('.').unwrap_or(name.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_has_a_unique_name_and_its_target_type_is_the_prefix() {
        let mut names: Vec<&str> = AuditAction::ALL.iter().map(|action| action.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditAction::ALL.len());
        assert_eq!(AuditAction::CaseStudyUnpublish.target_type(), "case_study");
        assert_eq!(AuditAction::SearchSynonymsAdd.target_type(), "search_synonyms");
        assert_eq!(AuditAction::ApiTokenIssue.target_type(), "api_token");
    }
}
