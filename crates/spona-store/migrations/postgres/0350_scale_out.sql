-- Several servers on one database (lane scale26, issue 26).
--
-- rate_buckets: the shared rate limits (PostgreSQL only; SQLite keeps them in the process,
-- the table stays empty). One row per limited key: `tat_ms` is the GCRA's theoretical
-- arrival time in milliseconds (a request is let through while tat_ms - now stays within
-- the quota's burst), `failures` counts wrong second-factor codes in a row (their back-off
-- waits until tat_ms). Rows whose tat_ms is an hour past are pruned.
CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY,
    tat_ms BIGINT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0
);

-- job_schedule: when each background job is next due across all servers (PostgreSQL; a
-- server holds the job's advisory lock while it runs it, then moves next_at on).
CREATE TABLE job_schedule (
    name TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL,
    runs BIGINT NOT NULL DEFAULT 0,
    last_run_by TEXT NOT NULL DEFAULT '',
    last_run_at BIGINT NOT NULL DEFAULT 0
);

-- Every change to what the search index holds takes the next meta.resource_seq; this
-- trigger tells every listening server at commit (NOTIFY is delivered when the transaction
-- commits, never for one rolled back), so each catches its index up within moments. The
-- payload names the schema, so servers of other schemas in the same database ignore it.
CREATE FUNCTION resource_seq_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('spona_resource_seq', current_schema() || ':' || NEW.value::text);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER meta_resource_seq_notify AFTER UPDATE ON meta
    FOR EACH ROW WHEN (NEW.key = 'resource_seq') EXECUTE FUNCTION resource_seq_notify();
