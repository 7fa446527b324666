package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening cross-encoders for methods and saved models: one per directory and options per context. */
final class NliResources {
  private static final Logger LOG = LoggerFactory.getLogger(NliResources.class);

  private NliResources() {}

  /**
   * The cross-encoder for {@code builder}'s directory and options: shared through the context
   * when it is a {@link LoadContext} (closed with it); otherwise opened for the caller, who then
   * owns it (it is closed only when the JVM ends).
   */
  static NliCrossEncoder open(Resources context, String key, NliCrossEncoder.Builder builder) {
    if (context instanceof LoadContext lc) {
      return lc.shared(NliCrossEncoder.class, key, k -> builder.build());
    }
    LOG.debug("opening {} outside a LoadContext: nothing will close it", key);
    return builder.build();
  }

  static NliCrossEncoder encoder(ModelReader in, Resources context) {
    Path dir = Path.of(in.param("model").asText());
    NliCrossEncoder.Builder b = NliCrossEncoder.builder(dir)
        .entailment(in.param("entailment").asInt())
        .contradiction(in.param("contradiction").asInt())
        .maxLength(in.param("max_length").asInt());
    return open(context, key(dir, in.param("entailment").asInt(), in.param("contradiction").asInt(),
        in.param("max_length").asInt()), b);
  }

  static String key(Path dir, Object entailment, Object contradiction, Object maxLength) {
    return dir.toAbsolutePath().normalize() + "?e=" + entailment + "&c=" + contradiction + "&l=" + maxLength;
  }

  static Hypotheses hypotheses(ModelReader in) {
    List<String> templates = new ArrayList<>();
    for (JsonNode t : in.param("templates")) {
      templates.add(t.asText());
    }
    return new Hypotheses(templates, Hypotheses.LabelText.parse(in.param("hypothesis").asText()));
  }
}
