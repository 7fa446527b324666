package org.classify4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.baseline.PriorClassifier;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFilesTest {

  @TempDir Path dir;

  private static LabelSpace read(String text) {
    return LabelFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f.tsv");
  }

  @Test
  void annifVocabularyKeepsUriAsIdentityAndNameForData() {
    LabelSpace s = read("http://d-nb.info/gnd/1237928176\t3 D bioprinting\n"
        + "# a comment\n\n"
        + "<http://d-nb.info/gnd/4193754-5>\tMaschinelles Lernen\tmachine learning|ML\n");
    assertThat(s.names()).containsExactly("3 D bioprinting", "Maschinelles Lernen");
    Label first = s.get(0);
    assertThat(first.uri()).isEqualTo("http://d-nb.info/gnd/1237928176");
    assertThat(first.identity()).isEqualTo("http://d-nb.info/gnd/1237928176");
    assertThat(first.description()).isEmpty();
    Label second = s.get(1);
    assertThat(second.uri()).isEqualTo("http://d-nb.info/gnd/4193754-5");
    assertThat(second.synonyms()).containsExactly("machine learning", "ML");
  }

  @Test
  void plainLabelFilesStillReadAsNameAndDescription() {
    LabelSpace s = read("billing\tcharges and refunds\ndelivery\n"
        + "note: http://x\tnot a URI in the first column\n");
    assertThat(s.names()).containsExactly("billing", "delivery", "note: http://x");
    assertThat(s.get(0).description()).isEqualTo("charges and refunds");
    assertThat(s.get(0).uri()).isEmpty();
    assertThat(s.get(0).identity()).isEqualTo("billing");
    assertThat(s.get(0).uriIfAny()).isEmpty();
  }

  @Test
  void uriDetection() {
    assertThat(LabelFiles.isUri("http://d-nb.info/gnd/4193754-5")).isTrue();
    assertThat(LabelFiles.isUri("<https://example.org/c/1>")).isTrue();
    assertThat(LabelFiles.isUri("urn:isbn:0451450523")).isTrue();
    assertThat(LabelFiles.isUri("Field programmable gate array")).isFalse();
    assertThat(LabelFiles.isUri("http")).isFalse();
    assertThat(LabelFiles.isUri("ratio: 3://x y")).isFalse();
  }

  @Test
  void aBadVocabularyLineNamesFileAndLine() {
    assertThatThrownBy(() -> read("http://d-nb.info/gnd/1\tA\nB without uri\tB\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("f.tsv")
        .hasMessageContaining("2")
        .hasMessageContaining("not an absolute URI");
    assertThatThrownBy(() -> read("http://d-nb.info/gnd/1\tA\nhttp://d-nb.info/gnd/2\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("1 tab-separated column");
    assertThatThrownBy(() -> read("http://d-nb.info/gnd/1\tA\nhttp://d-nb.info/gnd/1\tB\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("duplicate URI");
    assertThatThrownBy(() -> read("http://d-nb.info/gnd/1\tA\nhttp://d-nb.info/gnd/2\tA\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("duplicate preferred name 'A'");
  }

  @Test
  void badLineErrorCarriesTheLineNumber() {
    BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
        () -> read("http://a.org/1\tA\nhttp://a.org/2\tB\n\tC\n"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.source()).isEqualTo("f.tsv");
  }

  @Test
  void urisSurviveSaveAndLoad() {
    LabelSpace s = read("http://d-nb.info/gnd/1\tAlpha\nhttp://d-nb.info/gnd/2\tBeta\n");
    Dataset train = Dataset.of(s, List.of(Example.of("1", "a", "Alpha"),
        Example.of("2", "b", "Beta"), Example.of("3", "c", "Beta")));
    SavableModel m = (SavableModel) new PriorClassifier().fit(train);
    Path d = dir.resolve("m");
    ModelStore.save(m, d, Provenance.of(new PriorClassifier(), train));
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel loaded = ModelStore.load(d, ctx);
      assertThat(loaded.model().classes()).isEqualTo(s);
      assertThat(loaded.model().classes().get(1).uri()).isEqualTo("http://d-nb.info/gnd/2");
    }
  }
}
