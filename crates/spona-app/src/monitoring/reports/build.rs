//! What a shadow report says, in its language: the title, who co-signs it, and for each
//! recommendation its number, mechanism and cycle, document, recommending states, the
//! state's response, its text (in the report's language if stored, else the original,
//! marked), the state's status and each participating organisation's assessment with its
//! evidence. Pure: the data is read before, the document written after.

use spona_domain::Locale;
use spona_domain::monitoring::{EvidenceKind, Mechanism, Status};
use spona_i18n::{Arg, Translator, cyr_to_lat};
use spona_store::monitoring::recommendations::Recommendation;
use spona_store::monitoring::report_data::{CurrentAssessment, Participant, ReportData};

use super::document::{Block, Document, Inline};

/// What the report is made of besides the data.
pub struct Input<'a> {
    pub tr: &'a Translator,
    pub locale: Locale,
    /// The title given, or none for the default one.
    pub title: Option<&'a str>,
    pub cosigners: &'a [Participant],
    /// The public address, for links to the hub's resources (`https://spona.example`).
    pub base_url: &'a str,
    /// Today, ISO (`2026-12-06`).
    pub today: &'a str,
}

impl Input<'_> {
    fn t(&self, key: &str) -> String {
        self.tr.t(self.locale, key)
    }

    fn ta(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.tr.t_args(self.locale, key, args)
    }

    /// A name as stored, in Latin letters for Serbian Latin readers.
    fn name(&self, name: &str) -> String {
        match self.locale {
            l if spona_domain::reading::reads_serbian_latin(l) => cyr_to_lat(name),
            _ => name.to_owned(),
        }
    }

    /// An ISO date as the report's language writes it (as given when it is not one).
    fn date(&self, iso: &str) -> String {
        let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
        match (parts.as_slice(), self.locale) {
            ([_, _, _], Locale::En) => iso.to_owned(),
            ([y, m, d], l) => crate::dates::write_date(l, *y as i32, *m, *d),
            _ => iso.to_owned(),
        }
    }

    fn status(&self, s: Status) -> String {
        self.t(&format!("mon-rep-status-{}", s.as_str()))
    }

    fn state_name(&self, code: &str) -> String {
        let key = format!("country-{code}");
        if self.tr.has(self.locale, &key) {
            self.t(&key)
        } else {
            self.name(code)
        }
    }
}

/// The report as a document.
pub fn build(data: &ReportData, input: &Input<'_>) -> Document {
    let title = match input.title.map(str::trim) {
        Some(t) if !t.is_empty() => t.to_owned(),
        _ => input.t("mon-rep-doc-default-title"),
    };
    let mut blocks = vec![
        Block::Heading(1, title.clone()),
        Block::Para(vec![Inline::Text(input.ta(
            "mon-rep-doc-intro",
            &[
                ("date", Arg::Str(&input.date(input.today))),
                ("count", Arg::Num(data.recommendations.len() as i64)),
            ],
        ))]),
        Block::Heading(2, input.t("mon-rep-doc-cosigners")),
    ];
    if input.cosigners.is_empty() {
        blocks.push(Block::Para(vec![Inline::Emph(
            input.t("mon-rep-doc-no-cosigners"),
        )]));
    }
    for o in input.cosigners {
        blocks.push(Block::Item(vec![Inline::Text(input.name(&o.name))]));
    }
    let mut recs: Vec<&Recommendation> = data.recommendations.iter().collect();
    recs.sort_by_cached_key(|r| order_key(r));
    for r in recs {
        recommendation(&mut blocks, r, data, input);
    }
    Document {
        title,
        locale: input.locale,
        date: input.today.to_owned(),
        blocks,
    }
}

/// Mechanism, cycle, document, then the paragraph number as numbers (`131.4` before
/// `131.12`).
fn order_key(r: &Recommendation) -> (usize, String, String, Vec<(u64, String)>) {
    let mechanism = Mechanism::ALL
        .iter()
        .position(|m| *m == r.mechanism)
        .unwrap_or(usize::MAX);
    let paragraph = r
        .paragraph
        .split('.')
        .map(|p| (p.trim().parse().unwrap_or(u64::MAX), p.to_owned()))
        .collect();
    (mechanism, r.cycle.clone(), r.symbol.clone(), paragraph)
}

/// The text in the report's language when stored (Serbian in the report's script), else
/// the original with the language it is in.
pub fn text_for(r: &Recommendation, locale: Locale) -> (String, Option<String>) {
    let wanted = locale.language();
    let primary = |lang: &str| lang.split('-').next().unwrap_or_default().to_owned();
    if let Some((_, text)) = r.texts.iter().find(|(l, _)| primary(l) == wanted) {
        let text = match locale {
            l if spona_domain::reading::reads_serbian_latin(l) => cyr_to_lat(text),
            _ => text.clone(),
        };
        return (text, None);
    }
    let original = r
        .texts
        .iter()
        .find(|(l, _)| *l == r.text_lang)
        .or_else(|| r.texts.first());
    match original {
        Some((lang, text)) => (text.clone(), Some(lang.clone())),
        None => (String::new(), Some(r.text_lang.clone())),
    }
}

fn labelled(input: &Input<'_>, key: &str, value: String) -> Block {
    Block::Para(vec![
        Inline::Strong(format!("{}: ", input.t(key))),
        Inline::Text(value),
    ])
}

/// Each line of a text as its own paragraph.
fn lines(blocks: &mut Vec<Block>, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        blocks.push(Block::Para(vec![Inline::Text(line.to_owned())]));
    }
}

fn recommendation(
    blocks: &mut Vec<Block>,
    r: &Recommendation,
    data: &ReportData,
    input: &Input<'_>,
) {
    let mut heading = format!(
        "{} · {}",
        r.paragraph,
        input.t(&format!("mon-rep-mech-{}", r.mechanism.as_str()))
    );
    if !r.cycle.is_empty() {
        heading.push_str(&format!(
            ", {}",
            input.ta("mon-rep-doc-cycle", &[("cycle", Arg::Str(&r.cycle))])
        ));
    }
    blocks.push(Block::Heading(2, heading));
    if !r.symbol.is_empty() {
        blocks.push(labelled(input, "mon-rep-doc-symbol", r.symbol.clone()));
    }
    if !r.states.is_empty() {
        let states: Vec<String> = r.states.iter().map(|s| input.state_name(s)).collect();
        blocks.push(labelled(input, "mon-rep-doc-states", states.join(", ")));
    }
    if let Some(resp) = r.response {
        blocks.push(labelled(
            input,
            "mon-rep-doc-response",
            input.t(&format!("mon-rep-response-{}", resp.as_str())),
        ));
    }
    let (text, original) = text_for(r, input.locale);
    if let Some(lang) = original {
        let key = format!("lang-{lang}");
        let lang = if input.tr.has(input.locale, &key) {
            input.t(&key)
        } else {
            lang
        };
        blocks.push(Block::Para(vec![Inline::Emph(
            input.ta("mon-rep-doc-original", &[("lang", Arg::Str(&lang))]),
        )]));
    }
    lines(blocks, &text);

    let mine: Vec<&CurrentAssessment> = data
        .assessments
        .iter()
        .filter(|a| a.recommendation_id == r.id.as_str())
        .collect();
    let state = mine.iter().find(|a| a.org_id.is_none());
    blocks.push(Block::Heading(3, input.t("mon-rep-doc-state-status")));
    match state {
        Some(a) => assessment(blocks, a, None, input),
        None => blocks.push(Block::Para(vec![Inline::Emph(
            input.t("mon-rep-doc-no-state"),
        )])),
    }
    blocks.push(Block::Heading(3, input.t("mon-rep-doc-csos")));
    let csos: Vec<&&CurrentAssessment> = mine.iter().filter(|a| a.org_id.is_some()).collect();
    if csos.is_empty() {
        blocks.push(Block::Para(vec![Inline::Emph(
            input.t("mon-rep-doc-no-csos"),
        )]));
    }
    for a in csos {
        assessment(blocks, a, Some(state.map(|s| s.status)), input);
    }
}

/// One assessment: who (an organisation's), its status and date, its comment, its
/// evidence. `state` is the state's status beside an organisation's (`Some(None)`: none).
fn assessment(
    blocks: &mut Vec<Block>,
    a: &CurrentAssessment,
    state: Option<Option<Status>>,
    input: &Input<'_>,
) {
    let mut head = Vec::new();
    if let Some(name) = &a.org_name {
        head.push(Inline::Strong(format!("{}: ", input.name(name))));
    }
    head.push(Inline::Strong(input.status(a.status)));
    head.push(Inline::Text(format!(
        " ({})",
        input.ta(
            "mon-rep-doc-assessed-on",
            &[("date", Arg::Str(&input.date(&a.assessed_on)))]
        )
    )));
    if let Some(Some(s)) = state
        && s != a.status
    {
        head.push(Inline::Emph(format!(
            " — {}",
            input.ta(
                "mon-rep-doc-differs",
                &[("status", Arg::Str(&input.status(s)))]
            )
        )));
    }
    blocks.push(Block::Para(head));
    lines(blocks, &a.comment);
    if a.evidence.is_empty() {
        return;
    }
    blocks.push(Block::Para(vec![Inline::Strong(
        input.t("mon-rep-doc-evidence"),
    )]));
    for e in &a.evidence {
        let label = if e.label.trim().is_empty() {
            e.target.clone()
        } else {
            e.label.clone()
        };
        let item = match e.kind {
            EvidenceKind::Link => Inline::link(label, &e.target),
            EvidenceKind::Resource => Inline::link(
                format!("{} ({})", label, input.t("mon-rep-doc-evidence-resource")),
                &format!(
                    "{}/{}/resources/{}",
                    input.base_url.trim_end_matches('/'),
                    input.locale.tag(),
                    e.target
                ),
            ),
            EvidenceKind::Document => Inline::Text(format!(
                "{} ({})",
                label,
                input.t("mon-rep-doc-evidence-document")
            )),
        };
        blocks.push(Block::Item(vec![item]));
    }
}
