//! The index schema: per-language text fields, facet fields, audience.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::Lang;
use crate::analysis::SponaTokenizer;

/// Bump when the schema or the analysis changes (3: word pairs in the stemmed fields;
/// 4: Albanian and Macedonian fields, BCMS yat folding, joined words, no pairs across a
/// sentence end): an index written with another version
/// is recreated on open (and the caller reindexes).
pub const SCHEMA_VERSION: u32 = 4;

/// Boosts of the text fields: a word in the title weighs most.
pub const TITLE_BOOST: f32 = 3.0;
pub const SUMMARY_BOOST: f32 = 1.5;
pub const BODY_BOOST: f32 = 1.0;
pub const ATTACHMENTS_BOOST: f32 = 0.5;

/// The text fields of one language.
#[derive(Clone, Copy, Debug)]
pub struct LangFields {
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub attachments: Field,
    /// Folded, unstemmed words of title, summary and body (prefix matching).
    pub words: Field,
}

impl LangFields {
    /// The stemmed text fields with their boosts.
    pub fn weighted(&self) -> [(Field, f32); 4] {
        [
            (self.title, TITLE_BOOST),
            (self.summary, SUMMARY_BOOST),
            (self.body, BODY_BOOST),
            (self.attachments, ATTACHMENTS_BOOST),
        ]
    }
}

/// Every field of the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub theme: Field,
    pub lang: Field,
    pub country: Field,
    pub audience: Field,
    pub updated_at: Field,
    pub langs: [LangFields; Lang::COUNT],
}

/// Fast-field names used by the collector.
pub const KIND: &str = "kind";
pub const THEME: &str = "theme";
pub const LANG: &str = "lang";
pub const COUNTRY: &str = "country";
pub const UPDATED_AT: &str = "updated_at";
pub const AUDIENCE: &str = "audience";

pub fn stemmed_tokenizer_name(lang: Lang) -> String {
    format!("spona_{}", lang.as_str())
}

pub fn folded_tokenizer_name(lang: Lang) -> String {
    format!("spona_{}_folded", lang.as_str())
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let kind = b.add_text_field(KIND, STRING | FAST);
    let theme = b.add_text_field(THEME, STRING | FAST);
    let lang = b.add_text_field(LANG, STRING | FAST | STORED);
    let country = b.add_text_field(COUNTRY, STRING | FAST);
    let audience = b.add_text_field(AUDIENCE, STRING | FAST);
    let updated_at = b.add_i64_field(UPDATED_AT, INDEXED | FAST);
    let langs = Lang::ALL.map(|l| {
        let stemmed = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&stemmed_tokenizer_name(l))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let folded = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&folded_tokenizer_name(l))
                .set_index_option(IndexRecordOption::Basic),
        );
        let s = l.as_str();
        LangFields {
            title: b.add_text_field(&format!("title_{s}"), stemmed.clone()),
            summary: b.add_text_field(&format!("summary_{s}"), stemmed.clone()),
            body: b.add_text_field(&format!("body_{s}"), stemmed.clone()),
            attachments: b.add_text_field(&format!("attachments_{s}"), stemmed),
            words: b.add_text_field(&format!("words_{s}"), folded),
        }
    });
    let fields = Fields {
        id,
        kind,
        theme,
        lang,
        country,
        audience,
        updated_at,
        langs,
    };
    (b.build(), fields)
}

/// Registers the analysers on an index (they are not stored in it).
pub fn register_tokenizers(index: &tantivy::Index) {
    for l in Lang::ALL {
        index.tokenizers().register(
            &stemmed_tokenizer_name(l),
            SponaTokenizer::stemmed_with_pairs(l),
        );
        index
            .tokenizers()
            .register(&folded_tokenizer_name(l), SponaTokenizer::folded(l));
    }
}
