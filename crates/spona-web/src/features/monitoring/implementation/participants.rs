//! The participants page (`/monitoring/participants`): platform admins add an
//! organisation by its slug and remove one. Every POST answers 303, or shows the form
//! again with 422.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query};
use axum::response::Response;
use serde::Deserialize;
use spona_app::Error;
use spona_app::monitoring::implementation::participants::{self, Participant};

use super::Done;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/participants", page)
        .post("/monitoring/participants", add)
        .post_from(
            "/monitoring/participants/{org}/remove",
            remove,
            "/monitoring/participants",
        )
}

#[derive(Template)]
#[template(path = "monitoring/templates/imp_participants.html")]
struct Page {
    ctx: Ctx,
    participants: Vec<Participant>,
    /// (slug, name) of organisations not taking part.
    others: Vec<(String, String)>,
    chosen: String,
    errors: FormErrors,
    done: Option<&'static str>,
}

async fn show(
    ctx: Ctx,
    errors: FormErrors,
    chosen: String,
    done: &str,
) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let participants = participants::list(&ctx.state.db).await?;
    let others = spona_store::orgs::all_names(&ctx.state.db)
        .await?
        .into_iter()
        .filter(|(id, _, _)| !participants.iter().any(|p| p.org_id == *id))
        .map(|(_, slug, name)| (slug, name))
        .collect();
    let done = match done {
        "added" => Some("mon-imp-done-participant-added"),
        "removed" => Some("mon-imp-done-participant-removed"),
        _ => None,
    };
    let status = form_status(&errors);
    Ok(render(
        status,
        &Page {
            ctx,
            participants,
            others,
            chosen,
            errors,
            done,
        },
    ))
}

async fn page(ctx: Ctx, Query(q): Query<Done>) -> Result<Response, AppError> {
    show(ctx, FormErrors::new(), String::new(), &q.done).await
}

#[derive(Deserialize, Default)]
struct AddForm {
    #[serde(default)]
    org: String,
}

async fn add(ctx: Ctx, Form(f): Form<AddForm>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    match participants::add(&ctx.actor(), &ctx.state.db, &f.org).await {
        Ok(_) => Ok(see_other(&ctx, "/monitoring/participants?done=added")),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            show(ctx, errors, f.org, "").await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove(ctx: Ctx, Path(org): Path<String>) -> Result<Response, AppError> {
    participants::remove(&ctx.actor(), &ctx.state.db, &org).await?;
    Ok(see_other(&ctx, "/monitoring/participants?done=removed"))
}
