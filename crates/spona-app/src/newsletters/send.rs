//! Sending: every issue whose time came is queued, one mail per confirmed subscriber who has
//! not left, in the subscriber's language, in batches of [`BATCH`] — each batch, its mails and
//! the issue's cursor in one transaction, so memory stays flat, a crash resumes after the last
//! committed batch, and two senders never queue the same batch (the cursor moves only from
//! where the batch began). The server runs [`run_due`] every few seconds; `spona newsletters
//! send-due` runs it once.

use std::collections::HashMap;

use spona_domain::Locale;
use spona_domain::newsletter::{OwnerKind, UNCONFIRMED_SECONDS, Variant};
use spona_i18n::Arg;
use spona_store::Db;
use spona_store::groups::{Group, NameVariant};
use spona_store::newsletters::{self, Issue, Newsletter};

use super::issues::choose;
use super::{Mailer, locale_of};
use crate::Result;
use crate::mail::{List, Mail, enqueue_localized_in};

/// Subscribers per batch (and per transaction).
pub const BATCH: i64 = 500;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    /// Issues that became sent.
    pub issues: usize,
    /// Mails queued.
    pub mails: usize,
    /// Unconfirmed addresses forgotten.
    pub forgotten: u64,
}

/// The group a newsletter belongs to, with its names in other languages; `None` for a
/// network's newsletter (or a group since deleted).
pub async fn owner_group(db: &Db, n: &Newsletter) -> Result<Option<(Group, Vec<NameVariant>)>> {
    if n.owner_kind != OwnerKind::Group {
        return Ok(None);
    }
    let Ok(g) = spona_store::groups::get(db, &n.owner_id).await else {
        return Ok(None);
    };
    let variants = crate::groups::names::of(db, &g.id).await?;
    Ok(Some((g, variants)))
}

/// The subject and text of an issue's mail for a reader of `locale` given the variant `v`.
/// A group's newsletter opens with a sender line naming the group in the reader's language
/// (`owner`, from [`owner_group`]).
pub fn compose(
    mailer: Mailer<'_>,
    n: &Newsletter,
    owner: Option<&(Group, Vec<NameVariant>)>,
    issue_id: &str,
    locale: Locale,
    v: &Variant,
) -> (String, String) {
    let sender = owner
        .map(|(g, variants)| {
            let group = crate::groups::names::name_for(locale, &g.lang, &g.name, variants);
            let line = mailer.tr.t_args(
                locale,
                "newsletter-mail-from-group",
                &[("name", Arg::Str(&n.name)), ("group", Arg::Str(&group))],
            );
            format!(
                "{line}

"
            )
        })
        .unwrap_or_default();
    let link = mailer.link(
        locale,
        &format!("/newsletters/{}/issues/{issue_id}", n.slug),
    );
    let page = mailer.link(locale, &format!("/newsletters/{}", n.slug));
    let footer = mailer.tr.t_args(
        locale,
        "newsletter-mail-footer",
        &[
            ("name", Arg::Str(&n.name)),
            ("link", Arg::Str(&link)),
            ("page", Arg::Str(&page)),
        ],
    );
    (
        format!("{}: {}", n.name, v.title.trim()),
        format!(
            "{sender}{}\n\n{}\n\n-- \n{footer}\n",
            v.title.trim(),
            v.body.trim_end()
        ),
    )
}

/// Queues every due issue (scheduled at or before `now`, or left half-sent) and forgets
/// addresses unconfirmed for 30 days.
pub async fn run_due(db: &Db, mailer: Mailer<'_>, now: i64) -> Result<Sent> {
    let mut sent = Sent {
        forgotten: newsletters::forget_unconfirmed(db, now - UNCONFIRMED_SECONDS).await?,
        ..Sent::default()
    };
    for issue in newsletters::due_issues(db, now).await? {
        let (done, mails) = send_issue(db, mailer, &issue, now).await?;
        sent.mails += mails;
        if done {
            sent.issues += 1;
        }
    }
    Ok(sent)
}

/// Queues one issue batch by batch; returns whether this run finished it and how many mails
/// it queued. Stops quietly when another sender moved the cursor.
async fn send_issue(db: &Db, mailer: Mailer<'_>, issue: &Issue, now: i64) -> Result<(bool, usize)> {
    let mut mails = 0;
    let mut texts: HashMap<Locale, Option<(String, String)>> = HashMap::new();
    // The newsletter's group (read once, before the first batch's transaction).
    let owner = match newsletters::list(db)
        .await?
        .into_iter()
        .find(|n| n.id == issue.newsletter_id)
    {
        Some(n) => owner_group(db, &n).await?,
        None => None,
    };
    loop {
        let mut tx = db.begin().await?;
        newsletters::lock_issue_in(&mut tx, &issue.id).await?;
        let current = newsletters::issue_in(&mut tx, &issue.id).await?;
        if !matches!(
            current.state,
            spona_domain::newsletter::IssueState::Scheduled
                | spona_domain::newsletter::IssueState::Sending
        ) {
            return Ok((false, mails));
        }
        let n = newsletters::get_in(&mut tx, &current.newsletter_id).await?;
        let variants = newsletters::variants_in(&mut tx, &issue.id).await?;
        let list = n.list_id();
        let from = current.sent_through.clone();
        let batch = newsletters::recipients_in(&mut tx, &n.id, &list, &from, BATCH).await?;
        let Some(last) = batch.last().map(|r| r.id.clone()) else {
            if newsletters::finish_in(&mut tx, &issue.id, &from, now).await? {
                tx.commit().await?;
                tracing::info!(issue.id = %issue.id, recipients = current.recipients, "newsletter issue sent");
                return Ok((true, mails));
            }
            return Ok((false, mails));
        };
        let mut queued = 0i64;
        for r in &batch {
            let locale = locale_of(&r.locale);
            let text = texts
                .entry(locale)
                .or_insert_with(|| {
                    choose(locale, &variants)
                        .map(|v| compose(mailer, &n, owner.as_ref(), &issue.id, locale, &v))
                })
                .clone();
            let Some((subject, text)) = text else {
                continue;
            };
            let mail = Mail {
                to: r.address.clone(),
                subject,
                text,
                list: Some(List {
                    id: list.clone(),
                    name: n.name.clone(),
                }),
                thread: Some(format!("newsletter/{}", n.id)),
            };
            if enqueue_localized_in(&mut tx, &mail, locale).await? {
                queued += 1;
            }
        }
        if !newsletters::advance_in(&mut tx, &issue.id, &from, &last, queued).await? {
            // Another sender queued this batch first; this one's mails roll back.
            return Ok((false, mails));
        }
        spona_store::tx::fault_point("newsletter.batch")?;
        tx.commit().await?;
        mails += queued as usize;
    }
}
