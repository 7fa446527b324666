package org.classify4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.classify4j.Json;

/**
 * An RFC 9457 problem detail, as Annif's API answers errors ({@code application/problem+json}).
 *
 * @param type {@code about:blank}: the status says what kind of problem it is
 * @param title the status's reason phrase
 * @param status the HTTP status
 * @param detail what went wrong with this request
 */
public record Problem(String type, String title, int status, String detail) {
  public static final String CONTENT_TYPE = "application/problem+json";

  private static final Map<Integer, String> TITLES = Map.of(
      400, "Bad Request",
      401, "Unauthorized",
      404, "Not Found",
      405, "Method Not Allowed",
      408, "Request Timeout",
      413, "Payload Too Large",
      415, "Unsupported Media Type",
      500, "Internal Server Error",
      503, "Service Unavailable");

  public static Problem of(int status, String detail) {
    return new Problem("about:blank", TITLES.getOrDefault(status, "Error"), status, detail);
  }

  public String toJson() {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("type", type);
    n.put("title", title);
    n.put("status", status);
    n.put("detail", detail);
    return n.toString();
  }
}
