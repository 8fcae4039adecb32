//! A quiz's results: counts by question and answer, right and wrong, and sessions by
//! country, region, age band, channel and day, over the sessions not excluded. Every count
//! from 1 to 9 is withheld (`spona_domain::quiz::results`); the exports (CSV, XLSX) carry the
//! same published cells and never a session.

use spona_domain::quiz::QuizDoc;
use spona_domain::quiz::results::{publish, withhold};
use spona_store::Db;
use spona_store::quizzes::{self as store, Campaign, Quiz};

use super::take::doc_of;
use super::{FLOOD_MIN, load};
use crate::actor::Actor;
use crate::{Error, Result};

/// One published count: what it counts (codes, not words) and the number, `None` when
/// withheld.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// `answer`, `right`, `country`, `region`, `age_band`, `channel`, `day`.
    pub table: String,
    /// The question's index (for `answer` and `right`), else -1.
    pub question: i64,
    /// The option's index or scale value, `right`/`wrong`/`unscored`, or the dimension's
    /// value (`""` when not given).
    pub key: String,
    pub count: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Results {
    pub campaign: Campaign,
    pub quiz: Quiz,
    pub doc: QuizDoc,
    /// Sessions counted (withheld under ten).
    pub sessions: Option<i64>,
    pub lines: Vec<Line>,
    /// Suspected floods, for coordinators only: `(day, hash, sessions, excluded)`.
    pub floods: Vec<(String, String, i64, i64)>,
}

impl Results {
    pub fn table(&self, name: &str) -> Vec<&Line> {
        self.lines.iter().filter(|l| l.table == name).collect()
    }
}

/// The key of the one line that stands for a table's withheld cells when even together they
/// would give themselves away ([`withhold`]'s second value): their keys are not shown.
pub const WITHHELD_TOGETHER: &str = "*";

/// Shapes raw counts into published lines (pure; the e2e test checks it against a count
/// made by hand): counts 1–9 withheld, and in each table (one question's answers, its
/// right and wrong, each dimension) the cells its total would give away
/// (`spona_domain::quiz::results::withhold`).
pub fn lines(doc: &QuizDoc, counts: &store::Counts) -> Vec<Line> {
    let raw = raw_lines(doc, counts);
    let mut out: Vec<Line> = Vec::with_capacity(raw.len());
    let mut start = 0;
    while start < raw.len() {
        let same = |l: &Line| l.table == raw[start].table && l.question == raw[start].question;
        let end = start + raw[start..].iter().take_while(|l| same(l)).count();
        let group = &raw[start..end];
        let n: Vec<i64> = group.iter().map(|l| l.count.unwrap_or(0)).collect();
        let (hidden, together) = withhold(&n);
        let mut any = false;
        for (l, h) in group.iter().zip(&hidden) {
            if together && *h {
                any = true;
                continue;
            }
            out.push(Line {
                count: if *h { None } else { l.count },
                ..l.clone()
            });
        }
        if any {
            out.push(Line {
                table: group[0].table.clone(),
                question: group[0].question,
                key: WITHHELD_TOGETHER.into(),
                count: None,
            });
        }
        start = end;
    }
    out
}

/// Every count as it is, grouped by table (a table's lines follow each other).
fn raw_lines(doc: &QuizDoc, counts: &store::Counts) -> Vec<Line> {
    let publish = Some;
    let mut out = Vec::new();
    for (i, q) in doc.questions.iter().enumerate() {
        let keys: Vec<i64> = if q.kind == "scale" {
            (q.min.unwrap_or(0)..=q.max.unwrap_or(0)).collect()
        } else {
            (0..q.options.len() as i64).collect()
        };
        for k in keys {
            let n = counts
                .choices
                .iter()
                .find(|(qq, c, _)| *qq == i as i64 && *c == k)
                .map_or(0, |r| r.2);
            out.push(Line {
                table: "answer".into(),
                question: i as i64,
                key: k.to_string(),
                count: publish(n),
            });
        }
        if doc.scored && q.kind != "scale" {
            for (code, flag) in [("right", 1), ("wrong", 0)] {
                let n = counts
                    .correct
                    .iter()
                    .find(|(qq, c, _)| *qq == i as i64 && *c == flag)
                    .map_or(0, |r| r.2);
                out.push(Line {
                    table: "right".into(),
                    question: i as i64,
                    key: code.into(),
                    count: publish(n),
                });
            }
        }
    }
    for (dim, value, n) in &counts.by {
        out.push(Line {
            table: dim.clone(),
            question: -1,
            key: value.clone(),
            count: publish(*n),
        });
    }
    out
}

async fn build(db: &Db, campaign: Campaign, quiz: Quiz, floods: bool) -> Result<Results> {
    let doc = doc_of(&quiz)?;
    let counts = store::counts(db, &quiz.id).await?;
    let floods = if floods {
        store::floods(db, &quiz.id, FLOOD_MIN).await?
    } else {
        Vec::new()
    };
    Ok(Results {
        sessions: publish(counts.sessions),
        lines: lines(&doc, &counts),
        campaign,
        quiz,
        doc,
        floods,
    })
}

/// The results of one version (the current one when `version` is none), for coordinators.
pub async fn for_coordinator(
    actor: &Actor,
    db: &Db,
    campaign_id: &str,
    version: Option<i64>,
) -> Result<Results> {
    let campaign = load(actor, db, campaign_id).await?;
    let quiz = version_of(db, &campaign, version).await?;
    build(db, campaign, quiz, true).await
}

/// The public results of a campaign that chose to publish them (404 otherwise).
pub async fn public(db: &Db, slug: &str, version: Option<i64>) -> Result<Results> {
    let campaign = store::campaign_by_slug(db, slug)
        .await?
        .filter(|c| c.public_results == 1)
        .ok_or(Error::NotFound)?;
    let quiz = version_of(db, &campaign, version).await?;
    build(db, campaign, quiz, false).await
}

async fn version_of(db: &Db, c: &Campaign, version: Option<i64>) -> Result<Quiz> {
    let current = store::current_quiz(db, &c.id)
        .await?
        .ok_or(Error::NotFound)?;
    match version {
        None => Ok(current),
        Some(v) if v == current.version => Ok(current),
        Some(v) => {
            let versions = store::versions(db, &c.id).await?;
            let id = versions
                .into_iter()
                .find(|(n, _, _)| *n == v)
                .map(|(_, id, _)| id)
                .ok_or(Error::NotFound)?;
            store::quiz(db, &id).await?.ok_or(Error::NotFound)
        }
    }
}

/// The rows of the exports: a header, then one row per published line (a withheld count
/// is empty, with `withheld` in the last column).
pub fn rows(r: &Results) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "table".to_owned(),
        "question".to_owned(),
        "key".to_owned(),
        "count".to_owned(),
        "note".to_owned(),
    ]];
    rows.push(vec![
        "sessions".into(),
        String::new(),
        String::new(),
        r.sessions.map(|n| n.to_string()).unwrap_or_default(),
        if r.sessions.is_none() { "withheld" } else { "" }.into(),
    ]);
    for l in &r.lines {
        rows.push(vec![
            l.table.clone(),
            if l.question >= 0 {
                (l.question + 1).to_string()
            } else {
                String::new()
            },
            l.key.clone(),
            l.count.map(|n| n.to_string()).unwrap_or_default(),
            if l.count.is_none() { "withheld" } else { "" }.into(),
        ]);
    }
    rows
}

pub fn csv(r: &Results) -> String {
    let mut out = String::new();
    for row in rows(r) {
        let cells: Vec<String> = row
            .iter()
            .map(|v| spona_domain::csv::safe_cell(v))
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// XLSX; every cell a string, never a formula.
pub fn xlsx(r: &Results) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, row) in rows(r).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(i as u32, c as u16, v)?;
        }
    }
    Ok(book.save_to_buffer()?)
}
