package io.switchboard.simulator;

import io.vertx.core.http.HttpMethod;

/**
 * The provider endpoints the simulator serves. {@link #name} is the path with ids replaced by {@code {id}},
 * which is what stats count by.
 */
enum Route {
    CHAT_COMPLETIONS(Provider.OPENAI, HttpMethod.POST, "/v1/chat/completions", true, true),
    RESPONSES_CREATE(Provider.OPENAI, HttpMethod.POST, "/v1/responses", true, true),
    RESPONSES_RETRIEVE(Provider.OPENAI, HttpMethod.GET, "/v1/responses/{id}", false, false),
    RESPONSES_CANCEL(Provider.OPENAI, HttpMethod.POST, "/v1/responses/{id}/cancel", false, false),
    EMBEDDINGS(Provider.OPENAI, HttpMethod.POST, "/v1/embeddings", true, true),
    OPENAI_MODELS(Provider.OPENAI, HttpMethod.GET, "/v1/models", false, false),
    MESSAGES(Provider.ANTHROPIC, HttpMethod.POST, "/v1/messages", true, true),
    COUNT_TOKENS(Provider.ANTHROPIC, HttpMethod.POST, "/v1/messages/count_tokens", true, false),
    ANTHROPIC_MODELS(Provider.ANTHROPIC, HttpMethod.GET, "/v1/models", false, false),
    OPENAI_MODEL(Provider.OPENAI, HttpMethod.GET, "/v1/models/{id}", false, false),
    ANTHROPIC_MODEL(Provider.ANTHROPIC, HttpMethod.GET, "/v1/models/{id}", false, false);

    private static final String RESPONSES_PREFIX = "/v1/responses/";
    private static final String MODELS_PREFIX = "/v1/models/";

    final Provider provider;
    final HttpMethod method;
    final String pattern;
    /** Whether the endpoint takes a JSON body (and so may name a model). */
    final boolean jsonBody;
    /** Whether the endpoint runs the model: it is rate limited and its answer is paced by the latency model. */
    final boolean generates;

    Route(Provider provider, HttpMethod method, String pattern, boolean jsonBody, boolean generates) {
        this.provider = provider;
        this.method = method;
        this.pattern = pattern;
        this.jsonBody = jsonBody;
        this.generates = generates;
    }

    /**
     * Which provider a request speaks: Anthropic for {@code /v1/messages*}, and for {@code /v1/models*} when it
     * carries {@code anthropic-version} or {@code x-api-key}; OpenAI otherwise.
     */
    static Provider providerOf(String path, String anthropicVersion, String xApiKey) {
        if (path.startsWith("/v1/messages")) return Provider.ANTHROPIC;
        if (path.startsWith("/v1/models") && (anthropicVersion != null || xApiKey != null)) return Provider.ANTHROPIC;
        return Provider.OPENAI;
    }

    /** The route for a request, or null (answered 404). */
    static Route match(Provider provider, HttpMethod method, String path) {
        Route route = switch (path) {
            case "/v1/chat/completions" -> CHAT_COMPLETIONS;
            case "/v1/responses" -> RESPONSES_CREATE;
            case "/v1/embeddings" -> EMBEDDINGS;
            case "/v1/models" -> provider == Provider.ANTHROPIC ? ANTHROPIC_MODELS : OPENAI_MODELS;
            case "/v1/messages" -> MESSAGES;
            case "/v1/messages/count_tokens" -> COUNT_TOKENS;
            default -> path.startsWith(MODELS_PREFIX) && path.length() > MODELS_PREFIX.length()
                    ? (provider == Provider.ANTHROPIC ? ANTHROPIC_MODEL : OPENAI_MODEL)
                    : responsesById(path);
        };
        return route != null && route.method.equals(method) && route.provider == provider ? route : null;
    }

    /** The {@code {id}} of a {@code /v1/models/{id}} path. */
    static String modelId(String path) {
        return path.substring(MODELS_PREFIX.length());
    }

    /** The {@code {id}} of a {@code /v1/responses/{id}[/cancel]} path. */
    static String responseId(String path) {
        String rest = path.substring(RESPONSES_PREFIX.length());
        return rest.endsWith("/cancel") ? rest.substring(0, rest.length() - "/cancel".length()) : rest;
    }

    private static Route responsesById(String path) {
        if (!path.startsWith(RESPONSES_PREFIX)) return null;
        String rest = path.substring(RESPONSES_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) return rest.isEmpty() ? null : RESPONSES_RETRIEVE;
        return slash > 0 && rest.substring(slash).equals("/cancel") ? RESPONSES_CANCEL : null;
    }
}
