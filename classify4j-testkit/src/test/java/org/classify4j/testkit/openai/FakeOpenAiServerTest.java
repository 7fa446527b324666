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
