//! Federation between Spona deployments (issue 20): what a packet may be, and the rules
//! about a note's text and a partner's address; what a referral carries across
//! ([`referral`]). No I/O.

pub mod referral;

/// What a packet carries. `ping` and `note` are generic; `ack` answers a packet the
/// receiving organisation accepted in order; the referral kinds carry a referral across
/// ([`referral`]); `vault-item` carries a vault item with its custody up to the hand-over,
/// `vault-withdrawn` the withdrawal of consent to one handed over before, `vault-chunk` one
/// piece of a large vault item's ciphertext sent ahead of its `vault-item`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PacketKind {
    Ping,
    Note,
    Ack,
    Referral,
    ReferralAnswer,
    ReferralNote,
    ReferralOutcome,
    ConsentWithdrawn,
    VaultItem,
    VaultWithdrawn,
    VaultChunk,
}

impl PacketKind {
    pub const ALL: [PacketKind; 11] = [
        PacketKind::Ping,
        PacketKind::Note,
        PacketKind::Ack,
        PacketKind::Referral,
        PacketKind::ReferralAnswer,
        PacketKind::ReferralNote,
        PacketKind::ReferralOutcome,
        PacketKind::ConsentWithdrawn,
        PacketKind::VaultItem,
        PacketKind::VaultWithdrawn,
        PacketKind::VaultChunk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PacketKind::Ping => "ping",
            PacketKind::Note => "note",
            PacketKind::Ack => "ack",
            PacketKind::Referral => "referral",
            PacketKind::ReferralAnswer => "referral-answer",
            PacketKind::ReferralNote => "referral-note",
            PacketKind::ReferralOutcome => "referral-outcome",
            PacketKind::ConsentWithdrawn => "consent-withdrawn",
            PacketKind::VaultItem => "vault-item",
            PacketKind::VaultWithdrawn => "vault-withdrawn",
            PacketKind::VaultChunk => "vault-chunk",
        }
    }

    pub fn parse(s: &str) -> Option<PacketKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether this deployment's inbox handles the kind (every kind now, vault items too).
    pub fn handled(self) -> bool {
        Self::ALL.contains(&self)
    }

    /// A referral or what follows it.
    pub fn is_referral(self) -> bool {
        matches!(
            self,
            PacketKind::Referral
                | PacketKind::ReferralAnswer
                | PacketKind::ReferralNote
                | PacketKind::ReferralOutcome
                | PacketKind::ConsentWithdrawn
        )
    }

    /// Whether the receiving side answers an accepted packet of this kind with an `ack`
    /// (a `vault-chunk` is not: its receipt says it is stored, and the `vault-item` that
    /// follows its chunks is acknowledged once the whole item holds).
    pub fn acknowledged(self) -> bool {
        !matches!(self, PacketKind::Ack | PacketKind::VaultChunk)
    }
}

/// How far ahead of its conversation a packet may be and still be held: a packet numbered
/// more than this beyond the last accepted one is refused (the sender tries again later).
pub const HOLD_AHEAD: i64 = 64;

/// The most packets held from one partner at a time; beyond it, a packet out of order is
/// refused (the sender tries again later), so a partner cannot fill the inbox with gaps.
pub const MAX_HELD: i64 = 256;

/// Where a packet numbered `seq` goes in a conversation whose last accepted packet is `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The next one: accepted now.
    Next,
    /// Ahead of a gap, within [`HOLD_AHEAD`]: held until the gap fills.
    Hold,
    /// A number already accepted (under another id).
    Taken,
    /// Too far ahead: refused.
    TooFar,
}

pub fn placement(last: i64, seq: i64) -> Placement {
    if seq <= last {
        Placement::Taken
    } else if seq == last + 1 {
        Placement::Next
    } else if seq - last <= HOLD_AHEAD {
        Placement::Hold
    } else {
        Placement::TooFar
    }
}

/// Longest note, in characters.
pub const MAX_NOTE: usize = 4000;

/// A note's text: trimmed, not empty, at most [`MAX_NOTE`] characters. The message id of
/// the problem otherwise.
pub fn note_text(text: &str) -> Result<&str, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        Err("fed-err-note-empty")
    } else if t.chars().count() > MAX_NOTE {
        Err("fed-err-note-long")
    } else {
        Ok(t)
    }
}

/// A partner's address as an admin typed it: `http(s)://host[:port]` without a path,
/// query or user; the normalised form (no trailing slash) or the message id of the problem.
/// Plain `http` is allowed only when `allow_http` (tests, one machine).
pub fn partner_url(text: &str, allow_http: bool) -> Result<String, &'static str> {
    let url = url::Url::parse(text.trim()).map_err(|_| "fed-err-url")?;
    let scheme_ok = url.scheme() == "https" || (allow_http && url.scheme() == "http");
    if !scheme_ok {
        return Err("fed-err-url-https");
    }
    if url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some()
        || !(url.path() == "/" || url.path().is_empty())
    {
        return Err("fed-err-url");
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in PacketKind::ALL {
            assert_eq!(PacketKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(PacketKind::parse("nope"), None);
        assert!(PacketKind::Referral.handled() && PacketKind::Referral.is_referral());
        assert!(PacketKind::VaultItem.handled() && !PacketKind::Note.is_referral());
        assert!(!PacketKind::Ack.acknowledged());
    }

    #[test]
    fn a_packet_ahead_of_a_gap_is_held_within_the_bound() {
        assert_eq!(placement(0, 1), Placement::Next);
        assert_eq!(placement(0, 3), Placement::Hold);
        assert_eq!(placement(0, HOLD_AHEAD), Placement::Hold);
        assert_eq!(placement(0, HOLD_AHEAD + 1), Placement::TooFar);
        assert_eq!(placement(5, 5), Placement::Taken);
        assert_eq!(placement(5, 1), Placement::Taken);
    }

    #[test]
    fn notes_and_urls() {
        assert_eq!(note_text("  hi "), Ok("hi"));
        assert_eq!(note_text("  "), Err("fed-err-note-empty"));
        assert_eq!(
            note_text(&"x".repeat(MAX_NOTE + 1)),
            Err("fed-err-note-long")
        );
        assert_eq!(
            partner_url("https://pr.example/", false),
            Ok("https://pr.example".into())
        );
        assert_eq!(
            partner_url("http://127.0.0.1:8080", true),
            Ok("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            partner_url("http://pr.example", false),
            Err("fed-err-url-https")
        );
        for bad in [
            "pr.example",
            "https://pr.example/x",
            "https://u@pr.example",
            "https://pr.example?q",
        ] {
            assert!(partner_url(bad, true).is_err(), "{bad}");
        }
    }
}
