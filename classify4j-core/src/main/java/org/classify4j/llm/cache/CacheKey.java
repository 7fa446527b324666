package org.classify4j.llm.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;

/**
 * The key of a cached answer: the SHA-256 (hex) of the canonical JSON of the model id, every
 * request parameter and the messages (object keys sorted, no whitespace). Two requests that could
 * get different answers never share a key; the key reveals nothing of the text or of any secret.
 */
public record CacheKey(String sha256) {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  public CacheKey {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a cache key is 64 lower-case hex digits");
    }
  }

  public static CacheKey of(String modelId, ChatRequest request) {
    return new CacheKey(sha256(canonicalJson(modelId, request)));
  }

  /** The text that is hashed (exposed for tests and debugging; contains the prompt). */
  public static String canonicalJson(String modelId, ChatRequest r) {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", 1);
    m.put("model", modelId);
    m.put("temperature", r.temperature());
    m.put("seed", r.seed().isPresent() ? r.seed().getAsLong() : "none");
    m.put("max_tokens", r.maxTokens());
    m.put("logprobs", r.logprobs());
    m.put("top_logprobs", r.topLogprobs());
    r.responseFormat().ifPresent(f -> {
      Map<String, Object> rf = new TreeMap<>();
      rf.put("name", f.name());
      rf.put("strict", f.strict());
      rf.put("schema", f.schema());
      m.put("response_format", rf);
    });
    m.put("extra_body", r.extraBody());
    List<Object> msgs = new ArrayList<>();
    for (ChatMessage cm : r.messages()) {
      msgs.add(List.of(cm.role().wireName(), cm.content()));
    }
    m.put("messages", msgs);
    try {
      return CANONICAL.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request is not JSON-compatible: " + e.getMessage(), e);
    }
  }

  private static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "CacheKey[" + sha256.substring(0, 12) + "…]";
  }
}
