//! What the service form posts, read into a draft: rows as parallel lists, the row a
//! button adds, the blank rows a form shows, the hours' messages row by row; and a saved
//! service as the form shows it.

use super::*;

/// Blank rows a new form shows: locations and weekly hours.
pub(super) const LOCATION_ROWS: usize = 1;
pub(super) const HOUR_ROWS: usize = 3;
/// The most rows a form may post (more is a malformed form, 400).
pub(super) const LOCATION_ROWS_MAX: usize = 20;
pub(super) const HOUR_ROWS_MAX: usize = 42;

/// Per row of weekly hours, the message key of what is wrong with it: its own day or times,
/// or an overlap with an earlier row of the same day (the domain's rules, told row by row).
pub(super) fn hour_error_keys(rows: &[OpeningDraft]) -> Vec<Option<&'static str>> {
    let mut seen: Vec<spona_domain::service::Opening> = Vec::new();
    rows.iter()
        .map(|r| {
            let mut errs = Vec::new();
            let opening = validate_hours(std::slice::from_ref(r), &mut errs);
            if let Some(e) = errs.first() {
                return Some(e.key);
            }
            let o = opening.first()?;
            let overlaps = seen
                .iter()
                .any(|p| p.day == o.day && p.opens < o.closes && o.opens < p.closes);
            seen.push(*o);
            overlaps.then_some("err-service-hours-overlap")
        })
        .collect()
}

/// Per text row, its problems as (field, message): the domain's rules told row by row
/// (a blank row has none).
pub(super) fn text_row_errors(ctx: &Ctx, rows: &[ServiceText]) -> Vec<Vec<(&'static str, String)>> {
    let mut langs = Vec::new();
    rows.iter()
        .map(|t| {
            if is_blank_text(t) {
                return Vec::new();
            }
            text_row_problems(t, &mut langs)
                .into_iter()
                .map(|p| (p.field, ctx.t(p.key)))
                .collect()
        })
        .collect()
}

/// Per location row, its messages (a blank row has none).
pub(super) fn location_row_errors(ctx: &Ctx, rows: &[LocationDraft]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|l| {
            if is_blank_location(l) {
                return Vec::new();
            }
            location_row_problems(l)
                .into_iter()
                .map(|p| ctx.t(p.key))
                .collect()
        })
        .collect()
}

pub(super) fn hour_errors(ctx: &Ctx, rows: &[OpeningDraft]) -> Vec<Option<String>> {
    hour_error_keys(rows)
        .into_iter()
        .map(|k| k.map(|k| ctx.t(k)))
        .collect()
}

pub(super) fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A service's values as the form shows them.
pub(super) fn draft_of(s: &Service) -> ServiceDraft {
    ServiceDraft {
        kind: s.kind.clone(),
        texts: s.texts.clone(),
        access: s.access.as_str().to_owned(),
        genders: s.genders.clone(),
        age_bands: s.age_bands.iter().map(|a| a.as_str().to_owned()).collect(),
        statuses: s.statuses.clone(),
        languages: s.languages.clone(),
        area_countries: s
            .areas
            .iter()
            .filter(|a| a.municipality.is_none())
            .map(|a| a.country.clone())
            .collect(),
        area_municipalities: s
            .areas
            .iter()
            .filter_map(|a| Some(format!("{}: {}", a.country, a.municipality.as_ref()?)))
            .collect::<Vec<_>>()
            .join("\n"),
        locations: s
            .locations
            .iter()
            .map(|l| LocationDraft {
                name: l.name.clone(),
                address: l.address.clone(),
                city: l.city.clone(),
                country: l.country.clone(),
            })
            .collect(),
        hours: s
            .hours
            .iter()
            .map(|h| OpeningDraft {
                day: h.opening.day.as_str().to_owned(),
                opens: hhmm(h.opening.opens),
                closes: hhmm(h.opening.closes),
            })
            .collect(),
        email: s.email.clone().unwrap_or_default(),
        phone: s.phone.clone().unwrap_or_default(),
        url: s.url.clone().unwrap_or_default(),
        free: s.free,
        cost: s.cost.clone().unwrap_or_default(),
        capacity_total: s.capacity.total.map(|t| t.to_string()).unwrap_or_default(),
        referral_fields: s
            .referral_fields
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
    }
}

/// A shown form has at least the rows a new form has: one text (in the reader's language),
/// the blank location and hours rows.
pub(super) fn pad(d: &mut ServiceDraft, lang: &str) {
    if d.texts.is_empty() {
        d.texts.push(ServiceText {
            lang: lang.to_owned(),
            ..ServiceText::default()
        });
    }
    while d.locations.len() < LOCATION_ROWS {
        d.locations.push(LocationDraft::default());
    }
    while d.hours.len() < HOUR_ROWS {
        d.hours.push(OpeningDraft::default());
    }
}

/// Every field of the form; rows come as parallel lists (`text_lang`, `text_name`, …).
#[derive(Deserialize, Default)]
pub(super) struct ServiceForm {
    #[serde(default)]
    pub(super) org: String,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) text_lang: Vec<String>,
    #[serde(default)]
    pub(super) text_name: Vec<String>,
    #[serde(default)]
    pub(super) text_description: Vec<String>,
    #[serde(default)]
    pub(super) text_eligibility: Vec<String>,
    #[serde(default)]
    pub(super) access: String,
    #[serde(default)]
    pub(super) genders: Vec<String>,
    #[serde(default)]
    pub(super) age_bands: Vec<String>,
    #[serde(default)]
    pub(super) statuses: Vec<String>,
    #[serde(default)]
    pub(super) languages: Vec<String>,
    #[serde(default)]
    pub(super) area_countries: Vec<String>,
    #[serde(default)]
    pub(super) area_municipalities: String,
    #[serde(default)]
    pub(super) loc_name: Vec<String>,
    #[serde(default)]
    pub(super) loc_address: Vec<String>,
    #[serde(default)]
    pub(super) loc_city: Vec<String>,
    #[serde(default)]
    pub(super) loc_country: Vec<String>,
    #[serde(default)]
    pub(super) hour_day: Vec<String>,
    #[serde(default)]
    pub(super) hour_opens: Vec<String>,
    #[serde(default)]
    pub(super) hour_closes: Vec<String>,
    #[serde(default)]
    pub(super) email: String,
    #[serde(default)]
    pub(super) phone: String,
    #[serde(default)]
    pub(super) url: String,
    #[serde(default)]
    pub(super) free: String,
    #[serde(default)]
    pub(super) cost: String,
    #[serde(default)]
    pub(super) capacity_total: String,
    #[serde(default)]
    pub(super) referral_fields: Vec<String>,
    /// `text`, `location` or `hours`: show the form again with one more such row.
    #[serde(default)]
    pub(super) add: String,
    /// `publish` publishes the service once saved.
    #[serde(default)]
    pub(super) action: String,
    #[serde(default)]
    pub(super) once: String,
}

pub(super) fn cell(v: &[String], i: usize) -> String {
    v.get(i).cloned().unwrap_or_default()
}

pub(super) fn rows(lists: &[&Vec<String>]) -> usize {
    lists.iter().map(|l| l.len()).max().unwrap_or(0)
}

impl ServiceForm {
    /// The draft the form holds; a form with more rows than any form shows is malformed.
    pub(super) fn draft(&self) -> Result<ServiceDraft, AppError> {
        let n_texts = rows(&[
            &self.text_lang,
            &self.text_name,
            &self.text_description,
            &self.text_eligibility,
        ]);
        let n_locs = rows(&[
            &self.loc_name,
            &self.loc_address,
            &self.loc_city,
            &self.loc_country,
        ]);
        let n_hours = rows(&[&self.hour_day, &self.hour_opens, &self.hour_closes]);
        if n_texts > TEXT_LANGUAGES.codes.len()
            || n_locs > LOCATION_ROWS_MAX
            || n_hours > HOUR_ROWS_MAX
        {
            return Err(AppError::BadRequest("err-bad-form"));
        }
        Ok(ServiceDraft {
            kind: self.kind.clone(),
            texts: (0..n_texts)
                .map(|i| ServiceText {
                    lang: cell(&self.text_lang, i),
                    name: cell(&self.text_name, i),
                    description: cell(&self.text_description, i),
                    eligibility: cell(&self.text_eligibility, i),
                })
                .collect(),
            access: self.access.clone(),
            genders: self.genders.clone(),
            age_bands: self.age_bands.clone(),
            statuses: self.statuses.clone(),
            languages: self.languages.clone(),
            area_countries: self.area_countries.clone(),
            area_municipalities: self.area_municipalities.clone(),
            locations: (0..n_locs)
                .map(|i| LocationDraft {
                    name: cell(&self.loc_name, i),
                    address: cell(&self.loc_address, i),
                    city: cell(&self.loc_city, i),
                    country: cell(&self.loc_country, i),
                })
                .collect(),
            hours: (0..n_hours)
                .map(|i| OpeningDraft {
                    day: cell(&self.hour_day, i),
                    opens: cell(&self.hour_opens, i),
                    closes: cell(&self.hour_closes, i),
                })
                .collect(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            url: self.url.clone(),
            free: self.free == "yes",
            cost: self.cost.clone(),
            capacity_total: self.capacity_total.clone(),
            referral_fields: self.referral_fields.clone(),
        })
    }
}

/// Adds the row the form asked for; whether it asked for one (then nothing is saved).
pub(super) fn add_row(d: &mut ServiceDraft, add: &str) -> Result<bool, AppError> {
    match add {
        "" => return Ok(false),
        "text" if d.texts.len() < TEXT_LANGUAGES.codes.len() => {
            // The next language not yet written, so the new row is ready to fill.
            let lang = TEXT_LANGUAGES
                .codes
                .iter()
                .find(|c| !d.texts.iter().any(|t| t.lang == **c))
                .copied()
                .unwrap_or_default();
            d.texts.push(ServiceText {
                lang: lang.to_owned(),
                ..ServiceText::default()
            });
        }
        "location" if d.locations.len() < LOCATION_ROWS_MAX => {
            d.locations.push(LocationDraft::default())
        }
        "hours" if d.hours.len() < HOUR_ROWS_MAX => d.hours.push(OpeningDraft::default()),
        "text" | "location" | "hours" => {}
        _ => return Err(AppError::BadRequest("err-bad-form")),
    }
    Ok(true)
}
