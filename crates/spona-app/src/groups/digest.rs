//! Digests: for each member who chose a daily or weekly digest and is due, the text of what
//! is new in the group since their last digest — posts by others in threads not hidden nor
//! muted, that they have not read on the site, resources linked and events announced for the
//! group — in their locale and
//! script. Nothing new: nothing is sent. Each run moves the member's cursor to the end of
//! the window it covered, so no digest repeats an earlier one.
//!
//! Members are read in batches by key (`due_subscribers`), so memory does not grow with
//! their number; each batch's mail and cursors commit in one transaction.

use spona_domain::Locale;
use spona_i18n::Arg;
use spona_store::Db;
use spona_store::groups::{self as store, DigestEvent, DigestPost, LinkedTitle, Subscriber};

use super::notify::{MailCtx, footer, in_reader_script, locale_of, post_link};
use crate::Result;
use crate::mail::{List, Mail, enqueue_localized_in};

/// Members read per batch.
pub const BATCH: i64 = 500;

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DigestRun {
    /// Members whose digest was due.
    pub due: usize,
    /// Digests queued.
    pub queued: usize,
}

/// Sends the digests due at `at` (Unix seconds). Covers messages up to `at - 1`, so that a
/// message written in the run's own second goes into the next digest.
pub async fn run(db: &Db, m: &MailCtx<'_>, at: i64) -> Result<DigestRun> {
    let until = at - 1;
    let mut result = DigestRun::default();
    let mut after = (String::new(), String::new());
    loop {
        let batch = store::due_subscribers(db, (&after.0, &after.1), at, BATCH).await?;
        let Some(last) = batch.last() else {
            break;
        };
        after = (last.group_id.clone(), last.user_id.clone());
        result.due += batch.len();
        let mut mails = Vec::new();
        for s in &batch {
            let posts =
                store::digest_posts(db, &s.group_id, &s.user_id, s.digest_until, until).await?;
            let resources = store::digest_resources(db, &s.group_id, s.digest_until, until).await?;
            let events = store::digest_events(db, &s.group_id, s.digest_until, until).await?;
            if !posts.is_empty() || !resources.is_empty() || !events.is_empty() {
                mails.push((
                    compose(m, s, &posts, &resources, &events),
                    locale_of(&s.locale),
                ));
            }
        }
        // Writes first: on SQLite a transaction that reads before it writes fails when
        // another writer (the mail sender) committed in between.
        let mut tx = db.begin().await?;
        for s in &batch {
            store::set_digest_until_in(&mut tx, &s.group_id, &s.user_id, until).await?;
        }
        for (mail, locale) in &mails {
            if enqueue_localized_in(&mut tx, mail, *locale).await? {
                result.queued += 1;
            }
        }
        tx.commit().await?;
    }
    if result.due > 0 {
        tracing::info!(
            due = result.due,
            queued = result.queued,
            "group digests run"
        );
    }
    Ok(result)
}

/// A resource's title in the reader's language (then English, then any).
fn title_for(locale: Locale, titles: &[&LinkedTitle]) -> String {
    let want = match locale {
        Locale::En => "en",
        Locale::SrLatn | Locale::SrCyrl => "sr",
        Locale::Uk => "uk",
    };
    titles
        .iter()
        .find(|t| t.lang == want)
        .or_else(|| titles.iter().find(|t| t.lang == "en"))
        .or_else(|| titles.first())
        .map(|t| in_reader_script(locale, &t.title))
        .unwrap_or_default()
}

/// The digest's mail.
pub fn compose(
    m: &MailCtx<'_>,
    s: &Subscriber,
    posts: &[DigestPost],
    resources: &[LinkedTitle],
    events: &[DigestEvent],
) -> Mail {
    let locale = locale_of(&s.locale);
    let mut text = m.tr.t_args(
        locale,
        if s.mail == "weekly" {
            "group-digest-intro-weekly"
        } else {
            "group-digest-intro-daily"
        },
        &[("group", Arg::Str(&s.group_name))],
    );
    text.push_str("\n\n");
    let mut current: Option<&str> = None;
    for p in posts {
        if current != Some(p.thread_id.as_str()) {
            current = Some(&p.thread_id);
            let title = in_reader_script(locale, &p.title);
            text.push_str(&format!(
                "== {title} ==\n{}\n\n",
                post_link(m, locale, &p.thread_id, p.n)
            ));
        }
        text.push_str(&m.tr.t_args(
            locale,
            "group-digest-post",
            &[("author", Arg::Str(&p.author_name)), ("n", Arg::Num(p.n))],
        ));
        text.push('\n');
        text.push_str(&in_reader_script(
            locale,
            &spona_search::markdown_to_text(&p.body),
        ));
        text.push_str("\n\n");
    }
    if !resources.is_empty() {
        text.push_str(&format!(
            "== {} ==\n",
            m.tr.t(locale, "group-digest-resources")
        ));
        let mut ids: Vec<&str> = resources.iter().map(|r| r.resource_id.as_str()).collect();
        ids.dedup();
        for id in ids {
            let titles: Vec<&LinkedTitle> =
                resources.iter().filter(|r| r.resource_id == id).collect();
            text.push_str(&format!(
                "- {}\n  {}/{}/resources/{id}\n",
                title_for(locale, &titles),
                m.public_url.trim_end_matches('/'),
                locale.tag()
            ));
        }
        text.push('\n');
    }
    if !events.is_empty() {
        text.push_str(&format!(
            "== {} ==\n",
            m.tr.t(locale, "group-digest-events")
        ));
        for e in events {
            text.push_str(&format!(
                "- {}\n  {} ({})\n  {}/{}/events/{}\n",
                in_reader_script(locale, &e.title),
                e.starts_local.replace('T', " "),
                e.zone,
                m.public_url.trim_end_matches('/'),
                locale.tag(),
                e.id
            ));
        }
        text.push('\n');
    }
    text.push_str(&footer(m, locale));
    Mail {
        to: s.email.clone(),
        subject: m.tr.t_args(
            locale,
            "group-digest-subject",
            &[("group", Arg::Str(&s.group_name))],
        ),
        text,
        list: Some(List {
            id: super::list_id(&s.group_id),
            name: s.group_name.clone(),
        }),
        thread: None,
    }
}
