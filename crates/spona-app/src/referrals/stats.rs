//! Statistics without names: counts of referrals by service kind, country pair, age band,
//! gender, month and outcome. A cell of 1–4 is suppressed; when a dimension would show
//! exactly one suppressed cell, the next smallest non-zero cell is suppressed too, so that
//! the total cannot give it away. Each dimension says whether it suppressed anything.
//!
//! Who may read: organisation admins and case workers, for the referrals their
//! organisations sent or received; platform admins, for all (no person is named or
//! countable below five).

use serde::Serialize;
use spona_domain::referral::shown;
use spona_store::Db;
use spona_store::referrals::{self as store, Referral};

use crate::actor::Actor;
use crate::{Error, Result};

/// One cell: its label and count, or `None` when suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub label: String,
    pub count: Option<i64>,
}

/// One dimension's cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dimension {
    /// `service_kind`, `country_pair`, `age_band`, `gender`, `month`, `outcome`.
    pub name: &'static str,
    pub cells: Vec<Cell>,
    /// Some cell was suppressed.
    pub suppressed: bool,
}

/// The statistics a reader may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// All referrals counted (itself suppressed under 5).
    pub total: Option<i64>,
    pub dimensions: Vec<Dimension>,
}

/// `YYYY-MM` of a Unix time (UTC).
pub fn month_of(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m").to_string())
        .unwrap_or_default()
}

/// The counts as shown, with small cells suppressed (and the one cell a total would reveal).
pub fn suppress(mut counts: Vec<(String, i64)>) -> (Vec<Cell>, bool) {
    counts.sort();
    let mut hidden: Vec<bool> = counts.iter().map(|(_, n)| shown(*n).is_none()).collect();
    if hidden.iter().filter(|h| **h).count() == 1 {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, (_, n))| !hidden[*i] && *n > 0)
            .min_by_key(|(_, (_, n))| *n)
            .map(|(i, _)| i);
        if let Some(i) = next {
            hidden[i] = true;
        }
    }
    let any = hidden.iter().any(|h| *h);
    let cells = counts
        .into_iter()
        .zip(hidden)
        .map(|((label, n), h)| Cell {
            label,
            count: if h { None } else { Some(n) },
        })
        .collect();
    (cells, any)
}

fn dimension(
    name: &'static str,
    rows: &[Referral],
    key: impl Fn(&Referral) -> String,
) -> Dimension {
    let mut counts: Vec<(String, i64)> = Vec::new();
    for r in rows {
        let k = key(r);
        match counts.iter_mut().find(|(x, _)| *x == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    let (cells, suppressed) = suppress(counts);
    Dimension {
        name,
        cells,
        suppressed,
    }
}

/// Counts over `rows` (pure; the suppression is tested on it).
pub fn compute(rows: &[Referral]) -> Stats {
    Stats {
        total: shown(rows.len() as i64),
        dimensions: vec![
            dimension("service_kind", rows, |r| r.service_kind.clone()),
            dimension("country_pair", rows, |r| {
                format!("{}→{}", r.from_country, r.to_country)
            }),
            dimension("age_band", rows, |r| r.age_band.clone()),
            dimension("gender", rows, |r| r.gender.clone()),
            dimension("month", rows, |r| month_of(r.created_at)),
            dimension("outcome", rows, |r| {
                r.outcome
                    .clone()
                    .unwrap_or_else(|| r.status.as_str().to_owned())
            }),
        ],
    }
}

/// The statistics for the reader's scope (see the module documentation).
pub async fn stats(actor: &Actor, db: &Db) -> Result<Stats> {
    let user = actor.require_user()?;
    let all = store::all(db).await?;
    if user.is_platform_admin() {
        return Ok(compute(&all));
    }
    let mut orgs: Vec<String> = actor
        .memberships()
        .iter()
        .filter(|m| m.role() == spona_domain::role::OrgRole::Admin)
        .map(|m| m.org_id.clone())
        .collect();
    orgs.extend(super::roles(actor, db).await?.into_iter().map(|w| w.org_id));
    if orgs.is_empty() {
        return Err(Error::Forbidden);
    }
    let rows: Vec<Referral> = all
        .into_iter()
        .filter(|r| orgs.contains(&r.from_org) || orgs.contains(&r.to_org))
        .collect();
    Ok(compute(&rows))
}

fn rows_of(s: &Stats) -> Vec<[String; 3]> {
    let mut out = vec![[
        "dimension".to_owned(),
        "value".to_owned(),
        "count".to_owned(),
    ]];
    let count = |c: Option<i64>| c.map_or_else(|| "<5 (suppressed)".to_owned(), |n| n.to_string());
    out.push(["total".into(), String::new(), count(s.total)]);
    for d in &s.dimensions {
        for c in &d.cells {
            out.push([d.name.to_owned(), c.label.clone(), count(c.count)]);
        }
    }
    out
}

/// CSV (RFC 4180, CRLF) with every cell neutralised against formulas.
pub fn csv(s: &Stats) -> String {
    let mut out = String::new();
    for row in rows_of(s) {
        let line: Vec<String> = row
            .iter()
            .map(|v| spona_domain::csv::safe_cell(v))
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// XLSX; every cell written as a string, never a formula.
pub fn xlsx(s: &Stats) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, row) in rows_of(s).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(i as u32, c as u16, v)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cells_and_the_one_a_total_reveals_are_suppressed() {
        let (cells, any) = suppress(vec![("a".into(), 7), ("b".into(), 2), ("c".into(), 9)]);
        assert!(any);
        assert_eq!(cells[0].count, None, "7 hidden so that total − shown ≠ b");
        assert_eq!(cells[1].count, None);
        assert_eq!(cells[2].count, Some(9));
        let (cells, any) = suppress(vec![("a".into(), 5), ("b".into(), 6)]);
        assert!(!any);
        assert_eq!(cells[0].count, Some(5));
        let (cells, _) = suppress(vec![("a".into(), 1), ("b".into(), 3), ("c".into(), 8)]);
        assert_eq!(cells[2].count, Some(8));
    }

    #[test]
    fn months_are_utc() {
        assert_eq!(month_of(0), "1970-01");
        assert_eq!(month_of(1_764_892_800), "2025-12");
    }
}
