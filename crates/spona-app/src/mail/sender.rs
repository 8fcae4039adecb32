//! Sending the queue: to a mail server over SMTP (lettre, a pool of connections reused,
//! several messages at once), or to the outbox directory while none is configured.
//!
//! A sender claims a batch of due rows for a lease ([`Settings::lease`]) and sends them over
//! one task per connection (`?connections=`, default 4; opened with `TCP_NODELAY` and kept
//! between batches, see [`super::smtp`]). Each message's outcome is
//! committed right after its server's answer (a group commit of the marks that arrived
//! while the previous commit ran; a mark never waits for another message's SMTP exchange),
//! through a pool whose commits do not wait for the disk ([`mail_send::marks_pool`]), so a
//! crash loses nothing (a claimed row is taken again when its lease runs out).
//!
//! # Why a kill -9 can still repeat one message per connection
//!
//! Each connection task waits for its last message's mark to be committed before it takes
//! the next one, so at any instant each connection has at most one message sent and not
//! marked. That one cannot be closed by any SMTP client (RFC 1047, "Duplicate messages and
//! SMTP"): the server stores a message when the end of DATA (`\r\n.\r\n`) arrives and only
//! then answers 250. If the sender dies while its end of DATA is on the wire or in the
//! server's buffer, the server keeps the message and its 250 goes to a dead socket; the row
//! is unmarked and is sent again after its lease. A second, much shorter window lies on our
//! side: from the 250 read to its mark committed (one short write). Both keep the row's
//! `Message-ID` (`<row id@public host>`), so a receiver or mail client that folds messages
//! by `Message-ID` shows the repeat once. So the promise is: none lost, and at most one
//! repeat per connection (`?connections=N`) per crash — "at least once", with the duplicate
//! window as small as the protocol allows. A timeout after the end of DATA is the same
//! ambiguity and is retried the same way. (`mail_kill.rs` kills a sending server and
//! counts the repeats of each kind.)
//! Failures: a 4xx answer, a timeout, a refused connection or login are tried again with
//! exponential backoff; a permanent refusal of the recipient (5xx) gives the message up and
//! marks the address bouncing, after which no list mail goes to it until it is confirmed.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::Message;
use lettre::message::dkim::DkimConfig;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::client::AsyncSmtpConnection;
use spona_domain::Locale;
use spona_i18n::{Arg, Translator};
use spona_store::Db;
use spona_store::mail_send::{self, Claimed, Outcome};

use super::smtp::{Failure, Smtp};

/// Whether a mail server is configured in this process (see [`super::configured`]).
static SMTP: AtomicBool = AtomicBool::new(false);

pub(super) fn smtp_configured() -> bool {
    SMTP.load(Ordering::Relaxed)
}

/// How mail leaves, as the operator set it (`serve --smtp-url … --mail-from …`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// `smtp://user:pass@host:587` (STARTTLS, required), `smtps://user:pass@host:465` (TLS
    /// from the start), `smtp://host:port?tls=none` (no TLS: a relay on loopback only).
    /// `?timeout=SECONDS` sets the time each SMTP command may take (default 20);
    /// `?connections=N` how many connections send at once (1 to 32, default 4).
    /// `None`: mail goes to the outbox directory.
    pub smtp_url: Option<String>,
    /// A PEM file of CA certificates the mail server's certificate may chain to, besides
    /// the system's roots (a relay whose certificate a private CA signed).
    pub smtp_ca_file: Option<PathBuf>,
    /// The sender, e.g. `Spona <no-reply@spona.example>`.
    pub from: String,
    /// A DKIM private key (RSA in PKCS#1 PEM, or Ed25519 as the base64 of its 32 bytes).
    pub dkim_key: Option<PathBuf>,
    /// The DKIM selector (`<selector>._domainkey.<domain of from>`).
    pub dkim_selector: Option<String>,
    /// How long a sender holds the rows it claimed.
    pub lease: Duration,
    /// The wait before the first retry; it doubles with each attempt (up to six hours).
    pub retry_base: Duration,
    /// Whether this server sends the queue (a server that only queues leaves sending to
    /// another one on the same database; tests use it).
    pub sending: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            smtp_url: None,
            smtp_ca_file: None,
            from: "Spona <no-reply@spona.invalid>".into(),
            dkim_key: None,
            dkim_selector: None,
            lease: Duration::from_secs(300),
            retry_base: Duration::from_secs(60),
            sending: true,
        }
    }
}

/// Attempts after which a message is given up (about two days with the default base).
pub const MAX_ATTEMPTS: i64 = 14;
/// How many rows a sender claims at once.
const BATCH: i64 = 200;

enum Transport {
    Outbox(PathBuf),
    Smtp(Smtp),
}

/// A configured sender.
pub struct Sender {
    transport: Transport,
    from: Mailbox,
    /// The domain of `Message-ID`s and `List-Id`s.
    host: String,
    public_url: String,
    dkim: Option<DkimConfig>,
    lease: Duration,
    retry_base: Duration,
    /// How many messages are sent at once (SMTP connections; 1 for the outbox).
    parallel: usize,
    tr: Translator,
    /// The pool the outcomes are written through when sending over SMTP
    /// ([`mail_send::marks_pool`], made on first use); the outbox uses the main pool.
    marks: tokio::sync::OnceCell<Db>,
}

impl Sender {
    /// A sender to the outbox directory `outbox`.
    pub fn outbox(outbox: &Path, public_url: &str) -> anyhow::Result<Sender> {
        Self::new(&Settings::default(), outbox, public_url)
    }

    /// A sender as `settings` say; the outbox `outbox` when no SMTP URL is set.
    pub fn new(settings: &Settings, outbox: &Path, public_url: &str) -> anyhow::Result<Sender> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("--mail-from {:?}: {e}", settings.from))?;
        let public_url = public_url.trim_end_matches('/').to_owned();
        let host = url::Url::parse(&public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| from.email.domain().to_owned());
        let (transport, parallel) = match &settings.smtp_url {
            None => (Transport::Outbox(outbox.to_owned()), 1),
            Some(url) => {
                let smtp = Smtp::from_url(url, settings.smtp_ca_file.as_deref())?;
                SMTP.store(true, Ordering::Relaxed);
                let connections = smtp.connections;
                (Transport::Smtp(smtp), connections)
            }
        };
        let dkim = match (&settings.dkim_key, &settings.dkim_selector) {
            (Some(key), Some(selector)) => {
                Some(super::dkim::config(key, selector, from.email.domain())?)
            }
            (None, None) => None,
            _ => anyhow::bail!("DKIM needs both --dkim-key and --dkim-selector"),
        };
        // A lease shorter than twice the longest send would stop every batch before its
        // first message: it is raised to that.
        let bound = match &transport {
            Transport::Outbox(_) => Duration::from_secs(1),
            Transport::Smtp(smtp) => smtp.timeout * 8,
        };
        let lease = settings.lease.max(bound * 2);
        Ok(Sender {
            transport,
            from,
            host,
            public_url,
            dkim,
            lease,
            retry_base: settings.retry_base,
            parallel,
            tr: Translator::with(&[]).map_err(|e| anyhow::anyhow!("translations: {e}"))?,
            marks: tokio::sync::OnceCell::new(),
        })
    }

    /// Whether mail goes to a mail server (not the outbox).
    pub fn is_smtp(&self) -> bool {
        matches!(self.transport, Transport::Smtp(_))
    }

    /// Sends what is due, batch after batch, until nothing due is left unclaimed; returns
    /// how many messages left.
    pub async fn deliver_due(&self, db: &Db) -> crate::Result<usize> {
        let mut sent = 0;
        loop {
            let (n, more) = self.deliver_batch(db).await?;
            sent += n;
            if !more {
                return Ok(sent);
            }
        }
    }

    /// Claims one batch and sends it over `parallel` connection tasks, each taking the next
    /// message as soon as its last one was answered. Each outcome is handed to the batch's
    /// mark writer the moment its answer came ([`write_marks`]): a 250 is committed right
    /// after it, never held back by another message's SMTP exchange. Returns how many left
    /// and whether to go on.
    async fn deliver_batch(&self, db: &Db) -> crate::Result<(usize, bool)> {
        let now = spona_store::now();
        let lease = i64::try_from(self.lease.as_secs()).unwrap_or(300).max(1);
        let batch = mail_send::claim(db, now, now + lease, BATCH).await?;
        if batch.is_empty() {
            return Ok((0, false));
        }
        let full = i64::try_from(batch.len()).unwrap_or(0) == BATCH;
        // Never start a message that might still be in flight when the lease runs out.
        let stop_at = std::time::Instant::now() + self.lease.saturating_sub(self.in_flight_bound());
        let key = super::unsubscribe::link_key(db).await?;
        let (marks, rx) = tokio::sync::mpsc::unbounded_channel();
        let mut todo = VecDeque::with_capacity(batch.len());
        for m in batch {
            if m.opted_out {
                let _ = marks.send((give_up(&m, "left the list", false), None));
            } else if m.bouncing && m.list_id.is_some() {
                let _ = marks.send((give_up(&m, "address bouncing", false), None));
            } else {
                todo.push_back(m);
            }
        }
        let run = Run {
            todo: Mutex::new(todo),
            halt: Arc::new(Mutex::new(None)),
            stop_at,
            key,
        };
        let workers = futures_util::future::join_all(
            (0..self.parallel).map(|_| self.connection_task(&run, marks.clone())),
        );
        drop(marks);
        let marks_db = if self.is_smtp() {
            self.marks
                .get_or_try_init(|| mail_send::marks_pool(db))
                .await?
        } else {
            db
        };
        // The mark writer is a task of its own: polled beside the connection tasks (in one
        // task), it fell behind a sender that no longer waits ~40 ms per message, and a crash
        // then lost a whole batch's marks.
        let writer = tokio::spawn(write_marks(marks_db.clone(), rx, Arc::clone(&run.halt)));
        let sent = workers.await;
        writer
            .await
            .map_err(|_| crate::Error::Unavailable("the mail mark writer stopped"))??;
        let sent = sent.into_iter().sum();
        let rest: Vec<Claimed> = lock(&run.todo).drain(..).collect();
        let halt = lock(&run.halt).take();
        if let Some(why) = halt {
            // The server (or the way to it) is the trouble: the rest of the batch waits
            // too, none is counted against its address.
            let outcomes: Vec<Outcome> = rest.iter().map(|r| self.later(r, &why)).collect();
            mail_send::record(db, &outcomes).await?;
            return Ok((sent, false));
        }
        if !rest.is_empty() {
            let now = spona_store::now();
            let outcomes: Vec<Outcome> = rest
                .into_iter()
                .map(|r| Outcome::Retry {
                    id: r.id,
                    due: now,
                    error: "lease ran out before sending".into(),
                })
                .collect();
            mail_send::record(db, &outcomes).await?;
            return Ok((sent, true));
        }
        Ok((sent, full))
    }

    /// One connection's share of a batch: takes the next message, sends it, hands its
    /// outcome to the mark writer at once, and goes on until the batch is done, the lease
    /// nearly ran out, or a failure says the server is in trouble (then every task stops).
    /// Returns how many it sent.
    async fn connection_task(
        &self,
        run: &Run,
        marks: tokio::sync::mpsc::UnboundedSender<Mark>,
    ) -> usize {
        let mut conn = None;
        let sent = self.send_share(run, &marks, &mut conn).await;
        if let Transport::Smtp(smtp) = &self.transport {
            smtp.park(conn);
        }
        sent
    }

    /// The loop of [`Self::connection_task`] over its connection `conn`.
    async fn send_share(
        &self,
        run: &Run,
        marks: &tokio::sync::mpsc::UnboundedSender<Mark>,
        conn: &mut Option<AsyncSmtpConnection>,
    ) -> usize {
        let mut sent = 0;
        loop {
            if lock(&run.halt).is_some() || std::time::Instant::now() >= run.stop_at {
                return sent;
            }
            let Some(m) = lock(&run.todo).pop_front() else {
                return sent;
            };
            let outcome = match self.send_one(&m, &run.key, conn).await {
                Ok(()) => {
                    sent += 1;
                    Outcome::Sent {
                        id: m.id.clone(),
                        at: spona_store::now(),
                    }
                }
                Err(Failure::Recipient(why)) => {
                    tracing::warn!(mail.id = %m.id, error = %why, "mail refused permanently; address marked bouncing");
                    Outcome::Bounced {
                        id: m.id.clone(),
                        address: m.recipient.clone(),
                        at: spona_store::now(),
                        reason: why,
                    }
                }
                Err(Failure::Message(why)) => {
                    tracing::error!(mail.id = %m.id, error = %why, "mail could not be built; given up");
                    give_up(&m, &why, true)
                }
                Err(Failure::Later(why)) => {
                    tracing::error!(mail.id = %m.id, error = %why, "sending mail failed; will try again");
                    lock(&run.halt).get_or_insert_with(|| why.clone());
                    self.later(&m, &why)
                }
            };
            // The next message waits until this one's outcome is committed: a crash then
            // leaves at most one message per connection sent and unmarked, however fast the
            // server answers (a mark waits for the commit in progress, never for SMTP).
            let (ack, acked) = tokio::sync::oneshot::channel();
            if marks.send((outcome, Some(ack))).is_err() || acked.await.is_err() {
                // The writer stopped (the database failed): the row comes back after its
                // lease.
                return sent;
            }
        }
    }

    /// The longest one message may take to send.
    fn in_flight_bound(&self) -> Duration {
        match &self.transport {
            Transport::Outbox(_) => Duration::from_secs(1),
            // Connect, greeting, STARTTLS, login, MAIL, RCPT, DATA and the end of data.
            Transport::Smtp(smtp) => smtp.timeout * 8,
        }
    }

    /// A failed attempt of `m`: tried again after the backoff, or given up after
    /// [`MAX_ATTEMPTS`].
    fn later(&self, m: &Claimed, why: &str) -> Outcome {
        if m.attempts + 1 >= MAX_ATTEMPTS {
            let reason = format!("gave up after {} attempts: {why}", m.attempts + 1);
            return give_up(m, &reason, true);
        }
        let wait = backoff(self.retry_base, m.attempts);
        let due = spona_store::now() + i64::try_from(wait.as_secs()).unwrap_or(i64::MAX / 2);
        Outcome::Retry {
            id: m.id.clone(),
            due,
            error: why.to_owned(),
        }
    }

    async fn send_one(
        &self,
        m: &Claimed,
        key: &[u8],
        conn: &mut Option<AsyncSmtpConnection>,
    ) -> Result<(), Failure> {
        let token = m
            .list_id
            .as_deref()
            .map(|list| super::unsubscribe::sign(key, &m.id, &m.recipient, list));
        let eight_bit = matches!(self.transport, Transport::Outbox(_));
        let mut message = self
            .compose(m, token.as_deref(), eight_bit)
            .map_err(Failure::Message)?;
        if let Some(dkim) = &self.dkim {
            message.sign(dkim);
        }
        match &self.transport {
            Transport::Outbox(dir) => super::write_eml(dir, &message.formatted())
                .map_err(|e| Failure::Later(format!("outbox: {e}"))),
            // The timeout bounds the connection, not every read: the whole exchange is
            // bounded here, so a server that stops answering holds the message (and the
            // sender) no longer than that; it is tried again later, over a new connection.
            Transport::Smtp(smtp) => {
                match tokio::time::timeout(self.in_flight_bound(), smtp.send(conn, &message)).await
                {
                    Ok(result) => result,
                    Err(_) => {
                        *conn = None;
                        Err(Failure::Later(format!(
                            "the mail server did not answer within {} s",
                            self.in_flight_bound().as_secs_f64()
                        )))
                    }
                }
            }
        }
    }

    /// The message of a queued row, with its headers; `eight_bit` keeps UTF-8 text as it is
    /// (the outbox, read by people), else lettre picks quoted-printable or base64.
    pub fn compose(
        &self,
        m: &Claimed,
        token: Option<&str>,
        eight_bit: bool,
    ) -> Result<Message, String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|e| format!("invalid recipient address: {e}"))?;
        let mut text = m.body.clone();
        // The reader's locale when the writer said it: the link opens the page in it and the
        // footer is written in it; else the footer speaks English, Serbian and Ukrainian.
        let locale = m.locale.as_deref().and_then(Locale::from_tag);
        let unsubscribe = token.map(|t| match locale {
            Some(l) => format!("{}/{}/mail/unsubscribe/{t}", self.public_url, l.tag()),
            None => format!("{}/mail/unsubscribe/{t}", self.public_url),
        });
        if let (Some(link), Some(list)) = (&unsubscribe, &m.list_id) {
            let name = m.list_name.clone().unwrap_or_else(|| list.clone());
            text.push_str("\r\n-- \r\n");
            let locales = match locale {
                Some(l) => vec![l],
                None => vec![Locale::En, Locale::SrLatn, Locale::Uk],
            };
            for locale in locales {
                // A Serbian name written in Cyrillic reads in Latin to a Latin reader.
                let ukrainian = name.chars().any(|c| "іїєґІЇЄҐ".contains(c));
                let name = if spona_domain::reading::reads_serbian_latin(locale) && !ukrainian {
                    spona_i18n::cyr_to_lat(&name)
                } else {
                    name.clone()
                };
                text.push_str(&self.tr.t_args(
                    locale,
                    "mail-list-footer",
                    &[("list", Arg::Str(&name)), ("link", Arg::Str(link))],
                ));
                text.push_str("\r\n");
            }
        }
        let mut b = Message::builder()
            .to(to)
            .from(self.from.clone())
            .subject(m.subject.clone())
            .date_now()
            .message_id(Some(format!("<{}@{}>", m.id, self.host)))
            .header(ContentType::TEXT_PLAIN);
        if let Some(thread) = &m.thread {
            let id = format!("<{}@{}>", msg_id_part(thread), self.host);
            b = b.in_reply_to(id.clone()).references(id);
        }
        let body = if eight_bit {
            // The outbox is read by people and tests, never relayed: the text as it is.
            Body::new_with_encoding(text, ContentTransferEncoding::Binary).unwrap_or_else(Body::new)
        } else {
            Body::new(text)
        };
        let mut message = b.body(body).map_err(|e| e.to_string())?;
        let headers = message.headers_mut();
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
        if let Some(list) = &m.list_id {
            let name = m.list_name.clone().unwrap_or_default().replace('"', "'");
            headers.insert_raw(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Id"),
                format!("\"{name}\" <{}.{}>", msg_id_part(list), self.host),
            ));
        }
        if let Some(link) = &unsubscribe {
            headers.insert_raw(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{link}>"),
            ));
            headers.insert_raw(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
        }
        Ok(message)
    }
}

/// A message given up, unsent.
fn give_up(m: &Claimed, reason: &str, counts_as_attempt: bool) -> Outcome {
    Outcome::GiveUp {
        id: m.id.clone(),
        reason: reason.to_owned(),
        counts_as_attempt,
    }
}

/// An outcome for the mark writer, with whom to tell once it is committed.
type Mark = (Outcome, Option<tokio::sync::oneshot::Sender<()>>);

/// What the connection tasks of one batch share.
struct Run {
    /// The messages not taken yet, oldest first.
    todo: Mutex<VecDeque<Claimed>>,
    /// Why the batch stopped early (a failure that is not the message's own), if it did.
    halt: Arc<Mutex<Option<String>>>,
    /// No message is started after this.
    stop_at: std::time::Instant,
    /// The key of the unsubscribe links.
    key: Vec<u8>,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes the outcomes the connection tasks hand over, each as soon as it comes: what
/// arrived while the previous commit ran is committed together in the next one (a group
/// commit: a mark waits at most for the commit in progress, never for an SMTP exchange).
/// On a database error the tasks are told to stop (`halt`) and the error is returned; the
/// rows not marked come back after their lease.
async fn write_marks(
    db: Db,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Mark>,
    halt: Arc<Mutex<Option<String>>>,
) -> crate::Result<()> {
    while let Some(first) = rx.recv().await {
        let mut group = vec![first];
        while let Ok(o) = rx.try_recv() {
            group.push(o);
        }
        let (group, acks): (Vec<Outcome>, Vec<_>) = group.into_iter().unzip();
        let started = std::time::Instant::now();
        let result = mail_send::record(&db, &group).await;
        if started.elapsed() > Duration::from_millis(100) {
            tracing::warn!(
                marks = group.len(),
                ms = started.elapsed().as_millis(),
                "marking sent mail was slow"
            );
        }
        if let Err(e) = result {
            lock(&halt).get_or_insert_with(|| format!("database: {e}"));
            rx.close();
            return Err(e.into());
        }
        for ack in acks.into_iter().flatten() {
            let _ = ack.send(());
        }
    }
    Ok(())
}

/// The wait before the attempt after `attempts` failed ones: `base`, doubling, at most 6 h.
pub fn backoff(base: Duration, attempts: i64) -> Duration {
    let shift = u32::try_from(attempts.clamp(0, 20)).unwrap_or(20);
    base.saturating_mul(1u32 << shift)
        .min(Duration::from_secs(6 * 60 * 60))
}

/// A list or thread id (`group/abc`) as the left part of a message id (`group.abc`).
fn msg_id_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '.'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let b = Duration::from_secs(60);
        assert_eq!(backoff(b, 0), Duration::from_secs(60));
        assert_eq!(backoff(b, 3), Duration::from_secs(480));
        assert_eq!(backoff(b, 40), Duration::from_secs(6 * 3600));
    }

    #[test]
    fn ids_become_message_id_parts() {
        assert_eq!(msg_id_part("group/01a-b"), "group.01a-b");
    }
}
