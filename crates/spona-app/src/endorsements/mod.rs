//! Endorsement campaigns by people (issue 22 item 3): a campaign of an organisation or a
//! network, which anyone may endorse without an account (`endorse`), confirmed by one
//! button behind the link of one mail; its coordinators' review and bulk invalidation
//! (`review`).
//!
//! **Who does what.** Anyone reads a campaign and its counts and endorses it while it is
//! open. A campaign is coordinated by the admins of its owning organisation, or of the
//! coordinating organisation of its owning network (and platform admins): they open it and
//! review it. Nobody — coordinators included — is ever shown an endorser's address; the
//! review shows domains only, and the store keeps a keyed hash of the canonical address
//! (`spona_domain::endorsement::canonical_address`), never the address.
//!
//! **Counting.** A confirmation adds to the campaign's counters in its own transaction, and
//! a bulk invalidation takes the invalidated confirmed ones off in its own; pages read the
//! counters, never count rows.

mod campaigns;
mod endorse;
mod manage;
pub mod page_cache;
mod review;

pub use campaigns::{CampaignView, Listed, Owner, create, list, owners, read};
pub use endorse::{RESEND_AFTER, Request, confirm, endorse, key_of, pending, purge_unconfirmed};
pub use manage::{close, coordinated, daily_counts, update};
pub use review::{ReviewView, invalidate, preview, review};
pub use spona_store::endorsements::review::Filter;

use std::net::IpAddr;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use spona_domain::Locale;
use spona_i18n::Translator;
use spona_store::Db;
use spona_store::endorsements::{self as store, Campaign};

use crate::{Actor, Result};

/// What the confirmation mail needs: the strings and the public address of the site.
pub struct Mailer<'a> {
    pub tr: &'a Translator,
    pub public_url: &'a str,
}

impl Mailer<'_> {
    /// An absolute link to `path` in `locale`.
    pub fn link(&self, locale: Locale, path: &str) -> String {
        format!(
            "{}/{}{path}",
            self.public_url.trim_end_matches('/'),
            locale.tag()
        )
    }
}

/// Confirmed endorsements of the campaigns linked to a joint text (for the texts feature).
pub async fn confirmed_count_for_text(db: &Db, joint_text_id: &str) -> Result<i64> {
    Ok(store::confirmed_count_for_text(db, joint_text_id).await?)
}

/// The campaign collecting endorsements for a joint text, and its confirmed count (the
/// text's public page links it).
pub async fn campaign_for_text(db: &Db, joint_text_id: &str) -> Result<Option<(String, i64)>> {
    Ok(store::campaign_for_text(db, joint_text_id).await?)
}

/// The name of the server secret the keyed hashes use.
const SECRET: &str = "endorsements";

/// The server secret, read (or made) once per database and process: it never changes once
/// made, and asking for it writes (an insert if missing), which a burst of endorsements
/// would otherwise queue behind SQLite's one writer.
async fn secret(db: &Db) -> Result<String> {
    static KNOWN: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, String>>> =
        std::sync::LazyLock::new(Default::default);
    let key = page_cache::database(db);
    let known = |k: &str| {
        KNOWN
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(k)
            .cloned()
    };
    if let Some(s) = known(&key) {
        return Ok(s);
    }
    let s =
        spona_store::mail_send::secret(db, SECRET, &spona_store::new_token(), spona_store::now())
            .await?;
    KNOWN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, s.clone());
    Ok(s)
}

fn keyed(secret: &str, what: &str, value: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(what.as_bytes());
    mac.update(&[0]);
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The keyed hash a canonical address is stored as.
pub async fn address_key(db: &Db, canonical: &str) -> Result<String> {
    Ok(keyed(&secret(db).await?, "address", canonical))
}

/// The keyed hashes of many canonical addresses at once (bulk loads, benchmarks).
pub async fn address_keys(db: &Db, canonical: &[String]) -> Result<Vec<String>> {
    let secret = secret(db).await?;
    Ok(canonical
        .iter()
        .map(|a| keyed(&secret, "address", a))
        .collect())
}

/// The network a client counts under: IPv4 by its /24, IPv6 by its /64 (IPv4-mapped IPv6
/// as IPv4).
pub fn network_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.0/24", o[0], o[1], o[2])
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => network_of(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Whether `actor` coordinates `c`: an admin of its owning organisation, or of its owning
/// network's coordinating organisation, or a platform admin.
pub async fn coordinates(actor: &Actor, db: &Db, c: &Campaign) -> Result<bool> {
    if !actor.is_signed_in() {
        return Ok(false);
    }
    if actor.is_admin() {
        return Ok(true);
    }
    Ok(match c.owner_kind.as_str() {
        "org" => actor.can_manage_org(&c.owner_id),
        _ => spona_store::networks::list(db)
            .await?
            .iter()
            .find(|n| n.id == c.owner_id)
            .is_some_and(|n| crate::directory::networks::coordinates(actor, n)),
    })
}

/// The text of `c` to show in `locale`: the locale's own, else the closest
/// ([`spona_domain::reading`]; the other Serbian script transliterated for Serbian readers),
/// else English, else the first.
pub fn text_for(c: &Campaign, locale: Locale) -> store::Text {
    let find = |tag: &str| c.texts.iter().find(|t| t.lang == tag).cloned();
    let convert = |t: store::Text, f: fn(&str) -> String| store::Text {
        lang: t.lang,
        title: f(&t.title),
        statement: f(&t.statement),
    };
    for tag in spona_domain::reading::reading_tags(locale) {
        let Some(t) = find(tag) else { continue };
        if spona_domain::reading::latinise_for(locale, tag) {
            return convert(t, spona_i18n::translit::cyr_to_lat);
        }
        if locale == Locale::SrCyrl && tag == "sr-Latn" {
            return convert(t, spona_i18n::translit::lat_to_cyr);
        }
        return t;
    }
    c.texts.first().cloned().unwrap_or(store::Text {
        lang: String::new(),
        title: String::new(),
        statement: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_count_by_their_network() {
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        assert_eq!(network_of(ip("192.0.2.77")), "192.0.2.0/24");
        assert_eq!(network_of(ip("::ffff:192.0.2.7")), "192.0.2.0/24");
        assert_eq!(
            network_of(ip("2001:db8:1:2:aaaa::1")),
            network_of(ip("2001:db8:1:2:ffff:1:2:3"))
        );
        assert_ne!(
            network_of(ip("2001:db8:1:2::1")),
            network_of(ip("2001:db8:1:3::1"))
        );
    }

    #[test]
    fn keyed_hashes_depend_on_the_key() {
        assert_eq!(
            keyed("k", "address", "a@b.org"),
            keyed("k", "address", "a@b.org")
        );
        assert_ne!(
            keyed("k", "address", "a@b.org"),
            keyed("j", "address", "a@b.org")
        );
        assert_ne!(
            keyed("k", "address", "a@b.org"),
            keyed("k", "client", "a@b.org")
        );
    }
}
