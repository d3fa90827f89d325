/**
 * The request path as a chain of interceptors, free of any HTTP library: a {@link io.switchboard.core.chain.Call}
 * goes down through {@link io.switchboard.core.chain.Policy policies} in {@link io.switchboard.core.chain.Stage}
 * order and a {@link io.switchboard.core.chain.Reply} (complete or a {@link io.switchboard.core.chain.ByteSource}
 * stream, already in the client's wire format) comes back up. The engine assembles its chain in one place,
 * {@code io.switchboard.engine.EngineChain}.
 */
package io.switchboard.core.chain;
