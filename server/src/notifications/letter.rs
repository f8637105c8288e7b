//! A notification's words, made into an email's plain text and HTML.

use super::site::Site;
use crate::i18n::Locale;

/// What a notification says: a subject, paragraphs, and where to act.
#[derive(Clone, Debug)]
pub struct Letter {
    pub subject: String,
    pub paragraphs: Vec<String>,
    /// The label and path (`/moderation`) of the one thing to do next.
    pub action: (String, String),
}

impl Letter {
    pub fn new(subject: impl Into<String>, action_label: impl Into<String>, path: impl Into<String>) -> Self {
        Letter { subject: subject.into(), paragraphs: Vec::new(), action: (action_label.into(), path.into()) }
    }

    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        self.paragraphs.push(text.into());
        self
    }

    /// The plain text: paragraphs, the link, and the footer.
    pub fn text(&self, site: &Site, footer: &str) -> String {
        let mut text = self.paragraphs.join("\n\n");
        text.push_str(&format!("\n\n{}: {}\n\n-- \n{footer}\n", self.action.0, site.link(&self.action.1)));
        text
    }

    /// The HTML alternative: the same words, escaped, in `locale`'s `lang`.
    pub fn html(&self, site: &Site, footer: &str, locale: Locale) -> String {
        let mut html = format!("<!doctype html><html lang=\"{}\"><body>", locale.html_lang());
        for paragraph in &self.paragraphs {
            html.push_str(&format!("<p>{}</p>", escape(paragraph).replace('\n', "<br>")));
        }
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p><hr><p><small>{}</small></p></body></html>",
            escape(&site.link(&self.action.1)),
            escape(&self.action.0),
            escape(footer)
        ));
        html
    }
}

/// Text made safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_leaves_no_markup_and_keeps_the_words() {
        assert_eq!(
            super::escape(r#"<b>"Tom" & 'Jerry'</b> / ok"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; / ok"
        );
    }
}
