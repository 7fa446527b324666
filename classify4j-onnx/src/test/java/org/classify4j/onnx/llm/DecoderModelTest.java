package org.classify4j.onnx.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The decoder against transformers: the references in each tiny model's reference.json were
 * computed by scripts/make_tiny_llms.py with one full forward pass per label (no cache, no trie).
 */
class DecoderModelTest {

  static Path dir(String name) {
    try {
      return Path.of(DecoderModelTest.class.getResource("/llm/" + name + "/model.onnx").toURI())
          .getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode reference(String name) throws Exception {
    return Json.mapper().readTree(dir(name).resolve("reference.json").toFile());
  }

  static long[] ids(JsonNode arr) {
    long[] out = new long[arr.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = arr.get(i).asLong();
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-llama", "tiny-gpt2"})
  void trieAndCacheGiveTheReferenceLogProbabilities(String name) throws Exception {
    JsonNode ref = reference(name);
    boolean chat = ref.get("chat_template").asBoolean();
    try (DecoderModel m = DecoderModel.open(dir(name), 1)) {
      assertThat(m.chatTemplate()).isEqualTo(chat ? ChatTemplate.CHATML : ChatTemplate.NONE);
      int cases = 0;
      for (JsonNode c : ref.get("cases")) {
        String prompt = c.get("prompt").asText();
        long[] promptIds = m.encode(prompt, !chat);
        assertThat(promptIds).as(c.get("name").asText()).containsExactly(ids(c.get("prompt_ids")));
        List<long[]> answers = new ArrayList<>();
        for (JsonNode a : c.get("answers")) {
          long[] ans = m.answerIds(prompt, promptIds, (chat ? "" : " ") + a.get("answer").asText(),
              !chat);
          if (chat) {
            ans = java.util.Arrays.copyOf(ans, ans.length + 1);
            ans[ans.length - 1] = m.tokenId(ChatTemplate.CHATML.endOfTurn());
          }
          assertThat(ans).as(c.get("name").asText() + " " + a.get("answer").asText())
              .containsExactly(ids(a.get("ids")));
          answers.add(ans);
        }
        double[] fast = m.logProbs(promptIds, answers);
        double[] naive = m.logProbsNaive(promptIds, answers);
        for (int i = 0; i < answers.size(); i++) {
          double want = c.get("answers").get(i).get("logprob").asDouble();
          assertThat(fast[i]).as(c.get("name").asText() + " answer " + i).isCloseTo(want, within(1e-4));
          assertThat(naive[i]).as(c.get("name").asText() + " naive " + i).isCloseTo(want, within(1e-4));
        }
        cases++;
      }
      assertThat(cases).isEqualTo(10);
    }
  }

  @Test
  void sharedPrefixesAreRunOnce() throws Exception {
    try (DecoderModel m = DecoderModel.open(dir("tiny-gpt2"), 1)) {
      long[] prompt = m.encode("Text: hello\nLabel:", true);
      long before = m.forwardCalls();
      // single-token answers: the prompt pass (2 runs: head + last token) and nothing else
      m.logProbs(prompt, List.of(new long[] {10}, new long[] {11}, new long[] {12}));
      assertThat(m.forwardCalls() - before).isEqualTo(2);
      before = m.forwardCalls();
      // [5,6,7] and [5,6,8] share [5,6]: one pass for 5, one for 6
      m.logProbs(prompt, List.of(new long[] {5, 6, 7}, new long[] {5, 6, 8}, new long[] {9}));
      assertThat(m.forwardCalls() - before).isEqualTo(4);
    }
  }

  @Test
  void greedyGenerationStopsAtTheLimit() {
    try (DecoderModel m = DecoderModel.open(dir("tiny-llama"), 1)) {
      long[] out = m.generate(m.encode("Text: hello", true), 5);
      assertThat(out.length).isBetween(0, 5);
      assertThat(m.decode(out)).isNotNull();
    }
  }

  @Test
  void aDirectoryWithoutAModelIsRefusedNamingTheFile(@org.junit.jupiter.api.io.TempDir Path tmp) {
    assertThatThrownBy(() -> DecoderModel.open(tmp, 1))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("model.onnx");
  }
}
