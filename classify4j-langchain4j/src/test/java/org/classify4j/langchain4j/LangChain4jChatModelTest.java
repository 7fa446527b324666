package org.classify4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ResponseFormat;
import org.classify4j.llm.Usage;
import org.classify4j.testkit.openai.ChatScript;
import org.junit.jupiter.api.Test;

class LangChain4jChatModelTest {

  private static ChatRequest request(boolean schema) {
    ChatRequest.Builder b = ChatRequest.builder()
        .messages(ChatMessage.system("You classify."), ChatMessage.user("Text: a"),
            ChatMessage.assistant("A"), ChatMessage.user("Text: b"))
        .temperature(0.3).maxTokens(7).seed(5).logprobs(3);
    if (schema) {
      b.responseFormat(ResponseFormat.jsonSchema("label",
          Map.of("type", "object", "properties",
              Map.of("answer", Map.of("type", "string", "enum", List.of("A", "B"))))));
    }
    return b.build();
  }

  @Test
  void mapsMessagesParametersAndTheSchemaWhenTheModelSupportsOne() {
    var fake = new ScriptedLangChain4jChatModel(ChatScript.fixed("{\"answer\":\"B\"}"),
        Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
    var chat = LangChain4jChatModel.of("langchain4j:fake", fake);

    var response = chat.chat(request(true));

    var sent = fake.seen.get(0);
    assertThat(sent.messages()).hasSize(4);
    assertThat(sent.messages().get(0)).isEqualTo(SystemMessage.from("You classify."));
    assertThat(sent.messages().get(1)).isEqualTo(UserMessage.from("Text: a"));
    assertThat(sent.messages().get(2)).isEqualTo(AiMessage.from("A"));
    assertThat(sent.messages().get(3)).isEqualTo(UserMessage.from("Text: b"));
    assertThat(sent.temperature()).isEqualTo(0.3);
    assertThat(sent.maxOutputTokens()).isEqualTo(7);
    assertThat(sent.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
    assertThat(sent.responseFormat().jsonSchema().name()).isEqualTo("label");
    assertThat(((JsonRawSchema) sent.responseFormat().jsonSchema().rootElement()).schema())
        .contains("\"enum\":[\"A\",\"B\"]");
    assertThat(response.text()).isEqualTo("{\"answer\":\"B\"}");
    assertThat(response.logprobs()).isEmpty();
    assertThat(response.finishReason()).isEqualTo("stop");
    assertThat(response.usage()).isEqualTo(new Usage(100 + response.text().length(), 3));
  }

  @Test
  void declaresNoLogprobsNoSeedAndASchemaOnlyWhenTheModelListsIt() {
    var plain = LangChain4jChatModel.of("x", new ScriptedLangChain4jChatModel(
        ChatScript.fixed("A"), Set.of()));
    var schema = LangChain4jChatModel.of("y", new ScriptedLangChain4jChatModel(
        ChatScript.fixed("A"), Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)));
    var schemaOff = LangChain4jChatModel.builder("z", new ScriptedLangChain4jChatModel(
        ChatScript.fixed("A"), Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)))
        .jsonSchema(false).build();

    assertThat(plain.capabilities().logprobs()).isFalse();
    assertThat(plain.capabilities().seed()).isFalse();
    assertThat(plain.capabilities().jsonSchema()).isFalse();
    assertThat(schema.capabilities().jsonSchema()).isTrue();
    assertThat(schema.capabilities().logprobs()).isFalse();
    assertThat(schemaOff.capabilities().jsonSchema()).isFalse();
  }

  @Test
  void sendsNoSchemaToAModelWithoutJsonSchemaSupport() {
    var fake = new ScriptedLangChain4jChatModel(ChatScript.fixed("A"), Set.of());
    LangChain4jChatModel.of("x", fake).chat(request(true));

    assertThat(fake.seen.get(0).responseFormat()).isNull();
  }

  @Test
  void missingUsageIsZeroNotAnError() {
    dev.langchain4j.model.chat.ChatModel noUsage = new dev.langchain4j.model.chat.ChatModel() {
      @Override
      public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from("A")).build();
      }
    };
    var r = LangChain4jChatModel.of("x", noUsage).chat(request(false));
    assertThat(r.usage()).isEqualTo(Usage.NONE);
    assertThat(r.finishReason()).isEmpty();
    assertThat(r.text()).isEqualTo("A");
  }

  private static ChatModelException failure(Supplier<RuntimeException> error) {
    var fake = new ScriptedLangChain4jChatModel(ChatScript.fixed("A"), Set.of())
        .failFirst(1, error);
    var chat = LangChain4jChatModel.of("langchain4j:fake", fake);
    try {
      chat.chat(request(false));
    } catch (ChatModelException e) {
      return e;
    }
    throw new AssertionError("no exception");
  }

  @Test
  void mapsLangChain4jErrorsOntoRetriableAndNonRetriableKinds() {
    assertThat(failure(() -> new RateLimitException("slow down")))
        .isInstanceOf(ChatModelException.RateLimited.class)
        .satisfies(e -> assertThat(e.retriable()).isTrue());
    assertThat(failure(() -> new TimeoutException("late")))
        .isInstanceOf(ChatModelException.Timeout.class)
        .satisfies(e -> assertThat(e.retriable()).isTrue());
    assertThat(failure(() -> new InternalServerException("boom")))
        .isInstanceOf(ChatModelException.Unavailable.class)
        .satisfies(e -> assertThat(e.retriable()).isTrue());
    assertThat(failure(() -> new HttpException(503, "busy")))
        .isInstanceOf(ChatModelException.Unavailable.class)
        .satisfies(e -> assertThat(e.status()).isEqualTo(503));
    assertThat(failure(() -> new AuthenticationException("bad key sk-secret")))
        .isInstanceOf(ChatModelException.Auth.class)
        .satisfies(e -> assertThat(e.retriable()).isFalse())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-secret"));
    assertThat(failure(() -> new InvalidRequestException("no")))
        .isInstanceOf(ChatModelException.InvalidRequest.class)
        .satisfies(e -> assertThat(e.retriable()).isFalse());
    assertThat(failure(() -> new ModelNotFoundException("which model?")))
        .isInstanceOf(ChatModelException.InvalidRequest.class)
        .satisfies(e -> assertThat(e.retriable()).isFalse());
    assertThat(failure(() -> new HttpException(400, "bad")))
        .isInstanceOf(ChatModelException.InvalidRequest.class)
        .satisfies(e -> assertThat(e.retriable()).isFalse());
    assertThat(failure(() -> new IllegalStateException("provider trouble")))
        .isInstanceOf(ChatModelException.Unavailable.class)
        .satisfies(e -> assertThat(e.retriable()).isTrue());
  }

  @Test
  void errorMessagesNeverCarryTheRequestText() {
    var e = failure(() -> new InvalidRequestException("echo: Text: b"));
    assertThat(e.getMessage()).doesNotContain("Text: b").contains("langchain4j:fake");
  }

  @Test
  void rejectsBlankIds() {
    assertThatThrownBy(() -> LangChain4jChatModel.of(" ",
        new ScriptedLangChain4jChatModel(ChatScript.fixed("A"), Set.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
