//! Markdown for resource bodies: rendered to HTML that cannot carry a script, and reduced
//! to plain text for the search index.
//!
//! Safety comes from construction rather than from cleaning HTML afterwards: raw HTML in
//! the source is turned into text (so it is escaped like any text), link targets are kept
//! only for `http`, `https`, `mailto` and same-site addresses, and images only from this
//! site (an image from elsewhere would be a third-party request that tells another server
//! who reads what). pulldown-cmark escapes all text and attributes it writes.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// A link target a reader may follow: web, mail, or this site.
fn safe_link(url: &str) -> bool {
    let u = url.trim_start();
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return true;
    }
    // Relative: no scheme before the first `/`, `?` or `#`, and not protocol-relative.
    if u.starts_with("//") || u.starts_with("\\") {
        return false;
    }
    match u.find([':', '/', '?', '#']) {
        Some(i) => u.as_bytes()[i] != b':',
        None => true,
    }
}

/// An image source on this site only.
fn same_site(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
}

/// Renders Markdown to safe HTML.
pub fn to_html(md: &str) -> String {
    let mut in_bad_image = 0usize;
    let events = Parser::new_ext(md, options()).filter_map(|ev| match ev {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if safe_link(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image { dest_url, .. }) if !same_site(&dest_url) => {
            // The alternative text stays, as text.
            in_bad_image += 1;
            None
        }
        Event::End(TagEnd::Image) if in_bad_image > 0 => {
            in_bad_image -= 1;
            None
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    html::push_html(&mut out, events);
    out
}

/// The words of a Markdown text without its markup, for the search index.
pub fn to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markdown_renders() {
        let html = to_html(
            "# Title\n\n*emphasis* and [a link](https://example.org/x) and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<em>emphasis</em>"));
        assert!(html.contains(r#"<a href="https://example.org/x">a link</a>"#));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn no_script_survives() {
        let attacks = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x]( javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
            "![x](https://tracker.example/pixel.png)",
            "![x](//tracker.example/pixel.png)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[x]: javascript:alert(1)\n\n[x]",
            "<svg onload=alert(1)>",
            "`<script>`",
            "<!-- <script> -->",
            "[x](\"onmouseover=alert(1))",
        ];
        for a in attacks {
            let html = to_html(a);
            let lower = html.to_lowercase();
            // Escaped text may mention anything harmlessly; what matters is every tag the
            // renderer wrote.
            for tag in lower.split('<').skip(1).filter_map(|t| t.split('>').next()) {
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '/'])
                    .next()
                    .unwrap_or("");
                assert!(
                    !["script", "img", "iframe", "svg", "object", "embed"].contains(&name),
                    "{a} → {html}"
                );
                for bad in [" on", "javascript:", "vbscript:", "data:", "//tracker"] {
                    assert!(!tag.contains(bad), "{a} → {html}");
                }
            }
        }
    }

    #[test]
    fn same_site_images_stay() {
        let html = to_html("![map](/static/map.png)");
        assert!(
            html.contains(r#"<img src="/static/map.png" alt="map""#),
            "{html}"
        );
    }

    #[test]
    fn relative_and_mail_links_stay() {
        assert!(safe_link("/resources/x"));
        assert!(safe_link("page#part"));
        assert!(safe_link("mailto:info@example.org"));
        assert!(!safe_link("//evil.example"));
        assert!(!safe_link("file:///etc/passwd"));
    }

    #[test]
    fn malformed_markdown_is_still_text() {
        let html = to_html("**unclosed [link]( `tick <b");
        assert!(html.contains("unclosed"));
        assert!(html.contains("&lt;b"));
    }

    #[test]
    fn plain_text_keeps_words_only() {
        let t = to_text("# Заштита\n\n**žrtava** i [link](https://x.org)");
        assert!(t.contains("Заштита"));
        assert!(t.contains("žrtava"));
        assert!(!t.contains("https"));
        assert!(!t.contains("**"));
    }
}
