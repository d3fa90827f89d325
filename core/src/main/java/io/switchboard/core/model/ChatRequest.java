package io.switchboard.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider-neutral chat request. Only what crosses providers is modelled; when the client's wire format
 * equals the upstream's, the gateway forwards the original bytes and this object is never built.
 * Nullable fields mean "not set": the codec then leaves the wire field out.
 */
public record ChatRequest(
        String model,
        String system,
        List<Message> messages,
        Integer maxTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        boolean stream,
        String user,
        Map<String, String> metadata) {

    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().model(model).system(system).messages(messages).maxTokens(maxTokens)
                .temperature(temperature).topP(topP).stop(stop).tools(tools).toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls).responseFormat(responseFormat).stream(stream)
                .user(user).metadata(metadata);
    }

    public ChatRequest withModel(String newModel) { return toBuilder().model(newModel).build(); }

    public static final class Builder {
        private String model, system, user;
        private List<Message> messages = List.of();
        private Integer maxTokens;
        private Double temperature, topP;
        private List<String> stop;
        private List<Tool> tools;
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private boolean stream;
        private Map<String, String> metadata;

        public Builder model(String v) { model = v; return this; }
        public Builder system(String v) { system = v; return this; }
        public Builder messages(List<Message> v) { messages = v; return this; }
        public Builder maxTokens(Integer v) { maxTokens = v; return this; }
        public Builder temperature(Double v) { temperature = v; return this; }
        public Builder topP(Double v) { topP = v; return this; }
        public Builder stop(List<String> v) { stop = v; return this; }
        public Builder tools(List<Tool> v) { tools = v; return this; }
        public Builder toolChoice(ToolChoice v) { toolChoice = v; return this; }
        public Builder parallelToolCalls(Boolean v) { parallelToolCalls = v; return this; }
        public Builder responseFormat(ResponseFormat v) { responseFormat = v; return this; }
        public Builder stream(boolean v) { stream = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder metadata(Map<String, String> v) { metadata = v; return this; }

        public ChatRequest build() {
            return new ChatRequest(model, system, messages, maxTokens, temperature, topP, stop, tools, toolChoice,
                    parallelToolCalls, responseFormat, stream, user, metadata);
        }
    }
}
