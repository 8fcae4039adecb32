//! A [`Document`] as OpenDocument Text (ODF 1.3): a zip whose first part is `mimetype`,
//! stored, then `content.xml`, `styles.xml`, `meta.xml` and `META-INF/manifest.xml`. The XML
//! is written by hand with [`xml_text`] escaping every value: the vocabulary is small and
//! fixed, and no ODF crate is kept up (see the lane's notes).

use super::document::{Block, Document, Inline, lang_parts, xml_text, zip_package};

pub const MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.text";

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3""#;

/// The document as an `.odt` file.
pub fn write(doc: &Document) -> anyhow::Result<Vec<u8>> {
    zip_package(
        &[
            ("mimetype", MEDIA_TYPE.as_bytes().to_vec()),
            ("content.xml", content(doc).into_bytes()),
            ("styles.xml", styles(doc).into_bytes()),
            ("meta.xml", meta(doc).into_bytes()),
            ("META-INF/manifest.xml", manifest().into_bytes()),
        ],
        true,
    )
}

fn runs(out: &mut String, runs: &[Inline]) {
    for r in runs {
        match r {
            Inline::Text(t) => out.push_str(&xml_text(t)),
            Inline::Strong(t) => {
                out.push_str(r#"<text:span text:style-name="T1">"#);
                out.push_str(&xml_text(t));
                out.push_str("</text:span>");
            }
            Inline::Emph(t) => {
                out.push_str(r#"<text:span text:style-name="T2">"#);
                out.push_str(&xml_text(t));
                out.push_str("</text:span>");
            }
            Inline::Link { text, href } => {
                out.push_str(&format!(
                    r#"<text:a xlink:type="simple" xlink:href="{}">"#,
                    xml_text(href)
                ));
                out.push_str(&xml_text(text));
                out.push_str("</text:a>");
            }
        }
    }
}

fn content(doc: &Document) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style><text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.25in" fo:margin-left="0.5in"/></style:list-level-properties></text:list-level-style-bullet></text:list-style></office:automatic-styles><office:body><office:text>"#
    );
    let mut in_list = false;
    for b in &doc.blocks {
        let item = matches!(b, Block::Item(_));
        if in_list && !item {
            out.push_str("</text:list>");
        }
        if item && !in_list {
            out.push_str(r#"<text:list text:style-name="L1">"#);
        }
        in_list = item;
        match b {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 3);
                let style = format!("Heading_20_{level}");
                out.push_str(&format!(
                    r#"<text:h text:style-name="{style}" text:outline-level="{level}">{}</text:h>"#,
                    xml_text(text)
                ));
            }
            Block::Para(r) => {
                out.push_str(r#"<text:p text:style-name="Text_20_body">"#);
                runs(&mut out, r);
                out.push_str("</text:p>");
            }
            Block::Item(r) => {
                out.push_str(r#"<text:list-item><text:p text:style-name="List_20_Paragraph">"#);
                runs(&mut out, r);
                out.push_str("</text:p></text:list-item>");
            }
        }
    }
    if in_list {
        out.push_str("</text:list>");
    }
    out.push_str("</office:text></office:body></office:document-content>");
    out
}

fn styles(doc: &Document) -> String {
    let (lang, country, script) = lang_parts(doc.locale);
    let script = script
        .map(|s| format!(r#" style:script-type="latin" fo:script="{s}""#))
        .unwrap_or_default();
    let para = |name: &str, display: &str, extra: &str| {
        format!(
            r#"<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" style:parent-style-name="Standard">{extra}</style:style>"#
        )
    };
    let heading = |name: &str, display: &str, level: u8, size: &str| {
        format!(
            r#"<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="{level}"><style:paragraph-properties fo:margin-top="0.17in" fo:margin-bottom="0.08in" fo:keep-with-next="always"/><style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:font-face-decls/><office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif', 'Times New Roman', serif" fo:font-size="12pt" fo:language="{lang}" fo:country="{country}"{script}/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/>{}{}{}{}{}</office:styles></office:document-styles>"#,
        para(
            "Text_20_body",
            "Text body",
            r#"<style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0.1in"/>"#
        ),
        para("List_20_Paragraph", "List Paragraph", ""),
        heading("Heading_20_1", "Heading 1", 1, "20pt"),
        heading("Heading_20_2", "Heading 2", 2, "15pt"),
        heading("Heading_20_3", "Heading 3", 3, "13pt"),
    )
}

fn meta(doc: &Document) -> String {
    let (lang, country, _) = lang_parts(doc.locale);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta><meta:generator>Spona</meta:generator><dc:title>{}</dc:title><dc:language>{lang}-{country}</dc:language><dc:date>{}T00:00:00</dc:date><meta:creation-date>{}T00:00:00</meta:creation-date></office:meta></office:document-meta>"#,
        xml_text(&doc.title),
        xml_text(&doc.date),
        xml_text(&doc.date),
    )
}

fn manifest() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MEDIA_TYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
    )
}
