//! What the newsletter pages show of an issue: its title in the reader's language, and a
//! date.

use spona_domain::newsletter::Variant;
use spona_store::newsletters::Issue;

use crate::Ctx;

/// An issue in a list.
pub struct IssueLine {
    pub id: String,
    pub title: String,
    pub lang: String,
    pub state: &'static str,
    /// When it was sent, or is to be sent, as the locale writes it.
    pub when: String,
}

impl IssueLine {
    pub fn new(ctx: &Ctx, issue: &Issue, variants: &[Variant]) -> Self {
        let chosen = spona_app::newsletters::issues::choose(ctx.locale, variants);
        IssueLine {
            id: issue.id.clone(),
            title: chosen
                .as_ref()
                .map(|v| v.title.clone())
                .unwrap_or_else(|| ctx.t("newsletter-untitled")),
            lang: chosen
                .map(|v| v.lang)
                .unwrap_or_else(|| ctx.locale.tag().to_owned()),
            state: issue.state.as_str(),
            when: issue
                .sent_at
                .or(issue.send_at)
                .map(|t| ctx.datetime(&t))
                .unwrap_or_default(),
        }
    }
}

/// `/newsletters/<slug>`.
pub fn page_path(slug: &str) -> String {
    format!("/newsletters/{slug}")
}
