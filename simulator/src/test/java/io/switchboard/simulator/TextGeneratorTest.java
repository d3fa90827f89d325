package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TextGeneratorTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private final TextGenerator generator = new TextGenerator(7);

    private Generation full(String model, String prompt) {
        return generator.generate(model, prompt, "", Integer.MAX_VALUE);
    }

    @Test
    void sameInputsGiveTheSameGeneration() {
        Generation a = full(MODEL, "Tell me about rivers.");
        Generation b = new TextGenerator(7).generate(MODEL, "Tell me about rivers.", "", Integer.MAX_VALUE);
        assertThat(a).isEqualTo(b);
        assertThat(a.truncated()).isFalse();
    }

    @Test
    void differentPromptsModelsAndSeedsGiveDifferentTexts() {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 200; i++) texts.add(full(MODEL, "prompt number " + i).text());
        assertThat(texts).hasSize(200);
        assertThat(full("gpt-4o", "hello").text()).isNotEqualTo(full(MODEL, "hello").text());
        assertThat(new TextGenerator(8).generate(MODEL, "hello", "", 1000).text())
            .isNotEqualTo(full(MODEL, "hello").text());
    }

    @Test
    void textIsAFewSentencesOfBoundedLength() {
        int shortest = Integer.MAX_VALUE, longest = 0;
        for (int i = 0; i < 300; i++) {
            Generation g = full(i % 2 == 0 ? MODEL : "gpt-4o", "q" + i);
            shortest = Math.min(shortest, g.outputTokens());
            longest = Math.max(longest, g.outputTokens());
            assertThat(g.text()).matches("[A-Z][a-z ,]*\\.( [A-Z][a-z ,]*\\.)*");
        }
        assertThat(shortest).isBetween(20, 40);
        assertThat(longest).isBetween(100, 150);
    }

    @Test
    void piecesRebuildTheTextAndAreCountedExactly() {
        for (String model : List.of(MODEL, "gpt-4o", "gpt-4")) {
            Generation g = full(model, "count me");
            assertThat(String.join("", g.pieces())).isEqualTo(g.text());
            assertThat(g.outputTokens()).isEqualTo(TokenCounter.count(model, g.text()));
            int sum = g.pieces().stream().mapToInt(p -> TokenCounter.count(model, p)).sum();
            assertThat(sum).isEqualTo(g.outputTokens());
        }
    }

    @Test
    void inputTokensCountPromptAndPrefix() {
        Generation g = generator.generate("gpt-4o", "Some prompt text here", "Prefix", 100);
        assertThat(g.inputTokens())
            .isEqualTo(TokenCounter.count("gpt-4o", "Some prompt text here") + TokenCounter.count("gpt-4o", "Prefix"));
    }

    @Test
    void maxTokensTruncatesAtAPieceBoundaryWithExactCounts() {
        Generation whole = full(MODEL, "a long answer please");
        for (int max = 0; max < whole.outputTokens(); max++) {
            Generation cut = generator.generate(MODEL, "a long answer please", "", max);
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.outputTokens()).isEqualTo(max).isEqualTo(TokenCounter.count(MODEL, cut.text()));
            assertThat(cut.pieces()).isEqualTo(whole.pieces().subList(0, cut.pieces().size()));
            assertThat(whole.text()).startsWith(cut.text());
        }
        Generation exact = generator.generate(MODEL, "a long answer please", "", whole.outputTokens());
        assertThat(exact.truncated()).isFalse();
        assertThat(exact.text()).isEqualTo(whole.text());
    }

    @Test
    void aPrefixOfTheCanonicalTextIsContinuedWithExactlyTheRest() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            String prompt = "continue " + trial;
            String model = trial % 3 == 0 ? "gpt-4o" : MODEL;
            String text = full(model, prompt).text();
            int k = random.nextInt(text.length() + 1);
            Generation rest = generator.generate(model, prompt, text.substring(0, k), Integer.MAX_VALUE);
            assertThat(rest.text()).isEqualTo(text.substring(k));
            assertThat(String.join("", rest.pieces())).isEqualTo(rest.text());
            assertThat(rest.outputTokens()).isEqualTo(TokenCounter.count(model, rest.text()));
        }
    }

    @Test
    void continuationInsideAWordResumesMidWord() {
        String text = full(MODEL, "mid word").text();
        int space = text.indexOf(' ', 5);
        int k = space + 3; // two letters into the next word
        assertThat(generator.generate(MODEL, "mid word", text.substring(0, k), 1000).text())
            .isEqualTo(text.substring(k));
    }

    @Test
    void aForeignPrefixGeneratesFromPromptPlusPrefix() {
        Generation g = generator.generate(MODEL, "hello", "Certainly", Integer.MAX_VALUE);
        String fresh = full(MODEL, "helloCertainly").text();
        assertThat(g.text()).isEqualTo(" " + fresh);
        assertThat(generator.generate(MODEL, "hello", "Certainly ", Integer.MAX_VALUE).text())
            .isEqualTo(full(MODEL, "helloCertainly ").text());
        assertThat(g).isEqualTo(generator.generate(MODEL, "hello", "Certainly", Integer.MAX_VALUE));
    }

    @Test
    void nullPrefixMeansNoPrefix() {
        assertThat(generator.generate(MODEL, "x", null, 500)).isEqualTo(generator.generate(MODEL, "x", "", 500));
    }

    @Test
    void promptJoinsSystemAndMessagesSkippingEmptyParts() {
        assertThat(TextGenerator.promptOf("sys", List.of("a", "", "b"))).isEqualTo("sys\n\na\n\nb");
        assertThat(TextGenerator.promptOf(null, List.of("a"))).isEqualTo("a");
        assertThat(TextGenerator.promptOf("", List.of())).isEmpty();
    }
}
