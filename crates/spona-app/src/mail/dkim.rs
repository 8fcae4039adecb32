//! DKIM signing of outgoing mail (`--dkim-key`, `--dkim-selector`).

use std::path::Path;

use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;

/// The DKIM signer: relaxed/relaxed, over the headers receivers look at, both
/// `List-Unsubscribe` headers among them.
pub(super) fn config(key: &Path, selector: &str, domain: &str) -> anyhow::Result<DkimConfig> {
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
