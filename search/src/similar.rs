//! "Similar case studies": more-like-this over a case study's own words,
//! boosted by the service areas and technologies it shares, for an audience.

use tantivy::query::{BooleanQuery, BoostQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};
use tantivy::{TantivyDocument, Term};

use crate::SearchError;
use crate::document::Audience;
use crate::facets::{FacetedCollector, Filters, Order};
use crate::index::SearchIndex;
use crate::schema::Facet;

impl SearchIndex {
    /// Case studies like `id` (more-like-this over title, summary, lessons and
    /// tags, boosted by shared service areas and technologies): never itself,
    /// never one the audience may not read.
    pub fn similar(&self, id: &str, audience: Audience, limit: usize) -> Result<Vec<String>, SearchError> {
        let searcher = self.reader.searcher();
        let fields = &self.fields;
        let id_term = Term::from_field_text(fields.id, id);
        let found = searcher.search(
            &TermQuery::new(id_term.clone(), IndexRecordOption::Basic),
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let values = |field| -> Vec<OwnedValue> {
            doc.get_all(field).filter_map(|value| value.as_str()).map(|text| OwnedValue::Str(text.to_owned())).collect()
        };
        // Tantivy counts a term's documents with the deleted ones (an upsert
        // deletes the old version; merges drop them later) but the corpus
        // without them, and asserts the first is no larger: a term in every
        // live document and in one replaced one panicked the read. A term in
        // more documents than there are is in all of them and says nothing
        // about likeness anyway, so it is left out before that assertion.
        let like_this = MoreLikeThisQuery::builder()
            .with_max_doc_frequency(searcher.num_docs())
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(40)
            .with_document_fields(vec![
                (fields.title.words, values(fields.title.words)),
                (fields.summary.words, values(fields.summary.words)),
                (fields.lessons.words, values(fields.lessons.words)),
                (fields.tags.words, values(fields.tags.words)),
                // Welsh text, as its own analyser indexes it: Welsh case studies find Welsh ones too.
                (fields.welsh_title.words, values(fields.welsh_title.words)),
                (fields.welsh_summary.words, values(fields.welsh_summary.words)),
                (fields.welsh_text.words, values(fields.welsh_text.words)),
            ]);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(like_this))];
        for facet in [Facet::ServiceArea, Facet::Technology] {
            let field = fields.facets[facet.index()];
            for value in doc.get_all(field).filter_map(|value| value.as_str()) {
                let term = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), 2.0))));
            }
        }
        clauses.push((Occur::MustNot, Box::new(TermQuery::new(id_term, IndexRecordOption::Basic))));
        let query = BooleanQuery::new(clauses);
        let filters = Filters::default();
        let dictionary = self.facet_cache.dictionary(&searcher)?;
        let collector = FacetedCollector {
            filters: &filters,
            include_members_only: audience == Audience::Members,
            order: Order::Relevance,
            keep: limit,
            dictionary: &dictionary,
        };
        let collected = self.collect(&searcher, &query, &collector)?;
        collected
            .top
            .iter()
            .map(|ranked| {
                let doc: TantivyDocument = searcher.doc(ranked.address)?;
                Ok(doc.get_first(fields.id).and_then(|value| value.as_str()).unwrap_or_default().to_owned())
            })
            .collect()
    }
}
