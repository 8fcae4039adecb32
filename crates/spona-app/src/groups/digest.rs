//! Digests: for each member who chose a daily or weekly digest and is due, the text of what
//! is new in the group since their last digest — posts by others in threads not hidden nor
//! muted, that they have not read on the site, resources linked and events announced for the
//! group — in their locale and
//! script. Nothing new: nothing is sent. Each run moves the member's cursor to the end of
//! the window it covered, so no digest repeats an earlier one.
//!
//! Members are read in batches by key (`due_subscribers`), so memory does not grow with
//! their number; each batch's mail and cursors commit in one transaction.

use std::collections::HashMap;

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
    /// Batches of members read (each its own query and transaction).
    pub batches: usize,
    /// The most members one batch held: what the run's memory grows with.
    pub largest_batch: usize,
}

/// Sends the digests due at `at` (Unix seconds). Covers messages up to `at - 1`, so that a
/// message written in the run's own second goes into the next digest.
pub async fn run(db: &Db, m: &MailCtx<'_>, at: i64) -> Result<DigestRun> {
    run_in_batches(db, m, at, BATCH).await
}

/// [`run`] reading `batch` members at a time (tests give small batches).
pub async fn run_in_batches(db: &Db, m: &MailCtx<'_>, at: i64, batch: i64) -> Result<DigestRun> {
    let until = at - 1;
    let mut result = DigestRun::default();
    let mut after = (String::new(), String::new());
    let mut names = super::names::Names::default();
    loop {
        let members = store::due_subscribers(db, (&after.0, &after.1), at, batch).await?;
        let Some(last) = members.last() else {
            break;
        };
        after = (last.group_id.clone(), last.user_id.clone());
        result.due += members.len();
        result.batches += 1;
        result.largest_batch = result.largest_batch.max(members.len());
        // What is new in a group besides posts is the same for every member whose digest
        // covers the same window: read once per batch.
        let mut shared: HashMap<(String, i64), (Vec<LinkedTitle>, Vec<DigestEvent>)> =
            HashMap::new();
        let mut mails = Vec::new();
        for s in &members {
            let locale = locale_of(&s.locale);
            let group = names
                .name(db, locale, &s.group_id, &s.group_lang, &s.group_name)
                .await?;
            let posts =
                store::digest_posts(db, &s.group_id, &s.user_id, s.digest_until, until).await?;
            let key = (s.group_id.clone(), s.digest_until);
            if !shared.contains_key(&key) {
                let resources =
                    store::digest_resources(db, &s.group_id, s.digest_until, until).await?;
                let events = store::digest_events(db, &s.group_id, s.digest_until, until).await?;
                shared.insert(key.clone(), (resources, events));
            }
            let (resources, events) = shared
                .get(&key)
                .map(|(r, e)| (&r[..], &e[..]))
                .unwrap_or_default();
            if !posts.is_empty() || !resources.is_empty() || !events.is_empty() {
                mails.push((compose(m, s, &group, &posts, resources, events), locale));
            }
        }
        // Writes first: on SQLite a transaction that reads before it writes fails when
        // another writer (the mail sender) committed in between.
        let mut tx = db.begin().await?;
        for s in &members {
            store::set_digest_until_in(&mut tx, &s.group_id, &s.user_id, until).await?;
        }
        for (mail, locale) in &mails {
            if enqueue_localized_in(&mut tx, mail, *locale).await? {
                result.queued += 1;
            }
        }
        tx.commit().await?;
        if i64::try_from(members.len()).unwrap_or(i64::MAX) < batch {
            // A short batch was the last one.
            break;
        }
    }
    if result.due > 0 {
        tracing::info!(
            due = result.due,
            queued = result.queued,
            batches = result.batches,
            "group digests run"
        );
    }
    Ok(result)
}

/// A resource's title in the reader's language (then English, then any).
fn title_for(locale: Locale, titles: &[&LinkedTitle]) -> String {
    spona_domain::reading::reading_order(locale)
        .iter()
        .find_map(|want| titles.iter().find(|t| t.lang == *want))
        .or_else(|| titles.first())
        .map(|t| in_reader_script(locale, &t.title))
        .unwrap_or_default()
}

/// The digest's mail; `group` is the group's name in the reader's language.
pub fn compose(
    m: &MailCtx<'_>,
    s: &Subscriber,
    group: &str,
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
        &[("group", Arg::Str(group))],
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
            &[("group", Arg::Str(group))],
        ),
        text,
        list: Some(List {
            id: super::list_id(&s.group_id),
            name: group.to_owned(),
        }),
        thread: None,
    }
}
