//! The groups' pages: list, new group, a group's page with its members, resources and
//! threads, joining and leaving, coordinators' forms, and a person's mail preferences.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::groups::names::VariantDraft;
use spona_app::groups::{self, GroupDraft, Member, Preference};
use spona_domain::Locale;
use spona_domain::groups::{GroupRole, JoinPolicy, MailChoice};
use spona_store::groups::{Group, LinkedTitle, NameVariant, Thread};

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/groups", list)
        .get("/groups/new", new_form)
        .post("/groups/new", create)
        .get("/groups/preferences", preferences)
        .post("/groups/preferences", save_preference)
        .get("/groups/{id}", show)
        .post_from("/groups/{id}/join", join, "/groups/{id}")
        .post_from("/groups/{id}/leave", leave, "/groups/{id}")
        .post_from("/groups/{id}/members", add_member, "/groups/{id}")
        .post_from("/groups/{id}/members/{user_id}", manage, "/groups/{id}")
        .post_from("/groups/{id}/resources", link_resource, "/groups/{id}")
        .post_from(
            "/groups/{id}/resources/{resource_id}/remove",
            unlink_resource,
            "/groups/{id}",
        )
}

/// The name of a join policy or mail choice in the reader's language.
pub(crate) fn policy_label(ctx: &Ctx, policy: &str) -> String {
    ctx.t(&format!("group-policy-{policy}"))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    network: String,
    #[serde(default)]
    theme: String,
    /// Words a group's name or description holds, in any of its languages.
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "groups/templates/list.html")]
struct ListPage {
    ctx: Ctx,
    groups: Vec<Group>,
    networks: Vec<(String, String)>,
    network: String,
    /// The THEMES codes with their labels, and the one filtered by.
    themes: Vec<(String, String)>,
    theme: String,
    q: String,
    can_create: bool,
}

/// The THEMES vocabulary as options: code and label in the reader's locale.
pub(crate) fn theme_options(ctx: &Ctx) -> Vec<(String, String)> {
    spona_domain::vocab::THEMES
        .codes
        .iter()
        .map(|c| {
            (
                (*c).to_owned(),
                ctx.t(&spona_domain::vocab::THEMES.label_key(c)),
            )
        })
        .collect()
}

async fn networks(ctx: &Ctx) -> Result<Vec<(String, String)>, AppError> {
    Ok(spona_app::directory::networks::list(&ctx.state.db)
        .await?
        .into_iter()
        .map(|n| {
            let name = crate::http::options::network_name(ctx, &n);
            (n.slug, name)
        })
        .collect())
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let mut groups =
        groups::list_by(&actor, &ctx.state.db, Some(&q.network), Some(&q.theme)).await?;
    let variants = groups::names::all(&ctx.state.db).await?;
    let none = Vec::new();
    groups.retain(|g| groups::names::matches(&q.q, g, variants.get(&g.id).unwrap_or(&none)));
    for g in &mut groups {
        groups::names::localize(ctx.locale, g, variants.get(&g.id).unwrap_or(&none));
    }
    Ok(page(&ListPage {
        q: q.q,
        networks: networks(&ctx).await?,
        can_create: groups::may_create(&actor),
        network: q.network,
        themes: theme_options(&ctx),
        theme: q.theme,
        groups,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "groups/templates/new.html")]
struct NewPage {
    ctx: Ctx,
    draft: GroupDraft,
    networks: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    langs: Vec<(&'static str, String)>,
    policies: Vec<(&'static str, String)>,
    /// The optional variant in a second language.
    other: VariantDraft,
    errors: FormErrors,
}

/// The languages a group's texts may be written in, with their own names.
pub(crate) fn lang_options() -> Vec<(&'static str, String)> {
    groups::LANGS
        .iter()
        .map(|l| {
            let name =
                Locale::from_tag(l).map_or_else(|| (*l).to_owned(), |x| x.endonym().to_owned());
            (*l, name)
        })
        .collect()
}

async fn new_page(
    ctx: Ctx,
    draft: GroupDraft,
    other: VariantDraft,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let langs = lang_options();
    let policies = JoinPolicy::ALL
        .iter()
        .map(|p| (p.as_str(), policy_label(&ctx, p.as_str())))
        .collect();
    Ok(render(
        status,
        &NewPage {
            networks: networks(&ctx).await?,
            themes: theme_options(&ctx),
            langs,
            policies,
            ctx,
            draft,
            other,
            errors,
        },
    ))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor();
    actor.require_user()?;
    if !groups::may_create(&actor) {
        return Err(AppError::Forbidden);
    }
    let draft = GroupDraft {
        lang: ctx.locale.tag().to_owned(),
        join_policy: JoinPolicy::Request.as_str().to_owned(),
        ..Default::default()
    };
    new_page(ctx, draft, VariantDraft::default(), FormErrors::new()).await
}

#[derive(Deserialize, Default)]
struct NewForm {
    #[serde(default)]
    once: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    network: String,
    #[serde(default)]
    join_policy: String,
    #[serde(default)]
    theme: String,
    /// A second language (empty: none) and the name and description in it.
    #[serde(default)]
    other_lang: String,
    #[serde(default)]
    other_name: String,
    #[serde(default)]
    other_description: String,
}

async fn create(ctx: Ctx, Form(f): Form<NewForm>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let draft = GroupDraft {
        name: f.name,
        description: f.description,
        lang: f.lang,
        network: f.network,
        join_policy: f.join_policy,
        theme: f.theme,
    };
    let other = VariantDraft {
        lang: f.other_lang,
        name: f.other_name,
        description: f.other_description,
    };
    // A second language counts once it is chosen (or its name written).
    let chosen = !other.lang.is_empty() || !other.name.trim().is_empty();
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/groups/{id}")?;
    let db = &ctx.state.db;
    let made = groups::names::create(
        &actor,
        db,
        &draft,
        chosen.then_some(&other),
        ctx.locale.tag(),
        Some(&once),
    )
    .await;
    match made {
        Ok(id) => Ok(see_other(&ctx, &format!("/groups/{id}"))),
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            new_page(ctx, draft, other, errors).await
        }
    }
}

/// A resource linked to a group, titled in the reader's language.
pub struct ResourceLink {
    pub id: String,
    pub title: String,
}

pub(crate) fn resource_links(ctx: &Ctx, titles: &[LinkedTitle]) -> Vec<ResourceLink> {
    // The reader's language, then the closest (spona_domain::reading), then the first.
    let order = spona_domain::reading::reading_order(ctx.locale);
    let rank = |lang: &str| order.iter().position(|w| *w == lang).unwrap_or(usize::MAX);
    let mut out: Vec<(ResourceLink, usize)> = Vec::new();
    for t in titles {
        let title = spona_app::groups::notify::in_reader_script(ctx.locale, &t.title);
        match out.last_mut() {
            Some((last, best)) if last.id == t.resource_id => {
                if rank(&t.lang) < *best {
                    last.title = title;
                    *best = rank(&t.lang);
                }
            }
            _ => out.push((
                ResourceLink {
                    id: t.resource_id.clone(),
                    title,
                },
                rank(&t.lang),
            )),
        }
    }
    out.into_iter().map(|(l, _)| l).collect()
}

#[derive(Template)]
#[template(path = "groups/templates/group.html")]
struct GroupPage {
    ctx: Ctx,
    group: Group,
    role: Option<GroupRole>,
    takes_part: bool,
    coordinates: bool,
    policy: String,
    members: Vec<Member>,
    requests: Vec<Member>,
    resources: Vec<ResourceLink>,
    /// Upcoming events: id, title, when (in the reader's locale).
    events: Vec<(String, String, String)>,
    /// Each thread with how many of its posts are new to the reader.
    threads: Vec<(Thread, i64)>,
    unread: i64,
    /// The group's names in other languages (for coordinators' form) and the languages a
    /// variant may be added in.
    variants: Vec<NameVariant>,
    variant_langs: Vec<(&'static str, String)>,
    errors: FormErrors,
}

impl GroupPage {
    fn is_coordinator(&self, m: &Member) -> bool {
        m.role == GroupRole::Coordinator
    }
    fn handle(&self, m: &Member) -> String {
        spona_domain::groups::handle(&m.name)
    }
}

pub(crate) async fn group_page(
    ctx: Ctx,
    id: &str,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let mut p = groups::show(&actor, &ctx.state.db, id).await?;
    let variants = groups::names::of(&ctx.state.db, id).await?;
    let own_lang = p.access.group.lang.clone();
    groups::names::localize(ctx.locale, &mut p.access.group, &variants);
    let variant_langs = lang_options()
        .into_iter()
        .filter(|(l, _)| *l != own_lang)
        .collect();
    let (requests, members): (Vec<Member>, Vec<Member>) = p
        .members
        .into_iter()
        .partition(|m| m.role == GroupRole::Requested);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &GroupPage {
            policy: policy_label(&ctx, &p.access.group.join_policy),
            takes_part: p.access.takes_part(),
            coordinates: p.access.coordinates(),
            role: p.access.role,
            requests: if p.access.coordinates() {
                requests
            } else {
                Vec::new()
            },
            resources: resource_links(&ctx, &p.resources),
            events: p
                .events
                .iter()
                .map(|e| {
                    (
                        e.id.clone(),
                        spona_app::groups::notify::in_reader_script(ctx.locale, &e.title),
                        format!("{} ({})", e.starts_local.replace('T', " "), e.zone),
                    )
                })
                .collect(),
            group: p.access.group,
            members,
            unread: p.threads.iter().filter(|t| t.seen < t.post_count).count() as i64,
            threads: p
                .threads
                .into_iter()
                .map(|t| {
                    let new = t.post_count - t.seen;
                    (t, new)
                })
                .collect(),
            variants,
            variant_langs,
            errors,
            ctx,
        },
    ))
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    group_page(ctx, &id, FormErrors::new()).await
}

async fn join(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    groups::join(&ctx.actor(), &ctx.state.db, &id, ctx.locale.tag()).await?;
    Ok(see_other(&ctx, &format!("/groups/{id}")))
}

async fn leave(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    groups::leave(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(see_other(&ctx, &format!("/groups/{id}")))
}

#[derive(Deserialize, Default)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn add_member(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EmailForm>,
) -> Result<Response, AppError> {
    match groups::add_member(&ctx.actor(), &ctx.state.db, &id, &f.email).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/groups/{id}"))),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            group_page(ctx, &id, errors).await
        }
    }
}

#[derive(Deserialize, Default)]
struct ManageForm {
    #[serde(default)]
    act: String,
}

async fn manage(
    ctx: Ctx,
    Path((id, user_id)): Path<(String, String)>,
    Form(f): Form<ManageForm>,
) -> Result<Response, AppError> {
    groups::manage(&ctx.actor(), &ctx.state.db, &id, &user_id, &f.act).await?;
    Ok(see_other(&ctx, &format!("/groups/{id}")))
}

#[derive(Deserialize, Default)]
struct ResourceForm {
    #[serde(default)]
    resource: String,
}

async fn link_resource(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ResourceForm>,
) -> Result<Response, AppError> {
    // The resource's address or its id.
    let resource = f
        .resource
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    match groups::link_resource(&ctx.actor(), &ctx.state.db, &id, &resource).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/groups/{id}"))),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            group_page(ctx, &id, errors).await
        }
    }
}

async fn unlink_resource(
    ctx: Ctx,
    Path((id, resource_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    groups::unlink_resource(&ctx.actor(), &ctx.state.db, &id, &resource_id).await?;
    Ok(see_other(&ctx, &format!("/groups/{id}")))
}

#[derive(Template)]
#[template(path = "groups/templates/preferences.html")]
struct PreferencesPage {
    ctx: Ctx,
    groups: Vec<Preference>,
    choices: Vec<(&'static str, String)>,
}

async fn preferences(ctx: Ctx) -> Result<Response, AppError> {
    let groups = groups::preferences(&ctx.actor(), &ctx.state.db, ctx.locale).await?;
    let choices = MailChoice::ALL
        .iter()
        .map(|c| (c.as_str(), ctx.t(&format!("group-mail-{}", c.as_str()))))
        .collect();
    Ok(page(&PreferencesPage {
        ctx,
        groups,
        choices,
    }))
}

#[derive(Deserialize, Default)]
struct PreferenceForm {
    #[serde(default)]
    group: String,
    #[serde(default)]
    mail: String,
}

async fn save_preference(ctx: Ctx, Form(f): Form<PreferenceForm>) -> Result<Response, AppError> {
    groups::set_preference(
        &ctx.actor(),
        &ctx.state.db,
        &f.group,
        &f.mail,
        ctx.locale.tag(),
    )
    .await?;
    Ok(see_other(&ctx, "/groups/preferences"))
}
