//! `spona monitoring import FILE [--layout uhri|upr-info] [--dry-run]`: recommendations from a
//! CSV or XLSX file of any size (the upload form takes up to 32 MB), all rows in one
//! transaction, or with `--dry-run` only what the import would do.

use std::path::PathBuf;

use clap::Subcommand;
use spona_app::monitoring::import::{self, FileProblem, HeaderError, ImportError, Layout, Summary};

#[derive(Debug, Subcommand)]
pub enum MonitoringCommand {
    /// Import recommendations (UHRI export or UPR Info layout; CSV in UTF-8, Windows-1250 or
    /// Windows-1251, or XLSX). Matched by mechanism, symbol and paragraph: a second import of
    /// the same file changes nothing. Nothing is written unless every row is good.
    Import {
        /// The CSV or XLSX file.
        file: PathBuf,
        /// `uhri` or `upr-info`; recognised from the header row when not given.
        #[arg(long)]
        layout: Option<String>,
        /// Only say what the import would do.
        #[arg(long)]
        dry_run: bool,
    },
    #[command(flatten)]
    Verify(crate::monitoring_verify_cmd::MonitoringCommand),
}

fn problem(p: &FileProblem) -> String {
    match p {
        FileProblem::Read(import::ReadError::Unreadable(why)) => {
            format!("the file cannot be read: {why}")
        }
        FileProblem::Read(import::ReadError::NotUtf8 { row }) => {
            format!("row {row} is not UTF-8 although the file starts as UTF-8")
        }
        FileProblem::Read(import::ReadError::Empty) => "the file is empty".to_owned(),
        FileProblem::Header(HeaderError::Unknown {
            uhri_missing,
            upr_info_missing,
        }) => format!(
            "the columns are not those of a known layout (the UHRI export would also need: {}; UPR Info: {})",
            uhri_missing.join(", "),
            upr_info_missing.join(", ")
        ),
        FileProblem::Header(HeaderError::Missing(l, cols)) => {
            format!(
                "the file lacks columns of the {} layout: {}",
                l.as_str(),
                cols.join(", ")
            )
        }
        FileProblem::Row(e) => format!(
            "row {}, column \"{}\": {} {}",
            e.row, e.column, e.key, e.value
        ),
    }
}

fn report(s: &Summary, dry_run: bool) -> String {
    let how = match (s.format, s.layout) {
        (Some(f), Some(l)) => format!("{} · {}", f.describe(), l.as_str()),
        _ => String::new(),
    };
    format!(
        "{}{how}: {} created, {} updated, {} unchanged, {} skipped (duplicates)",
        if dry_run {
            "dry run, nothing written · "
        } else {
            ""
        },
        s.created,
        s.updated,
        s.unchanged,
        s.skipped
    )
}

pub async fn run(storage: &crate::cli::Storage, cmd: MonitoringCommand) -> anyhow::Result<()> {
    let (file, layout, dry_run) = match cmd {
        MonitoringCommand::Import {
            file,
            layout,
            dry_run,
        } => (file, layout, dry_run),
        MonitoringCommand::Verify(v) => return crate::monitoring_verify_cmd::run(storage, v).await,
    };
    let layout = match layout.as_deref() {
        None => None,
        Some(l) => Some(
            Layout::parse(l)
                .ok_or_else(|| anyhow::anyhow!("--layout {l}: use uhri or upr-info"))?,
        ),
    };
    let db = storage.open().await?;
    let started = std::time::Instant::now();
    let summary = if dry_run {
        let s = import::preview_from_command_line(&db, &file, layout).await?;
        if let Some(p) = &s.file_problem {
            anyhow::bail!("{}: {}", file.display(), problem(p));
        }
        for e in &s.errors {
            eprintln!("{}", problem(&FileProblem::Row(e.clone())));
        }
        if s.error_count > 0 {
            anyhow::bail!(
                "{} rows with errors: nothing would be imported",
                s.error_count
            );
        }
        s
    } else {
        match import::apply_from_command_line(&db, &file, layout).await {
            Ok(s) => s,
            Err(ImportError::File(p)) => {
                anyhow::bail!("{}: {} (nothing was imported)", file.display(), problem(&p))
            }
            Err(ImportError::App(e)) => return Err(e.into()),
        }
    };
    println!(
        "{} in {:.1} s",
        report(&summary, dry_run),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
