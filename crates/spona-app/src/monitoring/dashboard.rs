//! The public dashboard (issue 21, item 4): per mechanism, cycle, theme and institution,
//! how many recommendations there are, where they stand in the state's view and in the
//! participating CSOs', where the two disagree, and which measures are overdue. The counts
//! are GROUP BYs in SQL (`spona_store::monitoring::dashboard`); this module checks the
//! filter and shapes the answer.

use std::collections::BTreeMap;

use spona_domain::monitoring::{Mechanism, Status};
use spona_store::Db;
use spona_store::monitoring::dashboard::{self as store, Counts, Filter};

use crate::{Error, Result};

/// The dashboard's filter as GET parameters give it; empty is "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    pub mechanism: String,
    pub cycle: String,
    pub theme: String,
    pub institution: String,
    pub country: String,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl DashboardQuery {
    /// The filter, or 400 for an unknown mechanism or an over-long value.
    pub fn filter(&self) -> Result<Filter> {
        if !self.mechanism.is_empty() && Mechanism::parse(&self.mechanism).is_none() {
            return Err(Error::BadRequest("mon-dash-err-filter"));
        }
        let values = [&self.cycle, &self.theme, &self.institution, &self.country];
        if values.iter().any(|v| v.chars().count() > 200) {
            return Err(Error::BadRequest("mon-dash-err-filter"));
        }
        Ok(Filter {
            mechanism: opt(&self.mechanism),
            cycle: opt(&self.cycle),
            theme: opt(&self.theme),
            institution: opt(&self.institution),
            country: opt(&self.country).map(|c| c.to_uppercase()),
        })
    }
}

/// The state's status codes a count may carry: the four, and `none` (not given).
pub const STATE_CODES: [&str; 5] = [
    "not-started",
    "partially",
    "implemented",
    "regressed",
    "none",
];

/// A row of a table: a label's code and its counts by status (in [`STATE_CODES`] order
/// for the state's, [`Status::ALL`] for CSOs').
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    /// The mechanism, for rows by cycle.
    pub mechanism: String,
    pub total: i64,
    pub by_status: Vec<i64>,
}

/// The dashboard, shaped for its page and its JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub filter: Filter,
    pub total: i64,
    /// The state's status over all selected recommendations ([`STATE_CODES`] order).
    pub state_totals: Vec<i64>,
    /// Current CSO assessments by status ([`Status::ALL`] order).
    pub cso_totals: Vec<i64>,
    pub disagreements: i64,
    pub overdue_total: i64,
    pub by_mechanism: Vec<Row>,
    pub by_cycle: Vec<Row>,
    pub by_theme: Vec<Row>,
    /// CSO assessments by mechanism ([`Status::ALL`] order).
    pub cso_by_mechanism: Vec<Row>,
    pub disagreements_by_mechanism: Vec<(String, i64)>,
    pub counts: Counts,
}

fn state_index(code: &str) -> usize {
    STATE_CODES.iter().position(|c| *c == code).unwrap_or(4)
}

/// The dashboard for a filter, `today` an ISO date.
pub async fn dashboard(db: &Db, filter: Filter, today: &str) -> Result<Dashboard> {
    let counts = store::counts(db, &filter, today).await?;
    Ok(shape(filter, counts))
}

/// Shapes the store's counts (pure; tested without a database).
pub fn shape(filter: Filter, counts: Counts) -> Dashboard {
    let mut state_totals = vec![0; STATE_CODES.len()];
    let mut mech: BTreeMap<String, Row> = BTreeMap::new();
    let mut cyc: BTreeMap<(String, String), Row> = BTreeMap::new();
    for c in &counts.by_cycle {
        let i = state_index(&c.state_status);
        state_totals[i] += c.n;
        let m = mech.entry(c.mechanism.clone()).or_insert_with(|| Row {
            key: c.mechanism.clone(),
            mechanism: c.mechanism.clone(),
            total: 0,
            by_status: vec![0; STATE_CODES.len()],
        });
        m.total += c.n;
        m.by_status[i] += c.n;
        let y = cyc
            .entry((c.mechanism.clone(), c.cycle.clone()))
            .or_insert_with(|| Row {
                key: c.cycle.clone(),
                mechanism: c.mechanism.clone(),
                total: 0,
                by_status: vec![0; STATE_CODES.len()],
            });
        y.total += c.n;
        y.by_status[i] += c.n;
    }
    let mut themes: BTreeMap<String, Row> = BTreeMap::new();
    for t in &counts.by_theme {
        let r = themes.entry(t.theme.clone()).or_insert_with(|| Row {
            key: t.theme.clone(),
            by_status: vec![0; STATE_CODES.len()],
            ..Default::default()
        });
        r.total += t.n;
        r.by_status[state_index(&t.state_status)] += t.n;
    }
    let mut cso_totals = vec![0; Status::ALL.len()];
    let mut cso: BTreeMap<String, Row> = BTreeMap::new();
    for c in &counts.cso {
        let Some(i) = Status::ALL.iter().position(|s| s.as_str() == c.status) else {
            continue;
        };
        cso_totals[i] += c.n;
        let r = cso.entry(c.mechanism.clone()).or_insert_with(|| Row {
            key: c.mechanism.clone(),
            mechanism: c.mechanism.clone(),
            total: 0,
            by_status: vec![0; Status::ALL.len()],
        });
        r.total += c.n;
        r.by_status[i] += c.n;
    }
    let mut by_theme: Vec<Row> = themes.into_values().collect();
    by_theme.sort_by(|a, b| b.total.cmp(&a.total).then(a.key.cmp(&b.key)));
    Dashboard {
        total: state_totals.iter().sum(),
        state_totals,
        cso_totals,
        disagreements: counts.disagreements.iter().map(|d| d.n).sum(),
        overdue_total: counts.institutions.iter().map(|i| i.overdue).sum(),
        by_mechanism: mech.into_values().collect(),
        by_cycle: cyc.into_values().collect(),
        by_theme,
        cso_by_mechanism: cso.into_values().collect(),
        disagreements_by_mechanism: counts
            .disagreements
            .iter()
            .map(|d| (d.mechanism.clone(), d.n))
            .collect(),
        filter,
        counts,
    }
}

/// The filter form's choices: (mechanism, cycle) pairs, themes, institutions.
pub async fn choices(db: &Db) -> Result<(Vec<(String, String)>, Vec<String>, Vec<String>)> {
    Ok(store::choices(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_store::monitoring::dashboard::{ByCycle, CsoCount, Disagreements};

    #[test]
    fn counts_are_summed_by_mechanism_cycle_and_status() {
        let counts = Counts {
            by_cycle: vec![
                ByCycle {
                    mechanism: "upr".into(),
                    cycle: "2".into(),
                    state_status: "implemented".into(),
                    n: 3,
                },
                ByCycle {
                    mechanism: "upr".into(),
                    cycle: "3".into(),
                    state_status: "none".into(),
                    n: 5,
                },
                ByCycle {
                    mechanism: "nap-1325".into(),
                    cycle: "".into(),
                    state_status: "partially".into(),
                    n: 2,
                },
            ],
            cso: vec![CsoCount {
                mechanism: "upr".into(),
                status: "regressed".into(),
                n: 4,
            }],
            disagreements: vec![Disagreements {
                mechanism: "upr".into(),
                n: 2,
            }],
            ..Default::default()
        };
        let d = shape(Filter::default(), counts);
        assert_eq!(d.total, 10);
        assert_eq!(d.state_totals, vec![0, 2, 3, 0, 5]);
        assert_eq!(d.by_mechanism.len(), 2);
        let upr = d
            .by_mechanism
            .iter()
            .find(|r| r.key == "upr")
            .expect("upr counted");
        assert_eq!((upr.total, upr.by_status[2], upr.by_status[4]), (8, 3, 5));
        assert_eq!(d.by_cycle.len(), 3);
        assert_eq!(d.cso_totals, vec![0, 0, 0, 4]);
        assert_eq!(d.disagreements, 2);
    }

    #[test]
    fn an_unknown_mechanism_is_a_bad_request() {
        let q = DashboardQuery {
            mechanism: "astrology".into(),
            ..Default::default()
        };
        assert!(matches!(q.filter(), Err(Error::BadRequest(_))));
        let q = DashboardQuery {
            mechanism: "upr".into(),
            country: "rs".into(),
            ..Default::default()
        };
        let f = q.filter().expect("filter");
        assert_eq!(f.country.as_deref(), Some("RS"));
        assert_eq!(f.cycle, None);
    }
}
