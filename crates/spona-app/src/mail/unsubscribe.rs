//! Leaving a list with one click (RFC 8058), and confirming an address that bounced.
//!
//! Every message of a list carries a link `/mail/unsubscribe/<token>`: the token is the
//! message's queue id and an HMAC-SHA256 (128 bits) of that id, its recipient and its list
//! under the server's secret `mail.unsubscribe` (`server_secrets`, made on first use), so
//! sending writes nothing for it. The link is checked against the queued message it names
//! (a forged or altered one is refused as unknown); whether it still does something is the
//! opt-out state (used again: "already left"). Deleting the secret revokes every link.
//! Links of earlier versions (64 random hex digits in `mail_list_tokens`) keep working.
//! Opening the link changes nothing (mail scanners open links); the one button on its page,
//! or a mail client's `List-Unsubscribe=One-Click` POST, records the opt-out.
//!
//! An address whose server refused mail for good (5xx) gets no list mail until its person
//! confirms it: a confirmation mail (asked for by the signed-in person) holds a link whose
//! SHA-256 is stored with the bounce; its page's button forgets the bounce.

use hmac::{Hmac, Mac};
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

/// The name of the unsubscribe links' key in `server_secrets`.
const KEY: &str = "mail.unsubscribe";

/// The key signing unsubscribe links (made on first use, shared by the servers of `db`).
pub async fn link_key(db: &Db) -> Result<Vec<u8>> {
    let hex_key = mail_send::secret(db, KEY, &fresh_token(), spona_store::now()).await?;
    hex::decode(hex_key.trim()).map_err(|e| Error::Internal(anyhow::anyhow!("{KEY}: {e}")))
}

fn mac(key: &[u8], id: &str, recipient: &str, list: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for part in ["spona list-unsubscribe", id, recipient, list] {
        mac.update(part.as_bytes());
        mac.update(&[0]);
    }
    mac
}

/// The unsubscribe token of queued message `id` to `recipient` on `list`: `id.mac`.
pub fn sign(key: &[u8], id: &str, recipient: &str, list: &str) -> String {
    let tag = mac(key, id, recipient, list).finalize().into_bytes();
    format!("{id}.{}", hex::encode(&tag[..16]))
}

/// The (message id, MAC) of a token shaped like a signed one.
fn signed_parts(token: &str) -> Option<(&str, Vec<u8>)> {
    let (id, tag) = token.split_once('.')?;
    let id_ok = id.len() == 36 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    if !id_ok || tag.len() != 32 {
        return None;
    }
    Some((id, hex::decode(tag).ok()?))
}

/// What an unsubscribe link stands for; `NotFound` for a forged or unknown token.
pub async fn target(db: &Db, token: &str) -> Result<ListToken> {
    if well_formed(token) {
        return mail_send::by_token(db, token).await?.ok_or(Error::NotFound);
    }
    let Some((id, tag)) = signed_parts(token) else {
        return Err(Error::NotFound);
    };
    let Some(t) = mail_send::queued_list(db, id).await? else {
        return Err(Error::NotFound);
    };
    let key = link_key(db).await?;
    mac(&key, id, &t.address, &t.list_id)
        .verify_truncated_left(&tag)
        .map_err(|_| Error::NotFound)?;
    Ok(t)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_tokens_name_their_message_and_resist_change() {
        let key = [7u8; 32];
        let id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let t = sign(&key, id, "ana@example.org", "group/g1");
        let (got, tag) = signed_parts(&t).expect("parts");
        assert_eq!(got, id);
        assert!(
            mac(&key, id, "ana@example.org", "group/g1")
                .verify_truncated_left(&tag)
                .is_ok()
        );
        // Another address, list or key: refused.
        assert!(
            mac(&key, id, "bo@example.org", "group/g1")
                .verify_truncated_left(&tag)
                .is_err()
        );
        assert!(
            mac(&key, id, "ana@example.org", "group/g2")
                .verify_truncated_left(&tag)
                .is_err()
        );
        assert!(
            mac(&[8u8; 32], id, "ana@example.org", "group/g1")
                .verify_truncated_left(&tag)
                .is_err()
        );
        assert!(signed_parts("zzz").is_none());
        assert!(signed_parts(&format!("{id}.{}", "g".repeat(32))).is_none());
        assert!(!t.contains('@'), "the address is not in the link: {t}");
    }
}
