package org.classify4j.llm.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.Usage;

/** The JSON form of a {@link ChatResponse} that persistent caches store. */
public final class ResponseCodec {
  private ResponseCodec() {}

  public static String toJson(ChatResponse r) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("v", 1);
    n.put("text", r.text());
    n.put("finish_reason", r.finishReason());
    n.put("prompt_tokens", r.usage().promptTokens());
    n.put("completion_tokens", r.usage().completionTokens());
    ArrayNode lps = n.putArray("logprobs");
    for (TokenLogprob t : r.logprobs()) {
      ObjectNode tn = lps.addObject();
      tn.put("t", t.token());
      tn.put("l", t.logprob());
      ArrayNode top = tn.putArray("top");
      for (TokenLogprob.Alternative a : t.top()) {
        top.addObject().put("t", a.token()).put("l", a.logprob());
      }
    }
    return n.toString();
  }

  public static ChatResponse fromJson(String json) {
    try {
      JsonNode n = Json.mapper().readTree(json);
      List<TokenLogprob> lps = new ArrayList<>();
      for (JsonNode tn : n.path("logprobs")) {
        List<TokenLogprob.Alternative> top = new ArrayList<>();
        for (JsonNode a : tn.path("top")) {
          top.add(new TokenLogprob.Alternative(a.path("t").asText(), a.path("l").asDouble()));
        }
        lps.add(new TokenLogprob(tn.path("t").asText(), tn.path("l").asDouble(), top));
      }
      return new ChatResponse(n.path("text").asText(), lps,
          new Usage(n.path("prompt_tokens").asLong(), n.path("completion_tokens").asLong()),
          n.path("finish_reason").asText(""));
    } catch (IOException e) {
      throw new Classify4jException("cached response is not valid JSON: " + e.getMessage(), e);
    }
  }
}
