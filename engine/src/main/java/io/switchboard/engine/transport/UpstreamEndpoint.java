package io.switchboard.engine.transport;

import java.net.URI;
import java.util.Locale;

/**
 * Where a provider's base URL points. Paths are given as the API documents them ({@code /v1/messages});
 * OpenAI's base URL conventionally already ends in {@code /v1} and Anthropic's does not, so one
 * {@code /v1} is dropped when both have it.
 */
record UpstreamEndpoint(String host, int port, boolean ssl, String basePath) {

    static UpstreamEndpoint of(URI baseUrl) {
        boolean ssl = baseUrl.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : ssl ? 443 : 80;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return new UpstreamEndpoint(baseUrl.getHost(), port, ssl, path);
    }

    /** The request URI for an API path such as {@code /v1/chat/completions} (a query string may follow). */
    String uri(String apiPath) {
        if (basePath.endsWith("/v1") && apiPath.startsWith("/v1/")) return basePath + apiPath.substring(3);
        return basePath + apiPath;
    }

    /** Scheme, host and port: providers sharing it share one connection pool. */
    String origin() { return (ssl ? "https://" : "http://") + host + ":" + port; }
}
