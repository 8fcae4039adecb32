//! Aggregate findings across monitored cases and countries: durations from indictment to
//! the first verdict, hearings and adjournments with their reasons, outcomes and sentences
//! per defendant, and the victims' protection measures and fair-trial checks the observers
//! recorded.
//!
//! **Small numbers are suppressed.** Every figure counts the distinct cases behind it; a
//! figure drawn from one or two cases is withheld ([`Cell::shown`] is `None`), zero is shown.
//! With trafficking cases, a country with one trial or a reason of adjournment seen in one
//! case points at that case and its victim, whose hearings are often public in the press;
//! three is the smallest group in which no single case can be read off a figure.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    ADJOURNMENT_REASONS, CHECKS, OUTCOMES, PROTECTION_MEASURES, days_between, is_conviction,
};

/// Figures drawn from fewer distinct cases than this are withheld.
pub const MIN_CASES: usize = 3;

/// One observation as the findings see it: its protection measures and its answered
/// `(check, answer)` pairs.
pub type ObservationFacts = (Vec<String>, Vec<(String, String)>);

/// One case as the findings see it (no names, no sealed text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    pub id: String,
    pub country: String,
    pub indicted_on: String,
    /// `(status, reason)` of every hearing.
    pub hearings: Vec<(String, Option<String>)>,
    /// `(outcome, decided_on, sentence months)` of every defendant's verdict.
    pub verdicts: Vec<(String, String, Option<i64>)>,
    /// Each observation's protection measures and `(check, answer)` pairs.
    pub observations: Vec<ObservationFacts>,
}

/// A figure and how many distinct cases it is drawn from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub value: i64,
    pub cases: usize,
}

impl Cell {
    /// The figure, unless it draws on fewer than [`MIN_CASES`] cases (zero is shown).
    pub fn shown(&self) -> Option<i64> {
        (self.cases == 0 || self.cases >= MIN_CASES).then_some(self.value)
    }
}

/// Counts a value per case, remembering which cases contributed.
#[derive(Default)]
struct Tally {
    value: i64,
    cases: BTreeSet<String>,
}

impl Tally {
    fn add(&mut self, case: &str, n: i64) {
        if n > 0 {
            self.value += n;
            self.cases.insert(case.to_owned());
        }
    }
    fn cell(&self) -> Cell {
        Cell {
            value: self.value,
            cases: self.cases.len(),
        }
    }
}

/// The findings of one country (or of all, `country` empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    pub country: String,
    pub cases: Cell,
    pub with_verdict: Cell,
    /// Median days from indictment to the first verdict, over cases with a verdict.
    pub median_days: Cell,
    pub hearings: Cell,
    pub adjourned: Cell,
    /// Adjournments per reason, in [`ADJOURNMENT_REASONS`] order.
    pub reasons: Vec<(&'static str, Cell)>,
    /// Defendants per outcome, in [`OUTCOMES`] order.
    pub outcomes: Vec<(&'static str, Cell)>,
    /// Mean prison sentence in months over convicted defendants with one.
    pub mean_sentence: Cell,
    pub observations: Cell,
    /// Observations that recorded at least one protection measure.
    pub protected: Cell,
    /// Observations per protection measure.
    pub measures: Vec<(&'static str, Cell)>,
    /// Per check: observations answering yes, and no.
    pub checks: Vec<(&'static str, Cell, Cell)>,
}

/// Findings per country (sorted by code) and over all countries (last).
pub fn compute(cases: &[CaseFacts]) -> Vec<Column> {
    let mut by_country: BTreeMap<&str, Vec<&CaseFacts>> = BTreeMap::new();
    for c in cases {
        by_country.entry(c.country.as_str()).or_default().push(c);
    }
    let mut out: Vec<Column> = by_country
        .iter()
        .map(|(country, cs)| column(country, cs))
        .collect();
    let all: Vec<&CaseFacts> = cases.iter().collect();
    out.push(column("", &all));
    out
}

fn median(mut v: Vec<i64>) -> i64 {
    if v.is_empty() {
        return 0;
    }
    v.sort_unstable();
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2
    }
}

fn column(country: &str, cases: &[&CaseFacts]) -> Column {
    let mut total = Tally::default();
    let mut with_verdict = Tally::default();
    let mut days = Vec::new();
    let mut hearings = Tally::default();
    let mut adjourned = Tally::default();
    let mut reasons: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut outcomes: BTreeMap<&str, Tally> = BTreeMap::new();
    let (mut sentence_sum, mut sentence_n, mut sentenced) = (0i64, 0i64, BTreeSet::new());
    let mut observations = Tally::default();
    let mut protected = Tally::default();
    let mut measures: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut yes: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut no: BTreeMap<&str, Tally> = BTreeMap::new();
    for c in cases {
        let id = c.id.as_str();
        total.add(id, 1);
        if let Some(first) = c.verdicts.iter().map(|v| v.1.as_str()).min() {
            with_verdict.add(id, 1);
            if let Some(d) = days_between(&c.indicted_on, first) {
                days.push(d);
            }
        }
        hearings.add(id, c.hearings.len() as i64);
        for (status, reason) in &c.hearings {
            if status == "adjourned" {
                adjourned.add(id, 1);
                if let Some(code) = reason
                    .as_deref()
                    .and_then(|r| ADJOURNMENT_REASONS.codes.iter().copied().find(|x| *x == r))
                {
                    reasons.entry(code).or_default().add(id, 1);
                }
            }
        }
        for (outcome, _, months) in &c.verdicts {
            if let Some(code) = OUTCOMES
                .codes
                .iter()
                .copied()
                .find(|x| *x == outcome.as_str())
            {
                outcomes.entry(code).or_default().add(id, 1);
            }
            if let (true, Some(m)) = (is_conviction(outcome), months) {
                sentence_sum += m;
                sentence_n += 1;
                sentenced.insert(id);
            }
        }
        observations.add(id, c.observations.len() as i64);
        for (ms, checks) in &c.observations {
            if !ms.is_empty() {
                protected.add(id, 1);
            }
            for m in ms {
                if let Some(code) = PROTECTION_MEASURES
                    .codes
                    .iter()
                    .copied()
                    .find(|x| *x == m.as_str())
                {
                    measures.entry(code).or_default().add(id, 1);
                }
            }
            for (check, answer) in checks {
                let Some(code) = CHECKS.codes.iter().copied().find(|x| *x == check.as_str()) else {
                    continue;
                };
                match answer.as_str() {
                    "yes" => yes.entry(code).or_default().add(id, 1),
                    "no" => no.entry(code).or_default().add(id, 1),
                    _ => {}
                }
            }
        }
    }
    let cell =
        |m: &BTreeMap<&str, Tally>, code: &str| m.get(code).map(Tally::cell).unwrap_or_default();
    Column {
        country: country.to_owned(),
        cases: total.cell(),
        median_days: Cell {
            value: median(days),
            cases: with_verdict.cases.len(),
        },
        with_verdict: with_verdict.cell(),
        hearings: hearings.cell(),
        adjourned: adjourned.cell(),
        reasons: ADJOURNMENT_REASONS
            .codes
            .iter()
            .map(|r| (*r, cell(&reasons, r)))
            .collect(),
        outcomes: OUTCOMES
            .codes
            .iter()
            .map(|o| (*o, cell(&outcomes, o)))
            .collect(),
        mean_sentence: Cell {
            value: if sentence_n == 0 {
                0
            } else {
                (sentence_sum as f64 / sentence_n as f64).round() as i64
            },
            cases: sentenced.len(),
        },
        observations: observations.cell(),
        protected: protected.cell(),
        measures: PROTECTION_MEASURES
            .codes
            .iter()
            .map(|m| (*m, cell(&measures, m)))
            .collect(),
        checks: CHECKS
            .codes
            .iter()
            .map(|c| (*c, cell(&yes, c), cell(&no, c)))
            .collect(),
    }
}

/// One figure as the JSON and CSV give it: `measure` is e.g. `cases`, `reason:health`,
/// `outcome:acquitted`, `measure:video-link`, `check:public-hearing:no`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub measure: String,
    /// A country code, or `all`.
    pub country: String,
    /// `None` when withheld (drawn from one or two cases); how many is never told.
    pub value: Option<i64>,
}

/// Every figure of every column, in a fixed order.
pub fn figures(columns: &[Column]) -> Vec<Figure> {
    let mut out = Vec::new();
    for col in columns {
        let country = if col.country.is_empty() {
            "all".to_owned()
        } else {
            col.country.clone()
        };
        let mut push = |measure: String, c: &Cell| {
            out.push(Figure {
                measure,
                country: country.clone(),
                value: c.shown(),
            })
        };
        push("cases".into(), &col.cases);
        push("cases-with-verdict".into(), &col.with_verdict);
        push("median-days-to-verdict".into(), &col.median_days);
        push("hearings".into(), &col.hearings);
        push("hearings-adjourned".into(), &col.adjourned);
        for (r, c) in &col.reasons {
            push(format!("reason:{r}"), c);
        }
        for (o, c) in &col.outcomes {
            push(format!("outcome:{o}"), c);
        }
        push("mean-sentence-months".into(), &col.mean_sentence);
        push("observations".into(), &col.observations);
        push("observations-with-protection".into(), &col.protected);
        for (m, c) in &col.measures {
            push(format!("measure:{m}"), c);
        }
        for (k, y, n) in &col.checks {
            push(format!("check:{k}:yes"), y);
            push(format!("check:{k}:no"), n);
        }
    }
    out
}
