//! Turning a parsed query into a Tantivy query: BM25 over the weighted text
//! fields, typo tolerance on the unstemmed field, synonyms, phrases and
//! exclusions. Words are ANDed, or ORed when `relaxed`. Each word or phrase
//! is analysed twice: as English for the English fields, as Welsh for the
//! Welsh ones (`Analysed`), and matches in either.

use std::collections::{BTreeSet, HashSet};

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::analysis::terms;
use crate::pairs::pair_term;
use crate::parse::ParsedQuery;
use crate::schema::{Fields, TextField};
use crate::synonyms::Synonyms;

/// A fuzzy match counts for little: any exact match outranks it.
const FUZZY_BOOST: f32 = 0.25;

/// What to highlight: stemmed terms, and the words that may match with typos.
#[derive(Clone, Debug, Default)]
pub struct MatchTerms {
    pub stemmed: HashSet<String>,
    /// Welsh terms (mutations folded).
    pub welsh: HashSet<String>,
    /// (raw word, allowed edits)
    pub fuzzy: Vec<(String, u8)>,
}

pub struct QueryBuilder<'a> {
    /// Where typo-tolerant words are looked up.
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    pub synonyms: &'a Synonyms,
    pub stemmed: &'a mut TextAnalyzer,
    pub raw: &'a mut TextAnalyzer,
    pub welsh: &'a mut TextAnalyzer,
    /// Documents outside it cannot count (see `Filters::narrowing_query`):
    /// phrases check positions only inside it.
    pub narrowing: Option<&'a dyn Query>,
}

/// A word or phrase as each language's fields index it.
struct Analysed {
    english: Vec<String>,
    welsh: Vec<String>,
}

/// One edit on words of five letters or more, two on nine or more.
pub fn allowed_edits(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

impl QueryBuilder<'_> {
    /// The query, or `None` when the text has nothing to search for.
    pub fn build(
        &mut self,
        parsed: &ParsedQuery,
        relaxed: bool,
    ) -> tantivy::Result<(Option<Box<dyn Query>>, MatchTerms)> {
        let mut match_terms = MatchTerms::default();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let positive = if relaxed { Occur::Should } else { Occur::Must };

        let words: Vec<(String, Analysed)> = parsed
            .words
            .iter()
            .map(|word| (word.clone(), self.analyse(word)))
            .filter(|(_, tokens)| !tokens.english.is_empty() || !tokens.welsh.is_empty())
            .collect();
        let mut index = 0;
        while index < words.len() {
            let upcoming: Vec<String> = words[index..].iter().map(|(_, tokens)| tokens.english.join(" ")).collect();
            if let Some((length, group)) = self.synonyms.match_at(&upcoming) {
                let welsh: Vec<String> =
                    words[index..index + length].iter().flat_map(|(_, w)| w.welsh.clone()).collect();
                clauses.push((positive, self.synonym_query(group, welsh, &mut match_terms)));
                index += length;
                continue;
            }
            let (word, tokens) = &words[index];
            clauses.push((positive, self.word_query(word, tokens, &mut match_terms)?));
            index += 1;
        }
        for phrase in &parsed.phrases {
            let tokens = self.analyse(phrase);
            if tokens.english.is_empty() && tokens.welsh.is_empty() {
                continue;
            }
            match_terms.stemmed.extend(tokens.english.iter().cloned());
            match_terms.welsh.extend(tokens.welsh.iter().cloned());
            clauses.push((positive, self.exact_query(&tokens)));
        }
        let has_positive = !clauses.is_empty();
        for exclusion in &parsed.exclusions {
            let tokens = self.analyse(exclusion);
            if !tokens.english.is_empty() || !tokens.welsh.is_empty() {
                clauses.push((Occur::MustNot, self.exact_query(&tokens)));
            }
        }
        if clauses.is_empty() {
            return Ok((None, match_terms));
        }
        if !has_positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok((Some(self.narrowed(Box::new(BooleanQuery::new(clauses)))), match_terms))
    }

    /// A word: exact (stemmed) in any weighted field, or within its allowed
    /// edits on the unstemmed field.
    ///
    /// The words of the index within those edits are looked up first. Most
    /// are the word itself or its inflections, which the exact query already
    /// finds; only when some other word is that near does the typo clause go
    /// in (over the near words found, not the automaton again). A correctly
    /// spelt common word so costs one union of postings, not two.
    fn word_query(
        &mut self,
        word: &str,
        analysed: &Analysed,
        match_terms: &mut MatchTerms,
    ) -> tantivy::Result<Box<dyn Query>> {
        match_terms.stemmed.extend(analysed.english.iter().cloned());
        match_terms.welsh.extend(analysed.welsh.iter().cloned());
        let exact = self.exact_query(analysed);
        let tokens = analysed.english.as_slice();
        let raw = terms(self.raw, word);
        let [raw_word] = raw.as_slice() else {
            return Ok(exact);
        };
        let edits = allowed_edits(raw_word);
        if edits == 0 {
            return Ok(exact);
        }
        let near = self.near_words(raw_word, edits)?;
        if near.iter().all(|near_word| terms(self.stemmed, near_word) == tokens) {
            return Ok(exact);
        }
        match_terms.fuzzy.push((raw_word.clone(), edits));
        let typos = TermSetQuery::new(near.iter().map(|near_word| Term::from_field_text(self.fields.fuzzy, near_word)));
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Should, exact),
            (Occur::Should, Box::new(BoostQuery::new(Box::new(typos), FUZZY_BOOST))),
        ])))
    }

    /// The indexed words within `edits` of `word` (transpositions count
    /// as one), in any segment.
    fn near_words(&self, word: &str, edits: u8) -> tantivy::Result<BTreeSet<String>> {
        let automaton = FuzzyTermQuery::new(Term::from_field_text(self.fields.fuzzy, word), edits, true).automaton()?;
        let mut near = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted_index = segment.inverted_index(self.fields.fuzzy)?;
            let mut stream = inverted_index.terms().search(&automaton).into_stream()?;
            while stream.advance() {
                near.insert(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        Ok(near)
    }

    /// Any of a synonym group's phrases in the English fields, or the words
    /// as written (`welsh`) in the Welsh ones.
    fn synonym_query(
        &mut self,
        group: &[Vec<String>],
        welsh: Vec<String>,
        match_terms: &mut MatchTerms,
    ) -> Box<dyn Query> {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = group
            .iter()
            .map(|tokens| {
                match_terms.stemmed.extend(tokens.iter().cloned());
                (Occur::Should, self.exact_query(&Analysed { english: tokens.clone(), welsh: Vec::new() }))
            })
            .collect();
        match_terms.welsh.extend(welsh.iter().cloned());
        alternatives.push((Occur::Should, self.exact_query(&Analysed { english: Vec::new(), welsh })));
        Box::new(BooleanQuery::new(alternatives))
    }

    fn analyse(&mut self, text: &str) -> Analysed {
        Analysed { english: terms(self.stemmed, text), welsh: terms(self.welsh, text) }
    }

    /// Analysed tokens, as a term (one token) or a phrase, in any weighted field.
    ///
    /// A phrase of two words is their pair's term in the field's pair twin
    /// (see `pairs`). A longer one needs every adjacent pair, and positions
    /// are checked only in the documents that have them all and pass the
    /// narrowing query. Each field's phrase is narrowed on its own: the union
    /// of the fields reads its parts in windows of thousands of documents,
    /// so narrowing only the union would still check positions in every window.
    fn exact_query(&self, analysed: &Analysed) -> Box<dyn Query> {
        let english = self.fields.weighted().map(|(field, weight)| (field, weight, analysed.english.as_slice()));
        let welsh = self.fields.welsh_weighted().map(|(field, weight)| (field, weight, analysed.welsh.as_slice()));
        let per_field = english
            .into_iter()
            .chain(welsh)
            .map(|(TextField { words, pairs }, weight, tokens)| {
                let pair = |pair: &[String]| Term::from_field_text(pairs, &pair_term(&pair[0], &pair[1]));
                let query: Box<dyn Query> = match tokens {
                    [] => Box::new(EmptyQuery),
                    [token] => {
                        Box::new(TermQuery::new(Term::from_field_text(words, token), IndexRecordOption::WithFreqs))
                    }
                    [_, _] => Box::new(TermQuery::new(pair(tokens), IndexRecordOption::WithFreqs)),
                    _ => {
                        let all_pairs = tokens
                            .windows(2)
                            .map(|two| {
                                let pair = TermQuery::new(pair(two), IndexRecordOption::Basic);
                                (Occur::Must, Box::new(pair) as Box<dyn Query>)
                            })
                            .collect();
                        let phrase =
                            PhraseQuery::new(tokens.iter().map(|token| Term::from_field_text(words, token)).collect());
                        self.narrowed(Box::new(BooleanQuery::new(vec![
                            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(all_pairs)), 0.0))),
                            (Occur::Must, Box::new(phrase)),
                        ])))
                    }
                };
                (Occur::Should, Box::new(BoostQuery::new(query, weight)) as Box<dyn Query>)
            })
            .collect();
        Box::new(BooleanQuery::new(per_field))
    }

    /// The query, matched only inside the narrowing query, if any (same scores).
    fn narrowed(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        match self.narrowing {
            Some(narrowing) => {
                Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, narrowing.box_clone())]))
            }
            None => query,
        }
    }
}
