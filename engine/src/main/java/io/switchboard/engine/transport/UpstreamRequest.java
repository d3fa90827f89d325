package io.switchboard.engine.transport;

import io.switchboard.core.wire.WireFormatId;
import java.util.Map;

/**
 * What one attempt sends upstream.
 *
 * @param upstreamFormat the format the upstream answers in; null for a relay (bytes pass as they are)
 * @param translated     whether replies must be translated back into the client's format
 * @param body           the request body, or null for none
 */
record UpstreamRequest(String method, String uri, Map<String, String> headers, byte[] body,
                       WireFormatId upstreamFormat, boolean translated) {}
