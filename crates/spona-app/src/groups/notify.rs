//! Mail about a new post, queued in the post's own transaction: to members who want every
//! message, to followers of the thread, to the people mentioned and to the thread's author —
//! never to those who muted the thread, nor to an address that left the group's list.

use spona_domain::Locale;
use spona_domain::groups::{MailChoice, ThreadChoice};
use spona_i18n::{Arg, Translator};
use spona_store::Tx;
use spona_store::groups::{self as store, Group, NameVariant};

use crate::Result;
use crate::mail::{List, Mail, enqueue_localized_in};

/// What mail is written with: the translator and the site's public address.
#[derive(Clone, Copy)]
pub struct MailCtx<'a> {
    pub tr: &'a Translator,
    pub public_url: &'a str,
}

/// A stored locale tag, or English.
pub fn locale_of(tag: &str) -> Locale {
    Locale::from_tag(tag).unwrap_or(Locale::En)
}

/// `text` in the reader's script: Serbian Cyrillic is shown in Latin to Latin readers.
/// A text with letters only Ukrainian has (і, ї, є, ґ) is left as it is.
pub fn in_reader_script(locale: Locale, text: &str) -> String {
    let ukrainian = text
        .chars()
        .any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'));
    if spona_domain::reading::reads_serbian_latin(locale) && !ukrainian {
        spona_i18n::cyr_to_lat(text)
    } else {
        text.to_owned()
    }
}

/// The address of a post on the site, in `locale`.
pub fn post_link(m: &MailCtx<'_>, locale: Locale, thread_id: &str, n: i64) -> String {
    let page = (n - 1) / super::discussions::PAGE + 1;
    format!(
        "{}/{}/discussions/{thread_id}?page={page}#p{n}",
        m.public_url.trim_end_matches('/'),
        locale.tag()
    )
}

/// The footer every group mail ends with: where to change what one gets.
pub fn footer(m: &MailCtx<'_>, locale: Locale) -> String {
    format!(
        "-- \n{}\n{}/{}/groups/preferences\n",
        m.tr.t(locale, "group-mail-footer"),
        m.public_url.trim_end_matches('/'),
        locale.tag()
    )
}

/// A new post, as mail tells of it.
pub struct NewPost<'a> {
    pub thread_id: &'a str,
    pub thread_title: &'a str,
    pub thread_author: &'a str,
    pub author_id: &'a str,
    pub author_name: &'a str,
    pub body: &'a str,
    pub n: i64,
    /// User ids of the people mentioned.
    pub mentioned: &'a [String],
}

/// Queues the mail about `post` in `tx`; returns how many were queued. The group is named
/// in each reader's language (`variants`: its names in other languages).
pub async fn post_in(
    tx: &mut Tx,
    m: &MailCtx<'_>,
    group: &Group,
    variants: &[NameVariant],
    post: &NewPost<'_>,
) -> Result<usize> {
    let people = store::recipients_in(tx, &group.id, post.thread_id).await?;
    let text = spona_search::markdown_to_text(post.body);
    let mut queued = 0;
    for r in people {
        if r.user_id == post.author_id {
            continue;
        }
        let choice = r.choice.as_deref().and_then(ThreadChoice::parse);
        if choice == Some(ThreadChoice::Mute) {
            continue;
        }
        let mentioned = post.mentioned.contains(&r.user_id);
        let own_thread = post.n > 1 && r.user_id == post.thread_author;
        let wants = MailChoice::parse(&r.mail) == Some(MailChoice::Each)
            || choice == Some(ThreadChoice::Follow);
        if !(mentioned || own_thread || wants) {
            continue;
        }
        let locale = locale_of(&r.locale);
        let title = in_reader_script(locale, post.thread_title);
        let group_name = super::names::name_for(locale, &group.lang, &group.name, variants);
        let key = if mentioned {
            "group-mail-mentioned"
        } else if post.n == 1 {
            "group-mail-new-thread"
        } else {
            "group-mail-reply"
        };
        let intro = m.tr.t_args(
            locale,
            key,
            &[
                ("author", Arg::Str(post.author_name)),
                ("group", Arg::Str(&group_name)),
                ("title", Arg::Str(&title)),
            ],
        );
        let mail = Mail {
            to: r.email.clone(),
            subject: format!("[{group_name}] {title}"),
            text: format!(
                "{intro}\n\n{}\n\n{}\n\n{}",
                in_reader_script(locale, &text),
                post_link(m, locale, post.thread_id, post.n),
                footer(m, locale)
            ),
            list: Some(List {
                id: super::list_id(&group.id),
                name: group_name,
            }),
            thread: Some(format!("thread/{}", post.thread_id)),
        };
        if enqueue_localized_in(tx, &mail, locale).await? {
            queued += 1;
        }
    }
    Ok(queued)
}
