package org.classify4j.llm.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;

/**
 * Label files: JSON lines written by {@link LlmLabeler}, one document per line: {@code {"id",
 * "text", "labels": [...], "probability", "scores": {label: score, ...}, "abstained", "outcome",
 * "candidate_mass", "scoring"?, "metadata"?}} ({@code "scoring": "one-hot"} marks rows from a
 * server without log-probabilities). Because each line has {@code text} and {@code labels}, a label file is also a
 * training file for {@link org.classify4j.data.io.DatasetReader} (abstained lines are then
 * unlabeled examples).
 *
 * <p>Lines are flushed one by one; a run killed mid-line leaves a torn last line, which {@link
 * #read} ignores and {@link #openForResume} cuts off before appending.
 */
public final class LabelFile {
  private LabelFile() {}

  /** A label file's records with how its last line ended. */
  public record Contents(List<LlmLabel> labels, boolean tornLastLine) {
    public Contents {
      labels = List.copyOf(labels);
    }

    /** The ids in the file. */
    public Set<String> ids() {
      Set<String> s = new LinkedHashSet<>();
      labels.forEach(l -> s.add(l.id()));
      return s;
    }
  }

  /** Reads a label file; a torn (unterminated, unparseable) last line is left out. */
  public static List<LlmLabel> read(Path path) {
    return readContents(path).labels();
  }

  /** Reads a label file and says whether its last line was torn. */
  public static Contents readContents(Path path) {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path.toString(), 0, "", "no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    List<LlmLabel> out = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    boolean torn = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      boolean last = i == lines.length - 1; // no newline after it
      try {
        out.add(parse(Json.mapper().readTree(line)));
      } catch (IOException | RuntimeException e) {
        if (last) {
          torn = true;
          continue;
        }
        throw new BadInputException(path.toString(), i + 1, "",
            "not a label line: " + firstLine(e.getMessage()));
      }
    }
    return new Contents(out, torn);
  }

  /**
   * Refuses a label file in which a document id occurs twice. {@code label} never writes one (a
   * resumed run skips the ids done, a second writer is refused), so a repeat means two runs wrote
   * the file at once or files were joined: the document would count twice in training and in an
   * audit, with labels that may disagree. Names the id and the two records.
   */
  public static void requireUniqueIds(Path file, List<LlmLabel> labels) {
    Map<String, Integer> first = new java.util.HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      Integer was = first.putIfAbsent(labels.get(i).id(), i + 1);
      if (was != null) {
        throw new BadInputException(file.toString(), i + 1, "id",
            "document id '" + labels.get(i).id() + "' is already labelled in record " + was
                + " (a label file holds each document once: was it written by two runs at once,"
                + " or joined from several files?); keep one record per id");
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static LlmLabel parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    JsonNode id = n.get("id");
    if (id == null || id.isNull() || !(id.isTextual() || id.isIntegralNumber())) {
      throw new IllegalArgumentException("field 'id': expected a string");
    }
    JsonNode text = n.get("text");
    if (text == null || !text.isTextual()) {
      throw new IllegalArgumentException("field 'text': expected a string");
    }
    List<String> labels = new ArrayList<>();
    JsonNode ls = n.path("labels");
    if (ls.isTextual()) {
      labels.add(ls.asText());
    } else {
      ls.forEach(l -> labels.add(l.asText()));
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("scores").properties()) {
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException("field 'scores': expected numbers");
      }
      scores.put(e.getKey(), e.getValue().asDouble());
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("metadata").properties()) {
      meta.put(e.getKey(), e.getValue().asText());
    }
    boolean abstained = n.path("abstained").asBoolean(false);
    double p = n.has("probability") ? n.path("probability").asDouble()
        : labels.isEmpty() ? 0.0 : scores.getOrDefault(labels.get(0), 1.0);
    return new LlmLabel(id.asText(), text.asText(), meta, labels, p, scores, abstained,
        n.path("outcome").asText("scored"), n.path("candidate_mass").asDouble(1.0),
        n.path("scoring").asText(""));
  }

  /** One label as its JSON line (without the line break). Scores rounded to 6 decimals. */
  public static String toJsonLine(LlmLabel l) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", l.id());
    o.put("text", l.text());
    var arr = o.putArray("labels");
    l.labels().forEach(arr::add);
    o.put("probability", round(l.probability()));
    ObjectNode s = o.putObject("scores");
    l.scores().forEach((k, v) -> s.put(k, round(v)));
    o.put("abstained", l.abstained());
    o.put("outcome", l.outcome());
    o.put("candidate_mass", round(l.candidateMass()));
    if (!l.scoring().isEmpty()) {
      o.put("scoring", l.scoring());
    }
    if (!l.metadata().isEmpty()) {
      ObjectNode m = o.putObject("metadata");
      l.metadata().forEach(m::put);
    }
    return o.toString();
  }

  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /**
   * The label space of a file's scores: the labels of the first record's scores, then any other
   * label met (in order of appearance).
   */
  public static LabelSpace labelSpace(List<LlmLabel> labels) {
    Set<String> names = new LinkedHashSet<>();
    for (LlmLabel l : labels) {
      names.addAll(l.scores().keySet());
      names.addAll(l.labels());
    }
    return LabelSpace.ofNames(new ArrayList<>(names));
  }

  /**
   * The labels as a data set over {@code space}: each document with the LLM's decided labels
   * (abstentions become unlabeled examples).
   */
  public static Dataset toDataset(List<LlmLabel> labels, LabelSpace space, boolean multiLabel) {
    List<Example> ex = new ArrayList<>(labels.size());
    for (LlmLabel l : labels) {
      ex.add(new Example(l.document(), multiLabel || l.labels().size() <= 1 ? l.labels()
          : l.labels().subList(0, 1)));
    }
    return new Dataset(space, ex, multiLabel);
  }

  /**
   * Opens a label file for appending. With {@code resume}, an existing file is read first: its ids
   * are returned as done, and a torn last line is cut off. Without it, an existing file is replaced.
   */
  public static Output openForResume(Path path, boolean resume) {
    try {
      Set<String> done = new LinkedHashSet<>();
      boolean cut = false;
      if (resume && Files.exists(path)) {
        Contents c = readContents(path);
        done.addAll(c.ids());
        cut = cutTornLine(path);
      }
      if (path.toAbsolutePath().getParent() != null) {
        Files.createDirectories(path.toAbsolutePath().getParent());
      }
      Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      return new Output(w, done, cut);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  /** Cuts everything after the last line break (a torn last line); whether anything was cut. */
  static boolean cutTornLine(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return false;
      }
      long pos = size;
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      while (pos > 0) {
        one.clear();
        ch.read(one, pos - 1);
        if (one.get(0) == '\n') {
          break;
        }
        pos--;
      }
      if (pos < size) {
        ch.truncate(pos);
        return true;
      }
      return false;
    }
  }

  /** An open label file: writes one flushed line per label. Not thread-safe. */
  public static final class Output implements AutoCloseable {
    private final Writer out;
    private final Set<String> done;
    private final boolean cutTornLine;
    private long written;
    private long oneHot;
    private long sequence;

    Output(Writer out, Set<String> done, boolean cutTornLine) {
      this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
      this.done = done;
      this.cutTornLine = cutTornLine;
    }

    /** Ids already in the file when it was opened (to skip when resuming). */
    public Set<String> done() {
      return java.util.Collections.unmodifiableSet(done);
    }

    /** Whether a torn last line was cut off when the file was opened. */
    public boolean cutTornLine() {
      return cutTornLine;
    }

    /** Lines written since opening. */
    public long written() {
      return written;
    }

    /** Lines written since opening whose scores are one-hot (no log-probabilities). */
    public long oneHotWritten() {
      return oneHot;
    }

    /** Lines written whose scores came from exact label sequences ({@code "scoring": "sequence"}). */
    public long sequenceWritten() {
      return sequence;
    }

    public void write(LlmLabel label) {
      try {
        out.write(toJsonLine(label));
        out.write('\n');
        out.flush();
        written++;
        if (label.oneHot()) {
          oneHot++;
        }
        if ("sequence".equals(label.scoring())) {
          sequence++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a label line: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
