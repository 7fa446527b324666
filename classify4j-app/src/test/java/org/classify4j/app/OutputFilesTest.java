package org.classify4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file rules of the app layer, without any face (issue 11, items 1–3 and 5). */
class OutputFilesTest {
  @TempDir Path dir;

  @Test
  void sameFileSeesThroughLinksAndDotDot() throws Exception {
    Path f = Files.writeString(dir.resolve("a.jsonl"), "x\n");
    Path sym = Files.createSymbolicLink(dir.resolve("s.jsonl"), f);
    Path hard = Files.createLink(dir.resolve("h.jsonl"), f);
    Files.createDirectories(dir.resolve("d"));
    assertThat(OutputFiles.sameFile(f, sym)).isTrue();
    assertThat(OutputFiles.sameFile(f, hard)).isTrue();
    assertThat(OutputFiles.sameFile(f, dir.resolve("d/../a.jsonl"))).isTrue();
    assertThat(OutputFiles.sameFile(f, dir.resolve("b.jsonl"))).isFalse();
    assertThatThrownBy(() -> OutputFiles.checkNotInput(hard, "--output", Map.of("--input", f),
        Optional.empty())).isInstanceOf(AppException.class).hasMessageContaining("same file");
  }

  @Test
  void aHeldLockRefusesASecondWriter() throws Exception {
    Path out = Files.writeString(dir.resolve("p.jsonl"), "");
    try (FileChannel a = FileChannel.open(out, StandardOpenOption.WRITE);
        FileChannel b = FileChannel.open(out, StandardOpenOption.WRITE)) {
      OutputFiles.lock(a, out);
      assertThatThrownBy(() -> OutputFiles.lock(b, out)).isInstanceOf(AppException.class)
          .hasMessageContaining("being written by another run");
    }
  }

  @Test
  void aModelSaveThatFailsHalfWayLeavesThePreviousModelWhole() throws Exception {
    Path model = dir.resolve("model");
    Path train = dir.resolve("train.jsonl");
    StringBuilder sb = new StringBuilder();
    for (var e : Fixtures.topics().examples()) {
      sb.append(org.classify4j.Json.mapper().writeValueAsString(Map.of("id", e.document().id(),
          "text", e.document().text(), "labels", e.labels()))).append('\n');
    }
    Files.writeString(train, sb);
    Settings s = Settings.of(new AppEnvironment(Map.of(), dir, dir.resolve("home")),
        Optional.empty());
    TrainService.train(s, MethodSpec.resolve(s, "centroid", "hashing:64", List.of(), "centroid"),
        new TrainService.Request(train, ReadOptions.defaults(), Optional.empty(), false, model,
            null, null), ProgressListener.none());
    byte[] manifest = Files.readAllBytes(model.resolve(ModelStore.MANIFEST));
    try (var reg = new ModelRegistry(new AppEnvironment(Map.of(), dir, dir.resolve("home")),
        ProjectsFile.empty())) {
      var loaded = reg.directory(model);
      SavableModel good = (SavableModel) loaded.model();
      // a model whose parts fail to serialize after its arrays were written
      SavableModel broken = (SavableModel) Proxy.newProxyInstance(
          SavableModel.class.getClassLoader(), new Class<?>[] {SavableModel.class},
          (proxy, method, args) -> {
            if (method.getName().equals("writeTo")) {
              ModelWriter w = (ModelWriter) args[0];
              good.writeTo(w);
              w.json("broken", new Exploding());
              return null;
            }
            try {
              return method.invoke(good, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      assertThatThrownBy(() -> ModelStore.save(broken, model, loaded.provenance()))
          .hasMessageContaining("cannot save model");
    }
    assertThat(Files.readAllBytes(model.resolve(ModelStore.MANIFEST))).isEqualTo(manifest);
    try (Stream<Path> l = Files.list(dir)) {
      assertThat(l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".model")))
          .isEmpty();
    }
  }

  /** A part whose serialization fails (like a disk filling up half-way through a save). */
  public static final class Exploding {
    public String getValue() {
      throw new IllegalStateException("simulated failure half-way through the save");
    }
  }
}
