-- One row per settled call. Cost is stored as whole pico-dollars (Money's exact scale) so SUM is exact.
-- key_id, team and route are null for calls made without a virtual key / team / named route.
CREATE TABLE spend (
  id                  INTEGER PRIMARY KEY,
  request_id          TEXT    NOT NULL,
  key_id              TEXT,
  team                TEXT,
  route               TEXT,
  provider            TEXT    NOT NULL,
  model               TEXT    NOT NULL,
  input_tokens        INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  cache_write_tokens  INTEGER NOT NULL,
  output_tokens       INTEGER NOT NULL,
  reasoning_tokens    INTEGER NOT NULL,
  cost_picousd        INTEGER NOT NULL CHECK (cost_picousd >= 0),
  batch               INTEGER NOT NULL DEFAULT 0,
  created_at_ms       INTEGER NOT NULL
);
-- A request is recorded once, even if the writer retries after a failure.
CREATE UNIQUE INDEX spend_request ON spend (request_id);
CREATE INDEX spend_time ON spend (created_at_ms);
CREATE INDEX spend_key_time ON spend (key_id, created_at_ms);
CREATE INDEX spend_team_time ON spend (team, created_at_ms);
CREATE INDEX spend_route_time ON spend (route, created_at_ms);
