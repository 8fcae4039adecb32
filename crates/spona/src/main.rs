//! The `spona` binary: command line, configuration, logging and wiring.

mod admin_cmd;
mod blobs_cmd;
mod cli;
mod custody_tree_cmd;
mod demo;
mod demo_calls;
mod demo_cosign;
mod demo_endorsements;
mod demo_event_materials;
mod demo_events;
mod demo_group_names;
mod demo_group_newsletters;
mod demo_groups;
mod demo_locales;
mod demo_mail;
mod demo_monitoring;
mod demo_monitoring_impl;
mod demo_newsletters;
mod demo_prishtina;
mod demo_publications;
mod demo_publog;
mod demo_quiz;
mod demo_referrals;
mod demo_resources;
mod demo_services;
mod demo_texts;
mod demo_trials;
mod digests_cmd;
mod events_cmd;
mod fedvault_cmd;
mod log_cmd;
mod mail_cmd;
mod monitoring_cmd;
mod monitoring_verify_cmd;
mod newsletters_cmd;
mod referrals_cmd;
mod signing_cmd;
mod trials_cmd;
mod vault_cmd;

use clap::Parser;

fn main() -> std::process::ExitCode {
    // A bounded child of the server, extracting one PDF's text (see spona_web::attachments).
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() == Some(spona_web::attachments::PDF_TEXT_COMMAND.as_ref()) {
        return match args.next() {
            Some(path) => spona_web::attachments::pdf_text_child(std::path::Path::new(&path)),
            None => std::process::ExitCode::FAILURE,
        };
    }
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SPONA_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: could not start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
