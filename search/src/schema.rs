//! The index schema. Bump `SCHEMA_VERSION` whenever fields or analysis
//! change: an index of another version is rebuilt from the database.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{PAIRS, RAW, STEMMED};

pub const SCHEMA_VERSION: u32 = 2;

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
}

impl Facet {
    pub const ALL: [Facet; 9] = [
        Facet::Outcome,
        Facet::ServiceArea,
        Facet::Technology,
        Facet::Tag,
        Facet::Authority,
        Facet::Region,
        Facet::AuthorityKind,
        Facet::Year,
        Facet::CostBand,
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
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub summary: Field,
    pub lessons: Field,
    pub body: Field,
    pub tags: Field,
    pub council: Field,
    /// The searchable fields' twins, indexed as adjacent pairs of words (see `pairs`).
    pub pairs: PairFields,
    /// Everything searchable, unstemmed: the typo-tolerant field.
    pub fuzzy: Field,
    pub facets: [Field; 9],
    pub audience: Field,
    pub published_at: Field,
}

/// Each searchable field's twin of adjacent word pairs: matched, never stored.
#[derive(Clone, Debug)]
pub struct PairFields {
    pub title: Field,
    pub summary: Field,
    pub lessons: Field,
    pub body: Field,
    pub tags: Field,
    pub council: Field,
}

/// A searchable field as a query sees it.
#[derive(Clone, Copy, Debug)]
pub struct Searchable {
    pub words: Field,
    pub pairs: Field,
    pub weight: f32,
}

pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = |stored: bool| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(STEMMED)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { options.set_stored() } else { options }
    };
    let id = builder.add_text_field("id", STRING | STORED | FAST);
    let title = builder.add_text_field("title", stemmed(true));
    let summary = builder.add_text_field("summary", stemmed(true));
    let lessons = builder.add_text_field("lessons", stemmed(true));
    let body = builder.add_text_field("body", stemmed(true));
    let tags = builder.add_text_field("tags", stemmed(true));
    let council = builder.add_text_field("council", stemmed(false));
    let mut pairs_of = |name: &str| {
        let indexing = TextFieldIndexing::default().set_tokenizer(PAIRS).set_index_option(IndexRecordOption::WithFreqs);
        builder.add_text_field(&format!("{name}_pairs"), TextOptions::default().set_indexing_options(indexing))
    };
    let pairs = PairFields {
        title: pairs_of("title"),
        summary: pairs_of("summary"),
        lessons: pairs_of("lessons"),
        body: pairs_of("body"),
        tags: pairs_of("tags"),
        council: pairs_of("council"),
    };
    let fuzzy = builder.add_text_field(
        "fuzzy",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(RAW).set_index_option(IndexRecordOption::Basic),
        ),
    );
    let facets = Facet::ALL.map(|facet| builder.add_text_field(facet.field_name(), STRING | FAST | STORED));
    let audience = builder.add_text_field(AUDIENCE_FIELD, STRING | FAST);
    let published_at = builder.add_i64_field(PUBLISHED_AT_FIELD, INDEXED | FAST);
    let fields =
        Fields { id, title, summary, lessons, body, tags, council, pairs, fuzzy, facets, audience, published_at };
    (builder.build(), fields)
}

impl Fields {
    /// The searchable text fields with their weights: title and tags weigh most.
    pub fn weighted(&self) -> [Searchable; 6] {
        let pairs = &self.pairs;
        [
            Searchable { words: self.title, pairs: pairs.title, weight: 4.0 },
            Searchable { words: self.tags, pairs: pairs.tags, weight: 4.0 },
            Searchable { words: self.summary, pairs: pairs.summary, weight: 2.0 },
            Searchable { words: self.lessons, pairs: pairs.lessons, weight: 1.5 },
            Searchable { words: self.council, pairs: pairs.council, weight: 1.5 },
            Searchable { words: self.body, pairs: pairs.body, weight: 1.0 },
        ]
    }
}
