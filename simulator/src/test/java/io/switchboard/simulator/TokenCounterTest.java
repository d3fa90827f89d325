package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTest {

    @Test
    void countsKnownTokenisations() {
        // Reference values from OpenAI's tiktoken: "hello world" is [15339, 1917] in cl100k_base.
        assertThat(TokenCounter.count("gpt-4", "hello world")).isEqualTo(2);
        assertThat(TokenCounter.count("gpt-4o", "hello world")).isEqualTo(2);
        assertThat(TokenCounter.count("gpt-4", "")).isZero();
        assertThat(TokenCounter.count("gpt-4", null)).isZero();
    }

    @Test
    void picksO200kForCurrentOpenAiFamiliesAndCl100kOtherwise() {
        assertThat(TokenCounter.usesO200k("gpt-4o-mini")).isTrue();
        assertThat(TokenCounter.usesO200k("gpt-4.1-nano")).isTrue();
        assertThat(TokenCounter.usesO200k("gpt-5")).isTrue();
        assertThat(TokenCounter.usesO200k("o3-mini")).isTrue();
        assertThat(TokenCounter.usesO200k("o1")).isTrue();
        assertThat(TokenCounter.usesO200k("openai/gpt-4o")).isTrue();
        assertThat(TokenCounter.usesO200k("gpt-4-turbo")).isFalse();
        assertThat(TokenCounter.usesO200k("gpt-3.5-turbo")).isFalse();
        assertThat(TokenCounter.usesO200k("claude-sonnet-4-5")).isFalse();
        assertThat(TokenCounter.usesO200k("omni")).isFalse();
    }

    @Test
    void theTwoEncodingsDisagreeOnNonEnglishText() {
        String text = "Съешь же ещё этих мягких французских булок, да выпей чаю. 日本語のテキストを数えます。";
        assertThat(TokenCounter.count("gpt-4o", text)).isNotEqualTo(TokenCounter.count("gpt-4", text));
        assertThat(TokenCounter.count("claude-haiku-4-5", text)).isEqualTo(TokenCounter.count("gpt-4", text));
    }

    @Test
    void specialTokenMarkersAreCountedAsText() {
        assertThat(TokenCounter.count("gpt-4", "<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void piecesAreSingleTokensThatRebuildTheText() {
        String text = "The quick brown fox, jumps over the lazy dog.";
        List<TokenCounter.Piece> pieces = TokenCounter.pieces("gpt-4", text);
        assertThat(pieces).allSatisfy(p -> assertThat(p.tokens()).isEqualTo(1));
        assertThat(String.join("", pieces.stream().map(TokenCounter.Piece::text).toList())).isEqualTo(text);
        assertThat(pieces).hasSize(TokenCounter.count("gpt-4", text));
    }

    @Test
    void piecesNeverSplitAMultiByteCharacter() {
        String text = "Emoji 🎉🎉 and 日本語 and naïve café";
        for (String model : List.of("gpt-4", "gpt-4o")) {
            List<TokenCounter.Piece> pieces = TokenCounter.pieces(model, text);
            StringBuilder joined = new StringBuilder();
            int tokens = 0;
            for (TokenCounter.Piece p : pieces) {
                assertThat(p.text()).doesNotContain("\uFFFD");
                joined.append(p.text());
                tokens += p.tokens();
            }
            assertThat(joined.toString()).isEqualTo(text);
            assertThat(tokens).isEqualTo(TokenCounter.count(model, text));
        }
    }
}
