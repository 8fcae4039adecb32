//! An organisation as a list row or page shows it, in the reader's locale.

use spona_app::Actor;
use spona_store::orgs::Org;

use crate::Ctx;
use crate::http::view::{Shown, pick};

/// An organisation as a list row or page shows it, in the reader's locale.
pub struct OrgView {
    pub org: Org,
    pub name: Shown,
    pub description: Option<Shown>,
    /// The city in the reader's script ([`spona_i18n::place_name`]).
    pub city: String,
    /// Whether the reader may see the contact details ([`spona_app::directory::sees_contacts`]).
    pub show_contacts: bool,
}

impl OrgView {
    pub fn new(ctx: &Ctx, actor: &Actor, org: Org) -> Self {
        let name = crate::names::org_name(ctx.locale, &org);
        let description = pick(ctx.locale, &org.texts, |t| t.description.as_ref());
        let show_contacts = spona_app::directory::sees_contacts(actor, &org);
        let city = spona_i18n::place_name(ctx.locale, &org.country, &org.city);
        OrgView {
            org,
            name,
            description,
            city,
            show_contacts,
        }
    }

    /// Whether the page may be read by, or for, a person at risk (shelters, anti-trafficking,
    /// violence protection): such pages offer the quick-exit control.
    pub fn sensitive(&self) -> bool {
        self.org
            .themes
            .iter()
            .any(|t| matches!(t.as_str(), "gbv-protection" | "anti-trafficking"))
            || self.org.offers.iter().any(|o| o == "safe-houses")
    }

    /// Whether a shown text is in another language than the page (then it needs `lang`).
    pub fn foreign(&self, ctx: &Ctx, shown: &Shown) -> bool {
        !shown.lang.is_empty() && shown.lang != ctx.locale.tag()
    }
}
