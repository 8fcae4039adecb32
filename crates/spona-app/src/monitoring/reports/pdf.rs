//! PDF through LibreOffice when the machine has it: the ODT is converted by
//! `soffice --headless --convert-to pdf`, found on `PATH` once. Without it the PDF option is
//! not offered. Conversions run one at a time (each starts an office process), each in a
//! scratch directory of its own with its own office profile, and are stopped after
//! [`TIMEOUT`].

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The longest a conversion may take.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The converter's path, if `soffice` or `libreoffice` is on `PATH`.
pub fn converter() -> Option<&'static Path> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path).find_map(|dir| {
                ["soffice", "libreoffice"]
                    .iter()
                    .map(|name| dir.join(name))
                    .find(|p| p.is_file())
            })
        })
        .as_deref()
}

/// Converts an ODT file's bytes into PDF bytes.
pub async fn from_odt(odt: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    let Some(soffice) = converter() else {
        bail!("no PDF converter on this machine");
    };
    let soffice = soffice.to_path_buf();
    tokio::task::spawn_blocking(move || convert(&soffice, &odt))
        .await
        .context("PDF conversion task")?
}

fn convert(soffice: &Path, odt: &[u8]) -> anyhow::Result<Vec<u8>> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().context("scratch directory")?;
    let input = dir.path().join("report.odt");
    std::fs::write(&input, odt).context("writing the ODT")?;
    let profile = url::Url::from_directory_path(dir.path().join("profile"))
        .map_err(|()| anyhow::anyhow!("profile path"))?;
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the PDF converter")?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!("the PDF converter took longer than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if !status.success() {
        bail!("the PDF converter failed: {status}");
    }
    let pdf = std::fs::read(dir.path().join("report.pdf")).context("reading the PDF")?;
    if !pdf.starts_with(b"%PDF") {
        bail!("the converter's output is not a PDF");
    }
    Ok(pdf)
}
