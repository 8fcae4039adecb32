//! Working groups: who may create, join, read and run a group. Every rule is here, once;
//! the pages, the JSON API and the command line call these functions.
//!
//! **Access.** Any signed-in person who belongs to an organisation (or a platform admin) may
//! create a group and becomes its first coordinator. Every signed-in person sees the list of
//! groups and a group's page (its description, members with their organisations and
//! countries, linked resources), so that they can decide to join. A group's threads are for
//! its members and coordinators only, whatever the join policy: an open group is one click
//! away, and what people write to a group is written to the people in it. Coordinators add,
//! approve and remove members, name other coordinators, link resources and hide threads.

pub mod digest;
pub mod discussions;
pub mod files;
mod members;
pub mod names;
pub mod notify;

use spona_domain::groups::{
    GroupRole, JoinPolicy, MAX_DESCRIPTION, MAX_NAME, MailChoice, check_text,
};
use spona_domain::{Invalid, Locale};
use spona_store::audit::{self, Event};
use spona_store::groups::{self as store, Group, LinkedTitle, MemberRow};
use spona_store::idempotency::Once;
use spona_store::{Db, Tx};

use crate::{Actor, Error, Result};

pub use members::{add_member, join, leave, manage};

/// A group with the actor's place in it.
pub struct Access {
    pub group: Group,
    pub role: Option<GroupRole>,
    /// A platform admin may manage every group.
    pub admin: bool,
}

impl Access {
    /// Whether the actor reads and writes the group's threads.
    pub fn takes_part(&self) -> bool {
        self.role.is_some_and(GroupRole::takes_part)
    }

    pub fn coordinates(&self) -> bool {
        self.admin || self.role == Some(GroupRole::Coordinator)
    }

    pub fn policy(&self) -> JoinPolicy {
        JoinPolicy::parse(&self.group.join_policy).unwrap_or(JoinPolicy::Invitation)
    }

    pub fn require_member(&self) -> Result<()> {
        if self.takes_part() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    pub fn require_coordinator(&self) -> Result<()> {
        if self.coordinates() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// The group `id` as `actor` may see it: sign-in first, then 404 for no such group.
pub async fn access(actor: &Actor, db: &Db, id: &str) -> Result<Access> {
    let user = actor.require_user()?;
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(Error::NotFound);
    }
    let group = store::get(db, id).await?;
    let role = store::role_of(db, id, &user.id)
        .await?
        .and_then(|r| GroupRole::parse(&r));
    Ok(Access {
        group,
        role,
        admin: actor.is_admin(),
    })
}

/// Whether `actor` may start a group: a member of an organisation, or a platform admin.
pub fn may_create(actor: &Actor) -> bool {
    actor.is_admin() || (actor.is_signed_in() && !actor.memberships().is_empty())
}

/// Every group, or those of one network (by slug); for signed-in people.
pub async fn list(actor: &Actor, db: &Db, network: Option<&str>) -> Result<Vec<Group>> {
    list_by(actor, db, network, None).await
}

/// The groups, optionally of one network (slug) and one theme (a THEMES code); an unknown
/// network or theme is a bad request.
pub async fn list_by(
    actor: &Actor,
    db: &Db,
    network: Option<&str>,
    theme: Option<&str>,
) -> Result<Vec<Group>> {
    actor.require_user()?;
    let theme = theme.filter(|t| !t.is_empty());
    if theme.is_some_and(|t| !spona_domain::vocab::THEMES.contains(t)) {
        return Err(Error::BadRequest("err-filter-theme"));
    }
    let network_id = match network.filter(|n| !n.is_empty()) {
        Some(slug) => Some(
            spona_store::networks::get_by_slug(db, slug)
                .await
                .map_err(|_| Error::BadRequest("err-filter-network"))?
                .id
                .into_string(),
        ),
        None => None,
    };
    Ok(store::list_filtered(db, network_id.as_deref(), theme).await?)
}

/// What a new group's form holds.
#[derive(Debug, Default, Clone)]
pub struct GroupDraft {
    pub name: String,
    pub description: String,
    pub lang: String,
    /// A network's slug, or empty.
    pub network: String,
    pub join_policy: String,
    /// A THEMES code, or empty for none.
    pub theme: String,
}

/// The languages a group's texts may be written in.
pub const LANGS: [&str; 4] = ["en", "sr-Latn", "sr-Cyrl", "uk"];

/// Checks a draft; problems in the form's order.
pub async fn check(db: &Db, d: &GroupDraft) -> Result<(Option<String>, JoinPolicy)> {
    let mut problems = Vec::new();
    if let Err(e) = check_text("name", &d.name, MAX_NAME) {
        problems.push(e);
    }
    if d.description.chars().count() > MAX_DESCRIPTION {
        problems.push(Invalid {
            field: "description",
            key: "err-too-long",
        });
    }
    if !LANGS.contains(&d.lang.as_str()) {
        problems.push(Invalid {
            field: "lang",
            key: "err-group-lang",
        });
    }
    let mut network = None;
    if !d.network.is_empty() {
        match spona_store::networks::get_by_slug(db, &d.network).await {
            Ok(n) => network = Some(n.id.into_string()),
            Err(spona_store::StoreError::NotFound) => problems.push(Invalid {
                field: "network",
                key: "err-filter-network",
            }),
            Err(e) => return Err(e.into()),
        }
    }
    if !d.theme.is_empty() && !spona_domain::vocab::THEMES.contains(&d.theme) {
        problems.push(Invalid {
            field: "theme",
            key: "err-group-theme",
        });
    }
    let policy = JoinPolicy::parse(&d.join_policy);
    if policy.is_none() {
        problems.push(Invalid {
            field: "join_policy",
            key: "err-group-policy",
        });
    }
    match policy {
        Some(p) if problems.is_empty() => Ok((network, p)),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Creates a group with `actor` as coordinator, claiming the form's one-time key in the same
/// transaction; returns its id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    d: &GroupDraft,
    locale: &str,
    once: Option<&Once>,
) -> Result<String> {
    let user = actor.require_user()?;
    if !may_create(actor) {
        return Err(Error::Forbidden);
    }
    let (network, policy) = check(db, d).await?;
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
    audit_in(
        &mut tx,
        actor,
        "group.created",
        &id,
        format!("policy={}", policy.as_str()),
    )
    .await?;
    spona_store::tx::fault_point("group.created")?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn audit_in(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: String,
) -> Result<()> {
    audit::record_in(
        tx,
        Event {
            actor_id: actor.id(),
            action,
            target_kind: "group",
            target_id: target,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// A member on the group page, with every organisation they belong to.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: String,
    pub name: String,
    pub role: GroupRole,
    /// `(slug, name, country)` of each organisation.
    pub orgs: Vec<(String, String, String)>,
}

/// Folds the one-row-per-organisation list into members.
pub fn fold_members(rows: Vec<MemberRow>) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|m| m.user_id != r.user_id) {
            out.push(Member {
                user_id: r.user_id.clone(),
                name: r.display_name.clone(),
                role: GroupRole::parse(&r.role).unwrap_or(GroupRole::Requested),
                orgs: Vec::new(),
            });
        }
        if let (Some(slug), Some(name), Some(country), Some(m)) =
            (r.org_slug, r.org_name, r.country, out.last_mut())
        {
            m.orgs.push((slug, name, country));
        }
    }
    out
}

/// A group's page as `actor` sees it.
pub struct GroupPage {
    pub access: Access,
    pub members: Vec<Member>,
    pub resources: Vec<LinkedTitle>,
    /// Threads with read state; empty for those who do not take part.
    pub threads: Vec<store::Thread>,
    /// The group's events not over yet and not cancelled, soonest first.
    pub events: Vec<spona_store::events::Event>,
}

pub async fn show(actor: &Actor, db: &Db, id: &str) -> Result<GroupPage> {
    let access = access(actor, db, id).await?;
    let members = fold_members(store::members(db, id).await?);
    let resources = store::resources(db, id).await?;
    let threads = if access.takes_part() {
        store::threads(db, id, actor.id().unwrap_or_default()).await?
    } else {
        Vec::new()
    };
    let events = spona_store::events::list(
        db,
        &spona_store::events::Filter {
            group_id: Some(id.to_owned()),
            ending_after: Some(spona_store::now()),
            limit: Some(20),
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .filter(|e| e.cancelled == 0)
    .collect();
    Ok(GroupPage {
        access,
        members,
        resources,
        threads,
        events,
    })
}

/// A coordinator links a hub resource they may read to the group.
pub async fn link_resource(actor: &Actor, db: &Db, id: &str, resource: &str) -> Result<()> {
    let a = access(actor, db, id).await?;
    a.require_coordinator()?;
    let r = crate::resources::read(db, actor, resource.trim())
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::Invalid(vec![Invalid {
                field: "resource",
                key: "err-group-no-such-resource",
            }]),
            other => other,
        })?;
    let mut tx = db.begin().await?;
    store::link_resource_in(
        &mut tx,
        id,
        &r.id,
        actor.id().unwrap_or_default(),
        spona_store::now(),
    )
    .await?;
    audit_in(
        &mut tx,
        actor,
        "group.resource_linked",
        id,
        format!("resource={}", r.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn unlink_resource(actor: &Actor, db: &Db, id: &str, resource: &str) -> Result<()> {
    let a = access(actor, db, id).await?;
    a.require_coordinator()?;
    let mut tx = db.begin().await?;
    store::unlink_resource_in(&mut tx, id, resource).await?;
    audit_in(
        &mut tx,
        actor,
        "group.resource_unlinked",
        id,
        format!("resource={resource}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One group on a person's preferences page.
pub struct Preference {
    pub group_id: String,
    pub name: String,
    /// What they get; `Nothing` also when they left the group's list by unsubscribing.
    pub mail: MailChoice,
}

/// The list id of a group's mail.
pub fn list_id(group_id: &str) -> String {
    format!("group/{group_id}")
}

/// A person's mail choice for each of their groups, each named in `locale`.
pub async fn preferences(actor: &Actor, db: &Db, locale: Locale) -> Result<Vec<Preference>> {
    let user = actor.require_user()?;
    let mut out = Vec::new();
    let mut names = names::Names::default();
    for g in store::of_user(db, &user.id).await? {
        if g.role == GroupRole::Requested.as_str() {
            continue;
        }
        let left = spona_store::mail::opted_out(db, &user.email, &list_id(&g.group_id)).await?;
        out.push(Preference {
            mail: if left {
                MailChoice::Nothing
            } else {
                MailChoice::parse(&g.mail).unwrap_or(MailChoice::Daily)
            },
            name: names
                .name(db, locale, &g.group_id, &g.lang, &g.name)
                .await?,
            group_id: g.group_id,
        });
    }
    Ok(out)
}

/// Saves a person's mail choice for one group, written in `locale`. Choosing any mail again
/// takes the person back onto the group's list.
pub async fn set_preference(
    actor: &Actor,
    db: &Db,
    group_id: &str,
    choice: &str,
    locale: &str,
) -> Result<()> {
    let a = access(actor, db, group_id).await?;
    a.require_member()?;
    let user = actor.require_user()?;
    let choice = MailChoice::parse(choice).ok_or(Error::BadRequest("err-group-mail-choice"))?;
    let mut tx = db.begin().await?;
    store::set_mail_in(&mut tx, group_id, &user.id, choice.as_str(), locale).await?;
    let list = list_id(group_id);
    if choice == MailChoice::Nothing {
        crate::mail::opt_out_in(&mut tx, &user.email, &list).await?;
    } else {
        crate::mail::opt_in_in(&mut tx, &user.email, &list).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(user: &str, role: &str, org: Option<&str>) -> MemberRow {
        MemberRow {
            user_id: user.into(),
            display_name: user.into(),
            role: role.into(),
            org_slug: org.map(Into::into),
            org_name: org.map(Into::into),
            country: org.map(|_| "RS".into()),
        }
    }

    #[test]
    fn members_gather_their_organisations() {
        let m = fold_members(vec![
            row("a", "coordinator", Some("astra")),
            row("a", "coordinator", Some("atina")),
            row("b", "member", None),
        ]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].orgs.len(), 2);
        assert!(m[1].orgs.is_empty());
        assert_eq!(m[1].role, GroupRole::Member);
    }

    #[test]
    fn only_people_in_organisations_start_groups() {
        assert!(!may_create(&Actor::anonymous()));
    }
}
