//! Saved searches, follows, notification settings and follow-ups, as the API shows them.

use async_graphql::{ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::case_studies::Outcome;
use crate::entities::values::{AlertFrequency, FollowTarget, FollowUpState};
use crate::entities::{follow_up, subscription};
use crate::graphql::connection::{PageInfo, edges_of};
use crate::graphql::scalars::Date;
use crate::notifications::{Preferences, alerts};
use crate::paging::Page;

/// A saved search's filters, as saved (the keys `SearchFilter` takes).
#[derive(SimpleObject)]
#[graphql(name = "SavedSearchFilter")]
pub struct SearchFilterView {
    pub outcomes: Vec<String>,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: Vec<String>,
    pub authorities: Vec<String>,
    pub regions: Vec<String>,
    pub authority_kinds: Vec<String>,
    pub cost_bands: Vec<String>,
    pub years: Vec<String>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub evidence_strengths: Vec<String>,
    pub over_budget: Option<bool>,
    pub late: Option<bool>,
    pub reused: Option<bool>,
}

impl From<casebook_search::Filters> for SearchFilterView {
    fn from(filters: casebook_search::Filters) -> Self {
        SearchFilterView {
            outcomes: filters.outcomes,
            service_areas: filters.service_areas,
            technologies: filters.technologies,
            tags: filters.tags,
            authorities: filters.authorities,
            regions: filters.regions,
            authority_kinds: filters.authority_kinds,
            cost_bands: filters.cost_bands,
            years: filters.years,
            year_from: filters.year_from,
            year_to: filters.year_to,
            evidence_strengths: filters.evidence_strengths,
            over_budget: yes_no(&filters.over_budget),
            late: yes_no(&filters.late),
            reused: yes_no(&filters.reused),
        }
    }
}

/// A two-valued filter as saved (`["true"]`), back as the Boolean it was given as.
fn yes_no(values: &[String]) -> Option<bool> {
    values.first().map(|value| value == "true")
}

pub struct SavedSearchNode(pub subscription::Model);

#[Object(name = "SavedSearch")]
impl SavedSearchNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn query(&self) -> &str {
        &self.0.query
    }
    async fn filter(&self) -> SearchFilterView {
        alerts::filters_of(&self.0).into()
    }
    async fn frequency(&self) -> AlertFrequency {
        self.0.frequency
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Up to here, everything published has been considered for an alert.
    async fn alerted_until(&self) -> DateTime<Utc> {
        self.0.alerted_until
    }
}

pub struct FollowNode(pub subscription::Model);

#[Object(name = "Follow")]
impl FollowNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn target(&self) -> FollowTarget {
        self.0.follow_target.unwrap_or(FollowTarget::Tag)
    }
    /// The council's slug, the term's key or the tag.
    async fn key(&self) -> &str {
        self.0.follow_key.as_deref().unwrap_or_default()
    }
    /// What is followed, as people read it.
    async fn label(&self) -> &str {
        &self.0.name
    }
    async fn frequency(&self) -> AlertFrequency {
        self.0.frequency
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

macro_rules! connection {
    ($connection:ident, $edge:ident, $node:ident) => {
        #[derive(SimpleObject)]
        pub struct $edge {
            pub cursor: String,
            pub node: $node,
        }

        #[derive(SimpleObject)]
        pub struct $connection {
            pub edges: Vec<$edge>,
            pub page_info: PageInfo,
            pub total_count: i32,
        }

        impl $connection {
            pub fn from_page(page: Page<subscription::Model>) -> Self {
                let (edges, page_info, total_count) = edges_of(page, $node);
                $connection {
                    edges: edges.into_iter().map(|(cursor, node)| $edge { cursor, node }).collect(),
                    page_info,
                    total_count,
                }
            }
        }
    };
}

connection!(SavedSearchConnection, SavedSearchEdge, SavedSearchNode);
connection!(FollowConnection, FollowEdge, FollowNode);

/// Which notifications the signed-in member gets, and whether in a daily digest.
#[derive(SimpleObject)]
#[graphql(name = "NotificationSettings")]
pub struct NotificationSettingsNode {
    /// Moderators: submissions, revisions and follow-ups waiting.
    pub submissions: bool,
    /// A council's editors: moderators' decisions and takedowns.
    pub decisions: bool,
    /// Moderators: reports of case studies.
    pub reports: bool,
    /// Reporters: what happened to their reports.
    pub report_outcomes: bool,
    /// Admins: new members waiting.
    pub pending_members: bool,
    /// A council: case studies due for review.
    pub review_reminders: bool,
    /// A council: questions about its case studies; askers: the answers.
    pub questions: bool,
    /// One email a day with everything, instead of one email each.
    pub daily_digest: bool,
}

impl From<Preferences> for NotificationSettingsNode {
    fn from(chosen: Preferences) -> Self {
        NotificationSettingsNode {
            submissions: chosen.submissions,
            decisions: chosen.decisions,
            reports: chosen.reports,
            report_outcomes: chosen.report_outcomes,
            pending_members: chosen.pending_members,
            review_reminders: chosen.review_reminders,
            questions: chosen.questions,
            daily_digest: chosen.daily_digest,
        }
    }
}

/// Absent fields stay as they are.
#[derive(InputObject, Default)]
pub struct NotificationSettingsInput {
    pub submissions: Option<bool>,
    pub decisions: Option<bool>,
    pub reports: Option<bool>,
    pub report_outcomes: Option<bool>,
    pub pending_members: Option<bool>,
    pub review_reminders: Option<bool>,
    pub questions: Option<bool>,
    pub daily_digest: Option<bool>,
}

impl NotificationSettingsInput {
    pub fn apply(self, mut chosen: Preferences) -> Preferences {
        let set = |field: &mut bool, value: Option<bool>| {
            if let Some(value) = value {
                *field = value;
            }
        };
        set(&mut chosen.submissions, self.submissions);
        set(&mut chosen.decisions, self.decisions);
        set(&mut chosen.reports, self.reports);
        set(&mut chosen.report_outcomes, self.report_outcomes);
        set(&mut chosen.pending_members, self.pending_members);
        set(&mut chosen.review_reminders, self.review_reminders);
        set(&mut chosen.questions, self.questions);
        set(&mut chosen.daily_digest, self.daily_digest);
        chosen
    }
}

pub struct FollowUpNode(pub follow_up::Model);

#[Object(name = "FollowUp")]
impl FollowUpNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn written_on(&self) -> Date {
        self.0.written_on.into()
    }
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// The outcome it reports, when it changed the case study's.
    async fn outcome(&self) -> Option<Outcome> {
        self.0.outcome
    }
    /// The outcome before it.
    async fn previous_outcome(&self) -> Outcome {
        self.0.previous_outcome
    }
    /// PUBLISHED for every reader; its council and moderators also see the others.
    async fn status(&self) -> FollowUpState {
        self.0.state
    }
    async fn submitted_at(&self) -> DateTime<Utc> {
        self.0.submitted_at
    }
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at.filter(|_| self.0.state == FollowUpState::Published)
    }
}

#[derive(InputObject)]
pub struct FollowUpInput {
    pub written_on: Date,
    /// At most 20,000 characters.
    pub body: String,
    /// The outcome now, when it changed.
    pub outcome: Option<Outcome>,
}
