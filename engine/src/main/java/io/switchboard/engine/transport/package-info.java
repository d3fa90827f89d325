/**
 * Talking to providers. One pooled Vert.x {@code HttpClient} per upstream origin (h2c or ALPN, explicit pool
 * sizes); same-API calls pass through as bytes (only {@code model} may be rewritten), cross-API calls are
 * translated with the {@code providers} codecs, streams included, chunk by chunk with back-pressure.
 */
package io.switchboard.engine.transport;
