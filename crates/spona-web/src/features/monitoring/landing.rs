//! The way into monitoring (`/monitoring`): what each part is for, with a link to it —
//! recommendations, the public dashboard, measures, shadow reports and trial monitoring.
//! Public; the report form is marked as being for members of participating organisations.

use askama::Template;
use axum::response::Response;

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring", landing)
}

/// One part: its address, its name's and its description's message ids.
struct Part {
    path: &'static str,
    key: &'static str,
}

const PARTS: [Part; 5] = [
    Part {
        path: "/monitoring/recommendations",
        key: "recommendations",
    },
    Part {
        path: "/monitoring/dashboard",
        key: "dashboard",
    },
    Part {
        path: "/monitoring/measures",
        key: "measures",
    },
    Part {
        path: "/monitoring/reports/new",
        key: "reports",
    },
    Part {
        path: "/monitoring/trials",
        key: "trials",
    },
];

#[derive(Template)]
#[template(path = "monitoring/templates/rep_landing.html")]
struct Landing {
    ctx: Ctx,
    /// (address, name, description)
    parts: Vec<(String, String, String)>,
}

async fn landing(ctx: Ctx) -> Result<Response, AppError> {
    let parts = PARTS
        .iter()
        .map(|p| {
            (
                ctx.href(p.path),
                ctx.t(&format!("mon-rep-home-{}", p.key)),
                ctx.t(&format!("mon-rep-home-{}-about", p.key)),
            )
        })
        .collect();
    Ok(page(&Landing { parts, ctx }))
}
