//! Sharing a vault item with an organisation on a partner deployment (issue 20): consent and
//! the share form name the partners' organisations that a local organisation exchanges
//! with, as `fed:<partner>:<organisation>`; sharing with one sends the item with its custody
//! (`spona_app::federation::vault_items::share`) instead of only recording a hand-over.

use spona_app::federation::vault_items;
use spona_app::vault::CaseAccess;
use spona_store::vault::Item;

use super::consent::OrgChoice;
use crate::{AppError, Ctx};

/// The partners' organisations consent may name: "Name (deployment)".
pub async fn partner_choices(ctx: &Ctx) -> Result<Vec<OrgChoice>, AppError> {
    Ok(vault_items::partner_orgs(&ctx.state.db)
        .await?
        .into_iter()
        .map(|o| OrgChoice {
            name: format!("{} ({})", o.name, o.partner_name),
            slug: o.target,
        })
        .collect())
}

/// Whether the share form's choice is a partner's organisation.
pub fn is_partner(org: &str) -> bool {
    vault_items::parse_target(org).is_some()
}

/// Sends the item to the partner's organisation `org`; the packet's id.
pub async fn share(
    ctx: &Ctx,
    access: &CaseAccess<'_>,
    item: &Item,
    org: &str,
    reason: &str,
) -> Result<String, AppError> {
    Ok(vault_items::share(
        &super::actor(ctx)?,
        &ctx.state.db,
        &ctx.state.federation,
        access,
        item,
        org,
        reason,
    )
    .await?)
}
