-- Publications and stories (issue 22 item 4): articles, stories from the field, podcast and
-- video links (a link and a transcript, never an embedded player), photo essays. Each is
-- published by an organisation or by a network (exactly one of the two), written by one
-- person (`created_by`), in one or more languages (`publication_variants`). A publication
-- without `publish_at` is a draft; one with it is shown publicly from that instant on.
-- `publish_local` and `zone` keep the time as the author wrote it (as events do);
-- `publish_at` is the instant (Unix seconds) they name.
CREATE TABLE publications (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'story', 'podcast', 'video', 'photo-essay')),
    org_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    network_id TEXT REFERENCES networks (id) ON DELETE CASCADE,
    link TEXT,
    publish_at BIGINT,
    publish_local TEXT,
    zone TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((org_id IS NULL) <> (network_id IS NULL)),
    CHECK ((publish_at IS NULL) = (zone IS NULL))
);
CREATE INDEX publications_publish_at ON publications (publish_at);
CREATE INDEX publications_org ON publications (org_id);
CREATE INDEX publications_network ON publications (network_id);
CREATE INDEX publications_author ON publications (created_by);

-- A publication in one language (`en`, `sr`, `uk`); the first one written is its original.
CREATE TABLE publication_variants (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    transcript TEXT NOT NULL,
    position BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (publication_id, lang)
);

-- A photo essay's images: the published copy (`file`, a name in the media store, decoded and
-- encoded afresh so that no metadata survives) and its alternative text, which is required.
CREATE TABLE publication_photos (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    file TEXT NOT NULL,
    alt TEXT NOT NULL CHECK (alt <> ''),
    caption TEXT NOT NULL,
    PRIMARY KEY (publication_id, position)
);

-- Significant dates a network adds to the calendar (the platform's own — 8 March,
-- 31 October, 25 November, 30 July — are in `spona_domain::publication`).
CREATE TABLE publication_dates (
    id TEXT PRIMARY KEY,
    network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    month BIGINT NOT NULL CHECK (month BETWEEN 1 AND 12),
    day BIGINT NOT NULL CHECK (day BETWEEN 1 AND 31),
    title TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX publication_dates_network ON publication_dates (network_id);
