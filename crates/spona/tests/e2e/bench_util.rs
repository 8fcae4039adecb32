//! What the benchmarks (ignored tests run by `bench/*.sh`) share: their settings from the
//! environment, memory figures from /proc, and `wrk` runs read back.

/// A whole number from the environment variable `name`, else `default`.
pub fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A field of /proc/PID/status in KiB (`VmHWM:` the peak resident memory, `VmRSS:` the
/// present one) of process `pid`, or of this process; 0 when it cannot be read.
pub fn status_kib(pid: Option<u32>, field: &str) -> u64 {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/status"),
        None => "/proc/self/status".to_owned(),
    };
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// What one `wrk --latency` run printed, and the figures read from it.
pub struct Wrk {
    pub text: String,
    /// Requests per second (`?` when wrk printed none).
    pub rps: String,
    /// The 99th percentile of the latency (`?` when wrk printed none).
    pub p99: String,
}

/// Runs `wrk --latency` with `args` (threads, connections, duration, headers) against
/// `url`.
pub fn wrk(args: &[&str], url: &str) -> Wrk {
    let out = std::process::Command::new("wrk")
        .arg("--latency")
        .args(args)
        .arg(url)
        .output()
        .expect("wrk (apt-get install -y wrk)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |starts: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(starts))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned()
    };
    let (rps, p99) = (field("Requests/sec"), field("99%"));
    Wrk { text, rps, p99 }
}
