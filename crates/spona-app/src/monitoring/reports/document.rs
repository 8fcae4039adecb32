//! A report as a plain document: headings, paragraphs and bulleted items made of text, strong
//! and emphasised runs and links. The ODT and DOCX writers turn the same document into their
//! formats, so what a report says is decided once (in `build`).

use std::io::Write;

use spona_domain::Locale;

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emph(String),
    /// A hyperlink; only `http`/`https` addresses become one (see [`Inline::link`]).
    Link {
        text: String,
        href: String,
    },
}

impl Inline {
    /// A link when `href` is a web address, plain text otherwise (a document must not
    /// carry `javascript:` or `file:` links from what someone typed).
    pub fn link(text: impl Into<String>, href: &str) -> Inline {
        let text = text.into();
        match url::Url::parse(href) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => Inline::Link {
                text,
                href: u.to_string(),
            },
            _ => Inline::Text(text),
        }
    }
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1 (the title), 2 or 3.
    Heading(u8, String),
    Para(Vec<Inline>),
    /// An item of a bulleted list; consecutive items form one list.
    Item(Vec<Inline>),
}

/// A whole document in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub locale: Locale,
    /// ISO date it was made (`2026-12-06`).
    pub date: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Every piece of text in order (for tests and the audit's summary).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Heading(_, t) => out.push_str(t),
                Block::Para(runs) | Block::Item(runs) => {
                    for r in runs {
                        match r {
                            Inline::Text(t) | Inline::Strong(t) | Inline::Emph(t) => {
                                out.push_str(t)
                            }
                            Inline::Link { text, .. } => out.push_str(text),
                        }
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

/// The language of a locale as documents tag it: language, country and script (ODF's
/// `fo:language`, `fo:country`, `fo:script`; OOXML's `w:lang`).
pub(super) fn lang_parts(locale: Locale) -> (&'static str, &'static str, Option<&'static str>) {
    match locale {
        Locale::En => ("en", "GB", None),
        Locale::SrLatn => ("sr", "RS", Some("Latn")),
        Locale::SrCyrl => ("sr", "RS", Some("Cyrl")),
        Locale::Uk => ("uk", "UA", None),
        Locale::Sq => ("sq", "AL", None),
        Locale::Mk => ("mk", "MK", None),
        Locale::Bs => ("bs", "BA", Some("Latn")),
        Locale::Hr => ("hr", "HR", None),
        Locale::Cnr => ("cnr", "ME", Some("Latn")),
    }
}

/// Text for XML content and attribute values: the five special characters escaped and the
/// characters XML 1.0 forbids (controls other than tab, line feed and carriage return;
/// U+FFFE, U+FFFF) dropped, so that nothing a person typed can break the document.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A zip package: each part `(name, bytes)` in the order given; the first is stored
/// uncompressed when `first_stored` (ODF's `mimetype`), the rest deflated.
pub(super) fn zip_package(
    parts: &[(&str, Vec<u8>)],
    first_stored: bool,
) -> anyhow::Result<Vec<u8>> {
    use zip::CompressionMethod;
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, bytes)) in parts.iter().enumerate() {
        let method = if i == 0 && first_stored {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_and_drops_what_xml_forbids() {
        assert_eq!(
            xml_text("a<b & \"c\" 'd'>\u{1}\u{8}\tе\u{FFFF}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\tе"
        );
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(matches!(
            Inline::link("x", "https://example.org/a?b=1"),
            Inline::Link { .. }
        ));
        assert_eq!(
            Inline::link("x", "javascript:alert(1)"),
            Inline::Text("x".into())
        );
        assert_eq!(Inline::link("x", "not a url"), Inline::Text("x".into()));
    }

    #[test]
    fn the_first_part_is_stored_and_named_first() {
        let zip = zip_package(
            &[
                ("mimetype", b"application/x".to_vec()),
                ("a.xml", b"<a/>".to_vec()),
            ],
            true,
        )
        .expect("zip");
        // A local file header: signature, version, flags, then the method (0 = stored).
        assert_eq!(&zip[0..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([zip[8], zip[9]]), 0);
        assert_eq!(&zip[30..38], b"mimetype");
        assert_eq!(
            &zip[38..51],
            b"application/x",
            "no extra field before the data"
        );
    }
}
