//! Every attachment the database names, for `spona attachments verify`: the SHA-256 that
//! names its bytes in the attachment store, once per content, with how many rows use it.

use crate::{Db, Result, on_db};

/// One stored content and the rows that name it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRef {
    pub sha256: String,
    /// The tables that name it, comma-separated (`resource_attachments,event_materials`).
    pub used_by: String,
    pub uses: i64,
}

const SQL: &str = "SELECT sha256, MIN(used_by) || CASE WHEN COUNT(DISTINCT used_by) > 1 \
     THEN ',…' ELSE '' END AS used_by, COUNT(*) AS uses FROM ( \
     SELECT sha256, 'resource_attachments' AS used_by FROM resource_attachments \
     UNION ALL SELECT sha256, 'group_post_files' FROM group_post_files \
     UNION ALL SELECT sha256, 'event_materials' FROM event_materials \
     UNION ALL SELECT sha256, 'call_attachments' FROM call_attachments \
     ) AS files GROUP BY sha256 ORDER BY sha256";

/// Every distinct attachment content the database refers to, by hash.
pub async fn attachment_refs(db: &Db) -> Result<Vec<AttachmentRef>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, AttachmentRef>(SQL).fetch_all(p).await)?)
}
