//! Signing a text's current finals for an organisation (its admins only, the second factor
//! asked again when they have one) and withdrawing that signature.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::texts::{self as uc, TextView};
use spona_i18n::Arg;

use super::text_href;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/texts/{id}/sign", sign_form)
        .post("/texts/{id}/sign", sign)
        .post_from(
            "/texts/{id}/signatures/{signature}/withdraw",
            withdraw,
            "/texts/{id}",
        )
}

#[derive(Debug, Default, Deserialize)]
pub struct SignForm {
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub code: String,
}

#[derive(Template)]
#[template(path = "texts/templates/sign.html")]
struct SignPage {
    ctx: Ctx,
    v: TextView,
    org: String,
    errors: FormErrors,
}

impl SignPage {
    /// The organisations the reader may sign for `(slug, name)`.
    fn orgs(&self) -> Vec<(String, String)> {
        self.ctx
            .managed_orgs()
            .into_iter()
            .map(|m| (m.org_slug, m.org_name))
            .collect()
    }
    fn totp(&self) -> bool {
        self.ctx
            .user
            .as_ref()
            .is_some_and(|u| u.user.totp_secret.is_some())
    }
    fn title(&self) -> String {
        self.v
            .finals()
            .first()
            .map(|v| v.title.clone())
            .unwrap_or_default()
    }
    fn back(&self) -> String {
        self.ctx.href(&text_href(&self.v.text.id))
    }
    fn covers(&self) -> String {
        self.v
            .edition
            .as_ref()
            .map(|e| {
                self.ctx.ta(
                    "jt-sign-covers",
                    &[
                        ("version", Arg::Num(e.version)),
                        ("hash", Arg::Str(&e.sha256)),
                    ],
                )
            })
            .unwrap_or_default()
    }
}

async fn sign_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    sign_page(ctx, &id, String::new(), FormErrors::new()).await
}

async fn sign_page(
    ctx: Ctx,
    id: &str,
    org: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let v = uc::load_public(&ctx.actor(), &ctx.state.db, id).await?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        form_status(&errors)
    };
    Ok(render(
        status,
        &SignPage {
            v,
            org,
            errors,
            ctx,
        },
    ))
}

async fn sign(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<SignForm>,
) -> Result<Response, AppError> {
    // Who asks is known before the deployment's keys are opened.
    ctx.require_user()?;
    let keys = ctx.state.federation.keys(&ctx.state.db).await?;
    let done = uc::sign(
        &ctx.actor(),
        &ctx.state.db,
        &keys.signing,
        &id,
        &f.org,
        &f.code,
    )
    .await;
    match done {
        Ok(_) => Ok(see_other(&ctx, &format!("{}#signatories", text_href(&id)))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            sign_page(ctx, &id, f.org, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn withdraw(
    ctx: Ctx,
    Path((id, signature)): Path<(String, String)>,
) -> Result<Response, AppError> {
    uc::withdraw(&ctx.actor(), &ctx.state.db, &id, &signature).await?;
    Ok(see_other(&ctx, &format!("{}#signatories", text_href(&id))))
}
