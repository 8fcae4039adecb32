//! Single-use tokens: invitations to join an organisation, and password resets.

use spona_domain::ids::OrgId;
use spona_domain::role::OrgRole;

use crate::{Db, Result, Tx, new_token, now, on_db, on_tx, token_hash};

/// Invitations stay valid for a week.
pub const INVITE_SECONDS: i64 = 60 * 60 * 24 * 7;
/// Password resets stay valid for one hour.
pub const RESET_SECONDS: i64 = 60 * 60;

/// An invitation, as found by its token.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invite {
    pub email: String,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    #[sqlx(try_from = "String")]
    pub org_role: OrgRole,
    pub expires_at: i64,
    /// When a platform admin handed this link out instead of mailing it (then using it
    /// proves nothing about the address).
    pub handed_out_at: Option<i64>,
}

impl Invite {
    /// Whether the link was mailed to the invited address (so using it proves the address).
    pub fn was_mailed(&self) -> bool {
        self.handed_out_at.is_none()
    }

    /// The role the invitation offers.
    pub fn role(&self) -> OrgRole {
        self.org_role
    }
}

/// An outstanding invitation, for the organisation's people page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingInvite {
    pub email: String,
    #[sqlx(try_from = "String")]
    pub org_role: OrgRole,
    pub expires_at: i64,
}

/// Creates an invitation and returns its token (shown once, to be sent to the invitee).
pub async fn create_invite(
    db: &Db,
    email: &str,
    org_id: &str,
    role: OrgRole,
    created_by: &str,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let token = create_invite_in(&mut tx, email, org_id, role, created_by, None).await?;
    tx.commit().await?;
    Ok(token)
}

/// [`create_invite`] inside a use case's transaction. The one-time key `once`, if given,
/// is claimed in the same transaction: a retry of a post that committed gets
/// [`StoreError::Replay`](crate::StoreError::Replay) with the first answer's location; one
/// that did not commit left no key behind.
pub async fn create_invite_in(
    tx: &mut Tx,
    email: &str,
    org_id: &str,
    role: OrgRole,
    created_by: &str,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    insert_invite_in(tx, email, org_id, role, created_by, false, once).await
}

/// Creates an invitation whose link a platform admin hands out (no mail server, or mail
/// that does not arrive), inside a use case's transaction: it works like a mailed one but
/// does not prove the address.
pub async fn create_handed_out_invite_in(
    tx: &mut Tx,
    email: &str,
    org_id: &str,
    role: OrgRole,
    created_by: &str,
) -> Result<String> {
    insert_invite_in(tx, email, org_id, role, created_by, true, None).await
}

async fn insert_invite_in(
    tx: &mut Tx,
    email: &str,
    org_id: &str,
    role: OrgRole,
    created_by: &str,
    handed_out: bool,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    let token = new_token();
    let t = now();
    let handed_out_at = handed_out.then_some(t);
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, "");
        }
        sqlx::query(
            "INSERT INTO tokens (token_hash, kind, email, org_id, org_role, created_by, created_at, expires_at, handed_out_at) \
             VALUES ($1, 'invite', $2, $3, $4, $5, $6, $7, $8)")
            .bind(token_hash(&token)).bind(crate::users::normalise_email(email)).bind(org_id)
            .bind(role.as_str()).bind(created_by).bind(t).bind(t + INVITE_SECONDS).bind(handed_out_at)
            .execute(&mut *c).await?;
    });
    Ok(token)
}

/// The invitation a token stands for, if it is still valid (not used, not expired).
pub async fn find_invite(db: &Db, token: &str) -> Result<Option<Invite>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Invite>(
        "SELECT email, org_id, org_role, expires_at, handed_out_at FROM tokens \
         WHERE token_hash = $1 AND kind = 'invite' AND used_at IS NULL AND expires_at > $2")
        .bind(token_hash(token)).bind(now()).fetch_optional(p).await)?)
}

/// Uses up an invitation. Returns it only to the first caller, so it is accepted once.
pub async fn take_invite(db: &Db, token: &str) -> Result<Option<Invite>> {
    let mut tx = db.begin().await?;
    let invite = take_invite_in(&mut tx, token).await?;
    tx.commit().await?;
    Ok(invite)
}

/// [`take_invite`] inside a use case's transaction: the link is used only if the
/// transaction commits.
pub async fn take_invite_in(tx: &mut Tx, token: &str) -> Result<Option<Invite>> {
    let t = now();
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Invite>(
        "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND kind = 'invite' \
         AND used_at IS NULL AND expires_at > $1 RETURNING email, org_id, org_role, expires_at, handed_out_at")
        .bind(t).bind(token_hash(token)).fetch_optional(&mut *c).await)?)
}

/// Accepting an invitation as a new account, inside a use case's transaction: the form's
/// one-time key is claimed (its location names the organisation's slug as `{id}`), the
/// invitation used, the account created with the invited address, the membership given,
/// and a mailed link marks the address proven. A retry of an acceptance that committed gets
/// [`StoreError::Replay`](crate::StoreError::Replay); an unknown, used or expired link gives
/// [`StoreError::NotFound`](crate::StoreError::NotFound); nothing is kept unless the
/// transaction commits. Returns the new user's id, the invitation and the organisation's slug.
pub async fn accept_invite_as_new_user_in(
    tx: &mut Tx,
    token: &str,
    display_name: &str,
    password_hash: &str,
    once: &crate::idempotency::Once,
) -> Result<(String, Invite, String)> {
    use crate::StoreError;
    let user_id = crate::new_id();
    let t = now();
    let slug: Option<String> = on_tx!(&mut *tx, c => sqlx::query_scalar(
        "SELECT o.slug FROM tokens t JOIN organisations o ON o.id = t.org_id \
         WHERE t.token_hash = $1 AND t.kind = 'invite'")
        .bind(token_hash(token)).fetch_optional(&mut *c).await)?;
    let Some(slug) = slug else {
        return Err(StoreError::NotFound);
    };
    on_tx!(&mut *tx, c => {
        crate::claim_once!(&mut *c, once, &slug);
    });
    let Some(invite) = take_invite_in(tx, token).await? else {
        return Err(StoreError::NotFound);
    };
    on_tx!(&mut *tx, c => sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, platform_role, created_at, updated_at, email_proven_at) \
         VALUES ($1, $2, $3, $4, 'user', $5, $5, $6)")
        .bind(&user_id).bind(crate::users::normalise_email(&invite.email)).bind(display_name)
        .bind(password_hash).bind(t).bind(invite.was_mailed().then_some(t))
        .execute(&mut *c).await.map(|r| r.rows_affected())).map_err(crate::conflict)?;
    crate::users::set_membership_in(tx, &user_id, &invite.org_id, invite.role()).await?;
    Ok((user_id, invite, slug))
}

/// How many invitations of each of these organisations are neither used nor expired (an
/// organisation without any is left out), in one query.
pub async fn pending_invite_counts(
    db: &Db,
    org_ids: &[&str],
) -> Result<std::collections::HashMap<String, usize>> {
    if org_ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT org_id, COUNT(*) FROM tokens WHERE kind = 'invite' AND used_at IS NULL \
         AND expires_at > $1 AND org_id IN ({}) GROUP BY org_id",
        crate::placeholders(2, org_ids.len())
    ));
    let rows: Vec<(String, i64)> = on_db!(db, p => {
        let mut q = sqlx::query_as(sql).bind(now());
        for id in org_ids {
            q = q.bind(id.to_string());
        }
        q.fetch_all(p).await
    })?;
    Ok(rows
        .into_iter()
        .map(|(org, n)| (org, usize::try_from(n).unwrap_or_default()))
        .collect())
}

/// Invitations of an organisation that are neither used nor expired.
pub async fn pending_invites(db: &Db, org_id: &str) -> Result<Vec<PendingInvite>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, PendingInvite>(
        "SELECT email, org_role, expires_at FROM tokens WHERE kind = 'invite' AND org_id = $1 \
         AND used_at IS NULL AND expires_at > $2 ORDER BY created_at")
        .bind(org_id).bind(now()).fetch_all(p).await)?)
}

/// Creates a password-reset token for a user.
pub async fn create_reset(db: &Db, user_id: &str) -> Result<String> {
    let mut tx = db.begin().await?;
    let token = create_reset_in(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(token)
}

/// [`create_reset`] inside a use case's transaction.
pub async fn create_reset_in(tx: &mut Tx, user_id: &str) -> Result<String> {
    let token = new_token();
    let t = now();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO tokens (token_hash, kind, user_id, created_at, expires_at) \
         VALUES ($1, 'reset', $2, $3, $4)")
        .bind(token_hash(&token)).bind(user_id).bind(t).bind(t + RESET_SECONDS)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// Whether a reset token is valid now (to show the form); does not use it up.
pub async fn reset_is_valid(db: &Db, token: &str) -> Result<bool> {
    let row: Option<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT token_hash FROM tokens WHERE token_hash = $1 AND kind = 'reset' \
         AND used_at IS NULL AND expires_at > $2")
        .bind(token_hash(token)).bind(now()).fetch_optional(p).await)?;
    Ok(row.is_some())
}

/// Uses up a reset token and returns whose it was.
pub async fn take_reset(db: &Db, token: &str) -> Result<Option<String>> {
    let mut tx = db.begin().await?;
    let user = take_reset_in(&mut tx, token).await?;
    tx.commit().await?;
    Ok(user)
}

/// [`take_reset`] inside a use case's transaction: the link is used only if it commits.
pub async fn take_reset_in(tx: &mut Tx, token: &str) -> Result<Option<String>> {
    let t = now();
    let row: Option<(Option<String>,)> = on_tx!(tx, c => sqlx::query_as(
        "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND kind = 'reset' \
         AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
        .bind(t).bind(token_hash(token)).fetch_optional(&mut *c).await)?;
    Ok(row.and_then(|(u,)| u))
}

/// Voids every outstanding token of a user: resets addressed to the account, and
/// invitations addressed to its e-mail address.
pub async fn revoke_for_user(db: &Db, user_id: &str, email: &str) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = revoke_for_user_in(&mut tx, user_id, email).await?;
    tx.commit().await?;
    Ok(n)
}

/// [`revoke_for_user`] inside a use case's transaction.
pub async fn revoke_for_user_in(tx: &mut Tx, user_id: &str, email: &str) -> Result<u64> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tokens SET used_at = $1 WHERE used_at IS NULL AND (user_id = $2 OR email = $3)")
        .bind(now()).bind(user_id).bind(crate::users::normalise_email(email))
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// When a reset token was made and when it expires (for checks of its lifetime).
pub async fn reset_times(db: &Db, token: &str) -> Result<Option<(i64, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT created_at, expires_at FROM tokens WHERE token_hash = $1 AND kind = 'reset'")
        .bind(token_hash(token)).fetch_optional(p).await)?)
}
