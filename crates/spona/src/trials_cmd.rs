//! `spona trials export [--format csv|json] [--out FILE] [--org SLUG]` (lane montrial): the
//! public findings of trial monitoring — the rows of `/api/v1/trials/findings.csv` (or the
//! figures of `/api/v1/trials/findings` as JSON) — or, with `--org`, one row per case that
//! organisation monitors, the rows its members' `/api/v1/trials/cases.csv` gives. Codes,
//! counts, dates and outcomes only: no name and no sealed note is ever exported.

use std::io::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use spona_app::trials::export;

#[derive(Debug, Subcommand)]
pub enum TrialsCommand {
    /// Export the public findings, or with `--org` one organisation's per-case rows.
    Export {
        /// `csv` (the HTTP exports' rows) or `json`.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The cases this organisation (its slug) monitors, one row each, instead of the
        /// findings.
        #[arg(long)]
        org: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

/// Cases per batch: the export has no cap and holds one batch at a time.
const BATCH: i64 = 200;

pub async fn run(storage: &crate::cli::Storage, cmd: TrialsCommand) -> anyhow::Result<()> {
    let TrialsCommand::Export { format, out, org } = cmd;
    let db = storage.open().await?;
    let mut sink: Box<dyn Write> = match &out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("--out {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match org {
        None => {
            let figs = export::findings_figures(&db).await?;
            match format {
                Format::Csv => sink.write_all(export::findings_csv(&figs).as_bytes())?,
                Format::Json => {
                    let figures: Vec<serde_json::Value> = figs
                        .iter()
                        .map(|f| {
                            serde_json::json!({
                                "measure": f.measure,
                                "country": f.country,
                                "value": f.value,
                            })
                        })
                        .collect();
                    let doc = serde_json::json!({
                        "min_cases": spona_domain::trial::findings::MIN_CASES,
                        "figures": figures,
                    });
                    serde_json::to_writer_pretty(&mut sink, &doc)?;
                    sink.write_all(b"\n")?;
                }
            }
        }
        Some(slug) => {
            let o = match spona_store::orgs::get_by_slug(&db, &slug).await {
                Ok(o) => o,
                Err(spona_store::StoreError::NotFound) => {
                    anyhow::bail!("--org {slug}: no organisation has this slug")
                }
                Err(e) => return Err(e.into()),
            };
            let orgs = [o.id.to_string()];
            let mut after = String::new();
            let mut first = true;
            match format {
                Format::Csv => {
                    let mut head = String::from('\u{feff}');
                    export::line(&mut head, export::CASE_HEADER);
                    sink.write_all(head.as_bytes())?;
                }
                Format::Json => sink.write_all(b"[")?,
            }
            loop {
                let rows = export::rows_of(&db, &orgs, &after, BATCH).await?;
                for row in &rows {
                    match format {
                        Format::Csv => {
                            let mut line = String::new();
                            export::case_line(&mut line, row);
                            sink.write_all(line.as_bytes())?;
                        }
                        Format::Json => {
                            let values = export::case_values(row);
                            let obj: serde_json::Map<String, serde_json::Value> =
                                export::CASE_HEADER
                                    .iter()
                                    .zip(values)
                                    .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v)))
                                    .collect();
                            if !first {
                                sink.write_all(b",")?;
                            }
                            sink.write_all(b"\n")?;
                            serde_json::to_writer(&mut sink, &obj)?;
                        }
                    }
                    first = false;
                }
                match rows.last() {
                    Some(last) if rows.len() as i64 == BATCH => after = last.case.id.clone(),
                    _ => break,
                }
            }
            if format == Format::Json {
                sink.write_all(b"\n]\n")?;
            }
        }
    }
    sink.flush()?;
    Ok(())
}
