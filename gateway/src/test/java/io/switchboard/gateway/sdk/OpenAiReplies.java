package io.switchboard.gateway.sdk;

import static java.util.stream.Collectors.joining;

import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;

/** Reads what the OpenAI SDK parsed: texts of completions and responses, and whole streams. */
final class OpenAiReplies {
    private OpenAiReplies() {}

    /** A chat stream as the SDK delivered it: every chunk, plus the completion its accumulator built. */
    record ChatStream(List<ChatCompletionChunk> chunks, ChatCompletion accumulated) {
        /** The concatenated {@code delta.content} of every chunk, in order. */
        String text() {
            StringBuilder sb = new StringBuilder();
            chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(sb::append)));
            return sb.toString();
        }
    }

    /** A Responses stream as the SDK delivered it: every event, plus the response its accumulator built. */
    record ResponseStream(List<ResponseStreamEvent> events, Response accumulated) {
        /** The concatenated {@code response.output_text.delta} events, in order. */
        String text() {
            return events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta()).collect(joining());
        }
    }

    static ChatStream read(StreamResponse<ChatCompletionChunk> stream) {
        try (stream) {
            ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
            List<ChatCompletionChunk> chunks = new ArrayList<>();
            stream.stream().forEach(chunk -> {
                chunk.validate();
                chunks.add(acc.accumulate(chunk));
            });
            return new ChatStream(chunks, acc.chatCompletion());
        }
    }

    static ResponseStream readResponses(StreamResponse<ResponseStreamEvent> stream) {
        try (stream) {
            ResponseAccumulator acc = ResponseAccumulator.create();
            List<ResponseStreamEvent> events = new ArrayList<>();
            stream.stream().forEach(event -> {
                event.validate();
                events.add(acc.accumulate(event));
            });
            return new ResponseStream(events, acc.response());
        }
    }

    /** The first choice's message text; fails when there is none. */
    static String text(ChatCompletion completion) {
        return completion.choices().getFirst().message().content().orElseThrow();
    }

    /** All {@code output_text} parts of all output messages, concatenated. */
    static String text(Response response) {
        return response.output().stream().flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text).collect(joining());
    }
}
