//! Leaving a list with one click (RFC 8058), and confirming an address that bounced.
//!
//! Every message of a list carries a link `/mail/unsubscribe/<token>`: the token is random
//! (32 bytes), stored with the address and list it stands for (`mail_list_tokens`), the same
//! in every message of that list to that address. Opening the link changes nothing (mail
//! scanners open links); the one button on its page, or a mail client's
//! `List-Unsubscribe=One-Click` POST, records the opt-out.
//!
//! An address whose server refused mail for good (5xx) gets no list mail until its person
//! confirms it: a confirmation mail (asked for by the signed-in person) holds a link whose
//! SHA-256 is stored with the bounce; its page's button forgets the bounce.

use sha2::{Digest, Sha256};
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::mail_send::{self, Bounce, ListToken};

use crate::{Error, Result};

/// A new random token (64 hex digits).
pub fn fresh_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex::encode(bytes)
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` is shaped like one of ours (anything else is refused before the database).
fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What an unsubscribe link stands for; `NotFound` for a forged or unknown token.
pub async fn target(db: &Db, token: &str) -> Result<ListToken> {
    if !well_formed(token) {
        return Err(Error::NotFound);
    }
    mail_send::by_token(db, token).await?.ok_or(Error::NotFound)
}

/// What leaving a list did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// The address left the list now.
    Now,
    /// It had left it before (a token used again).
    Already,
}

/// Records that the address of `token` leaves its list (audited, without the address);
/// `NotFound` for a forged token.
pub async fn leave(db: &Db, token: &str) -> Result<(ListToken, Left)> {
    let t = target(db, token).await?;
    if t.left {
        return Ok((t, Left::Already));
    }
    let mut tx = db.begin().await?;
    super::opt_out_in(&mut tx, &t.address, &t.list_id).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: None,
            action: "mail.unsubscribed",
            target_kind: "mail_list",
            target_id: &t.list_id,
            detail: String::new(),
        },
    )
    .await?;
    spona_store::tx::fault_point("mail.unsubscribe")?;
    tx.commit().await?;
    Ok((t, Left::Now))
}

/// Whether (and why) the address `email` bounced.
pub async fn bounce_of(db: &Db, email: &str) -> Result<Option<Bounce>> {
    Ok(mail_send::bounce(db, email).await?)
}

/// Queues a confirmation mail to the bouncing address `email` of the person `user_id`; the
/// mail is built by `compose` from the link's token. `false` (nothing done) when the address
/// is not bouncing.
pub async fn request_confirmation(
    db: &Db,
    user_id: &str,
    email: &str,
    compose: impl FnOnce(&str) -> super::Mail,
) -> Result<bool> {
    let token = fresh_token();
    let mut tx = db.begin().await?;
    if !mail_send::set_confirm_hash_in(&mut tx, email, &hash(&token)).await? {
        return Ok(false);
    }
    super::enqueue_in(&mut tx, &compose(&token)).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(user_id),
            action: "mail.confirmation_requested",
            target_kind: "user",
            target_id: user_id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether a confirmation link is still good (its page shows the button).
pub async fn confirmation_is_valid(db: &Db, token: &str) -> Result<bool> {
    Ok(well_formed(token) && mail_send::confirming(db, &hash(token)).await?.is_some())
}

/// Confirms the address of a confirmation link: its bounce is forgotten, list mail goes to
/// it again. `BadRequest` for a used, replaced or forged link.
pub async fn confirm(db: &Db, token: &str) -> Result<()> {
    if !well_formed(token) {
        return Err(Error::BadRequest("err-link-expired"));
    }
    let mut tx = db.begin().await?;
    let Some(_address) = mail_send::confirm_in(&mut tx, &hash(token)).await? else {
        return Err(Error::BadRequest("err-link-expired"));
    };
    audit::record_in(
        &mut tx,
        Event {
            actor_id: None,
            action: "mail.address_confirmed",
            target_kind: "mail_address",
            target_id: "",
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The queue at a glance; platform admins only.
pub async fn stats(actor: &crate::Actor, db: &Db) -> Result<mail_send::Stats> {
    actor.require_admin()?;
    Ok(mail_send::stats(db).await?)
}
