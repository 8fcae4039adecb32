//! The `spona` binary as a child process, for tests of the command line and of a server
//! process of its own (crashes, logs): one way to start it, with no inherited settings.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `spona --data-dir DATA` with quiet logging and none of the caller's `SPONA_*` settings.
/// `SPONA_TEST_BIN` names another binary (a release build, for `bench/federation.sh`).
pub fn spona_command(data: &Path) -> Command {
    let bin =
        std::env::var_os("SPONA_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_spona").into());
    let mut cmd = Command::new(bin);
    cmd.arg("--data-dir").arg(data);
    for var in [
        "SPONA_DATABASE_URL",
        "SPONA_DATA_DIR",
        "SPONA_BIND",
        "SPONA_PUBLIC_URL",
        "SPONA_VAULT_KEY_FILE",
        "SPONA_DEMO",
        "SPONA_TEST_FAULT",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("SPONA_LOG", "warn").env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd` to its end with `stdin` as its input.
pub fn run(mut cmd: Command, stdin: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn spona");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

/// Runs a one-off command of the binary over `data` with `stdin` as its input.
pub fn spona(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = spona_command(data);
    cmd.args(args);
    run(cmd, stdin)
}

/// Everything a command printed, standard output then standard error.
pub fn output_text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A loopback port free at the time of asking.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
