//! The directory: organisations (list, search, profile, edit, logo), networks, and their
//! JSON API. The rules (who sees contact details, who edits, the audited changes) are in
//! [`spona_app::directory`]; this feature turns requests into its calls and answers into
//! pages and JSON.

pub mod api;
pub mod edit;
pub mod logo;
pub mod networks;
pub mod orgs;
pub mod view;

use spona_app::directory::DirectoryQuery;
use spona_domain::org::DirectoryFilter;

use crate::http::forms::ClientIp;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    let r = edit::routes(r);
    let r = orgs::routes(r);
    let r = logo::routes(r);
    let r = networks::routes(r);
    api::routes(r)
}

/// The store's filter for a directory search from `client` (the page's and the API's):
/// free-text searches are rate-limited per client; unknown codes are a 400 naming the field.
pub(crate) async fn filter_for(
    ctx: &Ctx,
    client: ClientIp,
    query: &DirectoryQuery,
) -> Result<DirectoryFilter, AppError> {
    let filter = query.filter()?;
    if filter.text.is_some() {
        ctx.state.limits.search(client.0).await?;
    }
    Ok(filter)
}
