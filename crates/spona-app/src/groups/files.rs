//! Files attached to posts: the room an upload may use (the poster's organisation's hub
//! quota, as for a resource's attachments), recording them with their post in one
//! transaction, and who may download them (the group's members, while the thread is neither
//! hidden nor deleted).

use spona_store::Db;
use spona_store::groups::{self as store, PostFile};
use spona_store::quota::Scope;

use crate::quota::{Quotas, Room};
use crate::{Actor, Error, Result};

/// The most files one post carries.
pub const MAX_FILES: usize = 5;

/// A file already in the attachment store, to record with a post.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub filename: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    pub active_content: String,
}

/// The files of a post being written, with the room their quota left.
#[derive(Debug, Clone)]
pub struct Upload {
    pub files: Vec<NewFile>,
    pub room: Room,
}

/// The quota a post's files count against: the hub quota of the poster's first
/// organisation (by id, so always the same one); none for a person of no organisation
/// (a platform admin), whose files only meet the size limit per file.
pub fn scopes(actor: &Actor, q: &Quotas) -> Vec<Scope> {
    actor
        .memberships()
        .iter()
        .map(|m| m.org_id.as_str())
        .min()
        .map(|org| crate::quota::hub_scopes(q, org))
        .unwrap_or_default()
}

/// Records `upload`'s files for post `post_id` inside the post's transaction; over quota,
/// the store's error drops the transaction (nothing of the post is saved).
pub(crate) async fn record_in(
    tx: &mut spona_store::Tx,
    post_id: &str,
    thread_id: &str,
    upload: Option<&Upload>,
    at: i64,
) -> Result<()> {
    let Some(upload) = upload else {
        return Ok(());
    };
    if upload.files.len() > MAX_FILES {
        return Err(Error::BadRequest("err-group-files-many"));
    }
    for f in &upload.files {
        let row = PostFile {
            id: spona_store::new_id(),
            post_id: post_id.to_owned(),
            thread_id: thread_id.to_owned(),
            filename: f.filename.clone(),
            media_type: f.media_type.clone(),
            size: i64::try_from(f.size).unwrap_or(i64::MAX),
            sha256: f.sha256.clone(),
            active_content: f.active_content.clone(),
            created_at: at,
        };
        let charge = upload.room.charge(f.size, Some(row.id.clone()));
        store::add_file_in(tx, &row, &charge).await?;
    }
    Ok(())
}

/// A file of a post, for a member of its group; not found when the thread is hidden or
/// deleted (its files are not served then).
pub async fn file(actor: &Actor, db: &Db, post_id: &str, file_id: &str) -> Result<PostFile> {
    actor.require_user()?;
    if uuid::Uuid::parse_str(post_id).is_err() || uuid::Uuid::parse_str(file_id).is_err() {
        return Err(Error::NotFound);
    }
    let post = store::post(db, post_id).await?;
    let (thread, _) = super::discussions::thread(actor, db, &post.thread_id).await?;
    if thread.hidden_reason.is_some() {
        return Err(Error::NotFound);
    }
    Ok(store::file(db, post_id, file_id).await?)
}
