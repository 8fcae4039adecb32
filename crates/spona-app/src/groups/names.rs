//! A group's name and description in several languages. The group keeps the language it was
//! first written in (`working_groups.lang`); coordinators add variants in the other
//! languages ([`LANGS`]) on the create form or the group's page, both plain forms. A reader
//! sees their own language by the directory's rule ([`crate::names::pick_own_by`]: Serbian
//! Cyrillic shown in Latin to Latin readers by exact transliteration, then English), else
//! the group's own text. The list's search looks at every variant through the directory's
//! analysis (English, Serbian and Ukrainian chains, Cyrillic and Latin alike).

use std::collections::{BTreeSet, HashMap};

use spona_domain::groups::{MAX_DESCRIPTION, MAX_NAME, check_text};
use spona_domain::{Invalid, Locale};
use spona_store::Db;
use spona_store::groups::{self as store, Group, NameVariant};
use spona_store::idempotency::Once;

use super::{GroupDraft, LANGS, access, audit_in};
use crate::{Actor, Error, Result};

/// A variant as a form gives it: language, name, description.
#[derive(Debug, Clone, Default)]
pub struct VariantDraft {
    pub lang: String,
    pub name: String,
    pub description: String,
}

/// Checks a variant of a group written in `primary`; `fields` names the form's fields
/// (`other_…` on the create form, `variant_…` on the group page).
fn check(v: &VariantDraft, primary: &str, fields: [&'static str; 3]) -> Vec<Invalid> {
    let [lang, name, description] = fields;
    let mut problems = Vec::new();
    if !LANGS.contains(&v.lang.as_str()) {
        problems.push(Invalid::new(lang, "err-group-lang"));
    } else if v.lang == primary {
        problems.push(Invalid::new(lang, "err-group-name-same-lang"));
    }
    if let Err(e) = check_text(name, &v.name, MAX_NAME) {
        problems.push(e);
    }
    if v.description.chars().count() > MAX_DESCRIPTION {
        problems.push(Invalid::new(description, "err-too-long"));
    }
    problems
}

/// Creates a group like [`super::create`], with `other` (a variant in a second language,
/// when its language was chosen) in the same transaction: a problem with either refuses
/// both, nothing stored.
pub async fn create(
    actor: &Actor,
    db: &Db,
    d: &GroupDraft,
    other: Option<&VariantDraft>,
    locale: &str,
    once: Option<&Once>,
) -> Result<String> {
    let user = actor.require_user()?;
    if !super::may_create(actor) {
        return Err(Error::Forbidden);
    }
    let other_problems = other
        .map(|v| {
            check(
                v,
                &d.lang,
                ["other_lang", "other_name", "other_description"],
            )
        })
        .unwrap_or_default();
    let (network, policy) = match super::check(db, d).await {
        Ok(x) if other_problems.is_empty() => x,
        Ok(_) => return Err(Error::Invalid(other_problems)),
        Err(Error::Invalid(mut p)) => {
            p.extend(other_problems);
            return Err(Error::Invalid(p));
        }
        Err(e) => return Err(e),
    };
    let mut tx = db.begin().await?;
    let id = store::create_in(
        &mut tx,
        &store::NewGroup {
            name: d.name.trim(),
            description: d.description.trim(),
            lang: &d.lang,
            network_id: network.as_deref(),
            join_policy: policy.as_str(),
            created_by: &user.id,
            locale,
            theme: Some(d.theme.as_str()).filter(|t| !t.is_empty()),
        },
        once,
        spona_store::now(),
    )
    .await?;
    if let Some(v) = other {
        store::set_name_in(&mut tx, &id, &v.lang, v.name.trim(), v.description.trim()).await?;
    }
    audit_in(
        &mut tx,
        actor,
        "group.created",
        &id,
        format!("policy={}", policy.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds or replaces the variant `v` of group `group_id` (coordinators and platform admins);
/// an empty name with a language removes that language's variant.
pub async fn set(actor: &Actor, db: &Db, group_id: &str, v: &VariantDraft) -> Result<()> {
    let a = access(actor, db, group_id).await?;
    a.require_coordinator()?;
    let mut tx = db.begin().await?;
    if v.name.trim().is_empty() && LANGS.contains(&v.lang.as_str()) && v.lang != a.group.lang {
        store::remove_name_in(&mut tx, group_id, &v.lang).await?;
        audit_in(
            &mut tx,
            actor,
            "group.name_removed",
            group_id,
            v.lang.clone(),
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    let problems = check(
        v,
        &a.group.lang,
        ["variant_lang", "variant_name", "variant_description"],
    );
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    store::set_name_in(
        &mut tx,
        group_id,
        &v.lang,
        v.name.trim(),
        v.description.trim(),
    )
    .await?;
    audit_in(&mut tx, actor, "group.name_set", group_id, v.lang.clone()).await?;
    tx.commit().await?;
    Ok(())
}

/// The variants of one group.
pub async fn of(db: &Db, group_id: &str) -> Result<Vec<NameVariant>> {
    Ok(store::names(db, group_id).await?)
}

/// Every group's variants, by group id.
pub async fn all(db: &Db) -> Result<HashMap<String, Vec<NameVariant>>> {
    let mut out: HashMap<String, Vec<NameVariant>> = HashMap::new();
    for v in store::all_names(db).await? {
        out.entry(v.group_id.clone()).or_default().push(v);
    }
    Ok(out)
}

/// Shows `g` to a reader of `locale`: its name, description and `lang` become those of the
/// text the reader gets (a chosen variant without a description shows the group's own).
pub fn localize(locale: Locale, g: &mut Group, variants: &[NameVariant]) {
    let mut texts = vec![(g.lang.clone(), g.name.clone(), g.description.clone())];
    texts.extend(
        variants
            .iter()
            .filter(|v| v.lang != g.lang)
            .map(|v| (v.lang.clone(), v.name.clone(), v.description.clone())),
    );
    let find = |lang: &str| texts.iter().find(|t| t.0 == lang).map(|t| &t.1);
    let Some(shown) = crate::names::pick_own_by(locale, find) else {
        return;
    };
    // Latin shown from Cyrillic: the text came from the sr-Cyrl one.
    let latin_from_cyrillic = shown.lang == "sr-Latn" && find("sr-Latn").is_none();
    let source = if latin_from_cyrillic {
        "sr-Cyrl"
    } else {
        shown.lang.as_str()
    };
    if let Some((_, _, description)) = texts
        .iter()
        .find(|t| t.0 == source && !t.2.trim().is_empty())
    {
        g.description = if latin_from_cyrillic {
            spona_i18n::cyr_to_lat(description)
        } else {
            description.clone()
        };
    }
    g.name = shown.text;
    g.lang = shown.lang;
}

/// A group's name as a reader of `locale` reads it, by the rule of [`localize`]: their
/// language (Serbian Latin by exact transliteration of the Cyrillic one), then English, else
/// the group's own name `name`, written in `lang`. For mail, the preferences page and search
/// results, wherever a group is named.
pub fn name_for(locale: Locale, lang: &str, name: &str, variants: &[NameVariant]) -> String {
    let mut texts = vec![(lang.to_owned(), name.to_owned())];
    texts.extend(
        variants
            .iter()
            .filter(|v| v.lang != lang)
            .map(|v| (v.lang.clone(), v.name.clone())),
    );
    let find = |l: &str| texts.iter().find(|t| t.0 == l).map(|t| &t.1);
    crate::names::pick_own_by(locale, find)
        .map(|shown| shown.text)
        .unwrap_or_else(|| name.to_owned())
}

/// Group names for many readers (a digest run, a page of search results): each group's
/// variants are read once, when it is first named.
#[derive(Default)]
pub struct Names {
    variants: HashMap<String, Vec<NameVariant>>,
}

impl Names {
    /// The name of group `group_id` (own name `name`, written in `lang`) for a reader of
    /// `locale`.
    pub async fn name(
        &mut self,
        db: &Db,
        locale: Locale,
        group_id: &str,
        lang: &str,
        name: &str,
    ) -> Result<String> {
        if !self.variants.contains_key(group_id) {
            let v = store::names(db, group_id).await?;
            self.variants.insert(group_id.to_owned(), v);
        }
        let variants = self
            .variants
            .get(group_id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        Ok(name_for(locale, lang, name, variants))
    }
}

/// The analysed terms of every name and description of a group.
fn terms(g: &Group, variants: &[NameVariant]) -> BTreeSet<String> {
    let mut t = BTreeSet::new();
    spona_search::directory_terms(&g.name, true, &mut t);
    spona_search::directory_terms(&g.description, true, &mut t);
    for v in variants {
        spona_search::directory_terms(&v.name, true, &mut t);
        spona_search::directory_terms(&v.description, true, &mut t);
    }
    t
}

/// Whether group `g` (with its variants) holds, for every word of the query `q`, one of its
/// terms in any of its names or descriptions, in any script.
pub fn matches(q: &str, g: &Group, variants: &[NameVariant]) -> bool {
    let words = spona_search::directory_query(q);
    if words.is_empty() {
        return true;
    }
    let have = terms(g, variants);
    words
        .iter()
        .all(|alternatives| alternatives.iter().any(|t| have.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, description: &str, lang: &str) -> Group {
        Group {
            id: "g".into(),
            name: name.into(),
            description: description.into(),
            lang: lang.into(),
            network_id: None,
            network_slug: None,
            network_name: None,
            join_policy: "open".into(),
            created_by: "u".into(),
            created_at: 0,
            member_count: 0,
            theme: None,
        }
    }

    fn variant(lang: &str, name: &str, description: &str) -> NameVariant {
        NameVariant {
            group_id: "g".into(),
            lang: lang.into(),
            name: name.into(),
            description: description.into(),
        }
    }

    #[test]
    fn readers_see_their_language_then_english_then_the_groups_own() {
        let variants = [
            variant("en", "NAP working group", "Recommendations."),
            variant("uk", "Робоча група НПД", ""),
        ];
        let base = group("Радна група за НАП", "Препоруке.", "sr-Cyrl");
        let shown = |l| {
            let mut g = base.clone();
            localize(l, &mut g, &variants);
            (g.name, g.description, g.lang)
        };
        assert_eq!(
            shown(Locale::En),
            (
                "NAP working group".into(),
                "Recommendations.".into(),
                "en".into()
            )
        );
        // Ukrainian name; no Ukrainian description: the group's own.
        assert_eq!(shown(Locale::Uk).0, "Робоча група НПД");
        assert_eq!(shown(Locale::Uk).1, "Препоруке.");
        assert_eq!(
            shown(Locale::SrCyrl),
            (
                "Радна група за НАП".into(),
                "Препоруке.".into(),
                "sr-Cyrl".into()
            )
        );
        // Latin from the Cyrillic, exactly.
        assert_eq!(
            shown(Locale::SrLatn),
            (
                "Radna grupa za NAP".into(),
                "Preporuke.".into(),
                "sr-Latn".into()
            )
        );
        // No variant in the reader's language nor English: the group's own.
        let mut g = group("Мирний діалог", "", "uk");
        localize(Locale::En, &mut g, &[]);
        assert_eq!(g.name, "Мирний діалог");
    }

    #[test]
    fn a_name_alone_follows_the_same_rule_as_the_group_page() {
        let variants = [
            variant("en", "NAP working group", ""),
            variant("uk", "Робоча група НПД", ""),
        ];
        let base = group("Радна група за НАП", "", "sr-Cyrl");
        for l in [Locale::En, Locale::SrLatn, Locale::SrCyrl, Locale::Uk] {
            let mut g = base.clone();
            localize(l, &mut g, &variants);
            assert_eq!(
                name_for(l, &base.lang, &base.name, &variants),
                g.name,
                "{l:?}"
            );
        }
        assert_eq!(
            name_for(Locale::SrLatn, "sr-Cyrl", "Радна група за НАП", &[]),
            "Radna grupa za NAP"
        );
        // Neither the reader's language nor English: the group's own.
        assert_eq!(
            name_for(Locale::En, "uk", "Мирний діалог", &[]),
            "Мирний діалог"
        );
        assert_eq!(
            name_for(Locale::Uk, "sr-Cyrl", "Радна група", &variants[..1]),
            "NAP working group"
        );
    }

    #[test]
    fn search_finds_any_variant_in_either_script() {
        let g = group("Serbia–Ukraine peace dialogue", "", "en");
        let v = [
            variant("sr-Cyrl", "Мировни дијалог Србија–Украјина", ""),
            variant("uk", "Мирний діалог Сербія–Україна", ""),
        ];
        assert!(matches("mirovni dijalog", &g, &v), "Latin finds Cyrillic");
        assert!(matches("Сербія", &g, &v), "Ukrainian variant");
        assert!(matches("peace", &g, &v));
        assert!(
            !matches("mirovni dijalog", &g, &[]),
            "only through the variant"
        );
        assert!(!matches("shelter", &g, &v));
    }

    #[test]
    fn a_variant_in_the_groups_own_language_or_an_unknown_one_is_refused() {
        let v = VariantDraft {
            lang: "en".into(),
            name: "Name".into(),
            description: String::new(),
        };
        assert_eq!(check(&v, "en", ["lang", "name", "description"]).len(), 1);
        let v = VariantDraft {
            lang: "xx".into(),
            ..v
        };
        assert_eq!(check(&v, "en", ["lang", "name", "description"]).len(), 1);
        let v = VariantDraft {
            lang: "uk".into(),
            name: " ".into(),
            description: String::new(),
        };
        assert_eq!(check(&v, "en", ["lang", "name", "description"]).len(), 1);
    }
}
