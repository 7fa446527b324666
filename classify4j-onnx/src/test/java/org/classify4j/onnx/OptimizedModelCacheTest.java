package org.classify4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizedModelCacheTest {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  private static byte[] model;

  @TempDir Path dir;

  @BeforeAll
  static void readModel() throws IOException {
    try (InputStream in =
        OptimizedModelCacheTest.class.getResourceAsStream("/nli/tiny-bert/model.onnx")) {
      model = in.readAllBytes();
    }
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return o;
  }

  /** The first output of the model on a fixed four-token input. */
  private static float[] run(OrtSession s) throws OrtException {
    long[] shape = {1, 4};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (String name : s.getInputNames()) {
        long[] v = name.equals("input_ids") ? new long[] {101, 759, 208, 102} : name.equals("attention_mask") ? new long[] {1, 1, 1, 1} : new long[4];
        feed.put(name, OnnxTensor.createTensor(ENV, LongBuffer.wrap(v), shape));
      }
      try (OrtSession.Result r = s.run(feed)) {
        return ((OnnxTensor) r.get(0)).getFloatBuffer().array();
      }
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static float[] reference() throws OrtException {
    try (OrtSession.SessionOptions o = options(); OrtSession s = ENV.createSession(model, o)) {
      return run(s);
    }
  }

  @Test
  void keyChangesWithEveryPartAndIsStable() {
    String k = OptimizedModelCache.key("m", "jar:1:2", "1.22.0", "ALL_OPT", "amd64");
    assertThat(OptimizedModelCache.key("m", "jar:1:2", "1.22.0", "ALL_OPT", "amd64")).isEqualTo(k);
    assertThat(k).matches("[0-9a-f]{24}");
    assertThat(OptimizedModelCache.key("n", "jar:1:2", "1.22.0", "ALL_OPT", "amd64")).isNotEqualTo(k);
    assertThat(OptimizedModelCache.key("m", "jar:1:3", "1.22.0", "ALL_OPT", "amd64")).isNotEqualTo(k);
    assertThat(OptimizedModelCache.key("m", "jar:1:2", "1.23.0", "ALL_OPT", "amd64")).isNotEqualTo(k);
    assertThat(OptimizedModelCache.key("m", "jar:1:2", "1.22.0", "BASIC_OPT", "amd64")).isNotEqualTo(k);
    assertThat(OptimizedModelCache.key("m", "jar:1:2", "1.22.0", "ALL_OPT", "aarch64")).isNotEqualTo(k);
    // parts are separated: moving a character from one part to the next changes the key
    assertThat(OptimizedModelCache.key("mj", "ar:1:2", "1.22.0", "ALL_OPT", "amd64")).isNotEqualTo(k);
  }

  @Test
  void bytesIdentityOfAJarEntryAndOfAFile() throws IOException {
    // a bundled model comes out of a jar: its entry's CRC and size, without reading it
    assertThat(BundledModel.resource(BundledModel.DEFAULT.modelResource()).flatMap(OptimizedModelCache::bytesIdentity))
        .hasValueSatisfying(id -> assertThat(id).startsWith("jar:"));
    Path f = dir.resolve("x.onnx");
    Files.write(f, new byte[] {1, 2, 3});
    assertThat(OptimizedModelCache.bytesIdentity(f.toUri().toURL()))
        .hasValueSatisfying(id -> assertThat(id).startsWith("file:3:"));
  }

  @Test
  void firstOpenKeepsTheOptimisedGraphAndTheNextLoadsItWithoutReadingTheModel() throws Exception {
    OptimizedModelCache cache = new OptimizedModelCache(dir.resolve("onnx"));
    AtomicInteger reads = new AtomicInteger();
    Supplier<byte[]> bytes = () -> {
      reads.incrementAndGet();
      return model;
    };
    float[] expected = reference();
    try (OrtSession s = cache.open(ENV, "tiny", "k1", bytes, OptimizedModelCacheTest::options)) {
      assertThat(run(s)).containsExactly(expected);
    }
    Path kept = cache.file("tiny", "k1");
    assertThat(kept).isRegularFile();
    assertThat(Files.size(kept)).isPositive();
    try (OrtSession s = cache.open(ENV, "tiny", "k1", bytes, OptimizedModelCacheTest::options)) {
      assertThat(run(s)).containsExactly(expected);
    }
    assertThat(reads).hasValue(1);
    // no temporary file left behind
    try (var files = Files.list(dir.resolve("onnx"))) {
      assertThat(files).containsExactly(kept);
    }
  }

  @Test
  void aDamagedCachedFileFallsBackToTheModelAndIsReplaced() throws Exception {
    OptimizedModelCache cache = new OptimizedModelCache(dir.resolve("onnx"));
    Path kept = cache.file("tiny", "k2");
    Files.createDirectories(kept.getParent());
    Files.write(kept, "not an onnx graph".getBytes());
    AtomicInteger reads = new AtomicInteger();
    try (OrtSession s =
        cache.open(ENV, "tiny", "k2", () -> {
          reads.incrementAndGet();
          return model;
        }, OptimizedModelCacheTest::options)) {
      assertThat(run(s)).containsExactly(reference());
    }
    assertThat(reads).hasValue(1);
    assertThat(Files.size(kept)).isGreaterThan(100);
  }

  @Test
  void anUnwritableCacheOnlyCostsTheSaving() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    // the cache directory cannot be made: under a plain file
    OptimizedModelCache cache = new OptimizedModelCache(file.resolve("onnx"));
    try (OrtSession s = cache.open(ENV, "tiny", "k3", () -> model, OptimizedModelCacheTest::options)) {
      assertThat(run(s)).containsExactly(reference());
    }
    assertThat(Files.exists(cache.file("tiny", "k3"))).isFalse();
    assertThat(file).isRegularFile();
  }

  @Test
  void cacheDirectoryFromTheEnvironmentAndTheSwitch() {
    assertThat(OptimizedModelCache.fromEnvironment(Map.of("CLASSIFY4J_CACHE_DIR", "/c")))
        .hasValueSatisfying(c -> assertThat(c.directory()).isEqualTo(Path.of("/c", "onnx")));
    assertThat(OptimizedModelCache.fromEnvironment(Map.of("CLASSIFY4J_ONNX_CACHE", "off"))).isEmpty();
  }

  @Test
  void ortLibrariesAreExtractedOnceAndADamagedOneIsMadeAgain() throws Exception {
    var first = NativeSetup.cachedOrtLibraries(dir.resolve("native"));
    assertThat(first).isPresent();
    Path lib = first.get().resolve(System.mapLibraryName("onnxruntime"));
    long size = Files.size(lib);
    assertThat(size).isGreaterThan(1_000_000);
    Files.write(lib, new byte[] {0});
    assertThat(NativeSetup.cachedOrtLibraries(dir.resolve("native"))).isEqualTo(first);
    assertThat(Files.size(lib)).isEqualTo(size);
  }
}
