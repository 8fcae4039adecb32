//! Names of organisations and titles of matching rounds in the reader's language wherever
//! they are shown (navigation, home, people, matching rounds, proposals, pairs, the JSON
//! API, mails), with the directory's choice and fallback ([`pick_own`]: the reader's
//! language, then English, then the primary name or title).
//!
//! The names come from the in-memory directory snapshot, so naming any number of
//! organisations costs one query (the snapshot's version check), never one per name.

use std::sync::Arc;

use spona_domain::Locale;
use spona_domain::org::OrgText;
use spona_store::Db;
use spona_store::directory::{Directory, Snapshot};
use spona_store::matching::{Participant, Round};
use spona_store::orgs::Org;
use spona_store::resources::ResourceLine;
use spona_store::users::Membership;

use crate::Result;

/// A text in the reader's language, and the BCP 47 tag of what is shown (for `lang`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub lang: String,
}

/// Picks a name or description for the reader: their own language, then the closest ones
/// and English ([`spona_domain::reading`]'s table; Serbian Cyrillic shown in Latin to Latin
/// readers — that direction is exact), then whatever exists.
/// Latin-written Serbian is shown as written to Cyrillic readers: the reverse direction is
/// not exact, and names often hold foreign words. Falls back to any language at all
/// (use [`pick_own`] where the caller has a better fallback, like a primary name).
pub fn pick<'a>(
    locale: Locale,
    texts: &'a [OrgText],
    field: impl Fn(&'a OrgText) -> Option<&'a String> + Copy,
) -> Option<Shown> {
    pick_own(locale, texts, field).or_else(|| {
        texts.iter().find_map(|t| {
            field(t).map(|s| Shown {
                text: s.clone(),
                lang: t.lang.clone(),
            })
        })
    })
}

/// Like [`pick`], but only the reader's languages ([`spona_domain::reading::reading_tags`]).
pub fn pick_own<'a>(
    locale: Locale,
    texts: &'a [OrgText],
    field: impl Fn(&'a OrgText) -> Option<&'a String>,
) -> Option<Shown> {
    pick_own_by(locale, |lang| {
        texts.iter().find(|t| t.lang == lang).and_then(&field)
    })
}

/// The choice of [`pick_own`] over any texts by language: `find(lang)` gives the text
/// written in `lang`, if there is one.
pub fn pick_own_by<'a>(locale: Locale, find: impl Fn(&str) -> Option<&'a String>) -> Option<Shown> {
    let find = |lang: &str| find(lang).map(|s| (s, lang.to_owned()));
    for lang in spona_domain::reading::reading_tags(locale) {
        if let Some((text, tag)) = find(lang) {
            if spona_domain::reading::latinise_for(locale, &tag) {
                return Some(Shown {
                    text: spona_i18n::cyr_to_lat(text),
                    lang: "sr-Latn".into(),
                });
            }
            return Some(Shown {
                text: text.clone(),
                lang: tag,
            });
        }
    }
    None
}

/// An organisation's name for a reader of `locale`, and the language it is written in
/// (empty for the primary name, whose language is not recorded).
pub fn org_name(locale: Locale, org: &Org) -> Shown {
    pick_own(locale, &org.texts, |t| t.name.as_ref()).unwrap_or(Shown {
        text: org.name.clone(),
        lang: String::new(),
    })
}

/// Organisation names in one reader's language.
pub struct OrgNames {
    snapshot: Arc<Snapshot>,
    locale: Locale,
}

impl OrgNames {
    /// The names from the directory's current snapshot (one query: its version check).
    pub async fn load(directory: &Directory, db: &Db, locale: Locale) -> Result<Self> {
        Ok(Self::new(directory.snapshot(db).await?, locale))
    }

    pub fn new(snapshot: Arc<Snapshot>, locale: Locale) -> Self {
        OrgNames { snapshot, locale }
    }

    /// The name of the organisation `org_id` (`stored` if the directory does not hold it).
    pub fn of(&self, org_id: &str, stored: &str) -> String {
        self.snapshot
            .org(org_id)
            .map(|o| org_name(self.locale, o).text)
            .unwrap_or_else(|| stored.to_owned())
    }

    /// Renames `name` if `org_id` names an organisation (people keep their own name).
    pub fn rename(&self, org_id: Option<&str>, name: &mut String) {
        if let Some(id) = org_id {
            *name = self.of(id, name);
        }
    }

    pub fn memberships(&self, memberships: &mut [Membership]) {
        for m in memberships {
            m.org_name = self.of(&m.org_id, &m.org_name);
        }
    }

    /// Names the owners of resources listed for review or translation.
    pub fn resource_lines(&self, lines: &mut [ResourceLine]) {
        for l in lines {
            l.owner_name = self.of(&l.owner_org_id, &l.owner_name);
        }
    }

    pub fn participants(&self, people: &mut [Participant]) {
        for p in people {
            self.rename(p.org_id.as_deref(), &mut p.name);
        }
    }
}

/// A title for a reader of `locale`: theirs among `titles` (`(language, title)`), or `title`.
pub fn title_in(locale: Locale, title: &str, titles: &[(String, String)]) -> String {
    pick_own_by(locale, |lang| {
        titles.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    })
    .map(|s| s.text)
    .unwrap_or_else(|| title.to_owned())
}

/// A round as a reader of `locale` sees it: `title` in their language.
pub fn round_for(locale: Locale, mut round: Round) -> Round {
    round.title = title_in(locale, &round.title, &round.titles);
    round
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<OrgText> {
        vec![
            OrgText {
                lang: "en".into(),
                name: Some("Women's Network".into()),
                description: None,
            },
            OrgText {
                lang: "sr-Cyrl".into(),
                name: Some("Мрежа жена".into()),
                description: None,
            },
        ]
    }

    #[test]
    fn picks_by_locale_and_script() {
        let t = texts();
        let name = |l| pick(l, &t, |x| x.name.as_ref()).map(|s| (s.text, s.lang));
        assert_eq!(
            name(Locale::SrCyrl),
            Some(("Мрежа жена".into(), "sr-Cyrl".into()))
        );
        assert_eq!(
            name(Locale::SrLatn),
            Some(("Mreža žena".into(), "sr-Latn".into()))
        );
        assert_eq!(
            name(Locale::Uk),
            Some(("Women's Network".into(), "en".into()))
        );
        // The new locales: the closest language before English, in the reader's script.
        assert_eq!(
            name(Locale::Mk),
            Some(("Мрежа жена".into(), "sr-Cyrl".into()))
        );
        assert_eq!(
            name(Locale::Cnr),
            Some(("Mreža žena".into(), "sr-Latn".into()))
        );
        assert_eq!(
            name(Locale::Sq),
            Some(("Women's Network".into(), "en".into()))
        );
        let mut t = texts();
        t.push(OrgText {
            lang: "hr".into(),
            name: Some("Ženska mreža".into()),
            description: None,
        });
        let name = |l| pick(l, &t, |x| x.name.as_ref()).map(|s| (s.text, s.lang));
        assert_eq!(name(Locale::Bs), Some(("Ženska mreža".into(), "hr".into())));
        assert_eq!(
            name(Locale::SrLatn),
            Some(("Mreža žena".into(), "sr-Latn".into()))
        );
    }

    #[test]
    fn a_title_falls_back_to_english_then_the_primary_title() {
        let titles = vec![("en".to_owned(), "Buddies".to_owned())];
        assert_eq!(title_in(Locale::Uk, "Парі", &titles), "Buddies");
        assert_eq!(title_in(Locale::Uk, "Парі", &[]), "Парі");
    }
}
