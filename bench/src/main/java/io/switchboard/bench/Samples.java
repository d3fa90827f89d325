package io.switchboard.bench;

import java.nio.charset.StandardCharsets;

/**
 * Realistic wire bodies shared by the benchmarks, shaped like the examples of the OpenAI Chat Completions
 * and Anthropic Messages API references: small enough to be typical, large enough not to be trivial.
 */
final class Samples {
    private Samples() {}

    /** An OpenAI Chat request of about 1 KB: system prompt, a short conversation, one tool. */
    static final String OPENAI_CHAT_REQUEST = """
            {
              "model": "%s",
              "max_completion_tokens": 512,
              "temperature": 0.2,
              "messages": [
                {"role": "system", "content": "You are a concise support assistant for an online bookshop. Answer in two or three sentences, cite the order number when you use one, and never invent delivery dates."},
                {"role": "user", "content": "Hi, I ordered three paperbacks last Tuesday and the tracking page still says the parcel is being prepared. Order number is 48213-BK. Can you tell me what is going on?"},
                {"role": "assistant", "content": "Thanks for the order number. Let me look that up for you."},
                {"role": "user", "content": "Sure. Also, one of the books was a gift, so if it is going to be late I would like to change the delivery address to my sister's flat instead of mine. Is that still possible at this stage?"}
              ],
              "tools": [
                {"type": "function", "function": {
                  "name": "lookup_order",
                  "description": "Fetches the status and delivery details of an order by its number.",
                  "parameters": {"type": "object", "properties": {"order_number": {"type": "string"}}, "required": ["order_number"]}
                }}
              ]
            }
            """;

    /** The request above addressed to {@code model}, as UTF-8 bytes. */
    static byte[] openAiChatRequest(String model) {
        return OPENAI_CHAT_REQUEST.formatted(model).getBytes(StandardCharsets.UTF_8);
    }

    /** An Anthropic Messages answer: one text block and usage. */
    static final byte[] ANTHROPIC_RESPONSE = """
            {
              "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
              "type": "message",
              "role": "assistant",
              "model": "claude-sonnet-4-5",
              "content": [
                {"type": "text", "text": "Order 48213-BK is still being packed because one of the three paperbacks arrived at our warehouse late. You can change the delivery address until it ships: open the order page and choose Edit delivery."}
              ],
              "stop_reason": "end_turn",
              "stop_sequence": null,
              "usage": {"input_tokens": 212, "output_tokens": 48, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0}
            }
            """.getBytes(StandardCharsets.UTF_8);
}
