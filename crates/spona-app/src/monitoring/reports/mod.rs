//! Shadow reports (issue 21 item 5): chosen recommendations with the state's status and the
//! participating organisations' current assessments and evidence, in a chosen language, as
//! ODT or DOCX (PDF when LibreOffice is on the machine), with the co-signing organisations.
//!
//! Who may make one: platform admins and members of participating organisations
//! ([`may_make`]). What is chosen is checked once ([`check`]); the data is read in a fixed
//! number of queries (`spona_store::monitoring::report_data`), turned into a
//! [`document::Document`] ([`build::build`]) and written by [`odt`] or [`docx`]. Every report
//! made is audited (`monitoring.report`).

pub mod build;
pub mod cosign;
pub mod document;
pub mod docx;
pub mod odt;
pub mod pdf;

use spona_domain::{Invalid, Locale};
use spona_i18n::Translator;
use spona_store::Db;
use spona_store::monitoring::participants;
use spona_store::monitoring::report_data::{self, Participant, Selection};

use crate::{Actor, Error, Result};

/// The most recommendations one report holds.
pub const MAX_RECOMMENDATIONS: usize = 500;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The most ids, paragraph numbers or co-signing organisations one request may list.
pub const MAX_LISTED: usize = 500;

/// A report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Odt,
    Docx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Odt, Format::Docx, Format::Pdf];

    /// The file name extension, which is also the form's value.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Odt => "odt",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.ext() == s)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Odt => odt::MEDIA_TYPE,
            Format::Docx => docx::MEDIA_TYPE,
            Format::Pdf => "application/pdf",
        }
    }

    /// Whether this machine can make it (PDF needs LibreOffice).
    pub fn available(self) -> bool {
        self != Format::Pdf || pdf::converter().is_some()
    }
}

/// What a person asks for.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    pub selection: Selection,
    /// The report's language tag (`en`, `sr-Latn`, `sr-Cyrl`, `uk`); empty: the reader's.
    pub lang: String,
    /// Empty: the default title in the report's language.
    pub title: String,
    /// The co-signing organisations' slugs: participants only.
    pub cosigners: Vec<String>,
}

/// A request found sound: the recommendations' ids and the rest, resolved.
#[derive(Debug, Clone)]
pub struct Checked {
    pub ids: Vec<String>,
    pub locale: Locale,
    pub title: Option<String>,
    pub cosigners: Vec<Participant>,
}

/// Platform admins and members of participating organisations; anyone else is refused
/// (sign in first, or 403).
pub async fn may_make(actor: &Actor, db: &Db) -> Result<()> {
    actor.require_user()?;
    if actor.is_admin() {
        return Ok(());
    }
    let taking_part = participants::all(db).await?;
    if actor
        .memberships()
        .iter()
        .any(|m| taking_part.contains(&m.org_id))
    {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Whether this actor may make reports (for showing the way to the form).
pub async fn can_make(actor: &Actor, db: &Db) -> Result<bool> {
    match may_make(actor, db).await {
        Ok(()) => Ok(true),
        Err(Error::Forbidden | Error::SignInRequired) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Checks access and every choice; field problems come back together as
/// [`Error::Invalid`] (fields `selection`, `lang`, `title`, `org`).
pub async fn check(actor: &Actor, db: &Db, req: &ReportRequest, reader: Locale) -> Result<Checked> {
    may_make(actor, db).await?;
    check_choices(db, req, reader).await
}

/// [`check`] without the access rule (a saved report's readers are decided by
/// [`cosign::load`]).
pub async fn check_choices(db: &Db, req: &ReportRequest, reader: Locale) -> Result<Checked> {
    let mut invalid = Vec::new();
    let locale = match req.lang.trim() {
        "" => reader,
        tag => Locale::from_tag(tag).unwrap_or_else(|| {
            invalid.push(Invalid::new("lang", "mon-rep-err-lang"));
            reader
        }),
    };
    let title = req.title.trim();
    if title.chars().count() > MAX_TITLE {
        invalid.push(Invalid::new("title", "mon-rep-err-title-long"));
    }
    let sel = &req.selection;
    let mut ids = Vec::new();
    if sel.is_empty() {
        invalid.push(Invalid::new("selection", "mon-rep-err-empty"));
    } else if sel.ids.len() > MAX_LISTED || sel.paragraphs.len() > MAX_LISTED {
        invalid.push(Invalid::new("selection", "mon-rep-err-too-many"));
    } else {
        ids = report_data::select_ids(db, sel, MAX_RECOMMENDATIONS + 1).await?;
        if ids.is_empty() {
            invalid.push(Invalid::new("selection", "mon-rep-err-none-match"));
        } else if ids.len() > MAX_RECOMMENDATIONS {
            invalid.push(Invalid::new("selection", "mon-rep-err-too-many"));
        }
    }
    let mut cosigners = Vec::new();
    if req.cosigners.len() > MAX_LISTED {
        invalid.push(Invalid::new("org", "mon-rep-err-org"));
    } else if !req.cosigners.is_empty() {
        let all = report_data::participants(db).await?;
        for slug in &req.cosigners {
            match all.iter().find(|p| &p.slug == slug) {
                Some(p) if !cosigners.contains(p) => cosigners.push(p.clone()),
                Some(_) => {}
                None => {
                    invalid.push(Invalid::new("org", "mon-rep-err-org"));
                    break;
                }
            }
        }
    }
    if !invalid.is_empty() {
        return Err(Error::Invalid(invalid));
    }
    Ok(Checked {
        ids,
        locale,
        title: (!title.is_empty()).then(|| title.to_owned()),
        cosigners,
    })
}

/// A report ready to send.
#[derive(Debug, Clone)]
pub struct Made {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub media_type: &'static str,
    pub recommendations: usize,
}

/// Today as an ISO date (UTC).
fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

/// Checks, reads, builds and writes the report, and audits it.
pub async fn make(
    actor: &Actor,
    db: &Db,
    tr: &Translator,
    base_url: &str,
    req: &ReportRequest,
    reader: Locale,
    format: Format,
) -> Result<Made> {
    let checked = check(actor, db, req, reader).await?;
    // Co-signers named here have not confirmed: they are asked through a saved report
    // (`cosign::save`), whose documents list only those that confirmed.
    if !checked.cosigners.is_empty() {
        return Err(Error::Invalid(vec![Invalid::new(
            "org",
            "mxt-err-cosign-unsaved",
        )]));
    }
    make_checked(actor, db, tr, base_url, checked, format).await
}

/// Reads, builds and writes the report of choices already checked, and audits it.
pub async fn make_checked(
    actor: &Actor,
    db: &Db,
    tr: &Translator,
    base_url: &str,
    checked: Checked,
    format: Format,
) -> Result<Made> {
    if !format.available() {
        return Err(Error::Unavailable("mon-rep-err-no-pdf"));
    }
    let data = report_data::load(db, &checked.ids).await?;
    let today = today();
    let doc = build::build(
        &data,
        &build::Input {
            tr,
            locale: checked.locale,
            title: checked.title.as_deref(),
            cosigners: &checked.cosigners,
            base_url,
            today: &today,
        },
    );
    let bytes = match format {
        Format::Odt => odt::write(&doc)?,
        Format::Docx => docx::write(&doc)?,
        Format::Pdf => pdf::from_odt(odt::write(&doc)?).await?,
    };
    let cosigners: Vec<&str> = checked.cosigners.iter().map(|p| p.slug.as_str()).collect();
    spona_store::audit::record(
        db,
        spona_store::audit::Event {
            actor_id: actor.id(),
            action: "monitoring.report",
            target_kind: "report",
            target_id: format.ext(),
            detail: format!(
                "{} recommendations in {}; co-signed by: {}",
                data.recommendations.len(),
                checked.locale.tag(),
                cosigners.join(", ")
            ),
        },
    )
    .await?;
    Ok(Made {
        bytes,
        file_name: format!("shadow-report-{today}.{}", format.ext()),
        media_type: format.media_type(),
        recommendations: data.recommendations.len(),
    })
}

#[cfg(test)]
mod tests;
