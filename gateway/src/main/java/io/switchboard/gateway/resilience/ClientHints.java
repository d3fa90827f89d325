package io.switchboard.gateway.resilience;

import io.switchboard.core.chain.Call;
import io.switchboard.engine.policy.TierCatalog;
import io.switchboard.engine.routing.RoutePolicy;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's own request headers that steer routing: {@code x-switchboard-tier} (ask for a timeout tier)
 * and {@code x-switchboard-priority: low} (may be shed while a route burns its error budget). They are copied
 * into the call for the route policy; they are never forwarded upstream.
 */
public final class ClientHints {
    private ClientHints() {}

    public static Call withHints(Call call, MultiMap requestHeaders) {
        Map<String, String> headers = null;
        for (String name : new String[] {TierCatalog.HEADER, RoutePolicy.PRIORITY_HEADER}) {
            String value = requestHeaders.get(name);
            if (value == null) continue;
            if (headers == null) headers = new LinkedHashMap<>(call.headers());
            headers.put(name, value.strip());
        }
        return headers == null ? call : call.toBuilder().headers(headers).build();
    }
}
