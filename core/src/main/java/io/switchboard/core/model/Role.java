package io.switchboard.core.model;

/**
 * Who speaks a {@link Message}. System and developer instructions are not messages in the neutral
 * model: they live in {@link ChatRequest#system()}, because Anthropic has no such role and OpenAI
 * accepts them anywhere.
 */
public enum Role { USER, ASSISTANT }
