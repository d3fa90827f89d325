package io.switchboard.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated Claude answers to one request: its content blocks (as token pieces, so the same reply can
 * be rendered whole or streamed), stop reason and usage. Shapes follow provider-apis.md B1 and anthropic-java's
 * {@code Message}/{@code Usage} models.
 */
record AnthropicReply(String id, String model, List<Block> content, String stopReason, String stopSequence,
                      int inputTokens, int outputTokens) {

    /** A content block of the reply. */
    sealed interface Block {}

    /** A text block, as the pieces it streams in. */
    record Text(List<TokenCounter.Piece> pieces) implements Block {
        String text() {
            StringBuilder sb = new StringBuilder();
            for (TokenCounter.Piece p : pieces) sb.append(p.text());
            return sb.toString();
        }
    }

    /** A tool call; {@code jsonPieces} are the serialised input, streamed as {@code input_json_delta}s. */
    record ToolUse(String id, String name, ObjectNode input, List<TokenCounter.Piece> jsonPieces) implements Block {}

    /**
     * Composes the reply. Rules, in order: a stop sequence in the text cuts it there ({@code stop_sequence});
     * running out of budget gives {@code max_tokens}; a tool call (see {@link AnthropicRequest#toolToCall()})
     * follows the text's first sentence ({@code tool_use}) unless its input would exceed the budget, in which case
     * the call is dropped and the reply ends with {@code max_tokens}; otherwise {@code end_turn}.
     */
    static AnthropicReply compose(AnthropicRequest request, Generation generation, String messageId, String toolUseId) {
        String model = request.modelId();
        List<TokenCounter.Piece> text = piecesOf(generation, model);
        boolean truncated = generation.truncated();
        AnthropicRequest.Tool tool = request.toolToCall();
        if (tool != null) {
            int sentenceEnd = firstSentenceEnd(text);
            if (sentenceEnd >= 0) {
                text = new ArrayList<>(text.subList(0, sentenceEnd + 1));
                truncated = false;
            }
        }
        int inputTokens = generation.inputTokens() + TokenCounter.count(model, request.toolsText());
        String servedModel = request.model().id();

        String stop = earliestStop(join(text), request.stopSequences());
        if (stop != null) {
            List<TokenCounter.Piece> cut = cutAt(text, join(text).indexOf(stop), model);
            return new AnthropicReply(messageId, servedModel, textBlocks(cut), "stop_sequence", stop, inputTokens, tokens(cut));
        }
        if (truncated) {
            return new AnthropicReply(messageId, servedModel, textBlocks(text), "max_tokens", null, inputTokens, tokens(text));
        }
        if (tool != null) {
            ObjectNode input = AnthropicToolInput.forSchema(tool.inputSchema(), request.promptText().hashCode());
            List<TokenCounter.Piece> json = TokenCounter.pieces(model, input.toString());
            int total = tokens(text) + tokens(json);
            if (total > request.maxTokens()) {
                return new AnthropicReply(messageId, servedModel, textBlocks(text), "max_tokens", null, inputTokens, tokens(text));
            }
            List<Block> blocks = new ArrayList<>(textBlocks(text));
            blocks.add(new ToolUse(toolUseId, tool.name(), input, json));
            return new AnthropicReply(messageId, servedModel, blocks, "tool_use", null, inputTokens, total);
        }
        return new AnthropicReply(messageId, servedModel, textBlocks(text), "end_turn", null, inputTokens, tokens(text));
    }

    private static List<TokenCounter.Piece> piecesOf(Generation generation, String model) {
        List<String> pieces = generation.pieces();
        // Every piece is at least one token, so as many pieces as tokens means exactly one each: skip re-counting.
        boolean oneEach = pieces.size() == generation.outputTokens();
        List<TokenCounter.Piece> out = new ArrayList<>(pieces.size());
        for (String piece : pieces) out.add(new TokenCounter.Piece(piece, oneEach ? 1 : TokenCounter.count(model, piece)));
        return out;
    }

    private static int firstSentenceEnd(List<TokenCounter.Piece> pieces) {
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i).text().contains(".")) return i;
        }
        return -1;
    }

    private static String earliestStop(String text, List<String> stops) {
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && at < bestAt) {
                best = stop;
                bestAt = at;
            }
        }
        return best;
    }

    /** The pieces that make up {@code text[0..end)}, re-counting a piece the cut falls inside. */
    private static List<TokenCounter.Piece> cutAt(List<TokenCounter.Piece> pieces, int end, String model) {
        List<TokenCounter.Piece> kept = new ArrayList<>();
        int at = 0;
        for (TokenCounter.Piece piece : pieces) {
            if (at >= end) break;
            int len = piece.text().length();
            if (at + len <= end) {
                kept.add(piece);
            } else {
                String head = piece.text().substring(0, end - at);
                kept.add(new TokenCounter.Piece(head, TokenCounter.count(model, head)));
            }
            at += len;
        }
        return kept;
    }

    private static List<Block> textBlocks(List<TokenCounter.Piece> pieces) {
        return pieces.isEmpty() ? List.of() : List.of(new Text(List.copyOf(pieces)));
    }

    private static String join(List<TokenCounter.Piece> pieces) {
        return new Text(pieces).text();
    }

    private static int tokens(List<TokenCounter.Piece> pieces) {
        int sum = 0;
        for (TokenCounter.Piece p : pieces) sum += p.tokens();
        return sum;
    }
}
