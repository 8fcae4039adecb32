//! Outgoing mail. Every message is queued in the database in the transaction of the change
//! it tells of ([`enqueue_in`]); a sender ([`sender::Sender`]) sends the queue over SMTP, or,
//! while no mail server is configured, writes each message as an `.eml` file into the
//! outbox directory, where an operator (or a test) reads it. Messages hold links with secret
//! tokens, so they are never written to the log.

use std::io::Write;
use std::path::Path;

mod dkim;
pub mod notify;
pub mod sender;
mod smtp;
pub mod unsubscribe;

pub use sender::{Sender, Settings};

/// Whether outgoing mail reaches people: a mail server is configured (`--smtp-url`) in this
/// process. Without one every message waits in the outbox for the operator, and pages that
/// depend on mail say so.
pub fn configured() -> bool {
    sender::smtp_configured()
}

/// How long a message stays in the outbox: the longest a link in it works (an invitation's
/// week); after that it can only leak, so it is deleted.
pub const OUTBOX_KEEP: std::time::Duration =
    std::time::Duration::from_secs(spona_store::tokens::INVITE_SECONDS as u64);

/// Writes a message to the outbox `dir`, readable by the server's user alone (0600), and
/// deletes messages older than [`OUTBOX_KEEP`]. Fails only if the directory cannot be written.
pub fn send(dir: &Path, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
    let text = format!(
        "To: {to}\r\nFrom: Spona <no-reply@spona.invalid>\r\nSubject: {subject}\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    );
    write_eml(dir, text.as_bytes())
}

/// Writes a whole message (`bytes`, as it would go over SMTP) to the outbox `dir`, 0600,
/// under a new name; deletes messages older than [`OUTBOX_KEEP`].
pub fn write_eml(dir: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    if prune_due(dir) {
        prune(dir, OUTBOX_KEEP);
    }
    let name = format!("{}.eml", spona_store::new_id());
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut f = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?
    };
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, dir.join(&name))?;
    tracing::info!(outbox.file = %name, "message written to the outbox");
    Ok(())
}

/// Whether the outbox `dir` was last pruned a minute ago or more (or never in this process);
/// records now if so. Messages expire after a week, so once a minute is soon enough, and
/// reading a directory of thousands of messages before every write made a long queue's
/// sending quadratic.
fn prune_due(dir: &Path) -> bool {
    static PRUNED: std::sync::Mutex<Vec<(std::path::PathBuf, std::time::Instant)>> =
        std::sync::Mutex::new(Vec::new());
    let mut pruned = PRUNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let now = std::time::Instant::now();
    match pruned.iter_mut().find(|(d, _)| d == dir) {
        Some((_, at)) if now.duration_since(*at) < std::time::Duration::from_secs(60) => false,
        Some((_, at)) => {
            *at = now;
            true
        }
        None => {
            pruned.push((dir.to_owned(), now));
            true
        }
    }
}

/// Deletes outbox messages (and unfinished ones) last written more than `keep` ago; returns
/// how many. A file that cannot be read or removed is left for the next time.
pub fn prune(dir: &Path, keep: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.ends_with(".eml") || name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > keep);
        if old && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        tracing::info!(files = removed, "expired messages removed from the outbox");
    }
    removed
}

/// A message to a person, queued with the change it tells of ([`enqueue_in`]).
#[derive(Debug, Clone, Default)]
pub struct Mail {
    /// The recipient's address.
    pub to: String,
    pub subject: String,
    /// Plain text, written in the reader's locale.
    pub text: String,
    /// The list the message belongs to, if the person can leave it (a group's mail, a
    /// newsletter, notices); `None` for a message the person asked for (a reset link).
    pub list: Option<List>,
    /// The conversation it belongs to (e.g. `thread/<id>`), so that mail clients thread it.
    pub thread: Option<String>,
}

/// A list a person can leave: `id` such as `group/<id>`, `newsletter/<id>`, `notices`; `name`
/// as mail clients show it.
#[derive(Debug, Clone, Default)]
pub struct List {
    pub id: String,
    pub name: String,
}

/// Queues `mail` in the caller's transaction, so that it leaves if and only if the change it
/// tells of is committed. Returns `false` when the recipient left the mail's list (nothing
/// is queued).
pub async fn enqueue_in(tx: &mut spona_store::Tx, mail: &Mail) -> crate::Result<bool> {
    let queued = spona_store::mail::enqueue_in(
        tx,
        &spona_store::mail::NewMail {
            recipient: &mail.to,
            subject: &mail.subject,
            body: &mail.text,
            list_id: mail.list.as_ref().map(|l| l.id.as_str()),
            list_name: mail.list.as_ref().map(|l| l.name.as_str()),
            thread: mail.thread.as_deref(),
        },
        spona_store::now(),
    )
    .await?;
    Ok(queued.is_some())
}

/// Like [`enqueue_in`], for a message written in `locale`: its list footer (the
/// unsubscribe line) is written in it too, and the link opens the page in it.
pub async fn enqueue_localized_in(
    tx: &mut spona_store::Tx,
    mail: &Mail,
    locale: spona_domain::Locale,
) -> crate::Result<bool> {
    let queued = spona_store::mail::enqueue_in(
        tx,
        &spona_store::mail::NewMail {
            recipient: &mail.to,
            subject: &mail.subject,
            body: &mail.text,
            list_id: mail.list.as_ref().map(|l| l.id.as_str()),
            list_name: mail.list.as_ref().map(|l| l.name.as_str()),
            thread: mail.thread.as_deref(),
        },
        spona_store::now(),
    )
    .await?;
    match queued {
        Some(id) => {
            spona_store::mail_send::set_locale_in(tx, &id, locale.tag()).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Records that `address` left `list`: nothing of the list is queued or sent to it after.
pub async fn opt_out_in(tx: &mut spona_store::Tx, address: &str, list: &str) -> crate::Result<()> {
    Ok(spona_store::mail::opt_out_in(tx, address, list, spona_store::now()).await?)
}

/// Takes `address` back onto `list` (the person chose to get its mail again).
pub async fn opt_in_in(tx: &mut spona_store::Tx, address: &str, list: &str) -> crate::Result<()> {
    Ok(spona_store::mail::opt_in_in(tx, address, list).await?)
}

/// Hands the queued messages that are due to the outbox; returns how many left. A message
/// whose recipient left its list since it was queued is dropped, not sent. Links in the
/// messages use the public address the server registered ([`set_public_url`]).
pub async fn deliver_due(db: &spona_store::Db, outbox: &Path) -> crate::Result<usize> {
    let url = PUBLIC_URL
        .get()
        .map(String::as_str)
        .unwrap_or("http://localhost");
    let sender = Sender::outbox(outbox, url).map_err(crate::Error::Internal)?;
    sender.deliver_due(db).await
}

static PUBLIC_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The address people reach Spona at, for links in mail sent by [`deliver_due`] (set once,
/// by the server).
pub fn set_public_url(url: &str) {
    let _ = PUBLIC_URL.set(url.trim_end_matches('/').to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_private_and_expire() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        send(
            dir.path(),
            "a@example.org",
            "Subject",
            "https://x/reset/secret",
        )
        .expect("send");
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .collect();
        assert_eq!(files.len(), 1);
        let mode = files[0].metadata().expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        assert_eq!(prune(dir.path(), OUTBOX_KEEP), 0);
        assert_eq!(prune(dir.path(), std::time::Duration::ZERO), 1);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
