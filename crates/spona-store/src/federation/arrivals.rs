//! Whom a partner's referral is announced to (issue 20): the receiving organisation's
//! admins and case workers, and the languages it works in (for the mail's locale), read
//! inside the inbox's transaction.

use crate::{Result, Tx, on_tx};

/// The addresses of the organisation's admins and case workers (not disabled), each once,
/// sorted.
pub async fn addresses_in(tx: &mut Tx, org_id: &str) -> Result<Vec<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, String>(
        "SELECT u.email FROM users u WHERE u.disabled = FALSE AND u.id IN ( \
             SELECT m.user_id FROM memberships m WHERE m.org_id = $1 AND m.role = 'admin' \
             UNION SELECT w.user_id FROM referral_workers w WHERE w.org_id = $1) \
         ORDER BY u.email")
        .bind(org_id).fetch_all(&mut *c).await)?)
}

/// The organisation's working languages (codes such as `sr`, `uk`, `sq`), in stored order.
pub async fn languages_in(tx: &mut Tx, org_id: &str) -> Result<Vec<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, String>(
        "SELECT code FROM org_terms WHERE org_id = $1 AND kind = 'language' ORDER BY code")
        .bind(org_id).fetch_all(&mut *c).await)?)
}
