//! The demo network: case studies written for `casebook seed-demo` and
//! `serve --demo`, published through the real workflow (create, submit,
//! moderate), so the demo exercises the same code as real use.

use anyhow::Context;
use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde::Deserialize;

use crate::authorities;
use crate::case_studies::evidence::EvidenceStrength;
use crate::case_studies::{
    CaseStudyInput, CostBand, EvidenceInput, Language, LinkInput, ModerationDecision, Outcome, Status, Visibility,
    workflow,
};
use crate::entities::{case_study, member};
use crate::identity::Viewer;
use crate::members::{self, Role};
use crate::search_sync::changes::{Doorbell, Outbox};

const DEMO: &str = include_str!("../data/demo.json");
pub const DEMO_MODERATOR: &str = "moderator@casebook.example";
pub const DEMO_ADMIN: &str = "admin@casebook.example";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoCaseStudy {
    author: String,
    authority: String,
    title: String,
    summary: String,
    body: String,
    outcome: Outcome,
    #[serde(default)]
    lessons: Vec<String>,
    service_areas: Vec<String>,
    #[serde(default)]
    technologies: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    cost_band: CostBand,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    collaborators: Vec<String>,
    #[serde(default)]
    links: Vec<DemoLink>,
    contact_email: Option<String>,
    visibility: Visibility,
    anonymous: bool,
    #[serde(default)]
    evidence_strength: Option<EvidenceStrength>,
    #[serde(default)]
    evaluation_url: Option<String>,
    #[serde(default)]
    planned_cost: Option<i64>,
    #[serde(default)]
    actual_cost: Option<i64>,
    #[serde(default)]
    planned_end_on: Option<NaiveDate>,
    #[serde(default)]
    do_differently: Vec<String>,
    #[serde(default)]
    language: Option<Language>,
    #[serde(default)]
    title_cy: Option<String>,
    #[serde(default)]
    summary_cy: Option<String>,
    final_status: Status,
}

#[derive(Deserialize)]
struct DemoLink {
    title: String,
    url: String,
}

/// Loads the demo unless case studies already exist. Returns what it did.
pub async fn seed(db: &DatabaseConnection) -> anyhow::Result<String> {
    if case_study::Entity::find().count(db).await? > 0 {
        return Ok("the database already has case studies: demo not loaded".to_owned());
    }
    let demo: Vec<DemoCaseStudy> = serde_json::from_str(DEMO).context("the demo data is malformed")?;
    let moderator =
        Viewer::from_member(&members::upsert_active_member(db, DEMO_MODERATOR, Role::Moderator, None).await?);
    members::upsert_active_member(db, DEMO_ADMIN, Role::Admin, None).await?;

    // Written before the indexer starts: it reads the change log when it does.
    let outbox = Outbox::new(db.clone(), Doorbell::default());
    let count = demo.len();
    for item in demo {
        let authority = authorities::find_by_slug(db, &item.authority)
            .await?
            .with_context(|| format!("demo council `{}` is not in the register", item.authority))?;
        let author = members::upsert_active_member(db, &item.author, Role::Member, Some(authority.id)).await?;
        let author = Viewer::from_member(&author);
        let final_status = item.final_status;
        let title = item.title.clone();
        let created = workflow::create(&outbox, &author, item.into_input())
            .await
            .map_err(|error| anyhow::anyhow!("demo case study `{title}`: {error:?}"))?;
        advance(&outbox, &author, &moderator, &created.id, final_status)
            .await
            .map_err(|error| anyhow::anyhow!("demo case study `{title}`: {error:?}"))?;
    }
    Ok(format!("loaded {count} demo case studies"))
}

/// Walks a new draft to its demo status, as its author and a moderator would.
async fn advance(
    db: &Outbox,
    author: &Viewer,
    moderator: &Viewer,
    id: &str,
    target: Status,
) -> crate::error::AppResult<()> {
    if target == Status::Draft {
        return Ok(());
    }
    workflow::submit(db, author, id).await?;
    let decision = match target {
        Status::Submitted => return Ok(()),
        Status::ChangesRequested => (ModerationDecision::RequestChanges, "Please add what the project cost in total."),
        Status::Rejected => (ModerationDecision::Reject, "This reads as a supplier's advert rather than a case study."),
        _ => (ModerationDecision::Approve, "Approved: thank you for sharing."),
    };
    workflow::moderate(db, moderator, id, decision.0, Some(decision.1.to_owned())).await?;
    if matches!(target, Status::Withdrawn | Status::Unpublished) {
        workflow::withdraw(db, author, id).await?;
    }
    Ok(())
}

impl DemoCaseStudy {
    fn into_input(self) -> CaseStudyInput {
        CaseStudyInput {
            title: self.title,
            summary: self.summary,
            body: self.body,
            outcome: Some(self.outcome),
            lessons: self.lessons,
            service_areas: self.service_areas,
            technologies: self.technologies,
            tags: self.tags,
            cost_band: Some(self.cost_band),
            started_on: self.started_on.to_string(),
            ended_on: self.ended_on.map(|date| date.to_string()),
            partners: self.partners,
            collaborators: self.collaborators,
            links: self.links.into_iter().map(|link| LinkInput { title: link.title, url: link.url }).collect(),
            contact_email: self.contact_email,
            visibility: Some(self.visibility),
            anonymous: self.anonymous,
            evidence: EvidenceInput {
                strength: self.evidence_strength,
                evaluation_url: self.evaluation_url,
                planned_cost: self.planned_cost,
                actual_cost: self.actual_cost,
                planned_end_on: self.planned_end_on.map(|date| date.to_string()),
                do_differently: self.do_differently,
            },
            language: self.language,
            title_cy: self.title_cy,
            summary_cy: self.summary_cy,
        }
    }
}

/// Fresh tokens for the demo's admin, moderator and a council member.
pub async fn sign_in_tokens(db: &DatabaseConnection) -> anyhow::Result<Vec<(String, String)>> {
    let camden_member = member::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|member| member.email.ends_with("@camden.gov.uk"))
        .map(|member| member.email);
    let mut tokens = Vec::new();
    for email in [Some(DEMO_ADMIN.to_owned()), Some(DEMO_MODERATOR.to_owned()), camden_member].into_iter().flatten() {
        let member = member::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .find(|member| member.email == email)
            .with_context(|| format!("demo member {email} is missing"))?;
        let role = format!("{email} ({:?})", member.role);
        tokens.push((role, members::issue_token(db, &member.id, "demo sign-in").await?));
    }
    Ok(tokens)
}
