package io.switchboard.gateway;

import io.switchboard.core.wire.WireFormatId;

/**
 * What the gateway serves, by method and path. {@code format} is the wire format of the client on this
 * path (its error shape and request-id header); {@code relayKind} is set for endpoints forwarded as is
 * to the one API that defines them.
 */
enum Endpoint {
    CHAT_COMPLETIONS(WireFormatId.OPENAI_CHAT, null, true),
    RESPONSES(WireFormatId.OPENAI_RESPONSES, null, true),
    RESPONSE_GET(WireFormatId.OPENAI_RESPONSES, "openai", false),
    RESPONSE_CANCEL(WireFormatId.OPENAI_RESPONSES, "openai", false),
    EMBEDDINGS(WireFormatId.OPENAI_CHAT, "openai", true),
    MESSAGES(WireFormatId.ANTHROPIC_MESSAGES, null, true),
    COUNT_TOKENS(WireFormatId.ANTHROPIC_MESSAGES, "anthropic", true),
    MODELS(WireFormatId.OPENAI_CHAT, null, false),
    HEALTH(WireFormatId.OPENAI_CHAT, null, false),
    READY(WireFormatId.OPENAI_CHAT, null, false),
    UNKNOWN(WireFormatId.OPENAI_CHAT, null, false);

    final WireFormatId format;
    final String relayKind;
    /** Whether the body is JSON naming a {@code model}. */
    final boolean modelInBody;

    Endpoint(WireFormatId format, String relayKind, boolean modelInBody) {
        this.format = format;
        this.relayKind = relayKind;
        this.modelInBody = modelInBody;
    }

    static Endpoint match(String method, String path) {
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        return switch (path) {
            case "/v1/chat/completions" -> post ? CHAT_COMPLETIONS : UNKNOWN;
            case "/v1/responses" -> post ? RESPONSES : UNKNOWN;
            case "/v1/embeddings" -> post ? EMBEDDINGS : UNKNOWN;
            case "/v1/messages" -> post ? MESSAGES : UNKNOWN;
            case "/v1/messages/count_tokens" -> post ? COUNT_TOKENS : UNKNOWN;
            case "/v1/models" -> get ? MODELS : UNKNOWN;
            case "/healthz" -> get ? HEALTH : UNKNOWN;
            case "/readyz" -> get ? READY : UNKNOWN;
            default -> {
                // /v1/responses/{id} and /v1/responses/{id}/cancel
                String[] rest = path.startsWith("/v1/responses/") ? path.substring("/v1/responses/".length()).split("/", -1) : null;
                boolean hasId = rest != null && !rest[0].isEmpty();
                if (hasId && rest.length == 1 && get) yield RESPONSE_GET;
                if (hasId && rest.length == 2 && rest[1].equals("cancel") && post) yield RESPONSE_CANCEL;
                yield UNKNOWN;
            }
        };
    }

    /** Whether errors on {@code path} take Anthropic's shape; {@code anthropicHeaders} decides for shared paths. */
    static boolean anthropicShaped(Endpoint e, String path, boolean anthropicHeaders) {
        if (e == MODELS || e == UNKNOWN) return path.startsWith("/v1/messages") || anthropicHeaders;
        return e.format == WireFormatId.ANTHROPIC_MESSAGES;
    }
}
