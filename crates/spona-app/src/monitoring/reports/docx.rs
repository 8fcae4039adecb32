//! A [`Document`] as Office Open XML WordprocessingML (`.docx`): the minimal valid package,
//! `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/styles.xml`,
//! `word/_rels/document.xml.rels` (the styles and each link's address) and
//! `docProps/core.xml` (title, language). Written by hand like the ODT (see `odt`).

use super::document::{Block, Document, Inline, lang_parts, xml_text, zip_package};

pub const MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The document as a `.docx` file.
pub fn write(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let mut links: Vec<String> = Vec::new();
    let body = body(doc, &mut links);
    zip_package(
        &[
            ("[Content_Types].xml", content_types().into_bytes()),
            ("_rels/.rels", package_rels().into_bytes()),
            ("word/document.xml", body.into_bytes()),
            ("word/styles.xml", styles(doc).into_bytes()),
            (
                "word/_rels/document.xml.rels",
                document_rels(&links).into_bytes(),
            ),
            ("docProps/core.xml", core(doc).into_bytes()),
        ],
        false,
    )
}

fn run(out: &mut String, props: &str, text: &str) {
    out.push_str("<w:r>");
    if !props.is_empty() {
        out.push_str(&format!("<w:rPr>{props}</w:rPr>"));
    }
    out.push_str(&format!(
        r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
        xml_text(text)
    ));
}

fn runs(out: &mut String, inlines: &[Inline], links: &mut Vec<String>) {
    for r in inlines {
        match r {
            Inline::Text(t) => run(out, "", t),
            Inline::Strong(t) => run(out, "<w:b/>", t),
            Inline::Emph(t) => run(out, "<w:i/>", t),
            Inline::Link { text, href } => {
                links.push(href.clone());
                // rId1 is the styles part; links follow from rId2.
                out.push_str(&format!(
                    r#"<w:hyperlink r:id="rId{}" w:history="1">"#,
                    links.len() + 1
                ));
                run(out, r#"<w:rStyle w:val="Hyperlink"/>"#, text);
                out.push_str("</w:hyperlink>");
            }
        }
    }
}

fn body(doc: &Document, links: &mut Vec<String>) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>"#
    );
    for b in &doc.blocks {
        match b {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 3);
                out.push_str(&format!(
                    r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>"#
                ));
                run(&mut out, "", text);
                out.push_str("</w:p>");
            }
            Block::Para(r) => {
                out.push_str("<w:p>");
                runs(&mut out, r, links);
                out.push_str("</w:p>");
            }
            Block::Item(r) => {
                // A bullet without a numbering part: the style indents, the run draws it.
                out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>"#);
                run(&mut out, "", "•\u{a0}");
                runs(&mut out, r, links);
                out.push_str("</w:p>");
            }
        }
    }
    out.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    out
}

fn styles(doc: &Document) -> String {
    let (lang, country, _) = lang_parts(doc.locale);
    let heading = |level: u8, size: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif" w:eastAsia="Liberation Serif"/><w:sz w:val="24"/><w:lang w:val="{lang}-{country}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>"#,
        heading(1, 40),
        heading(2, 30),
        heading(3, 26),
    )
}

fn content_types() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{MEDIA_TYPE}.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
    )
}

fn package_rels() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PR}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

fn document_rels(links: &[String]) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PR}"><Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>"#
    );
    for (i, href) in links.iter().enumerate() {
        out.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{R}/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 2,
            xml_text(href)
        ));
    }
    out.push_str("</Relationships>");
    out
}

fn core(doc: &Document) -> String {
    let (lang, country, _) = lang_parts(doc.locale);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:language>{lang}-{country}</dc:language><dc:creator>Spona</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{}T00:00:00Z</dcterms:created></cp:coreProperties>"#,
        xml_text(&doc.title),
        xml_text(&doc.date),
    )
}
