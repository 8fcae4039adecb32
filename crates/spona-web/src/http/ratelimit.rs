//! Slowing down guessing: keyed GCRA limiters per client and per account.
//!
//! Sign-in is limited per client address, per account *from* that client, and per account
//! overall with a looser quota — so an attacker elsewhere slows down guesses at an account
//! without locking its owner out.
//!
//! Clients are counted by address, IPv6 clients by their /64 (what one subscriber or host
//! usually gets, so rotating through it gains nothing). Wrong second-factor codes also slow
//! the account down exponentially (see [`Limits::second_factor_failed`]). Argon2 itself runs
//! under a server-wide ceiling (`auth::check_password`).
//!
//! Where the counts live: on SQLite (one server) in the process (`governor`); on PostgreSQL
//! in the database (`spona_store::rate_buckets`, one atomic statement per check, the same
//! GCRA), so that every server behind a load balancer shares them and N servers give no more
//! guesses than one (issue 26). Keys are stored hashed (no address or e-mail in clear). Were
//! the database to fail a check, the process's own limiter answers for it meanwhile.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use spona_store::Db;
use spona_store::rate_buckets::{self, Quota as Shared};

use crate::AppError;

/// One limit: its name (the shared key's prefix), its quota and the in-process limiter.
struct Limit {
    name: &'static str,
    quota: Shared,
    local: DefaultKeyedRateLimiter<String>,
}

impl Limit {
    fn new(name: &'static str, quota: Shared) -> Self {
        let n =
            |v: i64| NonZeroU32::new(v.clamp(1, u32::MAX as i64) as u32).unwrap_or(NonZeroU32::MIN);
        let local = Quota::with_period(Duration::from_millis(quota.interval_ms.max(1) as u64))
            .map(|q| q.allow_burst(n(quota.burst)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN));
        Limit {
            name,
            quota,
            local: RateLimiter::keyed(local),
        }
    }
}

pub struct Limits {
    signin_client: Limit,
    signin_account_client: Limit,
    signin_account: Limit,
    reset_client: Limit,
    reset_account: Limit,
    totp_account: Limit,
    search_client: Limit,
    public_form_client: Limit,
    /// Per account: wrong second-factor codes in a row, and when the next may be tried.
    totp_backoff: Mutex<HashMap<String, (u32, Instant)>>,
    vault_team_user: Limit,
    /// The database the limits are shared through (PostgreSQL only).
    shared: Option<Db>,
}

/// Wrong codes in a row allowed without waiting; each further one doubles the wait.
const TOTP_FREE_FAILURES: u32 = 3;
/// The longest wait between second-factor attempts.
const TOTP_MAX_WAIT: Duration = Duration::from_secs(15 * 60);

/// The key a client is counted under: IPv6 by its /64, IPv4 (also IPv4-mapped) as is.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

impl Limits {
    /// Limits kept in this process (SQLite: one server).
    pub fn new() -> Self {
        Limits {
            signin_client: Limit::new("signin-client", Shared::per_minute(30)),
            signin_account_client: Limit::new("signin-account-client", Shared::per_minute(5)),
            signin_account: Limit::new("signin-account", Shared::per_minute(20)),
            reset_client: Limit::new("reset-client", Shared::per_minute(5)),
            reset_account: Limit::new("reset-account", Shared::per_hour(5, 3)),
            totp_account: Limit::new("totp-account", Shared::per_minute(10)),
            search_client: Limit::new("search-client", Shared::per_minute(300)),
            public_form_client: Limit::new("public-form-client", Shared::per_minute(20)),
            totp_backoff: Mutex::new(HashMap::new()),
            vault_team_user: Limit::new("vault-team-user", Shared::per_minute(10)),
            shared: None,
        }
    }

    /// The limits for a server on `db`: shared through it on PostgreSQL, in the process on
    /// SQLite.
    pub fn for_db(db: &Db) -> Self {
        let mut limits = Self::new();
        if matches!(db, Db::Postgres(_)) {
            limits.shared = Some(db.clone());
        }
        limits
    }

    /// Whether the counts are shared through the database.
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }

    async fn take(&self, limit: &Limit, key: String) -> Result<(), AppError> {
        if let Some(pool) = &self.shared {
            let shared_key = format!("{}:{}", limit.name, spona_store::token_hash(&key));
            match rate_buckets::take(pool, &shared_key, limit.quota).await {
                Ok(None) => return Ok(()),
                Ok(Some(wait_ms)) => {
                    return Err(AppError::TooManyRequests(
                        ((wait_ms + 999) / 1000).max(1) as u64
                    ));
                }
                Err(e) => {
                    tracing::warn!(error = %e, limit = limit.name, "shared rate limit unavailable; limiting in this process");
                }
            }
        }
        check(limit.local.check_key(&key))
    }

    /// One sign-in attempt for `email` from `client`.
    pub async fn signin(&self, email: &str, client: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        let client = client_key(client);
        self.take(&self.signin_client, client.to_string()).await?;
        self.take(&self.signin_account_client, format!("{email} {client}"))
            .await?;
        self.take(&self.signin_account, email).await
    }

    /// One second-factor code entered for an account (whatever the client: an attacker who
    /// knows the password may come from many addresses).
    pub async fn second_factor(&self, user_id: &str) -> Result<(), AppError> {
        if let Some(pool) = &self.shared {
            match rate_buckets::backoff_wait(pool, &backoff_key(user_id)).await {
                Ok(Some(wait_ms)) => {
                    return Err(AppError::TooManyRequests(
                        ((wait_ms + 999) / 1000).max(1) as u64
                    ));
                }
                Ok(None) => return self.take(&self.totp_account, user_id.to_owned()).await,
                Err(e) => tracing::warn!(error = %e, "shared second-factor back-off unavailable"),
            }
        }
        if let Ok(backoff) = self.totp_backoff.lock()
            && let Some((_, next)) = backoff.get(user_id)
        {
            let now = Instant::now();
            if *next > now {
                return Err(AppError::TooManyRequests(
                    (*next - now).as_secs_f64().ceil() as u64,
                ));
            }
        }
        self.take(&self.totp_account, user_id.to_owned()).await
    }

    /// A wrong second-factor code: after [`TOTP_FREE_FAILURES`] in a row, the account waits
    /// 2, 4, 8 … seconds (at most [`TOTP_MAX_WAIT`]) before the next code is looked at.
    pub async fn second_factor_failed(&self, user_id: &str) {
        if let Some(pool) = &self.shared {
            match rate_buckets::backoff_failed(
                pool,
                &backoff_key(user_id),
                TOTP_FREE_FAILURES as i32,
                TOTP_MAX_WAIT.as_millis() as i64,
            )
            .await
            {
                Ok(()) => return,
                Err(e) => tracing::warn!(error = %e, "shared second-factor back-off unavailable"),
            }
        }
        if let Ok(mut backoff) = self.totp_backoff.lock() {
            let entry = backoff
                .entry(user_id.to_owned())
                .or_insert((0, Instant::now()));
            entry.0 += 1;
            if entry.0 >= TOTP_FREE_FAILURES {
                let exp = (entry.0 - TOTP_FREE_FAILURES + 1).min(20);
                let wait = Duration::from_secs(1u64 << exp).min(TOTP_MAX_WAIT);
                entry.1 = Instant::now() + wait;
            }
        }
    }

    /// A correct second-factor code ends the back-off.
    pub async fn second_factor_passed(&self, user_id: &str) {
        if let Some(pool) = &self.shared
            && let Err(e) = rate_buckets::backoff_passed(pool, &backoff_key(user_id)).await
        {
            tracing::warn!(error = %e, "shared second-factor back-off unavailable");
        }
        if let Ok(mut backoff) = self.totp_backoff.lock() {
            backoff.remove(user_id);
        }
    }

    /// One free-text search (browsing with filters alone is not limited).
    pub async fn search(&self, client: IpAddr) -> Result<(), AppError> {
        self.take(&self.search_client, client_key(client).to_string())
            .await
    }

    /// One password-reset request from `client`.
    pub async fn reset(&self, client: IpAddr) -> Result<(), AppError> {
        self.take(&self.reset_client, client_key(client).to_string())
            .await
    }

    /// One reset mail to an account (checked after the answer, so it says nothing).
    pub async fn reset_account(&self, user_id: &str) -> Result<(), AppError> {
        self.take(&self.reset_account, user_id.to_owned()).await
    }

    /// One attempt by a case lead to add someone to a vault team (it must not become a way
    /// to probe which addresses have accounts).
    pub async fn vault_team(&self, user_id: &str) -> Result<(), AppError> {
        self.take(&self.vault_team_user, user_id.to_owned()).await
    }

    /// One submission of another public form (invitation acceptance, second factor).
    pub async fn public_form(&self, client: IpAddr) -> Result<(), AppError> {
        self.take(&self.public_form_client, client_key(client).to_string())
            .await
    }

    /// Forgets shared buckets idle for an hour (a job; nothing on SQLite).
    pub async fn prune(&self) -> Result<u64, spona_store::StoreError> {
        match &self.shared {
            Some(pool) => rate_buckets::prune(pool).await,
            None => Ok(0),
        }
    }
}

fn backoff_key(user_id: &str) -> String {
    format!("totp-backoff:{}", spona_store::token_hash(user_id))
}

impl Default for Limits {
    fn default() -> Self {
        Self::new()
    }
}

fn check(
    r: Result<(), governor::NotUntil<governor::clock::QuantaInstant>>,
) -> Result<(), AppError> {
    use governor::clock::Clock;
    r.map_err(|not_until| {
        let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
        AppError::TooManyRequests(wait.as_secs().max(1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("ip");
        assert_eq!(
            client_key(mapped),
            "192.0.2.7".parse::<IpAddr>().expect("ip")
        );
    }

    #[tokio::test]
    async fn wrong_codes_back_off() {
        let limits = Limits::new();
        for _ in 0..TOTP_FREE_FAILURES - 1 {
            assert!(limits.second_factor("u").await.is_ok());
            limits.second_factor_failed("u").await;
        }
        assert!(limits.second_factor("u").await.is_ok());
        limits.second_factor_failed("u").await;
        assert!(matches!(
            limits.second_factor("u").await,
            Err(AppError::TooManyRequests(_))
        ));
        limits.second_factor_passed("u").await;
        assert!(limits.second_factor("u").await.is_ok());
    }

    #[tokio::test]
    async fn the_local_limiter_lets_the_burst_through_and_no_more() {
        let limits = Limits::new();
        let ip: IpAddr = "192.0.2.9".parse().expect("ip");
        for i in 0..5 {
            assert!(
                limits.signin("a@example.org", ip).await.is_ok(),
                "guess {i}"
            );
        }
        assert!(matches!(
            limits.signin("a@example.org", ip).await,
            Err(AppError::TooManyRequests(_))
        ));
    }
}
