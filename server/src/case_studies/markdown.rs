//! Markdown to sanitised HTML. pulldown-cmark renders (raw HTML passes
//! through it), then ammonia removes everything not on its allow-list:
//! scripts, event handlers, `javascript:` and other non-web URLs, styles.

use pulldown_cmark::{Options, Parser, html};

pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_markdown() {
        assert_eq!(render("## Hello\n\n*world*"), "<h2>Hello</h2>\n<p><em>world</em></p>\n");
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_links() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(1)\">x</a> <svg onload=alert(1)></svg>",
        );
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{html}");
        assert!(!lower.contains("onerror"), "{html}");
        assert!(!lower.contains("onload"), "{html}");
        assert!(!lower.contains("javascript:"), "{html}");
    }
}
