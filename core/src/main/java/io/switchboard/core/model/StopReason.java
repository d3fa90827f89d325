package io.switchboard.core.model;

/**
 * Why generation ended. Mapping: OpenAI {@code stop}→END_TURN (or STOP_SEQUENCE when a stop string matched),
 * {@code length}→MAX_TOKENS, {@code tool_calls}→TOOL_USE, {@code content_filter}→CONTENT_FILTER;
 * Anthropic {@code end_turn, max_tokens, stop_sequence, tool_use, refusal, pause_turn,
 * model_context_window_exceeded} map by name.
 */
public enum StopReason { END_TURN, MAX_TOKENS, STOP_SEQUENCE, TOOL_USE, CONTENT_FILTER, REFUSAL, PAUSE_TURN, CONTEXT_WINDOW_EXCEEDED }
