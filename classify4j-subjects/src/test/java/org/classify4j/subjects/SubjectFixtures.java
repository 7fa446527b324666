package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * A small multi-label subject fixture: eight subjects with vocabulary URIs, sentences typical of
 * each; training documents combine one or two subjects, test documents other sentences of them.
 */
final class SubjectFixtures {
  private SubjectFixtures() {}

  static final String[] NAMES = {
    "Machine learning", "Neural networks", "Robotics", "Solar cells", "Wind power",
    "Urban planning", "Public transport", "Protein folding"};

  private static final String[][] SENTENCES = {
    {"We train a classifier with machine learning on labelled examples.",
     "Supervised machine learning predicts targets from features.",
     "The learning algorithm generalizes from training data to unseen data.",
     "Gradient boosting and other machine learning methods are compared."},
    {"A deep neural network with many layers is trained by backpropagation.",
     "Convolutional neural networks recognise images.",
     "The neurons and activation functions of the network are analysed.",
     "Recurrent neural networks model sequences of tokens."},
    {"The robot arm grasps objects with a gripper.",
     "Robotics combines sensors, actuators and motion control.",
     "A mobile robot plans its path through the warehouse.",
     "Humanoid robots walk on two legs with balance control."},
    {"Perovskite solar cells reach a high conversion efficiency.",
     "Silicon solar cells convert sunlight into electricity.",
     "The photovoltaic module degrades under ultraviolet light.",
     "Thin film solar cells are cheap to manufacture."},
    {"Wind turbines generate electricity offshore.",
     "Wind power output varies with the weather.",
     "The rotor blades of the turbine are made of composites.",
     "Onshore wind farms feed power into the grid."},
    {"Urban planning shapes neighbourhoods, streets and housing.",
     "The city council adopted a zoning plan for the district.",
     "Urban planning must balance density and green space.",
     "Municipal planners redesign the city centre."},
    {"Public transport by bus and tram reduces car traffic.",
     "Commuters ride the metro and suburban trains.",
     "Timetables of public transport are optimised for passengers.",
     "The railway operator extends the light rail network."},
    {"Protein folding determines the structure of enzymes.",
     "Amino acid chains fold into a three dimensional structure.",
     "Misfolded proteins cause neurodegenerative diseases.",
     "Molecular dynamics simulates protein folding pathways."},
  };

  static LabelSpace labels() {
    List<Label> out = new ArrayList<>();
    for (int j = 0; j < NAMES.length; j++) {
      out.add(Label.ofSubject("http://example.org/subject/" + j, NAMES[j]));
    }
    return LabelSpace.of(out);
  }

  /** 40 documents: every subject alone (sentences 0–2) and with a neighbour (sentences 0–1). */
  static Dataset train() {
    List<Example> ex = new ArrayList<>();
    int id = 0;
    for (int j = 0; j < NAMES.length; j++) {
      for (int s = 0; s < 3; s++) {
        ex.add(Example.of("t" + id++, SENTENCES[j][s], NAMES[j]));
      }
      int o = (j + 1) % NAMES.length;
      for (int s = 0; s < 2; s++) {
        ex.add(new Example(Document.of("t" + id++, SENTENCES[j][s] + " " + SENTENCES[o][2 - s]),
            List.of(NAMES[j], NAMES[o])));
      }
    }
    return Dataset.of(labels(), ex);
  }

  /** Eight held-out documents, one per subject, from sentence 3. */
  static List<Example> test() {
    List<Example> ex = new ArrayList<>();
    for (int j = 0; j < NAMES.length; j++) {
      ex.add(Example.of("h" + j, SENTENCES[j][3], NAMES[j]));
    }
    return ex;
  }

  static List<Document> documents(List<Example> examples) {
    List<Document> d = new ArrayList<>();
    for (Example e : examples) {
      d.add(e.document());
    }
    return d;
  }

  /** The fixture's two-subject records as "title" (first subject) and "abstract" (second). */
  static Dataset titled(java.util.function.UnaryOperator<String> text) {
    List<Example> out = new ArrayList<>();
    for (Example e : train().examples()) {
      String t = e.document().text();
      int cut = t.indexOf(". ");
      String titled = e.labels().size() == 2 && cut > 0
          ? t.substring(0, cut + 1) + "\n" + t.substring(cut + 2) : t;
      out.add(new Example(Document.of(e.document().id(), text.apply(titled)), e.labels()));
    }
    return Dataset.of(labels(), out);
  }
}
