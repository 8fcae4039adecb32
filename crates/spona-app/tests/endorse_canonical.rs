//! The canonical form of an endorser's address (issue 22 item 3), as properties: it is
//! idempotent and case-blind; at Gmail any dots and `+tag` give the same mailbox; at
//! providers that ignore `+tags` the tag is dropped but dots kept; elsewhere both are kept
//! (they may name other mailboxes); whatever is accepted is one lower-case address.

use proptest::prelude::*;
use spona_domain::endorsement::{TAG_PROVIDERS, canonical_address};

fn local() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,12}"
}

fn tag() -> impl Strategy<Value = String> {
    "[a-z0-9.]{0,8}"
}

/// Scatters dots between the letters of `s` (never leading, trailing or doubled).
fn dotted(s: &str, mask: u32) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        if i + 1 < s.chars().count() && mask & (1 << (i % 32)) != 0 {
            out.push('.');
        }
    }
    out
}

fn flip_case(s: &str, mask: u32) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask & (1 << (i % 32)) != 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

proptest! {
    #[test]
    fn canonical_is_idempotent_and_case_blind(l in local(), case in any::<u32>(), d in "[a-z]{2,10}\\.(org|com|rs|ua)") {
        let a = format!("{l}@{d}");
        let c = canonical_address(&a).expect("valid");
        prop_assert_eq!(&canonical_address(&c.address).expect("valid"), &c);
        let shouted = flip_case(&a, case);
        prop_assert_eq!(canonical_address(&shouted).expect("valid"), c);
    }

    #[test]
    fn gmail_ignores_dots_and_tags(l in local(), dots in any::<u32>(), t in tag(), case in any::<u32>(), google in any::<bool>()) {
        let domain = if google { "googlemail.com" } else { "gmail.com" };
        let plain = canonical_address(&format!("{l}@gmail.com")).expect("valid");
        let mut local = dotted(&l, dots);
        if !t.is_empty() && !t.starts_with('.') && !t.ends_with('.') && !t.contains("..") {
            local = format!("{local}+{t}");
        }
        let written = flip_case(&format!(" {local}@{domain} "), case);
        prop_assert_eq!(canonical_address(&written).expect("valid"), plain);
    }

    #[test]
    fn tag_providers_drop_the_tag_but_keep_dots(l in local(), dots in any::<u32>(), t in "[a-z0-9]{1,8}", i in 2usize..TAG_PROVIDERS.len()) {
        let domain = TAG_PROVIDERS[i];
        let local = dotted(&l, dots);
        let c = canonical_address(&format!("{local}+{t}@{domain}")).expect("valid");
        prop_assert_eq!(c.address, format!("{local}@{domain}"));
    }

    #[test]
    fn other_providers_keep_tags_and_dots(l in local(), dots in any::<u32>(), t in "[a-z0-9]{1,8}") {
        let local = dotted(&l, dots);
        let a = format!("{local}+{t}@astra.example.org");
        prop_assert_eq!(canonical_address(&a).expect("valid").address, a.clone());
        prop_assert_ne!(canonical_address(&a).expect("valid"), canonical_address(&format!("{local}@astra.example.org")).expect("valid"));
    }

    #[test]
    fn anything_accepted_has_one_at_and_a_dotted_domain(s in "\\PC{0,40}") {
        if let Ok(c) = canonical_address(&s) {
            prop_assert_eq!(c.address.matches('@').count(), 1);
            prop_assert!(c.domain.contains('.'));
            let suffix = format!("@{}", c.domain);
            prop_assert!(c.address.ends_with(&suffix));
            prop_assert_eq!(c.address.to_lowercase(), c.address.clone());
        }
    }
}
