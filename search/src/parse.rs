//! Reading what a user typed. Never fails: `"phrases"` and `-exclusions`
//! are recognised, and everything else, however odd (`AND OR`, `title:`,
//! `((((`, `*`, emoji, an unbalanced quote), is taken as plain words.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Plain words, in order.
    pub words: Vec<String>,
    /// Quoted phrases of more than one word.
    pub phrases: Vec<String>,
    /// Words and phrases after `-`.
    pub exclusions: Vec<String>,
}

impl ParsedQuery {
    pub fn has_positive_terms(&self) -> bool {
        !self.words.is_empty() || !self.phrases.is_empty()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        !self.has_positive_terms() && self.exclusions.is_empty()
    }
}

pub fn parse(text: &str) -> ParsedQuery {
    let mut query = ParsedQuery::default();
    let chars: Vec<char> = text.chars().collect();
    let mut position = 0;
    while position < chars.len() {
        let c = chars[position];
        if c.is_whitespace() {
            position += 1;
            continue;
        }
        let excluded = c == '-' && chars.get(position + 1).is_some_and(|next| *next == '"' || next.is_alphanumeric());
        let start = if excluded { position + 1 } else { position };
        if chars.get(start) == Some(&'"') {
            if let Some(length) = chars[start + 1..].iter().position(|c| *c == '"') {
                let phrase: String = chars[start + 1..start + 1 + length].iter().collect();
                let phrase = phrase.trim().to_owned();
                position = start + length + 2;
                if phrase.is_empty() {
                    continue;
                }
                if excluded {
                    query.exclusions.push(phrase);
                } else if phrase.split_whitespace().count() > 1 {
                    query.phrases.push(phrase);
                } else {
                    query.words.push(phrase);
                }
                continue;
            }
            // An unbalanced quote: the rest is plain words.
            position = start + 1;
            continue;
        }
        let length = chars[start..].iter().position(|c| c.is_whitespace() || *c == '"').unwrap_or(chars.len() - start);
        let word: String = chars[start..start + length].iter().collect();
        position = start + length;
        if word.chars().any(char::is_alphanumeric) {
            if excluded {
                query.exclusions.push(word);
            } else {
                query.words.push(word);
            }
        }
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        parse(text).words
    }

    #[test]
    fn phrases_and_exclusions() {
        let query = parse(r#"bin "missed collections" -chatbot -"phone line" sensors"#);
        assert_eq!(query.words, ["bin", "sensors"]);
        assert_eq!(query.phrases, ["missed collections"]);
        assert_eq!(query.exclusions, ["chatbot", "phone line"]);
    }

    #[test]
    fn hostile_syntax_is_plain_words() {
        assert_eq!(words("AND OR"), ["AND", "OR"]);
        assert_eq!(words("title:"), ["title:"]);
        assert!(parse("((((").is_empty());
        assert!(parse("*").is_empty());
        assert!(parse("🦀🦀").is_empty());
        assert_eq!(words(r#"unbalanced "quote here"#), ["unbalanced", "quote", "here"]);
        assert_eq!(words("- lonely dash"), ["lonely", "dash"]);
        assert_eq!(words("well-being"), ["well-being"]);
        assert_eq!(parse(r#""""#), ParsedQuery::default());
    }
}
