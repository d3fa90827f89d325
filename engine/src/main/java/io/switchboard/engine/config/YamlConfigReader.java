package io.switchboard.engine.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Reads the YAML config into {@link GatewayConfig}, checking every key and value and failing with the
 * line of the first problem. Unknown keys are errors: a typo must not silently fall back to a default.
 */
final class YamlConfigReader {
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private final String source;
    private final Map<String, String> env;
    private YamlLines lines;

    YamlConfigReader(String source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    GatewayConfig read(String yaml) {
        JsonNode root;
        try {
            lines = YamlLines.scan(YAML, yaml);
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(source, line, "invalid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source, -1, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw fail("", "the config must be a mapping with a providers section");
        keys(root, "", "providers", "routes", "server", "upstream", "master_key_env", "resilience",
                "budgets", "pricing", "streams");

        GatewayConfig.Builder b = GatewayConfig.builder();
        JsonNode providers = root.get("providers");
        if (providers == null || !providers.isObject() || providers.isEmpty()) {
            throw fail("/providers", "providers must be a mapping with at least one provider");
        }
        providers.properties().forEach(e -> b.provider(provider(e.getKey(), e.getValue(), child("/providers", e.getKey()))));
        JsonNode routes = root.get("routes");
        if (routes != null) {
            if (!routes.isObject()) throw fail("/routes", "routes must be a mapping of route names");
            routes.properties().forEach(e -> b.route(route(e.getKey(), e.getValue(), child("/routes", e.getKey()), providers)));
        }
        if (root.has("server")) b.server(server(root.get("server")));
        if (root.has("upstream")) b.upstream(upstream(root.get("upstream")));
        b.resilience(new ResilienceYamlReader(this::fail).read(root.get("resilience"), routes, providers));
        b.billing(io.switchboard.engine.billing.BillingYamlReader.read(root.get("budgets"), root.get("pricing"), this::fail));
        b.streams(io.switchboard.engine.stream.StreamsYamlReader.read(root.get("streams"), this::fail));
        String masterEnv = text(root, "", "master_key_env", false);
        if (masterEnv != null) b.masterKey(masterEnv, Secret.ofNullable(env.get(masterEnv)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw fail("", e.getMessage());
        }
    }

    private ProviderConfig provider(String name, JsonNode node, String at) {
        if (!node.isObject()) throw fail(at, "provider " + name + " must be a mapping with base_url");
        keys(node, at, "type", "base_url", "api_key_env", "api_key");
        String kind = text(node, at, "type", false);
        if (kind == null) kind = name;
        if (!ProviderConfig.KINDS.contains(kind)) {
            throw fail(node.has("type") ? at + "/type" : at,
                    "provider " + name + ": type must be openai or anthropic (needed when the name is neither)");
        }
        String url = text(node, at, "base_url", true);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw fail(at + "/base_url", "base_url must be an absolute http(s) URL, got '" + url + "'");
        }
        String keyEnv = text(node, at, "api_key_env", false);
        Secret key = Secret.ofNullable(text(node, at, "api_key", false));
        if (keyEnv != null) {
            if (key != null) throw fail(at + "/api_key", "give api_key_env or api_key, not both");
            key = Secret.ofNullable(env.get(keyEnv));
            if (key == null) throw fail(at + "/api_key_env", "environment variable " + keyEnv + " is not set");
        }
        return ProviderConfig.builder(name).kind(kind).baseUrl(url).apiKeyEnv(keyEnv).apiKey(key).build();
    }

    private RouteConfig route(String name, JsonNode node, String at, JsonNode providers) {
        if (!node.isObject()) throw fail(at, "route " + name + " must be a mapping with targets");
        keys(node, at, ResilienceYamlReader.with(ResilienceYamlReader.ROUTE_KEYS, "targets"));
        JsonNode targets = node.get("targets");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw fail(node.has("targets") ? at + "/targets" : at, "route " + name + " needs a non-empty targets list");
        }
        RouteConfig.Builder route = RouteConfig.builder(name);
        for (int i = 0; i < targets.size(); i++) {
            String t = at + "/targets/" + i;
            JsonNode target = targets.get(i);
            if (!target.isObject()) throw fail(t, "a target must be a mapping with provider and model");
            keys(target, t, ResilienceYamlReader.with(ResilienceYamlReader.TARGET_KEYS, "provider", "model"));
            String provider = text(target, t, "provider", true);
            if (!providers.has(provider)) {
                throw fail(t + "/provider", "unknown provider '" + provider + "' (configured: " + names(providers) + ")");
            }
            route.target(provider, text(target, t, "model", true));
        }
        return route.build();
    }

    private ServerConfig server(JsonNode node) {
        if (!node.isObject()) throw fail("/server", "server must be a mapping");
        keys(node, "/server", "host", "port", "max_body_bytes");
        ServerConfig d = ServerConfig.DEFAULTS;
        String host = text(node, "/server", "host", false);
        int port = (int) number(node, "/server", "port", d.port(), 0, 65_535);
        long max = number(node, "/server", "max_body_bytes", d.maxBodyBytes(), 1, Long.MAX_VALUE);
        return new ServerConfig(host == null ? d.host() : host, port, max);
    }

    private UpstreamConfig upstream(JsonNode node) {
        String at = "/upstream";
        if (!node.isObject()) throw fail(at, "upstream must be a mapping");
        keys(node, at, "http2", "max_connections_per_host", "http2_max_connections", "max_wait_queue",
                "connect_timeout_ms", "idle_timeout_ms", "keep_alive_timeout_s", "request_timeout_ms");
        UpstreamConfig d = UpstreamConfig.DEFAULTS;
        JsonNode http2 = node.get("http2");
        if (http2 != null && !http2.isBoolean()) throw fail(at + "/http2", "http2 must be true or false");
        return UpstreamConfig.builder()
                .http2(http2 == null ? d.http2() : http2.booleanValue())
                .maxConnectionsPerHost((int) number(node, at, "max_connections_per_host", d.maxConnectionsPerHost(), 1, Integer.MAX_VALUE))
                .http2MaxConnections((int) number(node, at, "http2_max_connections", d.http2MaxConnections(), 1, Integer.MAX_VALUE))
                .maxWaitQueue((int) number(node, at, "max_wait_queue", d.maxWaitQueue(), -1, Integer.MAX_VALUE))
                .connectTimeoutMs((int) number(node, at, "connect_timeout_ms", d.connectTimeoutMs(), 1, Integer.MAX_VALUE))
                .idleTimeoutMs((int) number(node, at, "idle_timeout_ms", d.idleTimeoutMs(), 1, Integer.MAX_VALUE))
                .keepAliveTimeoutS((int) number(node, at, "keep_alive_timeout_s", d.keepAliveTimeoutS(), 1, Integer.MAX_VALUE))
                .requestTimeoutMs(number(node, at, "request_timeout_ms", d.requestTimeoutMs(), 1, Long.MAX_VALUE))
                .build();
    }

    private void keys(JsonNode node, String at, String... allowed) {
        new YamlFields(node, at, this::fail).allow(allowed);
    }

    private String text(JsonNode node, String at, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) throw fail(at, "missing required key '" + key + "'");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) throw fail(child(at, key), key + " must be a non-empty string");
        return v.textValue().strip();
    }

    private long number(JsonNode node, String at, String key, long dflt, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null) return dflt;
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            throw fail(child(at, key), key + " must be an integer from " + min + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got " + v);
        }
        return v.longValue();
    }

    private static String names(JsonNode providers) {
        StringBuilder sb = new StringBuilder();
        providers.fieldNames().forEachRemaining(n -> sb.append(sb.isEmpty() ? "" : ", ").append(n));
        return sb.toString();
    }

    private static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    private ConfigException fail(String pointer, String message) {
        return new ConfigException(source, lines == null ? -1 : lines.lineOf(pointer), message, null);
    }
}
