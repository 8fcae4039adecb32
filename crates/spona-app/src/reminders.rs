//! Review reminders. When a resource's review date passes, the admins of its owning
//! organisation get one message listing every such resource of theirs, once per review date
//! (`resource_review_reminders` records what was sent); setting a new date that passes in
//! turn brings a new reminder. The server runs this every few hours; operators who prefer
//! cron run `spona remind-reviews`.
//!
//! Accounts carry no language of their own, so the message is written in the owning
//! organisation's working languages among Spona's (Serbian in Latin script, which every
//! reader of Serbian, Bosnian, Croatian and Montenegrin reads), English when it has none.

use std::collections::BTreeMap;
use std::time::Duration;

use spona_domain::Locale;
use spona_domain::ids::{OrgId, ResourceId};
use spona_i18n::{Arg, Translator};
use spona_store::Db;
use spona_store::resources::{self, ResourceLine};

/// What sending reminders needs: no search index or attachment store, so that
/// `spona remind-reviews` can run beside a running server.
pub struct Reminders<'a> {
    pub db: &'a Db,
    pub tr: &'a Translator,
    /// The address people reach Spona at, for the links.
    pub public_url: &'a str,
}

/// How often the server looks for resources whose review date has passed.
pub const INTERVAL: Duration = Duration::from_secs(6 * 60 * 60);

/// Queues the reminders due at `at` (Unix seconds), to the list `notices`; returns how many
/// messages were queued.
pub async fn remind_reviews(r: &Reminders<'_>, at: i64) -> anyhow::Result<usize> {
    let mut sent = 0;
    loop {
        // At most a few hundred lines a round; each round marks what it read as reminded.
        let due = resources::reviews_to_remind(r.db, at).await?;
        if due.is_empty() {
            return Ok(sent);
        }
        let mut by_owner: BTreeMap<OrgId, Vec<ResourceLine>> = BTreeMap::new();
        for line in due {
            by_owner
                .entry(line.owner_org_id.clone())
                .or_default()
                .push(line);
        }
        for (org_id, lines) in by_owner {
            let org = spona_store::orgs::get(r.db, &org_id).await?;
            let (subject, body) = compose(r, &org.name, &org.languages, &lines);
            let list_name = r.tr.t(locales_for(&org.languages)[0], "mail-list-notices");
            let mut tx = r.db.begin().await?;
            for admin in spona_store::users::members_of(r.db, &org_id).await? {
                if admin.role == "admin" && !admin.disabled {
                    let mail = crate::mail::Mail {
                        to: admin.email.clone(),
                        subject: subject.clone(),
                        text: body.clone(),
                        list: Some(crate::mail::List {
                            id: crate::mail::notify::LIST.into(),
                            name: list_name.clone(),
                        }),
                        thread: None,
                    };
                    if crate::mail::enqueue_in(&mut tx, &mail).await? {
                        sent += 1;
                    }
                }
            }
            tx.commit().await?;
            let reminded: Vec<(ResourceId, i64)> =
                lines.iter().map(|l| (l.id.clone(), l.review_due)).collect();
            resources::mark_reminded(r.db, &reminded, at).await?;
            tracing::info!(org.id = %org_id, resources = lines.len(), "review reminders sent");
        }
    }
}

/// The locales a message to an organisation is written in.
pub fn locales_for(languages: &[String]) -> Vec<Locale> {
    let mut out = Vec::new();
    for code in languages {
        let Some(locale) = spona_domain::reading::locale_of_language(code) else {
            continue;
        };
        // Bosnian, Croatian, Montenegrin and Serbian readers read each other's standard:
        // the first one the organisation lists is enough.
        let bcms = spona_domain::reading::is_bcms;
        let has_bcms = out.iter().any(|l| bcms(*l));
        let repeats = out.contains(&locale) || (bcms(locale) && has_bcms);
        if !repeats {
            out.push(locale);
        }
    }
    if out.is_empty() {
        out.push(Locale::En);
    }
    out
}

fn compose(
    r: &Reminders<'_>,
    org: &str,
    languages: &[String],
    lines: &[ResourceLine],
) -> (String, String) {
    let locales = locales_for(languages);
    let base = r.public_url;
    let count = i64::try_from(lines.len()).unwrap_or(i64::MAX);
    let subject =
        r.tr.t_args(locales[0], "mail-review-subject", &[("org", Arg::Str(org))]);
    let mut body = String::new();
    for &locale in &locales {
        let link = format!("{base}/{}/resources/review", locale.tag());
        body.push_str(&r.tr.t_args(
            locale,
            "mail-review-body",
            &[
                ("org", Arg::Str(org)),
                ("count", Arg::Num(count)),
                ("link", Arg::Str(&link)),
            ],
        ));
        body.push_str("\r\n\r\n");
    }
    for l in lines {
        let title =
            if l.script == "Cyrl" && spona_domain::reading::latinise_for(locales[0], "sr-Cyrl") {
                spona_i18n::translit::cyr_to_lat(&l.title)
            } else {
                l.title.clone()
            };
        body.push_str(&format!(
            "- {title} ({}): {base}/resources/{}\r\n",
            crate::dates::format_date(locales[0], l.review_due),
            l.id
        ));
    }
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_follow_the_working_languages() {
        let codes = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            locales_for(&codes(&["uk", "en"])),
            vec![Locale::Uk, Locale::En]
        );
        assert_eq!(locales_for(&codes(&["hr", "sr", "bs"])), vec![Locale::Hr]);
        assert_eq!(
            locales_for(&codes(&["sq", "mk"])),
            vec![Locale::Sq, Locale::Mk]
        );
        assert_eq!(locales_for(&codes(&["de"])), vec![Locale::En]);
        assert_eq!(locales_for(&[]), vec![Locale::En]);
    }
}
