//! The line a public page of a logged object shows: its newest entry in the public log
//! (issue 24), linked to the log's page and to the entry's inclusion proof. Shared by the
//! pages of organisations and joint texts (`publog/templates/entry_line.html`).

/// One entry as a public page shows it: "public log: entry N, what, when", linked to its
/// proof.
#[derive(Debug, Clone)]
pub struct EntryLine {
    pub seq: i64,
    pub label: String,
}

/// The newest entry about an object, for its public page (none when the log is unreadable:
/// the page still shows).
pub async fn entry_line(ctx: &crate::Ctx, kind: &str, object: &str) -> Option<EntryLine> {
    let rows = spona_app::publog::of_object(&ctx.state.db, kind, object)
        .await
        .map_err(|e| tracing::warn!(error = %e, "reading the public log"))
        .ok()?;
    rows.last().map(|r| {
        let time = spona_store::publog::rfc3339(r.at);
        EntryLine {
            seq: r.seq,
            label: ctx.ta(
                "tlog-on-page",
                &[
                    ("seq", spona_i18n::Arg::Num(r.seq)),
                    ("action", spona_i18n::Arg::Str(&r.action)),
                    ("time", spona_i18n::Arg::Str(&time)),
                ],
            ),
        }
    })
}
