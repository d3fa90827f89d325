package io.switchboard.gateway.admin;

import io.switchboard.engine.keys.VirtualKey;
import io.switchboard.engine.keys.VirtualKeyStore;
import io.switchboard.gateway.KeyAuthenticator;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts a virtual key ({@code sk-sb-...}, caller id = the key's id, e.g. {@code vk_...}) or whatever
 * {@code master} accepts (the master key, caller {@code master}). Both checks compare keyed hashes in constant
 * time; the presented key is neither kept nor logged. Non-blocking: the key store answers from memory.
 */
public final class VirtualKeyAuthenticator implements KeyAuthenticator {
    private final KeyAuthenticator master;
    private final VirtualKeyStore keys;

    public VirtualKeyAuthenticator(KeyAuthenticator master, VirtualKeyStore keys) {
        this.master = Objects.requireNonNull(master, "master");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Optional<String> authenticate(String presentedKey) {
        Optional<VirtualKey> key = keys.authenticate(presentedKey);
        return key.isPresent() ? Optional.of(key.get().id()) : master.authenticate(presentedKey);
    }
}
