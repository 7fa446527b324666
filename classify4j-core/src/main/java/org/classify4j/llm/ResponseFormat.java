package org.classify4j.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Structured output: a JSON schema the answer must follow (OpenAI's {@code response_format} of type
 * {@code json_schema}). The schema is a JSON-compatible map (nested maps, lists, strings, numbers,
 * booleans).
 *
 * @param name a short name of the schema ([A-Za-z0-9_-]+)
 * @param schema the JSON schema
 * @param strict whether the server must follow the schema exactly
 */
public record ResponseFormat(String name, Map<String, Object> schema, boolean strict) {
  public ResponseFormat {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("schema name must match [A-Za-z0-9_-]{1,64}: '" + name + "'");
    }
    schema = Collections.unmodifiableMap(new LinkedHashMap<>(schema));
  }

  public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
    return new ResponseFormat(name, schema, true);
  }
}
