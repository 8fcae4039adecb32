//! Co-signing by organisations: the edition a signature covers (the current finals, hashed
//! over their canonical serialisation, `spona_domain::joint_text::canonical`), the signed
//! statement and its Ed25519 signature by the deployment's key (as monitoring assessments
//! are signed), signing with the second factor asked again, and withdrawal.

use sha2::{Digest, Sha256};
use spona_domain::Invalid;
use spona_domain::joint_text::{Frozen, canonical};
use spona_store::joint_texts::{self as store, JointText, Signature, Version};
use spona_store::{Db, StoreError, audit};
use spona_vault::ServerKey;

use super::{event, is_current};
use crate::actor::Actor;
use crate::monitoring::implementation::signing;
use crate::{Error, Result};

/// What a signature covers: the current finals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The highest version number among the finals.
    pub version: i64,
    /// `lang:number` of each final, separated by spaces, in language order.
    pub covers: String,
    /// SHA-256 (hex) of the finals' canonical serialisation.
    pub sha256: String,
}

/// The edition of a text from its current versions (see `store::current`); none before
/// any final.
pub(super) fn edition_of(text: &JointText, current: &[Version]) -> Option<Edition> {
    let mut finals: Vec<&Version> = Vec::new();
    for lang in spona_domain::joint_text::LANGS {
        if let Some(v) = current
            .iter()
            .filter(|v| v.lang == lang && v.is_final())
            .max_by_key(|v| v.number)
        {
            finals.push(v);
        }
    }
    let version = finals.iter().map(|v| v.number).max()?;
    let frozen: Vec<Frozen<'_>> = finals
        .iter()
        .map(|v| Frozen {
            lang: &v.lang,
            number: v.number,
            title: &v.title,
            body: &v.body,
        })
        .collect();
    let text = canonical(&text.id, &text.kind, &frozen);
    let covers = finals
        .iter()
        .map(|v| format!("{}:{}", v.lang, v.number))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Edition {
        version,
        covers,
        sha256: hex::encode(Sha256::digest(text.as_bytes())),
    })
}

/// The text's current edition.
pub async fn edition(db: &Db, text: &JointText) -> Result<Option<Edition>> {
    let current = store::current(db, &text.id).await?;
    Ok(edition_of(text, &current))
}

/// The statement the deployment's key signs: the line `spona-joint-text-signature/1`, then
/// `name length:value` lines for the signature's id, the text, the organisation, the
/// signer (empty when none), the version, what it covers, the SHA-256 and the date.
pub fn signed_text(s: &Signature) -> String {
    let mut out = String::from("spona-joint-text-signature/1\n");
    let mut field = |name: &str, value: &str| {
        out.push_str(&format!("{name} {}:{value}\n", value.len()));
    };
    field("signature", &s.id);
    field("text", &s.text_id);
    field("organisation", &s.org_id);
    field("signer", s.signer_id.as_deref().unwrap_or(""));
    field("version", &s.version.to_string());
    field("covers", &s.covers);
    field("sha256", &s.sha256);
    field("date", &s.signed_on);
    out
}

/// Whether a stored signature verifies (by the key it names).
pub fn verify(s: &Signature) -> bool {
    signing::verify(&s.signature, &signed_text(s))
}

/// A signature as the pages show it.
#[derive(Debug, Clone)]
pub struct SignView {
    pub sig: Signature,
    /// It signed the current edition (else it shows as "signed version N").
    pub current: bool,
    pub verified: bool,
}

impl SignView {
    pub(super) fn new(sig: Signature, _text: &JointText, edition: Option<&Edition>) -> Self {
        SignView {
            current: is_current(&sig, edition),
            verified: verify(&sig),
            sig,
        }
    }
}

/// Signs the current edition for the organisation `org_slug`, by one of its admins (a
/// member who is not, or a platform admin who is not its admin: refused), with their
/// second-factor `code` when they have TOTP on. Refused when nothing is final yet, and
/// when the organisation's standing signature of this edition exists. `signed_on` is the
/// date recorded (`YYYY-MM-DD`, today for the form). The signature, the code's time step
/// and the audit entry commit together. Returns the signature's id.
pub async fn sign(
    actor: &Actor,
    db: &Db,
    key: &ServerKey,
    text_id: &str,
    org_slug: &str,
    code: &str,
) -> Result<String> {
    let now = spona_store::now();
    let on = spona_domain::trial::today(now);
    sign_on(actor, db, key, text_id, org_slug, code, &on, now).await
}

/// [`sign`] with the date and time given (the demo records historical signings).
#[allow(clippy::too_many_arguments)]
pub async fn sign_on(
    actor: &Actor,
    db: &Db,
    key: &ServerKey,
    text_id: &str,
    org_slug: &str,
    code: &str,
    signed_on: &str,
    now: i64,
) -> Result<String> {
    let user = actor.require_user()?;
    let Some(text) = store::get(db, text_id).await? else {
        return Err(Error::NotFound);
    };
    let org = match spona_store::orgs::get_by_slug(db, org_slug.trim()).await {
        Ok(o) => o,
        Err(StoreError::NotFound) => {
            return Err(Error::Invalid(vec![Invalid::new("org", "jt-err-org")]));
        }
        Err(e) => return Err(e.into()),
    };
    let org_id = org.id.to_string();
    if !actor.is_admin_of(&org_id) {
        return Err(Error::Refused("jt-err-not-admin"));
    }
    let Some(edition) = edition(db, &text).await? else {
        return Err(Error::Conflict("jt-err-not-final"));
    };
    let existing = store::signatures(db, text_id).await?;
    if existing
        .iter()
        .any(|s| s.org_id == org_id && s.version == edition.version && s.withdrawn_at.is_none())
    {
        return Err(Error::Conflict("jt-err-signed-twice"));
    }
    let step = match &user.totp_secret {
        None => None,
        Some(secret) => match crate::auth::totp_step(secret, code.trim()) {
            Some(step) => Some(step),
            None => return Err(Error::Invalid(vec![Invalid::new("code", "jt-err-code")])),
        },
    };
    let mut sig = Signature {
        id: spona_store::new_id(),
        text_id: text.id.clone(),
        org_id: org_id.clone(),
        org_slug: org.slug.clone(),
        org_name: org.name.clone(),
        version: edition.version,
        covers: edition.covers,
        sha256: edition.sha256,
        signer_id: Some(user.id.to_string()),
        signed_on: signed_on.to_owned(),
        signed_at: now,
        signature: String::new(),
        withdrawn_by: None,
        withdrawn_at: None,
    };
    sig.signature = signing::sign(key, &signed_text(&sig));
    let mut tx = db.begin().await?;
    match store::insert_signature_in(&mut tx, &sig).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(Error::Conflict("jt-err-signed-twice")),
        Err(e) => return Err(e.into()),
    }
    if let Some(step) = step
        && !spona_store::users::claim_totp_step_in(&mut tx, &user.id, step).await?
    {
        return Err(Error::Invalid(vec![Invalid::new("code", "jt-err-code")]));
    }
    let detail = format!("{} version {} {}", org.slug, sig.version, sig.sha256);
    audit::record_in(&mut tx, event(actor, "texts.signed", &text.id, detail)).await?;
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::JOINT_TEXT,
        &text.id,
        &format!("signed:{}", org.slug),
        &sig.sha256,
    )
    .await?;
    spona_store::tx::fault_point("texts.signed")?;
    tx.commit().await?;
    Ok(sig.id)
}

/// Withdraws a standing signature, by an admin of its organisation; the row stays as
/// history.
pub async fn withdraw(actor: &Actor, db: &Db, text_id: &str, signature_id: &str) -> Result<()> {
    let user = actor.require_user()?;
    let sigs = store::signatures(db, text_id).await?;
    let Some(sig) = sigs
        .iter()
        .find(|s| s.id == signature_id && s.withdrawn_at.is_none())
    else {
        return Err(Error::NotFound);
    };
    if !actor.is_admin_of(&sig.org_id) {
        return Err(Error::Refused("jt-err-not-admin"));
    }
    let mut tx = db.begin().await?;
    if !store::withdraw_in(&mut tx, text_id, signature_id, &user.id, spona_store::now()).await? {
        return Err(Error::NotFound);
    }
    let detail = format!("{} version {}", sig.org_slug, sig.version);
    audit::record_in(&mut tx, event(actor, "texts.withdrawn", text_id, detail)).await?;
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::JOINT_TEXT,
        text_id,
        &format!("withdrawn:{}", sig.org_slug),
        &sig.sha256,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a signature given outside Spona — on paper at a signing ceremony — for the
/// organisation `org_slug`, dated `signed_on`, with no signer account (the demo's founding
/// signatories). Signed by the deployment key like any other; audited with no actor.
pub async fn record_given(
    db: &Db,
    key: &ServerKey,
    text_id: &str,
    org_slug: &str,
    signed_on: &str,
    at: i64,
) -> Result<String> {
    let Some(text) = store::get(db, text_id).await? else {
        return Err(Error::NotFound);
    };
    let org = spona_store::orgs::get_by_slug(db, org_slug).await?;
    let Some(edition) = edition(db, &text).await? else {
        return Err(Error::Conflict("jt-err-not-final"));
    };
    let mut sig = Signature {
        id: spona_store::new_id(),
        text_id: text.id.clone(),
        org_id: org.id.to_string(),
        org_slug: org.slug.clone(),
        org_name: org.name.clone(),
        version: edition.version,
        covers: edition.covers,
        sha256: edition.sha256,
        signer_id: None,
        signed_on: signed_on.to_owned(),
        signed_at: at,
        signature: String::new(),
        withdrawn_by: None,
        withdrawn_at: None,
    };
    sig.signature = signing::sign(key, &signed_text(&sig));
    let mut tx = db.begin().await?;
    match store::insert_signature_in(&mut tx, &sig).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(Error::Conflict("jt-err-signed-twice")),
        Err(e) => return Err(e.into()),
    }
    let detail = format!("{} version {} given {signed_on}", org.slug, sig.version);
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::JOINT_TEXT,
        &text.id,
        &format!("signed:{}", org.slug),
        &sig.sha256,
    )
    .await?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: None,
            action: "texts.signed",
            target_kind: "joint-text",
            target_id: &text.id,
            detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(sig.id)
}
