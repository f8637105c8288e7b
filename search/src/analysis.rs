//! Text analysis: one pipeline for indexing and querying, so both sides
//! always agree on what a word is.
//!
//! - `casebook`: words, lower-cased, accents folded, British spelling,
//!   English stemming. Used by every searchable text field.
//! - `casebook_raw`: the same without stemming, for the typo-tolerant
//!   (fuzzy) field: edit distances are measured on real words, not stems.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};

use crate::rewrite::Rewriting;
use crate::spelling::BritishSpelling;
use crate::stemming::MemoStemmer;

pub const STEMMED: &str = "casebook";
pub const RAW: &str = "casebook_raw";

pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Rewriting(BritishSpelling))
        .filter(Rewriting(MemoStemmer::default()))
        .build()
}

pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Rewriting(BritishSpelling))
        .build()
}

pub fn register(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed_analyzer());
    index.tokenizers().register(RAW, raw_analyzer());
}

/// A token of analysed text with its byte range in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysed {
    pub text: String,
    pub from: usize,
    pub to: usize,
}

pub fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Analysed> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(Analysed { text: token.text.clone(), from: token.offset_from, to: token.offset_to });
    }
    tokens
}

pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyse(analyzer, text).into_iter().map(|token| token.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_inflections_meet_after_analysis() {
        let mut analyzer = stemmed_analyzer();
        assert_eq!(terms(&mut analyzer, "Organization"), terms(&mut analyzer, "organisations"));
        assert_eq!(terms(&mut analyzer, "optimized"), terms(&mut analyzer, "Optimising"));
        assert_eq!(terms(&mut analyzer, "recycling"), terms(&mut analyzer, "recycled"));
        assert_eq!(terms(&mut analyzer, "Café"), terms(&mut analyzer, "cafe"));
        assert!(terms(&mut analyzer, "🦀 ((((").is_empty());
    }
}
