//! Endorsing without an account: the form's request (one confirmation mail, the same
//! answer whatever the address's state), the confirmation link's page (a GET confirms
//! nothing: mail scanners open links), the confirming POST (single use; the counters move
//! in its transaction), and forgetting what was never confirmed after 7 days.

use std::net::IpAddr;

use spona_domain::Locale;
use spona_domain::endorsement::{EndorsementDraft, UNCONFIRMED_SECONDS, is_open};
use spona_i18n::Arg;
use spona_store::Db;
use spona_store::endorsements::{self as store, Campaign, NewEndorsement, Pending, Requested};

use super::{Mailer, address_key, keyed, network_of, secret, text_for};
use crate::mail::{Mail, enqueue_in};
use crate::{Error, Result};

/// A confirmation link is not mailed again to the same address within this time.
pub const RESEND_AFTER: i64 = 10 * 60;

/// A request from the public endorsement form.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub draft: &'a EndorsementDraft,
    pub locale: Locale,
    /// The client's address: only a keyed hash of its network is kept.
    pub client: IpAddr,
}

/// Records `r` for campaign `id` and queues its confirmation mail (a new address, or one
/// still waiting whose last link is older than [`RESEND_AFTER`]); otherwise nothing. The
/// caller answers the same in every case. A closed campaign is `Refused`.
pub async fn endorse(db: &Db, mailer: Mailer<'_>, id: &str, r: &Request<'_>) -> Result<()> {
    let read = super::page_cache::read(db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let c = &read.campaign;
    let now = spona_store::now();
    if !is_open(c.opens_at, c.closes_at, now) {
        return Err(Error::Refused("en-err-closed"));
    }
    let checked = r.draft.check().map_err(Error::Invalid)?;
    let secret = secret(db).await?;
    let key = keyed(&secret, "address", &checked.canonical.address);
    let client = keyed(&secret, "client", &network_of(r.client));
    let token = spona_store::new_token();
    let token_hash = spona_store::token_hash(&token);
    let row_id = spona_store::new_id();
    let mut tx = db.begin().await?;
    let requested = store::request_in(
        &mut tx,
        &NewEndorsement {
            id: &row_id,
            campaign_id: &c.id,
            name: &checked.name,
            country: &checked.country,
            organisation: checked.organisation.as_deref(),
            address_key: &key,
            domain: &checked.canonical.domain,
            client_key: &client,
            locale: r.locale.tag(),
            token_hash: &token_hash,
            now,
        },
        now - RESEND_AFTER,
    )
    .await?;
    if requested != Requested::Nothing {
        let title = text_for(c, r.locale).title;
        let link = mailer.link(r.locale, &format!("/campaigns/confirm/{token}"));
        let args = [
            ("title", Arg::Str(&title)),
            ("link", Arg::Str(&link)),
            ("name", Arg::Str(&checked.name)),
        ];
        let mail = Mail {
            to: checked.email.clone(),
            subject: mailer.tr.t_args(r.locale, "en-mail-subject", &args),
            text: mailer.tr.t_args(r.locale, "en-mail-text", &args),
            list: None,
            thread: None,
        };
        enqueue_in(&mut tx, &mail).await?;
    }
    spona_store::tx::fault_point("endorsements_request")?;
    tx.commit().await?;
    Ok(())
}

/// The endorsement a confirmation link stands for, with its campaign. A malformed or
/// unknown link is `BadRequest("en-err-link-invalid")`; one confirmed already
/// `Conflict("en-err-link-used")`; one withdrawn by the coordinators
/// `BadRequest("en-err-link-withdrawn")`; one older than 7 days
/// `BadRequest("en-err-link-expired")`; one of a campaign that has closed
/// `Refused("tx-en-err-link-closed")`.
pub async fn pending(db: &Db, token: &str) -> Result<(Campaign, Pending)> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::BadRequest("en-err-link-invalid"));
    }
    let p = store::by_token(db, &spona_store::token_hash(token))
        .await?
        .ok_or(Error::BadRequest("en-err-link-invalid"))?;
    if p.invalidated_at.is_some() {
        return Err(Error::BadRequest("en-err-link-withdrawn"));
    }
    if p.confirmed_at.is_some() {
        return Err(Error::Conflict("en-err-link-used"));
    }
    if p.created_at <= spona_store::now() - UNCONFIRMED_SECONDS {
        return Err(Error::BadRequest("en-err-link-expired"));
    }
    let c = store::campaign(db, &p.campaign_id)
        .await?
        .ok_or(Error::BadRequest("en-err-link-invalid"))?;
    // A closed campaign confirms nothing more: its counts stay as they were at closing.
    if !is_open(c.opens_at, c.closes_at, spona_store::now()) {
        return Err(Error::Refused("tx-en-err-link-closed"));
    }
    Ok((c, p))
}

/// Confirms the endorsement behind `token` (the button on the link's page): it counts from
/// now, the link is spent. Its campaign.
pub async fn confirm(db: &Db, token: &str) -> Result<Campaign> {
    let (c, _) = pending(db, token).await?;
    let now = spona_store::now();
    let mut tx = db.begin().await?;
    let done = store::confirm_in(
        &mut tx,
        &spona_store::token_hash(token),
        now - UNCONFIRMED_SECONDS,
        now,
    )
    .await?;
    if done.is_none() {
        // Confirmed by a request that committed in between.
        return Err(Error::Conflict("en-err-link-used"));
    }
    spona_store::tx::fault_point("endorsements_confirm")?;
    tx.commit().await?;
    store::changed();
    Ok(c)
}

/// Forgets the endorsements never confirmed within 7 days before `now`; how many.
pub async fn purge_unconfirmed(db: &Db, now: i64) -> Result<u64> {
    Ok(store::purge_unconfirmed(db, now - UNCONFIRMED_SECONDS).await?)
}

/// The canonical address's keyed hash, for tests and bulk loads.
pub async fn key_of(db: &Db, address: &str) -> Result<Option<String>> {
    match spona_domain::endorsement::canonical_address(address) {
        Ok(c) => Ok(Some(address_key(db, &c.address).await?)),
        Err(_) => Ok(None),
    }
}
