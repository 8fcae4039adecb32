//! Joint texts and co-signing by organisations (issue 22 items 1, 2 and 5).
//!
//! **Who may do what.** The drafting organisations' signed-in members (any role) are the
//! text's editors: they read its drafts, save versions in any language, comment on a
//! paragraph, propose amendments, accept or reject them and freeze a version as its
//! language's final ([`can_edit`], [`load_editable`]: 404 to everyone else, drafts being the
//! drafters' own). A text with at least one final is public ([`load_public`]); before that
//! it is 404 to all but its editors. Any organisation's admin (by membership — a platform
//! admin is not one) may co-sign the current finals for that organisation, giving their
//! second-factor code again when they have one, and withdraw that signature (`sign`).
//!
//! **Versions.** Every save of a language's variant is a new version, numbered across the
//! text's languages. A frozen version is final and never changes; an edit after it makes
//! a new version (the form must say so: an edit of a final language without
//! `after_final` is refused, nothing saved). The text's *edition* is the set of current
//! finals (each language's highest frozen version); its number is the highest of theirs.
//! A signature records the edition it signed, so a signature of version 3 stays "signed
//! version 3" when version 4 becomes final.

mod document;
mod sign;
mod write;

pub use document::{DocLabels, document, odt, pdf};
pub use sign::{
    Edition, SignView, edition, record_given, sign, sign_on, signed_text, verify, withdraw,
};
pub use write::{Amend, comment, create, decide, freeze, propose, resolve, save};

use spona_store::joint_texts::{
    self as store, Amendment, Comment, JointText, Signature, Version, VersionHead,
};
use spona_store::{Db, audit};

use crate::actor::Actor;
use crate::{Error, Result};

/// The most texts the list shows.
pub const LIST_LIMIT: i64 = 500;

/// Whether the actor is an editor: a signed-in member of a drafting organisation.
pub fn can_edit(actor: &Actor, text: &JointText) -> bool {
    actor.is_signed_in() && text.orgs.iter().any(|o| actor.is_member_of(o))
}

/// A text the actor may edit: sign-in first, then 404 for everyone outside its drafting
/// organisations (and for a text that does not exist).
pub async fn load_editable(actor: &Actor, db: &Db, id: &str) -> Result<JointText> {
    actor.require_user()?;
    match store::get(db, id).await? {
        Some(t) if can_edit(actor, &t) => Ok(t),
        _ => Err(Error::NotFound),
    }
}

/// Everything the text's pages show.
#[derive(Debug, Clone)]
pub struct TextView {
    pub text: JointText,
    /// Each language's latest version and current final, by number.
    pub current: Vec<Version>,
    /// Every version without body.
    pub heads: Vec<VersionHead>,
    /// The current edition (none before any final).
    pub edition: Option<Edition>,
    /// Every signature with whether it signed the current edition and verifies.
    pub signatures: Vec<SignView>,
    /// The drafting organisations `(slug, name)`.
    pub orgs: Vec<(String, String)>,
    pub can_edit: bool,
}

impl TextView {
    /// The current final of a language.
    pub fn final_of(&self, lang: &str) -> Option<&Version> {
        self.current
            .iter()
            .filter(|v| v.lang == lang && v.is_final())
            .max_by_key(|v| v.number)
    }

    /// The latest version of a language.
    pub fn latest_of(&self, lang: &str) -> Option<&Version> {
        self.current
            .iter()
            .filter(|v| v.lang == lang)
            .max_by_key(|v| v.number)
    }

    /// The languages the text has, in the order en, sr, uk.
    pub fn langs(&self) -> Vec<String> {
        spona_domain::joint_text::LANGS
            .iter()
            .filter(|l| self.current.iter().any(|v| v.lang == **l))
            .map(|l| (*l).to_owned())
            .collect()
    }

    /// The current finals, in language order.
    pub fn finals(&self) -> Vec<&Version> {
        self.langs()
            .iter()
            .filter_map(|l| self.final_of(l))
            .collect()
    }

    /// Standing signatures of the current edition.
    pub fn current_signatories(&self) -> Vec<&SignView> {
        self.signatures
            .iter()
            .filter(|s| s.current && s.sig.withdrawn_at.is_none())
            .collect()
    }

    /// Every other signature: of an earlier edition, or withdrawn.
    pub fn earlier_signatures(&self) -> Vec<&SignView> {
        self.signatures
            .iter()
            .filter(|s| !s.current || s.sig.withdrawn_at.is_some())
            .collect()
    }

    /// Whether the text is public (has a final).
    pub fn published(&self) -> bool {
        self.edition.is_some()
    }
}

async fn view_of(actor: &Actor, db: &Db, text: JointText) -> Result<TextView> {
    let current = store::current(db, &text.id).await?;
    let heads = store::heads(db, std::slice::from_ref(&text.id)).await?;
    let edition = sign::edition_of(&text, &current);
    let signatures = store::signatures(db, &text.id)
        .await?
        .into_iter()
        .map(|sig| SignView::new(sig, &text, edition.as_ref()))
        .collect();
    let mut orgs = Vec::new();
    for o in &text.orgs {
        if let Ok(org) = spona_store::orgs::get(db, o).await {
            orgs.push((org.slug, org.name));
        }
    }
    let can_edit = can_edit(actor, &text);
    Ok(TextView {
        text,
        current,
        heads,
        edition,
        signatures,
        orgs,
        can_edit,
    })
}

/// A text as its public page shows it: 404 before its first final, except to its editors.
pub async fn load_public(actor: &Actor, db: &Db, id: &str) -> Result<TextView> {
    let Some(text) = store::get(db, id).await? else {
        return Err(Error::NotFound);
    };
    let v = view_of(actor, db, text).await?;
    if v.published() || v.can_edit {
        Ok(v)
    } else {
        Err(Error::NotFound)
    }
}

/// The drafting workspace: the text with comments and amendments, for its editors.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub view: TextView,
    pub comments: Vec<Comment>,
    pub amendments: Vec<Amendment>,
}

pub async fn workspace(actor: &Actor, db: &Db, id: &str) -> Result<Workspace> {
    let text = load_editable(actor, db, id).await?;
    let comments = store::comments(db, id).await?;
    let amendments = store::amendments(db, id).await?;
    Ok(Workspace {
        view: view_of(actor, db, text).await?,
        comments,
        amendments,
    })
}

/// One line of the list.
#[derive(Debug, Clone)]
pub struct Listed {
    pub text: JointText,
    /// The title in the reader's language if there is one, else the first language's.
    pub title: String,
    pub published: bool,
    pub can_edit: bool,
}

/// Published texts for everyone, and the actor's own drafts.
pub async fn list(actor: &Actor, db: &Db, lang: &str) -> Result<Vec<Listed>> {
    let texts = store::list(db, LIST_LIMIT).await?;
    let ids: Vec<String> = texts.iter().map(|t| t.id.clone()).collect();
    let heads = store::heads(db, &ids).await?;
    let mut out = Vec::new();
    for text in texts {
        let mine: Vec<&VersionHead> = heads.iter().filter(|h| h.text_id == text.id).collect();
        let published = mine.iter().any(|h| h.frozen_at.is_some());
        let can_edit = can_edit(actor, &text);
        if !published && !can_edit {
            continue;
        }
        let pick = |only_final: bool| {
            mine.iter()
                .rev()
                .filter(|h| !only_final || h.frozen_at.is_some())
                .find(|h| h.lang == lang)
                .or_else(|| {
                    mine.iter()
                        .rev()
                        .find(|h| !only_final || h.frozen_at.is_some())
                })
                .map(|h| h.title.clone())
        };
        let title = (if can_edit { pick(false) } else { pick(true) }).unwrap_or_default();
        out.push(Listed {
            text,
            title,
            published,
            can_edit,
        });
    }
    Ok(out)
}

/// A version of a text the actor may edit (compare, comments).
pub async fn version(actor: &Actor, db: &Db, id: &str, number: i64) -> Result<Version> {
    load_editable(actor, db, id).await?;
    store::version(db, id, number).await?.ok_or(Error::NotFound)
}

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a str, detail: String) -> audit::Event<'a> {
    audit::Event {
        actor_id: actor.id(),
        action,
        target_kind: "joint-text",
        target_id: id,
        detail,
    }
}

/// Whether a signature row is for display as a signature of the current edition.
pub fn is_current(sig: &Signature, edition: Option<&Edition>) -> bool {
    edition.is_some_and(|e| e.version == sig.version && e.sha256 == sig.sha256)
}

#[cfg(test)]
mod tests;
