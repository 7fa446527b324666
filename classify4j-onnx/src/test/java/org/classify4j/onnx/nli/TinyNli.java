package org.classify4j.onnx.nli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny random cross-encoders under test resources nli/ and their pipeline references. */
final class TinyNli {
  static final String BERT = "tiny-bert";
  static final String DEBERTA = "tiny-deberta";

  private TinyNli() {}

  static Path dir(String name) {
    try {
      return Path.of(TinyNli.class.getResource("/nli/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode reference(String name) {
    try {
      return new ObjectMapper().readTree(dir(name).resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
