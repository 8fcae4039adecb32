//! Slowing bursts of endorsements: token buckets in memory (governor's GCRA), per client
//! address and per client network (IPv4 /24, IPv6 /64). Nothing about the client is stored:
//! the buckets live in this process only and are forgotten at restart. An endorsement over
//! either limit is answered 429 with `Retry-After` and a page saying when to try again.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::AppError;

/// Endorsements one address may send per minute (and at once).
pub const PER_ADDRESS_PER_MINUTE: u32 = 10;
/// Endorsements one network may send per minute (and at once): offices, universities and
/// mobile carriers put many people behind one network.
pub const PER_NETWORK_PER_MINUTE: u32 = 60;

pub struct Limits {
    address: DefaultKeyedRateLimiter<IpAddr>,
    network: DefaultKeyedRateLimiter<String>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl Limits {
    /// The limits of [`PER_ADDRESS_PER_MINUTE`] and [`PER_NETWORK_PER_MINUTE`], unless the
    /// (hidden, for browser tests and benchmarks) environment variable
    /// `SPONA_ENDORSE_LIMITS=ADDRESS,NETWORK` sets others.
    pub fn new() -> Self {
        let (a, n) = std::env::var("SPONA_ENDORSE_LIMITS")
            .ok()
            .and_then(|v| {
                let (a, n) = v.split_once(',')?;
                Some((a.trim().parse().ok()?, n.trim().parse().ok()?))
            })
            .unwrap_or((PER_ADDRESS_PER_MINUTE, PER_NETWORK_PER_MINUTE));
        Self::with(a, n)
    }

    /// Limits of `address` and `network` endorsements per minute.
    pub fn with(address: u32, network: u32) -> Self {
        Limits {
            address: RateLimiter::keyed(per_minute(address)),
            network: RateLimiter::keyed(per_minute(network)),
        }
    }

    /// One endorsement from `client`: 429 (with the seconds to wait) over either limit.
    pub fn endorse(&self, client: IpAddr) -> Result<(), AppError> {
        let client = match client {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(client),
            v4 => v4,
        };
        check(self.address.check_key(&client))?;
        check(
            self.network
                .check_key(&spona_app::endorsements::network_of(client)),
        )
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
    fn an_address_and_its_network_are_slowed() {
        let l = Limits::with(PER_ADDRESS_PER_MINUTE, PER_NETWORK_PER_MINUTE);
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        for _ in 0..PER_ADDRESS_PER_MINUTE {
            assert!(l.endorse(ip("192.0.2.1")).is_ok());
        }
        assert!(matches!(
            l.endorse(ip("192.0.2.1")),
            Err(AppError::TooManyRequests(_))
        ));
        // Others in the same /24 still have the network's remaining quota …
        let mut n = 0;
        while l.endorse(ip(&format!("192.0.2.{}", 2 + n % 200))).is_ok() {
            n += 1;
        }
        assert_eq!(n, PER_NETWORK_PER_MINUTE - PER_ADDRESS_PER_MINUTE);
        // … and another network is not held up.
        assert!(l.endorse(ip("198.51.100.1")).is_ok());
        // IPv6 counts by /64.
        for i in 0..PER_NETWORK_PER_MINUTE {
            let _ = l.endorse(ip(&format!("2001:db8:1:2::{:x}", i + 1)));
        }
        assert!(l.endorse(ip("2001:db8:1:2:ffff::9")).is_err());
        assert!(l.endorse(ip("2001:db8:1:3::1")).is_ok());
    }
}
