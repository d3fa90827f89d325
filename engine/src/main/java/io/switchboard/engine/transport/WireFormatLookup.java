package io.switchboard.engine.transport;

import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;

/** Finds the codec of a wire format; the engine wires in {@code io.switchboard.providers.WireFormats::of}. */
@FunctionalInterface
public interface WireFormatLookup {
    WireFormat of(WireFormatId id);

    /** The format a provider kind speaks when a request must be translated for it. */
    static WireFormatId nativeFormat(String providerKind) {
        return providerKind.equals("anthropic") ? WireFormatId.ANTHROPIC_MESSAGES : WireFormatId.OPENAI_CHAT;
    }
}
