use std::io::Read;

use spona_domain::Locale;
use spona_domain::ids::RecommendationId;
use spona_domain::monitoring::{EvidenceKind, Mechanism, Response, Status};
use spona_i18n::{Strings, Translator};
use spona_store::monitoring::recommendations::Recommendation;
use spona_store::monitoring::report_data::{CurrentAssessment, Evidence, Participant, ReportData};

use super::build::{Input, build, text_for};
use super::document::{Block, Inline};
use super::{docx, odt};

const EN: &str = "mon-rep-doc-default-title = Shadow report
mon-rep-doc-intro = Made on { $date }: { $count } recommendations.
mon-rep-doc-cosigners = Co-signing organisations
mon-rep-doc-no-cosigners = Nobody co-signs.
mon-rep-mech-upr = Universal Periodic Review
mon-rep-doc-cycle = cycle { $cycle }
mon-rep-doc-symbol = Document
mon-rep-doc-states = Recommending states
mon-rep-doc-response = Response
mon-rep-response-supported = supported
mon-rep-doc-original = Original text ({ $lang })
mon-rep-doc-state-status = The state's status
mon-rep-doc-no-state = Not reported.
mon-rep-doc-csos = Civil society
mon-rep-doc-no-csos = No assessment.
mon-rep-status-partially = partially implemented
mon-rep-status-not-started = not started
mon-rep-doc-assessed-on = on { $date }
mon-rep-doc-differs = the state says { $status }
mon-rep-doc-evidence = Evidence
mon-rep-doc-evidence-resource = resource
mon-rep-doc-evidence-document = document
";
const SR: &str =
    "mon-rep-doc-default-title = Извештај из сенке\nmon-rep-status-partially = делимично\n";

fn tr() -> Translator {
    Translator::with(&[Strings {
        en: EN,
        sr_cyrl: SR,
        uk: "",
        sq: "",
        mk: "",
        bcms: "",
    }])
    .expect("strings")
}

fn rec(id: &str, paragraph: &str, texts: &[(&str, &str)]) -> Recommendation {
    Recommendation {
        id: RecommendationId::from(id.to_owned()),
        mechanism: Mechanism::Upr,
        body: None,
        cycle: "2".into(),
        symbol: "A/HRC/23/15".into(),
        paragraph: paragraph.into(),
        country: "RS".into(),
        published_on: None,
        response: Some(Response::Supported),
        text_lang: "en".into(),
        texts: texts
            .iter()
            .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
            .collect(),
        states: vec!["NO".into()],
        terms: Vec::new(),
        created_at: 0,
        updated_at: 0,
    }
}

fn assessment(rec: &str, org: Option<&str>, status: Status) -> CurrentAssessment {
    CurrentAssessment {
        id: format!("a-{rec}-{}", org.unwrap_or("state")),
        recommendation_id: rec.into(),
        org_id: org.map(str::to_owned),
        org_name: org.map(str::to_owned),
        status,
        assessed_on: "2026-03-01".into(),
        comment: "First line\n\nSecond <line>".into(),
        comment_lang: Some("en".into()),
        signature: None,
        evidence: vec![
            Evidence {
                kind: EvidenceKind::Link,
                target: "https://example.org/report?a=1&b=2".into(),
                label: "Monitoring report".into(),
            },
            Evidence {
                kind: EvidenceKind::Link,
                target: "javascript:alert(1)".into(),
                label: "Not a link".into(),
            },
        ],
    }
}

fn data() -> ReportData {
    ReportData {
        recommendations: vec![
            rec("r12", "131.12", &[("en", "Twelfth")]),
            rec(
                "r4",
                "131.4",
                &[("en", "Establish a body"), ("sr", "Основати тело")],
            ),
        ],
        assessments: vec![
            assessment("r4", None, Status::Partially),
            assessment("r4", Some("Атина"), Status::NotStarted),
        ],
    }
}

fn input<'a>(tr: &'a Translator, locale: Locale, cosigners: &'a [Participant]) -> Input<'a> {
    Input {
        tr,
        locale,
        title: None,
        cosigners,
        base_url: "https://spona.example",
        today: "2026-12-06",
    }
}

fn headings(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(2, t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn recommendations_come_in_paragraph_order_with_both_views() {
    let tr = tr();
    let cosigners = [Participant {
        id: "o1".into(),
        slug: "atina".into(),
        name: "Атина".into(),
    }];
    let doc = build(&data(), &input(&tr, Locale::En, &cosigners));
    assert_eq!(
        headings(&doc.blocks),
        [
            "Co-signing organisations",
            "131.4 · Universal Periodic Review, cycle 2",
            "131.12 · Universal Periodic Review, cycle 2",
        ],
        "131.4 before 131.12"
    );
    let text = doc.plain_text();
    assert!(text.starts_with("Shadow report\nMade on 2026-12-06: 2 recommendations."));
    assert!(text.contains("Recommending states: NO"));
    assert!(text.contains("Establish a body"));
    assert!(text.contains("partially implemented (on 2026-03-01)"));
    assert!(
        text.contains("Атина: not started (on 2026-03-01) — the state says partially implemented")
    );
    assert!(text.contains("Second <line>"));
    assert!(text.contains("No assessment."), "131.12 has none");
    // The co-signer is listed; the typed `javascript:` target stays text.
    assert!(
        doc.blocks
            .contains(&Block::Item(vec![Inline::Text("Атина".into())]))
    );
    assert!(
        doc.blocks
            .contains(&Block::Item(vec![Inline::Text("Not a link".into())]))
    );
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Item(r)
        if r == &[Inline::Link { text: "Monitoring report".into(), href: "https://example.org/report?a=1&b=2".into() }])));
}

#[test]
fn the_text_is_in_the_reports_language_or_the_original_marked() {
    let r = rec("r", "1", &[("en", "Establish"), ("sr", "Основати тело")]);
    assert_eq!(text_for(&r, Locale::SrCyrl), ("Основати тело".into(), None));
    assert_eq!(text_for(&r, Locale::SrLatn), ("Osnovati telo".into(), None));
    assert_eq!(
        text_for(&r, Locale::Uk),
        ("Establish".into(), Some("en".into()))
    );
    let tr = tr();
    let doc = build(&data(), &input(&tr, Locale::SrLatn, &[]));
    let text = doc.plain_text();
    assert!(text.starts_with("Izveštaj iz senke\n"), "{text}");
    assert!(text.contains("Osnovati telo"));
    assert!(text.contains("Atina: "), "the organisation's name in Latin");
    assert!(
        text.contains("Original text (Engleski)"),
        "131.12 has no Serbian: {text}"
    );
    assert!(
        text.contains("1. 3. 2026."),
        "the date as Serbian writes it"
    );
}

fn unzip(bytes: &[u8]) -> Vec<(String, bool, String)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("part");
            let stored = f.compression() == zip::CompressionMethod::Stored;
            let name = f.name().expect("name").into_owned();
            let mut s = String::new();
            f.read_to_string(&mut s).expect("utf-8");
            (name, stored, s)
        })
        .collect()
}

#[test]
fn the_odt_package_has_its_parts_in_order() {
    let tr = tr();
    let doc = build(&data(), &input(&tr, Locale::SrCyrl, &[]));
    let parts = unzip(&odt::write(&doc).expect("odt"));
    let names: Vec<&str> = parts.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "mimetype",
            "content.xml",
            "styles.xml",
            "meta.xml",
            "META-INF/manifest.xml"
        ]
    );
    assert!(parts[0].1, "mimetype stored");
    assert_eq!(parts[0].2, odt::MEDIA_TYPE);
    let content = &parts[1].2;
    assert!(content.contains("Основати тело"));
    assert!(content.contains("Second &lt;line&gt;"));
    assert!(content.contains(r#"xlink:href="https://example.org/report?a=1&amp;b=2""#));
    assert!(parts[2].2.contains(r#"fo:language="sr" fo:country="RS""#));
    assert!(
        parts[3]
            .2
            .contains("<dc:title>Извештај из сенке</dc:title>")
    );
}

#[test]
fn the_docx_package_links_each_hyperlink_to_its_address() {
    let tr = tr();
    let doc = build(&data(), &input(&tr, Locale::En, &[]));
    let parts = unzip(&docx::write(&doc).expect("docx"));
    let part = |name: &str| {
        parts
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, s)| s.clone())
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    assert_eq!(parts[0].0, "[Content_Types].xml");
    let body = part("word/document.xml");
    assert!(body.contains(r#"<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">131.4 · Universal Periodic Review, cycle 2</w:t>"#));
    assert!(body.contains(r#"<w:hyperlink r:id="rId2""#));
    assert!(body.contains("Second &lt;line&gt;"));
    let rels = part("word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/report?a=1&amp;b=2" TargetMode="External""#));
    // The state's and Atina's assessments each give one link; the `javascript:` ones are text.
    assert_eq!(rels.matches("TargetMode=\"External\"").count(), 2);
    assert!(!rels.contains("javascript"));
    assert!(part("word/styles.xml").contains(r#"w:styleId="Heading1""#));
}
