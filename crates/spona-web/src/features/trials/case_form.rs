//! The case form, one for opening a case (`pages.rs`: with the organisations that monitor it)
//! and for correcting one (`edit.rs`): its country, court, case number, charges, parties and
//! indictment. Shown again with its errors (422) and nothing saved when refused.

use askama::Template;
use axum::response::Response;
use serde::Deserialize;
use spona_domain::trial::{CHARGES, COUNTRY_ZONES, CaseDraft};
use spona_store::trials::Case;

use super::view;
use crate::Ctx;
use crate::http::forms::{FormErrors, form_status};
use crate::http::options::{OptionList, options};
use crate::http::view::render;

/// Every field of the case form. Correcting a case posts neither `orgs`, `partner` nor
/// `once`: who monitors it stays.
#[derive(Deserialize, Default)]
pub(super) struct CaseForm {
    #[serde(default)]
    pub orgs: Vec<String>,
    #[serde(default)]
    pub partner: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub court: String,
    #[serde(default)]
    pub case_number: String,
    #[serde(default)]
    pub charges: Vec<String>,
    #[serde(default)]
    pub defendants: String,
    #[serde(default)]
    pub victims: String,
    #[serde(default)]
    pub indicted_on: String,
    #[serde(default)]
    pub once: String,
}

impl CaseForm {
    pub(super) fn draft(&self) -> CaseDraft {
        CaseDraft {
            country: self.country.clone(),
            court: self.court.clone(),
            case_number: self.case_number.clone(),
            charges: self.charges.clone(),
            defendants: self.defendants.clone(),
            victims: self.victims.clone(),
            indicted_on: self.indicted_on.clone(),
        }
    }
}

/// Who monitors a new case.
pub(super) struct Monitors {
    /// The organisations chosen (slugs).
    pub orgs: Vec<String>,
    /// The reader's organisations: `(slug, name)`.
    pub my_orgs: Vec<(String, String)>,
    /// Every organisation, for a partner that monitors the case too: `(slug, name)`.
    pub partners: Vec<(String, String)>,
    /// The partner chosen (a slug, or empty).
    pub partner: String,
}

impl Monitors {
    fn has_org(&self, slug: &str) -> bool {
        self.orgs.iter().any(|o| o == slug)
    }
}

/// What the form is for.
pub(super) enum Purpose {
    /// Opening a case.
    New(Monitors),
    /// Correcting a stored case.
    Edit(Case),
}

#[derive(Template)]
#[template(path = "trials/templates/case_form.html")]
struct FormPage {
    ctx: Ctx,
    purpose: Purpose,
    draft: CaseDraft,
    errors: FormErrors,
}

impl FormPage {
    fn monitors(&self) -> Option<&Monitors> {
        match &self.purpose {
            Purpose::New(m) => Some(m),
            Purpose::Edit(_) => None,
        }
    }
    fn editing(&self) -> bool {
        matches!(self.purpose, Purpose::Edit(_))
    }
    /// The case corrected: "number · court"; empty for a new case.
    fn heading(&self) -> String {
        match &self.purpose {
            Purpose::Edit(case) => view::heading(case),
            Purpose::New(_) => String::new(),
        }
    }
    /// Where the form leads back to: the case corrected, or the list of cases.
    fn back(&self) -> String {
        match &self.purpose {
            Purpose::Edit(case) => self.ctx.href(&view::case_href(case)),
            Purpose::New(_) => self.ctx.href("/monitoring/trials"),
        }
    }
    fn action(&self) -> String {
        match &self.purpose {
            Purpose::Edit(case) => self.ctx.href(&format!("{}/edit", view::case_href(case))),
            Purpose::New(_) => self.ctx.href("/monitoring/trials/new"),
        }
    }
    fn countries(&self) -> OptionList {
        COUNTRY_ZONES
            .iter()
            .map(|(c, _)| ((*c).to_owned(), self.ctx.label("country", c)))
            .collect()
    }
    fn charges(&self) -> OptionList {
        options(&self.ctx, CHARGES)
    }
}

/// The form page (422 with errors).
pub(super) fn form_page(
    ctx: Ctx,
    purpose: Purpose,
    draft: CaseDraft,
    errors: FormErrors,
) -> Response {
    render(
        form_status(&errors),
        &FormPage {
            ctx,
            purpose,
            draft,
            errors,
        },
    )
}
