//! Slowing down guessing: keyed GCRA limiters (governor) per client and per account.
//!
//! Sign-in is limited per client address, per account *from* that client, and per account
//! overall with a looser quota — so an attacker elsewhere slows down guesses at an account
//! without locking its owner out.
//!
//! Clients are counted by address, IPv6 clients by their /64 (what one subscriber or host
//! usually gets, so rotating through it gains nothing). Wrong second-factor codes also slow
//! the account down exponentially (see [`Limits::second_factor_failed`]). Argon2 itself runs
//! under a server-wide ceiling (`auth::check_password`).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::AppError;

pub struct Limits {
    signin_client: DefaultKeyedRateLimiter<IpAddr>,
    signin_account_client: DefaultKeyedRateLimiter<(String, IpAddr)>,
    signin_account: DefaultKeyedRateLimiter<String>,
    reset_client: DefaultKeyedRateLimiter<IpAddr>,
    reset_account: DefaultKeyedRateLimiter<String>,
    totp_account: DefaultKeyedRateLimiter<String>,
    search_client: DefaultKeyedRateLimiter<IpAddr>,
    public_form_client: DefaultKeyedRateLimiter<IpAddr>,
    /// Per account: wrong second-factor codes in a row, and when the next may be tried.
    totp_backoff: Mutex<HashMap<String, (u32, Instant)>>,
    vault_team_user: DefaultKeyedRateLimiter<String>,
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
            reset_account: RateLimiter::keyed(
                Quota::per_hour(NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN))
                    .allow_burst(NonZeroU32::new(3).unwrap_or(NonZeroU32::MIN)),
            ),
            totp_account: RateLimiter::keyed(per_minute(10)),
            search_client: RateLimiter::keyed(per_minute(300)),
            public_form_client: RateLimiter::keyed(per_minute(20)),
            totp_backoff: Mutex::new(HashMap::new()),
            vault_team_user: RateLimiter::keyed(per_minute(10)),
        }
    }

    /// One sign-in attempt for `email` from `client`.
    pub fn signin(&self, email: &str, client: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        let client = client_key(client);
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
        check(self.totp_account.check_key(&user_id.to_owned()))
    }

    /// A wrong second-factor code: after [`TOTP_FREE_FAILURES`] in a row, the account waits
    /// 2, 4, 8 … seconds (at most [`TOTP_MAX_WAIT`]) before the next code is looked at.
    pub fn second_factor_failed(&self, user_id: &str) {
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
    pub fn second_factor_passed(&self, user_id: &str) {
        if let Ok(mut backoff) = self.totp_backoff.lock() {
            backoff.remove(user_id);
        }
    }

    /// One free-text search (browsing with filters alone is not limited).
    pub fn search(&self, client: IpAddr) -> Result<(), AppError> {
        check(self.search_client.check_key(&client_key(client)))
    }

    /// One password-reset request from `client`.
    pub fn reset(&self, client: IpAddr) -> Result<(), AppError> {
        check(self.reset_client.check_key(&client_key(client)))
    }

    /// One reset mail to an account (checked after the answer, so it says nothing).
    pub fn reset_account(&self, user_id: &str) -> Result<(), AppError> {
        check(self.reset_account.check_key(&user_id.to_owned()))
    }

    /// One attempt by a case lead to add someone to a vault team (it must not become a way
    /// to probe which addresses have accounts).
    pub fn vault_team(&self, user_id: &str) -> Result<(), AppError> {
        check(self.vault_team_user.check_key(&user_id.to_owned()))
    }

    /// One submission of another public form (invitation acceptance, second factor).
    pub fn public_form(&self, client: IpAddr) -> Result<(), AppError> {
        check(self.public_form_client.check_key(&client_key(client)))
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

    #[test]
    fn wrong_codes_back_off() {
        let limits = Limits::new();
        for _ in 0..TOTP_FREE_FAILURES - 1 {
            assert!(limits.second_factor("u").is_ok());
            limits.second_factor_failed("u");
        }
        assert!(limits.second_factor("u").is_ok());
        limits.second_factor_failed("u");
        assert!(matches!(
            limits.second_factor("u"),
            Err(AppError::TooManyRequests(_))
        ));
        limits.second_factor_passed("u");
        assert!(limits.second_factor("u").is_ok());
    }
}
