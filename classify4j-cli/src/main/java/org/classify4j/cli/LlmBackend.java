package org.classify4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.llm.ChatModel;
import org.classify4j.openai.ManagedChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.persist.LoadContext;
import org.classify4j.persist.ModelStore;

/**
 * The chat model of LLM methods, configured the command line's way: the environment
 * ({@code CLASSIFY4J_LLM_BASE_URL}, {@code _API_KEY}, {@code _MODEL}, {@code CLASSIFY4J_CACHE_DIR},
 * …) over the project's {@code backend} settings ({@code base_url}, {@code model},
 * {@code api_key_env}: the name of the variable holding the key, never the key itself). The
 * environment is the command's (injectable in tests), not only the process's.
 */
final class LlmBackend {
  private LlmBackend() {}

  /** The environment with the project's backend settings filled in where it has none. */
  static Map<String, String> environment(Map<String, String> env,
      Optional<ProjectConfig.Project> proj) {
    Map<String, String> m = new HashMap<>(env);
    proj.map(ProjectConfig.Project::backend).ifPresent(b -> {
      fill(m, OpenAiConfig.ENV_BASE_URL, b.get("base_url"));
      fill(m, OpenAiConfig.ENV_MODEL, b.get("model"));
      String keyVar = b.get("api_key_env");
      if (keyVar != null) {
        fill(m, OpenAiConfig.ENV_API_KEY, env.get(keyVar));
      }
    });
    return m;
  }

  private static void fill(Map<String, String> m, String key, String value) {
    if (value != null && !value.isBlank() && m.getOrDefault(key, "").isBlank()) {
      m.put(key, value);
    }
  }

  /** Whether a method uses a chat model. */
  static boolean isLlmMethod(String method) {
    return method.startsWith("llm-");
  }

  /**
   * Gives {@code ctx} the chat model named by {@code spec} ({@code openai} or
   * {@code openai:MODEL[@HOST]}); other specs are left to the chat model providers.
   */
  static void provide(LoadContext ctx, String spec, Map<String, String> env) {
    OpenAiConfig config;
    if (spec.equals("openai")) {
      config = OpenAiConfig.fromEnvironment(env);
    } else if (spec.startsWith("openai:")) {
      String model = spec.substring("openai:".length());
      int at = model.lastIndexOf('@');
      config = OpenAiConfig.fromEnvironment(env, at > 0 ? model.substring(0, at) : model);
    } else {
      return;
    }
    ChatModel m = ctx.own(new ManagedChatModel(config, env));
    ctx.with(m);
  }

  /** For a method: its {@code chat} parameter (default {@code openai}). */
  static void provideForMethod(LoadContext ctx, MethodSpec spec, Map<String, String> env) {
    if (isLlmMethod(spec.method())) {
      provide(ctx, spec.params().string("chat", "openai"), env);
    }
  }

  /** For a saved model: the chat model it was saved with, when it is an LLM model. */
  static void provideForModelDir(LoadContext ctx, Path dir, Map<String, String> env) {
    Path man = dir.resolve(ModelStore.MANIFEST);
    if (!Files.isRegularFile(man)) {
      return; // ModelStore.load reports it
    }
    try {
      JsonNode n = Json.mapper().readTree(man.toFile());
      JsonNode chat = n.at("/params/chat_model");
      if (chat.isTextual()) {
        provide(ctx, chat.asText(), env);
      }
    } catch (IOException e) {
      // not readable JSON: ModelStore.load says so
    }
  }
}
