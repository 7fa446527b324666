package org.classify4j.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.classify4j.Classify4jException;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 15 and 18: shared cache directory, key masking, malformed base URL. */
class SharedCacheTest {
  @TempDir Path dir;

  @Test
  void twoProcessesShareOneCacheDirectory() throws Exception {
    Path argfile = dir.resolve("java.args");
    Files.writeString(argfile, "-cp\n\"" + System.getProperty("java.class.path")
        .replace("\\", "\\\\") + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path cacheDir = dir.resolve("cache");
    Process child = new ProcessBuilder(java, "-Xmx128m", "@" + argfile,
        CacheHolder.class.getName(), cacheDir.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8));
      assertThat(r.readLine()).isEqualTo("ready");
      // the child holds the database open; this process opens the same directory
      try (H2ResponseCache c = H2ResponseCache.open(cacheDir)) {
        assertThat(c.get(CacheHolder.key("from-child"))).isPresent();
        c.put(CacheHolder.key("from-parent"), "m",
            new ChatResponse("parent", List.of(), new Usage(1, 1), "stop"));
        assertThat(c.size()).isEqualTo(2);
      }
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    assertThat(child.exitValue()).isZero();
  }

  @Test
  void theConfiguredKeyIsMaskedByValueInServerMessages() {
    String key = "gsk_9fQ2xLr7TzKpW0aBcDeFgHiJ";
    String body = "{\"error\": {\"message\": \"Invalid API Key: " + key + " is not valid\"}}";
    ChatModelException e = OpenAiErrors.fromStatus(401, body,
        HttpHeaders.of(Map.of(), (a, b) -> true), key);
    assertThat(e.getMessage()).doesNotContain(key).contains("***");
  }

  @Test
  void aMalformedBaseUrlNamesTheVariable() {
    for (String bad : List.of("http://local host:8080/v1", "localhost:8080/v1", "ftp://x/v1")) {
      assertThatThrownBy(() -> OpenAiConfig.fromEnvironment(Map.of(
          OpenAiConfig.ENV_BASE_URL, bad, OpenAiConfig.ENV_MODEL, "m")))
          .as(bad).isInstanceOf(Classify4jException.class)
          .hasMessageContaining("CLASSIFY4J_LLM_BASE_URL");
    }
  }
}
