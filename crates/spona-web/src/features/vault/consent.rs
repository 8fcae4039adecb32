//! Consent as the vault's forms take it and the tables and custody log record it, and the
//! organisations it may name: offered by name, in the reader's language, nothing ticked in
//! advance; stored by slug (sealed, see `spona_store::vault`).

use serde::Deserialize;
use spona_app::vault::consent::scope_of;
use spona_domain::vault::ConsentScope;
use spona_store::vault::Consent;

use crate::http::view::pick_own;
use crate::{AppError, Ctx};

/// An organisation consent may name: its slug (what is stored) and its name for the reader.
#[derive(Debug, Clone)]
pub struct OrgChoice {
    pub slug: String,
    pub name: String,
}

impl OrgChoice {
    /// Whether `slugs` names this organisation.
    pub fn in_list(&self, slugs: &[String]) -> bool {
        slugs.contains(&self.slug)
    }
}

/// Every organisation of the directory, named in the reader's language where it has a
/// name in it (else English, else its primary name); then the organisations on partner
/// deployments that a local organisation exchanges with (`fed:<partner>:<organisation>`,
/// named with their deployment: see `super::federated`).
pub async fn org_choices(ctx: &Ctx) -> Result<Vec<OrgChoice>, AppError> {
    let snapshot = ctx.state.directory.snapshot(&ctx.state.db).await?;
    let mut orgs: Vec<OrgChoice> = snapshot
        .orgs()
        .map(|org| OrgChoice {
            slug: org.slug.clone(),
            name: pick_own(ctx.locale, &org.texts, |t| t.name.as_ref())
                .map(|s| s.text)
                .unwrap_or_else(|| org.name.clone()),
        })
        .collect();
    orgs.extend(super::federated::partner_choices(ctx).await?);
    Ok(orgs)
}

/// The names of `slugs`, in order (a slug no longer in the directory stays as it is).
pub fn org_names(orgs: &[OrgChoice], slugs: &[String]) -> Vec<String> {
    slugs
        .iter()
        .map(|s| {
            orgs.iter()
                .find(|o| o.slug == *s)
                .map_or_else(|| s.clone(), |o| o.name.clone())
        })
        .collect()
}

/// Consent in words, for the item list.
pub fn consent_summary(ctx: &Ctx, c: Option<&Consent>, orgs: &[OrgChoice]) -> String {
    let Some(c) = c else {
        return ctx.t("vault-consent-none");
    };
    if spona_app::vault::consent::withheld(Some(c)) {
        return ctx.t("vault-consent-withdrawn");
    }
    let mut parts = vec![ctx.t("vault-consent-documentation")];
    if !c.share_with.is_empty() {
        parts.push(format!(
            "{}: {}",
            ctx.t("vault-consent-share"),
            org_names(orgs, &scope_of(Some(c)).share_with).join(", ")
        ));
    }
    if c.prosecutors {
        parts.push(ctx.t("vault-consent-prosecutors"));
    }
    if c.publication {
        parts.push(ctx.t("vault-consent-publication"));
    }
    parts.join(" · ")
}

/// Consent as the forms send it.
#[derive(Deserialize, Default, Clone)]
pub struct ConsentForm {
    #[serde(default)]
    pub documentation: Option<String>,
    /// Slugs of the organisations ticked (one value each; commas and spaces also separate).
    #[serde(default, deserialize_with = "one_or_many")]
    pub share_with: Vec<String>,
    #[serde(default)]
    pub prosecutors: Option<String>,
    #[serde(default)]
    pub publication: Option<String>,
}

impl ConsentForm {
    /// The consent the form gives; every organisation must be one of `orgs` (the directory's).
    pub fn scope(&self, orgs: &[OrgChoice]) -> Result<ConsentScope, AppError> {
        let mut share_with: Vec<String> = Vec::new();
        for s in self
            .share_with
            .iter()
            .flat_map(|v| v.split([',', ' ', '\n']))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if !orgs.iter().any(|o| o.slug == s) {
                return Err(AppError::BadRequest("err-unknown-org"));
            }
            if !share_with.iter().any(|x| x == s) {
                share_with.push(s.to_owned());
            }
        }
        Ok(ConsentScope {
            documentation: self.documentation.is_some(),
            share_with,
            prosecutors: self.prosecutors.is_some(),
            publication: self.publication.is_some(),
            withdrawn: false,
        })
    }
}

/// A repeated form field as a list, also when it comes once, and inside a `#[serde(flatten)]`
/// form (where the form decoder hands over one value as a string).
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Values;
    impl<'de> serde::de::Visitor<'de> for Values {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("one or more texts")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element::<String>()? {
                out.push(v);
            }
            Ok(out)
        }
    }
    d.deserialize_any(Values)
}
