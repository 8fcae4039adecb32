//! Working groups' vocabulary: how people join, their role, the mail they want, and the
//! rules for a group's and a post's text, and for `@mentions`.

use crate::Invalid;

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }
    };
}

text_enum! {
    /// How a person comes into a group.
    JoinPolicy { Open = "open", Request = "request", Invitation = "invitation" }
}

text_enum! {
    /// A person's place in a group; `Requested` waits for a coordinator.
    GroupRole { Coordinator = "coordinator", Member = "member", Requested = "requested" }
}

text_enum! {
    /// The mail a member wants from a group. The default is a daily digest: it is not a
    /// consent (the person joined the group), and a digest sends nothing when nothing is new.
    MailChoice { Each = "each", Daily = "daily", Weekly = "weekly", Nothing = "none" }
}

text_enum! {
    /// A person's choice for one thread.
    ThreadChoice { Follow = "follow", Mute = "mute" }
}

impl GroupRole {
    /// Whether the role reads and writes the group's threads.
    pub fn takes_part(self) -> bool {
        matches!(self, GroupRole::Coordinator | GroupRole::Member)
    }
}

/// Longest name, thread title, post and hiding reason, in characters.
pub const MAX_NAME: usize = 120;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_TITLE: usize = 200;
pub const MAX_POST: usize = 20_000;
pub const MAX_REASON: usize = 500;

/// Checks a required text with a length limit; `field` and the keys name the problem.
pub fn check_text(field: &'static str, text: &str, max: usize) -> Result<String, Invalid> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Invalid {
            field,
            key: "err-required",
        });
    }
    if t.chars().count() > max {
        return Err(Invalid {
            field,
            key: "err-too-long",
        });
    }
    Ok(t.to_owned())
}

/// The handle a person is mentioned by: the letters and digits of their display name,
/// lower-cased (`Jelena Petrović` → `jelenapetrović`, `Milan (Atina)` → `milanatina`).
pub fn handle(display_name: &str) -> String {
    display_name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first word of a display name, as a handle (`Milan (Atina)` → `milan`): a mention by
/// it is accepted when no other member shares it.
pub fn first_word(display_name: &str) -> String {
    display_name
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(handle)
        .unwrap_or_default()
}

/// The handles `@mentioned` in a text, lower-cased, each once, in order. An `@` inside a
/// word (an e-mail address) is not a mention.
pub fn mentions(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let starts = c == '@' && !prev.is_some_and(|p| p.is_alphanumeric() || p == '.' || p == '_');
        prev = Some(c);
        if !starts {
            continue;
        }
        let rest = &text[i + 1..];
        let end = rest
            .char_indices()
            .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '_' || *ch == '-' || *ch == '.'))
            .map_or(rest.len(), |(j, _)| j);
        let word = rest[..end].trim_end_matches('.');
        if !word.is_empty() {
            let h = handle(word);
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_read_back_what_they_write() {
        for p in JoinPolicy::ALL {
            assert_eq!(JoinPolicy::parse(p.as_str()), Some(*p));
        }
        for m in MailChoice::ALL {
            assert_eq!(MailChoice::parse(m.as_str()), Some(*m));
        }
        assert_eq!(GroupRole::parse("owner"), None);
        assert!(!GroupRole::Requested.takes_part());
    }

    #[test]
    fn mentions_are_found_and_addresses_are_not() {
        assert_eq!(
            mentions("Hvala @Jelena i @milan, pišite na info@astra.org. @Jelena"),
            vec!["jelena", "milan"]
        );
        assert_eq!(mentions("@Оксана, дякую!"), vec!["оксана"]);
        assert!(mentions("a@b c @ d").is_empty());
        assert_eq!(handle("Jelena Petrović"), "jelenapetrović");
        assert_eq!(handle("Milan (Atina)"), "milanatina");
        assert_eq!(first_word("Milan (Atina)"), "milan");
    }

    #[test]
    fn texts_are_required_and_bounded() {
        assert_eq!(check_text("title", "  x ", 3), Ok("x".into()));
        assert_eq!(
            check_text("title", "  ", 3).expect_err("empty").key,
            "err-required"
        );
        assert_eq!(
            check_text("title", "abcd", 3).expect_err("long").key,
            "err-too-long"
        );
    }
}
