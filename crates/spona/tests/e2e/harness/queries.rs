//! Counts the SQL statements a request runs, from sqlx's own statement log (target
//! `sqlx::query`, one event per statement, on both databases): a tracing layer, installed
//! once for the test process, counts the events that happen inside a counting span, and
//! [`statements`] runs a future inside a fresh one. With the in-process client the request's
//! handlers run in the test's task (SQLite's worker thread enters the caller's span), so the
//! count is that request's alone, whatever other tests run at the same time.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use tracing::Instrument;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

const SPAN: &str = "spona_test_statement_count";
const TARGET: &str = "sqlx::query";

static COUNTS: Mutex<Option<HashMap<u64, Vec<String>>>> = Mutex::new(None);
static NEXT: AtomicU64 = AtomicU64::new(1);

/// The counter a counting span carries.
struct Counter(u64);

struct CountLayer;

struct CounterField(Option<u64>);

/// The first words of a statement, as sqlx logs them.
struct Summary(String);

impl Visit for Summary {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "summary" {
            value.clone_into(&mut self.0);
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}");
        }
    }
}

impl Visit for CounterField {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "counter" {
            self.0 = Some(value);
        }
    }
    fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for CountLayer {
    fn register_callsite(&self, meta: &'static Metadata<'static>) -> Interest {
        if meta.name() == SPAN || meta.target() == TARGET {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, meta: &Metadata<'_>, ctx: Context<'_, S>) -> bool {
        if meta.name() == SPAN {
            return true;
        }
        // A statement is logged (and its text summarised) only inside a counting span.
        meta.target() == TARGET
            && ctx
                .lookup_current()
                .is_some_and(|s| s.scope().any(|s| s.extensions().get::<Counter>().is_some()))
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() != SPAN {
            return;
        }
        let mut field = CounterField(None);
        attrs.record(&mut field);
        if let (Some(n), Some(span)) = (field.0, ctx.span(id)) {
            span.extensions_mut().insert(Counter(n));
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() != TARGET {
            return;
        }
        let Some(scope) = ctx.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(Counter(n)) = span.extensions().get::<Counter>() {
                let mut summary = Summary(String::new());
                event.record(&mut summary);
                let mut counts = COUNTS.lock().expect("counts");
                counts
                    .get_or_insert_with(HashMap::new)
                    .entry(*n)
                    .or_default()
                    .push(summary.0);
                return;
            }
        }
    }
}

fn install() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let subscriber = tracing_subscriber::registry().with(CountLayer);
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other global subscriber in the e2e tests");
    });
}

/// Runs `work` and lists the SQL statements it ran (the first words of each, in order). The
/// settings a new pooled connection runs first (`PRAGMA …` on SQLite) are left out: whether the
/// pool opens a connection during a request is the pool's business, not the page's.
pub async fn statements<F: Future>(work: F) -> (F::Output, Vec<String>) {
    install();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let span = tracing::info_span!(target: "spona_test", "spona_test_statement_count", counter = n);
    let out = work.instrument(span).await;
    let statements = COUNTS
        .lock()
        .expect("counts")
        .as_mut()
        .and_then(|c| c.remove(&n))
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !s.trim_start().to_ascii_uppercase().starts_with("PRAGMA"))
        .collect();
    (out, statements)
}
