//! The hub's use cases as the pages and the API call them: the request's actor, the
//! server's database and index, and the owner's name in the reader's language.

use spona_app::resources::{self as hub, Editable};
use spona_store::resources::Resource;

use crate::{AppError, Ctx};

/// A resource the reader may see (404 otherwise), its owner named in their language.
pub async fn readable(ctx: &Ctx, id: &str) -> Result<Resource, AppError> {
    let mut r = hub::read(&ctx.state.db, &ctx.actor(), id).await?;
    name_owner(ctx, &mut r).await?;
    Ok(r)
}

/// A resource the reader may edit: sign-in first, 404 if they may not see it, 403 if they
/// may only read it.
pub async fn editable(ctx: &Ctx, id: &str) -> Result<Editable, AppError> {
    let mut r = hub::editable(&ctx.state.db, &ctx.actor(), id).await?;
    name_owner(ctx, r.resource_mut()).await?;
    Ok(r)
}

async fn name_owner(ctx: &Ctx, r: &mut Resource) -> Result<(), AppError> {
    r.owner_name = crate::names::OrgNames::load(ctx)
        .await?
        .of(&r.owner_org_id, &r.owner_name);
    Ok(())
}

/// Whether the reader may edit this resource.
pub fn can_edit(ctx: &Ctx, r: &Resource) -> bool {
    spona_app::hub::can_edit(&ctx.actor(), r)
}
