//! Several servers, one database: each server's search index follows the changes the others
//! commit (issue 26, item 1).
//!
//! - [`follow`] runs beside the server on PostgreSQL: it listens for the `NOTIFY` migration
//!   0350's trigger sends at each commit that took a new `meta.resource_seq` and catches the
//!   index up at once (milliseconds after the other server's commit); every
//!   [`SAFETY_POLL`] and after a lost connection it also compares the database's change
//!   number with the index's, so a notice lost on the way costs at most that long.
//! - [`fresh_for`] gives read-your-writes: before a signed-in person's search the server
//!   reads the database's change number (one primary-key read) and catches up to it first,
//!   so whoever saved a resource through one server finds it through any other at once,
//!   whether or not the notice has arrived. Anonymous readers cannot have written a
//!   resource and rely on the notice alone. Nothing is kept in the session or a cookie:
//!   the latest number covers every write the person made, through whichever server.
//!
//! SQLite serves one process, whose own writes already catch its index up
//! ([`crate::hub::after_write`]); neither runs there.

use std::time::Duration;

use spona_store::Db;
use spona_store::changes::Listener;
use spona_store::resources;

use crate::Result;
use crate::hub::{self, Index};

/// How often the follower compares change numbers even without a notice.
pub const SAFETY_POLL: Duration = Duration::from_secs(5);

/// Keeps `index` following the database's resource changes until `stop` changes, comparing
/// change numbers every `poll` besides (normally [`SAFETY_POLL`]). Returns at once on SQLite.
pub async fn follow(
    db: Db,
    index: Index,
    poll: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    if !matches!(db, Db::Postgres(_)) {
        return;
    }
    loop {
        let mut listener = match Listener::connect(&db).await {
            Ok(Some(l)) => l,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "search index: cannot listen for other servers' changes; trying again");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(2)) => continue,
                    _ = stop.changed() => return,
                }
            }
        };
        // What was committed before listening (or while the connection was lost).
        catch_up_if_behind(&db, &index).await;
        loop {
            tokio::select! {
                heard = listener.next() => match heard {
                    Ok(Some(seq)) if seq <= index.indexed_seq() => {}
                    Ok(Some(_)) => hub::after_write(&db, &index).await,
                    Ok(None) => catch_up_if_behind(&db, &index).await,
                    Err(e) => {
                        tracing::warn!(error = %e, "search index: listening for changes failed; listening again");
                        break;
                    }
                },
                _ = tokio::time::sleep(poll) => catch_up_if_behind(&db, &index).await,
                _ = stop.changed() => return,
            }
        }
    }
}

async fn catch_up_if_behind(db: &Db, index: &Index) {
    match resources::current_seq(db).await {
        Ok(latest) if latest <= index.indexed_seq() => {}
        Ok(_) => hub::after_write(db, index).await,
        Err(e) => tracing::warn!(error = %e, "search index: reading the change number failed"),
    }
}

/// Read-your-writes for a signed-in reader on PostgreSQL: catches the index up to the
/// database's latest change before searching. A failure leaves the search to answer from
/// the index as it is (and the repair running), never an error page.
pub async fn fresh_for(db: &Db, index: &Index, signed_in: bool) -> Result<()> {
    if !signed_in || !matches!(db, Db::Postgres(_)) || index.rebuilding().is_some() {
        return Ok(());
    }
    let latest = resources::current_seq(db).await?;
    if latest > index.indexed_seq() {
        hub::after_write(db, index).await;
    }
    Ok(())
}

/// The index's lag: (change number indexed, the database's latest change number).
pub async fn lag(db: &Db, index: &Index) -> Result<(i64, i64)> {
    Ok((index.indexed_seq(), resources::current_seq(db).await?))
}
