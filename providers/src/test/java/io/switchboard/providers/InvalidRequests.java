package io.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormat;

/** The check every request-decoding test makes of bad input: an invalid-request error that names the field. */
public final class InvalidRequests {
    private InvalidRequests() {}

    /** Decoding {@code json} fails with {@code INVALID_REQUEST}, {@code param} set to the field and named in the message. */
    public static void assertRejected(WireFormat format, String json, String param) {
        assertThatThrownBy(() -> format.decodeRequest(Fixtures.parse(json)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.error().param()).isEqualTo(param);
                    assertThat(e.error().message()).contains(param);
                });
    }
}
