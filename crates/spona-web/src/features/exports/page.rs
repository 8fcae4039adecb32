//! The `/exports` page: every data set with its formats and the rows to expect.

use askama::Template;
use axum::response::Response;
use spona_app::exports::{DataSet, Format, Viewer};

use crate::http::view::page;
use crate::{AppError, Ctx};

/// A data set as the page lists it.
pub(super) struct Listed {
    pub name: &'static str,
    pub rows: i64,
    /// The CSV's estimated size in bytes.
    pub bytes: u64,
    /// `(label, address)` of each download.
    pub links: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "exports/templates/exports.html")]
struct ExportsPage {
    ctx: Ctx,
    sets: Vec<Listed>,
}

impl ExportsPage {
    fn title(&self, set: &Listed) -> String {
        self.ctx
            .t(&format!("{}-set-{}", strings_of(set.name), set.name))
    }
    fn about(&self, set: &Listed) -> String {
        self.ctx
            .t(&format!("{}-set-{}-about", strings_of(set.name), set.name))
    }
    fn rows(&self, set: &Listed) -> String {
        self.ctx.tn("exp-rows", &set.rows)
    }
    /// "About 56 MB as CSV": the estimate in the reader's units.
    fn size(&self, set: &Listed) -> String {
        let (n, unit) = human_size(set.bytes);
        let n = n.replace('.', self.ctx.t("xp-decimal").trim());
        self.ctx.ta(
            &format!("xp-size-{unit}"),
            &[("size", spona_i18n::Arg::Str(&n))],
        )
    }
    fn link_label(&self, label: &str, set: &Listed) -> String {
        format!("{label} — {}", self.title(set))
    }
}

/// The prefix of a data set's strings: `exp-` for the first five, `xp-` for those added
/// later (lane exp24).
fn strings_of(set: &str) -> &'static str {
    match set {
        "recommendations" | "assessments" | "services" => "xp",
        _ => "exp",
    }
}

pub(super) async fn exports_page(ctx: Ctx) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let viewer = Viewer::of(db, &ctx.actor()).await?;
    let mut sets = Vec::new();
    for set in DataSet::ALL {
        let (rows, bytes) = set.estimate(&viewer, db).await?;
        let base = ctx.href(&format!("/api/v1/exports/{}", set.name()));
        let mut links = Vec::new();
        for f in Format::ALL {
            let ext = f.extension();
            links.push((ctx.t(&format!("exp-format-{ext}")), format!("{base}.{ext}")));
            if f == Format::Csv {
                links.push((ctx.t("exp-format-csv-bom"), format!("{base}.csv?bom=1")));
            }
        }
        sets.push(Listed {
            name: set.name(),
            rows,
            bytes,
            links,
        });
    }
    Ok(page(&ExportsPage { ctx, sets }))
}

/// A size rounded for reading: (number, unit code `b`, `kb`, `mb` or `gb`), one decimal
/// below ten.
pub(super) fn human_size(bytes: u64) -> (String, &'static str) {
    const UNITS: [(&str, f64); 3] = [("gb", 1e9), ("mb", 1e6), ("kb", 1e3)];
    for (unit, size) in UNITS {
        let v = bytes as f64 / size;
        if v >= 1.0 {
            let n = if v < 10.0 {
                format!("{:.1}", v)
            } else {
                format!("{:.0}", v)
            };
            return (n, unit);
        }
    }
    (bytes.to_string(), "b")
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_are_rounded_to_their_unit() {
        assert_eq!(human_size(0), ("0".into(), "b"));
        assert_eq!(human_size(999), ("999".into(), "b"));
        assert_eq!(human_size(1_500), ("1.5".into(), "kb"));
        assert_eq!(human_size(56_000_000), ("56".into(), "mb"));
        assert_eq!(human_size(2_340_000_000), ("2.3".into(), "gb"));
    }
}
