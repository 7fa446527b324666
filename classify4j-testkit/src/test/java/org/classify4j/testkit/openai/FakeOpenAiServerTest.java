package org.classify4j.testkit.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeOpenAiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> post(FakeOpenAiServer s, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(s.baseUrl().resolve("/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(String user, int top) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(user)
        + "}],\"logprobs\":true,\"top_logprobs\":" + top + ",\"max_tokens\":5}";
  }

  private HttpResponse<String> complete(FakeOpenAiServer s, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(s.baseUrl().resolve("/v1/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void completionsEchoThePromptTokensWithTheTableLogprobs() throws Exception {
    TokenTableLm lm = new TokenTableLm(java.util.Map.of(" cat", -0.25, " cat| sat", -0.5), -2.0);
    assertThat(TokenTableLm.tokenize("The cat sat.")).containsExactly("The", " cat", " sat", ".");
    try (FakeOpenAiServer s = new FakeOpenAiServer(ChatScript.fixed("A"))) {
      // off by default: a chat-only server
      assertThat(complete(s, "{\"prompt\":\"x\"}").statusCode()).isEqualTo(404);
      s.completions(lm);
      HttpResponse<String> r = complete(s, "{\"model\":\"m\",\"prompt\":[\"The cat sat\",\"A cat\"],"
          + "\"echo\":true,\"logprobs\":1,\"max_tokens\":1}");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode n = JSON.readTree(r.body());
      JsonNode c0 = n.path("choices").get(0);
      assertThat(c0.path("text").asText()).isEqualTo("The cat sat.");
      assertThat(c0.path("logprobs").path("tokens").toString())
          .isEqualTo("[\"The\",\" cat\",\" sat\",\".\"]");
      assertThat(c0.path("logprobs").path("token_logprobs").toString())
          .isEqualTo("[null,-0.25,-0.5,-2.0]");
      assertThat(c0.path("logprobs").path("text_offset").toString()).isEqualTo("[0,3,7,11]");
      assertThat(n.path("choices").get(1).path("text").asText()).isEqualTo("A cat.");
      assertThat(n.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
      assertThat(n.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
      // without echo: the generated token only
      JsonNode plain = JSON.readTree(complete(s, "{\"prompt\":\"The cat\",\"logprobs\":1,"
          + "\"max_tokens\":1}").body());
      assertThat(plain.path("choices").get(0).path("text").asText()).isEqualTo(".");
      // max_tokens 0 refused, as some vLLM versions do
      assertThat(complete(s, "{\"prompt\":\"x\",\"echo\":true,\"max_tokens\":0}").statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void keywordScriptAnswersWithTopLogprobsInTheWireFormat() throws Exception {
    String prompt = "Classify.\n\nOptions:\nA. sports — games\nB. cooking — food\n\n"
        + "Text: Bake the bread\nAnswer:";
    try (FakeOpenAiServer s = new FakeOpenAiServer(new KeywordChatScript(
        Map.of("sports", List.of("game"), "cooking", List.of("bake", "bread"))))) {
      HttpResponse<String> r = post(s, body(prompt, 2));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode n = JSON.readTree(r.body());
      assertThat(n.path("object").asText()).isEqualTo("chat.completion");
      JsonNode choice = n.path("choices").get(0);
      assertThat(choice.path("message").path("content").asText()).isEqualTo("B");
      JsonNode tok = choice.path("logprobs").path("content").get(0);
      assertThat(tok.path("top_logprobs")).hasSize(2);
      assertThat(tok.path("top_logprobs").get(0).path("token").asText()).isEqualTo("B");
      double pB = Math.exp(tok.path("top_logprobs").get(0).path("logprob").asDouble());
      assertThat(pB).isCloseTo(0.95 * Math.exp(4) / (Math.exp(4) + 1), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(n.path("usage").path("completion_tokens").asInt()).isEqualTo(1);
      assertThat(n.path("usage").path("prompt_tokens").asInt())
          .isEqualTo(3 + 4 + (prompt.length() + 3) / 4);
    }
  }

  @Test
  void randomFaultsAreSeededByBodyNotByTiming() throws Exception {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (List<Integer> out : List.of(first, second)) {
      try (FakeOpenAiServer s = new FakeOpenAiServer(ChatScript.fixed("A"))) {
        s.randomFaults(0.3, 5, List.of(Fault.of(Fault.Kind.SERVER_ERROR)));
        for (int i = 0; i < 200; i++) {
          out.add(post(s, body("doc " + i, 0)).statusCode());
        }
        assertThat(s.faultCount()).isEqualTo(out.stream().filter(c -> c == 500).count());
      }
    }
    assertThat(first).isEqualTo(second);
    long faults = first.stream().filter(c -> c == 500).count();
    assertThat(faults).isBetween(35L, 85L);
  }

  @Test
  void unknownPathsAndBadBodiesAreClientErrors() throws Exception {
    try (FakeOpenAiServer s = new FakeOpenAiServer(ChatScript.fixed("A"))) {
      assertThat(post(s, "not json").statusCode()).isEqualTo(400);
      assertThat(post(s, "{\"model\":\"m\",\"messages\":[]}").statusCode()).isEqualTo(400);
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.baseUrl().resolve("/v1/models"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
    }
  }
}
