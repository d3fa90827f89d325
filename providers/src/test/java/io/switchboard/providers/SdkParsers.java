package io.switchboard.providers;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.wire.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads encoded output with the official SDKs' own models and stream accumulators (with validation on), so a
 * test fails when a real client could not parse what a codec wrote.
 */
public final class SdkParsers {
    private SdkParsers() {}

    public static <T> T openAi(JsonNode json, Class<T> type) {
        try {
            return com.openai.core.ObjectMappers.jsonMapper().readValue(json.toString(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T openAi(String json, Class<T> type) {
        try {
            return com.openai.core.ObjectMappers.jsonMapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T anthropic(String json, Class<T> type) {
        try {
            return com.anthropic.core.ObjectMappers.jsonMapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The completion the OpenAI SDK assembles from Chat chunk frames (the {@code [DONE]} frame skipped). */
    public static ChatCompletion chatCompletion(List<SseEvent> frames) {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        for (SseEvent f : frames) {
            if (f.data().equals("[DONE]")) continue;
            ChatCompletionChunk chunk = openAi(f.data(), ChatCompletionChunk.class);
            chunk.validate();
            acc.accumulate(chunk);
        }
        ChatCompletion completion = acc.chatCompletion();
        completion.validate();
        return completion;
    }

    /** The Response the OpenAI SDK assembles from Responses stream frames. */
    public static Response response(List<SseEvent> frames) {
        ResponseAccumulator acc = ResponseAccumulator.create();
        for (SseEvent f : frames) {
            ResponseStreamEvent event = openAi(f.data(), ResponseStreamEvent.class);
            event.validate();
            acc.accumulate(event);
        }
        Response response = acc.response();
        response.validate();
        return response;
    }

    /** The Message the Anthropic SDK assembles from Messages stream frames. */
    public static com.anthropic.models.messages.Message message(List<SseEvent> frames) {
        MessageAccumulator acc = MessageAccumulator.create();
        for (SseEvent f : frames) {
            RawMessageStreamEvent event = anthropic(f.data(), RawMessageStreamEvent.class);
            event.validate();
            acc.accumulate(event);
        }
        com.anthropic.models.messages.Message message = acc.message();
        message.validate();
        return message;
    }
}
