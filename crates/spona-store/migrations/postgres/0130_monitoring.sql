-- Monitoring (issue 21): recommendations of human-rights mechanisms and plans, the measures
-- and indicators implementing them, and where each stands in the state's view and in each
-- participating CSO's. Dates a person gives are ISO text (`YYYY-MM-DD`); moments are Unix
-- seconds.

-- One recommendation: matched on re-import by (mechanism, symbol, paragraph).
CREATE TABLE recommendations (
    id TEXT PRIMARY KEY,
    mechanism TEXT NOT NULL CHECK (mechanism IN ('upr', 'treaty-body', 'special-procedure',
        'nap-1325', 'eu-accession', 'national-strategy')),
    body TEXT,
    cycle TEXT NOT NULL DEFAULT '',
    symbol TEXT NOT NULL DEFAULT '',
    paragraph TEXT NOT NULL,
    country TEXT NOT NULL,
    published_on TEXT,
    response TEXT CHECK (response IS NULL OR response IN ('supported', 'noted', 'partially')),
    text_lang TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (mechanism, symbol, paragraph)
);
CREATE INDEX recommendations_country ON recommendations (country, mechanism, cycle);

-- The text per language (the original in `recommendations.text_lang`, translations beside).
CREATE TABLE recommendation_texts (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, lang)
);

-- The recommending states (UPR): ISO alpha-2, or a name when no code is known.
CREATE TABLE recommendation_states (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, state)
);

-- Themes, affected groups, SDG targets.
CREATE TABLE recommendation_terms (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('theme', 'group', 'sdg')),
    code TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, kind, code)
);
CREATE INDEX recommendation_terms_code ON recommendation_terms (kind, code);

-- Organisations taking part in monitoring: only they assess.
CREATE TABLE monitoring_participants (
    org_id TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    added_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    added_at BIGINT NOT NULL
);

-- A measure implementing one or more recommendations.
CREATE TABLE measures (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    title_lang TEXT NOT NULL,
    institution TEXT NOT NULL,
    deadline TEXT,
    budget_line TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX measures_institution ON measures (institution);

CREATE TABLE measure_recommendations (
    measure_id TEXT NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    PRIMARY KEY (measure_id, recommendation_id)
);
CREATE INDEX measure_recommendations_rec ON measure_recommendations (recommendation_id);

-- An indicator: a value that should move from its baseline to its target, within a range.
CREATE TABLE indicators (
    id TEXT PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    baseline DOUBLE PRECISION,
    target DOUBLE PRECISION,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    due_on TEXT,
    created_at BIGINT NOT NULL,
    CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
);
CREATE INDEX indicators_measure ON indicators (measure_id);

-- The indicator's values over time, one per date.
CREATE TABLE indicator_values (
    indicator_id TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measured_on TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    recorded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (indicator_id, measured_on)
);

-- Where a recommendation's implementation stands: the state's own status (org_id NULL) or a
-- participating organisation's assessment. A change adds a row and marks the one before
-- superseded: the rows are the history, the one not superseded the current view.
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    org_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('not-started', 'partially', 'implemented',
        'regressed')),
    assessed_on TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    comment_lang TEXT,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    signature TEXT,
    created_at BIGINT NOT NULL,
    superseded_at BIGINT
);
CREATE UNIQUE INDEX assessments_current
    ON assessments (recommendation_id, COALESCE(org_id, ''))
    WHERE superseded_at IS NULL;
CREATE INDEX assessments_org ON assessments (org_id, recommendation_id);

-- What an assessment rests on: links, the hub's resources, documents.
CREATE TABLE assessment_evidence (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('link', 'resource', 'document')),
    target TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, position)
);
