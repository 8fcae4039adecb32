//! Referring a person: the service chooser, then the form with only the fields the service
//! asks for (no consent box or radio pre-selected), and the create post.

use askama::Template;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_app::referrals::{self as uc, ReferralDraft, ServiceTarget};
use spona_domain::referral::{AGE_BANDS, CHANNELS, ConsentDraft, GENDERS};
use spona_store::referrals::Worker;

use super::{Names, base, vault};
use crate::http::forms::FormErrors;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

#[derive(Deserialize, Default)]
pub(super) struct NewQuery {
    #[serde(default)]
    service: String,
    #[serde(default)]
    intake: String,
}

/// The referral form's fields.
#[derive(Deserialize, Default, Clone)]
pub(super) struct ReferralForm {
    #[serde(default)]
    service: String,
    #[serde(default)]
    from_org: String,
    #[serde(default)]
    intake: String,
    #[serde(default, rename = "first-name")]
    first_name: String,
    #[serde(default, rename = "age-band")]
    age_band: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    needs: String,
    #[serde(default, rename = "contact-channel")]
    contact_channel: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    urgent: String,
    #[serde(default)]
    consent_share: Vec<String>,
    #[serde(default)]
    consent_purpose: String,
    #[serde(default)]
    consent_until: String,
    #[serde(default)]
    consent_how: String,
    #[serde(default)]
    consent_witness: String,
    #[serde(default)]
    consent_channel: String,
    #[serde(default)]
    override_reason: String,
    #[serde(default)]
    once: String,
}

impl ReferralForm {
    fn value(&self, field: &str) -> &str {
        match field {
            "first-name" => &self.first_name,
            "age-band" => &self.age_band,
            "gender" => &self.gender,
            "language" => &self.language,
            "nationality" => &self.nationality,
            "urgency" => &self.urgency,
            "needs" => &self.needs,
            _ => &self.contact_channel,
        }
    }

    fn draft(&self) -> ReferralDraft {
        let person = spona_domain::referral::FIELDS
            .iter()
            .map(|f| ((*f).to_owned(), self.value(f).to_owned()))
            .collect();
        let override_reason =
            Some(self.override_reason.trim().to_owned()).filter(|s| !s.is_empty());
        let consent_given = !self.consent_how.is_empty() || !self.consent_share.is_empty();
        ReferralDraft {
            from_org: self.from_org.clone(),
            person,
            reason: self.reason.clone(),
            urgent: self.urgent == "yes",
            consent: if consent_given || override_reason.is_none() {
                Some(ConsentDraft {
                    share: self.consent_share.clone(),
                    purpose: self.consent_purpose.clone(),
                    until: self.consent_until.clone(),
                    how: self.consent_how.clone(),
                    witness: self.consent_witness.clone(),
                    channel: self.consent_channel.clone(),
                })
            } else {
                None
            },
            override_reason,
            intake_id: Some(self.intake.clone()).filter(|s| !s.is_empty()),
        }
    }
}

/// The chooser's value for a partner deployment's service (issue 20).
fn remote_value(partner: &str, service: &str) -> String {
    format!("fed:{partner}:{service}")
}

/// The partner and service of a chooser value made by [`remote_value`].
fn parse_remote(v: &str) -> Option<(&str, &str)> {
    v.strip_prefix("fed:")?.split_once(':')
}

#[derive(Template)]
#[template(path = "referrals/templates/referral_form.html")]
struct FormPage {
    names: Names,
    ctx: Ctx,
    /// Services of other organisations that take referrals: (id, name, organisation).
    services: Vec<(String, String, String)>,
    target: Option<ServiceTarget>,
    service_name: String,
    roles: Vec<Worker>,
    form: ReferralForm,
    errors: FormErrors,
    message: Option<String>,
}

impl FormPage {
    fn asks(&self, field: &str) -> bool {
        self.target
            .as_ref()
            .is_some_and(|t| t.asks.iter().any(|a| a == field))
    }
    fn can_override(&self) -> bool {
        // A referral to a partner deployment travels only with the person's consent.
        !self.form.service.starts_with("fed:")
            && (self
                .roles
                .iter()
                .any(|w| w.org_id == self.form.from_org && w.may_override)
                || (self.form.from_org.is_empty() && self.roles.iter().any(|w| w.may_override)))
    }
    fn org(&self, id: &str) -> String {
        self.names.of(id)
    }
    fn shares(&self, f: &str) -> bool {
        self.form.consent_share.iter().any(|x| x == f)
    }
    fn field_label(&self, f: &str) -> String {
        self.ctx.t(&format!("ref-field-{f}"))
    }
    fn asked(&self) -> Vec<&'static str> {
        spona_domain::referral::FIELDS
            .iter()
            .copied()
            .filter(|f| self.asks(f))
            .collect()
    }
    fn age_bands(&self) -> Vec<&'static str> {
        AGE_BANDS.to_vec()
    }
    fn genders(&self) -> Vec<&'static str> {
        GENDERS.to_vec()
    }
    fn channels(&self) -> Vec<&'static str> {
        CHANNELS.to_vec()
    }
    fn nationalities(&self) -> Vec<&'static str> {
        spona_domain::service::NATIONALITY_STATUSES.codes.to_vec()
    }
}

async fn form_page(
    ctx: Ctx,
    form: ReferralForm,
    errors: FormErrors,
    message: Option<String>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let roles = uc::roles(&actor, db).await?;
    if roles.is_empty() {
        return Err(AppError::NotFound);
    }
    let mine: Vec<&str> = roles.iter().map(|w| w.org_id.as_str()).collect();
    let all = spona_store::services::load(db, spona_store::services::Scope::Published).await?;
    let langs = [ctx.locale.tag(), "en"];
    let names = Names::load(&ctx).await?;
    let mut services: Vec<(String, String, String)> = all
        .iter()
        .filter(|s| !mine.contains(&s.org_id.as_str()))
        .map(|s| {
            (
                s.id.to_string(),
                s.name(&langs).to_owned(),
                names.of(s.org_id.as_str()),
            )
        })
        .collect();
    // Services of partner deployments' organisations (issue 20): `fed:<partner>:<service>`.
    let remote = spona_app::federation::referrals::services(&actor, db).await?;
    services.extend(remote.iter().map(|(_, s)| {
        (
            remote_value(&s.partner_id, &s.service_id),
            s.name.clone(),
            format!(
                "{} ({}, {})",
                s.org_name,
                s.partner_name,
                ctx.t("fedref-partner")
            ),
        )
    }));
    let (target, service_name) = match form.service.as_str() {
        "" => (None, String::new()),
        v if v.starts_with("fed:") => match remote
            .iter()
            .find(|(_, s)| remote_value(&s.partner_id, &s.service_id) == v)
        {
            Some((_, s)) => (
                Some(ServiceTarget {
                    id: v.to_owned(),
                    org_id: s.org_id.clone(),
                    kind: s.kind.clone(),
                    open: true,
                    full: false,
                    asks: s.asks(),
                }),
                s.name.clone(),
            ),
            None => return Err(AppError::NotFound),
        },
        id => match all.iter().find(|s| s.id.as_str() == id) {
            Some(s) => (Some(ServiceTarget::of(s)), s.name(&langs).to_owned()),
            None => return Err(AppError::NotFound),
        },
    };
    let status = if errors.is_empty() && message.is_none() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &FormPage {
            names,
            services,
            target,
            service_name,
            roles,
            form,
            errors,
            message,
            ctx,
        },
    ))
}

pub(super) async fn new_form(ctx: Ctx, Query(q): Query<NewQuery>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let roles = uc::roles(&ctx.actor(), &ctx.state.db).await?;
    let form = ReferralForm {
        service: q.service,
        intake: q.intake,
        from_org: roles.first().map(|w| w.org_id.clone()).unwrap_or_default(),
        ..Default::default()
    };
    form_page(ctx, form, FormErrors::new(), None).await
}

pub(super) async fn create(ctx: Ctx, Form(f): Form<ReferralForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    if let Some((partner, service)) = parse_remote(&f.service) {
        let draft = f.draft();
        let remote = spona_app::federation::referrals::RemoteDraft {
            from_org: draft.from_org,
            person: draft.person,
            reason: draft.reason,
            urgent: draft.urgent,
            consent: draft.consent.unwrap_or_default(),
        };
        let made = spona_app::federation::referrals::refer(
            &actor,
            &ctx.state.db,
            &ctx.state.federation,
            partner,
            service,
            &remote,
        )
        .await;
        return match made {
            Ok(id) => Ok(see_other(&ctx, &format!("/federation/referrals/{id}"))),
            Err(spona_app::Error::Invalid(list)) => {
                let errors = FormErrors::from_invalid(&ctx, &list);
                form_page(ctx, f, errors, None).await
            }
            Err(spona_app::Error::Conflict(key) | spona_app::Error::Refused(key)) => {
                let msg = ctx.t(key);
                form_page(ctx, f, FormErrors::new(), Some(msg)).await
            }
            Err(e) => Err(e.into()),
        };
    }
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/referrals/{id}")?;
    let made = uc::create(
        &actor,
        &ctx.state.db,
        vault(&ctx)?,
        &f.service,
        &f.draft(),
        Some(&once),
        &base(&ctx),
    )
    .await;
    match made {
        Ok(id) => Ok(see_other(&ctx, &format!("/referrals/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            form_page(ctx, f, errors, None).await
        }
        Err(spona_app::Error::Conflict(key) | spona_app::Error::Refused(key)) => {
            let msg = ctx.t(key);
            form_page(ctx, f, FormErrors::new(), Some(msg)).await
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}
