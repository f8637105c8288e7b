//! The index schema. Bump `SCHEMA_VERSION` whenever fields or analysis
//! change: an index of another version is rebuilt from the database.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{PAIRS, RAW, STEMMED, WELSH, WELSH_PAIRS};

pub const SCHEMA_VERSION: u32 = 4;

/// The facets, in the order of `SearchFacets`.
/// Who may read a document: "public" or "members".
pub(crate) const AUDIENCE_FIELD: &str = "audience";
pub(crate) const MEMBERS_AUDIENCE: &str = "members";
pub(crate) const PUBLISHED_AT_FIELD: &str = "published_at";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Outcome,
    ServiceArea,
    Technology,
    Tag,
    Authority,
    Region,
    AuthorityKind,
    Year,
    CostBand,
    EvidenceStrength,
    /// "true" or "false"; no value when the costs are not both known.
    OverBudget,
    /// "true" or "false"; no value when the end dates are not both known.
    Late,
    /// "true" when another council's case study says it reused this one.
    Reused,
    /// The language it is written in: "EN", "CY" or "BILINGUAL".
    Language,
}

impl Facet {
    pub const ALL: [Facet; 14] = [
        Facet::Outcome,
        Facet::ServiceArea,
        Facet::Technology,
        Facet::Tag,
        Facet::Authority,
        Facet::Region,
        Facet::AuthorityKind,
        Facet::Year,
        Facet::CostBand,
        Facet::EvidenceStrength,
        Facet::OverBudget,
        Facet::Late,
        Facet::Reused,
        Facet::Language,
    ];

    pub(crate) fn field_name(self) -> &'static str {
        match self {
            Facet::Outcome => "f_outcome",
            Facet::ServiceArea => "f_service_area",
            Facet::Technology => "f_technology",
            Facet::Tag => "f_tag",
            Facet::Authority => "f_authority",
            Facet::Region => "f_region",
            Facet::AuthorityKind => "f_kind",
            Facet::Year => "f_year",
            Facet::CostBand => "f_cost_band",
            Facet::EvidenceStrength => "f_evidence",
            Facet::OverBudget => "f_over_budget",
            Facet::Late => "f_late",
            Facet::Reused => "f_reused",
            Facet::Language => "f_language",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug)]
pub struct Fields {
    pub id: Field,
    pub title: TextField,
    pub summary: TextField,
    pub lessons: TextField,
    /// What the council would do differently.
    pub differently: TextField,
    pub body: TextField,
    pub tags: TextField,
    pub council: TextField,
    /// Welsh text, analysed as Welsh (see `mutation`): a Welsh case study's
    /// title, summary and the rest, or a bilingual one's Welsh title and summary.
    pub welsh_title: TextField,
    pub welsh_summary: TextField,
    pub welsh_text: TextField,
    /// Everything searchable, unstemmed: the typo-tolerant field.
    pub fuzzy: Field,
    pub facets: [Field; Facet::ALL.len()],
    pub audience: Field,
    pub published_at: Field,
}

/// A searchable text: its analysed words (with positions, and stored when it
/// is shown), and its twin indexed as adjacent pairs of those words (see `pairs`).
#[derive(Clone, Copy, Debug)]
pub struct TextField {
    pub words: Field,
    pub pairs: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED | FAST);
    let mut analysed = |name: &str, stored: bool, (words, pairs): (&str, &str)| {
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(words)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let pairs = TextFieldIndexing::default().set_tokenizer(pairs).set_index_option(IndexRecordOption::WithFreqs);
        TextField {
            words: builder.add_text_field(name, if stored { words.set_stored() } else { words }),
            pairs: builder.add_text_field(&format!("{name}_pairs"), TextOptions::default().set_indexing_options(pairs)),
        }
    };
    let mut text = |name: &str, stored: bool| analysed(name, stored, (STEMMED, PAIRS));
    let title = text("title", true);
    let summary = text("summary", true);
    let lessons = text("lessons", true);
    let differently = text("do_differently", true);
    let body = text("body", true);
    let tags = text("tags", true);
    let council = text("council", false);
    let mut welsh = |name: &str| analysed(name, true, (WELSH, WELSH_PAIRS));
    let (welsh_title, welsh_summary, welsh_text) = (welsh("title_cy"), welsh("summary_cy"), welsh("text_cy"));
    let fuzzy = builder.add_text_field(
        "fuzzy",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(RAW).set_index_option(IndexRecordOption::Basic),
        ),
    );
    let facets = Facet::ALL.map(|facet| builder.add_text_field(facet.field_name(), STRING | FAST | STORED));
    let audience = builder.add_text_field(AUDIENCE_FIELD, STRING | FAST);
    let published_at = builder.add_i64_field(PUBLISHED_AT_FIELD, INDEXED | FAST);
    let fields = Fields {
        id,
        title,
        summary,
        lessons,
        differently,
        body,
        tags,
        council,
        welsh_title,
        welsh_summary,
        welsh_text,
        fuzzy,
        facets,
        audience,
        published_at,
    };
    (builder.build(), fields)
}

impl Fields {
    /// The searchable text fields with their weights: title and tags weigh
    /// most; what a council would do differently weighs with the lessons,
    /// below title and summary.
    pub fn weighted(&self) -> [(TextField, f32); 7] {
        [
            (self.title, 4.0),
            (self.tags, 4.0),
            (self.summary, 2.0),
            (self.lessons, 1.5),
            (self.differently, 1.5),
            (self.council, 1.5),
            (self.body, 1.0),
        ]
    }

    /// The Welsh text fields with their weights, as their English twins weigh.
    pub fn welsh_weighted(&self) -> [(TextField, f32); 3] {
        [(self.welsh_title, 4.0), (self.welsh_summary, 2.0), (self.welsh_text, 1.0)]
    }
}
