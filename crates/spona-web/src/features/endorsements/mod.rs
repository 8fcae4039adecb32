//! Endorsement campaigns by people (issue 22 item 3): the list and a campaign's page with
//! its live counts per country and the endorsement form (`pages.rs`), the confirmation
//! link's page with one button (`confirm.rs`), the campaign form that opens a campaign
//! (`campaign_form.rs`) and changes it (`campaign_edit.rs`, with closing it and the daily
//! counts), the coordinators' review and bulk invalidation (`review.rs`), the JSON API
//! (`api.rs`) and the in-memory limits that slow bursts (`limits.rs`). Pages live under
//! `/campaigns`; the rules are in `spona_app::endorsements`.

pub mod api;
pub mod campaign_edit;
pub mod campaign_form;
pub mod confirm;
pub mod limits;
pub mod pages;
pub mod review;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = confirm::routes(r);
    let r = campaign_form::routes(r);
    let r = campaign_edit::routes(r);
    let r = review::routes(r);
    api::routes(r)
}

fn mailer(state: &crate::AppState) -> spona_app::endorsements::Mailer<'_> {
    spona_app::endorsements::Mailer {
        tr: &state.tr,
        public_url: &state.config.public_url,
    }
}

/// Forgets endorsements never confirmed within 7 days, at start and then every 10 minutes,
/// until `stop` changes or its sender is dropped; a failure is logged and tried again.
pub fn spawn_purge(
    state: crate::AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let period = std::time::Duration::from_secs(600);
        loop {
            crate::scale::jobs::once(&state.db, "endorsement-purge", period, async {
                match spona_app::endorsements::purge_unconfirmed(&state.db, spona_store::now())
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(forgotten = n, "unconfirmed endorsements forgotten"),
                    Err(e) => {
                        tracing::error!(error = %e, "forgetting unconfirmed endorsements failed")
                    }
                }
            })
            .await;
            tokio::select! {
                _ = tokio::time::sleep(crate::scale::jobs::look_every(&state.db, period)) => {}
                _ = stop.changed() => return,
            }
        }
    })
}
