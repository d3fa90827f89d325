package io.switchboard.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.EngineJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelFieldSpliceTest {
    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String splice(String body, String model) {
        byte[] out = ModelFieldSplice.apply(utf8(body), model);
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheTopLevelModelStringChangesAndEveryOtherByteStays() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"use \\\"model\\\": x ✓\",\"model\":\"inner\"}],\n"
                + "  \"temperature\": 0.70, \"model\" : \"chat\\u0041\", \"metadata\":{\"model\":\"m\"}}";
        assertThat(splice(body, "gpt-4o-mini")).isEqualTo(body.replace("\"chat\\u0041\"", "\"gpt-4o-mini\""));
        assertThat(EngineJson.parseOrNull(utf8(splice(body, "a\"b/ü"))).path("model").asText()).isEqualTo("a\"b/ü");
    }

    @Test
    void aBodyWithoutATopLevelModelStringIsLeftToTheTreeEdit() {
        assertThat(splice("{\"messages\":[{\"model\":\"x\"}]}", "m")).isNull();
        assertThat(splice("{\"model\":42}", "m")).isNull();
        assertThat(splice("[\"model\"]", "m")).isNull();
        assertThat(splice("{\"model\":\"x\"", "m")).isEqualTo("{\"model\":\"m\"");
        assertThat(splice("not json", "m")).isNull();
    }
}
