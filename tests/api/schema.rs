//! `schema.graphql` is generated from the built schema; this test fails when
//! the checked-in file is stale (and rewrites it, so the fix is to commit).

use std::path::Path;

#[test]
fn schema_graphql_matches_the_built_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let built = casebook::schema_sdl();
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != built {
        std::fs::write(&path, &built).expect("write schema.graphql");
        panic!("schema.graphql was stale and has been regenerated: review and commit it");
    }
}

#[test]
fn the_schema_keeps_the_contracts_names() {
    let sdl = casebook::schema_sdl();
    for name in [
        "me: Member",
        "authority(slug: String!): Authority",
        "authorities(search: String, first: Int, after: String): AuthorityConnection!",
        "taxonomy: Taxonomy!",
        "caseStudy(id: ID, slug: String): CaseStudy",
        "caseStudies(filter: CaseStudyFilter, first: Int, after: String): CaseStudyConnection!",
        "moderationQueue(first: Int, after: String): CaseStudyConnection!",
        "createCaseStudy(input: CaseStudyInput!): CaseStudy!",
        "updateCaseStudy(id: ID!, expectedVersion: Int!, input: CaseStudyInput!): CaseStudy!",
        "submitCaseStudy(id: ID!): CaseStudy!",
        "withdrawCaseStudy(id: ID!): CaseStudy!",
        "moderateCaseStudy(id: ID!, decision: ModerationDecision!, message: String): CaseStudy!",
        "scalar Date",
        "UNDER_10K",
        "FROM_250K_TO_1M",
        "pendingRevision: CaseStudyRevision",
        "reports(status: ReportStatus, first: Int, after: String): ReportConnection!",
        "auditLog(filter: AuditFilter, first: Int, after: String): AuditEntryConnection!",
        "reportCaseStudy(id: ID!, reason: ReportReason!, details: String): Report!",
        "decideReport(id: ID!, decision: ReportDecision!, note: String!): Report!",
        "enum ReportReason",
        "PERSONAL_DATA",
        "enum ReportStatus",
        "enum ReportDecision",
        "reportCount: Int!",
        "unpublishedReason: String",
        "before: JSON",
        "targetType: String!",
        "enum EvidenceStrength",
        "INDEPENDENTLY_EVALUATED",
        "evidenceStrength: EvidenceStrength",
        "plannedCost: Int",
        "actualCost: Int",
        "plannedEndOn: Date",
        "doDifferently: [String!]",
        "evidenceStrengths: [EvidenceStrength!]",
        "overBudget: Boolean",
        "late: Boolean",
        "reused: Boolean",
        "askQuestion(caseStudyId: ID!, body: String!, public: Boolean!): Question!",
        "answerQuestion(questionId: ID!, body: String!): Question!",
        "linkReuse(from: ID!, to: ID!, kind: ReuseKind!): ReuseLink!",
        "unlinkReuse(id: ID!): Boolean!",
        "enum ReuseKind",
        "TRIED_DIFFERENTLY",
        "questions: [Question!]!",
        "reuses: [ReuseLink!]!",
        "reusedBy: [ReuseLink!]!",
    ] {
        assert!(sdl.contains(name), "the schema lacks `{name}`");
    }
}
