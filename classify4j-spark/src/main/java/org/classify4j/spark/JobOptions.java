package org.classify4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@link ClassifyJob}, parsed from its command line.
 *
 * @param master Spark master URL, when given (else spark-submit's)
 * @param conf extra Spark settings ({@code --conf key=value})
 * @param partitions score in at least this many partitions (0: at least the default parallelism)
 */
public record JobOptions(
    String model, String input, String output, Optional<String> master, FileFormat inputFormat,
    FileFormat outputFormat, String textColumn, String idColumn, double threshold, int limit,
    int top, int batchSize, int onnxThreads, int partitions, boolean overwrite,
    Map<String, String> conf) {

  public JobOptions {
    conf = Map.copyOf(conf);
  }

  /** Data formats by file extension. */
  public enum FileFormat {
    JSONL, CSV, TSV, PARQUET;

    /** From the path's extension ({@code .jsonl}, {@code .json}, {@code .csv}, {@code .tsv},
     * {@code .parquet}, optionally {@code .gz}); empty when none fits. */
    static Optional<FileFormat> of(String path) {
      String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
      if (p.endsWith(".gz")) {
        p = p.substring(0, p.length() - 3);
      }
      if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")) {
        return Optional.of(JSONL);
      }
      if (p.endsWith(".csv")) {
        return Optional.of(CSV);
      }
      if (p.endsWith(".tsv")) {
        return Optional.of(TSV);
      }
      if (p.endsWith(".parquet")) {
        return Optional.of(PARQUET);
      }
      return Optional.empty();
    }

    static FileFormat named(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown format '" + s + "'; known: jsonl, csv, tsv, parquet");
      }
    }
  }

  /** A bad command line. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE = String.join("\n",
      "Usage: classify4j-spark --model DIR --input PATH --output PATH [options]",
      "Classifies a text column with a saved classify4j model on Spark and writes id, labels,",
      "scores and abstained. Formats by extension (.jsonl/.json, .csv, .tsv, .parquet; .gz",
      "too); an output without one is written as JSON lines.",
      "",
      "  --model DIR          model directory: a path every executor reads, hdfs://…, s3a://…,",
      "                       or a name shipped with --archives model.zip#model",
      "  --input PATH         documents (a file or a directory of part files)",
      "  --output PATH        output directory (Spark part files)",
      "  --master URL         Spark master (default: spark-submit's; e.g. local[2])",
      "  --input-format F     jsonl, csv, tsv or parquet (default: from --input)",
      "  --output-format F    jsonl, csv, tsv or parquet (default: from --output, else jsonl)",
      "  --text-column NAME   default text",
      "  --id-column NAME     default id; rows without the column get row-N ids",
      "  --threshold T        choose labels scoring at least T (default: the model's rule)",
      "  --limit N            choose at most N labels",
      "  --top N              scores written per row, best first (0: all; default 5)",
      "  --batch-size N       rows per model call (default 64)",
      "  --onnx-threads N     parallel ONNX calls per executor model (default spark.task.cpus)",
      "  --partitions N       score in at least N partitions (default: Spark's default",
      "                       parallelism)",
      "  --overwrite          replace an existing output directory",
      "  --conf KEY=VALUE     a Spark setting (repeatable)",
      "  -h, --help           this help");

  /** Parses the command line; {@code Optional.empty()} when help was asked for. */
  static Optional<JobOptions> parse(String[] args) {
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, String> conf = new LinkedHashMap<>();
    boolean overwrite = false;
    List<String> known = List.of("--model", "--input", "--output", "--master", "--input-format",
        "--output-format", "--text-column", "--id-column", "--threshold", "--limit", "--top",
        "--batch-size", "--onnx-threads", "--partitions");
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0 && !a.startsWith("--conf")) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "-h", "--help" -> {
          return Optional.empty();
        }
        case "--overwrite" -> overwrite = true;
        case "--conf" -> {
          String kv = next(rest, ++i, a);
          int e = kv.indexOf('=');
          if (e <= 0) {
            throw new UsageException("--conf expects KEY=VALUE, got '" + kv + "'");
          }
          conf.put(kv.substring(0, e), kv.substring(e + 1));
        }
        default -> {
          if (!known.contains(a)) {
            throw new UsageException("unknown option '" + a + "'");
          }
          v.put(a, value != null ? value : next(rest, ++i, a));
        }
      }
    }
    for (String req : List.of("--model", "--input", "--output")) {
      if (!v.containsKey(req)) {
        throw new UsageException("missing " + req);
      }
    }
    String input = v.get("--input");
    String output = v.get("--output");
    FileFormat inFmt = v.containsKey("--input-format") ? FileFormat.named(v.get("--input-format"))
        : FileFormat.of(input).orElseThrow(() -> new UsageException("cannot tell the format of '"
            + input + "' from its extension; give --input-format"));
    FileFormat outFmt = v.containsKey("--output-format")
        ? FileFormat.named(v.get("--output-format"))
        : FileFormat.of(output).orElse(FileFormat.JSONL);
    double threshold = v.containsKey("--threshold") ? number(v, "--threshold") : Double.NaN;
    if (!Double.isNaN(threshold) && !(threshold >= 0 && threshold <= 1)) {
      throw new UsageException("--threshold must be in [0,1], got " + v.get("--threshold"));
    }
    return Optional.of(new JobOptions(v.get("--model"), input, output,
        Optional.ofNullable(v.get("--master")), inFmt, outFmt,
        v.getOrDefault("--text-column", "text"), v.getOrDefault("--id-column", "id"), threshold,
        integer(v, "--limit", 0, 1), integer(v, "--top", 5, 0), integer(v, "--batch-size", 64, 1),
        integer(v, "--onnx-threads", 0, 1), integer(v, "--partitions", 0, 1), overwrite, conf));
  }

  private static String next(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
  }

  private static double number(Map<String, String> v, String key) {
    try {
      return Double.parseDouble(v.get(key));
    } catch (NumberFormatException e) {
      throw new UsageException(key + " expects a number, got '" + v.get(key) + "'");
    }
  }

  private static int integer(Map<String, String> v, String key, int dflt, int min) {
    if (!v.containsKey(key)) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.get(key));
    } catch (NumberFormatException e) {
      throw new UsageException(key + " expects a whole number, got '" + v.get(key) + "'");
    }
    if (n < min) {
      throw new UsageException(key + " must be at least " + min + ", got " + n);
    }
    return n;
  }
}
