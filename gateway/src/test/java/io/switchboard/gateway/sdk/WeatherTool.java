package io.switchboard.gateway.sdk;

import com.anthropic.models.messages.Tool;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import java.util.List;
import java.util.Map;

/**
 * One function tool, {@code get_weather(city)}, in each SDK's own types. {@code city} is an enum so that
 * both simulated APIs fill it with its first value and the arguments are known exactly: {@link #ARGUMENTS}.
 */
final class WeatherTool {
    static final String NAME = "get_weather";
    static final String DESCRIPTION = "Current weather for a city";
    /** The arguments the simulated model calls the tool with (the first enum value). */
    static final Map<String, String> ARGUMENTS = Map.of("city", "Paris");
    /** What the caller's code answers with. */
    static final String RESULT = "18 degrees Celsius, sunny";

    private static final Map<String, Object> CITY = Map.of("type", "string", "enum", List.of("Paris", "Tokyo"));

    private WeatherTool() {}

    static ChatCompletionFunctionTool openAi() {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder().name(NAME).description(DESCRIPTION)
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", CITY)))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .build();
    }

    static Tool anthropic() {
        return Tool.builder().name(NAME).description(DESCRIPTION)
                .inputSchema(Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(Map.of("city", CITY)))
                        .addRequired("city")
                        .build())
                .build();
    }
}
