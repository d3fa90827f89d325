-- Virtual keys. The secret is never stored: secret_hash is HMAC-SHA256(pepper, key) and lookup_tag is the
-- first 8 bytes of it in hex, an index that narrows candidates before the full constant-time comparison.
CREATE TABLE virtual_key (
  id                  TEXT    PRIMARY KEY,
  name                TEXT    NOT NULL,
  team                TEXT,
  secret_hash         BLOB    NOT NULL,
  lookup_tag          TEXT    NOT NULL,
  budgets_json        TEXT    NOT NULL,
  max_cost_picousd    INTEGER,
  allowed_models_json TEXT    NOT NULL,
  allowed_routes_json TEXT    NOT NULL,
  requests_per_minute INTEGER NOT NULL DEFAULT 0,
  tokens_per_minute   INTEGER NOT NULL DEFAULT 0,
  created_at_ms       INTEGER NOT NULL,
  rotated_at_ms       INTEGER,
  revoked_at_ms       INTEGER
);
CREATE INDEX virtual_key_lookup ON virtual_key (lookup_tag);
CREATE INDEX virtual_key_team ON virtual_key (team);
