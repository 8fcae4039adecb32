//! What the chain of custody says about a case: who is on its team with which role, which
//! items were recorded (kind, hash, size) and what each item's consent is. Entries that give
//! access or consent, or create an item, carry these facts in a fixed form at the start of
//! their reason, written and read only here:
//!
//! ```text
//! create   case opened                                       the actor becomes lead
//! grant    <user> as <role>[ …]: <why>                       the user gets the role
//! revoke   <user>: <why>                                     the user leaves the team
//! create   testimony <item> recorded; consent: <consent>     item_sha256 = SHA-256 of its JSON
//! create   file <item> stored (<n> bytes); consent: <consent>. <why>
//! consent  item <item>: consent: <consent>. <why>
//! ```
//!
//! `<consent>` is `withdrawn`, `none`, or a comma-separated list of `documentation`,
//! `share with <org> <org>…`, `prosecutors`, `publication`.
//! [`replay`] rebuilds the state from the entries; `spona custody verify` compares it with
//! the database's tables, so a row inserted, deleted or edited without its entry shows.

use std::collections::BTreeMap;

use crate::custody::CustodyEntry;

/// What a person agreed an item may be used for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsentFacts {
    pub documentation: bool,
    /// Organisations (slugs), in the order given.
    pub share_with: Vec<String>,
    pub prosecutors: bool,
    pub publication: bool,
    pub withdrawn: bool,
}

impl ConsentFacts {
    /// The fixed form written into custody reasons.
    pub fn summary(&self) -> String {
        if self.withdrawn {
            return "withdrawn".into();
        }
        let mut parts = Vec::new();
        if self.documentation {
            parts.push("documentation".to_owned());
        }
        if !self.share_with.is_empty() {
            parts.push(format!("share with {}", self.share_with.join(" ")));
        }
        if self.prosecutors {
            parts.push("prosecutors".into());
        }
        if self.publication {
            parts.push("publication".into());
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }

    /// Reads [`ConsentFacts::summary`]; `None` for anything else.
    pub fn parse(text: &str) -> Option<ConsentFacts> {
        let text = text.trim();
        match text {
            "withdrawn" => {
                return Some(ConsentFacts {
                    withdrawn: true,
                    ..Default::default()
                });
            }
            "none" => return Some(ConsentFacts::default()),
            _ => {}
        }
        let mut c = ConsentFacts::default();
        for part in text.split(", ") {
            match part {
                "documentation" => c.documentation = true,
                "prosecutors" => c.prosecutors = true,
                "publication" => c.publication = true,
                other => {
                    let orgs = other.strip_prefix("share with ")?;
                    c.share_with = orgs.split(' ').map(str::to_owned).collect();
                }
            }
        }
        Some(c)
    }
}

/// Reason of a `create` entry for a testimony.
pub fn testimony_created(item_id: &str, consent: &ConsentFacts) -> String {
    format!(
        "testimony {item_id} recorded; consent: {}",
        consent.summary()
    )
}

/// Reason of a `create` entry for a file.
pub fn file_created(item_id: &str, size: u64, consent: &ConsentFacts, why: &str) -> String {
    format!(
        "file {item_id} stored ({size} bytes); consent: {}. {why}",
        consent.summary()
    )
}

/// Reason of a `consent` entry.
pub fn consent_changed(item_id: &str, consent: &ConsentFacts, why: &str) -> String {
    format!("item {item_id}: consent: {}. {why}", consent.summary())
}

/// Reason of a `grant` entry.
pub fn granted(user_id: &str, role: &str, note: &str, why: &str) -> String {
    format!("{user_id} as {role}{note}: {why}")
}

/// Reason of a `revoke` entry.
pub fn revoked(user_id: &str, why: &str) -> String {
    format!("{user_id}: {why}")
}

/// An item as its `create` entry recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFacts {
    /// `testimony` or `file`.
    pub kind: String,
    /// The original's SHA-256 (a testimony's: of its JSON).
    pub sha256: Option<String>,
    pub size: Option<u64>,
    /// The consent as last recorded (`None`: the entries carry none, e.g. older entries).
    pub consent: Option<ConsentFacts>,
    /// The seq of its `create` entry.
    pub created_at_seq: u64,
}

/// A case's state as its chain of custody tells it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// user id → role.
    pub team: BTreeMap<String, String>,
    /// item id → facts.
    pub items: BTreeMap<String, ItemFacts>,
    /// Entries whose facts could not be read, in words.
    pub unreadable: Vec<String>,
}

/// The consent part of a reason: after `consent: `, up to `. ` or the end.
fn consent_part(rest: &str) -> Option<ConsentFacts> {
    let text = rest.split_once("consent: ")?.1;
    let text = text.split_once(". ").map_or(text, |(c, _)| c);
    ConsentFacts::parse(text.trim_end_matches('.'))
}

/// Rebuilds the team, the items and their consent from a case's entries (in order).
pub fn replay(entries: &[CustodyEntry]) -> CaseFacts {
    let mut facts = CaseFacts::default();
    for e in entries {
        let reason = e.reason.as_str();
        match e.action.as_str() {
            "create" if reason == "case opened" => {
                facts.team.insert(e.actor.clone(), "lead".into());
            }
            "create" => {
                let mut words = reason.split(' ');
                let (kind, id) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                if !matches!(kind, "testimony" | "file") || id.is_empty() {
                    facts
                        .unreadable
                        .push(format!("entry {}: unknown creation {reason:?}", e.seq));
                    continue;
                }
                let size = reason
                    .split_once(" (")
                    .and_then(|(_, r)| r.split_once(" bytes)"))
                    .and_then(|(n, _)| n.parse().ok());
                facts.items.insert(
                    id.to_owned(),
                    ItemFacts {
                        kind: kind.to_owned(),
                        sha256: e.item_sha256.clone(),
                        size,
                        consent: consent_part(reason),
                        created_at_seq: e.seq,
                    },
                );
            }
            "grant" => match reason.split_once(" as ") {
                Some((user, rest)) => {
                    let role: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
                    facts.team.insert(user.to_owned(), role);
                }
                None => facts
                    .unreadable
                    .push(format!("entry {}: grant without a user", e.seq)),
            },
            "revoke" => match reason.split_once(':') {
                Some((user, _)) => {
                    facts.team.remove(user);
                }
                None => facts
                    .unreadable
                    .push(format!("entry {}: revocation without a user", e.seq)),
            },
            "consent" => {
                let parsed = reason
                    .strip_prefix("item ")
                    .and_then(|r| r.split_once(": "))
                    .and_then(|(id, rest)| Some((id, consent_part(rest)?)));
                match parsed {
                    Some((id, consent)) => match facts.items.get_mut(id) {
                        Some(item) => item.consent = Some(consent),
                        None => facts.unreadable.push(format!(
                            "entry {}: consent for item {id}, which this log never created",
                            e.seq
                        )),
                    },
                    None => facts
                        .unreadable
                        .push(format!("entry {}: consent without its terms", e.seq)),
                }
            }
            _ => {}
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_summaries_read_back() {
        for c in [
            ConsentFacts::default(),
            ConsentFacts {
                withdrawn: true,
                ..Default::default()
            },
            ConsentFacts {
                documentation: true,
                share_with: vec!["astra".into(), "zmina".into()],
                prosecutors: true,
                publication: true,
                withdrawn: false,
            },
            ConsentFacts {
                documentation: true,
                ..Default::default()
            },
        ] {
            assert_eq!(ConsentFacts::parse(&c.summary()), Some(c.clone()));
            let reason = consent_changed("i-1", &c, "signed form. It said: yes");
            assert_eq!(consent_part(&reason), Some(c));
        }
    }
}
