//! `spona log …`: the public log (issue 24) from the command line.
//!
//! - `verify URL [--key FILE | --key-text KEY] [--state FILE] [--object URL …]`: a witness.
//!   Fetches the checkpoint, checks its signature against the pinned key, checks that it
//!   extends the checkpoint seen last time (kept in the state file) with a consistency
//!   proof, and that each named public page's newest entry is in the signed tree. A
//!   checkpoint signed by another key, a log that shrank, a fork and a missing entry each
//!   fail with a message naming it.
//! - `check`: this deployment's tables recomputed from the entries (leaves, stored nodes,
//!   checkpoints).
//! - `append-test` (hidden): appends entries with an audit row each, one transaction per
//!   pair, until killed — the crash test's writer.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};
use spona_tlog::merkle::{Hash, verify_consistency, verify_inclusion};
use spona_tlog::note::NoteError;
use spona_tlog::{Checkpoint, Entry, VerifierKey};

use crate::cli::Storage;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Witness a deployment's public log: signature, consistency with the last checkpoint
    /// seen, and inclusion of the pages named.
    Verify(VerifyArgs),
    /// Recompute this deployment's log tables from its entries and report the first
    /// discrepancy.
    Check,
    /// Append test entries until killed (the crash test's writer).
    #[command(hide = true)]
    AppendTest {
        #[arg(long, default_value_t = u64::MAX)]
        count: u64,
    },
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The deployment's address, e.g. https://spona.example
    pub url: String,
    /// A file holding the log's verifier key (`origin+hash+base64`, as `/log/key` shows).
    #[arg(long, conflicts_with = "key_text")]
    pub key: Option<PathBuf>,
    /// The verifier key itself.
    #[arg(long)]
    pub key_text: Option<String>,
    /// Where to keep the last checkpoint seen (JSON); created on the first run.
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// A public page (`…/orgs/{slug}`, `…/texts/{id}`) whose newest entry must be in the
    /// signed tree.
    #[arg(long = "object")]
    pub objects: Vec<String>,
}

pub async fn run(storage: &Storage, cmd: LogCommand) -> anyhow::Result<()> {
    match cmd {
        LogCommand::Verify(args) => verify(args).await,
        LogCommand::Check => {
            let db = storage.open().await?;
            match spona_store::publog::check(&db).await? {
                None => {
                    let n = spona_store::publog::size(&db).await?;
                    println!(
                        "public log consistent: {n} entries, every leaf, node and checkpoint recomputed"
                    );
                    Ok(())
                }
                Some(problem) => bail!("public log inconsistent: {problem}"),
            }
        }
        LogCommand::AppendTest { count } => append_test(storage, count).await,
    }
}

async fn append_test(storage: &Storage, count: u64) -> anyhow::Result<()> {
    let db = storage.open().await?;
    for i in 0..count {
        let mut tx = db.begin().await?;
        let object = format!("crash-{i}");
        spona_store::audit::record_in(
            &mut tx,
            spona_store::audit::Event {
                actor_id: None,
                action: "publog.test",
                target_kind: "test",
                target_id: &object,
                detail: String::new(),
            },
        )
        .await?;
        let version = spona_app::publog::version_of(object.as_bytes());
        spona_app::publog::record_in(&mut tx, "test", &object, "published", &version).await?;
        tx.commit().await?;
        if i % 100 == 0 {
            println!("{i}");
        }
    }
    Ok(())
}

/// What a witness remembers between runs.
#[derive(Debug, Serialize, Deserialize)]
struct WitnessState {
    key: String,
    size: u64,
    /// Hex.
    root: String,
    checkpoint: String,
}

fn hex32(s: &str, what: &str) -> anyhow::Result<Hash> {
    let mut h = [0u8; 32];
    hex::decode_to_slice(s, &mut h).with_context(|| format!("{what} is not a hex SHA-256"))?;
    Ok(h)
}

fn read_state(path: &Path) -> anyhow::Result<Option<WitnessState>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(serde_json::from_str(&text).with_context(|| {
            format!("the state file {} is not a witness state", path.display())
        })?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn write_state(path: &Path, s: &WitnessState) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_string_pretty(s)?)
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

struct Remote {
    base: String,
    http: reqwest::Client,
}

impl Remote {
    async fn get(&self, path: &str) -> anyhow::Result<String> {
        let url = format!("{}{path}", self.base);
        let r = self
            .http
            .get(&url)
            .send()
            .await
            .with_context(|| format!("GET {url}"))?;
        let status = r.status();
        let body = r.text().await.with_context(|| format!("GET {url}"))?;
        if !status.is_success() {
            bail!("GET {url} answered {status}: {}", body.trim());
        }
        Ok(body)
    }

    async fn json(&self, path: &str) -> anyhow::Result<serde_json::Value> {
        let body = self.get(path).await?;
        serde_json::from_str(&body).with_context(|| format!("{path} did not answer JSON"))
    }
}

fn str_field<'a>(v: &'a serde_json::Value, name: &str) -> anyhow::Result<&'a str> {
    v[name]
        .as_str()
        .ok_or_else(|| anyhow!("the answer lacks `{name}`"))
}

fn hashes(v: &serde_json::Value) -> anyhow::Result<Vec<Hash>> {
    v.as_array()
        .ok_or_else(|| anyhow!("the proof is not a list"))?
        .iter()
        .map(|h| hex32(h.as_str().unwrap_or_default(), "a proof hash"))
        .collect()
}

async fn verify(args: VerifyArgs) -> anyhow::Result<()> {
    let state = match &args.state {
        Some(p) => read_state(p)?,
        None => None,
    };
    let key_text = match (&args.key, &args.key_text, &state) {
        (Some(file), _, _) => std::fs::read_to_string(file)
            .with_context(|| format!("reading the key file {}", file.display()))?,
        (None, Some(text), _) => text.clone(),
        (None, None, Some(s)) => s.key.clone(),
        (None, None, None) => bail!(
            "pin the log's verifier key with --key FILE or --key-text KEY (the deployment shows it at /log/key; check it out of band)"
        ),
    };
    let key = VerifierKey::parse(&key_text).context("the pinned verifier key")?;
    if let Some(s) = &state
        && s.key.trim() != key.to_string()
    {
        bail!(
            "the state file was kept for the key {}, not {key}; use another state file",
            s.key.trim()
        );
    }
    spona_web::install_tls_provider();
    let remote = Remote {
        base: args.url.trim_end_matches('/').to_owned(),
        http: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()?,
    };
    let note = remote.get("/log/checkpoint").await?;
    let cp = match Checkpoint::open(&note, &key) {
        Ok(cp) => cp,
        Err(e @ NoteError::UnknownKey { .. }) => {
            bail!("WRONG KEY: {e}")
        }
        Err(e @ NoteError::BadSignature(_)) => bail!("FORGED CHECKPOINT: {e}"),
        Err(e) => return Err(e).context("the checkpoint"),
    };
    if cp.origin != key.name() {
        bail!(
            "WRONG LOG: the checkpoint is for the origin {:?}, the key for {:?}",
            cp.origin,
            key.name()
        );
    }
    println!(
        "checkpoint: {} entries, root {}, signature by {} verified",
        cp.size,
        hex::encode(cp.root),
        key.name()
    );
    if let Some(s) = &state {
        let old_root = hex32(&s.root, "the state's root")?;
        if s.size > cp.size {
            bail!(
                "FORKED LOG: the log shrank from {} entries (seen before) to {}; entries were removed",
                s.size,
                cp.size
            );
        }
        if s.size == cp.size {
            if old_root != cp.root {
                bail!(
                    "FORKED LOG: two different checkpoints of {} entries were signed (root {} seen before, now {})",
                    cp.size,
                    s.root,
                    hex::encode(cp.root)
                );
            }
            println!("consistency: same checkpoint as last time");
        } else if s.size > 0 {
            let v = remote
                .json(&format!(
                    "/api/v1/log/consistency?old={}&new={}",
                    s.size, cp.size
                ))
                .await?;
            let proof = hashes(&v["proof"])?;
            if verify_consistency(s.size, cp.size, &old_root, &cp.root, &proof).is_err() {
                bail!(
                    "FORKED LOG: the checkpoint of {} entries does not extend the one of {} entries seen before (root {}): entries were rewritten or removed",
                    cp.size,
                    s.size,
                    s.root
                );
            }
            println!(
                "consistency: extends the checkpoint of {} entries seen before",
                s.size
            );
        }
    }
    if let Some(path) = &args.state {
        write_state(
            path,
            &WitnessState {
                key: key.to_string(),
                size: cp.size,
                root: hex::encode(cp.root),
                checkpoint: note.clone(),
            },
        )?;
    }
    let mut missing = Vec::new();
    for url in &args.objects {
        match check_object(&remote, &cp, url).await {
            Ok(line) => println!("{line}"),
            Err(e) => {
                println!("NOT PROVEN: {url}: {e:#}");
                missing.push(url.clone());
            }
        }
    }
    if !missing.is_empty() {
        bail!(
            "{} of the pages named are not proven in the log: {}",
            missing.len(),
            missing.join(", ")
        );
    }
    Ok(())
}

async fn check_object(remote: &Remote, cp: &Checkpoint, url: &str) -> anyhow::Result<String> {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_owned(),
        None => url.to_owned(),
    };
    let encoded: String = path
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let v = remote
        .json(&format!("/api/v1/log/object?path={encoded}"))
        .await?;
    let items = v["items"].as_array().cloned().unwrap_or_default();
    let Some(item) = items
        .iter()
        .rev()
        .find(|i| i["seq"].as_u64().is_some_and(|s| s < cp.size))
    else {
        if items.is_empty() {
            bail!("the log has no entry for it");
        }
        bail!("its entries are not yet in a signed checkpoint (the server signs one a minute)");
    };
    let entry = Entry {
        seq: item["seq"].as_u64().unwrap_or_default(),
        time: str_field(item, "time")?.to_owned(),
        kind: str_field(item, "kind")?.to_owned(),
        object: str_field(item, "object")?.to_owned(),
        action: str_field(item, "action")?.to_owned(),
        version: str_field(item, "version")?.to_owned(),
    };
    let leaf = entry.leaf_hash();
    if hex::encode(leaf) != str_field(item, "leaf_hash")? {
        bail!("entry {} does not hash to its leaf", entry.seq);
    }
    let p = remote
        .json(&format!(
            "/api/v1/log/entries/{}?size={}",
            entry.seq, cp.size
        ))
        .await?;
    let proof = hashes(&p["proof"])?;
    verify_inclusion(entry.seq, cp.size, &leaf, &proof, &cp.root)
        .map_err(|_| anyhow!("the inclusion proof of entry {} does not verify", entry.seq))?;
    Ok(format!(
        "included: {url} — entry {} ({} {} {}, {}, version {})",
        entry.seq, entry.kind, entry.object, entry.action, entry.time, entry.version
    ))
}
