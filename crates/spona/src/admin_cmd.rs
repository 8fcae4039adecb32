//! `spona admin …`: accounts made from the command line (the first platform admin of a fresh
//! deployment, or a person an operator adds by hand). The password comes on standard input.

use std::io::Read;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use spona_domain::role::{OrgRole, PlatformRole};

use crate::cli::Storage;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user account. The password is read from standard input.
    CreateUser(CreateUserArgs),
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// The user's e-mail address (their sign-in name).
    #[arg(long)]
    pub email: String,
    /// The name shown to others.
    #[arg(long)]
    pub name: String,
    /// Make the user a platform admin.
    #[arg(long)]
    pub platform_admin: bool,
    /// Add the user to this organisation (by slug).
    #[arg(long)]
    pub org: Option<String>,
    /// The user's role in `--org`: `member` or `admin`.
    #[arg(long, default_value = "member", requires = "org")]
    pub org_role: String,
}

pub async fn create_user(storage: &Storage, args: CreateUserArgs) -> anyhow::Result<()> {
    if !spona_domain::org::is_email(args.email.trim()) {
        bail!("--email: {:?} is not a valid e-mail address", args.email);
    }
    let name = args.name.trim();
    if name.chars().count() < 2 || name.chars().count() > 100 {
        bail!("--name: give a name of 2 to 100 characters");
    }
    let org_role = OrgRole::parse(&args.org_role).with_context(|| {
        format!(
            "--org-role: {:?} is neither `member` nor `admin`",
            args.org_role
        )
    })?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']);
    if let Some(problem) = spona_web::auth::password_problem(password, &args.email) {
        let tr = spona_web::translator().map_err(anyhow::Error::msg)?;
        bail!("password: {}", tr.t(spona_domain::Locale::En, problem));
    }
    let db = storage.open().await?;
    let org = match &args.org {
        Some(slug) => Some(
            spona_store::orgs::get_by_slug(&db, slug)
                .await
                .with_context(|| format!("--org: no organisation has the slug {slug:?}"))?,
        ),
        None => None,
    };
    let hash = spona_web::auth::hash_password(password)?;
    let role = if args.platform_admin {
        PlatformRole::Admin
    } else {
        PlatformRole::User
    };
    let id = match spona_store::users::create(&db, &args.email, name, &hash, role).await {
        Err(spona_store::StoreError::Conflict(_)) => {
            bail!("--email: an account with this address exists already")
        }
        other => other?,
    };
    if let Some(org) = org {
        spona_store::users::set_membership(&db, &id, &org.id, org_role).await?;
    }
    spona_store::audit::record(
        &db,
        spona_store::audit::Event {
            actor_id: None,
            action: "user.created",
            target_kind: "user",
            target_id: &id,
            detail: format!("cli platform_role={}", role.as_str()),
        },
    )
    .await?;
    println!("created user {id}");
    Ok(())
}
