-- Working groups: people from several organisations (and countries) who talk in threads.
CREATE TABLE working_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The language the name and description are written in (a locale tag).
    lang TEXT NOT NULL,
    -- The network the group belongs to, if any.
    network_id TEXT REFERENCES networks (id),
    -- 'open': anyone signed in joins; 'request': a coordinator approves; 'invitation':
    -- coordinators add people.
    join_policy TEXT NOT NULL CHECK (join_policy IN ('open', 'request', 'invitation')),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

-- Who belongs to a group, and what mail they want from it.
CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    -- 'requested' waits for a coordinator.
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'member', 'requested')),
    since BIGINT NOT NULL,
    -- 'each' message, a 'daily' or 'weekly' digest, or 'none'.
    mail TEXT NOT NULL DEFAULT 'daily' CHECK (mail IN ('each', 'daily', 'weekly', 'none')),
    -- The locale mail to this person is written in (the one they used the site in).
    locale TEXT NOT NULL DEFAULT 'en',
    -- The last digest covered messages up to this time (Unix seconds).
    digest_until BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

-- Hub resources a coordinator linked to the group.
CREATE TABLE group_resources (
    group_id TEXT NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    linked_by TEXT NOT NULL,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, resource_id)
);

CREATE TABLE group_threads (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    -- How many posts it holds (the opening post is number 1); numbers posts in order.
    post_count BIGINT NOT NULL DEFAULT 0,
    -- Set when a coordinator hid the thread (nobody may reply then).
    hidden_reason TEXT,
    created_at BIGINT NOT NULL,
    last_post_at BIGINT NOT NULL
);
CREATE INDEX group_threads_group ON group_threads (group_id, last_post_at);

-- The opening post and the replies of a thread, numbered from 1.
CREATE TABLE group_posts (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES group_threads (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    n BIGINT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    -- Markdown.
    body TEXT NOT NULL,
    -- The analysed terms of the title (first post) and body: ` term term … `.
    search_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    UNIQUE (thread_id, n)
);
CREATE INDEX group_posts_group_time ON group_posts (group_id, created_at);

-- Earlier texts of edited posts.
CREATE TABLE group_post_versions (
    post_id TEXT NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    body TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, version)
);

-- What a person has read of a thread: posts up to number `seen`.
CREATE TABLE group_reads (
    user_id TEXT NOT NULL REFERENCES users (id),
    thread_id TEXT NOT NULL REFERENCES group_threads (id) ON DELETE CASCADE,
    seen BIGINT NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);

-- A person's choice for one thread: 'follow' (mail for every reply) or 'mute' (none).
CREATE TABLE group_thread_prefs (
    user_id TEXT NOT NULL REFERENCES users (id),
    thread_id TEXT NOT NULL REFERENCES group_threads (id) ON DELETE CASCADE,
    choice TEXT NOT NULL CHECK (choice IN ('follow', 'mute')),
    PRIMARY KEY (user_id, thread_id)
);
