//! The shape of our own token filters: each token's text rewritten on its
//! own (British spelling, remembered stems). `Rewriting` makes any `Rewrite`
//! a Tantivy `TokenFilter`; the rewriter's state lives in the analyser.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Rewrites one token's text in place.
pub trait Rewrite: Clone + Send + Sync + 'static {
    fn rewrite(&mut self, word: &mut String);
}

/// The token filter of a `Rewrite`.
#[derive(Clone, Debug, Default)]
pub struct Rewriting<R>(pub R);

impl<R: Rewrite> TokenFilter for Rewriting<R> {
    type Tokenizer<T: Tokenizer> = RewritingTokenizer<T, R>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        RewritingTokenizer { inner: tokenizer, rewriter: self.0 }
    }
}

#[derive(Clone)]
pub struct RewritingTokenizer<T, R> {
    inner: T,
    rewriter: R,
}

impl<T: Tokenizer, R: Rewrite> Tokenizer for RewritingTokenizer<T, R> {
    type TokenStream<'a> = RewritingStream<'a, T::TokenStream<'a>, R>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RewritingStream { tail: self.inner.token_stream(text), rewriter: &mut self.rewriter }
    }
}

pub struct RewritingStream<'a, T, R> {
    tail: T,
    rewriter: &'a mut R,
}

impl<T: TokenStream, R: Rewrite> TokenStream for RewritingStream<'_, T, R> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.rewriter.rewrite(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
