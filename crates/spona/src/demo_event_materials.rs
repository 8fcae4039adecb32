//! Demo materials of events: every past demo event with a report gets the report as a small
//! PDF among its materials from after the event, written here (no file ships with Spona)
//! and stored through the attachment store like an upload.

use spona_store::events::{self, Filter, Material};
use spona_store::quota::{Charge, Scope};

/// Adds the report PDF to past events with a report and no materials yet.
pub async fn load_if_empty(state: &spona_web::AppState) -> anyhow::Result<()> {
    let db = &state.db;
    let now = spona_store::now();
    let past = events::list(
        db,
        &Filter {
            ended_before: Some(now),
            ..Default::default()
        },
    )
    .await?;
    let mut added = 0;
    for e in past.iter().filter(|e| !e.report.is_empty()) {
        if !events::materials(db, &e.id).await?.is_empty() {
            continue;
        }
        let organisers = events::organisers(db, Some(std::slice::from_ref(&e.id))).await?;
        let Some(first) = organisers.first() else {
            continue;
        };
        let date = e.starts_local.get(..10).unwrap_or_default();
        let bytes = small_pdf(&[&e.title, date, "", &e.report]);
        let filename = format!("report-{date}.pdf");
        let stored = state
            .attachments
            .put(&filename, &bytes)
            .await
            .map_err(|err| anyhow::anyhow!("demo material {filename}: {err}"))?;
        let m = Material {
            id: spona_store::new_id(),
            event_id: e.id.clone(),
            phase: "after".into(),
            filename,
            media_type: stored.media_type.to_owned(),
            size: stored.size as i64,
            sha256: stored.sha256,
            active_content: stored.active_content,
            created_at: now,
        };
        // Counted like an upload, against a limit the demo never reaches.
        let charge = Charge {
            bytes: m.size,
            scopes: vec![Scope::hub_org(&first.org_id, u64::MAX)],
            object_id: Some(m.id.clone()),
        };
        let mut tx = db.begin().await?;
        events::add_material_in(&mut tx, &m, &e.created_by, &charge).await?;
        tx.commit().await?;
        added += 1;
    }
    if added > 0 {
        tracing::info!(materials = added, "demo event materials loaded");
    }
    Ok(())
}

/// A one-page PDF showing `lines` in Helvetica (ASCII kept, anything else shown as `?`;
/// long lines wrapped at 80 characters).
pub fn small_pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 12 Tf 72 760 Td 16 TL\n");
    for line in lines {
        let ascii: String = line
            .chars()
            .map(|c| match c {
                '(' | ')' | '\\' => ' ',
                c if c.is_ascii() && !c.is_ascii_control() => c,
                _ => '?',
            })
            .collect();
        let words: Vec<&str> = ascii.split(' ').collect();
        let mut row = String::new();
        for w in words {
            if row.len() + w.len() + 1 > 80 && !row.is_empty() {
                text.push_str(&format!("({row}) '\n"));
                row.clear();
            }
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(w);
        }
        text.push_str(&format!("({row}) '\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
