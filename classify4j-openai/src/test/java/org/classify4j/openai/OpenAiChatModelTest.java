package org.classify4j.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.ResponseFormat;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.Fault;
import org.classify4j.testkit.openai.ScriptedReply;
import org.classify4j.testkit.openai.ScriptedToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {
  private final FakeOpenAiServer server = new FakeOpenAiServer(r -> new ScriptedReply(List.of(
      new ScriptedToken("B", Math.log(0.7), List.of(
          new ScriptedToken.Alternative("B", Math.log(0.7)),
          new ScriptedToken.Alternative("A", Math.log(0.2)),
          new ScriptedToken.Alternative(" C", Math.log(0.1)))),
      ScriptedToken.certain(" because"))));

  private OpenAiChatModel model(Duration timeout) {
    return new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "sk-test-key-123456", "fake-model")
        .withTimeouts(Duration.ofSeconds(2), timeout));
  }

  private static ChatRequest request() {
    return ChatRequest.builder()
        .messages(ChatMessage.system("sys"), ChatMessage.user("Pick one"))
        .seed(42).maxTokens(5).logprobs(3).extraBody("top_k", 1).build();
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void speaksTheChatCompletionsWireFormat() {
    ChatResponse r = model(Duration.ofSeconds(5)).chat(request());
    assertThat(r.text()).isEqualTo("B because");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.logprobs()).hasSize(2);
    assertThat(r.logprobs().get(0).top()).extracting(a -> a.token()).containsExactly("B", "A", " C");
    assertThat(r.logprobs().get(0).top().get(1).probability()).isCloseTo(0.2, within(1e-9));
    assertThat(r.usage().completionTokens()).isEqualTo(2);
    assertThat(r.usage().promptTokens()).isPositive();

    JsonNode sent = server.requests().get(0);
    assertThat(sent.path("model").asText()).isEqualTo("fake-model");
    assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Pick one");
    assertThat(sent.path("temperature").asDouble()).isZero();
    assertThat(sent.path("seed").asLong()).isEqualTo(42);
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(5);
    assertThat(sent.path("logprobs").asBoolean()).isTrue();
    assertThat(sent.path("top_logprobs").asInt()).isEqualTo(3);
    assertThat(sent.path("top_k").asInt()).isEqualTo(1);
  }

  @Test
  void sendsJsonSchemaResponseFormat() {
    ChatRequest r = request().toBuilder().noLogprobs().responseFormat(ResponseFormat.jsonSchema(
        "label", Map.of("type", "object", "properties", Map.of("answer",
            Map.of("type", "string", "enum", List.of("A", "B")))))).build();
    ChatResponse resp = model(Duration.ofSeconds(5)).chat(r);
    assertThat(resp.hasLogprobs()).isFalse();
    JsonNode rf = server.requests().get(0).path("response_format");
    assertThat(rf.path("type").asText()).isEqualTo("json_schema");
    assertThat(rf.path("json_schema").path("name").asText()).isEqualTo("label");
    assertThat(rf.path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(rf.path("json_schema").path("schema").path("properties").path("answer")
        .path("enum").get(1).asText()).isEqualTo("B");
    assertThat(server.requests().get(0).has("logprobs")).isFalse();
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() {
    ChatResponse r = model(Duration.ofSeconds(5)).chat(request().toBuilder().maxTokens(1).build());
    assertThat(r.text()).isEqualTo("B");
    assertThat(r.finishReason()).isEqualTo("length");
  }

  @Test
  void sendsTheKeyAsBearerAndMapsRefusalToAuth() {
    server.requireApiKey("sk-test-key-123456");
    assertThat(model(Duration.ofSeconds(5)).chat(request()).text()).startsWith("B");
    OpenAiChatModel wrongKey = new OpenAiChatModel(
        OpenAiConfig.of(server.baseUrl(), "sk-wrong-key-999999", "fake-model"));
    assertThatThrownBy(() -> wrongKey.chat(request()))
        .isInstanceOf(ChatModelException.Auth.class)
        .satisfies(e -> assertThat(((ChatModelException) e).retriable()).isFalse())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-wrong-key-999999"));
  }

  @Test
  void mapsEveryInjectedFaultToItsTypedError() {
    OpenAiChatModel m = model(Duration.ofMillis(300));
    server.enqueue(Fault.of(Fault.Kind.BAD_REQUEST), Fault.of(Fault.Kind.UNAUTHORIZED),
        Fault.rateLimited(Duration.ofMillis(1500)), Fault.of(Fault.Kind.SERVER_ERROR),
        new Fault(Fault.Kind.UNAVAILABLE, Duration.ofSeconds(2)),
        Fault.of(Fault.Kind.MALFORMED_JSON), Fault.of(Fault.Kind.DROP_CONNECTION),
        Fault.slow(Duration.ofSeconds(2)));
    assertThatThrownBy(() -> m.chat(request())).isInstanceOf(ChatModelException.InvalidRequest.class)
        .satisfies(e -> assertThat(((ChatModelException) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> m.chat(request())).isInstanceOf(ChatModelException.Auth.class);
    assertThatThrownBy(() -> m.chat(request())).isInstanceOfSatisfying(
        ChatModelException.RateLimited.class, e -> {
          assertThat(e.retriable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
        });
    assertThatThrownBy(() -> m.chat(request())).isInstanceOfSatisfying(
        ChatModelException.Unavailable.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThatThrownBy(() -> m.chat(request())).isInstanceOfSatisfying(
        ChatModelException.Unavailable.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        });
    assertThatThrownBy(() -> m.chat(request()))
        .isInstanceOf(ChatModelException.MalformedResponse.class)
        .satisfies(e -> assertThat(((ChatModelException) e).retriable()).isTrue());
    assertThatThrownBy(() -> m.chat(request())).isInstanceOf(ChatModelException.Unavailable.class)
        .satisfies(e -> assertThat(((ChatModelException) e).status()).isZero());
    assertThatThrownBy(() -> m.chat(request())).isInstanceOf(ChatModelException.Timeout.class);
    assertThat(m.chat(request()).text()).isEqualTo("B because");
    assertThat(server.faultCount()).isEqualTo(8);
  }

  @Test
  void statusTableCoversTheKinds() {
    var h = java.net.http.HttpHeaders.of(Map.of("Retry-After", List.of("3")), (a, b) -> true);
    assertThat(OpenAiErrors.fromStatus(404, "{}", h)).isInstanceOf(ChatModelException.InvalidRequest.class);
    assertThat(OpenAiErrors.fromStatus(422, "{}", h)).isInstanceOf(ChatModelException.InvalidRequest.class);
    assertThat(OpenAiErrors.fromStatus(403, "{}", h)).isInstanceOf(ChatModelException.Auth.class);
    assertThat(OpenAiErrors.fromStatus(408, "{}", h)).isInstanceOf(ChatModelException.Timeout.class);
    assertThat(OpenAiErrors.fromStatus(502, "{}", h)).isInstanceOf(ChatModelException.Unavailable.class);
    assertThat(((ChatModelException.RateLimited) OpenAiErrors.fromStatus(429, "{}", h)).retryAfter())
        .contains(Duration.ofSeconds(3));
    assertThat(OpenAiErrors.fromStatus(401,
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-abcdefghijklmnop\"}}", h)
        .getMessage()).contains("sk-***").doesNotContain("abcdefghijklmnop");
  }

  @Test
  void configFromEnvironment() {
    OpenAiConfig c = OpenAiConfig.fromEnvironment(Map.of(OpenAiConfig.ENV_BASE_URL,
        "http://localhost:8000/v1/", OpenAiConfig.ENV_API_KEY, "sk-secret-value",
        OpenAiConfig.ENV_MODEL, "llama"));
    assertThat(c.baseUrl().toString()).isEqualTo("http://localhost:8000/v1");
    assertThat(c.model()).isEqualTo("llama");
    assertThat(c.toString()).doesNotContain("sk-secret-value");
    assertThat(new OpenAiChatModel(c).id()).isEqualTo("openai:llama@localhost:8000");
    assertThat(OpenAiConfig.fromEnvironment(Map.of(OpenAiConfig.ENV_MODEL, "gpt-4o-mini")).baseUrl())
        .isEqualTo(OpenAiConfig.OPENAI);
    assertThatThrownBy(() -> OpenAiConfig.fromEnvironment(Map.of()))
        .hasMessageContaining(OpenAiConfig.ENV_MODEL);
  }

  @Test
  void serversWithoutLogprobsAnswerPlainly() {
    server.withoutLogprobs().script(ChatScript.fixed("C"));
    ChatResponse r = model(Duration.ofSeconds(5)).chat(request());
    assertThat(r.text()).isEqualTo("C");
    assertThat(r.hasLogprobs()).isFalse();
  }
}
