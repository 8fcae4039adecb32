//! The hearing form, one for adding a hearing (`forms.rs`) and for correcting one
//! (`edit.rs`, filled with what is stored, its sealed note opened): when, in which zone, its
//! status, an adjournment's reason and a note (sealed). Shown again with its errors (422)
//! and nothing saved when refused.

use askama::Template;
use axum::response::Response;
use serde::Deserialize;
use spona_domain::trial::{ADJOURNMENT_REASONS, COUNTRY_ZONES, HEARING_STATUSES, HearingDraft};
use spona_store::trials::{Case, Hearing};

use super::view;
use crate::Ctx;
use crate::http::forms::{FormErrors, form_status};
use crate::http::options::{OptionList, options};
use crate::http::view::render;

/// Every field of the hearing form. Correcting a hearing posts no `once`.
#[derive(Deserialize, Default)]
pub(super) struct HearingForm {
    #[serde(default)]
    pub at: String,
    #[serde(default)]
    pub zone: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub once: String,
}

impl HearingForm {
    pub(super) fn into_draft(self) -> HearingDraft {
        HearingDraft {
            at: self.at,
            zone: self.zone,
            status: self.status,
            reason: self.reason,
            note: self.note,
        }
    }
}

#[derive(Template)]
#[template(path = "trials/templates/hearing_form.html")]
struct FormPage {
    ctx: Ctx,
    case: Case,
    /// The hearing corrected; none: a new one.
    hearing: Option<Hearing>,
    draft: HearingDraft,
    errors: FormErrors,
}

impl FormPage {
    fn heading(&self) -> String {
        view::heading(&self.case)
    }
    fn back(&self) -> String {
        self.ctx.href(&view::case_href(&self.case))
    }
    fn action(&self) -> String {
        match &self.hearing {
            Some(h) => format!("{}/hearings/{}/edit", self.back(), h.id),
            None => format!("{}/hearings/new", self.back()),
        }
    }
    fn zones(&self) -> Vec<String> {
        let mut z: Vec<String> = Vec::new();
        for (_, zone) in COUNTRY_ZONES {
            if !z.iter().any(|x| x == zone) {
                z.push((*zone).to_owned());
            }
        }
        z
    }
    fn statuses(&self) -> OptionList {
        HEARING_STATUSES
            .codes
            .iter()
            .map(|c| ((*c).to_owned(), self.ctx.label("trial-hearing", c)))
            .collect()
    }
    fn reasons(&self) -> OptionList {
        options(&self.ctx, ADJOURNMENT_REASONS)
    }
}

/// The form page (422 with errors); `hearing`: the one corrected, none for a new one.
pub(super) fn form_page(
    ctx: Ctx,
    case: Case,
    hearing: Option<Hearing>,
    draft: HearingDraft,
    errors: FormErrors,
) -> Response {
    render(
        form_status(&errors),
        &FormPage {
            ctx,
            case,
            hearing,
            draft,
            errors,
        },
    )
}
