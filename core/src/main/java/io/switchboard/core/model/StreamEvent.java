package io.switchboard.core.model;

/**
 * Provider-neutral stream events, in Anthropic's block structure because it is the richest:
 * {@code MessageStart}, then per content part {@code PartStart}/deltas/{@code PartStop}, then
 * {@code MessageStop}. {@code index} numbers the parts of the answer from 0 in order of appearance.
 * A decoder for a format without explicit part boundaries (OpenAI Chat) synthesises them.
 */
public sealed interface StreamEvent {

    /** First event. {@code usage} carries what is known up front (input tokens), or {@link Usage#ZERO}. */
    record MessageStart(String id, String model, Usage usage, long createdAt) implements StreamEvent {}

    /** A text part begins. */
    record TextStart(int index) implements StreamEvent {}

    record TextDelta(int index, String text) implements StreamEvent {}

    /** A tool-call part begins; its arguments follow as {@link ToolArgumentsDelta}s. */
    record ToolCallStart(int index, String id, String name) implements StreamEvent {}

    record ToolArgumentsDelta(int index, String partialJson) implements StreamEvent {}

    record ThinkingDelta(int index, String text) implements StreamEvent {}

    record PartStop(int index) implements StreamEvent {}

    /** Last event of a successful stream, with the final cumulative usage. */
    record MessageStop(StopReason stopReason, String stopSequence, Usage usage) implements StreamEvent {}

    /** The upstream reported an error inside the stream (after HTTP 200). Terminal. */
    record Error(ProviderError error) implements StreamEvent {}
}
