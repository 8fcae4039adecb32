//! Mail when a partner's referral arrives (issue 20): the receiving organisation's admins
//! and case workers are told, through the mail queue and in the inbox's transaction (so a
//! refused packet mails nobody), that a referral arrived — with the address of the list of
//! referrals with partners and nothing else: no name, no service, no reason, nothing of
//! the person. Written in the organisation's working languages (`reminders::locales_for`),
//! its own language first; the local referral's mail (`referrals::tell_in`) says as little.

use spona_domain::Locale;
use spona_i18n::Translator;
use spona_store::Tx;
use spona_store::federation::arrivals;

use crate::Result;
use crate::mail::{Mail, enqueue_localized_in};

/// What the inbox writes its mail with: the translations and the address people reach
/// this deployment at.
#[derive(Clone, Copy)]
pub struct Tell<'a> {
    pub tr: &'a Translator,
    pub public_url: &'a str,
}

/// The page a worker opens.
pub const LIST_PATH: &str = "/federation/referrals";

/// The locales of an organisation's mail: its working languages that Spona speaks, its own
/// before English; English when none.
pub fn locales_of(languages: &[String]) -> Vec<Locale> {
    let mut l = crate::reminders::locales_for(languages);
    l.sort_by_key(|x| *x == Locale::En);
    l
}

/// The mail's subject and text in the organisation's `locales` (the first is the subject's).
pub fn compose(tell: Tell<'_>, locales: &[Locale]) -> (String, String) {
    let first = locales.first().copied().unwrap_or(Locale::En);
    let subject = tell.tr.t(first, "fed-mail-arrived-subject");
    let base = tell.public_url.trim_end_matches('/');
    let mut text = String::new();
    for (n, &locale) in locales.iter().enumerate() {
        if n > 0 {
            text.push_str("\n-- \n\n");
        }
        text.push_str(&tell.tr.t(locale, "fed-mail-arrived-body"));
        text.push_str(&format!("\n\n{base}/{}{LIST_PATH}\n", locale.tag()));
    }
    (subject, text)
}

/// Queues the mail to the admins and case workers of `org_id` that a referral arrived
/// from a partner; how many were queued.
pub async fn referral_arrived_in(tx: &mut Tx, tell: Tell<'_>, org_id: &str) -> Result<usize> {
    let to = arrivals::addresses_in(tx, org_id).await?;
    if to.is_empty() {
        return Ok(0);
    }
    let locales = locales_of(&arrivals::languages_in(tx, org_id).await?);
    let (subject, text) = compose(tell, &locales);
    let mut n = 0;
    for email in to {
        let mail = Mail {
            to: email,
            subject: subject.clone(),
            text: text.clone(),
            list: None,
            thread: None,
        };
        if enqueue_localized_in(tx, &mail, locales[0]).await? {
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_organisations_own_language_comes_before_english() {
        assert_eq!(
            locales_of(&codes(&["en", "sr"])),
            vec![Locale::SrLatn, Locale::En]
        );
        assert_eq!(locales_of(&codes(&["uk"])), vec![Locale::Uk]);
        assert_eq!(
            locales_of(&codes(&["sq", "en"])),
            vec![Locale::Sq, Locale::En]
        );
        assert_eq!(locales_of(&codes(&["de"])), vec![Locale::En]);
        assert_eq!(locales_of(&[]), vec![Locale::En]);
    }
}
