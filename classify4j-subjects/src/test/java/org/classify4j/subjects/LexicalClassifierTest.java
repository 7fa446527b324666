package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.Test;

class LexicalClassifierTest extends ClassifierContract {

  @Override
  protected Classifier spec(long seed) {
    return new LexicalClassifier("english", 1.0, seed);
  }

  @Override
  protected Dataset trainData() {
    return SubjectFixtures.train();
  }

  /** Held-out documents that name their subject (the lexical method needs the name). */
  @Override
  protected List<Example> testData() {
    List<Example> ex = new ArrayList<>();
    for (String name : new String[] {"Robotics", "Wind power", "Urban planning"}) {
      ex.add(Example.of("n" + ex.size(), "A survey of " + name.toLowerCase() + " in 2020", name));
    }
    return ex;
  }

  @Test
  void findsNamesWithStemmingAndQualifiersAndUnseenLabels() {
    List<Label> labels = new ArrayList<>(SubjectFixtures.labels().labels());
    labels.add(Label.ofSubject("http://example.org/x", "ATLAS (Teilchendetektor)"));
    labels.add(Label.ofSubject("http://example.org/y", "Heat pumps"));
    Dataset train = Dataset.of(LabelSpace.of(labels), SubjectFixtures.train().examples());
    LexicalModel m = new LexicalClassifier("english", 1.0, 1).fit(train);
    ScoreMatrix s = m.predictProba(List.of(
        Document.of("a", "Data from the ATLAS detector"),
        Document.of("b", "A heat pump heats houses")));
    int atlas = labels.size() - 2;
    int heat = labels.size() - 1;
    assertThat(s.get(0, atlas)).as("qualifier stripped, never in training").isPositive();
    assertThat(s.get(1, heat)).as("stemmed plural/singular, never in training").isPositive();
    assertThat(s.get(1, atlas)).isZero();
    assertThat(s.get(0, heat)).isZero();
  }

  @Test
  void withoutStemmingInflectedNamesAreMissed() {
    List<Label> labels = new ArrayList<>(SubjectFixtures.labels().labels());
    labels.add(Label.ofSubject("http://example.org/y", "Heat pumps"));
    Dataset train = Dataset.of(LabelSpace.of(labels), SubjectFixtures.train().examples());
    ScoreMatrix s = new LexicalClassifier("plain", 1.0, 1).fit(train)
        .predictProba(List.of(Document.of("b", "A heat pump heats houses")));
    assertThat(s.get(0, labels.size() - 1)).isZero();
  }

  @Test
  void skosAltLabelsFromTurtleAreMatchedLikeNames() {
    String ttl = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        + "@prefix ex: <http://example.org/> .\n"
        + "ex:energy a skos:Concept ; skos:prefLabel \"Energy\"@en .\n"
        + "ex:heat a skos:Concept ; skos:prefLabel \"Heat pumps\"@en ;\n"
        + "  skos:altLabel \"Geothermal heating\"@en ; skos:broader ex:energy .\n";
    LabelSpace vocab = org.classify4j.data.io.SkosVocabulary.read(
        new java.io.ByteArrayInputStream(ttl.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "v.ttl", "en");
    List<Label> labels = new ArrayList<>(SubjectFixtures.labels().labels());
    labels.addAll(vocab.labels());
    Dataset train = Dataset.of(LabelSpace.of(labels), SubjectFixtures.train().examples());
    ScoreMatrix s = new LexicalClassifier("english", 1.0, 1).fit(train)
        .predictProba(List.of(Document.of("a", "Geothermal heating for old houses")));
    int heat = labels.size() - 1;
    assertThat(labels.get(heat).parent()).isEqualTo("Energy");
    assertThat(s.get(0, heat)).as("matched through its skos:altLabel only").isPositive();
    assertThat(s.get(0, heat - 1)).isZero();
  }
}
