/**
 * The wire-format codecs: {@link io.switchboard.providers.WireFormats#of} gives the
 * {@link io.switchboard.core.wire.WireFormat} for OpenAI Chat Completions, OpenAI Responses and Anthropic
 * Messages. They translate between each provider's JSON and the neutral model of {@code io.switchboard.core.model}
 * when a route crosses providers; same-format traffic is passed through untouched and never reaches them.
 */
package io.switchboard.providers;
