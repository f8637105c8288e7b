//! Adjacent pairs of words as terms of their own, so that a two-word phrase
//! is one term lookup instead of a check of positions.
//!
//! Matching a phrase on the words' own fields means reading, in every
//! document that has all its words, where each word occurs. Common words
//! in long bodies made that a fifth of the server's time under load. Each
//! searchable field therefore has a twin indexed with `AdjacentPairs`:
//! "missed bin collections" is indexed there as "miss bin" and "bin
//! collect". A two-word phrase is then exactly one pair term; a longer one
//! is checked by position only in documents that hold all its pairs (see
//! `QueryBuilder::exact_query`).

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The term a pair of analysed words is indexed under.
pub fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// A token filter that turns a stream of words into the stream of pairs of
/// words at adjacent positions. Where a word was dropped (one too long to
/// index), the words on either side do not pair: they were not adjacent.
#[derive(Clone, Copy, Debug, Default)]
pub struct AdjacentPairs;

impl TokenFilter for AdjacentPairs {
    type Tokenizer<T: Tokenizer> = PairsTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        PairsTokenizer(tokenizer)
    }
}

#[derive(Clone)]
pub struct PairsTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for PairsTokenizer<T> {
    type TokenStream<'a> = PairsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairsStream { words: self.0.token_stream(text), previous: None, pair: Token::default() }
    }
}

pub struct PairsStream<T> {
    words: T,
    /// The last word read, and where it was.
    previous: Option<Token>,
    pair: Token,
}

impl<T: TokenStream> TokenStream for PairsStream<T> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let word = self.words.token();
            let paired = match &self.previous {
                Some(previous) if word.position == previous.position + 1 => {
                    self.pair.text.clear();
                    self.pair.text.push_str(&previous.text);
                    self.pair.text.push(' ');
                    self.pair.text.push_str(&word.text);
                    self.pair.position = previous.position;
                    self.pair.offset_from = previous.offset_from;
                    self.pair.offset_to = word.offset_to;
                    true
                }
                _ => false,
            };
            let previous = self.previous.get_or_insert_with(Token::default);
            previous.text.clone_from(&word.text);
            previous.position = word.position;
            previous.offset_from = word.offset_from;
            if paired {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.pair
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.pair
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

    use super::*;

    fn pairs(text: &str) -> Vec<(String, usize)> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(12))
            .filter(LowerCaser)
            .filter(AdjacentPairs)
            .build();
        let mut stream = analyzer.token_stream(text);
        let mut found = Vec::new();
        while let Some(token) = stream.next() {
            found.push((token.text.clone(), token.position));
        }
        found
    }

    #[test]
    fn each_word_pairs_with_the_next() {
        let expected = [("missed bin", 0), ("bin collections", 1)].map(|(text, at)| (text.to_owned(), at));
        assert_eq!(pairs("Missed bin collections"), expected);
    }

    #[test]
    fn one_word_makes_no_pair() {
        assert!(pairs("bins").is_empty());
        assert!(pairs("").is_empty());
    }

    #[test]
    fn words_either_side_of_a_dropped_word_do_not_pair() {
        let expected = [("council tax", 0), ("rebate scheme", 3)].map(|(text, at)| (text.to_owned(), at));
        assert_eq!(pairs("council tax extraordinarily rebate scheme"), expected);
    }
}
