-- 001 initial schema, in portable SQL. Two placeholders are filled per dialect (store/db.py):
-- the auto-increment key type and the full-text index on quotes (last line).
CREATE TABLE articles (
    id {{ID}},
    content_key TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    model TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE article_sources (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    url TEXT,
    PRIMARY KEY (article_id, source)
);
CREATE TABLE entities (
    id {{ID}},
    entity_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    gender TEXT
);
CREATE INDEX entities_name ON entities (name);
CREATE TABLE aliases (
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE TABLE mentions (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id, start_char, end_char)
);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE quotes (
    id {{ID}},
    quote_key TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    first_published TEXT
);
CREATE TABLE quote_speakers (
    quote_id BIGINT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, entity_id)
);
CREATE INDEX quote_speakers_entity ON quote_speakers (entity_id);
CREATE TABLE quote_sources (
    quote_id BIGINT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    cue TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    PRIMARY KEY (quote_id, article_id, start_char)
);
CREATE INDEX quote_sources_article ON quote_sources (article_id);
CREATE TABLE quote_about (
    quote_id BIGINT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, entity_id)
);
CREATE INDEX quote_about_entity ON quote_about (entity_id);
CREATE TABLE relations (
    id {{ID}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    head_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    tail_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    detail TEXT,
    start_char INTEGER,
    end_char INTEGER,
    confidence REAL
);
CREATE TABLE events (
    id {{ID}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    detail TEXT,
    occurred TEXT,
    start_char INTEGER,
    end_char INTEGER
);
CREATE TABLE event_participants (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, entity_id)
);
{{FTS}}
