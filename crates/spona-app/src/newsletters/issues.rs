//! Starting a newsletter, writing its issues in several languages, choosing the variant a
//! reader gets, scheduling and a test mail to oneself.

use spona_domain::newsletter::{self as rules, Audience, IssueState, OwnerKind, Variant};
use spona_domain::{Invalid, Locale};
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::newsletters::{self, Issue, Newsletter};

use super::Mailer;
use super::access::{can_edit, editable, owners_for, readable};
use crate::mail::{Mail, enqueue_in};
use crate::{Actor, Error, Result};

fn event<'a>(actor: &'a Actor, action: &'a str, target: &'a str, detail: String) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "newsletter",
        target_id: target,
        detail,
    }
}

/// A new newsletter as its form gives it.
#[derive(Debug, Clone, Default)]
pub struct NewNewsletter {
    pub network: String,
    pub name: String,
    pub description: String,
    /// Required: neither choice is made for the editor.
    pub audience: Option<String>,
}

/// Starts a newsletter of a network `actor` coordinates; its slug follows from its name.
/// Creates a newsletter; `once` (the form's one-time key, answered with the newsletter's
/// page, `{id}` being its slug) makes a retried post create nothing twice.
pub async fn create(
    actor: &Actor,
    db: &Db,
    f: &NewNewsletter,
    once: Option<&spona_store::idempotency::Once>,
) -> Result<Newsletter> {
    actor.require_user()?;
    let owners = owners_for(actor, db).await?;
    if owners.is_empty() {
        return Err(Error::Forbidden);
    }
    let owner = owners.iter().find(|n| n.slug == f.network);
    let mut problems = Vec::new();
    if owner.is_none() {
        problems.push(Invalid::new("network", "err-newsletter-network"));
    }
    let owner_id = owner.map(|o| o.id.clone()).unwrap_or_default();
    create_owned(
        actor,
        db,
        (OwnerKind::Network, &owner_id),
        f,
        problems,
        once,
    )
    .await
}

/// Creates a newsletter of `owner` (kind and id; the caller checked the actor may);
/// `problems` are those the caller found already.
pub(super) async fn create_owned(
    actor: &Actor,
    db: &Db,
    owner: (OwnerKind, &str),
    f: &NewNewsletter,
    mut problems: Vec<Invalid>,
    once: Option<&spona_store::idempotency::Once>,
) -> Result<Newsletter> {
    let (kind, owner_id) = owner;
    if let Some(p) = rules::check_name(&f.name) {
        problems.push(p);
    }
    if f.description.chars().count() > 2000 {
        problems.push(Invalid::new("description", "err-newsletter-description"));
    }
    let audience = f.audience.as_deref().and_then(Audience::parse);
    if audience.is_none() {
        problems.push(Invalid::new("audience", "err-newsletter-audience"));
    }
    let (Some(audience), true) = (audience, problems.is_empty()) else {
        return Err(Error::Invalid(problems));
    };
    let base = spona_domain::org::Slug::from_folded(&spona_i18n::fold(f.name.trim()))
        .map(|s| s.to_string())
        .unwrap_or_else(|| "newsletter".to_owned());
    let taken = {
        let mut read = db.begin().await?;
        let taken = newsletters::taken_slugs_in(&mut read, &base).await?;
        read.commit().await?;
        taken
    };
    let mut tx = db.begin().await?;
    let Some(slug) = (1..1000)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken.contains(s))
    else {
        return Err(Error::Conflict("err-conflict"));
    };
    if let Some(once) = once {
        spona_store::idempotency::claim_in(&mut tx, once, &slug).await?;
    }
    let id = newsletters::create_in(
        &mut tx,
        &newsletters::NewNewsletter {
            slug: &slug,
            owner_kind: kind,
            owner_id,
            name: f.name.trim(),
            description: f.description.trim(),
            audience,
        },
        spona_store::now(),
    )
    .await?;
    audit::record_in(
        &mut tx,
        event(
            actor,
            "newsletter.created",
            &id,
            format!("{}={owner_id}", kind.as_str()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(newsletters::by_slug(db, &slug).await?)
}

/// The variant a reader of `locale` gets: their language (Serbian Cyrillic shown in Latin to
/// Latin readers), then English, then the first written. The tag is what is shown.
pub fn choose(locale: Locale, variants: &[Variant]) -> Option<Variant> {
    let usable: Vec<&Variant> = variants
        .iter()
        .filter(|v| !v.title.trim().is_empty())
        .collect();
    let shown = crate::names::pick_own_by(locale, |lang| {
        usable.iter().find(|v| v.lang == lang).map(|v| &v.title)
    });
    match shown {
        Some(s) => {
            let v = usable
                .iter()
                .find(|v| v.lang == s.lang)
                .copied()
                .or_else(|| usable.iter().find(|v| v.lang == "sr-Cyrl").copied())?;
            if s.lang != v.lang {
                // Cyrillic shown to a Latin reader: the exact direction.
                return Some(Variant {
                    lang: s.lang,
                    title: s.text,
                    body: spona_i18n::cyr_to_lat(&v.body),
                });
            }
            Some(v.clone())
        }
        None => usable.first().map(|v| (*v).clone()),
    }
}

/// An issue with its texts, as a page shows it.
pub struct IssueView {
    pub newsletter: Newsletter,
    pub issue: Issue,
    pub variants: Vec<Variant>,
    pub can_edit: bool,
}

/// Starts a draft of `slug`; returns its id. `once` (the form's one-time key, `{id}` being
/// the draft's id) makes a retried post start one draft only.
pub async fn start(
    actor: &Actor,
    db: &Db,
    slug: &str,
    once: Option<&spona_store::idempotency::Once>,
) -> Result<(Newsletter, String)> {
    let n = editable(actor, db, slug).await?;
    let mut tx = db.begin().await?;
    let id = newsletters::create_issue_in(&mut tx, &n.id, actor.id(), spona_store::now()).await?;
    if let Some(once) = once {
        spona_store::idempotency::claim_in(&mut tx, once, &id).await?;
    }
    audit::record_in(
        &mut tx,
        event(
            actor,
            "newsletter.issue_created",
            &n.id,
            format!("issue={id}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok((n, id))
}

/// An issue for its editors (any state).
pub async fn for_editor(actor: &Actor, db: &Db, slug: &str, id: &str) -> Result<IssueView> {
    let n = editable(actor, db, slug).await?;
    let issue = newsletters::issue(db, &n.id, id).await?;
    let variants = newsletters::variants(db, id).await?;
    Ok(IssueView {
        newsletter: n,
        issue,
        variants,
        can_edit: true,
    })
}

/// An issue as a reader sees it: a sent one of a newsletter they may read (its permanent
/// address in the archive); an unsent one only to its editors (a preview).
pub async fn read(actor: &Actor, db: &Db, slug: &str, id: &str) -> Result<IssueView> {
    let n = readable(actor, db, slug).await?;
    let issue = newsletters::issue(db, &n.id, id).await?;
    let can_edit = can_edit(actor, db, &n).await?;
    if issue.state != IssueState::Sent && !can_edit {
        return Err(Error::NotFound);
    }
    let variants = newsletters::variants(db, id).await?;
    Ok(IssueView {
        newsletter: n,
        issue,
        variants,
        can_edit,
    })
}

/// The archive of `slug` (sent issues, newest first), and for editors the others too.
pub async fn archive(
    actor: &Actor,
    db: &Db,
    n: &Newsletter,
) -> Result<(Vec<(Issue, Vec<Variant>)>, Vec<(Issue, Vec<Variant>)>)> {
    let editor = can_edit(actor, db, n).await?;
    let all = newsletters::issues(db, &n.id, !editor).await?;
    Ok(all
        .into_iter()
        .partition(|(i, _)| i.state == IssueState::Sent))
}

/// Saves an issue's variants. Field problems are `Invalid`; an issue that began sending is
/// `Conflict("err-newsletter-sent")` and nothing changes.
pub async fn save(
    actor: &Actor,
    db: &Db,
    slug: &str,
    id: &str,
    variants: &[Variant],
) -> Result<()> {
    let n = editable(actor, db, slug).await?;
    let issue = newsletters::issue(db, &n.id, id).await?;
    if !issue.state.editable() {
        return Err(Error::Conflict("err-newsletter-sent"));
    }
    let problems = rules::check_variants(variants);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut tx = db.begin().await?;
    if !newsletters::save_variants_in(&mut tx, id, variants, spona_store::now()).await? {
        return Err(Error::Conflict("err-newsletter-sent"));
    }
    // A scheduled issue emptied is no longer sendable: back to draft.
    if issue.state == IssueState::Scheduled && !rules::sendable(variants) {
        newsletters::unschedule_in(&mut tx, id, spona_store::now()).await?;
    }
    audit::record_in(
        &mut tx,
        event(
            actor,
            "newsletter.issue_edited",
            &n.id,
            format!("issue={id}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Schedules an issue to leave at `at` (Unix seconds, later than `now`). An empty issue, a
/// time in the past, or an issue already sending are refused.
pub async fn schedule(
    actor: &Actor,
    db: &Db,
    slug: &str,
    id: &str,
    at: Option<i64>,
    now: i64,
) -> Result<()> {
    let n = editable(actor, db, slug).await?;
    let issue = newsletters::issue(db, &n.id, id).await?;
    if !issue.state.editable() {
        return Err(Error::Conflict("err-newsletter-sent"));
    }
    let variants = newsletters::variants(db, id).await?;
    if !rules::sendable(&variants) {
        return Err(Error::Invalid(vec![Invalid::new(
            "at",
            "err-newsletter-empty",
        )]));
    }
    let Some(at) = at else {
        return Err(Error::Invalid(vec![Invalid::new(
            "at",
            "err-newsletter-when",
        )]));
    };
    if at < now {
        return Err(Error::Invalid(vec![Invalid::new(
            "at",
            "err-newsletter-past",
        )]));
    }
    let mut tx = db.begin().await?;
    if !newsletters::schedule_in(&mut tx, id, at, now).await? {
        return Err(Error::Conflict("err-newsletter-sent"));
    }
    audit::record_in(
        &mut tx,
        event(
            actor,
            "newsletter.issue_scheduled",
            &n.id,
            format!("issue={id} at={at}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a scheduled issue back to draft (refused once it began sending).
pub async fn unschedule(actor: &Actor, db: &Db, slug: &str, id: &str) -> Result<()> {
    let n = editable(actor, db, slug).await?;
    newsletters::issue(db, &n.id, id).await?;
    let mut tx = db.begin().await?;
    if !newsletters::unschedule_in(&mut tx, id, spona_store::now()).await? {
        return Err(Error::Conflict("err-newsletter-not-scheduled"));
    }
    audit::record_in(
        &mut tx,
        event(
            actor,
            "newsletter.issue_unscheduled",
            &n.id,
            format!("issue={id}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Mails the editor a test of every written variant (list: none — they asked for it).
/// Returns how many mails were queued.
pub async fn send_test(
    actor: &Actor,
    db: &Db,
    mailer: Mailer<'_>,
    slug: &str,
    id: &str,
) -> Result<usize> {
    let user = actor.require_user()?.clone();
    let view = for_editor(actor, db, slug, id).await?;
    if !rules::sendable(&view.variants) {
        return Err(Error::Invalid(vec![Invalid::new(
            "at",
            "err-newsletter-empty",
        )]));
    }
    let owner = super::send::owner_group(db, &view.newsletter).await?;
    let mut tx = db.begin().await?;
    let mut n = 0;
    for v in view.variants.iter().filter(|v| !v.title.trim().is_empty()) {
        let locale = super::locale_of(&v.lang);
        let (subject, text) =
            super::send::compose(mailer, &view.newsletter, owner.as_ref(), id, locale, v);
        let mail = Mail {
            to: user.email.clone(),
            subject: format!("[{}] {subject}", mailer.tr.t(locale, "newsletter-test-tag")),
            text,
            list: None,
            thread: None,
        };
        enqueue_in(&mut tx, &mail).await?;
        n += 1;
    }
    audit::record_in(
        &mut tx,
        event(
            actor,
            "newsletter.issue_tested",
            &view.newsletter.id,
            format!("issue={id}"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lang: &str, title: &str) -> Variant {
        Variant {
            lang: lang.into(),
            title: title.into(),
            body: format!("{title} body"),
        }
    }

    #[test]
    fn the_reader_gets_their_language_then_english_then_any() {
        let all = [v("en", "News"), v("sr-Cyrl", "Вести"), v("uk", "Новини")];
        assert_eq!(
            choose(Locale::Uk, &all).map(|x| x.title),
            Some("Новини".into())
        );
        assert_eq!(
            choose(Locale::SrCyrl, &all).map(|x| x.title),
            Some("Вести".into())
        );
        let latin = choose(Locale::SrLatn, &all).expect("variant");
        assert_eq!(
            (latin.lang.as_str(), latin.title.as_str()),
            ("sr-Latn", "Vesti")
        );
        assert_eq!(latin.body, "Vesti body");
        let only_uk = [v("uk", "Новини")];
        assert_eq!(
            choose(Locale::En, &only_uk).map(|x| x.lang),
            Some("uk".into())
        );
        let no_uk = [v("en", "News"), v("sr-Cyrl", "Вести")];
        assert_eq!(
            choose(Locale::Uk, &no_uk).map(|x| x.lang),
            Some("en".into())
        );
        assert!(choose(Locale::En, &[]).is_none());
    }
}
