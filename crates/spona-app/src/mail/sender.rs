//! Sending the queue: to a mail server over SMTP (lettre, a pool of connections reused,
//! several messages at once), or to the outbox directory while none is configured.
//!
//! A sender claims a batch of due rows for a lease ([`Settings::lease`]); it sends them a
//! wave at a time (one message per pooled connection, `?connections=`, default 4) and
//! writes the wave's outcomes in one transaction right after the last of its answers, so a
//! crash loses nothing (a claimed row is taken again when its lease runs out) and repeats at
//! most the messages of one wave whose 250 had come and whose mark had not been written yet
//! (they keep their `Message-ID`s).
//! Failures: a 4xx answer, a timeout, a refused connection or login are tried again with
//! exponential backoff; a permanent refusal of the recipient (5xx) gives the message up and
//! marks the address bouncing, after which no list mail goes to it until it is confirmed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use spona_domain::Locale;
use spona_i18n::{Arg, Translator};
use spona_store::Db;
use spona_store::mail_send::{self, Claimed, Outcome};

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
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        timeout: Duration,
    },
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
    /// How many messages are sent at once (the SMTP pool's size; 1 for the outbox).
    parallel: usize,
    tr: Translator,
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
                let (transport, timeout, connections) = smtp_transport(url)?;
                SMTP.store(true, Ordering::Relaxed);
                (Transport::Smtp { transport, timeout }, connections)
            }
        };
        let dkim = match (&settings.dkim_key, &settings.dkim_selector) {
            (Some(key), Some(selector)) => Some(dkim_config(key, selector, from.email.domain())?),
            (None, None) => None,
            _ => anyhow::bail!("DKIM needs both --dkim-key and --dkim-selector"),
        };
        // A lease shorter than twice the longest send would stop every batch before its
        // first message: it is raised to that.
        let bound = match &transport {
            Transport::Outbox(_) => Duration::from_secs(1),
            Transport::Smtp { timeout, .. } => *timeout * 8,
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
        })
    }

    /// Whether mail goes to a mail server (not the outbox).
    pub fn is_smtp(&self) -> bool {
        matches!(self.transport, Transport::Smtp { .. })
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

    /// Claims one batch and sends it, `parallel` messages at a time (one pooled connection
    /// each); the outcomes of each such wave are written in one transaction once all of its
    /// messages were answered. Returns how many left and whether to go on.
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
        let mut outcomes = Vec::new();
        let mut todo = Vec::with_capacity(batch.len());
        for m in batch {
            if m.opted_out {
                outcomes.push(give_up(&m, "left the list", false));
            } else if m.bouncing && m.list_id.is_some() {
                outcomes.push(give_up(&m, "address bouncing", false));
            } else {
                todo.push(m);
            }
        }
        let mut sent = 0;
        let mut rest = todo.into_iter();
        loop {
            if std::time::Instant::now() >= stop_at {
                let now = spona_store::now();
                outcomes.extend(rest.map(|r| Outcome::Retry {
                    id: r.id,
                    due: now,
                    error: "lease ran out before sending".into(),
                }));
                mail_send::record(db, &outcomes).await?;
                return Ok((sent, true));
            }
            let wave: Vec<Claimed> = rest.by_ref().take(self.parallel).collect();
            if wave.is_empty() {
                break;
            }
            let results =
                futures_util::future::join_all(wave.iter().map(|m| self.send_one(m, &key))).await;
            let mut later = None;
            for (m, r) in wave.iter().zip(results) {
                match r {
                    Ok(()) => {
                        outcomes.push(Outcome::Sent {
                            id: m.id.clone(),
                            at: spona_store::now(),
                        });
                        sent += 1;
                    }
                    Err(Failure::Recipient(why)) => {
                        tracing::warn!(mail.id = %m.id, error = %why, "mail refused permanently; address marked bouncing");
                        outcomes.push(Outcome::Bounced {
                            id: m.id.clone(),
                            address: m.recipient.clone(),
                            at: spona_store::now(),
                            reason: why,
                        });
                    }
                    Err(Failure::Message(why)) => {
                        tracing::error!(mail.id = %m.id, error = %why, "mail could not be built; given up");
                        outcomes.push(give_up(m, &why, true));
                    }
                    Err(Failure::Later(why)) => {
                        tracing::error!(mail.id = %m.id, error = %why, "sending mail failed; will try again");
                        outcomes.push(self.later(m, &why));
                        later.get_or_insert(why);
                    }
                }
            }
            if let Some(why) = later {
                // The server (or the way to it) is the trouble: the rest of the batch waits
                // too, none is counted against its address.
                outcomes.extend(rest.map(|r| self.later(&r, &why)));
                mail_send::record(db, &outcomes).await?;
                return Ok((sent, false));
            }
            mail_send::record(db, &outcomes).await?;
            outcomes.clear();
        }
        mail_send::record(db, &outcomes).await?;
        Ok((sent, full))
    }

    /// The longest one message may take to send.
    fn in_flight_bound(&self) -> Duration {
        match &self.transport {
            Transport::Outbox(_) => Duration::from_secs(1),
            // Connect, greeting, STARTTLS, login, MAIL, RCPT, DATA and the end of data.
            Transport::Smtp { timeout, .. } => *timeout * 8,
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

    async fn send_one(&self, m: &Claimed, key: &[u8]) -> Result<(), Failure> {
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
            // lettre's timeout bounds the connection and each read, not every stall: the
            // whole exchange is bounded here too, so a server that stops answering holds the
            // message (and the sender) no longer than that; it is tried again later.
            Transport::Smtp { transport, .. } => {
                match tokio::time::timeout(self.in_flight_bound(), transport.send(message)).await {
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err(e)) => Err(classify(&e)),
                    Err(_) => Err(Failure::Later(format!(
                        "the mail server did not answer within {} s",
                        self.in_flight_bound().as_secs_f64()
                    ))),
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
                let name = if locale == Locale::SrLatn && !ukrainian {
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

/// How an attempt failed.
enum Failure {
    /// The recipient's server refused the message for good (5xx): the address bounces.
    Recipient(String),
    /// The message itself cannot be sent (an invalid address): given up.
    Message(String),
    /// Try again later (4xx, timeout, connection, login).
    Later(String),
}

/// 5xx answers that say something about the recipient (not about the login or our
/// commands) bounce the address; everything else is tried again.
fn classify(e: &lettre::transport::smtp::Error) -> Failure {
    let text = e.to_string();
    if e.is_permanent() {
        let code = e.status().map(|c| c.to_string()).unwrap_or_default();
        let about_us = matches!(
            code.as_str(),
            "500" | "501" | "502" | "503" | "504" | "530" | "534" | "535" | "538"
        );
        if !about_us {
            return Failure::Recipient(text);
        }
    }
    Failure::Later(text)
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

/// The SMTP transport of `url` (see [`Settings::smtp_url`]), its command timeout and how
/// many connections it keeps (messages sent at once).
fn smtp_transport(
    url: &str,
) -> anyhow::Result<(AsyncSmtpTransport<Tokio1Executor>, Duration, usize)> {
    let u = url::Url::parse(url).map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?;
    let host = u
        .host_str()
        .ok_or_else(|| anyhow::anyhow!("--smtp-url has no host"))?
        .to_owned();
    let mut tls_mode = None;
    let mut timeout = Duration::from_secs(20);
    let mut connections = 4usize;
    for (k, v) in u.query_pairs() {
        match k.as_ref() {
            "connections" => {
                connections = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=32).contains(n))
                    .ok_or_else(|| anyhow::anyhow!("--smtp-url: connections={v} is not 1 to 32"))?;
            }
            "tls" => tls_mode = Some(v.to_string()),
            "timeout" => {
                let secs: f64 = v
                    .parse()
                    .map_err(|_| anyhow::anyhow!("--smtp-url: timeout={v} is not a number"))?;
                timeout = Duration::from_secs_f64(secs.clamp(0.1, 600.0));
            }
            other => anyhow::bail!("--smtp-url: unknown parameter {other}"),
        }
    }
    let (port, tls) = match (u.scheme(), tls_mode.as_deref()) {
        ("smtps", None) => (465, Tls::Wrapper(TlsParameters::new(host.clone())?)),
        ("smtp", None | Some("starttls")) => {
            (587, Tls::Required(TlsParameters::new(host.clone())?))
        }
        ("smtp", Some("none")) => (25, Tls::None),
        (scheme, mode) => anyhow::bail!(
            "--smtp-url: use smtp:// (STARTTLS), smtps:// or smtp://…?tls=none, not {scheme} with tls={mode:?}"
        ),
    };
    let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(u.port().unwrap_or(port))
        .tls(tls)
        .timeout(Some(timeout))
        .pool_config(PoolConfig::new().max_size(u32::try_from(connections).unwrap_or(4)));
    if !u.username().is_empty() {
        let dec = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        b = b.credentials(Credentials::new(
            dec(u.username()),
            dec(u.password().unwrap_or_default()),
        ));
    }
    Ok((b.build(), timeout, connections))
}

/// The DKIM signer: relaxed/relaxed, over the headers receivers look at, both
/// `List-Unsubscribe` headers among them.
fn dkim_config(key: &Path, selector: &str, domain: &str) -> anyhow::Result<DkimConfig> {
    let text = std::fs::read_to_string(key)
        .map_err(|e| anyhow::anyhow!("--dkim-key {}: {e}", key.display()))?;
    let text = text.trim();
    let key = if text.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
        DkimSigningKey::new(text, DkimSigningAlgorithm::Rsa)
    } else {
        DkimSigningKey::new(text, DkimSigningAlgorithm::Ed25519)
    }
    .map_err(|e| anyhow::anyhow!("--dkim-key: not an RSA (PKCS#1 PEM) or Ed25519 key: {e}"))?;
    let headers = [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "References",
        "List-Id",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "Content-Type",
        "Content-Transfer-Encoding",
        "MIME-Version",
    ]
    .into_iter()
    .map(HeaderName::new_from_ascii_str)
    .collect();
    Ok(DkimConfig::new(
        selector.to_owned(),
        domain.to_owned(),
        key,
        headers,
        DkimCanonicalization {
            header: DkimCanonicalizationType::Relaxed,
            body: DkimCanonicalizationType::Relaxed,
        },
    ))
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

    #[tokio::test]
    async fn smtp_urls() {
        // The pooled transport starts its upkeep task on the runtime.
        assert!(smtp_transport("smtp://u:p@mail.example:587").is_ok());
        assert!(smtp_transport("smtps://mail.example").is_ok());
        assert!(smtp_transport("smtp://127.0.0.1:2525?tls=none&timeout=2").is_ok());
        assert!(smtp_transport("http://mail.example").is_err());
        assert!(smtp_transport("smtp://mail.example?tls=maybe").is_err());
        let (_, _, n) =
            smtp_transport("smtp://127.0.0.1:2525?tls=none&connections=8").expect("url");
        assert_eq!(n, 8);
        assert!(smtp_transport("smtp://127.0.0.1:2525?tls=none&connections=0").is_err());
    }
}
