//! A final version as a document: the title, the text paragraph by paragraph, the
//! signatories of the current edition with their dates, and the version and hash line —
//! written by the shadow reports' ODT writer (`monitoring::reports::odt`) and, when
//! LibreOffice is on the machine, converted to PDF by the same converter.

use spona_domain::Locale;
use spona_domain::joint_text::paragraphs;
use spona_store::joint_texts::Version;

use super::TextView;
use crate::monitoring::reports::document::{Block, Document, Inline};
use crate::monitoring::reports::{odt as odt_writer, pdf as pdf_writer};

/// The words the document uses, in the reader's language (the web layer translates them).
#[derive(Debug, Clone, Default)]
pub struct DocLabels {
    /// The text's kind ("Declaration").
    pub kind: String,
    /// "Signatories".
    pub signatories: String,
    /// "Final version 3 · SHA-256 …" (already filled in).
    pub version_line: String,
    /// "No organisation has signed this version yet."
    pub none: String,
}

/// The locale a variant's document is tagged with (Serbian in Cyrillic when its title is).
fn locale_of(v: &Version) -> Locale {
    match v.lang.as_str() {
        "sr" if v
            .title
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) =>
        {
            Locale::SrCyrl
        }
        other => spona_domain::reading::locale_of_language(other).unwrap_or(Locale::En),
    }
}

/// The final `v` of the text in `view` as a document.
pub fn document(view: &TextView, v: &Version, labels: &DocLabels) -> Document {
    let mut blocks = vec![
        Block::Heading(1, v.title.clone()),
        Block::Para(vec![Inline::Emph(labels.kind.clone())]),
    ];
    for p in paragraphs(&v.body) {
        blocks.push(Block::Para(vec![Inline::Text(p)]));
    }
    blocks.push(Block::Heading(2, labels.signatories.clone()));
    let signed = view.current_signatories();
    if signed.is_empty() {
        blocks.push(Block::Para(vec![Inline::Text(labels.none.clone())]));
    }
    for s in signed {
        blocks.push(Block::Item(vec![
            Inline::Strong(s.sig.org_name.clone()),
            Inline::Text(format!(" — {}", s.sig.signed_on)),
        ]));
    }
    blocks.push(Block::Para(vec![Inline::Emph(labels.version_line.clone())]));
    Document {
        title: v.title.clone(),
        locale: locale_of(v),
        date: spona_domain::trial::today(v.frozen_at.unwrap_or(v.created_at)),
        blocks,
    }
}

/// The document as an ODT file.
pub fn odt(doc: &Document) -> anyhow::Result<Vec<u8>> {
    odt_writer::write(doc)
}

/// The document as PDF (none when the machine has no converter).
pub async fn pdf(doc: &Document) -> Option<anyhow::Result<Vec<u8>>> {
    pdf_writer::converter()?;
    Some(match odt(doc) {
        Ok(bytes) => pdf_writer::from_odt(bytes).await,
        Err(e) => Err(e),
    })
}
