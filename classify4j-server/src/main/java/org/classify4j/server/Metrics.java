package org.classify4j.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The service's metrics in the Prometheus text exposition format (version 0.0.4): requests by
 * route, method and status; request latency histograms by route; documents, micro-batch sizes and
 * micro-batch scoring times by project; texts waiting for a micro-batch; errors by status; requests in flight; which models are loaded; heap in use. Label
 * values are route templates and project ids, never request contents.
 */
public final class Metrics {
  static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 12, 16, 24, 32, 64, 128};

  private final Map<List<String>, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> documents = new ConcurrentHashMap<>();
  private final Map<String, Histogram> batchSizes = new ConcurrentHashMap<>();
  private final Map<String, Histogram> batchSeconds = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private volatile IntSupplier inFlight = () -> 0;
  private volatile Supplier<Map<String, Boolean>> loaded = Map::of;
  private volatile Supplier<Map<String, Integer>> queued = Map::of;

  /** A cumulative histogram with fixed upper bounds. */
  static final class Histogram {
    private final double[] bounds;
    private final AtomicLong[] counts;
    private final LongAdder count = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder sum =
        new java.util.concurrent.atomic.DoubleAdder();

    Histogram(double[] bounds) {
      this.bounds = bounds.clone();
      this.counts = new AtomicLong[bounds.length];
      for (int i = 0; i < bounds.length; i++) {
        counts[i] = new AtomicLong();
      }
    }

    void observe(double v) {
      for (int i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]) {
          counts[i].incrementAndGet();
        }
      }
      count.increment();
      sum.add(v);
    }

    void write(StringBuilder b, String name, String labels) {
      String sep = labels.isEmpty() ? "" : labels + ",";
      for (int i = 0; i < bounds.length; i++) {
        b.append(name).append("_bucket{").append(sep).append("le=\"").append(num(bounds[i]))
            .append("\"} ").append(counts[i].get()).append('\n');
      }
      long n = count.sum();
      b.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(n).append('\n');
      String l = labels.isEmpty() ? "" : "{" + labels + "}";
      b.append(name).append("_sum").append(l).append(' ').append(num(sum.sum())).append('\n');
      b.append(name).append("_count").append(l).append(' ').append(n).append('\n');
    }
  }

  /** A finished request: its route template (or "unmatched"), method, status and duration. */
  public void request(String route, String method, int status, long nanos) {
    requests.computeIfAbsent(List.of(route, method, Integer.toString(status)),
        k -> new LongAdder()).increment();
    latency.computeIfAbsent(route, k -> new Histogram(LATENCY_BUCKETS)).observe(nanos / 1e9);
    if (status >= 400) {
      errors.computeIfAbsent(status, k -> new LongAdder()).increment();
    }
  }

  /** Documents classified with a project ("zero-shot" for labels given in the request). */
  public void documents(String project, int n) {
    documents.computeIfAbsent(project, k -> new LongAdder()).add(n);
  }

  /** A micro-batch of {@code size} texts scored for a project in {@code nanos}. */
  public void batch(String project, int size, long nanos) {
    batchSizes.computeIfAbsent(project, k -> new Histogram(BATCH_BUCKETS)).observe(size);
    batchSeconds.computeIfAbsent(project, k -> new Histogram(LATENCY_BUCKETS))
        .observe(nanos / 1e9);
  }

  /** A request turned away before it was served ("in_flight", "shutting_down"). */
  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  void gauges(IntSupplier inFlight, Supplier<Map<String, Boolean>> loaded,
      Supplier<Map<String, Integer>> queued) {
    this.inFlight = inFlight;
    this.loaded = loaded;
    this.queued = queued;
  }

  /** The metrics as Prometheus text. */
  public String render() {
    StringBuilder b = new StringBuilder(4096);
    header(b, "classify4j_http_requests_total", "counter", "HTTP requests by route, method and status.");
    new TreeMap<String, Long>(flat(requests)).forEach((k, v) ->
        b.append("classify4j_http_requests_total{").append(k).append("} ").append(v).append('\n'));
    header(b, "classify4j_http_request_duration_seconds", "histogram",
        "Time to answer a request, by route.");
    new TreeMap<>(latency).forEach((route, h) ->
        h.write(b, "classify4j_http_request_duration_seconds", "route=\"" + esc(route) + "\""));
    header(b, "classify4j_http_errors_total", "counter", "Error responses by status.");
    new TreeMap<>(errors).forEach((s, v) -> b.append("classify4j_http_errors_total{status=\"")
        .append(s).append("\"} ").append(v.sum()).append('\n'));
    header(b, "classify4j_requests_rejected_total", "counter",
        "Requests turned away before being served, by reason.");
    new TreeMap<>(rejected).forEach((r, v) -> b.append("classify4j_requests_rejected_total{reason=\"")
        .append(esc(r)).append("\"} ").append(v.sum()).append('\n'));
    header(b, "classify4j_documents_total", "counter", "Documents classified, by project.");
    new TreeMap<>(documents).forEach((p, v) -> b.append("classify4j_documents_total{project=\"")
        .append(esc(p)).append("\"} ").append(v.sum()).append('\n'));
    header(b, "classify4j_batch_size", "histogram", "Texts scored together, by project.");
    new TreeMap<>(batchSizes).forEach((p, h) ->
        h.write(b, "classify4j_batch_size", "project=\"" + esc(p) + "\""));
    header(b, "classify4j_batch_duration_seconds", "histogram",
        "Time to score one micro-batch (the model call), by project.");
    new TreeMap<>(batchSeconds).forEach((p, h) ->
        h.write(b, "classify4j_batch_duration_seconds", "project=\"" + esc(p) + "\""));
    header(b, "classify4j_batch_queue", "gauge",
        "Texts waiting for a micro-batch, by project.");
    new TreeMap<>(queued.get()).forEach((p, v) -> b.append("classify4j_batch_queue{project=\"")
        .append(esc(p)).append("\"} ").append(v).append('\n'));
    header(b, "classify4j_requests_in_flight", "gauge", "Requests being served now.");
    b.append("classify4j_requests_in_flight ").append(inFlight.getAsInt()).append('\n');
    header(b, "classify4j_model_loaded", "gauge", "1 when a project's model is loaded.");
    new TreeMap<>(loaded.get()).forEach((p, v) -> b.append("classify4j_model_loaded{project=\"")
        .append(esc(p)).append("\"} ").append(v ? 1 : 0).append('\n'));
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    header(b, "jvm_memory_heap_used_bytes", "gauge", "Heap in use.");
    b.append("jvm_memory_heap_used_bytes ").append(heap.getUsed()).append('\n');
    header(b, "jvm_memory_heap_committed_bytes", "gauge", "Heap committed.");
    b.append("jvm_memory_heap_committed_bytes ").append(heap.getCommitted()).append('\n');
    return b.toString();
  }

  private static Map<String, Long> flat(Map<List<String>, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put("route=\"" + esc(k.get(0)) + "\",method=\"" + esc(k.get(1))
        + "\",status=\"" + k.get(2) + "\"", v.sum()));
    return out;
  }

  private static void header(StringBuilder b, String name, String type, String help) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d) + ".0";
    }
    return String.format(Locale.ROOT, "%s", d);
  }
}
