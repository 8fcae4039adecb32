//! Subscribing and leaving. Members subscribe with one button (their account proves the
//! address); people outside Spona give an address and tick the consent box themselves, get
//! one confirmation mail, and confirm on a page with one button — a GET of the link changes
//! nothing, so a mail scanner following it subscribes no one. The answer to a request never
//! says whether the address was already subscribed.

use spona_domain::newsletter::{
    Audience, CONSENT_TEXT_MEMBER, CONSENT_TEXT_PUBLIC, CONSENT_VERSION, UNCONFIRMED_SECONDS,
};
use spona_domain::{Invalid, Locale};
use spona_i18n::Arg;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::newsletters::{self, Newsletter, Receipt, Request, Subscriber};

use super::Mailer;
use super::access::readable;
use crate::mail::{Mail, enqueue_in, opt_in_in, opt_out_in};
use crate::{Actor, Error, Result};

/// A confirmation link is not mailed again to the same address within this time.
const RESEND_AFTER: i64 = 10 * 60;

/// A request from the public subscribe form.
#[derive(Debug, Clone)]
pub struct SignUp<'a> {
    pub address: &'a str,
    /// The consent box, ticked by the person (never pre-ticked).
    pub consent: bool,
    pub locale: Locale,
    /// The page the form was on, for the receipt.
    pub source_page: &'a str,
}

/// Checks a sign-up's fields.
pub fn check(s: &SignUp<'_>) -> Vec<Invalid> {
    let mut problems = Vec::new();
    if !spona_domain::org::is_email(s.address.trim()) {
        problems.push(Invalid::new("email", "err-newsletter-email"));
    }
    if !s.consent {
        problems.push(Invalid::new("consent", "err-newsletter-consent-needed"));
    }
    problems
}

/// Handles a request to subscribe `s.address` to the public newsletter `slug`: a new or
/// waiting address gets one confirmation mail; a confirmed subscriber who has not left gets
/// nothing. The caller answers the same in every case.
pub async fn sign_up(db: &Db, mailer: Mailer<'_>, slug: &str, s: &SignUp<'_>) -> Result<()> {
    let n = readable(&Actor::anonymous(), db, slug).await?;
    if n.audience != Audience::Public {
        return Err(Error::NotFound);
    }
    let problems = check(s);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let address = s.address.trim().to_lowercase();
    let now = spona_store::now();
    let list = n.list_id();
    // Reads before the transaction, whose first statement writes (SQLite takes its write
    // lock then, instead of failing to upgrade a read).
    if let Some(existing) = newsletters::subscriber(db, &n.id, &address).await? {
        let left = spona_store::mail::opted_out(db, &address, &list).await?;
        if existing.confirmed_at.is_some() && !left {
            return Ok(());
        }
        if existing.token_at.is_some_and(|t| now - t < RESEND_AFTER) {
            return Ok(());
        }
    }
    let token = spona_store::new_token();
    let mut tx = db.begin().await?;
    newsletters::request_in(
        &mut tx,
        &Request {
            newsletter_id: &n.id,
            address: &address,
            user_id: None,
            locale: s.locale.tag(),
            source_page: s.source_page,
            consent_text: CONSENT_TEXT_PUBLIC,
            consent_version: CONSENT_VERSION,
        },
        &spona_store::token_hash(&token),
        now,
    )
    .await?;
    let link = mailer.link(s.locale, &format!("/newsletters/confirm/{token}"));
    let args = [("name", Arg::Str(&n.name)), ("link", Arg::Str(&link))];
    let mail = Mail {
        to: address,
        subject: mailer
            .tr
            .t_args(s.locale, "newsletter-confirm-mail-subject", &args),
        text: mailer
            .tr
            .t_args(s.locale, "newsletter-confirm-mail-text", &args),
        list: None,
        thread: None,
    };
    enqueue_in(&mut tx, &mail).await?;
    tx.commit().await?;
    Ok(())
}

/// The request a confirmation link stands for: its newsletter and row. An unknown, used,
/// replaced or expired link is `BadRequest("err-newsletter-link")`.
pub async fn pending(db: &Db, token: &str) -> Result<(Newsletter, Subscriber)> {
    let mut tx = db.begin().await?;
    let found = find_pending(&mut tx, token).await?;
    tx.commit().await?;
    found
}

async fn find_pending(
    tx: &mut spona_store::Tx,
    token: &str,
) -> Result<Result<(Newsletter, Subscriber)>> {
    let bad = Err(Error::BadRequest("err-newsletter-link"));
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(bad);
    }
    let Some(s) = newsletters::by_token_in(tx, &spona_store::token_hash(token)).await? else {
        return Ok(bad);
    };
    if s.token_at
        .is_none_or(|t| spona_store::now() - t > UNCONFIRMED_SECONDS)
    {
        return Ok(bad);
    }
    let n = newsletters::get_in(tx, &s.newsletter_id).await?;
    Ok(Ok((n, s)))
}

/// Confirms the request behind `token` (the button on the link's page): the address is
/// subscribed (back on the list if it had left), the receipt kept, the link spent.
pub async fn confirm(db: &Db, token: &str) -> Result<Newsletter> {
    let (n, s) = pending(db, token).await?;
    let now = spona_store::now();
    let mut tx = db.begin().await?;
    if !newsletters::confirm_in(&mut tx, &s.id, &spona_store::token_hash(token), now).await? {
        return Err(Error::BadRequest("err-newsletter-link"));
    }
    let list = n.list_id();
    opt_in_in(&mut tx, &s.address, &list).await?;
    newsletters::add_receipt_in(
        &mut tx,
        &Receipt {
            id: spona_store::new_id(),
            newsletter_id: n.id.clone(),
            address: s.address.clone(),
            list_id: list,
            list_name: n.name.clone(),
            source_page: s.source_page.clone(),
            consent_text: s.consent_text.clone(),
            consent_version: s.consent_version,
            locale: s.locale.clone(),
            method: "email".into(),
            requested_at: s.token_at.unwrap_or(s.created_at),
            confirmed_at: now,
        },
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: None,
            action: "newsletter.subscribed",
            target_kind: "newsletter",
            target_id: &n.id,
            detail: format!("subscriber={}", s.id),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// Whether the signed-in `actor` gets `n` (subscribed and not left); `None` for nobody.
pub async fn member_status(actor: &Actor, db: &Db, n: &Newsletter) -> Result<Option<bool>> {
    let Some(user) = actor.user() else {
        return Ok(None);
    };
    let left = spona_store::mail::opted_out(db, &user.email, &n.list_id()).await?;
    if super::groups::gets_as_member(db, n, &user.id).await? {
        return Ok(Some(!left));
    }
    let Some(s) = newsletters::subscriber(db, &n.id, &user.email).await? else {
        return Ok(Some(false));
    };
    Ok(Some(s.confirmed_at.is_some() && !left))
}

/// A signed-in member subscribes with one button, under the member wording.
pub async fn subscribe_member(
    actor: &Actor,
    db: &Db,
    slug: &str,
    locale: Locale,
    source_page: &str,
) -> Result<Newsletter> {
    let user = actor.require_user()?.clone();
    let n = readable(actor, db, slug).await?;
    let now = spona_store::now();
    let list = n.list_id();
    let mut tx = db.begin().await?;
    newsletters::subscribe_member_in(
        &mut tx,
        &Request {
            newsletter_id: &n.id,
            address: &user.email,
            user_id: Some(user.id.as_str()),
            locale: locale.tag(),
            source_page,
            consent_text: CONSENT_TEXT_MEMBER,
            consent_version: CONSENT_VERSION,
        },
        now,
    )
    .await?;
    opt_in_in(&mut tx, &user.email, &list).await?;
    newsletters::add_receipt_in(
        &mut tx,
        &Receipt {
            id: spona_store::new_id(),
            newsletter_id: n.id.clone(),
            address: user.email.clone(),
            list_id: list,
            list_name: n.name.clone(),
            source_page: source_page.to_owned(),
            consent_text: CONSENT_TEXT_MEMBER.into(),
            consent_version: CONSENT_VERSION,
            locale: locale.tag().into(),
            method: "account".into(),
            requested_at: now,
            confirmed_at: now,
        },
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "newsletter.subscribed",
            target_kind: "newsletter",
            target_id: &n.id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// A signed-in member leaves: the same opt-out the unsubscribe links of the mails record.
pub async fn leave_member(actor: &Actor, db: &Db, slug: &str) -> Result<Newsletter> {
    let user = actor.require_user()?.clone();
    let n = readable(actor, db, slug).await?;
    let mut tx = db.begin().await?;
    opt_out_in(&mut tx, &user.email, &n.list_id()).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "newsletter.left",
            target_kind: "newsletter",
            target_id: &n.id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// The subscriber list for editors: lines (newest first, at most 1,000) and how many get
/// the next issue.
pub async fn subscribers(
    actor: &Actor,
    db: &Db,
    slug: &str,
) -> Result<(Newsletter, Vec<newsletters::SubscriberLine>, i64)> {
    let n = super::access::editable(actor, db, slug).await?;
    let list = n.list_id();
    let lines = newsletters::subscriber_lines(db, &n.id, &list, 1000).await?;
    let count = newsletters::count_confirmed(db, &n.id, &list).await?;
    Ok((n, lines, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_and_the_persons_own_consent_are_needed() {
        let s = SignUp {
            address: "not-an-address",
            consent: false,
            locale: Locale::En,
            source_page: "/en/newsletters/x",
        };
        let keys: Vec<_> = check(&s).into_iter().map(|i| i.key).collect();
        assert_eq!(
            keys,
            ["err-newsletter-email", "err-newsletter-consent-needed"]
        );
        let ok = SignUp {
            address: " Ana@Example.org ",
            consent: true,
            ..s
        };
        assert!(check(&ok).is_empty());
    }
}
