package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, items 1, 6, 7 and 15: only a model directory is ever replaced; predictions are
 * appended only to predictions and replace a file only on success, never a non-regular one; bad
 * option values and inputs are refused, named as the user wrote them.
 */
class FilesAndInputsTest {

  @TempDir Path dir;
  Path model;
  Path train;
  Path gold;

  @BeforeEach
  void setUp() throws Exception {
    model = dir.resolve("model");
    train = TestData.train(dir);
    gold = TestData.test(dir);
    CliRun.Result r = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", train.toString(), "--out", model.toString());
    assertThat(r.code()).as(r.toString()).isZero();
  }

  private CliRun.Result trainInto(Path out, Path workDir, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "-q", "--method", "centroid",
        "-m", "hashing:64", "--train", train.toString(), "-o", out.toString()));
    args.addAll(List.of(more));
    return cli().workDir(workDir).run(args.toArray(String[]::new));
  }

  // ---- item 1: --overwrite replaces only a model directory

  @Test
  void overwriteNeverReplacesADirectoryThatIsNotAModel() throws Exception {
    Path notModel = Files.createDirectories(dir.resolve("project"));
    Files.writeString(notModel.resolve("notes.txt"), "mine");
    Files.createDirectories(notModel.resolve("src"));
    Files.writeString(notModel.resolve("src/Main.java"), "class Main {}");
    for (boolean overwrite : new boolean[] {true, false}) {
      CliRun.Result r = overwrite ? trainInto(notModel, dir, "--overwrite")
          : trainInto(notModel, dir);
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).contains("is not a classify4j model directory")
          .doesNotContain("add --overwrite");
      assertThat(Files.readString(notModel.resolve("notes.txt"))).isEqualTo("mine");
      assertThat(notModel.resolve("src/Main.java")).exists();
    }
    // a directory with a manifest.json that is not a model's is not a model either
    Files.writeString(notModel.resolve("manifest.json"), "{\"name\": \"my web app\"}");
    CliRun.Result r = trainInto(notModel, dir, "--overwrite");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(notModel.resolve("notes.txt")).exists();
    // a model is still replaced, swapped in whole
    CliRun.Result over = trainInto(model, dir, "--overwrite");
    assertThat(over.code()).as(over.toString()).isZero();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".model")))
          .isEmpty();
    }
  }

  @Test
  void overwriteNeverReplacesTheWorkingDirectoryOrAParentOfIt() throws Exception {
    // cd model/sub && train -o .. --overwrite (the model directory holds the working directory)
    Path sub = Files.createDirectories(model.resolve("sub"));
    Files.writeString(sub.resolve("work.txt"), "in progress");
    for (String out : List.of("..", ".")) {
      Path target = sub.resolve(out).normalize();
      if (out.equals(".")) {
        // make the working directory itself a model directory
        Files.copy(model.resolve("manifest.json"), sub.resolve("manifest.json"));
      }
      CliRun.Result r = trainInto(Path.of(out), sub, "--overwrite");
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).contains("working directory");
      assertThat(Files.readString(sub.resolve("work.txt"))).isEqualTo("in progress");
      assertThat(target.resolve("manifest.json")).exists();
    }
  }

  @Test
  void distillOverwriteNeverReplacesADirectoryThatIsNotAModel() throws Exception {
    Path notModel = Files.createDirectories(dir.resolve("data"));
    Files.writeString(notModel.resolve("keep.jsonl"), "{}\n");
    Path labels = dir.resolve("llm.jsonl");
    Files.writeString(labels, "");
    CliRun.Result r = cli().run("distill", "--train", labels.toString(), "--audit",
        gold.toString(), "-o", notModel.toString(), "--overwrite");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("not a classify4j model directory");
    assertThat(notModel.resolve("keep.jsonl")).exists();
  }

  // ---- item 6: --resume appends only to predictions

  @Test
  void resumeRefusesToAppendPredictionsToAFileThatIsNotPredictions() throws Exception {
    byte[] before = Files.readAllBytes(gold);
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        TestData.docs(dir.resolve("docs.jsonl"), 5).toString(), "--output", gold.toString(),
        "--resume");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains(gold + ":1:").contains("cannot resume");
    assertThat(Files.readAllBytes(gold)).isEqualTo(before);
    // a data file whose last line has no newline is not cut either
    Path torn = dir.resolve("torn.jsonl");
    Files.writeString(torn, "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}");
    byte[] tornBefore = Files.readAllBytes(torn);
    CliRun.Result t = cli().run("predict", "--model", model.toString(), "--input",
        dir.resolve("docs.jsonl").toString(), "--output", torn.toString(), "--resume");
    assertThat(t.code()).as(t.toString()).isEqualTo(3);
    assertThat(Files.readAllBytes(torn)).isEqualTo(tornBefore);
    // a CSV data file
    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "id,text,labels\n1,hello,sports\n");
    CliRun.Result c = cli().run("predict", "--model", model.toString(), "--input",
        dir.resolve("docs.jsonl").toString(), "--output", csv.toString(), "--resume");
    assertThat(c.code()).as(c.toString()).isEqualTo(3);
    assertThat(Files.readString(csv)).isEqualTo("id,text,labels\n1,hello,sports\n");
    // predictions themselves are resumed as before
    Path out = dir.resolve("pred.jsonl");
    assertThat(cli().run("predict", "--model", model.toString(), "--input",
        dir.resolve("docs.jsonl").toString(), "--output", out.toString()).code()).isZero();
    CliRun.Result again = cli().run("predict", "--model", model.toString(), "--input",
        dir.resolve("docs.jsonl").toString(), "--output", out.toString(), "--resume");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(5);
  }

  // ---- item 7: --overwrite replaces on success only, never a non-regular file

  @Test
  void failedOverwriteLeavesTheOldOutputAsItWas() throws Exception {
    Path old = dir.resolve("old.jsonl");
    Path docs = TestData.docs(dir.resolve("docs.jsonl"), 200);
    assertThat(cli().run("predict", "--model", model.toString(), "--input", docs.toString(),
        "--output", old.toString()).code()).isZero();
    byte[] before = Files.readAllBytes(old);
    Path bad = dir.resolve("bad.jsonl");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(docs));
    lines.add(150, "{\"id\": \"broken\", \"text\": ");
    Files.write(bad, lines);
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        bad.toString(), "--output", old.toString(), "--overwrite", "--batch-size", "16");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(Files.readAllBytes(old)).isEqualTo(before);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".old")))
          .as("no partial file left").isEmpty();
    }
    // a run that succeeds replaces it
    CliRun.Result ok = cli().run("predict", "--model", model.toString(), "--input",
        TestData.docs(dir.resolve("three.jsonl"), 3).toString(), "--output", old.toString(),
        "--overwrite");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(Files.readAllLines(old)).hasSize(3);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void anOutputThatIsNotARegularFileIsRefusedAndLeftAlone() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Path link = Files.createSymbolicLink(dir.resolve("null.jsonl"), Path.of("/dev/null"));
    Path directory = Files.createDirectories(dir.resolve("outdir"));
    Files.writeString(directory.resolve("inside.txt"), "x");
    // a reader on the FIFO, so that a run that opens it for writing does not block for ever
    java.util.concurrent.atomic.AtomicLong drained = new java.util.concurrent.atomic.AtomicLong();
    Thread reader = new Thread(() -> {
      try (java.io.InputStream in = Files.newInputStream(fifo)) {
        byte[] b = new byte[8192];
        for (int n; (n = in.read(b)) >= 0; ) {
          drained.addAndGet(n);
        }
      } catch (java.io.IOException ignored) {
        // the test's end
      }
    }, "fifo-reader");
    reader.setDaemon(true);
    reader.start();
    for (Path out : List.of(fifo, link, directory, Path.of("/dev/null"))) {
      for (String mode : List.of("--overwrite", "--resume")) {
        // in a thread of its own: a run that opens a FIFO or a device may block in it for ever
        java.util.concurrent.FutureTask<CliRun.Result> run = new java.util.concurrent.FutureTask<>(
            () -> cli().run("predict", "--model", model.toString(), "--input", gold.toString(),
                "--output", out.toString(), mode));
        Thread t = new Thread(run, "predict-" + mode);
        t.setDaemon(true);
        t.start();
        CliRun.Result r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains(out.toString()).containsAnyOf("not a regular file",
            "is a directory");
      }
    }
    assertThat(drained.get()).as("bytes written into the FIFO").isZero();
    try (java.io.OutputStream release = Files.newOutputStream(fifo)) {
      // lets the reader's open return; it then sees the end
    }
    reader.join(10_000);
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.exists(fifo)).isTrue();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(directory.resolve("inside.txt"))).isEqualTo("x");
    // predict -o DIR without --overwrite: the usage/input exit code too
    CliRun.Result d = cli().run("predict", "--model", model.toString(), "--input",
        gold.toString(), "--output", directory.toString());
    assertThat(d.code()).as(d.toString()).isEqualTo(3);
  }

  // ---- item 15: option values and inputs

  @Test
  void negativeOrNotANumberBudgetsAndTopsAreRefusedNamingTheOption() throws Exception {
    Path in = TestData.docs(dir.resolve("docs.jsonl"), 3);
    String[][] cases = {
      {"--budget", "-1"}, {"--budget", "NaN"}, {"--max-requests", "-1"}, {"--max-tokens", "-5"}
    };
    for (String[] c : cases) {
      CliRun.Result r = cli().run("label", "--input", in.toString(), "--labels", "a,b",
          "--output", dir.resolve("l.jsonl").toString(), c[0], c[1]);
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).contains(c[0] + " must be").contains(c[1]);
      assertThat(dir.resolve("l.jsonl")).doesNotExist();
    }
    CliRun.Result top = cli().run("classify", "--labels", "a,b", "-m", "hashing:32", "--top",
        "-2", "hello");
    assertThat(top.code()).as(top.toString()).isEqualTo(3);
    assertThat(top.err()).contains("--top must be at least 0").doesNotContain("topK");
    assertThat(top.out()).isEmpty();
    CliRun.Result ptop = cli().run("predict", "--model", model.toString(), "--input",
        in.toString(), "--top", "-1");
    assertThat(ptop.code()).as(ptop.toString()).isEqualTo(3);
    assertThat(ptop.err()).contains("--top").doesNotContain("topK");
    CliRun.Result rare = cli().run("check-data", gold.toString(), "--rare", "0");
    assertThat(rare.code()).as(rare.toString()).isEqualTo(3);
    assertThat(rare.err()).contains("--rare must be at least 1").doesNotContain("rareThreshold");
  }

  @Test
  void messagesNameOptionsNotJavaMethods() throws Exception {
    Path csv = dir.resolve("quotes.csv");
    Files.writeString(csv, "id,text,labels\n1,\"a 12\" pipe\" and more,sports\n");
    CliRun.Result r = cli().run("check-data", csv.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("--no-csv-quotes").doesNotContain("ReadOptions");
    CliRun.Result plain = cli().run("check-data", "--no-csv-quotes", csv.toString());
    assertThat(plain.code()).as(plain.toString()).isZero();
  }

  @Test
  void classifyRefusesBadUtf8AsPredictDoesAndAJsonArrayLine() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    byte[] line1 = "{\"id\": \"1\", \"text\": \"fine\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] line2 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"',
        '}', '\n'};
    byte[] all = new byte[line1.length + line2.length];
    System.arraycopy(line1, 0, all, 0, line1.length);
    System.arraycopy(line2, 0, all, line1.length, line2.length);
    Files.write(bad, all);
    CliRun.Result c = cli().run("classify", "--labels", "a,b", "-m", "hashing:32", "--input",
        bad.toString());
    CliRun.Result p = cli().run("predict", "--model", model.toString(), "--input",
        bad.toString());
    assertThat(p.code()).as(p.toString()).isEqualTo(3);
    assertThat(c.code()).as(c.toString()).isEqualTo(3);
    String expected = bad + ":2:";
    assertThat(p.err()).contains(expected).contains("invalid UTF-8 at byte 13");
    assertThat(c.err()).contains(expected).contains("invalid UTF-8 at byte 13");
    assertThat(c.out()).doesNotContain("\uFFFD");
    // a JSON array line is not a text; "[urgent] ..." is
    Path arr = dir.resolve("arr.txt");
    Files.writeString(arr, "[urgent] my card was declined\n[\"a\", \"b\"]\n");
    CliRun.Result a = cli().run("classify", "--labels", "a,b", "-m", "hashing:32", "--input",
        arr.toString());
    assertThat(a.code()).as(a.toString()).isEqualTo(3);
    assertThat(a.err()).contains(arr + ":2:").contains("a JSON array, not a text");
  }

  @Test
  void aDamagedModelsErrorNamesItsDirectory() throws Exception {
    // the decision rule
    Path m1 = dir.resolve("m1");
    assertThat(trainInto(m1, dir).code()).isZero();
    Files.writeString(m1.resolve("decision.json"), "{\"kind\": 42");
    // an array file's shape
    Path m2 = dir.resolve("m2");
    assertThat(trainInto(m2, dir).code()).isZero();
    try (Stream<Path> s = Files.list(m2)) {
      Path bin = s.filter(p -> p.toString().endsWith(".bin") || p.toString().endsWith(".f32"))
          .findFirst().orElseThrow();
      Files.write(bin, new byte[] {1, 2, 3});
    }
    // the manifest's embedder
    Path m3 = dir.resolve("m3");
    assertThat(trainInto(m3, dir).code()).isZero();
    Files.writeString(m3.resolve("manifest.json"), Files.readString(m3.resolve("manifest.json"))
        .replace("hashing:64", "hashing:x"));
    for (Path m : List.of(m1, m2, m3)) {
      CliRun.Result r = cli().run("predict", "--model", m.toString(), "--input",
          gold.toString());
      assertThat(r.code()).as(r.toString()).isNotZero();
      assertThat(r.err()).as(r.toString()).contains(m.toString());
    }
  }

  @Test
  void tuneWarnsOnOneDocumentAndKeepsTheRuleWhenTunedOnTheTrainingData() throws Exception {
    byte[] rule = Files.readAllBytes(model.resolve("decision.json"));
    CliRun.Result onTrain = cli().run("tune", "--model", model.toString(), "--validation",
        train.toString());
    assertThat(onTrain.code()).as(onTrain.toString()).isEqualTo(3);
    assertThat(onTrain.err()).contains("is the data the model was trained on")
        .contains("--force");
    assertThat(Files.readAllBytes(model.resolve("decision.json"))).isEqualTo(rule);
    // a copy of the training file is recognised by its content
    Path copy = Files.copy(train, dir.resolve("copy-of-train.jsonl"));
    CliRun.Result onCopy = cli().run("tune", "--model", model.toString(), "--validation",
        copy.toString());
    assertThat(onCopy.code()).as(onCopy.toString()).isEqualTo(3);
    assertThat(Files.readAllBytes(model.resolve("decision.json"))).isEqualTo(rule);
    CliRun.Result forced = cli().run("tune", "-q", "--model", model.toString(), "--validation",
        train.toString(), "--force");
    assertThat(forced.code()).as(forced.toString()).isZero();
    assertThat(forced.err()).contains("warning: ").contains("trained on");
    Path one = dir.resolve("one.jsonl");
    Files.writeString(one, Files.readAllLines(gold).get(0) + "\n");
    CliRun.Result single = cli().run("tune", "-q", "--model", model.toString(), "--validation",
        one.toString());
    assertThat(single.code()).as(single.toString()).isZero();
    assertThat(single.err()).contains("warning: tuned on only 1 labelled document");
  }
}
