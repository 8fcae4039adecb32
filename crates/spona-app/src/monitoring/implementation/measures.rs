//! Measures (institution responsible, deadline, budget line, status, the recommendations
//! they implement), their indicators (baseline, target, a range) and the indicators' values
//! over time. Platform admins write; everyone reads. A value out of its indicator's range
//! is refused naming the field; nothing is half-saved.

use spona_domain::ids::{IndicatorId, MeasureId};
use spona_domain::monitoring::MeasureStatus;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::idempotency::Once;
use spona_store::monitoring::measures::{
    self as store, Indicator, Measure, NewIndicator, NewMeasure,
};

use super::{invalid, iso_date};
use crate::{Actor, Error, Result};

/// A measure as its form gives it (text as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct MeasureDraft {
    pub title: String,
    pub title_lang: String,
    pub institution: String,
    pub deadline: String,
    pub budget_line: String,
    pub status: String,
    /// One recommendation per line: its id or its paragraph number (`131.4`).
    pub recommendations: String,
}

const LANGS: [&str; 3] = ["en", "sr", "uk"];

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl MeasureDraft {
    /// The draft's values, or every broken rule (each naming its field).
    async fn check(&self, db: &Db) -> Result<NewMeasure> {
        let mut errors = Vec::new();
        let mut bad = |field, key| errors.push(spona_domain::Invalid { field, key });
        let title = self.title.trim();
        if title.is_empty() {
            bad("title", "mon-imp-err-title");
        } else if title.chars().count() > 300 {
            bad("title", "mon-imp-err-too-long");
        }
        if !LANGS.contains(&self.title_lang.as_str()) {
            bad("title_lang", "mon-imp-err-lang");
        }
        let institution = self.institution.trim();
        if institution.is_empty() {
            bad("institution", "mon-imp-err-institution");
        } else if institution.chars().count() > 200 {
            bad("institution", "mon-imp-err-too-long");
        }
        let deadline = match opt(&self.deadline) {
            None => None,
            Some(d) => {
                let parsed = iso_date(&d);
                if parsed.is_none() {
                    bad("deadline", "mon-imp-err-date");
                }
                parsed
            }
        };
        let budget_line = opt(&self.budget_line);
        if budget_line
            .as_ref()
            .is_some_and(|b| b.chars().count() > 200)
        {
            bad("budget_line", "mon-imp-err-too-long");
        }
        let status = MeasureStatus::parse(&self.status);
        if status.is_none() {
            bad("status", "mon-imp-err-status");
        }
        let mut recommendation_ids = Vec::new();
        let mut refs_ok = true;
        for line in self
            .recommendations
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let found = store::resolve_recommendation(db, line).await?;
            match found.as_slice() {
                [one] => {
                    if !recommendation_ids.contains(one) {
                        recommendation_ids.push(one.clone());
                    }
                }
                [] => refs_ok = false,
                _ => refs_ok = false,
            }
        }
        if !refs_ok {
            errors.push(spona_domain::Invalid {
                field: "recommendations",
                key: "mon-imp-err-recommendation",
            });
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(NewMeasure {
            title: title.to_owned(),
            title_lang: self.title_lang.clone(),
            institution: institution.to_owned(),
            deadline,
            budget_line,
            status: status.unwrap_or(MeasureStatus::Planned),
            recommendation_ids,
        })
    }
}

/// Every measure with its recommendations (public).
pub async fn list(db: &Db) -> Result<Vec<Measure>> {
    Ok(store::list(db).await?)
}

/// One measure with its indicators and their values (public).
pub async fn read(db: &Db, id: &str) -> Result<(Measure, Vec<Indicator>)> {
    let m = store::get(db, id).await?.ok_or(Error::NotFound)?;
    let indicators = store::indicators(db, id).await?;
    Ok((m, indicators))
}

/// Creates a measure. Platform admins only; `once`, the form's one-time key, is claimed in
/// the same transaction.
pub async fn create(
    actor: &Actor,
    db: &Db,
    draft: &MeasureDraft,
    once: Option<&Once>,
) -> Result<MeasureId> {
    let admin = actor.require_admin()?;
    let m = draft.check(db).await?;
    let mut tx = db.begin().await?;
    let id = store::insert_in(&mut tx, &m, Some(admin.id.as_str()), once).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "monitoring.measure_created",
            target_kind: "measure",
            target_id: id.as_str(),
            detail: format!("{} recommendation(s)", m.recommendation_ids.len()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Sets a measure's status. Platform admins only.
pub async fn set_status(actor: &Actor, db: &Db, id: &str, status: &str) -> Result<()> {
    let admin = actor.require_admin()?;
    store::get(db, id).await?.ok_or(Error::NotFound)?;
    let status =
        MeasureStatus::parse(status).ok_or_else(|| invalid("status", "mon-imp-err-status"))?;
    let mut tx = db.begin().await?;
    if !store::set_status_in(&mut tx, id, status).await? {
        return Err(Error::NotFound);
    }
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "monitoring.measure_status",
            target_kind: "measure",
            target_id: id,
            detail: status.as_str().to_owned(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An indicator as its form gives it (numbers as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct IndicatorDraft {
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub min_value: String,
    pub max_value: String,
    pub due_on: String,
}

/// A number as typed (a decimal comma accepted): `Some(None)` when empty, `None` when it
/// is not a number.
pub fn number(text: &str) -> Option<Option<f64>> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Some(None);
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some)
}

impl IndicatorDraft {
    fn check(&self) -> Result<NewIndicator> {
        let mut errors = Vec::new();
        let num = |field: &'static str, text: &str, errors: &mut Vec<spona_domain::Invalid>| {
            number(text).unwrap_or_else(|| {
                errors.push(spona_domain::Invalid {
                    field,
                    key: "mon-imp-err-number",
                });
                None
            })
        };
        let baseline = num("baseline", &self.baseline, &mut errors);
        let target = num("target", &self.target, &mut errors);
        let min_value = num("min_value", &self.min_value, &mut errors);
        let max_value = num("max_value", &self.max_value, &mut errors);
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(spona_domain::Invalid {
                field: "name",
                key: "mon-imp-err-name",
            });
        } else if name.chars().count() > 300 {
            errors.push(spona_domain::Invalid {
                field: "name",
                key: "mon-imp-err-too-long",
            });
        }
        if let (Some(lo), Some(hi)) = (min_value, max_value)
            && lo > hi
        {
            errors.push(spona_domain::Invalid {
                field: "max_value",
                key: "mon-imp-err-range",
            });
        }
        for (field, v) in [("baseline", baseline), ("target", target)] {
            if let Some(v) = v
                && !in_range(v, min_value, max_value)
            {
                errors.push(spona_domain::Invalid {
                    field,
                    key: "mon-imp-err-out-of-range",
                });
            }
        }
        let due_on = match opt(&self.due_on) {
            None => None,
            Some(d) => {
                let parsed = iso_date(&d);
                if parsed.is_none() {
                    errors.push(spona_domain::Invalid {
                        field: "due_on",
                        key: "mon-imp-err-date",
                    });
                }
                parsed
            }
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(NewIndicator {
            name: name.to_owned(),
            unit: self.unit.trim().chars().take(40).collect(),
            baseline,
            target,
            min_value,
            max_value,
            due_on,
        })
    }
}

/// Whether `v` lies within the (optional) bounds.
pub fn in_range(v: f64, min: Option<f64>, max: Option<f64>) -> bool {
    min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi)
}

/// Adds an indicator to a measure. Platform admins only.
pub async fn add_indicator(
    actor: &Actor,
    db: &Db,
    measure_id: &str,
    draft: &IndicatorDraft,
) -> Result<IndicatorId> {
    let admin = actor.require_admin()?;
    store::get(db, measure_id).await?.ok_or(Error::NotFound)?;
    let i = draft.check()?;
    let mut tx = db.begin().await?;
    let id = store::insert_indicator_in(&mut tx, measure_id, &i).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "monitoring.indicator_added",
            target_kind: "measure",
            target_id: measure_id,
            detail: id.to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A value as its form gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ValueDraft {
    pub measured_on: String,
    pub value: String,
    pub source: String,
}

/// Records an indicator's value of a date (a second value for the same date corrects the
/// first). Refused, naming the field, when the value is not a number or lies outside the
/// indicator's range. Platform admins only.
pub async fn record_value(
    actor: &Actor,
    db: &Db,
    measure_id: &str,
    indicator_id: &str,
    draft: &ValueDraft,
) -> Result<()> {
    let admin = actor.require_admin()?;
    let ind = store::indicator(db, indicator_id)
        .await?
        .filter(|i| i.measure_id == measure_id)
        .ok_or(Error::NotFound)?;
    let mut errors = Vec::new();
    let measured_on = iso_date(&draft.measured_on);
    if measured_on.is_none() {
        errors.push(spona_domain::Invalid {
            field: "measured_on",
            key: "mon-imp-err-date",
        });
    }
    let value = match number(&draft.value) {
        Some(Some(v)) => {
            if !in_range(v, ind.min_value, ind.max_value) {
                errors.push(spona_domain::Invalid {
                    field: "value",
                    key: "mon-imp-err-out-of-range",
                });
            }
            Some(v)
        }
        _ => {
            errors.push(spona_domain::Invalid {
                field: "value",
                key: "mon-imp-err-number",
            });
            None
        }
    };
    let source = draft.source.trim();
    if source.chars().count() > 300 {
        errors.push(spona_domain::Invalid {
            field: "source",
            key: "mon-imp-err-too-long",
        });
    }
    let (Some(measured_on), Some(value), true) = (measured_on, value, errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let mut tx = db.begin().await?;
    store::set_value_in(
        &mut tx,
        indicator_id,
        &measured_on,
        value,
        source,
        Some(admin.id.as_str()),
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "monitoring.indicator_value",
            target_kind: "indicator",
            target_id: indicator_id,
            detail: format!("{measured_on} {value}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges() {
        assert_eq!(number(" 3,5 "), Some(Some(3.5)));
        assert_eq!(number(""), Some(None));
        assert_eq!(number("many"), None);
        assert_eq!(number("NaN"), None);
        assert!(in_range(5.0, Some(0.0), Some(10.0)));
        assert!(!in_range(10.5, Some(0.0), Some(10.0)));
        assert!(!in_range(-1.0, Some(0.0), None));
        assert!(in_range(1e9, None, None));
    }

    #[test]
    fn an_indicator_names_each_broken_field() {
        let d = IndicatorDraft {
            name: " ".into(),
            baseline: "120".into(),
            min_value: "0".into(),
            max_value: "100".into(),
            target: "x".into(),
            ..Default::default()
        };
        let Err(Error::Invalid(list)) = d.check() else {
            panic!("accepted")
        };
        let fields: Vec<_> = list.iter().map(|i| i.field).collect();
        assert_eq!(fields, ["target", "name", "baseline"]);
    }
}
