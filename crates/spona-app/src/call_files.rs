//! Files attached to a call (guidelines, application forms): added by whoever may edit the
//! call, read by everyone (calls are public). The bytes count against the posting
//! organisation's hub quota; a call posted for an outside funder counts against none.

use spona_store::call_files::{self as store, CallFile};
use spona_store::quota::{Charge, Scope};
use spona_store::{Db, audit};

use crate::calls::{editable, read};
use crate::quota::{Quotas, hub_scopes};
use crate::{Actor, Result};

/// The quota scopes a file for call `id` counts against, once the actor may edit the call
/// (checked before a byte of the upload is read).
pub async fn upload_scopes(actor: &Actor, db: &Db, q: &Quotas, id: &str) -> Result<Vec<Scope>> {
    let call = editable(db, actor, id).await?;
    Ok(call.org_id.map(|o| hub_scopes(q, &o)).unwrap_or_default())
}

/// Records a stored file as the call's, with its quota charge, in one transaction.
pub async fn add(actor: &Actor, db: &Db, f: &CallFile, charge: &Charge) -> Result<()> {
    let user = actor.require_user()?.id.clone();
    editable(db, actor, &f.call_id).await?;
    let mut tx = db.begin().await?;
    store::add_in(&mut tx, f, &user, charge).await?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: Some(&user),
            action: "call.attachment",
            target_kind: "call",
            target_id: &f.call_id,
            detail: f.sha256.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A call's files (the call must exist).
pub async fn list(db: &Db, call_id: &str) -> Result<Vec<CallFile>> {
    read(db, call_id).await?;
    Ok(store::of_call(db, call_id).await?)
}
