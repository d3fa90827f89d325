package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineJsonTest {
    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void topLevelFieldFindsOnlyTheTopLevelOneWhereverItIs() {
        byte[] body = utf8("{\"choices\":[{\"usage\":{\"total_tokens\":1},\"text\":\"{\\\"usage\\\":2}\"}],"
                + "\"nested\":{\"usage\":3},\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5},\"after\":[1,2]}");
        assertThat(EngineJson.topLevelField(body, "usage").path("prompt_tokens").asLong()).isEqualTo(7);
        assertThat(EngineJson.topLevelField(body, "after").size()).isEqualTo(2);
        assertThat(EngineJson.topLevelField(body, "missing")).isNull();
    }

    @Test
    void topLevelFieldIsNullForAnythingButAJsonObject() {
        assertThat(EngineJson.topLevelField(utf8("[{\"usage\":1}]"), "usage")).isNull();
        assertThat(EngineJson.topLevelField(utf8("{\"usage\":"), "usage")).isNull();
        assertThat(EngineJson.topLevelField(utf8("not json"), "usage")).isNull();
        assertThat(EngineJson.topLevelField(new byte[0], "usage")).isNull();
        assertThat(EngineJson.topLevelField(null, "usage")).isNull();
    }
}
