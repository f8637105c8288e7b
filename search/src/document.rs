//! What the index knows of a case study: a published one, as readers may see
//! it. The caller decides what goes in; in particular an anonymous case
//! study must come with no council (`authorities` and `council_names` empty):
//! the index then cannot reveal it, whoever searches.

/// Who may read a case study: everyone, or signed-in members only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    Public,
    Members,
}

impl Audience {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => crate::schema::MEMBERS_AUDIENCE,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseStudyDocument {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<String>,
    /// What the council would do differently.
    pub do_differently: Vec<String>,
    pub body: String,
    pub tags: Vec<String>,
    /// Facet values, as the caller's filters name them.
    pub outcome: String,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    /// Slugs of the owning and collaborating councils; empty when anonymous.
    pub authorities: Vec<String>,
    /// Names of those councils, searchable as words; empty when anonymous.
    pub council_names: Vec<String>,
    pub region: String,
    pub authority_kind: String,
    pub start_year: i32,
    pub cost_band: String,
    /// Empty when not given.
    pub evidence_strength: String,
    /// None when the planned and actual costs are not both known.
    pub over_budget: Option<bool>,
    /// None when the planned and actual ends are not both known.
    pub late: Option<bool>,
    /// Another council's case study, readable by everyone who can read this
    /// one, says it reused this one.
    pub reused: bool,
    /// When it was published, in any monotonic unit (the server uses milliseconds since the Unix epoch).
    pub published_at: i64,
    /// Readable by signed-in members only.
    pub members_only: bool,
    /// "EN", "CY" or "BILINGUAL" (the language facet).
    pub language: String,
    /// Welsh text, indexed as Welsh: a Welsh case study's title, summary and
    /// the rest go here instead of the English fields above; a bilingual
    /// one's Welsh title and summary go here beside its English ones.
    pub welsh_title: String,
    pub welsh_summary: String,
    pub welsh_text: Vec<String>,
}

impl CaseStudyDocument {
    pub fn audience(&self) -> Audience {
        if self.members_only { Audience::Members } else { Audience::Public }
    }
}
