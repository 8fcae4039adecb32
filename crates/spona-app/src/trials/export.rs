//! The trials' exports as text, shared by the HTTP CSVs (`/api/v1/trials/findings.csv`,
//! `/api/v1/trials/cases.csv`) and `spona trials export` (lane montrial), so that both give
//! the same rows: the public findings (withheld figures empty and marked) and the per-case
//! rows of one or more organisations' cases (codes, counts, dates, outcomes — never a name
//! or a note).

use spona_domain::csv::safe_cell;
use spona_domain::trial::days_between;
use spona_domain::trial::findings::{Figure, figures};
use spona_store::Db;
use spona_store::trials::{self as store, Scope};

use super::CaseRow;
use crate::Result;

/// The findings CSV's header.
pub const FINDINGS_HEADER: &[&str] = &["measure", "country", "value", "withheld"];

/// The per-case CSV's header.
pub const CASE_HEADER: &[&str] = &[
    "case_id",
    "country",
    "court",
    "case_number",
    "charges",
    "defendants",
    "victims",
    "indicted_on",
    "hearings",
    "adjourned",
    "adjournment_reasons",
    "observations",
    "first_verdict_on",
    "days_to_verdict",
    "outcomes",
    "sentences_months",
];

/// One CSV field, quoted when needed and safe to open in a spreadsheet.
fn field(out: &mut String, value: &str) {
    let v = safe_cell(value);
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&v);
    }
}

/// One CSV line (CRLF).
pub fn line(out: &mut String, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, v);
    }
    out.push_str("\r\n");
}

/// Every public figure, over all countries and per country.
pub async fn findings_figures(db: &Db) -> Result<Vec<Figure>> {
    Ok(figures(&super::findings(db).await?))
}

/// A figure's CSV values: measure, country, value (empty when withheld), withheld.
pub fn figure_values(f: &Figure) -> [String; 4] {
    [
        f.measure.clone(),
        f.country.clone(),
        f.value.map(|v| v.to_string()).unwrap_or_default(),
        if f.value.is_none() { "yes" } else { "no" }.to_owned(),
    ]
}

/// The findings as CSV, header first.
pub fn findings_csv(figs: &[Figure]) -> String {
    let mut out = String::new();
    line(&mut out, FINDINGS_HEADER);
    for f in figs {
        let v = figure_values(f);
        line(&mut out, &[&v[0], &v[1], &v[2], &v[3]]);
    }
    out
}

/// A case's values in [`CASE_HEADER`]'s order.
pub fn case_values(row: &CaseRow) -> Vec<String> {
    let c = &row.case;
    let f = &row.facts;
    let adjourned: Vec<&str> = f
        .hearings
        .iter()
        .filter(|(s, _)| s == "adjourned")
        .filter_map(|(_, r)| r.as_deref())
        .collect();
    let first = f.verdicts.iter().map(|v| v.1.as_str()).min().unwrap_or("");
    let days = days_between(&c.indicted_on, first)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let outcomes: Vec<&str> = f.verdicts.iter().map(|v| v.0.as_str()).collect();
    let sentences: Vec<String> = f
        .verdicts
        .iter()
        .map(|v| v.2.map(|m| m.to_string()).unwrap_or_default())
        .collect();
    vec![
        c.id.clone(),
        c.country.clone(),
        c.court.clone(),
        c.case_number.clone(),
        c.charges.join(";"),
        c.defendants.to_string(),
        c.victims.to_string(),
        c.indicted_on.clone(),
        f.hearings.len().to_string(),
        adjourned.len().to_string(),
        adjourned.join(";"),
        f.observations.len().to_string(),
        first.to_owned(),
        days,
        outcomes.join(";"),
        sentences.join(";"),
    ]
}

/// One per-case CSV line.
pub fn case_line(out: &mut String, row: &CaseRow) {
    let values = case_values(row);
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    line(out, &refs);
}

/// The next `limit` cases these organisations monitor after the case id `after` (empty:
/// from the start), with their facts, in a fixed number of queries.
pub async fn rows_of(db: &Db, orgs: &[String], after: &str, limit: i64) -> Result<Vec<CaseRow>> {
    let cases = store::cases_of(db, orgs, after, limit).await?;
    let ids: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
    let mut facts = store::facts(db, Scope::Ids(&ids)).await?;
    Ok(cases
        .into_iter()
        .map(|case| {
            let i = facts.iter().position(|f| f.id == case.id);
            let facts = i.map(|i| facts.swap_remove(i)).unwrap_or_default();
            CaseRow { case, facts }
        })
        .collect())
}
