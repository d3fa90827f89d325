package io.switchboard.core.chain;

import java.util.Objects;

/** Where one attempt of a call goes: a configured provider name and the model to ask it for. */
public record Target(String provider, String model) {
    public Target {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** {@code provider/model}, as reported in the {@code x-switchboard-target} header. */
    @Override
    public String toString() { return provider + "/" + model; }
}
