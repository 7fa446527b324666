package org.classify4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.data.BadInputException;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.LabelTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label files with a parent column, and SKOS vocabularies in Turtle. */
class HierarchicalLabelFilesTest {
  @TempDir Path dir;

  private static LabelSpace tsv(String text) {
    return LabelFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "h.tsv");
  }

  private static LabelSpace ttl(String text, String language) {
    return SkosVocabulary.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "v.ttl", language);
  }

  @Test
  void parentColumnMakesATreeInAnyOrder() {
    LabelSpace s = tsv("HUM:ind\tan individual\t\tHUM\n"
        + "HUM\thuman\n"
        + "LOC:city\ta city\ttown|village\tLOC\n"
        + "LOC\tlocation\t\t\n"
        + "HUM:gr\ta group\t\tHUM\n");
    assertThat(s.hasHierarchy()).isTrue();
    LabelTree t = s.tree();
    assertThat(t.maxDepth()).isEqualTo(1);
    assertThat(s.get(0).parent()).isEqualTo("HUM");
    assertThat(s.get(2).synonyms()).containsExactly("town", "village");
    assertThat(t.ancestors("HUM:ind")).containsExactly("HUM");
    assertThat(t.descendants("HUM")).containsExactly("HUM:ind", "HUM:gr");
    assertThat(t.roots()).containsExactly(1, 3);
    assertThat(t.root(0)).isEqualTo(1);
    assertThat(t.withAncestors(new int[] {4, 2})).containsExactly(1, 2, 3, 4);
    int[] up = t.bottomUp();
    assertThat(up).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    for (int i = 0; i < up.length; i++) {
      for (int a : t.ancestors(up[i])) {
        assertThat(java.util.Arrays.stream(up).boxed().toList().indexOf(a)).isGreaterThan(i);
      }
    }
  }

  @Test
  void threeColumnFilesStayFlat() {
    LabelSpace s = tsv("a\tthe a\tx|y\nb\n");
    assertThat(s.hasHierarchy()).isFalse();
    assertThat(s.tree().isFlat()).isTrue();
  }

  @Test
  void unknownParentNamesFileLineAndField() {
    assertThatThrownBy(() -> tsv("A\nA:x\t\t\tA\nB:y\t\t\tB\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("h.tsv:3: field 'parent': unknown parent 'B' of label 'B:y'");
  }

  @Test
  void cyclesAndSelfParentsAreErrors() {
    assertThatThrownBy(() -> tsv("a\t\t\tc\nb\t\t\ta\nc\t\t\tb\nd\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("h.tsv:1: field 'parent': labels form a cycle of parents: a → c"
            + " → b → a");
    assertThatThrownBy(() -> tsv("a\nb\t\t\tb\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("h.tsv:2: field 'parent': label 'b' names itself");
    assertThatThrownBy(() -> tsv("a\t\t\t\tb\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("h.tsv:1").hasMessageContaining("5 tab-separated columns");
  }

  @Test
  void programmaticSpacesAreCheckedWhenTheTreeIsAskedFor() {
    LabelSpace s = LabelSpace.of(List.of(new org.classify4j.data.Label("x", "", List.of(), "y")));
    assertThat(s.hasHierarchy()).isTrue();
    assertThatThrownBy(s::tree).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 'x': parent 'y' is not a label");
  }

  static final String SKOS = """
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      @prefix owl: <http://www.w3.org/2002/07/owl#> .
      @prefix ex: <http://example.org/thes/> .

      ex:economics a skos:Concept ;
          skos:prefLabel "Economics"@en, "Wirtschaft"@de ;
          skos:narrower ex:trade .
      ex:trade a skos:Concept ;
          skos:prefLabel "Trade"@en, "Handel"@de ;
          skos:altLabel "Commerce"@en, "Kommerz"@de ;
          skos:definition "Buying and selling goods"@en .
      ex:tariff a skos:Concept ;
          skos:prefLabel "Tariff"@en, "Zoll"@de ;
          skos:altLabel "Customs duty"@en, "Tariff"@en ;
          skos:broader ex:trade .
      ex:old a skos:Concept ;
          skos:prefLabel "Old concept"@en ;
          owl:deprecated true .
      ex:scheme a skos:ConceptScheme .
      """;

  @Test
  void skosConceptsBecomeLabelsWithUrisSynonymsAndParents() {
    LabelSpace s = ttl(SKOS, "");
    assertThat(s.names()).containsExactly("Economics", "Trade", "Tariff");
    assertThat(s.get(1).uri()).isEqualTo("http://example.org/thes/trade");
    assertThat(s.get(1).parent()).isEqualTo("Economics"); // from skos:narrower
    assertThat(s.get(1).synonyms()).containsExactly("Commerce");
    assertThat(s.get(1).description()).isEqualTo("Buying and selling goods");
    assertThat(s.get(2).parent()).isEqualTo("Trade");
    assertThat(s.get(2).synonyms()).containsExactly("Customs duty"); // the name itself dropped
    assertThat(s.tree().ancestors("Tariff")).containsExactly("Trade", "Economics");
    LabelSpace de = ttl(SKOS, "de");
    assertThat(de.names()).containsExactly("Wirtschaft", "Handel", "Zoll");
    assertThat(de.get(1).synonyms()).containsExactly("Kommerz");
    assertThat(de.get(2).parent()).isEqualTo("Handel");
  }

  @Test
  void aTurtleFileLoadsThroughLabelFiles() throws Exception {
    Path f = dir.resolve("thes.ttl");
    Files.writeString(f, SKOS);
    LabelSpace s = LabelFiles.read(f);
    assertThat(s.names()).containsExactly("Economics", "Trade", "Tariff");
    assertThat(s.hasHierarchy()).isTrue();
  }

  @Test
  void badSkosNamesFileLineAndField() {
    String prefix = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        + "@prefix ex: <http://example.org/> .\n";
    assertThatThrownBy(() -> ttl(prefix + "ex:a a skos:Concept ; skos:prefLabel \"A\"@en ;\n"
        + "  skos:broader ex:missing .\n", ""))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("v.ttl:4: field 'skos:broader': concept <http://example.org/a>:"
            + " broader <http://example.org/missing> is not a concept");
    assertThatThrownBy(() -> ttl(prefix + "ex:a a skos:Concept ; skos:prefLabel \"A\"@en ;\n"
        + "  skos:broader ex:b .\n"
        + "ex:b a skos:Concept ; skos:prefLabel \"B\"@en ;\n"
        + "  skos:broader ex:a .\n", ""))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("v.ttl:4: field 'parent': labels form a cycle of parents: A → B → A");
    assertThatThrownBy(() -> ttl(prefix + "ex:a a skos:Concept ;\n skos:prefLabel \"A\"@de .\n",
        "fi"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("v.ttl:3: field 'skos:prefLabel'")
        .hasMessageContaining("no preferred label in language 'fi'");
    assertThatThrownBy(() -> ttl(prefix + "ex:a a skos:Concept ;\n skos:prefLabel \"A\" \n",
        ""))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("v.ttl:")
        .hasMessageContaining("not valid Turtle");
    assertThatThrownBy(() -> ttl(prefix + "ex:a skos:prefLabel \"A\" .\n", ""))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no skos:Concept");
  }
}
