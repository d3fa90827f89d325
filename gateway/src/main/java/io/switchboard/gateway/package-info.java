/**
 * The HTTP gateway: {@link io.switchboard.gateway.GatewayServer} serves OpenAI's ({@code /v1/chat/completions},
 * {@code /v1/responses}, {@code /v1/embeddings}, {@code /v1/models}) and Anthropic's ({@code /v1/messages},
 * {@code /v1/messages/count_tokens}) endpoints on one port over the engine. Per request: request id, health
 * checks, {@link io.switchboard.gateway.KeyAuthenticator}, body limit, a {@code Call} for the engine, and the
 * reply written back with back-pressure. Headers named {@code x-sim-*} are forwarded upstream (first attempt
 * only) so tests and demos can script simulator faults through the gateway.
 */
package io.switchboard.gateway;
