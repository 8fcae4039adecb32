//! Slowing down guessing: keyed GCRA limiters (governor) per client and per account.
//!
//! Sign-in is limited per client address, per account *from* that client, and per account
//! overall with a looser quota — so an attacker elsewhere slows down guesses at an account
//! without locking its owner out.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::AppError;

pub struct Limits {
    signin_client: DefaultKeyedRateLimiter<IpAddr>,
    signin_account_client: DefaultKeyedRateLimiter<(String, IpAddr)>,
    signin_account: DefaultKeyedRateLimiter<String>,
    reset_client: DefaultKeyedRateLimiter<IpAddr>,
    totp_account: DefaultKeyedRateLimiter<String>,
    search_client: DefaultKeyedRateLimiter<IpAddr>,
    public_form_client: DefaultKeyedRateLimiter<IpAddr>,
    vault_team_user: DefaultKeyedRateLimiter<String>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl Limits {
    pub fn new() -> Self {
        Limits {
            signin_client: RateLimiter::keyed(per_minute(30)),
            signin_account_client: RateLimiter::keyed(per_minute(5)),
            signin_account: RateLimiter::keyed(per_minute(20)),
            reset_client: RateLimiter::keyed(per_minute(5)),
            totp_account: RateLimiter::keyed(per_minute(10)),
            search_client: RateLimiter::keyed(per_minute(300)),
            public_form_client: RateLimiter::keyed(per_minute(20)),
            vault_team_user: RateLimiter::keyed(per_minute(10)),
        }
    }

    /// One sign-in attempt for `email` from `client`.
    pub fn signin(&self, email: &str, client: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        check(self.signin_client.check_key(&client))?;
        check(
            self.signin_account_client
                .check_key(&(email.clone(), client)),
        )?;
        check(self.signin_account.check_key(&email))
    }

    /// One second-factor code entered for an account (whatever the client: an attacker who
    /// knows the password may come from many addresses).
    pub fn second_factor(&self, user_id: &str) -> Result<(), AppError> {
        check(self.totp_account.check_key(&user_id.to_owned()))
    }

    /// One free-text search (browsing with filters alone is not limited).
    pub fn search(&self, client: IpAddr) -> Result<(), AppError> {
        check(self.search_client.check_key(&client))
    }

    /// One password-reset request from `client`.
    pub fn reset(&self, client: IpAddr) -> Result<(), AppError> {
        check(self.reset_client.check_key(&client))
    }

    /// One attempt by a case lead to add someone to a vault team (it must not become a way
    /// to probe which addresses have accounts).
    pub fn vault_team(&self, user_id: &str) -> Result<(), AppError> {
        check(self.vault_team_user.check_key(&user_id.to_owned()))
    }

    /// One submission of another public form (invitation acceptance, second factor).
    pub fn public_form(&self, client: IpAddr) -> Result<(), AppError> {
        check(self.public_form_client.check_key(&client))
    }
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
