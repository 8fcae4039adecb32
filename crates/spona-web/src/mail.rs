//! Outgoing mail. While no mail server is configured, each message is written as an `.eml`
//! file into the outbox directory, where an operator (or a test) reads it. Messages hold
//! links with secret tokens, so they are never written to the log.

use std::io::Write;
use std::path::Path;

/// Writes a message to the outbox `dir`. Fails only if the directory cannot be written.
pub fn send(dir: &Path, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let name = format!("{}.eml", spona_store::new_id());
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut f = std::fs::File::create(&tmp)?;
    write!(
        f,
        "To: {to}\r\nFrom: Spona <no-reply@spona.invalid>\r\nSubject: {subject}\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )?;
    f.sync_all()?;
    std::fs::rename(&tmp, dir.join(&name))?;
    tracing::info!(outbox.file = %name, "message written to the outbox");
    Ok(())
}
