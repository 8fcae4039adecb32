//! The resource hub's use cases: search as an actor, read a resource in the reader's
//! language, and write — create, a new version of a variant, the details, confirming a
//! translation, an attachment — each in one transaction with its audit entry, the search
//! index brought up to date after the commit.
//!
//! Access is decided in [`crate::hub`]: a write takes an [`Editable`], which only
//! [`editable`] hands out.

mod search;
mod write;

pub use search::{HubQuery, MAX_QUERY_CHARS, PAGE_SIZE, search, search_query};
pub use write::{
    Details, NewResource, add_attachment, check_details, check_new, confirm_translation, create,
    save_details, save_variant,
};

use spona_domain::Locale;
use spona_domain::resource::{ContentLang, pick_variant_for};
use spona_store::Db;
use spona_store::resources::{Resource, Variant};

use crate::{Actor, Result, hub};

/// A resource the actor may edit: the proof a write asks for.
#[derive(Debug, Clone)]
pub struct Editable(Resource);

impl std::ops::Deref for Editable {
    type Target = Resource;
    fn deref(&self) -> &Resource {
        &self.0
    }
}

impl Editable {
    pub fn into_inner(self) -> Resource {
        self.0
    }

    /// Mutable access for presentation (an owner's name in the reader's language).
    pub fn resource_mut(&mut self) -> &mut Resource {
        &mut self.0
    }
}

/// A resource the actor may read, or [`crate::Error::NotFound`].
pub async fn read(db: &Db, actor: &Actor, id: &str) -> Result<Resource> {
    hub::load_readable(db, actor, id).await
}

/// A resource the actor may edit (see [`hub::load_editable`]).
pub async fn editable(db: &Db, actor: &Actor, id: &str) -> Result<Editable> {
    hub::load_editable(db, actor, id).await.map(Editable)
}

/// The variant a reader asked for, or the one in their language, or the closest
/// ([`spona_domain::reading`]), or any.
pub fn chosen_variant<'a>(locale: Locale, r: &'a Resource, asked: &str) -> Option<&'a Variant> {
    let available: Vec<ContentLang> = r.variants.iter().map(Variant::lang).collect();
    let want = ContentLang::parse(asked)
        .filter(|l| available.contains(l))
        .or_else(|| pick_variant_for(&available, locale))?;
    r.variants.iter().find(|v| v.lang() == want)
}

/// Text in a Serbian variant, shown in the reader's script: Cyrillic becomes Latin exactly
/// for Latin readers; Latin stays Latin for Cyrillic readers (that direction is ambiguous).
pub fn in_script(locale: Locale, lang: ContentLang, text: &str) -> String {
    if lang == ContentLang::Sr && spona_domain::reading::latinise_for(locale, "sr-Cyrl") {
        spona_i18n::translit::cyr_to_lat(text)
    } else {
        text.to_owned()
    }
}

/// Themes whose readers may need to leave quickly.
pub fn sensitive(r: &Resource) -> bool {
    r.themes
        .iter()
        .any(|t| matches!(t.as_str(), "anti-trafficking" | "gbv-protection"))
}

/// The public resources of the Atom feed, newest first (a fixed number of queries).
pub async fn feed(db: &Db, limit: i64) -> Result<Vec<Resource>> {
    Ok(spona_store::resources::recent_public(db, limit).await?)
}

/// The organisations whose "needs review" and "outdated" lists the actor sees: all for an
/// admin (`None`), else their own.
pub fn list_scope(actor: &Actor) -> Result<Option<Vec<String>>> {
    actor.require_user()?;
    if actor.is_admin() {
        return Ok(None);
    }
    Ok(Some(
        actor
            .memberships()
            .iter()
            .map(|m| m.org_id.to_string())
            .collect(),
    ))
}
