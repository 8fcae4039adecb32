//! A group's threads and posts: starting, replying (with `@mentions` of members and the mail
//! it queues, in one transaction), editing with history, read state, follow and mute,
//! hiding by coordinators, and search.
//!
//! **Search** runs the hub's analysis (`spona_search::directory_terms`: the English, Serbian
//! and Ukrainian chains — Cyrillic to Latin, `đ`/`dj`, diacritics removed, stemming — and
//! Ukrainian Latin keys) over each post when it is saved, and stores the terms in
//! `group_posts.search_text`; a query asks `LIKE '% term %'` of the posts of the reader's
//! groups only. This keeps access exact (a SQL condition on membership) and needs no second
//! index to keep in step; it scans the reader's groups' posts, which is fine for groups of
//! thousands of posts. Past that, the same terms go into a tantivy document type.

use spona_domain::groups::{
    MAX_POST, MAX_REASON, MAX_TITLE, ThreadChoice, check_text, first_word, handle, mentions,
};
use spona_domain::{Invalid, Locale};
use spona_store::Db;
use spona_store::groups::{self as store, Hit, Post, Thread, Version};
use spona_store::idempotency::Once;

use super::notify::{self, MailCtx};
use super::{Access, access, audit_in};
use crate::{Actor, Error, Result};

/// Posts per page of a thread.
pub const PAGE: i64 = 50;

/// The analysed terms of a post, as stored: ` term term … `.
/// One function with the start-up recomputation ([`spona_store::search_upgrade`]).
pub fn search_text(title: &str, body: &str) -> String {
    spona_store::search_upgrade::post_search_text(title, body)
}

/// The user ids of the members `body` mentions; a mention of anyone else is refused.
async fn mentioned(db: &Db, group_id: &str, body: &str) -> Result<Vec<String>> {
    let handles = mentions(body);
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let members = super::fold_members(store::members(db, group_id).await?);
    let mut ids = Vec::new();
    for h in handles {
        let in_group = || members.iter().filter(|m| m.role.takes_part());
        let by_handle = in_group().find(|m| handle(&m.name) == h);
        let by_word: Vec<_> = in_group().filter(|m| first_word(&m.name) == h).collect();
        let found = by_handle.or(match by_word.as_slice() {
            [one] => Some(*one),
            _ => None,
        });
        match found {
            Some(m) => ids.push(m.user_id.clone()),
            None => {
                return Err(Error::Invalid(vec![Invalid {
                    field: "body",
                    key: "err-mention-outsider",
                }]));
            }
        }
    }
    Ok(ids)
}

fn checked_body(body: &str) -> Result<String> {
    check_text("body", body, MAX_POST).map_err(|e| Error::Invalid(vec![e]))
}

/// A thread as its opening form gives it.
pub struct NewThread<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// Files already in the attachment store, with the room their quota left.
    pub upload: Option<&'a super::files::Upload>,
}

/// Starts a thread in group `group_id`; returns the thread's id.
pub async fn start(
    actor: &Actor,
    db: &Db,
    m: &MailCtx<'_>,
    group_id: &str,
    new: &NewThread<'_>,
    once: Option<&Once>,
) -> Result<String> {
    let (title, body, upload) = (new.title, new.body, new.upload);
    let a = access(actor, db, group_id).await?;
    a.require_member()?;
    let user = actor.require_user()?;
    let mut problems = Vec::new();
    let title = check_text("title", title, MAX_TITLE)
        .map_err(|e| problems.push(e))
        .ok();
    let body = check_text("body", body, MAX_POST)
        .map_err(|e| problems.push(e))
        .ok();
    let (Some(title), Some(body)) = (title, body) else {
        return Err(Error::Invalid(problems));
    };
    let mentioned = mentioned(db, group_id, &body).await?;
    let names = super::names::of(db, group_id).await?;
    let at = spona_store::now();
    let mut tx = db.begin().await?;
    let thread_id = store::create_thread_in(&mut tx, group_id, &user.id, &title, at).await?;
    let post = store::NewPost {
        thread_id: &thread_id,
        group_id,
        author_id: &user.id,
        body: &body,
        search_text: &search_text(&title, &body),
    };
    let (post_id, _) =
        store::add_post_in(&mut tx, &post, once.map(|o| (o, thread_id.as_str())), at)
            .await?
            .ok_or(Error::Conflict("err-thread-hidden"))?;
    super::files::record_in(&mut tx, &post_id, &thread_id, upload, at).await?;
    notify::post_in(
        &mut tx,
        m,
        &a.group,
        &names,
        &notify::NewPost {
            thread_id: &thread_id,
            thread_title: &title,
            thread_author: &user.id,
            author_id: &user.id,
            author_name: &user.display_name,
            body: &body,
            n: 1,
            mentioned: &mentioned,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(thread_id)
}

/// A thread and the actor's access to its group; 404 for a thread that does not exist, and
/// 409 "deleted" for one that was deleted (to its group's members; others learn nothing).
pub async fn thread(actor: &Actor, db: &Db, thread_id: &str) -> Result<(Thread, Access)> {
    let user = actor.require_user()?;
    if uuid::Uuid::parse_str(thread_id).is_err() {
        return Err(Error::NotFound);
    }
    let t = store::thread(db, thread_id, &user.id).await?;
    let a = access(actor, db, &t.group_id).await?;
    a.require_member()?;
    if t.deleted_at.is_some() {
        return Err(Error::Conflict("err-thread-deleted"));
    }
    Ok((t, a))
}

/// Replies to a thread; returns the post's number. A hidden thread takes no replies.
pub async fn reply(
    actor: &Actor,
    db: &Db,
    m: &MailCtx<'_>,
    thread_id: &str,
    body: &str,
    once: Option<&Once>,
    upload: Option<&super::files::Upload>,
) -> Result<i64> {
    let (t, a) = thread(actor, db, thread_id).await?;
    if t.hidden_reason.is_some() {
        return Err(Error::Conflict("err-thread-hidden"));
    }
    let user = actor.require_user()?;
    let body = checked_body(body)?;
    let mentioned = mentioned(db, &t.group_id, &body).await?;
    let names = super::names::of(db, &t.group_id).await?;
    let mut tx = db.begin().await?;
    let post = store::NewPost {
        thread_id,
        group_id: &t.group_id,
        author_id: &user.id,
        body: &body,
        search_text: &search_text("", &body),
    };
    let at = spona_store::now();
    let (post_id, n) = store::add_post_in(&mut tx, &post, once.map(|o| (o, "")), at)
        .await?
        // Hidden between the check and the write.
        .ok_or(Error::Conflict("err-thread-hidden"))?;
    super::files::record_in(&mut tx, &post_id, thread_id, upload, at).await?;
    notify::post_in(
        &mut tx,
        m,
        &a.group,
        &names,
        &notify::NewPost {
            thread_id,
            thread_title: &t.title,
            thread_author: &t.author_id,
            author_id: &user.id,
            author_name: &user.display_name,
            body: &body,
            n,
            mentioned: &mentioned,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// One page of a thread as its reader sees it.
pub struct ThreadPage {
    pub thread: Thread,
    pub access: Access,
    pub posts: Vec<Post>,
    /// The files of this page's posts (none while the thread is hidden).
    pub files: Vec<store::PostFile>,
    pub page: i64,
    pub pages: i64,
    /// Posts up to this number had been read before this visit.
    pub seen_before: i64,
}

/// Page `page` of a thread (by default the page of the first post not read yet); records
/// what the reader has now seen.
pub async fn read(
    actor: &Actor,
    db: &Db,
    thread_id: &str,
    page: Option<i64>,
) -> Result<ThreadPage> {
    let (t, a) = thread(actor, db, thread_id).await?;
    let pages = ((t.post_count + PAGE - 1) / PAGE).max(1);
    let page = match page {
        Some(p) if (1..=pages).contains(&p) => p,
        Some(_) => return Err(Error::BadRequest("err-page")),
        None if t.seen < t.post_count => t.seen / PAGE + 1,
        None => 1,
    };
    let (from, to) = ((page - 1) * PAGE + 1, page * PAGE);
    let posts = store::posts(db, thread_id, from, to).await?;
    let files = if t.hidden_reason.is_none() {
        store::files_of_posts(db, thread_id, from, to).await?
    } else {
        Vec::new()
    };
    // Only a page beyond what was read writes: re-reading costs no write (the thread page
    // is read far more often than it grows).
    if let (Some(last), Some(user)) = (posts.last(), actor.user())
        && last.n > t.seen
    {
        store::mark_read(db, &user.id, thread_id, last.n).await?;
    }
    Ok(ThreadPage {
        seen_before: t.seen,
        thread: t,
        access: a,
        posts,
        files,
        page,
        pages,
    })
}

/// A post with its earlier texts, for members of its group; `editable` when the actor wrote
/// it and the thread is not hidden.
pub struct PostHistory {
    pub post: Post,
    pub thread: Thread,
    pub versions: Vec<Version>,
    pub editable: bool,
}

pub async fn history(actor: &Actor, db: &Db, post_id: &str) -> Result<PostHistory> {
    actor.require_user()?;
    if uuid::Uuid::parse_str(post_id).is_err() {
        return Err(Error::NotFound);
    }
    let post = store::post(db, post_id).await?;
    let (thread, _) = thread(actor, db, &post.thread_id).await?;
    let versions = store::versions(db, post_id).await?;
    let editable = actor.id() == Some(post.author_id.as_str()) && thread.hidden_reason.is_none();
    Ok(PostHistory {
        post,
        thread,
        versions,
        editable,
    })
}

/// Saves a new text of one's own post; the old text is kept as a version.
pub async fn edit(actor: &Actor, db: &Db, post_id: &str, body: &str) -> Result<PostHistory> {
    let h = history(actor, db, post_id).await?;
    if actor.id() != Some(h.post.author_id.as_str()) {
        return Err(Error::Forbidden);
    }
    if h.thread.hidden_reason.is_some() {
        return Err(Error::Conflict("err-thread-hidden"));
    }
    let body = checked_body(body)?;
    mentioned(db, &h.post.group_id, &body).await?;
    let title = if h.post.n == 1 {
        h.thread.title.as_str()
    } else {
        ""
    };
    let mut tx = db.begin().await?;
    store::edit_post_in(
        &mut tx,
        post_id,
        &body,
        &search_text(title, &body),
        spona_store::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(h)
}

/// A coordinator hides a thread, with a reason kept in the audit log.
pub async fn hide(actor: &Actor, db: &Db, thread_id: &str, reason: &str) -> Result<Thread> {
    let (t, a) = thread(actor, db, thread_id).await?;
    a.require_coordinator()?;
    let reason = check_text("reason", reason, MAX_REASON).map_err(|e| Error::Invalid(vec![e]))?;
    let mut tx = db.begin().await?;
    store::hide_in(&mut tx, thread_id, &reason).await?;
    audit_in(
        &mut tx,
        actor,
        "group.thread_hidden",
        &t.group_id,
        format!("thread={thread_id} reason={reason}"),
    )
    .await?;
    spona_store::tx::fault_point("group.thread_hidden")?;
    tx.commit().await?;
    Ok(t)
}

/// Deletes a thread: its author or a coordinator, with a reason kept in the audit log. The
/// thread leaves the group's list, search and digests, and takes no more replies.
pub async fn delete(actor: &Actor, db: &Db, thread_id: &str, reason: &str) -> Result<Thread> {
    let (t, a) = thread(actor, db, thread_id).await?;
    if actor.id() != Some(t.author_id.as_str()) && !a.coordinates() {
        return Err(Error::Forbidden);
    }
    // Its own field name: the hide form on the same page has a `reason` too.
    let reason =
        check_text("delete_reason", reason, MAX_REASON).map_err(|e| Error::Invalid(vec![e]))?;
    let mut tx = db.begin().await?;
    store::delete_in(&mut tx, thread_id, spona_store::now()).await?;
    audit_in(
        &mut tx,
        actor,
        "group.thread_deleted",
        &t.group_id,
        format!("thread={thread_id} reason={reason}"),
    )
    .await?;
    spona_store::tx::fault_point("group.thread_deleted")?;
    tx.commit().await?;
    Ok(t)
}

/// Follows or mutes a thread (`follow`, `mute`), or goes back to the group's choice (``).
pub async fn choose(actor: &Actor, db: &Db, thread_id: &str, choice: &str) -> Result<Thread> {
    let (t, _) = thread(actor, db, thread_id).await?;
    let user = actor.require_user()?;
    let choice = match choice {
        "" => None,
        c => Some(ThreadChoice::parse(c).ok_or(Error::BadRequest("err-unknown-choice"))?),
    };
    store::set_choice(db, &user.id, thread_id, choice.map(ThreadChoice::as_str)).await?;
    Ok(t)
}

/// Posts of the reader's groups matching every word of `q`, in any script.
pub async fn search(actor: &Actor, db: &Db, q: &str, locale: Locale) -> Result<Vec<Hit>> {
    let user = actor.require_user()?;
    let words = spona_search::directory_query(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut hits = store::search(db, &user.id, &words, 50).await?;
    // Each hit names its group in the reader's language.
    let mut names = super::names::Names::default();
    for h in &mut hits {
        h.group_name = names
            .name(db, locale, &h.group_id, &h.group_lang, &h.group_name)
            .await?;
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_posts_are_found_by_latin_words() {
        let stored = search_text("", "Мировни дијалог у Новом Саду");
        for word in spona_search::directory_query("mirovni dijalog") {
            assert!(
                word.iter().any(|t| stored.contains(&format!(" {t} "))),
                "{word:?} not in {stored}"
            );
        }
    }
}
