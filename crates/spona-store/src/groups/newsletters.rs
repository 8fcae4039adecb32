//! A group's newsletters (`newsletters.owner_kind = 'group'`).

use spona_domain::newsletter::OwnerKind;

use crate::newsletters::Newsletter;
use crate::{Db, Result, on_db};

/// The newsletters of group `group_id`, by name.
pub async fn newsletters_of(db: &Db, group_id: &str) -> Result<Vec<Newsletter>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Newsletter>(
        "SELECT id, slug, owner_kind, owner_id, name, description, audience, created_at \
         FROM newsletters WHERE owner_kind = $1 AND owner_id = $2 ORDER BY name")
        .bind(OwnerKind::Group.as_str()).bind(group_id).fetch_all(p).await)?)
}

/// Whether `user_id` takes part in group `group_id` (a member or coordinator, not someone
/// still asking to join): a group's newsletter goes to them without a subscription.
pub async fn takes_part(db: &Db, group_id: &str, user_id: &str) -> Result<bool> {
    let role: Option<String> = on_db!(db, p => sqlx::query_scalar(
        "SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2")
        .bind(group_id).bind(user_id).fetch_optional(p).await)?;
    Ok(role.is_some_and(|r| r != "requested"))
}
