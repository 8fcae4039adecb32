//! The way to the mail server: connections Spona opens itself, with `TCP_NODELAY`.
//!
//! lettre 0.11.23's transport never sets `TCP_NODELAY`, and it writes a message's text and
//! its closing `\r\n.\r\n` in two writes: the second waits for the server's delayed ACK
//! (Nagle's algorithm), about 40 ms a message whatever the machine (lettre#1159, merged
//! upstream, not released). So the socket is opened here with `set_nodelay(true)` and handed
//! to lettre's connection ([`AsyncSmtpConnection::connect_with_transport`]), which does the
//! SMTP; STARTTLS, TLS from the start and the login follow as lettre's transport does them.
//!
//! Each connection task of the sender holds one connection for the whole batch (no `NOOP`
//! before each message, as lettre's pool sends); at the end of the batch it is parked here
//! and taken again by the next batch after a `NOOP`, or closed when it idled too long.

use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use lettre::Message;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
#[allow(deprecated)] // the only way to wrap a stream in lettre's TLS (lettre#1159's era)
use lettre::transport::smtp::client::AsyncNetworkStream;
use lettre::transport::smtp::client::{
    AsyncSmtpConnection, AsyncTokioStream, Certificate, TlsParameters,
};
use lettre::transport::smtp::extension::ClientId;

/// How the connection is secured.
enum Security {
    /// Plain text (a relay on loopback).
    None,
    /// STARTTLS after the greeting, required.
    StartTls(TlsParameters),
    /// TLS from the start (`smtps://`).
    Wrapper(TlsParameters),
}

/// A mail server and the connections parked between batches.
pub(super) struct Smtp {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
    /// The time one command (or the connection) may take.
    pub(super) timeout: Duration,
    /// How many connections send at once.
    pub(super) connections: usize,
    /// Connections left open by the last batch, with when they were parked.
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

/// A parked connection older than this is closed rather than tested (servers drop idle
/// clients after a minute or more; RFC 5321 asks them to wait five).
const IDLE_KEEP: Duration = Duration::from_secs(30);

impl Smtp {
    /// The server of `url` (see [`super::Settings::smtp_url`]), its certificate checked
    /// against the system's roots and the CA certificates in the PEM file `ca_file`.
    pub(super) fn from_url(url: &str, ca_file: Option<&Path>) -> anyhow::Result<Smtp> {
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
                    connections =
                        v.parse()
                            .ok()
                            .filter(|n| (1..=32).contains(n))
                            .ok_or_else(|| {
                                anyhow::anyhow!("--smtp-url: connections={v} is not 1 to 32")
                            })?;
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
        let tls = || tls_parameters(&host, ca_file);
        let (port, security) = match (u.scheme(), tls_mode.as_deref()) {
            ("smtps", None) => (465, Security::Wrapper(tls()?)),
            ("smtp", None | Some("starttls")) => (587, Security::StartTls(tls()?)),
            ("smtp", Some("none")) if ca_file.is_some() => {
                anyhow::bail!("--smtp-ca-file is for TLS, but --smtp-url says tls=none")
            }
            ("smtp", Some("none")) => (25, Security::None),
            (scheme, mode) => anyhow::bail!(
                "--smtp-url: use smtp:// (STARTTLS), smtps:// or smtp://…?tls=none, not {scheme} with tls={mode:?}"
            ),
        };
        let credentials = (!u.username().is_empty()).then(|| {
            let dec = |s: &str| {
                url::form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            Credentials::new(dec(u.username()), dec(u.password().unwrap_or_default()))
        });
        Ok(Smtp {
            port: u.port().unwrap_or(port),
            host,
            security,
            credentials,
            hello: ClientId::default(),
            timeout,
            connections,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Sends `message` over the connection in `slot`, opening one (or taking a parked one)
    /// when it is empty. A connection that broke (any failed command: lettre then closes
    /// it) is dropped, so the next message opens a new one.
    pub(super) async fn send(
        &self,
        slot: &mut Option<AsyncSmtpConnection>,
        message: &Message,
    ) -> Result<(), Failure> {
        if slot.is_none() {
            *slot = Some(self.take().await?);
        }
        let Some(conn) = slot.as_mut() else {
            return Err(Failure::Later("no connection".into()));
        };
        let result = conn.send(message.envelope(), &message.formatted()).await;
        if conn.has_broken() {
            *slot = None;
        }
        result.map(|_| ()).map_err(|e| classify(&e))
    }

    /// Parks a connection a task is done with, for the next batch.
    pub(super) fn park(&self, conn: Option<AsyncSmtpConnection>) {
        if let Some(conn) = conn.filter(|c| !c.has_broken()) {
            let mut idle = super::sender::lock(&self.idle);
            if idle.len() < self.connections {
                idle.push((conn, Instant::now()));
            }
        }
    }

    /// A parked connection that still answers `NOOP`, else a new one.
    async fn take(&self) -> Result<AsyncSmtpConnection, Failure> {
        loop {
            let parked = super::sender::lock(&self.idle).pop();
            let Some((mut conn, since)) = parked else {
                break;
            };
            if since.elapsed() < IDLE_KEEP && conn.test_connected().await {
                return Ok(conn);
            }
            conn.abort().await;
        }
        self.connect().await
    }

    /// The TCP socket to the server, with `TCP_NODELAY`.
    async fn open_socket(&self) -> Result<tokio::net::TcpStream, Failure> {
        let tcp = tokio::time::timeout(
            self.timeout,
            tokio::net::TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        .map_err(|_| self.later("no connection within the timeout to", &"timed out"))?
        .map_err(|e| self.later("cannot connect to", &e))?;
        tcp.set_nodelay(true)
            .map_err(|e| self.later("cannot set TCP_NODELAY on", &e))?;
        Ok(tcp)
    }

    fn later(&self, what: &str, e: &dyn std::fmt::Display) -> Failure {
        Failure::Later(format!("{what} {}:{}: {e}", self.host, self.port))
    }

    /// A new connection: TCP with `TCP_NODELAY`, the greeting and EHLO, then STARTTLS or
    /// TLS and the login as configured.
    async fn connect(&self) -> Result<AsyncSmtpConnection, Failure> {
        let tcp = self.open_socket().await?;
        let stream: Box<dyn AsyncTokioStream> = match &self.security {
            Security::Wrapper(tls) => {
                let peer = tcp
                    .peer_addr()
                    .map_err(|e| self.later("connection to", &e))?;
                #[allow(deprecated)]
                let mut s = AsyncNetworkStream::use_existing_tokio1(Box::new(tcp));
                s.upgrade_tls(tls.clone())
                    .await
                    .map_err(|e| self.later("TLS with", &e))?;
                Box::new(TlsStream { inner: s, peer })
            }
            Security::None | Security::StartTls(_) => Box::new(tcp),
        };
        // A refusal before any recipient was named (a 554 greeting) is the server's
        // trouble, not the address's: tried again, never a bounce.
        let mut conn = AsyncSmtpConnection::connect_with_transport(stream, &self.hello)
            .await
            .map_err(|e| self.later("the greeting of", &e))?;
        if let Security::StartTls(tls) = &self.security {
            // No plain-text fallback: a server that does not offer STARTTLS (or whose
            // certificate does not verify) gets no message. Never a bounce of the address.
            conn.starttls(tls.clone(), &self.hello)
                .await
                .map_err(|e| self.later("STARTTLS with", &e))?;
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(|e| classify(&e))?;
        }
        Ok(conn)
    }
}

/// TLS to `host`: the system's roots, plus the CA certificates of `ca_file` (PEM) if given.
fn tls_parameters(host: &str, ca_file: Option<&Path>) -> anyhow::Result<TlsParameters> {
    let mut builder = TlsParameters::builder(host.to_owned());
    if let Some(path) = ca_file {
        let pem = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("--smtp-ca-file {}: {e}", path.display()))?;
        // lettre takes a PEM without certificates as an empty list: say so instead.
        if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
            anyhow::bail!(
                "--smtp-ca-file {}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it",
                path.display()
            );
        }
        let certs = Certificate::from_pem(&pem)
            .map_err(|e| anyhow::anyhow!("--smtp-ca-file {}: {e}", path.display()))?;
        builder = builder.add_root_certificate(certs);
    }
    Ok(builder.build()?)
}

/// lettre's TLS stream (futures' I/O traits) as a tokio stream, so that
/// [`AsyncSmtpConnection::connect_with_transport`] takes it: `smtps://` over our own socket.
#[allow(deprecated)]
#[derive(Debug)]
struct TlsStream {
    inner: AsyncNetworkStream,
    peer: SocketAddr,
}

impl tokio::io::AsyncRead for TlsStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let unfilled = buf.initialize_unfilled();
        match futures_util::io::AsyncRead::poll_read(Pin::new(&mut self.inner), cx, unfilled) {
            Poll::Ready(Ok(n)) => {
                buf.advance(n);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl tokio::io::AsyncWrite for TlsStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        futures_util::io::AsyncWrite::poll_write(Pin::new(&mut self.inner), cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures_util::io::AsyncWrite::poll_flush(Pin::new(&mut self.inner), cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures_util::io::AsyncWrite::poll_close(Pin::new(&mut self.inner), cx)
    }
}

impl AsyncTokioStream for TlsStream {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.peer)
    }
}

/// How an attempt failed.
pub(super) enum Failure {
    /// The recipient's server refused the message for good (5xx): the address bounces.
    Recipient(String),
    /// The message itself cannot be sent (an invalid address): given up.
    Message(String),
    /// Try again later (4xx, timeout, connection, login).
    Later(String),
}

/// 5xx answers that say something about the recipient (not about the login or our
/// commands) bounce the address; everything else is tried again.
pub(super) fn classify(e: &lettre::transport::smtp::Error) -> Failure {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls() {
        assert!(Smtp::from_url("smtp://u:p@mail.example:587", None).is_ok());
        assert!(Smtp::from_url("smtps://mail.example", None).is_ok());
        assert!(Smtp::from_url("smtp://127.0.0.1:2525?tls=none&timeout=2", None).is_ok());
        assert!(Smtp::from_url("http://mail.example", None).is_err());
        assert!(Smtp::from_url("smtp://mail.example?tls=maybe", None).is_err());
        let s = Smtp::from_url("smtp://127.0.0.1:2525?tls=none&connections=8", None).expect("url");
        assert_eq!((s.connections, s.port), (8, 2525));
        assert!(Smtp::from_url("smtp://127.0.0.1:2525?tls=none&connections=0", None).is_err());
        let s = Smtp::from_url("smtp://us%40er:p%3Ass@mail.example", None).expect("url");
        assert_eq!(s.port, 587);
        assert!(s.credentials.is_some());
    }

    /// `--smtp-ca-file`: a file that cannot be read, or holds no certificate, stops the
    /// start with a message naming the flag; with `tls=none` it makes no sense.
    #[test]
    fn ca_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let missing = dir.path().join("missing.pem");
        let err = |url: &str, ca: &Path| match Smtp::from_url(url, Some(ca)) {
            Ok(_) => panic!("{url} with {} was taken", ca.display()),
            Err(e) => e.to_string(),
        };
        let e = err("smtp://mail.example", &missing);
        assert!(
            e.contains("--smtp-ca-file") && e.contains("missing.pem"),
            "{e}"
        );
        let empty = dir.path().join("key.pem");
        std::fs::write(
            &empty,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )
        .expect("write");
        let e = err("smtps://mail.example", &empty);
        assert!(e.contains("no PEM certificate"), "{e}");
        let e = err("smtp://127.0.0.1:2525?tls=none", &empty);
        assert!(e.contains("tls=none"), "{e}");
    }

    /// The socket every connection runs on has `TCP_NODELAY` set (else each message
    /// waits ~40 ms for the server's delayed ACK before its end of data leaves).
    #[tokio::test]
    async fn sockets_have_tcp_nodelay() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let smtp = Smtp::from_url(&format!("smtp://127.0.0.1:{port}?tls=none"), None).expect("url");
        let tcp = smtp.open_socket().await.ok().expect("connected");
        assert!(tcp.nodelay().expect("option"), "TCP_NODELAY on the socket");
    }
}
