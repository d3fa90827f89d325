/**
 * Stream recovery (docs/streams.md). Client side: the {@link io.switchboard.engine.stream.StreamJournal} keeps every
 * relayed stream's events, bounded in memory and optionally written behind to SQLite
 * ({@link io.switchboard.engine.stream.SqliteStreamStore}); {@link io.switchboard.engine.stream.StreamResumeService}
 * puts an {@code id:} on every event and serves resumes from it. Upstream side:
 * {@link io.switchboard.engine.stream.UpstreamRecovery} wraps each upstream event stream so a broken or stalled
 * connection is continued (Responses: background resume; Messages: prefill; Chat: regenerate and verify) with
 * nothing duplicated or lost at the seam. {@link io.switchboard.engine.stream.StreamServices} holds both for the engine.
 */
package io.switchboard.engine.stream;
