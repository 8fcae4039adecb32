//! Images Spona draws for a quiz: the shareable result card (an SVG naming the quiz and a
//! score, the same for everyone with that score: no session, no tracking) and a channel's
//! QR code (SVG from the `qrcode` crate), both with `Content-Type: image/svg+xml` and a
//! restrictive CSP of their own.

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::view;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/q/{slug}/card.svg", card)
        .get("/quizzes/{id}/channels/{code}/qr.svg", qr)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn svg(body: String) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    r
}

#[derive(Deserialize)]
struct Score {
    right: u32,
    of: u32,
}

/// The card: the quiz's title, the score, and the campaign's short address.
pub fn card_svg(title: &str, score: &str, address: &str, caption: &str) -> String {
    let title: String = title.chars().take(60).collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 315\" width=\"600\" \
         height=\"315\" role=\"img\" aria-labelledby=\"t\"><title id=\"t\">{t} — {c} {s}</title>\
         <rect width=\"600\" height=\"315\" fill=\"#1d4e89\"/>\
         <text x=\"40\" y=\"80\" font-family=\"sans-serif\" font-size=\"28\" fill=\"#ffffff\">{t}</text>\
         <text x=\"40\" y=\"150\" font-family=\"sans-serif\" font-size=\"22\" fill=\"#ffffff\">{c}</text>\
         <text x=\"40\" y=\"225\" font-family=\"sans-serif\" font-size=\"64\" font-weight=\"bold\" fill=\"#ffffff\">{s}</text>\
         <text x=\"40\" y=\"285\" font-family=\"sans-serif\" font-size=\"20\" fill=\"#dbe7f5\">{a}</text></svg>",
        t = esc(&title),
        c = esc(caption),
        s = esc(score),
        a = esc(address),
    )
}

async fn card(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<Score>,
) -> Result<Response, AppError> {
    let p = spona_app::quizzes::take::public(&ctx.state.db, &slug).await?;
    if q.of == 0 || q.right > q.of || q.of as usize > p.doc.questions.len() {
        return Err(AppError::BadRequest("qz-err-score"));
    }
    let title = view::text(&ctx, &p.doc.title);
    let address = format!(
        "{}/q/{slug}",
        ctx.state.config.public_url.trim_end_matches('/')
    );
    let body = card_svg(
        &title,
        &format!("{} / {}", q.right, q.of),
        &address,
        &ctx.t("qz-card-caption"),
    );
    let mut r = svg(body);
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(r)
}

/// A QR code of a channel's link, for coordinators to print.
async fn qr(ctx: Ctx, Path((id, code)): Path<(String, String)>) -> Result<Response, AppError> {
    let v = spona_app::quizzes::author::view(&ctx.actor(), &ctx.state.db, &id).await?;
    if !v.channels.iter().any(|c| c.code == code) {
        return Err(AppError::NotFound);
    }
    let link = format!(
        "{}{}",
        ctx.state.config.public_url.trim_end_matches('/'),
        view::quiz_path(&v.campaign.slug, Some(&code))
    );
    let qr = qrcode::QrCode::new(link.as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("qr code: {e}")))?;
    let image = qr
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .build();
    Ok(svg(image))
}
